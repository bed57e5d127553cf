"""What the thank-you email may refer to, read from a stored session: the topics the
interviewer answered (or the candidate clearly asked about), the timeline the interviewer
gave, and what the close missed (interest, an answer to the concern, an invitation to
raise one).

Pure: a session in, a frozen dataclass out. The candidate's sentences are read only to
find a question's topic, and only sentences the analysis judged clearly: never a fragment,
never one with a move it could not call. Their words are not handed on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from voicecoach.analysis.results import Analysis, Sentence
from voicecoach.analysis.topics import classify

if TYPE_CHECKING:
    from voicecoach.sessions.store import Session

# Topics a thank-you note leaves out: pay is for the offer stage, and the timeline has its
# own sentence.
UNMENTIONED_TOPICS = frozenset({"pay", "next_steps"})
MAX_TOPICS = 2  # one or two specifics read as attention; more reads as minutes
MIN_QUESTION_WORDS = 4  # shorter "questions" are fragments ("Right?", "And the team?")
# Reason codes (rehearsal.reactions) that mean the interviewer answered a topic.
_ANSWERED = ("answered_topic:", "answered_in_goodbye:")
# Interest checks that found no plain statement. "unclear" is not one: the analyzer could
# not tell, and the draft should not tell the candidate they failed to say it.
_NOT_STATED = ("missing", "partial")
_UNITS = (
    r"(?:day|days|week|weeks|month|months|fortnight|weekend|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
)
_COUNT = r"(?:next|this|a|an|one|two|three|four|five|six|\d+|a couple of|a few|the next)"
_PART = r"(?:the\s+(?:end|middle|start|beginning)\s+of\s+)"
# "within a week", "by the middle of next week", "by next Friday", "next week", "in 10 days";
# a unit alone ("the rest of your day") is no time phrase.
_PREP = r"(?:by|within|before|in|on|over|until|early|late|later)"
_WHEN = re.compile(
    rf"\b(?:{_PREP}\s+{_PART}?(?:the\s+)?(?:{_COUNT}\s+)?|{_PART}?{_COUNT}\s+){_UNITS}\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ConversationFacts:
    answered_topics: tuple[str, ...]  # topics the interviewer answered, in the order said
    # topics of clear questions, when the interviewer answered none (a fixed script)
    asked_topics: tuple[str, ...]
    timeline_given: bool  # the interviewer said what happens next
    when: str | None  # the interviewer's own time phrase for it ("within a week"), if any
    interest_missed: bool  # the analysis found no plain statement of interest
    concerns_not_invited: bool  # the candidate never asked for doubts, and none was voiced
    recap_judged: bool = False  # the close had a recap to judge (its strengths can be missed)


def conversation_facts(session: Session) -> ConversationFacts:
    reasons = [r for t in session.turns for r in t.reasons]
    answered = tuple(
        t for t in _unique(r.split(":", 1)[1] for r in reasons if r.startswith(_ANSWERED))
        if t not in UNMENTIONED_TOPICS
    )  # fmt: skip
    asked = tuple(
        t for t in _unique(question_topics(_sentences(session)))
        if t not in UNMENTIONED_TOPICS and t not in answered
    )  # fmt: skip
    timeline = timeline_line(session)
    return ConversationFacts(
        answered_topics=answered[:MAX_TOPICS],
        asked_topics=() if answered else asked[:MAX_TOPICS],
        timeline_given=timeline is not None,
        when=time_phrase(timeline) if timeline else None,
        interest_missed=_status(session, "interest") in _NOT_STATED,
        concerns_not_invited=_status(session, "concerns") == "missing"
        and not any(t.concern for t in session.turns),
        recap_judged=_status(session, "recap") is not None,
    )


def timeline_line(session: Session) -> str | None:
    """The interviewer's line that gave the next-steps timeline: as the turn kept it (the
    last one given), whether said at once (the concerns drill has no goodbye to hold it
    for), before the goodbye or after the last answer. A session saved before turns kept
    it: the prompt that ends on the goodbye it came before."""
    kept = [t.timeline for t in session.turns if t.timeline]
    if kept:
        return kept[-1]
    return next((t.prompt_text for t in session.turns if "timeline_in_goodbye" in t.reasons), None)


def question_topics(sentences: Sequence[Sentence]) -> list[str]:
    """The topics of the questions the analysis judged clearly, in the order asked."""
    out = []
    for s in sentences:
        if "question" not in s.moves or s.unclear or s.question_form is None:
            continue
        if len(s.text.split()) < MIN_QUESTION_WORDS:
            continue
        topic = classify(s.text).topic
        if topic is not None:
            out.append(topic)
    return out


def time_phrase(line: str) -> str | None:
    """The last time phrase of the interviewer's timeline ("...this week, and you'll hear
    from us by the middle of next week" -> "by the middle of next week"): when they expect
    to be in touch, in their own words."""
    found = [m.group(0) for m in _WHEN.finditer(line)]
    return " ".join(found[-1].split()) if found else None


def topic_words(topic: str) -> str:
    """A topic id a scenario made up ("remote_work") as words ("remote work")."""
    return re.sub(r"[_-]+", " ", topic).strip()


def _sentences(session: Session) -> tuple[Sentence, ...]:
    if session.analysis is not None:
        return session.analysis.sentences
    return tuple(s for t in session.turns if t.analysis for s in t.analysis.sentences)


def _status(session: Session, key: str) -> str | None:
    """The whole close's verdict on a check (else the last turn's that judged it)."""
    analyses: list[Analysis] = [session.analysis] if session.analysis is not None else []
    analyses += [t.analysis for t in reversed(session.turns) if t.analysis is not None]
    for analysis in analyses:
        check = analysis.check(key)
        if check is not None and check.status != "not_expected":
            return check.status
    return None


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return tuple(out)
