"""The closing's coaching after a rehearsal with a reacting interviewer (pipeline.judge_close)."""

from __future__ import annotations

from voicecoach.analysis import TurnInput, wording
from voicecoach.analysis.results import CoachingPoint
from voicecoach.pipeline import judge_close
from voicecoach.rehearsal.conversation import WORDS
from voicecoach.transcript import Transcript

CONCERN = "You have not worked in freight or logistics before."
ANSWERS = [
    (
        "I'm very interested in this position. What are the next steps from here, and when "
        "do you expect to decide?",
        ("interest", "ask_for_job"),
        None,
    ),
    (
        "That is fair, I have not worked in freight itself. But retail forecasting has the "
        "same lead time problems, and I learned pharmacy supply in six weeks. In my first "
        "month I would sit with dispatch to learn how the data is made.",
        ("concern_answer",),
        CONCERN,
    ),
]


def _talk(*keys: str) -> tuple[CoachingPoint, ...]:
    """The conversation's closing points, worded as rehearsal/conversation.py words them."""
    points = []
    for i, key in enumerate(keys, 1):
        kind, title, message, suggestion = WORDS[key]
        points.append(CoachingPoint(i, kind, title, message, suggestion))  # type: ignore[arg-type]
    return tuple(points)


def test_a_strength_the_analyzer_and_the_conversation_both_find_is_listed_once() -> None:
    # From a user trial (every run of `make demo`): "+ Asked for the next step" and "+ You
    # asked about next steps"; "+ Answered the concern" and "+ You drew out a concern and
    # answered it".
    inputs = [TurnInput(Transcript.from_text(t), e, (), c) for t, e, c in ANSWERS]
    talk = _talk("invited_answered", "timeline")
    overall = judge_close(inputs, [e for _, e, _ in ANSWERS], {1, 2}, None, conversation=talk)
    assert overall is not None
    titles = [p.title for p in overall.coaching if p.kind == "strength"]
    assert wording.STRENGTHS["ask_for_job"].title in titles
    assert wording.STRENGTHS["concern_answer"].title in titles
    assert "You asked about next steps" not in titles
    assert "You drew out a concern and answered it" not in titles
    assert [p.priority for p in overall.coaching] == list(range(1, len(overall.coaching) + 1))


def test_a_conversation_strength_stays_when_the_analyzer_did_not_find_it() -> None:
    text = "Thank you for your time today."
    inputs = [TurnInput(Transcript.from_text(text), ("thanks",), (), None)]
    overall = judge_close(inputs, [("thanks",)], {1}, None, conversation=_talk("timeline"))
    assert overall is not None
    assert "You asked about next steps" in [p.title for p in overall.coaching]


def test_the_repeats_name_real_strengths_on_both_sides() -> None:
    talk_titles = {title for kind, title, _, _ in WORDS.values() if kind == "strength"}
    assert set(wording.TALK_REPEATS) <= talk_titles
    assert set(wording.TALK_REPEATS.values()) <= set(wording.STRENGTHS)


def test_an_uninvited_doubt_is_coached_once_and_as_it_happened() -> None:
    # the concerns drill: "Invite their doubts" (the doubt "leaves the room with them") beside
    # "The interviewer raised a doubt you had not invited", after it had been raised
    text = "No, I think you have covered everything, thank you."
    inputs = [TurnInput(Transcript.from_text(text), ("concerns",), (), None)]
    alone = judge_close(inputs, [("concerns",)], {1}, None)
    assert alone is not None
    invite = wording.FIXES["concerns_missing"].title
    assert invite in [p.title for p in alone.coaching]  # the premise
    overall = judge_close(inputs, [("concerns",)], {1}, None, conversation=_talk("unprompted"))
    assert overall is not None
    titles = [p.title for p in overall.coaching if p.kind == "fix"]
    assert invite not in titles and WORDS["unprompted"][1] in titles
    assert [p.priority for p in overall.coaching] == list(range(1, len(overall.coaching) + 1))


def test_the_replaced_fixes_name_real_fixes_on_both_sides() -> None:
    talk_titles = {title for kind, title, _, _ in WORDS.values() if kind == "fix"}
    assert set(wording.TALK_REPLACES) <= talk_titles
    assert set(wording.TALK_REPLACES.values()) <= set(wording.FIXES)


def test_an_invited_doubt_left_standing_is_coached_once() -> None:
    # trial 18: "1. Answer the concern head on" (your answer did not name it) and "5. You
    # drew out a concern, then left it standing" (your answer did not settle it), one answer
    probe = "Is there anything about my background that gives you pause?"
    off = "I enjoy working with people, and I am a quick learner who likes a challenge."
    inputs = [
        TurnInput(Transcript.from_text(probe), ("concerns",), (), None),
        TurnInput(Transcript.from_text(off), ("concern_answer",), (), CONCERN),
    ]
    plan = [("concerns",), ("concern_answer",)]
    talk = _talk("invited_unanswered")
    overall = judge_close(inputs, plan, {1, 2}, None, conversation=talk)
    assert overall is not None
    titles = [p.title for p in overall.coaching if p.kind == "fix"]
    assert wording.FIXES["concern_unanswered"].title in titles
    assert WORDS["invited_unanswered"][1] not in titles, titles
    # with no answer to judge (stopped before it), the conversation's fix stays
    stopped = judge_close(inputs[:1], plan, {1}, None, conversation=talk)
    assert stopped is not None
    assert WORDS["invited_unanswered"][1] in [p.title for p in stopped.coaching]


