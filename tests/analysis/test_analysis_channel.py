"""Real-channel variants: Whisper's transcripts of voiced batch sentences, with the source's
labels, kept unless garbled."""

from __future__ import annotations

import json
from pathlib import Path

from voicecoach.analysis.channel import (
    CHANNEL_FILE,
    channel_variants,
    kept,
    word_error_rate,
)
from voicecoach.analysis.train_semantic import batch_files


def test_word_error_rate_ignores_case_and_punctuation() -> None:
    assert (
        word_error_rate(
            "Is there anything that worries you?", "is there anything that worries you."
        )
        == 0
    )
    assert word_error_rate("Thank you.", "And you.") == 0.5
    assert word_error_rate("a b c d", "a c d e") == 0.5  # one deletion, one insertion
    assert word_error_rate("", "anything") == 1.0


def test_a_split_or_unpunctuated_question_is_kept_a_garbled_one_is_not() -> None:
    source = "Is there anything in my experience that is not enough for you?"
    assert kept(source, "Is there anything in my experience. That is not enough for you.")
    assert kept(source, "is there anything in my experience that is not enough for you")
    assert not kept(source, source)  # adds nothing
    assert not kept(source, "")
    assert not kept("Thank you.", "And you.")  # the move's own words are gone
    assert not kept("Did I flub anything?", "The knife lumb in a thin.")


def test_variants_take_the_source_labels_by_line(tmp_path: Path) -> None:
    batch = tmp_path / "plain.jsonl"
    rows = [
        {
            "text": "Any red flags with me?",
            "moves": ["question", "concerns"],
            "question_form": "yes_no",
        },
        {"text": "Thanks for your time today.", "moves": ["thanks"]},
    ]
    batch.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", "utf-8")
    said = tmp_path / "channel.jsonl"
    lines = [
        {"source": "plain:1", "voice": "kal", "text": "Any red flags with me."},
        {"source": "plain:2", "voice": "rp", "text": "Banks for your dime."},
        {"source": "other:1", "voice": "rp", "text": "Any red flags with me"},
    ]
    said.write_text("\n".join(json.dumps(r) for r in lines) + "\n", "utf-8")
    (variant,) = channel_variants(batch, said)
    assert variant.text == "Any red flags with me."  # asked: still a question without "?"
    assert variant.moves == {"question", "concerns"} and variant.question_form == "yes_no"


def test_the_committed_transcripts_cover_every_batch_sentence() -> None:
    sources = {json.loads(line)["source"] for line in CHANNEL_FILE.read_text("utf-8").splitlines()}
    for path in batch_files():
        count = sum(1 for line in path.read_text("utf-8").splitlines() if line.strip())
        assert {f"{path.stem}:{n}" for n in range(1, count + 1)} <= sources, path.stem
