"""Helpers shared by the closing checks: evidence, and whether a turn expects a check."""

from __future__ import annotations

from collections.abc import Sequence

from voicecoach.analysis.results import CheckStatus, Evidence, Sentence

UNCLEAR_QUOTE_CHARS = 110  # the quote in an unclear check's detail is cut to this

CHECK_KEYS = ("final_questions", "concerns", "recap", "interest", "ask_for_job", "thanks")
# The check that judges each thing a turn can expect (see results.EXPECTS).
CHECK_FOR_EXPECT = {
    "question": "final_questions",
    "concerns": "concerns",
    "recap": "recap",
    "interest": "interest",
    "ask_for_job": "ask_for_job",
    "thanks": "thanks",
    "concern_answer": "concerns",  # the concerns check judges the answer to a raised doubt
}
# Which `expects` entries make each check expected in a turn.
_EXPECTED_BY = {key: {e for e, k in CHECK_FOR_EXPECT.items() if k == key} for key in CHECK_KEYS}

# What the analysed words were asked for. None: there is no turn structure (a whole closing
# recorded or typed in one piece), so every check is expected. A sequence: what a rehearsal
# turn's prompt (or all of a rehearsal's turns) asked for; () when it asked for nothing
# (small talk), so no check is, and a move said there is credited, never coached.
Expects = Sequence[str] | None


def ev(s: Sentence) -> Evidence:
    return Evidence(s.text, s.start_s, s.end_s, s.turn)


def is_expected(key: str, expects: Expects) -> bool:
    return expects is None or bool(_EXPECTED_BY[key] & set(expects))


def asked_for(expect: str, expects: Expects) -> bool:
    """Did a rehearsal turn ask for ``expect`` by name? Never when there are no turns."""
    return expects is not None and expect in expects


def status_for(key: str, status: CheckStatus, expects: Expects) -> CheckStatus:
    if status != "done" and not is_expected(key, expects):
        return "not_expected"
    return status
