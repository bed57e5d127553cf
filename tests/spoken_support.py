"""A sentence said by espeak-ng and analysed with its voice, transcribed as written with a
full stop (as Whisper often writes a question asked in statement order). espeak-ng rises
on a "?" and falls on a ".", so ``said`` picks how the voice ends."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from voicecoach.analysis.analyzer import analyze
from voicecoach.analysis.prosody import measure_voice
from voicecoach.analysis.results import Analysis
from voicecoach.audio.files import load_audio
from voicecoach.settings import SAMPLE_RATE_HZ
from voicecoach.transcript import Segment, Transcript, Word


def spoken(
    text: str,
    said: str,
    voice: str,
    folder: Path,
    *,
    semantic: bool = True,
    early_end_s: float = 0.0,
) -> Analysis:
    """``text`` said by espeak-ng ``voice`` ending with ``said`` ("?" or "."), analysed as
    the transcript ``text.`` whose words' times are spread over the speech; the last word
    ends ``early_end_s`` before the voice does, as Whisper's often does."""
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is needed (Debian package espeak-ng)")
    wav = folder / f"{voice}{said}{abs(hash(text))}.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "-w", str(wav), text + said], check=True)
    audio = load_audio(wav)
    end = len(audio) / SAMPLE_RATE_HZ
    parts = f"{text}.".split()
    step = (end - early_end_s) / len(parts)
    words = tuple(Word(w, i * step, (i + 1) * step, 0.9) for i, w in enumerate(parts))
    transcript = Transcript(f"{text}.", (Segment(f"{text}.", 0.0, end, words),), end)
    return analyze(transcript, voice=measure_voice(audio, SAMPLE_RATE_HZ), semantic=semantic)
