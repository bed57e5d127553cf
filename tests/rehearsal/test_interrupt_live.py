"""Ctrl-C while the candidate goes on after their answer was judged over (a barge-in), live
through the virtual sound card (tests/audio_rig.py): the rehearsal runs in this process
with the real devices, Whisper tiny.en, the analyzer and the store; the candidate is TTS
played into the card's microphone, and Ctrl-C a real SIGINT. Nothing they said is lost."""

from __future__ import annotations

import json
import os
import re
import signal
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from audio_rig import audio_rig, shared_rig  # noqa: F401  (session fixture)
from rehearsal_support import say
from rich.console import Console

from voicecoach.audio.devices import SoundDevicePlayer, choose_device
from voicecoach.audio.files import load_audio
from voicecoach.audio.recorders import SoundDeviceRecorder
from voicecoach.audio.tts import Pyttsx3Speaker
from voicecoach.rehearsal.barge_in import LISTENING_WAV
from voicecoach.rehearsal.events import Controls, Devices
from voicecoach.rehearsal.run import Rehearsal
from voicecoach.rehearsal.screen import PlainEvents
from voicecoach.review.replay import replay_clips
from voicecoach.scenario import load_scenario
from voicecoach.sessions.store import Store
from voicecoach.settings import SAMPLE_RATE_HZ

FIRST = "I am very interested in this role, and I would love to join the team."
# one sentence with no pause in it, so nothing but the Ctrl-C ends it early
GOING_ON = (
    "And before we finish I would like to ask about the next steps from here and when you "
    "expect to make a decision on the role and who will call me about it."
)
CUT_AFTER = "here"  # Ctrl-C once the candidate has said this word of GOING_ON
WAIT_S = 90.0  # the longest any step of the rehearsal is waited for (a failed test)


class Candidate(PlainEvents):
    """The candidate at the virtual microphone, and the screen they see: answers turn 1,
    then goes on, either over the interviewer's next line (``when="next line"``) or as
    soon as the answer is judged over (``"coaching"``). :attr:`going_on` is set once
    ``cut_s`` of the continuation is recorded (its own clock, from the rehearsal's status),
    and with ``press`` Ctrl-C is pressed then. If no barge-in comes, q ends the rehearsal
    at the next answer."""

    def __init__(self, answer: Path, more: Path, cut_s: float, *, when: str, press: bool):
        super().__init__(Console(record=True, width=400), live=True)
        self.answer, self.more, self.cut_s, self.when, self.press = answer, more, cut_s, when, press
        self.controls = Controls()
        self.spoke = self.answered = self.barged = False
        self.first_s = 0.0  # the answer's recording before anything joined it
        self.going_on = threading.Event()  # the continuation is recorded up to cut_s
        self.player: Any = None  # the continuation's player process

    def recording(self, turn: Any, status: Any) -> None:
        super().recording(turn, status)
        if turn.n == 1 and not self.spoke:  # the microphone is open: answer
            self.spoke = True
            shared_rig().play_into_mic(self.answer, wait=False)
        elif self.answered and not self.going_on.is_set() and status.elapsed_s >= self.cut_s:
            self.going_on.set()  # only a continuation's status comes after the answer
            if self.press:
                os.kill(os.getpid(), signal.SIGINT)  # as the terminal sends it: main thread

    def answer_ended(self, turn: Any, recording: Any) -> None:
        super().answer_ended(turn, recording)
        if not self.answered:
            self.first_s = recording.duration_s
        self.answered = True
        if self.when == "coaching" and self.player is None:
            self.player = shared_rig().play_into_mic(self.more, wait=False)

    def prompt(self, turn: Any, duration_s: float) -> None:
        super().prompt(turn, duration_s)
        if turn.n == 2 and self.when == "next line" and self.player is None:
            self.player = shared_rig().play_into_mic(self.more, wait=False)

    def barge_in(self, turn: Any) -> None:
        super().barge_in(turn)
        self.barged = True

    def answer_started(self, turn: Any) -> None:
        super().answer_started(turn)
        if turn.n > 1:  # no barge-in was heard: end the rehearsal instead of waiting
            self.controls.quit.set()
            self.controls.finish_answer.set()


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower()))


def _spoken(tmp_path: Path, transcriber: Any) -> tuple[Path, Path, float, set[str]]:
    """The answer and its continuation as sound files; where CUT_AFTER ends in the
    continuation on the listening's clock (which starts a pre-roll before the speech
    onset), with half a second more; and the words said by then."""
    answer, more = say(FIRST, tmp_path / "a1.wav"), say(GOING_ON, tmp_path / "more.wav")
    heard = transcriber.transcribe(load_audio(more)).words
    cut_word = next(w for w in heard if w.text.strip(" ,.").lower() == CUT_AFTER)
    cut_s = cut_word.end_s - heard[0].start_s + 0.25 + 0.5
    return answer, more, cut_s, _words(" ".join(w.text for w in heard[: heard.index(cut_word)]))


