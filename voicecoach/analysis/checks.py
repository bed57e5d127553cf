"""The playbook's closing checks, judged from the labelled sentences.

Questions, interest, the ask and thanks live here; the recap and concerns checks have
their own modules. Names used elsewhere are re-exported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, NamedTuple

__all__ = [
    "CHECK_KEYS",
    "TYPICAL_WPM",
    "ConcernFacts",
    "Findings",
    "QuestionFacts",
    "asks_about_timing",
    "ev",
    "find_recap",
    "is_expected",
    "judge",
    "judge_concern",
    "question_facts",
    "question_forms",
    "recap_of",
    "strengths_in",
]

from voicecoach.analysis import wording
from voicecoach.analysis.check_back import is_check_back
from voicecoach.analysis.common import (
    CHECK_KEYS,
    UNCLEAR_QUOTE_CHARS,
    Expects,
    asked_for,
    ev,
    invited_shaky,
    is_expected,
    status_for,
    unclear_detail,
    unclear_quote,
)
from voicecoach.analysis.concern import (
    NO_PARTS,
    ConcernFacts,
    ConcernParts,
    concerns_check,
    judge_concern,
)
from voicecoach.analysis.interest_hedge import interest_hedge
from voicecoach.analysis.lexicon import normalise, said_at
from voicecoach.analysis.questions import (
    further_question_clauses,
    guesses_answer,
    question_clauses,
)
from voicecoach.analysis.recap import (
    TYPICAL_WPM,
    find_recap,
    recap_check,
    recap_context,
    recap_of,
    recap_reach,
    strengths_in,
    too_short_naming_strengths,
    too_short_whatever_said,
    too_short_without_words,
)
from voicecoach.analysis.research import checks_a_fact, research_signals, states_company_fact
from voicecoach.analysis.results import (
    Check,
    CheckStatus,
    CoachingPoint,
    Recap,
    Sentence,
    heard_at_all,
)
from voicecoach.analysis.rules import asks_about_other_doubts, is_sign_off
from voicecoach.analysis.rules import label as rules_label
from voicecoach.analysis.topics import (
    HOLIDAY_SEASON,
    PAY,
    PAY_BONUS,
    PAY_FOR_HOURS,
    PAY_PACKAGE,
    PAY_RAISE,
)
from voicecoach.profile import Profile
from voicecoach.settings import Thresholds

if TYPE_CHECKING:
    from voicecoach.analysis.semantic import Encoder

# (paying for someone's learning is no question about pay: trial 24's "Do you pay for
# conferences?" was answered as growth and flagged "about pay")
_SALARY = re.compile(
    rf"\b(?:salary|salaries|(?:{PAY}|paid)(?! (?:for|towards?) "
    r"(?:\w+ )?(?:conferences?|courses?|"
    r"training|certifications?|exams?|qualifications?|learning|books|tuition|study|studies)\b)|"
    r"compensation|benefits|vacation|pto|time "
    r"off|perks?|stock options|equity|401k|pension|overtime|sick days|holidays?)\b|"
    # a raise, not "raise" the verb ("Is that the main concern customers raise?": a review),
    # and a bonus paid, not "bonus points": as the topic rules read them
    rf"{PAY_RAISE}|{PAY_BONUS}|{PAY_PACKAGE}|"
    # what work at those hours pays, as the topic rules read it ("Is on call compensated?")
    rf"{PAY_FOR_HOURS}"
)
# ...but not the holidays as a time, as the topic rules read them ("Is the team busy over
# the Christmas holidays?", "a decision before the holidays"): taken out before _SALARY
_HOLIDAY_SEASON = re.compile(HOLIDAY_SEASON)


def _about_pay(text: str) -> bool:
    """Does the question ``text`` ask about pay, benefits or time off (:data:`_SALARY`)?"""
    return _SALARY.search(_HOLIDAY_SEASON.sub(" ", normalise(text))) is not None


_GOTCHA = re.compile(
    r"\b(?:worst (?:thing|part)|what do you (?:hate|dislike)|(?:why|how come) (?:did|does|do) "
    r"(?:the last person|people|everyone|so many) (?:leave|quit)|turnover so high|what is "
    r"wrong with|lawsuits?|scandal|layoffs?|how did i do|did i (?:get|pass)|am i (?:hired|"
    r"getting)|isn't it true|is not it true)\b"
)
_TIMELINE = re.compile(
    r"\b(?:when|timeline|time frame|timeframe|how soon|how long|by when|decision|decide|hear "
    r"back|date)\b"
)


# The candidate saying when they can start, or telling of their own decision: a time word
# there is theirs to give, not asked of the interviewer ("I would love to join you, and I
# can start on any date.", "I could start when my notice ends", "I made the decision to
# leave"). A "when" that opens an inverted question is asked ("I can start soon, when will
# I hear back?"), and the span stops at a clause break, so a question after it still asks.
_WHEN_SAID = r"when\b(?! (?:will|would|do|does|did|can|could|should|is|are|might|may)\b)"
_OWN_TIMING = re.compile(
    r"(?:\bi(?: can| could| would| will|'d|'ll| am| m)?|\band (?:can|could|would|will))"
    r"(?: be able to)? (?:start|begin|join|be available|be free|relocate|move)\b"
    rf"[^.?!;]*?\b(?:date|{_WHEN_SAID})"
    r"|\bi (?:have |'ve )?(?:made|make|took|take) (?:the|a|my|this|that) decision\b"
    rf"|\bi decided\b(?:[^.?!;]*?\b{_WHEN_SAID})?"
)


def asks_about_timing(ask: str) -> bool:
    """Does ``ask``, a sentence that asks for the job, ask when too ("... when we expect to
    make a decision.")? The ask check credits it "asked about timing", and the
    interviewer's reply gives the timeline for it (rehearsal.asked), in whatever order
    Whisper wrote its words. A time the candidate gives of their own (when they can start,
    a decision they made) is not asked."""
    return _TIMELINE.search(_OWN_TIMING.sub(" ", normalise(ask))) is not None


@dataclass(frozen=True)
class QuestionFacts:
    questions: tuple[Sentence, ...]  # the candidate's own questions (not concerns / next steps)
    count: int  # questions asked: a sentence may run two together (see question_forms)
    open_count: int
    signals: tuple[str, ...]  # keys of SIGNALS seen across the questions
    avoid: tuple[tuple[str, Sentence], ...]  # (AVOID key, sentence)
    # where the signals were found, in order: each question, or the statement it rests on
    # and the question when the question's own words show none
    researched: tuple[tuple[Sentence, ...], ...] = ()
    # no signal, but a statement a question rested on was not heard clearly: it may have
    # held one, so research is not judged
    research_unheard: bool = False


@dataclass(frozen=True)
class Findings:
    checks: tuple[Check, ...]
    recap: Recap | None
    questions: QuestionFacts
    concerns: tuple[ConcernFacts, ...]
    interest_hedge: str | None  # the hedge that softened the only interest statements
    sign_off: Sentence | None  # a passive sign-off, when there is no ask
    timeline: bool
    probe: bool = False  # the candidate asked for the interviewer's doubts
    # the concerns row's parts, each judged (or unclear) on its own
    concern_parts: ConcernParts = NO_PARTS
    # the index of the sentence holding ``interest_hedge`` (Delivery counts that hedge too)
    interest_hedged_at: int | None = None


# Questions that count under their own checks, not as the candidate's final questions.
_NOT_OWN = frozenset({"concerns", "ask_for_job"})


def _moves_after_first(clauses: Sequence[tuple[str, str]]) -> frozenset[str]:
    """The asks and probes the rules find in the questions after the first of a sentence,
    none when they find one in the first."""
    if not clauses or _NOT_OWN & rules_label(clauses[0][0]).moves:
        return frozenset()
    return frozenset(m for c, _ in clauses[1:] for m in rules_label(c).moves & _NOT_OWN)


def own_question_forms(s: Sentence) -> list[str | None]:
    """The forms of the candidate's own questions in ``s``: not a concerns probe, an ask
    for the next steps, or a check-back on the answer ("Does that make sense?"). A
    question the recogniser ran onto one of those is still theirs ("what are the next
    steps and how big is the team": one, open), judged by the rules on its own clause. A
    probe or ask the model was unsure of is split the same way: its clauses are judged by
    the rules, so an unclear next-steps clause is not counted as a question about the role
    while the one run onto it still is."""
    if "question" not in s.moves or is_check_back(s.text) or asks_about_other_doubts(s.text):
        # (nor whether the doubt raised is the main one: "Is that the main worry, or is
        # there something else?" was counted, and coached "Ask open questions": trial 49)
        return []
    if not _NOT_OWN & (s.moves | s.unclear):
        return _forms(s)
    # a probe or ask the model is sure of: the questions run on after it; one it is only
    # unsure of: every question of the sentence, the first too, as the rules read it (live
    # trial 49: "One thing I was wondering about was how much say does the branch manager
    # have over hiring?", an ask unsure for "hiring", read "no questions about the role")
    every = tuple((c, f or "yes_no") for c, f in question_clauses(s.text))
    clauses = further_question_clauses(s.text) if _NOT_OWN & s.moves else every
    if clauses is not every and _NOT_OWN & s.moves & _moves_after_first(every):
        # the ask or probe is a question run on after the first, as the rules read them:
        # the first is the candidate's own ("How big is the team, and what is the timeline
        # for a decision?" counted none: a review)
        clauses = every
    return [f for c, f in clauses if not _NOT_OWN & rules_label(c).moves and not is_check_back(c)]


def question_facts(sentences: Sequence[Sentence], profile: Profile | None) -> QuestionFacts:
    own = [(s, own_question_forms(s)) for s in sentences]  # rules run on clauses: once each
    qs = tuple(s for s, forms in own if forms)
    signals: list[str] = []
    researched: list[tuple[Sentence, ...]] = []
    unheard_before = False
    for s in qs:
        # A question often rests on the statement before it ("I read that... so how..."),
        # but a figure or a name in the candidate's claim about themselves is theirs, not
        # research: a trial's "...and cut the outages in half. So what does the team
        # struggle with?"; trial 53's recap "...in SQL and Python..." made "a named company"
        # A statement not heard clearly lends nothing (a garbled "...the Red Man list" named
        # no company), but may have held research: then its absence is not judged
        said_before = next(
            (
                p
                for p in sentences
                if p.index == s.index - 1 and p.turn == s.turn and "question" not in p.moves
            ),
            None,
        )
        before = said_before if said_before and heard_at_all(said_before.unclear) else None
        unheard_before = unheard_before or (said_before is not None and before is None)
        text = f"{before.text} {s.text}" if before is not None else s.text
        found = research_signals(text, profile)
        if before is not None and "recap" in before.moves - before.unclear:
            asked = research_signals(s.text, profile)
            found = [k for k in found if k not in ("figure", "company") or k in asked]
        # a fact about the company, asked in statement order ("You moved the team to a new
        # platform last fall?"), is research as "I read that..." is (live trial s47); so is
        # one stated just before the question ("I noticed on your website that you're
        # moving into home delivery. What does that mean for this team?")
        fact_here = states_company_fact(s.text)
        if "fact" not in found and (
            fact_here or (before is not None and checks_a_fact(before.text))
        ):
            found.append("fact")
        signals.extend(key for key in found if key not in signals)
        # the sentence that showed it: the statement before, when the question's own words
        # show none (trial 48: "Research showed" quoted "how does the team decide which
        # requests come first?" for the "I read that the team is moving..." before it)
        shown_in: tuple[Sentence, ...] = (s,)
        if found and before is not None and not fact_here:
            shown_in = (s,) if research_signals(s.text, profile) else (before, s)
        researched.extend([shown_in] if found else [])
    avoid: list[tuple[str, Sentence]] = [
        ("gotcha", s) for s in qs if _GOTCHA.search(normalise(s.text))
    ]
    if qs and _about_pay(qs[-1].text):
        avoid.append(("salary", qs[-1]))
    forms = _asked_forms(own)
    return QuestionFacts(
        qs, len(forms), sum(1 for f in forms if f == "open"), tuple(signals), tuple(avoid),
        tuple(researched), unheard_before and not signals,
    )  # fmt: skip


def question_forms(questions: Sequence[Sentence]) -> list[str | None]:
    """The form of each question asked in ``questions``: a sentence the recogniser ran two
    questions together in counts twice (see ``questions.further_questions``), a check-back
    on the answer ("Does that make sense?") not at all."""
    return _asked_forms([(s, _forms(s)) for s in questions if not is_check_back(s.text)])


def _asked_forms(said: Sequence[tuple[Sentence, Sequence[str | None]]]) -> list[str | None]:
    """The forms of the questions ``said`` (each sentence with its own), in order: a guess
    at the answer to the open question just before it (:func:`_guess_after`) asks with that
    one and adds none."""
    return [
        f
        for i, (s, forms) in enumerate(said)
        if not (i and _guess_after(said[i - 1][0], s))
        for f in forms
    ]


def _guess_after(before: Sentence, s: Sentence) -> bool:
    """Is ``s`` a guess at the answer to ``before``, the open question said just before it
    in the same turn, so that the two ask once (``questions.guesses_answer``)?"""
    return (
        before.index + 1 == s.index and before.turn == s.turn
        and before.question_form == "open" and "question" in before.moves
        and guesses_answer(s.text)
    )  # fmt: skip


def _forms(s: Sentence) -> list[str | None]:
    """The forms of ``s`` and of each question run on after it, check-backs left out."""
    later = further_question_clauses(s.text)
    return [s.question_form, *(f for c, f in later if not is_check_back(c))]


def _questions_check(f: QuestionFacts, expects: Expects, sentences: Sequence[Sentence]) -> Check:
    label = wording.CHECK_LABELS["final_questions"]
    if not f.questions:
        asked_others = any("question" in s.moves and not is_check_back(s.text) for s in sentences)
        return Check(
            "final_questions",
            label,
            status_for("final_questions", "missing", expects),
            wording.DETAIL["questions_other" if asked_others else "questions_none"],
        )
    n = f.count
    yes_no = n - f.open_count
    forms = ", ".join(
        p
        for p in (
            f"{f.open_count} open" if f.open_count else "",
            f"{yes_no} yes/no" if yes_no else "",
        )
        if p
    )
    parts = [wording.DETAIL["questions"].format(count=n, s=wording.plural(n), forms=forms)]
    if f.signals:
        sig = ", ".join(wording.SIGNALS[k] for k in f.signals)
        parts.append(wording.DETAIL["research"].format(signals=sig))
    elif not f.research_unheard:
        parts.append(wording.DETAIL["no_research"])
    if f.avoid:
        parts.append(
            wording.DETAIL["avoid"].format(what="; ".join(wording.AVOID[k] for k, _ in f.avoid))
        )
    status: CheckStatus = "done" if f.open_count and not f.avoid else "partial"
    return Check(
        "final_questions", label, status, "; ".join(parts), tuple(ev(s) for s in f.questions)
    )


def _interest_check(
    sentences: Sequence[Sentence], expects: Expects
) -> tuple[Check, str | None, int | None]:
    """The interest row, the hedge it names and the index of the sentence it is in."""
    label = wording.CHECK_LABELS["interest"]
    found = [s for s in sentences if "interest" in s.moves]
    if not found:
        status = status_for("interest", "missing", expects)
        return Check("interest", label, status, wording.DETAIL["interest_none"]), None, None
    # judged on the sentences heard surely, when there are any: a plain or hedged statement
    # in words Whisper was unsure of may not be what was said (only those: unclear, below)
    found = [s for s in found if "interest" not in s.unclear] or found
    # a hedge counts where it softens the interest itself, not in a claim run on after it
    # (interest_hedge: "I really want this job and I think I can help the team")
    plain = [s for s in found if interest_hedge(s.text) is None]
    if plain:
        quoted = tuple(ev(s) for s in plain)
        return (
            Check("interest", label, "done", wording.DETAIL["interest_plain"], quoted),
            None,
            None,
        )
    hedge = _hedge_as_said(found[0].text)
    detail = wording.DETAIL["interest_hedged"].format(hedge=hedge)
    row = Check("interest", label, "partial", detail, tuple(ev(s) for s in found))
    return row, hedge, found[0].index


def _hedge_as_said(text: str) -> str:
    """The hedge :func:`interest_hedge` finds in ``text``, in the words said ("if that's
    okay"), as Delivery quotes it; "I guess", not "i guess"."""
    found = interest_hedge(text)
    if found is None:
        return ""
    pieces = text.split()
    at = said_at(pieces, found[0].split(), found[1])
    said = " ".join(p.strip(".,!?;:") for p in pieces[at[0] : at[1] + 1]) if at else found[0]
    return wording.marker_text(said)


def _ask_check(
    sentences: Sequence[Sentence], expects: Expects
) -> tuple[Check, Sentence | None, bool]:
    label = wording.CHECK_LABELS["ask_for_job"]
    asks = [s for s in sentences if "ask_for_job" in s.moves]
    if not asks:
        sign_off = next((s for s in sentences if is_sign_off(normalise(s.text))), None)
        if sign_off is not None:
            return (
                Check(
                    "ask_for_job",
                    label,
                    status_for("ask_for_job", "partial", expects),
                    wording.DETAIL["ask_sign_off"],
                    (ev(sign_off),),
                ),
                sign_off,
                False,
            )
        return (
            Check(
                "ask_for_job",
                label,
                status_for("ask_for_job", "missing", expects),
                wording.DETAIL["ask_none"],
            ),
            None,
            False,
        )
    timeline = any(asks_about_timing(s.text) for s in asks)
    detail = (
        wording.DETAIL["ask_done"]
        + wording.DETAIL["ask_timeline" if timeline else "ask_no_timeline"]
    )
    return Check("ask_for_job", label, "done", detail, tuple(ev(s) for s in asks)), None, timeline


# Thanks for the meeting itself, wherever it is said ("thank you for your time").
_THANKS_FOR_MEETING = re.compile(
    r"\b(?:thank|thanks|grateful|appreciate)\w*\b.*\b(?:time|meeting|met|opportunity|chance|"
    r"conversation|interview\w*|today|considering|talking|speaking|insight\w*|walking|"
    r"hosting|having me)\b",
    re.IGNORECASE,
)


def _at_close(sentences: Sequence[Sentence], expects: Expects) -> Callable[[Sentence], bool]:
    """Where a thank-you closes the interview: for the meeting itself, or said at the end
    (the last turn, or the last two sentences). A bare "yes, thank you" that opens a reply
    is courtesy. One rehearsal turn that asked for thanks (the goodbye) is the end, all of
    it, as the last turn is in the whole close: its verdict and the closing's agree."""
    last_turn = max((s.turn or 0) for s in sentences) if sentences else 0
    if not last_turn and asked_for("thanks", expects):
        return lambda s: True
    tail = {s.index for s in sentences[-2:]}

    def at_close(s: Sentence) -> bool:
        return bool(
            _THANKS_FOR_MEETING.search(s.text)
            or s.index in tail
            or (last_turn and s.turn == last_turn)
        )

    return at_close


def _thanks_check(sentences: Sequence[Sentence], expects: Expects) -> Check:
    label = wording.CHECK_LABELS["thanks"]
    at_close = _at_close(sentences, expects)
    found = [s for s in sentences if "thanks" in s.moves and at_close(s)]
    sure = [s for s in found if "thanks" not in s.unclear]
    if found:
        credited = (sure or found)[-1]
        detail = wording.DETAIL["thanks_done"]
        if sure and any("thanks" in s.unclear for s in sentences if at_close(s)):
            # a turn's own verdict says unclear of another thank-you: say which one counts
            quote = wording.clip_quote(credited.text, UNCLEAR_QUOTE_CHARS)
            where = f"turn {credited.turn}: " if credited.turn else ""
            detail = wording.DETAIL["thanks_done_quoted"].format(where=where, quote=quote)
        return Check("thanks", label, "done", detail, (ev(credited),))
    return Check(
        "thanks", label, status_for("thanks", "missing", expects), wording.DETAIL["thanks_none"]
    )


def judge(
    sentences: Sequence[Sentence],
    *,
    profile: Profile | None,
    expects: Expects,
    concerns: Sequence[ConcernFacts],
    thresholds: Thresholds,
    recap_turns: Collection[int] = (),
    encoder: Encoder | None = None,
    asked_in: Mapping[str, Collection[int]] | None = None,
    unanswered_doubts: int = 0,
    doubt_turns: Collection[int] = (),
    spoken_s: Mapping[int | None, float] | None = None,
    unheard: Collection[int] = (),
    hard_to_hear: Collection[int] = (),
) -> Findings:
    """``recap_turns``: the rehearsal turns that asked for a recap (see find_recap).
    ``doubt_turns``: the turns that answered a doubt, besides those of ``concerns`` (see
    find_recap: the recap is looked for outside them first).
    ``encoder``: the sentence model, to find strengths named in other words.
    ``asked_in``: for each check, the rehearsal turns whose prompt asked for it (see
    :func:`credited_from`).
    ``unanswered_doubts``: answers to a doubt asked for by turns never reached (a stopped
    rehearsal): each is a missing part of the concerns row.
    ``spoken_s``: each answer's length from its speech regions, by turn (None for a single
    recording), where they were measured: longer than its words when Whisper left speech
    out.
    ``unheard``: the indices of the sentences not heard clearly, whatever their turn: the
    recap's length is not judged where they may have been part of it (recap_reach).
    ``hard_to_hear``: the indices of the sentences heard with doubt (besides ``unheard``): a
    strength the recap missed may have been said in them (``Recap.hard_to_hear``)."""
    qf = question_facts(sentences, profile)
    doubts = {*doubt_turns, *(c.turn for c in concerns if c.turn is not None)}
    run = find_recap(sentences, recap_turns, doubts, is_expected("recap", expects))
    # a strength named in the answer to a doubt is that answer's proof, not the recap's,
    # unless the recap is that answer (trial 17: "names 1 of 4" in the closing beside the
    # recap turn's "names 0 of 4", for "forecasting" said in answering the doubt)
    in_doubt = {s.turn for s in run} & doubts
    recap_sentences = [
        s for s in recap_context(sentences, run) if s.turn not in doubts or s.turn in in_doubt
    ]
    reach = recap_reach(run, sentences, unheard)
    recap = recap_of(
        run, recap_sentences, profile, thresholds, encoder, reach, {*unheard, *hard_to_hear}
    )
    interest, hedge, hedged_at = _interest_check(sentences, expects)
    ask, sign_off, timeline = _ask_check(sentences, expects)
    concerns_row, concern_parts = concerns_check(
        sentences, concerns, expects, unanswered_doubts, (asked_in or {}).get("concerns", ())
    )
    checks = tuple(
        _unasked(c, expects)
        for c in (
            _questions_check(qf, expects, sentences),
            concerns_row,
            recap_check(run, recap, expects, sentences),
            interest,
            ask,
            _thanks_check(sentences, expects),
        )
    )
    # thanks counts only where it closes the interview: a sure "Thank you." opening an
    # earlier reply does not make an unsure goodbye ("And you so much, Dana") a sure one
    at_close = _at_close(sentences, expects)
    closing = [s for s in sentences if at_close(s)]
    # the concerns row judges its parts' "unclear" itself (concern.concerns_check)
    checks = tuple(
        c
        if c.key == "concerns"
        else _unless_unclear(
            c,
            closing
            if c.key == "thanks"
            # nor may an answer to a doubt not heard clearly have held the recap, where
            # one is asked (find_recap; trial 20: a re-analysis read "? Recap ... did you
            # say it here?" on the doubt's answer, beside the recap turn's cross)
            else [s for s in sentences if s.turn not in doubts]
            if c.key == "recap" and is_expected("recap", expects)
            else sentences,
            is_expected(c.key, expects),
            (asked_in or {}).get(c.key, ()),
        )
        for c in checks
    )
    recap_row = next(c for c in checks if c.key == "recap")
    asked_recap = (  # noqa: E731
        lambda turn: turn in recap_turns if turn is not None else asked_for("recap", expects)
    )
    too_short = too_short_whatever_said(
        recap_row, recap, sentences, thresholds, asked_recap, spoken_s or {}
    ) or too_short_without_words(
        recap_row, recap, sentences, thresholds, asked_recap, spoken_s or {}
    ) or too_short_naming_strengths(
        recap_row, recap, sentences, profile, thresholds, asked_recap, spoken_s or {}
    )  # fmt: skip
    if too_short is not None:
        recap_row, recap = too_short
        checks = tuple(recap_row if c.key == "recap" else c for c in checks)
    if not sentences and any(s > 0 for s in (spoken_s or {}).values()):
        # a voice was heard but Whisper wrote no words: whether a move was made is not
        # known (a 1.7 s answer to the final close read "✗ never invited the interviewer's
        # doubts"); only a recap's length is judged (too_short_without_words)
        checks = tuple(
            replace(c, status="unclear", detail=wording.DETAIL["unclear_no_words"])
            if c.status == "missing"
            else c
            for c in checks
        )
        if concern_parts.probe == "missing":  # the row's score and fix follow its parts
            concern_parts = replace(concern_parts, probe="unclear")
    asked_in = asked_in or {}
    checks = tuple(
        replace(c, detail=c.detail + credited_from(c, asked_in[c.key]))
        if c.key in NAMED_WHEN_ELSEWHERE and asked_in.get(c.key) and not _quoted(c)
        else c
        for c in checks
    )
    probe = any("concerns" in s.moves for s in sentences)
    return Findings(
        checks, recap, qf, tuple(concerns), hedge, sign_off, timeline, probe, concern_parts,
        hedged_at,
    )  # fmt: skip


# The checks that credit their move wherever in the close it was said (thanks counts where
# it closes the interview, the recap in the turn that asked for it: see their own rules).
SAID_ANYWHERE = ("final_questions", "interest", "ask_for_job")
# The checks whose detail names the turn a credit came from, when it is not one that asked
# for it: those above, the recap (found elsewhere when the turn that asked for it had none)
# and thanks (for the meeting, said anywhere). Trial 9: a thank-you in turn 1 ticked the
# closing's row while the goodbye turn's verdict read "no thanks", and neither said why.
NAMED_WHEN_ELSEWHERE = (*SAID_ANYWHERE, "recap", "thanks")


def _quoted(check: Check) -> bool:
    """Does the check's detail quote its credited sentence and turn already? (A thank-you
    credited beside an unclear one: "thanked the interviewer (turn 1: ...)".)"""
    return check.key == "thanks" and check.detail.startswith(wording.DETAIL["thanks_done"] + " (")


def credited_from(check: Check, turns: Collection[int]) -> str:
    """What to add to ``check``'s detail when it credits words said outside ``turns`` (the
    rehearsal turns that asked for it): the first such sentence and its turn, so a tick
    after a turn that showed a cross ("never said you want the job") says where it came
    from. Questions are counted across the close, so any one asked elsewhere is named (it
    may turn "1 yes/no" into "done"); interest and the ask only when none of what is
    credited was said where it was asked (that turn's verdict said otherwise). "" when
    nothing is credited from elsewhere, or nothing is ticked."""
    if check.status not in ("done", "partial"):
        return ""
    outside = [e for e in check.evidence if e.turn is not None and e.turn not in turns]
    if not outside or (check.key != "final_questions" and len(outside) < len(check.evidence)):
        return ""
    quote = wording.clip_quote(outside[0].quote, UNCLEAR_QUOTE_CHARS)
    return wording.DETAIL["counted_from"].format(turn=outside[0].turn, quote=quote)


def unclear_from(check: Check, turns: Collection[int]) -> str:
    """What a rehearsal turn that asked for ``check`` and did not make it says when the
    closing reads it "unclear" on words said only outside ``turns`` (the turns that asked
    for it): said there, not heard clearly, with the turn and the quote. Trial 20's recap
    under a second voice read "? unclear" in the closing while the turn that asked for it
    read "✗ no summary of your fit". "" when it is not unclear, or rests on an asking turn."""
    if check.status != "unclear":
        return ""
    outside = [e for e in check.evidence if e.turn is not None and e.turn not in turns]
    if not outside or len(outside) < len(check.evidence):
        return ""
    # the sentence the closing quoted (the one taken for the move), and its words for it:
    # "said there", or, for an answer none of whose sentences seemed to make it, only that
    # it was not heard clearly enough to tell (second review: the turn quoted the first
    # sentence and said "said in turn 1" where the closing could not tell)
    quoted = next(
        (e for e in outside if wording.clip_quote(e.quote, UNCLEAR_QUOTE_CHARS) in check.detail),
        outside[0],
    )
    quote = wording.clip_quote(quoted.quote, UNCLEAR_QUOTE_CHARS)
    unheard = wording.DETAIL["unclear_unheard"].split("{", 1)[0]
    key = "before_unheard" if check.detail.startswith(unheard) else "before_unclear"
    return wording.DETAIL[key].format(turn=quoted.turn, quote=quote)


class Credit(NamedTuple):
    """A check the closing credits from another answer than the turn asking for it: its
    status there (done, partial, or unclear: said there, not heard clearly), what its
    detail says of where (:func:`credited_from`, :func:`unclear_from`), the share of its
    points it earns there (``scoring.check_fraction``) and the share of them resting on
    what was not judged (``scoring.unjudged_share``): an unclear move neither costs nor
    earns in the turn, as in the closing."""

    status: CheckStatus
    detail: str
    fraction: float = 1.0
    unjudged: float = 0.0


def noted_elsewhere(check: Check, elsewhere: Mapping[str, Credit]) -> Check:
    """A rehearsal turn's ``check`` as its verdict shows it: when the answer did not do it
    and the closing credits it from an earlier answer (``elsewhere``, by check key), it
    was done before this turn asked, and shows as the closing judged it ("done in an
    earlier answer; counted from turn 1: ..."), not as a cross: a trial's "No, I think
    I've covered it." after a recap and a probe in turn 1 read "0 of 2 done". An answer
    that made the move in part shows it done when an earlier one made it in full (trial 18:
    "~ only a passive sign-off, no ask; counted from turn 3: <the ask>" under the closing's
    tick) and the part it made is a weaker form of the move (:data:`OUTWEIGHED_IN_PART`),
    and otherwise keeps its own status and says where the rest came from. A move the
    closing reads "unclear" in an earlier answer (another voice over it, Whisper unsure of
    its words) is unclear here too, naming that turn, where this answer did not make it."""
    other = elsewhere.get(check.key)
    if other is None or check.status == "done":
        return check
    if other.status == "unclear":
        # made there perhaps, not heard clearly: not "missing" beside the closing's "?"
        missing = check.status == "missing"
        return replace(check, status="unclear", detail=other.detail) if missing else check
    if check.status == "missing" or _outweighed(check, other):
        before = wording.DETAIL["before" if other.status == "done" else "before_partly"]
        return replace(check, status=other.status, detail=before + other.detail)
    return replace(check, detail=check.detail + other.detail)


# The checks whose "partial" is a weaker form of the move, which a full one said before
# makes moot: a sign-off after a clear ask, a yes/no question after open ones. Not a hedged
# interest ("I'm sort of interested, I suppose") said where the interviewer asked for it: a
# review found it ticked "done in an earlier answer", the hedge shown nowhere.
OUTWEIGHED_IN_PART = ("ask_for_job", "final_questions")


def _outweighed(check: Check, other: Credit) -> bool:
    """Is ``check``, made in part here (or perhaps: unclear), moot beside ``other``, the
    move made in full? (Trial 19: "? Ask for the job ... did you say it here? "what happens
    next?"" under the closing's tick for the ask made in full two answers before.)"""
    return (
        check.status in ("partial", "unclear")
        and other.status == "done"
        and check.key in OUTWEIGHED_IN_PART
    )


def credited_here(checks: Sequence[Check], elsewhere: Mapping[str, Credit]) -> dict[str, Credit]:
    """The checks an answer did not make that an earlier one did (``elsewhere``: what the
    closing credits, :func:`noted_elsewhere`): one made in full is not this turn's to
    score; one made in part earns here what it earns in the closing (a review: "No, that's
    all." after a yes/no question in turn 1 scored 100; a trial: "No, I think I've covered
    it." after a 7 s recap scored 7/100; a second review: 54, above the recap repeated).
    Nor is one this answer made in a weaker form (:data:`OUTWEIGHED_IN_PART`), or perhaps
    made (unclear), after an earlier one made it in full: its verdict shows it done
    (:func:`noted_elsewhere`)."""
    return {
        c.key: elsewhere[c.key]
        for c in checks
        if c.key in elsewhere and (c.status == "missing" or _outweighed(c, elsewhere[c.key]))
    }


def not_coached_here(
    points: Sequence[CoachingPoint], elsewhere: Mapping[str, Credit]
) -> tuple[CoachingPoint, ...]:
    """A rehearsal turn's coaching without the fixes for checks the closing credits from
    another answer (``elsewhere``, as for :func:`noted_elsewhere`): "Say you want the job"
    under "done in an earlier answer; counted from turn 1: ..." is no fix to make."""
    # ...nor, for one made in part, "You did not sum up what you bring" under "partly done
    # in an earlier answer" (trial 14): the closing coaches what was missing from it
    fixes = wording.FIXES_FOR_CHECK
    done = {wording.FIXES[k].title for key in elsewhere for k in fixes.get(key, ())}
    kept = [p for p in points if p.kind != "fix" or p.title not in done]
    if "interest" not in elsewhere or elsewhere["interest"].status != "done":
        return tuple(kept)
    # nor does the ask fix say the close never said you want the role (coaching.py)
    ask = wording.FIXES["ask_missing"]
    said = ask.message.format(nor_interest="")
    return tuple(
        replace(p, message=said) if p.kind == "fix" and p.title == ask.title else p for p in kept
    )


# The move each check rests on.
_CHECK_MOVE = {
    "final_questions": "question",
    "concerns": "concerns",
    "recap": "recap",
    "interest": "interest",
    "ask_for_job": "ask_for_job",
    "thanks": "thanks",
}


def _unless_unclear(
    check: Check,
    sentences: Sequence[Sentence],
    expected: bool = True,
    asked_turns: Collection[int] = (),
) -> Check:
    """ "unclear" instead of a tick or cross when the check rests only on sentences whose
    move the model could not call (or heard through words Whisper was unsure of). A check
    the turn did not ask for is then not asked ("·"), not unclear: a drill's concerns turn
    is not scored or counted on a thanks it never asked for (trial 15: "? State your
    interest" in a concerns drill, and progress counting it as unclear).
    ``asked_turns``: the rehearsal turns whose prompt asked for the check (see
    :func:`.common.invited_shaky`)."""
    move = _CHECK_MOVE.get(check.key)
    if move is None or check.status == "not_expected":
        return check
    sure = [s for s in sentences if move in s.moves and move not in s.unclear]
    if check.key == "final_questions":
        # only the candidate's own questions count: a sure "What are the next steps?" (an
        # ask) says nothing of the questions an answer not heard clearly may have held
        sure = [s for s in sure if own_question_forms(s)]
    shaky = [s for s in sentences if move in s.unclear]
    if check.key == "final_questions":
        shaky = invited_shaky(shaky, sentences, asked_turns)
    if sure and shaky and check.key in SAID_ANYWHERE:
        # credited on the sure ones: the evidence (and where credited_from says it was
        # said) leaves out a turn whose own verdict read "unclear"
        unsure = {ev(s) for s in shaky}
        kept = tuple(e for e in check.evidence if e not in unsure)
        return replace(check, evidence=kept or check.evidence)
    if sure or not shaky:
        return check
    if not expected:
        quoted, _ = unclear_quote(move, shaky)
        quote = wording.clip_quote(quoted.text, UNCLEAR_QUOTE_CHARS)
        detail = wording.DETAIL["unclear_not_asked"].format(quote=quote)
        return replace(check, status="not_expected", detail=detail, evidence=())
    detail = unclear_detail(move, shaky)
    return replace(check, status="unclear", detail=detail, evidence=tuple(ev(s) for s in shaky))


def _unasked(check: Check, expects: Expects) -> Check:
    """``check`` with its status for what was asked (:func:`status_for`). A move not asked
    for and not made, or made in part, reads "not asked here" instead of the verdict it
    would have had ("· State your interest  never said you want the job" in a recap drill
    read as a fault; trial 21: "· State your interest  said, but hedged" and "· Final
    questions  1 question (1 yes/no); no sign of research" in drills that asked for
    neither). Its quotes stay as its evidence. A move made in full keeps its tick (what is
    said anywhere is credited), without the faults its detail would name where it was
    asked ("no sign of research", "no question about timing"); the probe for doubts made
    where it was not asked is named as said ("asked the interviewer for doubts ..."). Not
    the recap: where none was asked, its rules find one in the claim of fit that backs an
    answer to a doubt, which is that answer's proof (a concerns drill read "✓ Recap in
    20-30 s  1 sentence of recap, about 8 s" and "Clear recap" beside it)."""
    status = status_for(check.key, check.status, expects)
    if is_expected(check.key, expects):
        return replace(check, status=status)
    if status == "done" and check.key != "recap":
        return replace(check, detail=_without_faults(check.detail))
    # (the rows' builders may have made it not_expected already, from any verdict)
    if check.key == "concerns" and check.detail == wording.DETAIL["concerns_asked"]:
        return replace(check, status=status)
    return replace(check, status="not_expected", detail=wording.DETAIL["not_asked"])


# What a tick's detail says was missing where the move was asked for: left out where not
_FAULTS_OF_DONE = (wording.DETAIL["no_research"], wording.DETAIL["ask_no_timeline"].lstrip("; "))


def _without_faults(detail: str) -> str:
    return "; ".join(p for p in detail.split("; ") if p not in _FAULTS_OF_DONE)
