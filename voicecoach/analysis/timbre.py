"""Timbre of an answer: cepstra (MFCCs) of its voiced frames, and how far the most unusual
stretch of them stands from the rest of the answer, for telling a second voice from the
candidate's when pitch cannot (another man's voice over a man's answer).

Pure numpy: samples and a :class:`~voicecoach.analysis.pitch.PitchTrack` in, arrays and a
number out. About 0.5 ms of CPU per second of audio, 1.4 at most (bench/bench_second_voice.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from voicecoach.analysis.pitch import FloatArray, PitchTrack

__all__ = [
    "CEPSTRA",
    "CEPSTRUM_STEP_S",
    "cepstra_outside",
    "timbre_change",
    "voiced_cepstra",
    "voiced_times_s",
]

# The usual speech front end: 25 ms Hamming frames every 10 ms (the pitch track's step, so
# each frame takes the voicing of the pitch frame nearest its centre), 24 mel bands over
# 100-7600 Hz, the first 12 cepstra after c0 (c0 is loudness, not timbre).
CEPSTRUM_FRAME_S = 0.025
CEPSTRUM_STEP_S = 0.01
MEL_BANDS = 24
MEL_LOW_HZ = 100.0
MEL_HIGH_HZ = 7600.0
CEPSTRA = 12
# Each window is set against the rest every 10 frames (0.1 s)...
WINDOW_HOP_FRAMES = 10
# ...with this added to each covariance's diagonal, so a window of near-identical frames
# (a held vowel, a digital TTS voice) cannot make a log-determinant run to minus infinity.
COVARIANCE_FLOOR = 1e-3
# A window whose own frames spread this much less than the median window's (log-determinant
# of their covariance, natural log) holds a held sound: a laugh, a hum, a long "hmm" or
# "erm", a run of short repeated words. Such a stretch stands out from any answer, in the
# speaker's own voice too, so it is never taken for the most unusual window. Measured (stop
# 54, bench/bench_second_voice.py): with it, one voice's answers with 2-3 s of laughter or
# "hmm, erm" in them (espeak-ng, Festival) score 2.50 at most (were 2.5-9.3), but for one
# Festival laugh, 3.04 (1.56 with the words Whisper wrote as a laugh left out, as the
# analyzer does); the stop-53 review's 145 one-voice recordings (45-110 s answers, laughs,
# hums, noise) 2.82 (were up to 7.15). Of the bench's second voices it loses a few whose
# most unusual window was a held vowel of theirs (at 3.0, 4 more are caught, but one of the
# review's 70 s answers, with a laugh Whisper did not write, stays at 3.17).
NARROW_WINDOW = 2.0


def voiced_cepstra(samples: npt.ArrayLike, sample_rate_hz: int, track: PitchTrack) -> FloatArray:
    """The cepstra of the voiced frames of ``samples``, in order: one row of
    :data:`CEPSTRA` values per 10 ms frame the pitch track calls voiced (pauses, breaths
    and unvoiced consonants say little of whose voice it is). Mean-normalised over the
    answer. Shape (0, CEPSTRA) when nothing is voiced. Their times:
    :func:`voiced_times_s`."""
    x = np.asarray(samples, dtype=np.float64).ravel()
    frame, step, frames = _voiced_frames(len(x), sample_rate_hz, track)
    if len(frames) == 0:
        return np.zeros((0, CEPSTRA))
    nfft = 1 << (frame - 1).bit_length()
    bank, dct = _filters(sample_rate_hz, nfft)
    windowed = x[frames[:, None] * step + np.arange(frame)[None, :]] * np.hamming(frame)
    power = np.abs(np.fft.rfft(windowed, nfft)) ** 2
    cepstra = np.log(power @ bank.T + 1e-10) @ dct.T
    return np.asarray(cepstra - cepstra.mean(axis=0), dtype=np.float64)


def voiced_times_s(length: int, sample_rate_hz: int, track: PitchTrack) -> FloatArray:
    """The centre, in seconds, of each frame :func:`voiced_cepstra` takes from ``length``
    samples: one per row of its cepstra."""
    frame, step, frames = _voiced_frames(length, sample_rate_hz, track)
    return np.asarray((frames * step + frame / 2) / sample_rate_hz, dtype=np.float64)


def _voiced_frames(
    length: int, sample_rate_hz: int, track: PitchTrack
) -> tuple[int, int, npt.NDArray[np.intp]]:
    """Frame length and step in samples, and the indices of the voiced frames."""
    frame = round(CEPSTRUM_FRAME_S * sample_rate_hz)
    step = round(CEPSTRUM_STEP_S * sample_rate_hz)
    count = 1 + (length - frame) // step if length >= frame else 0
    voiced = track.voiced
    if count == 0 or not voiced.any():
        return frame, step, np.zeros(0, dtype=np.intp)
    centres_s = (np.arange(count) * step + frame / 2) / sample_rate_hz
    nearest = np.round((centres_s - track.times_s[0]) / track.step_s).astype(int)
    return frame, step, np.flatnonzero(voiced[np.clip(nearest, 0, len(voiced) - 1)])


@lru_cache(maxsize=4)
def _filters(sample_rate_hz: int, nfft: int) -> tuple[FloatArray, FloatArray]:
    """The triangular mel filter bank and the DCT-II rows for cepstra 1..CEPSTRA."""

    def mel(hz: FloatArray) -> FloatArray:
        return 2595.0 * np.log10(1.0 + hz / 700.0)

    high = min(MEL_HIGH_HZ, 0.475 * sample_rate_hz)
    edges_mel = np.linspace(mel(np.array(MEL_LOW_HZ)), mel(np.array(high)), MEL_BANDS + 2)
    edges = 700.0 * (10.0 ** (edges_mel / 2595.0) - 1.0)
    freqs = np.fft.rfftfreq(nfft, 1.0 / sample_rate_hz)
    lo, mid, hi = edges[:-2, None], edges[1:-1, None], edges[2:, None]
    bank = np.clip(np.minimum((freqs - lo) / (mid - lo), (hi - freqs) / (hi - mid)), 0.0, None)
    k = np.arange(MEL_BANDS)
    dct = np.cos(np.pi / MEL_BANDS * (k[None, :] + 0.5) * np.arange(1, CEPSTRA + 1)[:, None])
    return bank, dct


def timbre_change(cepstra: FloatArray, window_frames: int) -> float:
    """How far the stretch of ``window_frames`` voiced frames least like the rest of the
    answer stands out, against how far a typical stretch does: the largest likelihood
    ratio (per frame, one full-covariance Gaussian for the window and one for the rest,
    against one for both) over the median of all windows, stepped 0.1 s. One voice's
    windows differ from the rest by what is said, so their ratios sit together (1.6-2.5);
    a stretch in someone else's voice stands out. Windows of a held sound (a laugh, a hum:
    :data:`NARROW_WINDOW`) are not taken for the most unusual one. NaN with under two
    windows of frames."""
    n = len(cepstra)
    if window_frames < 1 or n < 2 * window_frames:
        return float("nan")
    sums = np.vstack([np.zeros(cepstra.shape[1]), np.cumsum(cepstra, axis=0)])
    outer = np.einsum("ni,nj->nij", cepstra, cepstra)
    squares = np.concatenate([np.zeros((1, *outer.shape[1:])), np.cumsum(outer, axis=0)])
    starts = np.arange(0, n - window_frames + 1, WINDOW_HOP_FRAMES)
    win_sum = sums[starts + window_frames] - sums[starts]
    win_sq = squares[starts + window_frames] - squares[starts]
    inside = _log_det(win_sum, win_sq, window_frames)
    outside = _log_det(sums[-1] - win_sum, squares[-1] - win_sq, n - window_frames)
    whole = _log_det(sums[-1], squares[-1], n)
    ratio = (n * whole - window_frames * inside - (n - window_frames) * outside) / window_frames
    speech = inside >= np.median(inside) - NARROW_WINDOW  # the median window is kept
    return float(np.max(ratio[speech]) / np.median(ratio))


def cepstra_outside(
    cepstra: FloatArray, times_s: FloatArray, spans_s: Sequence[tuple[float, float]]
) -> FloatArray:
    """The rows of ``cepstra`` (their times ``times_s``) outside every span of
    ``spans_s``: the answer's voice with its laughs and hesitations left out."""
    if not spans_s or len(times_s) != len(cepstra):
        return cepstra
    inside = np.zeros(len(times_s), dtype=bool)
    for start, end in spans_s:
        inside |= (times_s >= start) & (times_s < end)
    return cepstra[~inside]


def _log_det(total: FloatArray, squares: FloatArray, n: int) -> FloatArray:
    """log |covariance| of ``n`` frames from their sum and sum of outer products."""
    mean = total / n
    cov = squares / n - np.einsum("...i,...j->...ij", mean, mean)
    return np.asarray(np.linalg.slogdet(cov + COVARIANCE_FLOOR * np.eye(cov.shape[-1]))[1])
