"""What the interviewer hears asked in an answer: the candidate's questions with their
topics, and whether the answer ended by checking back ("Does that make sense?").

Pure and deterministic, like :mod:`.reactions`, which chooses the reply to them, and
:mod:`.closing`, which replies after the last answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from voicecoach.analysis import rules
from voicecoach.analysis.check_back import check_backs, is_check_back
from voicecoach.analysis.checks import asks_about_timing
from voicecoach.analysis.concern import doubt_in_brief
from voicecoach.analysis.questions import question_pieces
from voicecoach.analysis.topics import NEXT_STEPS, classify
from voicecoach.scenario_reactions import Lines, Reactions

if TYPE_CHECKING:
    from voicecoach.analysis.results import ConcernVerdict

_MIN_WORDS = 3  # shorter "questions" ("Right?", "You know?") get a reply only on a known topic


class SentenceLike(Protocol):
    """What is read of each analysed sentence (``analysis.results.Sentence`` fits)."""

    @property
    def text(self) -> str: ...
    @property
    def moves(self) -> Collection[str]: ...
    @property
    def question_form(self) -> str | None: ...
    @property
    def unclear(self) -> Collection[str]: ...
    @property
    def unheard(self) -> bool: ...
    @property
    def unsure_words(self) -> int: ...


def invites_concerns(sentence: SentenceLike, reactions: Reactions | None = None) -> bool:
    """Is the sentence taken as asking for the interviewer's doubts? A probe the analysis
    is sure of is; one it is unsure of is not when it is a question whose own words name
    a topic the interviewer knows: that topic is answered instead. A trial's "What does
    the team struggle with most?", heard over the interviewer's last words as "what does
    that mean struggle with", was read as a probe, unsure, and got no reply at all."""
    if "concerns" not in sentence.moves:
        # "Is that the main worry, or is there something else?": the model, trained on
        # probes that name the candidate, reads it as a plain question; in the answer to
        # the doubt, what the recogniser wrote in statement order ("That the main worry,
        # or...") is no question at all (analyzer._evidence_not_asked)
        return rules.asks_about_other_doubts(sentence.text)
    return "concerns" not in sentence.unclear or _named_topic(sentence, reactions) is None


def maybe_invites_concerns(sentence: SentenceLike, reactions: Reactions | None = None) -> bool:
    """An unsure probe answered on its topic (:func:`invites_concerns` is False): the
    candidate may still have asked for doubts."""
    return "concerns" in sentence.moves and not invites_concerns(sentence, reactions)


def _named_topic(sentence: SentenceLike, reactions: Reactions | None) -> str | None:
    """The topic an unsure probe's words name, or None: none named, not a question, or
    the rules call it a probe themselves ("Any hesitations about my training?" names a
    topic, but asks for doubts)."""
    if "question" not in sentence.moves or "concerns" in rules.label(sentence.text).moves:
        return None
    return classify(sentence.text, reactions.keywords() if reactions else None).topic


