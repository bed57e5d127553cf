"""Scores that follow the checks: failed content cannot pass, and delivery weighs by how
much speech there is to judge."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_support import timed_transcript

from voicecoach.analysis import analyze
from voicecoach.analysis.results import Analysis
from voicecoach.analysis.scoring import PASS_SCORE

SAMPLES = Path(__file__).parent.parent.parent / "samples"
THANKS = ("thanks",)


def _part(a: Analysis, key: str):  # type: ignore[no-untyped-def]
    return next(p for p in a.score_parts if p.key == key)


def test_a_failed_goodbye_scores_low_and_says_why() -> None:
    a = analyze(timed_transcript(["Okay, bye."]), expects=THANKS, semantic=False)
    assert a.check("thanks").status == "missing"  # type: ignore[union-attr]
    assert a.score < PASS_SCORE
    delivery = _part(a, "delivery")
    assert delivery.max_points < 20 and "weighed by" in delivery.note
    assert a.score == round(sum(p.points for p in a.score_parts))
    assert sum(p.max_points for p in a.score_parts) == 100


def test_a_long_fluent_answer_that_misses_its_check_cannot_pass() -> None:
    talk = [
        "It was great to hear about the new depot in the north.",
        "The team sounds like a good group of people to work with.",
        "I liked hearing how the planners use the forecasts every morning.",
        "The route changes you described are a real puzzle for any analyst.",
    ] * 2
    a = analyze(timed_transcript(talk, wpm=150.0), expects=THANKS, semantic=False)
    assert a.check("thanks").status == "missing"  # type: ignore[union-attr]
    assert a.score == PASS_SCORE - 1
    delivery = _part(a, "delivery")
    assert "held below 50" in delivery.note and delivery.points < delivery.max_points
    assert a.score == round(sum(p.points for p in a.score_parts))


def test_a_good_goodbye_still_scores_full() -> None:
    a = analyze(timed_transcript(["Thank you for your time today, Dana."]), expects=THANKS)
    assert a.score == 100 and all(p.points == p.max_points for p in a.score_parts)


@pytest.mark.slow
def test_the_weak_samples_goodbye_on_real_audio(faster_transcriber) -> None:  # type: ignore[no-untyped-def]
    from voicecoach.audio.files import load_audio
    from voicecoach.pipeline import hear

    transcript, regions = hear(load_audio(SAMPLES / "weak" / "turn-05.flac"), faster_transcriber)
    assert transcript.text.strip().lower().startswith("okay")
    a = analyze(transcript, speech_regions=regions, expects=THANKS)
    assert a.score < PASS_SCORE  # was 75: delivery weighed three quarters of it
    assert "weighed by" in _part(a, "delivery").note


def test_a_partial_recap_earns_by_how_near_it_came() -> None:
    from voicecoach.profile import Profile

    profile = Profile(
        role="data analyst",
        strengths=("SQL", "demand forecasting", "stakeholder communication", "Python"),
    )
    recap = ("recap",)
    shrug = analyze(
        timed_transcript(["Um, not really, I guess I'm pretty good with numbers."]),
        expects=recap, profile=profile, semantic=False,
    )  # fmt: skip
    near = analyze(
        timed_transcript(
            [
                "I've spent five years in SQL and Python building demand forecasting models.",
                "At Northwind my forecasts cut stock-outs by eighteen percent in one year.",
                "I'm confident I can bring that same rigour to this data analyst role.",
            ],
            wpm=120.0,
        ),
        expects=recap, profile=profile, semantic=False,
    )  # fmt: skip
    for a in (shrug, near):
        assert a.check("recap").status == "partial", a.check("recap")  # type: ignore[union-attr]
    assert near.recap is not None and near.recap.band == "too_short"
    part_shrug, part_near = _part(shrug, "recap"), _part(near, "recap")
    assert part_shrug.points < part_near.points < part_near.max_points
    assert part_shrug.points <= part_shrug.max_points * 0.3
