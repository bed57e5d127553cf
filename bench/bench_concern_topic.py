"""Measure the concern check's topic verdict: three rules side by side (not a test).

- "bar": the answer's cosine with the doubt >= 0.25 (before stop 27);
- "rank": a lower bar (0.15), and at most 4 of 36 rivals (other typical doubts, answers
  to none) may match the answer better (stops 27-32);
- "now": :func:`voicecoach.analysis.concern.contrastive_topic` (stop 33): the doubt also
  as the claim that answers it, bar 0.20, at most 8 rivals better, and no rival doubt or
  no-doubt answer better by more than its margin.

Below the table: the rule now's "addressed" precision and recall, and how many answers it
judged an admission of the gap alone (:func:`voicecoach.analysis.concern.only_concedes`,
stop 43), with how many of those the labels call addressed (each one is a good answer
denied its credit).

By default the four sets of tests/data/concerns/ are scored: answers.jsonl,
answers_b.jsonl and heldout.jsonl (the rule was chosen on these three) and heldout_b.jsonl
(written blind, scored once to decide); see tests/data/concerns/README.md. Works on any
JSON-lines file of ``{"concern", "answer", "topic", "addressed"}`` rows::

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

OLD_TOPIC_SIMILARITY = 0.25  # the fixed bar before the rank rule
RANK_SIMILARITY, RANK_RIVALS = 0.15, 4  # the rank rule of stops 27-32


def rank_rule(core: str, answer: list, model: object) -> bool:
    """Stops 27-32's topic rule: the doubt (or its rewordings in the bank) reaches 0.15 and
    at most 4 rivals match the answer better."""
    import numpy as np

    from voicecoach.analysis import concern as c

    doubt = model.encode([c._ROLE_NAME.sub(r"this \\1", core)])  # type: ignore[attr-defined]
    bank = model.encode(c.OTHER_DOUBTS)  # type: ignore[attr-defined]
    same = bank @ doubt[0] >= c.SAME_DOUBT
    ours = np.vstack([doubt, bank[same]])
    targets = np.vstack([ours, bank[~same], model.encode(c.NO_DOUBT)])  # type: ignore[attr-defined]
    cosines = c.answer_similarities(targets, answer, model)  # type: ignore[arg-type]
    raised, rivals = float(cosines[: len(ours)].max()), cosines[len(ours) :]
    return raised >= RANK_SIMILARITY and int((rivals > raised).sum()) <= RANK_RIVALS


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
            ROOT / "tests/data/concerns/heldout_b.jsonl",
        ],
    )
    args = parser.parse_args()
    for path in args.set:
        measure(path)
    return 0


def measure(path: Path) -> None:
    from voicecoach.analysis import semantic
    from voicecoach.analysis.check_back import check_backs
    from voicecoach.analysis.concern import answer_similarities, concern_core, judge_concern
    from voicecoach.analysis.moves import label_texts
    from voicecoach.analysis.openers import only_opens
    from voicecoach.analysis.results import Sentence
    from voicecoach.analysis.sentences import split_tokens, tokens_from_text

    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    model = semantic.get_model()
    gold_topic = [bool(r["topic"]) for r in rows]
    gold_addressed = [bool(r["addressed"]) for r in rows]
    topic: dict[str, list[bool]] = {"bar": [], "rank": [], "now": []}
    addressed: dict[str, list[bool]] = {"bar": [], "rank": [], "now": []}
    now_s = 0.0
    conceded: list[bool] = []  # judged an admission of the gap alone (concern.only_concedes)
    for r in rows:
        spans = split_tokens(tokens_from_text(r["answer"]))
        labels, _ = label_texts([s.text for s in spans], semantic_mode=True)
        answer = [
            Sentence(i, s.text, None, None, lab.moves, unclear=lab.unclear)
            for i, (s, lab) in enumerate(zip(spans, labels, strict=True))
        ]
        core = concern_core(r["concern"])
        t0 = time.perf_counter()
        facts = judge_concern(r["concern"], answer, model)
        now_s += time.perf_counter() - t0
        conceded.append(getattr(facts, "conceded", False))  # (older code: no such field)
        # the earlier rules, on the same sentences (check-backs and openers left out)
        backs = check_backs([s.text for s in answer])
        about = [s for s, b in zip(answer, backs, strict=True) if not b and not only_opens(s.text)]
        doubt = model.encode([core])
        cosine = float(answer_similarities(doubt, about, model)[0]) if about else 0.0
        bar = bool(about) and cosine >= OLD_TOPIC_SIMILARITY
        rank = bool(about) and rank_rule(core, about, model)
        for name, on in (("bar", bar), ("rank", rank), ("now", facts.topic)):
            topic[name].append(on)
            addressed[name].append(on and facts.evidence and facts.positive and not facts.unclear)

    print(f"{path.name} ({len(rows)} answers, {sum(gold_topic)} on topic)")
    print(f"{'rule':5} {'topic P':>8} {'topic R':>8} {'topic F1':>9} {'addressed acc':>14}")
    for name in topic:
        p, rc, f = score(topic[name], gold_topic)
        pairs = zip(addressed[name], gold_addressed, strict=True)
        acc = sum(a == g for a, g in pairs) / len(rows)
        print(f"{name:5} {p:8.3f} {rc:8.3f} {f:9.3f} {acc:14.3f}")
    p, rc, f = score(addressed["now"], gold_addressed)
    print(f"now: addressed P {p:.3f} R {rc:.3f} F1 {f:.3f}")
    flagged = [g for c, g in zip(conceded, gold_addressed, strict=True) if c]
    print(
        f"now: {len(flagged)} answer{'' if len(flagged) == 1 else 's'} judged an admission alone, "
        f"{sum(flagged)} of them addressed in the labels"
    )
    print(f"judge_concern (now): {1000 * now_s / len(rows):.2f} ms per answer")


if __name__ == "__main__":
    raise SystemExit(main())
