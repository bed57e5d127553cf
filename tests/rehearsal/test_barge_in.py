"""Barge-in (rehearsal/barge_in.py): the merge of an answer and its continuation, and,
through a leaky virtual sound card (the speaker reaches the microphone), a candidate who
goes on after their answer was judged over, and prompts whose echo must not count."""

from __future__ import annotations

import itertools
import json
import re
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from audio_rig import AudioRig
from rehearsal_support import Cli, latest_session, say, write_config

from voicecoach.analysis import analyze_text
from voicecoach.atomic import is_temporary
from voicecoach.audio.files import load_audio, write_wav
from voicecoach.audio.recorders import Recording
from voicecoach.rehearsal.barge_in import LISTENING_WAV, PRE_ROLL_S
from voicecoach.rehearsal.continuation import (
    AFTER_END_KEPT_S,
    Continuation,
    heard_in_context,
    merge_answer,
)
from voicecoach.rehearsal.verdict import answer_length, quick_verdict
from voicecoach.sessions.store import Store
from voicecoach.settings import SAMPLE_RATE_HZ, Thresholds
from voicecoach.transcript import Segment, Transcript, Word

SR = SAMPLE_RATE_HZ
SPEECH = Path(__file__).resolve().parents[1] / "data" / "speech"
LEAK_DB = -6.0  # the echo at half the prompt's amplitude: a loud laptop speaker
BARGED = "stopped to let you finish"
FIRST = "I am very interested in this role, and I would love to join the team."
MORE = "So what are the next steps from here?"
THANKS = "Thank you so much for your time today."


def _said(text: str, start_s: float) -> Transcript:
    starts = [start_s + 0.3 * i for i in range(len(text.split()))]
    words = tuple(Word(w, t, t + 0.25, 0.9) for w, t in zip(text.split(), starts, strict=True))
    segment = Segment(text, words[0].start_s, words[-1].end_s, words)
    return Transcript(text, (segment,), words[-1].end_s + 0.5)


def test_the_merge_makes_one_answer_of_two_recordings(tmp_path: Path) -> None:
    first_audio = np.full(2 * SR, 0.1, np.float32)
    first = Recording(write_wav(tmp_path / "answer.wav", first_audio), 2.0, "finished", True,
                      100.0, 102.0, audio=first_audio)  # fmt: skip
    listening = write_wav(tmp_path / "answer-more.wav", np.zeros(SR, np.float32))
    more_audio = np.full(SR, 0.2, np.float32)
    more = Continuation(
        Recording(listening, 4.0, "finished", True, 102.0, 106.5), more_audio, 3.0,
        _said("What are the next steps?", 0.25), ((0.25, 0.9),),
    )  # fmt: skip
    recording, transcript, regions = merge_answer(
        first, _said("I want this job.", 0.2), ((0.2, 1.5),), more
    )
    # the last 0.5 s of the answer's recording was the wait that judged it over: theirs; of
    # the 3 s of listening after it (the verdict, the next line) AFTER_END_KEPT_S stays
    offset_s = 2.0 + AFTER_END_KEPT_S
    assert transcript.text == "I want this job. What are the next steps?"
    assert transcript.words[4].start_s == pytest.approx(offset_s + 0.25)
    assert regions == ((0.2, 1.5), (offset_s + 0.25, offset_s + 0.9))
    saved = load_audio(recording.path)
    assert len(saved) == len(recording.audio) == int((offset_s + 1.0) * SR)
    assert np.allclose(saved[: 2 * SR], 0.1, atol=1e-3) and np.allclose(saved[-SR:], 0.2, atol=1e-3)
    assert not saved[2 * SR : int(offset_s * SR)].any()  # the silence, no echo of the line
    assert recording.ended_at == 106.5 and recording.started_at == 100.0
    assert not listening.exists()
    # the rest of the listening is left out of the audio, and the length shown says so
    # (live trial 51, L3: "6.9 s answer" after the live clock read 9.5 s)
    assert recording.left_out_s == pytest.approx(3.0 - AFTER_END_KEPT_S)
    headline = answer_length(recording, regions, transcript.words[-1].end_s - 0.2)
    assert headline.endswith("s answer, 2.5 s of waiting left out"), headline
    # no parentheses inside the headline's own (review of stop 52, L2)
    line = quick_verdict(analyze_text("", expects=("question",)), ("question",), recording,
                         regions)  # fmt: skip
    assert line.headline.startswith("Voice heard, but no words were transcribed (")
    assert line.headline.count("(") == 1 and "2.5 s of waiting left out, " in line.headline


def test_a_short_wait_is_kept_as_it_was(tmp_path: Path) -> None:
    audio = np.full(SR, 0.1, np.float32)
    first = Recording(write_wav(tmp_path / "answer.wav", audio), 1.0, "finished", True, 0, 1,
                      audio=audio)  # fmt: skip
    more = Continuation(Recording(tmp_path / "gone.wav", 1.0, "key", True, 1, 2), audio, 0.4,
                        _said("Also thanks.", 0.1), ())  # fmt: skip
    recording, transcript, _ = merge_answer(first, _said("Yes.", 0.1), (), more)
    assert transcript.words[1].start_s == pytest.approx(1.0 + 0.4 + 0.1)
    assert recording.ended_by == "key" and recording.duration_s == pytest.approx(2.4)


def _went_on(
    tmp_path: Path, said: str, then: str, lead_s: float = 2.0, floor_s: float | None = None
) -> tuple[float, Recording, Transcript, tuple[tuple[float, float], ...]]:
    """``said``, 4 s of silence that judged it over, then ``then`` as a continuation
    ``lead_s`` into the listening (the next line begun ``floor_s`` into it, if it had):
    where ``said`` ends, and the merged recording, transcript, regions."""
    answer = _said(said, 0.1)
    spoken_s = answer.words[-1].end_s
    first_audio = np.concatenate(
        [np.full(round(spoken_s * SR), 0.1, np.float32), np.zeros(4 * SR, np.float32)]
    )
    first = Recording(write_wav(tmp_path / "answer.wav", first_audio), spoken_s + 4.0,
                      "finished", True, 100.0, 105.0, audio=first_audio)  # fmt: skip
    more = Continuation(
        Recording(tmp_path / "gone.wav", 3.0, "finished", True, 105.0, 108.0),
        np.full(SR, 0.2, np.float32), lead_s, _said(then, 0.25), ((0.25, 0.9),), floor_s,
    )  # fmt: skip
    return spoken_s, *merge_answer(first, answer, ((0.1, spoken_s),), more)


@pytest.mark.parametrize(
    ("said", "lead_s", "long"),
    [
        # n8: "Hmm." then silence; the turn end cut in after 4 s and the candidate went on
        # 2 s later. Long when it was cut, the silence is coached whole, as long as it was:
        # live trial 50 showed a 6.5 s pause as 4.8 s, the listening after the cut dropped
        ("I want it.", 2.0, True),
        # a pause the candidate asked for is excused as in any answer (up to end_silence_s)
        ("I want it. Let me think.", 1.0, False),
        ("I want it. Let me think.", 2.5, True),
    ],
)
def test_the_silence_before_the_continuation_is_coached_as_it_was(
    tmp_path: Path, said: str, lead_s: float, long: bool
) -> None:
    pause_s = 4.0 + lead_s + 0.25  # the wait, the listening, the pre-roll: all silent
    from voicecoach.analysis import analyze

    spoken_s, recording, transcript, regions = _went_on(
        tmp_path, said, "What are the next steps?", lead_s
    )
    assert transcript.text == f"{said} What are the next steps?"
    delivery = analyze(transcript, speech_regions=regions).delivery
    (pause,) = delivery.pauses
    assert pause.start_s == pytest.approx(spoken_s) and pause.duration_s == pytest.approx(pause_s)
    assert pause.long is long
    # the audio holds the same pause (replay, `analyze --session`), and so does the
    # answer's span, which its pace is measured over
    saved = load_audio(recording.path)
    assert len(saved) / SR == pytest.approx(recording.duration_s, abs=1e-3)
    assert recording.duration_s == pytest.approx(spoken_s + pause_s + 0.75, abs=1e-3)
    said_to = round(spoken_s * SR)
    assert np.allclose(saved[:said_to], 0.1, atol=1e-3) and not saved[said_to:-SR].any()
    assert np.allclose(saved[-SR:], 0.2, atol=1e-3)
    assert delivery.answer_span_s == pytest.approx(pause.end_s + 0.65 - 0.1, abs=1e-3)


@pytest.mark.parametrize(
    ("floor_s", "kept_s"),
    [
        (1.5, 1.5),  # the line began 1.5 s into the listening: up to there
        (0.2, AFTER_END_KEPT_S),  # at once: a breath, as after any answer
        (None, 6.0),  # none had begun: all of it up to their word
    ],
)
def test_a_long_silence_is_the_candidates_only_until_the_next_line_began(
    tmp_path: Path, floor_s: float | None, kept_s: float
) -> None:
    # a review (stop 51): the candidate went on 6 s into the listening, over the next
    # line; the seconds the line played were coached as theirs, a 10.25 s pause
    from voicecoach.analysis import analyze

    spoken_s, recording, transcript, regions = _went_on(
        tmp_path, "I want it.", "What are the next steps?", 6.0, floor_s
    )
    pause_s = 4.0 + kept_s + 0.25  # the wait, the listening kept, the pre-roll
    (pause,) = analyze(transcript, speech_regions=regions).delivery.pauses
    assert pause.start_s == pytest.approx(spoken_s) and pause.duration_s == pytest.approx(pause_s)
    assert pause.long
    saved = load_audio(recording.path)  # the replay's audio holds the same pause
    assert len(saved) / SR == pytest.approx(spoken_s + pause_s + 0.75, abs=1e-3)


