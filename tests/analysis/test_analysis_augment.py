"""Training-time augmentation: spoken variants keep their labels, run-ons take the union."""

from __future__ import annotations

import random
from pathlib import Path

from voicecoach.analysis import train_semantic
from voicecoach.analysis.augment import augment, merge, question_without_mark, spoken
from voicecoach.analysis.evaluate import Example, load_examples

NEXT = Example("What are the next steps?", frozenset({"question", "ask_for_job"}), "open")
RISING = Example(
    "My experience is too light for this role?", frozenset({"question", "concerns"}), "yes_no"
)
REMOTE = Example("Is the team remote?", frozenset({"question"}), "yes_no")
THANKS = Example("Thanks so much for your time.", frozenset({"thanks"}), None)


def test_a_question_loses_its_mark_only_when_its_words_ask() -> None:
    assert question_without_mark(NEXT.text) and not question_without_mark(RISING.text)
    rising = [spoken(RISING, random.Random(s)).text for s in range(30)]
    asked = [spoken(NEXT, random.Random(s)).text for s in range(30)]
    assert all(t.endswith("?") for t in rising)  # without it, it is no question
    assert any(not t.endswith("?") for t in asked)
    assert any(t == t.lower() for t in asked) and any("," in t for t in asked)


def test_spoken_variants_keep_the_labels() -> None:
    for ex in (NEXT, RISING, THANKS):
        variant = spoken(ex, random.Random(3))
        assert (variant.moves, variant.question_form) == (ex.moves, ex.question_form)
        assert variant.text


def test_merges_take_the_union_and_refuse_clashing_forms() -> None:
    both = merge(NEXT, THANKS, random.Random(2))
    assert both is not None and both.moves == {"question", "ask_for_job", "thanks"}
    assert both.question_form == "open" and both.text.startswith("What are the next steps")
    assert merge(NEXT, REMOTE, random.Random(1)) is None  # open + yes/no: no single form
    assert merge(RISING, THANKS, random.Random(1)) is None  # needs its "?" to be a question


def test_augment_is_deterministic_and_adds_spoken_copies_and_run_ons() -> None:
    examples = load_examples(train_semantic.batch_files()[0])
    extra = augment(examples)
    assert extra == augment(examples)
    assert len(examples) < len(extra) <= len(examples) * 1.25 + 1
    assert [e.moves for e in extra[: len(examples)]] == [e.moves for e in examples]
    run_ons = extra[len(examples) :]
    assert run_ons and all(e.text for e in run_ons)


def test_training_files_carry_their_variants(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        '{"text": "What are the next steps?", "moves": ["question", "ask_for_job"], '
        '"question_form": "open"}\n{"text": "Thanks a lot.", "moves": ["thanks"]}\n',
        "utf-8",
    )
    plain = train_semantic.file_examples(path, augmented=False)
    assert len(plain) == 2
    assert len(train_semantic.file_examples(path, augmented=True)) >= 4
