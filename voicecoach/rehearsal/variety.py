"""The interviewer's lines, varied: an opener said once in a session is not said again.

Many lines start with a short opener set off by a comma or a stop ("Honestly, ...",
"Good question.", "Okay. ...", "Sure, go ahead."). Picked one list at a time, a session
said "Honestly, success here is trust. ... Honestly, it's priorities." (a live trial); a
person doesn't talk like that. So every line a reacting interviewer says is picked among
the options whose opener has not been said yet in the session (this turn included), when
there is such an option; else from all of them, as before. A line said word for word
before (one with no opener too) counts as said the same way: the fallback had said "That's
clear, yes." to two check-backs in a row, and an opener-less line was picked every time
its list's other lines had stale openers ("I'm glad you asked that." again and again).

Pure and deterministic like :mod:`.reactions`: the caller's ``random.Random`` draws
exactly as ``rng.choice(options)`` did whenever no option repeats an opener, so a seed
gives the lines it gave before wherever nothing repeated.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Collection, Iterable, Sequence

# The longest opener, in words ("Since you ask, ...", "In that case, ..."): a longer run of
# words before the first comma is the sentence itself, not an opener.
OPENER_MAX_WORDS = 3
_OPENER = re.compile(
    rf"\s*((?:[^\W\d_][\w'’-]*\s+){{0,{OPENER_MAX_WORDS - 1}}}[^\W\d_][\w'’-]*)\s*[,.?!:;]"
)


def opener(line: str) -> str | None:
    """The opener ``line`` starts with, in lower case ("honestly", "good question",
    "of course"): its first few words up to a comma or a stop; None when more words come
    before one ("That's a fair thing to want to know.")."""
    found = _OPENER.match(line)
    return " ".join(found.group(1).lower().replace("’", "'").split()) if found else None


def remember(said: tuple[str, ...], lines: Iterable[str]) -> tuple[str, ...]:
    """``said`` (openers so far, in order) with those of ``lines`` that are new."""
    out = list(said)
    for line in lines:
        start = opener(line)
        if start is not None and start not in out:
            out.append(start)
    return tuple(out)


def fresh(options: Sequence[str], said: Collection[str]) -> list[str]:
    """The ``options`` whose opener is not in ``said`` (a line with no opener is fresh)."""
    return [o for o in options if opener(o) not in said]


def pick(
    options: Sequence[str], said: Collection[str], rng: random.Random,
    lines: Collection[str] = (),
) -> str:  # fmt: skip
    """One of ``options``, by ``rng``: among those that repeat no opener in ``said`` and are
    not in ``lines`` (said word for word), when some do and some don't; else among those not
    said word for word, when some were; else among all (the same draw as
    ``rng.choice(options)``)."""
    new = [o for o in options if o not in lines]
    unsaid = [o for o in fresh(options, said) if o not in lines]
    for among in (unsaid, new):
        if 0 < len(among) < len(options):
            return rng.choice(among)
    return rng.choice(options)


def echoes(line: str, before: str) -> bool:
    """``line`` says a phrase of ``before`` again: two words in a row ("thanks again",
    "take care", "your day"), case and punctuation aside; not two small words ("it was")."""
    pairs = set(itertools.pairwise(_words(before)))
    return any(
        pair in pairs and not set(pair) <= _SMALL for pair in itertools.pairwise(_words(line))
    )


# Words too common for a pair of them to be a phrase said again
_SMALL = frozenset({
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "for", "with", "at", "it",
    "it's", "is", "was", "be", "i", "you", "we", "your", "my", "our", "that", "this", "so",
    "then",
})  # fmt: skip


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower().replace("’", "'"))


def keep_or_vary(
    line: str, options: Sequence[str], said: Collection[str], rng: random.Random
) -> str:
    """A line picked before the session (a scripted turn's), kept unless its opener was
    said since and one of its ``options`` (the turn's other phrasings) has a fresh one."""
    if opener(line) not in said:
        return line
    unsaid = fresh(options, said)
    return rng.choice(unsaid) if unsaid else line


__all__ = ["OPENER_MAX_WORDS", "echoes", "fresh", "keep_or_vary", "opener", "pick", "remember"]
