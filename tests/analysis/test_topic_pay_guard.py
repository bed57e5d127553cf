"""The embedding fallback never defers a question as pay on its own (live re-trial 49)."""

from __future__ import annotations

import pytest

from voicecoach.analysis import semantic


@pytest.mark.skipif(not semantic.is_available(), reason="the sentence model is not installed")
def test_the_embedding_alone_never_defers_a_question_as_pay() -> None:
    """R5: "how much, say does the branch manager have over hiring?" was nearest the pay
    centroid, got the recruiter's deferral, and the closing coached "Pay came up at the
    close". A question with a word of pay or time off still is pay."""
    from voicecoach.analysis.topic_vectors import classify_question

    assert classify_question("how much, say does the branch manager have over hiring?") is None
    assert classify_question("Is there a bonus at the end of the year?") == "pay"
    assert classify_question("Do people get paid overtime?") == "pay"


@pytest.mark.skipif(not semantic.is_available(), reason="the sentence model is not installed")
@pytest.mark.parametrize("said", ["What's the remuneration like?", "What are the earnings like?"])
def test_a_word_of_pay_the_rules_lack_still_lets_the_embedding_say_pay(said: str) -> None:
    """A review of R5: the embedding found these pay before the guard; they name pay in
    words the guard's list did not have. (Hours are no longer pay: live trial 51, M4; see
    tests/rehearsal/test_pay_topics.py.)"""
    from voicecoach.analysis.topic_vectors import classify_question

    assert classify_question(said) == "pay"
