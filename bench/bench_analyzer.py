"""Benchmark the analyzer: 10,000 words without the semantic model, and what the model costs.

    .venv/bin/python bench/bench_analyzer.py [--semantic]

Prints a table; not a test (timings depend on the machine and its load).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from voicecoach.analysis import analyze, analyze_text
from voicecoach.transcript import Segment, Transcript, Word

CLOSING = (
    "Yes, thank you, um, I have two. How is the analytics team responding to the same-day "
    "delivery push your competitor announced in March? And what would success look like in "
    "the first six months? Just to pull it together, I have spent five years building demand "
    "forecasts in SQL, and I kind of run the weekly dashboards too. Is there anything about my "
    "background that gives you pause? I'm very interested in this position. What are the next "
    "steps, and when do you expect to decide? Thank you so much for your time today."
)
TARGET_WORDS = 10_000
TARGET_S = 1.0  # issue 3: 10,000 words in under a second without the semantic model


def timed_transcript(words: list[str], wpm: float = 150.0) -> Transcript:
    step = 60.0 / wpm
    ws = tuple(Word(w, i * step, i * step + step * 0.9, 0.9) for i, w in enumerate(words))
    # Whisper makes segments of ~30 s; keep that shape.
    per = int(30 / step)
    segments = tuple(
        Segment(
            " ".join(w.text for w in ws[i : i + per]),
            ws[i].start_s,
            ws[min(i + per, len(ws)) - 1].end_s,
            ws[i : i + per],
        )
        for i in range(0, len(ws), per)
    )
    return Transcript(" ".join(words), segments, len(words) * step)


def best_of(fn: Callable[[], object], runs: int = 5) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--semantic", action="store_true", help="also time the sentence model")
    args = parser.parse_args()
    words = (CLOSING.split() * (TARGET_WORDS // len(CLOSING.split()) + 1))[:TARGET_WORDS]
    text = " ".join(words)
    transcript = timed_transcript(words)
    rows = []
    best, med = best_of(lambda: analyze_text(text, semantic=False))
    rows.append(("analyze_text, 10,000 words, rules", best, med))
    best, med = best_of(lambda: analyze(transcript, semantic=False))
    rows.append(("analyze (timed), 10,000 words, rules", best, med))
    short = timed_transcript(CLOSING.split())
    best, med = best_of(lambda: analyze(short, semantic=False), runs=20)
    rows.append((f"analyze (timed), one closing ({len(CLOSING.split())} words)", best, med))
    if args.semantic:
        from voicecoach.analysis import semantic

        start = time.perf_counter()
        semantic.preload()
        rows.append(
            ("semantic model: import + load (once per process)", time.perf_counter() - start, 0.0)
        )
        best, med = best_of(lambda: analyze(short, semantic=True), runs=5)
        rows.append(("analyze (timed), one closing, rules + semantic", best, med))
        model = semantic.get_model()

        def fresh() -> None:
            model.clear_cache()  # a new answer: nothing embedded yet
            analyze(short, semantic=True)

        best, med = best_of(fresh, runs=5)
        rows.append(("  the same, nothing cached (a new answer)", best, med))
    print(f"{'case':<58} {'best s':>8} {'median s':>9}")
    for name, b, m in rows:
        print(f"{name:<58} {b:>8.3f} {m:>9.3f}")
    verdict = "OK" if rows[1][1] < TARGET_S else "TOO SLOW"
    print(f"\n10,000 words, no model: {rows[1][1]:.3f} s (target < {TARGET_S} s): {verdict}")


if __name__ == "__main__":
    main()
