"""Speech heard but not transcribed is reported, never judged silently."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pytest

from voicecoach.analysis import analyze
from voicecoach.analysis.coverage import UNTRANSCRIBED_REPORT_S, untranscribed_s
from voicecoach.audio.files import load_audio
from voicecoach.audio.recorders import Recording
from voicecoach.audio.vad import speech_regions
from voicecoach.rehearsal.verdict import quick_verdict

SAMPLES = Path(__file__).parent.parent.parent / "samples"


def test_speech_with_no_word_near_it_is_counted() -> None:
    regions = [(0.0, 4.0), (5.0, 15.0)]
    words = [(0.2, 0.6), (1.0, 3.8), (5.1, 6.0)]  # nothing after 6.0 s (+0.3 s reach)
    assert untranscribed_s(words, regions) == pytest.approx(8.7)
    assert untranscribed_s([(i / 2, i / 2 + 0.4) for i in range(30)], regions) == 0.0
    assert untranscribed_s([], regions) == pytest.approx(14.0)


def test_a_word_stretched_over_the_answer_covers_only_its_start() -> None:
    # a stored transcript of trial 18: tiny.en laid "when" over 14 s of a 19.5 s answer and
    # "the project" at its very end; the words said in those 14 s were never written
    regions = [(0.93, 2.4), (2.63, 10.33), (10.63, 15.55), (15.81, 20.48)]
    starts = [0.83, 1.35, 1.49, 1.77, 2.87, 2.95, 3.31, 3.63, 3.93, 4.33, 4.73, 5.21]
    words = [*itertools.pairwise([*starts, 5.71]), (5.71, 20.45), (20.45, 20.45), (20.45, 20.45)]
    assert untranscribed_s(words, regions) == pytest.approx(13.6, abs=0.1)  # was 0
    # a long word said slowly covers its time
    assert untranscribed_s([(0.9, 2.4)], [(0.93, 2.4)]) == 0.0


@pytest.mark.slow
def test_a_truncated_transcript_of_a_real_answer_is_reported(faster_transcriber) -> None:  # type: ignore[no-untyped-def]
    audio = load_audio(SAMPLES / "strong" / "turn-02.flac")  # a spoken recap
    regions = speech_regions(audio)
    full = faster_transcriber.transcribe(audio)
    whole = analyze(full, speech_regions=regions, expects=["recap"])
    assert not any("could not be transcribed" in n for n in whole.notes)
    # Whisper skipping a stretch: drop every segment after the first third
    keep = len(full.segments) // 3
    cut = replace(full, segments=full.segments[:keep])
    cut = replace(cut, text=" ".join(s.text for s in cut.segments))
    missing_s = untranscribed_s([(w.start_s, w.end_s) for w in cut.words], regions)
    assert missing_s > UNTRANSCRIBED_REPORT_S
    analysis = analyze(cut, speech_regions=regions, expects=["recap"])
    note = f"about {missing_s:.0f} s of this answer could not be transcribed; listen back in"
    assert any(n.startswith(note) for n in analysis.notes), analysis.notes
    seconds = len(audio) / 16_000
    recording = Recording(Path("answer.wav"), seconds, "finished", True, 0.0, seconds)
    assert "could not be transcribed" in quick_verdict(analysis, ["recap"], recording).headline
    # the JSON round trip keeps it (notes were already stored)
    from voicecoach.analysis.results import Analysis

    assert Analysis.from_dict(analysis.to_dict()).notes == analysis.notes