def test_the_repeated_fixes_name_real_fixes_on_both_sides() -> None:
    talk_titles = {title for kind, title, _, _ in WORDS.values() if kind == "fix"}
    assert set(wording.TALK_REPEATS_FIX) <= talk_titles
    assert set(wording.TALK_REPEATS_FIX.values()) <= set(wording.FIXES)


def test_a_drill_stopped_before_the_doubt_was_answered_scores_the_answer_as_missing() -> None:
    # a user trial: the concerns drill stopped with Ctrl-C after the probe, before the
    # doubt (turn 2) was answered, scored 100/100 and "Concerns 67/67" beside "You drew out
    # a concern, then left it standing". The answer never given is missing, not unjudged.
    probe = "Is there anything about my background that gives you pause?"
    inputs = [TurnInput(Transcript.from_text(probe), ("concerns",), (), None)]
    plan = [("concerns",), ("concern_answer",)]
    stopped = judge_close(inputs, plan, {1}, None)
    assert stopped is not None
    row = stopped.check("concerns")
    assert row is not None and row.status == "partial", row  # the probe made, no answer
    assert "no answer" in row.detail, row.detail
    part = next(p for p in stopped.score_parts if p.key == "concerns")
    assert part.points == round(0.5 * part.max_points, 1), part
    assert part.note == "", part
    assert stopped.score < 100


def test_a_conversation_strength_is_not_given_for_a_move_its_check_left_unclear() -> None:
    # trial 14 (p1): tiny.en wrote "What are the next steps?" as "Well, it's all over the
    # next steps."; the interviewer gave the timeline, and the closing listed "+ You asked
    # about next steps" under "? Ask for the job / next steps unclear"
    from sessions_support import heard_unsure

    inputs = [TurnInput(Transcript.from_text(t), e, (), c) for t, e, c in ANSWERS]
    plan = [e for _, e, _ in ANSWERS]
    talk = _talk("timeline")
    overall = judge_close(inputs, plan, {1, 2}, None, conversation=talk)
    assert overall is not None and "You asked about next steps" not in [
        p.title
        for p in overall.coaching  # the analyzer's own strength says it
    ]
    unsure = heard_unsure("Well, it's all over the next steps.")
    first = TurnInput(unsure, ("interest", "ask_for_job"), (), None)
    overall = judge_close([first, *inputs[1:]], plan, {1, 2}, None, conversation=talk)
    assert overall is not None
    check = overall.check("ask_for_job")
    assert check is not None and check.status == "unclear", check
    assert "You asked about next steps" not in [p.title for p in overall.coaching]


def test_a_re_analysis_drops_a_retired_conversation_point() -> None:
    # sessions saved before trial 16 kept "+ Your questions got real answers" (the
    # interviewer's reply, credited to the candidate): judged again, it is not added back
    from voicecoach.review.reanalysis import _conversation_coaching

    saved = {
        "persona": "neutral",
        "coaching": [
            {"priority": 1, "kind": "strength", "title": "Your questions got real answers",
             "message": "You asked about the team, and the interviewer answered on that topic.",
             "suggestion": ""},
            {"priority": 2, "kind": "strength", "title": "You asked about next steps",
             "message": "You asked for the job or what happens next.", "suggestion": ""},
        ],
    }  # fmt: skip
    assert [p.title for p in _conversation_coaching(saved)] == ["You asked about next steps"]


def test_the_microphone_fix_put_last_stays_after_the_conversations_fixes() -> None:
    # trial 18 (F2): "4. Fix the microphone level" (only the goodbye was quiet), then
    # "5. You drew out a concern, then left it standing" after it
    from pathlib import Path

    from voicecoach.audio.files import load_audio
    from voicecoach.audio.vad import speech_regions
    from voicecoach.pipeline import listen

    audio = load_audio(Path(__file__).parents[1] / "samples" / "strong" / "turn-03.flac")
    regions = tuple(speech_regions(audio))
    quiet = listen(audio * 10 ** (-30 / 20), regions)
    plan = [("question",), ("recap",), ("interest", "ask_for_job"), ("thanks",)]
    inputs = [
        TurnInput(Transcript.from_text("No, I think I'm fine."), plan[0]),
        TurnInput(Transcript.from_text("I like working with data."), plan[1]),
        TurnInput(Transcript.from_text("That sounds good."), plan[2]),
        TurnInput(Transcript.from_text("Thank you for your time."), plan[3], regions, None, quiet),
    ]
    alone = judge_close(inputs, plan, {1, 2, 3, 4}, None)
    assert alone is not None
    mic = wording.FIXES["mic_quiet"].title
    fixes = [p.title for p in alone.coaching if p.kind == "fix"]
    assert len(fixes) > 1 and fixes[-1] == mic, fixes  # the premise: put last
    overall = judge_close(inputs, plan, {1, 2, 3, 4}, None, conversation=_talk("opening_missed"))
    assert overall is not None
    fixes = [p.title for p in overall.coaching if p.kind == "fix"]
    assert WORDS["opening_missed"][1] in fixes and fixes[-1] == mic, fixes
    assert [p.priority for p in overall.coaching] == list(range(1, len(overall.coaching) + 1))


