"""voicecoach: rehearse the close of a job interview out loud, coached offline.

The library API is re-exported here; heavy modules load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from voicecoach.lazy import lazy_exports

__version__ = "0.1.0"

if TYPE_CHECKING:
    from voicecoach.analysis.analyzer import analyze, analyze_text
    from voicecoach.analysis.results import Analysis
    from voicecoach.audio.files import load_audio
    from voicecoach.errors import VoicecoachError
    from voicecoach.speech.factory import load_transcriber
    from voicecoach.transcript import Segment, Transcript, Word

_LAZY = {
    "analyze": "voicecoach.analysis.analyzer",
    "analyze_text": "voicecoach.analysis.analyzer",
    "Analysis": "voicecoach.analysis.results",
    "load_audio": "voicecoach.audio.files",
    "VoicecoachError": "voicecoach.errors",
    "load_transcriber": "voicecoach.speech.factory",
    "Segment": "voicecoach.transcript",
    "Transcript": "voicecoach.transcript",
    "Word": "voicecoach.transcript",
}

__all__ = [
    "Analysis",
    "Segment",
    "Transcript",
    "VoicecoachError",
    "Word",
    "analyze",
    "analyze_text",
    "load_audio",
    "load_transcriber",
]

__getattr__ = lazy_exports(__name__, _LAZY)
