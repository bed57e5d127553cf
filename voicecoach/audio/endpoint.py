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
# "no_answer": no speech at all for Thresholds.no_answer_s
EndReason = Literal[
    "key", "finished", "silence", "no_answer", "max_length", "interrupted", "device_lost", "file"
]
WINDOW_S = 512 / SAMPLE_RATE_HZ  # one StreamingVad window
# The last resort (Thresholds.end_silence_s) is never shorter: a 1.5 s thinking pause is
# normal. A finished answer ends sooner, judged from its words (rehearsal/turn_end.py).
MIN_END_SILENCE_S = 2.0
LEVEL_FLOOR_DB = -60.0  # the level meter's zero: quieter than this shows as empty


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


class Endpointer:
    """Tracks speech and silence over an answer and says when and why it ended."""

    def __init__(self, thresholds: Thresholds | None = None) -> None:
        thresholds = thresholds or Thresholds()
        self.end_silence_s = max(thresholds.end_silence_s, MIN_END_SILENCE_S)
        self.max_answer_s = thresholds.max_answer_s
        self.no_answer_s = thresholds.no_answer_s
        self.no_voice_warning_s = thresholds.no_voice_warning_s
        self.min_speech_s = thresholds.vad_min_speech_s
        self.elapsed_s = 0.0
        self.silence_s = 0.0
        self.speech_heard = False
        self.speech_start_s: float | None = None  # see RecordingStatus.speech_start_s
        self._run_s = 0.0

    def feed(self, flags: Sequence[bool], duration_s: float) -> None:
        """Take the VAD flags for ``duration_s`` more seconds of audio."""
        before_s = self.elapsed_s
        self.elapsed_s += duration_s
        for i, speech in enumerate(flags):
            if speech:
                self._run_s += WINDOW_S
                if self._run_s >= self.min_speech_s:  # shorter runs are clicks or breaths
                    if self.speech_start_s is None:  # the run that counted began here
                        self.speech_start_s = max(0.0, before_s + (i + 1) * WINDOW_S - self._run_s)
                    self.speech_heard = True
                    self.silence_s = 0.0
                    continue
            else:
                self._run_s = 0.0
            self.silence_s += WINDOW_S

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
        return not self.speech_heard and self.elapsed_s >= self.no_voice_warning_s

    def status(self, level: float) -> RecordingStatus:
        return RecordingStatus(
            elapsed_s=self.elapsed_s,
            level=level,
            speech_heard=self.speech_heard,
            no_voice=self.no_voice,
            silence_s=self.silence_s,
            speech_start_s=self.speech_start_s,
        )


def level_of(chunk: FloatArray) -> float:
    """Meter value 0..1 for a block: its RMS on a dB scale from LEVEL_FLOOR_DB to 0 dBFS."""
    if chunk.size == 0:
        return 0.0
    rms = float(np.sqrt(np.mean(np.square(chunk, dtype=np.float64))))
    if rms <= 0.0:
        return 0.0
    db = 20.0 * np.log10(rms)
    return float(min(1.0, max(0.0, (db - LEVEL_FLOOR_DB) / -LEVEL_FLOOR_DB)))
