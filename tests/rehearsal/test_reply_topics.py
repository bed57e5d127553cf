"""Questions on the team's size, on learning budgets and on a new hire's first weeks get a
reply on their own topic: the rules that put a question on a topic, and the cut between two
questions on two topics.

Trial 23 (F2): "Has the team grown this year? And have you got a training budget?" got
"You wouldn't be thrown in. We pair every new hire with someone..." (the onboarding reply,
to a worry never voiced) and nothing at all on the team.
"""

from __future__ import annotations

import pytest

from voicecoach.analysis.questions import question_pieces
from voicecoach.analysis.topics import classify


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Has headcount gone up since you joined?", "team"),
        ("is the department growing", "team"),
        ("Will you be adding people to the team next year?", "team"),
        ("how many people have left the team lately", "team"),
        ("Is there a learning allowance?", "growth"),
        ("do you cover external training", "growth"),
        ("Would I get study leave for exams?", "growth"),
        ("Does the company send people to conferences?", "growth"),
        ("is there a budget for certifications", "growth"),
        ("Is there formal training when I start?", "training"),
        ("who would show me the ropes", "training"),
        ("What would my first day look like?", "training"),
        ("how quickly do new people settle in", "training"),
        ("What's staff turnover like?", "culture"),
        ("how much holiday would i get", "pay"),
        # a training budget is growth, not how new people start; a company's growth is
        # its market, a person's is growth
        ("Is the business growing?", "market"),
        ("Can I grow within the team?", "growth"),
    ],
)
def test_neighbouring_topics(question: str, topic: str) -> None:
    assert classify(question).topic == topic


def test_two_yes_no_questions_after_a_comma_on_two_topics_are_two() -> None:
    pieces = question_pieces("Is the team growing, and do you pay for conferences?")
    assert [p for p, _ in pieces] == ["is the team growing", "do you pay for conferences"]
    # ...while one on a single topic, or on none, stays one question
    assert question_pieces("Is it hybrid, and would I get a mentor?") == []
    assert question_pieces("Is the team growing, and is it growing fast?") == []
