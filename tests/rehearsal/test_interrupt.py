"""Ctrl-C in the middle of a turn leaves a consistent session: the answer it cuts into is
saved (all its files and its manifest entry) and counted in the coaching, or neither, and
the closing screen says which. A real SIGINT is raised at each critical point of a real
rehearsal (recorded answers, real Whisper, the real store on a temp folder). The same
through the virtual sound card, while the candidate goes on: test_interrupt_live.py."""

from __future__ import annotations

import json
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from voicecoach.audio.devices import SilentPlayer
from voicecoach.audio.recorders import FileRecorder
from voicecoach.audio.tts import Pyttsx3Speaker
from voicecoach.rehearsal.continuation import Continuation
from voicecoach.rehearsal.events import Devices, RehearsalResult
from voicecoach.rehearsal.run import Rehearsal
from voicecoach.rehearsal.screen import summary_view
from voicecoach.scenario import load_scenario
from voicecoach.sessions import records, writer
from voicecoach.sessions.store import Store
from voicecoach.terminal import interrupts_held

SAMPLES = Path(__file__).parent.parent.parent / "samples"
ANSWERS = [SAMPLES / "strong" / "turn-04.flac", SAMPLES / "strong" / "turn-05.flac"]


def ctrl_c() -> None:
    signal.raise_signal(signal.SIGINT)  # as the terminal sends it: KeyboardInterrupt here


def ctrl_c_in_analysis(monkeypatch: pytest.MonkeyPatch, call: int) -> list[object]:
    """Ctrl-C while the analyzer's ``call``-th answer (from now) is analysed; the calls."""
    from voicecoach.analysis import analyzer

    real, calls = analyzer.analyze, []

    def analyze(transcript: Any, **kw: Any) -> Any:
        calls.append(transcript)
        if len(calls) == call:
            ctrl_c()
        return real(transcript, **kw)

    monkeypatch.setattr(analyzer, "analyze", analyze)
    return calls


def during_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    """Turn 2 has been recorded and transcribed; Ctrl-C while it is being analysed."""
    ctrl_c_in_analysis(monkeypatch, 2)


def between_the_turns_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C after turn 2's transcript is written, before its analysis and manifest entry."""
    real = records.write_json

    def write_json(path: Path, data: Any) -> None:
        if path.parent.name == "turn-02" and path.name == "analysis.json":
            ctrl_c()
        real(path, data)

    monkeypatch.setattr(records, "write_json", write_json)


