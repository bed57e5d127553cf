"""Answering over the interviewer (analysis/spoke_over.py): coached when much of the line
was still to come, not for an overlap on its last word or two."""

from __future__ import annotations

import pytest

from voicecoach.analysis import wording
from voicecoach.analysis.spoke_over import LineAnswered, spoke_over_fix, spoken_over

ASK = (
    "Well, I think that is everything from my side. Is there anything else you want to say "
    "before we finish?"
)
ASK_S = 5.2  # as the trial's voice said it


def test_the_trials_answer_one_second_into_the_line_is_coached() -> None:
    # a live trial: the answer began 1 s into this line; the close scored 100/100 and said
    # nothing of it
    line = LineAnswered(1, ASK, ASK_S, 1.0 / ASK_S)
    fix = spoke_over_fix([line])
    assert fix is not None and fix.kind == "fix"
    assert fix.title == wording.FIXES["spoke_over"].title
    assert fix.message.startswith(
        "You began answering 1.0 s into the interviewer's 5.2 s line in turn 1, over "
        '"everything from my side. Is there anything else'
    ), fix.message
    assert fix.suggestion
    # ...named without its turn when the session had only one
    alone = spoke_over_fix([line], several=False)
    assert alone is not None and "line, over" in alone.message


@pytest.mark.parametrize(
    ("line", "heard_s", "line_s"),
    [
        (ASK, 4.8, ASK_S),  # over "we finish?": the last word or two
        (ASK, 4.5, ASK_S),  # "before we finish?": three words, but 0.7 s of the line
        ("Any questions for me?", 0.8, 1.6),  # "for me?" on a short line
    ],
)
def test_an_overlap_on_the_last_words_is_not_coached(
    line: str, heard_s: float, line_s: float
) -> None:
    assert spoke_over_fix([LineAnswered(1, line, line_s, heard_s / line_s)]) is None


def test_the_first_line_spoken_over_is_quoted_and_the_others_named() -> None:
    goodbye = "Thank you, that is everything I needed from you today. Take care."
    lines = [
        LineAnswered(3, goodbye, 4.4, 0.3),
        LineAnswered(2, "Any questions for me?", 1.6, 0.6),  # its end: not coached
        LineAnswered(1, ASK, ASK_S, 0.5),
    ]
    assert [a.turn for a in spoken_over(lines)] == [1, 3]
    fix = spoke_over_fix(lines)
    assert fix is not None
    assert "2.6 s into the interviewer's 5.2 s line in turn 1" in fix.message, fix.message
    assert fix.message.endswith("; you did the same in turn 3."), fix.message


def test_the_silence_after_the_lines_last_word_is_not_still_to_come() -> None:
    # espeak ends a line with about 0.3 s of silence: 1.05 s of audio left is 0.75 s of voice
    audio_s, voice_s = 5.5, 5.2
    began = (voice_s - 0.75) / audio_s
    assert spoke_over_fix([LineAnswered(1, ASK, audio_s, began)]) is not None  # the premise
    assert spoke_over_fix([LineAnswered(1, ASK, audio_s, began, voice_s)]) is None
    # ...and the line it names is as long as its voice
    fix = spoke_over_fix([LineAnswered(1, ASK, audio_s, 1.0 / audio_s, voice_s)])
    assert fix is not None and "1.0 s into the interviewer's 5.2 s line" in fix.message
