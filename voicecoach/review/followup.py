"""The thank-you email, drafted from a rehearsal: due 24 hours after the interview.

Built from what the candidate did well, in the product's own wording: the job-profile
strengths their recap named and the concern they answered. Their spoken sentences are
never quoted back: spoken words read badly in writing, and a rambling recap worse.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from voicecoach.analysis.concern import concern_core
from voicecoach.analysis.results import Analysis

if TYPE_CHECKING:
    from voicecoach.sessions.store import Session

FOLLOWUP_DUE_S = 24 * 3600  # the playbook: send the thank-you within 24 hours
# A thank-you note is read in under a minute: long enough to remind, short enough to read.
EMAIL_MIN_WORDS = 100
EMAIL_MAX_WORDS = 180
MAX_STRENGTHS = 3  # a reminder of fit, not a second recap
SENDER_PLACEHOLDER = "[Your name]"  # until --from gives the name

# The interviewer's doubt, turned to the candidate's point of view for the email.
_SWAP = {
    "you are": "I am", "you're": "I'm", "you were": "I was", "you": "I", "your": "my",
    "yours": "mine", "yourself": "myself", "i am": "you are", "i'm": "you're",
    "i was": "you were", "i": "you", "me": "you", "my": "your", "mine": "yours",
    "myself": "yourself", "we": "you", "us": "you", "our": "your", "ours": "yours",
}  # fmt: skip
# After these, "you" is an object: "from you" -> "from me", not "from I".
_OBJECT_AFTER = frozenset(
    {"to", "from", "with", "for", "about", "of", "at", "by", "told", "asked", "showed"}
)
_SWAP_RE = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(_SWAP, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FollowupEmail:
    recipient: str  # the interviewer's name, or "" when the profile has none
    subject: str
    body: str
    strengths: tuple[str, ...]  # the profile strengths the candidate named in the recap
    concern: str | None  # the doubt raised, in the candidate's words ("I have not ...")
    concern_answered: bool  # the answer to it was judged on topic, with evidence, positive
    due_at: float  # epoch seconds: the session's end + 24 h
    session_ended_at: float

    @property
    def word_count(self) -> int:
        return len(self.body.split())


def from_candidate(concern: str) -> str:
    """The interviewer's doubt as the candidate would restate it ("you have" -> "I have")."""
    core = concern_core(concern).strip().rstrip(".!?")

    def swap(m: re.Match[str]) -> str:
        word = _SWAP[m.group(1).lower()]
        before = core[: m.start()].split()[-1:]
        if word == "I" and before and before[0].lower() in _OBJECT_AFTER:
            word = "me"
        return word if m.start() else word[0].upper() + word[1:]

    out = _SWAP_RE.sub(swap, core)
    return out[0].lower() + out[1:] if out and not out.startswith("I ") else out


def named_strengths(analyses: Sequence[Analysis], strengths: Sequence[str]) -> tuple[str, ...]:
    """The profile strengths the candidate's recaps named, in the profile's order."""
    named = {s for a in analyses if a.recap for s in a.recap.strengths_named}
    return tuple(s for s in strengths if s in named)[:MAX_STRENGTHS]


def _analyses(session: Session) -> list[Analysis]:
    turns = [t.analysis for t in session.turns if t.analysis is not None]
    return ([session.analysis] if session.analysis is not None else []) + turns


def _concern(session: Session) -> tuple[str | None, bool]:
    """The last concern raised, and whether its answer was judged addressed."""
    for turn in reversed(session.turns):
        if turn.concern:
            check = turn.analysis.check("concerns") if turn.analysis else None
            return from_candidate(turn.concern), check is not None and check.status == "done"
    return None, False


def draft_followup(session: Session, sender: str | None = None) -> FollowupEmail:
    """The thank-you email: the product's wording around what the candidate did well
    (strengths named, a concern answered), never their spoken sentences."""
    profile = session.profile
    interviewer = str(profile.get("interviewer") or "").strip()
    role = str(profile.get("role") or "").strip()
    company = str(profile.get("company") or "").strip()
    strengths = named_strengths(
        _analyses(session), [str(s) for s in profile.get("strengths") or ()]
    )
    concern, answered = _concern(session)
    ended = session.ended_at or session.started_at
    body = _body(
        interviewer, _position(role, company), strengths, concern, answered,
        (sender or "").strip() or SENDER_PLACEHOLDER,
    )  # fmt: skip
    return FollowupEmail(
        recipient=interviewer,
        subject=_subject(role, company),
        body=body,
        strengths=strengths,
        concern=concern,
        concern_answered=answered,
        due_at=ended + FOLLOWUP_DUE_S,
        session_ended_at=ended,
    )


def _subject(role: str, company: str) -> str:
    if role and company:
        return f"Thank you: {role} interview at {company}"
    if role or company:
        return f"Thank you: {role or company} interview"
    return "Thank you for today's interview"


def _position(role: str, company: str) -> str:
    position = f"the {role} role" if role else "the role"
    return f"{position} at {company}" if company else position


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _body(
    interviewer: str,
    position: str,
    strengths: Sequence[str],
    concern: str | None,
    answered: bool,
    sender: str,
) -> str:
    paragraphs = [
        f"Dear {interviewer}," if interviewer else "Dear hiring team,",
        f"Thank you for the time you gave me today to talk about {position}. I enjoyed the "
        "conversation and came away with a clearer picture of the team, its priorities and "
        "the work ahead.",
    ]
    if strengths:
        paragraphs.append(
            f"Our conversation confirmed how closely the role matches what I do best: "
            f"{_listed(strengths)}. I would bring that experience to the team from the first "
            "week, and I would be glad to share examples of that work."
        )
    else:
        paragraphs.append(
            "Our conversation left me more certain that my experience fits what the team "
            "needs, and that I could contribute from the first weeks. I would be glad to "
            "share examples of my recent work if that would help."
        )
    if concern and answered:
        paragraphs.append(
            f"I also appreciated your openness about the point that {concern}. I hope my "
            "answer showed how I would close that gap quickly, and I am happy to go into "
            "more detail."
        )
    elif concern:
        paragraphs.append(
            f"I have thought further about your point that {concern}. I would welcome the "
            "chance to show you how I would close that gap."
        )
    paragraphs += [
        "I am very interested in this position and would be glad to send anything else that "
        "helps your decision. I look forward to hearing about the next steps.",
        f"Best regards,\n{sender}",
    ]
    return "\n\n".join(paragraphs)


def format_due(email: FollowupEmail, now: float | None = None) -> str:
    """'Send by Tue 24 Nov 21:04 (in 23 h)' in local time."""
    when = time.strftime("%a %d %b %H:%M", time.localtime(email.due_at))
    left_s = email.due_at - (time.time() if now is None else now)
    if left_s <= 0:
        return f"Send by {when} (the 24 hours are over: send it now)"
    hours, rem = divmod(int(left_s), 3600)
    left = f"{hours} h {rem // 60:02d} min" if hours else f"{rem // 60} min"
    return f"Send by {when} (in {left})"
