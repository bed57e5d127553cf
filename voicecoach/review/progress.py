"""Progress over time: one row of key numbers per session, and a sparkline of a series.

Pure code over the few numbers per session the index keeps
(:class:`~voicecoach.sessions.metrics.Metrics`), shown by ``voicecoach progress`` and the
report's chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from voicecoach.sessions.metrics import Metrics
from voicecoach.settings import Thresholds

if TYPE_CHECKING:
    from voicecoach.sessions.store import Store

SPARK_CHARS = "▁▂▃▄▅▆▇█"
# The fixed range each metric is drawn on (the sparklines and the report's charts), so a
# change looks as big as it is: scaled to their own lowest and highest value, fillers going
# 0.0 -> 0.9 a minute drew a line from the bottom to the top (a user trial).
FILLERS_PER_MIN_TOP = 5.0  # a filler every 12 s: plenty; more widens the range
PITCH_SD_ST_TOP = 4.0  # semitones: a lively voice (flat is under 1.5)
RECAP_ROOM_S = 10.0  # seconds drawn past the recap band's top (the live clock's 40 s)


@dataclass(frozen=True)
class ProgressPoint:
    session_id: str
    started_at: float  # epoch seconds
    scenario: str
    metrics: Metrics


@dataclass(frozen=True)
class Progress:
    points: tuple[ProgressPoint, ...]  # scored sessions, oldest first

    def series(self, name: str) -> tuple[float | None, ...]:
        """One metric over time, e.g. ``series("score")``."""
        return tuple(_as_float(getattr(p.metrics, name)) for p in self.points)

    @property
    def best_score(self) -> int | None:
        return self.best[0] if self.best else None

    @property
    def best(self) -> tuple[int, bool] | None:
        """The best score, and whether it is provisional: a score resting mostly on checks
        not heard clearly is the best only when no other was judged (a trial's 93 stood on
        the thank-you alone)."""
        scored = [
            (bool(p.metrics.score_provisional), p.metrics.score)
            for p in self.points
            if p.metrics.score is not None
        ]
        confident = [score for maybe, score in scored if not maybe]
        if confident:
            return max(confident), False
        return (max(score for _, score in scored), True) if scored else None

    @property
    def change(self) -> int | None:
        """Score of the latest session minus the first one's; None with fewer than two."""
        scores = [p.metrics.score for p in self.points if p.metrics.score is not None]
        return scores[-1] - scores[0] if len(scores) >= 2 else None


FULL_CLOSE = "final-close"  # the built-in full close; drills and own scenarios follow it


def by_scenario(progress: Progress) -> tuple[tuple[str, Progress], ...]:
    """The sessions of each scenario apart, the full close first, then in order of first
    use: a drill's score is not comparable with a full close's."""
    names: list[str] = []
    for p in progress.points:
        if p.scenario not in names:
            names.append(p.scenario)
    names.sort(key=lambda n: n != FULL_CLOSE)  # stable: the rest keep their order
    return tuple((n, of_scenario(progress, n)) for n in names)


def of_scenario(progress: Progress, scenario: str) -> Progress:
    return Progress(tuple(p for p in progress.points if p.scenario == scenario))


def build_progress(points: Sequence[ProgressPoint]) -> Progress:
    """Keep the sessions that have a score, oldest first."""
    kept = sorted((p for p in points if p.metrics.score is not None), key=lambda p: p.started_at)
    return Progress(tuple(kept))


def metric_range(metric: str, thresholds: Thresholds | None = None) -> tuple[float, float]:
    """The fixed range ``metric`` is drawn on: the score's 0-100, the recap's 0 to a little
    past its band, a generous top for the rest (a value beyond it widens the chart)."""
    th = thresholds or Thresholds()
    ranges = {
        "score": (0.0, 100.0),
        "recap_s": (0.0, th.recap_max_s + RECAP_ROOM_S),
        "fillers_per_min": (0.0, FILLERS_PER_MIN_TOP),
        "pitch_sd_st": (0.0, PITCH_SD_ST_TOP),
    }
    return ranges[metric]


def sparkline(values: Sequence[float | None], *, low: float, high: float) -> str:
    """A one-line chart of ``values`` (a space where a value is missing) on the range
    ``low``-``high``, widened to a value outside it rather than clipping it."""
    if all(v is None for v in values):
        return ""
    lo, hi = drawn_range(values, low, high)
    span = hi - lo
    out = []
    for v in values:
        if v is None:
            out.append(" ")
            continue
        frac = 0.5 if span <= 0 else (v - lo) / span
        out.append(SPARK_CHARS[round(frac * (len(SPARK_CHARS) - 1))])
    return "".join(out)


def drawn_range(values: Sequence[float | None], low: float, high: float) -> tuple[float, float]:
    """``low``-``high``, widened to take in any of ``values`` outside it."""
    present = [v for v in values if v is not None]
    return min([low, *present]), max([high, *present])


def _as_float(v: object) -> float | None:
    return float(v) if isinstance(v, (int, float)) else None


def load_progress(store: Store) -> Progress:
    """Progress over every finished, scored session in ``store``. Left out: damaged and
    interrupted sessions (a close stopped half way, or a Ctrl-C before a word, scores what
    was not said) and the built-in sample candidate's (the demo, ``--answers samples/...``)."""
    return build_progress(
        [
            ProgressPoint(s.id, s.started_at or 0.0, s.scenario, s.metrics)
            for s in store.list_sessions()
            if s.status == "complete" and not s.sample
        ]
    )
