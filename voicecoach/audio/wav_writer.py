"""Writing an answer to disk while it is recorded: :class:`WavWriter` appends 16 kHz
blocks to a WAV from its own thread and flushes at least every :data:`FLUSH_EVERY_S`, so a
crash or Ctrl-C loses at most that much. The file is the owner's only (mode 0600).
"""

from __future__ import annotations

import contextlib
import os
import queue
import threading
import time
from pathlib import Path

import numpy as np

from voicecoach.audio.files import FloatArray, write_failure
from voicecoach.errors import StorageError
from voicecoach.settings import SAMPLE_RATE_HZ

FLUSH_EVERY_S = 0.5  # the answer WAV on disk is at most this far behind the microphone


class WavWriter:
    """Appends 16 kHz blocks to a WAV on disk from its own thread, flushing often."""

    def __init__(self, path: Path) -> None:
        import soundfile as sf

        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))  # a voice: the owner's only
        self._file = sf.SoundFile(
            str(path), "w", samplerate=SAMPLE_RATE_HZ, channels=1, subtype="PCM_16", format="WAV"
        )
        self._queue: queue.Queue[FloatArray | None] = queue.Queue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="answer-writer", daemon=True)
        self._thread.start()

    def put(self, chunk: FloatArray) -> None:
        self._queue.put(chunk)

    @property
    def failed(self) -> bool:
        """Writing failed (disk full?): stop recording, :meth:`close` says why."""
        return self._error is not None

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            why = self._error
            if not isinstance(why, OSError):  # libsndfile's "System error."
                why = write_failure(Path(self._file.name))  # type: ignore[assignment]
            raise StorageError(
                f"{self._file.name}: cannot write the answer ({why}); free disk space "
                "or set VOICECOACH_HOME to a writable folder"
            ) from self._error

    def _run(self) -> None:
        last_flush = time.monotonic()
        try:
            while True:
                try:
                    chunk = self._queue.get(timeout=FLUSH_EVERY_S)
                except queue.Empty:
                    chunk = np.zeros(0, np.float32)
                if chunk is None:
                    break
                if chunk.size:
                    self._file.write(np.clip(chunk, -1.0, 1.0))
                if time.monotonic() - last_flush >= FLUSH_EVERY_S:
                    self._file.flush()
                    last_flush = time.monotonic()
        except Exception as exc:  # reported by close(), in the recording thread
            self._error = exc
        finally:
            with contextlib.suppress(Exception):
                self._file.close()


__all__ = ["FLUSH_EVERY_S", "WavWriter"]
