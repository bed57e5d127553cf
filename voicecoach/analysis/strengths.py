"""Which of the profile's strengths did the candidate name? Matched by their words.

A strength is named when the recap's words carry it, in the candidate's own words:
inflected or derived ("led" for "leadership", "mis-picks" for "pick"), spelled out
("HR information system" for "HRIS"), or misheard by the recogniser ("air flow",
"selenyum"). A strength of several words needs half of its content words, and one of
them must be a word that says what the strength is about, not only what kind of work it
is: "I manage projects" does not name "stakeholder management".

A strength is also named when one sentence says it in everyday words, each of its words
carried by the sentence's own ("I explain the numbers to the people who decide" for
"stakeholder communication": "explain" carries "communication", "the people who decide"
"stakeholder"; :mod:`.strength_words`). Every word must be carried, in one sentence of the
candidate's own ("I" or "we"), and a sentence that says they lack it ("I still find it
hard", "I've never") names nothing this way.

With the sentence model, a strength the words miss is still named when one clause of the
recap means it ("supported three reorganisations" for "change management"): the cosine of
the two embeddings reaches ``SAME_MEANING_COSINE``.

British and American spellings ("organisation", "organization") are matched alike, by
words and by meaning (:mod:`.spelling`): Whisper writes American spelling, and a profile
is typed in the user's own.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from voicecoach.analysis.lexicon import STOPWORDS, edit_distance, normalise, stem, words_of
from voicecoach.analysis.spelling import american, british
from voicecoach.analysis.strength_words import PLAIN_WORDS

if TYPE_CHECKING:
    from voicecoach.analysis.semantic import Encoder

# Irregular past forms a recap is full of, mapped to the word a strength would use.
_IRREGULAR = {
    "led": "lead",
    "ran": "run",
    "built": "build",
    "wrote": "write",
    "written": "write",
    "taught": "teach",
    "sold": "sell",
    "grew": "grow",
    "grown": "grow",
    "brought": "bring",
    "kept": "keep",
    "won": "win",
    "made": "make",
    "drove": "drive",
    "driven": "drive",
    "spoke": "speak",
    "spoken": "speak",
    "thought": "think",
    "began": "begin",
    "oversaw": "oversee",
    "overseen": "oversee",
    "caught": "catch",
}
# Heads that name a kind of work, not what it is about: a strength such as "stakeholder
# management" or "API testing" is not named by "manage" or "test" alone.
GENERIC_HEADS = frozenset(
    stem(w)
    for w in [
        "management",
        "manager",
        "managing",
        "skills",
        "skill",
        "experience",
        "development",
        "work",
        "working",
        "knowledge",
        "ability",
        "abilities",
        "expertise",
        "handling",
        "support",
        "processes",
        "process",
        "solutions",
        "tools",
        "testing",
    ]
)
# Heads that say only that the strength is a skill, not what it does: everyday words for
# the rest describe it ("on my own" for "lone working"). Not "management", "development"
# or "support": "I ran a crew" does not describe "team development".
_EMPTY_HEADS = frozenset(
    stem(w)
    for w in ["skills", "skill", "work", "working", "experience", "knowledge", "ability",
              "abilities", "expertise"]
)  # fmt: skip
# A sentence about work: its people, places or time in the job ("rural calls ... for three
# years", "every new client"), for a strength whose skill word is left out (_EMPTY_HEADS).
_AT_WORK = re.compile(
    r"\b(?:jobs?|shifts?|clients?|customers?|patients?|residents?|calls|sites?|teams?|"
    r"colleagues|staff|crews?|managers?|boss|work|worked|working|roles?|company|companies|"
    r"employers?|career|office|depot|warehouse|ward|store|branch|projects?|contracts?|"
    r"for (?:\w+ )?(?:years|months)|(?:years?|months?) (?:of|as|in|at|on))\b"
)
# ...and a sentence about home life, said with no word of work: "I talk to my kids every
# night", "I sold my car last year", "I came to the interview by myself". Required only
# there: a sentence about work need not name its place ("I presented our results to the
# board every quarter", "I taught maths to year nine pupils" describe their strengths).
_PRIVATE = re.compile(
    r"\b(?:my|our) (?:kids?|children|son|daughter|wife|husband|partner|girlfriend|boyfriend|"
    r"mum|mom|mother|dad|father|parents|grand\w+|sisters?|brothers?|cousins?|family|"
    r"friends?|neighbou?rs?|car|bike|house|flat|"
    r"home|dog|cat|holidays?|vacation|hobby|spare time|free time)\b|\b(?:this|the) "
    r"interview\b|\bi (?:live|lived|am living)\b|\bat home\b|\bweekends?\b"
)
# Endings of inflection and derivation, longest first: "leadership", "leader" and
# "leading" share the base "lead"; "managed" and "management" share "manag".
_SUFFIXES = [
    "abilities",
    "ability",
    "ibility",
    "erships",
    "ership",
    "ations",
    "ation",
    "ments",
    "ment",
    "ility",
    "ings",
    "ing",
    "ers",
    "er",
    "ies",
    "ied",
    "ity",
    "ive",
    "ions",
    "ion",
    "ists",
    "ist",
    "ors",
    "or",
    "able",
    "ible",
    "als",
    "al",
    "ly",
    "es",
    "ed",
    "s",
]
# Endings before which a short word doubles its last consonant, and the consonants it
# doubles ("spot" -> "spotting", "plan" -> "planned"; not "l", "s", "f", "z" or "d", which
# stay doubled in "billing", "missing", "staffing", "adding").
_DOUBLING = frozenset({"ing", "ings", "er", "ers", "ed"})
_DOUBLED = frozenset("bgmnprt")
# A base keeps at least this many letters ("cars" is not "c").
MIN_BASE_LETTERS = 3
# A final "e" goes from bases this long ("manage" -> "manag"), not from short ones
# ("care" stays, or "cars" would match it).
DROP_E_LETTERS = 5
# Recognition errors: words of at least this many letters may differ by one edit, and
# words of at least LONG_WORD_LETTERS by two ("selenium" heard as "selenum").
FUZZY_MIN_LETTERS = 6
LONG_WORD_LETTERS = 9
# Words at least this long may also be heard with their vowels changed, if the consonants
# stay ("brakes" heard as "breaks"), or inside a longer word ("misspicks" for "picks").
SOUND_ALIKE_LETTERS = 4
_VOWELS = re.compile(r"[aeiouy]+")
# A recap clause whose embedding is at least this close to a strength's means it. On the
# tuning closings the strengths a candidate did not claim reach at most 0.35 against their
# closest clause, and paraphrases the words miss 0.43-0.48.
SAME_MEANING_COSINE = 0.42
# A clause ends at a mark or a joining word; shorter pieces than this are not compared.
_CLAUSE_END = re.compile(
    r"(?:[,;:.!?]\s+|\s+)(?:and|but|so|which|where|while|because)\s+|[,;:.!?]\s+"
)
MIN_CLAUSE_WORDS = 2
# Digits in a strength ("Level 3") as a speaker says them.
_NUMBERS = dict(
    enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    )
)


@dataclass(frozen=True)
class _Said:
    """The recap's words in the forms a strength is matched against."""

    stems: frozenset[str]
    words: tuple[str, ...]  # bare words in order, hyphenated ones split
    joined: frozenset[str]  # two or three neighbours written as one ("air flow" -> "airflow")


