"""Real-channel training variants: voice each register-batch sentence with a TTS voice
the spoken bench does not use, transcribe it with the product's own transcriber
(faster-whisper tiny.en, the default prompt and silence gating of ``voicecoach analyze
AUDIO``), and write what Whisper wrote, one line per sentence::

    nice -n 19 .venv/bin/python bench/channel_variants.py [--cache DIR] [--limit N]
                                                          [--batch NAME ...]

Writes ``tests/data/moves/channel.jsonl`` (``{"source": "<batch>:<line>", "voice": ...,
"text": ...}``; line numbers count from 1). The training code
(:mod:`voicecoach.analysis.channel`) gives each transcript its source sentence's labels and
decides which to keep. Not a test: it takes about half an hour of one core.

Each sentence gets one voice, chosen by a hash of its text, from voices the spoken bench
(espeak-ng en-us 160 wpm, en-gb 190 wpm, Festival cmu_us_slt_arctic_hts) never uses, so
the bench still measures an unseen channel. To save Whisper calls, several sentences of
one batch are voiced into one recording with a pause between them (about as long as a
pause between a candidate's sentences), transcribed in one call, and split back by word
timestamps: each word goes to the sentence whose audio holds its midpoint (or the nearest
one). Audio and transcripts are cached in ``--cache`` (by default
``~/.cache/voicecoach-bench/channel``); a rerun only transcribes what is new. ``--batch``
hears only the named batches (a new one, say) and keeps every other batch's lines in
``channel.jsonl`` as they are, so a machine without the cache need not hear them again.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from speech_sets import cache_dir, tts  # noqa: E402

from voicecoach.settings import SAMPLE_RATE_HZ  # noqa: E402

BATCHES = ROOT / "tests" / "data" / "moves" / "batches"
OUT = ROOT / "tests" / "data" / "moves" / "channel.jsonl"

GAP_S = 0.8  # silence between sentences of one recording (a pause between sentences)
MAX_RECORDING_S = 26.0  # a recording stays inside one 30 s Whisper window
# (name, speech_sets.tts voice, words per minute): none of them is a spoken-bench voice
VOICES = (
    ("kal", "festival-kal", 0),
    ("scotland", "en-gb-scotland", 150),
    ("rp", "en-gb-x-rp", 170),
    ("caribbean", "en-029", 145),
    ("us-f3", "en-us+f3", 175),
    ("us-m3", "en-us+m3", 140),
    ("lancaster", "en-gb-x-gbclan", 185),
    ("midlands", "en-gb-x-gbcwmd", 160),
)


def voice_for(text: str) -> tuple[str, str, int]:
    return VOICES[zlib.crc32(text.encode()) % len(VOICES)]


def sources() -> list[tuple[str, str]]:
    """``(source id, text)`` of every register-batch sentence, in file order."""
    out = []
    for path in sorted(BATCHES.glob("*.jsonl")):
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if line.strip():
                out.append((f"{path.stem}:{n}", json.loads(line)["text"]))
    return out


def recordings(items: list[tuple[str, str]], clips: dict[str, Any]) -> list[list[str]]:
    """Source ids grouped into recordings: same batch and voice, in order, each group up
    to :data:`MAX_RECORDING_S` long with its pauses."""
    groups: list[list[str]] = []
    open_: dict[tuple[str, str], tuple[list[str], float]] = {}
    for sid, text in items:
        key = (sid.split(":")[0], voice_for(text)[0])
        length = len(clips[sid]) / SAMPLE_RATE_HZ + GAP_S
        group, total = open_.get(key, ([], 0.0))
        if group and total + length > MAX_RECORDING_S:
            groups.append(group)
            group, total = [], 0.0
        open_[key] = ([*group, sid], total + length)
    groups += [g for g, _ in open_.values() if g]
    return groups


def split_words(words: Any, spans: list[tuple[float, float]]) -> list[str]:
    """Each word to the span holding its midpoint, or the nearest span; texts per span."""
    parts: list[list[str]] = [[] for _ in spans]
    for w in words:
        mid = (w.start_s + w.end_s) / 2
        k = min(
            range(len(spans)),
            key=lambda i: (
                0.0
                if spans[i][0] <= mid <= spans[i][1]
                else min(abs(mid - spans[i][0]), abs(mid - spans[i][1]))
            ),
        )
        parts[k].append(w.text.strip())
    return [_joined(p) for p in parts]


def _joined(words: list[str]) -> str:
    """Words as the segment text has them: a word piece such as "-ups" (written by Whisper
    without a leading space) joins the word before, as in "hang-ups"."""
    return re.sub(r" (?=-\w)", "", " ".join(words)).strip()


def main() -> int:
    import numpy as np
    import soundfile as sf

    from voicecoach.audio.files import load_audio
    from voicecoach.speech.base import DEFAULT_PROMPT
    from voicecoach.speech.factory import load_transcriber

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=cache_dir() / "channel")
    parser.add_argument("--limit", type=int, default=0, help="first N sentences only")
    parser.add_argument(
        "--batch", action="append", default=[], help="only this batch (repeatable); keep the rest"
    )
    args = parser.parse_args()
    unknown = set(args.batch) - {p.stem for p in BATCHES.glob("*.jsonl")}
    if unknown:
        parser.error(f"no batch {', '.join(sorted(unknown))} in {BATCHES}")
    wav_dir = args.cache / "wav"
    wav_dir.mkdir(parents=True, exist_ok=True)
    done_path = args.cache / "transcripts.jsonl"
    done = {}
    if done_path.exists():
        for line in done_path.read_text("utf-8").splitlines():
            row = json.loads(line)
            done[row["key"]] = row["texts"]
    everything = sources()
    items = [i for i in everything if not args.batch or i[0].split(":")[0] in args.batch]
    items = items[: args.limit or None]
    text_of = dict(items)
    clips: dict[str, Any] = {}
    for sid, text in items:
        _, voice, wpm = voice_for(text)
        wav = wav_dir / (hashlib.sha1(f"{voice}:{wpm}:{text}".encode()).hexdigest() + ".wav")
        if not wav.exists():
            sf.write(wav, tts(text, voice, wpm), SAMPLE_RATE_HZ, subtype="FLOAT")
        clips[sid] = load_audio(wav)
    transcriber = load_transcriber("faster-whisper", "tiny.en")
    result: dict[str, str] = {}
    t0, calls = time.process_time(), 0
    for group in recordings(items, clips):
        key = hashlib.sha1(json.dumps([text_of[s] for s in group]).encode()).hexdigest()
        if key not in done:
            gap = np.zeros(int(GAP_S * SAMPLE_RATE_HZ), np.float32)
            pieces, spans, at = [], [], GAP_S / 2
            for sid in group:
                clip = clips[sid].astype(np.float32)
                pieces += [gap[: len(gap) // 2], clip, gap[len(gap) // 2 :]]
                spans.append((at, at + len(clip) / SAMPLE_RATE_HZ))
                at += len(clip) / SAMPLE_RATE_HZ + GAP_S
            transcript = transcriber.transcribe(
                np.concatenate(pieces), initial_prompt=DEFAULT_PROMPT
            )
            done[key] = split_words(transcript.words, spans)
            with done_path.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps({"key": key, "texts": done[key]}) + "\n")
            calls += 1
        result.update(zip(group, map(_joined, map(str.split, done[key])), strict=True))
    kept = {}  # with --batch: the other batches' lines, as they were
    if args.batch and OUT.exists():
        for line in OUT.read_text("utf-8").splitlines():
            if line.strip() and json.loads(line)["source"].split(":")[0] not in args.batch:
                kept[json.loads(line)["source"]] = line
    lines = [
        kept[sid]
        if sid in kept
        else json.dumps({"source": sid, "voice": voice_for(text)[0], "text": result[sid]})
        for sid, text in everything
        if sid in kept or sid in result
    ]
    OUT.write_text("\n".join(lines) + "\n", "utf-8")
    cpu = time.process_time() - t0
    print(f"{len(items)} sentences, {calls} new Whisper calls, {cpu:.0f} s CPU -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
