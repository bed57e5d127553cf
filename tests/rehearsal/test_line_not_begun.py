"""The candidate goes on while the next line is being rendered (after _prompt's
``listener.heard`` check, before the player sends a block): the line is never heard, yet
the screen is told a line began, and reads "The interviewer stopped to let you finish"."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
from rich.console import Console

from voicecoach.audio.devices import SilentPlayer
from voicecoach.audio.files import write_wav
from voicecoach.audio.recorders import FileRecorder
from voicecoach.rehearsal.events import Devices
from voicecoach.rehearsal.run import Rehearsal
from voicecoach.rehearsal.screen import PlainEvents
from voicecoach.scenario import load_scenario
from voicecoach.sessions.store import Store


class FakeListener:
    """Stands in for barge_in.Listener: the candidate's onset sets halt and heard."""

    def __init__(self) -> None:
        self.halt = threading.Event()
        self.onset = False
        self.line_heard = 0.0

    @property
    def heard(self) -> bool:
        return self.onset

    def prompt(self, wav: Path, answer_from: float | None = None) -> threading.Event:
        return self.halt

    def started(self, at: float) -> None:
        pass


class GoesOnDuringRender:
    def __init__(self, listener: FakeListener) -> None:
        self.listener = listener

    def render(self, text: str, path: Path) -> Path:
        self.listener.onset = True  # the candidate goes on while the voice renders
        self.listener.halt.set()
        return write_wav(path, np.zeros(16000, np.float32))


class CountingPlayer(SilentPlayer):
    def __init__(self) -> None:
        super().__init__()
        self.sounded = 0

    def play(self, path, stop=None, on_start=None):  # type: ignore[no-untyped-def]
        super().play(path, stop=stop, on_start=on_start)
        if stop is None or not stop.is_set():
            self.sounded += 1


def test_going_on_while_the_next_line_renders_is_not_a_stopped_line() -> None:
    listener = FakeListener()
    console = Console(record=True, width=200)
    events = PlainEvents(console, live=True)
    player = CountingPlayer()
    rehearsal = Rehearsal(
        load_scenario("ask"),
        devices=Devices(GoesOnDuringRender(listener), player, FileRecorder([]), live=True),  # type: ignore[arg-type]
        transcriber=None,  # type: ignore[arg-type]
        writer=Store().create(scenario="ask", profile=None, engine="x", model="y"),
        events=events,
    )
    turn = rehearsal.turns[1]
    rehearsal._prompt(turn, listener)  # type: ignore[arg-type]
    assert player.sounded == 0  # not a block of the line went out
    events.barge_in(rehearsal.turns[0])
    text = console.export_text()
    assert "stopped to let you finish" not in text, text
