"""Keep ALSA's and PortAudio's own messages off the terminal.

alsa-lib prints its errors straight to the process's stderr ("ALSA lib pcm.c:8570:
(snd_pcm_recover) underrun occurred" when the interviewer's line underruns on a busy
machine). Those bytes bypass rich, so the live screen's idea of where its panel is goes
wrong and a piece of the panel is left in the scrollback (trial s10). PortAudio still
reports every failure that matters through its return codes, which voicecoach maps to
DeviceError; the messages themselves are dropped.

PortAudio's ALSA host API writes its own trace lines to fd 2 as well ("Expression 'res'
failed in 'src/hostapi/alsa/pa_linux_alsa.c', line: 3502"), mostly when a stream is
stopped or closed under a write (trial s15, n then q in the replay). It has no handler to
set, so :func:`portaudio_quiet` holds fd 2 in a file around the calls that stop a stream
and writes back every line but those: Python's own errors are delayed, never lost.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import re
import sys
import tempfile
import threading
from collections.abc import Iterator
from typing import IO, Any

# The handler alsa-lib calls: (file, line, function, err, fmt, ...). The variadic tail
# is ignored; a callee may leave extra arguments unread.
_HANDLER_TYPE = ctypes.CFUNCTYPE(
    None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
)
_installed: list[Any] = []  # the C callback, kept alive for the life of the process


def _drop(file: bytes, line: int, function: bytes, err: int, fmt: bytes) -> None:
    """Say nothing."""


def quiet_alsa_errors() -> bool:
    """Route alsa-lib's error messages to a handler that drops them (once per process).
    False when there is no alsa-lib (not Linux, or PortAudio without ALSA)."""
    if _installed:
        return True
    name = ctypes.util.find_library("asound")
    if name is None:
        return False
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return False
    handler = _HANDLER_TYPE(_drop)
    lib.snd_lib_error_set_handler(handler)
    _installed.append(handler)
    return True


# PortAudio's PA_ENSURE trace: "Expression '<C>' failed in 'src/<file>', line: <n>"
_PORTAUDIO_LINE = re.compile(rb"^Expression '.*' failed in 'src/[^']*', line: \d+\s*$")
_fd2_lock = threading.Lock()
_held: list[Any] = []  # [saved fd 2, capture file, depth] while some thread holds fd 2


@contextlib.contextmanager
def portaudio_quiet() -> Iterator[None]:
    """Keep PortAudio's trace lines, written to fd 2 by the C library while in the block,
    off the terminal; anything else written to fd 2 meanwhile (a Python traceback from
    another thread) is written back when the block ends. Safe to nest and to use from
    several threads: fd 2 is given back when the last of them leaves."""
    held = _hold_fd2()
    try:
        yield
    finally:
        if held:
            _release_fd2()


def _hold_fd2() -> bool:
    with _fd2_lock:
        if _held:
            _held[2] += 1
            return True
        _flush_stderr()
        try:  # held until the last holder leaves: closed in _release_fd2
            capture: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        except OSError:  # no temporary file: say things as they come
            return False
        try:
            saved = os.dup(2)
        except OSError:  # no fd 2 to hold
            capture.close()
            return False
        os.dup2(capture.fileno(), 2)
        _held.extend([saved, capture, 1])
        return True


def _release_fd2() -> None:
    with _fd2_lock:
        _held[2] -= 1
        if _held[2] > 0:
            return
        saved, capture, _ = _held
        _held.clear()
        _flush_stderr()
        os.dup2(saved, 2)
        os.close(saved)
        capture.seek(0)
        kept = [line for line in capture.read().splitlines(keepends=True)
                if not _PORTAUDIO_LINE.match(line)]  # fmt: skip
        capture.close()
        data = b"".join(kept)
        with contextlib.suppress(OSError):
            while data:
                data = data[os.write(2, data) :]


def _flush_stderr() -> None:
    with contextlib.suppress(Exception):  # a closed or replaced sys.stderr
        sys.stderr.flush()
