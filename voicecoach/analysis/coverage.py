"""Speech the transcript does not cover: the voice detector heard someone speak, but no
word was written there (Whisper skipped a stretch). The analysis then says so instead of
judging an answer it only partly heard."""

from __future__ import annotations

from collections.abc import Sequence

from voicecoach.analysis.delivery import speech_within
from voicecoach.settings import STRETCHED_WORD_SPEECH_S

# Whisper's word times drift from the voice detector's by up to ~0.2 s: a word this close
# to a stretch of speech covers it (the same tolerance the speech gate uses).
WORD_REACH_S = 0.3
# Detected speech with no word on it above this is reported. Real speech leaves at most
# ~0.2 s uncovered per piece (a cough or a laugh can add a second); the skipped window
# that prompted this check left 17 s of an 86 s closing unwritten.
UNTRANSCRIBED_REPORT_S = 2.0


def untranscribed_s(
    words: Sequence[tuple[float, float]], regions: Sequence[tuple[float, float]]
) -> float:
    """Seconds of the speech ``regions`` with no word (``(start_s, end_s)``) on or near."""
    stretched = STRETCHED_WORD_SPEECH_S
    timed = [(s, s if speech_within(regions, (s, e)) > stretched else e) for s, e in words]
    spans: list[list[float]] = []
    for a, b in sorted((s - WORD_REACH_S, e + WORD_REACH_S) for s, e in timed):
        if spans and a <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], b)
        else:
            spans.append([a, b])
    speech = sum(b - a for a, b in regions)
    covered = sum(max(0.0, min(b, rb) - max(a, ra)) for ra, rb in regions for a, b in spans)
    return max(0.0, speech - covered)


def untranscribed_note(
    words: Sequence[tuple[float, float]], regions: Sequence[tuple[float, float]] | None
) -> str | None:
    """The analysis note when clearly more speech was heard than transcribed, else None."""
    from voicecoach.analysis.wording import NOTES

    if not regions:
        return None
    missing_s = untranscribed_s(words, regions)
    if missing_s < UNTRANSCRIBED_REPORT_S:
        return None
    return NOTES["untranscribed"].format(seconds=missing_s)
