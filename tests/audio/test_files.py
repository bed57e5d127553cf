"""load_audio: every supported format, channel layout and rate, and every bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from voicecoach.audio.files import duration_s, load_audio, resample, sound_end_s, write_wav
from voicecoach.errors import AudioFileError

SPEECH = Path(__file__).parent.parent / "data" / "speech"
JFK_S = 11.0


def _tone(freq_hz: float, rate_hz: int, seconds: float) -> np.ndarray:
    t = np.arange(int(rate_hz * seconds)) / rate_hz
    return (0.5 * np.sin(2 * np.pi * freq_hz * t)).astype(np.float32)


def _peak_hz(samples: np.ndarray, rate_hz: int = 16_000) -> float:
    spectrum = np.abs(np.fft.rfft(samples))
    return float(np.fft.rfftfreq(len(samples), 1 / rate_hz)[int(np.argmax(spectrum))])


def test_wav_is_float32_16k_mono() -> None:
    audio = load_audio(SPEECH / "jfk.wav")
    assert audio.dtype == np.float32
    assert audio.ndim == 1
    assert duration_s(audio) == pytest.approx(JFK_S, abs=0.01)
    assert 0.05 < float(np.abs(audio).max()) <= 1.0


@pytest.mark.parametrize("fmt", ["FLAC", "OGG"])
def test_flac_and_ogg_match_the_wav(tmp_path: Path, fmt: str) -> None:
    wav = load_audio(SPEECH / "jfk.wav")
    path = tmp_path / f"jfk.{fmt.lower()}"
    sf.write(str(path), wav, 16_000, format=fmt)
    audio = load_audio(path)
    assert len(audio) == len(wav)
    # FLAC is lossless up to 16-bit rounding; Vorbis is lossy but close in level.
    tolerance = 1e-3 if fmt == "FLAC" else 0.2
    assert float(np.abs(audio - wav).mean()) < tolerance


def test_mp3() -> None:
    audio = load_audio(SPEECH / "jfk.mp3")
    assert duration_s(audio) == pytest.approx(JFK_S, abs=0.1)
    assert float(np.abs(audio).max()) > 0.05


def test_stereo_is_mixed_down(tmp_path: Path) -> None:
    left = _tone(440, 16_000, 1.0)
    right = np.zeros_like(left)
    path = tmp_path / "stereo.wav"
    sf.write(str(path), np.stack([left, right], axis=1), 16_000, subtype="FLOAT")
    audio = load_audio(path)
    assert audio.ndim == 1
    np.testing.assert_allclose(audio, left / 2, atol=1e-6)


@pytest.mark.parametrize("rate_hz", [44_100, 48_000, 8_000])
def test_any_rate_is_resampled_to_16k(tmp_path: Path, rate_hz: int) -> None:
    path = tmp_path / f"tone{rate_hz}.wav"
    sf.write(str(path), _tone(440, rate_hz, 2.0), rate_hz)
    audio = load_audio(path)
    assert len(audio) == pytest.approx(32_000, abs=2)
    assert _peak_hz(audio) == pytest.approx(440, abs=2)


def test_resample_is_identity_at_16k() -> None:
    tone = _tone(440, 16_000, 0.5)
    assert resample(tone, 16_000) is not None
    np.testing.assert_array_equal(resample(tone, 16_000), tone)


def test_write_wav_round_trip_leaves_no_temp_file(tmp_path: Path) -> None:
    tone = _tone(300, 16_000, 0.5)
    path = write_wav(tmp_path / "out" / "t.wav", tone)
    np.testing.assert_allclose(load_audio(path), tone, atol=1e-4)
    assert [p.name for p in path.parent.iterdir()] == ["t.wav"]


def _bad_files(tmp: Path) -> dict[str, Path]:
    jfk = (SPEECH / "jfk.wav").read_bytes()
    files = {
        "missing": tmp / "nope.wav",
        "folder": tmp / "folder.wav",
        "empty": tmp / "empty.wav",
        "text": tmp / "notes.wav",
        "truncated": tmp / "truncated.wav",
        "garbage": tmp / "garbage.mp3",
        "zero_length": tmp / "zero.wav",
    }
    files["folder"].mkdir()
    files["empty"].write_bytes(b"")
    files["text"].write_text("this is not audio at all\n" * 20)
    files["truncated"].write_bytes(jfk[:30])  # RIFF header cut inside the fmt chunk
    files["garbage"].write_bytes(np.random.default_rng(1).bytes(4000))
    sf.write(str(files["zero_length"]), np.zeros(0, dtype=np.float32), 16_000)
    return files


@pytest.mark.parametrize(
    "kind, fragment",
    [
        ("missing", "no such file"),
        ("folder", "is a folder"),
        ("empty", "empty (0 bytes)"),
        ("text", "not a readable audio file"),
        ("truncated", "not a readable audio file"),
        ("garbage", "not a readable audio file"),
        ("zero_length", "no samples"),
    ],
)
def test_bad_input_names_the_file_and_the_problem(tmp_path: Path, kind: str, fragment: str) -> None:
    path = _bad_files(tmp_path)[kind]
    with pytest.raises(AudioFileError) as err:
        load_audio(path)
    message = str(err.value)
    assert str(path) in message
    assert fragment in message
    assert "\n" not in message
    # The path is said once, and a file that exists is never said not to exist.
    assert message.count(path.name) == 1 and ("does not exist" not in message or kind == "missing")


def test_a_rendered_lines_sound_ends_at_its_last_word(tmp_path: Path) -> None:
    # the interviewer's voice ends before its file does (espeak: about 0.3 s of silence)
    from voicecoach.audio.tts import Pyttsx3Speaker
    from voicecoach.audio.vad import speech_regions

    audio = load_audio(Pyttsx3Speaker().render("Any last thoughts before we end the call?",
                                               tmp_path / "line.wav"))  # fmt: skip
    end_s = sound_end_s(audio)
    assert end_s < duration_s(audio) - 0.2, (end_s, duration_s(audio))
    assert end_s == pytest.approx(speech_regions(audio)[-1][1], abs=0.15)
    assert sound_end_s(np.zeros(16000, np.float32)) == 0.0
