"""Helpers shared by the closing checks: evidence, and whether a turn expects a check."""

from __future__ import annotations

from collections.abc import Sequence

from voicecoach.analysis.model import CheckStatus, Evidence, Sentence

CHECK_KEYS = ("final_questions", "concerns", "recap", "interest", "ask_for_job", "thanks")
# Which `expects` entries make each check expected in a turn.
_EXPECTED_BY = {
    "final_questions": {"question"},
    "concerns": {"concerns", "concern_answer"},
    "recap": {"recap"},
    "interest": {"interest"},
    "ask_for_job": {"ask_for_job"},
    "thanks": {"thanks"},
}


def ev(s: Sentence) -> Evidence:
    return Evidence(s.text, s.start_s, s.end_s, s.turn)


def is_expected(key: str, expects: Sequence[str]) -> bool:
    return not expects or bool(_EXPECTED_BY[key] & set(expects))


def status_for(key: str, status: CheckStatus, expects: Sequence[str]) -> CheckStatus:
    if status != "done" and not is_expected(key, expects):
        return "not_expected"
    return status
