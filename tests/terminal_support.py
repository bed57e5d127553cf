"""A real terminal for the tests that drive a full-screen command: tmux on a private server.

Each ``Terminal`` starts its own tmux server on a socket of its own (``-S``), removed
after. On the shared default server, killing the last session makes the server exit; a
``new-session`` sent in that instant reaches the dying server and fails with "server exited
unexpectedly", which lost a CI run (stop 39). A server per terminal has no such window, and
a user's own tmux sessions are never touched.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

import pytest

_COUNTER = itertools.count(1)


class Terminal:
    """One command running in a tmux pane of ``width`` x ``height`` on a private server."""

    def __init__(self, command: str, width: int = 120, height: int = 40) -> None:
        if shutil.which("tmux") is None:
            pytest.fail("tmux is required for the terminal tests (apt-get install tmux)")
        # short and in /tmp: a socket's path may not be much longer than 100 bytes
        self.socket = Path(tempfile.gettempdir()) / f"vc-tmux-{os.getpid()}-{next(_COUNTER)}"
        self.session = "main"
        self._tmux("new-session", "-d", "-s", self.session, "-x", str(width), "-y", str(height),
                   command)  # fmt: skip

    def _tmux(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            ["tmux", "-S", str(self.socket), *args], capture_output=True, text=True, check=False
        )
        if check and done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args[:2])} failed: {done.stderr.strip()}")
        return done.stdout

    def send(self, *keys: str) -> None:
        """Type ``keys`` (tmux key names such as "q", "Right" or " ")."""
        self._tmux("send-keys", "-t", self.session, *keys)

    def screen(self, escapes: bool = False) -> str:
        """What the pane shows now (with colour escapes if asked)."""
        return self._tmux("capture-pane", "-p", "-t", self.session, *(["-e"] if escapes else []))

    def history(self) -> str:
        """Everything the pane has shown, wrapped lines joined."""
        return self._tmux("capture-pane", "-p", "-J", "-S", "-", "-t", self.session)

    def wait_for(self, text: str, timeout_s: float = 10.0) -> str:
        """The screen, once ``text`` is on it."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; screen:\n{self.screen()}")

    def close(self) -> None:
        self._tmux("kill-server", check=False)
        self.socket.unlink(missing_ok=True)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
