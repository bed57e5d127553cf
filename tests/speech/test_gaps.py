"""Speech Whisper skipped is decoded again on its own cut."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from voicecoach.audio.files import load_audio
from voicecoach.audio.vad import speech_regions
from voicecoach.settings import SAMPLE_RATE_HZ
from voicecoach.speech.base import Decoder
from voicecoach.speech.gating import (
    MAX_UNCOVERED_SPEECH_S,
    GatedTranscriber,
    gate_segments,
    uncovered_speech_s,
    uncovered_stretches,
)
from voicecoach.transcript import Segment, Word

SAMPLES = Path(__file__).parent.parent.parent / "samples"


class SkipsTheRest:
    """The real engine, made to fail as faster-whisper once did: on the whole answer, with
    the prompt and without, it writes the first part and nothing after SKIP_AFTER_S (one
    bad window). Other cuts decode normally."""

    SKIP_AFTER_S = 8.0

    def __init__(self, decoder: Decoder) -> None:
        self.decoder, self.engine, self.model = decoder, decoder.engine, decoder.model
        self.calls: list[float] = []

    def decode(self, audio: np.ndarray, initial_prompt: str | None) -> tuple[Segment, ...]:
        self.calls.append(len(audio) / SAMPLE_RATE_HZ)
        segments = self.decoder.decode(audio, initial_prompt)
        if len(self.calls) > 2:
            return segments
        return tuple(s for s in segments if s.end_s <= self.SKIP_AFTER_S)


def test_a_stock_ending_with_no_speech_under_it_is_dropped() -> None:
    said = (Word("I", 0.0, 0.2, 0.9), Word("want", 0.2, 0.5, 0.9), Word("it.", 0.5, 0.9, 0.9))
    regions = ((0.0, 0.93),)
    # confident, within the word gate's reach of the speech, but on none of it
    thanks = (Word("Thank", 0.95, 1.1, 0.8), Word("you.", 1.1, 1.2, 0.9))
    (kept,) = gate_segments((Segment("I want it. Thank you.", 0.0, 1.2, said + thanks),), regions)
    assert kept.text == "I want it." and kept.end_s == 0.9
    spoken = (Word("Thank", 0.5, 0.7, 0.8), Word("you.", 0.7, 0.95, 0.9))
    (seg,) = gate_segments((Segment("Thank you.", 0.5, 0.95, spoken),), ((0.45, 0.93),))
    assert seg.words == spoken  # said on the speech: kept


def test_stretches_with_no_words() -> None:
    words = (Word("a", 0.0, 1.0, 0.9), Word("b", 1.2, 2.0, 0.9))
    seg = Segment("a b", 0.0, 2.0, words, 0.0, -0.1)
    regions = ((0.0, 2.0), (2.5, 6.0), (6.5, 7.0), (9.0, 9.5))
    # 2.5-6.0 and 6.5-7.0 joined (0.5 s apart); 9.0-9.5 is too short alone
    assert uncovered_stretches((seg,), regions) == [(2.5, 7.0)]
    assert uncovered_stretches((seg,), ((0.0, 2.0),)) == []


@pytest.mark.slow
def test_a_skipped_stretch_of_a_real_answer_is_decoded_again(faster_transcriber) -> None:  # type: ignore[no-untyped-def]
    audio = load_audio(SAMPLES / "strong" / "turn-02.flac")  # a spoken recap, about 25 s
    regions = speech_regions(audio)
    failing = SkipsTheRest(faster_transcriber.decoder)
    result = GatedTranscriber(failing).transcribe(audio)
    assert len(failing.calls) == 3  # prompted, plain, then the skipped stretch on its own
    assert uncovered_speech_s(result.segments, regions) < MAX_UNCOVERED_SPEECH_S
    assert failing.calls[2] < failing.calls[0] - SkipsTheRest.SKIP_AFTER_S + 1.0
    full = faster_transcriber.transcribe(audio)
    words = set(re.sub(r"[^a-z ]", " ", full.text.lower()).split())
    found = set(re.sub(r"[^a-z ]", " ", result.text.lower()).split())
    assert len(words & found) >= 0.85 * len(words), (full.text, result.text)
    starts = [w.start_s for w in result.words]
    assert starts == sorted(starts)
