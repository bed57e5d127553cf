"""Measure the concern check's topic verdict, old rule against new (not a test).

The old rule: the answer's cosine with the doubt >= 0.25. The new one
(:func:`voicecoach.analysis.concern.contrastive_topic`): a lower bar (0.15), and at most
4 of 36 rivals (other typical doubts, answers to none) may match the answer better. By
default the three sets of tests/data/concerns/ are scored: answers.jsonl (the rule was
chosen on it), answers_b.jsonl (a second tuning set, stop 33) and heldout.jsonl (written
blind, never tuned on); see tests/data/concerns/README.md. Works on any JSON-lines file of
``{"concern", "answer", "topic", "addressed"}`` rows::

    .venv/bin/python bench/bench_concern_topic.py [--set PATH ...]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OLD_TOPIC_SIMILARITY = 0.25  # the fixed bar before contrastive_topic


def score(predicted: list[bool], gold: list[bool]) -> tuple[float, float, float]:
    tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
    precision = tp / max(1, sum(predicted))
    recall = tp / max(1, sum(gold))
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    return precision, recall, f1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--set",
        type=Path,
        nargs="+",
        default=[
            ROOT / "tests/data/concerns/answers.jsonl",
            ROOT / "tests/data/concerns/answers_b.jsonl",
            ROOT / "tests/data/concerns/heldout.jsonl",
        ],
    )
    args = parser.parse_args()
    for path in args.set:
        measure(path)
    return 0


def measure(path: Path) -> None:

    from voicecoach.analysis import semantic
    from voicecoach.analysis.concern import answer_similarities, concern_core, judge_concern
    from voicecoach.analysis.moves import label_texts
    from voicecoach.analysis.results import Sentence
    from voicecoach.analysis.sentences import split_tokens, tokens_from_text

    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    model = semantic.get_model()
    gold_topic = [bool(r["topic"]) for r in rows]
    gold_addressed = [bool(r["addressed"]) for r in rows]
    old_topic, old_addressed, new_topic, new_addressed = [], [], [], []
    old_s = new_s = 0.0
    for r in rows:
        spans = split_tokens(tokens_from_text(r["answer"]))
        labels, _ = label_texts([s.text for s in spans], semantic_mode=True)
        answer = [
            Sentence(i, s.text, None, None, lab.moves, unclear=lab.unclear)
            for i, (s, lab) in enumerate(zip(spans, labels, strict=True))
        ]
        t0 = time.perf_counter()
        doubt = model.encode([concern_core(r["concern"])])
        old = float(answer_similarities(doubt, answer, model)[0]) >= OLD_TOPIC_SIMILARITY
        t1 = time.perf_counter()
        facts = judge_concern(r["concern"], answer, model)  # the answer is encoded by now
        t2 = time.perf_counter()
        old_s, new_s = old_s + t1 - t0, new_s + t2 - t1
        old_topic.append(old)
        old_addressed.append(old and facts.evidence and facts.positive)
        new_topic.append(facts.topic)
        new_addressed.append(facts.addressed)

    print(f"{path} ({len(rows)} answers, {sum(gold_topic)} on topic)")
    print(f"{'rule':5} {'topic P':>8} {'topic R':>8} {'topic F1':>9} {'addressed acc':>14}")
    for name, topic, addressed in (
        ("old", old_topic, old_addressed),
        ("new", new_topic, new_addressed),
    ):
        p, r, f = score(topic, gold_topic)
        acc = sum(a == g for a, g in zip(addressed, gold_addressed, strict=True)) / len(rows)
        print(f"{name:5} {p:8.3f} {r:8.3f} {f:9.3f} {acc:14.3f}")
    print(
        f"per answer: old topic {1000 * old_s / len(rows):.2f} ms (encodes the answer), "
        f"judge_concern after it {1000 * new_s / len(rows):.2f} ms"
    )


if __name__ == "__main__":
    raise SystemExit(main())