def question_topics(
    sentences: Sequence[SentenceLike],
    reactions: Reactions | None = None,
    topic_of: Callable[[SentenceLike], str | None] | None = None,
) -> list[tuple[SentenceLike, str | None]]:
    """The candidate's questions to the interviewer, each with its topic (None: unknown).

    A concerns probe is not a topic question (it invites the concern instead; but see
    :func:`invites_concerns` for one the analysis is unsure of), nor is a
    check-back on the answer ("Does that answer your question?": see
    :func:`checked_back`). An ask for the job phrased as a statement ("I'd love to hear
    about next steps") counts only when it names a topic. Very short questions count only
    when they name one.
    """
    keywords = reactions.keywords() if reactions else None
    found: list[tuple[SentenceLike, str | None]] = []
    backs = check_backs([s.text for s in sentences])
    asked = _own_questions(
        [q for sentence, back in zip(sentences, backs, strict=True) if not back
         for q in _asked(sentence, keywords)],
        keywords,
    )  # fmt: skip
    for s in asked:
        if invites_concerns(s, reactions) or is_check_back(s.text):
            continue
        if "question" not in s.moves and "ask_for_job" not in s.moves:
            continue
        match = classify(s.text, keywords)
        topic = topic_of(s) if topic_of is not None else match.topic
        if (
            topic is None and {"question", "ask_for_job"} <= set(s.moves) - set(s.unclear)
            and not match.scores
        ):  # fmt: skip
            # a blunt ask ("Am I your pick?", "What would it take to get the offer?"), with
            # no word of any topic, gets the process and its timing, as an interviewer
            # would answer it: a trial's was let go beside an answered question, and the
            # goodbye ignored it
            topic = NEXT_STEPS
        elif topic is None and "question" not in s.moves and _asks_when(s):
            # an ask the check credits "asked about timing", in statement order: a trial's
            # "I would really like to join this team. When do you expect to make a
            # decision?", merged by Whisper into "... this team when we expect to make a
            # decision.", got no timeline, and the close then read that it had asked. A
            # question keeps the topic its words name (trial s14's "...how the team
            # measures whether its forecasts change the decision", taken for an ask by the
            # model, is no ask for the timeline)
            topic = NEXT_STEPS
        if topic is None and ("question" not in s.moves or len(s.text.split()) < _MIN_WORDS):
            continue
        found.append((s, topic))
    return found


def _asks_when(s: SentenceLike) -> bool:
    """Is ``s`` an ask for the job the analysis is sure of that asks when, as the ask
    check reads it (:func:`~voicecoach.analysis.checks.asks_about_timing`)?"""
    return "ask_for_job" in set(s.moves) - set(s.unclear) and asks_about_timing(s.text)


# A question beside one the interviewer answers is acknowledged (``reactions.later``) when
# Whisper was unsure of at most one of its words, and of no more than this share of them:
# live trial 52, L6, "How is the analytics team supporting them?" (one word of 7 under 0.5,
# "analytics" at 0.38) got no reply at all beside the answered question on success. A
# garble, or a second try at the question answered, leaves more of its words unsure ("Do
# you spend her fees?", 2 of 5; "...open the new site in Leeds?" with 2 of 11).
LATER_UNSURE_WORDS = 1
LATER_UNSURE_SHARE = 0.25


def heard_word_for_word(sentence: SentenceLike) -> bool:
    """Is ``sentence`` a question the interviewer heard clearly enough to acknowledge:
    Whisper sure of its words (none under probability 0.5, typed text always, or at most
    :data:`LATER_UNSURE_WORDS` and :data:`LATER_UNSURE_SHARE` of them) and the analysis
    sure it is a question? Asked beside a question the interviewer answers, one on no
    known topic gets a short acknowledgement (``reactions.later``): stop 47's trial's "You
    are opening a second office in Chicago this year?", heard word for word, got no reply
    at all, as did trial 52's research question with one word unsure. A fragment Whisper
    was unsure of more is still let go: it is often a garbled second try at the question
    being answered. So is a question the rules cut from a sentence that holds another one:
    its words may lean on that one ("...and how is it measured?")."""
    if isinstance(sentence, _Asked) and sentence.cut:
        return False  # "What does success look like and how is it measured?": one question
    words = len(sentence.text.split())
    return (
        "question" in sentence.moves and "question" not in sentence.unclear
        and not sentence.unheard
        and sentence.unsure_words <= min(LATER_UNSURE_WORDS, LATER_UNSURE_SHARE * words)
    )  # fmt: skip


def checked_back(sentences: Sequence[SentenceLike]) -> bool:
    """Did the candidate ask whether their answer landed ("Does that make sense?", "I hope
    that answers it. Did it?")? It gets a short yes: it asked about no topic, and a reply
    to one (or the neutral "ask the hiring manager") answers a question never asked."""
    return any(check_backs([s.text for s in sentences]))


