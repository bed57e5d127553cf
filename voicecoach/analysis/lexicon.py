"""Text normalisation shared by the move rules, the checks and the delivery markers."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence

from voicecoach.analysis.names import TITLES, is_given_name

_CONTRACTIONS = (
    (r"\bcan't\b", "can not"),
    (r"\bwon't\b", "will not"),
    (r"\bshan't\b", "shall not"),
    (r"\blet's\b", "let us"),
    (r"\b(\w+)n't\b", r"\1 not"),
    (r"\bi'm\b", "i am"),
    (r"\b(\w+)'re\b", r"\1 are"),
    (r"\b(\w+)'ve\b", r"\1 have"),
    (r"\b(\w+)'ll\b", r"\1 will"),
    (r"\b(\w+)'d\b", r"\1 would"),
    (r"\b(what|that|it|there|here|how|who|where|when|why|which|he|she|this)'s\b", r"\1 is"),
    # typed or transcribed without the apostrophe ("whats the timeline", "im keen", "id love
    # to"); not the nouns "the hows and whys"; "id" / "ill" only before a verb ("photo id",
    # "ill health" stay) and not after a word that makes them the noun or the adjective
    # (_BARE_NOT: "patients who are ill need rest", "bring your id"), see _bare; the other
    # bare words are in _BARE_WORDS
    (
        r"\b(?<!\bthe )(?<!s and )(?<!s and the )(what|that|how|who|where|there|here)s\b"
        r"(?! and (?:the )?(?:what|how|why|who|where|when)s\b)",
        r"\1 is",
    ),
    (
        r"(?:\b(?P<before>\w+) )?\bid (?=(?:really |also |just |definitely |still |probably |"
        r"honestly |so |very much )*"
        r"(?:love|like|be|want|need|say|imagine|hope|expect|bring|have|enjoy|welcome|appreciate|"
        r"prefer|add|start|make|do|go|get|take|feel|think|rather|fit|relish|jump)\b)",
        "i would ",
    ),
    (
        r"(?:\b(?P<before>\w+) )?\bill (?=(?:really |also |just |definitely |still |probably |"
        r"certainly |gladly )*(?:be|"
        r"have|do|need|get|make|bring|send|start|take|follow|keep|give|let|work|wait|look|"
        r"talk|see|try|put|hit|learn|prepare)\b)",
        "i will ",
    ),
)
# Words after which a bare "ill" is the adjective and a bare "id" the noun, not "I'll" /
# "I'd": a copula or linking verb ("who are ill", "fell ill"), a word of degree ("very
# ill"), or a determiner or possessive ("the id", "your id", "the ill").
_BARE_NOT_WORDS = (
    "am is are was were be been being off fall falls fell fallen falling taken feel feels felt "
    "feeling "
    "get gets got getting gotten become becomes became becoming look looks looked seem seems "
    "seemed very too really seriously critically terminally chronically mentally gravely "
    "quite rather pretty severely acutely desperately the a an my your his her its our their "
    "this photo staff user employee student badge valid no session patient customer"
)
_BARE_NOT = frozenset(_BARE_NOT_WORDS.split())


def _bare(repl: str) -> Callable[[re.Match[str]], str]:
    """A replacement that keeps the bare word after a word in :data:`_BARE_NOT`."""

    def sub(m: re.Match[str]) -> str:
        before = m.group("before")
        if before in _BARE_NOT:
            return m.group(0)
        return (f"{before} " if before else "") + repl

    return sub


_COMPILED = tuple((re.compile(p), _bare(r) if "(?P<before>" in p else r) for p, r in _CONTRACTIONS)
# ...and the bare words that are no other word (not "its", "well", "were", "shed", "hell")
_NOT = ("do", "does", "did", "is", "are", "was", "were", "has", "have", "had", "could", "would")
_BARE_WORDS = {
    **{f"{w}nt": f"{w} not" for w in (*_NOT, "should", "must", "need")},
    **{f"{w}re": f"{w} are" for w in ("you", "they")},
    **{f"{w}ve": f"{w} have" for w in ("i", "you", "we", "they")},
    **{f"{w}ll": f"{w} will" for w in ("you", "they")},
    **{f"{w}d": f"{w} would" for w in ("you", "they")},
    "im": "i am",
    "cant": "can not",
    "wont": "will not",
}
_BARE = re.compile(r"\b(?:" + "|".join(_BARE_WORDS) + r")\b")
# A capitalised "Im" is the surname, not "I'm": after a title ("Thanks, Mr Im", "Dr. Im
# said"), after a given name where a sentence could not go on with "I'm" (_NAME_ENDS: "Dana
# Im.", "Dana Im's team", "Dana Im said"), or ending a sentence ("Thank you, Im."). After a
# given name and words of the sentence it is "I'm" ("Thanks Tom Im very keen"), and so after
# a full stop ("Thank you, Sarah. Im keen"). It is kept from the bare words as
# "i" + _KEPT + "m" and joined again after them.
_NAMED_IM = re.compile(r"(?:\b(?P<before>[A-Za-z]+)(?P<stop>\.)? )?\bIm\b")
_ENDS_HERE = re.compile(r"[.?!]|\s*$")
# What follows a surname and never "I'm": punctuation, the end, a possessive, or a verb
# of the third person ("Dana Im said", "Dana Im is", "Dana Im will").
_NAME_ENDS = re.compile(
    r"\s*(?:[.,;:?!)]|$)|['\u2019]s\b|\s+(?:said|says|is|was|has|had|will|would|can|could|"
    r"mentioned|mentions|asked|asks|told|tells|explained|explains|described|suggested|"
    r"thinks|thought|knows|knew|leads|led|runs|ran|manages|managed|works|worked|wrote|"
    r"writes|spoke|speaks|talked|talks|joined|joins|does|did)\b"
)
_KEPT = "\u2060"  # a word joiner: no word character, so _BARE's "\bim\b" passes it by


def _keep_named_im(text: str) -> str:
    """``text`` with each "Im" that is a name (:data:`_NAMED_IM`) kept from the bare words."""

    def sub(m: re.Match[str]) -> str:
        before = m.group("before") or ""
        given = not m.group("stop") and before[:1].isupper() and is_given_name(before)
        named = (
            before.lower() in TITLES
            or (given and _NAME_ENDS.match(text, m.end()) is not None)
            or _ENDS_HERE.match(text, m.end()) is not None
        )
        return m.group(0)[:-2] + f"I{_KEPT}m" if named else m.group(0)

    return _NAMED_IM.sub(sub, text)


_WITH_APOSTROPHE = sum("'" in p for p, _ in _CONTRACTIONS)  # the first ones
# Spoken fillers removed before the rules read a sentence.
_FILLER_WORDS = re.compile(r"\b(?:u+m+|u+h+|e+r+m*|a+h+|h+m+|mm+|uh-huh)\b")
# Words that hedge a claim (on normalised text): an interest statement with one is not
# "said plainly", and a recap with one is no evidence for a raised doubt.
HEDGED = re.compile(
    r"\b(?:i think maybe|i guess maybe|i think|i guess|i suppose|maybe|perhaps|kind of|sort of|"
    r"probably|hopefully|might|"
    r"somewhat|a bit|a little|possibly|i feel like|if that is okay|not sure|i believe)\b"
)
_PUNCT = re.compile(r"[^\w\s,?%$'-]")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower case, straight quotes, contractions expanded, fillers and most punctuation gone.

    Commas and question marks stay: the question rules split clauses on commas.
    """
    s = _keep_named_im(text) if "Im" in text else text
    s = s.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    s = (
        s.replace("\u201c", '"')
        .replace("\u201d", '"')
        .replace("\u2014", ",")
        .replace("\u2013", ",")
    )
    s = s.replace(" - ", ", ").replace(";", ",").replace(":", ",")
    if "'" in s:
        for pattern, repl in _COMPILED[:_WITH_APOSTROPHE]:
            s = pattern.sub(repl, s)
    for pattern, repl in _COMPILED[_WITH_APOSTROPHE:]:
        s = pattern.sub(repl, s)
    s = _BARE.sub(lambda m: _BARE_WORDS[m.group(0)], s).replace(_KEPT, "")
    s = _FILLER_WORDS.sub(" ", s)
    s = _PUNCT.sub(" ", s)
    s = re.sub(r"\s*,[\s,]*", ", ", s)
    s = re.sub(r"\s*\?", "?", s)
    s = _SPACES.sub(" ", s).strip(" ,")
    return s


