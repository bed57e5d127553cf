"""The closing analyzer: find each playbook move in what the candidate said, time it, coach.

Pure functions: transcripts in, :class:`~voicecoach.analysis.results.Analysis` out. The
names below load on first use, so importing the result types (as storage does) does not
load the rules or the sentence model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from voicecoach.lazy import lazy_exports

if TYPE_CHECKING:
    from voicecoach.analysis.analyzer import (
        TurnInput,
        analyze,
        analyze_rehearsal,
        analyze_text,
        unreached_expects,
    )
    from voicecoach.analysis.prosody import Voice, measure_voice
    from voicecoach.analysis.results import EXPECTS, MOVES, Analysis

_LAZY = {
    "EXPECTS": "voicecoach.analysis.results",
    "MOVES": "voicecoach.analysis.results",
    "Analysis": "voicecoach.analysis.results",
    "TurnInput": "voicecoach.analysis.analyzer",
    "analyze": "voicecoach.analysis.analyzer",
    "analyze_rehearsal": "voicecoach.analysis.analyzer",
    "analyze_text": "voicecoach.analysis.analyzer",
    "unreached_expects": "voicecoach.analysis.analyzer",
    "Voice": "voicecoach.analysis.prosody",
    "measure_voice": "voicecoach.analysis.prosody",
}

__all__ = [
    "EXPECTS",
    "MOVES",
    "Analysis",
    "TurnInput",
    "Voice",
    "analyze",
    "analyze_rehearsal",
    "analyze_text",
    "measure_voice",
    "unreached_expects",
]

__getattr__ = lazy_exports(__name__, _LAZY)
