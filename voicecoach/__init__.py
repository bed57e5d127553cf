"""voicecoach: rehearse the close of a job interview out loud, coached offline.

The library API is re-exported here; heavy modules load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from voicecoach.analysis import analyze, analyze_text
    from voicecoach.analysis.model import Analysis
    from voicecoach.audio import load_audio
    from voicecoach.errors import VoicecoachError
    from voicecoach.transcribe import load_transcriber
    from voicecoach.transcript import Segment, Transcript, Word

_LAZY = {
    "analyze": "voicecoach.analysis",
    "analyze_text": "voicecoach.analysis",
    "Analysis": "voicecoach.analysis.model",
    "load_audio": "voicecoach.audio",
    "VoicecoachError": "voicecoach.errors",
    "load_transcriber": "voicecoach.transcribe",
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


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'voicecoach' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
