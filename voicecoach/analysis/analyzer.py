"""The analyzer's entry points: sentences -> moves -> checks -> delivery -> coaching and score.

Pure functions: transcripts in, :class:`~voicecoach.analysis.results.Analysis` out. The
semantic sentence model is optional and loaded lazily (see :mod:`.moves`).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from voicecoach.analysis import checks as _checks
from voicecoach.analysis import coaching as _coaching
from voicecoach.analysis import concern as _concern
from voicecoach.analysis import delivery as _delivery
from voicecoach.analysis import scoring as _scoring
from voicecoach.analysis import semantic as _semantic
from voicecoach.analysis import voice as _voice
from voicecoach.analysis import wording
from voicecoach.analysis.asides import only_asks_to_repeat
from voicecoach.analysis.common import CHECK_FOR_EXPECT, CHECK_KEYS, Expects, is_expected
from voicecoach.analysis.coverage import untranscribed_note
from voicecoach.analysis.interest_hedge import interest_hedge
from voicecoach.analysis.lexicon import normalise, words_of
from voicecoach.analysis.more_coming import more_to_come
from voicecoach.analysis.moves import ask_by_words, label_texts
from voicecoach.analysis.openers import only_opens, says_request
from voicecoach.analysis.pitch import FloatArray
from voicecoach.analysis.prosody import Voice
from voicecoach.analysis.question_breaks import split_questions
from voicecoach.analysis.results import (
    EXPECTS,
    MOVES,
    Analysis,
    Check,
    ConcernVerdict,
    Delivery,
    Marker,
    Pause,
    Sentence,
    VoiceLeftOut,
)
from voicecoach.analysis.rising import as_asked, asked_by_voice
from voicecoach.analysis.rules import Labels
from voicecoach.analysis.second_voice import second_voice_heard
from voicecoach.analysis.sentence_end import sentence_complete
from voicecoach.analysis.sentences import (
    Span,
    Token,
    join_tokens,
    split_tokens,
    tokens_from_text,
    tokens_from_transcript,
)
from voicecoach.analysis.timbre import cepstra_outside
from voicecoach.profile import Profile
from voicecoach.settings import Thresholds
from voicecoach.transcript import Transcript

__all__ = [
    "EXPECTS",
    "MOVES",
    "Analysis",
    "TurnInput",
    "analyze",
    "analyze_rehearsal",
    "analyze_text",
    "analyze_turn",
    "moves_done_so_far",
    "said_elsewhere",
    "turn_feedback",
    "unreached_expects",
]

DEFAULT_THRESHOLDS = Thresholds()  # frozen, so one shared default is safe
# A transcript longer than this is unusual for a closing and gets a note.
LONG_TRANSCRIPT_S = 600.0
LONG_TRANSCRIPT_WORDS = 1500
# Share of common English words below which a transcript is taken as another language.
ENGLISH_MIN_SHARE = 0.12
_ENGLISH = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "to",
        "of",
        "i",
        "you",
        "we",
        "is",
        "are",
        "was",
        "it",
        "that",
        "this",
        "in",
        "for",
        "on",
        "with",
        "my",
        "your",
        "what",
        "how",
        "do",
        "be",
        "have",
        "me",
        "thank",
        "thanks",
        "so",
        "not",
        "any",
        "can",
        "would",
        "will",
        "about",
        "as",
        "at",
    ]
)


# A sentence heard word for word in a turn not heard clearly is judged from this many words
# (analyzer._heard_clearly); its recap move stays unclear whatever its length.
MIN_CLEAR_WORDS = 4
_STILL_UNCLEAR = frozenset({"recap"})


@dataclass(frozen=True)
class TurnInput:
    transcript: Transcript
    # what this turn's prompt asked for (subset of EXPECTS); () = nothing (small talk);
    # None = not known: the closing is then judged as a whole (every check expected)
    expects: tuple[str, ...] | None = None
    speech_regions: tuple[tuple[float, float], ...] | None = None  # VAD regions of the answer
    concern: str | None = None  # the concern the interviewer raised in this turn's prompt
    voice: Voice | None = None  # pitch and loudness of the answer (measure_voice)
    # where parts transcribed apart start (s): a continuation joined to the answer
    parts_s: tuple[float, ...] = ()
    # the rehearsal turn (1-based) this answers; None: its place among the turns given. A
    # re-analysis skips a turn whose audio is gone, and the turns after it keep their numbers
    number: int | None = None


@dataclass(frozen=True)
class _Turn:
    spans: list[Span]
    tokens: list[Token]
    delivery: Delivery
    notes: list[str]
    concern: str | None
    duration_s: float
    number: int | None  # rehearsal turn, None for a single recording
    voice: Voice | None = None
    asks_recap: bool = False  # the rehearsal turn's prompt asked for a recap
    expects: tuple[str, ...] = ()  # what the rehearsal turn's prompt asked for
    # not heard clearly: too quietly (Thresholds.quiet_speech_db), over another voice
    # (Thresholds.second_voice_share), or Whisper was unsure of many of its words
    # (Thresholds.unsure_word_share). What it said is unclear rather than judged on words
    # Whisper may have made up or mixed in: every move, and the answer to a concern
    unheard: bool = False
    # ...over another voice: its pitch and loudness are both voices', so the voice measures
    # leave it out (a quiet turn's pitch is still the candidate's: Praat's tracker is
    # level-free, measured within 0.12 st at -50 dBFS over a noise floor 15 dB below)
    second_voice: bool = False
    # ...too quietly (its level while the candidate spoke, dBFS; None when not): every
    # word of it may be a guess, however sure Whisper was of it
    quiet_db: float | None = None
    # a stretch of it Whisper garbled (garbled_stretch), or "": an answer to a doubt is not
    # called off its topic on it
    garbled: str = ""
    # ...where Whisper was unsure of many words: the parts (start, end in s) it was unsure
    # of, each part transcribed apart judged on its own words (see _turn)
    unsure_parts: tuple[tuple[float, float], ...] = ()
    # the answer's length (s), whatever Whisper wrote of it (delivery.answer_length_s: its
    # words' span, or its voice's where Whisper left much out); None without speech regions
    spoken_s: float | None = None

    @property
    def quiet(self) -> bool:
        return self.quiet_db is not None


def analyze_text(
    text: str,
    profile: Profile | None = None,
    *,
    expects: Expects = None,
    concern: str | None = None,
    semantic: bool | None = None,
) -> Analysis:
    """Analyse typed or pasted text (no timings: no pace, pauses, recap length or voice).

    ``expects``: what the turn's prompt asked for (() = nothing); None = a whole closing.
    """
    tokens = tokens_from_text(text)
    turn = _turn(tokens, None, DEFAULT_THRESHOLDS, concern, 0.0, None)
    return _analyse([turn], profile, _tuple(expects), DEFAULT_THRESHOLDS, semantic, [])


def moves_done_so_far(
    text: str,
    expects: Sequence[str],
    concern: str | None = None,
    profile: Profile | None = None,
) -> tuple[bool, bool]:
    """The words of an answer so far, judged by the rules alone (no sentence model: a few
    milliseconds): has ``text`` done every move in ``expects``, and, where they ask for a
    recap, has it begun one (done or partial)? The live turn end asks this at every pause
    (rehearsal/turn_end.py), and the delivery coaching of the pauses it waited through.

    An answer to a doubt is done once its evidence is there, and a claim that only grants
    the doubt is none, though the rules alone read it as a recap (a live trial: "That's a
    fair point, most of my work has been in startups." was heard done, then cut 1 s into
    the thinking pause before the example; its verdict said "no evidence")."""
    if not expects:
        return True, False
    analysis = analyze_text(text, profile, expects=expects, concern=concern, semantic=False)
    statuses = [analysis.check(CHECK_FOR_EXPECT.get(e, e)) for e in expects]
    met = all(c is not None and c.status == "done" for c in statuses)
    if met and "concern_answer" in expects:
        met = _concern.evidence_past_granting(analysis.sentences, concern)
    recap = analysis.check("recap") if "recap" in expects else None
    return met, recap is not None and recap.status in ("done", "partial")


def analyze(
    transcript: Transcript,
    *,
    speech_regions: Sequence[tuple[float, float]] | None = None,
    profile: Profile | None = None,
    expects: Expects = None,
    concern: str | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    semantic: bool | None = None,
    voice: Voice | None = None,
    credited: Mapping[str, _checks.Credit] | None = None,
    parts_s: Sequence[float] = (),
) -> Analysis:
    """Analyse one recording's transcript (one answer, or a whole closing).

    ``expects``: what the turn's prompt asked for (() = nothing: small talk is coached on
    no move); None = a whole closing, every check expected.
    ``voice``: the recording's pitch and loudness (:func:`~.prosody.measure_voice` on its
    samples); without it the analysis says the voice was not measured.
    ``credited``: checks an earlier answer of the rehearsal made, with the closing's status
    there (:func:`analyze_turn`); missing here, one made in full is left out of the score,
    and one made in part earns the share of its points it earns in the closing.
    ``parts_s``: see :class:`TurnInput`.
    """
    tokens = tokens_from_transcript(transcript)
    duration_s = transcript.duration_s
    turn = _turn(tokens, speech_regions, thresholds, concern, duration_s, None, parts_s)
    turn = _with_voice(turn, voice, thresholds)
    if expects:
        turn = _thinking_pauses(replace(turn, expects=tuple(expects)), profile, thresholds)
    notes = _language_notes(transcript)
    return _analyse(
        [turn], profile, _tuple(expects), thresholds, semantic, notes, credited=credited or {}
    )


def analyze_turn(
    transcript: Transcript,
    earlier: Sequence[tuple[Analysis, Sequence[str]]],
    *,
    expects: Sequence[str],
    profile: Profile | None = None,
    numbers: Sequence[int] | None = None,
    **options: Any,
) -> tuple[Analysis, dict[str, _checks.Credit]]:
    """One rehearsal answer (:func:`analyze`'s other ``options``), after the ``earlier``
    turns' analyses and what each asked for, and what the closing credits from those
    (:func:`said_elsewhere`; ``numbers`` as there: the earlier turns' and this one's). A
    move this turn asked for that an earlier answer made and this one did not is not
    scored here (in part, it scores as in part): a trial's "No, I think I've covered it."
    after turn 1's recap and probe scored 4/100."""
    analysis = analyze(transcript, profile=profile, expects=expects, **options)
    elsewhere = said_elsewhere([*earlier, (analysis, expects)], profile, numbers)
    credited = _checks.credited_here(analysis.checks, elsewhere)
    if credited:
        analysis = analyze(
            transcript, profile=profile, expects=expects, credited=credited, **options
        )
    return analysis, elsewhere


def analyze_rehearsal(
    turns: Sequence[TurnInput],
    profile: Profile | None = None,
    *,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    semantic: bool | None = None,
    unanswered: Sequence[str] = (),
    left_out: Sequence[tuple[int, Sequence[str]]] = (),
) -> Analysis:
    """The whole closing judged across all turns; sentences and evidence carry their turn.

    ``unanswered``: what the turns never reached (the rehearsal was stopped) expected; it
    counts as not done, so a close stopped after its first turn does not score as whole.
    ``left_out``: turns answered but not in ``turns`` (a re-analysis finds their audio
    gone), each (number, what it asked for): what only they asked for is not judged,
    neither done nor missing, its row says why and a note names each turn.
    The closing expects what its turns asked for: a turn that asked for nothing adds
    nothing, though what was said there counts. With a turn's ``expects`` not known, every
    check is expected.
    """
    parts = []
    notes: list[str] = []
    for place, t in enumerate(turns, 1):
        n = t.number if t.number is not None else place
        tokens = tokens_from_transcript(t.transcript, turn=n)
        duration_s = t.transcript.duration_s
        turn = _turn(tokens, t.speech_regions, thresholds, t.concern, duration_s, n, t.parts_s)
        turn = _with_voice(turn, t.voice, thresholds)
        asked = tuple(t.expects or ())
        turn = replace(turn, asks_recap="recap" in asked, expects=asked)
        parts.append(_thinking_pauses(turn, profile, thresholds))
        notes.extend(x for x in _language_notes(t.transcript) if x not in notes)
    expects: tuple[str, ...] | None = None
    if turns and all(t.expects is not None for t in turns):
        wanted = {e for t in turns for e in t.expects or ()} | set(unanswered)
        expects = tuple(e for e in EXPECTS if e in wanted)
    # an answer to a doubt never given (its turn was never reached) is missing, not
    # unjudged: a drill stopped after the probe scored 100/100 without it
    doubts = sum(1 for e in unanswered if e == "concern_answer")
    judged = _analyse(
        parts, profile, expects, thresholds, semantic, notes, doubts, unreached=tuple(unanswered)
    )
    return _with_left_out(judged, left_out) if left_out else judged


def _with_left_out(a: Analysis, left_out: Sequence[tuple[int, Sequence[str]]]) -> Analysis:
    """``a`` with each row only a turn left out asked for saying so instead of "not asked
    here", and a note per turn (trial 20: a re-analysis with turn 2's audio removed scored
    its moves and said nothing of it)."""
    checks = []
    for c in a.checks:
        turns = [n for n, asked in left_out if is_expected(c.key, asked)]
        # (a move made in part reads "not asked here" too, its quotes kept as evidence; a
        # probe made where it was not asked is named as said: checks._unasked)
        if c.status == "not_expected" and c.detail != wording.DETAIL["concerns_asked"] and turns:
            detail = wording.DETAIL["audio_missing"].format(turns=wording.turns_phrase(turns))
            c = replace(c, detail=detail)
        checks.append(c)
    notes = [wording.NOTES["audio_missing"].format(turn=n) for n, _ in left_out]
    return replace(a, checks=tuple(checks), notes=(*a.notes, *notes))


def unreached_expects(plan: Sequence[Sequence[str]], answered: Collection[int]) -> list[str]:
    """What the planned turns (1-based) that were never ``answered`` asked for: the
    ``unanswered`` of :func:`analyze_rehearsal` for a session that was stopped early."""
    return [e for n, expects in enumerate(plan, 1) if n not in answered for e in expects]


# The checks a turn's verdict says were made in another answer: the closing's own
# (checks.NAMED_WHEN_ELSEWHERE) and the probe for concerns, which the closing ticks wherever
# it was asked (its row also judges the answer to the doubt, so it names no turn there)
_ELSEWHERE = (*_checks.NAMED_WHEN_ELSEWHERE, "concerns")


def said_elsewhere(
    turns: Sequence[tuple[Analysis, Sequence[str]]],
    profile: Profile | None = None,
    numbers: Sequence[int] | None = None,
) -> dict[str, _checks.Credit]:
    """For the last of a rehearsal's ``turns`` so far (each turn's analysis and what its
    prompt asked for): the checks the closing would credit from words of another turn,
    each with its status there and what its detail says of them
    (:func:`.checks.credited_from`), for the turn's verdict to say too. Judged by the
    closing's own checks, on the sentences as each turn's analysis labelled them (no
    relabelling: it runs while the candidate waits). ``numbers``: the turns' own numbers
    (1-based, in order); None: their places. A turn left out (a re-analysis skips one whose
    audio is gone) leaves the later ones their numbers: "said in turn 3", not "turn 2".
    """
    if len(turns) < 2:
        return {}
    numbers = list(numbers) if numbers is not None else list(range(1, len(turns) + 1))
    if len(numbers) != len(turns):
        raise ValueError(f"{len(numbers)} turn numbers for {len(turns)} turns")
    numbered = list(zip(numbers, turns, strict=True))
    sentences = tuple(
        replace(s, index=i, turn=n)
        for i, (n, s) in enumerate((n, s) for n, (a, _) in numbered for s in a.sentences)
    )
    expects = tuple(e for e in EXPECTS if any(e in x for _, x in turns))
    # the probe for concerns is judged with no doubt (concerns=()), so the row is the probe
    # alone, said where made only by a turn that asked for the probe (_asked_in)
    asked = _asked_in([(n, x) for n, (_, x) in numbered])
    # the recap as the closing finds it: in the turn that asked for it first
    # ...and not in the answer to a doubt while another answer holds one (recap.find_recap)
    doubts = {n for n, (_, x) in numbered if "concern_answer" in x}
    # the sentences Whisper did not hear clearly, from its word probabilities as each
    # turn's analysis kept them: a recap's length is not judged across them, as in the
    # closing (the note read "too short" of a recap the closing left unjudged)
    findings = _checks.judge(
        sentences, profile=profile, expects=expects, concerns=(), thresholds=DEFAULT_THRESHOLDS,
        recap_turns=asked["recap"], doubt_turns=doubts,
        unheard=frozenset(s.index for s in sentences if s.unheard),
    )  # fmt: skip
    found = {
        c.key: _checks.Credit(
            c.status,
            # ...or, read "unclear" there, said there and not heard clearly (the turn's
            # row read "missing" beside the closing's "?"): there may be an earlier turn
            # that asked for it too, as when the interviewer asked again after a turn heard
            # over another voice (live trial 52: the repeat read "never said you want the
            # job" seconds after it was said)
            _checks.credited_from(c, asked[c.key]) or _checks.unclear_from(c, {numbers[-1]}),
            _scoring.check_fraction(c.key, findings, DEFAULT_THRESHOLDS),
            _scoring.unjudged_share(c.key, findings),
        )
        for c in findings.checks
        if c.key in _ELSEWHERE and numbers[-1] in asked[c.key]
    }
    return {k: v for k, v in found.items() if v.detail}


def turn_feedback(
    turns: Sequence[tuple[Analysis, Sequence[str]]],
    profile: Profile | None = None,
    numbers: Sequence[int] | None = None,
) -> Analysis:
    """The last of ``turns``' analysis as its verdict showed it (:func:`said_elsewhere`,
    ``numbers`` as there): checks the closing credits from another answer say where
    (:func:`.checks.noted_elsewhere`), and their fixes are not coached here
    (:func:`.checks.not_coached_here`). For a stored session's report and replay."""
    elsewhere = said_elsewhere(turns, profile, numbers)
    last = turns[-1][0]
    if not elsewhere:
        return last
    checks = tuple(_checks.noted_elsewhere(c, elsewhere) for c in last.checks)
    return replace(last, checks=checks, coaching=_checks.not_coached_here(last.coaching, elsewhere))


def _tuple(expects: Expects) -> tuple[str, ...] | None:
    return None if expects is None else tuple(expects)


def _turn(
    tokens: list[Token],
    regions: Sequence[tuple[float, float]] | None,
    th: Thresholds,
    concern: str | None,
    duration_s: float,
    number: int | None,
    parts_s: Sequence[float] = (),
) -> _Turn:
    """``parts_s``: where parts transcribed apart start; Whisper's doubt about the words of
    one does not leave another unclear (trial 13: a probe heard clearly went "unclear"
    once a continuation garbled under the next line was joined to it)."""
    spans = split_tokens(tokens)
    delivery, notes = _delivery.measure(spans, tokens, speech_regions=regions, thresholds=th)
    if number is not None:  # a pause's time is within its turn: say which
        pauses = tuple(replace(p, turn=number) for p in delivery.pauses)
        delivery = replace(delivery, pauses=pauses)
    timed = [(t.start_s, t.end_s) for t in tokens if t.start_s is not None and t.end_s is not None]
    missing = untranscribed_note(timed, regions)  # Whisper skipped speech: say so
    notes = [*notes, missing] if missing else notes
    # questions asked one after another that the recogniser wrote as one sentence are
    # labelled and counted apart (delivery keeps the recogniser's sentences)
    spans = split_questions(spans)
    bounds = [0.0, *sorted(p for p in parts_s if p > 0.0), math.inf]
    parts = [(a, b) for a, b in itertools.pairwise(bounds) if a < b]
    unsure_parts = tuple(p for p in parts if _unsure(_within(tokens, p), th))
    # the note counts the answer's words, not those of the part that made it unclear (a
    # trial's 40-word answer read "unsure of 4 of 12 words": its first part's)
    unsure = _unsure_note(tokens, number) if unsure_parts else ""
    notes = [*notes, unsure] if unsure else notes
    return _Turn(
        spans, tokens, delivery, notes, concern, duration_s, number, unheard=bool(unsure),
        garbled=garbled_stretch(tokens), unsure_parts=unsure_parts,
        spoken_s=_delivery.answer_length_s(delivery.answer_span_s, regions) if regions else None,
    )  # fmt: skip


def _thinking_pauses(turn: _Turn, profile: Profile | None, th: Thresholds) -> _Turn:
    """``turn`` with its long pauses that the live turn end waits through as thinking
    unflagged: a short pause to think before a move the answer still owes is good practice,
    not a fault (a live trial: "You're right, I've spent years at startups." [3 s] then the
    example; the turn end waited for it, and the coaching said "Shorten the long silences").

    Such a pause follows a finished sentence, while the words before it have not yet done
    what the turn asked (:func:`moves_done_so_far`) or said more is coming
    (:func:`~voicecoach.analysis.more_coming.more_to_come`: "I have two questions." and one
    asked), and is shorter than the turn end's wait
    there: ``end_unmet_s``, or ``end_silence_s`` (at most its default 6 s: it is a setting)
    where the answer so far only took the prompt in ("That's a fair point."). A longer one
    is still flagged, and so is one in mid-sentence or after the moves were made."""
    if not turn.expects or not any(p.long for p in turn.delivery.pauses):
        return turn
    pauses = tuple(
        replace(p, long=False) if p.long and _owed_then(turn, p, profile, th) else p
        for p in turn.delivery.pauses
    )
    return replace(turn, delivery=replace(turn.delivery, pauses=pauses))


def _owed_then(turn: _Turn, pause: Pause, profile: Profile | None, th: Thresholds) -> bool:
    """Did the turn end wait through ``pause`` for a move still owed (:func:`_thinking_pauses`)?"""
    before = join_tokens(_delivery.words_before(pause.start_s, turn.tokens))
    # a finished sentence by the turn end's own test (:func:`.sentence_end.sentence_complete`:
    # not "I have worked at." before "Startups for eight years", Whisper's full stop at a
    # pause), where Whisper, having heard what followed, also ended one
    if not before.rstrip().endswith((".", "?", "!")) or not sentence_complete(before):
        return False
    met = moves_done_so_far(before, turn.expects, turn.concern, profile)[0]
    # done, but more said to be coming ("I have two questions." and one asked): the turn
    # end waits end_unmet_s there too (analysis.more_coming)
    if met and not more_to_come(before):
        return False
    # the last resort is a setting (up to 30 s): however long a patient rehearsal waits, a
    # pause to think is short, and a longer one after "That's a fair point." is a silence
    last_resort_s = min(th.end_silence_s, DEFAULT_THRESHOLDS.end_silence_s)
    wait_s = last_resort_s if only_opens(before) and not met else th.end_unmet_s
    return pause.duration_s < wait_s


def _within(tokens: Sequence[Token], part: tuple[float, float]) -> list[Token]:
    """The ``tokens`` of the part that runs from ``part[0]`` to ``part[1]`` (s); a token
    with no time (typed text) belongs to every part."""
    return [t for t in tokens if t.start_s is None or part[0] <= t.start_s < part[1]]


# A stretch Whisper garbled: at least GARBLED_LOW of GARBLED_WINDOW words in a row heard
# with a probability under GARBLED_PROBABILITY. A trial's "I took over a team of nine",
# said under a second voice of the same pitch, came out "the little cover of the mode"
# (0.02-0.21), in an answer otherwise clear (6 of 26 words under 0.5: no unsure_words
# note). Found in 2 of 216 voiced closings of the spoken benchmark (80 words each on
# average, two TTS voices) and in none of the 13 recorded clips of tests/data/speech.
GARBLED_WINDOW, GARBLED_LOW, GARBLED_PROBABILITY = 5, 3, 0.3


def garbled_stretch(tokens: Sequence[Token]) -> str:
    """The words of the first stretch Whisper garbled (see GARBLED_LOW), from its first
    unsure word to its last, overlapping windows taken together; "" when there is none
    (typed text has no probabilities)."""
    low = [j for j, t in enumerate(tokens)
           if t.probability is not None and t.probability < GARBLED_PROBABILITY]  # fmt: skip
    start = end = -1
    for k in range(len(low) - GARBLED_LOW + 1):
        if low[k + GARBLED_LOW - 1] - low[k] >= GARBLED_WINDOW:
            continue
        if start < 0:
            start = low[k]
        elif low[k] > end:
            break  # a second stretch, apart from the first
        end = low[k + GARBLED_LOW - 1]
    return join_tokens(tokens[start : end + 1]) if start >= 0 else ""


def _low(probabilities: Sequence[float | None]) -> tuple[int, int]:
    """How many of the words Whisper heard with a probability under LOW_WORD_PROBABILITY,
    and how many it gave one (typed text has none)."""
    heard = [p for p in probabilities if p is not None]
    return sum(1 for p in heard if p < _semantic.LOW_WORD_PROBABILITY), len(heard)


def _unsure_words(span: Span) -> int:
    """How many of ``span``'s words Whisper heard with a probability under
    LOW_WORD_PROBABILITY, hesitation sounds aside: how it spelled an "um" says nothing of
    the words around it (``Sentence.unsure_words``)."""
    return sum(
        1 for t in span.tokens
        if t.probability is not None and t.probability < _semantic.LOW_WORD_PROBABILITY
        and normalise(t.text)
    )  # fmt: skip


def _unsure(tokens: Sequence[Token], th: Thresholds) -> bool:
    """Was Whisper unsure of too many of these words to trust them
    (Thresholds.unsure_word_share, unsure_words_min)? Typed text has no probabilities: no."""
    low, heard = _low([t.probability for t in tokens])
    return low >= th.unsure_words_min and low >= th.unsure_word_share * heard


def _unsure_note(tokens: Sequence[Token], number: int | None) -> str:
    """The note that Whisper was unsure of too many of the turn's words to trust them, with
    how many of its ``tokens`` (the answer's words) it was unsure of."""
    low, heard = _low([t.probability for t in tokens])
    where = f" in turn {number}" if number is not None else ""
    return wording.NOTES["unsure_words"].format(low=low, words=heard, where=where)


def _with_voice(turn: _Turn, voice: Voice | None, th: Thresholds) -> _Turn:
    if voice is None:
        return turn
    loudness = voice.loudness  # NaN (no speech) compares False: no note
    if loudness.speech_s >= th.quiet_after_speech_s and loudness.median_db < th.quiet_speech_db:
        # heard too quietly for Whisper: the words judged may not be the ones said
        where = f" in turn {turn.number}" if turn.number is not None else ""
        quiet = wording.NOTES["quiet"].format(where=where, level_db=loudness.median_db)
        turn = replace(
            turn, notes=[*turn.notes, quiet], unheard=True, quiet_db=loudness.median_db,
        )  # fmt: skip
    elif second_voice_heard(voice.track, th, _spoken_cepstra(voice, turn.tokens)):
        # someone else talked over it: the words judged may be theirs, or missing
        where = f" in turn {turn.number}" if turn.number is not None else ""
        other = wording.NOTES["second_voice"].format(where=where)
        turn = replace(turn, notes=[*turn.notes, other], unheard=True, second_voice=True)
    return replace(turn, voice=voice)


# a laugh as Whisper writes it: "Ha", "haha", "hah", "heh", "hehe" (not "he")
_LAUGH = re.compile(r"(?:ha)+h?|heh|he(?:he)+h?")
# a laugh's or hesitation's frames left out of the timbre test, with this much either side
# (Whisper's word times are not to the frame)
_NOT_SPEECH_MARGIN_S = 0.15


def _spoken_cepstra(voice: Voice, tokens: Sequence[Token]) -> FloatArray:
    """The answer's voiced cepstra with those said in its laughs and hesitations ("ha ha",
    "hmm", "erm": sounds unlike the speaker's words, that would stand out as another
    voice's timbre) left out, as Whisper timed them."""
    spans = [
        (t.start_s - _NOT_SPEECH_MARGIN_S, t.end_s + _NOT_SPEECH_MARGIN_S)
        for t in tokens
        if t.start_s is not None and t.end_s is not None
        and (not normalise(t.text) or _LAUGH.fullmatch("".join(words_of(t.text))))
    ]  # fmt: skip
    return cepstra_outside(voice.cepstra, voice.cepstra_times_s, spans)


def _unheard(span: Span, turn: _Turn) -> frozenset[str]:
    """The moves ``span`` leaves unclear because its turn was not heard clearly
    (:attr:`_Turn.unheard`): all of them. What was heard may not be what was said, so a
    check resting on that turn, or missing where it may have been said, is unclear rather
    than ticked or crossed (a trial's quiet recap was coached on Whisper's nonsense). A
    sure sentence of another turn still decides a check (``checks._unless_unclear``), and
    so does one heard clearly in the same turn (:func:`_heard_clearly`), but for the
    recap: its length and the strengths it names rest on the turn's other sentences too."""
    if not turn.unheard:
        return frozenset()
    if not (turn.quiet or turn.second_voice) and not _in_unsure_part(span, turn):
        return frozenset()  # said in a part Whisper heard clearly
    return _STILL_UNCLEAR if _heard_clearly(span, turn) else frozenset(MOVES)


def _unheard_throughout(turn: _Turn) -> bool:
    """Was none of ``turn`` heard clearly: too quiet, over another voice, or every sentence
    said in a part Whisper was unsure of? (An answer to a doubt heard clearly is judged,
    whatever Whisper made of a continuation joined to it.)"""
    if not turn.unheard:
        return False
    return turn.quiet or turn.second_voice or all(_in_unsure_part(s, turn) for s in turn.spans)


def _in_unsure_part(span: Span, turn: _Turn) -> bool:
    """Was ``span`` said in a part of ``turn`` whose words Whisper was unsure of?"""
    start = span.start_s
    return start is None or any(a <= start < b for a, b in turn.unsure_parts)


def _heard_clearly(span: Span, turn: _Turn) -> bool:
    """Is ``span`` a sentence of a turn not heard clearly that was heard clearly itself:
    the turn's only trouble is that Whisper was unsure of many of its words (not heard too
    quietly, nor over another voice), and it was sure of every word of this sentence, of
    at least MIN_CLEAR_WORDS words? Its moves are judged (trial s31: a television under the
    first of two questions garbled it, and the second, heard word for word, was left
    unjudged with the rest). Shorter ones stay unclear: "Thank you." is what Whisper makes
    up, sure of itself, and what a television says."""
    if not turn.unheard or turn.quiet or turn.second_voice:
        return False
    probabilities = span.probabilities or ()
    return len(probabilities) >= MIN_CLEAR_WORDS and all(
        p >= _semantic.LOW_WORD_PROBABILITY for p in probabilities
    )


def _heard_enough(span: Span, turn: _Turn, th: Thresholds) -> bool:
    """Would ``span``, a sentence of ``turn``, have been heard clearly as an answer of its
    own: the turn was not too quiet nor over another voice, and Whisper was sure enough of
    the sentence's own words (at least MIN_CLEAR_WORDS of them, under
    Thresholds.unsure_word_share of them below probability 0.5: the bar an answer is held
    to)? An answer to a doubt is judged on such sentences when its turn was not heard
    clearly (trial 20: "I learned the freight business in three months ...", 5 of its 30
    words unsure, went unjudged behind a garbled first sentence)."""
    if turn.quiet or turn.second_voice:
        return False
    low, heard = _low(span.probabilities or ())
    return heard >= MIN_CLEAR_WORDS and low < th.unsure_word_share * heard


def _unclear_sentences(spans: Sequence[Span], th: Thresholds) -> frozenset[int]:
    """The indices of the sentences Whisper did not hear clearly, whatever their turn: at
    least Thresholds.unsure_word_share of their words under probability 0.5 (one of "Dana
    is ready.", the 0.00 "Dana" another voice's), or one written twice in a row, Whisper's
    loop on a stretch it could not make out ("I'm getting more information. I'm getting
    more information.")."""
    out: set[int] = set()
    for i, span in enumerate(spans):
        low, heard = _low(span.probabilities or ())
        if low and low >= th.unsure_word_share * heard:
            out.add(i)
        words = words_of(normalise(span.text))
        previous = spans[i - 1] if i else None
        if words and previous is not None and previous.turn == span.turn:
            out |= {i - 1, i} if words_of(normalise(previous.text)) == words else set()
    return frozenset(out)


# A sentence heard with doubt, though not enough to leave it unclear (_unclear_sentences):
# at least DOUBT_WORDS_MIN of its words, and more than DOUBT_WORD_SHARE of them, under
# probability 0.5 (a clear answer's sentence may have a quarter: "I am six years of
# analytics ... retail change." for "...retail chain.", 4 of 16), or said at least
# QUIETER_SENTENCE_DB below the rest of its answer. Trial 47: "I write
# the SQL myself and I build the dashboards that people actually open.", said 24 dB below
# the rest, was heard "I write me as QL myself and I will the national net people actually
# open." (4 of 14 words under 0.5), and the coaching said SQL and dashboards were never
# named. Through the sound card that sentence's loudest frames were 25 dB below the
# others'; a clear answer's sentences differ by a few dB.
DOUBT_WORDS_MIN, DOUBT_WORD_SHARE = 3, 0.25
QUIETER_SENTENCE_DB = 12.0
# The level of a stretch of speech: this percentile of its 10 ms frames' levels (its loud
# part: a sentence's pauses and consonants do not pull it down).
SPEECH_LEVEL_PERCENTILE = 90
MIN_LEVEL_SPAN_S = 0.5  # a shorter sentence's level is not compared


def _hard_to_hear(spans: Sequence[Span], turns: Mapping[int | None, _Turn]) -> frozenset[int]:
    """The indices of the sentences heard with doubt (see DOUBT_WORDS_MIN): what a strength
    the recap missed may have been said in (``Recap.hard_to_hear``)."""
    out: set[int] = set()
    by_turn: dict[int | None, list[int]] = {}
    for i, span in enumerate(spans):
        low, heard = _low(span.probabilities or ())
        if low >= DOUBT_WORDS_MIN and low > DOUBT_WORD_SHARE * heard:
            out.add(i)
        by_turn.setdefault(span.turn, []).append(i)
    for number, answer in by_turn.items():
        out |= {answer[k] for k in _said_quietly([spans[i] for i in answer], turns[number])}
    return frozenset(out)


def _said_quietly(answer: Sequence[Span], turn: _Turn) -> set[int]:
    """The positions in ``answer`` (one turn's sentences) of those said at least
    QUIETER_SENTENCE_DB below the loudest other one (the loud part of each:
    SPEECH_LEVEL_PERCENTILE). None when the turn's voice was not measured; a sentence too
    short to tell is neither judged nor compared with."""
    import numpy as np

    if turn.voice is None or len(answer) < 2:
        return set()
    track = turn.voice.track

    def level(span: Span) -> float | None:
        a, b = span.start_s, span.end_s
        if a is None or b is None or b - a < MIN_LEVEL_SPAN_S:
            return None
        frames = track.span(a, b).level_db
        return float(np.percentile(frames, SPEECH_LEVEL_PERCENTILE)) if len(frames) else None

    levels = [level(span) for span in answer]
    out = set()
    for k, own in enumerate(levels):
        others = [x for j, x in enumerate(levels) if j != k and x is not None]
        if own is not None and others and own <= max(others) - QUIETER_SENTENCE_DB:
            out.add(k)
    return out


def _half_said(span: Span, moves: frozenset[str]) -> frozenset[str]:
    """The moves of a sentence that stops before its clause does, with nothing after it
    to finish it ("What I would really like to stress is." and silence: Whisper's full
    stop at a thinking pause): only begun, so unclear rather than credited. A whole clause
    with a dangling "and" said what it said."""
    return moves if span.ending == "open" else frozenset()


def _evidence_not_asked(
    sentences: tuple[Sentence, ...], turns: Sequence[_Turn]
) -> tuple[Sentence, ...]:
    """``sentences`` with the evidence said rising in each answer to a doubt read as the
    statement it is (:func:`.concern.evidence_said_rising`): not counted as a final
    question, nor replied to by the interviewer (trial 48 N4)."""
    rising: set[int] = set()
    for t in turns:
        if t.concern:
            rising |= _concern.evidence_said_rising([s for s in sentences if s.turn == t.number])
    if not rising:
        return sentences
    return tuple(
        replace(
            s, moves=s.moves - {"question"}, unclear=s.unclear - {"question"},
            doubted=s.own_doubts - {"question"}, question_form=None,
        ) if s.index in rising else s
        for s in sentences
    )  # fmt: skip


def _asked_in(turns: Sequence[tuple[int | None, Sequence[str]]]) -> dict[str, frozenset[int]]:
    """For each check, the rehearsal turns (number, what its prompt asked for) that asked
    for it. For the concerns row, those that asked for the probe: a turn that asked for the
    answer to a doubt did not (a trial's turn 2 read "never invited the interviewer's
    doubts" after a turn-1 probe; trial 21: with the doubt's answer not heard clearly, a
    probe left out where asked read "? ... did you say it here?" on an unheard goodbye)."""
    return {
        key: frozenset(
            n for n, expects in turns
            if n is not None and any(
                e == "concerns" if key == "concerns" else CHECK_FOR_EXPECT.get(e) == key
                for e in expects
            )
        )
        for key in CHECK_KEYS
    }  # fmt: skip


def _language_notes(transcript: Transcript) -> list[str]:
    if transcript.language and transcript.language != "en":
        return [wording.NOTES["not_english"].format(language=transcript.language)]
    return []


def _asked_for_time(sentences: Sequence[Sentence], delivery: Delivery) -> bool:
    """Did the candidate ask for a moment in the answer with the longest flagged pause (the
    one the pause advice is about)? Then it does not tell them to (trial 20); another
    answer's request does not count (trial 21: "asking for a moment, as you did" of a
    turn-3 silence, the request made in turn 4)."""
    long = [p for p in delivery.pauses if p.long]
    if not long:
        return False
    worst = max(long, key=lambda p: p.duration_s)
    return any(says_request(s.text) for s in sentences if worst.turn in (None, s.turn))


def _analyse(
    turns: list[_Turn],
    profile: Profile | None,
    expects: tuple[str, ...] | None,
    th: Thresholds,
    semantic: bool | None,
    notes: list[str],
    unanswered_doubts: int = 0,
    credited: Mapping[str, _checks.Credit] | None = None,
    unreached: tuple[str, ...] = (),
) -> Analysis:
    """``unanswered_doubts``: answers to a doubt that turns never reached asked for.
    ``credited``: see :func:`analyze`. ``unreached``: what the turns never reached asked
    for (analyze_rehearsal's ``unanswered``)."""
    spans = [s for t in turns for s in t.spans]

    def label(texts: list[str]) -> tuple[list[Labels], str]:
        return label_texts(
            texts,
            semantic_mode=semantic,
            word_probabilities=[s.probabilities for s in spans],
            groups=[s.turn for s in spans],  # each turn's punctuation, as its verdict read it
        )

    labels, mode = label([s.text for s in spans])
    # a statement the voice asked (it ended rising) is the question it was
    # (not over another voice, nor in a turn not heard clearly: its words may be guesses)
    own = {t.number: t.voice for t in turns if t.voice and not (t.second_voice or t.unheard)}
    weigh = _question_weigher(mode)
    labels, rose = asked_by_voice(spans, labels, own, lambda texts: label(texts)[0], weigh)
    # a question by voice whose words name the next steps is read as its reply reads it
    labels = [ask_by_words(as_asked(spans[i].text), lab) if i in rose else lab
              for i, lab in enumerate(labels)]  # fmt: skip
    turn_of = {t.number: t for t in turns}
    unheard = _unclear_sentences(spans, th)
    sentences = tuple(
        Sentence(
            i, as_asked(s.text) if i in rose else s.text, s.start_s, s.end_s, lab.moves,
            lab.question_form,  # type: ignore[arg-type]
            s.turn,
            lab.unclear | _half_said(s, lab.moves) | _unheard(s, turn_of[s.turn]),
            i in unheard, _unsure_words(s),
            lab.unclear | _half_said(s, lab.moves),
        )
        for i, (s, lab) in enumerate(zip(spans, labels, strict=True))
    )  # fmt: skip
    sentences = _evidence_not_asked(sentences, turns)
    model = _concern_model(mode)
    concerns = [
        _checks.judge_concern(
            t.concern,
            [s for s in sentences if s.turn == t.number],
            model,
            unclear=_unheard_throughout(t),
            garbled=t.garbled,
            heard=[
                s for s in sentences if s.turn == t.number and _heard_enough(spans[s.index], t, th)
            ],
        )
        for t in turns
        # a turn that only asked to hear the doubt again did not answer it (the turn
        # that said it again holds the answer): judged there alone
        if t.concern and not only_asks_to_repeat([s.text for s in sentences if s.turn == t.number])
    ]
    recap_turns = {t.number for t in turns if t.asks_recap and t.number is not None}
    asked_in = _asked_in([(t.number, t.expects) for t in turns])
    findings = _checks.judge(
        sentences, profile=profile, expects=expects, concerns=concerns, thresholds=th,
        recap_turns=recap_turns, encoder=model, asked_in=asked_in,
        unanswered_doubts=unanswered_doubts,
        spoken_s={t.number: t.spoken_s for t in turns if t.spoken_s is not None},
        unheard=unheard, hard_to_hear=_hard_to_hear(spans, turn_of),
    )  # fmt: skip
    findings = _stopped_before(findings, [t.expects for t in turns], unreached)
    # a turn not heard clearly: its fillers and hedges may be Whisper's guesses, so they are
    # not coached (its pace, from the words' times, still counts)
    heard = [
        replace(
            t.delivery, fillers=(), hedges=(), markers_not_counted=1,
            not_counted_s=t.delivery.speaking_time_s,
        ) if t.unheard else t.delivery
        for t in turns
    ]  # fmt: skip
    delivery = heard[0] if len(heard) == 1 else _delivery.combine(heard)
    delivery = _with_interest_hedge(delivery, findings, spans, turn_of)
    words = [tok for t in turns for tok in t.tokens]
    notes = [*notes, *_content_notes(words, turns), mode]
    for t in turns:
        notes.extend(n for n in t.notes if n not in notes)
    has_words = delivery.word_count > 0
    # an answer with no words can still be judged on its length: a voice heard for less
    # than the recap band's floor is too short for a recap whatever it said (trial 16)
    judged = has_words or any(c.status in ("done", "partial") for c in findings.checks)
    if judged and not words:
        notes = [wording.NOTES["empty_judged"] if n == wording.NOTES["empty"] else n for n in notes]
    # an answer heard over another voice is no measure of the candidate's voice
    voices = [(t.number, t.voice) for t in turns if t.voice is not None and not t.second_voice]
    left_out = [VoiceLeftOut(t.number, "second_voice") for t in turns if t.second_voice]
    # a recap in an answer that was not asked for one (a concern answer's proof) is not
    # "the recap" whose ending must sound sure
    doubts = {c.turn for c in concerns if c.turn is not None}
    recap_run = (
        _checks.find_recap(sentences, recap_turns, doubts, expected=True)
        if _checks.is_expected("recap", expects)
        else []
    )
    # no ending quoted from a turn not heard clearly: the sentence may not be what was said
    # (its pitch still counts in the variation)
    quotable = [s for s in sentences if not turn_of[s.turn].unheard]
    # a statement is checked as its move's only where the checklist shows that row
    shown = {c.key for c in findings.checks if c.status != "not_expected"}
    prosody = (
        _voice.judge(quotable, voices, recap_run, left_out, shown.__contains__)
        if (voices or left_out) and has_words
        else None
    )
    if prosody is None and has_words:
        notes.append(wording.VOICE["not_measured"])
    asked = _asked_for_time(sentences, delivery)
    coaching = (
        _coaching.coach(findings, delivery, expects, th, asked_for_time=asked) if judged else ()
    )
    coaching = _voice.add_points(coaching, prosody)
    # nor is a move never reached coached as one left out ("Recap why you fit: You did not
    # sum up what you bring" after q at the first turn)
    never = {c.key for c in findings.checks if c.detail == wording.DETAIL["not_reached"]}
    coaching = _checks.not_coached_here(coaching, {k: _checks.Credit("missing", "") for k in never})
    quiet = [t for t in turns if t.quiet]
    if quiet:
        # first when most answers were (trial 17: an ask drill heard too quietly, "Fix
        # the microphone level first" under each turn, and "1. Slow down a little" first
        # in the summary); after the fixes of the answers heard clearly when few were
        coaching = _coaching.with_mic_fix(
            coaching,
            [t.number for t in quiet if t.number is not None],
            min(t.quiet_db for t in quiet if t.quiet_db is not None),
            every=len(quiet) == len(turns) > 1,
            first=2 * len(quiet) >= len(turns),
        )
    scored_expects, given, unjudged = _as_credited(findings, expects, credited or {})
    score, parts = _scoring.score(findings, delivery, scored_expects, th, given, unjudged)
    duration = sum(t.duration_s for t in turns) or _span_s(words)
    return Analysis(
        sentences=sentences,
        checks=findings.checks,
        delivery=delivery,
        coaching=coaching,
        score=score if judged else 0,
        score_parts=parts,
        recap=findings.recap,
        expects=expects,
        duration_s=round(duration, 3),
        notes=tuple(notes),
        prosody=prosody,
        concerns=tuple(
            ConcernVerdict(c.concern, c.turn, c.topic_verdict, c.conceded) for c in concerns
        ),
    )


def _stopped_before(
    findings: _checks.Findings, asked: Sequence[Sequence[str]], unreached: Sequence[str]
) -> _checks.Findings:
    """``findings`` with each row only turns never reached asked for, and not made in the
    answers given, saying so: missing (the close is not whole), but not "no summary of
    your fit", nor unclear for a turn before it not heard clearly (trial 48)."""

    def stopped_before(c: Check) -> bool:
        return (
            c.status in ("missing", "unclear")
            and is_expected(c.key, unreached)
            and not any(is_expected(c.key, x) for x in asked)
        )

    never = {c.key for c in findings.checks if stopped_before(c)}
    if not never:
        return findings
    detail = wording.DETAIL["not_reached"]
    checks = tuple(
        replace(c, status="missing", detail=detail, evidence=()) if c.key in never else c
        for c in findings.checks
    )
    parts = findings.concern_parts
    if "concerns" in never and parts.probe == "unclear":  # the row's score follows its parts
        parts = replace(parts, probe="missing")
    return replace(findings, checks=checks, concern_parts=parts)


def _with_interest_hedge(
    delivery: Delivery,
    findings: _checks.Findings,
    spans: Sequence[Span],
    turn_of: Mapping[int | None, _Turn],
) -> Delivery:
    """``delivery`` counting the hedge the interest row names where the playbook's list
    (find_markers) does not: the checklist's 'said, but hedged ("I might")' stood beside
    Delivery's "Hedges: none" (trials 47 and 48). Not in a turn not heard clearly: its
    hedges are not counted (its row is not judged hedged either)."""
    row = next((c for c in findings.checks if c.key == "interest"), None)
    at = findings.interest_hedged_at
    if row is None or row.status != "partial" or at is None or turn_of[spans[at].turn].unheard:
        return delivery
    said = interest_hedge(spans[at].text)
    marker = _delivery.marker_of(spans[at], "hedge", said[0].split(), said[1]) if said else None
    if marker is None:
        return delivery

    def same(m: Marker) -> bool:  # (typed text has no times: the words tell)
        e, f = m.evidence, marker.evidence
        return (e.turn, e.quote, e.start_s, m.text.lower()) == (
            f.turn, f.quote, f.start_s, marker.text.lower()
        )  # fmt: skip

    if any(same(m) for m in (*delivery.hedges, *delivery.fillers)):
        return delivery
    hedges = sorted(
        (*delivery.hedges, marker),
        key=lambda m: (m.evidence.turn or 0, m.evidence.start_s or 0.0),
    )
    return replace(delivery, hedges=tuple(hedges))


def _as_credited(
    findings: _checks.Findings,
    expects: tuple[str, ...] | None,
    credited: Mapping[str, _checks.Credit],
) -> tuple[tuple[str, ...] | None, dict[str, float], dict[str, float]]:
    """The ``expects`` a turn is scored on, the share of its points each check earns in
    place of its own (``scoring.score``'s ``given``) and the share of them not judged
    (its ``unjudged``): a move an earlier answer made and this one did not (``credited``)
    is left out when made in full (also when this one made it in part), and earns what it
    earns in the closing when made in part, or not heard clearly (unclear: it neither
    costs nor earns, as the closing scores it)."""
    missing = {c.key for c in findings.checks if c.status == "missing"}
    # what this answer did not make in full (``checks.credited_here`` passes on no other)
    made = {c.key for c in findings.checks if c.status == "done"}
    done = {k for k, c in credited.items() if c.status == "done" and k not in made}
    taken = {k: c for k, c in credited.items() if k in missing and c.status != "done"}
    given = {k: c.fraction for k, c in taken.items()}
    unjudged = {k: c.unjudged for k, c in taken.items()}
    if expects is None or not done:
        return expects, given, unjudged
    # the answer to a doubt is this turn's own, whatever an earlier probe did
    own = ("concern_answer",)
    kept = tuple(e for e in expects if e in own or CHECK_FOR_EXPECT.get(e) not in done)
    return kept, given, unjudged


def _question_weigher(mode: str) -> Callable[[list[str]], list[float]] | None:
    """The sentence model's question probability for texts, when the moves were labelled
    with it (it is loaded by then); None for a rules-only run."""
    model = _concern_model(mode)
    if model is None:
        return None
    column = model.outputs.index("question")
    return lambda texts: [float(p) for p in model.probabilities(texts)[:, column]]


def _concern_model(mode: str) -> _semantic.SemanticModel | None:
    """The sentence model when the moves were labelled with it, so both agree on the mode.

    It is loaded by then, so this costs nothing; rules-only runs judge concerns by words.
    """
    return _semantic.get_model() if mode == wording.NOTES["mode_semantic"] else None


def _span_s(tokens: Sequence[Token]) -> float:
    times = [t for t in tokens if t.start_s is not None and t.end_s is not None]
    return (times[-1].end_s or 0.0) - (times[0].start_s or 0.0) if times else 0.0


def _content_notes(tokens: Sequence[Token], turns: Sequence[_Turn]) -> list[str]:
    if not tokens:
        return [wording.NOTES["empty"]]
    if all(t.delivery.word_count == 0 for t in turns):
        return [wording.NOTES["only_fillers"]]
    notes = []
    bare = [t.text.lower().strip(".,!?;:\"'") for t in tokens]
    if len(bare) >= 8 and sum(w in _ENGLISH for w in bare) < ENGLISH_MIN_SHARE * len(bare):
        notes.append(wording.NOTES["not_english"].format(language="by its words"))
    span = _span_s(tokens)
    if span > LONG_TRANSCRIPT_S or len(tokens) > LONG_TRANSCRIPT_WORDS:
        minutes = span / 60.0 if span else len(tokens) / _checks.TYPICAL_WPM
        notes.append(wording.NOTES["long"].format(minutes=minutes))
    if not any(t.start_s is not None for t in tokens):
        notes.append(wording.NOTES["no_timings"])
    return notes
