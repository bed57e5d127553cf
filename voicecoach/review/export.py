"""Export a session: a small registry of writers (``get_writer("vtt")``).

A whole session's subtitles put every turn on the replay's clock; the cues themselves come
from :mod:`voicecoach.subtitles`.
"""

from __future__ import annotations

import json
import os
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from voicecoach import atomic
from voicecoach.errors import StorageError, UserInputError
from voicecoach.subtitles import Cue, cues, srt, vtt

if TYPE_CHECKING:
    from voicecoach.sessions.store import Session, Turn


def session_cues(session: Session) -> tuple[Cue, ...]:
    """Cues for a whole session on one clock: each turn's prompt then answer, back to back.

    The clock is that of the replay: prompt audio, then answer audio, turn after turn.
    """
    from voicecoach.review.replay import turn_offsets

    out: list[Cue] = []
    for turn, prompt_start_s, answer_start_s in turn_offsets(session):
        if turn.prompt_text:
            end = answer_start_s if answer_start_s > prompt_start_s else prompt_start_s + 2.0
            out.append(Cue(prompt_start_s, end, f"Interviewer: {turn.prompt_text}", turn.n))
        if turn.transcript is not None:
            for c in cues(turn.transcript):
                start, end = c.start_s + answer_start_s, c.end_s + answer_start_s
                out.append(Cue(start, end, f"Candidate: {c.text}", turn.n))
    return tuple(out)


def turn_checks(session: Session, turn: Turn) -> list[dict[str, str]]:
    """``turn``'s rows as its live verdict, the replay and the report list them
    (``turn_checks.turn_lines`` on ``replay_view.turn_feedback``): a move an earlier answer
    made says so ("done in an earlier answer", or "unclear ... said in turn 1, not heard
    clearly"), where the turn's stored analysis reads "missing". None for an aside."""
    from dataclasses import asdict

    from voicecoach.analysis.turn_checks import turn_lines
    from voicecoach.analysis.wording import ASIDES
    from voicecoach.review.replay_view import turn_feedback

    a = turn_feedback(session, turn)
    if a is None or session.aside_of(turn) in ASIDES:
        return []
    return [asdict(line) for line in turn_lines(a, turn.expects)]


def session_json(session: Session) -> str:
    from voicecoach.analysis.wording import STOPPED_BEFORE_ANSWER
    from voicecoach.review.followup import draft_followup
    from voicecoach.review.replay_view import left_when_stopped

    data = json.loads((session.path / "manifest.json").read_text(encoding="utf-8"))
    data["turns"] = [
        {
            **next((t for t in data["turns"] if t["n"] == turn.n), {"n": turn.n}),
            "transcript": turn.transcript.to_dict() if turn.transcript else None,
            "analysis": turn.analysis.to_dict() if turn.analysis else None,
            "checks": turn_checks(session, turn),  # as its verdict showed them
            # stopped in this turn before a word: not answered, as every view says
            "stopped": STOPPED_BEFORE_ANSWER if left_when_stopped(session, turn) else "",
        }
        for turn in session.turns
    ]
    data["analysis"] = session.analysis.to_dict() if session.analysis else None
    email = draft_followup(session)
    data["followup"] = {
        "subject": email.subject, "body": email.body, "due_at": email.due_at,
        # what the draft was written from: topic ids, the interviewer's time phrase, and
        # what it makes up for (review.followup.REPAIR_NOTES)
        "topics": list(email.topics), "timeline": email.timeline, "repairs": list(email.repairs),
    }  # fmt: skip
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


Writer = Callable[["Session", Path], Path]


def _write_text(path: Path, text: str) -> Path:
    atomic.write_text(atomic.check_output(path).target, text)  # no FIFO, no device
    return path


def write_json(session: Session, path: Path) -> Path:
    return _write_text(path, session_json(session))


def write_vtt(session: Session, path: Path) -> Path:
    return _write_text(path, vtt(session_cues(session)))


def write_srt(session: Session, path: Path) -> Path:
    return _write_text(path, srt(session_cues(session)))


def write_zip(session: Session, path: Path) -> Path:
    """The whole session folder, as it is on disk, under a folder named by the ID."""
    return zip_folder(session.path, path)


def zip_folder(folder: Path, path: Path) -> Path:
    """Zip a session ``folder`` (damaged or not: it needs no parsing) to ``path``.

    Only regular files are taken, and symlinks are not followed: a link in the folder
    must not carry a file from outside the data directory into the archive.
    """
    with (
        atomic.replacing(atomic.check_output(path).target) as tmp,
        zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf,
    ):
        for root, dirs, files in os.walk(folder, followlinks=False):
            dirs.sort()
            for name in sorted(files):
                file = Path(root) / name
                if atomic.is_temporary(name) or not stat.S_ISREG(os.lstat(file).st_mode):
                    continue
                zf.write(file, f"{folder.name}/{file.relative_to(folder).as_posix()}")
    return path


WRITERS: dict[str, Writer] = {
    "json": write_json,
    "vtt": write_vtt,
    "srt": write_srt,
    "zip": write_zip,
}


def get_writer(fmt: str) -> Writer:
    try:
        return WRITERS[fmt]
    except KeyError:
        raise UserInputError(
            f"unknown export format {fmt!r}; choose one of: {', '.join(WRITERS)}"
        ) from None


def output_path(session_id: str, fmt: str, output: Path | None = None) -> Path:
    """Where an export goes: ``output``, ``<id>.<fmt>`` in it when it is a folder, or
    ``<id>.<fmt>`` here."""
    path = output or Path(f"{session_id}.{fmt}")
    if path.is_dir():
        path = path / f"{session_id}.{fmt}"
    if not path.parent.is_dir():
        what = "is a file, not a folder" if path.parent.exists() else "no such folder"
        raise UserInputError(f"{path.parent}: {what}; create it or pick another --output")
    return path


def export_session(session: Session | Path, fmt: str, output: Path | None = None) -> Path:
    """Write ``session`` in ``fmt`` to ``output`` (default ``<id>.<fmt>`` here). A zip
    takes a session folder as well (a damaged session can be zipped)."""
    writer = get_writer(fmt)
    session_id = session.name if isinstance(session, Path) else session.id
    path = output_path(session_id, fmt, output)
    try:
        if isinstance(session, Path):
            if fmt != "zip":
                raise UserInputError(f"{session}: only a zip can be made of a session folder")
            return zip_folder(session, path)
        return writer(session, path)
    except OSError as exc:
        raise StorageError(
            f"{path}: cannot write the export ({exc.strerror or exc}); pick another --output"
        ) from exc