def _rehearse(candidate: Candidate, transcriber: Any) -> Any:
    session = Store().create(scenario="ask", profile=None, engine="faster-whisper", model="x")
    rehearsal = Rehearsal(
        load_scenario("ask"),
        devices=Devices(
            Pyttsx3Speaker(),
            SoundDevicePlayer(choose_device(None, "output"), latency="high"),
            SoundDeviceRecorder(choose_device(None, "input"), latency="high"),
            live=True,
        ),
        transcriber=transcriber, writer=session, seed=4, events=candidate,
        controls=candidate.controls,
    )  # fmt: skip
    rehearsal.warm_up()
    try:
        return rehearsal.run()
    finally:
        if candidate.player is not None:  # the rest of the continuation, after the Ctrl-C:
            candidate.player.terminate()  # not into the shared microphone of the next test
            candidate.player.wait(timeout=WAIT_S)


def _went_on_s(sound: np.ndarray, first_s: float) -> float:
    """Where the continuation's speech starts in the answer it joined (after ``first_s``,
    the answer's own recording, and the candidate's silence kept after it)."""
    from voicecoach.audio.vad import speech_regions

    return next(a for a, _ in speech_regions(sound) if a >= first_s)


def _most_of(part: set[str], text: str) -> bool:
    """Most of ``part`` is in ``text`` (tiny.en mishears a word now and then)."""
    return len(part & _words(text)) >= 0.7 * len(part)


@pytest.mark.audio
@pytest.mark.slow
@pytest.mark.usefixtures("audio_rig")
def test_ctrl_c_while_going_on_after_the_answer_keeps_what_was_said(
    tmp_path: Path, faster_transcriber: Any
) -> None:
    answer, more, cut_s, before_cut = _spoken(tmp_path, faster_transcriber)
    candidate = Candidate(answer, more, cut_s, when="next line", press=True)
    result = _rehearse(candidate, faster_transcriber)
    assert candidate.barged and candidate.going_on.is_set(), "no barge-in, or no Ctrl-C"

    assert result.status == "interrupted" and result.ended_by == "interrupted"
    (counted,) = result.turns
    folder = result.session_path / "turn-01"
    kept = json.loads((folder / "transcript.json").read_text())["text"]
    # the words said before the Ctrl-C are in the saved answer, beside the first part
    assert _most_of(_words(FIRST), kept) and _most_of(before_cut, kept), (before_cut, kept)
    assert kept == counted.transcript.text
    assert counted.turn.n == 1 and counted.recording.ended_by == "interrupted"
    # ...and the audio of those words: the first part, the silence until the next line
    # started, then the continuation up to the Ctrl-C, not to its end
    sound = load_audio(folder / "answer.wav")
    kept_s = len(sound) / SAMPLE_RATE_HZ
    more_s = len(load_audio(more)) / SAMPLE_RATE_HZ
    went_on_s = _went_on_s(sound, candidate.first_s)
    assert cut_s - 1.0 < kept_s - went_on_s < more_s - 2.0, (kept_s, went_on_s)
    assert kept_s == pytest.approx(counted.recording.duration_s, abs=0.01)
    assert not (folder / LISTENING_WAV).exists()

    manifest = json.loads((result.session_path / "manifest.json").read_text())
    assert manifest["status"] == "interrupted"
    assert [t["n"] for t in manifest["turns"]] == [1]
    assert manifest["turns"][0]["score"] == counted.analysis.score
    analysis = json.loads((folder / "analysis.json").read_text())
    checks = {c["key"]: c["status"] for c in analysis["checks"]}
    if {"next", "steps"} <= _words(kept):  # the merged answer is the one coached
        assert checks["ask_for_job"] in ("done", "unclear"), checks
    assert result.unsaved == ()
    # the screen showed the whole answer's verdict, then the closing said it was kept
    shown = candidate.console.export_text()
    assert shown.count("You said:") == 2 and f"You said: {kept}" in shown, shown
    assert "Your answer to turn 1 was saved and is part of this coaching." in shown
    # the session opens whole, and its replay plays the merged answer with its words
    stored = Store().load(result.session_id)
    (clip,) = [c for c in replay_clips(stored) if c.kind == "answer"]
    assert clip.duration_s == pytest.approx(kept_s, abs=0.01)
    assert [w.text for w in clip.words] == [w.text for w in counted.transcript.words]
    assert clip.words[-1].end_s == pytest.approx(counted.transcript.words[-1].end_s, abs=1e-3)


