"""Does a sentence end here? The test the live turn end waits by, and the analyzer's
thinking-pause check reads by (one judge for both): the words decide, not Whisper's full
stop, which it also puts after a phrase cut by a pause ("I have worked at. Startups for
eight years").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from voicecoach.analysis.names import TITLES
from voicecoach.analysis.unfinished import (
    AUXILIARIES,
    COPULAS,
    DETERMINERS,
    LINKERS,
    MODALS,
    OBJECTS,
    PREPOSITIONS,
    PRONOUNS,
    WH_WORDS,
    ending,
    words_of,
)

# A sentence that stops on one of these words is still going: articles, prepositions,
# conjunctions, auxiliaries, possessives, subject pronouns and fillers. Whisper often puts
# a full stop after a phrase cut by a pause, so the words decide, not the punctuation.
# Broader than the analyzer's :func:`~voicecoach.analysis.unfinished.ending` on purpose
# (its word sets, and more): a sentence judged complete too soon is cut off at a thinking
# pause, one judged unfinished only waits the last-resort silence. Only the endings in
# :func:`_ends_anyway` are let go. Not "though", which ends sentences ("That's a fair
# point, though."), as the analyzer says.
_MORE_CONTINUING = """in on at as than like over under through between during without
    within toward towards upon or so if that since until while whether which who whom
    whose when where what how be been being had shall his i we they he she it's i'm
    we're they're i'd i'll we'll i've we've very really just also um uh er erm uhm ah
    hmm mm"""
CONTINUES = (
    DETERMINERS | PREPOSITIONS | LINKERS | COPULAS | MODALS | AUXILIARIES
    | frozenset(_MORE_CONTINUING.split())
)  # fmt: skip
# Before a wh-word, words that make its clause an object or complement, finished when it
# is ("I'd like to know what ...", "that's exactly how ..."). After others ("I think what
# I'd bring to ...", a sentence's first word) the clause is often a subject still waiting
# for its verb: "What I'm most excited about [pause] is the team."
_WH_HOSTS = frozenset(
    {"know", "knew", "ask", "asked", "asking", "understand", "wonder", "wondering", "sure",
     "curious", "learn", "hear", "see", "tell", "me", "us", "you", "exactly", "just",
     "precisely", "is", "was", "that's", "it's", "out", "about", "of", "on"}
)  # fmt: skip
# Copulas stay in CONTINUES where the analyzer lets them end ("that's just how it is"):
# on the end-of-turn set (bench_turn_end.py), letting "Could you tell me what the next
# steps are?" end cut the 1.5 s pause before a second question.

# Prepositions a question or an embedded clause may strand ("who I'd report to", "what I'd
# be working on"): the analyzer's, and "in", "on", "at", which it leaves out as particles
# ("walked in") but a wh-clause strands too; "like" is left out: "What does a typical week
# look like [pause] for someone in this role?" goes on.
_PREPOSITIONS = PREPOSITIONS | {"in", "on", "at"}
# Fronted in a wh-question ("Who would I report to?", "Who must I report to?").
_AUXILIARIES = AUXILIARIES | MODALS
# Objects of an infinitive's subject: "to" after one is a verb left out, not a stranded
# preposition ("What would you expect me to [pause] accomplish ..."); also "you" and "her",
# which the analyzer leaves out (before a copula they are a subject and a possessive).
_OBJECT_PRONOUNS = OBJECTS | {"you", "her"}
# "that" after these is their object, the sentence may end ("I would love that", "I'm glad
# to hear that", "more than that"); after a noun it opens a relative clause ("anything in
# my background that"), after "say", "think" or "sure" a clause.
_THAT_TAKERS = frozenset(
    {"love", "like", "appreciate", "enjoy", "hear", "heard", "see", "saw", "do", "did",
     "done", "doing", "about", "of", "with", "for", "than", "after", "before", "on", "to",
     "from", "by", "all", "just", "exactly"}
)  # fmt: skip
# Text that trails off: "...", a comma, a dash.
TRAILING = re.compile(r"(\.\.\.|…|,|-|–|—)\s*$")
# A title's short form waits for its name: its full stop ends no sentence ("I trained
# under Dr. [pause] Okafor", "Thank you, Prof. [pause] Okafor"). Not "miss" and
# "professor", which end sentences as words ("It's one I'd hate to miss."). Only as a title
# is written, in title case, and not after an article or a possessive: "MS" is the degree
# ("I have an MS."), "prof" the noun ("I was a TA for a prof.", "... for a Prof.", "Yes, I
# met the Prof.": stop 53's review, which waited for a name at the end of a turn).
_SHORT_TITLES = TITLES - {"miss", "professor"}
_LAST_TITLE_CASE = re.compile(r"(?:\b(\w+) )?\b([A-Z][a-z]+)\.?\s*$")
_NOUN_BEFORE = frozenset(
    {"a", "an", "the", "my", "our", "your", "his", "her", "their", "this", "that", "every"}
)
_SENTENCE_BREAK = re.compile(r"(?<=[.?!])\s+")


def sentence_complete(text: str) -> bool:
    """Does ``text`` end on a finished sentence? No: empty, trailing off ("...", a comma),
    cut where the analyzer hears a fragment ("What I'd stress is", "..., and"), or
    stopping on a word that needs more after it ("the", "um", "so"), unless what comes
    before it lets the sentence end there (:func:`_ends_anyway`)."""
    stripped = text.strip()
    if not stripped or TRAILING.search(stripped):
        return False
    last_sentence = _last_sentence(stripped)
    words = words_of(last_sentence)
    if not words or _ends_on_title(last_sentence):
        return False
    if ending(last_sentence) is not None:
        return False
    if _cleft_head(words) and not last_sentence.endswith("?"):
        return False
    return words[-1] not in CONTINUES or _ends_anyway(words, last_sentence.endswith("?"))


def _last_sentence(text: str) -> str:
    """The last sentence of ``text``: after its last ".", "?" or "!" that does not close a
    title's short form ("Thanks to Dr. Okafor" is one sentence)."""
    parts = _SENTENCE_BREAK.split(text)
    last = [parts.pop()]
    while parts and _ends_on_title(parts[-1]):
        last.insert(0, parts.pop())
    return " ".join(last)


