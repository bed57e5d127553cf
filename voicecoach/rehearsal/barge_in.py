"""Barge-in: the candidate goes on talking after their answer was judged over.

An answer ends when the rehearsal hears it is finished (:mod:`.turn_end`), sometimes too
soon. So the microphone keeps running after the answer (the recorder hands its input over
without losing a sample) while the verdict is computed and while the interviewer's next
line is rendered and played. A :class:`Listener` feeds it to
:class:`~voicecoach.audio.echo.DoubleTalk`, which tells the candidate from the prompt's
echo. When the candidate speaks, the prompt is stopped (the player's stop event), the new
words are transcribed live and end like an answer (the same turn-end judge, with what was
said before as context). :func:`.continuation.merge_answer` then joins them to the
answer: one answer audio, transcript and speech regions, which the rehearsal re-coaches
(:mod:`.run`).

Only the candidate's words from just before the onset are merged, with the prompt's echo
removed; the rest of the listening (silence, the prompt's echo) is dropped.

Speech that starts once the line has been said far enough for the candidate to be
answering it (``answer_from``, :func:`.early_start.answer_point`) is not the answer before
going on: the line stops, and :meth:`Listener.answer` hands what they said over it to the
line's own answer, whose recording starts with it (as :mod:`.early_start` does for a
first line). Where speech began is judged past the line's undecided first second (its
echo not known yet) once the candidate was heard quiet (:data:`QUIET_BEFORE_S`).

A barge-in over the last line (the goodbye) is one like any other: the line stops, the
answer before it grows, and the goodbye is chosen again (now perhaps with the timeline
the candidate asked for). After the very last answer, the reply to a question it asked
(:mod:`.closing`) is listened over the same way; when no line follows, the listening lasts
while its verdict is computed and a short grace wait, then the session ends.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from voicecoach.audio.echo import DoubleTalk
from voicecoach.audio.endpoint import RecordingStatus
from voicecoach.audio.files import FloatArray, load_audio
from voicecoach.audio.recorders import Recorder, Recording
from voicecoach.rehearsal.continuation import (
    Continuation,
    Regions,
    heard_in_context,
    merge_answer,
)
from voicecoach.settings import SAMPLE_RATE_HZ, Thresholds
from voicecoach.speech.chunked import ChunkedTranscriber
from voicecoach.terminal import interrupts_held
from voicecoach.transcript import Transcript

if TYPE_CHECKING:
    from voicecoach.rehearsal.events import Controls, RehearsalEvents, TurnResult
    from voicecoach.rehearsal.turn_end import TurnEndJudge
    from voicecoach.scenario import Turn
    from voicecoach.speech.base import Transcriber

# The listening, beside the answer; removed once merged or not needed. Named as a recording
# in progress (atomic.is_temporary): the turn is saved while it records, and its list of
# files must not promise one that is about to go.
LISTENING_WAV = "answer-more.wav.part"
PRE_ROLL_S = 0.25  # kept before the detected onset: a word's start scores low in the VAD
# The same for words that answer the line they were said over (Listener.answer): under the
# line's loud echo a soft first sound is heard late. Trial 12: with PRE_ROLL_S, 4 of 23
# such answers began 0.13-0.17 s after the candidate's first sound (the line stopped 0.9 s
# after it), and two lost their opening "That's fair." / "That's a".
ANSWER_PRE_ROLL_S = 0.5
# Speech heard after a line's undecided first second (its echo not known yet) began where
# it was heard, not at the stretch's start (DoubleTalk.since), once the candidate was heard
# quiet this long in between: more than the gap between two words. Judged from the
# stretch's start, speech at the end of a short line ("Any questions for me?", under 2 s
# through a speaker) never answered it.
QUIET_BEFORE_S = 0.25
# Answers after which the rehearsal keeps listening: ended on their own, or by Enter (not
# by the cap, Ctrl-C or a lost device)
LISTEN_AFTER = ("finished", "silence", "key")

_Line = TypeVar("_Line", bound="OverLine")


class OverLine:
    """Listens to ``recorder`` on its own thread (:meth:`_listen`) while an interviewer's
    line plays, through the session's :class:`~voicecoach.audio.echo.DoubleTalk` (the
    line's echo is not the candidate): :meth:`prompt` places the line on the microphone's
    clock, :attr:`halt` stops it."""

    def __init__(
        self, recorder: Recorder, detector: DoubleTalk, quit_key: threading.Event, name: str
    ) -> None:
        self.recorder, self.detector, self.quit_key = recorder, detector, quit_key
        self.halt = threading.Event()  # stops the line: the candidate speaks, or q
        self._stop = threading.Event()  # stops the listening
        self._error: BaseException | None = None  # the listening's, re-raised by finish()
        self._lock = threading.Lock()
        self._prompt: tuple[FloatArray, float] | None = None  # a line to place
        self._line: FloatArray | None = None  # the line playing
        self._answer_from: float | None = None  # the share of it after which speech answers it
        self._sounding = False  # the player said the line's first block went out (started)
        self._line_from: int | None = None  # the microphone sample the line started at
        self._line_len = 0  # its length in samples
        self.line_heard = 0.0  # the share of the line said when the candidate stopped it
        # ...and when their speech began (its onset: the line stops only once it is heard)
        self.line_began = 0.0
        # The listening's end. Waited on instead of the thread: a Thread.join() cut by
        # Ctrl-C marks a running thread as stopped (Python 3.11), so later joins return early.
        self._ended = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self: _Line) -> _Line:
        self.detector.reset()
        self._thread.start()
        return self

    @property
    def heard(self) -> bool:
        """The candidate started speaking (over the line, or after the answer)."""
        return self.detector.onset is not None

    def prompt(self, wav: Path, answer_from: float | None = None) -> threading.Event:
        """The line in ``wav`` starts playing now; returns the event that stops it.
        ``answer_from``: how far into it (0-1) speech answers it (:class:`Listener`)."""
        audio = load_audio(wav)
        with self._lock:
            self._line, self._prompt = audio, (audio, time.time())
            self._answer_from = answer_from
        return self.halt

    def started(self, at: float) -> None:
        """The player's first block of the line went out at ``at`` (``time.time()``): the
        line is placed there instead. Opening an output stream can take a second on a busy
        machine, and an echo that late was beyond the delays searched: the line's own
        voice was then taken for the candidate."""
        with self._lock:
            self._sounding = True
            # stopped already (the candidate spoke while the output stream opened): placed
            # again, the whole line's echo would be taken out of their words
            if self._line is not None and not self.halt.is_set():
                self._prompt = (self._line, at)

    def _place(self, block: FloatArray) -> bool:
        """Under the lock, before ``block`` is fed: place a line that started since the
        last block on the microphone's clock. True when one was placed now."""
        if self.quit_key.is_set():
            self.halt.set()
        if self._prompt is None:
            return False
        audio, at = self._prompt
        self._prompt = None
        now = self.detector.samples + len(block)
        self.detector.play(audio, now + int((at - time.time()) * SAMPLE_RATE_HZ))
        self._line_from, self._line_len = self.detector.placed, len(self.detector.reference)
        return True

    def _note_heard(self, onset: int | None = None) -> None:
        """:attr:`line_heard`: how far the line playing got, now that it is stopped; and
        :attr:`line_began`: how far it had got at microphone sample ``onset``, where the
        run of speech that stopped it began: the line stops only once that is heard as
        speech, and over the line's first second (its echo not known yet) the run is
        judged late, so this is never before the candidate's first sound."""
        if self._sounding and self._line_from is not None and self._line_len:
            said = (self.detector.samples - self._line_from) / self._line_len
            self.line_heard = min(1.0, max(0.0, said))
            began = said if onset is None else (onset - self._line_from) / self._line_len
            self.line_began = min(self.line_heard, max(0.0, began))

    def _end_listening(self) -> None:
        """Stop the listening and wait until its thread is done."""
        self._stop.set()
        self._ended.wait()

    def _run(self) -> None:
        try:
            self._listen()
        except BaseException as exc:  # re-raised by finish(), in the rehearsal's thread
            self._error = exc
            self._stop.set()
        finally:
            self._ended.set()

    def _listen(self) -> None:
        """Feed the recorder's audio to the detector until :attr:`_stop` (the thread)."""
        raise NotImplementedError


