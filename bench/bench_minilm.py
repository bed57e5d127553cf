"""Benchmark the numpy all-MiniLM-L6-v2 encoder against sentence-transformers (torch).

    .venv/bin/python bench/bench_minilm.py [--runs 3]

Each backend runs in fresh processes (so "cold load" includes importing numpy/torch and
reading the weights, and peak RSS is that backend's alone). Prints a side-by-side table
with ratios; not a test (timings depend on the machine and its load).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SENTENCE_SET = ROOT / "tests" / "data" / "moves" / "sentences.jsonl"
# A 12-sentence closing, as the analyzer would get it after splitting the transcript.
CLOSING = (
    "Yes, thank you, um, I have two questions.",
    "How is the analytics team responding to the same-day delivery push?",
    "And what would success look like in the first six months?",
    "Just to pull it together, I have spent five years building demand forecasts in SQL.",
    "I also run the weekly dashboards for the regional managers.",
    "Last year my model cut stock-outs by a fifth across forty stores.",
    "Is there anything about my background that gives you pause?",
    "I'm very interested in this position and I think I'd fit in well here.",
    "Working with this team is something I would really enjoy.",
    "What are the next steps, and when do you expect to decide?",
    "Is there anything else I can send you to help with the decision?",
    "Thank you so much for your time today.",
)
SINGLE_SENTENCES = 40  # encoded one call each, after a warm-up call


def worker(backend: str) -> dict[str, float]:
    """Runs in a fresh process: load, time the encodes, report peak RSS."""
    import resource

    start = time.perf_counter()
    from voicecoach.analysis import minilm

    encoder = minilm.load() if backend == "numpy" else minilm.ReferenceEncoder()
    load_s = time.perf_counter() - start
    with open(SENTENCE_SET, encoding="utf-8") as f:
        sentences = [json.loads(line)["text"] for line in f if line.strip()]
    encoder.encode(sentences[:2])  # warm-up (first-call allocations, thread pools)
    singles = []
    for text in sentences[:SINGLE_SENTENCES]:
        t = time.perf_counter()
        encoder.encode([text])
        singles.append(time.perf_counter() - t)
    closing = []
    for _ in range(5):
        t = time.perf_counter()
        encoder.encode(CLOSING)
        closing.append(time.perf_counter() - t)
    t = time.perf_counter()
    encoder.encode(sentences)
    bulk_s = time.perf_counter() - t
    return {
        "load_s": load_s,
        "sentence_ms": statistics.median(singles) * 1000,
        "closing_ms": statistics.median(closing) * 1000,
        "bulk_per_s": len(sentences) / bulk_s,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run(backend: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", backend],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


ROWS = (
    ("load_s", "cold load (import + weights), s", "{:.2f}"),
    ("sentence_ms", "one sentence, ms (median)", "{:.1f}"),
    ("closing_ms", "12-sentence closing, ms (median)", "{:.1f}"),
    ("bulk_per_s", "sentences.jsonl, sentences/s", "{:.0f}"),
    ("peak_rss_mb", "peak RSS, MB", "{:.0f}"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=1, help="fresh processes per backend")
    parser.add_argument("--worker", choices=("numpy", "torch"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker)))
        return
    results = {}
    for backend in ("numpy", "torch"):
        runs = [run(backend) for _ in range(args.runs)]
        # best of the runs: the machine's other load only ever makes things slower
        results[backend] = {
            k: (max if k == "bulk_per_s" else min)(r[k] for r in runs) for k in runs[0]
        }
    print(f"all-MiniLM-L6-v2 on this machine, best of {args.runs} fresh process(es) each")
    print(f"{'':36s} {'numpy':>10s} {'torch (s-t)':>12s} {'numpy better by':>16s}")
    for key, label, fmt in ROWS:
        a, b = results["numpy"][key], results["torch"][key]
        gain = a / b if key == "bulk_per_s" else b / a  # > 1: the numpy path wins
        print(f"{label:36s} {fmt.format(a):>10s} {fmt.format(b):>12s} {gain:>15.2f}x")


if __name__ == "__main__":
    main()
