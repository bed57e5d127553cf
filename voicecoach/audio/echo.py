"""Telling the candidate from the interviewer's own voice while a prompt plays.

Without headphones the microphone hears the loudspeaker, so a voice detector alone would
take every prompt for the candidate talking. We know exactly what is played and roughly
when, so the echo can be predicted: :func:`estimate_echo` finds its delay and gain by
cross-correlating the microphone with the prompt, and the candidate is speaking only when
what is left after removing the predicted echo (the residual) is speech and is louder than
a cancellation leak (:class:`DoubleTalk`). Measured through the virtual sound card with a
leaking speaker (bench/bench_bargein.py).

:func:`remove_echo` cleans the candidate's words that overlap the end of a prompt, up to
where the prompt's echo really stopped (found from the audio, so a prompt cut short is
never subtracted into the answer past its end).

Pure numpy apart from :class:`DoubleTalk`, which owns a streaming voice detector.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from voicecoach.audio.devices import PLAY_BLOCK_FRAMES
from voicecoach.audio.files import FloatArray
from voicecoach.settings import SAMPLE_RATE_HZ, Thresholds

FRAME = 512  # one voice-detector window (32 ms): the unit of every decision here
# Where the echo can be, relative to the prompt's start as the clocks place it: the player's
# output buffer, the room and the recorder's input buffer delay it (up to about 0.5 s with
# PulseAudio's "high" latency); the clock guess itself may be late by an input block.
ECHO_MAX_DELAY_S = 1.5
ECHO_MAX_LEAD_S = 0.3
ESTIMATE_MIN_S = 0.5  # prompt audio that must overlap the microphone before estimating
ESTIMATE_WINDOW_S = 2.0  # the most recent microphone audio an estimate looks at
ESTIMATE_EVERY_S = 0.25  # re-estimate this often while the prompt plays
# Normalised correlation of the microphone with the delayed prompt. Echo alone scores
# 0.9-1.0 on the rig; a candidate talking over it lowers the score; early estimates on
# half a second of audio scored 0.3 at wrong delays (and made false barge-ins). A prompt's
# first estimate is taken from ECHO_ACCEPT_SCORE, replaced from ECHO_LOCK_SCORE; once the
# whole delay range has been heard (ESTIMATE_MIN_S + ECHO_MAX_DELAY_S), the best estimate
# counts from ECHO_MIN_SCORE, and below it there is no echo (headphones).
ECHO_MIN_SCORE = 0.3
ECHO_ACCEPT_SCORE = 0.6
ECHO_LOCK_SCORE = 0.8
AGREE_SAMPLES = 8  # two estimates this close (0.5 ms) in a row are taken from ECHO_MIN_SCORE
# ...and three in a row from AGREE_MIN_SCORE: a candidate talking over the whole of a
# line's first seconds keeps the score low (0.17-0.22 with the echo at -10 dB under the
# candidate's voice, trial 21) while every estimate finds the same delay and gain. Taken
# for "no echo" at ESTIMATE_MIN_S + ECHO_MAX_DELAY_S, the path said so for the rest of the
# session: each later line's echo was the candidate.
AGREE_MIN_SCORE = 0.1
AGREE_RUN = 3
# A candidate heard right after an undecided stretch is taken from the stretch's start,
# unless this much was decided "not speech" in between (a pause between two words is less)
SINCE_GAP_S = 1.0
# Speech runs too short for an onset, each ended by less than this (the gap between two
# words), are the start of the run that makes the onset: the candidate began there. Under
# a line's echo as loud as their voice, a word's quieter end is taken for echo and ends
# its run (live trial 49, third check: "Is that the main worry...?", said as the next line
# began, was heard from "the main" on, 0.4 s late, and lost its "Is" to the cut).
WORD_GAP_S = 0.25
# The residual counts as the candidate only when it is at least this loud relative to the
# echo predicted in the same frame (as a waveform, and as power: see _beyond_echo): less
# is what a good-but-imperfect cancellation leaves (-26 dB on the rig, -2 dB for a few
# frames after an underrun).
RESIDUAL_OVER_ECHO = 0.5
# Around the estimated delay, each frame's echo is fitted again on the latest audio: from
# FIT_BACK_S earlier to FIT_AHEAD_S later (an underrun delays the rest of a prompt by tens
# of ms, measured on the rig: 5088 -> 7439 samples over 10 s), on FIT_S of audio, with a
# gain at most FIT_MAX_GAIN times the estimated one (a candidate talking over the echo must
# not be explained away as louder echo). The path also drifts: a loaded machine's loopback
# resamples to win its latency back, measured at 0.25% (the delay fell 675 -> 667 samples
# in 0.2 s), 5 samples over FIT_S, too much for TAPS taps: the cancellation left half the
# echo, which stopped the line for nobody (the CI run of e215604). So the lag found on
# FIT_S is searched again within DRIFT samples on the latest FIT_NOW_S, where the taps are
# fitted. (Searching and fitting on FIT_NOW_S alone also followed the drift, but a lag
# found on so little speech strays: the line stopped up to 0.59 s after the candidate's
# onset, against 0.31 s, bench/bench_bargein.py under load.)
FIT_S = 0.128
FIT_NOW_S = 0.064
DRIFT = 16
FIT_BACK_S = 0.05
FIT_AHEAD_S = 0.2
FIT_MAX_GAIN = 1.5
TAPS = 5  # the short filter fitted around the delay: a fraction of a sample, a tilt
SILENT_SLICE = 1e-6  # a stretch of the prompt this far (-60 dB) below its loudest has no lag
QUIET_RMS = 1e-4
# A barge-in is louder than this (-54 dBFS): a microphone's own noise is below -60 dBFS,
# and Silero keeps saying "speech" over the digital silence of an underrun's gap.
SPEECH_MIN_RMS = 0.002  # a frame of the prompt quieter than this (-80 dBFS) predicts no echo
# Speech in the residual for this long is the candidate starting again: long enough to skip
# a click or a breath, short enough to stop the prompt within 0.3 s of the onset.
BARGE_IN_MIN_SPEECH_S = 0.16


AnyFloats = npt.NDArray[np.floating[Any]]


@dataclass(frozen=True)
class EchoPath:
    """How the prompt reaches the microphone: ``mic[t] ~ gain * prompt[t - delay]``."""

    delay: int  # samples from the prompt's start (as the clocks place it) to its echo
    gain: float
    score: float  # normalised correlation at ``delay``, 0-1


def estimate_echo(
    mic: FloatArray, reference: FloatArray, *, lead: int = 0, max_delay: int | None = None
) -> EchoPath | None:
    """The delay and gain of ``reference`` inside ``mic``, by cross-correlation.

    ``mic`` starts ``lead`` samples before the reference was placed (so negative delays
    down to ``-lead`` are found); delays up to ``max_delay`` are searched. Only delays where
    the two overlap by :data:`ESTIMATE_MIN_S` count. None when no delay qualifies.
    """
    max_delay = int(ECHO_MAX_DELAY_S * SAMPLE_RATE_HZ) if max_delay is None else max_delay
    m = np.asarray(mic, np.float64)
    r = np.asarray(reference, np.float64)
    if len(m) == 0 or len(r) == 0:
        return None
    size = 1 << int(np.ceil(np.log2(len(m) + len(r))))
    corr = np.fft.irfft(np.fft.rfft(m, size) * np.conj(np.fft.rfft(r, size)), size)
    # corr[k] = sum_t m[t + k] r[t]: the reference starting at mic sample k
    ks = np.arange(0, min(len(m), lead + max_delay + 1))
    overlap = np.minimum(len(m) - ks, len(r))
    ok = overlap >= ESTIMATE_MIN_S * SAMPLE_RATE_HZ
    if not ok.any():
        return None
    ks, overlap = ks[ok], overlap[ok]
    m2 = np.concatenate([[0.0], np.cumsum(m * m)])
    r2 = np.concatenate([[0.0], np.cumsum(r * r)])
    mic_energy = m2[ks + overlap] - m2[ks]
    ref_energy = r2[overlap]
    denom = np.sqrt(mic_energy * ref_energy) + 1e-12
    score = corr[ks] / denom
    best = int(np.argmax(score))
    gain = float(corr[ks[best]] / (ref_energy[best] + 1e-12))
    return EchoPath(int(ks[best]) - lead, max(0.0, gain), float(max(0.0, score[best])))


def remove_echo(mic: FloatArray, echo: FloatArray) -> FloatArray:
    """``mic`` with the predicted ``echo`` (same length) subtracted up to where the echo
    really stopped: the frame boundary that takes away the most energy in all (a prompt
    cut short stops sooner than its prediction; subtracting past that would add it)."""
    n = len(mic) // FRAME * FRAME
    m = np.asarray(mic[:n], np.float64).reshape(-1, FRAME)
    e = np.asarray(echo[:n], np.float64).reshape(-1, FRAME)
    gain = np.sum(m * m, axis=1) - np.sum((m - e) ** 2, axis=1)  # energy each frame loses
    cut = int(np.argmax(np.concatenate([[0.0], np.cumsum(gain)]))) * FRAME
    if n < len(mic) and cut == n and np.sum(echo[n:] ** 2) > 0:
        cut = len(mic)  # the partial last frame goes with the frames before it
    out = np.array(mic, dtype=np.float32, copy=True)
    out[:cut] -= np.asarray(echo[:cut], np.float32)
    return out


def _beyond_echo(mic: AnyFloats, residual: AnyFloats, echo: AnyFloats) -> bool:
    """Is there more in ``mic`` than the prompt's ``echo``? Both the waveform left after
    subtracting it and the power left after subtracting its power must reach
    :data:`RESIDUAL_OVER_ECHO` of the echo: a misaligned prediction (just after an
    underrun) leaves a loud waveform but no extra power, a candidate leaves both."""
    ratio2 = RESIDUAL_OVER_ECHO**2
    echo2 = float(np.dot(echo, echo))
    return (
        float(np.dot(residual, residual)) >= ratio2 * echo2
        and float(np.dot(mic, mic)) - echo2 >= ratio2 * echo2
    )


def _best_lag(ref: npt.NDArray[np.float64], seg: npt.NDArray[np.float64]) -> tuple[int, float]:
    """Where ``seg`` matches ``ref`` best: the offset ``k`` of ``ref[k : k + len(seg)]``
    and its normalised correlation (0 where that stretch of ``ref`` is silent)."""
    size = 1 << int(np.ceil(np.log2(len(ref) + len(seg))))
    corr = np.fft.irfft(np.fft.rfft(ref, size) * np.conj(np.fft.rfft(seg, size)), size)
    lags = len(ref) - len(seg) + 1  # corr[k]: the segment against ref[k : k + len(seg)]
    r2 = np.concatenate([[0.0], np.cumsum(ref * ref)])
    energy = r2[len(seg) : len(seg) + lags] - r2[:lags]
    seg_energy = float(np.dot(seg, seg))
    # Only stretches of the prompt with some sound are candidates. A TTS line's sentence
    # pause is digital silence, or a resampler's ringing around 1e-9: its energy, taken
    # from the running sum, rounds to 0 (or below) while the correlation keeps the ringing
    # and the FFT's round-off; over the 1e-12 that kept the division finite, it scored in
    # the thousands and won, and the fit fell back to the bare delay for the first 0.2 s
    # after every such pause: half the echo was left, and trial s35/14 a6's closing line
    # stopped itself on the "Thank" after "I'm afraid." (_fit, FIT_AHEAD_S).
    heard = energy > SILENT_SLICE * float(np.max(energy, initial=0.0))
    score = np.zeros(lags)
    if seg_energy > 0.0:
        score[heard] = corr[:lags][heard] / np.sqrt(energy[heard] * seg_energy)
    k = int(np.argmax(score))
    return k, float(score[k])


def _rms(x: FloatArray) -> float:
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64)))) if len(x) else 0.0


class DoubleTalk:
    """Streams the microphone and says when the candidate starts speaking over a prompt.

    :meth:`play` places a prompt (16 kHz) at a microphone sample; :meth:`feed` takes the
    microphone in blocks and returns the sample where the candidate's speech began, once
    it has lasted :data:`BARGE_IN_MIN_SPEECH_S`. The echo path is estimated while each
    prompt plays. While a prompt may be sounding and its echo path is not known yet
    (its first second or so), nothing is decided; once it is known, that stretch is
    judged with it (:meth:`_judge_again`), so a candidate who began over it is heard
    where they began.
    """

    def __init__(
        self, thresholds: Thresholds | None = None, vad_factory: Callable[[], Any] | None = None
    ) -> None:
        self.thresholds = thresholds or Thresholds()
        self._vad_factory = vad_factory or self._default_vad
        self.path: EchoPath | None = None  # kept across prompts
        self.reset()

    def _default_vad(self) -> Any:
        from voicecoach.audio.vad import StreamingVad

        return StreamingVad(self.thresholds)

    def reset(self) -> None:
        """A new listening stream: forget the audio, keep the echo path."""
        self.vad = self._vad_factory()
        self._buf = np.zeros(SAMPLE_RATE_HZ * 30, np.float32)  # grows by doubling
        self._n = 0
        self.reference = np.zeros(0, np.float32)
        self.placed = 0  # microphone sample where the reference starts
        self.decided = 0  # samples judged so far
        self.run_from = -1  # first sample of the current speech run in the residual
        self.withheld_from = -1  # first sample of the undecided stretch just before it
        self.onset: int | None = None  # where the candidate's speech was heard to start
        self.since = 0  # where it may have started (before the onset when undecided)
        self._words_from = -1  # first sample of the short runs just before this one
        self._gap = 0  # samples decided "not speech" since the last speech run
        self.confirmed = False  # the echo path is known for the prompt playing
        self._last_estimate: EchoPath | None = None
        self._agreeing = 0  # estimates in a row at the same delay (the latest included)
        self._quiet = 0  # samples decided "not speech" since the undecided stretch
        self._unjudged = -1  # first sample of a stretch left undecided, to judge again
        self._fits: dict[int, tuple[int, npt.NDArray[np.float64]]] = {}  # frame -> its fit
        self._held = 0 if self.path is None else self.path.delay  # the lag last heard clearly
        self._estimated_at = 0

    def play(self, reference: FloatArray, at_sample: int) -> None:
        """The prompt ``reference`` starts playing at microphone sample ``at_sample``."""
        self.reference = np.asarray(reference, np.float32)
        self.placed = int(at_sample)
        # the delay moves from prompt to prompt (new output stream, clock jitter): only
        # "no echo at all" (headphones) carries over
        self.confirmed = self.path is not None and self.path.gain == 0.0
        self._estimated_at = 0
        self._fits = {}
        self._held = 0 if self.path is None else self.path.delay  # see _fit
        self._last_estimate = None
        self._agreeing = 0

    def halted(self, at_sample: int) -> None:
        """The prompt was told to stop when the microphone had heard ``at_sample`` samples.

        The player stops after the block it is writing (``PLAY_BLOCK_FRAMES``), so no
        more of the prompt can sound than was written by then: what has sounded (the
        echo's delay after the clocks place it), what waits in the output buffer (less
        than that delay) and a block. The rest of the reference is dropped: its echo,
        predicted past the stop, was fitted frame by frame to the candidate's own voice
        (they go on talking) and subtracted from their words (a CI run heard "So what are
        the next steps from here?" as "And, so, I'll be right on the left, right here")."""
        if not len(self.reference):
            return
        confirmed = self.path.delay if self.path is not None and self.confirmed else None
        delay = ECHO_MAX_DELAY_S * SAMPLE_RATE_HZ if confirmed is None else confirmed
        keep = int(at_sample - self.placed + max(0.0, delay) + PLAY_BLOCK_FRAMES)
        if keep < len(self.reference):
            self.reference = self.reference[: max(0, keep)]
            self._fits = {f: fit for f, fit in self._fits.items() if f + FRAME <= at_sample}

    @property
    def samples(self) -> int:
        return self._n

    @property
    def mic(self) -> FloatArray:
        """Everything the microphone heard in this stream."""
        return self._buf[: self._n]

    def echo(self, start: int, end: int) -> FloatArray:
        """The echo predicted in microphone samples ``start:end`` (zeros without a path),
        frame by frame with the filter that fits the latest audio best (:meth:`_fit`)."""
        out = np.zeros(max(0, end - start), np.float32)
        if self.path is None or self.path.gain <= 0.0 or len(self.reference) == 0:
            return out
        for frame in range(start - start % FRAME, end, FRAME):
            delay, taps = self._fit(frame)
            # mic[t] ~ sum_j taps[j] * ref[t - placed - delay - j + TAPS // 2]
            first = frame - self.placed - delay + TAPS // 2
            piece = np.zeros(FRAME, np.float64)
            for j, tap in enumerate(taps):
                piece += tap * self._ref(first - j, FRAME)
            a, b = max(frame, start), min(frame + FRAME, end)
            out[a - start : b - start] = piece[a - frame : b - frame]
        return out

    def _ref(self, first: int, n: int) -> npt.NDArray[np.float64]:
        """Reference samples ``first:first + n``, zero outside the prompt."""
        out = np.zeros(max(0, n), np.float64)
        lo, hi = max(first, 0), min(first + n, len(self.reference))
        if hi > lo:
            out[lo - first : hi - first] = self.reference[lo:hi]
        return out

    def _fit(self, frame: int) -> tuple[int, npt.NDArray[np.float64]]:
        """The echo's delay and a short filter at ``frame``: the delay searched around the
        estimated path on the :data:`FIT_S` of audio that end with the frame, again within
        :data:`DRIFT` samples on its last :data:`FIT_NOW_S`, where :data:`TAPS` taps are
        fitted by least squares. A player that runs late for a
        moment (an underrun) shifts the echo for the rest of the prompt; a loopback or a
        device's clock drifts it by fractions of a sample, and two resamplers differ."""
        assert self.path is not None
        cached = self._fits.get(frame)
        if cached is not None:
            return cached
        fit = int(FIT_S * SAMPLE_RATE_HZ)
        back, ahead = int(FIT_BACK_S * SAMPLE_RATE_HZ), int(FIT_AHEAD_S * SAMPLE_RATE_HZ)
        end = min(frame + FRAME, self._n)
        begin = max(0, end - fit)
        seg = np.asarray(self._buf[begin:end], np.float64)
        # reference samples that lags from delay + ahead down to delay - back put there
        r0 = begin - self.placed - (self.path.delay + ahead)
        ref = self._ref(r0, end - begin + ahead + back)
        taps = np.zeros(TAPS, np.float64)
        taps[TAPS // 2] = self.path.gain
        result = (self.path.delay, taps)
        if len(seg) >= FRAME and float(np.dot(ref, ref)) > 0.0:
            k, score = _best_lag(ref, seg)
            if score >= ECHO_MIN_SCORE:
                delay = self.path.delay + ahead - k
                if score >= ECHO_LOCK_SCORE:
                    self._held = delay
                elif abs(delay - self._held) > DRIFT:
                    # Weak evidence for a lag away from the one last heard clearly: the
                    # candidate talking over the echo, their voice matched to another part
                    # of the prompt (it scores as high as the echo under them). Fitted
                    # there, the taps took the candidate for echo and subtracted a part of
                    # the prompt that was not sounding. The echo moves only when heard alone.
                    delay = self._held
                # the drift since: the lag again, near it, on the latest FIT_NOW_S
                now = max(begin, end - int(FIT_NOW_S * SAMPLE_RATE_HZ))
                recent = seg[now - begin :]
                near = self._ref(now - self.placed - delay - DRIFT, len(recent) + 2 * DRIFT)
                if float(np.dot(near, near)) > 0.0:
                    j, _ = _best_lag(near, recent)
                    delay += DRIFT - j
                begin, seg = now, recent
                x = self._taps_input(begin, delay, len(seg))
                h = np.asarray(np.linalg.lstsq(x, seg, rcond=None)[0], np.float64)
                limit = FIT_MAX_GAIN * self.path.gain  # never explain the candidate away
                norm = float(np.sqrt(np.sum(h * h)))
                result = (delay, np.asarray(h * (limit / norm) if norm > limit else h))
        self._fits[frame] = result
        return result

    def _echo_moved(self, start: int, end: int) -> bool:
        """Is the speech heard in ``start:end`` the prompt's echo after all, moved beyond
        where :meth:`_fit` follows it? A player starved of CPU for a moment leaves a gap of
        a quarter second or more, and the rest of its echo comes that much later: the echo
        is searched again over the whole delay range on the run. Or it stalls two or three
        times within a tenth of a second (the output catching up block by block), each time
        moving the echo later by a few ms: no one lag explains the run, and :meth:`_fit`
        keeps the lag last heard clearly while its window spans the steps. Then the run's
        latest :data:`FIT_NOW_S`, or its latest frame, past the last step, is searched near
        that lag, at most as loud as :meth:`_fit` allows (live
        trial 21: at -10 dB the echo moved 15 then 23 ms 1.5 s into the first line, and the
        line stopped itself as if the candidate answered it). When either explains the
        audio (the candidate would have to be at least :data:`RESIDUAL_OVER_ECHO` of it, as
        in :func:`_beyond_echo`), the path moves there for the rest of the prompt."""
        if not self._may_echo(start) or len(self.reference) == 0 or self.path is None:
            return False
        lead = int(ECHO_MAX_LEAD_S * SAMPLE_RATE_HZ)
        late = int(ECHO_MAX_DELAY_S * SAMPLE_RATE_HZ)
        back, ahead = int(FIT_BACK_S * SAMPLE_RATE_HZ), int(FIT_AHEAD_S * SAMPLE_RATE_HZ)
        limit = FIT_MAX_GAIN * self.path.gain  # as in _fit: a candidate is never explained away
        near = (self._held + ahead, self._held - back, limit)
        # the run only (audio before it may hold the gap itself), then its latest stretch
        # and its latest frame (the steps may be closer together than the run is long)
        for begin, (latest, earliest, most) in (
            (start, (late, -lead, None)),
            (max(start, end - int(FIT_NOW_S * SAMPLE_RATE_HZ)), near),
            (max(start, end - FRAME), near),
        ):
            seg = np.asarray(self._buf[begin:end], np.float64)
            r0 = begin - self.placed - latest  # the reference heard at the longest delay
            ref = self._ref(r0, end - begin + latest - earliest)
            if float(np.dot(ref, ref)) <= 0.0 or float(np.dot(seg, seg)) <= 0.0:
                continue
            k, score = _best_lag(ref, seg)
            if score < ECHO_LOCK_SCORE:
                continue
            delay = latest - k  # mic[begin + t] ~ ref[begin - placed - delay + t]
            x = self._taps_input(begin, delay, len(seg))
            taps = np.asarray(np.linalg.lstsq(x, seg, rcond=None)[0], np.float64)
            gain = float(np.sqrt(np.sum(taps * taps)))
            echo = x @ taps
            if most is not None:
                # on a frame or two the taps may be large and cancel each other out: the
                # gain is the echo's level against the reference's at that lag
                centre = x[:, TAPS // 2]
                gain = float(np.sqrt(np.dot(echo, echo) / (np.dot(centre, centre) + 1e-12)))
                if gain > most:
                    continue
            if _beyond_echo(seg, seg - echo, echo):
                continue
            self.path = EchoPath(delay, gain, score)
            self._fits, self._held = {}, delay
            return True
        return False

    def _taps_input(self, begin: int, delay: int, n: int) -> npt.NDArray[np.float64]:
        """The reference around ``delay`` for the :data:`TAPS`-tap filter fitted on ``n``
        microphone samples from ``begin``: one column per tap."""
        first = begin - self.placed - delay + TAPS // 2
        return np.stack([self._ref(first - j, n) for j in range(TAPS)], axis=1)

    def cleaned(self, start: int, end: int | None = None) -> FloatArray:
        """Microphone samples ``start:end`` with the prompt's echo removed."""
        end = len(self.mic) if end is None else end
        return remove_echo(self.mic[start:end], self.echo(start, end))

    @property
    def quiet(self) -> int:
        """Samples decided "not speech" since the last undecided stretch (or the stream's
        start): the candidate was heard silent this long before the speech heard since."""
        return self._quiet

    @property
    def pending(self) -> int | None:
        """Where speech in the residual began that has not lasted long enough to be an
        onset (yet): what the candidate said if they stop now. None without such speech,
        and once there is an onset (see :attr:`since`)."""
        if self.onset is not None or self.run_from < 0:
            return None
        return self.withheld_from if self.withheld_from >= 0 else self.run_from

    def feed(self, block: FloatArray) -> int | None:
        """Take more microphone audio; the onset sample once the candidate is speaking."""
        block = np.asarray(block, np.float32).ravel()
        if self._n + len(block) > len(self._buf):
            self._buf = np.concatenate(
                [self._buf, np.zeros(len(self._buf) + len(block), np.float32)]
            )
        self._buf[self._n : self._n + len(block)] = block
        self._n += len(block)
        if self.onset is not None:
            return self.onset
        self._estimate()
        if self.confirmed and self._unjudged >= 0:
            self._judge_again()
        while self.decided + FRAME <= len(self.mic) and self.onset is None:
            self._decide(self.decided)
            self.decided += FRAME
        return self.onset

    def _judge_again(self) -> None:
        """The echo path is known now: the stretch left undecided while it was not is
        judged with it, from its start, as any other audio. Trial 21's candidate went on
        after a thinking pause just as the goodbye line began, through a speaker leaking at
        -10 dB: their voice over the echo kept the estimate's score low, the path was known
        only 2 s in, when they had paused between two sentences; the onset was then heard at
        their second sentence, the first (said over the line's first 2 s) was dropped, and
        the second was taken for an answer to the goodbye begun 2.3 s into it."""
        start, self._unjudged = self._unjudged, -1
        self.decided = start
        self.vad.reset()  # heard again from just before the stretch, as it was then
        warm = int(ESTIMATE_EVERY_S * SAMPLE_RATE_HZ) // FRAME * FRAME
        self.vad.feed(self.mic[max(0, start - warm) : start])
        self.run_from, self.withheld_from, self._quiet = -1, -1, 0
        self._words_from, self._gap = -1, 0

    def _may_echo(self, start: int) -> bool:
        """Could the prompt be sounding in the frame at ``start``, wherever its echo is?"""
        if len(self.reference) == 0:
            return False
        lead = int(ECHO_MAX_LEAD_S * SAMPLE_RATE_HZ)
        late = int(ECHO_MAX_DELAY_S * SAMPLE_RATE_HZ)
        return (
            self.placed - lead <= start + FRAME
            and start <= self.placed + len(self.reference) + late
        )

    def _estimate(self) -> None:
        """Estimate the echo path on the latest audio, every :data:`ESTIMATE_EVERY_S`
        while the prompt can be heard (a loopback or a device's clock may drift)."""
        now = self._n
        late = int(ECHO_MAX_DELAY_S * SAMPLE_RATE_HZ)
        if not len(self.reference) or now > self.placed + len(self.reference) + late:
            return
        if now - self._estimated_at < ESTIMATE_EVERY_S * SAMPLE_RATE_HZ:
            return
        self._estimated_at = now
        lead = int(ECHO_MAX_LEAD_S * SAMPLE_RATE_HZ)
        begin = max(0, self.placed - lead, now - int(ESTIMATE_WINDOW_S * SAMPLE_RATE_HZ))
        # the reference from where its earliest possible echo falls inside the window
        ref_from = max(0, begin - self.placed + lead)
        ref = self.reference[ref_from : max(ref_from, now - self.placed + lead)]
        if _rms(ref) < QUIET_RMS:
            return
        placed_at = self.placed + ref_from - begin  # where the clocks put ``ref`` in the window
        found = estimate_echo(self.mic[begin:now], ref, max_delay=placed_at + late)
        if found is None:
            return
        path = EchoPath(found.delay - placed_at, found.gain, found.score)
        heard_all = now - self.placed >= ESTIMATE_MIN_S * SAMPLE_RATE_HZ + late
        last, self._last_estimate = self._last_estimate, path
        same = last is not None and abs(last.delay - path.delay) <= AGREE_SAMPLES
        if path.score < AGREE_MIN_SCORE:
            self._agreeing = 0
        else:
            self._agreeing = self._agreeing + 1 if same else 1
        agree = same and (  # estimates in a row at the same delay: not a chance peak
            (last is not None and min(last.score, path.score) >= ECHO_MIN_SCORE)
            or self._agreeing >= AGREE_RUN
        )
        first = (path.score >= ECHO_ACCEPT_SCORE or agree) and not self.confirmed
        if not self.confirmed and (path.score >= ECHO_LOCK_SCORE or first or heard_all):
            # The frames fitted while the path was unknown were fitted around the last
            # prompt's delay, and the delay moves from prompt to prompt: kept, their echo
            # was subtracted where this prompt's was not, and remove_echo, finding the
            # start of a continuation made louder, subtracted none of it (trial s34/13:
            # going on 0.5 s into a line kept its "Since you ask" whole).
            self._fits = {}
        if path.score >= ECHO_LOCK_SCORE or first:
            self.path, self.confirmed, self._held = path, True, path.delay
        elif not self.confirmed and heard_all:
            if path.score < ECHO_MIN_SCORE:
                path = EchoPath(0, 0.0, path.score)  # no echo here
            self.path, self.confirmed, self._held = path, True, path.delay

    def _decide(self, start: int) -> None:
        frame = self.mic[start : start + FRAME]
        echo = self.echo(start, start + FRAME)
        residual = frame - echo
        if float(np.dot(residual, residual)) > float(np.dot(frame, frame)):
            residual = frame  # the echo is not where predicted (the gap of an underrun)
        flags = self.vad.feed(residual)
        speech = bool(flags) and flags[-1]
        if self._may_echo(start) and not self.confirmed:
            # the prompt may be sounding and its echo is not known yet: decide later, and
            # a candidate speaking meanwhile is taken from here (see :attr:`since`)
            if self.withheld_from < 0:
                self.withheld_from = start
            if self._unjudged < 0:
                self._unjudged = start
            self.run_from, self._quiet = -1, 0
            self._words_from, self._gap = -1, 0
            return
        if speech and _rms(residual) < SPEECH_MIN_RMS:
            speech = False  # near silence (the VAD says "speech" on digital zeros after speech)
        elif speech and _rms(echo) > QUIET_RMS and not _beyond_echo(frame, residual, echo):
            speech = False  # only what the cancellation left of the prompt
        if not speech:
            self.run_from = -1
            self._quiet += FRAME
            self._gap += FRAME
            if self._gap >= WORD_GAP_S * SAMPLE_RATE_HZ:
                self._words_from = -1
            if self._quiet >= SINCE_GAP_S * SAMPLE_RATE_HZ:
                self.withheld_from = -1
            return
        if self.run_from < 0:
            self.run_from = start
            if self._words_from < 0:
                self._words_from = start
        self._gap = 0
        if start + FRAME - self.run_from >= BARGE_IN_MIN_SPEECH_S * SAMPLE_RATE_HZ:
            if self._echo_moved(self.run_from, start + FRAME):
                # the prompt's echo, later than the path said; should the candidate be
                # starting under it after all, their speech is taken from here
                if self.withheld_from < 0:
                    self.withheld_from = self.run_from
                self.run_from, self._quiet = -1, 0
                return
            self.onset = self.run_from
            began = min(self.run_from, self._words_from) if self._words_from >= 0 else self.run_from
            self.since = self.withheld_from if self.withheld_from >= 0 else began


__all__ = ["DoubleTalk", "EchoPath", "estimate_echo", "remove_echo"]
