"""Spoken evaluation: voice labelled closings with Debian TTS voices, run them through the
real pipeline (Whisper tiny.en), and score the closing checks beside the text score.

    .venv/bin/python bench/bench_spoken.py [--every 4] [--offset 0] [--cache DIR]
        [--voices espeak,slt] [--closings DIR] [--model tiny.en|base]

``--every 4`` takes every 4th closing starting with the first (the held-out set the
spoken numbers are reported on); ``--offset 1``, 2 or 3 starts at the second, third or
fourth instead, so rules can be tuned on the other closings without looking at those.

Voices: ``espeak`` (espeak-ng en-us, 160 wpm), ``espeak-fast`` (en-gb, 190 wpm) and ``slt``
(Festival's festvox-us-slt-hts). Audio and transcripts are kept in ``--cache`` (by default
``bench/.spoken-cache``), so a second run re-scores the analyzer without re-running TTS or
Whisper. Transcripts are keyed by closing, model, Whisper's prompt and beam (a hash of
them), so a changed prompt or beam is heard afresh. As ``voicecoach analyze AUDIO
--profile`` does, Whisper is prompted with the closing's profile and the analyzer also gets
the recording's speech regions and voice (pitch), measured again from the cached audio on
each run.
Prints a table; not a test (it takes minutes).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from voicecoach.analysis.evaluate import (
    closing_facts,
    closing_profile,
    evaluate_closings,
    judge_closing,
    load_closing,
)
from voicecoach.audio.vad import speech_regions
from voicecoach.pipeline import analyze_path
from voicecoach.speech.base import FILE_BEAM_SIZE, whisper_prompt
from voicecoach.transcript import Transcript

ROOT = Path(__file__).resolve().parents[1]
CLOSINGS = ROOT / "tests" / "data" / "moves" / "closings"
DEFAULT_CACHE = ROOT / "bench" / ".spoken-cache"


def _espeak(voice: str, wpm: int) -> Callable[[str, Path], None]:
    def speak(text: str, out: Path) -> None:
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(wpm), "-w", str(out), text],
            check=True,
            capture_output=True,
        )

    return speak


def _festival_slt(text: str, out: Path) -> None:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        fh.write(text)
    try:
        subprocess.run(
            ["text2wave", "-eval", "(voice_cmu_us_slt_arctic_hts)", fh.name, "-o", str(out)],
            check=True,
            capture_output=True,
        )
    finally:
        Path(fh.name).unlink()


VOICES: dict[str, Callable[[str, Path], None]] = {
    "espeak": _espeak("en-us", 160),
    "espeak-fast": _espeak("en-gb", 190),
    "slt": _festival_slt,
}
TOOLS = {"espeak": "espeak-ng", "espeak-fast": "espeak-ng", "slt": "text2wave"}


def transcript_for(path: Path, voice: str, cache: Path, model: str) -> Transcript:
    """Whisper's transcript of the voiced closing (made once, then read from the cache)."""
    folder = _folder(path, voice, cache)
    folder.mkdir(parents=True, exist_ok=True)
    data = load_closing(path)
    profile = closing_profile(data)
    done = folder / cache_name(path.stem, model, whisper_prompt(profile))
    if done.exists():
        return Transcript.from_dict(json.loads(done.read_text("utf-8")))
    wav = folder / f"{path.stem}.wav"
    if not wav.exists():
        VOICES[voice](" ".join(str(data["text"]).split()), wav)
    transcript, _ = analyze_path(wav, model=model, profile=profile, semantic=False)
    assert transcript is not None
    done.write_text(json.dumps(transcript.to_dict()), "utf-8")
    return transcript


def cache_name(stem: str, model: str, prompt: str) -> str:
    """The cached transcript's file name: by closing, model and (a hash of) the prompt and
    the beam ``analyze AUDIO`` decodes with, so a changed prompt or beam is heard afresh
    rather than scored on old transcripts."""
    key = f"{prompt}|beam {FILE_BEAM_SIZE}"
    return f"{stem}.{model}.{hashlib.sha256(key.encode()).hexdigest()[:8]}.json"


