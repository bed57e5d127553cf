"""Questions the voice asked: a sentence Whisper wrote as a statement whose voice rose at
the end is read as the question it was.

Speakers ask in statement order and let the pitch do the asking ("Something in my
experience is not enough for you?", "I read that the lab is moving to automated sample
handling next year?"), and Whisper often writes such a sentence with a full stop. The
words alone cannot tell it from a statement; the voice can. A sentence that did not end
in "?", was not read as a question, and ends rising (:func:`~.prosody.uptalk`, the measure
the uptalk coaching uses) is labelled again with the question mark, and keeps those labels
when they make it a question.

A recap or a statement of interest that ends rising stays a statement: that is the uptalk
the voice coaching points out, not a question. A rising tag ("Okay, sure?", "Makes
sense?") is no question of the close with its mark either: the labels say so.

Measured on the tuning closings voiced by espeak-ng (which rises on a "?"): 6 of some 150
sentences without a question ended rising; 4 were questions the closing asked, 2 recaps.
Festival's slt voice ends its questions level and rose on 3 statements of interest or
recap. Stop 28's rule (a 3 st rise at the end, words kept out by lists) lost checks on
the blind closings; this one, with the uptalk measure's stricter end (at or over the
sentence's median) and the labels deciding, gained 3 there (tests/data/moves/README.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from voicecoach.analysis.prosody import Voice, uptalk
from voicecoach.analysis.rules import Labels
from voicecoach.analysis.sentences import Span

# Moves whose statements must sound sure: ending rising, they are uptalk, not questions.
STATEMENT_MOVES = frozenset({"recap", "interest"})

Relabel = Callable[[list[str]], list[Labels]]


def asked_by_voice(
    spans: Sequence[Span],
    labels: Sequence[Labels],
    voices: Mapping[int | None, Voice],
    relabel: Relabel,
) -> tuple[list[Labels], frozenset[int]]:
    """``labels`` with each sentence the voice asked read as a question, and the indices of
    those sentences. ``voices``: each turn's voice, by turn number (a turn heard over
    another voice left out: its pitch is not the candidate's). ``relabel``: labels the
    texts (all the spans, as the first labelling did, so each turn's punctuation is read as
    before)."""
    rising = [
        i for i, (span, lab) in enumerate(zip(spans, labels, strict=True))
        if _may_ask(span, lab) and _ends_rising(span, voices.get(span.turn))
    ]  # fmt: skip
    if not rising:
        return list(labels), frozenset()
    texts = [as_asked(s.text) if i in rising else s.text for i, s in enumerate(spans)]
    again = relabel(texts)
    out, asked = list(labels), set()
    for i in rising:
        if "question" in again[i].moves and not again[i].moves & STATEMENT_MOVES:
            out[i] = again[i]
            asked.add(i)
    return out, frozenset(asked)


def as_asked(text: str) -> str:
    """``text`` ending in a question mark instead of its last stop."""
    return text.rstrip().rstrip(".!,;:") + "?"


def _may_ask(span: Span, lab: Labels) -> bool:
    return (
        span.start_s is not None
        and span.end_s is not None
        and not span.text.rstrip().endswith("?")
        and "question" not in lab.moves
        and not (lab.moves | lab.unclear) & STATEMENT_MOVES
    )


def _ends_rising(span: Span, voice: Voice | None) -> bool:
    if voice is None or span.start_s is None or span.end_s is None:
        return False
    return uptalk(voice.track, span.start_s, span.end_s).verdict == "yes"
