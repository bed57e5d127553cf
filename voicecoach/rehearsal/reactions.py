"""An interviewer who listens: the next line reacts to what the candidate just said.

Pure and deterministic: no I/O, no clock; randomness only from the ``random.Random`` the
caller passes (seeded from ``--seed``), so the same scenario, seed and answers give the
same lines. The rehearsal loop calls :func:`choose_reply` right after each turn's quick
analysis, with that turn's sentences, and speaks ``reply.text``::

    reactions = scenario.reactions                             # None: a fixed script
    state = start(reactions, persona_name, {"company": ..., "role": ..., "interviewer": ...})
    rng = random.Random(seed)
    turns = [plan_turn(spec, reactions, state, rng, last=i == len(specs) - 1) for ...]
    # speak turns[0].line; then after each answer:
    reply = choose_reply(reactions, state, analysis.sentences, expected, turns[n + 1], rng)
    state = reply.state
    # reply.inserted: speak it as an extra turn (expects reply.expects), then call
    # choose_reply again with that answer and the same next turn.

Reason codes (``Reply.reasons``, in the order the lines are said) are listed in
:data:`REASONS`; a code with ``:`` carries a topic id, e.g. ``answered_topic:team``.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal, Protocol

from voicecoach.analysis.check_back import is_check_back
from voicecoach.analysis.openers import says_yes
from voicecoach.analysis.results import heard_at_all
from voicecoach.rehearsal import variety
from voicecoach.rehearsal.asked import (
    NEXT_STEPS,
    SentenceLike,
    check_back_line,
    checked_back,
    heard_word_for_word,
    invites_concerns,
    maybe_invites_concerns,
    question_topics,
)
from voicecoach.scenario_reactions import Lines, Persona, Reactions, TopicReplies

if TYPE_CHECKING:
    from voicecoach.analysis.results import ConcernVerdict

TurnKind = Literal["questions", "concern", "goodbye", "other"]
# Why an answer's words are not to be replied to (the analysis left its moves unclear): heard
# too quietly or mumbled (Whisper may have made words up), or over another voice (they may
# be theirs)
Unsure = Literal["quiet", "second_voice", "unclear_words"]
REASONS = (
    "confirmed_check_back",  # "Does that answer your question?": a short yes, no topic reply
    "check_back_off_topic",  # ...after an answer the concerns check found off the doubt: no yes
    "check_back_conceded",  # ...after one that only admitted the gap: no yes, the gap named
    "check_back_unclear",  # ...after one it could not judge (part garbled): a not_heard line
    "not_heard_quiet",  # the answer was heard too quietly: said so, its words not replied to
    "not_heard_second_voice",  # ...over another voice (someone else's words may be in it)
    "not_heard_unclear_words",  # ...so indistinctly that Whisper was unsure of many words
    "answered_topic:<topic>",  # a question answered from the topic bank
    "answered_neutral",  # a question on no known topic: the neutral reply
    "deferred_pay_question",  # pay, benefits, time off, overtime: deferred (coaching note)
    "deferred_topic:<topic>",  # another topic the scenario marks defer = true
    "held_for_goodbye:<topic>",  # e.g. next steps: answered just before the goodbye
    "timeline_in_goodbye",  # the next-steps question answered in the goodbye
    "answered_in_goodbye:<topic>",  # another held topic answered in the goodbye
    "already_answered:<topic>",  # asked again: not answered twice
    "left_unanswered",  # more questions than answer_at_most in one turn, or a garbled one
    # a question heard word for word on no known topic, beside one answered: a short line
    # that it will be followed up (reactions.later), not the neutral reply in the same breath
    "acknowledged_for_later",
    # the answer to the doubt asked whether it is the main one: a short answer that it is
    "doubt_was_the_main_one",
    "acknowledged_no_questions",  # no questions: acknowledged, without praise
    "nudge_no_questions",  # ...and one nudge, once per session (an extra turn)
    "go_ahead_after_yes",  # a bare "Yes." to a prompt for more: "Go ahead." (an extra turn)
    # the questions turn's answer only asked for doubts: after the doubt's answer, the
    # questions are asked for (an extra turn)
    "questions_invited_again",
    "repeated_on_request",  # asked to hear the line again: said again (rehearsal.conversation)
    "concern_invited",  # the candidate asked for concerns: one is voiced
    "concern_invited_late",  # ...after the concern turn had voiced none (an extra turn)
    "concern_unprompted",  # not invited, and the persona raised one anyway
    # ...not invited in what was heard, but an answer was not heard clearly, or asked a
    # question that may have been a probe (answered on its topic): it may have invited one
    "concern_unprompted_unheard",
    "no_concern_not_invited",  # not invited, none raised
    "opening_before_goodbye",  # no interest or ask yet, and not just asked: one opening
    "concern_in_closing",  # after the last answer (rehearsal.closing): a doubt, asked for
    "concern_again_in_closing",  # ...the doubt raised earlier, pointed back to
    "no_concern_in_closing",  # ...none to raise
    "scripted",  # nothing to react to: the planned line
    "end",  # no next turn: nothing more to say (rehearsal.closing replies to a question)
)
OPENING_EXPECTS = ("interest", "ask_for_job")  # what the opening before the goodbye asks for
# The moves a bare "Yes." does not make: said to a prompt for them ("Anything you'd like to
# add?", "Do you have any questions?"), it announces them, and the interviewer says "Go
# ahead." (not to a doubt's answer, whose turn carries the doubt, nor to the goodbye's thanks)
GO_AHEAD_FOR = frozenset({"question", "recap", "concerns", "interest", "ask_for_job"})
# The interviewer says it did not hear an answer clearly this many times in a session, and
# then goes on without saying it: trial 12's tough interviewer said "I didn't catch all of
# that" / "That was hard to make out" five times over a television (the verdict on screen
# still says each time that the answer was not heard clearly).
NOT_HEARD_SAID_AT_MOST = 2


def may_say_not_heard(state: ConversationState) -> bool:
    """Has the interviewer said it missed an answer's words fewer than
    NOT_HEARD_SAID_AT_MOST times in the session so far?"""
    return sum(r.startswith("not_heard_") for r in state.reasons) < NOT_HEARD_SAID_AT_MOST


def goes_ahead(
    state: ConversationState, expected: Collection[str], said: Sequence[str], has_next: bool,
    may_insert: bool,
) -> bool:  # fmt: skip
    """Is the answer ``said`` to a turn that ``expected`` moves a bare yes the interviewer
    answers with "Go ahead." (:data:`GO_AHEAD_FOR`)? Not twice in a row, not after the
    last turn (``has_next``) and not where no extra turn may be added (``may_insert``)."""
    return (
        has_next and may_insert and not state.went_ahead and bool(GO_AHEAD_FOR & set(expected))
        and says_yes(said)
    )  # fmt: skip


class TurnSpecLike(Protocol):
    """What is read of a scenario turn (``scenario.TurnSpec`` fits)."""

    @property
    def id(self) -> str: ...
    @property
    def phrasings(self) -> Sequence[str]: ...
    @property
    def expects(self) -> Sequence[str]: ...


@dataclass(frozen=True)
class ConversationState:
    """Everything the interviewer remembers between turns. Never mutated: each
    :class:`Reply` carries the next state."""

    persona: str
    values: tuple[tuple[str, str], ...] = ()  # {company}, {role}, {interviewer}
    asked: tuple[str, ...] = ()  # topics asked so far, in order ("unknown" for none)
    answered: tuple[str, ...] = ()  # topics already answered (or deferred)
    held: tuple[str, ...] = ()  # topics to answer in the goodbye (next_steps)
    concern_invited: bool = False
    # an answer may have asked for concerns: the analysis was unsure, and its words named
    # a topic, which was answered instead (rehearsal.asked.invites_concerns)
    concern_maybe_invited: bool = False
    concern_voiced: bool = False
    interest_or_ask: bool = False  # the candidate stated interest or asked for the job
    nudged: bool = False
    # the questions turn's answer asked for the interviewer's doubts and no question of its
    # own ("Before I ask my questions, is there anything that gives you pause?"): once the
    # doubt is answered, the interviewer asks for the questions
    questions_owed: bool = False
    opened: bool = False
    went_ahead: bool = False  # the last reply was "Go ahead." (not said twice in a row)
    # the openers said so far ("honestly", "good question"), not said again while another
    # line will do (rehearsal.variety)
    openers: tuple[str, ...] = ()
    lines: tuple[str, ...] = ()  # every line said so far, not said word for word again either
    reasons: tuple[str, ...] = ()  # every reason code so far, for the closing note
    notes: tuple[str, ...] = ()  # coaching notes (e.g. a deferred pay question)


@dataclass(frozen=True)
class NextTurn:
    """The scripted turn that comes next, with its lines already picked and filled in."""

    id: str
    kind: TurnKind
    line: str  # what it says; in a concern turn, the line that voices `concern`
    expects: tuple[str, ...]
    concern: str | None = None  # the doubt a concern turn may voice
    no_concern_line: str = ""  # said when no concern is voiced (without reactions.concern)
    no_concern_expects: tuple[str, ...] = ()
    concern_forced: bool = False  # the run forces the concern (recorded sample answers)
    # said instead of `line` after an answer asked for questions that had none to answer
    # (the turn's after_no_questions): `line` would invite "anything else?" again
    no_questions_lines: tuple[str, ...] = ()
    # said instead of `line` when a probe brought the concern turn ahead of this one (the
    # turn's after_concern): it then follows the answer to the doubt
    after_concern_lines: tuple[str, ...] = ()
    # every phrasing `line` and `no_concern_line` were picked from, filled in alike: one
    # replaces the pick when its opener was said since (rehearsal.variety)
    line_options: tuple[str, ...] = ()
    no_concern_options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reply:
    lines: tuple[str, ...]  # said in this order, as one prompt
    reasons: tuple[str, ...]
    expects: tuple[str, ...]  # what the candidate's answer to it should do
    state: ConversationState
    inserted: bool = False  # an extra turn: the same next turn is still to come
    concern: str | None = None  # the concern voiced, if any
    notes: tuple[str, ...] = ()  # coaching notes raised by this reply
    turn_id: str | None = None  # the scripted turn this reply speaks (None when inserted)
    # the line that gave the next-steps timeline, as said (the follow-up draft quotes its
    # time phrase); None when none was given
    timeline: str | None = None

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def start(
    reactions: Reactions, persona: str | None = None, values: Mapping[str, str] | None = None
) -> ConversationState:
    """The state before the first turn; ``persona`` None means the scenario's default."""
    name = reactions.get_persona(persona).name  # raises ConfigError for an unknown name
    return ConversationState(persona=name, values=tuple((values or {}).items()))