def test_answering_over_the_interviewer_is_a_closing_fix_that_costs_no_points() -> None:
    # a live trial: the ask drill's answer began 1 s into the interviewer's 5.2 s line
    # ("Well, I think that is everything..."); the close scored 100/100 with no word on it
    from voicecoach.analysis.spoke_over import LineAnswered

    line = (
        "Well, I think that is everything from my side. Is there anything else you want to "
        "say before we finish?"
    )
    plan = [("interest", "ask_for_job"), ("thanks",)]
    inputs = [
        TurnInput(Transcript.from_text(ANSWERS[0][0]), plan[0]),
        TurnInput(Transcript.from_text("Thank you so much for your time today."), plan[1]),
    ]
    alone = judge_close(inputs, plan, {1, 2}, None)
    over = judge_close(inputs, plan, {1, 2}, None, answered_over=[LineAnswered(1, line, 5.2, 0.2)])
    assert alone is not None and over is not None
    title = wording.FIXES["spoke_over"].title
    assert title not in [p.title for p in alone.coaching]
    (fix,) = [p for p in over.coaching if p.title == title]
    assert fix.kind == "fix" and "1.0 s into the interviewer's 5.2 s line in turn 1" in fix.message
    assert '"everything from my side. Is there anything else' in fix.message, fix.message
    # the fixes come before the strengths, and the score rates what was said, not when
    kinds = [p.kind for p in over.coaching]
    assert kinds == sorted(kinds), kinds  # "fix" < "strength"
    assert [p.priority for p in over.coaching] == list(range(1, len(over.coaching) + 1))
    assert over.score == alone.score and over.checks == alone.checks
    # on the line's last words: nothing
    end = judge_close(inputs, plan, {1, 2}, None, answered_over=[LineAnswered(1, line, 5.2, 0.93)])
    assert end is not None and end.coaching == alone.coaching


def test_a_pay_question_asked_last_is_coached_once() -> None:
    """Live trial 50, L4: "Is there a yearly bonus?" asked last took two of the five
    fixes, "Choose the last question carefully" and "Pay came up at the close". The
    analyzer's, which quotes the question, stays; the conversation's goes."""
    plan = [("question",)]
    pay_last = "What does a good first month look like? Is there a yearly bonus?"
    inputs = [TurnInput(Transcript.from_text(pay_last), ("question",), (), None)]
    overall = judge_close(inputs, plan, {1}, None, conversation=_talk("deferred_pay"))
    assert overall is not None
    titles = [p.title for p in overall.coaching if p.kind == "fix"]
    assert wording.FIXES["questions_avoid"].title in titles, titles
    assert WORDS["deferred_pay"][1] not in titles, titles
    # asked before another question, pay is not the last question: the deferral is coached
    pay_first = "Is there a yearly bonus? What does a good first month look like?"
    inputs = [TurnInput(Transcript.from_text(pay_first), ("question",), (), None)]
    overall = judge_close(inputs, plan, {1}, None, conversation=_talk("deferred_pay"))
    assert overall is not None
    titles = [p.title for p in overall.coaching if p.kind == "fix"]
    assert WORDS["deferred_pay"][1] in titles, titles
    assert wording.FIXES["questions_avoid"].title not in titles, titles


def test_no_question_is_coached_only_when_the_closing_found_none() -> None:
    """Live trial 50, L5: "No question, even when nudged" beside "? Final questions
    unclear: it may be in ...". The conversation's fix says what the question check says
    only when that check finds no question."""
    from dataclasses import replace

    plan = [("question",)]
    none = [TurnInput(Transcript.from_text("No, I think you covered it all."), ("question",))]
    nudged = _talk("nudged_in_vain")
    title = WORDS["nudged_in_vain"][1]
    overall = judge_close(none, plan, {1}, None, conversation=nudged)
    assert overall is not None and title in [p.title for p in overall.coaching]
    asked = [TurnInput(Transcript.from_text("How big is the team?"), ("question",))]
    overall = judge_close(asked, plan, {1}, None, conversation=nudged)
    assert overall is not None and title not in [p.title for p in overall.coaching]
    # heard unclearly: the words may hold the question ("When would I get erased?")
    unclear = judge_close(none, plan, {1}, None)
    assert unclear is not None
    check = unclear.check("final_questions")
    assert check is not None and check.status == "missing"
    from voicecoach.pipeline import _heard_maybe

    point = nudged[0]
    maybe = replace(unclear, checks=tuple(
        replace(c, status="unclear") if c.key == "final_questions" else c for c in unclear.checks
    ))  # fmt: skip
    assert _heard_maybe(point, maybe) and not _heard_maybe(point, unclear)
