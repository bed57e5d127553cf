"""Review (stop 47): statements said rising that the rising rule must not turn into
questions the candidate asked."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from spoken_support import spoken

from voicecoach.analysis.analyzer import analyze
from voicecoach.analysis.evaluate import closing_facts
from voicecoach.analysis.prosody import measure_voice
from voicecoach.analysis.results import Analysis
from voicecoach.audio.files import load_audio
from voicecoach.transcript import Segment, Transcript, Word

SR = 16000


def _spoken(text: str, said: str, voice: str, folder: Path) -> Analysis:
    return spoken(text, said, voice, folder)


@pytest.mark.parametrize(
    "text",
    [
        "Thank you so much for your time today",
        "I have no further questions",
        "I look forward to hearing from you",
        "It was really great meeting the whole team",
    ],
)
def test_a_statement_said_rising_is_no_question_asked(text: str, tmp_path: Path) -> None:
    a = _spoken(text, "?", "en-us", tmp_path)
    print([(s.text, sorted(s.moves)) for s in a.sentences])
    assert closing_facts(a, None)["final_questions"] == 0


def test_an_ask_for_the_job_said_rising_keeps_its_uptalk_check(tmp_path: Path) -> None:
    a = _spoken("I hope you will consider me for the position", "?", "en-us", tmp_path)
    print([(s.text, sorted(s.moves)) for s in a.sentences], a.prosody and a.prosody.uptalk)
    assert a.prosody is not None
    assert [(u.move, u.verdict) for u in a.prosody.uptalk] == [("ask_for_job", "yes")]


def _said(parts: list[tuple[str, str]], folder: Path, voice: str = "en-us") -> Analysis:
    """Sentences said one after another (each ``(text, "?" or ".")``), 0.4 s apart, each
    transcribed with a full stop unless its text has its own mark."""
    import numpy as np

    audio_parts, segments, at = [], [], 0.0
    for k, (text, said) in enumerate(parts):
        wav = folder / f"{k}.wav"
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", "150", "-w", str(wav), text + said], check=True
        )
        audio = load_audio(wav)
        end = at + len(audio) / SR
        written = text if text.endswith(("?", ".")) else f"{text}."
        words = written.split()
        step = (end - at) / len(words)
        ws = tuple(Word(w, at + i * step, at + (i + 1) * step, 0.9) for i, w in enumerate(words))
        segments.append(Segment(written, at, end, ws))
        audio_parts += [audio, np.zeros(int(0.4 * SR), np.float32)]
        at = end + 0.4
    audio = np.concatenate(audio_parts)
    text = " ".join(s.text for s in segments)
    transcript = Transcript(text, tuple(segments), len(audio) / SR)
    return analyze(transcript, voice=measure_voice(audio, SR), semantic=True)


def test_an_announcement_said_rising_is_not_a_third_question(tmp_path: Path) -> None:
    a = _said(
        [
            ("I have two questions", "?"),
            ("What does a typical day look like?", ""),
            ("How is success measured?", ""),
        ],
        tmp_path,
    )
    print([(s.text, sorted(s.moves)) for s in a.sentences])
    assert closing_facts(a, None)["final_questions"] == 2


def test_no_questions_said_rising_asks_none(tmp_path: Path) -> None:
    a = _said([("No, I think you have covered everything", "?")], tmp_path)
    print([(s.text, sorted(s.moves)) for s in a.sentences])
    assert closing_facts(a, None)["final_questions"] == 0
