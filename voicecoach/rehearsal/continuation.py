"""The candidate's continuation after a barge-in, and how it joins their answer.

:class:`Continuation` is what :mod:`.barge_in` heard after the answer was judged over;
:func:`merge_answer` joins the two into one answer audio, transcript and set of speech
regions, which the rehearsal then coaches again.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace

import numpy as np

from voicecoach.analysis.lexicon import words_of
from voicecoach.analysis.rules import label
from voicecoach.analysis.sentences import sentences_of
from voicecoach.audio.files import FloatArray, load_audio, write_wav
from voicecoach.audio.recorders import Recording
from voicecoach.settings import SAMPLE_RATE_HZ, Thresholds
from voicecoach.speech.base import DEFAULT_PROMPT, Transcriber
from voicecoach.speech.chunked import merge_transcripts
from voicecoach.transcript import Segment, Transcript, Word, words_text

# The listening after an answer was judged over that is kept between it and its
# continuation (see merge_answer): a breath, not the verdict's time on screen.
AFTER_END_KEPT_S = 0.5

# A continuation Whisper heard no words in, alone, though the voice detector heard at
# least CONTEXT_SPEECH_S of speech in it, is decoded again after the answer's last
# CONTEXT_S seconds and a CONTEXT_GAP_S pause. bench/bench_one_word.py, 64 one-word
# continuations ("definitely", "Monday", "sorry") in four TTS voices, tiny.en: decoded
# alone, 41 right and 16 with no words (dropped as a cough); behind the answer, 54 right
# and 1 with none. 64 non-speech sounds (cough, breath, hum, knock): no words either way.
CONTEXT_SPEECH_S = 0.1
CONTEXT_S = 3.0
CONTEXT_GAP_S = 0.9

Regions = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Continuation:
    """What the candidate added after the answer was judged over."""

    recording: Recording  # the whole listening (its file is removed by merge_answer)
    audio: FloatArray  # from just before the onset to the end, the prompt's echo removed
    lead_s: float  # listening before ``audio`` starts (silence or the prompt's echo)
    transcript: Transcript  # times from the start of ``audio``
    regions: Regions
    # listening before the rehearsal took the floor again, when it did before ``audio``
    # starts: the next line began, or, after the last answer (no line follows), its verdict
    # was shown; None: neither did
    floor_s: float | None = None

    @property
    def said(self) -> bool:
        return bool(self.transcript.words)


def heard_in_context(
    more: Continuation,
    recording: Recording,
    transcript: Transcript,
    regions: Regions,
    transcriber: Transcriber,
    prompt: str | None = None,
) -> Continuation:
    """``more``, or, when Whisper heard no words in it though it holds speech, ``more``
    with the words decoded in it behind the end of the answer it continues (``recording``,
    with its ``transcript`` and speech ``regions``): one short word alone is often too
    little for Whisper to write anything. ``prompt``: Whisper's (None: the default)."""
    if more.said or sum(b - a for a, b in more.regions) < CONTEXT_SPEECH_S:
        return more
    first, said_end_s = _answer(recording, transcript, regions)
    end = len(first) if said_end_s is None else min(len(first), round(said_end_s * SAMPLE_RATE_HZ))
    tail = first[max(0, end - round(CONTEXT_S * SAMPLE_RATE_HZ)) : end]
    gap = np.zeros(round(CONTEXT_GAP_S * SAMPLE_RATE_HZ), np.float32)
    offset_s = (len(tail) + len(gap)) / SAMPLE_RATE_HZ
    audio = np.concatenate([tail, gap, more.audio]).astype(np.float32)
    decoded = transcriber.transcribe(
        audio, initial_prompt=DEFAULT_PROMPT if prompt is None else prompt
    )
    segments = []
    for seg in decoded.segments:
        # a word belongs to the continuation when most of it lies after the pause
        words = tuple(
            Word(w.text, max(0.0, w.start_s - offset_s), w.end_s - offset_s, w.probability)
            for w in seg.words
            if (w.start_s + w.end_s) / 2 >= offset_s
        )
        if words:
            text = words_text(seg.text, [w.text for w in words])
            segments.append(
                Segment(text, words[0].start_s, words[-1].end_s, words, seg.no_speech_prob,
                        seg.avg_logprob)
            )  # fmt: skip
    said = words_of(transcript.text)
    heard = words_of(" ".join(seg.text for seg in segments))
    # Whisper may write the end of what it heard before again: two or more of the answer's
    # last words, in order, are taken for that (one may be said twice: "...from here. Here.")
    if not segments or (len(heard) > 1 and said[-len(heard) :] == heard):
        return more
    found = Transcript(
        " ".join(s.text for s in segments), tuple(segments), len(more.audio) / SAMPLE_RATE_HZ,
        decoded.language, decoded.engine, decoded.model, decoded.initial_prompt,
    )  # fmt: skip
    return replace(more, transcript=found)