def plan_turn(
    spec: TurnSpecLike,
    reactions: Reactions,
    state: ConversationState,
    rng: random.Random,
    *,
    last: bool,
    concern: str | None = None,
) -> NextTurn:
    """One scripted turn, phrased for the persona. ``concern`` forces the doubt voiced
    (invited or not), as recorded sample answers that respond to it need."""
    values = dict(state.values)
    persona = reactions.get_persona(state.persona)
    concerns: Sequence[str] = getattr(spec, "concerns", ())
    voiced = concern or (rng.choice(concerns).format(**values) if concerns else None)
    phrasings = persona.turn_phrasings(spec.id) or spec.phrasings
    options = tuple(_fill(p, values, concern=voiced or "") for p in phrasings)
    line = rng.choice(options)
    no_concern = tuple(_fill(p, values) for p in getattr(spec, "no_concern_phrasings", ()))
    no_line = rng.choice(no_concern) if no_concern else ""
    expects = tuple(spec.expects)
    kind: TurnKind = (
        "concern" if voiced else "goodbye" if last else
        "questions" if "question" in expects else "other"
    )  # fmt: skip
    after: Sequence[str] = getattr(spec, "after_no_questions", ())
    after_concern: Sequence[str] = getattr(spec, "after_concern", ())
    return NextTurn(
        spec.id, kind, line, expects, voiced, no_line,
        tuple(getattr(spec, "no_concern_expects", ())), concern_forced=concern is not None,
        no_questions_lines=tuple(_fill(a, values) for a in after),
        after_concern_lines=tuple(_fill(a, values) for a in after_concern),
        line_options=options, no_concern_options=no_concern,
    )  # fmt: skip


