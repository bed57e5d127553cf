"""Audio files in and out: any common format to float32 16 kHz mono, and WAV writing."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import numpy.typing as npt

from voicecoach.atomic import replacing
from voicecoach.errors import AudioFileError, StorageError
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

    p = _check_file(Path(path))
    with _decoding(p):
        data, rate = sf.read(str(p), dtype="float32", always_2d=True)
    if data.shape[0] == 0:
        raise AudioFileError(f"{p}: the audio has no samples (zero length); record it again")
    mono = data.mean(axis=1, dtype=np.float32)
    return resample(mono, int(rate), SAMPLE_RATE_HZ)


DECODE_BLOCK_S = 30.0  # a long file is decoded this much at a time (44.1 kHz stereo: 10 MB)


def audio_duration_s(path: str | os.PathLike[str]) -> float:
    """The length of an audio file from its header (no decoding); AudioFileError as
    :func:`load_audio` would raise it."""
    import soundfile as sf

    p = _check_file(Path(path))
    with _decoding(p):
        return float(sf.info(str(p)).duration)


def stream_audio(
    path: str | os.PathLike[str], block_s: float = DECODE_BLOCK_S
) -> Iterator[FloatArray]:
    """``path`` as consecutive float32 16 kHz mono blocks of about ``block_s`` seconds:
    memory stays bounded whatever the file's length. Resampling is streamed, so the
    blocks join without seams. Errors as :func:`load_audio`."""
    import soundfile as sf
    import soxr

    p = _check_file(Path(path))
    with _decoding(p):
        f = sf.SoundFile(str(p))
    with f:
        rate = int(f.samplerate)
        stream = None if rate == SAMPLE_RATE_HZ else soxr.ResampleStream(rate, SAMPLE_RATE_HZ, 1)
        frames = max(1, int(block_s * rate))
        any_samples = False
        while True:
            try:
                with quiet_c_stderr():
                    data = f.read(frames, dtype="float32", always_2d=True)
            except (sf.LibsndfileError, RuntimeError) as exc:
                raise AudioFileError(
                    f"{p}: the audio is corrupt partway ({_short(exc)}); export it again"
                ) from exc
            last = len(data) < frames
            any_samples = any_samples or len(data) > 0
            mono = data.mean(axis=1, dtype=np.float32) if len(data) else np.zeros(0, np.float32)
            del data
            out = mono if stream is None else stream.resample_chunk(mono, last=last)
            if len(out):
                yield np.ascontiguousarray(out, dtype=np.float32)
            if last:
                break
    if not any_samples:
        raise AudioFileError(f"{p}: the audio has no samples (zero length); record it again")


@contextlib.contextmanager
def _decoding(p: Path) -> Iterator[None]:
    """libsndfile's failures on ``p`` as one-line AudioFileErrors, its own notes on stderr
    kept quiet: the one place audio files are opened for reading."""
    import soundfile as sf

    try:
        with quiet_c_stderr():
            yield
    except OSError as exc:
        raise AudioFileError(f"{p}: cannot read ({exc.strerror}); check its permissions") from exc
    except (sf.LibsndfileError, RuntimeError, TypeError) as exc:
        raise AudioFileError(
            f"{p}: not a readable audio file ({_short(exc)}); give a {SUPPORTED} file"
        ) from exc


def _check_file(p: Path) -> Path:
    if not p.exists():
        raise AudioFileError(f"{p}: no such file; check the path")
    if p.is_dir():
        raise AudioFileError(f"{p}: is a folder, not an audio file; give a {SUPPORTED} file")
    if p.stat().st_size == 0:
        raise AudioFileError(f"{p}: the file is empty (0 bytes); record or export it again")
    return p


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
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        with replacing(p) as tmp:
            clipped = np.clip(samples, -1.0, 1.0)
            try:
                with quiet_c_stderr():  # libsndfile prints "ftruncate() failed" itself
                    sf.write(str(tmp), clipped, sample_rate_hz, subtype="PCM_16", format="WAV")
            except sf.LibsndfileError as exc:  # "System error.": find the real reason
                raise OSError(errno.EIO, write_failure(tmp)) from exc
    except OSError as exc:
        raise StorageError(
            f"{p}: cannot write the audio ({exc.strerror or exc}); free disk space or set "
            "VOICECOACH_HOME to a writable folder"
        ) from exc
    return p


def write_failure(path: Path) -> str:
    """Why writing to ``path`` fails, in the system's words ("No space left on device",
    "File too large"): libsndfile says only "System error."."""
    probe = path.with_name(f".{path.name}.probe.tmp")  # the file itself stays as it is
    try:
        size = path.stat().st_size if path.exists() else 0
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:  # one block where the file would grow next: fails as the writer did
            os.pwrite(fd, b"\0" * 65536, size)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        return exc.strerror or str(exc)
    finally:
        with contextlib.suppress(OSError):
            probe.unlink()
    return "the audio library could not write it"


@contextlib.contextmanager
def quiet_c_stderr() -> Iterator[None]:
    """Silence what C libraries (libsndfile, libmpg123) print on file descriptor 2 while
    decoding: our own one-line error says what went wrong. Python's stderr is untouched
    outside the block."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):  # no fd 2 (embedded, pytest capture)
        yield
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, 2)
        finally:
            os.close(null)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def duration_s(samples: FloatArray, sample_rate_hz: int = SAMPLE_RATE_HZ) -> float:
    return float(len(samples)) / sample_rate_hz


# A rendered line's voice ends with its last 10 ms this close to its loudest (dB): a
# synthetic voice's trailing silence is digital zero or near it (espeak: about 0.3 s)
SOUND_FLOOR_DB = 50.0
SOUND_FRAME_S = 0.01


def sound_end_s(samples: FloatArray, sample_rate_hz: int = SAMPLE_RATE_HZ) -> float:
    """Where ``samples`` stop sounding (s): the end of the last frame within
    :data:`SOUND_FLOOR_DB` of the loudest; 0.0 for silence."""
    frame = max(1, int(SOUND_FRAME_S * sample_rate_hz))
    n = len(samples) // frame
    if n == 0:
        return 0.0
    rms = np.sqrt(np.mean(np.square(samples[: n * frame].reshape(n, frame), dtype=np.float64), 1))
    peak = float(rms.max())
    if peak <= 0.0:
        return 0.0
    loud = np.nonzero(rms >= peak * 10 ** (-SOUND_FLOOR_DB / 20))[0]
    return float((loud[-1] + 1) * frame) / sample_rate_hz


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    # libsndfile repeats the path ("Error opening 'x.wav': ...") and, for a corrupt MP3,
    # says the file does not exist; the message already names the file, which does exist.
    text = re.sub(r"^Error opening '.*?': ", "", text)
    if text.startswith("File does not exist"):
        text = "unrecognised or corrupt data"
    return text.rstrip(".")[:120]
