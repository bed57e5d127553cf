"""Does a sentence stop on a word no English sentence ends on?

Whisper ends a sentence at a thinking pause, so "What I would really like to stress is."
can stand as a sentence and be read as a move it only began. :func:`ending` says how a
sentence's last word leaves it:

- ``"open"``: the clause is unfinished -- an article or possessive waiting for its noun
  ("the", "my"), a copula waiting for its complement ("What I'd stress is", "The thing
  is"), "that" after a copula ("The point is that"), a preposition with no object and
  nothing it could belong to ("I'm really excited about").
- ``"linked"``: a whole clause and a word joining the next one ("..., and", "because").
- ``None``: the sentence may end there.

Words that often end a sentence are judged by the words before them, so a complete
sentence is not taken for a fragment: "what the next step is", "where I want to be",
"the person I'd report to", "the kind of job I've been looking for" all end.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Literal

Ending = Literal["open", "linked"]

# The word sets are public for the rehearsal's end-of-turn judge (rehearsal/turn_end.py),
# which waits on more words than these on purpose and builds its sets from them.

# Words that always need what follows them.
DETERMINERS = frozenset({"a", "an", "the", "my", "your", "our", "their", "its", "every"})
LINKERS = frozenset({"and", "but", "nor", "because", "although", "unless"})  # not "though"
# "than" compares with something not said yet ("more experienced than").
_NEED_OBJECT = frozenset({"than"})
COPULAS = frozenset({"is", "are", "was", "were", "am"})
MODALS = frozenset({"would", "will", "could", "should", "might", "may", "must", "can"})
# Before a subject, with MODALS: question word order ("is there", "do you"), see _asks.
AUXILIARIES = frozenset({"do", "does", "did", "is", "are", "was", "were", "have", "has"})
# Between a copula and its subject ("I really am", "it still is", "it would be").
_ADVERBS = frozenset(
    {
        "really", "truly", "certainly", "definitely", "honestly", "still", "already",
        "always", "actually", "just", "not", "never", "also", "probably", "usually", "all",
        "most",
    }
)  # fmt: skip
# A copula after one of these has it as its subject: the sentence may end there ("that's
# just how it is", "where I am", "than I was", "here it is", "there you are").
_SUBJECTS = frozenset(
    {"i", "you", "we", "they", "he", "she", "it", "this", "that", "there", "here", "who",
     "which", "one", "everyone", "everything", "nobody", "nothing"}
)  # fmt: skip
# An object pronoun or a preposition before a copula: its subject is a clause with a gap
# ("what excites me is", "what I'm most excited about is"), so a complement must follow.
OBJECTS = frozenset({"me", "us", "them", "him"})
# A word after one of these (or after "to") is a verb: "what I want is", "what it means is".
PRONOUNS = frozenset(
    {"i", "i'm", "i'd", "i've", "i'll", "you", "you're", "you'd", "you've", "we", "we're",
     "we'd", "we've", "they", "they're", "they'd", "he", "she", "it"}
)  # fmt: skip
# Words that open a clause a copula can end inside ("tell me what the next step is", "I
# know how hard it is", "better than it was"): a copula after a noun ends there only
# behind one of these; without, the noun is the main clause's subject ("The thing is").
WH_WORDS = frozenset({"what", "how", "where", "when", "who", "whom", "which", "why", "whether"})
_EMBEDDING = WH_WORDS | {"if", "than", "as", "whatever", "wherever", "however", "whoever"}
# Prepositions whose object Whisper's pause may have cut off. Particles that end phrasal
# verbs ("take this on", "walked in", "check in") are left out.
PREPOSITIONS = frozenset({"to", "of", "for", "with", "about", "from", "into", "by"})
# "to" after these is an infinitive with its verb left out: "I'd really like to." ends.
_TO_VERBS = frozenset(
    {"like", "love", "want", "need", "have", "going", "able", "happy", "glad", "hope",
     "plan", "try", "used", "ought", "wanted", "meant", "supposed", "keen", "delighted"}
)  # fmt: skip
# A stranded preposition needs something fronted: a wh-word or relative pronoun, or a
# clause of its own after a noun ("the team I'd work with", "something a client can say
# yes to"): a subject or determiner after the sentence's first words stands for that.
_LICENSORS = _EMBEDDING | {"that"}
_CLAUSE_STARTS = PRONOUNS | {"a", "an", "the", "my", "your", "our", "their", "this"}
# The sentence's first words are its own subject ("I'm really excited about"), no clause.
_OWN_SUBJECT_WORDS = 2

# "Infinitive + preposition" after one of these ends: "easy to get to", "fun to work with".
_TOUGH = frozenset(
    {"easy", "hard", "difficult", "fun", "great", "nice", "good", "simple", "impossible",
     "tough", "pleasure", "joy"}
)  # fmt: skip
# Not "er": "in the ER" is a place.
_FILLERS = frozenset({"um", "uh", "erm", "uhm", "ah", "hmm", "mm"})
_EDGES = re.compile(r"^[^\w']+|[^\w']+$")


def words_of(text: str) -> list[str]:
    """The sentence's words, lower case, without the punctuation around them ("96%." is
    "96": numbers are words too)."""
    bare = (_EDGES.sub("", w) for w in text.lower().replace("\u2019", "'").split())
    return [w for w in bare if w]


def ending(text: str) -> Ending | None:
    """How ``text``'s last word leaves it: see the module's docstring."""
    words = words_of(text)
    while words and words[-1] in _FILLERS:  # "about the, um": still waiting for the noun
        words.pop()
    if not words:
        return None
    last = words[-1]
    if last in LINKERS:
        return "linked"
    if last == "a" and re.search(r"\bA\W*$", text):  # the letter ("led it to an A")
        return None
    if last in DETERMINERS or last in _NEED_OBJECT:
        return "open"
    if last == "that":
        return "open" if _copula_before_that(words) else None
    if text.rstrip().endswith("?"):
        return None  # a question may end on its preposition or verb ("Who do I report to?")
    if last in PREPOSITIONS:
        return "open" if _bare_preposition(words) else None
    if last in COPULAS or (last == "be" and len(words) > 1 and words[-2] in MODALS):
        return "open" if _copula_open(words) else None
    return None


def _copula_before_that(words: Sequence[str]) -> bool:
    """ "The point is that", "What I'd stress is that", "so that": the clause "that"
    opens is missing. Not in a question ("is that", "why is that"): "that" is its subject."""
    before = words[-2] if len(words) > 1 else ""
    if before in {"so", "such"}:
        return True
    head = words[:-2]
    # "that was that": a subject before the copula makes "that" its complement
    return before in COPULAS and bool(head) and head[-1] not in _EMBEDDING | _SUBJECTS


def _bare_preposition(words: Sequence[str]) -> bool:
    """A preposition at the end with nothing it could belong to: no wh-word or relative
    clause before it, and (for "to") no verb whose infinitive is left out."""
    if words[-1] == "to" and len(words) > 1 and words[-2] in _TO_VERBS:
        return False
    body = words[:-1]
    if len(body) > 2 and body[-2] == "to" and body[-3] in _TOUGH:
        return False
    if any(w in _LICENSORS for w in body) or _asks(body):
        return False
    return not any(w in _CLAUSE_STARTS for w in body[_OWN_SUBJECT_WORDS:])


def _asks(words: Sequence[str]) -> bool:
    """Question word order ("is there anything you're unsure about"), which fronts what a
    preposition at the end belongs to, as a wh-word does."""
    after = PRONOUNS | {"there"}
    return any(a in AUXILIARIES | MODALS and b in after for a, b in pairwise(words))


def _copula_open(words: Sequence[str]) -> bool:
    """Does the copula at the end of ``words`` still need its complement?"""
    at = len(words) - 1
    if words[at] == "be":
        at -= 1  # "would be": the modal stands where the copula would
    at -= 1
    while at >= 0 and words[at] in _ADVERBS | MODALS:
        at -= 1
    if at < 0:
        return False  # "Is." or "Really is.": an answer, not a fragment
    before = words[at]
    if before in _SUBJECTS:
        return False
    if before in OBJECTS or before in PREPOSITIONS:
        return True
    if at > 0 and (words[at - 1] == "to" or words[at - 1] in PRONOUNS):
        return True  # a verb: "like to stress is", "what I want is", "what we need is"
    # a noun: the subject of the copula; it ends an embedded clause, not the main one
    return not any(w in _EMBEDDING for w in words[:at])
