"""Files of a session folder: atomic writes, validated reads, damage checks, WAV repair.

Internal to :mod:`voicecoach.sessions.store`. Readers raise :class:`Damaged` with a one-line reason
naming the file; the store turns that into a ``damaged`` listing or a SessionError.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import struct
from pathlib import Path
from typing import Any

from voicecoach import atomic
from voicecoach.analysis.results import Analysis
from voicecoach.errors import StorageError
from voicecoach.sessions.index import SessionSummary
from voicecoach.sessions.manifest import ManifestError, check_manifest
from voicecoach.sessions.metrics import NO_METRICS, metrics_of
from voicecoach.transcript import Transcript

MANIFEST = "manifest.json"
# What a turn's line asked for, written when it is played (a turn stopped before it was
# saved has only this, prompt.txt and its audio)
ASKED_FILE = "asked.json"


# What a turn's folder holds when its manifest record does not list its files (older
# sessions): the answer, its transcript and its analysis.
DEFAULT_TURN_FILES = ("answer.wav", "transcript.json", "analysis.json")


class Damaged(Exception):
    """A session file is missing or unreadable; the message names it."""


def turn_dir_name(n: int) -> str:
    return f"turn-{n:02d}"


# -- atomic writes -------------------------------------------------------------------------
def write_text(path: Path, text: str) -> None:
    try:
        atomic.write_text(path, text, durable=True)
    except OSError as exc:
        raise StorageError(
            f"{path}: cannot write ({exc.strerror}); check free space and permissions"
        ) from exc


def write_json(path: Path, data: Any) -> None:
    write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def audio_digest(path: Path) -> str | None:
    """The SHA-256 of an answer's audio file; None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


