"""Silence gating: no invented text ("Thank you.") on silence or noise, no speech lost.

:class:`GatedTranscriber` wraps an engine's :class:`~voicecoach.speech.base.Decoder`: a
voice-activity detector decides whether anyone spoke at all, and segments Whisper writes
outside the speech it found, or that Whisper itself rates as likely non-speech, are dropped.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from voicecoach.analysis.delivery import speech_within
from voicecoach.settings import SAMPLE_RATE_HZ, STRETCHED_WORD_SPEECH_S, Thresholds
from voicecoach.speech.base import DEFAULT_PROMPT, Decoder
from voicecoach.transcript import Segment, Transcript, Word, words_text

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float32]

# A segment must overlap detected speech by this much to be kept: Whisper's inventions sit
# in silences, real words sit on speech.
MIN_SPEECH_OVERLAP_S = 0.15
# Whisper's word times drift from the VAD's by up to ~0.2 s; a word farther than this from
# any speech is an invention (typically "uh, uh" written into trailing silence).
WORD_TOLERANCE_S = 0.3
# In the last fraction of a second after speech, Whisper (base especially) writes whole
# sentences it never heard, at word confidences around 0.02-0.26; real speech, fillers
# included, measured 0.79-0.99 on average per segment (tiny.en, both engines).
MIN_MEAN_WORD_PROBABILITY = 0.3
# Faster than anyone speaks (fast speech is ~5 words/s): the words cannot all be there.
MAX_WORDS_PER_S = 8.0
# An invented ending ("Thank you.") at the end of a clip: up to this many words, starting
# with a word Whisper gives less than UNSURE_WORD_PROBABILITY, whose anomaly scores (see
# _word_anomaly; openai-whisper's hallucination check uses the same measures) add up to
# INVENTED_TAIL_SCORE. Real words last at least about MIN_WORD_S.
MAX_INVENTED_TAIL_WORDS = 4
# With this much detected speech and nothing transcribed, decode once more without the
# prompt (see GatedTranscriber.transcribe).
RETRY_SPEECH_S = 1.0
# Detected speech with no word on it (each word widened by WORD_TOLERANCE_S). On real
# speech Whisper leaves at most ~0.2 s uncovered; with the filler prompt it once decoded a
# whole 30 s window as one short sentence with a timestamp jump, leaving 17 s of an 86 s
# closing unwritten (openai-whisper: 2 s, the first words after a window boundary). Past
# this, decode again without the prompt, and keep that when it covers clearly more speech
# (by COVERAGE_GAIN_S: the prompted text keeps the fillers).
MAX_UNCOVERED_SPEECH_S = 1.0
COVERAGE_GAIN_S = 0.5
# Endings Whisper writes on silence after speech. One at the very end of a clip must lie
# on detected speech for at least this share of its time (word times drift ~0.2 s).
STOCK_ENDINGS = frozenset(
    {"thank you", "thanks", "thank you very much", "thank you so much", "thanks for watching",
     "bye", "bye bye"}
)  # fmt: skip
STOCK_MIN_ON_SPEECH = 0.3
# Still uncovered after that: decode each stretch again on its own, from a little before
# it (GAP_PAD_S) to a little after; stretches closer than GAP_JOIN_S are decoded together.
GAP_PAD_S = 0.2
GAP_JOIN_S = 1.0
UNSURE_WORD_PROBABILITY = 0.15
MIN_WORD_S = 0.133
INVENTED_TAIL_SCORE = 3.0


class GatedTranscriber:
    """A :class:`Transcriber` over an engine's :class:`Decoder`, with silence gating."""

    def __init__(
        self,
        decoder: Decoder,
        thresholds: Thresholds = Thresholds(),
    ) -> None:
        self.decoder = decoder
        self.engine = decoder.engine
        self.model = decoder.model
        self.thresholds = thresholds

    def transcribe(
        self, audio: FloatArray, *, initial_prompt: str | None = DEFAULT_PROMPT
    ) -> Transcript:
        import numpy as np

        from voicecoach.audio.vad import speech_regions

        samples = np.ascontiguousarray(audio, dtype=np.float32).ravel()
        duration = len(samples) / SAMPLE_RATE_HZ
        regions = speech_regions(samples, self.thresholds)
        segments: tuple[Segment, ...] = ()
        if regions:
            # Stop at the end of the last speech: Whisper fills trailing silence with
            # invented words, the more so when prompted with fillers.
            end = int(regions[-1][1] * SAMPLE_RATE_HZ)
            raw = self.decoder.decode(samples[:end], initial_prompt)
            segments = gate_segments(raw, regions, self.thresholds)
            missed = uncovered_speech_s(segments, regions)
            if initial_prompt and (
                missed >= MAX_UNCOVERED_SPEECH_S
                or (not segments and _speech_s(regions) >= RETRY_SPEECH_S)
            ):
                # The filler prompt can set off a repetition loop ("I think that's what I
                # think that's...", dropped by the engine) or a skipped window on fast or
                # clipped speech; the words are still there without it.
                raw = self.decoder.decode(samples[:end], None)
                plain = gate_segments(raw, regions, self.thresholds)
                if uncovered_speech_s(plain, regions) <= missed - COVERAGE_GAIN_S:
                    segments, initial_prompt = plain, None
            if uncovered_speech_s(segments, regions) >= MAX_UNCOVERED_SPEECH_S:
                segments = self._fill_gaps(samples, segments, regions)
        return Transcript(
            text=" ".join(s.text for s in segments).strip(),
            segments=segments,
            duration_s=duration,
            language="en",
            engine=self.engine,
            model=self.model,
            initial_prompt=initial_prompt,
        )

    def _fill_gaps(
        self,
        samples: FloatArray,
        segments: tuple[Segment, ...],
        regions: tuple[tuple[float, float], ...],
    ) -> tuple[Segment, ...]:
        """Decode each stretch of speech that still has no words on its own (a new cut,
        no prompt) and add the words found inside it. What is still missing after this is
        reported by the analysis (analysis/coverage.py)."""
        added: list[Segment] = []
        for start_s, end_s in uncovered_stretches(segments, regions):
            a = max(0, int((start_s - GAP_PAD_S) * SAMPLE_RATE_HZ))
            b = min(len(samples), int((end_s + GAP_PAD_S) * SAMPLE_RATE_HZ))
            offset_s = a / SAMPLE_RATE_HZ
            local = tuple(
                (max(0.0, ra - offset_s), rb - offset_s)
                for ra, rb in regions
                if rb > offset_s and ra < b / SAMPLE_RATE_HZ
            )
            raw = gate_segments(self.decoder.decode(samples[a:b], None), local, self.thresholds)
            for seg in raw:
                inside = tuple(
                    Word(w.text, w.start_s + offset_s, w.end_s + offset_s, w.probability)
                    for w in seg.words
                    if start_s <= (w.start_s + w.end_s) / 2 + offset_s <= end_s
                )
                if inside:
                    text = words_text(seg.text, [w.text for w in inside])
                    start, end = inside[0].start_s, inside[-1].end_s
                    added.append(replace(seg, text=text, words=inside, start_s=start, end_s=end))
        return tuple(sorted((*segments, *added), key=lambda seg: seg.start_s))


