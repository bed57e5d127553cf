"""Voice activity on real speech, silence and noise; smoothing; the streaming detector."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from voicecoach.audio.files import load_audio
from voicecoach.audio.vad import (
    WINDOW_S,
    StreamingVad,
    decide,
    smooth,
    speech_duration_s,
    speech_probabilities,
    speech_regions,
)
from voicecoach.settings import Thresholds

SPEECH = Path(__file__).parent.parent / "data" / "speech"
CLIPS = sorted(SPEECH.glob("*.wav"))
RATE = 16_000


def _noise(kind: str, seconds: float = 4.0, level: float = 0.1) -> np.ndarray:
    rng = np.random.default_rng(7)
    white = rng.standard_normal(int(RATE * seconds))
    if kind == "white":
        out = white
    elif kind == "brown":  # integrated white noise: rumble, like a fan or traffic
        out = np.cumsum(white)
        out -= np.convolve(out, np.ones(800) / 800, mode="same")
    else:  # mains hum with harmonics
        t = np.arange(len(white)) / RATE
        out = sum(np.sin(2 * np.pi * 50 * k * t) / k for k in (1, 2, 3))
    out = out / (np.abs(out).max() + 1e-9) * level
    return out.astype(np.float32)


@pytest.mark.parametrize("clip", CLIPS, ids=lambda p: p.stem)
def test_speech_clips_are_mostly_speech(clip: Path) -> None:
    audio = load_audio(clip)
    total = len(audio) / RATE
    regions = speech_regions(audio)
    assert regions, "no speech found in a clip of real speech"
    assert speech_duration_s(regions) > 0.6 * total
    flat = [t for region in regions for t in region]
    assert flat == sorted(flat), "regions must be ordered and disjoint"
    assert regions[0][0] >= 0.0 and regions[-1][1] <= total


def test_pauses_inside_speech_split_regions() -> None:
    # JFK pauses between phrases for ~0.5-1 s: longer than vad_min_silence_s.
    regions = speech_regions(load_audio(SPEECH / "jfk.wav"))
    assert len(regions) >= 3
    gaps = [b[0] - a[1] for a, b in itertools.pairwise(regions)]
    assert min(gaps) >= Thresholds().vad_min_silence_s


def test_silence_has_no_speech() -> None:
    assert speech_regions(np.zeros(RATE * 3, dtype=np.float32)) == ()


@pytest.mark.parametrize("kind", ["white", "brown", "hum"])
@pytest.mark.parametrize("level", [0.01, 0.1, 0.5])
def test_noise_has_no_speech(kind: str, level: float) -> None:
    assert speech_regions(_noise(kind, level=level)) == ()


def test_speech_is_found_where_it_was_put() -> None:
    speech = load_audio(SPEECH / "librivox-0880.wav")
    audio = np.concatenate([np.zeros(RATE * 2, np.float32), speech, np.zeros(RATE * 2, np.float32)])
    regions = speech_regions(audio)
    assert regions[0][0] == pytest.approx(2.2, abs=0.3)
    assert regions[-1][1] == pytest.approx(2.0 + len(speech) / RATE, abs=0.4)


def test_too_short_audio_has_no_windows() -> None:
    assert speech_probabilities(np.zeros(100, np.float32)).shape == (0,)
    assert speech_regions(np.zeros(0, np.float32)) == ()


def test_smoothing_closes_short_gaps_and_drops_blips() -> None:
    th = Thresholds(vad_min_speech_s=0.25, vad_min_silence_s=0.25)
    w = WINDOW_S
    # speech 20 windows, gap 3 windows (0.096 s, closed), speech 20, gap 20 (kept),
    # then a 2-window blip (0.064 s, dropped)
    flags = [True] * 20 + [False] * 3 + [True] * 20 + [False] * 20 + [True] * 2 + [False] * 5
    regions = smooth(flags, th, duration_s=len(flags) * w)
    assert len(regions) == 1
    assert regions[0][1] == pytest.approx(43 * w + 0.03, abs=1e-3)


def test_smoothing_respects_thresholds() -> None:
    flags = [True] * 10 + [False] * 10 + [True] * 10
    loose = smooth(flags, Thresholds(vad_min_silence_s=0.5, vad_min_speech_s=0.1), 30 * WINDOW_S)
    strict = smooth(flags, Thresholds(vad_min_silence_s=0.2, vad_min_speech_s=0.1), 30 * WINDOW_S)
    assert len(loose) == 1 and len(strict) == 2
    assert smooth(flags, Thresholds(vad_min_speech_s=0.5), 30 * WINDOW_S) == ()


def test_decide_has_hysteresis() -> None:
    probs = np.array([0.2, 0.6, 0.4, 0.3, 0.45, 0.6], dtype=np.float32)
    assert decide(probs, 0.5) == [False, True, True, False, False, True]


def test_streaming_matches_offline_for_any_chunking() -> None:
    audio = load_audio(SPEECH / "jfk.wav")
    offline = decide(speech_probabilities(audio), Thresholds().vad_threshold)
    vad = StreamingVad()
    flags: list[bool] = []
    rng = np.random.default_rng(3)
    pos = 0
    while pos < len(audio):
        n = int(rng.integers(1, 3000))
        flags += vad.feed(audio[pos : pos + n])
        pos += n
    assert flags == offline
    assert len(flags) == len(audio) // 512
    assert 0.0 <= vad.last_probability <= 1.0


def test_streaming_reset_starts_a_new_stream() -> None:
    speech = load_audio(SPEECH / "librivox-0930.wav")
    vad = StreamingVad()
    first = vad.feed(speech)
    vad.feed(speech[:700])  # leaves 188 samples pending
    vad.reset()
    assert vad.feed(speech) == first
    assert vad.feed(np.zeros(RATE, np.float32)).count(True) < 5
