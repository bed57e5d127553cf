"""Turn findings into a few prioritised coaching points: the fixes that matter most and the
strengths to keep (the 0-100 score is :mod:`.scoring`'s)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from voicecoach.analysis import wording
from voicecoach.analysis.check_back import check_backs
from voicecoach.analysis.checks import Findings, ev, is_expected
from voicecoach.analysis.common import UNCLEAR_QUOTE_CHARS, Expects
from voicecoach.analysis.delivery import pace_band_sps, pace_judged, pace_verdict
from voicecoach.analysis.recap import credited_sentence, has_result_figure, shown_duration
from voicecoach.analysis.results import CoachingPoint, Delivery, Evidence
from voicecoach.analysis.scoring import (
    MIN_WORDS_FOR_DELIVERY,
    delivery_fraction,
    filler_rate,
    fillers_judged,
)
from voicecoach.settings import USUAL_SPEECH_DB, Thresholds

MAX_FIXES = 5  # selective feedback: the few points that matter most
MAX_STRENGTHS = 3
MAX_QUOTES = 3  # quotes under one delivery point (fillers, hedges)
# Fillers per 100 words above which they are worth a coaching point (and at least this
# many: one filler is no habit, and is often a word Whisper misheard: trial 20's only
# advice for a turn was "Cut the fillers", for "What are" heard as "Well").
FILLER_RATE_FLAG = 3.0
FILLER_MIN_COUNT = 2
# Hedges per 100 words above which they are worth a coaching point (and at least this many).
HEDGE_RATE_FLAG = 2.0
HEDGE_MIN_COUNT = 3


@dataclass(frozen=True)
class _Fix:
    rank: int  # lower = more important
    key: str
    fields: dict[str, Any]
    evidence: tuple[Evidence, ...]


def coach(
    f: Findings,
    delivery: Delivery,
    expects: Expects,
    th: Thresholds,
    *,
    asked_for_time: bool = False,
) -> tuple[CoachingPoint, ...]:
    """``asked_for_time``: the candidate asked for a moment somewhere in the answers
    (:func:`~voicecoach.analysis.openers.says_request`), so no advice tells them to."""
    fixes = sorted(
        _content_fixes(f, expects, th) + _delivery_fixes(delivery, th, asked_for_time),
        key=lambda x: x.rank,
    )
    points = []
    for i, fix in enumerate(fixes[:MAX_FIXES], 1):
        adv = wording.FIXES[fix.key]
        points.append(
            CoachingPoint(
                i,
                "fix",
                adv.title,
                adv.message.format(**fix.fields),
                adv.suggestion.format(**fix.fields),
                fix.evidence,
            )
        )
    for j, (key, fields, evidence) in enumerate(_strengths(f, delivery, th)[:MAX_STRENGTHS]):
        adv = wording.STRENGTHS[key]
        points.append(
            CoachingPoint(
                len(points) + 1, "strength", adv.title, adv.message.format(**fields), "", evidence
            )
        )
        del j
    return tuple(points)


def _answer_proper(answer: Sequence[Any]) -> list[Any]:
    """An answer to a doubt without its check-back ("Does that answer your question?"):
    quoted as the answer that only conceded the gap, it read as part of it (trial 23)."""
    backs = check_backs([s.text for s in answer])
    return [s for s, back in zip(answer, backs, strict=True) if not back] or list(answer)


def _content_fixes(f: Findings, expects: Expects, th: Thresholds) -> list[_Fix]:
    band = {"min_s": th.recap_min_s, "max_s": th.recap_max_s}
    out: list[_Fix] = []
    status = {c.key: c.status for c in f.checks}
    # an answer not judged gets no fix: it would state a verdict the check did not give
    # (one heard clearly is judged even when the row reads unclear for its probe)
    for c in f.concerns:
        if not c.unclear and not c.addressed:
            # a turn skipped without a word has no answer to find fault with (trial 16)
            gap = (
                "you did not answer it"
                if not c.answer
                else _CONCEDED
                if c.conceded
                else f"your answer {_concern_gap(c.topic, c.evidence, c.positive)}"
            )
            out.append(
                _Fix(
                    1,
                    "concern_unanswered",
                    {"concern": c.concern.strip().rstrip("."), "gap": gap},
                    tuple(ev(s) for s in _answer_proper(c.answer)[:2]),
                )
            )
    if status["ask_for_job"] == "missing":
        # "...or said you want the role" only when it was not said: a trial's close that said
        # "I would love to join the team" was told it never did, beside a ticked interest row
        said = status["interest"] in ("done", "partial", "unclear")
        nor_interest = "" if said else " or said you want the role"
        out.append(_Fix(2, "ask_missing", {"nor_interest": nor_interest}, ()))
    elif f.sign_off is not None and status["ask_for_job"] == "partial":
        out.append(_Fix(2, "ask_sign_off", {}, (ev(f.sign_off),)))
    if status["final_questions"] == "missing":
        elsewhere = any(
            c.key == "final_questions" and c.detail == wording.DETAIL["questions_other"]
            for c in f.checks
        )
        out.append(_Fix(3, "questions_elsewhere" if elsewhere else "questions_missing", {}, ()))
    if f.concern_parts.probe == "missing":  # asked for, judged, and not done
        out.append(_Fix(4, "concerns_missing", {}, ()))
    if status["recap"] == "missing":
        out.append(_Fix(5, "recap_missing", band, ()))
    if status["interest"] == "missing":
        out.append(_Fix(6, "interest_missing", {}, ()))
    elif f.interest_hedge and status["interest"] == "partial":
        evidence = next(c.evidence for c in f.checks if c.key == "interest")
        out.append(_Fix(6, "interest_hedged", {"hedge": f.interest_hedge}, evidence[:1]))
    # an unclear row gets no fix on what Whisper may have made up (a trial's recap row read
    # "?" beside "Give the recap more substance" on its length)
    if is_expected("recap", expects) and status["recap"] != "unclear":
        out.extend(_recap_fixes(f, band))
    if is_expected("final_questions", expects) and status["final_questions"] != "unclear":
        out.extend(_question_fixes(f))
    if status["thanks"] == "missing":
        out.append(_Fix(14, "thanks_missing", {}, ()))
    if status["ask_for_job"] == "done" and not f.timeline and is_expected("ask_for_job", expects):
        out.append(_Fix(15, "no_timeline", {}, ()))
    return out


# an answer that only admitted the gap: what it still needs (concern.only_concedes)
_CONCEDED = (
    "your answer only conceded it, with nothing after: add an example from your own work "
    "that carries over, or how you would close the gap"
)


def _concern_gap(topic: bool, evidence: bool, positive: bool) -> str:
    if not topic:
        return "did not name it"
    if not evidence:
        return "gave no example or proof"
    del positive
    return "ended on a negative note"


def _recap_fixes(f: Findings, band: dict[str, float]) -> list[_Fix]:
    r = f.recap
    if r is None:
        return []
    evidence = (Evidence(_recap_quote(f), r.start_s, r.end_s, _recap_turn(f)),)
    out = []
    if r.band == "too_long" and r.duration_s is not None:
        shown = shown_duration(r, band["min_s"], band["max_s"])
        out.append(_Fix(7, "recap_too_long", {**band, "duration_s": shown}, evidence))
    elif r.band == "too_short" and r.duration_s is not None:
        key = (  # (on words not heard clearly, its length alone: they were not judged)
            "recap_too_short_unheard"
            if not r.strengths_judged
            else "recap_too_short_with_result"
            if has_result_figure(_recap_quote(f))
            else "recap_too_short"
        )
        shown = shown_duration(r, band["min_s"], band["max_s"])
        out.append(_Fix(8, key, {**band, "duration_s": shown}, evidence))
    if r.strengths_missed and len(r.strengths_named) * 2 < len(r.strengths_named) + len(
        r.strengths_missed
    ):
        if r.hard_to_hear:
            # not a flat "did not mention": the part heard with doubt may have named them
            quote = wording.clip_quote(" ".join(r.hard_to_hear), UNCLEAR_QUOTE_CHARS)
            missed = wording.and_list(r.strengths_missed)  # (it opens the sentence)
            first = missed.split(" ", 1)[0]  # "iOS", "eBay" keep their case
            fields = {
                "missed": missed[:1].upper() + missed[1:] if first.islower() else missed,
                "quote": quote,
                "them": "it" if len(r.strengths_missed) == 1 else "them",
            }
            out.append(_Fix(10, "strengths_missed_unheard", fields, evidence))
        else:
            missed = ", ".join(r.strengths_missed)
            out.append(_Fix(10, "strengths_missed", {"missed": missed}, evidence))
    return out


def _recap_quote(f: Findings) -> str:
    check = next(c for c in f.checks if c.key == "recap")
    return " ".join(e.quote for e in check.evidence)


def _recap_turn(f: Findings) -> int | None:
    check = next(c for c in f.checks if c.key == "recap")
    return check.evidence[0].turn if check.evidence else None


def _question_fixes(f: Findings) -> list[_Fix]:
    q = f.questions
    out = []
    if q.avoid:
        what = "; ".join(wording.AVOID[k] for k, _ in q.avoid)
        out.append(_Fix(9, "questions_avoid", {"what": what}, tuple(ev(s) for _, s in q.avoid)))
    if q.questions and not q.open_count:
        out.append(_Fix(9, "questions_closed", {}, tuple(ev(s) for s in q.questions[:2])))
    elif q.questions and not q.signals and not q.research_unheard:
        out.append(_Fix(16, "questions_no_research", {}, tuple(ev(s) for s in q.questions[:1])))
    return out


def _delivery_fixes(d: Delivery, th: Thresholds, asked_for_time: bool = False) -> list[_Fix]:
    out = []
    long = [p for p in d.pauses if p.long]
    if long:
        worst = max(long, key=lambda p: p.duration_s)
        fields = {
            "count": len(long),
            "s": wording.plural(len(long)),
            "were": "was" if len(long) == 1 else "were",
            "flag_s": th.pause_flag_s,
            "longest_s": worst.duration_s,
        }
        out.append(
            _Fix(
                11,
                "long_pauses_asked" if asked_for_time else "long_pauses",
                fields,
                (Evidence("", worst.start_s, worst.end_s, worst.turn),),
            )
        )
    if fillers_judged(d):
        rate = filler_rate(d)
        if rate >= FILLER_RATE_FLAG and len(d.fillers) >= FILLER_MIN_COUNT:
            top = Counter(wording.marker_text(m.text) for m in d.fillers).most_common(1)[0][0]
            fields = {
                "count": len(d.fillers),
                "s": wording.plural(len(d.fillers)),
                "top": top,
                "rate": rate,
            }
            out.append(_Fix(12, "fillers", fields, _distinct(m.evidence for m in d.fillers)))
    if d.word_count >= MIN_WORDS_FOR_DELIVERY:
        hrate = 100.0 * len(d.hedges) / d.word_count
        if hrate >= HEDGE_RATE_FLAG and len(d.hedges) >= HEDGE_MIN_COUNT:
            top = Counter(wording.marker_text(m.text) for m in d.hedges).most_common(1)[0][0]
            fields = {"count": len(d.hedges), "s": wording.plural(len(d.hedges)), "top": top}
            out.append(_Fix(13, "hedges", fields, _distinct(m.evidence for m in d.hedges)))
    verdict = pace_verdict(d, th)
    if verdict is not None:
        out.append(_Fix(13, f"pace_{verdict}", _pace_fields(d, th, verdict), ()))
    return out


def _distinct(evidence: Iterable[Evidence], most: int = MAX_QUOTES) -> tuple[Evidence, ...]:
    """The first ``most`` of ``evidence`` that quote different words: two fillers in one
    sentence quote that sentence once, at the first."""
    out: list[Evidence] = []
    for e in evidence:
        if all((e.quote, e.turn) != (o.quote, o.turn) for o in out):
            out.append(e)
        if len(out) == most:
            break
    return tuple(out)


def _pace_fields(d: Delivery, th: Thresholds, verdict: str) -> dict[str, Any]:
    low_sps, high_sps = pace_band_sps(th)
    sps = d.speaking_rate_sps or 0.0
    # beside the band's edge as the sentence shows it (one decimal)
    if verdict == "fast":
        shown = wording.beside(sps, round(high_sps, 1), "above", 1)
    else:
        shown = wording.beside(sps, round(low_sps, 1), "below", 1)
    wpm = d.speaking_rate_wpm
    # the words a minute say the same only when they too lie past the band's edge: long
    # words said fast are coached in syllables while the words a minute are in their band
    agrees = wpm is not None and (wpm > th.wpm_high if verdict == "fast" else wpm < th.wpm_low)
    return {
        "sps": shown,
        "words": f" (about {wpm:.0f} words a minute, pauses included)"
        if agrees
        else ", pauses included",
        "band_words": f" ({th.wpm_low:.0f}-{th.wpm_high:.0f} words a minute)" if agrees else "",
        "low_sps": low_sps,
        "high_sps": high_sps,
    }


def _strengths(
    f: Findings, d: Delivery, th: Thresholds
) -> list[tuple[str, dict[str, Any], tuple[Evidence, ...]]]:
    out: list[tuple[str, dict[str, Any], tuple[Evidence, ...]]] = []
    checks = {c.key: c for c in f.checks}
    for c in f.concerns:
        if c.addressed:
            out.append(("concern_answer", {}, tuple(ev(s) for s in c.best_quote())))
    if checks["ask_for_job"].status == "done":
        # the question that asked, when there was one: "You asked where things go from
        # here." had quoted "I'd like to move forward." before "When will I hear back?"
        # (trial 24)
        asked = checks["ask_for_job"].evidence
        question = [e for e in asked if e.quote.rstrip().endswith("?")]
        out.append(("ask_for_job", {}, tuple(question or asked)[:1]))
    if checks["recap"].status == "done" and f.recap is not None:
        dur = f" in {f.recap.duration_s:.0f} s" if f.recap.duration_s is not None else ""
        quote = credited_sentence(checks["recap"].evidence, f.recap.strengths_named)
        out.append(("recap", {"duration": dur}, quote))
    if f.questions.signals and f.questions.open_count:
        sig = ", ".join(wording.SIGNALS[k] for k in f.questions.signals)
        # where it was shown: the question, or the statement it rests on and the question
        shown = tuple(ev(q) for q in f.questions.researched[0]) if f.questions.researched else ()
        out.append(("research", {"signals": sig}, shown or checks["final_questions"].evidence[:1]))
    elif checks["final_questions"].status == "done":
        n = f.questions.count
        # an open one, when there was one: it is what the strength praises (trial 25 quoted
        # "Are you hiring more analysts next year?" before "How big is the team?")
        opened = tuple(ev(q) for q in f.questions.questions if q.question_form == "open")
        out.append(
            (
                "final_questions",
                {"count": n, "s": wording.plural(n), "open": f.questions.open_count},
                opened[:1] or checks["final_questions"].evidence[:1],
            )
        )
    if checks["concerns"].status == "done" and not f.concerns:
        out.append(("concerns", {}, checks["concerns"].evidence[:1]))
    if checks["interest"].status == "done":
        out.append(("interest", {}, checks["interest"].evidence[:1]))
    if checks["thanks"].status == "done":
        out.append(("thanks", {}, checks["thanks"].evidence[:1]))
    # fluency is praised only where the fillers were counted: not over answers whose
    # words may be Whisper's guesses (a close heard too quietly throughout read "Steady
    # delivery: ... and fluency were easy to follow")
    fluency_heard = d.not_counted_s <= 0.5 * d.speaking_time_s
    # nor is a pace past its band steady, even on its edge (review of stop 52, M3)
    in_band = pace_band_sps(th)[0] <= (d.speaking_rate_sps or 0.0) <= pace_band_sps(th)[1]
    if delivery_fraction(d, th) >= 0.9 and pace_judged(d) and fluency_heard and in_band:
        out.append(("delivery", {"wpm": d.speaking_rate_wpm, "sps": d.speaking_rate_sps}, ()))
    return out


def with_mic_fix(
    points: Sequence[CoachingPoint],
    turns: Sequence[int],
    level_db: float,
    *,
    every: bool = False,
    first: bool = True,
) -> tuple[CoachingPoint, ...]:
    """``points`` with a fix for the microphone's level: answers heard too quietly
    (``turns``, none for one recording; ``level_db`` the quietest, while the candidate
    spoke; ``every``: all of several answers were). ``first`` when most of what was said
    was: every other fix then rests on words that may not be the ones said. Else it comes
    after the fixes made of the answers heard clearly. :data:`MAX_FIXES` in all, the
    microphone's kept."""
    where = (
        wording.MIC_EVERY_ANSWER if every else f" in {wording.turns_phrase(turns)}" if turns else ""
    )
    adv = wording.FIXES["mic_quiet"]
    level = wording.MIC_LEVEL_LOWEST if len(turns) > 1 else wording.MIC_LEVEL
    fields = {
        "where": where,
        "level": level.format(level_db=level_db),
        "usual_db": USUAL_SPEECH_DB,
    }
    mic = CoachingPoint(
        1, "fix", adv.title, adv.message.format(**fields), adv.suggestion.format(**fields)
    )
    others = [p for p in points if p.kind == "fix" and p.title != adv.title]
    fixes = [mic, *others][:MAX_FIXES] if first else [*others[: MAX_FIXES - 1], mic]
    strengths = [p for p in points if p.kind != "fix"]
    return tuple(replace(p, priority=i) for i, p in enumerate([*fixes, *strengths], 1))
