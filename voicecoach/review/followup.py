"""The thank-you email, drafted from a rehearsal: due 24 hours after the interview.

The reminder of fit is the candidate's own words: their strongest recap sentences, with
fillers and stumbles taken out. All other wording is the product's.
"""

from __future__ import annotations

import re
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from voicecoach.analysis.results import Analysis, Sentence

if TYPE_CHECKING:
    from voicecoach.sessions.store import Session

FOLLOWUP_DUE_S = 24 * 3600  # the playbook: send the thank-you within 24 hours
MAX_FIT_POINTS = 3  # a reminder, not a second recap
FIT_WORDS_MIN = 6  # shorter recap sentences say too little to quote back
FIT_WORDS_MAX = 45  # longer ones are rambles

# Spoken clutter removed when quoting the candidate back in writing.
_FILLERS = re.compile(
    r",?\s*(?<![\w'])(?:um+|uh+|erm|er|ah+|hmm+|you know|i mean|basically|literally|"
    r"sort of|kind of)(?![\w'])[,]?",
    re.IGNORECASE,
)
_OPENER = re.compile(r"^(?:so|well|and|but|okay|yeah)\b[,]?\s+", re.IGNORECASE)
_LIKE = re.compile(r",\s*like,\s*", re.IGNORECASE)
_REPEAT = re.compile(r"\b(\w+)(\s+\1\b)+", re.IGNORECASE)  # "I I led" -> "I led"
_SPACES = re.compile(r"\s+([,.?!])|\s{2,}")


@dataclass(frozen=True)
class FollowupEmail:
    recipient: str  # the interviewer's name, or "" when the profile has none
    subject: str
    body: str
    fit_points: tuple[str, ...]  # the candidate's cleaned recap sentences quoted in the body
    due_at: float  # epoch seconds: the session's end + 24 h
    session_ended_at: float


def clean_spoken(text: str) -> str:
    """Tidy a spoken sentence for writing: no fillers, no stutters, a capital and a stop."""
    out = _LIKE.sub(", ", text)
    out = _FILLERS.sub(" ", out)
    out = _REPEAT.sub(r"\1", out)
    out = _OPENER.sub("", out.strip())
    out = _SPACES.sub(lambda m: m.group(1) or " ", out).strip(" ,")
    if not out:
        return ""
    out = out[0].upper() + out[1:]
    return out if out.endswith((".", "!", "?")) else out + "."


def _fit_rank(
    sentence: Sentence, strengths: Sequence[str], recap_turns: Collection[int]
) -> tuple[bool, int, int]:
    lowered = sentence.text.lower()
    named = sum(1 for s in strengths if s and s.lower() in lowered)
    return (sentence.turn in recap_turns, named, len(sentence.text.split()))


def fit_points(
    analyses: Sequence[Analysis],
    strengths: Sequence[str] = (),
    recap_turns: Collection[int] = (),
) -> tuple[str, ...]:
    """The candidate's strongest recap sentences: said when a recap was asked for
    (``recap_turns``), naming the most profile strengths, then the fuller ones."""
    seen: set[str] = set()
    candidates: list[tuple[int, Sentence]] = []
    for analysis in analyses:
        for s in analysis.sentences:
            words = len(s.text.split())
            key = s.text.strip().lower()
            if (
                "recap" in s.moves
                and "question" not in s.moves
                and FIT_WORDS_MIN <= words <= FIT_WORDS_MAX
                and key not in seen
            ):
                seen.add(key)
                candidates.append((len(candidates), s))
    if any(s.turn in recap_turns for _, s in candidates):  # the recap the prompt asked for
        candidates = [c for c in candidates if c[1].turn in recap_turns]
    best = sorted(candidates, key=lambda c: _fit_rank(c[1], strengths, recap_turns), reverse=True)
    kept = sorted(best[:MAX_FIT_POINTS], key=lambda c: c[0])  # keep the order they were said
    return tuple(p for p in (clean_spoken(s.text) for _, s in kept) if p)


def _analyses(session: Session) -> list[Analysis]:
    if session.analysis is not None:
        return [session.analysis]
    return [t.analysis for t in session.turns if t.analysis is not None]


def draft_followup(session: Session) -> FollowupEmail:
    profile = session.profile
    interviewer = str(profile.get("interviewer") or "").strip()
    role = str(profile.get("role") or "").strip()
    company = str(profile.get("company") or "").strip()
    strengths = [str(s) for s in profile.get("strengths") or ()]
    recap_turns = {t.n for t in session.turns if "recap" in t.expects}
    points = fit_points(_analyses(session), strengths, recap_turns)
    ended = session.ended_at or session.started_at
    return FollowupEmail(
        recipient=interviewer,
        subject=_subject(role, company),
        body=_body(interviewer, role, company, points),
        fit_points=points,
        due_at=ended + FOLLOWUP_DUE_S,
        session_ended_at=ended,
    )


def _subject(role: str, company: str) -> str:
    if role and company:
        return f"Thank you: {role} interview at {company}"
    if role or company:
        return f"Thank you: {role or company} interview"
    return "Thank you for today's interview"


def _body(interviewer: str, role: str, company: str, points: Sequence[str]) -> str:
    greeting = f"Dear {interviewer}," if interviewer else "Dear hiring team,"
    position = "the role"
    if role:
        position = f"the {role} role"
    if company:
        position += f" at {company}"
    lines = [
        greeting,
        "",
        f"Thank you for the time you gave me today to talk about {position}. "
        "I enjoyed the conversation and came away with a clearer picture of the team "
        "and the work ahead.",
        "",
    ]
    if points:
        lines.append("It left me more certain that I can contribute from the start. As I said:")
        lines += [f"- {p}" for p in points]
        lines.append("")
    else:
        lines += [
            "[Add one or two sentences on why you fit: your strongest result, tied to "
            "what the interviewer said the team needs.]",
            "",
        ]
    lines += [
        "I am very interested in this position and would be glad to send anything else "
        "that helps your decision. I look forward to hearing about the next steps.",
        "",
        "Best regards,",
        "[Your name]",
    ]
    return "\n".join(lines)


def format_due(email: FollowupEmail, now: float | None = None) -> str:
    """'Send by Tue 24 Nov 21:04 (in 23 h)' in local time."""
    when = time.strftime("%a %d %b %H:%M", time.localtime(email.due_at))
    left_s = email.due_at - (time.time() if now is None else now)
    if left_s <= 0:
        return f"Send by {when} (the 24 hours are over: send it now)"
    hours, rem = divmod(int(left_s), 3600)
    left = f"{hours} h {rem // 60:02d} min" if hours else f"{rem // 60} min"
    return f"Send by {when} (in {left})"