@pytest.mark.audio
@pytest.mark.slow
@pytest.mark.usefixtures("audio_rig")
def test_ctrl_c_while_the_answer_is_coached_and_they_go_on_keeps_all_its_sound(
    tmp_path: Path, faster_transcriber: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The candidate goes on as soon as the answer is judged over, and presses Ctrl-C while
    # its first part is still being analysed: that answer is not saved (the session keeps
    # its audio only, for `analyze --session`), and that audio must hold both parts.
    from voicecoach.analysis import analyzer
    from voicecoach.pipeline import hear

    answer, more, cut_s, before_cut = _spoken(tmp_path, faster_transcriber)
    candidate = Candidate(answer, more, cut_s, when="coaching", press=False)
    real = analyzer.analyze

    def analyze(transcript: Any, **kw: Any) -> Any:  # the first answer's analysis
        assert candidate.going_on.wait(WAIT_S), "the continuation was not heard"
        signal.raise_signal(signal.SIGINT)  # Ctrl-C, here in the main thread
        return real(transcript, **kw)

    monkeypatch.setattr(analyzer, "analyze", analyze)
    result = _rehearse(candidate, faster_transcriber)

    assert result.status == "interrupted" and result.turns == () and result.unsaved == (1,)
    folder = result.session_path / "turn-01"
    sound = load_audio(folder / "answer.wav")
    heard, _ = hear(sound, faster_transcriber)  # what `analyze --session` hears in it
    assert _most_of(_words(FIRST), heard.text) and _most_of(before_cut, heard.text), heard.text
    assert not (folder / LISTENING_WAV).exists() and not (folder / "transcript.json").exists()
    more_s = len(load_audio(more)) / SAMPLE_RATE_HZ  # the continuation was cut
    assert len(sound) / SAMPLE_RATE_HZ - _went_on_s(sound, candidate.first_s) < more_s - 2.0
    Store().load(result.session_id)  # opens whole
    assert "Your answer to turn 1 was stopped before it was coached" in (
        candidate.console.export_text()
    )


@pytest.mark.audio
@pytest.mark.slow
@pytest.mark.usefixtures("audio_rig")
def test_ctrl_c_the_moment_the_candidate_goes_on_keeps_its_sound(
    tmp_path: Path, faster_transcriber: Any
) -> None:
    # Ctrl-C at the continuation's first status, i.e. as soon as its start is heard: a
    # syllable or a word, too short for Whisper to write (measured: nothing for "Also,
    # what are" cut under 0.8 s), which the rehearsal used to drop as a cough
    from voicecoach.audio.vad import speech_regions

    answer, more = say(FIRST, tmp_path / "a1.wav"), say(GOING_ON, tmp_path / "more.wav")
    candidate = Candidate(answer, more, 0.0, when="next line", press=True)
    result = _rehearse(candidate, faster_transcriber)
    # (over the line: the Ctrl-C comes before the barge-in is announced)
    assert candidate.going_on.is_set(), "the continuation was not heard"

    assert result.status == "interrupted" and result.ended_by == "interrupted"
    (counted,) = result.turns
    assert counted.recording.ended_by == "interrupted"  # the continuation was merged
    folder = result.session_path / "turn-01"
    sound = load_audio(folder / "answer.wav")
    answered_to_s = speech_regions(load_audio(answer))[-1][1]
    # well after the first answer's speech (the microphone hears it a little late), speech
    tail = sound[int((answered_to_s + 0.8) * SAMPLE_RATE_HZ) :]
    frames = tail[: len(tail) // 512 * 512].reshape(-1, 512)
    loud = np.sqrt(np.mean(np.square(frames), axis=1)) > 0.02  # the rig's silence is 0
    assert np.sum(loud) * 512 / SAMPLE_RATE_HZ >= 0.1, np.sum(loud)
    # ...and not the whole continuation: it was cut there (after the answer's recording
    # and the silence until the next line started, a second or two)
    more_s = len(load_audio(more)) / SAMPLE_RATE_HZ
    assert len(sound) / SAMPLE_RATE_HZ < candidate.first_s + more_s / 2
    assert len(sound) / SAMPLE_RATE_HZ == pytest.approx(counted.recording.duration_s, abs=0.01)
    assert _most_of(_words(FIRST), counted.transcript.text)
    assert not (folder / LISTENING_WAV).exists() and result.unsaved == ()
    assert "Your answer to turn 1 was saved and is part of this coaching." in (
        candidate.console.export_text()
    )
