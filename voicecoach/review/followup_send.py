"""Getting the thank-you email out: the clipboard, and a calendar reminder (.ics) for its
24-hour deadline.

The clipboard is the system's, reached through its command-line tool; none is required,
and a missing or failing tool is reported, never raised.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from voicecoach.errors import UserInputError
from voicecoach.review.followup import FollowupEmail

# Clipboard tools, in the order tried: Wayland, X11 (two tools), macOS, Windows.
CLIPBOARD_TOOLS: tuple[tuple[str, ...], ...] = (
    ("wl-copy",),
    ("xclip", "-selection", "clipboard"),
    ("xsel", "--clipboard", "--input"),
    ("pbcopy",),
    ("clip",),
)
CLIPBOARD_TIMEOUT_S = 5.0  # a tool waiting on a display that never answers must not hang us
REMINDER_LEAD_S = 2 * 3600  # the calendar entry starts two hours before the deadline
ALARM_BEFORE_MIN = 30  # ...and its alarm rings half an hour before that entry
ICS_LINE_OCTETS = 75  # RFC 5545: content lines are folded at 75 octets


@dataclass(frozen=True)
class Clipboard:
    tool: str | None  # the tool used, or the last one tried; None when none is installed
    copied: bool
    error: str = ""  # why a tool that is installed did not copy


def copy_to_clipboard(text: str, tools: tuple[tuple[str, ...], ...] = CLIPBOARD_TOOLS) -> Clipboard:
    """Copy ``text`` with the first clipboard tool that works; never raises."""
    tried: Clipboard = Clipboard(None, False)
    for command in tools:
        exe = shutil.which(command[0])
        if exe is None:
            continue
        try:
            done = subprocess.run(
                [exe, *command[1:]],
                input=text.encode("utf-8"),
                capture_output=True,
                timeout=CLIPBOARD_TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            tried = Clipboard(command[0], False, str(exc))
            continue
        if done.returncode == 0:
            return Clipboard(command[0], True)
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        tried = Clipboard(command[0], False, reason[-1] if reason else f"exit {done.returncode}")
    return tried


def _escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Split a content line into 75-octet pieces, continuations starting with a space."""
    out: list[str] = []
    current = ""
    for ch in line:
        limit = ICS_LINE_OCTETS - (1 if out else 0)
        if len((current + ch).encode("utf-8")) > limit:
            out.append(current)
            current = ""
        current += ch
    out.append(current)
    return [out[0], *(" " + piece for piece in out[1:])]


def _utc(epoch_s: float) -> str:
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(epoch_s))


def ics_text(email: FollowupEmail, *, now: float | None = None, uid: str | None = None) -> str:
    """A one-event calendar: 'send the thank-you', ending at the deadline, with an alarm."""
    who = email.recipient or "the interviewer"
    summary = f"Send the thank-you email to {who}"
    description = f"Due by {time.strftime('%a %d %b %H:%M', time.localtime(email.due_at))}.\n\n"
    description += f"Subject: {email.subject}\n\n{email.body}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//voicecoach//follow-up reminder//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid or uuid.uuid4()}@voicecoach",
        f"DTSTAMP:{_utc(time.time() if now is None else now)}",
        f"DTSTART:{_utc(email.due_at - REMINDER_LEAD_S)}",
        f"DTEND:{_utc(email.due_at)}",
        f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(description)}",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{_escape(summary)}",
        f"TRIGGER:-PT{ALARM_BEFORE_MIN}M",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(piece + "\r\n" for line in lines for piece in _fold(line))


def write_ics(email: FollowupEmail, path: Path, *, now: float | None = None) -> Path:
    """Write the reminder to ``path`` (atomically, with the CRLF line ends iCalendar needs)."""
    from voicecoach.atomic import replacing

    try:
        with replacing(path) as tmp:
            tmp.write_bytes(ics_text(email, now=now).encode("utf-8"))
    except OSError as exc:
        raise UserInputError(
            f"{path}: cannot write the calendar reminder ({exc.strerror or exc}); "
            "choose a folder that exists and that you can write to"
        ) from exc
    return path


def clipboard_hint() -> str:
    """The tool to install for this system, for the 'no clipboard' message."""
    if sys.platform == "darwin":
        return "pbcopy"
    if sys.platform == "win32":
        return "clip"
    return "wl-clipboard (Wayland) or xclip (X11)"
