"""The chunked path's last decode is short: the encoder reads only the piece (plus a little
padding), and nothing is decoded again when only silence is left at the end."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from voicecoach.audio.files import load_audio, write_wav
from voicecoach.audio.recorders import FileRecorder
from voicecoach.settings import SAMPLE_RATE_HZ
from voicecoach.speech.chunked import END_CUT_SILENCE_S, ChunkedTranscriber
from voicecoach.speech.engine_faster import ENCODER_PAD_S, FRAMES_PER_S, encoder_frames

SPEECH = Path(__file__).parent.parent / "data" / "speech"


def _window(sound_frames: int, total: int = 3000) -> np.ndarray:
    """A window's features as faster-whisper hands them over: log-mel values (never exactly
    zero) for the sound, then zeros to 30 s."""
    features = np.zeros((80, total), np.float32)
    features[:, :sound_frames] = np.random.default_rng(0).uniform(-1.5, 1.0, (80, sound_frames))
    return features


def test_the_encoder_reads_the_sound_and_a_little_padding_in_whole_seconds() -> None:
    pad = int(ENCODER_PAD_S * FRAMES_PER_S)
    assert encoder_frames(_window(350)) == 1400  # 3.5 s + 10 s, rounded up to 14 s
    assert encoder_frames(_window(400)[None]) == 400 + pad  # a batch of one, as encode gets it
    assert encoder_frames(_window(2100)) == 3000  # never past the window
    assert encoder_frames(np.zeros((80, 3000), np.float32)) == 3000  # nothing to go by


@pytest.mark.slow
def test_a_short_last_piece_is_encoded_short_and_transcribed_once(faster_transcriber) -> None:  # type: ignore[no-untyped-def]
    from faster_whisper.audio import pad_or_trim

    piece = load_audio(SPEECH / "jfk.wav")[: int(3.5 * SAMPLE_RATE_HZ)]
    model = faster_transcriber.decoder._model
    encoded = model.encode(pad_or_trim(model.feature_extractor(piece)))
    assert encoded.shape[1] == 1400 // 2  # the encoder halves the frames: 14 s, not 30 s
    text = faster_transcriber.transcribe(piece).text.lower()
    assert text.count("fellow american") == 1, text  # no repeated sentence at the end


@pytest.mark.slow
def test_finish_decodes_nothing_when_only_silence_is_left(faster_transcriber) -> None:  # type: ignore[no-untyped-def]
    silence = np.zeros(int((END_CUT_SILENCE_S + 2.0) * SAMPLE_RATE_HZ), np.float32)
    audio = np.concatenate([load_audio(SPEECH / "jfk.wav"), silence])
    home = Path(os.environ["VOICECOACH_HOME"])
    chunker = ChunkedTranscriber(faster_transcriber)
    FileRecorder([write_wav(home / "in.wav", audio)]).record(
        home / "a.wav", on_audio=chunker.on_audio, on_status=chunker.on_status
    )
    transcript, regions = chunker.finish()
    # the answer was cut once, in the silence after it; the silence left after that cut
    # is not decoded as a piece of its own
    assert chunker.pieces == 1
    assert "ask not what your country can do for you" in transcript.text.lower().replace(",", "")
    assert transcript.duration_s == pytest.approx(len(audio) / SAMPLE_RATE_HZ)
    assert regions and regions[-1][1] < 11.5
