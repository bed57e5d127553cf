"""The voice's ending before a pause (voicecoach.analysis.ending) on the TTS recordings in
tests/data/prosody (made by its make_fixtures.sh): falling statements, held and level
endings, rising questions."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from voicecoach.analysis import ending as E
from voicecoach.analysis.pitch import PitchTrack, pitch_track

FIXTURES = Path(__file__).parent.parent / "data" / "prosody"
SR = 16000


def load(path: Path) -> np.ndarray:
    x, sr = sf.read(path, dtype="float32")
    assert sr == SR and x.ndim == 1
    return np.asarray(x, dtype=np.float32)


def fixtures(*prefixes: str) -> list[Path]:
    found = sorted(p for prefix in prefixes for p in FIXTURES.glob(prefix + "*.flac"))
    assert found, f"no fixtures {prefixes}: run tests/data/prosody/make_fixtures.sh"
    return found


@pytest.mark.parametrize("path", fixtures("statement-falling-espeak-"), ids=lambda p: p.stem)
def test_a_finished_statement_falls_to_the_speakers_low(path: Path) -> None:
    found = E.voice_ending(load(path), SR)
    assert found.contour == "falling", found
    assert found.fall_st >= E.FALL_ST and found.end_over_low_st <= E.LOW_ST


@pytest.mark.parametrize("path", fixtures("statement-falling-festival-"), ids=lambda p: p.stem)
def test_festivals_gentle_fall_is_never_read_as_a_rise(path: Path) -> None:
    # Festival spreads a statement's fall over the whole sentence: its last half second
    # falls only 1-2 st, under FALL_ST, so it reads as level (the cue then waits longer;
    # bench/bench_turn_end.py measures what that costs)
    found = E.voice_ending(load(path), SR)
    assert found.contour == "level", found
    assert 0 < found.fall_st < E.FALL_ST and found.rise_st < E.RISE_ST


@pytest.mark.parametrize(
    "path", fixtures("statement-rising-espeak-", "ending-held-"), ids=lambda p: p.stem
)
def test_a_question_rise_or_a_held_pitch_is_not_an_end(path: Path) -> None:
    found = E.voice_ending(load(path), SR)
    assert found.contour in ("level", "rising"), found


@pytest.mark.parametrize("path", fixtures("statement-rising-espeak-"), ids=lambda p: p.stem)
def test_a_question_rise_is_rising(path: Path) -> None:
    found = E.voice_ending(load(path), SR)
    assert found.contour == "rising" and found.rise_st >= E.RISE_ST, found


def test_a_flat_voice_ends_level() -> None:
    (path,) = fixtures("ending-level-festival-kal")
    found = E.voice_ending(load(path), SR)
    assert found.contour == "level", found
    assert found.fall_st < E.FALL_ST


def test_only_the_speech_before_the_pause_counts() -> None:
    # a falling statement, then a held one after a pause: up to the pause it ends falling,
    # to the end it is held
    falling = load(FIXTURES / "statement-falling-espeak-en-us.flac")
    held = load(FIXTURES / "ending-held-espeak-en-us.flac")
    both = np.concatenate([falling, np.zeros(SR, np.float32), held])
    track = pitch_track(both, SR)
    assert E.ending(track, len(falling) / SR).contour == "falling"
    assert E.ending(track).contour in ("level", "rising")


def test_silence_noise_and_too_little_voicing_are_unknown() -> None:
    rng = np.random.default_rng(0)
    assert E.voice_ending(np.zeros(SR, np.float32), SR).contour == "unknown"
    assert E.voice_ending(0.1 * rng.standard_normal(SR).astype(np.float32), SR).contour == (
        "unknown"
    )
    empty = PitchTrack(np.zeros(0), np.zeros(0), np.zeros(0))
    assert E.ending(empty).contour == "unknown"
    # a 0.1 s vowel: under the context's minimum voicing
    t = np.arange(int(0.1 * SR)) / SR
    blip = (0.3 * np.sin(2 * np.pi * 150 * t)).astype(np.float32)
    assert E.voice_ending(np.concatenate([np.zeros(SR // 2, np.float32), blip]), SR).contour == (
        "unknown"
    )


def test_a_synthetic_glide_is_read_the_right_way() -> None:
    # a 1.2 s vowel-like tone gliding between 180 and 120 Hz: down is falling, up rising
    n = int(1.2 * SR)

    def glide(f_from: float, f_to: float) -> np.ndarray:
        f = np.concatenate([np.full(n // 2, f_from), np.linspace(f_from, f_to, n - n // 2)])
        phase = 2 * np.pi * np.cumsum(f) / SR
        x = sum(np.sin(k * phase) / k for k in (1, 2, 3))
        return (0.2 * x).astype(np.float32)

    down, up = E.voice_ending(glide(180, 120), SR), E.voice_ending(glide(130, 195), SR)
    assert down.contour == "falling" and down.fall_st > 5, down
    assert up.contour == "rising" and up.rise_st > 4, up
    flat = E.voice_ending(glide(150, 150), SR)
    assert flat.contour == "level" and abs(flat.fall_st) < 1 and abs(flat.rise_st) < 1, flat