def uncovered_stretches(
    segments: tuple[Segment, ...], regions: tuple[tuple[float, float], ...]
) -> list[tuple[float, float]]:
    """Stretches of detected speech with no word on or near them, neighbours closer than
    GAP_JOIN_S joined, each at least MAX_UNCOVERED_SPEECH_S long."""
    spans = _word_spans(segments)
    holes: list[list[float]] = []
    for ra, rb in regions:
        cursor = ra
        for a, b in spans:
            if b <= cursor or a >= rb:
                continue
            if a > cursor:
                holes.append([cursor, a])
            cursor = max(cursor, b)
        if cursor < rb:
            holes.append([cursor, rb])
    joined: list[list[float]] = []
    for a, b in holes:
        if joined and a - joined[-1][1] < GAP_JOIN_S:
            joined[-1][1] = b
        else:
            joined.append([a, b])
    return [(a, b) for a, b in joined if b - a >= MAX_UNCOVERED_SPEECH_S]


def _word_spans(segments: tuple[Segment, ...]) -> list[tuple[float, float]]:
    """Each word's time widened by WORD_TOLERANCE_S (Whisper's times drift), sorted."""
    tol = WORD_TOLERANCE_S
    return sorted(
        (w.start_s - tol, w.end_s + tol)
        for seg in segments
        for w in (seg.words or (Word(seg.text, seg.start_s, seg.end_s, 1.0),))
    )


