"""Times as people read them, and subtitles: the one timestamp formatter, and WebVTT/SRT
cues from a transcript.

Cues follow the transcript's segments; a long segment is split at sentence ends (from word
timings) so one cue never runs past :data:`MAX_CUE_S`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from voicecoach.transcript import Segment, Transcript, Word, joined_flags, words_text

MAX_CUE_S = 7.0  # cues longer than this are split at a sentence end, for readability
SENTENCE_END = (".", "?", "!")


@dataclass(frozen=True)
class Cue:
    start_s: float
    end_s: float
    text: str
    turn: int | None = None  # set when a whole session is exported


def cues(transcript: Transcript) -> tuple[Cue, ...]:
    """Subtitle cues: one per segment, split at sentence ends when long."""
    out: list[Cue] = []
    for seg in transcript.segments:
        if not seg.text.strip():
            continue
        if not seg.words or seg.end_s - seg.start_s <= MAX_CUE_S:
            out.append(Cue(seg.start_s, seg.end_s, seg.text.strip()))
            continue
        out.extend(_split_words(seg))
    return tuple(out)


def _split_words(seg: Segment) -> Iterator[Cue]:
    group: list[Word] = []
    # never cut before a word written on to the one before ("30" "%.")
    joined = [*joined_flags(seg.text, [w.text.strip() for w in seg.words])[1:], False]
    for w, next_joined in zip(seg.words, joined, strict=True):
        group.append(w)
        long_enough = group[-1].end_s - group[0].start_s >= MAX_CUE_S / 2
        if not next_joined and (
            (w.text.rstrip().endswith(SENTENCE_END) and long_enough)
            or group[-1].end_s - group[0].start_s >= MAX_CUE_S
        ):
            yield _cue(seg, group)
            group = []
    if group:
        yield _cue(seg, group)


def _cue(seg: Segment, words: list[Word]) -> Cue:
    text = words_text(seg.text, [w.text.strip() for w in words])
    return Cue(words[0].start_s, words[-1].end_s, text)


def vtt_text(transcript: Transcript) -> str:
    """WebVTT of one answer."""
    return vtt(cues(transcript))


def vtt(items: tuple[Cue, ...]) -> str:
    lines = ["WEBVTT", ""]
    for c in items:
        lines.append(f"{clock(c.start_s, 3, hours=True)} --> {clock(c.end_s, 3, hours=True)}")
        lines.append(c.text.replace("-->", "->"))
        lines.append("")
    return "\n".join(lines)


def srt(items: tuple[Cue, ...]) -> str:
    lines: list[str] = []
    for i, c in enumerate(items, start=1):
        start, end = (clock(s, 3, hours=True, sep=",") for s in (c.start_s, c.end_s))
        lines += [str(i), f"{start} --> {end}", c.text, ""]
    return "\n".join(lines)


def clock(seconds: float | None, decimals: int = 1, *, hours: bool = False, sep: str = ".") -> str:
    """``seconds`` as ``m:ss`` with ``decimals`` places ("1:05.3"), or ``hh:mm:ss.mmm``
    with ``hours`` (subtitles; SRT wants ``sep=","``). Rounded once, so 59.96 s reads
    "1:00.0", never "0:60.0". None reads as "" (nothing measured)."""
    if seconds is None:
        return ""
    unit = 10**decimals
    whole, frac = divmod(max(0, round(seconds * unit)), unit)
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    head = f"{h:02d}:{m:02d}:{s:02d}" if hours else f"{60 * h + m}:{s:02d}"
    return f"{head}{sep}{frac:0{decimals}d}" if decimals else head
