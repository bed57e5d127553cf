"""One rehearsal's conversation with a reacting interviewer: the next turn after each answer.

The choosing is pure (:mod:`.reactions`); this keeps its state for the turn loop
(:mod:`.run`) and turns each reply into a :class:`voicecoach.scenario.Turn`: a scripted turn
with its reaction said first, or an inserted one (the nudge, the opening) that takes the
next turn number. It also keeps the session's plan right (what every turn, spoken or still
to come, expects) and writes the closing coaching that refers to the conversation.
"""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeVar

from voicecoach.analysis.sentences import sentences_of
from voicecoach.rehearsal import variety
from voicecoach.rehearsal.asked import SentenceLike, invites_concerns
from voicecoach.rehearsal.closing import closing_reply
from voicecoach.rehearsal.reactions import (
    NextTurn,
    choose_reply,
    goes_ahead,
    opening_doubt,
    plan_turn,
    start,
)
from voicecoach.scenario import FALLBACKS, Scenario, Turn, role_phrase

if TYPE_CHECKING:
    from voicecoach.analysis.results import Analysis, CoachingPoint, ConcernVerdict
    from voicecoach.profile import Profile

# Inserted turns are named after the reason that made them.
INSERTED = {
    "nudge_no_questions": "nudge", "opening_before_goodbye": "opening",
    "go_ahead_after_yes": "go-ahead",  # the same turn's moves, after a bare "Yes."
    "concern_invited_late": "late-concern",  # the concern turn's doubt, invited after it
    # the questions, asked for after the doubt a probe drew in their place
    "questions_invited_again": "questions-again",
}  # fmt: skip
CLOSING = "closing"  # the id of the reply after the last answer (not a coached turn)
REPEATED = "repeat"  # the id of a line said again because the candidate asked
EXTRA_IDS = frozenset({*INSERTED.values(), REPEATED})  # turns the script does not have
# A tough persona more likely than not to raise a concern unasked: the plan expects one.
LIKELY = 0.5
T = TypeVar("T")

# Every sentence of the conversation's coaching, in one place: (kind, title, message,
# suggestion); {note} is filled in. Each strength credits a move of the candidate's: the
# interviewer answering their questions was no strength of theirs (trial 16: "+ Your
# questions got real answers", for a topic reply; the session's reasons still say it)
WORDS = {
    "deferred_pay": (
        "fix", "Pay came up at the close",
        "You asked about pay, benefits, time off or overtime; the interviewer deferred it.",
        "{note}",
    ),
    "nudged_in_vain": (
        "fix", "No question, even when nudged",
        "The interviewer nudged you once to ask something, and you still had no question.",
        "Prepare two open questions about the team or the work before the interview.",
    ),
    "invited_answered": (
        "strength", "You drew out a concern and answered it",
        "You invited a concern and answered it with evidence.", "",
    ),
    "invited_unanswered": (
        "fix", "You drew out a concern, then left it standing",
        # what the answer lacked is the analyzer's to say ("Answer the concern head on"): an
        # off-topic answer with an example was told it "gave no example" (trial s25)
        "You invited a concern, which is good, but your answer did not settle it.",
        "Name one concrete time you did what the concern doubts, then say how you would start.",
    ),
    "unprompted": (
        "fix", "The interviewer raised a doubt you had not invited",
        "You did not ask whether anything gave them pause, so they raised it on their own terms.",
        "Ask for concerns yourself, after your recap, so you can answer them while still there.",
    ),
    "unprompted_no_recap": (  # the same, in a scenario with no recap turn (the concerns drill)
        "fix", "The interviewer raised a doubt you had not invited",
        "You did not ask whether anything gave them pause, so they raised it on their own terms.",
        "When they ask if there is anything else, ask whether anything in your background "
        "gives them pause: then the doubt comes up when you are ready for it.",
    ),
    "invited_at_the_door": (
        "fix", "You invited a doubt too late to answer it",
        "You asked what might hold them back only in your last answer: they named a doubt, "
        "and the interview ended before you could settle it.",
        "Ask for concerns right after your recap, while you can still answer what they raise.",
    ),
    "timeline": (
        "strength", "You asked about next steps",
        "You asked for the job or what happens next, and the interviewer gave you a timeline.",
        "",
    ),
    "opening_used": (
        "fix", "The interviewer had to leave you an opening",
        "Before the goodbye you had not said you wanted the job; the interviewer asked "
        "\"anything else?\" and you took the chance.",
        "Say you want the job and ask about next steps without waiting to be prompted.",
    ),
    "opening_missed": (
        "fix", "An opening to ask for the job went unused",
        "Before the goodbye the interviewer asked \"anything else?\", and you did not say you "
        "wanted the job or ask what happens next.",
        "When you hear \"anything else?\", say you want the role and ask about next steps.",
    ),
}  # fmt: skip
# Added to the persona's description when the run sets the concern (--concern; the demo and
# its recorded answers, which reply to one): it is then raised whether invited or not.
FORCED_CONCERN = (
    "In this run the doubt is set in advance (the demo, or --concern), so it is raised even "
    "if you do not ask."
)
HINTS = {
    "nudge": "Ask one open question about the team or the work.",
    "questions-again": "Now ask the one or two open questions you had in mind.",
    "opening": "Say plainly that you want the job, and ask what happens next.",
    # a turn that asked for the probe too, once the probe brought the doubt forward
    "recap": "Recap your fit in 20 to 30 seconds: the skills and results that match the role.",
}