def heard_anyway(sentences: Sequence[SentenceLike], unsure: Unsure) -> tuple[SentenceLike, ...]:
    """The sentences of an answer not heard clearly (``unsure``) that are replied to all the
    same: when Whisper's unsureness of many words was the only trouble, those the analysis
    judged because Whisper heard them word for word
    (:func:`~voicecoach.analysis.results.heard_at_all`), bar a check-back, which the
    not-heard line already answers."""
    if unsure != "unclear_words":
        return ()
    return tuple(s for s in sentences if heard_at_all(s.unclear) and not is_check_back(s.text))


def choose_reply(
    reactions: Reactions,
    state: ConversationState,
    sentences: Sequence[SentenceLike],
    expected: Collection[str],
    next_turn: NextTurn | None,
    rng: random.Random,
    *,
    may_insert: bool = True,
    topic_of: Callable[[SentenceLike], str | None] | None = None,
    spare_concern: NextTurn | None = None,
    doubt: ConcernVerdict | None = None,
    unsure: Unsure | None = None,
    concern_ahead: NextTurn | None = None,
) -> Reply:
    """The interviewer's next line(s) after an answer.

    ``sentences``: the answer's analysed sentences; ``expected``: what the turn just
    answered asked for (its ``expects``); ``next_turn``: the scripted turn that follows
    (None after the last). ``may_insert`` False forbids extra turns (nudge, opening), e.g.
    when recorded answers stand in for the candidate, one file per scripted turn.
    ``topic_of`` replaces the keyword rules for a question's topic (e.g. rules plus the
    embedding fallback of :func:`voicecoach.analysis.topic_vectors.classify_question`);
    None: the rules alone. ``spare_concern``: the concern turn, once it has been spoken
    without voicing its doubt; an answer that invites concerns after it gets that doubt
    (an extra turn, before the next scripted one). ``concern_ahead``: the concern turn, when
    it is still to come after ``next_turn``; an answer that invites concerns has it said now
    instead of ``next_turn`` (the reply's ``turn_id`` says so: the turns it was after follow
    it), so the doubt answers the probe at once. ``doubt``: the answer was to a doubt the
    interviewer raised, as the concerns check judged it (see :func:`check_back_line`).
    ``unsure``: the answer was not heard clearly (:data:`Unsure`): the interviewer says so
    (``reactions.not_heard``, at most NOT_HEARD_SAID_AT_MOST times in a session) and goes
    on with the next line, replying to none of its
    words, which may not be the candidate's (a trial's interviewer answered a question
    another voice asked over the answer); when the trouble was only Whisper's unsureness
    of many words, it still replies to a sentence the analysis heard word for word
    (:func:`~voicecoach.analysis.results.heard_at_all`; trial s31: a clear question after a
    garbled one), but not to a check-back.
    """
    persona = reactions.get_persona(state.persona)
    draft = _Draft(persona, dict(state.values), rng, state.openers, state.lines)
    say, why, notes, line = draft.say, draft.why, draft.notes, draft.line
    if unsure is not None:  # nothing in it is replied to, nor taken as said...
        if may_say_not_heard(state):
            line(reactions.not_heard(unsure))
        why.append(f"not_heard_{unsure}")
        sentences = heard_anyway(sentences, unsure)
    elif goes_ahead(state, expected, [s.text for s in sentences], bool(next_turn), may_insert):
        # "Yes." and a silence: they have something to say, so the interviewer waits for it
        # in an extra turn that asks for the same moves, instead of taking the yes as all
        line(reactions.go_ahead)
        why.append("go_ahead_after_yes")
        return draft.reply(tuple(expected), replace(state, went_ahead=True), inserted=True)
    state = replace(state, went_ahead=False)
    probed = any(invites_concerns(s, reactions) for s in sentences)
    invited = state.concern_invited or probed
    maybe = state.concern_maybe_invited or any(
        maybe_invites_concerns(s, reactions) for s in sentences
    )
    interest = state.interest_or_ask or any(
        m in s.moves for s in sentences for m in ("interest", "ask_for_job")
    )
    asked, answered, held = list(state.asked), list(state.answered), list(state.held)
    substantive = 0  # questions answered on a known topic or neutrally (not deferred/held)
    count = 0
    checked = checked_back(sentences)
    if checked:  # said first: it answers the end of what they just said
        lines, reason, brief = check_back_line(reactions, doubt)
        line(lines, concern=brief)
        why.append(reason)
    if doubt is not None and any(
        invites_concerns(s, reactions) and not is_check_back(s.text) for s in sentences
    ):
        # the answer to the doubt just raised asks whether it is the main one, or for any
        # other ("Is that the main worry, or is there something else?"): it is, and there
        # is none (the neutral "worth asking the hiring manager" answered it before)
        line(reactions.main_doubt)
        why.append("doubt_was_the_main_one")
    found = question_topics(sentences, reactions, topic_of)
    # a question placed on a topic that gets an answer (now or in the goodbye) makes the
    # neutral reply to another one of the same answer a deflection said beside an answer
    placed = any(
        _answerable(reactions.topic(t))
        for _, t in found
        if t and t not in state.answered and t not in state.held
    )  # a topic already answered or held gets no reply here: it places nothing
    let_go = False  # ...so it is let go (its reason after those of the answers), when
    # Whisper was unsure of its words (often a garbled second try at the question answered);
    # heard word for word, it gets a short line after the answers that it will be followed up
    later = False
    for sentence, topic in found:
        key = topic or "unknown"
        asked.append(key)
        spec = reactions.topic(topic) if topic else None
        if spec is not None and spec.goodbye is not None:
            if topic not in held:
                held.append(key)
                if spec.replies is not None and (next_turn is None or next_turn.kind != "goodbye"):
                    line(spec.replies)
                why.append(f"held_for_goodbye:{key}")
            continue
        if key in answered and spec is not None:
            why.append(f"already_answered:{key}")
            continue
        if placed and (spec is None or spec.replies is None):  # the neutral reply's cases
            later = later or heard_word_for_word(sentence)
            let_go = let_go or not heard_word_for_word(sentence)
            continue
        if count >= reactions.answer_at_most:
            if "left_unanswered" not in why:
                why.append("left_unanswered")
            continue
        count += 1
        if spec is not None and spec.replies is not None and spec.defer:
            line(spec.replies)
            why.append("deferred_pay_question" if key == "pay" else f"deferred_topic:{key}")
            notes.extend([spec.coaching] if spec.coaching and spec.coaching not in notes else [])
        elif spec is not None and spec.replies is not None:
            # only before the turn's first reply: "...courses and conferences. Okay. People
            # here are direct..." read as a reaction to something new mid-answer (trial 24)
            if count == 1 and reactions.acknowledge and sentence.question_form == "open":
                line(reactions.acknowledge)
            line(spec.replies)
            why.append(f"answered_topic:{key}")
            draft.timeline = say[-1] if key == NEXT_STEPS else draft.timeline
            substantive += 1
        elif "answered_neutral" not in why:
            line(reactions.unknown)
            why.append("answered_neutral")
            substantive += 1
        answered.append(key)
    later_at = len(say) if later else None  # where it is said (moved after a held answer)
    if later:  # once, after the answers: "Your other question is one for the hiring manager"
        line(reactions.later)
        why.append("acknowledged_for_later")
        substantive += 1
    if let_go and "left_unanswered" not in why:
        why.append("left_unanswered")

    state = replace(
        state, asked=tuple(asked), answered=tuple(answered), held=tuple(held),
        concern_invited=invited, concern_maybe_invited=maybe, interest_or_ask=interest,
        questions_owed=state.questions_owed and not found,  # a question asked: none owed
    )  # fmt: skip
    if state.questions_owed and "concern_answer" in expected and next_turn is not None:
        # the doubt a probe drew is answered, and the questions it said would follow were
        # never asked: a person comes back to them (trial 16: the recap and the goodbye
        # followed, and the close read "You had no questions when invited"). Asked for once:
        # no nudge after it
        line(reactions.questions_again)
        why.append("questions_invited_again")
        owed = replace(state, questions_owed=False, nudged=True)
        return draft.reply(("question",), owed, inserted=True)
    # not heard clearly: whether they asked anything is not known, so no "Okay." or nudge;
    # nor after a probe in this answer (the doubt answers it). One made earlier does not
    # count: asked for the questions again after it, "No, that's all." is no questions
    if "question" in expected and not substantive and not probed and unsure is None:
        if not why:  # nothing asked at all (a deferral or a held topic is reply enough)
            line(reactions.no_questions_ack)
            why.append("acknowledged_no_questions")
        if not state.nudged and may_insert and reactions.nudge is not None:
            line(reactions.nudge)
            why.append("nudge_no_questions")
            return draft.reply(("question",), replace(state, nudged=True), inserted=True)

    if next_turn is None:
        return draft.reply((), state, default="end")
    if (
        probed and spare_concern is not None and spare_concern.concern is not None
        and not state.concern_voiced and next_turn.kind != "concern" and may_insert
    ):  # fmt: skip
        draft.planned(spare_concern.line, spare_concern.line_options)
        why.append("concern_invited_late")
        voiced = replace(state, concern_voiced=True)
        return draft.reply(
            spare_concern.expects, voiced, inserted=True, concern=spare_concern.concern
        )
    if (
        probed and concern_ahead is not None and not state.concern_voiced
        and next_turn.kind != "concern"
    ):  # fmt: skip
        # "Does anything about my background give you pause?" in the questions turn: a person
        # voices the doubt now, not after another "anything else?" that ignores the probe;
        # when that answer asked nothing of its own, the questions are asked for after it
        next_turn = concern_ahead
        state = replace(state, questions_owed="question" in expected and not found and may_insert)
    if next_turn.kind == "concern":
        # what the answer did, as the analysis labelled it: an answer not heard clearly, or
        # one that made none of the moves asked for ("I'm not really sure. I do not know."),
        # gets no approval before the next question (trial 15: "That was hard to make out.
        # Alright. That helps me a lot.")
        made = unsure is None and any(
            m in expected and m not in s.unclear for s in sentences for m in s.moves
        )
        return _concern(reactions, state, next_turn, draft, approve=made)
    if next_turn.kind == "goodbye":
        # The turn just answered already asked for this ("Is there anything else...?") and
        # nothing was said in reply to the answer (a check-back's yes aside): the opening
        # would ask it again.
        repeat = set(OPENING_EXPECTS) <= set(expected) and len(say) == int(checked)
        if (
            not interest and not state.opened and not repeat and may_insert
            and reactions.opening is not None
        ):  # fmt: skip
            line(reactions.opening)
            why.append("opening_before_goodbye")
            opened = replace(state, opened=True)
            return draft.reply(OPENING_EXPECTS, opened, inserted=True)
        for key in state.held:
            spec = reactions.topic(key)
            if spec is not None and spec.goodbye is not None:
                line(spec.goodbye)
                why.append(
                    "timeline_in_goodbye" if key == NEXT_STEPS else f"answered_in_goodbye:{key}"
                )
                draft.timeline = say[-1] if key == NEXT_STEPS else draft.timeline
        if later_at is not None and later_at < len(say) - 1:
            # "your other question" follows the answer it is the other one to
            say.append(say.pop(later_at))
            why.remove("acknowledged_for_later")
            why.append("acknowledged_for_later")
        state = replace(state, held=())
    # Asked for questions (the questions turn, the nudge) and nothing was said in reply but
    # "Okay.": a line that offers "anything else you want to add or ask?" would be the same
    # invitation twice in a row, so the turn's after_no_questions line is said instead.
    replied = any(r.startswith(("answered_", "deferred_", "held_for_goodbye")) for r in why)
    if "question" in expected and not replied and unsure is None and next_turn.no_questions_lines:
        draft.choose(next_turn.no_questions_lines)
    else:
        draft.planned(next_turn.line, next_turn.line_options)
    return draft.reply(next_turn.expects, state, turn_id=next_turn.id, default="scripted")


