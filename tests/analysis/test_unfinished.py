"""A sentence cut off at a thinking pause: what its last word says, how it is read.

Whisper ends a sentence where the speaker pauses, so "What I would really like to stress
is." can stand alone; a trial's analysis credited interest from it.
"""

from __future__ import annotations

import pytest

from voicecoach.analysis.analyzer import analyze, analyze_text
from voicecoach.analysis.sentences import split_tokens, tokens_from_text
from voicecoach.analysis.unfinished import ending
from voicecoach.transcript import Segment, Transcript, Word

OPEN = [
    "What I would really like to stress is.",
    "What I want is",
    "What excites me most is.",
    "What I'm most excited about is.",
    "The thing is.",
    "My main question is.",
    "What I'd bring would be.",
    "The point is that.",
    "What I wanted to say was that.",
    "I'm really excited about.",
    "Thank you for.",
    "I have years of experience with.",
    "I'd love to be part of the.",
    "I want to hear my.",
    "I'm more experienced than.",
    "I'd love to hear about the, um.",
]
LINKED = ["Thanks for having me and.", "I'm keen on this role, but.", "I'd fit in because."]
ENDS = [
    "Please let me know what the next step is.",
    "I'd like to know what the next steps are.",
    "I know how busy the team is.",
    "That's just how it is.",
    "I'm hungry for this, I really am.",
    "My kids were more worried than I was.",
    "This is where I want to be.",
    "What would my first project be?",
    "I'd really like that.",
    "Why is that?",
    "And that was that.",
    "Who would I report to?",
    "Who would I be reporting to.",
    "This is the kind of job I've been looking for.",
    "Your team is the team I want to work with.",
    "Is there anything about my background you're unsure about.",
    "Honestly, I'd really like to.",
    "Your office is easy to get to.",
    "I'm eager to take this on.",
    "I led our group project to an A.",
    "I've been in London since about 2015.",
    "It was fun, though.",
    "I want to be part of what you're building here in the ER.",
]


@pytest.mark.parametrize("text", OPEN)
def test_a_clause_missing_its_end_is_open(text: str) -> None:
    assert ending(text) == "open"


@pytest.mark.parametrize("text", LINKED)
def test_a_whole_clause_and_a_joining_word_is_linked(text: str) -> None:
    assert ending(text) == "linked"


@pytest.mark.parametrize("text", ENDS)
def test_a_sentence_that_may_end_there_is_not_taken_for_a_fragment(text: str) -> None:
    assert ending(text) is None


def test_the_sentence_after_the_pause_finishes_the_fragment() -> None:
    spans = split_tokens(
        tokens_from_text("The thing is. I have run this kind of team before. Thank you.")
    )
    assert [s.text for s in spans] == [
        "The thing is I have run this kind of team before.",
        "Thank you.",
    ]
    spans = split_tokens(tokens_from_text("Thanks for having me and. That's all from me."))
    assert spans[0].text == "Thanks for having me and that's all from me."


def test_a_filler_between_the_fragment_and_its_end_is_read_through() -> None:
    spans = split_tokens(tokens_from_text("I'd love to hear about the. Um. The team culture."))
    assert [s.text for s in spans] == ["I'd love to hear about the um the team culture."]


def test_a_question_after_the_fragment_stands_on_its_own() -> None:
    spans = split_tokens(tokens_from_text("What I'd ask is. What are the next steps?"))
    assert [s.text for s in spans] == ["What I'd ask is.", "What are the next steps?"]
    assert [s.ending for s in spans] == ["open", None]


def test_fragments_are_not_joined_across_turns() -> None:
    tokens = tokens_from_text("The thing is.", turn=1) + tokens_from_text("Yes.", turn=2)
    assert [s.text for s in split_tokens(tokens)] == ["The thing is.", "Yes."]


def _transcript(words: list[tuple[str, float, float]]) -> Transcript:
    ws = tuple(Word(t, a, b, 0.9) for t, a, b in words)
    text = " ".join(t for t, _, _ in words)
    return Transcript(text, (Segment(text, words[0][1], words[-1][2], ws),), words[-1][2])


def _check(a: object, key: str) -> tuple[str, str]:
    c = next(c for c in a.checks if c.key == key)  # type: ignore[attr-defined]
    return c.status, c.detail


def test_a_fragment_with_nothing_after_it_earns_no_move() -> None:
    """The trial: the answer ended at the pause, and interest was ticked."""
    a = analyze_text("Thank you for your time. What I would really like to stress is.")
    assert _check(a, "interest")[0] != "done"
    assert _check(a, "thanks")[0] == "done"  # the whole sentence before keeps its tick
    # A fragment whose words do carry the move (the rules read interest in it) is shown
    # as unclear with its quote, neither ticked nor crossed.
    a = analyze_text("Thank you for your time. The reason I want this role so much is.")
    status, detail = _check(a, "interest")
    assert status == "unclear"
    assert "The reason I want this role so much is." in detail


def test_a_fragment_does_not_undo_a_sure_sentence_with_the_same_move() -> None:
    a = analyze_text("I'm really excited about this role. What I would really like to stress is.")
    assert _check(a, "interest")[0] == "done"


def test_a_sentence_split_at_a_thinking_pause_is_judged_whole() -> None:
    words = [
        ("What", 0.0, 0.2), ("I", 0.2, 0.3), ("would", 0.3, 0.5), ("really", 0.5, 0.8),
        ("like", 0.8, 1.0), ("to", 1.0, 1.1), ("stress", 1.1, 1.5), ("is.", 1.5, 1.7),
        ("That", 3.6, 3.8), ("I", 3.8, 3.9), ("want", 3.9, 4.1), ("this", 4.1, 4.3),
        ("job.", 4.3, 4.7),
    ]  # fmt: skip
    a = analyze(_transcript(words))
    assert [s.text for s in a.sentences] == [
        "What I would really like to stress is that I want this job."
    ]
    assert (a.sentences[0].start_s, a.sentences[0].end_s) == (0.0, 4.7)
    assert _check(a, "interest")[0] == "done"


def test_a_whole_clause_before_a_dangling_and_keeps_its_move() -> None:
    a = analyze_text("I really want this job and.")
    assert _check(a, "interest")[0] == "done"
