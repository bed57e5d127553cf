"""Faster (or slower) playback at the same pitch: WSOLA time-stretching in numpy.

Replay at ``--speed 1.5`` should sound like the candidate talking faster, not like a
chipmunk, so the audio is time-stretched rather than played at a higher sample rate.
WSOLA: overlap-add windowed frames taken ``speed`` times further apart in the input,
each shifted (within a small tolerance) to the position that best continues the
previous frame, which avoids the phasing of plain overlap-add.
"""

from __future__ import annotations

import numpy as np

from voicecoach.audio.files import FloatArray
from voicecoach.settings import SAMPLE_RATE_HZ

FRAME_S = 0.040  # analysis frame: a few pitch periods of a low voice
TOLERANCE_S = 0.010  # how far a frame may shift to line up with the previous one
MIN_SPEED, MAX_SPEED = 0.5, 3.0  # beyond these, speech is no longer followable


def time_stretch(
    samples: FloatArray, speed: float, sample_rate_hz: int = SAMPLE_RATE_HZ
) -> FloatArray:
    """Return audio that lasts ``len(samples) / speed`` samples, pitch unchanged."""
    if not MIN_SPEED <= speed <= MAX_SPEED:
        raise ValueError(f"speed must be between {MIN_SPEED} and {MAX_SPEED}, got {speed}")
    if abs(speed - 1.0) < 1e-3 or len(samples) == 0:
        return np.ascontiguousarray(samples, dtype=np.float32)
    frame = int(FRAME_S * sample_rate_hz)
    hop = frame // 2
    tol = int(TOLERANCE_S * sample_rate_hz)
    window = np.hanning(frame).astype(np.float32)
    x = np.concatenate([samples.astype(np.float32), np.zeros(frame * 2 + tol * 2, np.float32)])
    n_frames = max(1, int((len(samples) / speed) // hop))
    out = np.zeros(n_frames * hop + frame, np.float32)
    norm = np.zeros_like(out)
    prev = 0
    for k in range(n_frames):
        nominal = int(k * hop * speed)
        if k == 0:
            pos = 0
        else:
            target = x[prev + hop : prev + hop + frame]
            lo = max(0, nominal - tol)
            region = x[lo : nominal + tol + frame]
            corr = np.correlate(region, target, mode="valid")
            pos = lo + int(np.argmax(corr))
        out[k * hop : k * hop + frame] += x[pos : pos + frame] * window
        norm[k * hop : k * hop + frame] += window
        prev = pos
    out /= np.maximum(norm, 1e-3)
    length = round(len(samples) / speed)
    return np.ascontiguousarray(out[:length], dtype=np.float32)
