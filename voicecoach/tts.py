"""The interviewer's voice: text to a WAV file, through pyttsx3 (espeak-ng, SAPI5, macOS).

pyttsx3 is only ever asked to write files: one utterance per ``runAndWait`` (it runs only
the last command queued), an explicit rate every time (it sometimes ignores the default),
and never ``say()`` (on Linux it shells out to ``aplay``). Playing is the player's job
(:mod:`voicecoach.devices`). See FIELD-NOTES, "Text to speech".

On Linux, pyttsx3 starts libespeak-ng in its asynchronous mode: ``runAndWait`` can return
before the file is written, and the file is then written from espeak's own thread. So a
render waits for pyttsx3's ``finished-utterance`` event, not for ``runAndWait``, and then
for espeak to fall idle: when ``runAndWait`` ends its loop, pyttsx3 cancels whatever espeak
still has queued, and a rate set while espeak was busy was silently dropped. Renders are
serialised, and one engine lives as long as the process, because espeak calls back into
the driver after ``runAndWait`` has returned (a collected engine made that callback raise
``ReferenceError`` in espeak's thread).
"""

from __future__ import annotations

import contextlib
import io
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from voicecoach.errors import StorageError, VoiceError

NO_VOICE_FIX = "install espeak-ng (Debian: apt-get install espeak-ng libespeak-ng1)"
RENDER_ATTEMPTS = 4  # a render that lost its rate or wrote nothing is done again
MIN_WAV_BYTES = 45  # a WAV header alone is 44 bytes: anything less holds no audio
FINISH_TIMEOUT_S = 5.0  # espeak renders a prompt in ~20 ms; this is for a machine under load
IDLE_POLL_S = 0.001
APPLY_TIMEOUT_S = 0.25  # a running espeak applies a new rate within a few ms
DEFAULT_VOICE_HINTS = ("en-us", "english_rp", "english", "en")  # clearest voices to Whisper


class Speaker(Protocol):
    """Renders text to speech in a WAV file."""

    def render(self, text: str, path: Path) -> Path:
        """Write ``text`` spoken to ``path`` (WAV) and return the path."""
        ...


@dataclass(frozen=True)
class Voice:
    id: str  # what pyttsx3 selects it by
    name: str
    languages: tuple[str, ...] = ()


def list_voices() -> tuple[Voice, ...]:
    """The text-to-speech voices installed (VoiceError when there is no TTS engine)."""
    return tuple(_voice(v) for v in _engine().getProperty("voices") or ())


def pick_voice(voices: tuple[Voice, ...], wanted: str | None) -> Voice:
    """The voice whose id or name is/contains ``wanted`` (case-insensitive).

    With ``wanted`` None: an English voice when there is one, else the first.
    """
    if not voices:
        raise VoiceError(f"no text-to-speech voice found: {NO_VOICE_FIX}")
    if wanted is None:
        for hint in DEFAULT_VOICE_HINTS:
            for v in voices:
                if v.id.lower().endswith("/" + hint) or v.id.lower() == hint:
                    return v
        return voices[0]
    key = wanted.strip().lower()
    for exact in (True, False):
        for v in voices:
            fields = (v.id.lower(), v.name.lower())
            if (key in fields) if exact else any(key in f for f in fields):
                return v
    sample = ", ".join(v.id for v in voices[:8])
    raise VoiceError(
        f"voice '{wanted}' (setting 'voice') not found; pick one of `voicecoach devices "
        f"--voices`, e.g. {sample}"
    )


class Pyttsx3Speaker:
    """The system's text-to-speech voice through pyttsx3, rendered to WAV files."""

    def __init__(self, voice: str | None = None, rate_wpm: int = 165) -> None:
        self.rate_wpm = rate_wpm
        self.voice = pick_voice(list_voices(), voice)

    def render(self, text: str, path: Path) -> Path:
        if not text.strip():
            raise VoiceError("nothing to say: a prompt is empty; check the scenario file")
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.stem + ".tts.wav")
        with _ENGINE_LOCK:
            for _attempt in range(RENDER_ATTEMPTS):
                tmp.unlink(missing_ok=True)
                if self._render_once(text, tmp):
                    os.replace(tmp, path)
                    return path
                _check_writable(path.parent)
        tmp.unlink(missing_ok=True)
        raise VoiceError(
            f"the text-to-speech voice '{self.voice.id}' wrote no audio to {path}; "
            f"try another voice (setting 'voice') or {NO_VOICE_FIX}"
        )

    def _render_once(self, text: str, tmp: Path) -> bool:
        """One utterance to ``tmp``; True once the file is complete, at the asked rate."""
        engine = _engine()
        finished = threading.Event()
        token = engine.connect("finished-utterance", lambda **_kw: finished.set())
        try:
            _wait_until_idle(engine)
            _configure(engine, self.voice.id, self.rate_wpm)
            engine.save_to_file(text, str(tmp))
            # pyttsx3's espeak driver prints "Audio saved to ..." on stdout
            espeak = _espeak_lib(engine)
            with contextlib.redirect_stdout(io.StringIO()):
                engine.runAndWait()
                if espeak is not None:  # SAPI5 and macOS return from runAndWait when done
                    finished.wait(FINISH_TIMEOUT_S)
                    _wait_until_idle(engine)
        finally:
            engine.disconnect(token)
        if not (tmp.exists() and tmp.stat().st_size >= MIN_WAV_BYTES):
            return False
        if espeak is None:
            return _wav_frames(tmp) > 0
        if engine.getProperty("rate") != self.rate_wpm:
            _applied.clear()  # the rate was dropped on the way: set it again and redo
            return False
        return finished.is_set()


