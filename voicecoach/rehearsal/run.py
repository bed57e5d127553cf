"""A spoken rehearsal: the interviewer's turns are spoken, the answers recorded and coached.

For each turn of the plan: render the prompt (TTS) -> play it -> record the answer into the
session folder -> transcribe -> voice activity -> analyse against what the turn expects ->
save the turn -> quick verdict -> the next turn. With a scenario's ``[reactions]``, the
next turn reacts to the answer just analysed (:mod:`.conversation`); without, the script
is read as planned. At the end the whole closing is judged and the session finished.
Nothing here prints: the UI follows along through :class:`RehearsalEvents`.

With a microphone, the rehearsal keeps listening after each answer (:mod:`.barge_in`): if
the candidate goes on while the verdict is computed or the next line plays, the line
stops, the new words join the answer, which is coached and saved again, and the next line
is chosen again from the whole answer.

Feedback must be ready within a second of the answer's end, but transcribing 30 s takes
about 2 s on 2 cores: :class:`ChunkedTranscriber` transcribes the answer in pieces, cut at
pauses, while it is still being recorded, so only the last phrase is left at the end.
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from voicecoach.audio.endpoint import RecordingStatus
from voicecoach.audio.recorders import Recording
from voicecoach.rehearsal.barge_in import Listener, Listening
from voicecoach.rehearsal.conversation import Conversation, said_in_full, unsaid
from voicecoach.rehearsal.early_start import EarlyStart, answer_point
from voicecoach.rehearsal.events import (
    Controls,
    Devices,
    RehearsalEvents,
    RehearsalResult,
    Status,
    TurnResult,
)
from voicecoach.rehearsal.turn_end import TurnEndJudge
from voicecoach.rehearsal.verdict import quick_verdict
from voicecoach.scenario import Scenario, Turn, plan
from voicecoach.settings import SAMPLE_RATE_HZ, Thresholds
from voicecoach.speech.chunked import ChunkedTranscriber
from voicecoach.terminal import interrupts_held
from voicecoach.transcript import Transcript

if TYPE_CHECKING:
    from voicecoach.analysis.prosody import SpeakerBaseline
    from voicecoach.analysis.results import Analysis
    from voicecoach.audio.files import FloatArray
    from voicecoach.profile import Profile
    from voicecoach.sessions.store import SessionWriter
    from voicecoach.speech.base import Transcriber

GRACE_POLL_S = 0.05  # how often the wait after the last answer looks for the candidate


class Rehearsal:
    """Runs one session; :meth:`run` returns when it is complete, quit or interrupted."""

    def __init__(
        self,
        scenario: Scenario,
        *,
        devices: Devices,
        transcriber: Transcriber,
        writer: SessionWriter,
        profile: Profile | None = None,
        seed: int = 0,
        concern: str | None = None,
        thresholds: Thresholds | None = None,
        events: RehearsalEvents | None = None,
        controls: Controls | None = None,
        baseline: SpeakerBaseline | None = None,
        persona: str | None = None,
    ) -> None:
        self.scenario = scenario
        self.devices = devices
        self.transcriber = transcriber
        self.writer = writer
        self.profile = profile
        self.turns = plan(scenario, profile, seed, concern)
        # with [reactions], the interviewer listens; recorded answers (one file per
        # scripted turn) get no inserted turns, so they still line up
        self.conversation = (
            Conversation(
                scenario,
                self.turns,
                profile=profile,
                seed=seed,
                persona=persona,
                concern_forced=concern is not None,
                may_insert=devices.live,
            )
            if scenario.reactions is not None
            else None
        )
        self.thresholds = thresholds or Thresholds()
        self.events = events or RehearsalEvents()
        self.controls = controls or Controls()
        self.results: list[TurnResult] = []
        # per turn number, its line's sayings stopped when the candidate went on with the
        # answer before (text, share said: a line chosen again leaves out the sentences they
        # said in full, _choose_again; the review names them), and how far its line got
        # when the candidate began answering it
        self._cut_lines: dict[int, list[tuple[str, float]]] = {}
        self._answered_at: dict[int, float] = {}
        self._began_at: dict[int, float] = {}  # ...and how far when their speech began
        # a turn left with q before a word: the rehearsal stopped there, even in its last
        # turn, where no turn comes next to notice the q (_run)
        self._stopped_before_answer = False
        # per turn number, its line's length and where its voice ends (s; the last said)
        self._line_s: dict[int, tuple[float, float]] = {}
        # what the candidate said over a line, answering it, until their answer's recording
        # has taken it in: Ctrl-C meanwhile saves it as the answer (_keep_said_over)
        self._said_over: tuple[Turn, FloatArray, float] | None = None
        self._line_started = 0.0  # time.time() when the line playing (or last played) began
        self.baseline = baseline  # the speaker's usual pitch (pipeline.speaker_baseline)
        from voicecoach.speech.base import whisper_prompt

        self.whisper_prompt = whisper_prompt(profile)  # the profile's names, heard right
        self.listening = Listening(
            devices.recorder, transcriber, self.thresholds, judge=self._judge, host=self,
            whisper_prompt=self.whisper_prompt,
        )  # fmt: skip

    def warm_up(self) -> None:
        """Pay one-off costs (model warm-up, analyzer import) before the first prompt."""
        import tempfile

        from voicecoach.analysis.analyzer import analyze_text
        from voicecoach.audio.files import load_audio
        from voicecoach.errors import VoicecoachError
        from voicecoach.pipeline import listen

        line = "Thank you for your time today."
        speech = np.zeros(SAMPLE_RATE_HZ // 2, np.float32)
        # the pitch tracker's import and first call (about 0.2-0.4 s): half a second of hum
        hum = np.sin(2 * np.pi * 150.0 * np.arange(SAMPLE_RATE_HZ // 2) / SAMPLE_RATE_HZ)
        listen(0.1 * hum.astype(np.float32), ())
        if self.conversation is not None:  # the topic fallback's first use imports and decodes
            from voicecoach.analysis.topic_vectors import classify_question

            classify_question("Who would I be working with day to day?")
        # the voice's first render sets it up (about 0.25 s with espeak); a failure here
        # (a full temp folder) is reported by the first real prompt, in the session folder
        with (
            contextlib.suppress(VoicecoachError, OSError),
            tempfile.TemporaryDirectory(prefix="voicecoach-") as folder,
        ):
            speech = load_audio(self.devices.speaker.render(line, Path(folder) / "warm-up.wav"))
        # spoken words, so Whisper itself runs once (silence stops at the voice detector)
        self.transcriber.transcribe(speech)
        analyze_text(line, self.profile)

    def run(self) -> RehearsalResult:
        """The whole session. A library error (disk full, device refused) still marks it
        interrupted, keeping the audio recorded so far, before it is raised."""
        from voicecoach.errors import VoicecoachError

        try:
            return self._run()
        except VoicecoachError:
            if not self.writer.finished:
                with contextlib.suppress(VoicecoachError, OSError):
                    self.writer.finish(status="interrupted", analysis=None)
            raise

    def _run(self) -> RehearsalResult:
        started = time.time()
        self.writer.set_plan(self._plan())
        may_add = self.conversation is not None and self.conversation.may_insert
        self.events.ready(self.writer.id, self.scenario, self.turns, may_add=may_add)
        ended_by, problem = "", ""
        turn: Turn | None = self.conversation.first() if self.conversation else self.turns[0]
        listener: Listener | None = None  # after an answer: does the candidate go on?
        mark: tuple[object, ...] = ()
        try:
            while turn is not None or listener is not None:
                if self.controls.quit.is_set():
                    if turn is None or not turn.closing:  # q after the last answer: not said
                        ended_by = "quit"
                    if turn is not None and self.conversation is not None and mark:
                        # the line chosen next was never said: the conversation forgets
                        # it (trial 20: q before a doubt was voiced was coached "The
                        # interviewer raised a doubt you had not invited")
                        self.conversation.rewind(mark)
                        self.writer.set_plan(self._plan())
                    turn = None
                    break
                prompt_started, lead = (
                    self._prompt(turn, listener) if turn is not None else (0.0, None)
                )
                if listener is not None:
                    if turn is None:  # the last answer: room to go on before the coaching
                        self._grace(listener)
                    stopped = (turn, listener.line_heard)  # the line they talked over
                    began = listener.line_began
                    nxt, barged, answered = self.listening.hear_more(listener)
                    if answered is None:  # a listener going on, or none: Ctrl-C ends it
                        listener = nxt
                    else:  # none goes on; what they said is kept if Ctrl-C comes now
                        # (the listener is let go only after: Ctrl-C in between finds the
                        # words in one or the other)
                        if turn is not None:
                            self._said_over = (turn, answered, prompt_started)
                            if stopped[1] > 0.0:
                                self._answered_at[turn.n] = stopped[1]
                                self._began_at[turn.n] = began
                        listener = nxt
                    if barged:  # the answer grew: choose the next line again
                        turn = self._choose_again(mark, *stopped)
                        continue
                    lead = answered  # what they said over the line, answering it (or None)
                if turn is None:
                    break
                if turn.closing:  # the reply after the last answer: nothing is awaited
                    self.writer.save_line(
                        turn.n,
                        prompt_text=turn.text,
                        turn_id=turn.id,
                        reasons=turn.reasons,
                        timeline=turn.timeline,
                        cut_lines=self._cut_lines.get(turn.n, ()),
                    )
                    turn = None
                    break
                if self.controls.quit.is_set():  # q during the prompt: nothing recorded
                    ended_by = "quit"
                    break
                result, listener = self._turn(turn, prompt_started, lead)  # saved and counted
                if listener is None or not listener.heard:
                    self.events.feedback(result)
                if result.recording.ended_by in ("interrupted", "device_lost"):
                    ended_by = result.recording.ended_by
                    break
                mark = self.conversation.mark() if self.conversation else ()
                turn = self._next(turn, result)
        except KeyboardInterrupt:
            ended_by = "interrupted"
            # Ctrl-C again is held until what they said is saved
            with contextlib.suppress(KeyboardInterrupt), interrupts_held():
                if listener is not None:
                    going_on = listener.settle()  # (speech that has just begun is placed)
                    if not going_on and listener.answering and turn is not None:
                        # they had begun answering the line: theirs is that line's answer
                        said = listener.answer()
                        if said is not None:
                            self._said_over = (turn, said, self._line_started)
                            if listener.line_heard > 0.0:
                                self._answered_at[turn.n] = listener.line_heard
                                self._began_at[turn.n] = listener.line_began
                    else:  # they may be going on: it joins the answer
                        self.listening.cut(listener)
                if self._said_over is not None:
                    self._keep_said_over(*self._said_over)
        finally:
            if listener is not None:
                listener.abandon()
            self.devices.recorder.close()  # an input left running for the barge-in listening
        if not ended_by and self._stopped_before_answer:
            # q in the last turn before a word: stopped, as its panel said ("Not answered:
            # the rehearsal stopped before your answer"), not complete with the turn's
            # moves missing in the closing and "(no words were transcribed)" in the review
            ended_by = "quit"
        if ended_by == "device_lost":
            rec = self.results[-1].recording
            problem = (
                f"input device {rec.device} stopped sending audio mid-answer; the answer so far "
                f"is saved in {rec.path}; reconnect it (see `voicecoach devices`) and try again"
            )
        status: Status = "interrupted" if ended_by or turn is not None else "complete"
        overall = self._overall(stopped=bool(ended_by))
        if self.conversation is not None:
            self.writer.set_conversation(self.conversation.summary(self._analyses()))
        self.writer.finish(status=status, analysis=overall)
        outcome = RehearsalResult(
            self.writer.id, self.writer.path, self.scenario.name, status, tuple(self.results),
            overall, ended_by, started, problem, self.writer.unsaved_answers(),
        )  # fmt: skip
        self.events.finished(outcome)
        return outcome

    def _grace(self, listener: Listener) -> None:
        """After the session's last answer, until the candidate goes on or
        ``last_answer_grace_s`` passes; at once after Enter, and on Enter or q meanwhile."""
        listener.shown()  # its verdict is on screen, and no line follows
        if self.results[-1].recording.ended_by == "key":
            return
        self.controls.finish_answer.clear()  # set when the judge ended the answer
        deadline = time.monotonic() + self.thresholds.last_answer_grace_s
        while time.monotonic() < deadline and not listener.heard:
            if self.controls.finish_answer.is_set() or self.controls.quit.is_set():
                return
            time.sleep(GRACE_POLL_S)

    def _prompt(self, turn: Turn, listener: Listener | None) -> tuple[float, FloatArray | None]:
        """Render and play the interviewer's line (stopped by q, or by a barge-in). When
        it started (``time.time()``), and what the candidate said over it when no answer
        came before it (the answer's recording starts with that), else None."""
        if listener is not None and listener.heard:
            return 0.0, None  # the candidate went on before the line was ready: no prompt
        paths = self.writer.turn_paths(
            turn.n, prompt_text=turn.text, expects=turn.expects, concern=turn.concern
        )
        # No answer before this line to listen on after: listen over the line itself, so
        # a candidate who starts before it ends loses no word (the microphone runs first)
        early = None
        started = self._line_started = time.time()
        if listener is None and self.devices.live and not turn.closing:
            early = EarlyStart(
                self.devices.recorder, self.listening.echo_detector(), self.controls.quit
            ).start()
        try:
            self.devices.speaker.render(turn.text, paths.prompt_wav)
            if listener is not None and listener.heard:  # they went on while it was made
                return 0.0, None
            prompt_s, spoken_s = _line_length_s(paths.prompt_wav)
            self._line_s[turn.n] = (prompt_s, spoken_s)
            started = self._line_started = time.time()
            self.events.prompt(turn, prompt_s)
            line = listener if listener is not None else early
            # over a line after an answer, speech from this far into it answers it: later
            # when that answer was cut for its silence while it still owed a move
            owed = listener is not None and self.results[-1].recording.ended_by == "silence"
            answers = (
                None
                if turn.closing
                else answer_point(turn.text, self._asking(turn), prompt_s, turn.concern, owed=owed)
            )
            stop = self.controls.quit if line is None else line.prompt(paths.prompt_wav, answers)
            on_start = None if line is None else line.started
            self.devices.player.play(paths.prompt_wav, stop=stop, on_start=on_start)
        except BaseException as exc:
            if early is not None:
                said = None
                try:
                    if isinstance(exc, KeyboardInterrupt):  # what they said over it is theirs
                        with interrupts_held():
                            said = self._take_early(turn, early, started)  # _run saves it
                finally:
                    if said is None:
                        early.abandon()
            raise
        lead = None
        if early is not None:
            with interrupts_held():  # the answer's recording starts with it, or Ctrl-C keeps it
                lead = self._take_early(turn, early, started)
        return started, lead

    def _take_early(self, turn: Turn, early: EarlyStart, started: float) -> FloatArray | None:
        """What the candidate said over ``turn``'s line (None: nothing), noted to be kept
        (:attr:`_said_over`) with how far the line got (for the review)."""
        said = early.finish()
        if said is not None:
            self._said_over = (turn, said, started)
            if early.line_heard > 0.0:
                self._answered_at[turn.n] = early.line_heard
                self._began_at[turn.n] = early.line_began
        return said

    def _turn(
        self, turn: Turn, prompt_started: float, lead: FloatArray | None
    ) -> tuple[TurnResult, Listener | None]:
        """Record, coach and save the answer to ``turn``; ``lead``: what the candidate said
        over its line, which the recording starts with. The listener after it, if any."""
        paths = self.writer.turn_paths(turn.n)
        self.controls.finish_answer.clear()
        chunker = ChunkedTranscriber(self.transcriber, self.thresholds, prompt=self.whisper_prompt)
        judge = self._judge(turn, chunker)
        forget = threading.Event()  # the speech so far is not the answer (see below)
        set_aside_s = 0.0  # where the last speech set aside ends, at the latest

        def on_status(status: RecordingStatus) -> None:
            nonlocal set_aside_s
            chunker.on_status(status)
            if judge.over(status):  # the candidate has finished: end as if Enter was pressed
                self.controls.finish_answer.set()
            elif judge.fragment(status):
                # a fragment with no words before the first one (the tail of their sentence
                # from before the line, a cough): the turn waits for its first word again
                forget.set()
                set_aside_s = status.elapsed_s
            elif self.controls.quit.is_set() and not status.speech_heard:
                self.controls.finish_answer.set()  # q in a turn with nothing said: stop now
            self.events.recording(turn, judge.reading(status))

        heard = self._answered_at.get(turn.n)
        if heard is not None:
            self.events.line_answered(turn, heard)
        self.events.answer_started(turn)
        listener = None
        try:
            recording = self.devices.recorder.record(
                paths.answer_wav, stop=self.controls.finish_answer, on_status=on_status,
                on_audio=chunker.on_audio, keep_open=self.devices.live, lead=lead,
                forget=forget,
            )  # fmt: skip
            self._said_over = None  # in the recording now (Ctrl-C there ends it, kept)
            if recording.ended_by == "key" and judge.ended:
                recording = replace(recording, ended_by=judge.ended_by)
            if self.devices.live:  # keep listening, in case the candidate goes on
                listener = self.listening.after(turn, recording, lambda: chunker.partial()[0])
            self.events.answer_ended(turn, recording)
            transcript, regions = chunker.finish()
            if set_aside_s:  # not the answer: its length and pace count from the first word
                regions = tuple(r for r in regions if r[1] > set_aside_s)
            result = self.coach(turn, recording, transcript, regions, prompt_started=prompt_started)
        except BaseException as exc:
            chunker.close()
            if listener is not None and isinstance(exc, KeyboardInterrupt):
                # they may be going on: what they said joins the answer, or its audio only
                saved = bool(self.results) and self.results[-1].turn is turn
                with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C again, once it is kept
                    if saved:
                        self.listening.cut(listener)
                    else:
                        self.listening.keep_sound(listener, recording)
            if listener is not None:
                listener.abandon()
            raise
        return result, listener

    def _keep_said_over(self, turn: Turn, said: FloatArray, prompt_started: float) -> None:
        """Ctrl-C after the candidate began answering ``turn`` over its line, before the
        answer's recording took it in: what they said over the line, and what the
        microphone queued since, is saved and coached as the answer, ended by the interrupt
        (only ``said`` when the input is gone; the file as recorded when its recording had
        already taken ``said`` in). Call it with Ctrl-C held."""
        import threading

        from voicecoach.audio.files import load_audio, write_wav
        from voicecoach.errors import DeviceError, VoicecoachError
        from voicecoach.pipeline import hear

        self._said_over = None
        path = self.writer.turn_paths(turn.n).answer_wav
        audio = np.zeros(0, np.float32)
        if path.exists():  # its recording had begun: a second Ctrl-C cut its ending short
            with contextlib.suppress(VoicecoachError, OSError):
                audio = load_audio(path)
        if len(audio) < len(said):
            now = threading.Event()
            now.set()  # no more listening: the rehearsal is ending
            try:
                kept = self.devices.recorder.record(path, stop=now, lead=said)
                audio = kept.audio if len(kept.audio) else load_audio(path)
            except DeviceError:  # the input is gone: what was said over the line
                audio = load_audio(write_wav(path, said))
        ended = time.time()
        recording = Recording(
            path, len(audio) / SAMPLE_RATE_HZ, "interrupted", True,
            ended - len(audio) / SAMPLE_RATE_HZ, ended, audio=audio,
        )  # fmt: skip
        self.events.answer_ended(turn, recording)
        transcript, regions = hear(audio, self.transcriber, self.profile)
        result = self.coach(turn, recording, transcript, regions, prompt_started=prompt_started)
        self.events.feedback(result)

    def _asking(self, turn: Turn) -> str:
        """The part of ``turn``'s line that asks (what is said before it replies)."""
        return self.conversation.asking(turn) if self.conversation else turn.text

    def _judge(self, turn: Turn, chunker: ChunkedTranscriber) -> TurnEndJudge:
        return TurnEndJudge(
            chunker, turn.expects, concern=turn.concern, profile=self.profile,
            thresholds=self.thresholds,
        )  # fmt: skip

    def _choose_again(
        self, mark: tuple[object, ...], stopped: Turn | None = None, heard: float = 0.0
    ) -> Turn | None:
        """The next line, chosen again from the answer that grew; ``stopped``, the line
        the candidate talked over, ``heard`` of the way through: sentences it said in full
        that the new line starts with are not said twice (:func:`.conversation.unsaid`)."""
        last = self.results[-1]
        if self.conversation is None:
            nxt = self.turns[last.turn.n] if last.turn.n < len(self.turns) else None
        else:
            self.conversation.rewind(mark)
            nxt = self._next(last.turn, last)
            self.writer.set_plan(self._plan())
        if nxt is None or stopped is None or heard <= 0.0:
            return nxt
        cut = self._cut_lines.setdefault(nxt.n, [])
        cut.append((stopped.text, heard))
        # every sentence of this slot's line said in full, over each time it was stopped
        said = [s for text, share in cut for s in said_in_full(text, share)]
        text = unsaid(nxt.text, said, self._asking(nxt))
        return nxt if text == nxt.text else replace(nxt, text=text)

    def coach(
        self, turn: Turn, recording: Recording, transcript: Transcript,
        regions: tuple[tuple[float, float], ...], *, prompt_started: float,
        parts_s: tuple[float, ...] = (),
    ) -> TurnResult:  # fmt: skip
        """Analyse the answer, save it in the session and count it in :attr:`results`
        (replacing an earlier version of the turn: a barge-in). ``parts_s``: where parts
        transcribed apart start (a continuation joined to the answer)."""
        from voicecoach.analysis.analyzer import analyze_turn
        from voicecoach.analysis.turn_checks import stopped_at
        from voicecoach.pipeline import as_kept, listen

        # judged as the session keeps them (the pieces' times shifted to the answer's clock
        # are not to the ms), so a re-analysis gives this verdict to the last digit
        transcript, regions, parts_s = as_kept(transcript, regions, parts_s)
        voice = listen(_answer_audio(recording), regions, self.baseline)
        # ...and what the closing will credit from an earlier answer, for the verdict to say
        before = [r for r in self.results if r.turn.n < turn.n]
        earlier = [(r.analysis, r.turn.expects) for r in before]
        analysis, elsewhere = analyze_turn(
            transcript, earlier, numbers=[*(r.turn.n for r in before), turn.n],
            speech_regions=regions, profile=self.profile,
            expects=turn.expects, concern=turn.concern, thresholds=self.thresholds, voice=voice,
            parts_s=parts_s,
        )  # fmt: skip
        ready = time.time()
        aside = self.conversation.aside(turn, analysis) if self.conversation else ""
        shown = analysis
        stopped = self.controls.quit.is_set() and not transcript.text.strip() and not regions
        if stopped:
            self._stopped_before_answer = True
            # left with q before a word: not reached, as the closing says (judge_close)
            shown, elsewhere = stopped_at(analysis, turn.expects), {}
        verdict = quick_verdict(
            shown, turn.expects, recording, regions, elsewhere, aside, stopped=stopped
        )
        result = TurnResult(
            turn, recording, transcript, regions, analysis, verdict, prompt_started,
            recording.ended_at, ready, voice, parts_s,
        )  # fmt: skip
        length = self._line_s.get(turn.n)
        with interrupts_held():  # saved and counted, or neither: Ctrl-C waits for both
            self.writer.save_turn(
                turn.n, prompt_text=turn.text, expects=turn.expects, transcript=transcript,
                analysis=analysis, speech_regions=regions, concern=turn.concern,
                answer_ended_at=recording.ended_at, feedback_ready_at=ready,
                turn_id=turn.id, reasons=turn.reasons, timeline=turn.timeline, aside=aside,
                cut_lines=self._cut_lines.get(turn.n, ()),
                answered_at=self._answered_at.get(turn.n), began_at=self._began_at.get(turn.n),
                line_s=length[0] if length else None, spoken_s=length[1] if length else None,
                parts_s=parts_s, left_out_s=recording.left_out_s,
            )  # fmt: skip
            if self.results and self.results[-1].turn.n == turn.n:  # a barge-in: again
                self.results[-1] = result
            else:
                self.results.append(result)
        return result

    def _next(self, turn: Turn, result: TurnResult) -> Turn | None:
        """The turn after ``turn``: the interviewer's reaction, or the script's next line."""
        if self.conversation is None:
            return self.turns[turn.n] if turn.n < len(self.turns) else None
        before = self._plan()
        nxt = self.conversation.next(turn, result.analysis)
        if nxt is not None and self._plan() != before:  # an inserted turn, a concern not voiced
            self.writer.set_plan(self._plan())
        return nxt

    def _plan(self) -> list[tuple[str, ...]]:
        """What each turn of the session expects (spoken or still to come)."""
        if self.conversation is None:
            return [t.expects for t in self.turns]
        return self.conversation.plan()

    def _analyses(self) -> dict[int, Analysis]:
        return {r.turn.n: r.analysis for r in self.results}

    def _overall(self, stopped: bool = False) -> Analysis | None:
        from voicecoach.analysis.analyzer import TurnInput
        from voicecoach.analysis.spoke_over import LineAnswered
        from voicecoach.pipeline import judge_close

        inputs = [
            TurnInput(
                r.transcript,
                r.turn.expects,
                r.speech_regions,
                r.turn.concern,
                r.voice,
                r.parts_s,
                number=r.turn.n,
            )
            for r in self.results
        ]
        talk = self.conversation.summary(self._analyses()).coaching if self.conversation else ()
        answered = {r.turn.n for r in self.results}
        over = [
            LineAnswered(r.turn.n, r.turn.text, length[0], began, length[1])
            for r in self.results
            if (began := self._began_at.get(r.turn.n)) is not None
            and (length := self._line_s.get(r.turn.n)) is not None
        ]
        return judge_close(
            inputs, self._plan(), answered, self.profile, conversation=talk, answered_over=over,
            stopped=stopped,
        )  # fmt: skip


def _answer_audio(recording: Recording) -> np.ndarray:
    """The answer's samples as its file keeps them (16-bit), which a re-analysis measures
    too; the recorder's copy only when the file cannot be read. The recorder's float copy
    differs below the 16-bit step, and near-silent frames inside the speech regions moved
    the loudness figure: a trial's 10.2 dB live read 16.3 dB re-analysed."""
    from voicecoach.audio.files import load_audio
    from voicecoach.errors import VoicecoachError

    if recording.path.exists():
        with contextlib.suppress(VoicecoachError, OSError):
            return load_audio(recording.path)
    return recording.audio


def _line_length_s(path: Path) -> tuple[float, float]:
    """The rendered line's length, and where its voice ends (s)."""
    from voicecoach.audio.files import load_audio, sound_end_s

    audio = load_audio(path)
    return len(audio) / SAMPLE_RATE_HZ, sound_end_s(audio)


__all__ = ["Rehearsal"]