def said_at(pieces: Sequence[str], words: Sequence[str], at: int) -> tuple[int, int] | None:
    """Which of ``pieces`` (a sentence's words or tokens, as written) say ``words``
    (normalised) starting at word ``at`` of their normalised words: (first, last) piece;
    the first place they are said when the words there differ; None when nowhere."""
    said = [(w.strip(",?"), i) for i, p in enumerate(pieces) for w in normalise(p).split()]
    plain, n = [w for w, _ in said], len(words)
    places = [i for i in range(len(plain) - n + 1) if plain[i : i + n] == list(words)]
    if n == 0 or not places:
        return None
    start = at if at in places else places[0]
    return said[start][1], said[start + n - 1][1]


def words_of(text: str) -> list[str]:
    """Bare lower-case words (apostrophes kept) of a normalised or raw text."""
    return re.findall(r"[a-z0-9%$][a-z0-9%$'-]*", text.lower())


def edit_distance(a: Sequence[Hashable], b: Sequence[Hashable], limit: int | None = None) -> int:
    """Levenshtein distance of two sequences (letters of a word, words of a sentence); with
    ``limit``, ``limit + 1`` as soon as it is sure to exceed ``limit``."""
    cap = len(a) + len(b) if limit is None else limit
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > cap:
            return cap + 1
        prev = cur
    return prev[-1]


def stem(word: str) -> str:
    """A crude stem good enough to match "forecasting" with "forecasts"."""
    w = word.lower()
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s", "ly"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)][:6]
    return w[:6]


# Words that say nothing about a topic, ignored when matching a concern or a strength.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "you",
        "your",
        "i",
        "my",
        "me",
        "we",
        "our",
        "that",
        "this",
        "it",
        "is",
        "are",
        "was",
        "have",
        "has",
        "not",
        "no",
        "any",
        "about",
        "at",
        "as",
        "be",
        "been",
        "before",
        "do",
        "does",
        "did",
        "from",
        "how",
        "what",
        "when",
        "who",
        "why",
        "there",
        "their",
        "they",
        "them",
        "so",
        "just",
        "very",
        "really",
    ]
)