@pytest.mark.parametrize("then", ["line", "verdict"])
def test_the_listening_knows_when_the_next_line_began(
    tmp_path: Path, faster_transcriber: Any, then: str
) -> None:
    # the continuation says how far into the listening the line it went on over began,
    # or, after the last answer (no line follows), its verdict was shown
    from voicecoach.audio.echo import DoubleTalk
    from voicecoach.audio.tts import Pyttsx3Speaker
    from voicecoach.rehearsal.barge_in import Listener

    wav = Pyttsx3Speaker(rate_wpm=165).render(
        "Thanks. Before we wrap up, what would you say to my doubt about your background?",
        tmp_path / "line.wav",
    )
    voice = load_audio(say("So what are the next steps from here?", tmp_path / "a.wav"))
    mic = LeakyMic()
    listener = Listener(
        mic, tmp_path / LISTENING_WAV, transcriber=faster_transcriber, detector=DoubleTalk(),
        judge=lambda chunker: None, context=lambda: "I want it.",  # type: ignore[arg-type,return-value]
        finish_key=threading.Event(), quit_key=threading.Event(), on_status=lambda status: None,
    ).start()  # fmt: skip
    try:
        noise = np.random.default_rng(0).normal(0, 1e-3, 8 * SR).astype(np.float32)
        mic.hear(noise[:SR])  # the verdict is computed, the line rendered
        if then == "line":
            listener.prompt(wav)  # through headphones: none of it reaches the microphone
            listener.started(time.time())
        else:
            listener.shown()
        mic.hear(noise[SR : 3 * SR])  # two seconds more: the candidate is quiet
        heard = noise[3 * SR :].copy()
        heard[: len(voice)] += voice
        mic.hear(heard)
        assert listener.heard and listener.settle()
        more = listener.interrupt()
    finally:
        listener.abandon()
    assert more is not None and more.said, more
    assert more.floor_s is not None and 0.5 <= more.floor_s <= 1.2, more.floor_s
    assert more.lead_s > 2.5, more.lead_s


@pytest.mark.parametrize(
    "said",
    [
        "Does anything about my background give you pause?",
        # trial 13, a TV in the room: a word or two of garble heard after the question
        "Does anything about my background give you pause? Run in that kid's new boss.",
    ],
)
def test_the_wait_after_a_question_is_not_a_pause_in_the_answer(tmp_path: Path, said: str) -> None:
    # Trial 12: "...give you pause?", then 4 s while the tool was unsure of the words, then
    # the candidate went on over the next line: the merged answer's first fix was "Shorten
    # the long silences (4.7 s)". The question handed the turn over: that silence was theirs
    # to wait in, not a pause.
    from voicecoach.analysis import analyze

    _, recording, transcript, regions = _went_on(tmp_path, said, "And I want this job.")
    delivery = analyze(transcript, speech_regions=regions).delivery
    assert delivery is not None and not any(p.long for p in delivery.pauses), delivery.pauses
    gap_s = regions[1][0] - regions[0][1]
    assert gap_s == pytest.approx(2 * AFTER_END_KEPT_S + 0.25, abs=0.01)  # a breath each side
    assert len(load_audio(recording.path)) == len(recording.audio)


def test_a_pause_after_a_question_and_a_sentence_of_their_own_is_theirs(tmp_path: Path) -> None:
    _, _, _, regions = _went_on(
        tmp_path,
        "Does that make sense? Anyway, I'm really excited about this role and the team.",
        "And I want this job.",
    )
    assert regions[1][0] - regions[0][1] == pytest.approx(4.0 + 2.0 + 0.25, abs=0.01)


