"""Single key presses from the terminal, for the rehearsal and the replay.

The terminal is put in cbreak mode (keys arrive one by one, unechoed; Ctrl-C still
interrupts) and restored on the way out. When stdin is not a terminal (a pipe, CI), there
are no keys and the callers go on without them.
"""

from __future__ import annotations

import contextlib
import os
import select
import sys
import time
from collections.abc import Iterator
from typing import Any, ClassVar, Protocol


class KeySource(Protocol):
    def read(self, timeout_s: float) -> str | None:
        """The next key ("right"/"left" for arrows), or None after ``timeout_s``."""
        ...


class NoKeys:
    """Keys for a non-interactive run: none, just wait."""

    def read(self, timeout_s: float) -> str | None:
        time.sleep(timeout_s)
        return None


class TerminalKeys:
    """Single key presses from a terminal already in cbreak mode (POSIX)."""

    ARROWS: ClassVar[dict[str, str]] = {"\x1b[C": "right", "\x1b[D": "left"}

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def read(self, timeout_s: float) -> str | None:
        ready, _, _ = select.select([self.fd], [], [], timeout_s)
        if not ready:
            return None
        data = os.read(self.fd, 8).decode(errors="ignore")
        return self.ARROWS.get(data, data[:1] if data else None)


@contextlib.contextmanager
def cbreak_keys(stream: Any = None) -> Iterator[KeySource]:
    """:class:`TerminalKeys` while in the block when ``stream`` (default stdin) is a
    terminal, else :class:`NoKeys`; the terminal's mode is restored on exit."""
    stream = stream or sys.stdin
    if os.name != "posix" or not stream.isatty():
        yield NoKeys()
        return
    import termios
    import tty

    fd = stream.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        yield TerminalKeys(fd)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


__all__ = ["KeySource", "NoKeys", "TerminalKeys", "cbreak_keys"]
