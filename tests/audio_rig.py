"""A virtual sound card for tests and benchmarks: a private PulseAudio server.

Layout (recipe in FIELD-NOTES): two null sinks at 16 kHz mono -- ``rig_speaker`` (where
the app's output goes; record ``rig_speaker.monitor`` to hear it) and ``rig_micfeed``
(play a WAV into it) -- and a remap source ``rig_mic`` over the feed's monitor, which
is the default input, so the app "hears" whatever is played into the feed.

``AudioRig(leak_db=-10)`` is the leaky variant: a loopback carries the speaker's output
into the microphone feed, attenuated and with the loopback's own delay (about
:data:`LEAK_LATENCY_MS`), so the app hears its own prompts as echo, as it would through a
laptop's loudspeaker.

Clients reach it with ``PULSE_SERVER`` (see :attr:`AudioRig.env`); PortAudio reaches it
through ALSA's pulse plugin (Debian ``libasound2-plugins``) as the devices ``pulse`` and
``default``. PortAudio scans devices when ``sounddevice`` is imported, so either start
the rig first, or run the app in a subprocess with :attr:`AudioRig.env` (what the
rehearsal tests do), or call :func:`rescan_sounddevice` after starting it.

Every process the rig starts is tracked and ended by :meth:`AudioRig.stop`, which also
runs at interpreter exit and when a ``with`` block fails.

    with AudioRig() as rig:
        rig.play_into_mic(Path("answer.wav"))
        with rig.record_speaker(Path("heard.wav")):
            ...
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SPEAKER = "rig_speaker"
MIC_FEED = "rig_micfeed"
MIC = "rig_mic"
RATE_HZ = 16_000
START_TIMEOUT_S = 10.0
NEEDED = ("pulseaudio", "pactl", "pacat", "paplay", "parec")
# What paplay keeps queued in the server ahead of the card. With 20 ms, a busy machine
# (paplay or the server not scheduled for longer than that) ran the stream dry and the
# server played silence into the answer mid-word, then the rest late: measured in stop 53,
# gaps of 0.18-1.4 s in 4 of 4 plays under load, which Whisper heard as "Tell me I'm out
# of the team". Played from a file, a deep queue costs nothing: the sound starts as soon
# as it is queued and paplay still returns when the card has played it all.
PLAY_BUFFER_MS = 2000
LEAK_LATENCY_MS = 20  # the loopback's target delay (a room adds a few ms; the devices' own
# buffers, which make up most of a real echo's delay, are already in the app's streams)


class RigError(RuntimeError):
    pass


class AudioRig:
    """A private PulseAudio server with a virtual speaker and microphone."""

    def __init__(self, root: Path | None = None, *, leak_db: float | None = None) -> None:
        missing = [tool for tool in NEEDED if shutil.which(tool) is None]
        if missing:
            raise RigError(
                f"missing {', '.join(missing)}: apt-get install pulseaudio pulseaudio-utils "
                "libasound2-plugins"
            )
        self._own_root = root is None
        self.root = Path(tempfile.mkdtemp(prefix="vc-rig-")) if root is None else root
        self.socket = self.root / "run" / "pulse" / "native"
        self.procs: list[subprocess.Popen[bytes]] = []
        self.leak_db = leak_db  # None: the speaker does not reach the microphone
        self._daemon: subprocess.Popen[bytes] | None = None
        self._log: Any = None

    # -- life cycle -------------------------------------------------------------------
    @property
    def env(self) -> dict[str, str]:
        """Environment for a client process: ``os.environ`` plus PULSE_SERVER."""
        return {**os.environ, "PULSE_SERVER": f"unix:{self.socket}"}

    @property
    def running(self) -> bool:
        return self._daemon is not None and self._daemon.poll() is None

    def start(self) -> AudioRig:
        (self.root / "home").mkdir(parents=True, exist_ok=True)
        self.socket.parent.mkdir(parents=True, exist_ok=True)
        script = self.root / "rig.pa"
        script.write_text(self._script(), encoding="utf-8")
        env = {
            **os.environ,
            "HOME": str(self.root / "home"),
            "XDG_RUNTIME_DIR": str(self.root / "run"),
        }
        env.pop("PULSE_SERVER", None)
        self._log = log = (self.root / "pulseaudio.log").open("wb")
        # --system=no and --disallow-exit: a per-user server even as root (it only warns),
        # which no client can shut down; -n: ignore the system default.pa.
        self._daemon = self._spawn(
            ["pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "--system=no",
             "--disallow-exit", "--disallow-module-loading=no", "--log-target=stderr",
             "-n", "-F", str(script)],
            env=env, stdout=log, stderr=log,
        )  # fmt: skip
        atexit.register(self.stop)
        self._wait_ready()
        # An idle null sink sleeps in blocks of up to 2 s: keep both busy with silence,
        # then cycle suspend so they restart on the short schedule.
        for sink in (SPEAKER, MIC_FEED):
            self._spawn(["pacat", "--playback", f"--device={sink}", "--rate=16000", "--channels=1",
                         "--format=s16le", "--latency-msec=20", "/dev/zero"])  # fmt: skip
        time.sleep(0.2)
        for sink in (SPEAKER, MIC_FEED):
            self.pactl("suspend-sink", sink, "1")
            self.pactl("suspend-sink", sink, "0")
        if self.leak_db is not None:
            self._leak(self.leak_db)
        return self

    def stop(self) -> None:
        """End every process this rig started (children first), then remove its folder."""
        for proc in reversed(self.procs):
            _end(proc)
        self.procs.clear()
        self._daemon = None
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._own_root:
            shutil.rmtree(self.root, ignore_errors=True)
        atexit.unregister(self.stop)

    def __enter__(self) -> AudioRig:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- control ----------------------------------------------------------------------
    def pactl(self, *args: str) -> str:
        done = subprocess.run(
            ["pactl", *args], env=self.env, capture_output=True, text=True, timeout=10
        )
        if done.returncode != 0:
            raise RigError(f"pactl {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def play_into_mic(self, wav: Path, *, wait: bool = True) -> subprocess.Popen[bytes]:
        """Play ``wav`` into the microphone feed (what the app records from ``rig_mic``),
        whole and without gaps even on a busy machine (:data:`PLAY_BUFFER_MS`)."""
        proc = self._spawn(
            ["paplay", f"--device={MIC_FEED}", f"--latency-msec={PLAY_BUFFER_MS}", str(wav)]
        )
        if wait:
            proc.wait(timeout=300)
            if proc.returncode != 0:
                raise RigError(f"paplay {wav} failed with status {proc.returncode}")
        return proc

    def record_speaker(self, wav: Path) -> contextlib.AbstractContextManager[Path]:
        """Record what the app plays (the speaker's monitor) to ``wav`` while in the block."""
        return self.record_source(f"{SPEAKER}.monitor", wav)

    def record_mic(self, wav: Path) -> contextlib.AbstractContextManager[Path]:
        """Record what the app's microphone hears (the candidate, and any leak) to ``wav``."""
        return self.record_source(f"{MIC_FEED}.monitor", wav)

    @contextlib.contextmanager
    def record_source(self, source: str, wav: Path) -> Iterator[Path]:
        proc = self._spawn(["parec", f"--device={source}", "--file-format=wav",
                            "--rate=16000", "--channels=1", "--format=s16le",
                            "--latency-msec=20", str(wav)])  # fmt: skip
        time.sleep(0.3)  # let the stream connect before anything is played
        try:
            yield wav
        finally:
            time.sleep(0.3)
            _end(proc, sig=signal.SIGINT)  # SIGINT makes parec finish the WAV header
            with contextlib.suppress(ValueError):
                self.procs.remove(proc)

    def unload_mic(self) -> None:
        """Remove the microphone source, as if the device were unplugged."""
        for line in self.pactl("list", "short", "modules").splitlines():
            if "module-remap-source" in line:
                self.pactl("unload-module", line.split()[0])

    # -- internals --------------------------------------------------------------------
    def _leak(self, gain_db: float) -> None:
        """Loop the speaker's monitor into the microphone feed at ``gain_db``."""
        self.pactl(
            "load-module", "module-loopback", f"source={SPEAKER}.monitor", f"sink={MIC_FEED}",
            f"latency_msec={LEAK_LATENCY_MS}", "source_dont_move=true", "sink_dont_move=true",
        )  # fmt: skip
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            for line in self.pactl("list", "short", "sink-inputs").splitlines():
                fields = line.split()  # index, sink, client ("-" here), driver, format
                if "module-loopback.c" in fields:
                    self.pactl("--", "set-sink-input-volume", fields[0], f"{gain_db}dB")
                    return
            time.sleep(0.05)
        raise RigError("the loopback from the speaker to the microphone did not start")

    def _script(self) -> str:
        spec = f"rate={RATE_HZ} channels=1 format=s16le"
        return "\n".join(
            [
                f"load-module module-native-protocol-unix auth-anonymous=1 socket={self.socket}",
                f"load-module module-null-sink sink_name={SPEAKER} {spec}"
                " sink_properties=device.description=VirtualSpeaker",
                f"load-module module-null-sink sink_name={MIC_FEED} {spec}"
                " sink_properties=device.description=VirtualMicFeed",
                f"load-module module-remap-source source_name={MIC} master={MIC_FEED}.monitor"
                f" {spec} source_properties=device.description=VirtualMic",
                f"set-default-sink {SPEAKER}",
                f"set-default-source {MIC}",
                "",
            ]
        )

    def _spawn(self, argv: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
        kwargs.setdefault("env", self.env)
        kwargs.setdefault("stdout", subprocess.DEVNULL)
        kwargs.setdefault("stderr", subprocess.DEVNULL)
        proc = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=_die_with_parent,
            **kwargs,
        )  # fmt: skip
        self.procs.append(proc)
        return proc

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._daemon is not None and self._daemon.poll() is not None:
                break
            if self.socket.exists():
                with contextlib.suppress(RigError, subprocess.TimeoutExpired):
                    if MIC in self.pactl("list", "short", "sources"):
                        return
            time.sleep(0.05)
        log = (self.root / "pulseaudio.log").read_text(errors="replace")[-2000:]
        self.stop()
        raise RigError(f"pulseaudio did not start:\n{log}")


def _die_with_parent() -> None:
    """In the child: get SIGTERM when the test process dies, even by SIGKILL (Linux)."""
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _end(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        proc.send_signal(sig)
    try:
        proc.wait(timeout=3)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            proc.kill()
        proc.wait(timeout=3)


def rescan_sounddevice() -> None:
    """Make an already imported sounddevice see the rig (PortAudio scans at start-up)."""
    import sounddevice as sd

    sd._terminate()
    sd._initialize()


_shared: AudioRig | None = None


def shared_rig() -> AudioRig:
    """One rig per test session, started on first use and stopped at exit."""
    global _shared
    if _shared is None or not _shared.running:
        _shared = AudioRig().start()
    return _shared


def stop_shared_rig() -> None:
    global _shared
    if _shared is not None:
        _shared.stop()
        _shared = None


try:  # the fixture, for test modules that `from audio_rig import audio_rig`
    import pytest

    @pytest.fixture(scope="session")
    def audio_rig() -> Iterator[AudioRig]:
        rig = shared_rig()
        os.environ["PULSE_SERVER"] = rig.env["PULSE_SERVER"]
        if "sounddevice" in sys.modules:  # imported before the rig existed: look again
            rescan_sounddevice()
        try:
            yield rig
        finally:
            os.environ.pop("PULSE_SERVER", None)
            stop_shared_rig()

except ImportError:  # pragma: no cover - the benchmark runs without pytest
    pass
