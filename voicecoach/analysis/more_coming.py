"""Has an answer said that more is coming? A finished sentence that announces more ("Let me
think about that for a second.", "I have one more question."), a list between its points,
or questions announced and not all asked yet. The live turn end waits after it as after a
missing move (rehearsal/turn_end.py), and the delivery coaching does not count that wait
as a long silence (analyzer._thinking_pauses): one judge for both."""

from __future__ import annotations

import re

from voicecoach.analysis.recap import list_unfinished
from voicecoach.analysis.sentences import sentences_of

# A last sentence that announces more to come ("Let me think about that for a second.",
# "I have one more question.") is finished but the answer is not: it waits like a turn
# whose asked-for move is missing. Not "the two things I would bring": those are named.
ANNOUNCES_MORE = re.compile(
    r"\b(let me (think|see)|for a (second|moment)|(?<!the )(?<!these )(?<!those )"
    r"(one|two|a few|a couple of) (more )?"
    r"(things?|questions?)|to sum (it )?up|before we (wrap up|finish)|first of all|"
    r"if (that's|that is) (ok|okay|alright))\b",
    re.IGNORECASE,
)
# a sentence asking leave to ask, its question still to come ("Do you mind if I ask
# something?", "Could I ask you one thing?"); not the question itself ("Can I ask what
# the next steps are?"): the thing asked is only "something", "a (quick) question"...
_ASKS_LEAVE_TO_ASK = re.compile(
    r"\b(?:(?:can|could|may|might) i|(?:do|would) you mind if i|(?:is it|would it be) "
    r"(?:ok|okay|alright|all right|fine) (?:if i|to))\s+ask(?:ed)?\s+(?:you\s+)?"
    r"(?:(?:just\s+)?(?:something|anything|one (?:more )?thing|(?:a|one) (?:more |last |final "
    r"|quick |small |short )*question))\W*$",
    re.IGNORECASE,
)


def questions_still_announced(text: str) -> bool:
    """Did ``text`` announce more questions ("Yes, two.", "I have three questions.") than
    it has asked since? A live trial (stop 49): "Yes, two. How big is the team?", then a
    second question said quietly, was ended after the first, and the interviewer spoke over
    the second."""
    from voicecoach.analysis.announced import announced_count
    from voicecoach.analysis.questions import asks_as_request, further_questions, question_of

    sentences = sentences_of(text)
    for i, sentence in enumerate(sentences):
        # (also a count said alone: "Yes, two.", "A couple of things.")
        count = announced_count(sentence, said_alone=True)
        if count > 1:
            rest = sentences[i + 1 :]
            # two questions Whisper wrote as one sentence ("How big is the team and how is
            # it split?") are two asked, as the analysis counts them; "I'd love to know
            # who I'd report to." asks with a full stop
            asked = sum(
                1 + len(further_questions(t))
                for t in rest
                if t.rstrip().endswith("?") or question_of(t).is_question or asks_as_request(t)
            )
            # with no question after it, the count was of something else: "Yes, two.
            # First, I led a team of ten. Second, ..." sums up, and the points are said
            # (a turn that asks for questions and has none waits for its missing move)
            return 0 < asked < count
    return False


# ...but a question that only opens on "before we finish" asks what it announced: live
# trial 52 (L2), "Before we finish, is there anything ... that makes you hesitate." was
# held 4 s as if more were coming, after a recap and a probe that were both done
_BEFORE_WE = re.compile(r"^\W*(?:and\W+|so\W+)?before we (?:wrap up|finish)\W+", re.IGNORECASE)


def announces_more(text: str) -> bool:
    """Does the last sentence of ``text`` say that more is coming?"""
    sentences = sentences_of(text)
    if not sentences:
        return False
    last = sentences[-1]
    if _ASKS_LEAVE_TO_ASK.search(last):
        return True
    found = ANNOUNCES_MORE.search(last)
    if found and found.group(0).lower().startswith("before we"):
        from voicecoach.analysis.questions import question_of

        rest = _BEFORE_WE.sub("", last)
        asks = rest != last and (last.rstrip().endswith("?") or question_of(rest).is_question)
        return not asks or bool(ANNOUNCES_MORE.search(rest))
    return bool(found)


def more_to_come(text: str) -> bool:
    """Does ``text`` say more is coming: its last sentence announces more
    (:func:`announces_more`), a list is between its points (:func:`list_unfinished`), or
    it announced more questions than it has asked (:func:`questions_still_announced`)?"""
    return announces_more(text) or list_unfinished(text) or questions_still_announced(text)
