"""Benchmark the analyzer: 10,000 words without the semantic model, what the model costs,
and what measuring the voice (pitch track, loudness, uptalk and monotone) costs per minute
of audio, on the sample closings; then a pace check: per-turn and whole-close rates on
steady speech must agree.

    .venv/bin/python bench/bench_analyzer.py [--semantic]

Prints tables; not a test (timings depend on the machine and its load).
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

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
SAMPLES = Path(__file__).resolve().parent.parent / "samples"
# issue 13: the voice must not hold up the verdict after an answer (feedback within ~1 s)
VOICE_TARGET_CPU_S_PER_MIN = 1.0


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
        model = semantic.get_model()

        def fresh() -> None:
            model.clear_cache()  # a new answer: nothing embedded yet
            analyze(short, semantic=True)

        best, med = best_of(fresh, runs=5)
        rows.append(("  the same, nothing cached (a new answer)", best, med))
    voice_rows, cpu_per_min = voice_cost()
    rows.extend(voice_rows)
    print(f"{'case':<58} {'best s':>8} {'median s':>9}")
    for name, b, m in rows:
        print(f"{name:<58} {b:>8.3f} {m:>9.3f}")
    verdict = "OK" if rows[1][1] < TARGET_S else "TOO SLOW"
    print(f"\n10,000 words, no model: {rows[1][1]:.3f} s (target < {TARGET_S} s): {verdict}")
    verdict = "OK" if cpu_per_min < VOICE_TARGET_CPU_S_PER_MIN else "TOO SLOW"
    print(
        f"voice (pitch + loudness + judging): {cpu_per_min:.2f} CPU s per minute of audio "
        f"(target < {VOICE_TARGET_CPU_S_PER_MIN} s): {verdict}"
    )
    for wpm in (150.0, 200.0):  # inside the band, then over it
        pace_table(wpm)


def voice_cost(runs: int = 3) -> tuple[list[tuple[str, float, float]], float]:
    """Rows for the voice: per minute of audio (CPU and wall), and per 30 s answer."""
    from voicecoach.analysis import measure_voice
    from voicecoach.analysis.prosody import monotone, uptalk
    from voicecoach.audio.files import load_audio
    from voicecoach.audio.vad import speech_regions

    audio = [load_audio(p) for p in sorted(SAMPLES.glob("*-closing.flac"))]
    regions = [speech_regions(x) for x in audio]
    total_min = sum(len(x) for x in audio) / 16000 / 60

    def measure_all() -> None:
        for x, r in zip(audio, regions, strict=True):
            v = measure_voice(x, 16000, r)
            monotone(v.track)
            for start in range(0, int(len(x) / 16000) - 3, 3):  # a statement every 3 s
                uptalk(v.track, float(start), start + 3.0)

    measure_voice(audio[0][:16000], 16000)  # the import and first call, paid once
    cpu, wall = [], []
    for _ in range(runs):
        c, w = time.process_time(), time.perf_counter()
        measure_all()
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    answer = audio[0][: 30 * 16000]
    spoken = speech_regions(answer)  # the rehearsal has them already
    best, med = best_of(lambda: measure_voice(answer, 16000, spoken), runs=5)
    label = f"voice, per minute of audio ({total_min * 60:.0f} s of samples)"
    return [
        (f"{label}: CPU s", min(cpu) / total_min, statistics.median(cpu) / total_min),
        (f"{label}: wall s", min(wall) / total_min, statistics.median(wall) / total_min),
        ("voice, one 30 s answer: wall s", best, med),
    ], min(cpu) / total_min


if __name__ == "__main__":
    main()