def _ends_on_title(text: str) -> bool:
    last = _LAST_TITLE_CASE.search(text)
    if last is None or last.group(2).lower() not in _SHORT_TITLES:
        return False
    return last.group(1) is None or last.group(1).lower() not in _NOUN_BEFORE


def _cleft_head(words: Sequence[str]) -> bool:
    """The head of a "what I ... is" sentence with no "is" yet: "What I'd really like to
    know." is waiting for the rest. Whisper may drop the "is" before a pause (trial 9,
    stop 32: "What I really like to know." was cut at the 4 s wait, not the 6 s one).
    Only when it ends on a verb whose object the "what" is: "What I built at Acme cut
    costs by a third." has its main verb and ends."""
    if len(words) < 3 or words[0] != "what" or words[1] not in PRONOUNS:
        return False
    if any(w in COPULAS or w.endswith("'s") for w in words[2:]):
        return False
    verbs = [i for i, w in enumerate(words) if i > 1 and w in _CLEFT_VERBS]
    if not verbs:
        return False
    tail = words[verbs[-1] + 1 :]  # "What I enjoyed most about today."
    return len(tail) <= _CLEFT_TAIL_WORDS and all(w in _CLEFT_TAIL for w in tail)


# Verbs that end the head of a pseudo-cleft ("what I'd like to know", "what we want to
# avoid", "what I enjoyed"): the "what" is their object.
_CLEFT_VERBS = frozenset(
    {"know", "ask", "say", "add", "stress", "mention", "like", "love", "want", "understand",
     "learn", "hear", "see", "bring", "offer", "enjoy", "mean", "do", "avoid", "find",
     "need", "get", "share", "highlight", "emphasise", "emphasize", "improve", "change",
     "liked", "loved", "wanted", "learned", "learnt", "heard", "saw", "enjoyed", "meant",
     "did", "found", "noticed", "appreciated", "valued", "took", "said", "asked"}
)  # fmt: skip
# ...and what may follow that verb in the head: "most about today", "about the team".
_CLEFT_TAIL_WORDS = 4
_CLEFT_TAIL = frozenset(
    {"you", "most", "about", "today", "here", "there", "so", "far", "the", "this", "that",
     "team", "role", "job", "company", "conversation", "interview", "from", "at", "in",
     "really", "of", "it", "all", "away", "to"}
)  # fmt: skip


