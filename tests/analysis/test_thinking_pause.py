"""A short pause to think before the move an answer still owes is not coached as a long
silence: the live turn end waits through it on purpose (live trial 49, T9 and R7: "You're
right, I've spent years at startups." [3 s] then the example, coached "Shorten the long
silences"). Longer pauses, pauses in mid-sentence and pauses after the moves were made
still are."""

from __future__ import annotations

from dataclasses import replace

import pytest
from analysis_support import timed_transcript

from voicecoach.analysis import analyze, wording
from voicecoach.analysis.analyzer import TurnInput, analyze_rehearsal
from voicecoach.analysis.results import Analysis
from voicecoach.settings import Thresholds

T = Thresholds()
SILENCES = wording.FIXES["long_pauses"].title
DOUBT = "You have mostly worked at startups, and we are a large company."
GRANT = "You're right, I've spent years at startups."
EVIDENCE = "At Acme I led a team of nine through a merger and cut costs by a third."


def _flagged(a: Analysis) -> list[float]:
    return [round(p.duration_s, 1) for p in a.delivery.pauses if p.long]


def _coached(a: Analysis) -> bool:
    return any(p.title == SILENCES for p in a.coaching)


def _doubt(said: list[str], gap_s: float) -> Analysis:
    return analyze(timed_transcript(said, gap_s=gap_s), expects=("concern_answer",),
                   concern=DOUBT, semantic=False)  # fmt: skip


@pytest.mark.parametrize("gap_s", [3.0, 3.5])
def test_a_thinking_pause_before_the_evidence_is_not_a_long_silence(gap_s: float) -> None:
    a = _doubt([GRANT, EVIDENCE], gap_s)
    assert [round(p.duration_s, 1) for p in a.delivery.pauses] == [gap_s]
    assert _flagged(a) == []
    assert not _coached(a)


def test_a_pause_longer_than_the_turn_end_waits_is_still_coached() -> None:
    a = _doubt([GRANT, EVIDENCE], T.end_unmet_s + 0.5)
    assert _flagged(a) == [T.end_unmet_s + 0.5]
    assert _coached(a)


def test_after_only_an_opener_the_pause_may_run_to_the_last_resort_wait() -> None:
    # the turn end waits end_silence_s after "That's a fair point." alone
    a = _doubt(["That's a fair point.", EVIDENCE], T.end_unmet_s + 0.5)
    assert _flagged(a) == []
    b = _doubt(["That's a fair point.", EVIDENCE], T.end_silence_s + 0.5)
    assert _flagged(b) == [T.end_silence_s + 0.5]


def test_a_pause_in_mid_sentence_is_still_coached() -> None:
    a = _doubt(["You're right, I've spent years at", "startups. " + EVIDENCE], 3.5)
    assert _flagged(a) == [3.5]
    assert _coached(a)


def test_a_pause_after_a_full_stop_whisper_put_in_mid_sentence_is_still_coached() -> None:
    """Whisper ends a phrase cut by a pause with a full stop ("I have worked at.
    Startups..."): the sentence is finished by the turn end's test (one function), not by
    the full stop, so the pause is a silence in mid-sentence, as the turn end hears it."""
    from voicecoach.analysis.sentence_end import sentence_complete

    cut = "You're right, I have worked at."
    assert not sentence_complete(cut)
    a = _doubt([cut, "Startups for eight years. " + EVIDENCE], 3.5)
    assert _flagged(a) == [3.5]
    assert _coached(a)


def test_a_pause_once_the_moves_are_made_is_still_coached() -> None:
    said = ["I really want this job.", "I loved meeting the team today."]
    a = analyze(timed_transcript(said, gap_s=3.5), expects=("interest",), semantic=False)
    assert _flagged(a) == [3.5]
    assert _coached(a)


def test_the_closing_does_not_coach_the_thinking_pause_either() -> None:
    interest = timed_transcript(["I really want this job.", "When will I hear back from you?"])
    doubt = timed_transcript([GRANT, EVIDENCE], gap_s=3.0)
    a = analyze_rehearsal(
        [TurnInput(doubt, ("concern_answer",), concern=DOUBT),
         TurnInput(interest, ("interest", "ask_for_job"))],
        semantic=False,
    )  # fmt: skip
    assert _flagged(a) == []
    assert not _coached(a)


def test_a_patient_turn_end_does_not_hide_a_long_silence() -> None:
    # end_silence_s is a setting (up to 30 s): a rehearsal set to wait 15 s after "That's a
    # fair point." did not make its 10 s silence a short pause to think
    patient = replace(T, end_silence_s=15.0)
    a = analyze(timed_transcript(["That's a fair point.", EVIDENCE], gap_s=10.0),
                expects=("concern_answer",), concern=DOUBT, thresholds=patient,
                semantic=False)  # fmt: skip
    assert _flagged(a) == [10.0]
    assert _coached(a)


def test_a_pause_before_a_question_announced_and_not_yet_asked_is_not_coached() -> None:
    # the turn end waits end_unmet_s here though a question was asked: two were announced
    said = ["I have two questions. What does a typical week look like?",
            "And who would I report to?"]  # fmt: skip
    a = analyze(timed_transcript(said, gap_s=3.5), expects=("question",), semantic=False)
    assert _flagged(a) == []
    assert not _coached(a)
    # both asked, a pause is a silence again
    b = analyze(timed_transcript([*said, "That is all from me."], gap_s=3.5),
                expects=("question",), semantic=False)  # fmt: skip
    assert _flagged(b) == [3.5]
