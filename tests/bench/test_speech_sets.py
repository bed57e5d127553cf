"""The benchmarks' synthetic speech (bench/speech_sets.py): pauses where the text puts
them, measured from the audio; noise mixed at the stated SNR."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import speech_sets as S

ANSWER = "Thanks for your time. [2.0] What I'd really like to know is [3.0] how you measure it."


def test_an_answer_is_split_at_its_pause_marks() -> None:
    pieces, pauses = S.parse_answer(ANSWER)
    assert pieces == [
        "Thanks for your time.",
        "What I'd really like to know is",
        "how you measure it.",
    ]
    assert pauses == [2.0, 3.0]
    assert all(S.read_lines(name) for name in ("answers.txt", "sentences.txt"))
    assert all(
        S.parse_answer(a)[0][-1].endswith((".", "?", "!")) for a in S.read_lines("answers.txt")
    )


@pytest.mark.parametrize("voice", ["en-us", "festival-slt"])
def test_the_pauses_are_found_in_the_audio_where_the_text_puts_them(voice: str) -> None:
    S.check_tools((voice,))
    audio = S._answer_audio(ANSWER, voice, 165)
    lead, last = S.speech_bounds(audio)
    assert lead == pytest.approx(S.LEAD_S, abs=0.05)
    assert len(audio) / S.RATE - last == pytest.approx(S.END_SILENCE_S, abs=0.05)
    found = S.silences(audio[: int((last + 0.05) * S.RATE)], S.MIN_PAUSE_S)
    assert [round(d) for _, d in found] == [2, 3], found


@pytest.mark.parametrize("kind", ["pink", "brown"])
def test_noise_is_mixed_at_the_stated_snr(kind: str) -> None:
    rng = np.random.default_rng(1)
    t = np.arange(3 * S.RATE) / S.RATE
    speech = (0.3 * np.sin(2 * np.pi * 220 * t) * (t % 1 < 0.6)).astype(np.float32)  # 60% on
    noise = S._noise_for(speech, kind, rng, [])
    snr_db = 10 * np.log10(S.active_power(speech) / np.mean(noise.astype(np.float64) ** 2))
    assert snr_db == pytest.approx(S.SNR_DB, abs=0.01)
    assert S.active_power(speech) > 1.5 * np.mean(speech.astype(np.float64) ** 2)  # on only
