"""Benchmark the analyzer: 10,000 words without the semantic model, and what the model costs;
then a pace check: per-turn and whole-close rates on steady speech must agree.

    .venv/bin/python bench/bench_analyzer.py [--semantic]

Prints tables; not a test (timings depend on the machine and its load).
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Callable

from voicecoach.analysis import TurnInput, analyze, analyze_rehearsal, analyze_text
from voicecoach.analysis.delivery import pace_verdict
from voicecoach.settings import Thresholds
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


def steady_turns(wpm: float, gap_s: float = 0.4) -> list[Transcript]:
    """The closing as four turns voiced at one steady pace, ``gap_s`` between sentences."""
    sentences = re.split(r"(?<=[.?!])\s+", CLOSING)
    groups = [sentences[:3], sentences[3:5], sentences[5:7], sentences[7:]]
    out = []
    for group in groups:
        step, t, words = 60.0 / wpm, 0.0, []
        for sentence in group:
            for w in sentence.split():
                words.append(Word(w, t, t + step * 0.9, 0.9))
                t += step
            t += gap_s
        seg = Segment(" ".join(group), words[0].start_s, words[-1].end_s, tuple(words))
        out.append(Transcript(seg.text, (seg,), t))
    return out


def pace_table(wpm: float) -> None:
    """Speaking rate (pauses included), articulation rate and syllables/s, per turn and whole."""
    turns = steady_turns(wpm)
    print(
        f"\nPace check: the closing as 4 turns at a steady {wpm:.0f} wpm (0.4 s between sentences)"
    )
    head = ("words", "span s", "speak wpm", "artic wpm", "syl/s", "advice")
    print(f"{'':<8} " + " ".join(f"{h:>9}" for h in head))
    rows = [(f"turn {n}", analyze(t, semantic=False).delivery) for n, t in enumerate(turns, 1)]
    whole = analyze_rehearsal([TurnInput(t, ("recap",)) for t in turns], semantic=False)
    rows.append(("whole", whole.delivery))
    for name, d in rows:
        advice = pace_verdict(d, Thresholds()) or "-"
        print(
            f"{name:<8} {d.word_count:>9} {d.answer_span_s or 0:>9.1f} "
            f"{d.speaking_rate_wpm or 0:>9.0f} {d.wpm or 0:>9.0f} "
            f"{d.speaking_rate_sps or 0:>9.2f} {advice:>9}"
        )


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
    print(f"{'case':<58} {'best s':>8} {'median s':>9}")
    for name, b, m in rows:
        print(f"{name:<58} {b:>8.3f} {m:>9.3f}")
    verdict = "OK" if rows[1][1] < TARGET_S else "TOO SLOW"
    print(f"\n10,000 words, no model: {rows[1][1]:.3f} s (target < {TARGET_S} s): {verdict}")
    for wpm in (150.0, 200.0):  # inside the band, then over it
        pace_table(wpm)


if __name__ == "__main__":
    main()
