"""Peak memory of `voicecoach analyze` on a long recording (issue 12, item 9).

    .venv/bin/python bench/bench_long.py --minutes 30 120 [--rate 44100 --channels 2]
        [--pythonpath OTHER_TREE]

Builds each file from the real speech in tests/data/speech (every clip in turn, 1.5 s of
silence between), written block by block so the generator itself stays small, then runs
`python -m voicecoach analyze FILE --json` in a subprocess that reports its own peak
resident memory (the kernel's ru_maxrss) when it exits. Prints a table, with the MB per
added minute between the shortest and the longest file. Target: a 2-hour file under 1.5 GB
(the whole file at once took 6.7 GB). Not a test: timings depend on the machine's load.

Measured 2026-12-02 (2 shared cores, faster-whisper tiny.en, 16 kHz mono FLAC), peak RSS:
12 min 694 MB, 30 min 848 MB, 60 min at most 848 MB, 120 min 850 MB (663 s wall): flat
after the first windows, where one window's Whisper features dominate; a 30-min 44.1 kHz
stereo FLAC (decoded 30 s at a time, resampled as a stream) 878 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile as sf

ROOT = Path(__file__).resolve().parent.parent
SPEECH = ROOT / "tests" / "data" / "speech"
GAP_S = 1.5  # silence between clips: the pauses a long recording has
TARGET_MB = 1500.0


def clips(rate: int) -> list[np.ndarray]:
    from voicecoach.audio.files import load_audio, resample

    out = []
    for path in sorted(SPEECH.glob("*.wav")):
        out.append(resample(load_audio(path), 16_000, rate))
    return out


def make_file(path: Path, minutes: float, rate: int, channels: int) -> float:
    """Write ``minutes`` of speech to ``path`` (FLAC); return its length in seconds."""
    pieces = clips(rate)
    gap = np.zeros(int(GAP_S * rate), np.float32)
    total = int(minutes * 60 * rate)
    written = 0
    with sf.SoundFile(path, "w", samplerate=rate, channels=channels, format="FLAC") as f:
        while written < total:
            for clip in pieces:
                block = np.concatenate([clip, gap])[: total - written]
                f.write(np.repeat(block[:, None], channels, axis=1) if channels > 1 else block)
                written += len(block)
                if written >= total:
                    break
    return written / rate


# `python -m voicecoach ARGS` that writes its own peak RSS (kB) to $BENCH_RSS on exit
CHILD = """\
import atexit, os, resource, runpy, sys
def report():
    with open(os.environ["BENCH_RSS"], "w") as f:
        f.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
atexit.register(report)
sys.argv = ["voicecoach", *sys.argv[1:]]
runpy.run_module("voicecoach", run_name="__main__", alter_sys=True)
"""


def run(path: Path, pythonpath: str, home: Path) -> tuple[float, float, int, str]:
    """(wall seconds, peak RSS in MB, exit status, last stderr line) of one analyze run."""
    rss_file = home / "rss.txt"
    env = dict(
        os.environ, PYTHONPATH=pythonpath, VOICECOACH_HOME=str(home), BENCH_RSS=str(rss_file)
    )
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, "analyze", str(path), "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.monotonic() - start
    peak_kb = int(rss_file.read_text()) if rss_file.exists() else -1
    words = 0
    if proc.returncode == 0:
        data = json.loads(proc.stdout)
        words = len((data.get("transcript") or {}).get("segments") or [])
    tail = (proc.stderr.strip().splitlines() or [f"{words} segments"])[-1][:60]
    return wall, peak_kb / 1024, proc.returncode, tail


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, nargs="+", default=[30.0, 120.0])
    parser.add_argument("--rate", type=int, default=16_000, help="sample rate of the file")
    parser.add_argument("--channels", type=int, default=1)
    parser.add_argument("--pythonpath", default=str(ROOT), help="the voicecoach tree to run")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        for minutes in sorted(args.minutes):
            path = Path(tmp) / f"long-{minutes:g}min.flac"
            length_s = make_file(path, minutes, args.rate, args.channels)
            wall, peak_mb, status, tail = run(path, args.pythonpath, home)
            path.unlink()
            rows.append((length_s / 60, wall, peak_mb, status, tail))
            print(
                f"{length_s / 60:7.1f} min  {args.rate} Hz x{args.channels}  wall {wall:7.1f} s  "
                f"peak RSS {peak_mb:7.0f} MB  exit {status}  {tail}",
                flush=True,
            )
    if len(rows) >= 2 and rows[0][2] > 0 and rows[-1][2] > 0:
        slope = (rows[-1][2] - rows[0][2]) / (rows[-1][0] - rows[0][0])
        at_2h = rows[-1][2] + slope * (120 - rows[-1][0])
        print(f"slope {slope:.2f} MB per minute of audio; at 2 hours about {at_2h:.0f} MB")
    longest = rows[-1]
    verdict = "under" if 0 < longest[2] < TARGET_MB else "NOT under"
    print(f"longest file ({longest[0]:.0f} min): {verdict} the {TARGET_MB:.0f} MB target")


if __name__ == "__main__":
    main()
