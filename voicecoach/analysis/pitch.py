"""Pitch (F0) of speech, tracked locally: Praat's autocorrelation method via parselmouth.

Pure: samples in, a frozen :class:`PitchTrack` out. ``parselmouth`` (praat-parselmouth) is
imported inside :func:`pitch_track` only, so importing the analyzer costs nothing for it.
Measured on 2 cores: about 0.3-0.45 CPU s per minute of audio (bench/bench_analyzer.py).

Units: time in seconds, pitch in Hz (NaN where a frame is unvoiced), level in dBFS.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

# Search band of the first pass. 65 Hz is below most low male voices, 500 Hz above
# almost all adult speech, so a raised, excited or rising voice stays inside it.
PITCH_FLOOR_HZ = 65.0
PITCH_CEILING_HZ = 500.0
# One pitch value every 10 ms: fine enough for a 300-500 ms final rise (30-50 frames).
PITCH_TIME_STEP_S = 0.01
# Second pass: the band narrowed around the speaker's own quartiles (the usual two-pass
# Praat recipe); it removes most octave jumps. The ceiling stays a full octave above the
# upper quartile so that a real final rise is never clipped.
REFINE_FLOOR_FACTOR = 0.7  # floor = 0.7 x 25th percentile (about 6 st below it)
REFINE_CEILING_FACTOR = 2.0  # ceiling = 2 x 75th percentile (12 st above it)
# At least this many voiced frames (0.5 s) before the second pass can be trusted.
REFINE_MIN_VOICED_FRAMES = 50
# Voiced runs shorter than this are blips (a click, a breath, a stray frame): dropped.
MIN_VOICED_RUN_S = 0.03
# A voice cannot move this far between neighbouring 10 ms frames (fast real glides stay
# under 1 st per frame), so such a jump is a tracking error. The shorter side is moved by
# an octave when that lands it within OCTAVE_FIX_TOL_ST of the longer side, else dropped.
MAX_JUMP_ST = 6.0
# Voiced frames up to 3 frames apart (a 20 ms dropout) count as one stretch for this.
MAX_JUMP_GAP_FRAMES = 3
OCTAVE_FIX_TOL_ST = 3.0
# Such a jump between two neighbouring voiced frames of the track as found (before the
# repair) is kept as a hop between two voices (see :attr:`PitchTrack.switches_s`): two
# people talking at once make the tracker hop from one to the other and back. Not counted:
# - a jump within this of an octave: the tracker's own slip on one voice. Its other errors
#   (3:2, 7 st; 3:1, 19 st; 4:1, 24 st) are not left out: one voice's jumps spread over
#   6-8 st rather than sit at 7.02, none came near 19 or 24, and leaving out 7 +- 0.3 st
#   lost 11 of 40 mixes caught (a man and a woman often talk about 7 st apart);
SWITCH_OCTAVE_TOL_ST = 2.0
# - a jump the track does not make back, the other way, within this: the tracker going
#   from one voice to another and back does so within a syllable or two (the live trial's
#   recording: 0.1-0.5 s apart), while a rough voice's own jumps (espeak-ng en-us+Demonic:
#   up 6-8 st onto a steady 125 Hz, then down only after a pause) mostly do not return.
#   Measured (stop 52, bench/bench_second_voice.py's set): with 0.5 s and a bar of 3 the
#   hops alone catch 39 of 242 mixes, with every hop counted and a bar of 4 40, while the
#   most one voice reaches in 5 s falls from 7 (a Demonic answer) or 2 (the rest) to 2, 1.
#   The jump back may itself be near an octave (between voices 10-14 st apart).
SWITCH_RETURN_S = 0.5
# The two passes find most hops alike, within a frame or two of each other (their frames
# sit on their own grids): such a pair is one hop.
SWITCH_MERGE_S = 0.025
# Frame level (RMS) window, also used by the loudness measures.
LEVEL_FRAME_S = 0.025
DB_FLOOR = -120.0  # the level of digital silence


@dataclass(frozen=True, eq=False)
class PitchTrack:
    """F0 per frame. ``f0_hz`` is NaN where the frame is unvoiced. The arrays are stored
    as read-only copies."""

    times_s: FloatArray
    f0_hz: FloatArray
    level_db: FloatArray  # frame RMS level (dBFS): tells silence from unvoiced speech
    # times of the impossible jumps found before repair that were neither octave slips nor
    # one-way (the tracker hopping between two voices that talk at once): repaired in
    # f0_hz, kept here. Those of both passes (the wide search and the one narrowed to this
    # voice): the wide one also hops to a voice above the narrow band; a hop both find is
    # kept once
    switches_s: FloatArray = field(default_factory=lambda: np.zeros(0))

    def __post_init__(self) -> None:
        for name in ("times_s", "f0_hz", "level_db", "switches_s"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))
        if not len(self.times_s) == len(self.f0_hz) == len(self.level_db):
            raise ValueError("times_s, f0_hz and level_db must have the same length")

    @property
    def voiced(self) -> npt.NDArray[np.bool_]:
        return ~np.isnan(self.f0_hz)

    @property
    def step_s(self) -> float:
        t = self.times_s
        return float(t[1] - t[0]) if len(t) > 1 else PITCH_TIME_STEP_S

    @property
    def voiced_s(self) -> float:
        return float(self.voiced.sum()) * self.step_s

    def span(self, start_s: float | None = None, end_s: float | None = None) -> PitchTrack:
        """Frames with start_s <= time < end_s (either bound may be None)."""
        keep = _between(self.times_s, start_s, end_s)
        switches = self.switches_s[_between(self.switches_s, start_s, end_s)]
        return PitchTrack(self.times_s[keep], self.f0_hz[keep], self.level_db[keep], switches)

    def semitones(self, reference_hz: float) -> FloatArray:
        """F0 in semitones relative to ``reference_hz`` (NaN stays NaN)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.asarray(12.0 * np.log2(self.f0_hz / reference_hz), dtype=np.float64)


