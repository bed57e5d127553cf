"""When does a spoken answer end? Pure endpointing over voice-activity flags.

The recorder feeds one is-speech flag per VAD window (32 ms at 16 kHz) and asks whether
the answer is over: trailing silence after speech was heard (never shorter than
:data:`MIN_END_SILENCE_S`, so a thinking pause is safe), no speech at all for a long while
(the turn is unanswered), or the hard cap per turn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from voicecoach.audio.files import FloatArray
from voicecoach.settings import SAMPLE_RATE_HZ, Thresholds

# "finished": the rehearsal judged the answer complete (rehearsal/turn_end.py);
# "silence": a silence ended it: the recorder's last resort, or the rehearsal's wait for a
# move the answer had not made yet;
# "no_answer": no speech at all for Thresholds.no_answer_s
EndReason = Literal[
    "key", "finished", "silence", "no_answer", "max_length", "interrupted", "device_lost", "file"
]
WINDOW_S = 512 / SAMPLE_RATE_HZ  # one StreamingVad window
# The last resort (Thresholds.end_silence_s) is never shorter: a 1.5 s thinking pause is
# normal. A finished answer ends sooner, judged from its words (rehearsal/turn_end.py).
MIN_END_SILENCE_S = 2.0
LEVEL_FLOOR_DB = -60.0  # the level meter's zero: quieter than this shows as empty
DB_FLOOR = -120.0  # the level of digital silence


@dataclass(frozen=True)
class RecordingStatus:
    elapsed_s: float  # audio recorded so far in this answer
    level: float  # input level of the latest block, 0 (silent) to 1 (full scale)
    speech_heard: bool  # the VAD has heard speech in this answer
    no_voice: bool  # nothing heard for Thresholds.no_voice_warning_s: muted mic? wrong device?
    silence_s: float  # trailing silence so far
    # where the first speech began, in elapsed_s's time; None until speech is heard. An
    # answer's clock (its length, the recap clock) starts here, not at the recording's start
    speech_start_s: float | None = None
    # the median level (dBFS) of the blocks with speech so far; None until speech is heard
    speech_level_db: float | None = None
    # speech heard for Thresholds.quiet_after_speech_s, all of it below quiet_speech_db: the
    # microphone is too quiet to transcribe reliably
    too_quiet: bool = False
    speech_s: float = 0.0  # how much audio the blocks with speech so far hold
    # the trailing silence that ends the answer by itself, as far as known: the last resort
    # once speech is heard; the rehearsal's turn judge may lower it from the words heard
    # (rehearsal/turn_end.py). None before speech.
    ends_after_s: float | None = None


class Endpointer:
    """Tracks speech and silence over an answer and says when and why it ended."""

    def __init__(self, thresholds: Thresholds | None = None) -> None:
        thresholds = thresholds or Thresholds()
        self.end_silence_s = max(thresholds.end_silence_s, MIN_END_SILENCE_S)
        self.max_answer_s = thresholds.max_answer_s
        self.no_answer_s = thresholds.no_answer_s
        self.no_voice_warning_s = thresholds.no_voice_warning_s
        self.min_speech_s = thresholds.vad_min_speech_s
        self.min_silence_s = thresholds.vad_min_silence_s
        self.quiet_speech_db = thresholds.quiet_speech_db
        self.quiet_after_speech_s = thresholds.quiet_after_speech_s
        self.elapsed_s = 0.0
        self.silence_s = 0.0
        self.speech_heard = False
        # speech was heard at some point, even if :meth:`forget` set it aside since
        self.voice_heard = False
        self.speech_start_s: float | None = None  # see RecordingStatus.speech_start_s
        self._run_s = 0.0
        self._run_gap_s = 0.0  # the silence before the current run (since speech counted)
        self._speech_levels_db: list[float] = []  # one per block with speech in it
        self._speech_blocks_s = 0.0

    def feed(self, flags: Sequence[bool], duration_s: float, level_db: float | None = None) -> None:
        """Take the VAD flags for ``duration_s`` more seconds of audio; ``level_db``: the
        block's level (:func:`block_db`), kept when the block holds speech."""
        before_s = self.elapsed_s
        counted = False
        self.elapsed_s += duration_s
        for i, speech in enumerate(flags):
            if not speech:
                self._run_s = 0.0
                self.silence_s += WINDOW_S
                continue
            if self._run_s == 0.0:
                self._run_gap_s = self.silence_s
            self._run_s += WINDOW_S
            # Shorter runs are clicks or breaths, unless they follow speech closely: as in
            # speech_regions, a gap under vad_min_silence_s does not split speech. Silero
            # breaks some words into runs of 0.03-0.2 s ("steps from" in a TTS voice).
            joined = self.speech_heard and self._run_gap_s < self.min_silence_s
            if self._run_s >= self.min_speech_s or joined:
                if self.speech_start_s is None:  # the run that counted began here
                    self.speech_start_s = max(0.0, before_s + (i + 1) * WINDOW_S - self._run_s)
                self.speech_heard = self.voice_heard = True
                self.silence_s = 0.0
                counted = True
            # A run not counted yet is not silence either: counting such runs (and the
            # start of the word after a pause) as silence made "silence" of a phrase still
            # being said, and the turn-end judge (end_complete_s) cut it before its last word.
        if counted and level_db is not None:
            self._speech_levels_db.append(level_db)
            self._speech_blocks_s += duration_s

    def forget(self) -> None:
        """The speech heard so far is not the answer (the rehearsal's turn judge: a short
        fragment Whisper heard no words in, such as the tail of the candidate's previous
        sentence or a cough): wait for the first word again, as before any speech. The
        first-word wait (``no_answer_s``) still counts from the recording's start, and the
        microphone is not taken for muted (:attr:`no_voice`): a voice was heard."""
        self.speech_heard = False
        self.speech_start_s = None
        self._speech_blocks_s = 0.0  # (its levels are kept: the voice's level, heard)

    @property
    def speech_level_db(self) -> float | None:
        if not self._speech_levels_db:
            return None
        return float(np.median(self._speech_levels_db))

    @property
    def too_quiet(self) -> bool:
        level = self.speech_level_db
        return (
            level is not None
            and self._speech_blocks_s >= self.quiet_after_speech_s
            and level < self.quiet_speech_db
        )

    @property
    def reason(self) -> EndReason | None:
        if self.speech_heard and self.silence_s >= self.end_silence_s:
            return "silence"
        if not self.speech_heard and self.elapsed_s >= min(self.no_answer_s, self.max_answer_s):
            return "no_answer"
        if self.elapsed_s >= self.max_answer_s:
            return "max_length"
        return None

    @property
    def no_voice(self) -> bool:
        return not self.voice_heard and self.elapsed_s >= self.no_voice_warning_s

    def status(self, level: float) -> RecordingStatus:
        return RecordingStatus(
            elapsed_s=self.elapsed_s,
            level=level,
            speech_heard=self.speech_heard,
            no_voice=self.no_voice,
            silence_s=self.silence_s,
            speech_start_s=self.speech_start_s,
            speech_level_db=self.speech_level_db,
            too_quiet=self.too_quiet,
            speech_s=self._speech_blocks_s,
            ends_after_s=self.end_silence_s if self.speech_heard else None,
        )


def block_db(chunk: FloatArray) -> float:
    """A block's RMS level in dBFS (DB_FLOOR for silence or an empty block)."""
    if chunk.size == 0:
        return DB_FLOOR
    rms = float(np.sqrt(np.mean(np.square(chunk, dtype=np.float64))))
    return max(DB_FLOOR, 20.0 * float(np.log10(rms))) if rms > 0.0 else DB_FLOOR


def level_of(chunk: FloatArray) -> float:
    """Meter value 0..1 for a block: its RMS on a dB scale from LEVEL_FLOOR_DB to 0 dBFS."""
    return meter_of(block_db(chunk))


def meter_of(db: float) -> float:
    """Meter value 0..1 for a level in dBFS."""
    return float(min(1.0, max(0.0, (db - LEVEL_FLOOR_DB) / -LEVEL_FLOOR_DB)))
