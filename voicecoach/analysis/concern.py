"""The concerns check: did the candidate invite doubts, and answer the one raised?"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from voicecoach.analysis import wording
from voicecoach.analysis.common import UNCLEAR_QUOTE_CHARS, Expects, ev, status_for
from voicecoach.analysis.lexicon import STOPWORDS, normalise, stem, words_of
from voicecoach.analysis.results import Check, CheckStatus, Sentence

if TYPE_CHECKING:
    from voicecoach.analysis.semantic import Encoder

# An answer is on the concern's topic when its cosine with the concern (the whole answer,
# or its closest sentence) reaches this. Chosen on tests/data/concerns/answers.jsonl (topic
# F1 0.82 there, 0.71-0.83 when chosen on half the concerns and scored on the other half):
# F1 is flat from 0.20 to 0.26 and falls off above 0.28; the top of the plateau keeps
# precision, as fluent answers to a different doubt score up to about 0.4.
TOPIC_SIMILARITY = 0.25
# The interviewer's lead-in before the doubt itself ("My one hesitation is that", "If
# anything, it would be that", "one thing I keep coming back to:"): it only adds words
# that every answer could match, so it is cut when it starts the concern.
_LEAD_IN = re.compile(
    r"^(?:[^.?!:]{0,40}[.!]\s+)?[^.?!:]{0,80}?\b(?:hesitation|concern|worr|doubt|reservation|"
    r"thing|issue|problem|anything)\w*\b[^.?!:]{0,40}?(?:\b(?:is|be) that\b|:)\s*",
    re.IGNORECASE,
)

_SPEAKER = re.compile(r"\b(?:i|me|my|we|our)\b", re.IGNORECASE)  # the interviewer's own framing

_EVIDENCE = re.compile(
    r"\d|\b(?:for example|for instance|when i|at my|in my|i (?:have |had )?(?:led|built|"
    r"learned|learnt|managed|ran|worked|did|handled|taught|picked up|delivered|spent|taken|"
    r"took|completed|switched|moved)|years?|months?|weeks?|project|course|certification)\b"
)
_POSITIVE = re.compile(
    r"\b(?:but|however|although|though|i would|i will|i can|i am (?:confident|ready|"
    r"eager|keen)|quickly|plan|first (?:month|weeks?|days?|ninety|90)|learn|ramp up|close "
    r"the gap|transfer|same)\b"
)
_NEGATIVE = re.compile(
    r"\b(?:i do not know|no idea|i can not|i could not|i am not sure|i am bad at|i am not "
    r"good at|that is true i|you are right i (?:do not|have not)|unfortunately|i am not "
    r"really|never really)\b"
)


@dataclass(frozen=True)
class ConcernFacts:
    concern: str
    turn: int | None
    answer: tuple[Sentence, ...]
    topic: bool
    evidence: bool
    positive: bool
    # the answer was heard too quietly to judge (the words may not be the ones said): the
    # facts above describe Whisper's guess, so nothing is credited or coached on them
    unclear: bool = False

    @property
    def addressed(self) -> bool:
        return not self.unclear and self.topic and self.evidence and self.positive

    def best_quote(self) -> tuple[Sentence, ...]:
        """The answer's sentence that carries its evidence (else its first), to quote."""
        for s in self.answer:
            if _EVIDENCE.search(normalise(s.text)):
                return (s,)
        return self.answer[:1]


def judge_concern(
    concern: str, answer: Sequence[Sentence], model: Encoder | None = None, *, unclear: bool = False
) -> ConcernFacts:
    """Did the answer name the concern's topic, give evidence, and stay positive?

    With a sentence ``model`` the topic is judged by meaning (so "I ran the spend" answers a
    doubt about budgets); without one, by shared word stems, which needs no model.
    ``unclear``: the answer was heard too quietly to be judged (:attr:`ConcernFacts.unclear`).
    """
    text = " ".join(s.text for s in answer)
    n = normalise(text)
    core = concern_core(concern)
    if model is None:
        topic = _shares_stem(core, n)
    else:
        topic = bool(answer) and topic_similarity(core, answer, model) >= TOPIC_SIMILARITY
    # a recap the analyzer was unsure of ("I guess I could learn it") is no evidence
    evidence = bool(_EVIDENCE.search(n)) or any(
        "recap" in s.moves and "recap" not in s.unclear for s in answer
    )
    positive = bool(n) and (bool(_POSITIVE.search(n)) or not _NEGATIVE.search(n))
    if _NEGATIVE.search(n) and not _POSITIVE.search(n):
        positive = False
    turn = answer[0].turn if answer else None
    return ConcernFacts(concern, turn, tuple(answer), topic, evidence, positive, unclear)


