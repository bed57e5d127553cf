"""The concerns check: did the candidate invite doubts, and answer the one raised?"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from voicecoach.analysis import texts
from voicecoach.analysis.common import ev, status_for
from voicecoach.analysis.model import Check, CheckStatus, Sentence
from voicecoach.analysis.text import STOPWORDS, normalise, stem, words_of

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

    @property
    def addressed(self) -> bool:
        return self.topic and self.evidence and self.positive


def judge_concern(concern: str, answer: Sequence[Sentence]) -> ConcernFacts:
    """Did the answer name the concern's topic, give evidence, and stay positive?"""
    text = " ".join(s.text for s in answer)
    n = normalise(text)
    topic_stems = {
        stem(w) for w in words_of(normalise(concern)) if w not in STOPWORDS and len(w) > 2
    }
    answer_stems = {stem(w) for w in words_of(n)}
    topic = bool(topic_stems & answer_stems)
    evidence = bool(_EVIDENCE.search(n)) or any("recap" in s.moves for s in answer)
    positive = bool(n) and (bool(_POSITIVE.search(n)) or not _NEGATIVE.search(n))
    if _NEGATIVE.search(n) and not _POSITIVE.search(n):
        positive = False
    turn = answer[0].turn if answer else None
    return ConcernFacts(concern, turn, tuple(answer), topic, evidence, positive)


def concerns_check(
    sentences: Sequence[Sentence], concerns: Sequence[ConcernFacts], expects: Sequence[str]
) -> Check:
    probes = [s for s in sentences if "concerns" in s.moves]
    probe_expected = not expects or "concerns" in expects
    parts: list[str] = []
    statuses: list[CheckStatus] = []
    if probes or probe_expected:
        parts.append(texts.DETAIL["concerns_asked" if probes else "concerns_none"])
        statuses.append("done" if probes else "missing")
    for c in concerns:
        short = c.concern if len(c.concern) <= 60 else c.concern[:57] + "..."
        if not c.answer:
            parts.append(texts.DETAIL["concern_no_answer"].format(concern=short))
            statuses.append("missing")
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
            texts.DETAIL["concern_answer"].format(concern=short, verdict=", ".join(got + missing))
        )
        statuses.append("done" if c.addressed else "partial" if len(got) >= 2 else "missing")
    only_answer = bool(concerns) and not probes and not probe_expected
    label = texts.CHECK_LABELS["concern_answer" if only_answer else "concerns"]
    status: CheckStatus = (
        ("missing" if "missing" in statuses else "partial" if "partial" in statuses else "done")
        if statuses
        else "missing"
    )
    if "done" in statuses and status == "missing" and len(statuses) > 1:
        status = "partial"
    evidence = tuple(ev(s) for s in probes) + tuple(ev(s) for c in concerns for s in c.answer[:2])
    return Check(
        "concerns", label, status_for("concerns", status, expects), "; ".join(parts), evidence
    )
