"""Geometry of the report's figures (inline SVG drawn by the template): pure numbers.

Python computes where each shape goes; the Jinja template draws it, so every piece of
text still goes through the template's escaping.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from voicecoach.settings import Thresholds
from voicecoach.subtitles import clock
from voicecoach.transcript import Word

if TYPE_CHECKING:
    from voicecoach.analysis.results import Analysis
    from voicecoach.review.progress import Progress
    from voicecoach.sessions.store import Turn

TIMELINE_W = 760  # px, the SVG's own coordinate width (it scales to the page)
TIMELINE_H = 92
LANE_Y, LANE_H = 30, 26  # the speech/pause lane
AXIS_Y = 74
CHART_W, CHART_H = 760, 150
CHART_PAD = (44, 16, 28, 36)  # left, top, right, bottom


@dataclass(frozen=True)
class Box:
    x: float
    w: float
    title: str  # tooltip, e.g. "pause 3.4 s at 0:12"


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    duration_s: float
    speech: tuple[Box, ...]
    pauses: tuple[Box, ...]  # counted pauses (>= 1 s)
    long_pauses: tuple[Box, ...]  # flagged (>= 3 s)
    fillers: tuple[Box, ...]  # x is the filler's time; w is 0
    recap: Box | None  # the recap as spoken
    recap_band: Box | None  # where the recap should end: 20-30 s after it starts
    recap_ok: bool
    # False: part of the recap or of what was beside it was not heard clearly, and its
    # length is not judged (Recap.length_judged): drawn neither good nor bad
    recap_judged: bool
    ticks: tuple[Tick, ...]


def _regions_from_words(words: Sequence[Word], gap_s: float) -> list[tuple[float, float]]:
    regions: list[tuple[float, float]] = []
    for w in words:
        if regions and w.start_s - regions[-1][1] < gap_s:
            regions[-1] = (regions[-1][0], max(regions[-1][1], w.end_s))
        else:
            regions.append((w.start_s, w.end_s))
    return regions


UNJUDGED_RECAP = "part of it was not heard clearly, so its length is not judged"
# ...or its check was left unclear (another voice over it, or the words unsure)
UNCLEAR_RECAP = "not heard clearly enough to time, so its length is not judged"


def turn_recap_timed(turn: Turn, close: Analysis | None = None) -> bool:
    """Was the recap of ``turn`` timed (Analysis.recap_timed), in the turn and in the
    whole close (``close``), whose recap check may be unclear on this turn's words: then
    ``sessions list`` shows "?" for it, and the report and the replay say so too."""
    a = turn.analysis
    if a is None or not a.recap_timed:
        return False
    check = close.check("recap") if close is not None else None
    if check is None or check.status != "unclear":
        return True
    return all(e.turn != turn.n for e in check.evidence)


def timeline(
    turn: Turn,
    duration_s: float,
    thresholds: Thresholds | None = None,
    close: Analysis | None = None,
) -> Timeline:
    """Speech, pauses, fillers and the recap band of one answer; ``close``: the whole
    close's analysis (:func:`turn_recap_timed`)."""
    thresholds = thresholds or Thresholds()
    a = turn.analysis
    words = turn.transcript.words if turn.transcript else ()
    regions = list(turn.speech_regions or (a.delivery.speech_regions if a else ()))
    if not regions:
        regions = _regions_from_words(words, thresholds.hesitation_s)
    span = max(duration_s, regions[-1][1] if regions else 0.0, 1.0)
    # the recap and its band only where a recap was asked for (a recap-like sentence in,
    # say, the answer to a concern is not one, and its band stretched the axis)
    shown = a.recap if a and "recap" in turn.expects else None
    if shown and shown.start_s is not None:  # show the band even past the audio
        span = max(span, shown.start_s + thresholds.recap_max_s + 1.0)
    scale = TIMELINE_W / span

    def box(start: float, end: float, title: str) -> Box:
        return Box(round(start * scale, 1), round(max(end - start, 0.0) * scale, 1), title)

    pauses = a.delivery.pauses if a else ()
    recap = recap_band = None
    recap_ok = False
    recap_judged = shown is None or turn_recap_timed(turn, close)
    if shown and shown.start_s is not None and shown.end_s is not None:
        r = shown
        assert r.start_s is not None and r.end_s is not None
        heard = f"recap {r.end_s - r.start_s:.1f} s"
        if not recap_judged:  # trial 20: drawn short of the band beside "not judged"
            why = UNJUDGED_RECAP if not shown.length_judged else UNCLEAR_RECAP
            heard = f"recap as heard, {r.end_s - r.start_s:.1f} s: {why}"
        recap = box(r.start_s, r.end_s, heard)
        recap_band = box(
            r.start_s + thresholds.recap_min_s,
            r.start_s + thresholds.recap_max_s,
            f"a recap should end here ({thresholds.recap_min_s:g}-"
            f"{thresholds.recap_max_s:g} s after it starts)",
        )
        recap_ok = r.band == "in_band" and recap_judged
    step = next(s for s in (1, 2, 5, 10, 15, 30, 60, 120) if span / s <= 12)
    return Timeline(
        width=TIMELINE_W,
        height=TIMELINE_H,
        duration_s=span,
        speech=tuple(box(s, e, f"speech {clock(s, 0)}-{clock(e, 0)}") for s, e in regions),
        pauses=tuple(
            box(p.start_s, p.end_s, f"pause {p.duration_s:.1f} s at {clock(p.start_s, 0)}")
            for p in pauses
            if not p.long
        ),
        long_pauses=tuple(
            box(p.start_s, p.end_s, f"long pause {p.duration_s:.1f} s at {clock(p.start_s, 0)}")
            for p in pauses
            if p.long
        ),
        fillers=tuple(
            box(
                m.evidence.start_s,
                m.evidence.start_s,
                f"“{m.text}” at {clock(m.evidence.start_s, 0)}",
            )
            for m in (a.delivery.fillers if a else ())
            if m.evidence.start_s is not None
        ),
        recap=recap,
        recap_band=recap_band,
        recap_ok=recap_ok,
        recap_judged=recap_judged,
        ticks=tuple(Tick(round(t * scale, 1), clock(t, 0)) for t in range(0, int(span) + 1, step)),
    )


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str  # tooltip
    current: bool  # the session this report is about


