"""Answering over the interviewer: a candidate who began while a good part of the line
was still to come.

The rehearsal stops a line when the candidate answers over it and keeps how far it got
(``answered_at``, the share of it said, with its length: the session's turn entry). A
small overlap on the last word or two is how people take turns, and is not coached; an
answer begun with :data:`LEFT_S` and :data:`LEFT_WORDS` of the line still to come is.

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
# ("for me?") counts. The share is taken when the rehearsal heard them (0.3-0.9 s after
# their first sound, trial 12) and read as the line's letters, while its audio ends in
# about 0.3 s of silence (espeak): so the real overlap was larger than measured, and a
# start on the last word or two (under 0.7 s of speech at the interviewer's 3 words a
# second) stays under both bounds.
LEFT_S = 1.0
LEFT_WORDS = 3
QUOTE_CHARS = 90  # the words spoken over, quoted up to this long


@dataclass(frozen=True)
class LineAnswered:
    """An interviewer's line the candidate began answering before it was over."""

    turn: int  # the turn it asked for (1-based)
    line: str  # the line as said
    line_s: float  # its length, as rendered (s)
    heard: float  # the share of it said when they began answering (0-1)

    @property
    def at_s(self) -> float:
        """How far into the line they began (s)."""
        return self.heard * self.line_s

    @property
    def left_s(self) -> float:
        """How much of the line was still to come (s)."""
        return self.line_s - self.at_s

    @property
    def over(self) -> str:
        """The words of the line still to come (those not begun when they began)."""
        said = wording.said_until(self.line, self.heard)
        return self.line[len(said) :].lstrip(" ,;:.!?").strip()


def spoken_over(lines: Sequence[LineAnswered]) -> tuple[LineAnswered, ...]:
    """The lines of ``lines`` begun over with :data:`LEFT_S` and :data:`LEFT_WORDS` of
    them still to come, in turn order."""
    return tuple(
        sorted(
            (
                a
                for a in lines
                if a.line_s > 0.0
                and 0.0 < a.heard < 1.0
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
        line_s=first.line_s,
        where=f" in turn {first.turn}" if several or others else "",
        over=wording.clip_quote(first.over, QUOTE_CHARS),
        also=wording.SPOKE_OVER_ALSO.format(turns=wording.turns_phrase(others)) if others else "",
    )
    return CoachingPoint(0, "fix", advice.title, message, advice.suggestion)


__all__ = ["LEFT_S", "LEFT_WORDS", "LineAnswered", "spoke_over_fix", "spoken_over"]