def _ends_asking(text: str) -> bool:
    """One of the answer's last two sentences asks the interviewer something (by its mark
    or words): the last one may be a word or two of garble after it (trial 13, a TV in the
    room: "...my back? Run in that kid's new boss.")."""

    last = sentences_of(text)[-2:]
    if len(last) == 2 and len(last[1].split()) > GARBLE_WORDS:
        last = last[1:]  # a sentence of its own after the question: theirs to pause after
    return any(s.endswith("?") or "question" in label(s).moves for s in last)


GARBLE_WORDS = 6  # a "sentence" this short after a question may be a noise's garble


def _answer(
    recording: Recording, transcript: Transcript, regions: Regions
) -> tuple[FloatArray, float | None]:
    """The answer's audio, and where its last speech or word ends (None: neither)."""
    audio = recording.audio if len(recording.audio) else load_audio(recording.path)
    ends = [b for _, b in regions] + [w.end_s for w in transcript.words]
    return audio, max(ends) if ends else None


def merge_answer(
    recording: Recording,
    transcript: Transcript,
    regions: Regions,
    more: Continuation,
    thresholds: Thresholds | None = None,
) -> tuple[Recording, Transcript, Regions]:
    """The answer with its continuation: one audio file (``recording.path`` is rewritten),
    one transcript and one set of speech regions, times from the answer's start.

    Between the two parts stays the candidate's silence up to the moment the answer was
    judged over: the end of the answer's recording is that wait, and theirs (a thinking
    pause the turn end cut into, "Hmm." and 6 s, is the delivery coaching's to flag: a cap
    of 1.5 s on the whole gap once hid it from the coaching, the audio, the pace and a
    recap's length alike). Of the listening after it, at most AFTER_END_KEPT_S stays: the
    verdict was on screen and the next line being made ready or played, and a candidate
    who reads the verdict before going on is not pausing (a review: any continuation after
    the 3 s and 4 s waits was coached as a long silence, the tool's time with it).

    An answer that ended on a question handed the turn to the interviewer: the silence
    after it is waiting for a reply, not a pause in the answer, and of its own recording
    only AFTER_END_KEPT_S after the last word stays, then the listening's as above (trial
    12: "...give you pause?", a 4 s wait while the tool was unsure of the words, then the
    candidate went on over the next line; "Shorten the long silences (4.7 s)" was the
    first thing to fix).

    A silence that was already long (``thresholds.pause_flag_s``) when the turn end cut
    into it is the candidate thinking, coached as a long silence either way: all of it up
    to their next word stays, so its length is the real one (live trial 50: a 6.5 s
    pause across the merge was coached as 4.8 s), but only up to the moment the rehearsal
    took the floor again (``more.floor_s``): the next line's time playing, and the verdict
    on screen after the last answer, are not the candidate's silence (a review of stop 51:
    going on 6 s into the listening, over the line, was coached as a 10 s pause).
    """
    th = thresholds or Thresholds()
    first = recording.audio if len(recording.audio) else load_audio(recording.path)
    recorded = len(first)
    ends = [b for _, b in regions] + [w.end_s for w in transcript.words]
    if ends and _ends_asking(transcript.text):
        first = first[: min(len(first), round((max(ends) + AFTER_END_KEPT_S) * SAMPLE_RATE_HZ))]
    thinking = bool(ends) and len(first) / SAMPLE_RATE_HZ - max(ends) >= th.pause_flag_s
    gap_s = min(more.lead_s, AFTER_END_KEPT_S)
    if thinking:  # theirs up to their word, or to the line or verdict before it
        theirs_s = more.lead_s if more.floor_s is None else min(more.lead_s, more.floor_s)
        gap_s = max(gap_s, theirs_s)
    gap = np.zeros(round(gap_s * SAMPLE_RATE_HZ), np.float32)
    audio = np.concatenate([first, gap, more.audio]).astype(np.float32)
    write_wav(recording.path, audio)
    with contextlib.suppress(OSError):
        more.recording.path.unlink()
    offset_s = (len(first) + len(gap)) / SAMPLE_RATE_HZ
    duration_s = len(audio) / SAMPLE_RATE_HZ
    merged = merge_transcripts(
        [transcript, more.transcript], [0.0, offset_s], duration_s, transcript.initial_prompt
    )
    shifted = tuple((round(a + offset_s, 3), round(b + offset_s, 3)) for a, b in more.regions)
    # (the waiting left out, for the answer's length on screen: live trial 51, L3, "6.9 s
    # answer" after a 9.5 s clock)
    left_out_s = (recorded - len(first)) / SAMPLE_RATE_HZ + max(0.0, more.lead_s - gap_s)
    joined = replace(
        recording, duration_s=duration_s, ended_by=more.recording.ended_by,
        ended_at=more.recording.ended_at, speech_heard=True, audio=audio,
        left_out_s=round(recording.left_out_s + left_out_s, 3),
    )  # fmt: skip
    return joined, merged, (*regions, *shifted)


__all__ = ["AFTER_END_KEPT_S", "Continuation", "Regions", "heard_in_context", "merge_answer"]
