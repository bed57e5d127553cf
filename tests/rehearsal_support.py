"""Helpers for rehearsal tests: the real CLI in a subprocess, TTS answers, and finding a
prompt's sound in a recording."""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from voicecoach.audio.files import load_audio, write_wav
from voicecoach.audio.tts import Pyttsx3Speaker
from voicecoach.settings import SAMPLE_RATE_HZ


class Cli:
    """``voicecoach rehearse`` in a subprocess, its output read line by line."""

    def __init__(
        self, args: list[str], env: dict[str, str], preexec_fn: Callable[[], None] | None = None
    ) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "voicecoach", *args],
            env={**env, "PYTHONUNBUFFERED": "1", "COLUMNS": "200"},
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            preexec_fn=preexec_fn,
        )  # fmt: skip
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.output.append(line)
            self.lines.put(line)

    def wait_for(self, pattern: str, timeout_s: float = 60) -> str:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None and self.lines.empty():
                    break
                continue
            if re.search(pattern, line):
                return line
        raise AssertionError(f"no line matching {pattern!r}; output:\n{''.join(self.output)}")

    def finish(self, timeout_s: float = 120) -> int:
        return self.proc.wait(timeout=timeout_s)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                pipe.close()


def write_config(**settings: float) -> None:
    """This test's config.toml (in its VOICECOACH_HOME), for the rehearsals it starts.
    Live tests set ``last_answer_grace_s=0`` when their assertions are not about the wait
    after the last answer (3 s by default; test_turn_end_live.py tests it): the session is
    coached as soon as that answer ends."""
    from voicecoach.settings import check_setting

    path = Path(os.environ["VOICECOACH_HOME"]) / "config.toml"
    lines = [f"{key} = {check_setting(path, key, value)}" for key, value in settings.items()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def say(text: str, path: Path) -> Path:
    """A candidate's answer, spoken by TTS with a breath of silence before it."""
    raw = Pyttsx3Speaker(voice="gmw/en-us", rate_wpm=160).render(text, path.with_suffix(".tts.wav"))
    audio = load_audio(raw)
    return write_wav(path, np.concatenate([np.zeros(SAMPLE_RATE_HZ // 3, np.float32), audio]))


def envelope(a: np.ndarray) -> np.ndarray:
    return np.convolve(np.abs(a), np.ones(400) / 400, "valid")[::160]


def heard_in(clip: np.ndarray, recording: np.ndarray) -> float:
    """Best correlation of ``clip``'s loudness envelope anywhere in ``recording``."""
    e_clip, e_rec = envelope(clip), envelope(recording)
    a = (e_clip - e_clip.mean()) / (np.linalg.norm(e_clip - e_clip.mean()) + 1e-12)
    best = 0.0
    for k in range(0, len(e_rec) - len(e_clip), 2):
        window = e_rec[k : k + len(e_clip)]
        centred = window - window.mean()
        best = max(best, float(a @ centred) / (float(np.linalg.norm(centred)) + 1e-12))
    return best


def latest_session() -> Path:
    (folder,) = (Path(os.environ["VOICECOACH_HOME"]) / "sessions").iterdir()
    return folder
