"""What a rehearsal is given and what it reports: its devices and controls, the events
the UI follows, and the results of each turn and of the whole session.

Kept apart from :mod:`.run` so the UI (:mod:`.screen`) and :mod:`.barge_in` can name
these types without importing the runner.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from voicecoach.analysis.prosody import Voice
    from voicecoach.analysis.results import Analysis
    from voicecoach.audio.devices import Player
    from voicecoach.audio.endpoint import RecordingStatus
    from voicecoach.audio.recorders import Recorder, Recording
    from voicecoach.audio.tts import Speaker
    from voicecoach.rehearsal.verdict import Verdict
    from voicecoach.scenario import Scenario, Turn
    from voicecoach.transcript import Transcript

Status = Literal["complete", "interrupted"]


@dataclass(frozen=True)
class Devices:
    """Everything with hardware behind it, built in one place
    (:func:`voicecoach.rehearsal.setup.build_devices`)."""

    speaker: Speaker
    player: Player
    recorder: Recorder
    live: bool  # a real microphone: answers end by key or silence, not by file


@dataclass
class Controls:
    """Set from the UI thread: finish the answer now, or stop the rehearsal."""

    finish_answer: threading.Event = field(default_factory=threading.Event)
    quit: threading.Event = field(default_factory=threading.Event)


class RehearsalEvents:
    """What the UI hears about. Every method is a no-op here; override what you show."""

    # ``turns``: the planned ones; ``may_add``: a reacting interviewer may insert more (a
    # go-ahead, a line said again, a nudge, an opening), so their number is not the total
    def ready(
        self, session_id: str, scenario: Scenario, turns: Sequence[Turn], *, may_add: bool = False
    ) -> None: ...
    def prompt(self, turn: Turn, duration_s: float) -> None: ...  # starts playing now
    # the candidate answered before ``turn``'s line was over: it stopped ``heard`` (0-1) of
    # the way through (answer_started follows)
    def line_answered(self, turn: Turn, heard: float) -> None: ...
    def answer_started(self, turn: Turn) -> None: ...
    def recording(self, turn: Turn, status: RecordingStatus) -> None: ...  # a few times a second
    def answer_ended(self, turn: Turn, recording: Recording) -> None: ...
    # the candidate went on after the answer was judged over: the prompt stopped, the
    # answer to ``turn`` is recorded on (recording() follows); feedback() gives its new verdict
    def barge_in(self, turn: Turn) -> None: ...
    def feedback(self, result: TurnResult) -> None: ...
    def finished(self, result: RehearsalResult) -> None: ...


@dataclass(frozen=True)
class TurnResult:
    turn: Turn
    recording: Recording
    transcript: Transcript
    speech_regions: tuple[tuple[float, float], ...]
    analysis: Analysis
    verdict: Verdict
    prompt_started_at: float  # time.time() when the prompt began to play
    answer_ended_at: float
    feedback_ready_at: float
    voice: Voice | None = None  # the answer's pitch and loudness
    # where parts of the answer transcribed apart start (s): a continuation joined to it
    parts_s: tuple[float, ...] = ()

    @property
    def feedback_latency_s(self) -> float:
        return self.feedback_ready_at - self.answer_ended_at


@dataclass(frozen=True)
class RehearsalResult:
    session_id: str
    session_path: Path
    scenario: str
    status: Status
    turns: tuple[TurnResult, ...]
    analysis: Analysis | None  # the whole closing across turns; None when nothing was answered
    ended_by: str = ""  # "", "quit", "interrupted" (Ctrl-C) or "device_lost"
    started_at: float = 0.0  # time.time() when the session was ready to start
    problem: str = ""  # why the run stopped early, for the UI
    # turns whose recorded answer was stopped (Ctrl-C) before it was saved: audio only,
    # not in the coaching; every other answer in ``turns`` is saved and counted
    unsaved: tuple[int, ...] = ()


__all__ = ["Controls", "Devices", "RehearsalEvents", "RehearsalResult", "Status", "TurnResult"]
