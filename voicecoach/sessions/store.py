"""Every rehearsal, kept on disk: one folder per session, and a SQLite index over them.

Layout under ``<home>/sessions/<id>/``::

    manifest.json        scenario, profile, engine, model, times, status, turns (see below)
    analysis.json        the whole closing judged across all turns (when finished)
    turn-01/prompt.wav   the interviewer's rendered prompt
    turn-01/answer.wav   the candidate's answer (the recorder appends to it live)
    turn-01/transcript.json, analysis.json, answer.vtt
    history/<stamp>/...  earlier transcripts and analyses kept by a re-analysis

The audio on disk is the source of truth; ``<home>/index.sqlite`` is a cache rebuilt from
the folders. Every file is written atomically (temp file, then ``os.replace``). A session
whose manifest still says ``recording`` while its writer process is gone is
``interrupted``; a folder with a missing or unreadable file is ``damaged`` and says why.

The rehearsal writes through :class:`~voicecoach.sessions.writer.SessionWriter`
(``Store().create(...)``); everything
else reads through :meth:`Store.list_sessions`, :meth:`Store.resolve` and :meth:`Store.load`.
"""

from __future__ import annotations

import dataclasses
import os
import re
import secrets
import shutil
import socket
import time
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any, Literal

from voicecoach.analysis.results import Analysis
from voicecoach.errors import SessionError, StorageError
from voicecoach.profile import Profile
from voicecoach.sessions.files import (
    MANIFEST,
    Damaged,
    folder_signature,
    pid_start_ticks,
    read_analysis,
    read_manifest,
    read_transcript,
    repair_wav,
    summarize,
    write_json,
    writer_alive,
)
from voicecoach.sessions.index import SessionIndex, SessionSummary
from voicecoach.sessions.records import (
    AnswerResults,
    Session,
    Turn,
    TurnPaths,
    load_session,
    replace_results,
)
from voicecoach.sessions.writer import SessionWriter

FORMAT_VERSION = 1  # manifest.json layout version
ID_PATTERN = re.compile(r"^\d{8}-\d{4}-[0-9a-f]{6}$")  # 20261123-2104-ab12cd: sortable by time
REF_PATTERN = re.compile(r"^[A-Za-z0-9-]{1,64}$")  # what a user may type as an ID
Status = Literal["recording", "complete", "interrupted"]


def new_session_id(now: float | None = None) -> str:
    stamp = time.strftime("%Y%m%d-%H%M", time.localtime(time.time() if now is None else now))
    return f"{stamp}-{secrets.token_hex(3)}"


def check_ref(ref: str) -> str:
    """Refuse anything that is not a plain ID (no slashes, dots or other path characters)."""
    if not REF_PATTERN.match(ref):
        raise SessionError(
            f"session ID {ref!r} is not valid: IDs hold only letters, digits and '-'; "
            "see `voicecoach sessions list`"
        )
    return ref


def profile_dict(profile: object | None) -> dict[str, Any]:
    """A job profile (any dataclass or mapping) as JSON-ready data."""
    if profile is None:
        return {}
    if dataclasses.is_dataclass(profile) and not isinstance(profile, type):
        data = dataclasses.asdict(profile)
    elif isinstance(profile, dict):
        data = dict(profile)
    else:
        raise TypeError(f"profile must be a dataclass or dict, not {type(profile).__name__}")
    return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}


