"""Quotes as the coaching shows them: cut at a word boundary, numbers kept whole."""

from __future__ import annotations

from voicecoach.analysis.render import short_quote
from voicecoach.analysis.voice import short
from voicecoach.analysis.wording import clip_quote

# From a user trial's demo: the quotes ended "...would love to j…" and "...make a de…".
INTEREST = "I am very interested in this position and I would love to join the team."


def test_a_long_quote_is_cut_between_words_with_an_ellipsis() -> None:
    assert short(INTEREST, 60) == "I am very interested in this position and I would love to…"
    assert short_quote(INTEREST, 62) == "I am very interested in this position and I would love to…"
    assert len(short(INTEREST, 60)) <= 60


def test_a_cut_just_before_a_space_keeps_the_whole_word() -> None:
    assert clip_quote("thank you for your time today", 14) == "thank you for…"


def test_a_cut_after_a_comma_drops_the_comma() -> None:
    assert clip_quote("First, the team, then the role", 17) == "First, the team…"


def test_a_short_quote_is_left_whole_and_one_long_word_is_cut_inside() -> None:
    assert clip_quote(INTEREST, len(INTEREST)) == INTEREST
    assert clip_quote("Supercalifragilistic", 8) == "Superca…"
