"""Audio hardware: list and choose devices; the :class:`Player` interface and its two
implementations (:class:`SoundDevicePlayer`, and :class:`SilentPlayer` for ``--no-audio``).

The real parts use sounddevice (PortAudio), imported inside functions: ``import
sounddevice`` raises OSError when PortAudio is missing, and PortAudio scans devices once, at
import. Recording is in :mod:`voicecoach.audio.recorders`.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np

from voicecoach.errors import DeviceError

PORTAUDIO_FIX = (
    "install PortAudio (Debian: apt-get install libportaudio2; macOS: brew install portaudio)"
)
STREAM_STOP_WAIT_S = 3.0  # beyond the stream's latency; then it is left behind (stop_stream)
PLAY_BLOCK_FRAMES = 1024  # output block size: small enough to stop playback promptly

Kind = Literal["input", "output"]

__all__ = [
    "DeviceInfo",
    "Player",
    "SilentPlayer",
    "SoundDevicePlayer",
    "choose_device",
    "find_device",
    "list_devices",
    "sounddevice",
]


@dataclass(frozen=True)
class DeviceInfo:
    index: int
    name: str
    hostapi: str
    max_input_channels: int
    max_output_channels: int
    default_sample_rate_hz: int
    default_input: bool = False  # the system's default input device
    default_output: bool = False

    def label(self) -> str:
        return f"[{self.index}] {self.name}"

    def __str__(self) -> str:
        return self.label()


class Player(Protocol):
    def play(
        self,
        path: Path,
        stop: threading.Event | None = None,
        on_start: Callable[[float], None] | None = None,
    ) -> None:
        """Play the WAV at ``path``; return when done or when ``stop`` is set.
        ``on_start`` gets the time (``time.time()``) its first block goes out: opening an
        output stream can take a second on a busy machine."""
        ...


# -- device listing ------------------------------------------------------------------
def sounddevice() -> Any:
    """The sounddevice module, or DeviceError with the fix when PortAudio is missing."""
    try:
        import sounddevice as sd
    except OSError as exc:
        raise DeviceError(f"PortAudio library not found ({exc}): {PORTAUDIO_FIX}") from exc
    except ImportError as exc:
        raise DeviceError(f"sounddevice is not installed: pip install sounddevice ({exc})") from exc
    from voicecoach.audio.alsa_quiet import quiet_alsa_errors

    quiet_alsa_errors()  # alsa-lib writing to the terminal breaks the live screen
    return sd


def list_devices() -> tuple[DeviceInfo, ...]:
    sd = sounddevice()
    try:
        raw = sd.query_devices()
        default_in, default_out = (int(x) for x in sd.default.device)
        hostapis = sd.query_hostapis()
    except (sd.PortAudioError, ValueError) as exc:
        raise DeviceError(f"cannot list audio devices ({exc}); {PORTAUDIO_FIX}") from exc
    return tuple(
        DeviceInfo(
            index=int(d["index"]),
            name=str(d["name"]),
            hostapi=str(hostapis[d["hostapi"]]["name"]),
            max_input_channels=int(d["max_input_channels"]),
            max_output_channels=int(d["max_output_channels"]),
            default_sample_rate_hz=int(d["default_samplerate"]),
            default_input=int(d["index"]) == default_in,
            default_output=int(d["index"]) == default_out,
        )
        for d in raw
    )


def choose_device(
    spec: str | int | None,
    kind: Kind,
    devices: Sequence[DeviceInfo] | None = None,
    *,
    rehearsing: bool = True,
) -> DeviceInfo:
    """The device ``spec`` names (index, exact name, or name fragment); None = the default.
    ``rehearsing``: with no device at all, name the rehearsal's way round (recorded
    answers, no sound) besides connecting one."""
    devices = list_devices() if devices is None else tuple(devices)
    usable = [d for d in devices if _channels(d, kind) > 0]
    setting = f"{kind}_device"
    if not usable:
        what, instead = (
            ("microphone", "--answers FILE... to rehearse from recordings")
            if kind == "input"
            else ("speaker or headphones", "--no-audio to rehearse without sound")
        )
        fix = f"or use {instead}" if rehearsing else "and try again"
        raise DeviceError(
            f"no audio {kind} device found; connect a {what}, check `voicecoach devices`, {fix}"
        )
    if spec is None or str(spec).strip() == "":
        default = [d for d in usable if (d.default_input if kind == "input" else d.default_output)]
        return default[0] if default else usable[0]
    text = str(spec).strip()
    if text.isdigit():
        found = [d for d in usable if d.index == int(text)]
    else:
        found = [d for d in usable if d.name.lower() == text.lower()] or [
            d for d in usable if text.lower() in d.name.lower()
        ]
    if len(found) == 1:
        return found[0]
    what = "matches several devices" if found else "not found"
    listing = "; ".join(d.label() for d in (found or usable))
    raise DeviceError(
        f"{kind} device '{text}' {what} (--{kind}-device, or setting '{setting}'); available "
        f"{kind} devices: "
        f"{listing}; choose with `voicecoach devices --set-{kind} INDEX`"
    )


def find_device(spec: str | int | None, kind: Kind) -> DeviceInfo:
    """The device to use for ``kind`` (for `voicecoach doctor`): see :func:`choose_device`."""
    return choose_device(spec, kind)


def _channels(d: DeviceInfo, kind: Kind) -> int:
    return d.max_input_channels if kind == "input" else d.max_output_channels


# -- playing -------------------------------------------------------------------------
class SoundDevicePlayer:
    """Plays WAV files on an output device; blocking, stops early when ``stop`` is set."""

    def __init__(self, device: DeviceInfo | None = None, latency: str | float = "low") -> None:
        self.device = device
        self.latency = latency
        self.started_at: float | None = None  # time.time() the last prompt's first block went out
        self.output_latency_s = 0.0  # PortAudio's estimate from write to the speaker

    def play(
        self,
        path: Path,
        stop: threading.Event | None = None,
        on_start: Callable[[float], None] | None = None,
    ) -> None:
        import soundfile as sf

        sd = sounddevice()
        data, rate = sf.read(str(path), dtype="float32", always_2d=True)
        mono = np.ascontiguousarray(data.mean(axis=1, dtype=np.float32))
        label = self.device.label() if self.device else "default output"
        try:
            stream = sd.OutputStream(
                device=None if self.device is None else self.device.index,
                samplerate=rate,
                channels=1,
                dtype="float32",
                latency=self.latency,
                blocksize=PLAY_BLOCK_FRAMES,
            )
            try:
                stream.start()
                self.started_at, self.output_latency_s = time.time(), float(stream.latency)
                if on_start is not None:
                    on_start(self.started_at)
                for start in range(0, len(mono), PLAY_BLOCK_FRAMES):
                    if stop is not None and stop.is_set():
                        break
                    stream.write(mono[start : start + PLAY_BLOCK_FRAMES])
            finally:
                _end_stream(stream, drain=stop is None or not stop.is_set())
        except (sd.PortAudioError, ValueError) as exc:
            raise DeviceError(
                f"cannot play on output device {label} ({exc}); check it is connected, or "
                "choose another with `voicecoach devices --set-output`, or use --no-audio"
            ) from exc


def _end_stream(stream: Any, *, drain: bool) -> None:
    """Stop (``drain``: after what was written is heard) and close ``stream``; a failure
    to stop is raised, one to stop in time is not (see :func:`stop_stream`)."""
    failure = stop_stream(stream, drain=drain)
    if isinstance(failure, BaseException):
        raise failure


# Streams whose callback PortAudio may still call: held here until they are closed. A
# stream object freed while open frees its cffi callback under PortAudio's thread, and
# the next block crashes the process (a recorder dropped without close(): its finaliser
# stops the input, and this keeps the stream until that is done).
_OPEN_STREAMS: set[Any] = set()


def keep_alive(stream: Any) -> Any:
    """Hold ``stream`` (one with a callback) until :func:`stop_stream` closes it."""
    _OPEN_STREAMS.add(stream)
    return stream


def stop_stream(stream: Any, *, drain: bool = False) -> BaseException | bool:
    """Stop ``stream`` (``drain``: after what was written is heard, else at once) and close
    it, with PortAudio's trace lines kept off the terminal (see alsa_quiet). Returns True
    when done, the exception when a call failed, and False when the calls did not return
    within :data:`STREAM_STOP_WAIT_S` of the stream's latency.

    A sound server that dies under a stream (a USB microphone unplugged, PulseAudio
    killed) can leave these calls waiting for good on the lost connection, and the
    process with them: the rehearsal could then never say what happened or exit. So they
    run in a daemon thread; one that has not returned in time is left behind, and so is
    sounddevice's exit handler, which would stop and close that stream again at exit."""
    from voicecoach.audio.alsa_quiet import portaudio_quiet

    outcome: list[BaseException | bool] = []

    def run() -> None:
        try:
            stream.stop() if drain else stream.abort()
            stream.close()
            outcome.append(True)
        except BaseException as exc:  # given to the caller
            with contextlib.suppress(Exception):
                stream.close()
            outcome.append(exc)
        finally:
            if getattr(stream, "closed", True):  # PortAudio calls it no more
                _OPEN_STREAMS.discard(stream)

    worker = threading.Thread(target=run, name="stop-stream", daemon=True)
    latency = getattr(stream, "latency", 0.0)
    wait_s = STREAM_STOP_WAIT_S + (float(latency) if isinstance(latency, (int, float)) else 0.0)
    try:
        with portaudio_quiet():  # held by this thread: fd 2 is given back even if it hangs
            worker.start()
            worker.join(wait_s)
    except BaseException:  # Ctrl-C while it waits (the screen froze): still leave it behind
        if not outcome:  # (not is_alive(): an interrupted join can make it say False)
            _leave_portaudio_running()
        raise
    if outcome:
        return outcome[0]
    _leave_portaudio_running()
    return False


def _leave_portaudio_running() -> None:
    """Drop sounddevice's exit handler: with a stream stuck in its stop, the handler's own
    stop and close (and PortAudio's termination) would hang the exit."""
    import atexit

    handler = getattr(sounddevice(), "_exit_handler", None)
    if handler is not None:
        atexit.unregister(handler)


class SilentPlayer:
    """Plays nothing (``--no-audio``): the rendered prompts stay as files in the session."""

    def __init__(self) -> None:
        self.played: list[Path] = []  # what would have been played, in order

    def play(
        self,
        path: Path,
        stop: threading.Event | None = None,
        on_start: Callable[[float], None] | None = None,
    ) -> None:
        if not Path(path).exists():
            raise DeviceError(f"{path}: prompt audio missing; the TTS voice wrote nothing")
        self.played.append(Path(path))
        if on_start is not None:
            on_start(time.time())
