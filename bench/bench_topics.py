"""Measure the question-topic classifier on labelled questions (not a test).

Precision over the questions that got a topic, recall over those that have one, for the
rules alone and with the MiniLM centroid fallback. ``dev`` was used to write the rules and
fit the centroids; ``set-c`` was written by the prototype's author knowing the rules;
``heldout`` was written after both were frozen and never tuned on; ``set-d`` (stop 48, 54
questions on the bank's topics and 33 on none: platform moves, new offices, expansion,
tools) was labelled before any run and chose the centroids' margin. ``--bars`` adds, per
set, the wrong topics and right answers at other bars of similarity and margin::

    .venv/bin/python bench/bench_topics.py [--bars] [-v]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voicecoach.analysis.topics import classify  # noqa: E402
from voicecoach.analysis.train_topics import load_labelled  # noqa: E402

SETS = ("dev", "set-c", "heldout", "set-d")
BARS = ((0.45, 0.10), (0.45, 0.12), (0.45, 0.14), (0.50, 0.10), (0.55, 0.10), (0.60, 0.05))


def score(gold: list[str | None], guess: list[str | None]) -> str:
    given = [(g, p) for g, p in zip(gold, guess, strict=True) if p is not None]
    right = sum(1 for g, p in given if g == p)
    known = sum(1 for g in gold if g is not None)
    kept = sum(1 for g, p in zip(gold, guess, strict=True) if g is None and p is None)
    precision = right / len(given) if given else 1.0
    return (
        f"{right}/{len(given)} = {precision:.2f} | {right}/{known} = {right / known:.2f} "
        f"| {len(given) - right} | {kept}/{len(gold) - known}"
    )


def main() -> int:
    from voicecoach.analysis import semantic
    from voicecoach.analysis.topic_vectors import classify_hybrid, shipped_centroids

    model = semantic.get_model()
    print("| set | classifier | precision | recall | wrong | unknowns kept unknown |")
    print("|---|---|---|---|---|---|")
    timings = []
    for name in SETS:
        rows = load_labelled(ROOT / "tests" / "data" / "topics" / f"{name}.jsonl")
        texts, gold = [t for t, _ in rows], [g for _, g in rows]
        rules = [classify(t).topic for t in texts]
        vectors = model.encode(texts)
        start = time.perf_counter()
        centroids = shipped_centroids()
        hybrid = [classify_hybrid(t, v, centroids) for t, v in zip(texts, vectors, strict=True)]
        timings.append((time.perf_counter() - start) / len(texts))
        print(f"| {name} ({len(rows)}) | rules | {score(gold, rules)} |")
        print(f"| {name} ({len(rows)}) | rules + centroids | {score(gold, hybrid)} |")
        if "-v" in sys.argv:
            for t, g, p in zip(texts, gold, hybrid, strict=True):
                mark = "ok" if p == g else "--" if p is None else "XX"
                print(f"    {mark} {g!s:11} {p!s:11} {t}")
    print(f"\nclassify_hybrid on an embedded question: {max(timings) * 1000:.2f} ms (worst set)")
    if "--bars" in sys.argv:
        bars(model)
    reaction_times()
    return 0


def bars(model: object) -> None:
    """Wrong topics and right answers per set at other bars (similarity, margin) of the
    centroid fallback, with and without the unknown centroid."""
    from unittest import mock

    from voicecoach.analysis import topic_vectors as tv

    full = tv.shipped_centroids()
    keep = [i for i, t in enumerate(full.topics) if t != tv.UNKNOWN]
    variants = {
        "topics only": tv.Centroids(tuple(full.topics[i] for i in keep), full.vectors[keep]),
        "with unknown": full,
    }
    print("\n| set | centroids | cosine | margin | wrong topics | right | unknowns kept |")
    print("|---|---|---|---|---|---|---|")
    for name in SETS:
        rows = load_labelled(ROOT / "tests" / "data" / "topics" / f"{name}.jsonl")
        texts, gold = [t for t, _ in rows], [g for _, g in rows]
        vectors = model.encode(texts)  # type: ignore[attr-defined]
        known = sum(g is not None for g in gold)
        for label, centroids in variants.items():
            for sim, margin in BARS:
                with mock.patch.multiple(tv, MIN_SIMILARITY=sim, MIN_MARGIN=margin):
                    guess = [
                        tv.classify_hybrid(t, v, centroids)
                        for t, v in zip(texts, vectors, strict=True)
                    ]
                pairs = list(zip(gold, guess, strict=True))
                wrong = sum(p is not None and p != g for g, p in pairs)
                right = sum(p is not None and p == g for g, p in pairs)
                kept = sum(g is None and p is None for g, p in pairs)
                print(
                    f"| {name} | {label} | {sim:.2f} | {margin:.2f} | {wrong} | {right}/{known} "
                    f"| {kept}/{len(gold) - known} |"
                )


def reaction_times() -> None:
    """The reaction choice after each answer of the sample closes (their typed scripts,
    analysed as a rehearsal does, so the sentences are embedded already)."""
    import statistics

    from voicecoach.analysis.analyzer import analyze_text
    from voicecoach.rehearsal.conversation import Conversation
    from voicecoach.scenario import load_scenario, plan
    from voicecoach.settings import tomllib

    scenario = load_scenario("final-close")
    print("\n| sample | persona | reaction choice ms (median, max) | reasons |")
    print("|---|---|---|---|")
    for name in ("strong", "weak"):
        script = tomllib.loads((ROOT / "samples" / f"{name}.toml").read_text(encoding="utf-8"))
        answers = [" ".join(t["sentences"]) for t in script["turns"]]
        for persona in ("friendly", "neutral", "tough"):
            talk = Conversation(
                scenario, plan(scenario, None, 1), seed=1, persona=persona, may_insert=False
            )
            turn = talk.first()
            reasons = []
            for text in answers:
                nxt = talk.next(turn, analyze_text(text, expects=turn.expects))
                if nxt is None:
                    break
                reasons.append(",".join(nxt.reasons))
                turn = nxt
            ms = [t * 1000 for t in talk.choice_s]
            print(
                f"| {name} | {persona} | {statistics.median(ms):.2f}, {max(ms):.2f} "
                f"| {' / '.join(reasons)} |"
            )


if __name__ == "__main__":
    raise SystemExit(main())