# -- validated reads -----------------------------------------------------------------------
def read_json(path: Path) -> dict[str, Any]:
    rel = f"{path.parent.name}/{path.name}"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise Damaged(f"{rel} is missing") from exc
    except OSError as exc:
        raise Damaged(f"{rel} is unreadable ({exc.strerror})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Damaged(f"{rel} is corrupt ({type(exc).__name__})") from exc
    if not isinstance(data, dict):
        raise Damaged(f"{rel} is corrupt (not a JSON object)")
    return data


def read_transcript(path: Path) -> Transcript:
    data = read_json(path)
    try:
        return Transcript.from_dict(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise Damaged(f"{path.parent.name}/{path.name} is corrupt (bad field {exc})") from exc


def read_analysis(path: Path) -> Analysis:
    data = read_json(path)
    try:
        return Analysis.from_dict(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise Damaged(f"{path.parent.name}/{path.name} is corrupt (bad field {exc})") from exc


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest, checked against its schema (:mod:`voicecoach.sessions.manifest`);
    every reader of a manifest goes through here. Damaged naming the field at fault."""
    try:
        return check_manifest(read_json(folder / MANIFEST), folder.name)
    except ManifestError as exc:
        raise Damaged(f"{MANIFEST} is corrupt ({exc})") from exc


def check_wav(path: Path) -> float:
    """Duration of a WAV file; Damaged when missing or not readable audio."""
    import soundfile as sf

    from voicecoach.audio.files import quiet_c_stderr

    rel = f"{path.parent.name}/{path.name}"
    try:
        with open(path, "rb"):  # tells missing and unreadable apart from bad audio
            pass
    except FileNotFoundError as exc:
        raise Damaged(f"{rel} is missing") from exc
    except OSError as exc:
        raise Damaged(f"{rel} is unreadable ({exc.strerror})") from exc
    try:
        with quiet_c_stderr():
            info = sf.info(str(path))
    except (sf.LibsndfileError, RuntimeError) as exc:
        raise Damaged(f"{rel} is not readable audio") from exc
    return float(info.duration)


def check_folder(folder: Path, manifest: dict[str, Any]) -> Analysis | None:
    """Check every file the manifest promises; return the session analysis if any."""
    for turn in manifest["turns"]:
        tdir = folder / turn_dir_name(int(turn["n"]))
        files = turn.get("files", list(DEFAULT_TURN_FILES))
        for name in files:
            if name.endswith(".wav"):
                check_wav(tdir / name)
            elif name in ("transcript.json",):
                read_transcript(tdir / name)
            elif name == "analysis.json":
                read_analysis(tdir / name)
            elif not os.path.lexists(tdir / name):
                raise Damaged(f"{tdir.name}/{name} is missing")
    if manifest.get("analysis"):
        return read_analysis(folder / "analysis.json")
    return None


def summarize(folder: Path, signature: str) -> SessionSummary:
    """One listing row for a folder, never raising for damage."""
    manifest: dict[str, Any] = {}
    try:
        manifest = read_manifest(folder)
        analysis = check_folder(folder, manifest)
    except (Damaged, OSError, ValueError, TypeError, KeyError) as exc:
        # a shape the schema did not foresee is damage too, never a failed listing
        if not isinstance(manifest, dict) or not isinstance(manifest.get("turns"), list):
            manifest = {}
        return SessionSummary(
            id=folder.name,
            started_at=_float(manifest.get("started_at")) or _damaged_start(folder),
            ended_at=None,
            scenario=str(manifest.get("scenario", "")),
            status="damaged",
            damage=str(exc) if isinstance(exc, Damaged) else f"unreadable ({exc})",
            engine=str(manifest.get("engine", "")),
            model=str(manifest.get("model", "")),
            turns=len(manifest.get("turns", [])),
            metrics=NO_METRICS,
            signature=signature,
        )
    return SessionSummary(
        id=folder.name,
        started_at=_float(manifest["started_at"]),
        ended_at=_float(manifest.get("ended_at")),
        scenario=str(manifest.get("scenario", "")),
        status=str(manifest["status"]),
        damage=None,
        engine=str(manifest.get("engine", "")),
        model=str(manifest.get("model", "")),
        turns=sum(1 for t in manifest["turns"] if not t.get("closing")),  # answered turns
        metrics=metrics_of(analysis),
        signature=signature,
        sample=str(manifest["sample"]) if manifest.get("sample") else None,
    )


def folder_signature(folder: Path) -> str:
    """A fingerprint of every file's name, size and mtime: changes when any file does."""
    h = hashlib.sha1()
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            try:
                st = os.stat(os.path.join(root, name))
            except OSError:
                continue
            h.update(
                f"{os.path.relpath(root, folder)}/{name}:{st.st_size}:{st.st_mtime_ns};".encode()
            )
    return h.hexdigest()


# -- writer liveness -----------------------------------------------------------------------
def pid_start_ticks(pid: int) -> int | None:
    """When the process started (Linux clock ticks), to tell a reused PID apart."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[19])


def writer_alive(folder: Path) -> bool:
    """Is the process that writes this session still running? (Unknown host: assume yes.)"""
    try:
        writer = read_manifest(folder).get("writer") or {}
    except Damaged:
        return False
    if writer.get("host") != socket.gethostname():
        return True  # another machine's process: we cannot tell, so do not touch it
    pid = writer.get("pid")
    if not isinstance(pid, int):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    ticks = writer.get("start_ticks")
    return ticks is None or pid_start_ticks(pid) in (None, ticks)


# -- WAV repair ----------------------------------------------------------------------------
def repair_wav(path: Path) -> bool:
    """Fix the RIFF and data sizes of a WAV whose writer was killed; True if it changed.

    A recorder killed mid-answer leaves the samples on disk but the header's sizes at 0;
    libsndfile copes, browsers do not.
    """
    try:
        with open(path, "r+b") as f:
            head = f.read(12)
            if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
                return False
            size = os.fstat(f.fileno()).st_size
            pos = 12
            while pos + 8 <= size:
                f.seek(pos)
                chunk_id, chunk_len = struct.unpack("<4sI", f.read(8))
                if chunk_id == b"data":
                    data_len = size - pos - 8
                    data_len -= data_len % 2  # keep whole 16-bit samples
                    if chunk_len != 0 and pos + 8 + chunk_len <= size:
                        return False  # sizes were finalised: nothing to repair
                    f.seek(4)
                    f.write(struct.pack("<I", pos + 8 + data_len - 8))
                    f.seek(pos + 4)
                    f.write(struct.pack("<I", data_len))
                    f.truncate(pos + 8 + data_len)
                    return True
                pos += 8 + chunk_len + (chunk_len % 2)
    except OSError:
        return False
    return False


def _float(v: object) -> float | None:
    return float(v) if isinstance(v, (int, float)) else None


def _damaged_start(folder: Path) -> float | None:
    """When a session without a readable manifest started: the time in its ID, to the
    second when the folder's own time falls in that minute (it is made at the start); when
    the folder was written after that minute, the minute's end (it started in it, and
    before the writes: a session begun in the last moments of a minute and finished in the
    next was listed before an older one of the same minute)."""
    from_id, made = _id_time(folder), _mtime(folder)
    if from_id is None:
        return made
    if made is None or made < from_id:
        return from_id
    return min(made, from_id + _LAST_OF_A_MINUTE_S)


_LAST_OF_A_MINUTE_S = 59.999


def _id_time(folder: Path) -> float | None:
    """When a session started, from its ID (20261123-2104-ab12cd), local time."""
    import time

    try:
        return time.mktime(time.strptime(folder.name[:13], "%Y%m%d-%H%M"))
    except (ValueError, OverflowError):
        return None


def _mtime(folder: Path) -> float | None:
    try:
        return folder.stat().st_mtime
    except OSError:
        return None
