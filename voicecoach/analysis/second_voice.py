"""Another voice talking over an answer (someone else in the room), heard in the answer's
pitch track (stretches at another pitch, or the tracker hopping between two voices) or in
its timbre (a stretch whose cepstra stand out from the rest of the answer).

Pure numpy over a :class:`~voicecoach.analysis.pitch.PitchTrack` and the answer's voiced
cepstra (:func:`~voicecoach.analysis.timbre.voiced_cepstra`); the bars are in
:class:`~voicecoach.settings.Thresholds`. The analyzer calls :func:`second_voice_heard`
on each answer it has a voice for.
"""

from __future__ import annotations

import numpy as np

from voicecoach.analysis.pitch import FloatArray, PitchTrack
from voicecoach.analysis.timbre import CEPSTRUM_STEP_S, timbre_change
from voicecoach.settings import Thresholds

__all__ = ["second_voice_heard", "second_voice_share", "voice_switches"]


def second_voice_share(track: PitchTrack, away_st: float, run_s: float) -> float:
    """The share of voiced frames that lie over ``away_st`` semitones from the answer's
    median pitch for at least ``run_s`` on end: near 0 for one voice, whose intonation and
    the tracker's octave slips leave its median only briefly, large when a voice of another
    pitch talks over part of the answer. NaN with no voiced frame."""
    voiced = track.voiced
    if not voiced.any():
        return float("nan")
    f0 = track.f0_hz
    away = np.zeros(len(f0), dtype=bool)
    away[voiced] = np.abs(12.0 * np.log2(f0[voiced] / float(np.median(f0[voiced])))) > away_st
    # runs of consecutive frames away from the median; only the long ones count
    edges = np.flatnonzero(np.diff(np.concatenate(([0], away.astype(np.int8), [0]))))
    starts, ends = edges[0::2], edges[1::2]
    min_frames = max(1, round(run_s / track.step_s))
    sustained = int(sum(e - s for s, e in zip(starts, ends, strict=True) if e - s >= min_frames))
    return sustained / int(voiced.sum())


def voice_switches(track: PitchTrack, window_s: float) -> int:
    """The most switches between two voices (:attr:`PitchTrack.switches_s`) within any
    ``window_s`` of the track. In 5 s one voice alone makes 0-1 (a rough espeak-ng voice
    2), the live trial's recording of two 5 (see Thresholds.second_voice_switches)."""
    sw = np.sort(track.switches_s)
    if len(sw) == 0:
        return 0
    # for each switch, how many follow it within the window (itself included)
    return int(np.max(np.searchsorted(sw, sw + window_s, side="left") - np.arange(len(sw))))


def second_voice_heard(
    track: PitchTrack, th: Thresholds, cepstra: FloatArray | None = None
) -> bool:
    """Did another voice talk over this answer? Heard in its pitch track (once
    ``second_voice_after_s`` of it is voiced) either as stretches at another pitch
    (:func:`second_voice_share`: a voice over it, or in its
    pauses) or as the tracker hopping between two voices that talk at once
    (:func:`voice_switches`: one as loud, the stretches too
    short to count); or, given the answer's voiced ``cepstra``, as a stretch of another
    timbre (:func:`~voicecoach.analysis.timbre.timbre_change`: a voice of the same pitch
    range, or one in its pauses). The analyzer passes the cepstra with the answer's laughs
    and hesitations left out (they stand out from its words as another voice would)."""
    if track.voiced_s < th.second_voice_after_s:
        return False
    share = second_voice_share(track, th.second_voice_st, th.second_voice_run_s)
    if share >= th.second_voice_share:
        return True
    if voice_switches(track, th.second_voice_switch_window_s) >= th.second_voice_switches:
        return True
    if cepstra is None or th.second_voice_timbre is None:  # the timbre test is off
        return False
    window = round(th.second_voice_timbre_window_s / CEPSTRUM_STEP_S)
    return timbre_change(cepstra, window) >= th.second_voice_timbre  # NaN (too short): no
