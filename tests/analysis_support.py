"""Builders of analyzer inputs for tests."""

from __future__ import annotations

from voicecoach.transcript import Segment, Transcript, Word


def timed_transcript(
    sentences: list[str], *, wpm: float = 150.0, gap_s: float = 0.4, start_s: float = 0.0
) -> Transcript:
    """A transcript whose words are spread at ``wpm`` with ``gap_s`` between sentences."""
    step = 60.0 / wpm
    t = start_s
    segments = []
    for sentence in sentences:
        words = []
        for w in sentence.split():
            words.append(Word(w, t, t + step * 0.9, 0.9))
            t += step
        segments.append(Segment(sentence, words[0].start_s, words[-1].end_s, tuple(words)))
        t += gap_s
    return Transcript(" ".join(sentences), tuple(segments), t)
