"""Storage of rehearsals: one folder per session and a SQLite index over them.

Storage only: it imports neither the terminal UI, the CLI nor the analyzer's rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from voicecoach.lazy import lazy_exports

if TYPE_CHECKING:
    from voicecoach.sessions.index import SessionSummary
    from voicecoach.sessions.metrics import Metrics, metrics_of
    from voicecoach.sessions.records import AnswerResults, Session, Turn
    from voicecoach.sessions.store import Store
    from voicecoach.sessions.writer import SessionWriter

__all__ = [
    "AnswerResults",
    "Metrics",
    "Session",
    "SessionSummary",
    "SessionWriter",
    "Store",
    "Turn",
    "metrics_of",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "SessionSummary": "voicecoach.sessions.index",
        "Metrics": "voicecoach.sessions.metrics",
        "metrics_of": "voicecoach.sessions.metrics",
        "AnswerResults": "voicecoach.sessions.records",
        "Session": "voicecoach.sessions.records",
        "Turn": "voicecoach.sessions.records",
        "Store": "voicecoach.sessions.store",
        "SessionWriter": "voicecoach.sessions.writer",
    },
)