def _parts(word: str) -> list[str]:
    pieces = [p for p in word.split("-") if p]
    return pieces if len(pieces) > 1 else [word]


def _lemma(word: str) -> str:
    w = word.strip("'")
    if w.endswith("'s"):
        w = w[:-2]
    return _IRREGULAR.get(w, w)


def base(word: str) -> str:
    """``word`` without one ending of inflection or derivation (see ``_SUFFIXES``)."""
    w = _lemma(word)
    for suffix in _SUFFIXES:
        if len(w) - len(suffix) < MIN_BASE_LETTERS or not w.endswith(suffix):
            continue
        # "career", "engineer": the "er" is part of the word
        if suffix == "er" and w[-3] == "e":
            continue
        w = w[: -len(suffix)]
        # the consonant doubled before the ending ("spotting", "planning", "shipped")
        if suffix in _DOUBLING and len(w) > MIN_BASE_LETTERS and w[-1] == w[-2] in _DOUBLED:
            w = w[:-1]
        break
    if len(w) >= DROP_E_LETTERS and w.endswith("e"):
        w = w[:-1]
    return w


def said_in(text: str) -> _Said:
    # one spelling on both sides: Whisper writes American, a profile is typed in either
    whole = [_lemma(w) for w in words_of(normalise(american(text)))]
    words = [p for w in whole for p in _parts(w) if p]
    stems = frozenset(
        {stem(w) for w in words} | {stem(w) for w in whole} | {base(w) for w in words}
    )
    pairs = [a + b for a, b in itertools.pairwise(words)]
    triples = [a + b for a, b in zip(pairs, words[2:], strict=False)]
    return _Said(stems, tuple(words), frozenset(pairs + triples))