def _folder(path: Path, voice: str, cache: Path) -> Path:
    folder = cache / path.parent.name / voice
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def spoken_judge(
    voice: str, cache: Path, model: str, *, audio: bool = True
) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Judge the voiced closing; ``audio=False`` gives the analyzer the words alone."""

    def judge(data: dict[str, Any]) -> dict[str, Any]:
        path = Path(data["_path"])
        transcript = transcript_for(path, voice, cache, model)
        if not audio:
            return judge_closing(data, transcript=transcript)
        return judge_heard(data, transcript, _folder(path, voice, cache) / f"{path.stem}.wav")

    return judge


def judge_heard(data: dict[str, Any], transcript: Transcript, wav: Path) -> dict[str, Any]:
    """:func:`judge_closing` with the recording's speech regions and voice beside the
    transcript, as ``analyze AUDIO`` gives them."""
    from voicecoach.analysis.analyzer import analyze
    from voicecoach.audio.files import load_audio
    from voicecoach.pipeline import listen

    samples = load_audio(wav)
    regions = tuple(speech_regions(samples))
    profile = closing_profile(data)
    a = analyze(transcript, speech_regions=regions, voice=listen(samples, regions), profile=profile)
    return closing_facts(a, profile)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--every", type=int, default=4, help="voice every Nth closing")
    parser.add_argument(
        "--offset", type=int, default=0, help="start at this closing (0 .. every-1)"
    )
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--voices", default="espeak,slt")
    parser.add_argument("--misses", action="store_true", help="list each wrong check")
    parser.add_argument(
        "--words-only",
        action="store_true",
        help="give the analyzer the transcript alone (no speech regions or voice)",
    )
    parser.add_argument("--closings", type=Path, default=CLOSINGS, help="a folder of closings")
    parser.add_argument("--model", default="tiny.en", help="the Whisper model (tiny.en, base)")
    args = parser.parse_args()
    voices = [v for v in args.voices.split(",") if v]
    for v in voices:
        if v not in VOICES:
            print(f"unknown voice {v!r}; choose from {', '.join(VOICES)}", file=sys.stderr)
            return 2
        if shutil.which(TOOLS[v]) is None:
            print(f"{TOOLS[v]} not found: apt-get install espeak-ng festival festvox-us-slt-hts")
            return 2
    if not 0 <= args.offset < args.every:
        print(f"--offset must be 0 .. {args.every - 1}", file=sys.stderr)
        return 2
    paths = sorted(args.closings.glob("*.toml"))[args.offset :: args.every]
    with tempfile.TemporaryDirectory() as tmp:
        subset = Path(tmp)
        for p in paths:
            data = p.read_text("utf-8")
            (subset / p.name).write_text(f'_path = "{p}"\n' + data, "utf-8")
        rows = [("text", evaluate_closings(subset, judge_closing), 0.0)]
        for v in voices:
            start = time.perf_counter()
            judge = spoken_judge(v, args.cache, args.model, audio=not args.words_only)
            report = evaluate_closings(subset, judge)
            rows.append((v, report, time.perf_counter() - start))
    which = "all" if args.every == 1 else f"every {args.every}th"
    if args.offset:
        which += f" from #{args.offset + 1}"
    print(f"{len(paths)} closings ({which} of {args.closings}), Whisper {args.model}")
    print(f"{'input':<12} {'checks':>7} {'right':>7} {'accuracy':>9} {'unclear':>8} {'time s':>7}")
    for name, report, secs in rows:
        print(
            f"{name:<12} {report.checks:>7} {report.correct:>7} {report.accuracy:>9.1%} "
            f"{report.unclear:>8} {secs:>7.0f}"
        )
        if args.misses:
            for miss in report.misses:
                print("   ", miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
