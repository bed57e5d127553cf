"""A word or two said after the answer was judged over: heard alone, or behind the answer?

When the candidate goes on after the interviewer's next line has started (a barge-in),
the continuation is transcribed on its own. One short word ("definitely", "sorry",
"Monday") is often too little for Whisper to write anything, and a continuation with no
words is dropped as a cough. :func:`voicecoach.rehearsal.continuation.heard_in_context`
decodes such a continuation again after the answer's last seconds. This bench voices
answers and one-word continuations with several TTS voices and counts, for Whisper
tiny.en:

- **alone**: the continuation decoded by itself, prompted with the answer's words (as
  the barge-in's chunked transcriber does);
- **in context**: what ``heard_in_context`` gives when alone found nothing (else alone).

A word is right when the continuation's words contain it (case and punctuation aside).
Non-speech continuations (a cough, a breath, a hum, a desk knock) count as invented when
anything is written for them. Prints a table; not a test.

    .venv/bin/python bench/bench_one_word.py [--voices espeak,espeak-gb,slt]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from bench_spoken import _espeak, _festival_slt  # noqa: E402

from voicecoach.audio.files import load_audio  # noqa: E402
from voicecoach.audio.recorders import Recording  # noqa: E402
from voicecoach.audio.vad import speech_regions  # noqa: E402
from voicecoach.rehearsal.continuation import Continuation, heard_in_context  # noqa: E402
from voicecoach.settings import SAMPLE_RATE_HZ  # noqa: E402
from voicecoach.speech.base import DEFAULT_PROMPT  # noqa: E402
from voicecoach.speech.factory import load_transcriber  # noqa: E402
from voicecoach.transcript import Transcript  # noqa: E402

VOICES = {
    "espeak": _espeak("en-us", 160),
    "espeak-gb": _espeak("en-gb", 175),
    "espeak-f": _espeak("en-us+f3", 150),
    "slt": _festival_slt,
}
ANSWERS = (
    "What are the next steps from here",
    "I would really like to join the team",
    "Thank you for your time today",
    "I led the billing migration and cut outages in half",
)
WORDS = (
    "here", "please", "absolutely", "thanks", "yes", "definitely", "today", "sorry",
    "really", "honestly", "Monday", "exactly", "certainly", "tomorrow", "gladly", "perfect",
)  # fmt: skip
LEAD_S = 0.3  # the continuation's audio starts this long before the onset


def _noises(rng: np.random.Generator) -> dict[str, np.ndarray]:
    sr = SAMPLE_RATE_HZ
    t = np.arange(int(0.45 * sr)) / sr
    cough = rng.normal(0, 0.25, int(0.3 * sr)) * np.exp(-np.arange(int(0.3 * sr)) / (0.06 * sr))
    breath = rng.normal(0, 0.02, int(0.7 * sr)) * np.hanning(int(0.7 * sr))
    hum = 0.2 * np.sin(2 * np.pi * 120 * t) * np.hanning(len(t))
    knock = np.zeros(int(0.4 * sr))
    knock[: int(0.02 * sr)] = rng.normal(0, 0.5, int(0.02 * sr))
    return {"cough": cough, "breath": breath, "hum": hum, "knock": knock}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def _recording(audio: np.ndarray, path: Path) -> Recording:
    return Recording(path, len(audio) / SAMPLE_RATE_HZ, "finished", True, 0.0, 0.0, audio=audio)


def _continuation(audio: np.ndarray, transcript: Transcript, path: Path) -> Continuation:
    return Continuation(
        _recording(audio, path), audio, 0.0, transcript, tuple(speech_regions(audio))
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--voices", default="espeak,espeak-gb,espeak-f,slt")
    args = parser.parse_args()
    transcriber = load_transcriber()
    rng = np.random.default_rng(7)
    lead = np.zeros(int(LEAD_S * SAMPLE_RATE_HZ), np.float32)
    rows: dict[str, list[int]] = {"alone": [0, 0, 0], "in context": [0, 0, 0]}
    seconds = {"alone": 0.0, "in context": 0.0}
    invented = {"alone": 0, "in context": 0}
    noise_n = 0
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "x.wav"
        for name in args.voices.split(","):
            speak = VOICES[name]
            for i, word in enumerate(WORDS):
                answer = ANSWERS[i % len(ANSWERS)]
                speak(answer + ".", wav)
                first = load_audio(wav)
                speak(word + ".", wav)
                more = np.concatenate([lead, load_audio(wav)]).astype(np.float32)
                cases = [(word, more)]
                if i % len(ANSWERS) == 0:  # the noises after every fourth answer
                    cases += [("", n.astype(np.float32)) for n in _noises(rng).values()]
                for want, audio in cases:
                    noise_n += not want
                    t0 = time.perf_counter()
                    alone = transcriber.transcribe(
                        audio, initial_prompt=f"{DEFAULT_PROMPT} {answer}."
                    )
                    seconds["alone"] += time.perf_counter() - t0
                    cont = _continuation(audio, alone, Path(tmp) / "more.wav")
                    rec = _recording(first, Path(tmp) / "answer.wav")
                    said = transcriber.transcribe(first)
                    t0 = time.perf_counter()
                    ctx = heard_in_context(
                        cont, rec, said, tuple(speech_regions(first)), transcriber
                    )
                    seconds["in context"] += time.perf_counter() - t0
                    for key, got in (("alone", cont), ("in context", ctx)):
                        text = got.transcript.text
                        if not want:
                            invented[key] += bool(text.strip())
                            continue
                        hit = want.lower() in _words(text)
                        rows[key][0 if hit else 1 if not text.strip() else 2] += 1
                    if want:
                        print(f"{name:10} {want:11} alone {alone.text!r:28} "
                              f"in context {ctx.transcript.text!r}")  # fmt: skip
    n = sum(rows["alone"])
    print(f"\n{n} one-word continuations ({args.voices}), {noise_n} noises, Whisper tiny.en")
    print(f"{'decoded':12} {'right':>6} {'nothing':>8} {'other':>6} {'invented':>9} {'CPU s':>7}")
    for key, (right, nothing, other) in rows.items():
        print(
            f"{key:12} {right:>6} {nothing:>8} {other:>6} "
            f"{invented[key]:>4} of {noise_n:<3} {seconds[key]:>6.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
