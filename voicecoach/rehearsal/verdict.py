"""The quick verdict shown right after each answer: did it do what the prompt asked?

Pure: it reads the turn's :class:`~voicecoach.analysis.results.Analysis` (the checks for the
moves the turn expects, the recap timing, the top coaching point) and says it in a line or
three. The full coaching comes at the end of the rehearsal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from voicecoach.analysis.turn_checks import (
    TurnLine,
    on_length_alone,
    turn_lines,
    unheard_note,
    unsure_why,
)
from voicecoach.analysis.turn_checks import (
    answer_length as turn_answer_length,
)
from voicecoach.analysis.voice import summary
from voicecoach.analysis.wording import ASIDES, NOTES, STOPPED_BEFORE_ANSWER

if TYPE_CHECKING:
    from voicecoach.analysis.checks import Credit
    from voicecoach.analysis.results import Analysis
    from voicecoach.audio.recorders import Recording

UNTRANSCRIBED_END = NOTES["untranscribed"].split("}")[-1]  # " s of this answer could not..."
QUIET_HEADLINE = "Heard too quietly to be sure"
QUIET_TIP = (
    "Fix the microphone level first: move closer or raise its input gain, then check the "
    "level bar moves well past a third while you speak."
)
SECOND_VOICE_HEADLINE = "Another voice was heard: not sure"
SECOND_VOICE_TIP = (
    "Rehearse where nobody else is talking, or mute the other sound, then say it again."
)
# Whisper was unsure of many of the answer's words at a good level: mumbled or rushed
UNSURE_HEADLINE = "Not heard clearly enough to be sure"
UNSURE_TIP = (
    "Say it again a little slower, finishing each word: the coaching can only judge the "
    "words it hears."
)
# ...and part of it was, so a sentence heard word for word decided a line
PART_UNSURE = "part of it not heard clearly"
DECIDED = frozenset({"done", "partial", "missing"})
# why a turn was not heard clearly (turn_checks.unsure_why) -> the verdict's headline, tip
UNHEARD = {
    "quiet": (QUIET_HEADLINE, QUIET_TIP),
    "second_voice": (SECOND_VOICE_HEADLINE, SECOND_VOICE_TIP),
    "unclear_words": (UNSURE_HEADLINE, UNSURE_TIP),
}
ENDINGS = {
    "key": "you finished it",
    "finished": "heard you finish",
    "silence": "ended after a silence",
    "no_answer": "nothing heard, counted as unanswered",
    "max_length": "cut at the time limit",
    "interrupted": "interrupted",
    "device_lost": "the microphone went away",
    "file": "from a recording",
}
# A turn in which no voice was ever heard has no answer to time: its headline says how the
# turn ended instead ("15.1 s answer, you finished it" for a turn skipped with Enter, trial
# 15). Enter, or q in a silent turn, ends it at once ("key"); q leaves it not answered
# (wording.STOPPED_BEFORE_ANSWER).
SKIPPED_HEADLINE = "Skipped: nothing was said"
UNANSWERED_HEADLINE = "Nothing heard in {waited_s:.0f} s: counted as unanswered"
NOTHING_HEARD = "Nothing heard - {ending}"


# One line per move the turn asked for: the replay and the report list the same ones
VerdictLine = TurnLine


@dataclass(frozen=True)
class Verdict:
    headline: str  # e.g. "2 of 2 done - 24.5 s answer, ended after a silence"
    good: bool  # everything the turn asked for was done
    lines: tuple[VerdictLine, ...]
    tip: str  # the most important fix for this turn, or "" when there is none
    recap_s: float | None = None  # spoken recap length, when the turn had one
    recap_band: str | None = None  # too_short, in_band, too_long, unknown
    voice: tuple[str, ...] = ()  # how the voice sounded: variation, then each uptalk check
    voice_flag: bool = False  # a finding to fix: uptalk on a sure statement, or monotone
    # why the verdict cannot be trusted (the microphone was too quiet, or Whisper was
    # unsure of many words), or ""
    warning: str = ""


def answer_length(
    recording: Recording, regions: Sequence[tuple[float, float]], span_s: float | None = None
) -> str:
    """The answer's length as every view of the turn gives it (turn_checks.answer_length),
    with the waiting its merge left out (Recording.left_out_s)."""
    return turn_answer_length(regions, span_s, recording.left_out_s, recording.duration_s)


def silent_headline(recording: Recording, stopped: bool = False) -> str:
    """The headline of a turn in which no voice was heard: how it ended, with no answer
    length (the recording's length is only how long the candidate waited). ``stopped``:
    the rehearsal was stopped in it (q): not answered, as its moves are not reached."""
    if stopped:
        return STOPPED_BEFORE_ANSWER[0].upper() + STOPPED_BEFORE_ANSWER[1:]
    if recording.ended_by == "key":
        return SKIPPED_HEADLINE
    if recording.ended_by == "no_answer":
        return UNANSWERED_HEADLINE.format(waited_s=recording.duration_s)
    return NOTHING_HEARD.format(ending=ENDINGS.get(recording.ended_by, recording.ended_by))


def quick_verdict(
    analysis: Analysis,
    expects: Sequence[str],
    recording: Recording,
    speech_regions: Sequence[tuple[float, float]] = (),
    elsewhere: Mapping[str, Credit] | None = None,
    aside: str = "",
    stopped: bool = False,
) -> Verdict:
    """``speech_regions``: the answer's speech (VAD); its length runs from the first to the
    last, without the silence before it (without them: the whole recording).
    ``elsewhere``: see :func:`~voicecoach.analysis.turn_checks.turn_lines`. ``aside``:
    what the answer asked of the conversation (:meth:`.conversation.Conversation.aside`):
    "yes" or "repeat" is said instead of judging it; "" judges it. ``stopped``: the
    rehearsal was stopped in this turn before a word (:func:`silent_headline`)."""
    elsewhere = {} if elsewhere is None else elsewhere
    lines = turn_lines(analysis, expects, elsewhere)
    done = sum(1 for line in lines if line.status == "done")
    ending = ENDINGS.get(recording.ended_by, recording.ended_by)
    length = (
        f"{answer_length(recording, speech_regions, analysis.delivery.answer_span_s)}, {ending}"
    )
    # Not heard clearly (too quiet, over another voice, or Whisper unsure of many words):
    # Whisper may have misheard, so nothing is marked done or missing for sure (the
    # analysis leaves the checks unclear).
    unheard, why = unheard_note(analysis), unsure_why(analysis)
    if not analysis.sentences and not recording.speech_heard:
        headline = silent_headline(recording, stopped)
    elif not analysis.sentences:
        # a voice was heard: the answer was given, and Whisper wrote none of it (trial 16)
        headline = f"Voice heard, but no words were transcribed ({length})"
    elif why == "unclear_words" and any(
        line.status in DECIDED and not on_length_alone(analysis, line) for line in lines
    ):
        # a sentence heard word for word decided a line (analyzer._heard_clearly)
        headline = f"{done} of {len(lines)} done, {PART_UNSURE} - {length}"
    elif why:
        headline = f"{UNHEARD[why][0]} - {length}"
    elif aside in ASIDES:
        # "Yes, I do." to "any questions?" (the interviewer says "Go ahead." next), or
        # "Sorry, could you repeat that?" (the line is said again): a row of crosses and a
        # tip first read as a failure
        headline, lines = f"{ASIDES[aside]} - {length}", ()
    elif lines:
        # a row done in part is counted apart: "0 of 1 done" alone read as a failure over
        # its "~" (trial 16)
        partly = sum(1 for line in lines if line.status == "partial")
        count = f"{done} of {len(lines)} done" + (f", {partly} partly" if partly else "")
        headline = f"{count} - {length}"
    else:
        headline = length
    # Speech heard but not transcribed: the verdict may be wrong, so it says so first.
    lost = [n for n in analysis.notes if n.endswith(UNTRANSCRIBED_END)]
    if lost:
        headline = f"{headline} - {lost[0]}"
    from voicecoach.analysis.checks import not_coached_here

    # a fix for what the closing credits from another answer is not this turn's to make
    fixes = [c for c in not_coached_here(analysis.coaching, elsewhere) if c.kind == "fix"]
    tip = f"{fixes[0].title}: {fixes[0].suggestion or fixes[0].message}" if fixes else ""
    tip = UNHEARD[why][1] if why else "" if aside in ASIDES and not unheard else tip
    recap = analysis.recap if "recap" in expects else None
    voice = analysis.prosody
    return Verdict(
        headline=headline,
        good=bool(lines) and done == len(lines) and not unheard,
        lines=tuple(lines),
        tip=tip,
        recap_s=recap.duration_s if recap else None,
        recap_band=recap.band if recap else None,
        # the variation line only when judged (a short answer has too little to say), or
        # to say why it was not: another voice talked over the answer
        voice=tuple(summary(voice)[0 if voice.monotone != "unknown" or voice.left_out else 1 :])
        if voice and analysis.sentences
        else (),
        voice_flag=voice is not None
        and (voice.monotone == "yes" or any(u.verdict == "yes" for u in voice.uptalk)),
        warning=unheard[:1].upper() + unheard[1:] if unheard else "",
    )
