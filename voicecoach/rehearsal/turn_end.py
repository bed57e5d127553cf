"""Has the candidate finished? End-of-turn from meaning first, silence last.

People take turns with gaps of about 0.2 s because they hear that the other has finished:
the sentence is complete and it did what was asked. A fixed silence cannot tell a finished
answer from a thinking pause. Here the live partial transcript decides how much silence
ends the answer (:func:`required_silence_s`):

- the last sentence is unfinished ("what I'd really like to know is ..."), or the words
  heard so far are not transcribed yet, or a recap begun is still shorter than the
  recap band's floor: only the recorder's last-resort silence
  (``Thresholds.end_silence_s``) ends it;
- the sentence is complete but the turn has not done what its prompt asked (its
  ``expects``, judged with the analyzer's rules on the partial text; an answer to a doubt
  needs evidence beyond what it grants of the doubt), or it announces more ("let me
  think about that for a second"): ``end_unmet_s``;
- complete and done: ``end_complete_s``, well under a second, unless the voice says
  more is coming: a statement whose pitch stays level or rises before the pause
  (:mod:`voicecoach.analysis.ending`) waits ``end_held_s``. A question may rise. At the
  goodbye (a turn that asks only for thanks) an answer that is so far a thanks and nothing
  else ("Thank you, Dana.", "Thank you for your time.") waits a sentence gap,
  ``end_thanked_s``, for the sign-off or second sentence that commonly follows it.

The decision is pure (:func:`sentence_complete`, :func:`required_silence_s`);
:class:`TurnEndJudge` feeds it from a :class:`~voicecoach.speech.chunked.ChunkedTranscriber`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from voicecoach.analysis.more_coming import announces_more, more_to_come
from voicecoach.analysis.openers import asks_for_time, only_opens
from voicecoach.analysis.sentence_end import sentence_complete
from voicecoach.analysis.unfinished import words_of
from voicecoach.settings import Thresholds

if TYPE_CHECKING:
    from voicecoach.analysis.ending import Ending
    from voicecoach.audio.endpoint import EndReason, RecordingStatus
    from voicecoach.profile import Profile
    from voicecoach.speech.chunked import ChunkedTranscriber

# Whisper's partial transcript must reach this close to the last speech heard to count
# as current (its cut falls a little after the speech end; VAD windows are 32 ms).
COVERAGE_SLACK_S = 0.1
# The audio after the VAD's speech end that the voice cue also reads: Silero's speech flag
# can stop a window or two before the last voiced frame.
ENDING_AFTER_S = 0.3
# The speech end (elapsed minus silence) of one pause wobbles by a VAD window between
# blocks (0.1 s blocks, 32 ms windows); new speech moves it by at least vad_min_speech_s.
SAME_PAUSE_S = 0.1
# Contours that say "I'm not done" on a statement.
HOLDING = frozenset({"level", "rising"})
# Speech before the first word that Whisper, having heard all of it, wrote no words for, and
# at most this long (the speech blocks the recorder counted), is not the answer: the tail of
# the candidate's own sentence from before the line (trial 23: a quiet sentence went on
# under the next line, its last 1.0 s began the next turn's recording, and the recorder's
# last-resort silence then ended that turn before the candidate said a word of it), a
# cough, a chair. The turn waits for the first word again, as it does in silence. Longer
# speech with no words is more likely an answer the microphone is too quiet for: that one
# ends as before, and its verdict says no words were transcribed.
FRAGMENT_MAX_S = 2.0
# ...and it must be there from the recording's first moments (a tail carried over from
# before the line), or be voiced at a level Whisper writes words at (Thresholds.
# quiet_speech_db: an "um", a cough), and it is set aside once a turn: a quiet voice saying
# short phrases later on, none of them transcribed, is an answer heard too quietly, and
# must end and read so (review: at -65 dBFS, "Thank you. | I'd love to join." came out
# "Nothing heard in 15 s")
FRAGMENT_START_S = 1.0


@dataclass(frozen=True)
class Heard:
    """What the live transcript says about the answer so far."""

    text: str  # everything transcribed so far
    current: bool  # the transcript reaches the last speech heard
    expects_met: bool  # the turn has done what its prompt asked (True when it asks nothing)
    # how the voice ended before this pause: falling, level, rising or unknown (no cue)
    ending: str = "unknown"
    # the prompt asks for a recap, the answer has begun one (:func:`recap_begun`), and it
    # is so far shorter than the recap band's floor (``Thresholds.recap_min_s``, from its
    # first word to this pause)
    short_of_recap: bool = False
    # the prompt asks only for thanks (the goodbye), and the answer so far is a thanks and
    # nothing else (:func:`only_thanks`: "Thank you, Dana.", "Thank you for your time.")
    only_thanked: bool = False
    # ...and it has thanked and ends on a closing pleasantry or sign-off ("It was a pleasure
    # to meet you.", "Have a great day."): the goodbye is said (:func:`signs_off`)
    signed_off: bool = False


_ENDS_ON_LIKE = re.compile(r"\blike\W*$", re.IGNORECASE)


def required_wait(heard: Heard, thresholds: Thresholds) -> tuple[float, EndReason] | None:
    """The silence after the last word that ends this answer, and what ending then means:
    ``"finished"`` when the answer did what was asked, ``"silence"`` when it ends only
    because the candidate stayed silent that long. None: only the recorder's last-resort
    silence (``thresholds.end_silence_s``) may end it."""
    if not heard.current or not sentence_complete(heard.text):
        return None
    # An answer that so far only takes the prompt in (analysis.openers: "That's a fair
    # point.", "Yes, I do.") has not begun: the candidate is thinking what to say. In the
    # concerns drill a 5.5 s pause after "That's a fair point." was cut at end_unmet_s
    # (trial 8, stop 31). It waits, like one that asks for a moment, only the recorder's
    # last resort, as a sentence cut off does.
    if (only_opens(heard.text) and not heard.expects_met) or asks_for_time(heard.text):
        return None
    # So does a recap begun and still short of the band's floor, unless it has just asked
    # something (a recap and a concern probe asked in one turn): a candidate stopping to
    # think of the next point. A trial's recap drill ended on a 4.5 s pause after the
    # first sentence, and a candidate still going was told "too short for a 20-30 s
    # recap". An answer with no recap in it yet ("No, I think that's covered.") keeps the
    # missing move's wait (Heard.short_of_recap is only set once a recap has begun).
    if heard.short_of_recap and not heard.text.rstrip().endswith("?"):
        return None
    # so does one that announced a list and is between its points (analysis.recap)
    if not heard.expects_met or more_to_come(heard.text):
        return thresholds.end_unmet_s, "silence"
    wait = thresholds.end_complete_s
    if heard.only_thanked:
        wait = max(wait, thresholds.end_thanked_s)
    if heard.signed_off:
        # a level voice on the goodbye's last pleasantry is no thinking pause: trial 53's
        # "It was a pleasure to meet you." held level in one session and waited 3 s, fell
        # in the others and waited under 1 s. Whatever follows, the answer's continuation
        # joins it (rehearsal.continuation)
        return wait, "finished"
    if heard.ending in HOLDING and not heard.text.rstrip().endswith("?"):
        wait = max(wait, thresholds.end_held_s)
    if _ENDS_ON_LIKE.search(heard.text):
        # "What does a typical week look like? [2.5 s] for someone in this role?"
        # (bench/data/answers.txt): the held wait, not the last resort it had before
        wait = max(wait, thresholds.end_held_s)
    return wait, "finished"


# A bare thanks: gratitude, a word of how much, and perhaps whom ("Thank you, Dana.",
# "Thanks so much, Ms. Reyes!", "Okay, thank you.") and nothing else; the name as Whisper
# writes names, capitalised. Not "Thank you for your time today.", nor a sign-off ("Thank
# you, bye."): those already say all a goodbye needs.
_BARE_THANKS = re.compile(
    r"(?i:(?:(?:um|uh|oh|okay|ok|well|great|alright|all right|and|so|yes|yeah)\W+)*"
    r"(?:thank you|thanks|many thanks)"
    r"(?:\W+(?:so much|very much|so very much|a lot|again|once again|really|both|all|everyone|"
    r"everybody))*)"
    # (a sign-off Whisper capitalised is no name: "Thank you, Goodbye.")
    r"(?:\W+(?!(?i:bye|goodbye|cheers|take care)\b)[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,2})?\W*"
)


# ...and a thanks for something and nothing else ("Thank you for your time.", "Thanks so
# much for meeting me, Dana."), after which a second sentence commonly comes too (live
# trial 52, L7: "Thank you for your time. [0.45 s] It was a pleasure to meet you." ended
# after the thanks, and a second panel replaced the first). Its "for" clause is a few
# words that say nothing more: not a sign-off ("bye", "take care", "talk soon"), nor a
# clause of its own ("and I look forward to hearing from you").
_THANKS_FOR = re.compile(
    r"(?i:(?:(?:um|uh|oh|okay|ok|well|great|alright|all right|and|so|yes|yeah)\W+)*"
    r"(?:thank you|thanks|many thanks)"
    r"(?:\W+(?:so much|very much|so very much|a lot|again|once again|really|both|all|everyone|"
    r"everybody))*"
    r"\W+for"
    r"(?:\W+(?!(?:bye|goodbye|cheers|take|talk|see|have|hope|look|and|but|i|i'll|i'm|i've|"
    r"i'd|we|we'll)\b)[\w'-]+){1,8})\W*"
)


_SENTENCE_BREAK = re.compile(r"(?<=[.?!])(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bMrs\.)\s+")


def bare_thanks(text: str) -> bool:
    """Is every sentence of ``text`` a bare thanks (:data:`_BARE_THANKS`)?"""
    sentences = [t for t in _SENTENCE_BREAK.split(text.strip()) if t]
    return bool(sentences) and all(_BARE_THANKS.fullmatch(t) for t in sentences)


# A closing pleasantry said after the thanks: the pleasure of meeting, or having enjoyed
# the talk, and perhaps a name ("It was a pleasure to meet you.", "I really enjoyed
# talking with you, Nadine.", "Nice to meet you.")
_PLEASANTRY = re.compile(
    r"(?i:(?:(?:and|so|well|oh|really)\W+)*(?:(?:it was|it's been|it has been|it is|what)\W+)?"
    r"(?:(?:a|such a|an absolute)\W+(?:real\W+|great\W+|genuine\W+)?(?:pleasure|joy|treat)|"
    r"(?:really\W+)?(?:nice|great|lovely|good)(?=\W+(?:to|meeting|talking|speaking))|"
    r"i\W+(?:really\W+|truly\W+)?enjoyed)"
    r"(?:\W+(?:to|meeting|talking|speaking|meet|talk|speak|chat|chatting|with|you|it|this|"
    r"all|both|today|our|the|conversation|chat))*)"
    r"(?:\W+(?!(?i:and|but|i)\b)[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,2})?\W*"
)


def signs_off(text: str) -> bool:
    """Does ``text`` thank and end on a closing pleasantry (``_PLEASANTRY``) or a sign-off
    ("Have a great day.", ``rules.is_sign_off``)?"""
    from voicecoach.analysis.lexicon import normalise
    from voicecoach.analysis.rules import is_sign_off

    sentences = [t for t in _SENTENCE_BREAK.split(text.strip()) if t]
    if len(sentences) < 2 or not any(_BARE_THANKS.fullmatch(t) or _THANKS_FOR.fullmatch(t)
                                     for t in sentences[:-1]):  # fmt: skip
        return False
    last = sentences[-1]
    return bool(_PLEASANTRY.fullmatch(last)) or is_sign_off(normalise(last))


def only_thanks(text: str) -> bool:
    """Is every sentence of ``text`` a thanks and nothing else: bare (:func:`bare_thanks`)
    or for something (:data:`_THANKS_FOR`)? At the goodbye such an answer waits a
    sentence gap for the sign-off or the second sentence that commonly follows."""
    sentences = [t for t in _SENTENCE_BREAK.split(text.strip()) if t]
    return bool(sentences) and all(
        _BARE_THANKS.fullmatch(t) or _THANKS_FOR.fullmatch(t) for t in sentences
    )


def required_silence_s(heard: Heard, thresholds: Thresholds) -> float | None:
    """Silence after the last word that ends this answer, or None: only the recorder's
    last-resort silence (``thresholds.end_silence_s``) may end it."""
    wait = required_wait(heard, thresholds)
    return None if wait is None else wait[0]


def answer_over(heard: Heard, silence_s: float, thresholds: Thresholds) -> bool:
    needed = required_silence_s(heard, thresholds)
    return needed is not None and silence_s >= needed


def expects_met(
    text: str,
    expects: Sequence[str],
    *,
    concern: str | None = None,
    profile: Profile | None = None,
) -> bool:
    """Has ``text`` done every move in ``expects``? The analyzer's rules on the text alone
    (no sentence model: a few milliseconds, so it can run at every pause)."""
    return _judge_text(text, expects, concern, profile)[0]


def recap_begun(text: str, profile: Profile | None = None) -> bool:
    """Has ``text`` begun a recap, however short or partial (the analyzer's rules on the
    text alone: a recap naming 1 of 4 profile strengths is partial, and begun)?"""
    return _judge_text(text, ("recap",), None, profile)[1]


def _judge_text(
    text: str, expects: Sequence[str], concern: str | None, profile: Profile | None
) -> tuple[bool, bool]:
    """(:func:`expects_met`, :func:`recap_begun` where ``expects`` asks for a recap), from
    one run of the analyzer's rules."""
    from voicecoach.analysis.analyzer import moves_done_so_far

    return moves_done_so_far(text, expects, concern, profile)


