"""The labeller against the labelled sets: F1 >= 0.90 per move and question form."""

from __future__ import annotations

from pathlib import Path

import pytest

from voicecoach.analysis.evaluate import FORMS, evaluate_sentences, run_evaluation
from voicecoach.analysis.moves import label_texts
from voicecoach.analysis.results import MOVES
from voicecoach.errors import ConfigError

DATA = Path(__file__).parent.parent / "data"
MOVES_SET = DATA / "moves" / "sentences.jsonl"
OWN_SET = DATA / "analyzer-dev.jsonl"
TARGET_F1 = 0.90


def _rules(texts):  # type: ignore[no-untyped-def]
    labels, _ = label_texts(texts, semantic_mode=False)
    return [(lab.moves, lab.question_form) for lab in labels]


@pytest.mark.parametrize("path", [MOVES_SET, OWN_SET], ids=["moves-set", "analyzer-dev"])
def test_f1_per_move_and_form_meets_the_target(path: Path) -> None:
    report = evaluate_sentences(path, _rules)
    assert report.count >= 200
    low = {s.label: round(s.f1, 3) for s in report.scores if s.f1 < TARGET_F1}
    assert not low, f"F1 below {TARGET_F1}: {low}"
    assert [s.label for s in report.scores] == [*MOVES, *FORMS]


# Rules alone on all 134 closings (the 100 written with the register batches are harder
# than the first 34): 0.89 measured; the sentence model lifts it (see the README).
RULES_CLOSING_ACCURACY = 0.87


def test_closing_level_checks() -> None:
    result = run_evaluation(MOVES_SET, semantic=False)
    assert result.closings is not None and result.closings.checks >= 130 * 7
    assert result.closings.accuracy >= RULES_CLOSING_ACCURACY, result.closings.misses
    assert result.closings.unclear == 0  # rules never say "unclear"
    assert result.mode == "rules"  # its speed is bench_analyzer's, not a test's


def test_bad_sets_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no labelled sentence set"):
        run_evaluation(tmp_path / "none.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Hi", "moves": ["greeting"]}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="line 1 has unknown move"):
        run_evaluation(bad)
    bad.write_text("not json\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="line 1 is not a labelled sentence"):
        run_evaluation(bad)
    bad.write_text('{"text": "Hi?", "moves": ["question"], "question_form": "openish"}\n')
    with pytest.raises(ConfigError, match="line 1 has question_form 'openish'"):
        run_evaluation(bad)
    bad.write_text("\n\n", encoding="utf-8")  # nothing to measure: not a perfect 1.000
    with pytest.raises(ConfigError, match="no labelled sentences"):
        run_evaluation(bad)


def test_each_sentence_is_read_as_its_own_text(tmp_path: Path) -> None:
    """A set mixes typed sentences with transcript-style ones: an unpunctuated question
    among punctuated statements is scored as `analyze` reads it alone, where a missing
    "?" is no evidence (read with the set around it, the model's question was dropped)."""
    import json

    rows = [
        {"text": f"The {x} bus was late again this morning.", "moves": []}
        for x in ("night", "weekend", "front", "parts", "returns", "help")
    ]
    spoken = "and the uniform do you provide that or do i buy my own"
    rows.append({"text": spoken, "moves": ["question"], "question_form": "yes_no"})
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    ((alone,), _) = label_texts([spoken])
    assert "question" in alone.moves
    report = run_evaluation(path).sentences[0]
    assert report.errors == ()