def _allowed_edits(word: str) -> int:
    if len(word) >= LONG_WORD_LETTERS:
        return 2
    return 1 if len(word) >= FUZZY_MIN_LETTERS else 0


def _acronym_in(letters: str, words: Sequence[str]) -> bool:
    """Is ``letters`` ("hris") spelled by the initials of neighbouring words, a short
    all-letter word giving all its letters ("hr information system")?"""
    for start in range(len(words)):
        got = ""
        for w in words[start:]:
            piece = w if len(w) <= 3 and w not in STOPWORDS else w[0]
            if not letters.startswith(got + piece):
                break
            got += piece
            if got == letters:
                return True
    return False


# Acronyms said as a word, as the recogniser writes them ("sequel dashboards" for "SQL,
# dashboards": trial 18)
SPOKEN_ACRONYMS = {"sql": ("sequel",), "saas": ("sass",), "gui": ("gooey",)}


def word_said(word: str, said: _Said, *, acronym: bool = False) -> bool:
    """Does the recap carry ``word`` (a strength's content word, lower case)?"""
    if word.isdigit() and int(word) in _NUMBERS:
        word = _NUMBERS[int(word)]
    if stem(word) in said.stems or base(word) in said.stems or word in said.joined:
        return True
    if any(stem(w) in said.stems for w in SPOKEN_ACRONYMS.get(word, ())):
        return True
    if acronym and len(word) >= 2 and _acronym_in(word, said.words):
        return True
    if _sounds_said(word, said):
        return True
    edits = _allowed_edits(word)
    if not edits:
        return False
    candidates = (*said.words, *said.joined)
    return any(
        abs(len(w) - len(word)) <= edits
        and w[0] == word[0]
        and edit_distance(w, word, edits) <= edits
        for w in candidates
        if len(w) >= FUZZY_MIN_LETTERS
    )


def skeleton(word: str) -> str:
    """A word's consonants, its first letter kept: "brake" and "break" -> "brk"."""
    return word[0] + _VOWELS.sub("", word[1:]) if word else word


def _sounds_said(word: str, said: _Said) -> bool:
    if len(word) < SOUND_ALIKE_LETTERS or word.isdigit():
        return False
    key, b = skeleton(word), base(word)
    for w in said.words:
        if len(w) < SOUND_ALIKE_LETTERS:
            continue
        # a vowel heard wrong: the same length and consonants, two letters apart at most
        one = w[:-1] if w.endswith("s") and not word.endswith("s") else w
        if len(one) == len(word) and skeleton(one) == key and edit_distance(one, word, 2) <= 2:
            return True
        # the word ends a longer one the recogniser glued a prefix to ("misspicks")
        if len(w) >= len(b) + MIN_BASE_LETTERS and base(w).endswith(b):
            return True
    return False


def _units(strength: str) -> tuple[list[str], set[str]]:
    """The strength's content words, spelled as the recap's words are (:func:`said_in`),
    and those of them typed as acronyms ("SQL")."""
    strength = american(strength)
    acronyms = {t.lower() for t in re.findall(r"[A-Za-z]{2,}", strength) if t.isupper()}
    return [w for w in words_of(normalise(strength)) if w not in STOPWORDS], acronyms


def names_strength(strength: str, said: _Said) -> bool:
    """Is ``strength`` named: half its content words said, one of them not a generic head
    (a one-word strength: that word)."""
    units, acronyms = _units(strength)
    if not units:
        return False
    hits = [w for w in units if _unit_said(w, said, acronyms)]
    if not hits or len(hits) * 2 < len(units):
        return False
    return len(units) == 1 or any(stem(w) not in GENERIC_HEADS for w in hits)