def after_the_save(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C once turn 2 is saved, before the rehearsal has counted it."""
    real = writer.SessionWriter.save_turn

    def save_turn(self: writer.SessionWriter, n: int, **kw: Any) -> None:
        real(self, n, **kw)
        if n == 2:
            ctrl_c()

    monkeypatch.setattr(writer.SessionWriter, "save_turn", save_turn)


def rehearse(transcriber: Any) -> tuple[RehearsalResult, dict[str, Any]]:
    store = Store()
    session = store.create(scenario="ask", profile=None, engine="faster-whisper", model="x")
    result = Rehearsal(
        load_scenario("ask"),
        devices=Devices(Pyttsx3Speaker(), SilentPlayer(), FileRecorder(ANSWERS), live=False),
        transcriber=transcriber, writer=session, seed=2,
    ).run()  # fmt: skip
    return result, json.loads((result.session_path / "manifest.json").read_text())


def closing_text(result: RehearsalResult) -> str:
    console = Console(record=True, width=400)
    console.print(summary_view(result))
    return console.export_text()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("interrupt", "saved"),
    [(during_analysis, False), (between_the_turns_files, True), (after_the_save, True)],
    ids=["during-analysis", "between-the-turns-files", "after-the-save"],
)
def test_ctrl_c_saves_and_counts_the_answer_or_neither(
    interrupt: Callable[[pytest.MonkeyPatch], None],
    saved: bool,
    monkeypatch: pytest.MonkeyPatch,
    faster_transcriber: Any,
) -> None:
    interrupt(monkeypatch)
    result, manifest = rehearse(faster_transcriber)

    assert result.status == "interrupted" and result.ended_by == "interrupted"
    counted = [r.turn.n for r in result.turns]
    assert [t["n"] for t in manifest["turns"]] == counted == ([1, 2] if saved else [1])
    turn2 = result.session_path / "turn-02"
    assert (turn2 / "answer.wav").exists()  # the recording is never lost
    session = Store().load(result.session_id)  # strict: every promised file is whole
    if saved:
        kept = json.loads((turn2 / "transcript.json").read_text())["text"]
        assert kept == result.turns[1].transcript.text  # the saved answer is the counted one
        assert manifest["turns"][1]["score"] == result.turns[1].analysis.score
        assert result.unsaved == ()
        assert "Your answer to turn 2 was saved and is part of this coaching." in (
            closing_text(result)
        )
    else:
        assert session.turns[1].transcript is None  # audio only, as `sessions show` says
        assert result.unsaved == (2,)
        text = closing_text(result)
        assert "Your answer to turn 2 was stopped before it was coached" in text
        assert f"voicecoach analyze --session {result.session_id}" in text
    assert result.analysis is not None and manifest["analysis"] is True
    # at 60 columns each command to go on with stays whole on its line (trials 22 and 23:
    # "Replay: ... Report:" / "voicecoach report ..." wrapped mid-command)
    narrow = Console(record=True, width=60)
    narrow.print(summary_view(result))
    lines = narrow.export_text().splitlines()
    for command in ("replay", "report"):
        line = f"{command.capitalize()}: voicecoach {command} {result.session_id}"
        assert line in [x.strip() for x in lines], lines[-3:]


def test_interrupts_held_are_delivered_on_the_way_out() -> None:
    seen: list[str] = []
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: seen.append("term"))
    try:
        with pytest.raises(KeyboardInterrupt), interrupts_held():
            ctrl_c()
            signal.raise_signal(signal.SIGTERM)
            signal.raise_signal(signal.SIGTERM)
            seen.append("block finished")
        # each signal once, after the block, through the handler that was in place
        assert seen == ["block finished", "term"]
        with interrupts_held():  # nothing caught: nothing delivered
            seen.append("quiet")
        assert seen[-1] == "quiet"
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGTERM, previous)


class WentOn:
    """The listening after an answer (a microphone's thread), as when the candidate went
    on: what it heard is real speech, transcribed by the real model."""

    heard = True

    def __init__(self, more: Continuation, *, ctrl_c_in_last_piece: bool = False) -> None:
        self.more = more
        self.ctrl_c_in_last_piece = ctrl_c_in_last_piece

    def settle(self) -> bool:
        return True

    def wait(self) -> None: ...

    def finish(self) -> Continuation:
        if self.ctrl_c_in_last_piece:  # the continuation's last piece is being transcribed
            ctrl_c()
        return self.more

    def abandon(self) -> None: ...


@pytest.mark.slow
@pytest.mark.parametrize("during", ["analysis", "last-piece"])
def test_ctrl_c_while_a_continued_answer_is_coached_keeps_its_audio_and_words_together(
    during: str, monkeypatch: pytest.MonkeyPatch, faster_transcriber: Any
) -> None:
    from voicecoach.audio.files import load_audio, write_wav
    from voicecoach.audio.recorders import Recording
    from voicecoach.pipeline import hear
    from voicecoach.rehearsal.barge_in import LISTENING_WAV

    session = Store().create(scenario="ask", profile=None, engine="faster-whisper", model="x")
    rehearsal = Rehearsal(
        load_scenario("ask"),
        devices=Devices(Pyttsx3Speaker(), SilentPlayer(), FileRecorder(ANSWERS), live=False),
        transcriber=faster_transcriber, writer=session, seed=2,
    )  # fmt: skip
    turn = rehearsal.turns[0]
    first_audio, more_audio = (load_audio(a) for a in ANSWERS)
    first_s, more_s = len(first_audio) / 16000, len(more_audio) / 16000
    path = write_wav(session.turn_paths(1).answer_wav, first_audio)
    first = Recording(path, first_s, "finished", True, 0.0, first_s, audio=first_audio)
    rehearsal.coach(turn, first, *hear(first_audio, faster_transcriber), prompt_started=0.0)
    listening = write_wav(path.with_name(LISTENING_WAV), more_audio)
    more = Continuation(
        Recording(listening, more_s, "finished", True, first_s, first_s + more_s),
        more_audio, 0.5, *hear(more_audio, faster_transcriber),
    )  # fmt: skip
    rehearsal.controls.quit.set()  # q as well: no listening after this one
    # Ctrl-C while the whole answer is analysed, or while the continuation's last words are
    # transcribed (it had ended on its own)
    calls = ctrl_c_in_analysis(monkeypatch, 1 if during == "analysis" else 0)
    went_on = WentOn(more, ctrl_c_in_last_piece=during == "last-piece")
    with pytest.raises(KeyboardInterrupt):
        rehearsal.listening.hear_more(went_on)  # type: ignore[arg-type]

    (counted,) = rehearsal.results
    kept = json.loads((path.parent / "transcript.json").read_text())["text"]
    assert kept == counted.transcript.text and more.transcript.text.strip() in kept
    assert len(calls) == 1  # the whole answer was coached, once
    assert len(load_audio(path)) == len(counted.recording.audio)  # the audio of those words
    manifest = json.loads((session.path / "manifest.json").read_text())
    assert [t["n"] for t in manifest["turns"]] == [1]
    assert manifest["turns"][0]["score"] == counted.analysis.score