class Listener(OverLine):
    """Listens after an answer on its own thread until :meth:`settle` or, after a barge-in,
    until the continuation ends (the judge, Enter, the recorder's last-resort silence).

    ``context`` gives the answer's text so far; ``judge`` makes the turn-end judge for a
    continuation's transcriber; ``on_status`` gets the continuation's recording status
    (times from its start) for the UI.
    """

    def __init__(
        self,
        recorder: Recorder,
        path: Path,
        *,
        transcriber: Transcriber,
        detector: DoubleTalk,
        judge: Callable[[ChunkedTranscriber], TurnEndJudge],
        context: Callable[[], str],
        finish_key: threading.Event,
        quit_key: threading.Event,
        on_status: Callable[[RecordingStatus], None],
        thresholds: Thresholds | None = None,
        whisper_prompt: str | None = None,
    ) -> None:
        super().__init__(recorder, detector, quit_key, "barge-in")
        self.path = Path(path)
        self.whisper_prompt = whisper_prompt  # for the continuation (None: the default)
        self.transcriber = transcriber
        self.make_judge, self.context = judge, context
        self.finish_key = finish_key
        self.on_status = on_status
        self.thresholds = thresholds or Thresholds()
        self.onset_at: float | None = None  # time.time() when the barge-in was detected
        self._settled = False
        self._start = 0  # first sample of the continuation
        self._fed = 0
        self._chunker: ChunkedTranscriber | None = None
        self._judge: TurnEndJudge | None = None
        self._recording: Recording | None = None
        self._taken = False  # finish() has handed the continuation over (or dropped it)
        # the microphone sample from which speech answers the line playing (None: none does)
        self._answers_at: int | None = None
        self._answering: int | None = None  # the candidate answers it from this sample
        self._shown_at: int | None = None  # the sample at which shown() was called

    def settle(self) -> bool:
        """The prompt is over: True if the candidate is (or was) speaking again, and the
        continuation goes on to its end; else the listening stops (see :meth:`answer`)."""
        with self._lock:
            self._settled = True
            heard = self.heard and self._answering is None
            if not heard and self._answering is None:
                # speech that began where it answers the line, too short for an onset yet
                start = self.detector.pending
                if start is not None:
                    start = self._heard_from(self.detector.run_from, start)
                    if self._answers(start):
                        self._answering = start
        if not heard:
            self._stop.set()
        return heard

    @property
    def answering(self) -> bool:
        """The candidate has begun answering the line playing (speech past its answer
        point), rather than going on with the answer before it."""
        with self._lock:
            return self._answering is not None

    def answer(self) -> FloatArray | None:
        """After :meth:`settle` said False: what the candidate said over the line that
        answers it, from just before their first word with the line's echo removed (the
        line's answer starts with it), or None. The microphone is left running for that
        answer (``keep_open``)."""
        self._taken = True
        self._ended.wait()
        if self._error is not None:
            raise self._error
        with contextlib.suppress(OSError):
            self.path.unlink()  # only the detector's copy is kept: from the onset, cleaned
        if self._answering is None:
            return None
        start = self._answering - int(ANSWER_PRE_ROLL_S * SAMPLE_RATE_HZ)
        return self.detector.cleaned(max(0, start))

    def wait(self) -> None:
        """After :meth:`settle`: until the listening ends. Ctrl-C here leaves the
        continuation to :meth:`interrupt`."""
        self._ended.wait()

    def finish(self) -> Continuation | None:
        """After :meth:`settle`: wait for the listening's end; the continuation, if any."""
        self._taken = True
        self._ended.wait()
        if self._error is not None:
            if self._chunker is not None:
                self._chunker.close()
            raise self._error
        assert self._recording is not None
        if self._chunker is None:  # no barge-in: the candidate did not go on
            with contextlib.suppress(OSError):
                self.path.unlink()
            return None
        transcript, regions = self._chunker.finish()
        recording = self._recording
        if recording.ended_by == "key" and self._judge is not None and self._judge.ended:
            recording = replace(recording, ended_by=self._judge.ended_by)
        audio = self.detector.cleaned(self._start)
        floor = [at for at in (self._line_from, self._shown_at) if at is not None]
        floor_s = min(floor) / SAMPLE_RATE_HZ if floor and min(floor) < self._start else None
        return Continuation(
            recording, audio, self._start / SAMPLE_RATE_HZ, transcript, regions, floor_s
        )

    def shown(self) -> None:
        """The last answer's verdict is on screen now, and no line follows: the silence
        from here is not the candidate's (see :func:`.continuation.merge_answer`)."""
        with self._lock:
            if self._shown_at is None:
                self._shown_at = self.detector.samples

    def interrupt(self) -> Continuation | None:
        """Ctrl-C: end the listening now and let the microphone go. What the candidate
        added so far, ended by the interrupt; None when nothing was heard, or when
        :meth:`finish` already took it."""
        with self._lock:  # no barge-in starts from now on
            self._settled = True
        self._stop.set()
        if self._taken:
            return None
        self._ended.wait()
        with self._lock:  # speech too short to be a barge-in yet is kept all the same
            start = self.detector.pending if self._chunker is None else None
            if start is not None:
                self._begin(start)
                self._feed_chunker()
        more = self.finish()
        self.recorder.close()
        if more is None:
            return None
        return replace(more, recording=replace(more.recording, ended_by="interrupted"))

    def abandon(self) -> None:
        """Stop listening and drop everything (quit, Ctrl-C, an error elsewhere)."""
        self._settled = True
        self._end_listening()
        if self._chunker is not None:
            self._chunker.close()
        self.recorder.close()

    # -- the listening thread -------------------------------------------------------------
    def _listen(self) -> None:
        self._recording = self.recorder.record(
            self.path, stop=self._stop, on_status=self._status, on_audio=self._audio,
            keep_open=True,
        )  # fmt: skip

    def _audio(self, block: FloatArray) -> None:
        with self._lock:
            placed = self._place(block)
            if placed and self._answer_from is not None and self._line_from is not None:
                self._answers_at = self._line_from + int(self._answer_from * self._line_len)
            if self._answering is not None:  # kept for the line's answer (answer())
                self.detector.feed(block)
                return
            if self._chunker is None:
                if self._settled:  # no barge-in now: the listening is stopping
                    return
                onset = self.detector.feed(block)
                if onset is None:
                    return
                # where it began: speech that may have begun in a line's first second,
                # before its echo is known, is taken for the answer before going on
                start = self._heard_from(onset, self.detector.since)
                if self._answers(start):  # not going on: answering the line
                    self._answering = start
                    self._note_heard(onset)
                    self.halt.set()
                    self.detector.halted(self.detector.samples)
                    return
                self._begin()
            else:
                self.detector.feed(block)
        self._feed_chunker()

    def _heard_from(self, run: int, since: int) -> int:
        """Where speech heard from sample ``run`` began: at ``since`` (the undecided
        stretch before it, :attr:`~voicecoach.audio.echo.DoubleTalk.since`) unless the
        candidate was heard quiet for :data:`QUIET_BEFORE_S` after that stretch."""
        if since < run and self.detector.quiet >= QUIET_BEFORE_S * SAMPLE_RATE_HZ:
            return run
        return since

    def _answers(self, start: int) -> bool:
        """Speech from microphone sample ``start`` answers the line playing (under the lock)."""
        return self._answers_at is not None and start >= self._answers_at

    def _feed_chunker(self) -> None:
        """The continuation's transcriber gets the audio heard since it was last fed."""
        chunker = self._chunker
        assert chunker is not None
        end = self.detector.samples
        if end > self._fed:
            chunker.on_audio(self.detector.cleaned(self._fed, end))
            self._fed = end

    def _begin(self, since: int | None = None) -> None:
        """The candidate is speaking from sample ``since`` (default: where the detector
        heard them start): stop the prompt, start transcribing from there."""
        self.halt.set()
        self.detector.halted(self.detector.samples)  # no echo of the rest of the line
        self._note_heard()
        self.onset_at = time.time()
        if since is None:
            since = self.detector.since  # the onset, or before it when it was undecided
        self._start = self._fed = max(0, since - int(PRE_ROLL_S * SAMPLE_RATE_HZ))
        self._chunker = ChunkedTranscriber(
            self.transcriber, self.thresholds, self.context(), self.whisper_prompt
        )
        self._judge = self.make_judge(self._chunker)
        self.finish_key.clear()  # only Enter pressed from now on ends the continuation

    def _status(self, status: RecordingStatus) -> None:
        chunker, judge = self._chunker, self._judge
        if chunker is None or judge is None:
            return
        status = replace(status, elapsed_s=status.elapsed_s - self._start / SAMPLE_RATE_HZ)
        chunker.on_status(status)
        if judge.over(status) or self.finish_key.is_set():
            self._stop.set()
        self.on_status(judge.reading(status))


