"""Export a session: a small registry of writers (``get_writer("vtt")``).

Subtitle cues follow the transcript's segments; a long segment is split at sentence ends
(from word timings) so one cue never runs past :data:`MAX_CUE_S`.
"""

from __future__ import annotations

import contextlib
import json
import os
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from voicecoach.errors import StorageError, UserInputError
from voicecoach.transcript import Transcript, Word

if TYPE_CHECKING:
    from voicecoach.store import Session

MAX_CUE_S = 7.0  # cues longer than this are split at a sentence end, for readability
SENTENCE_END = (".", "?", "!")


@dataclass(frozen=True)
class Cue:
    start_s: float
    end_s: float
    text: str
    turn: int | None = None  # set when a whole session is exported


def cues(transcript: Transcript) -> tuple[Cue, ...]:
    """Subtitle cues: one per segment, split at sentence ends when long."""
    out: list[Cue] = []
    for seg in transcript.segments:
        if not seg.text.strip():
            continue
        if not seg.words or seg.end_s - seg.start_s <= MAX_CUE_S:
            out.append(Cue(seg.start_s, seg.end_s, seg.text.strip()))
            continue
        out.extend(_split_words(seg.words))
    return tuple(out)


def _split_words(words: tuple[Word, ...]) -> Iterator[Cue]:
    group: list[Word] = []
    for w in words:
        group.append(w)
        long_enough = group[-1].end_s - group[0].start_s >= MAX_CUE_S / 2
        if (w.text.rstrip().endswith(SENTENCE_END) and long_enough) or (
            group[-1].end_s - group[0].start_s >= MAX_CUE_S
        ):
            yield _cue(group)
            group = []
    if group:
        yield _cue(group)


def _cue(words: list[Word]) -> Cue:
    return Cue(words[0].start_s, words[-1].end_s, " ".join(w.text.strip() for w in words))


def _stamp(seconds: float, sep: str) -> str:
    ms = max(0, round(seconds * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def vtt_text(transcript: Transcript) -> str:
    """WebVTT of one answer."""
    return _vtt(cues(transcript))


def _vtt(items: tuple[Cue, ...]) -> str:
    lines = ["WEBVTT", ""]
    for c in items:
        lines.append(f"{_stamp(c.start_s, '.')} --> {_stamp(c.end_s, '.')}")
        lines.append(c.text.replace("-->", "->"))
        lines.append("")
    return "\n".join(lines)


def _srt(items: tuple[Cue, ...]) -> str:
    lines: list[str] = []
    for i, c in enumerate(items, start=1):
        lines += [str(i), f"{_stamp(c.start_s, ',')} --> {_stamp(c.end_s, ',')}", c.text, ""]
    return "\n".join(lines)


def session_cues(session: Session) -> tuple[Cue, ...]:
    """Cues for a whole session on one clock: each turn's prompt then answer, back to back.

    The clock is that of the replay: prompt audio, then answer audio, turn after turn.
    """
    from voicecoach.replay import turn_offsets

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


def session_json(session: Session) -> str:
    from voicecoach.followup import draft_followup

    data = json.loads((session.path / "manifest.json").read_text(encoding="utf-8"))
    data["turns"] = [
        {
            **next((t for t in data["turns"] if t["n"] == turn.n), {"n": turn.n}),
            "transcript": turn.transcript.to_dict() if turn.transcript else None,
            "analysis": turn.analysis.to_dict() if turn.analysis else None,
        }
        for turn in session.turns
    ]
    data["analysis"] = session.analysis.to_dict() if session.analysis else None
    email = draft_followup(session)
    data["followup"] = {"subject": email.subject, "body": email.body, "due_at": email.due_at}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


Writer = Callable[["Session", Path], Path]


def _write_text(path: Path, text: str) -> Path:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def write_json(session: Session, path: Path) -> Path:
    return _write_text(path, session_json(session))


def write_vtt(session: Session, path: Path) -> Path:
    return _write_text(path, _vtt(session_cues(session)))


def write_srt(session: Session, path: Path) -> Path:
    return _write_text(path, _srt(session_cues(session)))


def write_zip(session: Session, path: Path) -> Path:
    """The whole session folder, as it is on disk, under a folder named by the ID."""
    tmp = path.with_name(f".{path.name}.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for file in sorted(session.path.rglob("*")):
            if file.is_file() and not file.name.endswith((".tmp", ".part")):
                zf.write(file, f"{session.id}/{file.relative_to(session.path).as_posix()}")
    os.replace(tmp, path)
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


def export_session(session: Session, fmt: str, output: Path | None = None) -> Path:
    """Write ``session`` in ``fmt`` to ``output`` (default ``<id>.<fmt>`` here)."""
    writer = get_writer(fmt)
    path = output or Path(f"{session.id}.{fmt}")
    if path.is_dir():
        path = path / f"{session.id}.{fmt}"
    if not path.parent.is_dir():
        what = "is a file, not a folder" if path.parent.exists() else "no such folder"
        raise UserInputError(f"{path.parent}: {what}; create it or pick another --output")
    try:
        return writer(session, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            path.with_name(f".{path.name}.tmp").unlink(missing_ok=True)
        raise StorageError(
            f"{path}: cannot write the export ({exc.strerror or exc}); pick another --output"
        ) from exc
