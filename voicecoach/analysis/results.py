"""The analyzer's results: frozen dataclasses, serialised with ``to_dict``/``from_dict``.

The JSON shape (``Analysis.to_dict()``) is the stable, documented output of
``voicecoach analyze --json`` and what the session store keeps (see docs/analysis-json.md).
Add fields freely; do not rename or remove them without bumping ``SCHEMA_VERSION``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = 1

MOVES = ("question", "concerns", "recap", "interest", "ask_for_job", "thanks")
Move = Literal["question", "concerns", "recap", "interest", "ask_for_job", "thanks"]
QuestionForm = Literal["open", "yes_no"]
# "unclear": the model could not call the move either way, or the words carrying it were
# misheard-prone; shown with the quote, and the score does not count it against the candidate.
CheckStatus = Literal["done", "partial", "missing", "not_expected", "unclear"]


def heard_at_all(unclear: Collection[str]) -> bool:
    """Was a sentence whose unclear moves are ``unclear`` heard clearly enough to judge or
    reply to? Not when every move is unclear: it was part of a turn not heard clearly (too
    quietly, over another voice, or with many words Whisper was unsure of) and was not
    itself heard word for word (``analyzer._unheard``)."""
    return not frozenset(MOVES) <= frozenset(unclear)


# What a rehearsal turn asks of the candidate: any of MOVES, or "concern_answer" (answer
# the concern the interviewer just raised).
EXPECTS = (*MOVES, "concern_answer")


@dataclass(frozen=True)
class Evidence:
    quote: str  # the candidate's words, verbatim from the transcript
    start_s: float | None = None  # None when the transcript has no timings
    end_s: float | None = None
    turn: int | None = None  # rehearsal turn (1-based) the times refer to; None = one recording


@dataclass(frozen=True)
class Sentence:
    index: int
    text: str
    start_s: float | None
    end_s: float | None
    moves: frozenset[str] = frozenset()  # subset of MOVES
    question_form: QuestionForm | None = None  # set when "question" in moves
    turn: int | None = None  # rehearsal turn (1-based); None = one recording
    unclear: frozenset[str] = frozenset()  # moves the analyzer could not call either way
    # Whisper did not hear it clearly (unsure of many of its words, or wrote it twice): a
    # recap's length is not judged across it, in the closing and in a later turn's note
    unheard: bool = False
    # how many of its words Whisper gave a probability under 0.5, "um" and "uh" aside
    # (typed text: none): a question with none was heard word for word (rehearsal.asked)
    unsure_words: int = 0
    # the moves of ``unclear`` its own words left open: the model's probability in its
    # unsure band, a verdict that rests on a word heard unsure, a clause only begun; the
    # rest are unclear because its turn was not heard clearly. None: all of ``unclear``
    doubted: frozenset[str] | None = None

    @property
    def own_doubts(self) -> frozenset[str]:
        """The moves it may have made by its own words (:attr:`doubted`): a check left
        unclear offers it as where the move "may be" only for one of these."""
        return self.unclear if self.doubted is None else self.doubted


@dataclass(frozen=True)
class Check:
    key: str  # final_questions, concerns, recap, interest, ask_for_job, thanks
    label: str  # short human label, e.g. "Recap in 20-30 s"
    status: CheckStatus
    detail: str  # one line: what was found, e.g. "2 questions, both open"
    evidence: tuple[Evidence, ...] = ()


# Was the answer to a raised doubt about that doubt ("on" / "off"), as the concerns check
# judged it; "unclear": heard too quietly to judge.
ConcernTopic = Literal["on", "off", "unclear"]


@dataclass(frozen=True)
class ConcernVerdict:
    """The concerns check's topic judgement of one answer to a doubt the interviewer
    raised: the coaching's "on topic"/"off topic", kept so that the interviewer's reply to
    a check-back ("Does that answer your question?") says the same."""

    concern: str  # the doubt as voiced
    turn: int | None  # the rehearsal turn that answered it; None = one recording
    topic: ConcernTopic
    # the answer only admitted the gap ("I have not worked in freight."): on its topic, but
    # no answer yet, so the reply to a check-back is no plain yes either
    conceded: bool = False


@dataclass(frozen=True)
class Pause:
    start_s: float
    end_s: float
    long: bool  # at or over Thresholds.pause_flag_s
    turn: int | None = None  # rehearsal turn (1-based) the times refer to; None = one recording

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s


@dataclass(frozen=True)
class Marker:
    kind: Literal["filler", "hedge"]
    text: str  # the filler or hedge as said, e.g. "um", "I guess"
    evidence: Evidence  # its time and the sentence around it


@dataclass(frozen=True)
class Delivery:
    speaking_time_s: float  # voiced time from the VAD (or transcript span without audio)
    word_count: int
    wpm: float | None  # None when there are no timings
    pauses: tuple[Pause, ...] = ()  # gaps >= Thresholds.pause_count_s
    fillers: tuple[Marker, ...] = ()
    hedges: tuple[Marker, ...] = ()
    speech_regions: tuple[tuple[float, float], ...] = ()  # VAD speech spans, for timelines
    # Pace as a listener hears it: over the answer, first word to last, pauses included
    # (``wpm`` above is the articulation rate, over voiced time only).
    answer_span_s: float | None = None  # first word's start to last word's end
    speaking_rate_wpm: float | None = None  # word_count per minute of answer_span_s
    syllable_count: int = 0  # estimated syllables of the counted words
    speaking_rate_sps: float | None = None  # syllables per second of answer_span_s
    articulation_rate_sps: float | None = None  # syllables per second of speaking_time_s
    # answers whose fillers and hedges were not counted: not heard clearly (Whisper's
    # guesses at such words are no measure of the speaker)
    markers_not_counted: int = 0
    not_counted_s: float = 0.0  # ...and their speaking time (fillers a minute leave it out)
    # the pauses the candidate asked for ("Let me think about that.") that were not flagged
    # for it, left out of the pace (speaking_rate_*): in answer_span_s, not in the rates
    asked_pause_s: float = 0.0


@dataclass(frozen=True)
class Recap:
    start_s: float | None
    end_s: float | None
    duration_s: float | None  # spoken duration; None without timings
    band: Literal["too_short", "in_band", "too_long", "unknown"]
    strengths_named: tuple[str, ...] = ()  # job-profile strengths it mentions
    strengths_missed: tuple[str, ...] = ()
    # False: its words were not heard clearly enough to say which strengths it named (a
    # recap too short whatever it said: recap.too_short_whatever_said)
    strengths_judged: bool = True
    # False: an answer that named strengths with no claim of fit ("SQL, dashboards,
    # yeah."): recap.too_short_naming_strengths; its strengths earn part of a claim's credit
    claimed: bool = True
    # False: sentences inside or right beside the recap were not heard clearly, and its
    # band depends on whether they were recap (recap.recap_reach): band "unknown", and
    # duration_s is what was heard of it
    length_judged: bool = True
    # with strengths missed: the recap's sentences heard with doubt (Whisper unsure of
    # several of their words, or said much more quietly than the rest of the answer),
    # where the missed strengths may have been said (trial 47: "I write the SQL myself
    # and I build the dashboards...", said quietly, heard "I write me as QL myself...")
    hard_to_hear: tuple[str, ...] = ()


@dataclass(frozen=True)
class CoachingPoint:
    priority: int  # 1 = most important
    kind: Literal["fix", "strength"]
    title: str
    message: str  # what happened, in plain words
    suggestion: str  # what to do next time (empty for strengths)
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class ScorePart:
    key: str
    label: str
    points: float
    max_points: float
    note: str = ""  # why the part weighs or scores as it does, when that is not obvious
    # the share of max_points, in points, resting on checks not judged (unclear): scored
    # as the judged ones did, or half (scoring.score); 0 for a part judged in full
    unjudged: float = 0.0


# A score whose unjudged points are more than this share of its points is provisional: the
# views say so beside it (trial 16: an ask drill with both answers unclear read 93/100 on
# the thank-you alone).
PROVISIONAL_SHARE = 0.5


def provisional(parts: Collection[ScorePart]) -> bool:
    """Does a score with these parts rest mostly on checks that were not judged?"""
    total = sum(p.max_points for p in parts)
    return total > 0 and sum(p.unjudged for p in parts) > PROVISIONAL_SHARE * total


@dataclass(frozen=True)
class UptalkCheck:
    """Did a statement that must sound sure end rising, as if it were a question?"""

    move: str  # interest, recap (its last sentence) or ask_for_job
    evidence: Evidence  # the statement, with its times
    verdict: Literal["yes", "no", "unknown"]  # yes = it ends rising (uptalk)
    rise_st: float | None  # the final rise in semitones; None when unknown


@dataclass(frozen=True)
class PitchTrace:
    """An answer's pitch for drawing: one value per ``step_s`` from ``start_s``."""

    start_s: float
    step_s: float
    hz: tuple[float | None, ...]  # None where the voice was silent or unvoiced