class Host(Protocol):
    """The rehearsal, as the listening sees it (read when needed: the CLI replaces events
    and controls after the rehearsal is built)."""

    events: RehearsalEvents
    controls: Controls
    results: list[TurnResult]

    def coach(
        self, turn: Turn, recording: Recording, transcript: Transcript, regions: Regions, *,
        prompt_started: float, parts_s: tuple[float, ...] = (),
    ) -> TurnResult: ...  # fmt: skip  # saves the turn and counts it in results


class Listening:
    """The rehearsal's barge-in side: a :class:`Listener` after each answer, and what a
    barge-in does to the answer. One per session: the echo path learned from one prompt
    serves the next."""

    def __init__(
        self,
        recorder: Recorder,
        transcriber: Transcriber,
        thresholds: Thresholds,
        *,
        judge: Callable[[Turn, ChunkedTranscriber], TurnEndJudge],
        host: Host,
        whisper_prompt: str | None = None,
    ) -> None:
        self.recorder, self.transcriber, self.thresholds = recorder, transcriber, thresholds
        self.judge, self.host = judge, host
        self.whisper_prompt = whisper_prompt  # None: the default (see ChunkedTranscriber)
        self.detector: DoubleTalk | None = None  # made at first use (it loads a VAD model)
        self.barge_ins = 0  # in this session, for the benchmark

    def after(self, turn: Turn, recording: Recording, said: Callable[[], str]) -> Listener | None:
        """Keep listening after an answer that ended on its own or by Enter; else let the
        microphone go."""
        controls, events = self.host.controls, self.host.events
        if recording.ended_by not in LISTEN_AFTER or controls.quit.is_set():
            self.recorder.close()
            return None
        return Listener(
            self.recorder, recording.path.with_name(LISTENING_WAV),
            transcriber=self.transcriber, detector=self.echo_detector(),
            judge=partial(self.judge, turn), context=said,
            finish_key=controls.finish_answer, quit_key=controls.quit,
            on_status=partial(events.recording, turn), thresholds=self.thresholds,
            whisper_prompt=self.whisper_prompt,
        ).start()  # fmt: skip

    def echo_detector(self) -> DoubleTalk:
        """The session's double-talk detector, made at first use (it also serves
        :mod:`.early_start`)."""
        if self.detector is None:
            self.detector = DoubleTalk(self.thresholds)
        return self.detector

    def hear_more(self, listener: Listener) -> tuple[Listener | None, bool, FloatArray | None]:
        """After the prompt: did the candidate go on? Then the answer is merged, coached
        again and saved in place of the first version (the rehearsal's last result too),
        and the listening starts again. Returns the next listener, whether they did, and
        what they said over the line that answers it (its answer starts with that)."""
        if not listener.settle():
            return None, False, listener.answer()
        host, last = self.host, self.host.results[-1]
        self.barge_ins += 1
        host.events.barge_in(last.turn)
        listener.wait()  # Ctrl-C while they go on: the rehearsal keeps what they said (cut)
        nxt, result = self._join(listener.finish)
        if result is not None and (nxt is None or not nxt.heard):  # else coached again soon
            host.events.feedback(result)
        return nxt, True, None

    def cut(self, listener: Listener) -> None:
        """Ctrl-C while the candidate may be going on after their answer: the listening ends
        now, and what they added so far joins the answer, coached and saved as if they had
        stopped there (the rehearsal then ends). Ctrl-C again waits until it is saved."""
        _, result = self._join(listener.interrupt)
        if result is not None:
            self.host.events.feedback(result)

    def keep_sound(self, listener: Listener, answer: Recording) -> None:
        """Ctrl-C before ``answer`` was saved (the session keeps its audio only, for
        `analyze --session`): what the candidate added after it joins that audio."""
        from voicecoach.audio.vad import speech_regions

        with interrupts_held():
            more = listener.interrupt()
            if more is None:
                with contextlib.suppress(OSError):
                    listener.path.unlink()
                return
            first = answer.audio if len(answer.audio) else load_audio(answer.path)
            empty = Transcript("", (), answer.duration_s)  # its words were never heard
            regions = speech_regions(first, self.thresholds)
            merge_answer(answer, empty, regions, more, self.thresholds)

    def _join(
        self, take: Callable[[], Continuation | None]
    ) -> tuple[Listener | None, TurnResult | None]:
        """The continuation ``take`` gives, merged into the last answer, coached and saved
        in place of it; the listening after it (none once Ctrl-C or q ended it)."""
        host, last = self.host, self.host.results[-1]
        nxt: Listener | None = None
        try:
            # From the continuation's end until it is saved with the answer, Ctrl-C waits:
            # its words, the answer's rewritten audio and their coaching go together.
            with interrupts_held():
                more = take()
                if more is None:
                    return None, None
                # a word or two that Whisper wrote nothing for alone: decoded behind the answer
                more = heard_in_context(
                    more, last.recording, last.transcript, last.speech_regions,
                    self.transcriber, self.whisper_prompt,
                )  # fmt: skip
                # a cough or a breath: nothing to add, the line starts again. Cut by Ctrl-C,
                # it is kept: the start of a phrase (a syllable or two) has no words yet
                if not more.said and more.recording.ended_by != "interrupted":
                    with contextlib.suppress(OSError):
                        more.recording.path.unlink()
                    nxt = self.after(last.turn, more.recording, lambda: last.transcript.text)
                    return nxt, None
                recording, transcript, regions = merge_answer(
                    last.recording, last.transcript, last.speech_regions, more, self.thresholds
                )
                # the continuation's words are judged apart: Whisper's doubt about words
                # said over the line does not make the answer before them unclear
                joined_at = recording.duration_s - len(more.audio) / SAMPLE_RATE_HZ
                nxt = self.after(last.turn, more.recording, lambda: transcript.text)
                host.events.answer_ended(last.turn, recording)
                result = host.coach(
                    last.turn, recording, transcript, regions,
                    prompt_started=last.prompt_started_at,
                    parts_s=(*last.parts_s, round(joined_at, 3)),
                )  # fmt: skip
        except BaseException:
            if nxt is not None:
                nxt.abandon()
            raise
        return nxt, result


__all__ = ["Listener", "Listening"]
