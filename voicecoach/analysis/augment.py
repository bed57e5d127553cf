"""Training-time augmentation toward spoken and recognised text.

Whisper's transcripts lose case and punctuation, end questions with a period or nothing,
keep fillers and false starts, spell "want to" as "wanna" and run two sentences into one.
The register batches are mostly written text, so the verdict model learned to lean on
``?`` and capitals. :func:`augment` makes, from each labelled training sentence, one
variant as a recogniser might give it, and from some pairs of sentences of the same file
one merged run-on (its moves are the union). Labels are kept only where the change cannot
alter them: a question loses its ``?`` only when its words still make it a question, and
no merge joins two questions of different forms.

Deterministic: each sentence's variant depends only on its text and :data:`SEED`, so the
same sentence gets the same variant in every training run (leave-one-batch-out folds
share one embedding cache). Applied to training data only, never to a scored set.
Pure Python (no numpy).
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Sequence

from voicecoach.analysis import rules
from voicecoach.analysis.evaluate import Example

SEED = 11
MERGE_SHARE = 0.25  # merged run-ons per sentence of a file (fixed a priori, not tuned)
# Chances, each drawn independently per sentence (fixed a priori from how Whisper writes).
P_LOWER = 0.6  # lower-case everything
P_NO_COMMAS = 0.5  # drop every comma
P_END_DROP, P_END_PERIOD = 0.4, 0.3  # final mark dropped / replaced by "."; else kept
P_FILLER = 0.4  # one or two fillers inserted
P_FALSE_START = 0.2  # first words said twice
P_SPELLING = 0.4  # recogniser spellings ("wanna", "im")
P_MERGED_SPOKEN = 0.5  # a run-on also gets a spoken variant's changes

FILLERS = ("um", "uh", "like", "you know", "i mean", "so", "well", "sort of")
JOINS = (", ", " and ", " ", " so ", ", um, ")
# Spellings Whisper produces for the same words: the meaning (and the labels) stay.
SPELLINGS = (
    (r"\bwant to\b", "wanna"),
    (r"\bgoing to\b", "gonna"),
    (r"\bgot to\b", "gotta"),
    (r"\bkind of\b", "kinda"),
    (r"\bI'm\b", "im"),
    (r"\bI'd\b", "id"),
    (r"\bdon't\b", "dont"),
    (r"\byou're\b", "your"),
    (r"\bit's\b", "its"),
    (r"\bthey're\b", "their"),
    (r"\bthere's\b", "theres"),
    (r"\bhire\b", "higher"),
    (r"\brole\b", "roll"),
    (r"\bokay\b", "ok"),
    (r"\bbecause\b", "cause"),
)
_END = re.compile(r"[.!?]+\s*$")


def _rng(text: str, salt: str) -> random.Random:
    return random.Random(zlib.crc32(f"{SEED}:{salt}:{text}".encode()))


def question_without_mark(text: str) -> bool:
    """True when the words alone make ``text`` a question (the rules find one without
    ``?``): only then may a variant drop or change its question mark."""
    return "question" in rules.label(_END.sub("", text).rstrip(" ,")).moves


def spoken(ex: Example, rng: random.Random) -> Example:
    """``ex`` as a recogniser might write it (labels unchanged; see the module doc)."""
    text = ex.text.strip()
    ends_q = text.endswith("?")
    keep_mark = ends_q and "question" in ex.moves and not question_without_mark(text)
    for pattern, spelling in SPELLINGS if rng.random() < P_SPELLING else ():
        text = re.sub(pattern, spelling, text, flags=re.IGNORECASE)
    if rng.random() < P_NO_COMMAS:
        text = text.replace(",", "")
    words = text.split()
    if len(words) > 2 and rng.random() < P_FILLER:
        for _ in range(rng.randint(1, 2)):
            words.insert(rng.randrange(0, len(words)), rng.choice(FILLERS) + ",")
    if len(words) > 2 and rng.random() < P_FALSE_START:
        k = rng.randint(1, 2)
        words = [*words[:k], *(w.rstrip(",") for w in words[:k]), *words[k:]]
        words[k - 1] = words[k - 1].rstrip(",") + "-"
    text = " ".join(words)
    if not keep_mark:
        r = rng.random()
        if r < P_END_DROP:
            text = _END.sub("", text).rstrip(" ,")
        elif r < P_END_DROP + P_END_PERIOD:
            text = _END.sub("", text).rstrip(" ,") + "."
    if rng.random() < P_LOWER:
        text = text.lower()
    text = re.sub(r"\s+", " ", text).strip()
    return Example(text or ex.text, ex.moves, ex.question_form)


def _form(ex: Example) -> str | None:
    return ex.question_form if "question" in ex.moves else None


def merge(a: Example, b: Example, rng: random.Random) -> Example | None:
    """``a`` and ``b`` run together as one sentence, or None when their labels would clash
    (two questions of different forms, or a question that needs its ``?``)."""
    fa, fb = _form(a), _form(b)
    if fa and fb and fa != fb:
        return None
    for ex in (a, b):
        if "question" in ex.moves and not question_without_mark(ex.text):
            return None
    first = _END.sub("", a.text.strip()).rstrip(" ,")
    second = b.text.strip()
    second = second[:1].lower() + second[1:] if not second.startswith("I ") else second
    text = first + rng.choice(JOINS) + second
    return Example(text, a.moves | b.moves, fa or fb)


def augment(examples: Sequence[Example]) -> list[Example]:
    """The extra training examples for one file's ``examples`` (not including them): a
    spoken variant of each, and merged run-ons of about :data:`MERGE_SHARE` of them."""
    out = [spoken(ex, _rng(ex.text, "spoken")) for ex in examples]
    n = len(examples)
    if n < 2:
        return out
    rng = _rng("".join(e.text for e in examples[:3]), f"merge:{n}")
    for _ in range(int(n * MERGE_SHARE)):
        i, j = rng.sample(range(n), 2)
        merged = merge(examples[i], examples[j], rng)
        if merged is not None:
            said = rng.random() < P_MERGED_SPOKEN
            out.append(spoken(merged, _rng(merged.text, "spoken")) if said else merged)
    return [e for e in out if e.text]
