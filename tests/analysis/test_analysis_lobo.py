"""Leave-one-batch-out evaluation: each batch is scored by a model that never saw it."""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from voicecoach.analysis.lobo import LABELS, run_lobo

THANKS = ["thank you so much", "thanks a lot for this", "many thanks for your time"]
OTHER = ["the weather was fine", "my bus was late", "we had lunch at noon"]


def _bag_of_words(texts: Sequence[str]) -> np.ndarray:
    """A stand-in encoder: hashed words, unit length (no model needed)."""
    out = np.zeros((len(texts), 64))
    for i, t in enumerate(texts):
        for w in t.lower().split():
            out[i, zlib.crc32(w.encode()) % 64] = 1.0
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def _batch(path: Path, n: int) -> Path:
    rows = [
        {"text": f"{t} {k}", "moves": ["thanks"], "question_form": None}
        for t in THANKS
        for k in range(n)
    ]
    rows += [
        {"text": f"{t} {k}", "moves": [], "question_form": None} for t in OTHER for k in range(n)
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), "utf-8")
    return path


def test_each_batch_is_scored_by_a_model_trained_without_it(tmp_path: Path) -> None:
    batches = [_batch(tmp_path / "a.jsonl", 6), _batch(tmp_path / "b.jsonl", 5)]
    seen: list[str] = []
    report = run_lobo(batches, encode=_bag_of_words, dev_sets=(), progress=seen.append)
    assert seen == ["a", "b"] and len(report.batches) == 2
    assert [Path(b.path).name for b in report.batches] == ["a.jsonl", "b.jsonl"]
    mean, low = report.f1("thanks")
    assert low > 0.9 and mean >= low
    assert set(LABELS) == {s.label for s in report.batches[0].scores}
    assert 0.0 <= report.unclear_rate() <= 1.0
