"""Delivery: pace, pauses, fillers and hedges, each finding with its time and quote.

Pace comes as two rates: the speaking rate over the whole answer (first word to last,
pauses included), which is what a listener hears and what the 120-165 wpm bands describe,
and the articulation rate over voiced time only (``wpm``). Both also in syllables per
second, which swing less with word length than words do.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from voicecoach.analysis import syllables
from voicecoach.analysis.openers import asks_for_time
from voicecoach.analysis.results import Delivery, Evidence, Marker, Pause
from voicecoach.analysis.sentences import Span, Token
from voicecoach.settings import Thresholds

# Pace is judged only on this much speech, and this many words: a short answer's rate
# swings with a few long or short words and with how tightly its speech was trimmed (the
# strong sample's 9 s, 31-word ask read as 199 wpm while the whole close ran at 156).
MIN_SPEECH_S_FOR_PACE = 15.0
MIN_WORDS_FOR_PACE = 40
# Syllables per word in the labelled closing sentences (tests/data/moves, 6,400 words:
# 1.39): turns the words-per-minute band into a syllables-per-second band, which is the
# one judged, since a run of short words reads fast in words and long ones slow.
SYLLABLES_PER_WORD = 1.4

_FILLERS = frozenset({"um", "umm", "uh", "uhh", "uhm", "er", "erm", "ah", "hmm", "hm", "mm"})
# Whisper now and then writes one filler twice: "Um, um." with the second starting where the
# first ends and lasting 0-20 ms (trial 5, stop 31). Nobody says a filler that fast, so a
# repeat this short and this close is counted once.
ECHO_WORD_S = 0.05
ECHO_GAP_S = 0.05
# A word that is a filler only by where it stands ("Well,", "So,", "like"), timed this
# short or shorter and that Whisper was not sure of, was not said as one: Whisper wrote it
# over the start of another word (trial 53: "What are the next steps?" heard as "Well,
# turn the next steps?" in two sessions and "Well, on the next steps." in a third, each
# "Well" 0-100 ms long at probability 0.21-0.63, read "Fillers: 1 (well)"). Whisper also
# times a word it is sure of this short: the same trial's "so" in "..., so I explain",
# 20-60 ms at 0.96-0.97, was said.
INVENTED_WORD_S = 0.1
INVENTED_WORD_PROBABILITY = 0.8
_BY_POSITION = frozenset({"like", "basically", "actually", "literally", "so", "well"})
# Two-word markers first, so "kind of" is not read as "kind" + "of".
_PHRASES = ("you know", "i mean", "kind of", "sort of", "i guess", "i feel like", "i suppose")
_DETERMINERS = frozenset(
    {
        "a",
        "an",
        "the",
        "this",
        "that",
        "what",
        "which",
        "any",
        "some",
        "every",
        "one",
        "same",
        "each",
        "these",
        "those",
        "your",
        "my",
        "our",
        "their",
        "its",
        "his",
        "her",
        "all",
        "no",
        "other",
        "another",
        "right",
        "different",
        "certain",
    }
)
# "I mean it", "you know that": the phrase has an object and is not a filler.
_MEANT = frozenset({"it", "that", "this", "to", "what", "business", "well", "the", "him", "her"})
_HEDGE_WORDS = frozenset({"hopefully", "probably", "maybe", "perhaps"})
# "just" as a minimiser, not "just as", "just now", "just in time".
_JUST_NOT_BEFORE = frozenset({"as", "now", "in", "like", "then", "about", "because"})
# Before a request "just" narrows the ask ("just one more question", "just a quick
# question", "just to check"), it does not play down a claim ("I just think I could"). A
# count alone is no request: "I have just two years of experience" plays it down.
_JUST_REQUEST = re.compile(
    r"^(?:(?:one|two|three|a couple of|a few) (?:more |quick |last |small )*"
    r"(?:things?|questions?|points?|notes?|follow-ups?)"
    r"|a (?:quick|brief|short|small|last) (?:question|thing|point|note|follow-up|check)"
    r"|an? (?:second|moment|minute)"
    r"|(?:quickly|briefly)"
    r"|to (?:check|confirm|clarify|ask|add|say|follow up|make sure|be clear|recap))\b"
)


def _bare(text: str) -> str:
    return text.lower().strip(".,!?;:\"'()[]").replace("\u2019", "'")


def _comma_before(tokens: Sequence[Token], i: int) -> bool:
    return i == 0 or tokens[i - 1].text.endswith((",", ".", "?", "!", ";", ":", "-"))


def _comma_after(tokens: Sequence[Token], j: int) -> bool:
    last = tokens[j].text
    return last.endswith((",", ";", "-", "...")) or j == len(tokens) - 1


def find_markers(span: Span, previous: Token | None = None) -> list[Marker]:
    """Fillers and hedges in one sentence, by word and by position. ``previous``: the word
    before the sentence, for a filler Whisper wrote twice across a full stop ("Um. Um.")."""
    toks = span.tokens
    words = [_bare(t.text) for t in toks]
    out: list[Marker] = []
    i = 0
    while i < len(toks):
        two = f"{words[i]} {words[i + 1]}" if i + 1 < len(toks) else ""
        three = f"{two} {words[i + 2]}" if i + 2 < len(toks) else ""
        kind, n = _classify(toks, words, i, two, three)
        if kind == "filler" and (_echoed(toks, words, i, previous) or _invented(toks, words, i)):
            i += 1
            continue
        if kind:
            text = " ".join(t.text.strip(".,!?;:") for t in toks[i : i + n])
            ev = Evidence(span.text, toks[i].start_s, toks[i + n - 1].end_s, toks[i].turn)
            out.append(Marker(kind, text, ev))  # type: ignore[arg-type]
            i += n
            continue
        i += 1
    return out


def marker_of(span: Span, kind: str, words: Sequence[str], at: int) -> Marker | None:
    """The marker said as ``words`` (normalised) from word ``at`` of the span's normalised
    words (:func:`~voicecoach.analysis.lexicon.said_at`), with its time; None when the
    span does not say it."""
    from voicecoach.analysis.lexicon import said_at

    found = said_at([t.text for t in span.tokens], words, at)
    if found is None:
        return None
    toks = span.tokens[found[0] : found[1] + 1]
    text = " ".join(t.text.strip(".,!?;:") for t in toks)
    ev = Evidence(span.text, toks[0].start_s, toks[-1].end_s, toks[0].turn)
    return Marker(kind, text, ev)  # type: ignore[arg-type]


def _invented(toks: Sequence[Token], words: list[str], i: int) -> bool:
    """Is word ``i``, a filler only by where it stands, one Whisper wrote that was not said:
    too short, and unsure (:data:`INVENTED_WORD_S`)?"""
    t = toks[i]
    return (
        words[i] in _BY_POSITION and t.start_s is not None and t.end_s is not None
        and t.end_s - t.start_s <= INVENTED_WORD_S + 1e-9
        and t.probability is not None and t.probability < INVENTED_WORD_PROBABILITY
    )  # fmt: skip


def _echoed(toks: Sequence[Token], words: list[str], i: int, previous: Token | None) -> bool:
    """Is word ``i`` Whisper writing the filler before it a second time (:data:`ECHO_WORD_S`)?
    The word before the first is ``previous`` (the sentence before's last)."""
    before = toks[i - 1] if i else previous
    if before is None or words[i] != _bare(before.text):
        return False
    this = toks[i]
    if this.start_s is None or this.end_s is None or before.end_s is None:
        return False
    return this.end_s - this.start_s < ECHO_WORD_S and this.start_s - before.end_s < ECHO_GAP_S


def _classify(
    toks: Sequence[Token], words: list[str], i: int, two: str, three: str
) -> tuple[str | None, int]:
    w = words[i]
    prev = words[i - 1] if i else ""
    isolated = _comma_before(toks, i)
    if w in _FILLERS:
        return "filler", 1
    if three == "i think maybe":
        return "hedge", 3
    if three == "i feel like":
        return "hedge", 3
    if two in ("i guess", "i suppose"):
        return "hedge", 2
    if two in ("kind of", "sort of"):
        if prev in _DETERMINERS:
            return None, 0
        return ("filler" if isolated and _comma_after(toks, i + 1) else "hedge"), 2
    if two in ("you know", "i mean"):
        after = words[i + 2] if i + 2 < len(words) else ""
        if _comma_after(toks, i + 1) or after in _FILLERS or (isolated and after not in _MEANT):
            return "filler", 2
        return None, 0
    if w in _BY_POSITION:
        return _positional(toks, words, i)
    if w in _HEDGE_WORDS:
        return "hedge", 1
    if w == "just" and not _just_narrows(words, i):
        return "hedge", 1
    return None, 0


def _just_narrows(words: list[str], i: int) -> bool:
    """Is the "just" at ``i`` not a hedge: "just as", or before a request?"""
    nxt = words[i + 1] if i + 1 < len(words) else ""
    return nxt in _JUST_NOT_BEFORE or bool(_JUST_REQUEST.match(" ".join(words[i + 1 : i + 6])))


# After a sentence's first "so" or "well", words that make it a run-up too ("So, you know,",
# "So, basically,", "So, so, I think": review)
_RUN_UP_NEXT = frozenset({"so", "well", "basically", "actually", "literally"})
_MARKER_PAIRS = frozenset({"you know", "i mean", "kind of", "sort of"})


def _two_after(words: list[str], i: int) -> str:
    return " ".join(words[i + 1 : i + 3])


def _positional(toks: Sequence[Token], words: list[str], i: int) -> tuple[str | None, int]:
    """'like', 'so', 'well', 'actually'... are fillers only when they stand apart."""
    w = words[i]
    nxt = words[i + 1] if i + 1 < len(words) else ""
    before = _comma_before(toks, i)
    after = _comma_after(toks, i) or nxt in _FILLERS
    if w in ("basically", "literally"):
        return "filler", 1
    if w in ("so", "well"):
        # Sentence-initial "Well," / "So, um" / "Um, so,": a verbal run-up, not a connective.
        # "So," alone before a clause leads to what follows ("So, I would grow into it",
        # "So, what happens next?"): Whisper's comma after it says nothing (trial 21 read
        # "Fillers: 1 (so)" for those).
        # Set off by its comma, "so" is one when another marker follows ("So, you know,",
        # "So, basically,"; "So you know where to find me" leads on: second review).
        first = all(x in _FILLERS for x in words[:i])
        comma = toks[i].text.endswith(",")
        marker_next = nxt in _RUN_UP_NEXT or _two_after(words, i) in _MARKER_PAIRS
        if first and (nxt in _FILLERS or nxt in ("yeah", "like")):
            return "filler", 1
        if first and comma and (marker_next or w == "well" or i > 0):
            return "filler", 1
        if w == "so" and nxt == "yeah":
            return "filler", 1
        return None, 0
    if before and after:
        return "filler", 1
    if w == "like" and (
        i == 0
        or words[i - 1] in _FILLERS
        or (after and words[i - 1] in ("was", "is", "it's", "just", "and", "but"))
    ):
        return "filler", 1
    if w == "actually" and i == 0 and toks[i].text.endswith(","):
        return "filler", 1
    return None, 0


def speaking_regions(tokens: Sequence[Token], hesitation_s: float) -> list[tuple[float, float]]:
    """Word timings merged across gaps shorter than a hesitation: the voiced stretches."""
    regions: list[tuple[float, float]] = []
    for t in tokens:
        if t.start_s is None or t.end_s is None:
            continue
        if regions and t.start_s - regions[-1][1] < hesitation_s:
            regions[-1] = (regions[-1][0], max(regions[-1][1], t.end_s))
        else:
            regions.append((t.start_s, t.end_s))
    return regions


def find_pauses(
    regions: Sequence[tuple[float, float]],
    thresholds: Thresholds,
    tokens: Sequence[Token] = (),
) -> tuple[Pause, ...]:
    """The silences between ``regions`` of at least ``pause_count_s``; ``long`` (flagged)
    from ``pause_flag_s``, unless the words just before it (``tokens``) asked for it
    ("Let me think.": :func:`~voicecoach.analysis.openers.asks_for_time`)."""
    pauses = []
    for (_, end), (start, _) in itertools.pairwise(regions):
        gap = start - end
        if gap >= thresholds.pause_count_s:
            # an announced pause is excused up to the rehearsal's own last-resort wait
            excused = gap < thresholds.end_silence_s and _announced(end, tokens)
            flag = gap >= thresholds.pause_flag_s and not excused
            pauses.append(Pause(round(end, 3), round(start, 3), flag))
    return tuple(pauses)


# The voice-activity region of a word can end a little after Whisper's end of it.
_WORD_TO_REGION_S = 0.5
_ANNOUNCE_WORDS = 12  # the words before a pause read for an announcement (its sentence)


def words_before(pause_start_s: float, tokens: Sequence[Token]) -> list[Token]:
    """The timed words said before a pause that starts at ``pause_start_s`` (a region's
    end: a word may end up to _WORD_TO_REGION_S past it)."""
    return [
        t
        for t in tokens
        if t.start_s is not None
        and t.end_s is not None
        and t.start_s < pause_start_s
        and t.end_s <= pause_start_s + _WORD_TO_REGION_S
    ]


def _announced(pause_start_s: float, tokens: Sequence[Token]) -> bool:
    """Did the words just before this pause end by asking for a moment ("..., let me
    think.")? Not when the answer went on after them ("Good question. I'd say the")."""
    before = [t.text for t in words_before(pause_start_s, tokens)][-_ANNOUNCE_WORDS:]
    return asks_for_time(" ".join(before))


def answer_bounds(
    tokens: Sequence[Token], regions: Sequence[tuple[float, float]] | None
) -> tuple[float, float] | None:
    """First word's start and last word's end; None without timings.

    Trimmed to the voice-activity regions when given: Whisper sometimes starts the first
    word at 0.0 before the voice does, and the VAD can catch a breath before the first word.
    """
    timed = [t for t in tokens if t.start_s is not None and t.end_s is not None]
    if not timed:
        return None
    start, end = timed[0].start_s or 0.0, max(t.end_s or 0.0 for t in timed)
    if regions:
        clipped = (max(start, regions[0][0]), min(end, regions[-1][1]))
        if clipped[1] > clipped[0]:
            start, end = clipped
    return (start, end) if end > start else None


# The voice may run past the words Whisper wrote by this much (VAD padding, word timing)
# before an answer's length is the voice's rather than its words' (answer_length_s).
WORDS_LEFT_OUT_S = 1.0


def answer_length_s(
    span_s: float | None, regions: Sequence[tuple[float, float]] | None
) -> float | None:
    """An answer's length, one figure for every view of it: first word to last, pauses
    included (``span_s``, the pace's span: :func:`answer_bounds`), or the voice's from
    its first sound to its last (``regions``) when Whisper wrote no words or left more
    than WORDS_LEFT_OUT_S of it out (a trial: "1.9 s answer", "the whole answer took 2 s"
    and "0:01.8 long" on one screen; a review: 24 s of mumbling Whisper wrote 2 s of)."""
    heard = regions[-1][1] - regions[0][0] if regions else None
    if span_s is None or (heard is not None and heard - span_s > WORDS_LEFT_OUT_S):
        return heard
    return span_s


def answer_span(
    tokens: Sequence[Token], regions: Sequence[tuple[float, float]] | None
) -> float | None:
    """The answer's length, first word to last, pauses included (:func:`answer_bounds`)."""
    bounds = answer_bounds(tokens, regions)
    return bounds[1] - bounds[0] if bounds else None


def speech_within(
    regions: Sequence[tuple[float, float]], bounds: tuple[float, float] | None
) -> float:
    """Seconds of ``regions`` inside ``bounds`` (all of them without bounds). The VAD pads
    its regions past the first and last word, so unclipped the speech could outlast the
    answer it is part of (a trial: 7.9 s of speech in a 7.8 s answer)."""
    if bounds is None:
        return sum(b - a for a, b in regions)
    lo, hi = bounds
    return sum(max(0.0, min(b, hi) - max(a, lo)) for a, b in regions)


def _per_minute(count: int, seconds: float | None) -> float | None:
    return round(count / seconds * 60.0, 1) if seconds and count else None


def _per_second(count: int, seconds: float | None) -> float | None:
    return round(count / seconds, 2) if seconds and count else None


def measure(
    spans: Sequence[Span],
    tokens: Sequence[Token],
    *,
    speech_regions: Sequence[tuple[float, float]] | None,
    thresholds: Thresholds,
) -> tuple[Delivery, list[str]]:
    """Delivery for one recording (one turn); also returns notes on how it was measured."""
    notes: list[str] = []
    counted = [t for t in tokens if _bare(t.text) and _bare(t.text) not in _FILLERS]
    word_count = len(counted)
    syllable_count = sum(syllables.count_word(t.text) for t in counted)
    timed = speaking_regions(tokens, thresholds.hesitation_s)
    if speech_regions:
        regions = [(float(a), float(b)) for a, b in speech_regions]
    else:
        regions = timed
        if timed:
            notes.append("pauses and pace from word timings (no voice-activity regions given)")
    bounds = answer_bounds(tokens, regions)
    span_s = bounds[1] - bounds[0] if bounds else None
    speaking_s = speech_within(regions, bounds)
    markers: list[Marker] = []
    previous: Token | None = None  # the last word of the sentence before
    for span in spans:
        markers.extend(find_markers(span, previous))
        previous = span.tokens[-1] if span.tokens else previous
    pauses = find_pauses(regions, thresholds, tokens)
    # a pause asked for is not flagged, nor does it slow the pace (trial 21: "Let me think
    # about that." and 5 s of thought, not flagged, then "Pick up the pace" for it)
    asked_s = sum(p.duration_s for p in pauses if p.duration_s >= thresholds.pause_flag_s
                  and not p.long)  # fmt: skip
    paced_s = span_s - asked_s if span_s is not None else None
    return (
        Delivery(
            speaking_time_s=round(speaking_s, 3),
            word_count=word_count,
            wpm=_per_minute(word_count, speaking_s),
            pauses=pauses,
            fillers=tuple(m for m in markers if m.kind == "filler"),
            hedges=tuple(m for m in markers if m.kind == "hedge"),
            speech_regions=tuple((round(a, 3), round(b, 3)) for a, b in regions),
            answer_span_s=round(span_s, 3) if span_s is not None else None,
            speaking_rate_wpm=_per_minute(word_count, paced_s),
            syllable_count=syllable_count,
            speaking_rate_sps=_per_second(syllable_count, paced_s),
            articulation_rate_sps=_per_second(syllable_count, speaking_s),
            asked_pause_s=round(asked_s, 3),
        ),
        notes,
    )


def combine(parts: Sequence[Delivery]) -> Delivery:
    """Delivery over several turns: sums and concatenations (times stay per turn).

    The rates are over the summed times, so on steady speech they equal each turn's.
    """
    speaking = sum(d.speaking_time_s for d in parts)
    words = sum(d.word_count for d in parts)
    syllable_count = sum(d.syllable_count for d in parts)
    spans = [d.answer_span_s for d in parts if d.answer_span_s is not None]
    span_s = sum(spans) if spans else None
    asked_s = sum(d.asked_pause_s for d in parts if d.answer_span_s is not None)
    paced_s = span_s - asked_s if span_s is not None else None
    span_words = sum(d.word_count for d in parts if d.answer_span_s is not None)
    span_syllables = sum(d.syllable_count for d in parts if d.answer_span_s is not None)
    return Delivery(
        speaking_time_s=round(speaking, 3),
        word_count=words,
        wpm=_per_minute(words, speaking),
        pauses=tuple(p for d in parts for p in d.pauses),
        fillers=tuple(m for d in parts for m in d.fillers),
        hedges=tuple(m for d in parts for m in d.hedges),
        markers_not_counted=sum(d.markers_not_counted for d in parts),
        not_counted_s=round(sum(d.not_counted_s for d in parts), 3),
        speech_regions=tuple(r for d in parts for r in d.speech_regions),
        answer_span_s=round(span_s, 3) if span_s is not None else None,
        speaking_rate_wpm=_per_minute(span_words, paced_s),
        syllable_count=syllable_count,
        speaking_rate_sps=_per_second(span_syllables, paced_s),
        articulation_rate_sps=_per_second(syllable_count, speaking),
        asked_pause_s=round(asked_s, 3),
    )


def pace_band_sps(th: Thresholds) -> tuple[float, float]:
    """The conversational band in syllables per second (from the words-per-minute band)."""
    return (th.wpm_low * SYLLABLES_PER_WORD / 60.0, th.wpm_high * SYLLABLES_PER_WORD / 60.0)


def pace_too_short(d: Delivery) -> bool:
    """Too little speech, or too few words, for a pace that means something (whatever
    rates were stored: sessions analysed before the speaking rate existed have none, and
    were not too short for it)."""
    return d.speaking_time_s < MIN_SPEECH_S_FOR_PACE or d.word_count < MIN_WORDS_FOR_PACE


def pace_judged(d: Delivery) -> bool:
    """Enough speech, and words, for a speaking rate that means something."""
    return (
        d.speaking_rate_sps is not None
        and d.speaking_time_s >= MIN_SPEECH_S_FOR_PACE
        and d.word_count >= MIN_WORDS_FOR_PACE
    )


def _past_band(d: Delivery, th: Thresholds) -> str | None:
    """ "fast" or "slow" where the syllables a second lie past their band, else None."""
    if not pace_judged(d) or d.speaking_rate_sps is None:
        return None
    low, high = pace_band_sps(th)
    if d.speaking_rate_sps > high:
        return "fast"
    if d.speaking_rate_sps < low:
        return "slow"
    return None


def pace_on_edge(d: Delivery, th: Thresholds) -> bool:
    """Past the band in syllables, but only just (``th.pace_edge_fraction``), while the
    words a minute lie inside theirs: the screen shows the pace in words a minute, and a
    pace inside that band by one measure and just past it by the other is on its edge."""
    past = _past_band(d, th)
    wpm = d.speaking_rate_wpm
    if past is None or d.speaking_rate_sps is None or wpm is None:
        return False
    if not th.wpm_low <= wpm <= th.wpm_high:
        return False
    low, high = pace_band_sps(th)
    if past == "fast":
        return d.speaking_rate_sps <= high * (1.0 + th.pace_edge_fraction)
    return d.speaking_rate_sps >= low * (1.0 - th.pace_edge_fraction)


def pace_verdict(d: Delivery, th: Thresholds) -> str | None:
    """ "fast", "slow" or None (in the band, on its edge, or too little speech to say).

    Judged in syllables, so that long words said fast are coached though the words a
    minute look fine (trial 20), except on the band's edge (``pace_on_edge``: live trial
    51, L2, "Slow down a little" came first on the two best closes, at 3.9 syllables a
    second and 163 words a minute). The review of stop 52 (M3) found the edge without a
    bound let 6.2 syllables a second at 130 words a minute pass as steady."""
    return None if pace_on_edge(d, th) else _past_band(d, th)
