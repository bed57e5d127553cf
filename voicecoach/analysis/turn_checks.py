"""What a turn's panel lists: one line per move the turn asked for (its ``expects``).

The rehearsal's live verdict, the replay and the report all list a turn's checks through
:func:`turn_lines`, so the three show the same checks with the same words: not a check the
turn did not ask for, and not one judged sure on an answer not heard clearly enough to
trust (too quietly, or Whisper unsure of many of its words).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from voicecoach.analysis.common import CHECK_FOR_EXPECT
from voicecoach.analysis.wording import CHECK_LABELS, NOTES

if TYPE_CHECKING:
    from voicecoach.analysis.checks import Credit
    from voicecoach.analysis.results import Analysis

QUIET_START = NOTES["quiet"].split("{")[0]  # "the microphone was very quiet"
SECOND_VOICE_START = NOTES["second_voice"].split("{")[0]  # "another voice seemed to ..."
UNSURE_START = NOTES["unsure_words"].split("{")[0]  # "the recogniser was unsure of "
# Said in place of a check's verdict on an answer heard too quietly to trust its words
QUIET_DETAIL = "not sure, heard too quietly"


@dataclass(frozen=True)
class TurnLine:
    expect: str  # one of EXPECTS
    label: str
    status: str  # the check's status (done, partial, missing, unclear) or "unknown"
    detail: str


def stopped_at(analysis: Analysis, expects: Sequence[str]) -> Analysis:
    """A turn left with nothing said when the candidate stopped the rehearsal, as its panel
    shows it: each move it asked for not reached (as the closing says,
    pipeline.judge_close), with no fix; not "unclear" for a turn before it not heard
    clearly, nor "no summary of your fit" (trial 48)."""
    from voicecoach.analysis.common import is_expected
    from voicecoach.analysis.wording import DETAIL

    never = DETAIL["not_reached"]
    checks = tuple(
        replace(c, status="missing", detail=never, evidence=())
        if is_expected(c.key, expects) and c.status in ("missing", "unclear")
        else c
        for c in analysis.checks
    )
    coaching = tuple(p for p in analysis.coaching if p.kind != "fix")
    # ...nor "nothing to analyse": there was no answer to analyse (wording.STOPPED_BEFORE_ANSWER)
    notes = tuple(n for n in analysis.notes if n != NOTES["empty"])
    return replace(analysis, checks=checks, coaching=coaching, notes=notes)


def on_length_alone(analysis: Analysis, line: TurnLine) -> bool:
    """Is ``line`` the recap judged too short on its answer's length alone, its words not
    heard clearly (recap.too_short_whatever_said)? Its detail says so already."""
    recap = analysis.recap
    return line.expect == "recap" and recap is not None and not recap.strengths_judged


def quiet_note(analysis: Analysis) -> str:
    """The analysis' note that the answer was heard too quietly, or "" (also when no
    words were transcribed: there is nothing to hedge then)."""
    if not analysis.sentences:
        return ""
    return next((n for n in analysis.notes if n.startswith(QUIET_START)), "")


def unheard_note(analysis: Analysis) -> str:
    """The analysis' note that the answer was not heard clearly (too quietly, over another
    voice, or Whisper was unsure of many of its words), or "": the note of the one notion
    that leaves all the turn's checks and its concern answer unclear
    (``analyzer._Turn.unheard``)."""
    if not analysis.sentences:
        return ""
    # the cause first: another voice or a faint microphone also leave Whisper unsure of
    # many words (a trial's talked-over answer was told to slow down)
    for start in (SECOND_VOICE_START, QUIET_START, UNSURE_START):
        note = next((n for n in analysis.notes if n.startswith(start)), "")
        if note:
            return note
    return ""


def unsure_why(analysis: Analysis) -> Literal["quiet", "second_voice", "unclear_words"] | None:
    """Why the answer's words cannot be trusted, from :func:`unheard_note`: heard too
    quietly ("quiet"), over another voice ("second_voice"), Whisper unsure of many of its
    words ("unclear_words"), or None when they can."""
    note = unheard_note(analysis)
    if not note:
        return None
    if note.startswith(SECOND_VOICE_START):
        return "second_voice"
    return "quiet" if note.startswith(QUIET_START) else "unclear_words"


def turn_lines(
    analysis: Analysis, expects: Sequence[str], elsewhere: Mapping[str, Credit] | None = None
) -> tuple[TurnLine, ...]:
    """One line per move in ``expects``, in its order, with its check's status and detail.
    ``elsewhere``: what the closing credits from other answers, by check
    (:func:`~voicecoach.analysis.analyzer.said_elsewhere`); a line not done here says so.
    On an answer heard too quietly a line an older analysis decided anyway is hedged."""
    from voicecoach.analysis.asides import only_asks_to_repeat
    from voicecoach.analysis.checks import noted_elsewhere

    if only_asks_to_repeat([s.text for s in analysis.sentences]):
        return ()  # "Sorry, could you repeat that?": it asked for the line, and did nothing else
    elsewhere = {} if elsewhere is None else elsewhere
    lines = []
    for expect in expects:
        check = analysis.check(CHECK_FOR_EXPECT.get(expect, expect))
        if check is None:
            lines.append(TurnLine(expect, CHECK_LABELS.get(expect, expect), "unknown", ""))
            continue
        # The concerns check also judges a concern's answer; name what this turn asked.
        label = CHECK_LABELS["concern_answer"] if expect == "concern_answer" else check.label
        check = noted_elsewhere(check, elsewhere)  # the closing ticks it: say from where
        lines.append(TurnLine(expect, label, check.status, check.detail))
    if quiet_note(analysis):
        # Whisper may have misheard. Today's analysis leaves each check resting on a quiet
        # turn unclear, with its quote (analyzer._unheard_moves); a session saved before it
        # did may hold a line decided all the same, hedged here when replayed
        lines = [
            line
            if line.status == "unclear" or on_length_alone(analysis, line)
            else replace(line, status="unknown", detail=_hedged(line.detail))
            for line in lines
        ]
    return tuple(lines)


def _hedged(detail: str) -> str:
    return f"{QUIET_DETAIL}; {detail}" if detail else QUIET_DETAIL


# A silence this long before the first word is named beside the answer's length (which
# starts at the first word): a second or two to gather one's thoughts is normal.
LEAD_IN_SHOWN_S = 2.0
# Waiting this long left out of an answer joined from parts (Recording.left_out_s) is named
# beside its length, which the live clock had counted in (live trial 51, L3: "6.9 s answer"
# for a question, a 3 s wait and a second question, after the clock read 9.5 s)
LEFT_OUT_SHOWN_S = 1.0


def answer_length(
    regions: Sequence[tuple[float, float]],
    span_s: float | None,
    left_out_s: float = 0.0,
    recorded_s: float = 0.0,
) -> str:
    """A turn's answer length, the same words in every view of it (the live panel, the
    replay, ``sessions show``, the report): "18.3 s answer", from the first word heard to
    the last (``span_s``, the pace's span as the analysis gives it; see
    delivery.answer_length_s); "18.3 s answer, begun after 26.5 s" when the candidate
    waited long before the first word; "6.9 s answer, 2.5 s of waiting left out" for an
    answer joined from parts (``left_out_s``: Recording.left_out_s, kept in the manifest).
    With no speech regions: the recording's length, ``recorded_s``."""
    from voicecoach.analysis.delivery import answer_length_s
    from voicecoach.analysis.wording import ANSWER_LENGTH

    if not regions:
        return ANSWER_LENGTH["length"].format(spoken_s=recorded_s)
    lead_s, spoken_s = regions[0][0], answer_length_s(span_s, regions) or 0.0
    length = ANSWER_LENGTH["length"].format(spoken_s=spoken_s)
    if lead_s >= LEAD_IN_SHOWN_S:
        length += ANSWER_LENGTH["begun"].format(lead_s=lead_s)
    if left_out_s >= LEFT_OUT_SHOWN_S:
        length += ANSWER_LENGTH["left_out"].format(left_out_s=left_out_s)
    return length
