"""What the rules see in a sentence, as numbers for the verdict model.

The rules' final labels are brittle on their own (a fixed lexicon misses "Am I your
pick?"), but their parts -- a doubt word, a first-person subject, a next-steps phrase,
auxiliary inversion -- are strong evidence. The model in
:mod:`voicecoach.analysis.semantic` reads these beside the sentence embedding and decides.
Pure Python: no numpy here, so the rules stay importable without it.
"""

from __future__ import annotations

import re
import zlib
from itertools import pairwise

from voicecoach.analysis import rules
from voicecoach.analysis.lexicon import normalise
from voicecoach.analysis.questions import question_of

# Order matters: the trained weights expect exactly these, in this order.
FEATURES = (
    "rule_question",
    "rule_concerns",
    "rule_recap",
    "rule_interest",
    "rule_ask_for_job",
    "rule_thanks",
    "rule_open",
    "rule_yes_no",
    "question_mark",
    "question_prefix",
    "interviewer_line",
    "doubt_word",
    "self_reference",
    "any_doubt",
    "invite",
    "recap_text",
    "recap_denied",
    "interest_text",
    "interest_denied",
    "want",
    "next_steps",
    "next_denied",
    "ask_phrase",
    "request_frame",
    "sign_off",
    "thanks_word",
    "thanks_denied",
    "opens_wh",
    "opens_aux",
    "wh_anywhere",
    "if_whether",
    "negation",
    "second_person",
    "short",
)
_WH_OPEN = re.compile(r"^(?:\w+ ){0,3}(?:what|how|when|where|who|which|why)\b")
_AUX_OPEN = re.compile(
    r"^(?:\w+ ){0,3}(?:do|does|did|is|are|was|were|am|can|could|would|will|should|may|"
    r"have|has) (?:not )?(?:you|we|i|there|it|they|this|that|the|my|your|anyone|someone)\b"
)
_WH_ANY = re.compile(r"\b(?:what|how|when|where|who|which|why)\b")
_IF = re.compile(r"\b(?:if|whether)\b")
_NEG = re.compile(r"\b(?:not|no|never|nothing|nobody)\b")
_YOU = re.compile(r"\b(?:you|your|yours)\b")
SHORT_WORDS = 4  # "thanks so much" and "am i your pick" are short; the flag helps both


def rule_features(text: str) -> list[float]:
    """One value per name in :data:`FEATURES` (0 or 1)."""
    n = normalise(text)
    lab = rules.label(text)
    q = question_of(text, n)
    flat = n.replace(",", "")
    values = (
        "question" in lab.moves,
        "concerns" in lab.moves,
        "recap" in lab.moves,
        "interest" in lab.moves,
        "ask_for_job" in lab.moves,
        "thanks" in lab.moves,
        lab.question_form == "open",
        lab.question_form == "yes_no",
        "?" in text,
        bool(q.prefix),
        bool(rules._INTERVIEWER.search(n)),
        bool(rules._DOUBT.search(n)),
        bool(rules._SELF.search(n)),
        bool(rules._ANY_DOUBT.search(n)),
        bool(rules._INVITE.search(n)),
        rules._recap_text(n),
        bool(rules._RECAP_NOT.search(flat)),
        rules._interest_text(n),
        bool(rules._INTEREST_NOT.search(flat)),
        bool(rules._WANT.search(flat)),
        bool(rules._NEXT_STEPS.search(n)),
        bool(rules._NEXT_NOT.search(n)),
        bool(rules._ASK_JOB.search(n)),
        bool(rules._REQUEST.search(n)),
        bool(rules._SIGN_OFF.search(n)),
        bool(rules._THANKS.search(n)),
        bool(rules._THANKS_NOT.search(n)),
        bool(_WH_OPEN.search(flat)),
        bool(_AUX_OPEN.search(flat)),
        bool(_WH_ANY.search(n)),
        bool(_IF.search(n)),
        bool(_NEG.search(n)),
        bool(_YOU.search(n)),
        len(n.split()) <= SHORT_WORDS,
    )
    return [1.0 if v else 0.0 for v in values]


HASH_BUCKETS = 1024  # word and word-pair buckets (collisions are rare at a few thousand words)
_WORD = re.compile(r"[a-z0-9']+")


def word_buckets(text: str) -> list[int]:
    """Hashed bucket of each word and each adjacent word pair of the normalised sentence."""
    words = _WORD.findall(normalise(text))
    grams = words + [f"{a} {b}" for a, b in pairwise(words)]
    return sorted({zlib.crc32(g.encode("utf-8")) % HASH_BUCKETS for g in grams})