@dataclass(frozen=True)
class VoiceLeftOut:
    """An answer the voice measures leave out: its sound may not be the candidate's alone."""

    turn: int | None  # the rehearsal turn; None for a single recording
    reason: Literal["second_voice"]  # another voice talked over part of it


@dataclass(frozen=True)
class Prosody:
    """How the voice sounded, measured on the audio (``Analysis.prosody``; None = not
    measured, e.g. typed text). Spreads in semitones, loudness in dB."""

    voiced_s: float  # voiced speech the pitch figures rest on
    median_hz: float | None  # typical pitch; None without voicing
    range_st: float | None  # 10th to 90th percentile of pitch
    sd_st: float | None  # pitch variation (standard deviation)
    monotone: Literal["yes", "no", "unknown"]  # unknown: under 8 s of voiced speech
    monotone_threshold_st: float  # the sd_st under which it counts as monotone
    baseline_sessions: int  # earlier sessions that raised the threshold; 0 = the default
    median_shift_st: float | None  # median minus the speaker's usual; None without baseline
    loudness_sd_db: float | None  # loudness variation over speech
    loudness_range_db: float | None  # 10th to 90th percentile of loudness
    uptalk: tuple[UptalkCheck, ...] = ()
    trace: PitchTrace | None = None  # one answer's pitch; None for a whole rehearsal
    # answers heard over another voice: in none of the figures above (with every answer
    # left out, nothing is measured and voiced_s is 0)
    left_out: tuple[VoiceLeftOut, ...] = ()

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Prosody:
        tr = d.get("trace")
        numbers: dict[str, Any] = {k: d.get(k) for k in _PROSODY_NUMBERS}
        return cls(
            **numbers,
            monotone=d["monotone"],
            uptalk=tuple(
                UptalkCheck(u["move"], _evidence(u["evidence"]), u["verdict"], u.get("rise_st"))
                for u in d.get("uptalk", ())
            ),
            trace=PitchTrace(tr["start_s"], tr["step_s"], tuple(tr["hz"])) if tr else None,
            left_out=tuple(VoiceLeftOut(x["turn"], x["reason"]) for x in d.get("left_out", ())),
        )


