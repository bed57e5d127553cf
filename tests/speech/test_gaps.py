"""Speech Whisper skipped is decoded again on its own cut."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from voicecoach.audio.files import load_audio
from voicecoach.audio.vad import speech_regions
from voicecoach.settings import SAMPLE_RATE_HZ, STRETCHED_WORD_SPEECH_S
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
DATA = Path(__file__).parent.parent / "data" / "speech"
# tiny.en, prompted with the sample profile, writes 15 of this answer's ~55 words as one
# segment over all of it ("when" from 5.7 s to 20.4 s): see SOURCES.md
SKIPPED = DATA / "concern-answer-skipped-espeak-card.flac"


def _profile_prompt() -> str:
    from voicecoach.profile import load_profile
    from voicecoach.speech.base import whisper_prompt

    return whisper_prompt(load_profile(SAMPLES / "profile.toml"))


class Counted:
    """The real engine, its calls counted."""

    def __init__(self, decoder: Decoder) -> None:
        self.decoder, self.engine, self.model = decoder, decoder.engine, decoder.model
        self.calls: list[tuple[float, str | None]] = []

    def decode(self, audio: np.ndarray, initial_prompt: str | None) -> tuple[Segment, ...]:
        self.calls.append((len(audio) / SAMPLE_RATE_HZ, initial_prompt))
        return self.decoder.decode(audio, initial_prompt)


class AlwaysPrompted(Counted):
    """The real engine made to fail on every try: each decode is prompted as the first
    was, and a stretch decoded on its own gives nothing."""

    def __init__(self, decoder: Decoder, prompt: str) -> None:
        super().__init__(decoder)
        self.prompt = prompt

    def decode(self, audio: np.ndarray, initial_prompt: str | None) -> tuple[Segment, ...]:
        if len(self.calls) >= 2:
            self.calls.append((len(audio) / SAMPLE_RATE_HZ, initial_prompt))
            return ()
        return super().decode(audio, self.prompt)


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


def test_a_word_stretched_over_seconds_of_speech_ends_its_segment() -> None:
    words = (
        Word("the", 0.5, 0.7, 0.9), Word("roles", 0.7, 1.2, 0.9),
        Word("when", 1.2, 9.0, 0.9),  # over 7.5 s of speech: the words there were skipped
        Word("the", 9.0, 9.0, 0.9), Word("project", 9.0, 9.0, 0.9),
    )  # fmt: skip
    regions = ((0.45, 9.1),)
    (seg,) = gate_segments((Segment("the roles when the project", 0.5, 9.0, words),), regions)
    assert seg.text == "the roles" and seg.end_s == 1.2
    assert uncovered_stretches((seg,), regions) == [(1.5, 9.1)]
    # a long word said slowly is a word
    slow = (Word("communication", 0.5, 2.0, 0.9),)
    (kept,) = gate_segments((Segment("communication", 0.5, 2.0, slow),), ((0.45, 2.1),))
    assert kept.words == slow


@pytest.mark.slow
def test_an_answer_whisper_jumped_over_is_decoded_again(faster_transcriber) -> None:  # type: ignore[no-untyped-def]
    audio = load_audio(SKIPPED)
    regions = speech_regions(audio)
    result = faster_transcriber.transcribe(audio, initial_prompt=_profile_prompt())
    assert len(result.words) >= 45, result.text  # the skipping decode has 15
    assert "promotion" in result.text and "four years" in result.text, result.text
    assert uncovered_speech_s(result.segments, regions) < MAX_UNCOVERED_SPEECH_S
    assert result.words[-1].end_s > 19.0
    starts = [w.start_s for w in result.words]
    assert starts == sorted(starts)


@pytest.mark.slow
def test_an_answer_still_skipped_after_every_try_is_reported(faster_transcriber) -> None:  # type: ignore[no-untyped-def]
    from voicecoach.analysis import analyze

    audio = load_audio(SKIPPED)
    regions = speech_regions(audio)
    failing = AlwaysPrompted(faster_transcriber.decoder, _profile_prompt())
    result = GatedTranscriber(failing).transcribe(audio, initial_prompt=_profile_prompt())
    assert len(failing.calls) == 3  # prompted, "plain", the skipped stretch on its own
    assert result.words and result.words[-1].end_s < 7.0  # the stretched word is not kept
    analysis = analyze(result, speech_regions=regions)
    assert any("could not be transcribed" in n for n in analysis.notes), analysis.notes


@pytest.mark.slow
@pytest.mark.parametrize(
    "clip",
    [
        SAMPLES / "strong" / "turn-02.flac",
        SAMPLES / "weak" / "turn-03.flac",
        DATA / "close-thanks-opener-espeak.flac",
        DATA / "librivox-0880.wav",
    ],
    ids=lambda p: p.stem,
)
def test_normal_answers_are_decoded_once(faster_transcriber, clip: Path) -> None:  # type: ignore[no-untyped-def]
    audio = load_audio(clip)
    regions = speech_regions(audio)
    counted = Counted(faster_transcriber.decoder)
    prompt = _profile_prompt()
    result = GatedTranscriber(counted).transcribe(audio, initial_prompt=prompt)
    assert len(counted.calls) == 1
    assert result.segments == gate_segments(faster_transcriber.decoder.decode(
        audio[: int(regions[-1][1] * SAMPLE_RATE_HZ)], prompt), regions)  # fmt: skip
    for w in result.words:
        on_speech = sum(max(0.0, min(w.end_s, b) - max(w.start_s, a)) for a, b in regions)
        assert on_speech < STRETCHED_WORD_SPEECH_S / 2


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