def _unit_said(unit: str, said: _Said, acronyms: set[str]) -> bool:
    """A hyphenated unit ("high-throughput", "cross-dock") is said whole or part by part."""
    if word_said(unit, said, acronym=unit in acronyms):
        return True
    parts = _parts(unit)
    return len(parts) > 1 and all(word_said(p, said, acronym=p in acronyms) for p in parts)


# The candidate's own claim: said of "I" or "we".
_OWN = re.compile(r"\b(?:i|we|i am|i have|we have|i would|myself)\b")
# A sentence that says they lack or avoid the work (on normalised text: "can't" reads "can
# not"), after a "who never ..." or "who are not ..." that only describes the audience is
# taken out ("people who never open a spreadsheet", "people who aren't analysts").
_AUDIENCE = re.compile(r"\b(?:who|that|which) (?:\w+ )?(?:never|not)\b")
_LACKS = re.compile(
    r"\b(?:not|never|no longer|struggle[sd]?|struggling|find (?:it )?(?:hard|difficult)|"
    r"still find|is hard|weak|weakness|rely on|someone else|need training|yet to|"
    r"would like to|want to learn|need to learn|hope to|new to me|uncomfortable)\b"
)
# Keys of PLAIN_WORDS by their forms (a strength's "communicating" finds "communication").
_PLAIN_KEYS = {form(k): k for k in PLAIN_WORDS for form in (stem, base)}


def _plain_words(unit: str) -> tuple[str, ...]:
    key = _PLAIN_KEYS.get(stem(unit)) or _PLAIN_KEYS.get(base(unit))
    return PLAIN_WORDS[key] if key else ()


def _carriers(
    unit: str, said: _Said, text: str, acronyms: set[str], others: Sequence[str] = ()
) -> frozenset[str]:
    """What carries the strength's word ``unit`` in the sentence: itself, said, or those
    of its everyday words (:data:`.strength_words.PLAIN_WORDS`) that are (each by its
    stem: one word listed for two of a strength's words is the same carrier). Not a form
    of the strength's ``others`` words: "I manage projects" says "management", and its
    "manage" does not also carry "stakeholder" as "managers" would."""
    if _unit_said(unit, said, acronyms):
        return frozenset({f"={unit}"})
    taken = {f(w) for w in others for f in (stem, base)}
    out: set[str] = set()
    for plain in _plain_words(unit):
        if stem(plain) in taken or base(plain) in taken:
            continue
        if " " in plain or "-" in plain:
            if re.search(rf"\b{re.escape(plain)}\b", text):
                out.add(plain)
        elif word_said(plain, said):
            out.add(stem(plain))
    return frozenset(out)


# A wish for the work is no claim of it ("I would love the chance to present to your
# board", "I want to lead a team one day"), unless what is wished is to bring or keep
# doing what one does ("I'd love to bring what I learned leading a crew").
_WISH = re.compile(
    r"\b(?:(?:would (?:love|like|enjoy)|wants?|hop(?:e|ing)|keen|eager|excited|chance|"
    r"opportunity|looking forward|aspire|(?:i|we) (?:am |are )?plan(?:ning)?) to(?! (?:bring|"
    r"keep|continue|use|"
    r"apply)\b)|dream of|one day|some day|someday|in the future|eventually)\b"
)


@dataclass(frozen=True)
class _Claim:
    """One recap sentence, read once for :func:`described`."""

    text: str  # normalised, American spelling
    said: _Said
    own: bool  # said of the candidate, no lack or wish stated


# A mistake or an error caught ("I spotted a pricing error", "I caught a mistake in the
# payroll"), said as the plain words for "detail" say it ("caught errors"); one made ("I
# made an error", "I caught covid, so I made an error") is none
_CAUGHT = re.compile(
    r"\b(?:spot|spots|spotted|spotting|catch|catches|catching|caught|notice|noticed|noticing|"
    r"find|found|finding|flag|flagged|flagging)(?: (?!(?:so|and|but|then|i|we|when|because|"
    r"made|make)\b)\w+){0,3}? (?:mistakes?|errors?|typos?)\b"
)


