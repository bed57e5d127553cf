"""The interviewer's voice: text to a WAV file, through pyttsx3 (espeak-ng, SAPI5, macOS).

pyttsx3 is only ever asked to write files: one utterance per ``runAndWait`` (it runs only
the last command queued), an explicit rate every time (it sometimes ignores the default),
and never ``say()`` (on Linux it shells out to ``aplay``). Playing is the player's job
(:mod:`voicecoach.audio.devices`). See FIELD-NOTES, "Text to speech".

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
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from voicecoach.atomic import replacing
from voicecoach.errors import StorageError, VoiceError

NO_VOICE_FIX = "install espeak-ng (Debian: apt-get install espeak-ng libespeak-ng1)"
RENDER_ATTEMPTS = 4  # a render that lost its rate or wrote nothing is done again
MIN_WAV_BYTES = 45  # a WAV header alone is 44 bytes: anything less holds no audio
FINISH_TIMEOUT_S = 5.0  # espeak renders a prompt in ~20 ms; this is for a machine under load
IDLE_POLL_S = 0.001
APPLY_TIMEOUT_S = 0.25  # a running espeak applies a new rate within a few ms
DEFAULT_VOICE_HINTS = ("en-us", "english_rp", "english", "en")  # clearest voices to Whisper


class _NoAudio(Exception):
    """A render that wrote nothing (or lost its rate): the temporary file is dropped."""


class Speaker(Protocol):
    """Renders text to speech in a WAV file."""

    def render(self, text: str, path: Path) -> Path:
        """Write ``text`` spoken to ``path`` (WAV) and return the path."""
        ...


@dataclass(frozen=True)
class Voice:
    id: str  # what pyttsx3 selects it by
    name: str
    languages: tuple[str, ...] = ()  # e.g. ("en-us",); empty when the engine does not say

    @property
    def speaks_english(self) -> bool | None:
        """Does it read English as English? None when the engine names no language."""
        if not self.languages:
            return None
        return any(lang.lower().startswith("en") for lang in self.languages)


def foreign_voice_note(voice: Voice, wanted: str | None) -> str | None:
    """A one-line note when the voice asked for reads English with another language's
    rules: espeak-ng has a voice for names users may mean as a joke or a typo ("klingon"
    is its art/piqd), and the interviewer's English lines then come out garbled."""
    if wanted is None or voice.speaks_english is not False:
        return None
    return (
        f"Note: voice '{wanted}' (setting 'voice') is {voice.name} ({voice.id}), not an "
        "English voice, so the interviewer's lines will be hard to follow; "
        "`voicecoach devices --voices` lists the voices with their languages."
    )


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
        self.wanted = voice  # as the user named it (option or setting 'voice')
        self.voice = pick_voice(list_voices(), voice)

    def render(self, text: str, path: Path) -> Path:
        if not text.strip():
            raise VoiceError("nothing to say: a prompt is empty; check the scenario file")
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with _ENGINE_LOCK:
            for _attempt in range(RENDER_ATTEMPTS):
                try:
                    with replacing(path, keep_suffix=True) as tmp:  # SAPI5/macOS go by it
                        if not self._render_once(text, tmp):
                            raise _NoAudio
                    return path
                except _NoAudio:
                    _check_writable(path.parent)
        raise VoiceError(
            f"the text-to-speech voice '{self.voice.id}' wrote no audio to {path}; "
            f"try another voice (setting 'voice') or {NO_VOICE_FIX}"
        )

    def _render_once(self, text: str, tmp: Path) -> bool:
        """One utterance to ``tmp``; True once the file is complete, at the asked rate."""
        engine = _engine()
        espeak = _espeak_lib(engine)
        if espeak is None:
            return self._render_in_loop(engine, text, tmp)
        return self._render_espeak(engine, espeak, text, tmp)

    def _render_in_loop(self, engine: Any, text: str, tmp: Path) -> bool:
        """SAPI5 and macOS: a fresh engine each time, done when ``runAndWait`` returns."""
        engine.setProperty("voice", self.voice.id)
        engine.setProperty("rate", self.rate_wpm)
        engine.save_to_file(text, str(tmp))
        engine.runAndWait()
        return _wav_frames(tmp) > 0

    def _render_espeak(self, engine: Any, espeak: Any, text: str, tmp: Path) -> bool:
        """espeak: done when its thread says so, and with nothing left queued."""
        finished = threading.Event()
        token = engine.connect("finished-utterance", lambda **_kw: finished.set())
        # If espeak's callback fails (the file cannot be written), nothing ends pyttsx3's
        # loop: end it from here after the timeout.
        watchdog = threading.Timer(FINISH_TIMEOUT_S, _end_loop, (engine,))
        watchdog.daemon = True
        failed: list[BaseException] = []
        try:
            _wait_until_idle(espeak)
            _configure(engine, espeak, self.voice.id, self.rate_wpm)
            engine.save_to_file(text, str(tmp))
            # its callback prints "Audio saved to ..." on stdout, and raises into ctypes
            with (
                contextlib.redirect_stdout(io.StringIO()),
                _callback_errors(failed, then=lambda: _end_loop(engine)),
            ):
                deadline = time.monotonic() + FINISH_TIMEOUT_S
                watchdog.start()
                engine.runAndWait()
                if not failed:
                    finished.wait(max(0.0, deadline - time.monotonic()))
                _wait_until_idle(espeak)
        finally:
            watchdog.cancel()
            engine.disconnect(token)
        if failed or not (tmp.exists() and tmp.stat().st_size >= MIN_WAV_BYTES):
            return False
        if _espeak_rate(espeak) != self.rate_wpm:
            _applied.clear()  # the rate was dropped on the way: set it again and redo
            return False
        return finished.is_set()


