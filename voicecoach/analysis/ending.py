"""How the voice ends a stretch of speech: falling to a low, or held level or rising.

Listeners hear that a speaker has finished partly from the pitch: a finished statement
falls to the bottom of the speaker's range on its last word, while a speaker who stops
to think in the middle of a sentence holds the pitch level or lets it rise a little (a
"continuation rise"). :func:`ending` reads the last :data:`TAIL_S` of voicing before a
pause and says which, with the numbers behind it; the end-of-turn judge
(rehearsal/turn_end.py) uses it beside the words.

Pure numpy over a :class:`~voicecoach.analysis.pitch.PitchTrack` (:func:`voice_ending`
tracks the samples first). Units: seconds, semitones (st).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from voicecoach.analysis.pitch import FloatArray, PitchTrack, pitch_track

# The speech before a pause that the ending is judged against: long enough to hold the
# speaker's low (a sentence's last two or three words), short enough to stay one phrase.
CONTEXT_S = 2.0
# The final stretch of voicing whose contour is read (the last word or two).
TAIL_S = 0.5
# The end level: median of the last 80 ms of voicing (as prosody.UPTALK_END_S).
END_S = 0.08
# Falling: the tail drops at least this far from its highest point to its end ...
FALL_ST = 2.0
# ... and ends within this much of the context's low (its 10th percentile): a fall that
# stops halfway up the range is a phrase boundary, not an end.
LOW_ST = 2.0
# Rising: the end stands at least this far over the tail's lowest point before it (less
# than prosody.UPTALK_RISE_ST: a continuation rise is smaller than a question's).
RISE_ST = 2.0
# Evidence needed, else "unknown": voicing in the tail, and in the context overall.
MIN_TAIL_VOICED_S = 0.15
MIN_CONTEXT_VOICED_S = 0.4
# Trailing frames this far under the context's median are creak or octave errors: trimmed.
CREAK_DROP_ST = 6.0
SMOOTH_FRAMES = 5  # median filter over the tail before its peak and valley are found
# A voiced run is one syllable or a few; the last one is "lengthened" when it is this many
# times the median run before it (phrase-final lengthening). Reported, not judged by: on
# the end-of-turn set the last run before a mid-sentence pause is about as long as before
# an answer's end (median ratio 1.5 against 1.8 for espeak-ng, 1.4 against 1.7 for
# Festival, widely overlapping), while the fall separates espeak-ng's well (10th-90th
# percentile 0.8-2.1 st mid-sentence against 3.3-5.9 st at a statement's end).
LENGTHENED_RATIO = 1.5

Contour = Literal["falling", "level", "rising", "unknown"]
NAN = float("nan")


@dataclass(frozen=True)
class Ending:
    """The pitch of the last voiced stretch before a pause."""

    contour: Contour
    fall_st: float  # the tail's highest point minus its end level (NaN when unknown)
    rise_st: float  # the end level minus the tail's lowest point before it
    end_over_low_st: float  # the end level over the context's low (10th percentile)
    final_run_s: float  # the last voiced run (about the last syllable)
    run_ratio: float  # final_run_s over the median voiced run before it (NaN: too few)
    reason: str  # for developers and tests

    @property
    def lengthened(self) -> bool:
        return bool(self.run_ratio >= LENGTHENED_RATIO)


def _unknown(reason: str) -> Ending:
    return Ending("unknown", NAN, NAN, NAN, 0.0, NAN, reason)


def ending(track: PitchTrack, end_s: float | None = None) -> Ending:
    """The contour of the last voicing in ``track`` up to ``end_s`` (default: all of it),
    judged over the :data:`CONTEXT_S` before it."""
    part = track.span(None if end_s is None else end_s - CONTEXT_S - TAIL_S, end_s)
    if part.voiced_s < MIN_CONTEXT_VOICED_S:
        return _unknown("too little voicing before the pause")
    t, f0 = part.times_s[part.voiced], part.f0_hz[part.voiced]
    recent = t >= t[-1] - CONTEXT_S
    t, f0 = t[recent], f0[recent]
    st = 12.0 * np.log2(f0 / float(np.median(f0)))
    keep = len(st)
    while keep > 0 and st[keep - 1] < -CREAK_DROP_ST:
        keep -= 1
    t, st = t[:keep], st[:keep]
    step = track.step_s
    if len(st) * step < MIN_CONTEXT_VOICED_S:
        return _unknown("too little voicing before the pause")
    in_tail = t > t[-1] - TAIL_S
    tail_t, tail = t[in_tail], st[in_tail]
    if len(tail) * step < MIN_TAIL_VOICED_S:
        return _unknown("too little voicing at the end")
    end_level = float(np.median(tail[tail_t > tail_t[-1] - END_S]))
    smooth = _median_smooth(tail, SMOOTH_FRAMES)
    before_end = smooth[tail_t <= tail_t[-1] - END_S]
    fall = float(np.max(before_end)) - end_level if len(before_end) else 0.0
    rise = end_level - float(np.min(before_end)) if len(before_end) else 0.0
    over_low = end_level - float(np.percentile(st, 10))
    final_run, ratio = _final_run(t, step)
    if fall >= FALL_ST and over_low <= LOW_ST:
        contour: Contour = "falling"
        reason = "falls to the speaker's low"
    elif rise >= RISE_ST and rise > fall:
        contour, reason = "rising", "rises at the end"
    else:
        contour = "level"
        reason = "stays level" if fall < FALL_ST else "falls, but not to the speaker's low"
    return Ending(contour, fall, rise, over_low, final_run, ratio, reason)


def voice_ending(samples: npt.ArrayLike, sample_rate_hz: int) -> Ending:
    """The ending of speech in ``samples`` (the audio up to a pause, a little after it)."""
    return ending(pitch_track(samples, sample_rate_hz))


def _final_run(times_s: FloatArray, step_s: float) -> tuple[float, float]:
    """Length of the last voiced run, and its ratio to the median run before it."""
    breaks = np.flatnonzero(np.diff(times_s) > 1.5 * step_s) + 1
    runs = [len(r) * step_s for r in np.split(times_s, breaks)]
    before = runs[:-1]
    ratio = runs[-1] / float(np.median(before)) if len(before) >= 2 else NAN
    return runs[-1], ratio


def _median_smooth(x: FloatArray, width: int) -> FloatArray:
    if len(x) < width:
        return x
    windows = np.lib.stride_tricks.sliding_window_view(np.pad(x, width // 2, mode="edge"), width)
    return np.asarray(np.median(windows, axis=1), dtype=np.float64)


__all__ = ["Contour", "Ending", "ending", "voice_ending"]
