"""The schema of ``manifest.json``, checked on every read.

A manifest is edited by nothing but voicecoach, yet disks, editors and half-restored
backups happen. Every reader goes through :func:`check_manifest`, so a wrong type anywhere
makes that one session "damaged" (with the field named) instead of a traceback in a
command about another session. Keys a writer added later (``plan``, ``history``,
``writer``) are optional; when present they are checked too.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

STATUSES = ("recording", "complete", "interrupted")
REQUIRED = ("id", "status", "started_at", "turns")


class ManifestError(ValueError):
    """The manifest breaks its schema; the message names the field, e.g. ``turns[1].n``."""


def _number(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _seconds(v: object) -> bool:
    """A length of time: a finite number, not negative."""
    return _number(v) and math.isfinite(v) and v >= 0  # type: ignore[arg-type,operator]


def _whole(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _text(v: object) -> bool:
    return isinstance(v, str)


def _texts(v: object) -> bool:
    return isinstance(v, list) and all(isinstance(e, str) for e in v)


def _or_none(check: Callable[[object], bool]) -> Callable[[object], bool]:
    return lambda v: v is None or check(v)


def _regions(v: object) -> bool:
    return isinstance(v, list) and all(
        isinstance(r, list) and len(r) == 2 and all(map(_number, r)) and 0 <= r[0] <= r[1]
        for r in v
    )


def _plain_names(v: object) -> bool:
    """File names joined to a turn folder: no separators, no parent references."""
    if not isinstance(v, list) or not _texts(v):
        return False
    return all(n and "/" not in n and "\\" not in n and n not in (".", "..") for n in v)


# field -> (check, what it must be); the session's top level, then each turn
TOP: dict[str, tuple[Callable[[object], bool], str]] = {
    "format": (_whole, "a whole number"),
    "id": (_text, "text"),
    "status": (lambda v: v in STATUSES, f"one of {', '.join(STATUSES)}"),
    "started_at": (_number, "a number (epoch seconds)"),
    "ended_at": (_or_none(_number), "a number or null"),
    "scenario": (_or_none(_text), "text"),
    "engine": (_or_none(_text), "text"),
    "model": (_or_none(_text), "text"),
    "seed": (_or_none(_whole), "a whole number or null"),
    "sample": (_or_none(_text), "text or null"),
    "profile": (_or_none(lambda v: isinstance(v, dict)), "an object"),
    "writer": (_or_none(lambda v: isinstance(v, dict)), "an object"),
    "analysis": (lambda v: isinstance(v, bool), "true or false"),
    "history": (lambda v: isinstance(v, list) and all(isinstance(e, dict) for e in v), "a list"),
    "turns": (lambda v: isinstance(v, list), "a list"),
    "plan": (
        lambda v: (
            isinstance(v, list)
            and all(isinstance(p, dict) and _texts(p.get("expects", [])) for p in v)
        ),
        "a list of {n, expects}",
    ),
}


def _cut_lines(v: object) -> bool:
    return isinstance(v, list) and all(
        isinstance(c, dict) and _text(c.get("text")) and _number(c.get("heard")) for c in v
    )


TURN: dict[str, tuple[Callable[[object], bool], str]] = {
    "prompt_text": (_text, "text"),
    "expects": (_texts, "a list of text"),
    "concern": (_or_none(_text), "text or null"),
    "speech_regions": (_regions, "a list of [start, end] pairs"),
    "answer_ended_at": (_or_none(_number), "a number or null"),
    "feedback_ready_at": (_or_none(_number), "a number or null"),
    "score": (_or_none(_whole), "a whole number or null"),
    "files": (_plain_names, "a list of plain file names"),
    "turn_id": (_or_none(_text), "text or null"),
    "reasons": (_texts, "a list of text"),
    "closing": (lambda v: isinstance(v, bool), "true or false"),  # a line with no answer
    "timeline": (_or_none(_text), "text or null"),  # the interviewer's next-steps line
    # the answer asked something of the conversation instead: "yes" (a bare yes, answered
    # "Go ahead."), "repeat" (the line said again), "probe_first" (asked for doubts before
    # any question: the questions are asked for after the doubt); see
    # rehearsal.conversation.aside
    "aside": (_or_none(_text), "text or null"),
    # earlier sayings of the line, stopped when the candidate went on with the answer before
    "cut_lines": (_cut_lines, "a list of {text, heard}"),
    "answered_at": (_or_none(_number), "a number or null"),  # the line answered this far in
    "began_at": (_or_none(_number), "a number or null"),  # ...where their speech began
    "line_s": (_or_none(_number), "a number or null"),  # ...and its length in seconds
    "spoken_s": (_or_none(_number), "a number or null"),  # ...to the end of its last word
    # the waiting a merged answer left out, which the live clock counted in (s; absent: 0)
    "left_out_s": (_seconds, "a number of seconds, 0 or more"),
    # where parts of the answer transcribed apart start (s; a continuation joined to it)
    "parts_s": (lambda v: isinstance(v, list) and all(_number(x) for x in v), "a list of numbers"),
    # the answer.wav its transcript was heard from: a re-analysis keeps that transcript
    # only while the audio is unchanged
    "answer_sha256": (_or_none(_text), "text or null"),
}


def check_manifest(data: object, folder_name: str) -> dict[str, Any]:
    """``data`` when it is a valid manifest of the folder ``folder_name``; ManifestError
    naming the first field at fault otherwise."""
    if not isinstance(data, dict):
        raise ManifestError("not a JSON object")
    missing = [k for k in REQUIRED if k not in data]
    if missing:
        raise ManifestError(f"no {', '.join(missing)}")
    for key, (check, what) in TOP.items():
        if key in data and not check(data[key]):
            raise ManifestError(f"{key} is not {what}")
    if data["id"] != folder_name:
        raise ManifestError(f"names session {data['id']!r}, not its folder {folder_name!r}")
    seen: set[int] = set()
    for i, turn in enumerate(data["turns"]):
        if not isinstance(turn, dict):
            raise ManifestError(f"turns[{i}] is not an object")
        n = turn.get("n")
        if not isinstance(n, int) or isinstance(n, bool) or n < 1:
            raise ManifestError(f"turns[{i}].n is not a whole number from 1")
        if n in seen:
            raise ManifestError(f"turns[{i}].n repeats turn {n}")
        seen.add(n)
        for key, (check, what) in TURN.items():
            if key in turn and not check(turn[key]):
                raise ManifestError(f"turns[{i}].{key} is not {what}")
    return data


__all__ = ["ManifestError", "check_manifest"]
