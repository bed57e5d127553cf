"""Transcribing an answer while it is still being spoken.

Feedback must be ready within a second of the answer's end, but Whisper takes about 2 s
for 30 s of speech on 2 cores. :class:`ChunkedTranscriber` takes the recorder's blocks and
status, cuts the answer at pauses and transcribes the pieces on a worker thread, so only
the last phrase (often not even that: see the speculative guesses) is left at the end.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from voicecoach.audio.endpoint import RecordingStatus
from voicecoach.audio.files import FloatArray
from voicecoach.settings import SAMPLE_RATE_HZ, Thresholds
from voicecoach.transcript import Segment, Transcript, Word

if TYPE_CHECKING:
    from voicecoach.speech.base import Transcriber

CUT_SILENCE_S = 0.6  # a pause this long is a safe place to cut the answer for transcription
MIN_PIECE_S = 10.0  # shorter pieces give Whisper too little context (it invents fillers)
PRE_ROLL_S = 0.1  # silence kept before a piece's first word
POST_ROLL_S = 0.3  # and after its last
# At a pause this long, transcribe what is pending on speculation. 0.3 -> 0.2 s on the
# end-of-turn set: the last decode starts 0.1 s sooner after the last word (0.47 -> 0.36 s),
# same early cuts and WER, one more speculative call per answer (CPU 0.97 -> 1.17 s).
GUESS_SILENCE_S = 0.2
SPEECH_IN_PIECE_S = 0.2  # a piece with less speech than this is not worth transcribing
END_CUT_SILENCE_S = 2.0  # cut whatever is pending after this much silence: likely the end,
# so the last phrase is transcribed while the recorder waits out Thresholds.end_silence_s
PROMPT_CONTEXT_WORDS = 40  # words of the answer so far passed on as Whisper's prompt

_Result = tuple[Transcript, int, list[tuple[float, float]]]  # transcript, its offset, regions


@dataclass(frozen=True)
class _Piece:
    """A stretch of the answer for the transcription worker."""

    offset: int  # first sample, from the answer's start
    audio: FloatArray
    final: bool  # False: a guess made at a short pause, kept only if no speech follows
    end: int  # sample where the stretch ends (a reused guess has no audio of its own)


class ChunkedTranscriber:
    """Transcribes an answer piece by piece as it is recorded (one worker thread).

    Feed it with :meth:`on_audio` and :meth:`on_status` (the recorder's callbacks). It cuts
    at pauses (:data:`CUT_SILENCE_S` once a piece is :data:`MIN_PIECE_S` long, any piece
    after :data:`END_CUT_SILENCE_S`). At every shorter pause, when the worker is idle, it
    transcribes what is pending on speculation: if the answer then ends (Enter) with no
    more speech, that result is used and nothing is left to do. :meth:`finish` returns the
    whole transcript and speech regions with times from the answer's start.

    ``context``: what the candidate said just before, when this continues an answer (a
    barge-in): it leads :meth:`partial` and Whisper's prompt, but not :meth:`finish`.
    ``prompt``: Whisper's prompt before the answer's last words (by default
    :data:`~voicecoach.speech.base.DEFAULT_PROMPT`; with a job profile, see
    :func:`~voicecoach.speech.base.whisper_prompt`).
    """

    def __init__(
        self,
        transcriber: Transcriber,
        thresholds: Thresholds | None = None,
        context: str = "",
        prompt: str | None = None,
    ) -> None:
        from voicecoach.speech.base import DEFAULT_PROMPT

        self.transcriber = transcriber
        self.thresholds = thresholds or Thresholds()
        self.context = context.strip()
        self.prompt = DEFAULT_PROMPT if prompt is None else prompt
        self._chunks: list[FloatArray] = []
        self._samples = 0
        self._cut = 0  # samples already committed to the worker
        self._speech_end = 0  # sample where the last speech heard ended
        self._status_samples = -1  # samples recorded at the latest status
        self._jobs: queue.Queue[_Piece | None] = queue.Queue()
        self._busy = 0  # jobs queued or running
        self._lock = threading.Lock()
        self._guess: tuple[int, _Result, int] | None = None  # a finished guess: offset,
        # result, end (samples)
        self._done_to = 0  # samples covered by the pieces kept
        self._guess_from = -1  # where the latest guess asked for starts...
        self._guess_end = 0  # ...and ends
        self._parts: list[Transcript] = []
        self._offsets: list[int] = []
        self._regions: list[tuple[float, float]] = []
        self._error: BaseException | None = None
        self._worker = threading.Thread(target=self._run, name="transcriber", daemon=True)
        self._worker.start()

    @property
    def pieces(self) -> int:
        """Pieces transcribed and kept so far."""
        return len(self._parts)

    def partial(self) -> tuple[str, float]:
        """The answer transcribed so far (kept pieces, then the latest guess when it follows
        on from them) and the time it reaches, in seconds from the answer's start."""
        with self._lock:
            texts = [self.context, *(p.text for p in self._parts)]
            covered, guess = self._done_to, self._guess
        if guess is not None and guess[0] == covered:
            texts.append(guess[1][0].text)
            covered = guess[2]
        return " ".join(t.strip() for t in texts if t.strip()), covered / SAMPLE_RATE_HZ

    def audio_span(self, start_s: float, end_s: float) -> FloatArray:
        """The samples recorded from ``start_s`` to ``end_s`` (seconds from the answer's
        start; clipped to what is recorded). Call it from the thread that feeds the audio."""
        a = max(0, int(start_s * SAMPLE_RATE_HZ))
        return self._audio()[a : max(a, min(self._samples, int(end_s * SAMPLE_RATE_HZ)))]

    def on_audio(self, chunk: FloatArray) -> None:
        self._chunks.append(chunk)
        self._samples += len(chunk)

    def on_status(self, status: RecordingStatus) -> None:
        self._speech_end = self._samples - int(status.silence_s * SAMPLE_RATE_HZ)
        self._status_samples = self._samples
        pending_s = (self._samples - self._cut) / SAMPLE_RATE_HZ
        if pending_s - status.silence_s <= SPEECH_IN_PIECE_S:
            return  # nothing said since the last cut
        long_enough = pending_s >= MIN_PIECE_S or status.silence_s >= END_CUT_SILENCE_S
        if status.silence_s >= CUT_SILENCE_S and long_enough:
            self._commit(self._samples - int(status.silence_s / 2 * SAMPLE_RATE_HZ))
        elif status.silence_s >= GUESS_SILENCE_S and self._guess_end <= self._speech_end:
            with self._lock:
                idle = self._busy == 0
            if idle:
                self._guess_from, self._guess_end = self._cut, self._samples
                audio = self._audio()[self._cut : self._samples]
                self._put(_Piece(self._cut, audio, final=False, end=self._samples))

    def finish(self) -> tuple[Transcript, tuple[tuple[float, float], ...]]:
        """The whole answer's transcript and its speech regions (times from its start)."""
        # after a status that put the last speech before the cut, only silence is left
        if self._speech_end > self._cut or self._status_samples < self._samples:
            self._commit(self._samples)
        self._jobs.put(None)
        self._worker.join()
        if self._error is not None:
            raise self._error
        transcript = merge_transcripts(
            self._parts,
            [o / SAMPLE_RATE_HZ for o in self._offsets],
            self._samples / SAMPLE_RATE_HZ,
            self.prompt,
        )
        return transcript, tuple(self._regions)

    def close(self) -> None:
        """Stop after the piece being transcribed, dropping the rest (on errors): a process
        must not exit while the worker is inside the engine's native code."""
        with contextlib.suppress(queue.Empty):
            while True:
                self._jobs.get_nowait()
        self._jobs.put(None)
        self._worker.join()

    def _audio(self) -> FloatArray:
        if len(self._chunks) > 1:
            self._chunks = [np.concatenate(self._chunks)]
        return self._chunks[0] if self._chunks else np.zeros(0, np.float32)

    def _commit(self, end: int) -> None:
        if end <= self._cut:
            return
        # a guess from this cut that ends after the last speech is as good as a new run
        fresh = self._guess_from == self._cut and self._guess_end >= self._speech_end
        reuse = self._cut if fresh else -1
        piece = self._audio()[self._cut : end] if reuse < 0 else np.zeros(0, np.float32)
        self._put(_Piece(self._cut if reuse < 0 else -1 - reuse, piece, final=True, end=end))
        self._cut = end

    def _put(self, piece: _Piece) -> None:
        with self._lock:
            self._busy += 1
        self._jobs.put(piece)

    def _run(self) -> None:
        said: list[str] = [self.context] if self.context else []
        while (piece := self._jobs.get()) is not None:
            try:
                result: _Result
                if piece.offset < 0:  # reuse the guess made from this offset
                    guess = self._guess
                    if guess is None or guess[0] != -1 - piece.offset:
                        raise RuntimeError("speculative transcription lost")  # a bug
                    result = guess[1]
                else:
                    result = self._transcribe(piece, " ".join(said))
                if not piece.final:
                    with self._lock:
                        self._guess = (piece.offset, result, piece.end)
                    continue
                part, offset, regions = result
                said.append(part.text)
                with self._lock:
                    self._parts.append(part)
                    self._offsets.append(offset)
                    self._regions.extend(regions)
                    self._done_to = piece.end
            except BaseException as exc:  # re-raised by finish(), in the caller's thread
                self._error = exc
            finally:
                with self._lock:
                    self._busy -= 1

    def _transcribe(self, piece: _Piece, said: str) -> _Result:
        from voicecoach.audio.vad import speech_regions

        audio, offset = piece.audio, piece.offset
        # cuts fall inside pauses, so no speech region straddles two pieces
        found = speech_regions(audio, self.thresholds)
        base_s = offset / SAMPLE_RATE_HZ
        regions = [(round(a + base_s, 3), round(b + base_s, 3)) for a, b in found]
        # silence around the words makes Whisper invent text: fillers before ("So, uh"),
        # "Thank you." after; keep only a little of it
        lead = int(max(0.0, found[0][0] - PRE_ROLL_S) * SAMPLE_RATE_HZ) if found else 0
        tail = int((found[-1][1] + POST_ROLL_S) * SAMPLE_RATE_HZ) if found else len(audio)
        context = " ".join(said.split()[-PROMPT_CONTEXT_WORDS:])
        part = self.transcriber.transcribe(
            audio[lead:tail], initial_prompt=f"{self.prompt} {context}".strip()
        )
        return part, offset + lead, regions


def merge_transcripts(
    parts: Sequence[Transcript],
    offsets_s: Sequence[float],
    duration_s: float,
    prompt: str | None = None,
) -> Transcript:
    """Pieces of one recording, each timed from its own start, as one transcript;
    ``prompt`` is recorded as its initial prompt (by default :data:`DEFAULT_PROMPT`)."""
    from voicecoach.speech.base import DEFAULT_PROMPT

    segments = tuple(
        Segment(
            s.text,
            s.start_s + off,
            s.end_s + off,
            tuple(Word(w.text, w.start_s + off, w.end_s + off, w.probability) for w in s.words),
            s.no_speech_prob,
            s.avg_logprob,
        )
        for part, off in zip(parts, offsets_s, strict=True)
        for s in part.segments
    )
    first = parts[0] if parts else Transcript("", (), 0.0)
    return Transcript(
        text=" ".join(p.text.strip() for p in parts if p.text.strip()),
        segments=segments,
        duration_s=duration_s,
        language=first.language,
        engine=first.engine,
        model=first.model,
        initial_prompt=DEFAULT_PROMPT if prompt is None else prompt,
    )


__all__ = ["ChunkedTranscriber", "merge_transcripts"]