class Store:
    def __init__(self, home: Path | None = None) -> None:
        if home is None:
            from voicecoach.settings import home_dir

            home = home_dir()
        self.home = Path(home)
        self._listed: dict[str, SessionSummary] = {}  # the last listing, by ID
        self.sessions_dir = self.home / "sessions"
        self.index = SessionIndex(self.home / "index.sqlite")

    # -- writing -----------------------------------------------------------------------
    def create(
        self,
        *,
        scenario: str,
        profile: Profile | dict[str, Any] | None,
        engine: str,
        model: str,
        seed: int | None = None,
        sample: str | None = None,
    ) -> SessionWriter:
        """Start a session folder (status ``recording``) and return its writer.

        ``sample``: the built-in sample candidate answered (the demo), not the user; such
        sessions are listed as samples and left out of the user's progress.
        """
        try:
            self.sessions_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            for _ in range(20):
                session_id = new_session_id()
                path = self.sessions_dir / session_id
                try:
                    path.mkdir(mode=0o700)  # a voice and a career: the owner's alone
                    break
                except FileExistsError:
                    continue
            else:  # pragma: no cover - 20 collisions of 24 random bits in one minute
                raise StorageError(f"{self.sessions_dir}: could not pick a new session ID")
        except OSError as exc:
            raise StorageError(
                f"{self.sessions_dir}: cannot create a session folder ({exc.strerror}); "
                "check free space and permissions, or set VOICECOACH_HOME"
            ) from exc
        pid = os.getpid()
        manifest: dict[str, Any] = {
            "format": FORMAT_VERSION,
            "id": session_id,
            "scenario": scenario,
            "profile": profile_dict(profile),
            "engine": engine,
            "model": model,
            "seed": seed,
            "sample": sample,
            "started_at": time.time(),
            "ended_at": None,
            "status": "recording",
            "writer": {
                "pid": pid,
                "host": socket.gethostname(),
                "start_ticks": pid_start_ticks(pid),
            },
            "turns": [],
            "analysis": False,
            "history": [],
        }
        writer = SessionWriter(self, session_id, path, manifest)
        writer.write_manifest()
        return writer

    # -- reading -----------------------------------------------------------------------
    def path_of(self, session_id: str) -> Path:
        return self.sessions_dir / check_ref(session_id)

    def _folders(self) -> list[Path]:
        try:
            if not self.sessions_dir.is_dir():
                return []
            return sorted(
                p
                for p in self.sessions_dir.iterdir()
                if p.is_dir() and REF_PATTERN.match(p.name) and not p.name.startswith(".")
            )
        except OSError as exc:
            raise StorageError(
                f"{self.sessions_dir}: cannot read the data directory ({exc.strerror}); "
                "fix its permissions or set VOICECOACH_HOME"
            ) from exc

    def list_sessions(self) -> list[SessionSummary]:
        """Every session, newest first. Damaged folders are listed with the reason."""
        cached = self.index.all()
        seen: set[str] = set()
        out: list[SessionSummary] = []
        for folder in self._folders():
            seen.add(folder.name)
            summary = self._summary(folder, cached.get(folder.name))
            out.append(summary)
        for gone in set(cached) - seen:
            self.index.delete(gone)
        return sorted(out, key=lambda s: (s.started_at or 0.0, s.id), reverse=True)

    def _summary(self, folder: Path, cached: SessionSummary | None) -> SessionSummary:
        """The folder's listing row; the index is written only when the row changed."""
        signature = folder_signature(folder)
        if cached is not None and cached.signature == signature and cached.status != "recording":
            return cached
        summary = summarize(folder, signature)
        if summary.status == "recording" and not writer_alive(folder) and self._recover(folder):
            summary = summarize(folder, folder_signature(folder))
        if summary != cached:
            self.index.upsert(summary)
        return summary

    def _recover(self, folder: Path) -> bool:
        """Mark a session whose writer died as interrupted and make its audio playable;
        False when the folder cannot be written (read-only, full): it stays as it is."""
        try:
            manifest = read_manifest(folder)
            last = 0.0
            for wav in sorted(folder.glob("turn-*/*.wav")):
                repair_wav(wav)
                last = max(last, wav.stat().st_mtime)
            manifest["status"] = "interrupted"
            manifest["ended_at"] = manifest.get("ended_at") or last or time.time()
            write_json(folder / MANIFEST, manifest)
        except (Damaged, StorageError, OSError):
            return False
        return True

    def _find(self, ref: str, *, last_may_be_damaged: bool = False) -> SessionSummary:
        """The listing row of :meth:`resolve`'s session."""
        session_id = self.resolve(ref, last_may_be_damaged=last_may_be_damaged)
        found = self._listed.get(session_id)
        return found or self._summary(self.path_of(session_id), self.index.all().get(session_id))

    def resolve(self, ref: str, *, last_may_be_damaged: bool = False) -> str:
        """A full ID, a unique prefix (of the ID or of its random tail), or ``last``.

        Case does not matter. ``last`` is the newest session that can be opened (the newest
        of all when ``last_may_be_damaged``, as for deleting).
        """
        ref = check_ref(ref).lower()
        summaries = self.list_sessions()
        self._listed = {s.id: s for s in summaries}
        if not summaries:
            raise SessionError(
                f"no sessions yet in {self.sessions_dir}; run `voicecoach rehearse` first"
            )
        if ref == "last":
            usable = [
                s
                for s in summaries
                if ID_PATTERN.match(s.id) and (last_may_be_damaged or s.status != "damaged")
            ]
            return (usable or summaries)[0].id
        ids = [s.id for s in summaries]
        exact = [i for i in ids if i.lower() == ref]
        if len(exact) == 1:
            return exact[0]
        matches = [
            i
            for i in ids
            if i.lower().startswith(ref) or i.rsplit("-", 1)[-1].lower().startswith(ref)
        ]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise SessionError(
                f"no session matches {ref!r}; see `voicecoach sessions list` for IDs"
            )
        shown = ", ".join(sorted(matches)[:5]) + (" ..." if len(matches) > 5 else "")
        raise SessionError(f"session ID {ref!r} is ambiguous ({shown}); type more of it")

    def load(self, ref: str, *, derived: Literal["strict", "lenient"] = "strict") -> Session:
        """The whole session (transcripts and analyses loaded); SessionError if damaged.

        ``derived="lenient"`` (for a re-analysis, which rebuilds them) needs only a valid
        manifest: a corrupt or missing transcript or analysis loads as None.
        """
        summary = self._find(ref)
        session_id, folder = summary.id, self.path_of(summary.id)
        if summary.status == "damaged" and derived == "strict":
            raise SessionError(
                f"session {session_id} is damaged: {summary.damage}; restore the file, "
                f"rebuild it from the audio with `voicecoach analyze --session {session_id}`, "
                f"or remove the session with `voicecoach sessions delete {session_id}`"
            )
        try:
            return load_session(folder, lenient=derived == "lenient")
        except (Damaged, OSError) as exc:
            raise SessionError(f"session {session_id} is damaged: {exc}") from exc

    def folder_of(self, ref: str) -> Path:
        """The folder of session ``ref`` whatever its state (damaged ones too)."""
        return self.path_of(self.resolve(ref, last_may_be_damaged=True))

    def delete(self, ref: str) -> str:
        summary = self._find(ref, last_may_be_damaged=True)
        session_id, folder = summary.id, self.path_of(summary.id)
        if summary.status == "recording":
            raise SessionError(
                f"session {session_id} is still being recorded; finish or stop that "
                "rehearsal first, then delete it"
            )
        for leftover in self.sessions_dir.glob(".deleting-*"):  # an earlier delete was cut short
            shutil.rmtree(leftover, ignore_errors=True)
        trash = folder.with_name(f".deleting-{session_id}")
        try:
            os.replace(folder, trash)  # atomic: the session vanishes at once
            shutil.rmtree(trash)
        except OSError as exc:
            raise StorageError(
                f"{folder}: cannot delete ({exc.strerror}); check permissions"
            ) from exc
        self.index.delete(session_id)
        return session_id

    def replace_results(
        self,
        ref: str,
        turns: Mapping[int, AnswerResults],
        analysis: Analysis | None,
        *,
        engine: str,
        model: str,
        audio_gone: Collection[int] = (),
        heard_again: Collection[int] = (),
    ) -> Path | None:
        """Store new transcripts and analyses, keeping the earlier ones under ``history/``
        (``audio_gone``, ``heard_again``: see :func:`.records.replace_results`).

        Returns the history folder that holds the earlier results; None when the session
        already held these results (nothing written, no history added). Ctrl-C waits until
        every file and the manifest are written: a session must not keep new transcripts
        beside old analyses.
        """
        from voicecoach.terminal import interrupts_held

        session = self.load(ref, derived="lenient")
        with interrupts_held():
            kept = replace_results(
                session, turns, analysis, engine=engine, model=model, audio_gone=audio_gone,
                heard_again=heard_again,
            )  # fmt: skip
        self._summary(session.path, self.index.all().get(session.id))
        return kept

    def reindex(self) -> list[SessionSummary]:
        """Drop the index and rebuild it from the session folders."""
        self.index.clear()
        return self.list_sessions()


__all__ = [
    "AnswerResults",
    "Session",
    "SessionSummary",
    "SessionWriter",
    "Store",
    "Turn",
    "TurnPaths",
    "check_ref",
    "new_session_id",
    "read_analysis",
    "read_transcript",
]
