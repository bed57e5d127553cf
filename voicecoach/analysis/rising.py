"""Questions the voice asked: a sentence Whisper wrote as a statement whose voice rose at
the end is read as the question it was.

Speakers ask in statement order and let the pitch do the asking ("Something in my
experience is not enough for you?", "You are hiring two more analysts next year?"), and
Whisper often writes such a sentence with a full stop. The
words alone cannot tell it from a statement; the voice can. A sentence that did not end
in "?", was not read as a question, and ends rising (:func:`~.prosody.uptalk`, the measure
the uptalk coaching uses) is labelled again with the question mark, and keeps those labels
when they make it a question.

The rise alone is not enough: people also end statements rising (uptalk, a "more to come"
rise), and with a "?" added the labels make almost any sentence a question (a review
found 91% of the labelled non-questions would be). So the words must also lean that way:
the sentence model's question probability for the sentence as written, without the
mark, is at least :data:`MIN_QUESTION_PROBABILITY`, or the sentence states a fact about
the company, as a question asked in statement order checks one ("I read that the team is
moving to a new platform next year?", "You moved the planning team to the cloud last
fall?": :func:`~.research.checks_a_fact`); the model gives those 0.000-0.077, and a live
trial lost 3 of 6 such questions said rising to the gate alone. Never a question this way: a recap,
a statement of interest or thanks (said rising, that is the uptalk the voice coaching
points out), an ask made as a request ("Kindly let me know about the next round."), an
announcement ("I have two questions."), or a rules-only analysis (no model to weigh the
words). The voice adds the question and nothing else: a move the "?" reading finds that
the words did not make (a hedge read as a concerns probe) is not credited.

Measured on the tuning closings voiced by espeak-ng (which rises on a "?"): 6 of some 150
sentences without a question ended rising; 4 were questions the closing asked, 2 recaps.
Festival's slt voice ends its questions level. Stop 28's rule (a 3 st rise at the end,
words kept out by lists) lost checks on the blind closings; this one gained 3 there and 2
on the confirmation closings through espeak-ng, and moved nothing through slt
(tests/data/moves/README.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from voicecoach.analysis.announced import announced_count
from voicecoach.analysis.lexicon import normalise
from voicecoach.analysis.prosody import Voice, uptalk
from voicecoach.analysis.research import checks_a_fact
from voicecoach.analysis.rules import Labels
from voicecoach.analysis.sentences import Span

# Moves whose statements must sound sure: ending rising, they are uptalk, not questions;
# and thanks, which nobody asks.
STATEMENT_MOVES = frozenset({"recap", "interest", "thanks"})
# The sentence model's question probability, for the sentence without its "?", that a
# rising end needs beside it. On the training sentences (batches and dev set) with their
# marks stripped, the share of the statements the rule could reach that pass, and of the
# questions the labels miss without their "?": 0.05: 7.6% and 93%; 0.1: 3.3% and 89%;
# 0.2: 0.9% and 83%. 0.2 was tried first, for precision; a live trial's declarative
# questions ("You are hiring two more analysts next year?") scored 0.005-0.785, 6 of 8
# under 0.2 and 4 under 0.1. Blind set H said rising by espeak-ng, as an uptalker says
# every sentence: 2 of 211 statements made questions at 0.1 and at 0.2, 6 at 0.05.
# Scoring the closings, 0.05, 0.1 and 0.2 were alike.
MIN_QUESTION_PROBABILITY = 0.1

# An ask made as a request, not a question: the imperative ("Please...", "Kindly...", "Do
# consider me...", "Let's...") or "I would ask that..."; said rising, it is uptalk.
_REQUEST = re.compile(
    r"^(?:(?:so|and|well|okay|ok),? )*(?:please|kindly|let us|let's|"
    r"do (?!you|we|they|i|he|she|it|these|those|the|that|this)\w+|"
    r"i (?:would|will) (?:ask|request|urge)|i ask)\b"
)

# Whisper's last word often ends before the voice does, and a question's rise peaks at
# the very end: a live trial's "...in Denver last spring?" read "no" up to the word's end
# and rose 4.2-4.7 st to the end of the voice, 0.07-0.15 s later (3 of 10 plays missed).
# The sentence's voice is read this far past its last word (never into the next one;
# silence after it does no harm to the measure).
VOICE_AFTER_WORD_S = 0.3

Relabel = Callable[[list[str]], list[Labels]]
Weigh = Callable[[list[str]], list[float]]  # each text's question probability


def asked_by_voice(
    spans: Sequence[Span],
    labels: Sequence[Labels],
    voices: Mapping[int | None, Voice],
    relabel: Relabel,
    question_probability: Weigh | None,
) -> tuple[list[Labels], frozenset[int]]:
    """``labels`` with each sentence the voice asked read as a question, and the indices of
    those sentences. ``voices``: each turn's voice, by turn number (a turn heard over
    another voice left out: its pitch is not the candidate's). ``relabel``: labels the
    texts (all the spans, as the first labelling did, so each turn's punctuation is read as
    before). ``question_probability``: the sentence model's, for texts as written; None
    (rules only) asks nothing by voice."""
    if question_probability is None:
        return list(labels), frozenset()
    rising = [
        i for i, (span, lab) in enumerate(zip(spans, labels, strict=True))
        if _may_ask(span, lab) and _ends_rising(span, _heard_to(spans, i), voices.get(span.turn))
    ]  # fmt: skip
    weights = question_probability([spans[i].text for i in rising]) if rising else []
    rising = [
        i for i, p in zip(rising, weights, strict=True)
        if p >= MIN_QUESTION_PROBABILITY or checks_a_fact(spans[i].text)
    ]  # fmt: skip
    if not rising:
        return list(labels), frozenset()
    texts = [as_asked(s.text) if i in rising else s.text for i, s in enumerate(spans)]
    again = relabel(texts)
    out, asked = list(labels), set()
    for i in rising:
        if "question" in again[i].moves and not (again[i].moves | again[i].unclear) & (
            STATEMENT_MOVES
        ):
            # what the sentence did as written, it still did ("So, you will choose me?"),
            # and the voice adds only the question: what else the '?' reading finds (a
            # hedge read as a concerns probe, a remark as an ask) the words did not do
            out[i] = replace(
                labels[i],
                moves=labels[i].moves | {"question"} | (again[i].moves & labels[i].unclear),
                question_form=again[i].question_form,
                unclear=labels[i].unclear & again[i].unclear,
            )
            asked.add(i)
    return out, frozenset(asked)


def is_request(text: str) -> bool:
    """Is ``text`` made as a request ("Please...", "Kindly...", "Do consider me...",
    "Let's...", "I would ask that...")? Said rising, a request is uptalk, not a question."""
    return bool(_REQUEST.match(normalise(text)))


def as_asked(text: str) -> str:
    """``text`` ending in a question mark instead of its last stop."""
    return text.rstrip().rstrip(".!,;:\u2026 ") + "?"


def _may_ask(span: Span, lab: Labels) -> bool:
    return (
        span.start_s is not None
        and span.end_s is not None
        and not span.text.rstrip().endswith("?")
        and "question" not in lab.moves
        and not (lab.moves | lab.unclear) & STATEMENT_MOVES
        and not announced_count(span.text)
        and not ("ask_for_job" in lab.moves and is_request(span.text))
    )


def _heard_to(spans: Sequence[Span], i: int) -> float | None:
    """Where the voice of sentence ``i`` may still be heard: :data:`VOICE_AFTER_WORD_S`
    past its last word's end, but not into the next sentence of its turn."""
    end = spans[i].end_s
    if end is None:
        return None
    later = spans[i + 1] if i + 1 < len(spans) else None
    limit = end + VOICE_AFTER_WORD_S
    if later is not None and later.turn == spans[i].turn and later.start_s is not None:
        limit = min(limit, max(end, later.start_s))
    return limit


def _ends_rising(span: Span, heard_to: float | None, voice: Voice | None) -> bool:
    if voice is None or span.start_s is None or heard_to is None:
        return False
    return uptalk(voice.track, span.start_s, heard_to).verdict == "yes"
