"""British and American spellings of the same word, made one before words are compared.

Whisper (tiny.en) writes American spelling; a profile is typed in the user's own. A
strength typed "reorganisations" and an answer heard as "reorganizations" are the same
word, but the sentence model's cosines for them differ (0.458 and 0.388 against a bar of
0.42, trial 21). :func:`american` writes the common British patterns the American way:
-ise/-isation (the verbs spelled -ise on both sides kept: "advise", "exercise"), -yse,
-our, -re, a doubled l before an ending ("modelling"), ae/oe in medical words, and a few
single words ("programme", "licence", "judgement"). :func:`british` writes the same words
the British way, so that a comparison can take whichever spelling suits the model best on
both sides at once (:func:`spellings`).

Pure: word by word, case kept ("Organisation" -> "Organization").
"""

from __future__ import annotations

import re
from collections.abc import Callable

_WORD = re.compile(r"[A-Za-z]+")


def _listed(words: str) -> tuple[str, ...]:
    return tuple(words.split())


# Spelled -ise the same in American English: never -ize
_ISE_BOTH = frozenset(
    _listed("""advertise advise apprise appraise arise chastise circumcise comprise compromise
    concise demise despise devise disguise enterprise excise exercise expertise franchise
    improvise incise merchandise precise premise promise reprise revise rise surmise
    surprise supervise televise treatise wise otherwise likewise noise poise praise raise
    cruise bruise paradise guise anise valise chemise cerise marquise mortise tortoise
    porpoise louise denise elise eloise exorcise sunrise moonrise uprise turquoise
    mayonnaise malaise chaise liaise polonaise""")
)
# ...and the words made of the longer ones ("disenfranchise", "unsupervised"); not "rise",
# which ends "authorise" and "theorise"
_ISE_ENDS = tuple(w for w in _ISE_BOTH if len(w) >= 7)
# Spelled -ize the same in British English: never -ise
_IZE_BOTH = frozenset(
    _listed("""size seize prize capsize downsize upsize oversize resize maize baize assize outsize
    supersize""")
)
_ISE = re.compile(r"^([a-z]{3,})is(e|es|ed|ing|er|ers|ation|ations|ational)$")
_IZE = re.compile(r"^([a-z]{3,})iz(e|es|ed|ing|er|ers|ation|ations|ational)$")
_YSE = re.compile(r"^(anal|paral|catal|dial|electrol|hydrol)ys(e|ed|ing|er|ers)$")
_YZE = re.compile(r"^(anal|paral|catal|dial|electrol|hydrol)yz(e|ed|ing|er|ers)$")
# -our words, and what is made of them with these endings ("behavioural", "favourite",
# "neighbourhood"; not "laborious" or "honorary", the same on both sides)
_OUR_ENDINGS = frozenset(
    _listed("s ed ing ings er ers ful fully less able ably ite ites hood hoods al ally ism ly")
) | {""}
_OUR = _listed(
    """behaviour colour favour honour labour neighbour flavour humour harbour rumour savour
    vapour vigour endeavour armour odour parlour splendour candour clamour tumour saviour
    valour rigour fervour ardour demeanour"""
)
# -re words, alone or after a few prefixes ("kilometre", "epicentre"; not "cluster"), as
# their stems before the ending
_RE_STEMS = (
    "(?:kilo|centi|milli|epi|amphi|data)?(?:cent|met|lit|theat|fib|calib|somb|spect|meag|lust|sab)"
)
_RE = re.compile(rf"^({_RE_STEMS})(re|res|red|ring)$")
_ER = re.compile(rf"^({_RE_STEMS})(er|ers|ered|ering)$")
_RE_ENDINGS = {"re": "er", "res": "ers", "red": "ered", "ring": "ering"}
_ER_ENDINGS = {us: uk for uk, us in _RE_ENDINGS.items()}
# verbs whose l is doubled before an ending in British spelling only ("travelled")
_LL = _listed(
    """travel cancel model label level fuel counsel signal total channel funnel marshal tunnel
    shovel equal dial pencil quarrel rival jewel libel unravel grovel marvel panel initial
    chisel enamel refuel"""
)
_LL_ENDINGS = (("led", "ed"), ("ling", "ing"), ("ler", "er"), ("lers", "ers"), ("lor", "or"),
               ("lors", "ors"))  # fmt: skip
