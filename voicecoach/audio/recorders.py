"""Recorders: an answer from the microphone (:class:`SoundDeviceRecorder`) or from a file
(:class:`FileRecorder`, for ``--answers``), both implementing :class:`Recorder`.

The PortAudio callback only queues blocks; :meth:`SoundDeviceRecorder.record` resamples
them to 16 kHz, runs the voice-activity endpointing (:class:`~voicecoach.audio.endpoint.Endpointer`)
and hands them to a writer thread that appends to the answer's WAV on disk, flushed at
least every :data:`FLUSH_EVERY_S`, so a crash or Ctrl-C loses at most that much.
"""

from __future__ import annotations

import contextlib
import math
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from voicecoach.audio.devices import DeviceInfo, keep_alive, sounddevice, stop_stream
from voicecoach.audio.endpoint import Endpointer, EndReason, RecordingStatus, block_db, meter_of
from voicecoach.audio.files import FloatArray, load_audio, write_wav
from voicecoach.audio.wav_writer import WavWriter
from voicecoach.errors import DeviceError
from voicecoach.settings import SAMPLE_RATE_HZ, Thresholds

POLL_S = 0.05  # how often the recording loop checks for a key press when no audio arrives
DEVICE_STALL_S = 2.0  # no audio for this long from a started stream = the device went away
FILE_BLOCK_SAMPLES = 1600  # answer files are streamed in 0.1 s blocks, like a microphone
StatusCallback = Callable[[RecordingStatus], None]
AudioCallback = Callable[[FloatArray], None]


@dataclass(frozen=True)
class Recording:
    path: Path  # the answer WAV (16 kHz mono)
    duration_s: float
    ended_by: EndReason
    speech_heard: bool  # the voice-activity detector heard speech at some point
    started_at: float  # time.time() when recording started
    ended_at: float  # time.time() when it stopped (the answer's end)
    device: str = ""  # device label, or the answer file for FileRecorder
    device_sample_rate_hz: int = SAMPLE_RATE_HZ  # the rate the device was opened at
    # an answer joined from parts (a continuation): the waiting between them left out of
    # its audio (the verdict on screen, the wait after a question), seconds
    left_out_s: float = 0.0
    audio: FloatArray = field(
        default_factory=lambda: np.zeros(0, np.float32), repr=False, compare=False
    )


class Recorder(Protocol):
    def record(
        self,
        path: Path,
        *,
        stop: threading.Event | None = None,
        on_status: StatusCallback | None = None,
        on_audio: AudioCallback | None = None,
        keep_open: bool = False,
        lead: FloatArray | None = None,
        forget: threading.Event | None = None,
    ) -> Recording:
        """Record one answer to ``path`` until ``stop``, trailing silence or the cap.

        ``on_status`` gets the level meter and timings a few times a second; ``on_audio``
        gets every 16 kHz block as it is written. Ctrl-C ends the answer and keeps it
        (``ended_by="interrupted"``); a vanished device also keeps it (``"device_lost"``).
        ``keep_open``: the input keeps running after this call, and the next call starts
        exactly where this one stopped (no sample lost; the rehearsal's barge-in listening);
        :meth:`close` it when no such call follows. ``lead``: the answer's first words,
        heard before this call (16 kHz; the candidate began over the interviewer's line):
        the recording starts with them, through the same callbacks and endpointing.
        ``forget``: set by the caller (from ``on_status``) when the speech heard so far is
        not the answer (:meth:`~voicecoach.audio.endpoint.Endpointer.forget`); the
        endpointing then waits for the first word again, and clears it.
        """
        ...

    def listen(self, *, stop: threading.Event, on_audio: AudioCallback) -> None:
        """Hear the input as :meth:`record` does (until ``stop`` or the endpointing's end)
        but keep none of it: no file, no recording; ``on_audio`` gets every 16 kHz block.
        The input keeps running for the next :meth:`record`, as with ``keep_open``
        (listening over the interviewer's line); :meth:`close` it when none follows."""
        ...

    def close(self) -> None:
        """Stop an input left running by ``keep_open`` (nothing when there is none)."""
        ...


