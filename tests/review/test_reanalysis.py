"""Re-analysis of a stored session (``voicecoach analyze --session``): its answers are heard
again as ``analyze`` hears a recording, so a stored answer and the same audio given to
``analyze`` get one transcript."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sessions_support as support

from voicecoach.pipeline import transcribe_audio
from voicecoach.profile import profile_from_dict
from voicecoach.review.reanalysis import reanalyze_session
from voicecoach.sessions.store import Store
from voicecoach.speech.base import FILE_BEAM_SIZE


@pytest.mark.slow
def test_a_reanalysis_hears_the_answers_as_analyze_does(
    _home: Path,
    faster_transcriber: Any,
    loaded_transcribers: list[Any],
) -> None:
    store = Store(_home)
    # the answer to the concern, recorded live (greedy): "the same seasonality and lead
    # time parablams" (or "parablims") on each CPU measured: an AVX-512 Zen 5, oneDNN held
    # to AVX2 or AVX512_CORE, CTranslate2 held to GENERIC kernels. A beam hears "problems"
    # on the Zen 5 and at GENERIC but not with oneDNN held down, so only the contract below
    # (the transcript `analyze` gives) is asserted, not what the beam hears
    concern_answer = support.sample_answers("strong", faster_transcriber)[2]
    sid = support.record_session(store, [concern_answer])
    assert "lead time parabl" in concern_answer.transcript.text  # the premise

    result = reanalyze_session(sid, store=store)

    assert [t.decoder.beam_size for t in loaded_transcribers] == [FILE_BEAM_SIZE]
    session = store.load(sid)
    (turn,) = session.turns
    assert turn.transcript is not None and turn.answer_wav is not None
    assert (result.engine, result.model) == ("faster-whisper", "tiny.en")
    profile = profile_from_dict(session.profile, source="test") if session.profile else None
    heard = transcribe_audio(turn.answer_wav, "faster-whisper", "tiny.en", profile=profile)[0]
    assert turn.transcript.to_dict() == heard.to_dict()  # as `analyze ANSWER.wav` hears it


@pytest.mark.slow
def test_a_turn_whose_audio_is_gone_leaves_the_later_turns_their_numbers(
    _home: Path, faster_transcriber: Any
) -> None:
    """A re-analysis skips an answer whose audio is gone; the closing numbered the turns
    left by their place, so turn 3's words were quoted as turn 2's."""
    store = Store(_home)
    answers = support.sample_answers("strong", faster_transcriber)[:3]
    sid = support.record_session(store, answers)
    second = store.load(sid).turns[1]
    assert second.answer_wav is not None
    second.answer_wav.unlink()

    result = reanalyze_session(sid, store=store, transcriber=faster_transcriber)

    assert result.turns == 2 and result.analysis is not None
    turns = {s.turn for s in result.analysis.sentences}
    assert turns == {1, 3}, turns