def pitch_track(
    samples: npt.ArrayLike,
    sample_rate_hz: int,
    *,
    floor_hz: float = PITCH_FLOOR_HZ,
    ceiling_hz: float = PITCH_CEILING_HZ,
    refine: bool = True,
) -> PitchTrack:
    """Track the F0 of mono speech.

    With ``refine`` a second pass searches a band fitted to this speaker's quartiles (fewer
    octave errors). Impossible jumps are repaired and blips dropped. Audio shorter than
    three periods of ``floor_hz``, or all zeros, gives an empty track.
    """
    x = np.asarray(samples, dtype=np.float64).reshape(-1)
    if sample_rate_hz <= 0:
        raise ValueError("sample_rate_hz must be positive")
    if not 0 < floor_hz < ceiling_hz:
        raise ValueError("need 0 < floor_hz < ceiling_hz")
    if len(x) < int(3.0 / floor_hz * sample_rate_hz) + 2 or not np.any(x):
        return PitchTrack(np.zeros(0), np.zeros(0), np.zeros(0))
    import parselmouth  # lazy: the only dependency beyond numpy

    sound = parselmouth.Sound(x, sampling_frequency=float(sample_rate_hz))
    times, f0 = _praat_ac(sound, floor_hz, ceiling_hz)
    switches = [_voice_switches(times, f0)]
    if refine:
        v = f0[~np.isnan(f0)]
        if len(v) >= REFINE_MIN_VOICED_FRAMES:
            q25, q75 = np.percentile(v, [25, 75])
            lo = max(floor_hz, REFINE_FLOOR_FACTOR * float(q25))
            hi = min(ceiling_hz, REFINE_CEILING_FACTOR * float(q75))
            if hi > lo * 1.5 and len(x) >= int(3.0 / lo * sample_rate_hz) + 2:
                times, f0 = _praat_ac(sound, lo, hi)
                switches.append(_voice_switches(times, f0))
    f0 = _repair_jumps(f0)
    f0 = _drop_short_runs(f0, max(1, round(MIN_VOICED_RUN_S / PITCH_TIME_STEP_S)))
    levels = _frame_levels_db(x, sample_rate_hz, times)
    return PitchTrack(times, f0, levels, _merged(np.concatenate(switches)))


def _praat_ac(sound: object, floor_hz: float, ceiling_hz: float) -> tuple[FloatArray, FloatArray]:
    pitch = sound.to_pitch_ac(  # type: ignore[attr-defined]
        time_step=PITCH_TIME_STEP_S, pitch_floor=floor_hz, pitch_ceiling=ceiling_hz
    )
    f0 = np.array(pitch.selected_array["frequency"], dtype=np.float64)
    f0[f0 <= 0] = np.nan
    return np.asarray(pitch.xs(), dtype=np.float64), f0


