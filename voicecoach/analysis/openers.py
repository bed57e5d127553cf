"""Words that take the interviewer's prompt in without answering it yet: "That's a fair
point.", "Good question, let me think.", "I understand the concern.", "Yes, I do."

They say nothing of what the answer is about. The turn end (rehearsal/turn_end.py) waits
longer after an answer made only of them: the candidate is thinking what to say. The
concern check (analysis/concern.py) judges an answer's topic without them: "That's fair."
is as close to one doubt as to any, and it made an answer about hiking "on topic" for a
doubt about budgets (trial 9, stop 32).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from voicecoach.analysis.lexicon import normalise
from voicecoach.analysis.unfinished import words_of

# Matched clause by clause (commas and full stops), fillers ignored. Thanks are left out:
# "Thank you." may be the whole of a turn that asks for them.
_OPENER = re.compile(
    r"(yes|yeah|yep|sure|okay|ok|right|alright|all right|well|so|absolutely|of course|"
    r"definitely|certainly|great|good|fair|fair enough|i see|got it|understood|actually|"
    r"i (do|have|did)( have)?( some| a few| a couple| one| two)?( of)?( questions?| things?)?|"
    r"though|"
    r"(there's|there is|there are)( just)? (one|two|a few|a couple|something|one more|one last)"
    r"( of)?( more)?( things?| questions?)?|"
    r"(just )?one (more |last )?(thing|question)|"
    r"(that's|that is|it's|it is) (fair|true|understandable|reasonable|valid)( enough)?|"
    r"(that's|that is|it's|it is|what) an? (really |very )?"
    r"(good|great|fair|valid|reasonable|interesting|tough|important|excellent|big) "
    r"(point|question|concern|one|thing to ask)|"
    r"(a |really |very )?(good|great|fair|interesting|tough|excellent) (point|question|one)|"
    r"i (completely |totally |fully )?(understand|get|hear)"
    r"( (that|the|your|you)( (concern|worry|point|question|hesitation))?| it)?|"
    r"i (can )?see (why you('d| would) ask( that)?|your point|what you mean)|"
    r"i appreciate (that|the question|you asking|you raising (that|it)|the honesty|"
    r"your honesty|you being (so )?(honest|direct|candid|open)( about (that|it))?)|"
    r"thanks? (you )?for (asking|the question|raising (that|it)|bringing (that|it) up|"
    r"being (so )?(honest|direct|candid|open)( about (that|it))?)|"
    r"one (second|moment))( though)?",
)
_FILLERS = frozenset({"um", "uh", "er", "erm", "uhm", "ah", "hmm", "mm", "oh"})
_CLAUSE_BREAK = re.compile(r"[.,!?;:…]+|\s[-–—]\s")


def only_opens(text: str) -> bool:
    """Does ``text`` only take the prompt in, without beginning the answer yet? "That's
    a fair point.", "Good question, let me think.", "Yes, I do.": each clause an opener
    (:data:`_OPENER`) or a request for a moment (:func:`asks_for_time`)."""
    parts = _CLAUSE_BREAK.split(text.lower())
    if not any(c.strip() for c in parts):
        return False
    for clause, mark in zip(parts, [*_CLAUSE_BREAK.findall(text), ""], strict=True):
        words = " ".join(w for w in words_of(clause) if w not in _FILLERS)
        if words and not (_OPENER.fullmatch(words) or asks_for_time(words + mark.strip())):
            return False
    return True


# A yes that has more to come: "Yes.", "Yes I do.", "Yes, a couple.", "Yup, quick
# question.", "Actually, there's one thing." Read over the whole answer's words (normalised:
# "there's" is "there is", "I've" is "I have"), with at least one word of yes or of a thing
# to come: "Definitely." or "Good, actually." to "How are you feeling about the role?" is
# the answer itself (a review, stop 33).
_YES_WORD = (
    r"(?:yes|yeah|yep|yup|sure|i do have|i do|i did|i have got|i have|i got|there is|there are)"
)
_KEEN = r"(?:actually|absolutely|definitely|certainly|of course|just|well|oh|um|uh|er|so|okay|ok)"
_AMOUNT = (
    r"(?:(?:just |one |a )?(?:a|an|one|two|three|a few|a couple|some|something|a quick|quick|"
    r"a small|one quick|one more|one last|another))(?: of)?(?: more| last| quick| small| other)?"
    r"(?: (?:questions?|things?|points?|thoughts?|comments?|ones?|more))?"
)
_YES_MORE = re.compile(
    rf"^(?:{_KEEN} )*(?:{_YES_WORD}(?: (?:{_KEEN}|{_YES_WORD}))*(?: {_AMOUNT})?|{_AMOUNT})"
    rf"(?: (?:{_KEEN}|yes|if i may|if that is okay|if that is ok|for you|please))*$"
)
_MARKS = re.compile(r"[,.;:!?…]")


def says_yes(texts: Sequence[str]) -> bool:
    """Do these sentences say yes and stop there, with the thing they have to add or ask
    still to come? ("Yes.", "Yes I do.", "Yes, a couple.", "Actually, there's one thing.").
    The interviewer then says "Go ahead." (rehearsal/reactions.py) instead of taking the
    yes for the answer (a trial: "Yes." to "Anything you'd like to add?" went straight to
    the goodbye)."""
    words = " ".join(_MARKS.sub(" ", normalise(" ".join(texts))).split())
    return words not in ("", "a", "an") and bool(_YES_MORE.match(words))


# Words that ask for a moment to think: the coaching itself advises saying them instead of
# going silent, so the pause after them is not flagged (trial 9: "Good question, let me
# think." then 3.5 s drew "say 'Let me think about that' rather than going silent"), and
# the turn end waits for the thinking (rehearsal/turn_end.py). On normalised text
# (lexicon.normalise: "that's" is "that is").
ANNOUNCES_THINKING = re.compile(
    r"\b(let me (just )?(think|see|consider|gather my thoughts|collect my thoughts)|"
    r"give me an? (second|moment|sec|minute)|bear with me|"
    r"(good|great|tough|difficult|hard|interesting) question|"
    r"(that is|it is) an? (really |very )?(good|great|tough|difficult|hard|fair|interesting) "
    r"question)"
    r"( about (that|this|it)( one)?)?( for an? (second|moment|sec|minute|bit))?"
    r"( here| now| though)?\b"
)
# A courtesy after the request ("Good question, thank you.") leaves it the last thing said.
_POLITE_TAIL = re.compile(r"(?:,?\s*(?:thank you|thanks)(?: so much| very much)?)$")
_LAST_SENTENCE = re.compile(r"[.?!…]+\s+")


def asks_for_time(text: str) -> bool:
    """Do ``text``'s words end by asking for a moment ("..., let me think about that for a
    second.", "Good question.")? Only when the request opens its clause and nothing but a
    "thank you" follows it: "That's a great question, I'd say ..." has begun the answer,
    and "Thanks for the great question." asks for nothing (a review, stop 32). Or when
    the last sentence opens with a request's first words, the rest of it misheard
    (:func:`_opens_with_request`)."""
    sentences = [t for t in _LAST_SENTENCE.split(text.strip()) if t.strip(" .?!…")]
    if not sentences:
        return False
    last = _POLITE_TAIL.sub("", normalise(sentences[-1]).strip(" ,.?!")).strip(" ,")
    if _ends_with_request(last):
        return True
    return not sentences[-1].rstrip().endswith("?") and _opens_with_request(last)


def _ends_with_request(clause: str) -> bool:
    """Does normalised ``clause`` end on a request for a moment that opens its clause?"""
    for m in ANNOUNCES_THINKING.finditer(clause):
        opens = m.start() == 0 or clause[: m.start()].rstrip().endswith(",")
        if opens and m.end() == len(clause):
            return True
    return False


# The first words of a request for a moment, which Whisper hears even where it mishears
# the rest: trial 20's "Hmm, let me think about that." came out as "Um, let me think I'm
# out and out.", and a TTS "Let me think about that." as "Let me think I'm out of that."
# (tiny.en). Not "good question": "Good question, the team ..." begins the answer; nor "a
# second", which opens "a second interview" (a request when it is all: _OPENER).
_REQUEST_OPENING = re.compile(
    r"(let me (just )?(think|see|consider|gather my thoughts|collect my thoughts)|"
    r"give me (just )?(an?|one) (second|moment|sec|minute)|bear with me|hold on)\b"
)
# Words after those that may still be the request's own, misheard: no more than its
# longest usual tail, "about that one for a moment" (on normalised text, where "I'm" is
# two words). More is an answer begun: "Let me think of an example I have from Acme ...".
_REQUEST_TAIL_WORDS = 6


def _opens_with_request(sentence: str) -> bool:
    """Does normalised ``sentence``'s last clause open with a request's first words and go
    on no longer than a request does, after clauses that only take the prompt in? "Um,
    let me think I'm out and out." (a mishearing) and "Let me think of an example I
    have." ask for time; "Let me see, I would love this job." has begun the answer."""
    clauses = [c.strip() for c in sentence.split(",") if c.strip()]
    if not clauses:
        return False
    *before, last = clauses
    if not all(_OPENER.fullmatch(c) or _ends_with_request(c) for c in before):
        return False
    m = _REQUEST_OPENING.match(last)
    return m is not None and len(last[m.end() :].split()) <= _REQUEST_TAIL_WORDS


def says_request(text: str) -> bool:
    """Does ``text`` ask for a moment anywhere, in words that open one of its clauses
    ("Hmm, let me think I'm out and out.", "Good question. I led ...")? The coaching then
    does not tell the candidate to say what they said (trial 20)."""
    clauses = (normalise(c) for c in _CLAUSE_BREAK.split(text))
    return any(ANNOUNCES_THINKING.match(c) or _REQUEST_OPENING.match(c) for c in clauses)
