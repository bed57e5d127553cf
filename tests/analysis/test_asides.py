"""A request about the conversation itself (to hear the line again, to start over) is no
move: no final question, no ask for the job (trial s33)."""

from __future__ import annotations

import pytest

from voicecoach.analysis.analyzer import analyze_text
from voicecoach.analysis.asides import asks_to_repeat


@pytest.mark.parametrize(
    "text",
    [
        "Sorry, could you repeat that?",
        "Can you say the question again?",
        "could you repeat that",  # as Whisper may write it
        "Pardon?",
        "Sorry?",
        "Sorry, I didn't catch that.",
        "Um, sorry, what was the question?",
        "Could you say that again, please?",
        "Can I start over?",
        "Can I have another go at that?",
        "Let me start over.",
        # a review: common forms the first version missed
        "Sorry, what was the question again?",
        "Yeah, sorry, could you repeat the question?",
        "Would you mind repeating that?",
        "Could you repeat that for me?",
        "Say that again?",
        "Sorry, one more time?",
        "Excuse me?",
        "Sorry, can you go over that again?",
        "sorry could you repeat that i didnt quite hear",
        "Actually, can I start over?",
        "I didn't hear.",
        "Sorry, you cut out there.",
    ],
)
def test_asking_to_hear_it_again_or_start_over(text: str) -> None:
    assert asks_to_repeat(text)


@pytest.mark.parametrize(
    "text",
    [
        "Could you repeat the part about the team's targets?",  # asks about the targets
        "Can I start in March?",
        "When can I start?",
        "Sorry, I'm a bit nervous.",
        "Sorry for the delay, what are the next steps?",
        "Can I ask a question?",
        "Thank you.",
        "",
        "I didn't hear back from HR about the salary.",
        "I missed the deadline once.",
        "Can you say more about the team?",
        "One more thing.",
    ],
)
def test_a_sentence_that_asks_something_else_is_not_one(text: str) -> None:
    assert not asks_to_repeat(text)


@pytest.mark.parametrize("semantic", [True, False])
def test_it_is_neither_a_question_nor_an_ask_in_the_checklist(semantic: bool) -> None:
    analysis = analyze_text(
        "Sorry, could you repeat that? Can I start over?",
        expects=("question", "ask_for_job"),
        semantic=semantic,
    )
    assert all(not s.moves for s in analysis.sentences)
    for key in ("final_questions", "ask_for_job"):
        check = analysis.check(key)
        assert check is not None and check.status == "missing", check
