"""Progress over time: one row of key numbers per session, and a sparkline of a series.

Pure code: :func:`metrics_of` turns a session's :class:`Analysis` into the few numbers the
index keeps and ``voicecoach progress`` and the report's chart show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from voicecoach.analysis.model import Analysis

if TYPE_CHECKING:
    from voicecoach.store import Store

SPARK_CHARS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class Metrics:
    score: int | None  # 0-100; None when the session has no overall analysis
    recap_s: float | None  # spoken length of the recap; None when no recap was found / timed
    wpm: float | None  # words per minute over speaking time
    fillers_per_min: float | None  # fillers per minute of speaking time
    checks_done: int | None  # checks with status "done"
    checks_total: int | None  # checks that apply (all but "not_expected")


NO_METRICS = Metrics(None, None, None, None, None, None)


def metrics_of(analysis: Analysis | None) -> Metrics:
    """The key numbers of one analysis (``NO_METRICS`` for None)."""
    if analysis is None:
        return NO_METRICS
    delivery = analysis.delivery
    minutes = delivery.speaking_time_s / 60.0
    fillers = round(len(delivery.fillers) / minutes, 2) if minutes > 0 else None
    applicable = [c for c in analysis.checks if c.status != "not_expected"]
    recap_s = analysis.recap.duration_s if analysis.recap is not None else None
    return Metrics(
        score=analysis.score,
        recap_s=round(recap_s, 1) if recap_s is not None else None,
        wpm=round(delivery.wpm, 1) if delivery.wpm is not None else None,
        fillers_per_min=fillers,
        checks_done=sum(1 for c in applicable if c.status == "done"),
        checks_total=len(applicable),
    )


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
        scores = [p.metrics.score for p in self.points if p.metrics.score is not None]
        return max(scores) if scores else None

    @property
    def change(self) -> int | None:
        """Score of the latest session minus the first one's; None with fewer than two."""
        scores = [p.metrics.score for p in self.points if p.metrics.score is not None]
        return scores[-1] - scores[0] if len(scores) >= 2 else None


def build_progress(points: Sequence[ProgressPoint]) -> Progress:
    """Keep the sessions that have a score, oldest first."""
    kept = sorted((p for p in points if p.metrics.score is not None), key=lambda p: p.started_at)
    return Progress(tuple(kept))


def sparkline(
    values: Sequence[float | None], *, low: float | None = None, high: float | None = None
) -> str:
    """A one-line chart of ``values`` (a space where a value is missing)."""
    present = [v for v in values if v is not None]
    if not present:
        return ""
    lo = min(present) if low is None else low
    hi = max(present) if high is None else high
    span = hi - lo
    out = []
    for v in values:
        if v is None:
            out.append(" ")
            continue
        frac = 0.5 if span <= 0 else (min(max(v, lo), hi) - lo) / span
        out.append(SPARK_CHARS[round(frac * (len(SPARK_CHARS) - 1))])
    return "".join(out)


def _as_float(v: object) -> float | None:
    return float(v) if isinstance(v, (int, float)) else None


def load_progress(store: Store) -> Progress:
    """Progress over every scored session in ``store`` (damaged ones and the demo's sample
    candidate are left out)."""
    return build_progress(
        [
            ProgressPoint(s.id, s.started_at or 0.0, s.scenario, s.metrics)
            for s in store.list_sessions()
            if s.status != "damaged" and not s.sample
        ]
    )
