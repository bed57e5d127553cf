"""Delivery: pace, pauses, fillers and hedges, each finding with its time and quote."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from voicecoach.analysis.results import Delivery, Evidence, Marker, Pause
from voicecoach.analysis.sentences import Span, Token
from voicecoach.settings import Thresholds

_FILLERS = frozenset({"um", "umm", "uh", "uhh", "uhm", "er", "erm", "ah", "hmm", "hm", "mm"})
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


def _bare(text: str) -> str:
    return text.lower().strip(".,!?;:\"'()[]").replace("\u2019", "'")


def _comma_before(tokens: Sequence[Token], i: int) -> bool:
    return i == 0 or tokens[i - 1].text.endswith((",", ".", "?", "!", ";", ":", "-"))


def _comma_after(tokens: Sequence[Token], j: int) -> bool:
    last = tokens[j].text
    return last.endswith((",", ";", "-", "...")) or j == len(tokens) - 1


def find_markers(span: Span) -> list[Marker]:
    """Fillers and hedges in one sentence, by word and by position."""
    toks = span.tokens
    words = [_bare(t.text) for t in toks]
    out: list[Marker] = []
    i = 0
    while i < len(toks):
        two = f"{words[i]} {words[i + 1]}" if i + 1 < len(toks) else ""
        three = f"{two} {words[i + 2]}" if i + 2 < len(toks) else ""
        kind, n = _classify(toks, words, i, two, three)
        if kind:
            text = " ".join(t.text.strip(".,!?;:") for t in toks[i : i + n])
            ev = Evidence(span.text, toks[i].start_s, toks[i + n - 1].end_s, toks[i].turn)
            out.append(Marker(kind, text, ev))  # type: ignore[arg-type]
            i += n
            continue
        i += 1
    return out


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
    if w in ("like", "basically", "actually", "literally", "so", "well"):
        return _positional(toks, words, i)
    if w in _HEDGE_WORDS:
        return "hedge", 1
    if w == "just" and (i + 1 >= len(words) or words[i + 1] not in _JUST_NOT_BEFORE):
        return "hedge", 1
    return None, 0


def _positional(toks: Sequence[Token], words: list[str], i: int) -> tuple[str | None, int]:
    """'like', 'so', 'well', 'actually'... are fillers only when they stand apart."""
    w = words[i]
    nxt = words[i + 1] if i + 1 < len(words) else ""
    before = _comma_before(toks, i)
    after = _comma_after(toks, i) or nxt in _FILLERS
    if w in ("basically", "literally"):
        return "filler", 1
    if w in ("so", "well"):
        # Sentence-initial "So," / "Well, um": a verbal run-up, not a connective.
        first = all(x in _FILLERS for x in words[:i])
        if first and (toks[i].text.endswith(",") or nxt in _FILLERS or nxt in ("yeah", "like")):
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
    regions: Sequence[tuple[float, float]], thresholds: Thresholds
) -> tuple[Pause, ...]:
    pauses = []
    for (_, end), (start, _) in itertools.pairwise(regions):
        gap = start - end
        if gap >= thresholds.pause_count_s:
            pauses.append(Pause(round(end, 3), round(start, 3), gap >= thresholds.pause_flag_s))
    return tuple(pauses)


def measure(
    spans: Sequence[Span],
    tokens: Sequence[Token],
    *,
    speech_regions: Sequence[tuple[float, float]] | None,
    thresholds: Thresholds,
) -> tuple[Delivery, list[str]]:
    """Delivery for one recording (one turn); also returns notes on how it was measured."""
    notes: list[str] = []
    word_count = sum(1 for t in tokens if _bare(t.text) and _bare(t.text) not in _FILLERS)
    timed = speaking_regions(tokens, thresholds.hesitation_s)
    if speech_regions:
        regions = [(float(a), float(b)) for a, b in speech_regions]
    else:
        regions = timed
        if timed:
            notes.append("pauses and pace from word timings (no voice-activity regions given)")
    speaking_s = sum(b - a for a, b in regions)
    wpm = round(word_count / speaking_s * 60.0, 1) if speaking_s > 0 and word_count else None
    markers = [m for span in spans for m in find_markers(span)]
    return (
        Delivery(
            speaking_time_s=round(speaking_s, 3),
            word_count=word_count,
            wpm=wpm,
            pauses=find_pauses(regions, thresholds),
            fillers=tuple(m for m in markers if m.kind == "filler"),
            hedges=tuple(m for m in markers if m.kind == "hedge"),
            speech_regions=tuple((round(a, 3), round(b, 3)) for a, b in regions),
        ),
        notes,
    )


def combine(parts: Sequence[Delivery]) -> Delivery:
    """Delivery over several turns: sums and concatenations (times stay per turn)."""
    speaking = sum(d.speaking_time_s for d in parts)
    words = sum(d.word_count for d in parts)
    return Delivery(
        speaking_time_s=round(speaking, 3),
        word_count=words,
        wpm=round(words / speaking * 60.0, 1) if speaking > 0 and words else None,
        pauses=tuple(p for d in parts for p in d.pauses),
        fillers=tuple(m for d in parts for m in d.fillers),
        hedges=tuple(m for d in parts for m in d.hedges),
        speech_regions=tuple(r for d in parts for r in d.speech_regions),
    )