_PROSODY_NUMBERS = (
    "voiced_s", "median_hz", "range_st", "sd_st", "monotone_threshold_st",
    "baseline_sessions", "median_shift_st", "loudness_sd_db", "loudness_range_db",
)  # fmt: skip


def _evidence(d: dict[str, Any]) -> Evidence:
    return Evidence(d["quote"], d.get("start_s"), d.get("end_s"), d.get("turn"))


@dataclass(frozen=True)
class Analysis:
    sentences: tuple[Sentence, ...]
    checks: tuple[Check, ...]
    delivery: Delivery
    coaching: tuple[CoachingPoint, ...]  # fixes first by priority, then strengths
    score: int  # 0-100, the sum of score_parts
    score_parts: tuple[ScorePart, ...]
    recap: Recap | None = None
    # moves the turn's prompt (a rehearsal's closing: its turns) asked for; () = nothing
    # (small talk); None = a whole closing with no turns, every check expected
    expects: tuple[str, ...] | None = None
    duration_s: float = 0.0
    schema_version: int = SCHEMA_VERSION
    notes: tuple[str, ...] = field(default=())  # e.g. "transcript is not English"
    prosody: Prosody | None = None  # pitch and loudness from the audio; None = not measured
    concerns: tuple[ConcernVerdict, ...] = ()  # each raised doubt's answer, on its topic?

    @property
    def score_provisional(self) -> bool:
        """Most of the score rests on checks not heard clearly (:func:`provisional`)."""
        return provisional(self.score_parts)

    def check(self, key: str) -> Check | None:
        return next((c for c in self.checks if c.key == key), None)

    @property
    def recap_timed(self) -> bool:
        """Was the recap found here timed, its length judged? Not when part of it was not
        heard clearly (Recap.length_judged), nor when its check was left unclear ("unclear,
        not judged: it may be in ..."). Every view that gives a recap's length asks this:
        ``sessions list`` and ``progress`` show "?" for it, the report and the replay say
        the length was not judged (stop 52's note, section 7)."""
        recap = self.check("recap")
        return (
            self.recap is not None
            and self.recap.length_judged
            and not (recap is not None and recap.status == "unclear")
        )

    def concern_topic(self, concern: str) -> ConcernTopic | None:
        """How the answer to ``concern`` was judged; None when it was not judged here."""
        verdict = self.concern_verdict(concern)
        return None if verdict is None else verdict.topic

    def concern_verdict(self, concern: str) -> ConcernVerdict | None:
        """The last judgement of the answer to ``concern``; None when none was made here."""
        return next((c for c in reversed(self.concerns) if c.concern == concern), None)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for s in data["sentences"]:
            s["moves"] = sorted(s["moves"])
            s["unclear"] = sorted(s["unclear"])
            if s["doubted"] is not None:
                s["doubted"] = sorted(s["doubted"])
        for p in data["delivery"]["pauses"]:
            p["duration_s"] = round(p["end_s"] - p["start_s"], 3)
        data["score_provisional"] = self.score_provisional  # read from score_parts again
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        def ev(d: dict[str, Any]) -> Evidence:
            return Evidence(d["quote"], d.get("start_s"), d.get("end_s"), d.get("turn"))

        def marker(d: dict[str, Any]) -> Marker:
            return Marker(d["kind"], d["text"], ev(d["evidence"]))

        dv = data["delivery"]
        delivery = Delivery(
            speaking_time_s=dv["speaking_time_s"],
            word_count=dv["word_count"],
            wpm=dv.get("wpm"),
            pauses=tuple(
                Pause(p["start_s"], p["end_s"], p["long"], p.get("turn")) for p in dv["pauses"]
            ),
            fillers=tuple(marker(m) for m in dv["fillers"]),
            hedges=tuple(marker(m) for m in dv["hedges"]),
            speech_regions=tuple((a, b) for a, b in dv.get("speech_regions", [])),
            answer_span_s=dv.get("answer_span_s"),
            speaking_rate_wpm=dv.get("speaking_rate_wpm"),
            syllable_count=dv.get("syllable_count", 0),
            speaking_rate_sps=dv.get("speaking_rate_sps"),
            articulation_rate_sps=dv.get("articulation_rate_sps"),
            markers_not_counted=dv.get("markers_not_counted", 0),
            not_counted_s=dv.get("not_counted_s", 0.0),
            asked_pause_s=dv.get("asked_pause_s", 0.0),
        )
        rc = data.get("recap")
        recap = (
            Recap(
                rc["start_s"],
                rc["end_s"],
                rc["duration_s"],
                rc["band"],
                tuple(rc.get("strengths_named", ())),
                tuple(rc.get("strengths_missed", ())),
                rc.get("strengths_judged", True),
                rc.get("claimed", True),
                rc.get("length_judged", True),
                tuple(rc.get("hard_to_hear", ())),
            )
            if rc
            else None
        )
        statuses = {c["key"]: c["status"] for c in data["checks"]}
        return cls(
            sentences=tuple(
                Sentence(
                    s["index"],
                    s["text"],
                    s["start_s"],
                    s["end_s"],
                    frozenset(s["moves"]),
                    s.get("question_form"),
                    s.get("turn"),
                    frozenset(s.get("unclear", ())),
                    bool(s.get("unheard", False)),
                    int(s.get("unsure_words", 0)),
                    None if s.get("doubted") is None else frozenset(s["doubted"]),
                )
                for s in data["sentences"]
            ),
            checks=tuple(
                Check(
                    c["key"],
                    c["label"],
                    c["status"],
                    c["detail"],
                    tuple(ev(e) for e in c["evidence"]),
                )
                for c in data["checks"]
            ),
            delivery=delivery,
            coaching=tuple(
                CoachingPoint(
                    c["priority"],
                    c["kind"],
                    c["title"],
                    c["message"],
                    c["suggestion"],
                    tuple(ev(e) for e in c["evidence"]),
                )
                for c in data["coaching"]
            ),
            score=data["score"],
            score_parts=tuple(
                ScorePart(
                    p["key"],
                    p["label"],
                    p["points"],
                    p["max_points"],
                    p.get("note", ""),
                    p["unjudged"] if "unjudged" in p else _stored_unjudged(p, statuses, recap),
                )
                for p in data["score_parts"]
            ),
            recap=recap,
            expects=None if data.get("expects") is None else tuple(data["expects"]),
            duration_s=data.get("duration_s", 0.0),
            schema_version=data.get("schema_version", SCHEMA_VERSION),
            notes=tuple(data.get("notes", ())),
            prosody=Prosody.from_dict(data["prosody"]) if data.get("prosody") else None,
            concerns=tuple(
                ConcernVerdict(c["concern"], c.get("turn"), c["topic"], c.get("conceded", False))
                for c in data.get("concerns", ())
            ),
        )


