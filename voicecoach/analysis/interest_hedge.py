"""The hedge that softens an interest statement ("I think I'd really enjoy working here").

It is looked for in the clauses that state the interest and in a bare hedge said beside
them ("I'd love to be part of the team, I think."), not in a claim run on after them: "I
really want this job and I think I can help the team" wants the job plainly (trial 48:
its checklist read 'said, but hedged ("I think")' beside Delivery's "Hedges: none"). A
statement whose clauses the rules do not read as interest (the sentence model's call) is
read whole. The analyzer counts the hedge found here in Delivery too, so both agree.
"""

from __future__ import annotations

import re

from voicecoach.analysis.lexicon import HEDGED, normalise
from voicecoach.analysis.rules import states_interest

# Where a statement's clauses part (on normalised text): a comma or a conjunction before
# a subject of its own ("..., I think", "and I think I can help"). Not a comma Whisper put
# in a pause ("I think I'd, um, really enjoy working here" is one clause), nor "so" ("I am
# so excited").
_PARTS = re.compile(
    r"(?:, ?(?:(?:and|but|because|while|although|though) )?"
    r"|\b(?:and|but|because|while|although|though) )"
    r"(?=(?:i|we|you|they|it|that|this|my|he|she)\b)"
)


def interest_hedge(text: str) -> tuple[str, int] | None:
    """The hedge softening the interest ``text`` states, as normalised words, and the
    place of its first word among the words of ``normalise(text)`` (commas aside); None
    when the interest was said plainly."""
    n = normalise(text)
    cuts = [0, *(x for m in _PARTS.finditer(n) for x in (m.start(), m.end())), len(n)]
    clauses = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]
    stating = [(a, b) for a, b in clauses if states_interest(n[a:b].strip(" ,"))]
    if stating:
        bare = [(a, b) for a, b in clauses if _bare_hedge(n[a:b].strip(" ,?"))]
        judged = sorted({*stating, *bare})
    else:
        judged = [(0, len(n))]
    for a, b in judged:
        m = HEDGED.search(n, a, b)
        if m is not None:
            return m.group(0), len(n[: m.start()].replace(",", " ").split())
    return None


def _bare_hedge(clause: str) -> bool:
    """Is ``clause`` a hedge said on its own: the whole clause ("..., I think."), or set off
    by a comma before the words it runs into ("I really want this job, I think, more than
    any other")?"""
    m = HEDGED.match(clause)
    return m is not None and (m.end() == len(clause) or clause[m.end()] == ",")