def _answerable(spec: TopicReplies | None) -> bool:
    """A topic the bank answers (now or in the goodbye), not one it defers."""
    return spec is not None and not spec.defer and (spec.replies or spec.goodbye) is not None


class _Draft:
    """The reply being put together: its lines, reason codes, coaching notes and the
    next-steps line (``timeline``), which every return of :func:`choose_reply` carries.
    ``said``: the openers said before it; none is said again while another line will do."""

    def __init__(
        self, persona: Persona, values: Mapping[str, str], rng: random.Random,
        said: tuple[str, ...] = (), lines: tuple[str, ...] = (),
    ) -> None:  # fmt: skip
        self.persona, self.values, self.rng = persona, values, rng
        self.said, self.lines = said, lines
        self.say: list[str] = []
        self.why: list[str] = []
        self.notes: list[str] = []
        self.timeline: str | None = None  # the next-steps line, as said

    def openers(self) -> tuple[str, ...]:
        """The openers said so far, this reply's included."""
        return variety.remember(self.said, self.say)

    def line(self, lines: Lines, **extra: str) -> None:
        """Say one of ``lines`` (the persona's), its fields filled in."""
        self.choose([_fill(t, self.values, **extra) for t in lines.for_persona(self.persona.name)])

    def choose(self, options: Sequence[str]) -> None:
        """Say one of ``options``: one whose opener was not said yet, when there is one."""
        self.say.append(variety.pick(options, self.openers(), self.rng, (*self.lines, *self.say)))

    def planned(self, line: str, options: Sequence[str]) -> None:
        """Say a scripted turn's ``line``, picked before the session, or another of its
        ``options`` when its opener was said since."""
        self.say.append(variety.keep_or_vary(line, options, self.openers(), self.rng))

    def reply(
        self, expects: Sequence[str], state: ConversationState, *, inserted: bool = False,
        concern: str | None = None, turn_id: str | None = None, default: str | None = None,
    ) -> Reply:  # fmt: skip
        """The finished reply; ``default``: its reason code when nothing else gave one."""
        why = tuple(self.why) or ((default,) if default else ())
        notes = tuple(self.notes)
        state = replace(
            state, reasons=state.reasons + why, notes=state.notes + notes,
            openers=self.openers(), lines=state.lines + tuple(self.say),
        )  # fmt: skip
        lines = tuple(s for s in self.say if s)
        return Reply(
            lines, why, tuple(expects), state, inserted, concern, notes, turn_id, self.timeline
        )


