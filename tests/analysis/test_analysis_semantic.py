"""The optional sentence model: loads offline once per process and refines the rules."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from voicecoach.analysis import analyze_text, semantic
from voicecoach.analysis.moves import label_texts
from voicecoach.analysis.rules import Labels

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True, scope="module")
def _unload_after() -> Iterator[None]:
    # "auto" mode uses the model whenever it is loaded: do not leak it into other tests.
    yield
    semantic.unload()


def test_model_loads_offline_once_and_is_used_when_loaded() -> None:
    model = semantic.get_model()
    assert semantic.get_model() is model and semantic.is_loaded()
    text = "Thank you for meeting me. What are the next steps?"
    assert any("sentence model" in n for n in analyze_text(text).notes)  # auto: loaded, so used
    assert any("rules only" in n for n in analyze_text(text, semantic=False).notes)


def test_similarity_separates_meaning() -> None:
    model = semantic.get_model()
    near = model.similarity("When will you decide?", "What is your timeline for a decision?")
    far = model.similarity("When will you decide?", "I enjoy hiking at weekends.")
    assert near > far + 0.3


def test_refine_adds_a_paraphrase_the_rules_miss_and_keeps_questions() -> None:
    model = semantic.get_model()
    sentences = ["Working alongside this group is something I would really love."]
    base = [Labels(frozenset(), None)]
    assert label_texts(sentences, semantic_mode=False)[0][0].moves == frozenset()
    refined = model.refine(sentences, base)
    assert "interest" in refined[0].moves
    labels, note = label_texts(["What does a typical day look like?"], semantic_mode=True)
    assert labels[0].moves == frozenset({"question"}) and labels[0].question_form == "open"
    assert "sentence model" in note


def test_semantic_mode_meets_the_target_on_the_labelled_set(labelled_evaluation: Any) -> None:
    result = labelled_evaluation
    low = {s.label: s.f1 for s in result.sentences[0].scores if s.f1 < 0.90}
    assert not low and result.mode == "rules + semantic"


def test_in_punctuated_text_a_question_without_a_mark_needs_its_words() -> None:
    from voicecoach.analysis.moves import trust_question_marks
    from voicecoach.analysis.rules import Labels, label

    said = ["Yes, two.", "Could you tell me how the team is organised.", "Thanks a lot."]
    model = [Labels(frozenset({"question"}), "yes_no")] * 2 + [Labels(frozenset({"thanks"}), None)]
    rules = [label(s) for s in said]
    kept = trust_question_marks(said, rules, model)
    assert "question" not in kept[0].moves and kept[0].question_form is None
    assert "question" in kept[1].moves  # the rules hear a question in its words
    assert kept[2] == model[2]
    raw = ["yes two", "and what about the team", "thanks a lot."]  # mostly unpunctuated
    assert trust_question_marks(raw, [label(s) for s in raw], model) == model


def test_a_question_the_model_is_sure_of_stands_without_its_mark() -> None:
    from voicecoach.analysis.moves import trust_question_marks
    from voicecoach.analysis.rules import Labels, label

    said = ["Something in my experience is not enough for you.", "Yes, two.", "Thanks."]
    model = [Labels(frozenset({"question"}), "yes_no")] * 2 + [Labels(frozenset({"thanks"}), None)]
    rules = [label(s) for s in said]
    assert "question" not in trust_question_marks(said, rules, model)[0].moves
    kept = trust_question_marks(said, rules, model, [True, False, False])
    assert "question" in kept[0].moves and "question" not in kept[1].moves


@pytest.mark.parametrize(
    ("sentence", "thanks"),
    [
        # a trial's story about teaching themself SQL: the model had it as thanks
        ("And I really enjoyed that.", False),
        ("And I enjoyed that a lot.", False),
        ("It has been a real pleasure.", False),
        # gratitude beside the enjoyment, spelt or as Whisper hears "thank you"
        ("Cheers, I really enjoyed that.", True),
        ("And you, it was a pleasure to talk with you.", True),
        ("Thanks so much, I enjoyed this.", True),
        # thanks the rules do not count elsewhere ("My old boss used to say thanks a
        # million."), or spelt as one word: still gratitude beside the enjoyment
        ("I really enjoyed it, thanks a million.", True),
        ("A big thank-you, I really enjoyed this.", True),
        ("I really enjoyed this, appreciate ya.", True),
        ("Enjoyed it, appreciated.", True),
    ],
)
def test_enjoying_something_is_thanks_only_with_gratitude(sentence: str, thanks: bool) -> None:
    (labels,), _ = label_texts([sentence], semantic_mode=True)
    assert ("thanks" in labels.moves | labels.unclear) is thanks, labels


def test_a_story_someone_enjoyed_does_not_thank_the_interviewer() -> None:
    closing = analyze_text(
        "I taught myself SQL last year to automate our weekly report. And I really enjoyed "
        "that. It cut the report from a day to an hour.",
        expects=("recap", "thanks"),
    )
    assert closing.check("thanks").status == "missing"  # type: ignore[union-attr]