# medical words: British ae/oe, American e (a word beginning so, or "orthopaedic")
_AE = (
    ("orthopaed", "orthoped"), ("paediatric", "pediatric"), ("anaemi", "anemi"),
    ("anaesth", "anesth"), ("haemat", "hemat"), ("haemo", "hemo"), ("gynaec", "gynec"),
    ("leukaem", "leukem"), ("oestrogen", "estrogen"), ("oedema", "edema"), ("foetus", "fetus"),
    ("foetal", "fetal"), ("encyclopaed", "encycloped"), ("diarrhoe", "diarrhe"),
    ("caesarean", "cesarean"),
)  # fmt: skip
_WORDS = {
    "programme": "program", "programmes": "programs", "catalogue": "catalog",
    "catalogues": "catalogs", "analogue": "analog", "licence": "license", "licences": "licenses",
    "defence": "defense", "defences": "defenses", "offence": "offense", "offences": "offenses",
    "pretence": "pretense", "grey": "gray", "aluminium": "aluminum", "enrol": "enroll",
    "enrols": "enrolls", "enrolment": "enrollment", "enrolments": "enrollments",
    "fulfil": "fulfill", "fulfils": "fulfills", "fulfilment": "fulfillment",
    "skilful": "skillful", "wilful": "willful", "instalment": "installment",
    "instalments": "installments", "judgement": "judgment", "judgements": "judgments",
    "acknowledgement": "acknowledgment", "acknowledgements": "acknowledgments",
    "ageing": "aging", "manoeuvre": "maneuver", "manoeuvres": "maneuvers",
    "practise": "practice", "practises": "practices", "practised": "practiced",
    "practising": "practicing", "jewellery": "jewelry", "marvellous": "marvelous",
}  # fmt: skip
_WORDS_BACK = {us: uk for uk, us in _WORDS.items() if us not in ("practice", "practices")}


def _american_word(w: str) -> str:
    if w in _WORDS:
        return _WORDS[w]
    m = _ISE.match(w)
    if m and not _spelled_ise(m.group(1) + "ise"):
        return f"{m.group(1)}iz{m.group(2)}"
    m = _YSE.match(w)
    if m:
        return f"{m.group(1)}yz{m.group(2)}"
    for base in _OUR:
        if w.startswith(base) and w[len(base) :] in _OUR_ENDINGS:
            return base[:-2] + "r" + w[len(base) :]
    m = _RE.match(w)
    if m:
        return m.group(1) + _RE_ENDINGS[m.group(2)]
    for base in _LL:
        for uk, us in _LL_ENDINGS:
            if w == base + uk:
                return base + us
    for uk, us in _AE:
        if w.startswith(uk):
            return us + w[len(uk) :]
    return w


def _british_word(w: str) -> str:
    w = _american_word(w)  # one spelling first: British input stays British
    if w in _WORDS_BACK:
        return _WORDS_BACK[w]
    m = _IZE.match(w)
    if m and m.group(1) + "ize" not in _IZE_BOTH and not _spelled_ise(m.group(1) + "ise"):
        return f"{m.group(1)}is{m.group(2)}"
    m = _YZE.match(w)
    if m:
        return f"{m.group(1)}ys{m.group(2)}"
    for base in _OUR:
        us = base[:-2] + "r"
        if w.startswith(us) and w[len(us) :] in _OUR_ENDINGS:
            return base + w[len(us) :]
    m = _ER.match(w)
    if m:
        return m.group(1) + _ER_ENDINGS[m.group(2)]
    for base in _LL:
        for uk, us in _LL_ENDINGS:
            if w == base + us:
                return base + uk
    for uk, us in _AE:
        if w.startswith(us):
            return uk + w[len(us) :]
    return w


def _spelled_ise(word: str) -> bool:
    """Is ``word`` (ending -ise) spelled so in American English too ("advise")?"""
    return word in _ISE_BOTH or word.endswith(("wise", *_ISE_ENDS))


def _each_word(text: str, change: Callable[[str], str]) -> str:
    def one(m: re.Match[str]) -> str:
        word = m.group(0)
        lower = word.lower()
        new = change(lower)
        if new == lower:
            return word
        if word.isupper() and len(word) > 1:
            return new.upper()
        return new[0].upper() + new[1:] if word[0].isupper() else new

    return _WORD.sub(one, text)


def american(text: str) -> str:
    """``text`` with British spellings written the American way ("organisation" ->
    "organization", "behaviour" -> "behavior", "modelling" -> "modeling")."""
    return _each_word(text, _american_word)


def british(text: str) -> str:
    """``text`` with the same words written the British way (the inverse of
    :func:`american`; "size", "advise" and the like stay as they are)."""
    return _each_word(text, _british_word)


def spellings(text: str) -> tuple[str, str]:
    """(American, British): the same for any spelling of ``text``."""
    return american(text), british(text)
