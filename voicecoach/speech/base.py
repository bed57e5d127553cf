"""What every engine shares: the :class:`Transcriber` and :class:`Decoder` interfaces, the
prompt that keeps fillers, and the helpers engine modules use to build segments.

Engine modules (:mod:`.engine_faster`, :mod:`.engine_openai`) import only this module from
the speech layer, so adding an engine touches nothing else but :mod:`.factory`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Protocol

from voicecoach.transcript import Segment, Transcript, Word

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float32]

    from voicecoach.profile import Profile

# Whisper copies the style of its prompt. Written the way people talk, hesitations and all,
# it keeps the "um"s and "uh"s the analyzer counts, which Whisper otherwise cleans away.
DEFAULT_PROMPT = "Um, so, uh, I guess, hmm, I think that's, uh, basically it. Yeah, um, okay."
# The job profile's names and skills lead the prompt, so Whisper spells them as the
# profile does; more than this many words of them would crowd out the answer's context.
MAX_PROFILE_PROMPT_WORDS = 40
# A recording heard after the fact (``analyze`` of a file or a folder of answers,
# ``transcribe``, the re-analysis of a stored session) is decoded with this beam, so one
# recording gets one transcript whichever command reads it (each prompts Whisper with the
# same job profile): on the spoken closings it kept
# more of the closing checks right than greedy decoding (see README), for 1.6x the CPU.
# Live answers stay greedy: the interviewer's next line waits on them.
FILE_BEAM_SIZE = 5

# Whisper's own limit: text that gzip compresses more than this is a repetition loop.
# Such segments are dropped; the engines decode greedily with no sampling fallback at
# higher temperatures, which on the last fraction of a second of an answer took up to 10x
# the decoding time and wrote random words (measured on the LibriVox clips).
MAX_COMPRESSION_RATIO = 2.4
MAX_THREADS = 4  # CTranslate2 gains little past 4 threads for tiny/base models


class Transcriber(Protocol):
    engine: str  # "faster-whisper" or "openai-whisper"
    model: str  # the model name or path it was loaded from

    def transcribe(
        self, audio: FloatArray, *, initial_prompt: str | None = DEFAULT_PROMPT
    ) -> Transcript:
        """Transcribe float32 16 kHz mono ``audio``; word timings always on; silence or noise
        gives a Transcript with text "" and no segments (never raises for silence)."""
        ...


class Decoder(Protocol):
    """What an engine module provides: raw Whisper segments, before any gating."""

    engine: str
    model: str

    def decode(self, audio: FloatArray, initial_prompt: str | None) -> tuple[Segment, ...]: ...


def whisper_prompt(profile: Profile | None = None) -> str:
    """Whisper's initial prompt: the profile's role, company, interviewer and strengths
    (when known), then :data:`DEFAULT_PROMPT`."""
    if profile is None:
        return DEFAULT_PROMPT
    names = ", ".join(t for t in (profile.role, profile.company, profile.interviewer) if t)
    terms = " ".join(f"{part}." for part in (names, ", ".join(profile.strengths)) if part)
    words = terms.split()[:MAX_PROFILE_PROMPT_WORDS]
    return " ".join([*words, DEFAULT_PROMPT])


def cpu_threads() -> int:
    """One thread per core the process may use, capped at :data:`MAX_THREADS`; fewer when
    ``OMP_NUM_THREADS`` asks for fewer, as torch and numpy's BLAS do (the test suite runs
    two processes on two cores with one thread each: CI, stop 46, a torch run took over
    600 s beside a transcription that it took 26 s alone)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS / Windows
        cores = os.cpu_count() or 2
    asked = os.environ.get("OMP_NUM_THREADS", "").split(",")[0].strip()  # "2,1": nested
    if asked.isdigit() and int(asked) > 0:
        cores = min(cores, int(asked))
    return max(1, min(cores, MAX_THREADS))


def make_segment(
    text: str,
    start_s: float,
    end_s: float,
    words: list[tuple[str, float, float, float]],
    no_speech_prob: float,
    avg_logprob: float,
) -> Segment:
    """A Segment from an engine's raw values, rounded as stored (ms, 4 decimals) so a
    transcript survives a JSON round trip unchanged. Empty words are dropped."""
    return Segment(
        text=text.strip(),
        start_s=round(float(start_s), 3),
        end_s=round(float(end_s), 3),
        words=tuple(
            Word(w.strip(), round(float(a), 3), round(float(b), 3), round(float(p), 4))
            for w, a, b, p in words
            if w.strip()
        ),
        no_speech_prob=round(float(no_speech_prob), 4),
        avg_logprob=round(float(avg_logprob), 4),
    )
