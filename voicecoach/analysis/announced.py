"""Questions the candidate announced ("Yes, I have two questions."), said in statement word
order and heard without their question marks.

Speakers who learned English later often ask in statement order ("And the menu is changing
every season, or always the same?"), and Whisper drops the question mark such a sentence
has only in its voice: the spoken closings lost a question there in 7 of the 34 tuning
closings voiced by espeak-ng (stop 39). An announcement says how many questions follow,
and the sentences right after it hold them: a sentence there with no move of its own,
not about the speaker, is taken for one of the questions announced; so is one the
sentence model could not call a question or not ("unclear"): the announcement says it is.
The chain stops at the first sentence that is neither a question nor such a sentence, and
at the count. On the 34 tuning closings (stop 41), "Just two questions." and "Yes, I have
question." (the verb or the article left out) and the unsure sentence put one spoken
count right (Festival) and changed no typed one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from voicecoach.analysis.lexicon import normalise, words_of
from voicecoach.analysis.rules import Labels

_COUNTS = {
    "one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "a couple of": 2, "couple of": 2,
    # (a count said alone: Whisper writes "Yes, too." and "Yes, 2.", live re-trial 49)
    "too": 2, "2": 2, "3": 3, "4": 4, "a couple": 2, "a few": 2,
}  # fmt: skip
# words that may open an announcement, and close it
_OPENS = r"yes|yeah|okay|ok|well|so|actually|sure|just"
_CLOSES = r"please|for you|if i may|then"
# the whole sentence is the announcement: "I have a question about the team." names its
# topic instead, and the sentence after it is no question
# (the verb may be left out, "Just two questions.", and a speaker of another first language
# may drop the article, "Yes, I have question.")
_ANNOUNCED = re.compile(
    rf"^(?:(?:{_OPENS}),? )*"
    r"(?:(?:i (?:do |also |just |actually |still )?have(?: got)?|i got|there are) )?"
    r"(?:(?P<count>a couple of|couple of|one|two|three|four|a) "
    r"(?:more |quick |last |final |short |small |little )?questions?|(?<=have )question)"
    rf"(?:,? (?:{_CLOSES}))?$"
)
# A reply to "any questions?" that only says how many ("Yes, two.", "A couple of things.",
# "I've got three questions."): more than one question is still to come. Not for the
# analysis's chain, which takes the sentences after a count of questions for them: "Yes,
# two. First, I led a team of ten." counts points.
# The verb before it is "have" or a word Whisper heard for it (live trial 51, L1: "Yes, I
# have a couple." heard as "Yes, I am a couple.", and the turn ended in the pause between
# the questions); never any verb ("I would say three.", "I did two." count something else),
# and never "too" after a verb: "I enjoyed it too." and "I am too." agree, they count nothing
# ("too" is a count only said alone, "Yes, too.", review of stop 52, H1). Nor after "I do",
# the short answer that stands for "I do have questions" ("I do, three."): "I do too."
# agrees. Written "I do, too.", Whisper's "I do, two." cannot be told from the agreement,
# and is taken for it; "I do, two." and "I do, 2." count.
_HAVE = (
    r"(?:i (?:do |would )?(?:have|am|had|half|of)(?: got)?|i got|we have(?: got)?|"
    r"there (?:are|is))"
)
_SAID_ALONE = re.compile(
    rf"^(?:(?:{_OPENS}|i do(?!,? too\b)),? )*"
    rf"(?:{_HAVE} (?!too$|too\W))?"
    r"(?P<count>two|too|2|three|3|four|4|a couple|a couple of|a few)"
    r"(?: (?:more |quick |small |little |short )?(?:questions?|things?))?"
    rf"(?:,? (?:{_CLOSES}|actually|really))?$"
)
# how a question in the chain may begin before its own first word
_CONNECTOR = re.compile(
    r"^(?:(?:and|also|so|then|plus|next|second|secondly|third|thirdly|finally|lastly|"
    r"the second|the other|the last) ?,? )+"
)
_WH = frozenset({"what", "how", "when", "where", "who", "which", "why", "whose"})
# a sentence about the speaker is their story, not a question to the interviewer
_SELF = frozenset({"i", "i'm", "i'd", "i'll", "i've", "me", "my", "we", "we're", "thank", "thanks"})
MIN_WORDS = 4


def announced_count(text: str, *, said_alone: bool = False) -> int:
    """How many questions ``text`` announces: 0 when it is no announcement. ``said_alone``:
    a count of more than one said alone or of things counts too ("Yes, two.", "A couple of
    things.": see ``_SAID_ALONE``), for the turn end, which waits for the questions."""
    said = normalise(text).rstrip("?").strip()
    found = _ANNOUNCED.match(said) or (_SAID_ALONE.match(said) if said_alone else None)
    if found is None:
        return 0
    return _COUNTS[found.group("count")] if found.group("count") else 1


def _asked(text: str) -> str | None:
    """The form of a question in the chain said in statement order, or None when
    ``text`` reads as no such question."""
    said = _CONNECTOR.sub("", normalise(text))
    words = words_of(said)
    if len(words) < MIN_WORDS or words[0] in _SELF:
        return None
    return "open" if words[0] in _WH else "yes_no"


def with_announced_questions(
    texts: Sequence[str], labels: Sequence[Labels], groups: Sequence[object] | None = None
) -> list[Labels]:
    """``labels`` with the sentences after an announcement of questions, up to its count,
    read as the questions announced (see the module). ``groups``: each sentence's recording
    (a rehearsal turn): the chain never crosses into another."""
    out = list(labels)
    for i, text in enumerate(texts):
        count = announced_count(text)
        seen = 0
        for j in range(i + 1, len(texts) if count else i + 1):
            if seen >= count or (groups is not None and groups[j] != groups[i]):
                break
            lab = out[j]
            # the model unsure only whether it asks: the announcement says it does
            form = None if lab.moves or lab.unclear - {"question"} else _asked(texts[j])
            if "question" in lab.moves:
                seen += 1
            elif form is not None:
                out[j] = replace(
                    lab, moves=frozenset({"question"}), question_form=form, unclear=frozenset()
                )
                seen += 1
            else:
                break
    return out
