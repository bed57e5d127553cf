"""The English syllable counter behind syllables-per-second pace."""

from __future__ import annotations

import pytest

from voicecoach.analysis.syllables import count, count_word


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("team", 1), ("freight", 1), ("make", 1), ("worked", 1), ("enjoyed", 2),
        ("wanted", 2), ("table", 2), ("boxes", 2), ("dashboards", 2), ("something", 2),
        ("position", 3), ("decision", 3), ("stakeholder", 3), ("announcement", 3),
        ("previous", 3), ("idea", 3), ("analytics", 4), ("forecasting", 4),
        ("experience", 4), ("communication", 5), ("opportunity", 5), ("SQL", 3),
        ("Interested,", 3), ("I'm", 1), ("don't", 1), ("2024", 6), ("...", 0),
    ],
)  # fmt: skip
def test_count_word(word: str, syllables: int) -> None:
    assert count_word(word) == syllables


def test_count_text_and_the_closing_average() -> None:
    assert count("I am very interested in this position.") == 12
    # short words: 1.0 a word; the band's 1.4 is the labelled closings' average
    assert count("I want the job and I can start next week") == 10