def _concern(
    reactions: Reactions, state: ConversationState, turn: NextTurn, draft: _Draft, *,
    approve: bool = True,
) -> Reply:  # fmt: skip
    """The concern turn's line: the doubt, invited or raised unasked, or a question that
    is not one. ``approve`` False: the answer before it made none of the moves it was asked
    for, or was not heard clearly, so the line without one is said
    (``concern.not_invited_plain``), when the scenario has one."""
    if state.concern_invited and not state.concern_voiced:
        draft.planned(turn.line, turn.line_options)
        draft.why.append("concern_invited")
    elif (
        reactions.concern_unprompted is not None
        and not state.concern_voiced
        and (
            turn.concern_forced or state.concern_maybe_invited
            or draft.rng.random() < draft.persona.unprompted_concern_chance
        )
    ):  # fmt: skip
        # worded as unasked: "Since you ask..." would answer what may not have been asked
        draft.line(reactions.concern_unprompted, concern=turn.concern or "")
        # an answer not heard clearly, earlier or this one, may have invited it
        unheard = state.concern_maybe_invited or any(
            r.startswith("not_heard_") for r in (*state.reasons, *draft.why)
        )
        draft.why.append("concern_unprompted_unheard" if unheard else "concern_unprompted")
    else:
        plain = None if approve else reactions.concern_not_invited_plain
        asks = plain or reactions.concern_not_invited
        if asks is not None:
            draft.line(asks)
        else:
            draft.planned(turn.no_concern_line, turn.no_concern_options)
        draft.why.append("no_concern_not_invited")
        return draft.reply(turn.no_concern_expects, state, turn_id=turn.id)
    voiced = replace(state, concern_voiced=True)
    return draft.reply(turn.expects, voiced, concern=turn.concern, turn_id=turn.id)