def check_back_line(reactions: Reactions, doubt: ConcernVerdict | None) -> tuple[Lines, str, str]:
    """The reply to a check-back (its lines, reason code, and the doubt in brief for
    ``{concern}``, or ""): the yes, unless it closes an answer to a raised doubt
    (``doubt``) that the concerns check found off the doubt's topic (the doubt is pointed
    back to, in brief). The coaching later shows the same verdict: a trial's candidate
    heard "Yes, that's clear." after an answer the report then called off topic, and read
    the yes as approval. An answer the check could not judge, a stretch of it garbled
    (``analysis.analyzer.garbled_stretch``), gets a line that says part of it was hard to
    make out, as ``check_back_unclear`` (a whole answer not heard clearly gets no reply to
    its words at all, so a check-back in it is not heard either). An answer on the topic
    that only admitted the gap ("I have not worked in freight.") gets no yes either, as its
    coaching asks for an example that carries over or a plan (trial 21)."""
    if doubt is not None and doubt.topic == "on" and doubt.conceded:
        return reactions.check_back_conceded, "check_back_conceded", ""
    if doubt is None or doubt.topic == "on":
        return reactions.check_back, "confirmed_check_back", ""
    if doubt.topic == "off":
        brief = doubt_in_brief(doubt.concern)
        return reactions.check_back_off_topic, "check_back_off_topic", brief
    return reactions.not_heard("unclear_words"), "check_back_unclear", ""


# A later question run together with one before it that points back to it and names no
# topic of its own ("What is the biggest challenge this year, and how will this role help
# with it?") asks about the first one's topic: it gets no reply of its own (trial 22: the
# word model took "how will this role help with it" for growth and a "tough" interviewer
# answered a question on training no one asked)
_POINTS_BACK = re.compile(r"\b(?:it|that|this|them|those|these|there)\W*$")


def _own_questions(
    pieces: Sequence[SentenceLike], keywords: Mapping[str, Iterable[str]] | None
) -> Sequence[SentenceLike]:
    """``pieces`` (the answer's sentences, each question run together in one apart) less
    each question that points back to the question before it with no topic of its own:
    within a sentence, or in the next one (trial 23: live, Whisper cut "What is the
    biggest challenge this year, and how will this role help with it?" at its comma)."""
    out: list[SentenceLike] = []
    before = False  # the piece before was a question
    for p in pieces:
        question = "question" in p.moves
        if not (before and question and _POINTS_BACK.search(p.text.lower())
                and not classify(p.text, keywords).topic):  # fmt: skip
            out.append(p)
        before = question
    return out


@dataclass(frozen=True)
class _Asked:
    """One of the questions the recogniser ran together in one sentence."""

    text: str
    moves: frozenset[str]
    question_form: str | None
    unclear: frozenset[str] = frozenset()  # the rules label it: never unsure
    # ...but its words are those of the sentence it was cut from, as Whisper heard them
    unheard: bool = False
    unsure_words: int = 0
    cut: bool = False  # one of two or more questions cut from one sentence


def _asked(
    s: SentenceLike, keywords: Mapping[str, Iterable[str]] | None = None
) -> Sequence[SentenceLike]:
    """``s``, or each question run together in it, labelled by the rules: a trial's "what
    are the next steps in the process and how big is the team" got the neutral reply to a
    question on no known topic, and neither the timeline nor the team's size. Two embedded
    questions on two topics are two (trial f2: "I was wondering how the team measures
    success..., and what the biggest challenge for the team is right now" tied 3-3 as one
    and got "I don't want to guess"); the first is a statement to the rules ("I was
    wondering how..."), so its form is the one the split found."""
    pieces = question_pieces(s.text, keywords) if "question" in s.moves else []
    out: list[SentenceLike] = []
    for piece, form in pieces:
        labels = rules.label(piece)
        out.append(
            _Asked(
                piece, labels.moves | {"question"}, labels.question_form or form or "yes_no",
                unheard=s.unheard, unsure_words=s.unsure_words, cut=len(pieces) > 1,
            )
        )  # fmt: skip
    return out or [s]


__all__ = [
    "NEXT_STEPS",
    "SentenceLike",
    "check_back_line",
    "checked_back",
    "heard_word_for_word",
    "invites_concerns",
    "maybe_invites_concerns",
    "question_topics",
]
