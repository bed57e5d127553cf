"""Both engines on real speech: accuracy, word timings, silence and noise, fillers."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from voicecoach.audio.files import load_audio
from voicecoach.errors import EngineError, ModelError
from voicecoach.settings import Thresholds
from voicecoach.speech.base import DEFAULT_PROMPT, Transcriber
from voicecoach.speech.factory import load_transcriber
from voicecoach.speech.gating import gate_segments
from voicecoach.transcript import Segment, Transcript, Word

SPEECH = Path(__file__).parent.parent / "data" / "speech"
SAMPLES = Path(__file__).parent.parent.parent / "samples"
CLIPS = sorted(SPEECH.glob("*.wav"))
RATE = 16_000
ENGINES = ["faster-whisper", "openai-whisper"]
FILLERS = {"um", "uh", "umm", "uhh", "er", "erm", "hmm"}
# Measured on the six clips (93 words) with tiny.en and the prompt: the misses are "ill
# disposed" heard as "old-sposed" (librivox-0880) and a repeated "a" in the reference, 3/93
# (3.2%) for openai-whisper on every CPU below and for faster-whisper on an AVX-512 Zen 5
# and with CTranslate2 held to GENERIC kernels; with oneDNN held to AVX2 or to AVX512_CORE
# (no VNNI) faster-whisper also hears librivox-0890's "ill-disposed" as "old-sposed", 5/93
# (5.4%). The bound leaves one word of slack over the worst.
MAX_WER = 0.065


def normalise(text: str) -> list[str]:
    """Lower case, titles spelled out, hyphens split, punctuation and fillers removed."""
    text = text.lower().replace("mr.", "mister").replace("mrs.", "missus").replace("-", " ")
    words = re.sub(r"[^a-z0-9' ]+", " ", text).split()
    return [w for w in words if w not in FILLERS]


def wer(reference: list[str], hypothesis: list[str]) -> tuple[int, int]:
    """Word errors (Levenshtein over words) and reference length."""
    row = list(range(len(hypothesis) + 1))
    for i, ref in enumerate(reference, 1):
        prev, row[0] = row[0], i
        for j, hyp in enumerate(hypothesis, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ref != hyp))
    return row[-1], len(reference)


@pytest.fixture(scope="module", params=ENGINES)
def transcriber(request: pytest.FixtureRequest) -> Transcriber:
    name = "faster_transcriber" if request.param == "faster-whisper" else "openai_transcriber"
    t: Transcriber = request.getfixturevalue(name)
    return t


@pytest.fixture(scope="module")
def results(transcriber: Transcriber) -> dict[tuple[str, bool], Transcript]:
    out = {}
    for clip in CLIPS:
        audio = load_audio(clip)
        out[clip.stem, True] = transcriber.transcribe(audio)
        out[clip.stem, False] = transcriber.transcribe(audio, initial_prompt=None)
    return out


def _corpus_wer(results: dict[tuple[str, bool], Transcript], prompted: bool) -> float:
    errors = total = 0
    for clip in CLIPS:
        reference = normalise((clip.with_suffix(".txt")).read_text())
        e, n = wer(reference, normalise(results[clip.stem, prompted].text))
        errors, total = errors + e, total + n
    return errors / total


@pytest.mark.slow
def test_accuracy_on_real_speech(results: dict[tuple[str, bool], Transcript]) -> None:
    assert _corpus_wer(results, prompted=True) <= MAX_WER


@pytest.mark.slow
def test_the_filler_prompt_does_not_cost_words(results: dict[tuple[str, bool], Transcript]) -> None:
    assert _corpus_wer(results, prompted=True) <= _corpus_wer(results, prompted=False) + 0.011


@pytest.mark.slow
def test_transcript_shape_and_word_timings(
    transcriber: Transcriber, results: dict[tuple[str, bool], Transcript]
) -> None:
    for clip in CLIPS:
        t = results[clip.stem, True]
        assert t.engine == transcriber.engine and t.model == "tiny.en"
        assert t.initial_prompt == DEFAULT_PROMPT and t.language == "en"
        assert t.duration_s == pytest.approx(len(load_audio(clip)) / RATE)
        assert t.has_word_timings and t.text
        assert t.text == " ".join(s.text for s in t.segments)
        starts = [w.start_s for w in t.words]
        assert starts == sorted(starts), f"{clip.stem}: word starts go backwards"
        for w in t.words:
            assert 0.0 <= w.start_s <= w.end_s <= t.duration_s + 0.01
            assert 0.0 <= w.probability <= 1.0 and w.text == w.text.strip() and w.text
        assert Transcript.from_dict(t.to_dict()) == t


@pytest.mark.slow
def test_both_engines_agree(
    faster_transcriber: Transcriber, openai_transcriber: Transcriber
) -> None:
    audio = load_audio(SPEECH / "jfk.wav")
    a, b = faster_transcriber.transcribe(audio), openai_transcriber.transcribe(audio)
    assert normalise(a.text) == normalise(b.text)
    assert set(a.to_dict()) == set(b.to_dict())
    for wa, wb in zip(a.words, b.words, strict=True):  # same weights, same alignment heads
        assert abs(wa.start_s - wb.start_s) < 0.15


def _noise(kind: str, seconds: float, level: float) -> np.ndarray:
    rng = np.random.default_rng(11)
    x = rng.standard_normal(int(RATE * seconds))
    if kind == "brown":
        x = np.cumsum(x)
        x -= np.convolve(x, np.ones(800) / 800, mode="same")
    return (x / np.abs(x).max() * level).astype(np.float32)


@pytest.mark.slow
@pytest.mark.parametrize(
    "kind",
    ["silence", "white-quiet", "white-loud", "brown"],
)
def test_silence_and_noise_give_an_empty_transcript(transcriber: Transcriber, kind: str) -> None:
    if kind == "silence":
        audio = np.zeros(RATE * 5, np.float32)
    else:
        level = {"white-quiet": 0.02, "white-loud": 0.5, "brown": 0.3}[kind]
        audio = _noise(kind.split("-")[0], 5.0, level)
    t = transcriber.transcribe(audio)
    assert t.text == "" and t.segments == () and t.duration_s == pytest.approx(5.0)


@pytest.mark.slow
def test_no_words_are_invented_in_long_silences(transcriber: Transcriber) -> None:
    a = load_audio(SPEECH / "librivox-0930.wav")
    b = load_audio(SPEECH / "librivox-0880.wav")
    gap = np.zeros(RATE * 6, np.float32)
    audio = np.concatenate([gap[: RATE * 2], a, gap, b, gap])
    t = transcriber.transcribe(audio)
    a_end = 2.0 + len(a) / RATE
    b_start, b_end = a_end + 6.0, a_end + 6.0 + len(b) / RATE
    assert t.words[0].start_s == pytest.approx(2.2, abs=0.6)  # Whisper starts it early
    for w in t.words:
        assert not (a_end + 0.5 < w.start_s < b_start - 0.5), f"{w} inside the silent gap"
        assert w.end_s < b_end + 0.5, f"{w} in the trailing silence"
    assert normalise(t.text) == normalise(
        "he might even have been made amiable himself he was not an old sposed young man"
    )


def _espeak(text: str, path: Path) -> Path:
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(path), text], check=True)
    return path


FILLER_LINES = [
    "Um, I think the role fits me well. Uh, I led a team of five engineers, and, um, "
    "we shipped the product on time.",
    "So, uh, what are the next steps? Um, when do you expect to make a decision? Uh, thank "
    "you for your time.",
]


@pytest.fixture(scope="module")
def filler_audio(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is needed (Debian package espeak-ng)")
    folder = tmp_path_factory.mktemp("fillers")
    return [load_audio(_espeak(line, folder / f"f{i}.wav")) for i, line in enumerate(FILLER_LINES)]


@pytest.mark.slow
def test_the_default_prompt_keeps_fillers(
    transcriber: Transcriber, filler_audio: list[Any]
) -> None:
    spoken = [w for line in FILLER_LINES for w in normalise(line)]
    with_prompt = [transcriber.transcribe(a) for a in filler_audio]
    without = [transcriber.transcribe(a, initial_prompt=None) for a in filler_audio]

    def fillers(ts: list[Transcript]) -> int:
        return sum(1 for t in ts for w in t.text.lower().replace(",", " ").split() if w in FILLERS)

    assert fillers(with_prompt) >= 5  # six were spoken
    assert fillers(without) <= 1  # Whisper's habit the prompt works around
    heard = [w for t in with_prompt for w in normalise(t.text)]
    errors, n = wer(spoken, heard)
    # TTS words such as "led" come out as "land", "a team of" as "up to even". Measured, of
    # the 40 words: openai-whisper 5 on each CPU; faster-whisper 6 on an AVX-512 Zen 5, 8 with
    # oneDNN held to AVX2, 9 with CTranslate2 held to GENERIC and with oneDNN held to
    # AVX512_CORE ("what are the next steps" comes out as "what's on/our next steps").
    # One word of slack over the worst.
    assert errors / n <= 0.25, (errors, n, heard)
    # the words that carry the lines; one may go (an AVX-512 Zen 5 hears "team" otherwise)
    key = ("role", "team", "five", "engineers", "next", "decision", "thank", "time")
    missed = [word for word in key if word not in heard]
    assert len(missed) <= 1, (missed, heard)


def test_gate_drops_segments_outside_speech_and_whispers_non_speech() -> None:
    words = (Word("Thank", 6.0, 6.3, 0.4), Word("you.", 6.3, 6.6, 0.4))
    real = Segment("Hello there.", 0.2, 1.4, (Word("Hello", 0.2, 0.7, 0.9),))
    invented = Segment("Thank you.", 6.0, 6.6, words, no_speech_prob=0.1, avg_logprob=-0.3)
    unsure = Segment("Okay.", 0.5, 1.0, (), no_speech_prob=0.9, avg_logprob=-1.5)
    sure = Segment("Okay.", 0.5, 1.0, (), no_speech_prob=0.9, avg_logprob=-0.2)
    blank = Segment("  ", 0.0, 1.0)
    regions = ((0.1, 1.5),)
    assert gate_segments((real, invented, unsure, sure, blank), regions) == (real, sure)
    assert gate_segments((real,), ()) == ()
    strict = Thresholds(no_speech_prob=0.5, no_speech_logprob=0.0)
    assert gate_segments((sure,), regions, strict) == ()


def test_gate_drops_unsure_and_impossibly_fast_segments() -> None:
    regions = ((0.0, 3.1),)
    sure = tuple(Word(w, 0.3 * i, 0.3 * i + 0.25, 0.9) for i, w in enumerate(["he", "was", "not"]))
    unsure = tuple(Word(w.text, w.start_s, w.end_s, 0.1) for w in sure)
    crammed = tuple(Word(f"w{i}", 2.7 + 0.01 * i, 2.7 + 0.01 * i, 0.9) for i in range(12))
    real = Segment("he was not", 0.0, 0.85, sure)
    assert gate_segments((real,), regions) == (real,)
    assert gate_segments((Segment("he was not", 0.0, 0.85, unsure),), regions) == ()
    assert gate_segments((Segment("twelve words", 2.7, 3.04, crammed),), regions) == ()


def test_gate_trims_words_far_from_speech() -> None:
    words = (Word("time.", 2.0, 2.4, 0.9), Word("uh,", 4.0, 4.1, 0.3), Word("uh", 4.1, 4.2, 0.3))
    seg = Segment("time. uh, uh", 2.0, 4.2, words)
    (kept,) = gate_segments((seg,), ((0.0, 2.5),))
    assert kept.text == "time." and kept.words == words[:1] and kept.end_s == 2.4


def test_gate_keeps_a_number_whisper_split_into_words_written_as_one() -> None:
    # " $400" ",000" is "$400,000" in the segment's text; trimming a word keeps it so
    said = [("It", 1.0), ("was", 1.3), ("$400", 1.6), (",000.", 1.9), ("uh", 4.0)]
    words = tuple(Word(w, t, t + 0.25, 0.9) for w, t in said)
    seg = Segment("It was $400,000. uh", 1.0, 4.25, words)
    (kept,) = gate_segments((seg,), ((0.0, 2.5),))
    assert kept.text == "It was $400,000." and kept.words == words[:4]


def test_unknown_engine_and_model() -> None:
    with pytest.raises(EngineError, match="unknown engine 'vosk'"):
        load_transcriber("vosk")
    with pytest.raises(ModelError, match=r"unknown model 'huge'.*tiny\.en"):
        load_transcriber("faster-whisper", "huge")


def test_engine_not_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "whisper" else real(name, *a)
    )
    with pytest.raises(
        EngineError, match=r"'openai-whisper' is not installed.*voicecoach\[openai\]"
    ):
        load_transcriber("openai-whisper")


def test_empty_audio_is_an_empty_transcript(faster_transcriber: Transcriber) -> None:
    t = faster_transcriber.transcribe(np.zeros(0, np.float32))
    assert t.text == "" and t.duration_s == 0.0


def test_an_invented_ending_is_dropped_but_real_short_words_stay() -> None:
    # Word values tiny.en gave for a trimmed "Okay, bye." clip (samples/weak/turn-05.flac).
    real = (Word("Okay,", 0.0, 0.4, 0.6376), Word("bye.", 0.66, 0.72, 0.9707))
    invented = (Word("Thank", 0.72, 0.72, 0.0086), Word("you.", 0.72, 0.76, 0.9798))
    regions = ((0.0, 0.9),)
    same_segment = Segment("Okay, bye. Thank you.", 0.0, 0.76, real + invented)
    (kept,) = gate_segments((same_segment,), regions)
    assert kept.text == "Okay, bye." and kept.words == real and kept.end_s == 0.72
    own_segment = (
        Segment("Okay, bye.", 0.0, 0.72, real),
        Segment("Thank you.", 0.72, 0.76, invented),
    )
    assert [s.text for s in gate_segments(own_segment, regions)] == ["Okay, bye."]
    said = (Word("Thank", 0.1, 0.35, 0.91), Word("you.", 0.35, 0.6, 0.97))
    assert gate_segments((Segment("Thank you.", 0.1, 0.6, said),), regions)[0].words == said


@pytest.mark.slow
def test_a_short_answer_gets_no_invented_thanks(transcriber: Transcriber) -> None:
    from voicecoach.audio.vad import speech_regions

    audio = load_audio(SAMPLES / "weak" / "turn-05.flac")  # "Okay, bye." and nothing else
    (start_s, end_s), *_ = speech_regions(audio)
    clip = audio[int((start_s - 0.1) * 16_000) : int((end_s + 0.3) * 16_000)]
    text = transcriber.transcribe(clip).text
    assert "bye" in text.lower() and "thank" not in text.lower()


@pytest.mark.slow
def test_a_prompt_induced_loop_is_retried_without_the_prompt(transcriber: Transcriber) -> None:
    audio = load_audio(SPEECH / "librivox-0930-replayed-1.5x.flac")
    text = transcriber.transcribe(audio).text.lower()
    assert {"might", "even", "himself"} <= set(re.sub(r"[^a-z ]", " ", text).split()), text


@pytest.mark.slow
def test_speech_the_prompted_decode_skipped_is_transcribed(transcriber: Transcriber) -> None:
    # With the filler prompt, faster-whisper once wrote the first 30 s window of this closing
    # as "Yes, I have two." at 20.7 s (17 s of speech lost), and openai-whisper dropped the
    # first words after a window boundary ("Is there anything").
    from voicecoach.audio.vad import speech_regions
    from voicecoach.settings import Thresholds
    from voicecoach.speech.gating import uncovered_speech_s

    audio = load_audio(SAMPLES / "strong-closing.flac")
    result = transcriber.transcribe(audio)
    text = re.sub(r"[^a-z ]", " ", result.text.lower())
    for phrase in ("analytics team", "six months", "five years", "is there anything"):
        assert phrase in " ".join(text.split()), phrase
    regions = speech_regions(audio, Thresholds())
    assert uncovered_speech_s(result.segments, regions) < 1.0
