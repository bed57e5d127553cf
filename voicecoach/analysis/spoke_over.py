"""Answering over the interviewer: a candidate who began while a good part of the line
was still to come.

The rehearsal stops a line when the candidate answers over it and keeps how far it had
got when their speech began (``began_at``, a share of it, beside ``answered_at``, where it
stopped; its length ``line_s``, and ``spoken_s`` to its last word: the session's turn
entry). A small overlap on the last
word or two is how people take turns, and is not coached; an answer begun with
:data:`LEFT_S` and :data:`LEFT_WORDS` of the line still to come is.

It costs no points: the score rates the moves and the delivery of what was said, and
this is about when it was said, coached like the conversation's other fixes
(:func:`voicecoach.pipeline.judge_close`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from voicecoach.analysis import wording
from voicecoach.analysis.results import CoachingPoint

# A line with at least this long and this many words still to come when the candidate
# began is one they spoke over. Both, so neither a slow last word nor three short ones
# ("for me?") counts. Where they began is the onset of their run of speech (the line
# stops 0.3-1 s later, once it is heard as speech), never before their first sound: over
# a line's first second, before its echo is known, it is judged late (a test's start at
# 1.1 s read 1.9 s), so the timing may understate an overlap but never makes one up. It
# is measured against the line's voice (its audio less the silence after its last word,
# about 0.3 s with espeak; audio.files.sound_end_s) and its letters: a start on the last
# word or two (under 0.7 s at the interviewer's 3 words a second) stays under both.
LEFT_S = 1.0
LEFT_WORDS = 3
QUOTE_CHARS = 90  # the words spoken over, quoted up to this long


@dataclass(frozen=True)
class LineAnswered:
    """An interviewer's line the candidate began answering before it was over."""

    turn: int  # the turn it asked for (1-based)
    line: str  # the line as said
    line_s: float  # its audio's length, as rendered (s)
    began: float  # the share of that audio played when they began answering (0-1)
    # where its voice ends (s): its audio less the silence after the last word; None: unknown
    spoken_s: float | None = None

    @property
    def at_s(self) -> float:
        """How far into the line they began (s)."""
        return self.began * self.line_s

    @property
    def voice_s(self) -> float:
        """The line's length to its last word (s)."""
        return self.line_s if self.spoken_s is None else min(self.line_s, self.spoken_s)

    @property
    def left_s(self) -> float:
        """How much of the line's voice was still to come (s)."""
        return self.voice_s - self.at_s

    @property
    def over(self) -> str:
        """The words of the line still to come (those not begun when they began), its
        letters said at a steady pace over its voice."""
        share = min(1.0, self.at_s / self.voice_s) if self.voice_s > 0 else 1.0
        said = wording.said_until(self.line, share)
        return self.line[len(said) :].lstrip(" ,;:.!?").strip()


def spoken_over(lines: Sequence[LineAnswered]) -> tuple[LineAnswered, ...]:
    """The lines of ``lines`` begun over with :data:`LEFT_S` and :data:`LEFT_WORDS` of
    them still to come, in turn order."""
    return tuple(
        sorted(
            (
                a
                for a in lines
                if a.voice_s > 0.0
                and 0.0 <= a.began < 1.0
                and a.left_s >= LEFT_S
                and len(a.over.split()) >= LEFT_WORDS
            ),
            key=lambda a: a.turn,
        )
    )


def spoke_over_fix(lines: Sequence[LineAnswered], *, several: bool = True) -> CoachingPoint | None:
    """The closing's fix for answering over the interviewer (``wording.FIXES["spoke_over"]``),
    quoting the first line spoken over; None when no line was. ``several``: the session
    had more than one turn, so the line's turn is named."""
    over = spoken_over(lines)
    if not over:
        return None
    first = over[0]
    others = [a.turn for a in over[1:]]
    advice = wording.FIXES["spoke_over"]
    message = advice.message.format(
        at_s=first.at_s,
        line_s=first.voice_s,
        where=f" in turn {first.turn}" if several or others else "",
        over=wording.clip_quote(first.over, QUOTE_CHARS),
        also=wording.SPOKE_OVER_ALSO.format(turns=wording.turns_phrase(others)) if others else "",
    )
    return CoachingPoint(0, "fix", advice.title, message, advice.suggestion)


__all__ = ["LEFT_S", "LEFT_WORDS", "LineAnswered", "spoke_over_fix", "spoken_over"]
