"""The interviewer's reply after the session's very last answer, when it asked something.

A trial's candidate ended with "Before I go, is there anything that makes you hesitate
about me?" and the session just stopped: no line follows the last turn, so the question
hung in the air. A person answers briefly before parting. :func:`closing_reply` gives that
answer, from the scenario's own lines, then a parting phrase (``[reactions.closing]``):

- a question on a topic: the topic's reply (a deferral for pay), the timeline for next
  steps; one the session already answered gets the same line again, never a new one (a
  second timeline could contradict the first);
- a concern probe: the concern already raised, pointed back to; else the scenario's
  spare doubt, said briefly; else, or when the interviewer already said there was none,
  "nothing comes to mind";
- a check-back on the answer ("Does that answer your question?"): a short yes, said
  first (after an answer to a doubt that missed it, or was not heard clearly, no yes:
  :func:`.asked.check_back_line`);
- anything else (a statement, plain thanks, an ask for the job said as a statement):
  nothing, and the session ends as before.

Nothing is awaited after it: the goodbye has been said, so it is not a new coached turn.
Pure like :mod:`.reactions`; randomness only from the caller's ``random.Random``.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from voicecoach.rehearsal import variety
from voicecoach.rehearsal.asked import (
    NEXT_STEPS,
    SentenceLike,
    check_back_line,
    checked_back,
    heard_word_for_word,
    invites_concerns,
    question_topics,
)
from voicecoach.rehearsal.reactions import (
    ConversationState,
    NextTurn,
    Reply,
    Unsure,
    _answerable,
    _fill,
    heard_anyway,
    may_say_not_heard,
)
from voicecoach.scenario_reactions import Closing, Lines, Reactions, TopicReplies

if TYPE_CHECKING:
    from voicecoach.analysis.results import ConcernVerdict


def closing_reply(
    reactions: Reactions,
    state: ConversationState,
    sentences: Sequence[SentenceLike],
    rng: random.Random,
    *,
    topic_of: Callable[[SentenceLike], str | None] | None = None,
    spare_concern: NextTurn | None = None,
    said: Sequence[str] = (),
    doubt: ConcernVerdict | None = None,
    unsure: Unsure | None = None,
) -> Reply:
    """The reply to the last answer's ``sentences``: no lines when it asked nothing the
    interviewer can answer (or the scenario has no ``[reactions.closing]``).

    ``spare_concern``: the scenario's concern turn, if one was spoken (its doubt is the one
    named when none was voiced before); ``said``: every interviewer line so far, so a
    question asked again gets the line it got before; ``doubt``: the last answer was to a
    raised doubt, as the concerns check judged it (:func:`.asked.check_back_line`).
    ``unsure``: the answer was not heard clearly: the interviewer says so and parts (no
    more than :func:`.reactions.choose_reply` says so in a session: past that, and with
    nothing to reply to, the session ends as after a last answer that asked nothing), and
    replies to none of its words (but a sentence heard word for word, as
    :func:`.reactions.choose_reply` does).
    """
    closing = reactions.closing
    if closing is None:
        return Reply((), ("end",), (), replace(state, reasons=(*state.reasons, "end")))
    values = dict(state.values)
    say: list[str] = []
    why: list[str] = []

    def pick(lines: Lines, *, again: bool = False, fresh_after: str = "", **extra: str) -> str:
        """One of ``lines``; with ``again``, the one already said in the session, if any;
        else one whose opener was not said yet, when there is one (:mod:`.variety`).
        ``fresh_after``: a line just said, whose phrases the pick does not say again when
        another option will do."""
        options = [_fill(t, values, **extra) for t in lines.for_persona(state.persona)]
        options = [o for o in options if not variety.echoes(o, fresh_after)] or options
        before = next((o for o in options if any(o in s for s in said)), None) if again else None
        said_before = variety.remember(state.openers, say)
        return before or variety.pick(options, said_before, rng, (*state.lines, *say))

    if unsure is not None:  # said so, and only a sentence heard word for word is replied to
        if may_say_not_heard(state):
            say.append(pick(reactions.not_heard(unsure)))
        why.append(f"not_heard_{unsure}")
        sentences = heard_anyway(sentences, unsure)

    # as in choose_reply: beside a question answered on its topic, a neutral reply to
    # another one is a deflection: let go when Whisper was unsure of its words (often its
    # garble of a second question), acknowledged in a line when heard word for word
    found = question_topics(sentences, reactions, topic_of)
    later = False
    placed = any(_answerable(reactions.topic(t)) for _, t in found if t)
    notes: list[str] = []
    replied: list[str] = []  # topics replied to here, in order
    timeline: str | None = None  # the next-steps line, as said
    if checked_back(sentences):
        lines, reason, brief = check_back_line(reactions, doubt)
        say.append(pick(lines, concern=brief))
        why.append(reason)
    for sentence in sentences:
        if invites_concerns(sentence, reactions) and not any(
            w in _CONCERN_REASONS.values() for w in why
        ):
            line, reason = _concern_line(reactions, closing, state, spare_concern, pick)
            say.append(line)
            why.append(reason)
        for asked, topic in question_topics([sentence], reactions, topic_of):
            key = topic or "unknown"
            spec = reactions.topic(topic) if topic else None
            if "question" not in asked.moves or key in replied:
                continue  # an ask said as a statement, or a topic already replied to here
            unplaced = spec is None or (spec.replies is None and spec.goodbye is None)
            if placed and unplaced and heard_word_for_word(asked):
                later = True
                continue
            if len(replied) >= reactions.answer_at_most or (placed and not _answerable(spec)):
                why.extend([] if "left_unanswered" in why else ["left_unanswered"])
                continue
            line, reason = _topic_line(reactions, spec, key, pick)
            if reason == "answered_neutral" and reason in why:
                continue  # one "someone will follow up" covers every question it has no reply to
            replied.append(key)
            say.append(line)
            why.append(reason)
            if key == NEXT_STEPS and spec is not None and not spec.defer:
                timeline = line
            if spec is not None and spec.defer and spec.coaching:
                notes.append(spec.coaching)
    if later:  # once, after the replies, before the parting
        say.append(pick(reactions.later))
        why.append("acknowledged_for_later")
    if not say:
        return Reply((), ("end",), (), replace(state, reasons=(*state.reasons, "end")))
    # the goodbye line before it may have thanked and parted already: "Thanks again for
    # your time, and have a good rest of your day." then "Thanks again for coming in. Have
    # a good rest of your day." (a review); the parting says something else when it can
    say.append(pick(closing.parting, fresh_after=" ".join([*said[-1:], *say])))
    state = replace(
        state, answered=(*state.answered, *replied), held=(),
        concern_voiced=state.concern_voiced or "concern_in_closing" in why,
        reasons=state.reasons + tuple(why), notes=state.notes + tuple(notes),
        openers=variety.remember(state.openers, say), lines=state.lines + tuple(say),
    )  # fmt: skip
    return Reply(tuple(say), tuple(why), (), state, notes=tuple(notes), timeline=timeline)


def _topic_line(
    reactions: Reactions, spec: TopicReplies | None, key: str, pick: Callable[..., str]
) -> tuple[str, str]:
    """The line that answers a question on ``key``, and its reason code. A topic answered
    before gets the same line again: a second timeline could contradict the first."""
    if spec is not None and spec.goodbye is not None:
        reason = "timeline_in_goodbye" if key == "next_steps" else f"answered_in_goodbye:{key}"
        return pick(spec.goodbye, again=True), reason
    if spec is not None and spec.replies is not None and spec.defer:
        reason = "deferred_pay_question" if key == "pay" else f"deferred_topic:{key}"
        return pick(spec.replies, again=True), reason
    if spec is not None and spec.replies is not None:
        return pick(spec.replies, again=True), f"answered_topic:{key}"
    return pick(reactions.unknown, again=True), "answered_neutral"


def _concern_line(
    reactions: Reactions, closing: Closing, state: ConversationState, spare: NextTurn | None,
    pick: Callable[..., str],
) -> tuple[str, str]:  # fmt: skip
    kind = _concern_kind(reactions, state, spare)
    if kind == "again":
        line = pick(closing.concern_again)
    elif kind == "voiced" and spare is not None and spare.concern is not None:
        line = pick(closing.concern, concern=spare.concern)
    else:
        line = pick(closing.no_concern)
    return line, _CONCERN_REASONS[kind]


_CONCERN_REASONS = {
    "again": "concern_again_in_closing",
    "voiced": "concern_in_closing",
    "none": "no_concern_in_closing",
}


def _concern_kind(reactions: Reactions, state: ConversationState, spare: NextTurn | None) -> str:
    """Consistent with the session: the doubt already raised; the concern turn's doubt
    when it voiced none but did not deny one either (a "not invited" reaction says nothing
    about doubts); else none."""
    if state.concern_voiced:
        return "again"
    denied = "no_concern_not_invited" in state.reasons and reactions.concern_not_invited is None
    if spare is not None and spare.concern is not None and not denied:
        return "voiced"
    return "none"


__all__ = ["closing_reply"]
