"""The spoken rehearsal: prompts spoken, answers recorded, transcribed and coached turn by
turn (:mod:`.run`), set up from the user's options (:mod:`.setup`), with a quick verdict
per answer (:mod:`.verdict`) and a live terminal screen (:mod:`.screen`, not imported here:
it needs rich)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from voicecoach.lazy import lazy_exports

if TYPE_CHECKING:
    from voicecoach.rehearsal.events import (
        Controls,
        Devices,
        RehearsalEvents,
        RehearsalResult,
        TurnResult,
    )
    from voicecoach.rehearsal.run import Rehearsal
    from voicecoach.rehearsal.setup import RehearseOptions, build_devices, prepare
    from voicecoach.rehearsal.verdict import Verdict, quick_verdict

__all__ = [
    "Controls",
    "Devices",
    "Rehearsal",
    "RehearsalEvents",
    "RehearsalResult",
    "RehearseOptions",
    "TurnResult",
    "Verdict",
    "build_devices",
    "prepare",
    "quick_verdict",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "Controls": "voicecoach.rehearsal.events",
        "Devices": "voicecoach.rehearsal.events",
        "Rehearsal": "voicecoach.rehearsal.run",
        "RehearsalEvents": "voicecoach.rehearsal.events",
        "RehearsalResult": "voicecoach.rehearsal.events",
        "TurnResult": "voicecoach.rehearsal.events",
        "RehearseOptions": "voicecoach.rehearsal.setup",
        "build_devices": "voicecoach.rehearsal.setup",
        "prepare": "voicecoach.rehearsal.setup",
        "Verdict": "voicecoach.rehearsal.verdict",
        "quick_verdict": "voicecoach.rehearsal.verdict",
    },
)
