"""Speech to timed text: Whisper engines behind one :class:`Transcriber`, with silence
gating, models found offline, and transcription while the candidate is still speaking."""

from __future__ import annotations

from typing import TYPE_CHECKING

from voicecoach.lazy import lazy_exports

if TYPE_CHECKING:
    from voicecoach.speech.base import DEFAULT_PROMPT, Decoder, Transcriber
    from voicecoach.speech.chunked import ChunkedTranscriber
    from voicecoach.speech.factory import load_transcriber
    from voicecoach.speech.gating import GatedTranscriber
    from voicecoach.speech.models import ENGINES, list_models

__all__ = [
    "DEFAULT_PROMPT",
    "ENGINES",
    "ChunkedTranscriber",
    "Decoder",
    "GatedTranscriber",
    "Transcriber",
    "list_models",
    "load_transcriber",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "DEFAULT_PROMPT": "voicecoach.speech.base",
        "Decoder": "voicecoach.speech.base",
        "Transcriber": "voicecoach.speech.base",
        "ChunkedTranscriber": "voicecoach.speech.chunked",
        "load_transcriber": "voicecoach.speech.factory",
        "GatedTranscriber": "voicecoach.speech.gating",
        "ENGINES": "voicecoach.speech.models",
        "list_models": "voicecoach.speech.models",
    },
)