def uncovered_speech_s(
    segments: tuple[Segment, ...], regions: tuple[tuple[float, float], ...]
) -> float:
    """Seconds of detected speech with no transcribed word on or near them."""
    spans = _word_spans(segments)
    merged: list[list[float]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    covered = sum(max(0.0, min(b, rb) - max(a, ra)) for ra, rb in regions for a, b in merged)
    return max(0.0, _speech_s(regions) - covered)


def _speech_s(regions: tuple[tuple[float, float], ...]) -> float:
    return sum(b - a for a, b in regions)


def gate_segments(
    segments: tuple[Segment, ...],
    regions: tuple[tuple[float, float], ...],
    thresholds: Thresholds = Thresholds(),
) -> tuple[Segment, ...]:
    """Keep the segments that are speech. First cut a segment at a word stretched over
    seconds of speech, and drop words far from any detected speech; then drop segments
    left empty, those Whisper rates as non-speech (high ``no_speech_prob`` with a low
    ``avg_logprob``, Whisper's own rule), those it was unsure of or that hold more words
    than their time could, and those that barely touch speech."""
    kept = []
    for i, seg in enumerate(segments):
        seg = _gate_words(_cut_at_stretched_word(seg, regions), regions)
        if i == len(segments) - 1:
            seg = _drop_invented_tail(seg)
            seg = _drop_unspoken_stock_ending(seg, regions)
        if not seg.text.strip():
            continue
        if (
            seg.no_speech_prob > thresholds.no_speech_prob
            and seg.avg_logprob < thresholds.no_speech_logprob
        ):
            continue
        if seg.words and _implausible(seg):
            continue
        if _overlap_s(seg.start_s, seg.end_s, regions) < min(
            MIN_SPEECH_OVERLAP_S, 0.5 * (seg.end_s - seg.start_s)
        ):
            continue
        kept.append(seg)
    return tuple(kept)


def _cut_at_stretched_word(seg: Segment, regions: tuple[tuple[float, float], ...]) -> Segment:
    """The segment up to its first word that lies over more than STRETCHED_WORD_SPEECH_S
    of speech (Whisper skipped what was said there; the times of the words after it are
    not where they were said)."""
    for i, w in enumerate(seg.words):
        if speech_within(regions, (w.start_s, w.end_s)) > STRETCHED_WORD_SPEECH_S:
            kept = seg.words[:i]
            if not kept:
                return replace(seg, text="", words=())
            text = words_text(seg.text, [k.text for k in kept])
            return replace(seg, text=text, words=kept, end_s=kept[-1].end_s)
    return seg


def _implausible(seg: Segment) -> bool:
    """Words Whisper was not sure of, or more words than the time could hold."""
    mean_p = sum(w.probability for w in seg.words) / len(seg.words)
    span_s = max(seg.end_s - seg.start_s, 0.1)
    return mean_p < MIN_MEAN_WORD_PROBABILITY or (
        len(seg.words) >= 3 and len(seg.words) / span_s > MAX_WORDS_PER_S
    )


def _word_anomaly(w: Word) -> float:
    """How unlike a spoken word this is: Whisper was unsure of it, or squeezed it into
    (almost) no time. openai-whisper scores words the same way to find hallucinations."""
    duration_s = w.end_s - w.start_s
    score = 1.0 if w.probability < UNSURE_WORD_PROBABILITY else 0.0
    if duration_s < MIN_WORD_S:
        score += (MIN_WORD_S - duration_s) * 15
    return score


def _drop_invented_tail(seg: Segment) -> Segment:
    """Drop a stock ending Whisper adds after the last real word of a short clip: "Okay,
    bye. Thank you." came back with "Thank" at p=0.009 in 0 s and "you." in 0.04 s. The
    tail must start with an unsure word and its words together must look invented."""
    words = seg.words
    for i in range(max(0, len(words) - MAX_INVENTED_TAIL_WORDS), len(words)):
        tail = words[i:]
        if (
            tail[0].probability < UNSURE_WORD_PROBABILITY
            and sum(_word_anomaly(w) for w in tail) >= INVENTED_TAIL_SCORE
        ):
            kept = words[:i]
            if not kept:
                return replace(seg, text="", words=())
            text = words_text(seg.text, [w.text for w in kept])
            return replace(seg, text=text, words=kept, end_s=kept[-1].end_s)
    return seg


def _drop_unspoken_stock_ending(seg: Segment, regions: tuple[tuple[float, float], ...]) -> Segment:
    """Drop a stock ending ("Thank you.") Whisper wrote, sure of itself, just after the
    speech: words within WORD_TOLERANCE_S of it pass the word gate, but their time lies
    mostly on no speech. A thanks actually said sits on the speech."""
    words = seg.words
    for n in range(min(len(words), MAX_INVENTED_TAIL_WORDS), 0, -1):
        tail = words[-n:]
        phrase = " ".join(w.text.strip(".,!?").lower() for w in tail)
        if phrase not in STOCK_ENDINGS:
            continue
        span_s = max(tail[-1].end_s - tail[0].start_s, 1e-3)
        on_speech_s = sum(
            max(0.0, min(tail[-1].end_s, b) - max(tail[0].start_s, a)) for a, b in regions
        )
        if on_speech_s >= STOCK_MIN_ON_SPEECH * span_s:
            return seg
        kept = words[:-n]
        if not kept:
            return replace(seg, text="", words=())
        text = words_text(seg.text, [w.text for w in kept])
        return replace(seg, text=text, words=kept, end_s=kept[-1].end_s)
    return seg


def _gate_words(seg: Segment, regions: tuple[tuple[float, float], ...]) -> Segment:
    """Drop words far from any speech; the segment then spans the words left. Times of the
    words kept are Whisper's own (its first word after a silence may start early: the
    analyzer takes pauses from the VAD regions, not from word gaps)."""
    kept = tuple(w for w in seg.words if any(_near(w.start_s, w.end_s, r) for r in regions))
    if len(kept) == len(seg.words):
        return seg
    if not kept:
        return replace(seg, text="", words=())
    text = words_text(seg.text, [w.text for w in kept])
    return replace(seg, text=text, words=kept, start_s=kept[0].start_s, end_s=kept[-1].end_s)


def _near(start_s: float, end_s: float, region: tuple[float, float]) -> bool:
    return region[0] - WORD_TOLERANCE_S <= end_s and start_s <= region[1] + WORD_TOLERANCE_S


def _overlap_s(start_s: float, end_s: float, regions: tuple[tuple[float, float], ...]) -> float:
    """Overlap with the regions, each widened by WORD_TOLERANCE_S (Whisper's times drift)."""
    tol = WORD_TOLERANCE_S
    return sum(max(0.0, min(end_s, b + tol) - max(start_s, a - tol)) for a, b in regions)