def opening_doubt(
    reactions: Reactions, state: ConversationState, turn: NextTurn, rng: random.Random
) -> Reply:
    """The first line of a session whose first turn is the concern turn: nothing before it
    could have invited the doubt, so it is raised unasked as a later concern turn raises it,
    and recorded alike. Raised always, whatever the run or the persona's chance: the line
    without it thanks the candidate for an answer never given (a review of stop 51), and
    the scenario opens on the doubt to have it answered. A scenario with no unasked wording
    (``concern.unprompted``) says the turn's own line for it."""
    persona = reactions.get_persona(state.persona)
    draft = _Draft(persona, dict(state.values), rng, state.openers, state.lines)
    if reactions.concern_unprompted is not None:
        return _concern(reactions, state, replace(turn, concern_forced=True), draft)
    draft.planned(turn.line, turn.line_options)
    draft.why.append("concern_unprompted")
    voiced = replace(state, concern_voiced=True)
    return draft.reply(turn.expects, voiced, concern=turn.concern, turn_id=turn.id)


def _fill(template: str, values: Mapping[str, str], **extra: str) -> str:
    fields = {"company": "the company", "role": "this role", "interviewer": "the interviewer"}
    fields.update({k: v for k, v in values.items() if v})
    return " ".join(template.format(**fields, **extra).split())


__all__ = [
    "REASONS",
    "ConversationState",
    "NextTurn",
    "Reactions",
    "Reply",
    "TopicReplies",
    "Unsure",
    "choose_reply",
    "heard_anyway",
    "opening_doubt",
    "plan_turn",
    "start",
]