# The concerns row's note on its part not judged (scoring.score): since stop 38 it gives the
# points ("worth 21.5 of these points"), before it the share ("its half of these points").
_NOTE_WORTH = re.compile(r"worth (\d+(?:\.\d+)?) of these points")
_NOTE_SHARE = re.compile(r"its (half|third|two thirds|quarter|\d+%) of these points")
_SHARE_WORDS = {"half": 1 / 2, "third": 1 / 3, "two thirds": 2 / 3, "quarter": 1 / 4}


def _stored_unjudged(
    part: Mapping[str, Any], statuses: Mapping[str, str], recap: Recap | None
) -> float:
    """``ScorePart.unjudged`` of a part saved before it was stored, from what was saved, as
    scoring.score computes it: all of an unclear check's points; of the concerns row, its
    unclear parts' share, which its note gives (the parts themselves were not saved); half
    of a recap whose strengths were not judged (too short whatever it said). Delivery is
    never unjudged. Exact but for a concerns row whose note was cut or reworded by hand."""
    key, most = part["key"], float(part["max_points"])
    note = part.get("note", "")
    if key == "delivery":
        return 0.0
    if worth := _NOTE_WORTH.search(note):
        return float(worth.group(1))
    if share := _NOTE_SHARE.search(note):
        word = share.group(1)
        fraction = float(word[:-1]) / 100 if word.endswith("%") else _SHARE_WORDS[word]
        return round(most * fraction, 1)
    if statuses.get(key) == "unclear":
        return most
    if key == "recap" and recap is not None and not recap.strengths_judged:
        return round(most * 0.5, 1)
    return 0.0
