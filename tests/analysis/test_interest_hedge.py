"""The hedge that softens an interest statement (analysis/interest_hedge.py), as the
interest row names it and Delivery counts it."""

from __future__ import annotations

import pytest

from voicecoach.analysis import analyze_text


@pytest.mark.parametrize(
    ("said", "hedge"),
    [
        # a hedge set off by commas right after the interest, the sentence running on
        ("I really want this job, I think, more than any other.", "I think"),
        ("I would love to join the team, I guess, as soon as I can.", "I guess"),
        # ...and, as before, one that closes the sentence
        ("I would love to be part of the team, I think.", "I think"),
    ],
)
def test_a_hedge_set_off_beside_the_interest_softens_it(said: str, hedge: str) -> None:
    a = analyze_text(said, expects=("interest",), semantic=False)
    row = a.check("interest")
    assert row is not None and (row.status, hedge in row.detail) == ("partial", True), row
    assert [m.text for m in a.delivery.hedges] == [hedge], a.delivery.hedges


@pytest.mark.parametrize(
    "said",
    [
        "I really want this job and I think I can help the team.",
        "I really want this job, I think the training here is great.",
    ],
)
def test_a_hedge_on_a_claim_run_on_after_the_interest_does_not(said: str) -> None:
    row = analyze_text(said, expects=("interest",), semantic=False).check("interest")
    assert row is not None and row.status == "done", row
