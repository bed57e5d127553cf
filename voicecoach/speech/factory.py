"""Engine name -> a loaded :class:`~voicecoach.speech.base.Transcriber`; each engine
module is imported only when asked for (torch alone takes a second to import)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from voicecoach.errors import EngineError
from voicecoach.speech.base import Decoder, Transcriber
from voicecoach.speech.gating import GatedTranscriber


def load_transcriber(
    engine: str = "faster-whisper",
    model: str = "tiny.en",
    *,
    data_dir: Path | None = None,
    beam_size: int = 1,
) -> Transcriber:
    """Load ``model`` for ``engine`` (:mod:`voicecoach.speech.models` says where models
    come from). ``beam_size`` 1 decodes greedily (live answers); a whole file can afford
    :data:`~voicecoach.speech.base.FILE_BEAM_SIZE`.

    Raises :class:`EngineError` for an unknown or uninstalled engine and
    :class:`ModelError` for an unknown or missing model.
    """
    from voicecoach.speech.models import check_engine

    check_engine(engine)
    decoder: Decoder
    if engine == "faster-whisper":
        _require("faster_whisper", engine, "pip install faster-whisper")
        from voicecoach.speech.engine_faster import FasterWhisperDecoder

        decoder = FasterWhisperDecoder.load(model, data_dir=data_dir, beam_size=beam_size)
    else:
        _require("whisper", engine, "pip install 'voicecoach[openai]'")
        from voicecoach.speech.engine_openai import OpenAIWhisperDecoder

        decoder = OpenAIWhisperDecoder.load(model, data_dir=data_dir, beam_size=beam_size)
    return GatedTranscriber(decoder)


def _require(module: str, engine: str, fix: str) -> None:
    if importlib.util.find_spec(module) is None:
        raise EngineError(f"engine '{engine}' is not installed; install it with: {fix}")