_applied: dict[str, object] = {}  # the voice and rate espeak has now


def _configure(engine: Any, espeak: Any, voice_id: str, rate_wpm: int) -> None:
    """Set espeak's voice and rate when they change, and wait until they are applied.

    espeak takes a new rate through its queue, and pyttsx3 cancels that queue when
    ``runAndWait`` ends its loop while espeak is busy: a rate still queued then is lost.
    """
    wanted = {"voice": voice_id, "rate": rate_wpm}
    if _applied == wanted:
        return
    engine.setProperty("voice", voice_id)
    engine.setProperty("rate", rate_wpm)
    # A fresh espeak applies queued settings only with the next text (then nothing is
    # playing and nothing is cancelled): this wait ends on the deadline once per process.
    deadline = time.monotonic() + APPLY_TIMEOUT_S
    while time.monotonic() < deadline and (_espeak_rate(espeak) != rate_wpm or espeak.IsPlaying()):
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


_get_parameter: Any = None


def _espeak_rate(espeak: Any) -> int:
    """The rate espeak speaks at now. pyttsx3 binds ``espeak_GetParameter`` with one
    argument of its two, leaving ``current`` to chance: call it with both."""
    global _get_parameter
    if _get_parameter is None:
        import ctypes

        proto = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int, ctypes.c_int)
        _get_parameter = proto(("espeak_GetParameter", espeak.dll))
    return int(_get_parameter(espeak.RATE, 1))


def _wait_until_idle(espeak: Any) -> None:
    """Until espeak has nothing queued or playing."""
    deadline = time.monotonic() + FINISH_TIMEOUT_S
    while espeak.IsPlaying() and time.monotonic() < deadline:
        time.sleep(IDLE_POLL_S)


def _end_loop(engine: Any) -> None:
    """End the espeak driver's loop, which normally its callback ends. (The engine's own
    ``endLoop`` cannot: pyttsx3 has already run it, early, as ``runAndWait`` began.)"""
    driver = getattr(getattr(engine, "proxy", None), "_driver", None)
    if driver is not None:
        driver.endLoop()


@contextlib.contextmanager
def _callback_errors(failed: list[BaseException], then: Callable[[], None]) -> Iterator[None]:
    """Collect errors raised in pyttsx3's espeak callback, and call ``then``.

    They happen in espeak's thread, inside ctypes, which can only report them as
    "Exception ignored" with a traceback; the render reports them its own way.
    """
    previous = sys.unraisablehook

    def hook(unraisable: Any) -> None:
        if "_onSynth" in repr(unraisable.object) and unraisable.exc_value is not None:
            failed.append(unraisable.exc_value)
            then()
        else:
            previous(unraisable)

    sys.unraisablehook = hook
    try:
        yield
    finally:
        sys.unraisablehook = previous


def _wav_frames(path: Path) -> int:
    """Audio frames in the WAV at ``path``; 0 when it is missing or unreadable."""
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
_ENGINE: Any = None  # the espeak engine, kept alive for espeak's late callbacks


def _engine() -> Any:
    """With espeak, one engine for the process; SAPI5 and macOS, whose drivers misbehave
    on a reused engine (a second ``runAndWait`` stops the file being written), get a
    fresh one each time, as pyttsx3 gives when the last one is gone."""
    global _ENGINE
    with _ENGINE_LOCK:
        if _ENGINE is not None:
            return _ENGINE
        engine = _new_engine()
        if getattr(engine, "driver_name", None) == "espeak":
            _ENGINE = engine
        return engine


def _new_engine() -> Any:
    try:
        import pyttsx3
    except ImportError as exc:
        raise VoiceError(
            f"pyttsx3 is not installed: pip install pyttsx3, and {NO_VOICE_FIX}"
        ) from exc
    from voicecoach.audio.files import quiet_c_stderr

    try:
        with quiet_c_stderr():  # espeak's sound server notes (PulseAudio) are not ours
            return pyttsx3.init()
    except (OSError, RuntimeError, ImportError, KeyError) as exc:
        raise VoiceError(f"no text-to-speech voice found ({exc}): {NO_VOICE_FIX}") from exc


def _voice(v: Any) -> Voice:
    langs = tuple(
        lang.decode(errors="replace") if isinstance(lang, bytes) else str(lang)
        for lang in (getattr(v, "languages", None) or ())
    )
    return Voice(id=str(v.id), name=str(getattr(v, "name", "") or v.id), languages=langs)