_applied: dict[str, object] = {}  # the voice and rate espeak has now


def _configure(engine: Any, voice_id: str, rate_wpm: int) -> None:
    """Set the voice and rate; with espeak, only when they change, and wait until applied.

    espeak takes a new rate through its queue, and pyttsx3 cancels that queue when
    ``runAndWait`` ends its loop while espeak is busy: a rate still queued then is lost.
    """
    espeak = _espeak_lib(engine)
    if espeak is None:
        engine.setProperty("voice", voice_id)
        engine.setProperty("rate", rate_wpm)
        return
    wanted = {"voice": voice_id, "rate": rate_wpm}
    if _applied == wanted:
        return
    engine.setProperty("voice", voice_id)
    engine.setProperty("rate", rate_wpm)
    # A fresh espeak applies queued settings only with the next text (then nothing is
    # playing and nothing is cancelled): this wait ends on the deadline once per process.
    deadline = time.monotonic() + APPLY_TIMEOUT_S
    while time.monotonic() < deadline and (
        engine.getProperty("rate") != rate_wpm or espeak.IsPlaying()
    ):
        time.sleep(IDLE_POLL_S)
    _applied.clear()
    _applied.update(wanted)


def _espeak_lib(engine: Any) -> Any:
    """pyttsx3's binding of libespeak-ng when ``engine`` uses it, else None."""
    if getattr(engine, "driver_name", None) != "espeak":
        return None
    try:
        from pyttsx3.drivers import _espeak
    except (ImportError, OSError):
        return None
    return _espeak


def _wait_until_idle(engine: Any) -> None:
    """Until espeak has nothing queued or playing (other drivers render synchronously)."""
    espeak = _espeak_lib(engine)
    deadline = time.monotonic() + FINISH_TIMEOUT_S
    while espeak is not None and espeak.IsPlaying() and time.monotonic() < deadline:
        time.sleep(IDLE_POLL_S)


def _wav_frames(path: Path) -> int:
    import soundfile as sf

    try:
        return int(sf.info(str(path)).frames)
    except (RuntimeError, sf.LibsndfileError):
        return 0


def _check_writable(folder: Path) -> None:
    """Tell a full or read-only disk apart from a voice that wrote nothing."""
    probe = folder / ".tts-probe"
    try:
        probe.write_bytes(b"\0" * 4096)
    except OSError as exc:
        raise StorageError(
            f"{folder}: cannot write the prompt audio ({exc.strerror or exc}); free disk space "
            "or set VOICECOACH_HOME to a writable folder"
        ) from exc
    finally:
        probe.unlink(missing_ok=True)


_ENGINE_LOCK = threading.RLock()
_ENGINE: Any = None  # the one pyttsx3 engine, kept alive for espeak's late callbacks


def _engine() -> Any:
    global _ENGINE
    with _ENGINE_LOCK:
        if _ENGINE is None:
            _ENGINE = _new_engine()
        return _ENGINE


def _new_engine() -> Any:
    try:
        import pyttsx3
    except ImportError as exc:
        raise VoiceError(
            f"pyttsx3 is not installed: pip install pyttsx3, and {NO_VOICE_FIX}"
        ) from exc
    try:
        return pyttsx3.init()
    except (OSError, RuntimeError, ImportError, KeyError) as exc:
        raise VoiceError(f"no text-to-speech voice found ({exc}): {NO_VOICE_FIX}") from exc


def _voice(v: Any) -> Voice:
    langs = tuple(
        lang.decode(errors="replace") if isinstance(lang, bytes) else str(lang)
        for lang in (getattr(v, "languages", None) or ())
    )
    return Voice(id=str(v.id), name=str(getattr(v, "name", "") or v.id), languages=langs)
