"""Keep ALSA's own messages off the terminal.

alsa-lib prints its errors straight to the process's stderr ("ALSA lib pcm.c:8570:
(snd_pcm_recover) underrun occurred" when the interviewer's line underruns on a busy
machine). Those bytes bypass rich, so the live screen's idea of where its panel is goes
wrong and a piece of the panel is left in the scrollback (trial s10). PortAudio still
reports every failure that matters through its return codes, which voicecoach maps to
DeviceError; the messages themselves are dropped.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from typing import Any

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