class TurnEndJudge:
    """Feeds :func:`answer_over` from a :class:`ChunkedTranscriber`'s partial transcript.

    Call :meth:`over` with each recording status; once it returns True the answer is over
    (:attr:`ended` stays True). With ``voice`` (the default) the pitch of the speech just
    before each pause is read too, from the chunker's audio."""

    def __init__(
        self,
        chunker: ChunkedTranscriber,
        expects: Sequence[str],
        *,
        concern: str | None = None,
        profile: Profile | None = None,
        thresholds: Thresholds | None = None,
        voice: bool = True,
    ) -> None:
        self.chunker = chunker
        self.voice = voice
        self.expects = tuple(expects)
        self.concern = concern
        self.profile = profile
        self.thresholds = thresholds or Thresholds()
        self.ended = False
        self.set_aside = False  # a fragment was set aside this turn (:meth:`fragment`)
        # how the answer ended once :attr:`ended`: "finished" (it did what was asked) or
        # "silence" (a wait for a missing move, or for more that was announced, ran out)
        self.ended_by: EndReason = "finished"
        # text, expects met, a recap begun in it (asked for one)
        self._judged: tuple[str, bool, bool] = ("", not self.expects, False)
        self._pause_s = -1.0  # speech end of the pause whose voice was read
        self.ending: Ending | None = None  # the voice's ending before that pause
        # the silence that ends the answer, as last judged in this pause (None: not judged
        # yet, or only the recorder's last resort)
        self.wait_s: float | None = None

    def heard(self, status: RecordingStatus) -> Heard:
        text, covered_s = self.chunker.partial()
        speech_end_s = status.elapsed_s - status.silence_s
        if text != self._judged[0]:
            met, begun = _judge_text(text, self.expects, self.concern, self.profile)
            self._judged = (text, met, begun)
        current = covered_s >= speech_end_s - COVERAGE_SLACK_S
        short = (
            self._judged[2]
            and status.speech_start_s is not None
            and speech_end_s - status.speech_start_s < self.thresholds.recap_min_s
        )
        thanked = self.expects == ("thanks",) and only_thanks(text)
        signed = self.expects == ("thanks",) and signs_off(text)
        contour = self._contour(speech_end_s)
        return Heard(text, current, self._judged[1], contour, short, thanked, signed)

    def _contour(self, speech_end_s: float) -> str:
        """The voice's ending before the current pause (read once per pause)."""
        if not self.voice:
            return "unknown"
        if abs(self._pause_s - speech_end_s) > SAME_PAUSE_S:
            from voicecoach.analysis.ending import CONTEXT_S, TAIL_S, voice_ending
            from voicecoach.settings import SAMPLE_RATE_HZ

            start_s = speech_end_s - CONTEXT_S - TAIL_S
            audio = self.chunker.audio_span(start_s, speech_end_s + ENDING_AFTER_S)
            self._pause_s, self.ending = speech_end_s, voice_ending(audio, SAMPLE_RATE_HZ)
        return self.ending.contour if self.ending is not None else "unknown"

    def over(self, status: RecordingStatus) -> bool:
        if self.ended:
            return True
        if not status.speech_heard or status.silence_s < self.thresholds.end_complete_s:
            self.wait_s = None
            return False  # nothing to judge yet: skip the work
        wait = required_wait(self.heard(status), self.thresholds)
        self.wait_s = None if wait is None else wait[0]
        if wait is not None and status.silence_s >= wait[0]:
            self.ended, self.ended_by = True, wait[1]
        return self.ended

    def fragment(self, status: RecordingStatus) -> bool:
        """Is all the speech heard so far a fragment with no words (:data:`FRAGMENT_MAX_S`,
        :data:`FRAGMENT_START_S`; once a turn), now over and transcribed? Then it is not
        the answer: the recording should wait for the first word again
        (``Recorder.record(forget=...)``). Call it after :meth:`over` said False. Never in
        a continuation (its context has words)."""
        if self.ended or self.set_aside or not status.speech_heard:
            return False
        if status.speech_s > FRAGMENT_MAX_S:
            return False
        if status.speech_start_s is None:
            return False
        loud = (
            status.speech_level_db is not None
            and status.speech_level_db >= self.thresholds.quiet_speech_db
        )
        if status.speech_start_s > FRAGMENT_START_S and not loud:
            return False
        if status.silence_s < self.thresholds.end_complete_s:
            return False  # the fragment may be the start of a word
        heard = self.heard(status)
        self.set_aside = heard.current and not words_of(heard.text)
        return self.set_aside

    def reading(self, status: RecordingStatus) -> RecordingStatus:
        """``status`` with the silence that ends the answer as :meth:`over` last judged it
        (``ends_after_s``), for the screen to say when it ends by itself."""
        last_resort = status.ends_after_s
        if self.wait_s is None or (last_resort is not None and last_resort <= self.wait_s):
            return status
        return replace(status, ends_after_s=self.wait_s)


__all__ = [
    "Heard",
    "TurnEndJudge",
    "announces_more",
    "answer_over",
    "asks_for_time",
    "bare_thanks",
    "expects_met",
    "only_opens",
    "only_thanks",
    "recap_begun",
    "required_silence_s",
    "required_wait",
    "sentence_complete",
    "signs_off",
]
