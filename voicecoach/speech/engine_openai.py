"""openai-whisper (PyTorch): the reference implementation, on the CPU in float32.

Audio is always passed as a float32 array (``whisper.load_audio`` would shell out to
ffmpeg). Checkpoints converted from CTranslate2 carry their alignment heads, which are
restored here so word timings match the original model.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from voicecoach.errors import ModelError
from voicecoach.speech.base import MAX_COMPRESSION_RATIO, make_segment
from voicecoach.transcript import Segment

if TYPE_CHECKING:
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float32]

ENGINE = "openai-whisper"
# A silent stretch this long inside a segment makes openai-whisper re-check it for
# invented text (it needs word timestamps, which are always on).
HALLUCINATION_SILENCE_S = 2.0


class OpenAIWhisperDecoder:
    engine = ENGINE

    def __init__(self, whisper_model: Any, model: str, beam_size: int = 1) -> None:
        self._model = whisper_model
        self.model = model
        self.beam_size = beam_size  # 1: greedy

    @classmethod
    def load(
        cls, model: str, *, data_dir: Path | None = None, beam_size: int = 1
    ) -> OpenAIWhisperDecoder:
        import torch

        from voicecoach.speech.base import cpu_threads
        from voicecoach.speech.models import resolve

        torch.set_num_threads(cpu_threads())
        resolved = resolve(ENGINE, model, data_dir=data_dir)
        if resolved.path is None:
            return cls(_download(model, data_dir), model, beam_size)
        return cls(load_checkpoint(resolved.path), model, beam_size)

    def decode(self, audio: FloatArray, initial_prompt: str | None) -> tuple[Segment, ...]:
        import torch
        import whisper

        with torch.inference_mode():
            result = whisper.transcribe(
                self._model,
                audio,
                language="en",
                task="transcribe",
                fp16=False,
                beam_size=self.beam_size if self.beam_size > 1 else None,  # None: greedy
                temperature=0.0,  # no sampling fallback: see transcribe.MAX_COMPRESSION_RATIO
                word_timestamps=True,
                initial_prompt=initial_prompt or None,
                condition_on_previous_text=False,  # see engine_faster: one bad window
                hallucination_silence_threshold=HALLUCINATION_SILENCE_S,
                verbose=None,
            )
        return tuple(
            _segment(s)
            for s in result["segments"]
            if s["compression_ratio"] <= MAX_COMPRESSION_RATIO  # a repetition loop
        )


def load_checkpoint(path: Path) -> Any:
    """Build a Whisper model from a ``.pt`` checkpoint, restoring its alignment heads.

    Heads come from the checkpoint (converted models) or, for an official checkpoint named
    like ``base.en.pt``, from openai-whisper's own table.
    """
    import pickle

    import torch
    import whisper
    from whisper.model import ModelDimensions, Whisper

    try:
        checkpoint = torch.load(path, map_location="cpu", weights_only=True)
        model = Whisper(ModelDimensions(**checkpoint["dims"]))
        model.load_state_dict(checkpoint["model_state_dict"])
    except (
        RuntimeError,
        KeyError,
        TypeError,
        ValueError,
        OSError,
        EOFError,
        pickle.UnpicklingError,
    ) as exc:
        raise ModelError(
            f"{path}: not a usable openai-whisper checkpoint ({str(exc)[:100]}); delete it to "
            "convert again, or give another --model"
        ) from exc
    heads = checkpoint.get("alignment_heads") or whisper._ALIGNMENT_HEADS.get(
        path.name.removesuffix(".pt")
    )
    if heads:
        model.set_alignment_heads(heads.encode() if isinstance(heads, str) else heads)
    _load_tokenizer(model)
    return model.eval()


def _load_tokenizer(model: Any) -> None:
    """Load (and cache) the model's tokenizer now. openai-whisper reads its vocabulary with
    an unclosed ``open()``; the ResourceWarning is its own, not ours."""
    import warnings

    from whisper.tokenizer import get_tokenizer

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        # the same call, hence the same cache entry, as whisper.transcribe's
        get_tokenizer(
            model.is_multilingual,
            num_languages=model.num_languages,
            language="en",
            task="transcribe",
        )


def _download(model: str, data_dir: Path | None) -> Any:
    import whisper

    from voicecoach.speech.models import available_hint, models_dir

    try:
        return whisper.load_model(model, device="cpu", download_root=str(models_dir(data_dir)))
    except Exception as exc:  # urllib raises URLError / socket errors when offline
        raise ModelError(
            f"model '{model}' is not on this machine and could not be downloaded "
            f"({type(exc).__name__}); {available_hint(data_dir)}"
        ) from exc


def _segment(s: dict[str, Any]) -> Segment:
    words = [(w["word"], w["start"], w["end"], w["probability"]) for w in s.get("words", ())]
    return make_segment(
        s["text"], s["start"], s["end"], words, s["no_speech_prob"], s["avg_logprob"]
    )


__all__ = ["OpenAIWhisperDecoder", "load_checkpoint"]
