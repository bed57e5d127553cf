"""A candidate who asked for a moment is never told to ask for one (trial 20: "Let me
think about that", misheard, then coached 'say "Let me think about that" rather than going
silent')."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from analysis_support import timed_transcript
from rehearsal_support import say

from voicecoach.analysis import analyze, wording
from voicecoach.analysis.openers import says_request
from voicecoach.analysis.results import Analysis
from voicecoach.audio.files import load_audio
from voicecoach.audio.vad import speech_regions
from voicecoach.settings import SAMPLE_RATE_HZ, Thresholds

ASK = ("interest", "ask_for_job")
SILENCES = wording.FIXES["long_pauses"].title
SAY_IT = "Let me think about"


def _silence_advice(a: Analysis) -> list[str]:
    return [p.suggestion for p in a.coaching if p.title == SILENCES]


@pytest.mark.parametrize(
    "said",
    [
        "Um, let me think I'm out and out.",  # trial 20's mishearing
        "Good question, let me think.",
        "Let me think of an example I have from Acme where I cut costs by a third.",
    ],
)
def test_a_long_silence_after_asking_for_a_moment_is_coached_without_asking_again(
    said: str,
) -> None:
    # 7 s: longer than the rehearsal's last-resort wait, so flagged even though announced
    gap_s = Thresholds().end_silence_s + 1.0
    a = analyze(timed_transcript([said, "I really want this job."], gap_s=gap_s), expects=ASK,
                semantic=False)  # fmt: skip
    (advice,) = _silence_advice(a)
    assert SAY_IT not in advice
    assert advice == wording.FIXES["long_pauses_asked"].suggestion


def test_a_long_silence_with_no_request_anywhere_is_coached_to_ask_for_a_moment() -> None:
    said = ["I really want this job.", "What are the next steps from here?"]
    a = analyze(timed_transcript(said, gap_s=7.0), expects=ASK, semantic=False)
    (advice,) = _silence_advice(a)
    assert SAY_IT in advice


def test_a_request_in_another_answer_does_not_excuse_this_ones_silence() -> None:
    # trial 21: a turn-3 silence coached "asking for a moment, as you did", the request
    # made in turn 4
    from voicecoach.analysis.analyzer import TurnInput, analyze_rehearsal

    silent = timed_transcript(["I really want this job.", "What are the next steps?"], gap_s=7.0)
    asked = timed_transcript(["Let me think about that.", "Thank you for your time."])
    a = analyze_rehearsal([TurnInput(silent, ASK), TurnInput(asked, ("thanks",))], semantic=False)
    (advice,) = _silence_advice(a)
    assert SAY_IT in advice


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Um, let me think I'm out and out.", True),
        ("I really want this job. Good question.", True),
        ("Let me see, I would love this job.", True),  # said it, then answered
        ("Hold on, I have it.", True),
        ("I would let the team see the numbers first.", False),
        ("Let me tell you about my last role.", False),
        ("It was a good question to ask.", False),  # not opening its clause
        ("Is there, um, a second interview, or is this the only one?", False),
    ],
)
def test_a_request_for_a_moment_said_anywhere_is_found(text: str, asked: bool) -> None:
    assert says_request(text) is asked


@pytest.mark.slow
def test_a_request_whisper_heard_keeps_its_pause_unflagged(  # type: ignore[no-untyped-def]
    faster_transcriber, tmp_path: Path
) -> None:
    """Real TTS through tiny.en: "Let me think about that.", 5 s of thought, then the
    answer. tiny.en stretches "that." into the pause, so the words before it end on
    "about"; the silence was flagged and coached as going silent."""
    think = load_audio(say("Let me think about that.", tmp_path / "think.wav"))
    answer = load_audio(
        say("I really want this job. What are the next steps from here?", tmp_path / "ask.wav")
    )
    audio = np.concatenate([think, np.zeros(5 * SAMPLE_RATE_HZ, np.float32), answer])
    heard = faster_transcriber.transcribe(audio)
    a = analyze(heard, speech_regions=speech_regions(audio), expects=ASK, semantic=False)
    assert heard.text.lower().startswith("let me think"), heard.text
    assert [p.duration_s > 4.5 for p in a.delivery.pauses] == [True], a.delivery.pauses
    assert not any(p.long for p in a.delivery.pauses), heard
    assert not _silence_advice(a)
