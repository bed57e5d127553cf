"""Single key presses from the terminal, for the rehearsal and the replay.

The terminal is put in cbreak mode (keys arrive one by one, unechoed; Ctrl-C still
interrupts) and restored on the way out. When stdin is not a terminal (a pipe, CI), there
are no keys and the callers go on without them. :func:`interrupts_held` makes Ctrl-C wait
for a few steps that must happen together.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import threading
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


# Ctrl-C, and what the rehearsal's CLI turns into Ctrl-C (a closed terminal, `kill`)
HELD_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


@contextlib.contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C (and SIGTERM, SIGHUP) while in the block, then deliver each one caught
    as it would have been (the handler that was in place runs on the way out): for steps
    that must all happen or none. Keep the block short. Outside the main thread no signal
    can interrupt the block, so nothing is held."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    kinds = [getattr(signal, name) for name in HELD_SIGNALS if hasattr(signal, name)]
    # a handler set outside Python (getsignal None) cannot be put back: leave it alone
    kinds = [k for k in kinds if signal.getsignal(k) is not None]
    previous = {k: signal.signal(k, lambda signum, frame: held.append(signum)) for k in kinds}
    try:
        yield
    finally:
        for kind, handler in previous.items():
            signal.signal(kind, handler)
        raised: BaseException | None = None
        for signum in dict.fromkeys(held):  # once each, in the order they came
            try:
                signal.raise_signal(signum)
            except BaseException as exc:  # KeyboardInterrupt: the others still run first
                raised = raised or exc
        if raised is not None:
            raise raised


__all__ = ["KeySource", "NoKeys", "TerminalKeys", "cbreak_keys", "interrupts_held"]