def _frame_levels_db(x: FloatArray, sample_rate_hz: int, times_s: FloatArray) -> FloatArray:
    """RMS level (dBFS) of a LEVEL_FRAME_S window centred on each time."""
    half = max(1, round(LEVEL_FRAME_S * sample_rate_hz / 2))
    csum = np.concatenate(([0.0], np.cumsum(x * x)))
    centre = np.round(times_s * sample_rate_hz).astype(np.int64)
    lo = np.clip(centre - half, 0, len(x))
    hi = np.clip(centre + half, 0, len(x))
    power = (csum[hi] - csum[lo]) / np.maximum(hi - lo, 1)
    return np.asarray(
        np.maximum(10.0 * np.log10(np.maximum(power, 1e-24)), DB_FLOOR), dtype=np.float64
    )


def _voice_switches(times_s: FloatArray, f0: FloatArray) -> FloatArray:
    """When the track jumps further than a voice can move in one frame, not by an octave,
    and jumps back the other way within SWITCH_RETURN_S: one voice's track, then another's
    and back. A jump across an unvoiced frame is no jump."""
    a, b = f0[:-1], f0[1:]
    both = ~np.isnan(a) & ~np.isnan(b)
    jump_st = np.zeros(len(a))
    jump_st[both] = 12.0 * np.log2(b[both] / a[both])
    at = np.flatnonzero(np.abs(jump_st) > MAX_JUMP_ST)  # every impossible jump
    when, up = times_s[1:][at], jump_st[at] > 0
    # neighbouring jumps the opposite way, close enough: both ends of a return
    back = (up[1:] != up[:-1]) & (np.diff(when) <= SWITCH_RETURN_S)
    returned = np.concatenate((back, [False])) | np.concatenate(([False], back))
    octave = np.abs(np.abs(jump_st[at]) - 12.0) <= SWITCH_OCTAVE_TOL_ST
    return np.asarray(when[returned & ~octave], dtype=np.float64)


def _merged(times_s: FloatArray) -> FloatArray:
    """Sorted, with each run of times within SWITCH_MERGE_S of the one before taken once."""
    t = np.sort(times_s)
    return t[np.concatenate(([True], np.diff(t) > SWITCH_MERGE_S))] if len(t) else t


def _repair_jumps(f0: FloatArray) -> FloatArray:
    """Split the voiced frames at impossible jumps; within each stretch, pieces other than
    the longest are moved by an octave towards their settled neighbour, or dropped."""
    out: FloatArray = f0.copy()
    idx = np.flatnonzero(~np.isnan(out))
    if len(idx) < 2:
        return out
    breaks = np.flatnonzero(np.diff(idx) > MAX_JUMP_GAP_FRAMES) + 1
    for group in np.split(idx, breaks):
        st = 12.0 * np.log2(out[group])
        cuts = np.flatnonzero(np.abs(np.diff(st)) > MAX_JUMP_ST) + 1
        if len(cuts) == 0:
            continue
        pieces = list(itertools.pairwise([0, *cuts.tolist(), len(group)]))
        anchor = max(range(len(pieces)), key=lambda k: pieces[k][1] - pieces[k][0])
        for k in [*range(anchor + 1, len(pieces)), *range(anchor - 1, -1, -1)]:
            a, b = pieces[k]
            ref = st[a - 1] if k > anchor else st[b]  # the neighbour on the anchor's side
            if np.isnan(ref):
                st[a:b] = np.nan
                continue
            diff = float(np.median(st[a:b])) - float(ref)
            octaves = round(diff / 12.0)
            if octaves != 0 and abs(diff - 12.0 * octaves) <= OCTAVE_FIX_TOL_ST:
                st[a:b] -= 12.0 * octaves
            elif abs(diff) > MAX_JUMP_ST:
                st[a:b] = np.nan
        out[group] = 2.0 ** (st / 12.0)
    return out


def _drop_short_runs(f0: FloatArray, min_frames: int) -> FloatArray:
    out: FloatArray = f0.copy()
    edges = np.diff(np.concatenate(([0], (~np.isnan(out)).astype(np.int8), [0])))
    for s, e in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True):
        if e - s < min_frames:
            out[s:e] = np.nan
    return out


def _between(
    times_s: FloatArray, start_s: float | None, end_s: float | None
) -> npt.NDArray[np.bool_]:
    """Which of ``times_s`` lie in start_s <= time < end_s (either bound may be None)."""
    keep = np.ones(len(times_s), dtype=bool)
    if start_s is not None:
        keep &= times_s >= start_s
    if end_s is not None:
        keep &= times_s < end_s
    return keep


def _frozen(a: npt.ArrayLike) -> FloatArray:
    out = np.array(a, dtype=np.float64, copy=True)
    out.flags.writeable = False
    return out