@dataclass(frozen=True)
class Chart:
    title: str
    width: int
    height: int
    points: tuple[Point, ...]
    polyline: str  # "x,y x,y ..." for the line through the points
    yticks: tuple[Tick, ...]  # x holds the y coordinate here
    xticks: tuple[Tick, ...]
    band: tuple[float, float] | None  # y range of a target band (e.g. 20-30 s recap)
    plot: tuple[float, float, float, float]  # left, top, right, bottom


def chart(
    progress: Progress,
    metric: str,
    title: str,
    current_id: str,
    low: float,
    high: float,
    *,
    band: tuple[float, float] | None = None,
    unit: str = "",
) -> Chart:
    """A line chart of one metric over the sessions, oldest on the left."""
    left, top, right, bottom = (
        CHART_PAD[0],
        CHART_PAD[1],
        CHART_W - CHART_PAD[2],
        CHART_H - CHART_PAD[3],
    )
    values = progress.series(metric)
    present = [v for v in values if v is not None]
    hi = max([high, *present])
    lo = min([low, *present])
    hi = lo + _tick_step(hi - lo) * math.ceil((hi - lo) / _tick_step(hi - lo))  # a round top

    def y(v: float) -> float:
        return round(bottom - (v - lo) / (hi - lo or 1.0) * (bottom - top), 1)

    n = len(values)
    xs = [round(left + (i + 0.5) * (right - left) / max(n, 1), 1) for i in range(n)]
    points = tuple(
        Point(xs[i], y(v), f"{_date(p.started_at)}: {v:g}{unit}", p.session_id == current_id)
        for i, (p, v) in enumerate(zip(progress.points, values, strict=True))
        if v is not None
    )
    every = max(1, n // 8)
    days = {_date(p.started_at, short=True) for p in progress.points}
    same_day = len(days) == 1
    return Chart(
        title=title,
        width=CHART_W,
        height=CHART_H,
        points=points,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        yticks=tuple(Tick(y(v), f"{v:g}") for v in _nice_ticks(lo, hi)),
        xticks=tuple(
            Tick(xs[i], _date(progress.points[i].started_at, short=True, same_day=same_day))
            for i in range(0, n, every)
        ),
        band=(y(band[1]), y(band[0])) if band else None,
        plot=(left, top, right, bottom),
    )


def _tick_step(span: float) -> int:
    return next((s for s in (1, 2, 5, 10, 20, 25, 50, 100) if (span or 1.0) / s <= 5), 100)


def _nice_ticks(lo: float, hi: float) -> list[float]:
    step = _tick_step(hi - lo)
    first = int(lo // step) * step
    return [float(v) for v in range(int(first), int(hi) + 1, step) if v >= lo]


def _date(epoch_s: float, short: bool = False, same_day: bool = False) -> str:
    import time

    fmt = "%H:%M" if same_day else "%d %b" if short else "%d %b %H:%M"
    return time.strftime(fmt, time.localtime(epoch_s))


PITCH_H = 132  # px: the pitch trace drawn under an answer's timeline
PITCH_PLOT = (30, 112)  # top and bottom of the trace's plotting area
PITCH_LABEL_ROWS = (11, 25)  # baselines of the statement labels, stacked when they meet
LABEL_CHAR_W = 6.6  # px per character of an 11 px bold label, to keep labels apart
TICK_MIN_GAP = 14  # px between the trace's Hz labels, so they never overlap
PITCH_HZ_TICKS = (60, 80, 100, 125, 160, 200, 250, 320, 400, 500)  # roughly thirds of octaves


@dataclass(frozen=True)
class PitchMark:
    x: float
    w: float
    kind: str  # "rise" (uptalk), "fall" (said as a statement), "unknown"
    label: str  # short text over the statement
    title: str  # tooltip: the statement and the finding
    label_x: float = 0.0  # where the label starts
    label_y: float = PITCH_LABEL_ROWS[0]


@dataclass(frozen=True)
class PitchFigure:
    width: int
    height: int
    runs: tuple[str, ...]  # one polyline ("x,y x,y") per stretch of voicing
    yticks: tuple[Tick, ...]  # x holds the y coordinate, label the Hz
    marks: tuple[PitchMark, ...]  # the uptalk checks on this answer's sure statements
    flat: tuple[float, float] | None  # y range within which a voice this flat stays
    finding: str  # the voice in one line (variation, basis)
    flagged: bool  # uptalk or monotone found: shown as a finding


def pitch_figure(turn: Turn, span_s: float) -> PitchFigure | None:
    """The answer's pitch on the timeline's time axis (same ``span_s``, so the two line
    up), with each sure statement marked by how it ended. None when not measured."""
    from voicecoach.analysis import wording
    from voicecoach.analysis.voice import summary

    a = turn.analysis
    p = a.prosody if a else None
    if p is None or p.trace is None or not any(v is not None for v in p.trace.hz):
        return None
    tr = p.trace
    voiced = [v for v in tr.hz if v is not None]
    lo = math.log2(min(voiced) / 1.12)  # a little room above and below
    hi = math.log2(max(voiced) * 1.12)
    top, bottom = PITCH_PLOT
    scale = TIMELINE_W / span_s

    def y(hz: float) -> float:
        return round(bottom - (math.log2(hz) - lo) / (hi - lo or 1.0) * (bottom - top), 1)

    runs: list[list[str]] = [[]]
    for i, hz in enumerate(tr.hz):
        if hz is None:
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append(f"{round((tr.start_s + (i + 0.5) * tr.step_s) * scale, 1)},{y(hz)}")
    flat = None
    if p.median_hz is not None and p.monotone == "yes":
        half = 2 ** (p.monotone_threshold_st / 12.0)
        flat = (y(min(p.median_hz * half, 2**hi)), y(max(p.median_hz / half, 2**lo)))
    marks: list[PitchMark] = []
    ends = [0.0] * len(PITCH_LABEL_ROWS)  # where the last label of each row ends
    for u in p.uptalk:
        e = u.evidence
        if e.start_s is None or e.end_s is None:
            continue
        kind = {"yes": "rise", "no": "fall"}.get(u.verdict, "unknown")
        line = wording.VOICE[f"uptalk_{u.verdict}"].format(quote=e.quote, rise_st=u.rise_st or 0.0)
        label = wording.VOICE[f"mark_{kind}"].format(move=wording.VOICE_MOVES[u.move])
        x = round(e.start_s * scale, 1)
        text_w = len(label) * LABEL_CHAR_W
        label_x = min(x, TIMELINE_W - text_w)
        row = next((i for i, end in enumerate(ends) if label_x >= end), len(ends) - 1)
        ends[row] = label_x + text_w + 8
        width = round((e.end_s - e.start_s) * scale, 1)
        title = f"{line} at {clock(e.start_s, 0)}"
        row_y = PITCH_LABEL_ROWS[row]
        marks.append(PitchMark(x, width, kind, label, title, round(label_x, 1), row_y))
    return PitchFigure(
        width=TIMELINE_W,
        height=PITCH_H,
        runs=tuple(" ".join(r) for r in runs if len(r) > 1),
        yticks=_spaced([Tick(y(f), f"{f} Hz") for f in PITCH_HZ_TICKS if lo <= math.log2(f) <= hi]),
        marks=tuple(marks),
        flat=flat,
        finding=summary(p)[0],
        flagged=p.monotone == "yes" or any(u.verdict == "yes" for u in p.uptalk),
    )


def voice_left_out(turn: Turn) -> str:
    """Why the answer's voice has no figure when it was heard over another voice (its
    pitch is not the candidate's alone), else ""."""
    from voicecoach.analysis.voice import summary

    p = turn.analysis.prosody if turn.analysis else None
    return summary(p)[0] if p is not None and p.left_out else ""


def _spaced(ticks: list[Tick]) -> tuple[Tick, ...]:
    """The ticks (lowest first, so y falls) at least TICK_MIN_GAP apart."""
    kept: list[Tick] = []
    for t in ticks:
        if not kept or kept[-1].x - t.x >= TICK_MIN_GAP:
            kept.append(t)
    return tuple(kept)
