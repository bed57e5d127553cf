"""Where one sentence of a timed transcript holds two questions, cut it in two.

The recogniser often writes a comma, or nothing, where the speaker ended one question and
paused before the next: "is the store open on holidays, do assistant managers get the
staff discount, and would I be working mornings" was three questions, each asked after a
pause. Typed, the same words are one question ("Is it hybrid, and would I get a mentor?"
asks once), so the words alone cannot tell; the pause can. A sentence is cut before a
clause that asks a question of its own (an auxiliary before its subject, or a wh-word
before one) when the words before it since the last cut already ask a question and the
speaker paused before it. After a statement, only an ask about the outcome in statement
order is cut off: "For me this restaurant is a dream, really, <pause> when I can know if I
am chosen" (the recogniser's run-on of "... really. When I can know if I am chosen?", said
by the Festival voice); the pause does what a full stop would. A time or relative clause
after a pause stays on ("I'd be glad to start in March, <pause> when I can hand over my
projects", "a company like yours, <pause> where I can grow"): read alone it would be a
question too, but a hesitant speaker pauses there often. Text without word timings is
never cut.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from voicecoach.analysis.lexicon import normalise
from voicecoach.analysis.questions import (
    MIN_RUN_ON_WORDS,
    clause_lead,
    independent_question,
    question_of,
    says_when,
    uninverted_ask,
    uninverted_question,
)
from voicecoach.analysis.sentences import Span, Token, join_tokens

# A silence between words at least this long before the second clause marks a new
# question. Where Whisper wrote a comma for a question mark of the text the two TTS voices
# read (espeak-ng, Festival), 92-100% of the gaps reach it; at a comma of the text 24-37%.
QUESTION_PAUSE_S = 0.25
# Words that may stand between the first question and the second ("..., and, um, is it").
# Not "or": "do analysts hunt threats, or is it all triage" offers alternatives, one question.
_LEAD_WORDS = frozenset({"and", "so", "also", "but", "then", "oh", "okay", "ok"})
# A clause put as another way of asking the question before it, not a new one: after
# "like", "I mean", "sorry" ("what's the on-call thing, like, how often are you on call"),
# or, after a wh-question, an either/or question on "it" that offers the answers to it
# ("how is the programme decided, is it the branch or the central team").
_REPHRASES = re.compile(r"^(?:like|i mean|sorry|you know|or rather|that is|in other words)\b")
# After a pause and a question, "do"/"does"/"did" opens the next one whatever its subject
# ("..., do assistant managers get the discount"); "do let me know" is a request.
_DO_QUESTION = re.compile(r"^(?:do|does|did) (?!let\b)\w+ \w+")
# A wh-phrase with no verb of its own is the object the next clause asks about ("how many
# days of holiday, <pause> do you get?": trial 24 heard two questions and got two replies,
# one of them to "do you get?")
_FRONTED = re.compile(
    r"^(?:(?:and|so|oh|okay|also|um|uh) )*(?:how (?:many|much|long|often)|what|which|whose)\b"
)
_FINITE = re.compile(
    r"\b(?:is|are|was|were|am|do|does|did|can|could|will|would|should|shall|may|might|must|"
    r"has|have|had|happens?|works?|looks?|means?)\b"
)
_OFFERS_ANSWERS = re.compile(r"^(?:is|was|would|will|does|did) (?:it|that|this) (?:be )?.*\bor\b")


def split_questions(spans: Sequence[Span]) -> list[Span]:
    """``spans`` with each sentence that asks two questions cut where the second starts."""
    return [piece for span in spans for piece in _pieces(span)]


def _pieces(span: Span) -> list[Span]:
    tokens = span.tokens
    if len(tokens) < 2 * MIN_RUN_ON_WORDS or any(t.start_s is None for t in tokens):
        return [span]
    out: list[Span] = []
    start = 0
    for j in range(1, len(tokens)):
        # a piece cut off before is a question already, whatever question_of makes of it
        if _asks_again(tokens[start:j], tokens[j:], _pause_before(tokens, j), start > 0):
            cut = _restart_at(tokens, start, j)
            out.append(Span(tokens[start:cut]))
            start = cut
    out.append(Span(tokens[start:]))
    return out


def _restart_at(tokens: Sequence[Token], start: int, j: int) -> int:
    """Where the question cut off at ``j`` starts: before its first word where the speaker
    said it before the pause too ("..., what, <pause> um, what are the next steps")."""
    words = [normalise(t.text).strip(" ,?") for t in tokens[j:]]
    first = next((w for w in words if w and w not in _LEAD_WORDS), "")
    before = j - 1
    if before > start and normalise(tokens[before].text).strip(" ,") == first:
        return before
    return j


def _pause_before(tokens: Sequence[Token], j: int) -> float:
    """The longest silence between the word before ``tokens[j]`` and the first word after
    the lead words and fillers from ``j`` on ("..., <pause> and, um, is it...")."""
    longest = 0.0
    k = j
    while k < len(tokens):
        before, tok = tokens[k - 1], tokens[k]
        if before.end_s is not None and tok.start_s is not None:
            longest = max(longest, tok.start_s - before.end_s)
        if normalise(tok.text).strip(" ,") not in _LEAD_WORDS | {""}:
            break
        k += 1
    return longest


def _asks_again(
    before: Sequence[Token], after: Sequence[Token], pause_s: float, asked: bool
) -> bool:
    """Does ``after`` start a question of its own after the question ``before`` (known to
    be one when ``asked``)?"""
    if pause_s < QUESTION_PAUSE_S:
        return False
    first = normalise(join_tokens(before)).strip(" ,")
    if len(first.split()) < MIN_RUN_ON_WORDS:
        return False
    said = normalise(join_tokens(after))
    clause = clause_lead(said)
    if _REPHRASES.match(said):
        return False
    result = question_of(first)
    if not (asked or result.is_question):
        return _asks_outcome(first, clause)
    if not (independent_question(clause) or _DO_QUESTION.match(clause)) or _restarts(first, clause):
        return False
    bare = " ".join(first.replace(",", " ").split())
    if _FRONTED.match(bare) and not _FINITE.search(bare) and len(clause.split()) <= 4:
        return False  # "how many days of holiday, <pause> do you get": one question
    return not (result.form == "open" and _OFFERS_ANSWERS.match(clause))


def _restarts(first: str, clause: str) -> bool:
    """Does ``clause`` start the question of ``first`` again ("when are you, um, when are
    you making a call"): the speaker's repair, one question."""
    asked = clause_lead(first.rsplit(", ", 1)[-1]).split()
    return len(asked) >= 2 and clause.split()[:2] == asked[:2]


def _asks_outcome(first: str, clause: str) -> bool:
    """Does ``clause``, said after the statement ``first``, ask about the outcome in
    statement order: "when" (or Whisper's "where" for it), not embedded by the words
    before it nor saying when after a time (``questions.says_when``), and read alone an
    ask about hearing, knowing or the decision, or about starting the job
    (``questions.uninverted_ask``: "when I can start", not "when I can start something
    new")?"""
    if not clause.startswith(("when ", "where ")) or says_when(first, clause):
        return False
    return uninverted_question(first, clause) and uninverted_ask(clause)
