"""Long recordings are decoded and heard in windows (issue 12, item 9).

The window is shrunk to seconds here so a one-minute file of real speech crosses several
windows; bench/bench_long.py measures the memory of a 2-hour file.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from voicecoach import pipeline
from voicecoach.audio.files import load_audio, resample, stream_audio
from voicecoach.audio.vad import speech_regions
from voicecoach.settings import SAMPLE_RATE_HZ

SPEECH = Path(__file__).parent / "data" / "speech"

GAP_S = 2.0


def _speech_file(path: Path, rate: int = SAMPLE_RATE_HZ, channels: int = 1) -> float:
    """Every clip of tests/data/speech, 2 s of silence after each; returns seconds."""
    gap = np.zeros(int(GAP_S * SAMPLE_RATE_HZ), np.float32)
    audio = np.concatenate(
        [part for p in sorted(SPEECH.glob("*.wav")) for part in (load_audio(p), gap)]
    )
    audio = resample(audio, SAMPLE_RATE_HZ, rate)
    data = np.repeat(audio[:, None], channels, axis=1) if channels > 1 else audio
    sf.write(path, data, rate, format="FLAC")
    return len(audio) / rate


def test_stream_audio_of_a_16k_file_is_load_audio(tmp_path: Path) -> None:
    path = tmp_path / "long.flac"
    _speech_file(path)
    blocks = list(stream_audio(path, block_s=7.0))
    assert len(blocks) > 3
    np.testing.assert_array_equal(np.concatenate(blocks), load_audio(path))


def test_stream_audio_resamples_stereo_44k_without_seams(tmp_path: Path) -> None:
    path = tmp_path / "long.flac"
    _speech_file(path, rate=44_100, channels=2)
    streamed = np.concatenate(list(stream_audio(path, block_s=5.0)))
    whole = load_audio(path)
    assert abs(len(streamed) - len(whole)) <= 2
    n = min(len(streamed), len(whole))
    assert np.max(np.abs(streamed[:n] - whole[:n])) < 0.02  # same sound, block by block


def test_windows_cut_in_silence_and_cover_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "long.flac"
    length_s = _speech_file(path)
    monkeypatch.setattr(pipeline, "WINDOW_S", 12.0)
    monkeypatch.setattr(pipeline, "CUT_SEARCH_S", 4.0)
    whole = load_audio(path)
    parts = list(pipeline.windows(path))
    assert len(parts) >= 3
    assert [off for _, off in parts] == sorted(off for _, off in parts)
    np.testing.assert_array_equal(np.concatenate([a for a, _ in parts]), whole)
    assert sum(len(a) for a, _ in parts) / SAMPLE_RATE_HZ == pytest.approx(length_s, abs=0.01)
    regions = speech_regions(whole)
    for _, offset_s in parts[1:]:  # no cut falls inside speech
        assert not any(a < offset_s < b for a, b in regions), (offset_s, regions)


@pytest.mark.slow
def test_hear_file_in_windows_keeps_the_file_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, faster_transcriber: object
) -> None:
    path = tmp_path / "long.flac"
    length_s = _speech_file(path)
    whole, whole_regions = pipeline.hear(load_audio(path), faster_transcriber)  # type: ignore[arg-type]
    monkeypatch.setattr(pipeline, "WINDOW_S", 12.0)
    monkeypatch.setattr(pipeline, "CUT_SEARCH_S", 4.0)
    seen: list[tuple[float, float]] = []
    transcript, regions = pipeline.hear_file(
        path,
        faster_transcriber,  # type: ignore[arg-type]
        on_progress=lambda done, total: seen.append((done, total)),
    )
    starts = [w.start_s for w in transcript.words]
    assert starts == sorted(starts) and starts[-1] < length_s
    assert transcript.duration_s == pytest.approx(length_s, abs=0.01)
    # the same speech is found on the same clock as when heard whole
    assert len(regions) == len(whole_regions)
    for (a, b), (c, d) in zip(regions, whole_regions, strict=True):
        assert abs(a - c) < 0.3 and abs(b - d) < 0.3
    said, expected = set(transcript.text.lower().split()), set(whole.text.lower().split())
    assert len(said & expected) >= 0.9 * len(expected)
    assert seen[0][0] == 0 and seen[-1][0] == pytest.approx(length_s, abs=0.01)
    assert len(seen) >= 4  # a line per window, and one at the end
