"""The thank-you email, drafted from a rehearsal: due 24 hours after the interview.

Written as a coach would: it names what the conversation covered (the topics the
interviewer answered, the timeline they gave), what the candidate did well (the profile
strengths their recap named, the concern they answered), and does now what the close
missed (interest said plainly, the concern answered, doubts invited). All in the product's
own wording: the candidate's spoken sentences are never quoted back (spoken words read
badly in writing, and a misheard one worse); the facts come from voicecoach.review.
followup_facts.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from voicecoach.analysis.concern import concern_core
from voicecoach.analysis.names import TITLES
from voicecoach.analysis.results import Analysis
from voicecoach.review.followup_facts import ConversationFacts, conversation_facts, topic_words

if TYPE_CHECKING:
    from voicecoach.sessions.store import Session

FOLLOWUP_DUE_S = 24 * 3600  # the playbook: send the thank-you within 24 hours
# A thank-you note is read in under a minute: long enough to remind, short enough to read.
EMAIL_MIN_WORDS = 60
EMAIL_MAX_WORDS = 180
MAX_STRENGTHS = 3  # a reminder of fit, not a second recap
SENDER_PLACEHOLDER = "[Your name]"  # until --from gives the name
# What the email does that the close missed (FollowupEmail.repairs), as the view and the
# report explain it beside the draft.
REPAIR_NOTES = {
    "strengths": "names the profile strengths your recap left out",
    "concern": "offers a fuller answer to the concern you did not answer well",
    "invite_concerns": "invites the doubts you never asked about",
    "interest": "says plainly that you want the role, which the close did not",
}
REPAIRS = tuple(REPAIR_NOTES)
# A topic the interviewer answered, as the candidate would name it ({company}: the profile's).
TOPIC_PHRASES = {
    "success": "what success looks like in the role",
    "team": "the team I would be joining",
    "collaboration": "how the team works with the rest of {company}",
    "culture": "how people work together at {company}",
    "challenges": "the challenges the team is working through",
    "growth": "how people grow at {company}",
    "market": "where {company} stands in its market",
    "training": "how new people find their feet",
}

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
    topics: tuple[str, ...] = ()  # topic ids the email names (answered first, then asked)
    timeline: str | None = None  # the interviewer's time phrase it repeats ("within a week")
    repairs: tuple[str, ...] = ()  # what the close missed that the email does (REPAIRS)

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


def salutation(name: str) -> str:
    """How the email greets the interviewer: by first name, as after a conversation ("Dana
    Reyes" -> "Dana"); a name given with a title is kept whole ("Dr. Chen")."""
    words = name.split()
    if not words or words[0].rstrip(".").lower() in TITLES:
        return " ".join(words)
    return words[0]


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
    """The thank-you email: what the conversation covered (the topics answered, the
    timeline given), what the candidate did well, and a sentence for each thing the close
    missed, in the product's wording; never the candidate's spoken sentences."""
    profile = session.profile
    role = str(profile.get("role") or "").strip()
    company = str(profile.get("company") or "").strip()
    listed = [str(s) for s in profile.get("strengths") or ()]
    named = named_strengths(_analyses(session), listed)
    concern, answered = _concern(session)
    facts = conversation_facts(session)
    draft = _Draft(
        interviewer=str(profile.get("interviewer") or "").strip(),
        role=role,
        company=company,
        strengths=named,
        profile_strengths=tuple(listed[:MAX_STRENGTHS]),
        concern=concern,
        concern_answered=answered,
        facts=facts,
        known=session.analysis is not None or any(t.analysis for t in session.turns),
    )
    ended = session.ended_at or session.started_at
    return FollowupEmail(
        recipient=draft.interviewer,
        subject=_subject(role, company),
        body=draft.body((sender or "").strip() or SENDER_PLACEHOLDER),
        strengths=named,
        concern=concern,
        concern_answered=answered,
        due_at=ended + FOLLOWUP_DUE_S,
        session_ended_at=ended,
        topics=facts.answered_topics + facts.asked_topics,
        timeline=facts.when,
        repairs=draft.repairs(),
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


@dataclass(frozen=True)
class _Draft:
    """The facts one email is written from; each paragraph is one method."""

    interviewer: str
    role: str
    company: str
    strengths: tuple[str, ...]  # named in the recap
    profile_strengths: tuple[str, ...]  # the profile's, for a recap that named none
    concern: str | None
    concern_answered: bool
    facts: ConversationFacts
    known: bool  # an analysis exists: what the close missed is known

    def repairs(self) -> tuple[str, ...]:
        """What the close missed that the email now does (REPAIRS)."""
        f = self.facts
        unnamed = f.recap_judged and not self.strengths and bool(self.profile_strengths)
        return tuple(
            key for key, missed in (
                ("strengths", unnamed),
                ("concern", self.concern is not None and not self.concern_answered),
                ("invite_concerns", self.concern is None and f.concerns_not_invited),
                ("interest", f.interest_missed),
            ) if missed
        )  # fmt: skip

    def body(self, sender: str) -> str:
        paragraphs = [
            f"Dear {salutation(self.interviewer)}," if self.interviewer else "Dear hiring team,",
            self._thanks(),
            self._fit(),
            self._concern(),
            self._interest(),
            f"Best regards,\n{sender}",
        ]
        return "\n\n".join(p for p in paragraphs if p)

    def _topics(self, topics: Sequence[str], joint: str) -> str:
        where = self.company or "your company"
        return f" and {joint} ".join(
            TOPIC_PHRASES.get(t, topic_words(t)).format(company=where) for t in topics
        )

    def _thanks(self) -> str:
        f = self.facts
        said = f"Thank you for talking with me today about {_position(self.role, self.company)}."
        if f.answered_topics:
            answers = "answers" if len(f.answered_topics) > 1 else "answer"
            told = self._topics(f.answered_topics, "on")
            return f"{said} I especially valued your {answers} on {told}."
        if f.asked_topics:
            asked = self._topics(f.asked_topics, "about")
            return f"{said} I was glad of the chance to ask about {asked}."
        return f"{said} I enjoyed the conversation and came away with a clearer sense of the work."

    def _fit(self) -> str:
        if self.strengths:
            return (
                f"Our conversation confirmed how well the role fits my experience with "
                f"{_listed(self.strengths)}, and I would be glad to share examples of that work."
            )
        if self.profile_strengths:  # the recap named none, or there was no recap
            return (
                f"I am confident that my experience with {_listed(self.profile_strengths)} "
                "would let me contribute from the first weeks, and I would be glad to share "
                "examples of that work."
            )
        return (
            "I left more certain that my experience fits what the team needs, and I would be "
            "glad to share examples of my recent work."
        )

    def _concern(self) -> str:
        if self.concern and self.concern_answered:
            return (
                f"I also appreciated your openness about the point that {self.concern}. I am "
                "happy to say more about how I would close that gap."
            )
        if self.concern:
            return (
                f"I have thought further about your point that {self.concern}. It deserves a "
                "fuller answer than I gave, and I would welcome the chance to show you, with "
                "examples from my work, how I would close that gap."
            )
        if "invite_concerns" in self.repairs():
            return (
                "If anything in my background gives you pause, I would welcome the chance to "
                "address it."
            )
        return ""

    def _interest(self) -> str:
        f = self.facts
        join = f"join {self.company}" if self.company else "join your team"
        if f.interest_missed:
            interest = f"To say it plainly: I want this role, and I would be glad to {join}."
        elif self.known:
            interest = f"Today left me all the more keen to {join}."
        else:
            interest = "I am very interested in this position."
        if f.when:
            after = (
                "Thank you for explaining the next steps; I look forward to hearing from you "
                f"{f.when}."
            )
        elif f.timeline_given:
            after = (
                "Thank you for explaining the next steps, and I look forward to hearing from you."
            )
        else:
            after = "I look forward to hearing about the next steps."
        return f"{interest} {after}"


def repair_note(email: FollowupEmail) -> str:
    """'This draft also makes up for what the close missed: it ...', or "" if nothing."""
    notes = [REPAIR_NOTES[r] for r in email.repairs if r in REPAIR_NOTES]
    if not notes:
        return ""
    return f"This draft also makes up for what the close missed: it {'; it '.join(notes)}."


def format_due(email: FollowupEmail, now: float | None = None) -> str:
    """'Send by Tue 24 Nov 21:04 (in 23 h)' in local time."""
    when = time.strftime("%a %d %b %H:%M", time.localtime(email.due_at))
    left_s = email.due_at - (time.time() if now is None else now)
    if left_s <= 0:
        return f"Send by {when} (the 24 hours are over: send it now)"
    hours, rem = divmod(int(left_s), 3600)
    left = f"{hours} h {rem // 60:02d} min" if hours else f"{rem // 60} min"
    return f"Send by {when} (in {left})"