class FileRecorder:
    """Takes the candidate's answers from audio files, in order (``--answers``).

    Each file is streamed through the same voice-activity endpointing and callbacks as a
    microphone, so the rest of the pipeline cannot tell: instantly, or with ``real_time``
    at speaking pace, so transcription keeps up while it "speaks" as it does live (the
    demo, whose feedback times are then the live ones).
    """

    def __init__(
        self,
        answers: Sequence[Path],
        thresholds: Thresholds | None = None,
        vad_factory: Callable[[], Any] | None = None,
        *,
        real_time: bool = False,
    ) -> None:
        self.real_time = real_time
        self.answers = [Path(a) for a in answers]
        self.used = 0
        self.thresholds = thresholds or Thresholds()
        self.vad_factory = vad_factory or _default_vad(self.thresholds)

    def record(
        self,
        path: Path,
        *,
        stop: threading.Event | None = None,
        on_status: StatusCallback | None = None,
        on_audio: AudioCallback | None = None,
        keep_open: bool = False,  # a file has no input to keep running
        lead: FloatArray | None = None,
        forget: threading.Event | None = None,
    ) -> Recording:
        if self.used >= len(self.answers):
            raise DeviceError(
                f"only {len(self.answers)} answer file(s) given for a longer scenario; pass one "
                "--answers file per turn"
            )
        source = self.answers[self.used]
        self.used += 1
        audio = load_audio(source)
        if lead is not None and len(lead):
            audio = np.concatenate([np.asarray(lead, np.float32), audio])
        started = time.time() - (len(lead) / SAMPLE_RATE_HZ if lead is not None else 0.0)
        write_wav(path, audio)  # StorageError naming the path and the reason
        endpointer = Endpointer(replace(self.thresholds, max_answer_s=math.inf))
        ended_by: EndReason = "file"
        vad = self.vad_factory()
        # A recorded answer is the candidate's whole answer: an end heard in one of its
        # pauses (live, the candidate would go on and barge in) waits for its last words.
        spoken_to = _last_speech_sample(audio, self.thresholds) if self.real_time else 0
        clock = time.monotonic()
        for start in range(0, len(audio), FILE_BLOCK_SAMPLES):
            block = audio[start : start + FILE_BLOCK_SAMPLES]
            if self.real_time:  # a microphone delivers a block once it has been spoken
                if stop is not None and stop.is_set() and start >= spoken_to:
                    ended_by = "key"  # the file is kept whole; the rest is its silence
                    break
                due = clock + (start + len(block)) / SAMPLE_RATE_HZ
                time.sleep(max(0.0, due - time.monotonic()))
            db = block_db(block)
            endpointer.feed(vad.feed(block), len(block) / SAMPLE_RATE_HZ, db)
            if on_audio is not None:
                on_audio(block)
            if on_status is not None:
                on_status(endpointer.status(meter_of(db)))
            _forget(endpointer, forget)
        return Recording(
            path=Path(path),
            duration_s=len(audio) / SAMPLE_RATE_HZ,
            ended_by=ended_by,
            speech_heard=endpointer.speech_heard,
            started_at=started,
            ended_at=time.time(),
            device=str(source),
            audio=audio,
        )

    def listen(self, *, stop: threading.Event, on_audio: AudioCallback) -> None:
        """A file has no input to hear before its answer: returns at once."""

    def close(self) -> None:
        """Nothing is left running between files."""


@dataclass(frozen=True)
class _Captured:
    """What :meth:`SoundDeviceRecorder._capture` heard, for a :class:`Recording`."""

    audio: FloatArray  # 16 kHz
    ended_by: EndReason
    speech_heard: bool
    started_at: float  # time.time()
    ended_at: float


@dataclass
class _Input:
    """An input stream with its queue of blocks and its resampler's state."""

    stream: Any
    blocks: queue.Queue[FloatArray]
    resampler: Any
    rate: int