def _ask_credited(analyses: dict[int, Analysis]) -> bool:
    """May the conversation's coaching credit the candidate with asking about next steps?
    Not where a turn that asked for the ask judged it not made, or not heard clearly, and
    none made it: the reply reads a question's words for the topic, the check the sentence
    model, and trial 52's "Well, turn up next steps?" got the timeline and "You asked
    about next steps" beside the checklist's "did not ask"."""
    found = {c.status for a in analyses.values() if (c := a.check("ask_for_job")) is not None}
    return "done" in found or not found & {"missing", "partial", "unclear"}


@dataclass(frozen=True)
class ConversationSummary:
    """What the session keeps about the conversation (the manifest's ``conversation``)."""

    persona: str
    reasons: tuple[str, ...]  # every reason code, in order
    coaching: tuple[CoachingPoint, ...]  # the closing coaching about the conversation


class Conversation:
    """The interviewer's side of one rehearsal with ``scenario.reactions``.

    ``planned``: the scripted turns of :func:`voicecoach.scenario.plan` (their clocks,
    hints and any forced concern); ``may_insert`` False: recorded answers, one per scripted
    turn, so no nudge or opening is added.
    """

    def __init__(
        self,
        scenario: Scenario,
        planned: Sequence[Turn],
        *,
        profile: Profile | None = None,
        seed: int = 0,
        persona: str | None = None,
        concern_forced: bool = False,
        may_insert: bool = True,
        topic_of: Callable[[SentenceLike], str | None] | None = None,
    ) -> None:
        if scenario.reactions is None:
            raise ValueError(f"{scenario.path}: a fixed script has no conversation")
        self.reactions = scenario.reactions
        values = {k: (getattr(profile, k, "") or fallback) for k, fallback in FALLBACKS.items()}
        values["role"] = role_phrase(getattr(profile, "role", ""))
        self.state = start(self.reactions, persona, values)
        self.persona = self.reactions.get_persona(self.state.persona)
        # what the rehearsal's header says of the persona stays true; a persona that always
        # raises a doubt unasked (the concerns drill) already says so
        if concern_forced and self.persona.unprompted_concern_chance < 1:
            told = f"{self.persona.description} {FORCED_CONCERN}".strip()
            self.persona = replace(self.persona, description=told)
        self.rng = random.Random(seed)
        specs = scenario.turns
        self.planned = tuple(planned)
        self.scripted: tuple[NextTurn, ...] = tuple(
            plan_turn(
                spec, self.reactions, self.state, self.rng, last=i == len(specs) - 1,
                concern=p.concern if concern_forced and spec.concerns else None,
            )
            for i, (spec, p) in enumerate(zip(specs, self.planned, strict=True))
        )  # fmt: skip
        self.index = -1  # the last scripted turn spoken (-1: none yet)
        self._asks: dict[int, str] = {}  # each spoken turn's line that asks (see next())
        self.may_insert = may_insert
        self.topic_of = topic_of or self._topic
        self.spoken: list[Turn] = []
        self.choice_s: list[float] = []  # how long each choice took (for the benchmark)

    def first(self) -> Turn:
        nxt, p = self.scripted[0], self.planned[0]
        self.index = 0
        if nxt.kind == "concern":  # its doubt is raised unasked, and recorded, as later on
            reply = opening_doubt(self.reactions, self.state, nxt, self.rng)
            self.state = reply.state
            hint = p.hint if reply.concern is not None else ""
            turn = Turn(1, nxt.id, reply.text, reply.expects, reply.concern, p.clock, hint,
                        reply.reasons)  # fmt: skip
        else:
            turn = Turn(1, nxt.id, nxt.line, nxt.expects, nxt.concern, p.clock, p.hint,
                        ("scripted",))  # fmt: skip
            said = variety.remember(self.state.openers, [nxt.line])
            self.state = replace(self.state, openers=said, lines=(*self.state.lines, nxt.line))
        self.spoken.append(turn)
        self._asks[turn.n] = turn.text
        return turn

    def next(self, turn: Turn, analysis: Analysis) -> Turn | None:
        """The turn after ``turn``, whose answer was just analysed. After the last: the
        closing reply when that answer asked something (a :class:`Turn` with ``closing``
        set: nothing is recorded after it), else None."""
        from voicecoach.analysis.turn_checks import unsure_why

        started = time.perf_counter()
        doubt = self._doubt(turn, analysis)
        unsure = unsure_why(analysis)  # too quiet, over another voice, or words unsure
        if unsure is None and self._asked_again(turn, analysis):
            return self._said_again(turn)
        following = self.index + 1
        nxt = self.scripted[following] if following < len(self.scripted) else None
        if nxt is None:
            reply = closing_reply(
                self.reactions, self.state, analysis.sentences, self.rng,
                topic_of=self.topic_of, spare_concern=self._spare(),
                said=[t.text for t in self.spoken], doubt=doubt, unsure=unsure,
            )  # fmt: skip
        else:
            reply = choose_reply(
                self.reactions, self.state, analysis.sentences, turn.expects, nxt, self.rng,
                may_insert=self.may_insert, topic_of=self.topic_of, spare_concern=self._spare(),
                doubt=doubt, unsure=unsure,
                concern_ahead=self._ahead(following) if self.may_insert else None,
            )  # fmt: skip
            if reply.turn_id is not None and reply.turn_id != nxt.id:
                nxt = self._bring_forward(reply.turn_id, following)
        self.state = reply.state
        self.choice_s.append(time.perf_counter() - started)
        if not reply.lines:
            return None
        if nxt is None:  # not in `spoken`: the plan lists the coached turns only
            return Turn(turn.n + 1, CLOSING, reply.text, (), None, None, "", reply.reasons,
                        closing=True, timeline=reply.timeline)  # fmt: skip
        if reply.inserted:
            kind = next(INSERTED[r] for r in reply.reasons if r in INSERTED)
            hint = HINTS.get(kind) or (turn.hint if kind == "go-ahead" else self._concern_hint())
            clock = turn.clock if kind == "go-ahead" else None  # the answer it still waits for
            made = Turn(turn.n + 1, kind, reply.text, reply.expects, reply.concern, clock, hint,
                        reply.reasons, timeline=reply.timeline)  # fmt: skip
        else:
            self.index = following
            p = self.planned[following]
            # a concern turn's tip is about the concern: only under a line that voices one
            # (the plan's own draw is not what decides it; the reply is)
            hint = p.hint if reply.concern is not None or nxt.kind != "concern" else ""
            made = Turn(turn.n + 1, nxt.id, reply.text, reply.expects, reply.concern, p.clock,
                        hint, reply.reasons, timeline=reply.timeline)  # fmt: skip
        self.spoken.append(made)
        # what a request to hear it again repeats: the line that asks, not the reaction
        # before it ("Fair question." to the request, a deferral said twice); a go-ahead
        # only lets them go on, so it is the line it follows that is asked again
        go_ahead = reply.inserted and made.id == "go-ahead"
        self._asks[made.n] = self.asking(turn) if go_ahead else reply.lines[-1]
        return made

    def asking(self, turn: Turn) -> str:
        """The line of ``turn`` that asks: its last, after any reply ("Of course." before a
        line said again, the answer to a question before the next one)."""
        return self._asks.get(turn.n, turn.text)

    def mark(self) -> tuple[object, ...]:
        """Where the conversation stands, to :meth:`rewind` to (before a :meth:`next`
        whose answer then grew: the candidate went on talking over the reply)."""
        order = (self.scripted, self.planned)  # a concern turn brought forward moves back
        return (self.state, self.index, len(self.spoken), self.rng.getstate(), order)

    def rewind(self, mark: tuple[object, ...]) -> None:
        state, index, spoken, rng, order = mark
        self.state, self.index = state, index  # type: ignore[assignment]
        self.scripted, self.planned = order  # type: ignore[misc]
        del self.spoken[spoken:]  # type: ignore[arg-type,misc]
        self.rng.setstate(rng)  # type: ignore[arg-type]

    def plan(self) -> list[tuple[str, ...]]:
        """What each turn expects: the spoken ones, then the scripted turns still to come
        (a concern turn as it will most likely go, given the conversation so far)."""
        out = [t.expects for t in self.spoken]
        for nxt in self.scripted[self.index + 1 :]:
            voiced = (
                nxt.concern_forced
                or (
                    (self.state.concern_invited or self.state.concern_maybe_invited)
                    and not self.state.concern_voiced
                )
                or self.persona.unprompted_concern_chance > LIKELY
            )
            out.append(nxt.expects if nxt.kind != "concern" or voiced else nxt.no_concern_expects)
        return out

    def summary(self, analyses: dict[int, Analysis]) -> ConversationSummary:
        """The conversation so far, with its coaching; ``analyses``: each answered turn's."""
        return ConversationSummary(self.state.persona, self.state.reasons, self._coaching(analyses))

    def _coaching(self, analyses: dict[int, Analysis]) -> tuple[CoachingPoint, ...]:
        from voicecoach.analysis.results import CoachingPoint

        reasons = self.state.reasons
        found: list[tuple[str, dict[str, str]]] = []
        if "deferred_pay_question" in reasons:
            spec = self.reactions.topic("pay")
            note = spec.coaching if spec is not None and spec.coaching else ""
            found.append(("deferred_pay", {"note": note or "Save it for the offer stage."}))
        nudge = next((t for t in self.spoken if t.id == "nudge"), None)
        if nudge is not None and not any(r.startswith("answered_") for r in reasons):
            found.append(("nudged_in_vain", {}))
        concern_turn = next((t for t in self.spoken if t.concern is not None), None)
        if concern_turn is not None:
            # the last answer to the doubt: it was said again if they asked to hear it
            answer = analyses.get(self._answered_in(concern_turn.n)[-1])
            check = answer.check("concerns") if answer is not None else None
            settled = check is not None and check.status == "done"
            # an answer the analysis could not judge (not heard clearly) was neither settled
            # nor left standing
            unclear = check is not None and check.status == "unclear"
            if {"concern_invited", "concern_invited_late"} & set(concern_turn.reasons):
                # (a doubt the rehearsal was stopped at, never answered, was not left
                # standing: trial 49 coached "your answer did not settle it" after q; a
                # turn stopped with q is saved with no words, which answers nothing)
                if not unclear and answer is not None and answer.sentences:
                    found.append(("invited_answered" if settled else "invited_unanswered", {}))
            elif "concern_unprompted_unheard" not in concern_turn.reasons:
                # "after your recap" only where the scenario has one
                recap = any("recap" in t.expects for t in self.planned)
                found.append(("unprompted" if recap else "unprompted_no_recap", {}))
            # else an answer before it, which could have invited it, was not heard clearly:
            # the candidate may well have asked (its unheard note says why it was not judged)
        # not invited and none voiced: the closing's concerns check already says "Invite
        # their doubts" (analysis/coaching.py); a second point here only repeated it
        if "concern_in_closing" in reasons:  # a new doubt, said after the last answer
            found.append(("invited_at_the_door", {}))
        if "timeline_in_goodbye" in reasons and _ask_credited(analyses):
            found.append(("timeline", {}))
        opening = next((t for t in self.spoken if t.id == "opening"), None)
        if opening is not None and opening.n in analyses:
            # the answer to it, and to a "Go ahead." after a bare yes to it
            said = self._answered_in(opening.n)
            used = any(
                c is not None and c.status == "done"
                for n in said
                if n in analyses
                for c in (analyses[n].check(k) for k in ("interest", "ask_for_job"))
            )
            # an answer before it or to it, where the interest or the ask was not heard
            # clearly, may well have said it: the opening is then not coached, as one they
            # needed or one they let go (trial 16: "you did not say you wanted the job"
            # beside those rows' "unclear, not judged")
            unheard = any(
                c is not None and c.status == "unclear"
                for n, analysis in analyses.items()
                if n < opening.n or n in said
                for c in (analysis.check(k) for k in ("interest", "ask_for_job"))
            )
            if not unheard:
                found.append(("opening_used" if used else "opening_missed", {}))
        points = []
        for priority, (key, values) in enumerate(found, 1):
            kind, title, message, suggestion = WORDS[key]
            points.append(
                CoachingPoint(
                    priority, kind,  # type: ignore[arg-type]
                    title, message.format(**values), suggestion.format(**values),
                )
            )  # fmt: skip
        return tuple(points)

    @staticmethod
    def _doubt(turn: Turn, analysis: Analysis) -> ConcernVerdict | None:
        """The answer's verdict on the doubt ``turn`` raised, as its analysis (the one the
        turn's verdict and the closing coaching rest on) judged it; None when it raised
        none. Read, not judged again: the reply costs no second encoding."""
        from voicecoach.analysis.results import ConcernVerdict

        verdict = analysis.concern_verdict(turn.concern) if turn.concern else None
        if verdict is None or not turn.concern:
            return None
        return ConcernVerdict(turn.concern, turn.n, verdict.topic, verdict.conceded)

    def _answered_in(self, n: int) -> list[int]:
        """The turns that hold the answer to turn ``n``: it, and the go-ahead and repeated
        turns right after it (its answer was a bare yes, or asked to hear it again)."""
        later = [t for t in self.spoken if t.n > n]
        after = itertools.takewhile(lambda t: t.id in ("go-ahead", REPEATED), later)
        return [n, *(t.n for t in after)]

    def _asked_again(self, turn: Turn, analysis: Analysis) -> bool:
        """Did the answer only ask to hear ``turn`` again, or to start over ("Sorry, could
        you repeat that?", "Can I start over?")? Once per line: asked again after hearing
        it twice, the rehearsal goes on (a loop helps nobody), as it does with recorded
        answers, one per scripted turn."""
        from voicecoach.analysis.asides import only_asks_to_repeat

        return (
            self.may_insert and not turn.closing and turn.id != REPEATED
            and only_asks_to_repeat([s.text for s in analysis.sentences])
        )  # fmt: skip

    def _said_again(self, turn: Turn) -> Turn:
        """``turn``'s line that asks, said again after "Of course.", as an extra turn that
        asks the same (and carries its doubt: the answer to it is judged there)."""
        said = self.state.openers
        leads = self.reactions.repeat.for_persona(self.state.persona)
        lead = variety.pick(leads, said, self.rng, self.state.lines)
        reasons = ("repeated_on_request",)
        said = variety.remember(said, [lead])
        self.state = replace(
            self.state, reasons=self.state.reasons + reasons, openers=said,
            lines=(*self.state.lines, lead),
        )  # fmt: skip
        line = self.asking(turn)
        made = replace(turn, n=turn.n + 1, id=REPEATED, text=f"{lead} {line}", reasons=reasons)
        self.spoken.append(made)
        self._asks[made.n] = line
        return made

    def aside(self, turn: Turn, analysis: Analysis) -> str:
        """What the answer to ``turn`` asked of the conversation rather than answered:
        "repeat" (to hear the line again: it will be), "yes" (a bare yes: "Go ahead." will
        follow), "probe_first" (asked for doubts before any question: the doubt follows,
        then the questions are asked for), or "". The verdict on such an answer says so
        instead of judging it."""
        from voicecoach.analysis.turn_checks import unsure_why

        if unsure_why(analysis) is not None:
            return ""
        if self._asked_again(turn, analysis):
            return "repeat"
        has_next = not turn.closing and self.index + 1 < len(self.scripted)
        said = [s.text for s in analysis.sentences]
        ahead = goes_ahead(self.state, turn.expects, said, has_next, self.may_insert)
        if ahead:
            return "yes"
        return "probe_first" if self._probes_first(turn, analysis) else ""

    def _probes_first(self, turn: Turn, analysis: Analysis) -> bool:
        """Will the reply to this answer voice the doubt it asked for and, after the
        doubt's answer, ask for the questions it did not ask? Told by choosing the reply
        and going back: the verdict says what the conversation will do."""
        if "question" not in turn.expects or turn.closing or not self.may_insert:
            return False
        if not any(invites_concerns(s, self.reactions) for s in analysis.sentences):
            return False
        mark, asks, timed = self.mark(), dict(self._asks), len(self.choice_s)
        try:
            self.next(turn, analysis)
            return self.state.questions_owed
        finally:
            self.rewind(mark)
            self._asks, self.choice_s[timed:] = asks, []

    def _ahead(self, following: int) -> NextTurn | None:
        """The concern turn, when it is still to come after the scripted turn at
        ``following`` (a probe in an answer before it brings it forward, live only: recorded
        answers, one per scripted turn, keep the script's order)."""
        later = self.scripted[following + 1 :]
        return next((t for t in later if t.kind == "concern"), None)

    def _bring_forward(self, turn_id: str, following: int) -> NextTurn:
        """The scripted turn ``turn_id``, moved to ``following`` (where the next scripted
        turn stood): the turns it was after keep their order behind it, as does the plan."""
        at = next(i for i, t in enumerate(self.scripted) if t.id == turn_id)

        def moved(items: tuple[T, ...]) -> tuple[T, ...]:
            rest = items[:at] + items[at + 1 :]
            return (*rest[:following], items[at], *rest[following:])

        self.scripted, self.planned = moved(self.scripted), moved(self.planned)
        # the turn it went ahead of now follows the doubt's answer: its "anything else?"
        # would come twice in a row with the ask turn's, so it says its after_concern line
        # ("how would you sum up what you'd bring?"), when it has such lines. Not its
        # after_no_questions line: that answers a "no questions", and the answer that drew
        # the doubt may well have asked one (trial 15: "Then let me turn it around..." after
        # a question answered and a doubt answered)
        behind = self.scripted[following + 1]
        # ...and the probe that drew the doubt is made: its tip says no more of a probe
        # ("then ask whether anything gives them pause"). It still expects the probe: the
        # closing expects what the turns asked for, and without it a probe made early no
        # longer counted there ("✗ Probe for concerns" beside a shrug to the doubt); its
        # verdict shows it ticked from the earlier answer (checks.noted_elsewhere)
        if sorted(behind.expects) == ["concerns", "recap"]:
            hinted = replace(self.planned[following + 1], hint=HINTS["recap"])
            self.planned = (*self.planned[: following + 1], hinted, *self.planned[following + 2 :])
        # (a scenario written before after_concern: its after_no_questions lines, as then)
        options = behind.after_concern_lines or behind.no_questions_lines
        if options:
            after = self.scripted[following + 2 : following + 3]  # not its words again
            lines = [
                line for line in options if not any(variety.echoes(line, t.line) for t in after)
            ] or list(options)  # fmt: skip
            line = self.rng.choice(lines)
            behind = replace(behind, line=line, line_options=options)
        self.scripted = (*self.scripted[: following + 1], behind, *self.scripted[following + 2 :])
        return self.scripted[following]

    def _spare(self) -> NextTurn | None:
        """The concern turn, once spoken without its doubt (a later probe draws it)."""
        spoken = self.scripted[: self.index + 1]
        return next((t for t in spoken if t.kind == "concern"), None)

    def _concern_hint(self) -> str:
        at = next((i for i, t in enumerate(self.scripted) if t.kind == "concern"), None)
        return self.planned[at].hint if at is not None else ""

    def _topic(self, sentence: SentenceLike) -> str | None:
        from voicecoach.analysis.topic_vectors import classify_question

        return classify_question(sentence.text, self.reactions.keywords())


def said_in_full(before: str, heard: float) -> list[str]:
    """The sentences of the line ``before`` said in full when it was stopped ``heard``
    (0-1) of the way through."""
    said_to, done, at = heard * len(before), [], 0
    for sentence in sentences_of(before):
        at = before.find(sentence, at) + len(sentence)
        if at > said_to:
            break
        done.append(sentence)
    return done


def unsaid(text: str, said: Sequence[str], asking: str) -> str:
    """``text``, a line chosen again after the candidate talked over it, less the
    sentences it starts with that were ``said`` in full before (:func:`said_in_full`, over
    every time it was stopped): a reply to their question, heard before they went on, is
    not said again (trial 12: "Oh, I like that question. Honestly, it's priorities..."
    twice). The line that asks (``asking``) is always said whole."""
    parts = sentences_of(text)
    keep_from = len(parts) - len(sentences_of(asking)) if asking.strip() else len(parts)
    skip = 0
    while skip < keep_from and parts[skip] in said:
        skip += 1
    return " ".join(parts[skip:]) if skip else text


__all__ = [
    "CLOSING", "EXTRA_IDS", "HINTS", "INSERTED", "WORDS", "Conversation", "ConversationSummary",
    "said_in_full", "unsaid",
]  # fmt: skip
