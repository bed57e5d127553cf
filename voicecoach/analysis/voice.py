"""Judging the voice: pitch variation over the answers, uptalk on the statements that must
sound sure, loudness; the :class:`~voicecoach.analysis.results.Prosody` result and its
coaching points.

The statements that must sound sure are the interest statement, the recap's last sentence
and the ask for the job, when said as statements (a question may rise; that is not
uptalk). Coaching on the voice ranks after every content and delivery point: it is polish.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence

import numpy as np

from voicecoach.analysis import wording
from voicecoach.analysis.coaching import MAX_FIXES
from voicecoach.analysis.common import ev
from voicecoach.analysis.lexicon import normalise
from voicecoach.analysis.pitch import PitchTrack
from voicecoach.analysis.prosody import (
    MONOTONE_MIN_VOICED_S,
    MONOTONE_SD_ST,
    SD_ST_DIGITS,
    Voice,
    judge_monotone,
    pooled_stats,
    uptalk,
)
from voicecoach.analysis.questions import clause_lead
from voicecoach.analysis.results import (
    CoachingPoint,
    Evidence,
    PitchTrace,
    Prosody,
    Sentence,
    UptalkCheck,
    VoiceLeftOut,
)
from voicecoach.analysis.rising import is_request

# The moves whose statements are checked for uptalk, in the order they are reported.
SURE_MOVES = ("interest", "recap", "ask_for_job")
# The stored trace: one value per 50 ms (a 30 s answer is 600 numbers), the median of the
# voiced 10 ms frames in it when at least 2 of them are voiced, rounded to 0.1 Hz.
TRACE_STEP_S = 0.05
TRACE_MIN_VOICED_FRAMES = 2

TurnVoice = tuple[int | None, Voice]  # (rehearsal turn or None, its voice)


def judge(
    sentences: Sequence[Sentence],
    voices: Sequence[TurnVoice],
    recap_run: Sequence[Sentence],
    left_out: Sequence[VoiceLeftOut] = (),
    asked: Callable[[str], bool] = lambda move: True,
) -> Prosody:
    """The voice over every answer given: pooled pitch spread, the uptalk checks, and the
    trace when there is one answer. ``recap_run`` is the main recap's sentences
    (``recap.find_recap``); its last one is checked. ``left_out``: the answers whose voice
    is not the candidate's alone (not in ``voices``; their statements are not checked).
    ``asked``: does the checklist show a move's row (not "·", not asked)? A statement is
    checked as one only then, as the recap is only where asked (trial 16: "Interest
    statement: falling end on ..." in a concerns drill whose checklist showed interest as
    not asked)."""
    baseline = next((v.baseline for _, v in voices if v.baseline is not None), None)
    # the answers long enough to be judged alone, when there are any: a turn judged "flat"
    # and a close judged "varied" over it plus a few short answers (trial 20: each short
    # reply's own rise and fall lifted the close to 1.6 st over its one judged turn's 1.47)
    tracks = [v.track for _, v in voices]
    judged = [t for t in tracks if t.voiced_s >= MONOTONE_MIN_VOICED_S]
    stats = pooled_stats(judged or tracks)
    mono = judge_monotone(stats, baseline)
    by_turn = {n: v for n, v in voices}
    checks = []
    for move, s in sure_statements(sentences, recap_run):
        voice = by_turn.get(s.turn)
        if not asked(move):
            continue
        if voice is None or s.start_s is None or s.end_s is None:
            continue
        r = uptalk(voice.track, s.start_s, s.end_s)
        checks.append(UptalkCheck(move, ev(s), r.verdict, _num(r.rise_st, 2)))
    loud = [v.loudness for _, v in voices if v.loudness.speech_s > 0]
    # several answers: their speech-time-weighted mean spread (levels differ by turn and
    # microphone distance, which is no variation of the voice)
    weights = [x.speech_s for x in loud]
    return Prosody(
        voiced_s=stats.voiced_s,
        median_hz=_num(stats.median_hz, 1),
        range_st=_num(stats.range_st, 2),
        sd_st=_num(stats.sd_st, SD_ST_DIGITS),
        monotone=mono.verdict,
        monotone_threshold_st=round(mono.threshold_sd_st, SD_ST_DIGITS),
        baseline_sessions=baseline.sessions if baseline and mono.personal else 0,
        median_shift_st=_num(mono.median_shift_st, 2),
        loudness_sd_db=_num(np.average([x.sd_db for x in loud], weights=weights), 2)
        if loud
        else None,
        loudness_range_db=_num(np.average([x.range_db for x in loud], weights=weights), 2)
        if loud
        else None,
        uptalk=tuple(checks),
        trace=trace(voices[0][1].track) if len(voices) == 1 and not left_out else None,
        left_out=tuple(left_out),
    )


# An ask opening as a question does ("When we like to hear back from you.": trial 24's
# "When will I hear back from you?" misheard): its rising end is a question's, not uptalk.
_ASKED_AS_QUESTION = re.compile(
    r"^(?:when|what|how|where|who|which|is|are|do|does|did|can|could|will|would|shall|may)\b"
)
# ...and so does an ask run on at the end of a statement (live trial 53: "I would really
# like to join this team. When do you expect to make a decision?" written as one sentence,
# "... this team when we expect to make a decision.", was coached "Say it as a statement"
# for the question's rise): a wh-word after the statement's first words
_ASK_RUN_ON = re.compile(r"^\S+(?:\s+\S+)+\s+(?:when|what|how|where|who|which)\s")


def sure_statements(
    sentences: Sequence[Sentence], recap_run: Sequence[Sentence]
) -> list[tuple[str, Sentence]]:
    """(move, sentence) for each statement that must sound sure; questions are left out.
    The recap's is the last sentence of its main run, found by identity: times restart
    at every turn, and a recap-like sentence in a later answer (a concern answer's proof)
    is not the recap."""
    out: dict[int, tuple[str, Sentence]] = {}
    last = recap_run[-1] if recap_run else None
    for s in sentences:
        if "question" in s.moves or s.text.rstrip().endswith("?"):
            continue
        # a move the analyzer was unsure of is not named for it (trial 24: "Interest
        # statement" over "I would do the same here.", an unclear interest)
        move = next(
            (m for m in SURE_MOVES
             if (s is last if m == "recap" else m in s.moves and m not in s.unclear)),
            None,
        )  # fmt: skip
        if (
            move == "ask_for_job"
            and _ASKED_AS_QUESTION.match(clause_lead(normalise(s.text)))
            and not is_request(s.text)  # "Do consider me...": a request, not a question
        ):
            continue  # a question Whisper wrote as a statement: its rise is a question's
        if (
            move is not None
            and "ask_for_job" in s.moves | s.unclear
            and _ASK_RUN_ON.match(normalise(s.text))
        ):
            continue  # its end is the ask run on to it, and may rise as a question does
        if move is not None:
            out.setdefault(s.index, (move, s))
    return [out[i] for i in sorted(out)]


def trace(track: PitchTrack) -> PitchTrace:
    """The track at TRACE_STEP_S resolution, for drawing."""
    per = max(1, round(TRACE_STEP_S / track.step_s))
    n = len(track.f0_hz) // per
    hz: list[float | None] = []
    for i in range(n):
        chunk = track.f0_hz[i * per : (i + 1) * per]
        voiced = chunk[~np.isnan(chunk)]
        hz.append(
            round(float(np.median(voiced)), 1) if len(voiced) >= TRACE_MIN_VOICED_FRAMES else None
        )
    start = float(track.times_s[0]) - track.step_s / 2 if len(track.times_s) else 0.0
    return PitchTrace(round(start, 3), round(per * track.step_s, 3), tuple(hz))


def fixes(p: Prosody) -> list[tuple[str, dict[str, object], tuple[Evidence, ...]]]:
    """(wording key, fields, evidence) of the voice's coaching points, most important
    first: uptalk on a statement that must sound sure, then a monotone delivery."""
    out: list[tuple[str, dict[str, object], tuple[Evidence, ...]]] = []
    rising = [u for u in p.uptalk if u.verdict == "yes"]
    if rising:
        worst = max(rising, key=lambda u: u.rise_st or 0.0)
        fields = {"quote": short(worst.evidence.quote), "rise_st": worst.rise_st or 0.0}
        out.append(("uptalk", fields, tuple(u.evidence for u in rising)))
    if p.monotone == "yes" and p.sd_st is not None:
        fields = {
            "sd_st": wording.beside(p.sd_st, p.monotone_threshold_st, "below", 1),
            "voiced_s": p.voiced_s,
            "threshold_st": wording.bound(p.monotone_threshold_st),
            "basis": basis(p),
        }
        out.append(("monotone", fields, ()))
    return out


def add_points(coaching: tuple[CoachingPoint, ...], p: Prosody | None) -> tuple[CoachingPoint, ...]:
    """The coaching with the voice's points after every other fix (within MAX_FIXES)."""
    if p is None:
        return coaching
    have = [c for c in coaching if c.kind == "fix"]
    # a statement that rose does not also count as said plainly
    rose = {(u.evidence.quote, u.evidence.start_s) for u in p.uptalk if u.verdict == "yes"}
    strengths = [
        c
        for c in coaching
        if c.kind != "fix" and not any((e.quote, e.start_s) in rose for e in c.evidence)
    ]
    extra = []
    for key, fields, evidence in fixes(p)[: max(0, MAX_FIXES - len(have))]:
        adv = wording.VOICE_FIXES[key]
        message, suggestion = adv.message.format(**fields), adv.suggestion.format(**fields)
        extra.append(CoachingPoint(0, "fix", adv.title, message, suggestion, evidence))
    if not extra and len(strengths) + len(have) == len(coaching):
        return coaching
    ordered = [*have, *extra, *strengths]
    return tuple(
        CoachingPoint(i, c.kind, c.title, c.message, c.suggestion, c.evidence)
        for i, c in enumerate(ordered, 1)
    )


def summary(p: Prosody | None) -> list[str]:
    """Short lines for the terminal: variation, the uptalk checks, loudness."""
    if p is None:
        return [wording.VOICE["not_measured"]]
    th = p.monotone_threshold_st
    fields = {
        "sd_st": wording.beside(
            p.sd_st or 0.0, th, "below" if p.monotone == "yes" else "at_least", 1
        ),
        "threshold_st": wording.bound(th),
        "voiced_s": wording.beside(p.voiced_s, MONOTONE_MIN_VOICED_S, "below", 0),
        "min_s": wording.bound(MONOTONE_MIN_VOICED_S),
    }
    where = _where(float(fields["sd_st"]), th)
    key = "monotone_at" if p.monotone == "no" and where == "at" else f"monotone_{p.monotone}"
    first = wording.VOICE[key].format(**fields, where=wording.VOICE.get("where_" + where, ""))
    if p.monotone != "unknown":
        first += f" ({basis(p)})"
    if p.left_out and not p.voiced_s:  # nothing left to measure
        first = wording.VOICE["left_out_all"].format(answers=_answers(p.left_out))
    elif p.left_out:
        it = "it" if len(p.left_out) == 1 else "them"
        first += "; " + wording.VOICE["left_out_some"].format(answers=_answers(p.left_out), it=it)
    lines = [first]
    # the same statement said alike in several answers is one item naming its turns (trial
    # 19: 'Interest statement: falling end on "I would really like this role."' twice), and
    # a move's statements that end alike share one line (trial 25: "Interest statement:
    # falling end on ...; Interest statement: falling end on ...")
    alike: dict[tuple[str, str, str], list[UptalkCheck]] = {}
    for u in p.uptalk:
        alike.setdefault((u.move, u.verdict, _said(u.evidence.quote)), []).append(u)
    ends: dict[tuple[str, str], list[dict[str, object]]] = {}
    for same in alike.values():
        turns = sorted({x.evidence.turn for x in same if x.evidence.turn is not None})
        said_as: dict[str, object] = {
            "quote": short(same[0].evidence.quote, 60),
            "rise_st": max((x.rise_st or 0.0) for x in same),
            "turns": wording.turns_phrase(turns) if len(same) > 1 and len(turns) > 1 else "",
        }
        ends.setdefault((same[0].move, same[0].verdict), []).append(said_as)
    for (move, verdict), said in ends.items():
        if len(said) == 1:
            line = wording.VOICE[f"uptalk_{verdict}"].format(**said[0])
            line += f" in {said[0]['turns']}" if said[0]["turns"] else ""
            lines.append(wording.VOICE_MOVES[move].capitalize() + ": " + line)
            continue
        # (each item's turns in its brackets: "... in turns 3 and 5 and ..." read as one list)
        key = "uptalk_quote_rise" if verdict == "yes" else "uptalk_quote"
        quotes = wording.and_list(
            [wording.VOICE[key + ("_turns" if f["turns"] else "")].format(**f) for f in said]
        )
        line = wording.VOICE[f"uptalk_{verdict}_many"].format(quotes=quotes)
        lines.append(wording.VOICE_MOVES_MANY[move].capitalize() + ": " + line)
    return lines


# A spread shown this close to the monotone bound (st) reads "just under" or "just over" it.
NEAR_BOUND_ST = 0.1


def _where(shown_st: float, bound_st: float) -> str:
    """Where the spread as shown stands against the bound as shown: "under", "just_under",
    "at" (the least that counts as varied), "just_over" or "over"."""
    bound_shown = float(wording.bound(bound_st))
    gap = round(shown_st - bound_shown, 6)
    if gap == 0:
        return "at"
    near = abs(gap) <= NEAR_BOUND_ST + 1e-9
    if gap < 0:
        return "just_under" if near else "under"
    return "just_over" if near else "over"


def _said(quote: str) -> str:
    """A quote's words, for telling the same statement said twice."""
    return " ".join(re.findall(r"[\w']+", quote.lower()))


def _answers(left_out: Sequence[VoiceLeftOut]) -> str:
    """ "this answer", "turn 2", "turns 2 and 3"."""
    turns = [x.turn for x in left_out if x.turn is not None]
    return wording.turns_phrase(turns) if turns else wording.VOICE["this_answer"]


def basis(p: Prosody) -> str:
    """Where the monotone bound comes from. A baseline only raises it now; an analysis
    saved when it could also lower it keeps its plainer wording."""
    if p.baseline_sessions and p.monotone_threshold_st > MONOTONE_SD_ST:
        return wording.VOICE["basis_raised"].format(sessions=p.baseline_sessions)
    if p.baseline_sessions:
        return wording.VOICE["basis_baseline"].format(sessions=p.baseline_sessions)
    return wording.VOICE["basis_default"]


def short(text: str, limit: int = 80) -> str:
    return wording.clip_quote(text, limit)


def _num(x: float | np.floating | None, digits: int) -> float | None:
    return None if x is None or not math.isfinite(float(x)) else round(float(x), digits)
