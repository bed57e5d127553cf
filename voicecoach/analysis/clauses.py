"""A sentence that makes two moves is also read clause by clause.

The verdict model reads one embedding per sentence, and a claim of fit beside a statement
of interest or an ask ("I'm the right guy, I want this, and I want an answer by Friday")
is pooled into one vector in which the claim is the weaker part: on the leave-one-batch-out
folds the model found 80% of the recaps made alongside another move against 88% of those
made alone. :func:`clause_max` also scores each clause of such a sentence and lets a move
in :data:`CLAUSE_MOVES` (the recap) stand when the whole sentence or one of its clauses
makes it.

Clauses are cut at a semicolon, or at a comma before a new subject or a linking word
("..., so I...", "..., and I've..."). A sentence with fewer than two clauses of at least
:data:`MIN_CLAUSE_WORDS` words is left as it is, so most sentences cost nothing more.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

# The moves a clause may add. Measured on the saved leave-one-batch-out models of model
# (k) (ten folds; mean F1, the sentence alone -> with its clauses): recap .881 -> .888
# (higher on 6 folds, lower on none), interest .910 -> .914, ask_for_job .901 -> .901,
# thanks .957 -> .955, concerns unchanged. On a register batch written afterwards and
# never trained on (advice_scripted, 460 sentences) interest fell .956 -> .929: a clause
# torn from its sentence reads as enthusiasm ("..., because I'm happy to talk about it?")
# while recap was unchanged. So only recap.
CLAUSE_MOVES = ("recap",)
# A clause shorter than this ("so yes", "and I mean") is not read alone.
MIN_CLAUSE_WORDS = 3
_SPLIT = re.compile(
    r";\s*|,\s+(?:and |so |but |because |plus )?(?=(?:i|i'm|i've|i'd|i'll|im|ive|my|we|"
    r"we're|you|you'd|you'll|your|this|that|it|it's|thanks|thank|honestly|so|and)\b)",
    re.IGNORECASE,
)


def clauses(text: str) -> list[str]:
    """The clauses of ``text`` worth reading alone, or [] when it has fewer than two."""
    parts = [p.strip(" ,;") for p in _SPLIT.split(text)]
    parts = [p for p in parts if len(p.split()) >= MIN_CLAUSE_WORDS]
    return parts if len(parts) >= 2 else []


def clause_max(
    sentences: Sequence[str],
    rows: Any,
    probabilities: Callable[[list[str]], Any],
    outputs: Sequence[str],
) -> Any:
    """``rows`` (one row of move probabilities per sentence, columns ``outputs``) with each
    :data:`CLAUSE_MOVES` column raised to its best clause's probability.
    ``probabilities`` scores a list of texts the same way ``rows`` were scored."""
    import numpy as np

    split = [clauses(s) for s in sentences]
    texts = [c for parts in split for c in parts]
    if not texts:
        return rows
    out = np.array(rows, dtype=np.float64, copy=True)
    scored = probabilities(texts)
    columns = [list(outputs).index(m) for m in CLAUSE_MOVES if m in outputs]
    at = 0
    for i, parts in enumerate(split):
        if parts:
            best = scored[at : at + len(parts), columns].max(axis=0)
            out[i, columns] = np.maximum(out[i, columns], best)
            at += len(parts)
    return out
