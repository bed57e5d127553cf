"""A request about the conversation itself: to hear the prompt again, or to start over.

"Sorry, could you repeat that?", "Can you say the question again?", "Pardon?", "Sorry, I
didn't catch that.", "Can I start over?". Each is a question by its syntax, but it asks
nothing about the role: no final question, no topic to answer, and no ask for the job (a
trial's "Can I start over?" was ticked as asking for the next step, and "Sorry, could you
repeat that?" counted as a final question and got a reply about the team). A person would
say the line again, and so does the interviewer (rehearsal/conversation.py).

Only the whole sentence counts, said with nothing else but a "sorry" or a "please":
"Could you repeat the part about the team's targets?" asks about the targets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from voicecoach.analysis.lexicon import normalise

_POLITE = (
    r"(?:(?:sorry|pardon|excuse me|um|uh|er|oh|so|okay|ok|yeah|actually|i am sorry|sorry about "
    r"that|my apologies|apologies) )*"
)
_AGAIN = r"(?: (?:again|one more time|once more))?(?: for me)?"
_WHAT = (
    r"(?:that|it|this|the question|your question|the last (?:part|bit|question)|what you said|"
    r"that last (?:part|bit|question))"
)
_VERB = r"(?:repeat|rephrase|say|ask|read|go over|run through|run by me)"
_NOT = r"(?:did not|didnt|do not think i|could not|couldnt)"
_REQUEST = (
    rf"(?:(?:could|can|would|will) you (?:please |just )?{_VERB} {_WHAT}{_AGAIN}"
    rf"|(?:could|can|would|will) you (?:please )?repeat{_AGAIN}"
    rf"|would you mind (?:repeating|rephrasing|saying|going over) {_WHAT}{_AGAIN}"
    rf"|(?:please )?(?:repeat|rephrase|say) {_WHAT}{_AGAIN}"
    r"|what was (?:that|the question|your question)(?: again)?"
    rf"|i {_NOT} (?:quite )?(?:catch|hear|get|understand)(?: (?:{_WHAT}|you|all of that|all that))?"
    r"(?: (?:properly|clearly|there|sorry))*"
    r"|i missed (?:that|the question|your question|what you said)"
    r"|you (?:cut|broke) (?:out|up)(?: there| a bit| for a (?:second|moment))?"
    r"|(?:can|could|may) i (?:please )?(?:start|begin|try|do) (?:that |it |this |my answer )?"
    r"(?:over|again|from the (?:start|beginning|top))"
    r"|(?:can|could|may) i (?:have|take) (?:another|a second) (?:go|try|shot)(?: at (?:that|it))?"
    r"|(?:let me|i would like to|i want to) (?:start|try|begin) (?:that |it )?(?:over|again)"
    r"|one more time|come again|pardon(?: me)?|excuse me|sorry)"
)
# the request, perhaps with a second one or a reason after it ("could you repeat that i
# didn't quite hear", as Whisper writes it run together)
_ASIDE = re.compile(rf"^{_POLITE}{_REQUEST}(?: {_POLITE}{_REQUEST})*(?: please)?$")


def only_asks_to_repeat(texts: Sequence[str]) -> bool:
    """Did an answer (its sentences, ``texts``) only ask to hear the line again, or to
    start over? It answered nothing then: the line is said again, and its turn is not
    judged (rehearsal.conversation, analysis.turn_checks, the doubt in analysis.analyzer)."""
    said = [t for t in texts if t.strip()]
    return bool(said) and all(asks_to_repeat(t) for t in said)


def asks_to_repeat(text: str) -> bool:
    """Does the sentence ``text`` only ask to hear the prompt again, or to start over?"""
    words = " ".join(_MARKS.sub(" ", normalise(text)).split())
    return bool(words) and bool(_ASIDE.match(words))


_MARKS = re.compile(r"[,.;:!?…]")


__all__ = ["asks_to_repeat", "only_asks_to_repeat"]