def _claim(sentence: str) -> _Claim:
    text = _CAUGHT.sub("caught errors", normalise(american(sentence)))
    lacks = _LACKS.search(_AUDIENCE.sub(" ", text)) or _WISH.search(text)
    return _Claim(text, said_in(sentence), bool(_OWN.search(text)) and not lacks)


def described(strength: str, sentence: str) -> bool:
    """Does ``sentence`` claim ``strength`` in everyday words: each of the strength's
    words carried (:func:`_carriers`), each by a word of its own, said of the candidate
    ("I", "we"), and no lack or wish stated? A single sentence: the words of two cannot
    make one strength."""
    return _described(_units(strength), _claim(sentence))


def _described(strength: tuple[list[str], set[str]], claim: _Claim) -> bool:
    """:func:`described` for a strength's :func:`_units` and a sentence's :func:`_claim`."""
    if not claim.own:
        return False
    units, acronyms = strength
    # a head that says only that it is a skill ("lone working", "communication skills") is
    # described by the words for what the skill is ("I did rural calls by myself"), in a
    # sentence about work: "I talk to my kids every night" is no communication skill
    kept = [u for u in units if stem(u) not in _EMPTY_HEADS]
    if kept and len(kept) < len(units):
        if _PRIVATE.search(claim.text) and not _AT_WORK.search(claim.text):
            return False
        units = kept
    carriers = [
        _carriers(u, claim.said, claim.text, acronyms, [w for w in units if w != u]) for u in units
    ]
    # each word by a carrier of its own ("I love numbers" names no "data analysis")
    return bool(units) and any(len(set(pick)) == len(pick) for pick in itertools.product(*carriers))


def clauses(sentences: Sequence[str]) -> list[str]:
    """Each sentence and its clauses of at least MIN_CLAUSE_WORDS words."""
    out = [p for t in sentences for p in _CLAUSE_END.split(t) if len(p.split()) >= MIN_CLAUSE_WORDS]
    return [*out, *(t for t in sentences if t not in out)]


def strengths_named(
    sentences: Sequence[str], strengths: Sequence[str], encoder: Encoder | None = None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(named, missed) of ``strengths`` in the recap ``sentences``, in the profile's order.
    ``encoder`` (unit-length rows): also compare meanings (see ``SAME_MEANING_COSINE``).
    British and American spellings match alike (:mod:`.spelling`)."""
    import numpy as np

    said = said_in(" ".join(sentences))
    named = {s for s in strengths if names_strength(s, said)}
    claims = [_claim(t) for t in sentences]  # (each sentence read once)
    for s in strengths:
        units = _units(s)
        if s not in named and any(_described(units, c) for c in claims):
            named.add(s)
    rest = [s for s in strengths if s not in named]
    if encoder is not None and rest and sentences:
        pieces = clauses(sentences)
        # each side in both spellings, the closer pair kept: the model's cosines differ by
        # spelling ("reorganisations" 0.458, "reorganizations" 0.388 for the same answer,
        # trial 21), so neither the profile's spelling nor Whisper's decides
        cosines = np.maximum(
            *(
                encoder.encode([spell(s) for s in rest])
                @ encoder.encode([spell(p) for p in pieces]).T
                for spell in (american, british)
            )
        )
        named |= {
            s for s, row in zip(rest, cosines, strict=True) if row.max() >= SAME_MEANING_COSINE
        }
    return tuple(s for s in strengths if s in named), tuple(s for s in strengths if s not in named)


def credited_words(text: str, strengths: Sequence[str]) -> tuple[int, int] | None:
    """The first and last of ``text``'s words (places in ``text.split()``) that name any
    of ``strengths`` by their words (:func:`names_strength`), or None when none is: what a
    quote of ``text`` must show for the strengths it was credited with. Each strength's
    words are the shortest run ending where the words up to there first name it."""
    words = text.split()

    def names(strength: str, a: int, b: int) -> bool:
        return names_strength(strength, said_in(" ".join(words[a : b + 1])))

    spans = []
    for strength in strengths:
        end = next((b for b in range(len(words)) if names(strength, 0, b)), None)
        if end is not None:
            start = next(a for a in range(end, -1, -1) if names(strength, a, end))
            spans.append((start, end))
    return (min(a for a, _ in spans), max(b for _, b in spans)) if spans else None
