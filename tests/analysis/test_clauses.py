"""A sentence of several clauses is also read clause by clause, for the recap only."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import pytest

from voicecoach.analysis import semantic
from voicecoach.analysis.clauses import CLAUSE_MOVES, clause_max, clauses


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "I'm the right guy, I want this, and I want an answer by Friday.",
            ["I'm the right guy", "I want this", "I want an answer by Friday."],
        ),
        (
            "I ran the night crew for three years; so yes, I'd love to join.",
            ["I ran the night crew for three years", "I'd love to join."],  # "so yes" too short
        ),
        ("Thanks, and for the record I've never missed a shift.", []),  # "Thanks" too short
        ("What does a typical week look like for the team?", []),
        ("Honestly, it's a great fit.", []),
    ],
)
def test_clauses_are_cut_before_a_new_subject(text: str, expected: list[str]) -> None:
    assert clauses(text) == expected


OUTPUTS = ("question", "recap", "interest")


def _by_words(texts: Sequence[str]) -> Any:
    """Scores a text by its words: "ran" makes a recap, "love" interest."""
    return np.array([[0.0, 0.9 * ("ran" in t), 0.9 * ("love" in t)] for t in texts])


def test_a_clause_raises_only_the_recap() -> None:
    sentences = ["I ran the night crew for three years; so yes, I'd love to join.", "Hi there."]
    rows = np.array([[0.1, 0.2, 0.3], [0.0, 0.0, 0.0]])
    out = clause_max(sentences, rows, _by_words, OUTPUTS)
    assert CLAUSE_MOVES == ("recap",)
    assert out.tolist() == [[0.1, 0.9, 0.3], [0.0, 0.0, 0.0]]
    assert rows.tolist() == [[0.1, 0.2, 0.3], [0.0, 0.0, 0.0]]  # not changed in place


def test_a_sentence_of_one_clause_is_not_scored_again() -> None:
    asked: list[str] = []

    def score(texts: Sequence[str]) -> Any:
        asked.extend(texts)
        return _by_words(texts)

    rows = np.array([[0.1, 0.2, 0.3]])
    assert clause_max(["I ran the night crew."], rows, score, OUTPUTS) is rows
    assert asked == []


@pytest.fixture
def _unload_after() -> Iterator[None]:
    # "auto" mode uses the model whenever it is loaded: do not leak it into other tests.
    yield
    semantic.unload()


@pytest.mark.usefixtures("_unload_after")
@pytest.mark.skipif(not semantic.is_available(), reason="sentence model not installed")
def test_the_model_reads_the_recap_of_each_clause() -> None:
    model = semantic.get_model()
    text = "Look, I've kept two kitchens running through a refit, so I want this, and soon."
    whole = model._sentence_probabilities([text])
    parts = model._sentence_probabilities(clauses(text))
    got = model.probabilities([text])
    recap = model.outputs.index("recap")
    assert got[0, recap] == pytest.approx(max(whole[0, recap], parts[:, recap].max()))
    others = [i for i in range(len(model.outputs)) if i != recap]
    assert got[0, others].tolist() == pytest.approx(whole[0, others].tolist())