class SoundDeviceRecorder:
    """Records from an input device at its default rate, resampled to 16 kHz on the fly."""

    def __init__(
        self,
        device: DeviceInfo | None = None,
        thresholds: Thresholds | None = None,
        *,
        sample_rate_hz: int | None = None,
        latency: str | float = "low",
        vad_factory: Callable[[], Any] | None = None,
    ) -> None:
        self.device = device
        self.thresholds = thresholds or Thresholds()
        self.sample_rate_hz = sample_rate_hz  # None = the device's default rate
        self.latency = latency
        self.vad_factory = vad_factory or _default_vad(self.thresholds)
        self._held: _Input | None = None  # left running by keep_open

    @property
    def label(self) -> str:
        return self.device.label() if self.device else "default input"

    def open_rate(self) -> int:
        """The rate to open at: the one asked for if the device takes it, else its default."""
        sd = sounddevice()
        index = None if self.device is None else self.device.index
        try:
            default = int(sd.query_devices(index, kind="input")["default_samplerate"])
        except (sd.PortAudioError, ValueError) as exc:
            raise DeviceError(
                f"no usable input device ({self.label}: {exc}); connect a microphone, check "
                "`voicecoach devices`, or use --answers"
            ) from exc
        for rate in (self.sample_rate_hz, default):
            if rate is None:
                continue
            try:
                sd.check_input_settings(device=index, channels=1, dtype="float32", samplerate=rate)
                return int(rate)
            except (sd.PortAudioError, ValueError):
                continue  # "Invalid sample rate": many microphones refuse 16 kHz
        raise DeviceError(
            f"input device {self.label} refuses mono float32 at {default} Hz; choose another "
            "with `voicecoach devices --set-input`"
        )

    def record(
        self,
        path: Path,
        *,
        stop: threading.Event | None = None,
        on_status: StatusCallback | None = None,
        on_audio: AudioCallback | None = None,
        keep_open: bool = False,
        lead: FloatArray | None = None,
        forget: threading.Event | None = None,
    ) -> Recording:
        vad = self.vad_factory()  # before the input is taken: Ctrl-C here leaves it held
        held, self._held = self._held, None
        source = held or self._open()
        try:
            writer = WavWriter(Path(path))
        except BaseException:
            if held is not None:
                self._held = held  # what it queued is for the next call
            else:
                _stop_stream(source.stream)
            raise
        captured = self._capture(
            source, held is None, writer, stop, on_status, on_audio, keep_open, lead, vad, forget
        )
        return Recording(
            path=Path(path),
            duration_s=len(captured.audio) / SAMPLE_RATE_HZ,
            ended_by=captured.ended_by,
            speech_heard=captured.speech_heard,
            started_at=captured.started_at,
            ended_at=captured.ended_at,
            device=self.label,
            device_sample_rate_hz=source.rate,
            audio=captured.audio,
        )

    def listen(self, *, stop: threading.Event, on_audio: AudioCallback) -> None:
        vad = self.vad_factory()
        held, self._held = self._held, None
        source = held or self._open()
        self._capture(source, held is None, None, stop, None, on_audio, True, None, vad)

    def _capture(
        self,
        source: _Input,
        start: bool,
        writer: WavWriter | None,
        stop: threading.Event | None,
        on_status: StatusCallback | None,
        on_audio: AudioCallback | None,
        keep_open: bool,
        lead: FloatArray | None,
        vad: Any,
        forget: threading.Event | None = None,
    ) -> _Captured:
        """Take ``source``'s blocks (starting its stream when ``start``) to ``writer`` and
        the callbacks until the answer ends; the input is held for the next call when
        ``keep_open`` and the answer ended normally, else stopped."""
        sd = sounddevice()
        endpointer = Endpointer(self.thresholds)
        kept: list[FloatArray] = []

        def take(block: FloatArray, last: bool = False) -> None:
            put(np.asarray(source.resampler.resample_chunk(block, last=last), np.float32))

        def put(chunk: FloatArray) -> None:  # 16 kHz
            if chunk.size == 0:
                return
            kept.append(chunk)
            if writer is not None:
                writer.put(chunk)
            if on_audio is not None:
                on_audio(chunk)
            db = block_db(chunk)
            endpointer.feed(vad.feed(chunk), len(chunk) / SAMPLE_RATE_HZ, db)
            if on_status is not None:
                on_status(endpointer.status(meter_of(db)))
            _forget(endpointer, forget)  # before the loop asks whether the answer ended

        started = time.time()
        reason: EndReason = "device_lost"
        try:
            if start:
                source.stream.start()
            if lead is not None and len(lead):  # said before this call: first, as heard
                started -= len(lead) / SAMPLE_RATE_HZ
                for at in range(0, len(lead), FILE_BLOCK_SAMPLES):
                    put(np.asarray(lead[at : at + FILE_BLOCK_SAMPLES], np.float32))
            reason = self._loop(source.blocks, source.stream, take, endpointer, stop, writer)
        except KeyboardInterrupt:
            reason = "interrupted"
        except (sd.PortAudioError, ValueError):
            reason = "device_lost"
        finally:
            ended = time.time()
            try:
                if keep_open and reason in ("key", "silence", "no_answer", "max_length"):
                    self._held = source  # the blocks still queued open the next recording
                else:
                    _stop_stream(source.stream)
                    while not source.blocks.empty():
                        take(source.blocks.get_nowait())
                    take(np.zeros(0, np.float32), last=True)
            finally:  # a second Ctrl-C in the drain still leaves a whole file
                if writer is not None:
                    writer.close()
        audio = np.concatenate(kept) if kept else np.zeros(0, np.float32)
        return _Captured(audio, reason, endpointer.speech_heard, started, ended)

    def close(self) -> None:
        held, self._held = self._held, None
        if held is not None:
            _stop_stream(held.stream)

    def __del__(self) -> None:
        # dropped without close(): an input left running would go on filling its queue,
        # with the microphone open, until the process ends
        held = getattr(self, "_held", None)
        if held is not None:
            with contextlib.suppress(Exception):
                _stop_stream(held.stream)

    def _open(self) -> _Input:
        import soxr

        sd = sounddevice()
        rate = self.open_rate()
        blocks: queue.Queue[FloatArray] = queue.Queue()

        def callback(indata: Any, frames: int, time_info: Any, status: Any) -> None:
            blocks.put(indata[:, 0].copy())  # nothing else here: never block PortAudio

        try:
            stream = sd.InputStream(
                device=None if self.device is None else self.device.index,
                samplerate=rate,
                channels=1,
                dtype="float32",
                latency=self.latency,
                callback=callback,
            )
        except (sd.PortAudioError, ValueError) as exc:
            raise DeviceError(
                f"cannot open input device {self.label} ({exc}); check it is connected or "
                "choose another with `voicecoach devices --set-input`"
            ) from exc
        resampler = soxr.ResampleStream(rate, SAMPLE_RATE_HZ, 1, dtype="float32")
        return _Input(keep_alive(stream), blocks, resampler, rate)

    def _loop(
        self,
        blocks: queue.Queue[FloatArray],
        stream: Any,
        take: Callable[[FloatArray], None],
        endpointer: Endpointer,
        stop: threading.Event | None,
        writer: WavWriter | None,
    ) -> EndReason:
        last_block = time.monotonic()
        # a failed writer: close() raises StorageError with the reason
        while writer is None or not writer.failed:
            if stop is not None and stop.is_set():
                return "key"
            try:
                block = blocks.get(timeout=POLL_S)
            except queue.Empty:
                if time.monotonic() - last_block > DEVICE_STALL_S or not stream.active:
                    return "device_lost"
                continue
            last_block = time.monotonic()
            take(block)
            if endpointer.reason is not None:
                return endpointer.reason
        return "interrupted"


def _forget(endpointer: Endpointer, forget: threading.Event | None) -> None:
    """Set the speech heard so far aside when the caller has said it is not the answer."""
    if forget is not None and forget.is_set():
        forget.clear()
        endpointer.forget()


def _last_speech_sample(audio: FloatArray, thresholds: Thresholds) -> int:
    """Where the last speech in a recorded answer ends (0 when it holds none)."""
    from voicecoach.audio.vad import speech_regions

    regions = speech_regions(audio, thresholds)
    return int(regions[-1][1] * SAMPLE_RATE_HZ) if regions else 0


def _stop_stream(stream: Any) -> None:
    # a vanished device may fail to close, or not return at all: the recording ends anyway
    stop_stream(stream)


def _default_vad(thresholds: Thresholds) -> Callable[[], Any]:
    def make() -> Any:
        from voicecoach.audio.vad import StreamingVad

        return StreamingVad(thresholds)

    return make
