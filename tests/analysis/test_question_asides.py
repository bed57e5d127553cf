"""A wh-question cut by an aside the recogniser set off with commas keeps its open form;
a yes/no question after a wh-clause said as an aside stays yes/no (live trial 49, T11)."""

from __future__ import annotations

import pytest

from voicecoach.analysis import analyze_text
from voicecoach.analysis.questions import question_of


def test_the_trials_question_with_whispers_commas_reads_open() -> None:
    """T11: "how much, say, does the branch manager..." read yes/no, and the candidate,
    who asked an open "how much" question, was told to start questions with "how"."""
    a = analyze_text(
        "Yes. One thing I was wondering about was how much, say, does the branch manager have"
        " over hiring?"
    )
    check = a.check("final_questions")
    assert check is not None and check.detail.startswith("1 question (1 open)"), check
    assert "Ask open questions" not in [p.title for p in a.coaching], a.coaching


@pytest.mark.parametrize(
    "text",
    [
        "One thing I was wondering about was how much, say, does the branch manager have"
        " over hiring",
        "Where, I mean, do most new starters sit?",
        "When, say, would I be able to start?",
        "My question is how long, roughly, does onboarding take?",
        "The other thing is what, in your view, is the biggest risk for the team?",
        "I love the team. And where, you know, would I add the most?",
        "So how often, would you say, does the team meet the client?",
        "I think the rota is fair, and how, say, do you cover the holidays",
    ],
)
def test_a_wh_phrase_cut_by_an_aside_keeps_the_open_form(text: str) -> None:
    got = question_of(text.split(". ")[-1])
    assert (got.is_question, got.form) == (True, "open"), got


@pytest.mark.parametrize(
    "text",
    [
        # a wh-clause said as an aside, or a frame with its own subject, before a yes/no
        # question: the question after it is yes/no
        "What I want to know is, do you offer training?",
        "So, how to put it, is there room to grow?",
        "How do I put this, is there room to grow here?",
        "You know what, is there a gym on site?",
        "Tell you what, is there parking nearby?",
        "When possible, do you let people work from home?",
        "I know how much, do you?",
        "I was wondering, do you offer training?",
    ],
)
def test_a_yes_no_question_after_a_wh_clause_stays_yes_no(text: str) -> None:
    got = question_of(text)
    assert (got.is_question, got.form) == (True, "yes_no"), got
