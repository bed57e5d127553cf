"""Audio files in and out: any common format to float32 16 kHz mono, and WAV writing."""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import numpy.typing as npt

from voicecoach.atomic import replacing
from voicecoach.errors import AudioFileError
from voicecoach.settings import SAMPLE_RATE_HZ

FloatArray = npt.NDArray[np.float32]

AUDIO_SUFFIXES = (".wav", ".flac", ".ogg", ".mp3")  # what load_audio is known to read
SUPPORTED = ", ".join(AUDIO_SUFFIXES)


def load_audio(path: str | os.PathLike[str]) -> FloatArray:
    """Read ``path`` as float32 mono at 16 kHz (stereo is mixed down, any rate resampled).

    Raises :class:`AudioFileError` naming the file and the fix when it is missing, empty,
    truncated or not audio.
    """
    import soundfile as sf

    p = Path(path)
    if not p.exists():
        raise AudioFileError(f"{p}: no such file; check the path")
    if p.is_dir():
        raise AudioFileError(f"{p}: is a folder, not an audio file; give a {SUPPORTED} file")
    if p.stat().st_size == 0:
        raise AudioFileError(f"{p}: the file is empty (0 bytes); record or export it again")
    try:
        data, rate = sf.read(str(p), dtype="float32", always_2d=True)
    except (sf.LibsndfileError, RuntimeError, TypeError) as exc:
        raise AudioFileError(
            f"{p}: not a readable audio file ({_short(exc)}); give a {SUPPORTED} file"
        ) from exc
    if data.shape[0] == 0:
        raise AudioFileError(f"{p}: the audio has no samples (zero length); record it again")
    mono = data.mean(axis=1, dtype=np.float32)
    return resample(mono, int(rate), SAMPLE_RATE_HZ)


def resample(samples: FloatArray, from_hz: int, to_hz: int = SAMPLE_RATE_HZ) -> FloatArray:
    """High-quality resampling (libsoxr); a no-op when the rates match."""
    if from_hz == to_hz:
        return np.ascontiguousarray(samples, dtype=np.float32)
    import soxr

    out = soxr.resample(samples.astype(np.float32, copy=False), from_hz, to_hz)
    return np.ascontiguousarray(out, dtype=np.float32)


def write_wav(
    path: str | os.PathLike[str], samples: FloatArray, sample_rate_hz: int = SAMPLE_RATE_HZ
) -> Path:
    """Write 16-bit PCM WAV atomically (temp file, then rename)."""
    import soundfile as sf

    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    with replacing(p) as tmp:
        clipped = np.clip(samples, -1.0, 1.0)
        sf.write(str(tmp), clipped, sample_rate_hz, subtype="PCM_16", format="WAV")
    return p


def duration_s(samples: FloatArray, sample_rate_hz: int = SAMPLE_RATE_HZ) -> float:
    return float(len(samples)) / sample_rate_hz


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    # libsndfile repeats the path ("Error opening 'x.wav': ...") and, for a corrupt MP3,
    # says the file does not exist; the message already names the file, which does exist.
    text = re.sub(r"^Error opening '.*?': ", "", text)
    if text.startswith("File does not exist"):
        text = "unrecognised or corrupt data"
    return text.rstrip(".")[:120]