def concern_core(concern: str) -> str:
    """The doubt itself: the interviewer's lead-in and closing question taken off."""
    text = " ".join(concern.split())
    lead = _LEAD_IN.match(text)
    if lead and (not lead.group().rstrip().endswith(":") or _SPEAKER.search(lead.group())):
        text = text[lead.end() :]  # "Your last project had an issue: ..." keeps its subject
    parts = re.split(r"(?<=[.!?])\s+", text)
    statements = [p for p in parts if p and not p.endswith("?")]
    return " ".join(statements) or text


def topic_similarity(core: str, answer: Sequence[Sentence], model: Encoder) -> float:
    """Cosine of the concern with the whole answer or its closest sentence, whichever is more.

    A long answer dilutes its one on-topic sentence, and a short one may split the topic
    across sentences, so both are compared.
    """
    # unit rows: a dot product is the cosine. The sentences were encoded for their moves
    # already (the model remembers them); the whole answer goes apart so that the short
    # ones are not padded to its length.
    concern, whole = model.encode([core, " ".join(s.text for s in answer)])
    sentences = model.encode([s.text for s in answer])
    return float(max(whole @ concern, (sentences @ concern).max()))


def _shares_stem(core: str, answer_normalised: str) -> bool:
    topic_stems = {stem(w) for w in words_of(normalise(core)) if w not in STOPWORDS and len(w) > 2}
    return bool(topic_stems & {stem(w) for w in words_of(answer_normalised)})


def concerns_check(
    sentences: Sequence[Sentence], concerns: Sequence[ConcernFacts], expects: Expects
) -> Check:
    probes = [s for s in sentences if "concerns" in s.moves]
    # the probe itself, not the answer to a doubt (concern_answer)
    probe_expected = expects is None or "concerns" in expects
    parts: list[str] = []
    statuses: list[CheckStatus] = []  # of what was judged: an unclear answer adds none
    # with no concern voiced either, say so even when not asked for (a drill's checklist
    # showed this row blank)
    if probes or probe_expected or not concerns:
        parts.append(wording.DETAIL["concerns_asked" if probes else "concerns_none"])
    if probe_expected:  # a probe the turn did not ask for cannot make up for the answer
        statuses.append("done" if probes else "missing")
    for c in concerns:
        doubt = c.concern.strip().rstrip(".")
        short = doubt if len(doubt) <= 60 else doubt[:57] + "..."
        if not c.answer:
            parts.append(wording.DETAIL["concern_no_answer"].format(concern=short))
            statuses.append("missing")
            continue
        if c.unclear:
            quote = wording.clip_quote(c.answer[0].text, UNCLEAR_QUOTE_CHARS)
            parts.append(wording.DETAIL["concern_unclear"].format(concern=short, quote=quote))
            continue
        got = [
            name
            for name, ok in (
                ("on topic", c.topic),
                ("evidence", c.evidence),
                ("positive", c.positive),
            )
            if ok
        ]
        missing = [
            name
            for name, ok in (
                ("off topic", not c.topic),
                ("no evidence", not c.evidence),
                ("negative", not c.positive),
            )
            if ok
        ]
        parts.append(
            wording.DETAIL["concern_answer"].format(concern=short, verdict=", ".join(got + missing))
        )
        statuses.append("done" if c.addressed else "partial" if len(got) >= 2 else "missing")
    only_answer = bool(concerns) and not probes and not probe_expected
    label = wording.CHECK_LABELS["concern_answer" if only_answer else "concerns"]
    status: CheckStatus = (
        ("missing" if "missing" in statuses else "partial" if "partial" in statuses else "done")
        if statuses
        else "unclear"
        if any(c.unclear for c in concerns)
        else "missing"
    )
    if "done" in statuses and status == "missing" and len(statuses) > 1:
        status = "partial"
    evidence = tuple(ev(s) for s in probes) + tuple(ev(s) for c in concerns for s in c.answer[:2])
    return Check(
        "concerns", label, status_for("concerns", status, expects), "; ".join(parts), evidence
    )