class TapeMic:
    """The microphone (the hardware edge): the candidate's side of the call as one tape,
    heard in 0.1 s blocks at speaking pace through the real voice detector and
    endpointing. A recording kept open leaves the rest of the tape to the next one (the
    barge-in listening), as a running input does; past the tape's end it hears silence.
    Over the first line (``listen``) the candidate is quiet."""

    def __init__(self, tape: np.ndarray) -> None:
        self.tape, self.at = tape, 0
        self.clock: float | None = None  # time.monotonic() at the tape's start
        self._draining = False

    def _blocks(self, stop: threading.Event | None) -> Iterator[np.ndarray]:
        if self.clock is None:
            self.clock = time.monotonic()
        while stop is None or not stop.is_set():
            block = self.tape[self.at : self.at + SR // 10]
            block = np.concatenate([block, np.zeros(SR // 10 - len(block), np.float32)])
            self.at += SR // 10
            time.sleep(max(0.0, self.clock + self.at / SR - time.monotonic()))
            yield block

    def record(  # type: ignore[no-untyped-def]
        self,
        path: Path,
        *,
        stop=None,
        on_status=None,
        on_audio=None,
        keep_open=False,
        lead=None,
        forget=None,
    ) -> Recording:
        from voicecoach.audio.endpoint import Endpointer, block_db, meter_of
        from voicecoach.audio.vad import StreamingVad

        endpointer, vad, kept = Endpointer(Thresholds()), StreamingVad(Thresholds()), []
        started, reason = time.time() - (0 if lead is None else len(lead) / SR), "key"
        said = () if lead is None else np.array_split(lead, max(1, len(lead) // (SR // 10)))
        for block in itertools.chain(said, self._blocks(stop), self._queued(keep_open)):
            kept.append(block)
            if on_audio is not None:
                on_audio(block)
            db = block_db(block)
            endpointer.feed(vad.feed(block), len(block) / SR, db)
            if on_status is not None:
                on_status(endpointer.status(meter_of(db)))
            if forget is not None and forget.is_set():  # as the recorder does
                forget.clear()
                endpointer.forget()
            if endpointer.reason is not None and not self._draining:
                reason = endpointer.reason
                break
        audio = np.concatenate(kept)
        write_wav(path, audio)
        return Recording(path, len(audio) / SR, reason, endpointer.speech_heard, started,
                         time.time(), audio=audio)  # fmt: skip

    def _queued(self, keep_open: bool) -> Iterator[np.ndarray]:
        """What the input has queued up to now: a stream stopped (not kept open) is drained."""
        assert self.clock is not None
        self._draining = True
        try:
            while not keep_open and self.clock + (self.at + SR // 10) / SR <= time.monotonic():
                yield next(self._blocks(None))
        finally:
            self._draining = False

    def listen(self, *, stop: threading.Event, on_audio) -> None:  # type: ignore[no-untyped-def]
        while not stop.wait(0.1):
            on_audio(np.zeros(SR // 10, np.float32))

    def close(self) -> None: ...


class Headphones:
    """The speaker (the hardware edge): each line takes its length to play, until it is
    stopped; none of it reaches the microphone."""

    def play(self, path: Path, stop=None, on_start=None) -> None:  # type: ignore[no-untyped-def]
        if on_start is not None:
            on_start(time.time())
        (stop or threading.Event()).wait(len(load_audio(path)) / SR)


@pytest.mark.slow
def test_a_thinking_silence_the_turn_end_cut_into_is_coached_as_long(
    tmp_path: Path, faster_transcriber: Any
) -> None:
    # Trial n8: "Hmm.", 6 s of silence, then the answer. The turn end ended the answer in
    # the silence, the rest came as a barge-in and was merged: the merged answer showed a
    # 1.5 s pause, not long, and the 6 s silence was coached nowhere. Here the candidate
    # wants the job, is silent SILENT_S (the turn end waits end_unmet_s for the ask), then
    # asks: the whole silence before they went on or the next line started is theirs.
    from voicecoach.audio.tts import Pyttsx3Speaker
    from voicecoach.audio.vad import speech_regions
    from voicecoach.rehearsal.events import Controls, Devices, RehearsalEvents
    from voicecoach.rehearsal.run import Rehearsal
    from voicecoach.scenario import load_scenario

    # past the turn end's wait, and back before the next line is 2 s along: past that,
    # words over it answer it (early_start.ANSWER_MIN_S), whose turn this test is not about
    silent_s = 4.8
    parts = [load_audio(say(t, tmp_path / f"p{n}.wav")) for n, t in enumerate((FIRST, MORE))]
    tape = np.concatenate([parts[0], np.zeros(round(silent_s * SR), np.float32), parts[1]])
    controls, barged = Controls(), []

    class Candidate(RehearsalEvents):
        def barge_in(self, turn: Any) -> None:
            barged.append(turn.n)
            controls.quit.set()  # the merged answer is what is looked at: stop after it

    class Timed(Headphones):
        def __init__(self) -> None:
            self.started: list[float] = []  # time.monotonic() as each line began

        def play(self, path: Path, stop=None, on_start=None) -> None:  # type: ignore[no-untyped-def]
            self.started.append(time.monotonic())
            super().play(path, stop, on_start)

    mic, phones = TapeMic(tape), Timed()
    result = Rehearsal(
        load_scenario("ask"),
        devices=Devices(Pyttsx3Speaker(), phones, mic, live=True),
        transcriber=faster_transcriber, writer=Store().create(
            scenario="ask", profile=None, engine="faster-whisper", model="x"),
        seed=4, controls=controls, events=Candidate(),
    ).run()  # fmt: skip
    assert barged == [1], "the answer was not judged over in the silence"
    (turn,) = result.turns
    assert "next step" in turn.transcript.text.lower(), turn.transcript.text  # both parts
    delivery = turn.analysis.delivery
    assert delivery is not None
    said_to = turn.speech_regions[0][1]  # where FIRST ends, as the voice detector heard it
    (pause,) = [p for p in delivery.pauses if p.start_s == pytest.approx(said_to, abs=0.5)]
    # The turn end waited end_unmet_s, so the pause was long when it was cut: all of it is
    # the candidate's, the listening after the cut too, up to their next word. Its length
    # is the silence on the tape (live trial 50: 6.5 s shown as 4.8 s; here 5.5 s as 4.7 s),
    # up to where the next line began if it began before they went on: the line's time
    # playing is not theirs (a review, stop 51)
    heard = speech_regions(tape)
    said_end, resume = max(
        ((a[1], b[0]) for a, b in itertools.pairwise(heard)), key=lambda g: g[1] - g[0]
    )  # on the tape
    assert mic.clock is not None
    lines = [at - mic.clock for at in phones.started if at - mic.clock > said_end]
    theirs_to = min(resume, lines[0] + PRE_ROLL_S) if lines else resume
    assert pause.long, delivery.pauses
    assert Thresholds().end_unmet_s < pause.duration_s, (pause, heard)
    assert pause.duration_s == pytest.approx(theirs_to - said_end, abs=0.3), (pause, heard, lines)
    # the saved answer holds the pause too: its audio (replay) and the coaching agree
    saved = load_audio(result.session_path / "turn-01" / "answer.wav")
    assert len(saved) / SR == pytest.approx(turn.recording.duration_s, abs=0.01)
    kept = speech_regions(saved)
    kept_s = max(b[0] - a[1] for a, b in itertools.pairwise(kept))
    assert kept_s == pytest.approx(pause.duration_s, abs=0.3), (kept, pause)


class CuedMic(TapeMic):
    """A :class:`TapeMic` whose candidate also speaks ``clip`` once cued (by
    :class:`CuedHeadphones`), from the next block heard after the cue's time."""

    def __init__(self, tape: np.ndarray, clip: np.ndarray) -> None:
        super().__init__(tape)
        self.clip, self.cue_at = clip, None  # type: ignore[var-annotated]

    def _blocks(self, stop: threading.Event | None) -> Iterator[np.ndarray]:
        for block in super()._blocks(stop):
            if self.cue_at is not None and time.monotonic() >= self.cue_at:
                self.cue_at = None  # spliced in where the tape is now
                before = np.zeros(max(self.at, len(self.tape)), np.float32)  # silence past its end
                before[: len(self.tape)] = self.tape
                self.tape = np.concatenate([before[: self.at], self.clip, before[self.at :]])
            yield block


class CuedHeadphones(Headphones):
    """:class:`Headphones` that cue the candidate ``share`` of the way into line ``n``."""

    def __init__(self, mic: CuedMic, n: int, share: float) -> None:
        self.mic, self.n, self.share, self.lines = mic, n, share, 0

    def play(self, path: Path, stop=None, on_start=None) -> None:  # type: ignore[no-untyped-def]
        self.lines += 1
        if self.lines == self.n:
            self.mic.cue_at = time.monotonic() + self.cue_s(path)
        super().play(path, stop, on_start)

    def cue_s(self, path: Path) -> float:
        """How far into the line at ``path`` the candidate is cued."""
        return self.share * len(load_audio(path)) / SR


def ctrl_c() -> None:
    signal.raise_signal(signal.SIGINT)  # as the terminal sends it: KeyboardInterrupt here


class CtrlCWhenStopped(CuedHeadphones):
    """:class:`CuedHeadphones` where Ctrl-C is pressed while the candidate's words stop line
    ``n``, CTRL_C_AFTER_S after they began (the line takes that long to stop)."""

    def play(self, path: Path, stop=None, on_start=None) -> None:  # type: ignore[no-untyped-def]
        super().play(path, stop, on_start)
        if self.lines == self.n and stop is not None and stop.is_set():
            time.sleep(CTRL_C_AFTER_S)
            ctrl_c()


CTRL_C_AFTER_S = 1.5  # "Thank you so much" said by then


class HeardOverEveryLine(CuedMic):
    """A :class:`CuedMic` heard over the first line too (a :class:`TapeMic` hears silence
    there)."""

    def listen(self, *, stop: threading.Event, on_audio) -> None:  # type: ignore[no-untyped-def]
        for block in self._blocks(stop):
            on_audio(block)


def _over_the_second_line(
    tmp_path: Path,
    transcriber: Any,
    share: float,
    lines: list[str] | None = None,
    ctrl_c_at: str | None = None,
) -> tuple[Any, list[str]]:
    """The ask drill: the candidate wants the job and asks what is next; then, ``share``
    of the way into the interviewer's next line, thanks them. The rehearsal's result, and
    what happened (``prompt n``, ``barge_in n``, ``answer n``), in order. With ``lines``,
    the interviewer's lines are kept there, and the session is quit at the third. With
    ``ctrl_c_at``, Ctrl-C is pressed as the thanks stop the line ("line") or as their
    answer's recording is about to start ("handover")."""
    from voicecoach.audio.tts import Pyttsx3Speaker
    from voicecoach.rehearsal.events import Controls, Devices, RehearsalEvents
    from voicecoach.rehearsal.run import Rehearsal
    from voicecoach.scenario import load_scenario

    first = load_audio(say(f"{FIRST} {MORE}", tmp_path / "a1.wav"))
    thanks = load_audio(say(THANKS, tmp_path / "a2.wav"))
    mic = CuedMic(first, thanks)
    controls, seen = Controls(), []

    class Candidate(RehearsalEvents):
        def prompt(self, turn: Any, duration_s: float) -> None:
            seen.append(f"prompt {turn.n}")
            if lines is not None:
                lines.append(turn.text)
                if len(lines) == 3:
                    controls.quit.set()

        def answer_started(self, turn: Any) -> None:
            seen.append(f"answer {turn.n}")
            if ctrl_c_at == "handover" and turn.n == 2 and seen.count("answer 2") == 1:
                time.sleep(CTRL_C_AFTER_S)  # a slow hand-over, while they speak on
                ctrl_c()

        def barge_in(self, turn: Any) -> None:
            seen.append(f"barge_in {turn.n}")
            if lines is None:
                controls.quit.set()  # the merged answer is what is looked at: stop after it

    speaker = (CtrlCWhenStopped if ctrl_c_at == "line" else CuedHeadphones)(mic, 2, share)
    result = Rehearsal(
        load_scenario("ask"),
        devices=Devices(Pyttsx3Speaker(), speaker, mic, live=True),
        transcriber=transcriber, writer=Store().create(
            scenario="ask", profile=None, engine="faster-whisper", model="x"),
        seed=4, controls=controls, events=Candidate(),
    ).run()  # fmt: skip
    return result, seen


@pytest.mark.slow
@pytest.mark.parametrize("at", ["line", "handover"])
def test_ctrl_c_after_answering_over_a_line_keeps_that_answer(
    at: str, tmp_path: Path, faster_transcriber: Any
) -> None:
    # Ctrl-C once the candidate's thanks had stopped the line they answer, or as the
    # answer's recording was about to take them over: those words were dropped
    result, _ = _over_the_second_line(tmp_path, faster_transcriber, 0.85, ctrl_c_at=at)
    assert result.status == "interrupted" and result.ended_by == "interrupted"
    assert [t.turn.n for t in result.turns] == [1, 2]
    one, two = (t.transcript.text.lower() for t in result.turns)
    assert "thank" not in one, one  # not joined to the answer before
    assert "thank you" in two, two
    assert result.turns[1].recording.ended_by == "interrupted"
    session = Store().load(result.session_id)  # strict: every promised file is whole
    assert session.turns[1].transcript is not None
    assert "thank you" in session.turns[1].transcript.text.lower()
    assert session.turns[1].answered_at is not None  # the review says the line was answered


@pytest.mark.slow
@pytest.mark.parametrize("at", ["line", "handover"])
def test_ctrl_c_after_answering_over_the_first_line_keeps_that_answer(
    at: str, tmp_path: Path, faster_transcriber: Any
) -> None:
    result = _ctrl_c_over_the_first_line(tmp_path, faster_transcriber, at)
    assert result.status == "interrupted" and result.ended_by == "interrupted"
    (turn,) = result.turns
    heard = turn.transcript.text.lower()
    assert "interested" in heard, heard  # the first words, said over the line
    session = Store().load(result.session_id)
    (saved,) = session.turns
    assert saved.transcript is not None and saved.transcript.text == turn.transcript.text
    assert load_audio(result.session_path / "turn-01" / "answer.wav").size > SR


@pytest.mark.parametrize(
    ("text", "asking", "share"),
    [
        ("Anything else?", "Anything else?", 0.4),  # a line that only asks
        ("Sure. Anything else?", "Anything else?", (6 + 0.4 * 14) / 20),  # after the reply
        ("Sure, go ahead.", "Anything else?", 0.4),  # asks by other words: all of it
    ],
)
def test_speech_answers_a_line_once_what_it_asks_is_under_way(
    text: str, asking: str, share: float
) -> None:
    from voicecoach.rehearsal.early_start import answer_point

    assert answer_point(text, asking) == pytest.approx(share)
    # and never in the line's first two seconds: that is the answer before going on
    assert answer_point(text, asking, 2.5) == pytest.approx(0.8)
    assert answer_point(text, asking, 10.0) == pytest.approx(share)


def test_after_an_answer_cut_while_it_owed_a_move_speech_answers_a_line_later() -> None:
    # Live trial 51: a 6.5 s pause after a grant was cut at end_unmet_s (4 s), and the
    # evidence came 2.0 s into the next line: it was taken for that line's answer
    from voicecoach.rehearsal.early_start import ANSWER_MIN_OWED_S, answer_point

    line = "Okay. Before I let you go, is there anything else on your side?"  # 3.9 s
    assert answer_point(line, line, 3.9) * 3.9 == pytest.approx(2.0)  # 2.0 s in: answered
    owed = answer_point(line, line, 3.9, owed=True)
    assert owed == pytest.approx(0.75) and owed * 3.9 > 2.5  # going on with the answer
    asking = "Where do you stand on the role after today?"
    assert answer_point(asking, asking, 6.0, owed=True) * 6.0 == pytest.approx(ANSWER_MIN_OWED_S)
    # a short line can still be answered over its last words
    assert answer_point("Anything else?", "Anything else?", 2.0, owed=True) == pytest.approx(1.0)
    assert answer_point(asking, asking, 3.2, owed=True) == pytest.approx(0.75)
    # and the part that asks must still be under way, owed or not
    long = "Sure. " * 30 + asking
    assert answer_point(long, asking, 20.0, owed=True) == answer_point(long, asking, 20.0)


def test_a_doubt_is_answered_once_it_is_under_way_not_before() -> None:
    # Trial 13: 40% of this line came before its doubt began, so a recap going on 3.5 s
    # into it was taken for the answer to a doubt never said
    from voicecoach.rehearsal.early_start import answer_point

    doubt = "you have not managed a budget of this size before."
    line = (
        f"Since you ask, I will be honest. My one hesitation is that {doubt} "
        "How would you address that?"
    )
    point = answer_point(line, line, 8.0, doubt)
    assert line.index(doubt) / len(line) < point < (line.index(doubt) + len(doubt)) / len(line)
    assert point > answer_point(line, line, 8.0)  # later than 40% of the line
    # trial 12's a12: answered 57% of the way in, after "...you have not led a team before,
    # and": that is under way
    doubt = "you have not led a team before, and this role has three direct reports."
    line = f"Well, one thing I would want to hear more about is that {doubt} What is your take?"
    assert answer_point(line, line, 9.0, doubt) < 0.57


class CuedAfter(CuedHeadphones):
    """:class:`CuedHeadphones` that cue the candidate ``after_s`` into line ``n``."""

    def __init__(self, mic: CuedMic, n: int, after_s: float) -> None:
        super().__init__(mic, n, 0.0)
        self.after_s = after_s

    def cue_s(self, path: Path) -> float:
        return self.after_s


@pytest.mark.slow
def test_going_on_after_a_cut_while_the_answer_owed_a_move_is_the_same_answer(
    tmp_path: Path, faster_transcriber: Any
) -> None:
    # Live trial 51 (H1): the answer still owed a move (here the ask) and was cut for its
    # silence; the candidate went on 2.5 s into the next line, which, after a finished
    # answer, answers it. Going on after thinking, it is the same answer: merged into it,
    # and the line said again.
    from voicecoach.audio.tts import Pyttsx3Speaker
    from voicecoach.rehearsal.early_start import answer_point
    from voicecoach.rehearsal.events import Controls, Devices, RehearsalEvents
    from voicecoach.rehearsal.run import Rehearsal
    from voicecoach.scenario import load_scenario

    mic = CuedMic(
        load_audio(say(FIRST, tmp_path / "a1.wav")), load_audio(say(MORE, tmp_path / "a2.wav"))
    )
    controls, seen, lines = Controls(), [], []

    class Candidate(RehearsalEvents):
        def prompt(self, turn: Any, duration_s: float) -> None:
            seen.append(f"prompt {turn.n}")
            lines.append((turn.text, duration_s))

        def answer_started(self, turn: Any) -> None:
            seen.append(f"answer {turn.n}")

        def barge_in(self, turn: Any) -> None:
            seen.append(f"barge_in {turn.n}")
            controls.quit.set()  # the merged answer is what is looked at: stop after it

    after_s = 2.5
    result = Rehearsal(
        load_scenario("ask"),
        devices=Devices(Pyttsx3Speaker(), CuedAfter(mic, 2, after_s), mic, live=True),
        transcriber=faster_transcriber, writer=Store().create(
            scenario="ask", profile=None, engine="faster-whisper", model="x"),
        seed=4, controls=controls, events=Candidate(),
    ).run()  # fmt: skip
    text, duration_s = lines[1]
    # after a finished answer, speech this far into the line would have answered it
    assert answer_point(text, text, duration_s) * duration_s < after_s < duration_s, lines
    assert seen[:4] == ["prompt 1", "answer 1", "prompt 2", "barge_in 1"], seen
    said = result.turns[0].transcript.text.lower()
    assert "interested" in said and "next step" in said, said


@pytest.mark.slow
def test_speech_near_the_end_of_a_line_answers_it(tmp_path: Path, faster_transcriber: Any) -> None:
    # Trial 10: the candidate began answering the doubt voiced to them before the line was
    # over. That was taken for the answer before going on: merged into it, the doubt said
    # again from its start, and every turn after it shifted by one.
    result, seen = _over_the_second_line(tmp_path, faster_transcriber, 0.85)
    assert seen == ["prompt 1", "answer 1", "prompt 2", "answer 2"], seen  # said once
    one, two = (t.transcript.text.lower() for t in result.turns)
    assert "thank" not in one and "next step" in one, one
    assert "thank you so much" in two, two  # from its first words: none lost
    assert two.count("thank") == 1, two  # and none twice (the lead, then the microphone)
    assert result.turns[1].analysis is not None
    checks = {c.key: c.status for c in result.turns[1].analysis.checks}
    assert checks["thanks"] == "done", checks
    folder = result.session_path
    assert not [p.name for p in (folder / "turn-01").iterdir() if is_temporary(p.name)]
    assert not (folder / "turn-01" / LISTENING_WAV).exists()
    # the review says how far the line got when they began answering it
    answered = Store().load(folder.name).turns[1].answered_at
    assert answered is not None and 0.8 < answered < 1.0, answered
    # over the line's last words: the closing does not coach it as speaking over them
    from voicecoach.analysis.wording import FIXES

    assert result.analysis is not None
    assert FIXES["spoke_over"].title not in [p.title for p in result.analysis.coaching]


@pytest.mark.slow
def test_speech_at_the_start_of_a_line_goes_on_with_the_answer_before(
    tmp_path: Path, faster_transcriber: Any
) -> None:
    result, seen = _over_the_second_line(tmp_path, faster_transcriber, 0.1)
    assert seen[:4] == ["prompt 1", "answer 1", "prompt 2", "barge_in 1"], seen
    merged = result.turns[0]
    assert "thank you so much" in merged.transcript.text.lower()
    # its words are judged apart from the answer's (Whisper's doubt about one part does not
    # leave the other unclear): the joined part starts where the continuation's words do
    (joined_at,) = merged.parts_s
    after = [w.text for w in merged.transcript.words if w.start_s >= joined_at]
    assert after and after[0].lower().startswith("thank"), (joined_at, merged.transcript)


class LeakyMic:
    """The microphone (the hardware edge) through a leaky speaker: what the test hands it
    (:meth:`hear`), in the order given, as a running input hands its blocks over; past
    that, room noise. ``on_audio`` gets each block before the next is taken."""

    def __init__(self) -> None:
        import queue

        self.blocks: queue.Queue[np.ndarray] = queue.Queue()
        self.taken = threading.Semaphore(0)  # released once per block handed over

    def hear(self, audio: np.ndarray) -> None:
        """Hand ``audio`` over in 0.1 s blocks and wait until all of it was taken."""
        parts = [audio[at : at + SR // 10] for at in range(0, len(audio), SR // 10)]
        for part in parts:
            self.blocks.put(part)
        for _ in parts:
            assert self.taken.acquire(timeout=30)

    def record(  # type: ignore[no-untyped-def]
        self,
        path: Path,
        *,
        stop=None,
        on_status=None,
        on_audio=None,
        keep_open=False,
        lead=None,
        forget=None,
    ) -> Recording:
        import queue

        kept = [] if lead is None else [np.asarray(lead, np.float32)]
        started = time.time()
        while stop is None or not stop.is_set():
            try:
                block = self.blocks.get(timeout=0.05)
            except queue.Empty:
                continue
            kept.append(block)
            if on_audio is not None:
                on_audio(block)
            self.taken.release()
        audio = np.concatenate(kept) if kept else np.zeros(0, np.float32)
        write_wav(path, audio)
        return Recording(path, len(audio) / SR, "key", True, started, time.time(), audio=audio)

    def listen(self, *, stop: threading.Event, on_audio) -> None:  # type: ignore[no-untyped-def]
        self.record(Path("/dev/null"), stop=stop, on_audio=on_audio)

    def close(self) -> None: ...


def test_a_line_said_again_leaves_out_what_it_had_said_in_full() -> None:
    from voicecoach.rehearsal.conversation import said_in_full, unsaid

    asks = "Is there anything else you want to add or ask?"
    line = f"Oh, I like that question. Honestly, it's priorities. {asks}"
    assert unsaid(line, said_in_full(line, 0.1), asks) == line  # stopped in its first sentence
    said = said_in_full(line, 0.35)
    again = unsaid(line, said, asks)
    assert again == f"Honestly, it's priorities. {asks}"
    # talked over again: what the first playing said is still not said a third time
    assert unsaid(line, [*said, *said_in_full(again, 0.6)], asks) == asks
    assert unsaid(line, said_in_full(line, 0.9), asks) == asks  # the question is said whole
    other = f"Fair enough. {asks}"  # the longer answer got another reply: said as it is
    assert unsaid(other, said_in_full(line, 0.9), asks) == other
    # a title is not the end of a sentence: no "Lee leads the team."
    named = "Dr. Lee leads the team. What else?"
    assert unsaid(named, said_in_full(named, 0.2), "What else?") == named


@pytest.mark.slow
def test_going_on_over_a_reply_does_not_hear_the_reply_twice(
    tmp_path: Path, faster_transcriber: Any
) -> None:
    # Trial 12: going on over the interviewer's reply to their question, the candidate
    # heard the whole line again, reply and all, once their answer was taken in.
    lines: list[str] = []
    _, seen = _over_the_second_line(tmp_path, faster_transcriber, 0.62, lines)
    assert seen[:4] == ["prompt 1", "answer 1", "prompt 2", "barge_in 1"], seen
    first, again = lines[1], lines[2]
    reply = first.split(". ")[0] + "."  # the timeline, said in full before they went on
    assert first.startswith(reply) and len(reply) < 0.6 * len(first), first
    assert not again.startswith(reply) and first.endswith(again), (first, again)


@pytest.mark.parametrize(
    ("text", "share", "answers"),
    [
        ("Any questions for me?", 0.8, True),  # most of it said: answering it
        ("Does that address your concern?", 0.75, True),
        ("Any questions for me?", 0.0, False),  # from its start: going on with the answer
    ],
)
def test_speech_at_the_end_of_a_short_line_through_a_speaker_answers_it(
    tmp_path: Path, text: str, share: float, answers: bool
) -> None:
    # The line's first second or so is undecided (its echo not known yet), and the
    # detector takes speech heard soon after such a stretch from the stretch's start
    # (DoubleTalk.since): over a line under 2 s, speech near its end was judged to start
    # before the answer point, so the candidate's answer was merged into the answer before
    # and the line said again, as before the answer point existed. (The Listener's side:
    # the rehearsal also holds the point ANSWER_MIN_S into the line, so on a line this
    # short it is not reached; on one of 3 s, the same stretch comes first.)
    from voicecoach.audio.echo import DoubleTalk
    from voicecoach.audio.tts import Pyttsx3Speaker
    from voicecoach.audio.vad import speech_regions
    from voicecoach.rehearsal.barge_in import Listener
    from voicecoach.rehearsal.early_start import answer_point

    wav = Pyttsx3Speaker(rate_wpm=165).render(text, tmp_path / "line.wav")
    line = load_audio(wav)
    voice = load_audio(say("Yes, what are the next steps from here?", tmp_path / "a.wav"))
    first = int(speech_regions(voice)[0][0] * SR)
    mic, quit_key = LeakyMic(), threading.Event()
    listener = Listener(
        mic, tmp_path / LISTENING_WAV, transcriber=None, detector=DoubleTalk(),  # type: ignore[arg-type]
        judge=lambda chunker: None, context=lambda: "", finish_key=threading.Event(),  # type: ignore[arg-type,return-value]
        quit_key=quit_key, on_status=lambda status: None,
    ).start()  # fmt: skip
    try:
        noise = np.random.default_rng(0).normal(0, 1e-3, 30 * SR).astype(np.float32)
        mic.hear(noise[:SR])  # the verdict is computed, the line rendered
        listener.prompt(wav, answer_point(text, text))
        listener.started(time.time())
        delay = int(0.05 * SR)  # the line's echo, at half its loudness
        begin = max(0, delay + int(share * len(line)) - first)  # their first word then
        heard = noise[SR : SR + max(delay + len(line), begin + len(voice)) + SR].copy()
        heard[delay : delay + len(line)] += 0.5 * line
        heard[begin : begin + len(voice)] += voice
        for at in range(0, len(heard), SR // 10):  # the line stops when they are heard
            if listener.halt.is_set():
                stop = at + delay + SR // 10  # the player's block, then silence
                heard[stop:] = noise[SR + stop : SR + len(heard)]
            mic.hear(heard[at : at + SR // 10])
        assert listener.halt.is_set()
        assert listener.settle() is not answers
        if answers:
            lead = listener.answer()
            assert lead is not None
            said_from = len(lead) - (len(heard) - begin - first)  # their first word in it
            assert 0 < said_from <= 0.6 * SR, said_from / SR  # from just before it
    finally:
        listener.abandon()


def _espeak(text: str, path: Path) -> np.ndarray:
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "160", "-w", str(path), text], check=True)
    return load_audio(path)


def _one_word_after(tmp_path: Path, answer: str, word: str, transcriber):  # type: ignore[no-untyped-def]
    """The answer as said and transcribed, and ``word`` said after it as a continuation
    Whisper wrote nothing for (as tiny.en did for this one, alone, in bench_one_word)."""
    from voicecoach.audio.vad import speech_regions

    first = _espeak(answer, tmp_path / "answer.wav")
    said = transcriber.transcribe(first)
    audio = np.concatenate([np.zeros(SR * 3 // 10, np.float32), _espeak(word, tmp_path / "w.wav")])
    recording = Recording(tmp_path / "answer.wav", len(first) / SR, "finished", True, 0.0, 0.0,
                          audio=first)  # fmt: skip
    more = Continuation(
        Recording(tmp_path / "more.wav", 1.0, "finished", True, 0.0, 0.0), audio, 0.5,
        Transcript("", (), len(audio) / SR), tuple(speech_regions(audio)),
    )  # fmt: skip
    return recording, said, tuple(speech_regions(first)), more


@pytest.mark.parametrize(
    ("answer", "word"),
    [("What are the next steps from here?", "Certainly."),
     ("I would really like to join the team.", "Monday.")],
)  # fmt: skip
def test_one_word_whisper_missed_alone_is_heard_behind_the_answer(
    tmp_path: Path, faster_transcriber, answer: str, word: str
) -> None:
    recording, said, regions, more = _one_word_after(tmp_path, answer, word, faster_transcriber)
    found = heard_in_context(more, recording, said, regions, faster_transcriber)
    # only the word: none of the answer's own words, which were decoded before it
    assert found.said and found.transcript.text.strip(" .").lower() == word.strip(".").lower()
    w = found.transcript.words[0]
    assert 0.0 < w.start_s < w.end_s <= len(more.audio) / SR + 0.05, w  # timed in `more`
    _, transcript, _ = merge_answer(recording, said, regions, found)
    assert transcript.text.lower().endswith(word.lower().strip(".") + ".")


def test_what_whisper_heard_or_no_speech_is_left_as_it_was(
    tmp_path: Path, faster_transcriber
) -> None:
    recording, said, regions, more = _one_word_after(
        tmp_path, "I would really like to join the team.", "Monday.", faster_transcriber
    )
    heard = replace(more, transcript=_said("Monday.", 0.3))
    assert heard_in_context(heard, recording, said, regions, faster_transcriber) is heard
    quiet = replace(more, audio=np.zeros(SR, np.float32), regions=())  # a breath, no speech
    assert heard_in_context(quiet, recording, said, regions, faster_transcriber) is quiet
    # the answer's last words again are taken for Whisper repeating what it heard before
    again = _one_word_after(tmp_path, "I would really like to join the team.", "the team.",
                            faster_transcriber)  # fmt: skip
    assert heard_in_context(*again[3:], *again[:3], faster_transcriber) is again[3]


def test_a_session_saved_while_the_listening_records_opens_whole(tmp_path: Path) -> None:
    # The turn is saved while the listening after it records beside the answer; when the
    # candidate says nothing more, the listening file is removed. The session must still
    # open: the manifest may not promise a file that was only ever in progress.
    from voicecoach.analysis import analyze

    store = Store(tmp_path / "home")
    writer = store.create(
        scenario="ask", profile=None, engine="faster-whisper", model="tiny.en", seed=1
    )
    paths = writer.turn_paths(1, prompt_text="Anything else before we finish?")
    write_wav(paths.prompt_wav, np.zeros(SR, np.float32))
    write_wav(paths.answer_wav, np.full(SR, 0.1, np.float32))
    listening = write_wav(paths.answer_wav.with_name(LISTENING_WAV), np.zeros(SR, np.float32))
    said = Transcript.from_text("I would love to join the team. What are the next steps?")
    writer.save_turn(
        1, prompt_text="Anything else before we finish?", expects=("interest", "ask_for_job"),
        transcript=said, analysis=analyze(said, expects=("interest", "ask_for_job")),
    )  # fmt: skip
    listening.unlink()  # nothing more was said
    writer.finish(status="complete", analysis=None)
    session = store.load(writer.id)  # raises Damaged if a listed file is missing
    assert [t.n for t in session.turns] == [1]
    assert [s.status for s in store.list_sessions()] == ["complete"]


# -- live, through a leaky virtual sound card --------------------------------------------
@pytest.fixture
def leaky_rig() -> AudioRig:
    with AudioRig(leak_db=LEAK_DB) as rig:
        yield rig  # type: ignore[misc]


@pytest.mark.audio
@pytest.mark.slow
def test_going_on_after_the_answer_was_judged_over_loses_nothing(
    tmp_path: Path, cli_runs: list[Cli], leaky_rig: AudioRig
) -> None:
    first = say(FIRST, tmp_path / "a1.wav")
    more = say(MORE, tmp_path / "more.wav")
    thanks = say(THANKS, tmp_path / "a2.wav")
    write_config(last_answer_grace_s=0)
    for attempt in range(2):
        cli = Cli(["rehearse", "ask", "--seed", "4"], leaky_rig.env)
        cli_runs.append(cli)
        cli.wait_for(r"Recording your answer")
        leaky_rig.play_into_mic(first)
        cli.wait_for(r"Interviewer \(turn 2\)")  # the answer was judged over; the line plays
        leaky_rig.play_into_mic(more)  # ...and the candidate goes on over it
        try:
            cli.wait_for(BARGED)
            break
        except AssertionError:
            # A fresh-clone CI run on a machine twice as slow: the words reached the line
            # 2 s or more in, where they answer it (early_start.ANSWER_MIN_S), which is not
            # what this test is about. Once more; a second miss fails.
            if attempt:
                raise
            cli.kill()
    cli.wait_for(r"Recording your answer")  # the line is said again from the start
    leaky_rig.play_into_mic(thanks)
    assert cli.finish() == 0, "".join(cli.output)
    output = "".join(cli.output)
    assert len(re.findall(r"Interviewer \(turn 2\)", output)) == 2, output
    folder = latest_session()
    t1 = json.loads((folder / "turn-01" / "transcript.json").read_text())
    text = t1["text"].lower()
    # Both parts are in the one transcript. Through the leaky card tiny.en mishears a word
    # or two of either part now and then ("the next test from here", "interest of the
    # vin"), so most of each part's words must be there, not all; the audio length below
    # checks that none of the sound was lost.
    # Words are compared by their stem: "what's on the next step" (a CI run here) says
    # "what are the next steps" less one word, not three.
    heard = _stems(text)
    for part in (FIRST, MORE):
        words = _stems(part)
        assert len(words & heard) >= len(words) / 2, (part, text, output)
    a1 = json.loads((folder / "turn-01" / "analysis.json").read_text())
    checks = {c["key"]: c["status"] for c in a1["checks"]}
    # the merged answer is what was coached: each move heard is credited
    if "interested" in text:
        assert checks["interest"] == "done", checks
    if "next step" in text:
        assert checks["ask_for_job"] in ("done", "unclear"), checks
    manifest = json.loads((folder / "manifest.json").read_text())
    assert [t["n"] for t in manifest["turns"]] == [1, 2]
    kept_s = len(load_audio(folder / "turn-01" / "answer.wav")) / SR
    spoken_s = (len(load_audio(first)) + len(load_audio(more))) / SR
    assert kept_s > spoken_s - 0.7  # both parts, less some silence around them
    assert not (folder / "turn-01" / LISTENING_WAV).exists()
    Store().load(folder.name)  # the session opens: no file it lists is missing
    # the prompt's echo did not get into the answer: none of the interviewer's own words
    prompt = (folder / "turn-02" / "prompt.txt").read_text().lower()
    spoken = set(re.findall(r"[a-z']+", FIRST.lower() + " " + MORE.lower()))
    theirs = set(re.findall(r"[a-z']+", prompt)) - spoken
    assert len(theirs & set(re.findall(r"[a-z']+", text))) <= 1, (theirs, text)


@pytest.mark.audio
@pytest.mark.slow
def test_the_prompts_own_echo_never_stops_it(
    tmp_path: Path, cli_runs: list[Cli], leaky_rig: AudioRig
) -> None:
    lines = [
        "Who would I be working with day to day on the team?",
        "I led the migration of our billing system and cut the outages in half. "
        "Is there anything in my background that gives you pause?",
        "I have run a smaller budget, and I would learn the rest quickly.",
        "I really want this job. What are the next steps?",
        "Thank you for your time.",
        "Thank you again.",
    ]
    answers = [say(line, tmp_path / f"a{n}.wav") for n, line in enumerate(lines)]
    write_config(last_answer_grace_s=0)
    cli = Cli(["rehearse", "final-close", "--seed", "3"], leaky_rig.env)
    cli_runs.append(cli)
    prompts = 0
    for answer in answers:
        try:
            cli.wait_for(r"Recording your answer", timeout_s=90)
        except AssertionError:
            break  # the session is over
        prompts += 1
        leaky_rig.play_into_mic(answer)
    assert cli.finish() == 0, "".join(cli.output)
    output = "".join(cli.output)
    assert prompts >= 4 and BARGED not in output, output
    assert len(re.findall(r"Interviewer \(turn \d+\)", output)) == prompts, output
    # nor did it start an answer early: no answer holds the interviewer's own words
    mine = set(re.findall(r"[a-z']+", " ".join(lines).lower()))
    for turn in sorted(latest_session().glob("turn-*")):
        theirs = set(re.findall(r"[a-z']+", (turn / "prompt.txt").read_text().lower())) - mine
        said = json.loads((turn / "transcript.json").read_text())["text"].lower()
        assert len(theirs & set(re.findall(r"[a-z']+", said))) <= 1, (turn.name, said, theirs)


@pytest.mark.audio
@pytest.mark.slow
def test_words_said_over_the_first_line_start_the_answer(
    tmp_path: Path, cli_runs: list[Cli], leaky_rig: AudioRig
) -> None:
    # A trial began answering while the first line was still being spoken: before, the
    # recording started only when the line was over, and the first words were lost.
    answer = say(f"{FIRST} {MORE}", tmp_path / "early.wav")
    write_config(last_answer_grace_s=0)
    cli = Cli(["rehearse", "ask", "--seed", "9"], leaky_rig.env)
    cli_runs.append(cli)
    cli.wait_for(r"Interviewer \(turn 1\)")
    time.sleep(1.5)  # into the line
    leaky_rig.play_into_mic(answer)
    cli.wait_for(r"Interviewer \(turn 2\)", timeout_s=90)
    cli.wait_for(r"Recording your answer")
    leaky_rig.play_into_mic(say("Thank you so much for your time today.", tmp_path / "a2.wav"))
    assert cli.finish() == 0, "".join(cli.output)
    folder = latest_session()
    text = json.loads((folder / "turn-01" / "transcript.json").read_text())["text"].lower()
    heard = re.findall(r"[a-z']+", text.replace("i'm", "i am"))
    # the answer's first words are in it (tiny.en may mishear one through the leaky card)
    assert len({"i", "am", "very", "interested"} & set(heard[:6])) >= 3, text
    assert "next" in heard or "steps" in heard, text
    kept_s = len(load_audio(folder / "turn-01" / "answer.wav")) / SR
    assert kept_s > len(load_audio(answer)) / SR - 0.7  # none of the sound was lost
    prompt = (folder / "turn-01" / "prompt.txt").read_text().lower()
    theirs = set(re.findall(r"[a-z']+", prompt)) - set(
        re.findall(r"[a-z']+", f"{FIRST} {MORE}".lower())
    )
    assert len(theirs & set(heard)) <= 1, (theirs, text)  # the line's echo is not in it
    assert not [p.name for p in (folder / "turn-01").iterdir() if is_temporary(p.name)]
    answered = Store().load(folder.name).turns[0].answered_at  # the review says where
    assert answered is not None and 0.0 < answered < 0.9, answered
    # ...and so did the screen, as the answer began
    assert "you answered before the line was over" in "".join(cli.output)
    # ...and the closing coaches it: begun well before the line was over
    shown = " ".join("".join(cli.output).split())
    assert "Let the interviewer finish" in shown, shown
    began = r"You began answering \d+\.\d s into the interviewer's \d+\.\d s line in turn 1"
    assert re.search(began, shown), shown


@pytest.mark.audio
@pytest.mark.slow
def test_answering_the_end_of_a_line_through_the_speaker_starts_its_answer(
    tmp_path: Path, cli_runs: list[Cli], leaky_rig: AudioRig
) -> None:
    first = say(f"{FIRST} {MORE}", tmp_path / "a1.wav")
    thanks = say(THANKS, tmp_path / "a2.wav")
    write_config(last_answer_grace_s=0)
    cli = Cli(["rehearse", "ask", "--seed", "4"], leaky_rig.env)
    cli_runs.append(cli)
    cli.wait_for(r"Recording your answer")
    leaky_rig.play_into_mic(first)
    cli.wait_for(r"Interviewer \(turn 2\)")  # rendered, and about to play
    line = latest_session() / "turn-02" / "prompt.wav"
    time.sleep(0.9 * len(load_audio(line)) / SR)  # most of it said, its echo in the mic
    leaky_rig.play_into_mic(thanks)
    assert cli.finish() == 0, "".join(cli.output)
    output = "".join(cli.output)
    assert len(re.findall(r"Interviewer \(turn 2\)", output)) == 1 and BARGED not in output
    assert "Let the interviewer finish" not in output  # over its last words: not coached
    folder = latest_session()
    one, two = (
        json.loads((folder / f"turn-0{n}" / "transcript.json").read_text())["text"].lower()
        for n in (1, 2)
    )
    assert "thank" not in one, one
    assert "thank you" in two, two
    prompt = (folder / "turn-02" / "prompt.txt").read_text().lower()
    theirs = set(re.findall(r"[a-z']+", prompt)) - set(re.findall(r"[a-z']+", THANKS.lower()))
    assert len(theirs & set(re.findall(r"[a-z']+", two))) <= 1, (theirs, two)  # no echo
    Store().load(folder.name)


def _stems(text: str) -> set[str]:
    """The words of ``text``, lower case, each cut at an apostrophe ("what's": "what") and
    without a plural or verb "s" ("steps": "step")."""
    words = (w.split("'")[0] for w in re.findall(r"[a-z']+", text.lower()))
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if w}


# -- Ctrl-C in the other windows between words said over a line and their answer -------
def _ctrl_c_over_the_first_line(tmp_path: Path, transcriber: Any, at: str) -> Any:
    """The ask drill, the candidate answering 40% into its first line; Ctrl-C
    CTRL_C_AFTER_S after the line stopped ("line") or as the answer's recording is about
    to take over ("handover"), or none. The rehearsal's result."""
    from voicecoach.audio.tts import Pyttsx3Speaker
    from voicecoach.rehearsal.events import Devices, RehearsalEvents
    from voicecoach.rehearsal.run import Rehearsal
    from voicecoach.scenario import load_scenario

    answer = load_audio(say(f"{FIRST} {MORE}", tmp_path / "a1.wav"))
    mic = HeardOverEveryLine(np.zeros(0, np.float32), answer)

    class Candidate(RehearsalEvents):
        def answer_started(self, turn: Any) -> None:
            if at == "handover":
                time.sleep(CTRL_C_AFTER_S)  # a slow hand-over, while they speak on
                ctrl_c()

    speaker = (CtrlCWhenStopped if at == "line" else CuedHeadphones)(mic, 1, 0.4)
    return Rehearsal(
        load_scenario("ask"),
        devices=Devices(Pyttsx3Speaker(), speaker, mic, live=True),
        transcriber=transcriber, writer=Store().create(
            scenario="ask", profile=None, engine="faster-whisper", model="x"),
        seed=4, events=Candidate(),
    ).run()  # fmt: skip


def _ctrl_c_again_after(owner: type, method: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C again each time ``owner.method`` returns while the first Ctrl-C is handled."""
    import sys

    original = getattr(owner, method)

    def then_ctrl_c_again(self: Any) -> Any:
        done = original(self)
        if sys.exc_info()[0] is KeyboardInterrupt:
            ctrl_c()
        return done

    monkeypatch.setattr(owner, method, then_ctrl_c_again)


@pytest.mark.slow
def test_ctrl_c_twice_over_the_first_line_keeps_that_answer(
    tmp_path: Path, faster_transcriber: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the second Ctrl-C comes as what was said over the line is taken from the listening
    from voicecoach.rehearsal.early_start import EarlyStart

    _ctrl_c_again_after(EarlyStart, "finish", monkeypatch)
    result = _ctrl_c_over_the_first_line(tmp_path, faster_transcriber, "line")
    assert len(result.turns) == 1, "the words said over the first line were dropped"


@pytest.mark.slow
def test_ctrl_c_as_the_first_line_stops_keeps_that_answer(
    tmp_path: Path, faster_transcriber: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ctrl-C after the line stopped, while what was said over it is taken from the
    # listening
    import sys

    from voicecoach.rehearsal.early_start import EarlyStart

    finish = EarlyStart.finish

    def ctrl_c_while_it_ends(self: EarlyStart) -> Any:
        if sys.exc_info()[0] is None and self.halt.is_set():
            time.sleep(CTRL_C_AFTER_S)
            ctrl_c()
        return finish(self)

    monkeypatch.setattr(EarlyStart, "finish", ctrl_c_while_it_ends)
    result = _ctrl_c_over_the_first_line(tmp_path, faster_transcriber, "none")
    assert result.ended_by == "interrupted"
    assert len(result.turns) == 1, "the words said over the first line were dropped"


@pytest.mark.slow
def test_ctrl_c_twice_over_a_later_line_keeps_that_answer(
    tmp_path: Path, faster_transcriber: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the second Ctrl-C comes as the answer to line 2 is taken from the listening
    from voicecoach.rehearsal.barge_in import Listener

    _ctrl_c_again_after(Listener, "answer", monkeypatch)
    result, _ = _over_the_second_line(tmp_path, faster_transcriber, 0.85, ctrl_c_at="line")
    assert [t.turn.n for t in result.turns] == [1, 2], "the answer to line 2 was dropped"


def test_ctrl_c_as_a_recording_takes_the_held_input_leaves_none_running(
    tmp_path: Path,
) -> None:
    # Ctrl-C as the recording is set up (its voice detector, a Silero model, takes about
    # 0.17 s to make) left the held input neither stopped nor held again: running, out of
    # reach, and the Ctrl-C handling then opened a second input stream
    import queue

    from voicecoach.audio.recorders import SoundDeviceRecorder, _Input

    class Stream:
        active, stopped = True, False

        def start(self) -> None: ...

        def abort(self) -> None:
            self.stopped = True

        def close(self) -> None:
            self.stopped = True

    def ctrl_c_while_the_vad_loads() -> Any:
        raise KeyboardInterrupt

    rec = SoundDeviceRecorder(vad_factory=ctrl_c_while_the_vad_loads)
    stream = Stream()
    rec._held = _Input(stream, queue.Queue(), None, SR)
    with pytest.raises(KeyboardInterrupt):
        rec.record(tmp_path / "answer.wav", keep_open=True, lead=np.zeros(SR, np.float32))
    rec.close()
    assert stream.stopped or rec._held is not None, "the input is left running, unreachable"


@pytest.mark.slow
def test_ctrl_c_over_the_first_line_with_the_input_gone_keeps_what_was_said(
    tmp_path: Path, faster_transcriber: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the microphone vanished as Ctrl-C came: the answer is what was heard over the line,
    # not an error in place of the session's summary
    from voicecoach.errors import DeviceError

    record = HeardOverEveryLine.record

    def gone_once_stopped(self: HeardOverEveryLine, path: Path, **kw: Any) -> Recording:
        if kw.get("stop") is not None and kw["stop"].is_set():
            raise DeviceError("cannot open input device test mic (gone)")
        return record(self, path, **kw)

    monkeypatch.setattr(HeardOverEveryLine, "record", gone_once_stopped)
    result = _ctrl_c_over_the_first_line(tmp_path, faster_transcriber, "line")
    assert result.ended_by == "interrupted"
    (turn,) = result.turns
    assert "interested" in turn.transcript.text.lower(), turn.transcript.text
    saved = load_audio(result.session_path / "turn-01" / "answer.wav")
    assert len(saved) == len(turn.recording.audio) > SR


@pytest.mark.slow
def test_answering_well_before_the_first_line_is_over_is_coached(
    tmp_path: Path, faster_transcriber: Any
) -> None:
    # A live trial (`rehearse ask`): the answer began 1 s into the interviewer's first line,
    # which stopped; the close scored 100/100 and said nothing of it.
    from voicecoach.analysis.wording import FIXES
    from voicecoach.audio.tts import Pyttsx3Speaker
    from voicecoach.rehearsal.events import Controls, Devices, RehearsalEvents
    from voicecoach.rehearsal.run import Rehearsal
    from voicecoach.scenario import load_scenario

    answer = load_audio(say(f"{FIRST} {MORE}", tmp_path / "a1.wav"))
    mic = HeardOverEveryLine(np.zeros(0, np.float32), answer)
    controls = Controls()

    class Candidate(RehearsalEvents):
        def answer_ended(self, turn: Any, recording: Any) -> None:
            controls.quit.set()  # the closing on this one answer is what is looked at

    result = Rehearsal(
        load_scenario("ask"),
        devices=Devices(Pyttsx3Speaker(), CuedHeadphones(mic, 1, 0.2), mic, live=True),
        transcriber=faster_transcriber, writer=Store().create(
            scenario="ask", profile=None, engine="faster-whisper", model="x"),
        seed=4, controls=controls, events=Candidate(),
    ).run()  # fmt: skip
    (turn,) = result.turns
    assert "interested" in turn.transcript.text.lower(), turn.transcript.text
    session = Store().load(result.session_id)
    (saved,) = session.turns
    line_s = len(load_audio(result.session_path / "turn-01" / "prompt.wav")) / SR
    assert saved.line_s == pytest.approx(line_s, abs=0.01)
    assert saved.spoken_s is not None and saved.spoken_s < line_s - 0.2  # its last word
    # where their words began, before the line stopped (once they were heard as speech)
    assert saved.answered_at is not None and saved.began_at is not None
    assert saved.began_at < saved.answered_at < 0.7, (saved.began_at, saved.answered_at)
    title = FIXES["spoke_over"].title
    assert result.analysis is not None and session.analysis is not None
    (fix,) = [p for p in result.analysis.coaching if p.title == title]
    at_s = saved.began_at * line_s
    said = f"{at_s:.1f} s into the interviewer's {saved.spoken_s:.1f} s line"
    assert said in fix.message, fix.message
    assert fix in session.analysis.coaching  # the stored closing says the same


def _over_a_leaky_speaker(
    monkeypatch: pytest.MonkeyPatch, line: Path, played: Path, candidate: Path | None = None
) -> tuple[Any, threading.Event, Any]:
    """``played`` through a speaker leaking at -10 dB while the first line's listening
    (real recorder and player) hears it as ``line``; ``candidate`` goes into the microphone
    as the line starts. The listening, its halt event and what it kept."""
    from audio_rig import rescan_sounddevice

    from voicecoach.audio.devices import SoundDevicePlayer, choose_device
    from voicecoach.audio.echo import DoubleTalk
    from voicecoach.audio.recorders import SoundDeviceRecorder
    from voicecoach.rehearsal.early_start import EarlyStart

    with AudioRig(leak_db=-10.0) as rig:
        monkeypatch.setenv("PULSE_SERVER", rig.env["PULSE_SERVER"])
        rescan_sounddevice()
        recorder = SoundDeviceRecorder(choose_device(None, "input"), latency="high")
        player = SoundDevicePlayer(choose_device(None, "output"), latency="high")
        early = EarlyStart(recorder, DoubleTalk(), threading.Event()).start()

        def started(at: float) -> None:
            early.started(at)
            if candidate is not None:
                rig.play_into_mic(candidate, wait=False)

        try:
            halt = early.prompt(line)
            player.play(played, stop=halt, on_start=started)
            said = early.finish()
        finally:
            recorder.close()
    return early, halt, said


@pytest.mark.audio
def test_going_on_over_the_first_seconds_of_a_line_is_heard_where_it_began(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Live trial 21 at -10 dB: the thinking pause was cut, the goodbye began, and the
    candidate went on at once, a sentence over its first 2 s, then a breath. The echo path
    was known only then: the first sentence was dropped, the second taken for an answer
    to the goodbye "2.3 s into the line", and the path was left as "no echo"."""
    speech = Path(__file__).resolve().parents[1] / "data" / "speech"
    line = write_wav(tmp_path / "line.wav", load_audio(speech / "librivox-0870.wav")[: 6 * SR])
    first = load_audio(say("I really want this job, and I am sure of it.", tmp_path / "c1.wav"))
    second = load_audio(say("What are the next steps from here?", tmp_path / "c2.wav"))
    pause = np.zeros(int(1.2 * SR), np.float32)
    going_on = write_wav(tmp_path / "going-on.wav", np.concatenate([first, pause, second]))
    early, halt, said = _over_a_leaky_speaker(monkeypatch, line, line, going_on)
    began_s = early.line_began * 6.0  # the line is 6 s long
    assert halt.is_set() and said is not None, early.detector.path
    assert began_s < 0.9, began_s  # their first word ~0.35 s in (the clip's breath)
    assert early.detector.path is not None and early.detector.path.gain > 0.1


@pytest.mark.audio
def test_an_echo_that_moves_twice_in_a_tenth_of_a_second_never_stops_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Live trial 21, through a speaker leaking at -10 dB: 1.5 s into the first line its
    echo came 15 ms later, and 23 ms later again 80 ms after (the player falling behind
    and catching up), while the candidate was silent. The line stopped itself, the
    answer's recording began with the interviewer's voice, and the closing coached "You
    began answering 1.5 s into the interviewer's 6.0 s line". Here the player stands in
    for such a machine: it plays the line with those two steps (three times, 1.5 s
    apart), through the real recorder, player and the first line's listening."""
    speech = Path(__file__).resolve().parents[1] / "data" / "speech"
    line = load_audio(speech / "librivox-0870.wav")[: 6 * SR]
    played, pos = [line[: int(1.5 * SR)]], int(1.5 * SR)
    for at_s in (1.5, 3.0, 4.5):
        played.append(line[pos : int(at_s * SR)])
        pos = int(at_s * SR)
        for back in (234, 373):  # samples the player repeats: the echo that much later
            played.append(line[pos - back : pos + int(0.08 * SR)])
            pos += int(0.08 * SR)
    played.append(line[pos:])
    reference = write_wav(tmp_path / "line.wav", line)
    stepped = write_wav(tmp_path / "played.wav", np.concatenate(played))
    early, halt, said = _over_a_leaky_speaker(monkeypatch, reference, stepped)
    assert not halt.is_set() and said is None, (early.detector.onset, early.detector.path)


class EchoingMic(TapeMic):
    """A :class:`TapeMic` beside a loudspeaker: each line played (:meth:`play`) reaches
    it ECHO_DELAY_S late, as loud as the candidate, until the line is stopped; a clip
    cued (:meth:`cue`) is spliced into the tape, on the tape's clock."""

    ECHO_DELAY_S = 0.1

    def __init__(self) -> None:
        super().__init__(np.zeros(0, np.float32))
        self.lines: list[list[Any]] = []  # [audio, its echo's first tape sample, stop, end]

    def cue(self, clip: np.ndarray, after_s: float) -> None:
        """The candidate says ``clip`` ``after_s`` from the tape's next block."""
        at = self.at + round(after_s * SR)
        before = np.zeros(max(at, len(self.tape)), np.float32)
        before[: len(self.tape)] = self.tape
        self.tape = np.concatenate([before[:at], clip, before[at:]])

    def play(self, audio: np.ndarray, stop: threading.Event) -> None:
        self.lines.append([audio, self.at + round(self.ECHO_DELAY_S * SR), stop, None])

    def listen(self, *, stop: threading.Event, on_audio) -> None:  # type: ignore[no-untyped-def]
        for block in self._blocks(stop):  # over the first line too: its echo is heard here
            on_audio(block)

    def _blocks(self, stop: threading.Event | None) -> Iterator[np.ndarray]:
        for block in super()._blocks(stop):
            begin = self.at - len(block)
            block = block.copy()
            for line in self.lines:
                audio, first, stopped, end = line
                if end is None and stopped.is_set():  # what was played by now still sounds
                    line[3] = end = begin + round(self.ECHO_DELAY_S * SR)
                at = np.arange(begin, begin + len(block))
                k = at - first
                heard = (k >= 0) & (k < len(audio)) & (at < (end if end is not None else at + 1))
                block[heard] += audio[k[heard]]
            yield block


class LeakingSpeaker(Headphones):
    """The speaker (the hardware edge), heard by an :class:`EchoingMic`; the candidate
    answers line ``n`` with ``answers[n]`` once it is over, or speaks ``over[n]`` from
    OVER_S into it (under its first echo, before its echo path is known)."""

    OVER_S = 0.3

    def __init__(
        self, mic: EchoingMic, answers: dict[int, np.ndarray], over: dict[int, np.ndarray]
    ) -> None:
        self.mic, self.answers, self.over, self.n = mic, answers, over, 0

    def play(self, path: Path, stop=None, on_start=None) -> None:  # type: ignore[no-untyped-def]
        self.n += 1
        audio, stop = load_audio(path), stop or threading.Event()
        if self.n in self.over:
            self.mic.cue(self.over[self.n], self.OVER_S)
        if self.n in self.answers:
            self.mic.cue(self.answers[self.n], len(audio) / SR + 0.3)
        self.mic.play(audio, stop)
        super().play(path, stop, on_start)


def _where(clip: np.ndarray, audio: np.ndarray) -> int:
    """The sample of ``audio`` where ``clip`` is found (by cross-correlation)."""
    size = 1 << int(np.ceil(np.log2(len(audio) + len(clip))))
    corr = np.fft.irfft(np.fft.rfft(audio, size) * np.conj(np.fft.rfft(clip, size)), size)
    return int(np.argmax(corr[: len(audio) - len(clip) + 1]))


@pytest.mark.slow
def test_words_said_as_the_next_line_begins_join_the_answer_from_their_first_sound(
    tmp_path: Path, faster_transcriber: Any
) -> None:
    """Live trial 49, third check (N1): the candidate answered the doubt, paused 0.6 s and
    asked "Is that the main worry, or is there something else?" (Festival's voice) as the
    next line began. The turn had ended in the pause; the line stopped and the question
    joined the answer, but under the line's first echo it was heard 0.43-0.49 s late: kept
    from 0.25 s before that, it lost its "Is", and the recogniser wrote "That the main
    worry...", a statement, so the line chosen again from the whole answer did not
    answer it. The whole question, first sound and all, is the answer's now."""
    import tomllib

    from voicecoach.audio.tts import Pyttsx3Speaker
    from voicecoach.rehearsal.events import Controls, Devices, RehearsalEvents
    from voicecoach.rehearsal.run import Rehearsal
    from voicecoach.scenario import scenario_from_dict

    path = Path(__file__).resolve().parents[2] / "prompts" / "final-close.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    data["turns"] = data["turns"][1:]  # from "Anything else...?": the probe, then the doubt
    del data["personas"]["tough"]["turns"]["final-questions"]
    probe = load_audio(say("Is there anything about my background that gives you pause?",
                           tmp_path / "probe.wav"))  # fmt: skip
    answer = load_audio(say(
        "That's fair, my companies have been smaller. But at my last job I rebuilt the "
        "planning process for a forty person team.", tmp_path / "answer.wav",
    ))  # fmt: skip
    question = load_audio(SPEECH / "main-worry-question-slt.flac")
    mic = EchoingMic()
    speaker = LeakingSpeaker(mic, {1: probe, 2: answer}, {3: question})
    controls, seen = Controls(), []

    class Candidate(RehearsalEvents):
        def prompt(self, turn: Any, duration_s: float) -> None:
            seen.append(f"prompt {turn.n}")
            if len(seen) > 3:  # the line after the doubt, chosen again: stop there
                controls.quit.set()

        def barge_in(self, turn: Any) -> None:
            seen.append(f"barge_in {turn.n}")

    result = Rehearsal(
        scenario_from_dict(data, path), devices=Devices(Pyttsx3Speaker(), speaker, mic, live=True),
        transcriber=faster_transcriber, writer=Store().create(
            scenario="final-close", profile=None, engine="faster-whisper", model="x"),
        seed=4, controls=controls, events=Candidate(),
        concern="your background is mostly in startups, and the company has a lot more process.",
    ).run()  # fmt: skip
    assert seen == ["prompt 1", "prompt 2", "prompt 3", "barge_in 2", "prompt 3"], seen
    saved = load_audio(result.session_path / "turn-02" / "answer.wav")
    first = int(np.argmax(np.abs(question) > 0.01))  # its first sound ("Is")
    body = question[first + SR // 2 : first + 2 * SR]  # "...the main worry, or..."
    at = _where(body, saved) - SR // 2  # where the question's first sound is in the answer
    start = question[first : first + SR // 10]
    kept = saved[at : at + len(start)]
    match = float(np.dot(kept, start) / (np.linalg.norm(kept) * np.linalg.norm(start) + 1e-12))
    assert match > 0.8, match  # its "Is", echo removed
