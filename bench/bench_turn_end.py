"""End of turn on a set of answers with thinking pauses (not a test).

Each answer file is streamed in real time, 0.1 s blocks, through the live path: the voice
detector and endpointer (the last-resort silence), the chunked transcriber, and the turn
judge (rehearsal/turn_end.py). The set is a folder with ``manifest.jsonl`` lines of
``file, text, last_word_end_s, pauses: [{at_s, dur_s, mid_sentence}]`` (made by the
end-of-turn set script beside the model benchmark; every pause is followed by more speech).
The model table (WER, speed, memory, tiny.en against base) comes from the model benchmark
that made the set; this one adds how each model ends turns.

A turn's ``expects`` are the moves its whole answer makes (the analyzer's rules on the
text), as if the prompt had asked for them. Measured per answer: ended early (during a
pause, cutting the rest off), or the gap from the last word to the turn's feedback being
ready (decision + last decode + analysis); the next prompt starts one TTS render and the
player's start-up later (bench_rehearsal.py measures those through the sound card).

    .venv/bin/python bench/bench_turn_end.py SET [--stride 3] [--limit N] [--models tiny.en,base]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

BLOCK_S = 0.1  # the recorder's block
TARGET_GAP_S = 1.0  # issue 10: next line within 1 s of a complete answer (median)


def expects_of(text: str) -> tuple[str, ...]:
    from voicecoach.analysis.analyzer import analyze_text
    from voicecoach.analysis.common import CHECK_FOR_EXPECT

    analysis = analyze_text(text, semantic=False)
    return tuple(
        e
        for e, key in CHECK_FOR_EXPECT.items()
        if e != "concern_answer" and (c := analysis.check(key)) is not None and c.status == "done"
    )


def stream(path: Path, expects: tuple[str, ...], transcriber: object) -> dict[str, float | str]:
    """Play one answer in real time until the answer is judged over."""
    import numpy as np

    from voicecoach.analysis.analyzer import analyze
    from voicecoach.audio.endpoint import Endpointer, level_of
    from voicecoach.audio.files import load_audio
    from voicecoach.audio.vad import StreamingVad
    from voicecoach.rehearsal.turn_end import TurnEndJudge
    from voicecoach.settings import SAMPLE_RATE_HZ, Thresholds
    from voicecoach.speech.chunked import ChunkedTranscriber

    thresholds = Thresholds()
    audio = load_audio(path)
    block = int(BLOCK_S * SAMPLE_RATE_HZ)
    chunker = ChunkedTranscriber(transcriber, thresholds)  # type: ignore[arg-type]
    judge = TurnEndJudge(chunker, expects, thresholds=thresholds)
    endpointer, vad = Endpointer(thresholds), StreamingVad(thresholds)
    reason = "end of file"
    started = time.monotonic()
    for start in range(0, len(audio), block):
        chunk = audio[start : start + block]
        # the microphone delivers this block only once it has been spoken
        time.sleep(max(0.0, started + (start + len(chunk)) / SAMPLE_RATE_HZ - time.monotonic()))
        chunker.on_audio(chunk)
        endpointer.feed(vad.feed(chunk), len(chunk) / SAMPLE_RATE_HZ)
        status = endpointer.status(level_of(chunk))
        chunker.on_status(status)
        if judge.over(status):
            reason = "finished"
            break
        if endpointer.reason is not None:
            reason = endpointer.reason
            break
    ended_s = endpointer.elapsed_s
    transcript, regions = chunker.finish()
    analyze(transcript, speech_regions=regions, expects=expects, thresholds=thresholds)
    ready_s = time.monotonic() - started
    del np
    return {"ended_s": ended_s, "ready_s": ready_s, "reason": reason, "text": transcript.text}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", type=Path, help="folder with manifest.jsonl and the answers")
    parser.add_argument("--limit", type=int, default=0, help="first N answers only")
    parser.add_argument(
        "--stride", type=int, default=1, help="every Nth answer (3: one voice each)"
    )
    parser.add_argument(
        "--models", default="tiny.en,base", help="comma-separated; one table row each"
    )
    parser.add_argument("--json", type=Path, help="also write the per-answer rows here")
    args = parser.parse_args()

    rows = [json.loads(line) for line in (args.set / "manifest.jsonl").read_text().splitlines()]
    rows = rows[:: args.stride]
    rows = rows[: args.limit] if args.limit else rows
    results = {model: run_set(args.set, rows, model) for model in args.models.split(",")}
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str))
    report(results)
    return 0


def run_set(folder: Path, rows: list[dict], model: str) -> list[dict]:
    import numpy as np

    from voicecoach.speech.factory import load_transcriber

    transcriber = load_transcriber(model=model)
    transcriber.transcribe(np.zeros(8000, np.float32))  # warm, as the rehearsal does
    results = []
    for row in rows:
        base = folder.parent if row["file"].startswith("turns/") else folder
        expects = expects_of(row["text"])
        got = stream(base / row["file"], expects, transcriber)
        last = row["last_word_end_s"]
        cut_at = next((p for p in row["pauses"] if p["at_s"] <= float(got["ended_s"]) < last), None)
        results.append({**row, **got, "text_said": row["text"], "expects": expects, "cut": cut_at})
        mark = f"CUT at pause {cut_at['at_s']}" if cut_at else f"gap {got['ready_s'] - last:.2f}"
        mark += f" (ended {got['ended_s']:.2f} s, last word {last} s): {got['text']}"
        print(f"{model} {row['file']}: {got['reason']}, {mark}", file=sys.stderr, flush=True)
    return results


def report(by_model: dict[str, list[dict]]) -> None:
    first = next(iter(by_model.values()))
    pauses = [p for r in first for p in r["pauses"]]
    mid = [p for p in pauses if p["mid_sentence"]]
    print(
        f"\nEnd of turn, {len(first)} answers with {len(pauses)} thinking pauses "
        f"({len(mid)} mid-sentence, {min(p['dur_s'] for p in pauses):.1f}-"
        f"{max(p['dur_s'] for p in pauses):.1f} s), faster-whisper, {os.cpu_count()} cores "
        f"(load average now {os.getloadavg()[0]:.1f})\n"
    )
    print(
        "| model | cut early (mid-sentence, between sentences) | ended by meaning / "
        "last-resort silence | gap last word -> feedback ready, median / p95 | target "
        "| invented thanks |"
    )
    print("|---|---|---|---|---|---|")
    for model, results in by_model.items():
        print(row(model, results))


def row(model: str, results: list[dict]) -> str:
    cut = [r for r in results if r["cut"]]
    mid_cut = [r for r in cut if r["cut"]["mid_sentence"]]
    whole = [r for r in results if not r["cut"]]
    gaps = sorted(float(r["ready_s"]) - r["last_word_end_s"] for r in whole)
    p95 = gaps[min(len(gaps) - 1, round(0.95 * (len(gaps) - 1)))] if gaps else float("nan")
    by_reason = {k: sum(r["reason"] == k for r in whole) for k in ("finished", "silence")}
    invented = sum(
        "thank" in str(r["text"]).lower() and "thank" not in r["text_said"].lower() for r in results
    )
    return (
        f"| {model} | {len(cut)} of {len(results)} ({len(mid_cut)}, {len(cut) - len(mid_cut)}) "
        f"| {by_reason['finished']} / {by_reason['silence']} "
        f"| {statistics.median(gaps) if gaps else float('nan'):.2f} / {p95:.2f} s "
        f"| median <= {TARGET_GAP_S} s | {invented} |"
    )


if __name__ == "__main__":
    raise SystemExit(main())
