"""A recap's reach over sentences not heard clearly (trial 20's second voice) does not
stretch over a sentence that only takes the prompt in (trial 22: "Sure.", heard at 0.29,
left a 20 s recap's length unjudged on a re-analysis, and the drill's score fell from 88 to
73)."""

from __future__ import annotations

import pytest

from voicecoach.analysis.recap import recap_reach
from voicecoach.analysis.results import Sentence

RECAP = (
    "In short, I have run payroll for four hundred staff for six years.",
    "I moved our team onto a new HR system without a single missed payday.",
    "And I can explain a model to people who never open a spreadsheet.",
)


def _sentences(first: str) -> list[Sentence]:
    texts = (first, *RECAP)
    out, t = [], 0.0
    for i, text in enumerate(texts):
        moves = frozenset({"recap"}) if i else frozenset()
        out.append(Sentence(i, text, t, t + 5.0, moves, None, 1))
        t += 5.5
    return out


@pytest.mark.parametrize("opener", ["Sure.", "Okay, um.", "Yes.", "Right, so."])
def test_an_unsure_opener_does_not_stretch_the_recap(opener: str) -> None:
    sentences = _sentences(opener)
    run = sentences[1:]
    assert recap_reach(run, sentences, {0}) == run


@pytest.mark.parametrize("garbled", ["I'm getting more information.", "Payroll for the Brits."])
def test_an_unsure_sentence_with_words_of_its_own_still_may_be_recap(garbled: str) -> None:
    sentences = _sentences(garbled)
    run = sentences[1:]
    assert [s.index for s in recap_reach(run, sentences, {0})] == [0, 1, 2, 3]