def _ends_anyway(words: Sequence[str], question: bool) -> bool:
    """May a sentence end on this word of :data:`CONTINUES`? Only where the analyzer's
    reading is safe while the candidate may still be talking: a preposition closing an
    embedded wh-clause or stranded by a wh-question, "that" as an object, "a while"."""
    last, before = words[-1], words[:-1]
    if last == "that":
        return bool(before) and before[-1] in _THAT_TAKERS
    if last == "while":
        return bool(before) and before[-1] == "a"  # "for a while"
    if last in _PREPOSITIONS:
        if last == "to" and before and before[-1] in _OBJECT_PRONOUNS:
            return False
        return _embedded(before) or (question and _wh_question(before))
    if last == "like":
        # "What's the team like?", "What does a normal day look like?": stranded by the
        # wh-question, as "to" is in "Who would I report to?" (a review: such questions,
        # among the commonest asked, waited the 6 s last resort). The words decide, not
        # Whisper's "?", which it drops when the voice falls (a review of stop 49: "What's
        # the team like" waited the last resort, "What's the team like?" the held wait).
        # After the held wait, not the short one (required_wait): "look like [pause] for
        # someone..." goes on (after a filler or a join, "So what's the team like?", or
        # asked indirectly, "Can you tell me what the team is like?": a review)
        return _asks_what_like(before)
    return False


def _asks_what_like(before: Sequence[str]) -> bool:
    """Does the last wh-word before "like" open a wh-question, at the start, after fillers
    or a join ("What would my first week look like", "So what's the team like", "..., and
    what's the pace like"), or a wh-clause after a host ("tell me what the team is like")?
    Only the last: in "I know what you mean, and what I'd like" the clause on "like" is
    still waiting for its verb."""
    whs = [i for i, w in enumerate(before) if w in WH_WORDS or w in _WH_CONTRACTED]
    if not whs:
        return False
    i = whs[-1]
    if i > 0 and before[i - 1] in _WH_HOSTS:
        return True
    opens = i == 0 or before[i - 1] in _RUN_ON_JOINS or set(before[:i]) <= _LEAD_FILLERS
    fronted = before[i] in _WH_CONTRACTED or (len(before) > i + 1 and before[i + 1] in _AUXILIARIES)
    return opens and fronted


_WH_CONTRACTED = frozenset({"what's", "how's", "who's", "where's"})
# (and a yes before the question: "Yes, what's the team like?" waited the 6 s last resort,
# live trial 50, M1)
_LEAD_FILLERS = frozenset({
    "so", "and", "but", "um", "uh", "erm", "well", "okay", "ok", "also", "yes", "yeah", "yep",
    "sure", "right", "alright", "actually", "first", "firstly", "then", "now", "just",
})  # fmt: skip


def _embedded(before: Sequence[str]) -> bool:
    """An object or complement wh-clause ("know what", "that's how") after the first word."""
    return any(w in WH_WORDS and i > 0 and before[i - 1] in _WH_HOSTS for i, w in enumerate(before))


def _wh_question(before: Sequence[str]) -> bool:
    """A wh-question with its auxiliary fronted ("Who would I report to?"), or one run on
    after another with "and" ("How big is the team, and who would I report to?": two
    questions Whisper wrote as one sentence waited the last resort)."""
    return any(
        len(before) > i + 1 and before[i] in WH_WORDS and before[i + 1] in _AUXILIARIES
        for i in _clause_starts(before)
    )


_RUN_ON_JOINS = frozenset({"and", "or"})


def _clause_starts(words: Sequence[str]) -> list[int]:
    """Where a question may start in ``words``: the first word, and each after "and"/"or"."""
    return [0, *(i + 1 for i, w in enumerate(words) if w in _RUN_ON_JOINS)]


__all__ = ["CONTINUES", "TRAILING", "sentence_complete"]
