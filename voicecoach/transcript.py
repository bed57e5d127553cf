"""Typed transcription results, shared by every engine."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

# A word that carries on the number before it: ",000" or ".15%" after a digit. Nobody
# writes a space there, so it joins even where a segment's text has one ("18 %" may).
_NUMBER_TAIL = re.compile(r"^[.,]\d")


@dataclass(frozen=True)
class Word:
    text: str  # as the engine wrote it, leading space stripped
    start_s: float  # seconds from the start of the audio
    end_s: float
    probability: float  # the engine's confidence in this word, 0..1


@dataclass(frozen=True)
class Segment:
    text: str
    start_s: float
    end_s: float
    words: tuple[Word, ...] = ()
    no_speech_prob: float = 0.0  # Whisper's estimate that this stretch is not speech
    avg_logprob: float = 0.0  # mean token log-probability; very low means a guess


@dataclass(frozen=True)
class Transcript:
    text: str
    segments: tuple[Segment, ...]
    duration_s: float  # length of the audio that was transcribed
    language: str = "en"
    engine: str = ""  # "faster-whisper" or "openai-whisper"; "" for typed-in text
    model: str = ""  # model name or path it was loaded from
    initial_prompt: str | None = field(default=None, compare=False)

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(w for s in self.segments for w in s.words)

    @property
    def has_word_timings(self) -> bool:
        return any(s.words for s in self.segments)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "duration_s": round(self.duration_s, 3),
            "language": self.language,
            "engine": self.engine,
            "model": self.model,
            "initial_prompt": self.initial_prompt,
            "segments": [
                {
                    "text": s.text,
                    "start_s": round(s.start_s, 3),
                    "end_s": round(s.end_s, 3),
                    "no_speech_prob": round(s.no_speech_prob, 4),
                    "avg_logprob": round(s.avg_logprob, 4),
                    "words": [
                        {
                            "text": w.text,
                            "start_s": round(w.start_s, 3),
                            "end_s": round(w.end_s, 3),
                            "probability": round(w.probability, 4),
                        }
                        for w in s.words
                    ],
                }
                for s in self.segments
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Transcript:
        segments = tuple(
            Segment(
                text=s["text"],
                start_s=float(s["start_s"]),
                end_s=float(s["end_s"]),
                no_speech_prob=float(s.get("no_speech_prob", 0.0)),
                avg_logprob=float(s.get("avg_logprob", 0.0)),
                words=tuple(
                    Word(w["text"], float(w["start_s"]), float(w["end_s"]), float(w["probability"]))
                    for w in s.get("words", [])
                ),
            )
            for s in data.get("segments", [])
        )
        return cls(
            text=data["text"],
            segments=segments,
            duration_s=float(data.get("duration_s", 0.0)),
            language=data.get("language", "en"),
            engine=data.get("engine", ""),
            model=data.get("model", ""),
            initial_prompt=data.get("initial_prompt"),
        )

    @classmethod
    def from_text(cls, text: str) -> Transcript:
        """A transcript with no timings, for typed-in or pasted text."""
        text = text.strip()
        return cls(text=text, segments=(Segment(text, 0.0, 0.0),) if text else (), duration_s=0.0)


def joined_flags(segment_text: str, words: Sequence[str]) -> list[bool]:
    """For each word of a segment, whether the segment's text has it straight after the
    word before (no space). Whisper's word tokens carry their own leading space, which
    the stored words have lost; the segment's text still shows it. A word the text does
    not hold in order (a segment rebuilt after gating) joins only as a number's tail."""
    flags: list[bool] = []
    pos = 0
    for i, word in enumerate(words):
        found = segment_text.find(word, pos)
        # words left out in between (gated, or before a subtitle cue) move the place on
        aligned = found >= 0 and i > 0 and found == pos
        if found >= 0:
            pos = found + len(word)
        number_tail = i > 0 and words[i - 1][-1:].isdigit() and bool(_NUMBER_TAIL.match(word))
        flags.append(aligned or number_tail)
    return flags


def words_text(segment_text: str, words: Sequence[str]) -> str:
    """Some of a segment's words, in order, as text: a space between them, none before a
    word the segment's text writes on to the one before (Whisper's " $400" ",000")."""
    flags = joined_flags(segment_text, words)
    return "".join(("" if i == 0 or flags[i] else " ") + w for i, w in enumerate(words))
