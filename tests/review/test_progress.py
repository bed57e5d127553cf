"""Progress metrics over sessions written with real audio and analysed for real."""

from __future__ import annotations

from pathlib import Path

import pytest
import sessions_support as support
from rich.console import Console

from voicecoach.review.progress import build_progress, load_progress, sparkline
from voicecoach.review.sessions_view import sessions_table
from voicecoach.sessions.metrics import metrics_of
from voicecoach.sessions.store import Store


def test_sparkline_scales_and_marks_gaps() -> None:
    assert sparkline([0, 50, 100], low=0, high=100) == "▁▅█"
    assert sparkline([3, None, 3]) == "▅ ▅"
    assert sparkline([]) == ""


@pytest.mark.slow
def test_progress_over_weak_then_strong(_home: Path, faster_transcriber) -> None:  # type: ignore[no-untyped-def]
    store = Store(_home)
    weak = support.record_session(store, support.sample_answers("weak", faster_transcriber))
    strong = support.record_session(store, support.sample_answers("strong", faster_transcriber))
    unfinished = support.record_session(
        store, support.speech_answers(faster_transcriber)[:1], finish=False
    )
    demo = support.record_session(  # the demo's sample candidate is not the user
        store, support.sample_answers("strong", faster_transcriber), sample="strong"
    )
    progress = load_progress(store)
    assert [p.session_id for p in progress.points] == [weak, strong]  # unscored, demo left out
    assert {s.id: s.sample for s in store.list_sessions()}[demo] == "strong"
    console = Console(record=True, width=100)
    console.print(sessions_table(store.list_sessions()))
    listing = console.export_text()
    assert "complete*" in listing and "* a demo run" in listing and "restore" not in listing
    store.index.clear()  # the mark survives a rebuilt index
    assert {s.id: s.sample for s in store.reindex()}[demo] == "strong"
    weak_m, strong_m = (p.metrics for p in progress.points)
    assert strong_m.score is not None and weak_m.score is not None
    assert strong_m.score > weak_m.score
    assert progress.change == strong_m.score - weak_m.score
    assert strong_m.checks_done is not None and weak_m.checks_done is not None
    assert strong_m.checks_done > weak_m.checks_done
    analysis = store.load(strong).analysis
    assert metrics_of(analysis) == strong_m
    d = analysis.delivery  # type: ignore[union-attr]
    assert strong_m.wpm == pytest.approx(d.wpm, abs=0.1)
    assert strong_m.fillers_per_min == pytest.approx(
        len(d.fillers) / d.speaking_time_s * 60, abs=0.01
    )
    assert store.load(unfinished).status == "recording"
    assert build_progress([]).points == ()
