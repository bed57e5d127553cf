"""The reacting interviewer: question topics, the [reactions] schema, replies, personas.

Pure functions over the real ``prompts/final-close.toml``; sentences are small stand-ins
for analysed ones (text, moves, question form), the part of an analysis a reply reads.
"""

from __future__ import annotations

import copy
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from voicecoach.analysis.topics import classify
from voicecoach.errors import ConfigError
from voicecoach.rehearsal.asked import question_topics
from voicecoach.rehearsal.closing import closing_reply
from voicecoach.rehearsal.reactions import (
    ConversationState,
    NextTurn,
    Unsure,
    choose_reply,
    plan_turn,
    start,
)
from voicecoach.scenario import load_scenario
from voicecoach.scenario_reactions import (
    DEFAULT_CHECK_BACK,
    Lines,
    describe_reasons,
    reactions_from_dict,
)
from voicecoach.settings import tomllib

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "prompts" / "final-close.toml"
DATA = tomllib.loads(SCENARIO.read_text(encoding="utf-8"))
TURN_IDS = [t["id"] for t in DATA["turns"]]
REACTIONS = reactions_from_dict(DATA, SCENARIO, TURN_IDS)
SPECS = list(load_scenario(SCENARIO).turns)
LABELLED = [
    (r["text"], r["topic"], r["set"])
    for r in map(json.loads, (ROOT / "tests/data/topics/dev.jsonl").read_text().splitlines())
]
VALUES = {
    "company": "Northwind Freight",
    "role": "the senior data analyst role",
    "interviewer": "Dana",
}
PRAISE = ("good question", "great question", "like that question", "glad you asked", "love that")


@dataclass(frozen=True)
class S:
    """An analysed sentence, as much of it as a reply reads."""

    text: str
    moves: tuple[str, ...] = ()
    question_form: str | None = None
    unclear: tuple[str, ...] = ()  # moves the analysis could not call either way
    unheard: bool = False  # Whisper did not hear it clearly
    unsure_words: int = 0  # ...its words under probability 0.5


def q(text: str, form: str = "open", *extra: str) -> S:
    return S(text, ("question", *extra), form)


def plan(
    persona: str | None = None, seed: int = 7
) -> tuple[ConversationState, list[NextTurn], random.Random]:
    assert REACTIONS is not None
    state = start(REACTIONS, persona, VALUES)
    rng = random.Random(seed)
    turns = [
        plan_turn(s, REACTIONS, state, rng, last=i == len(SPECS) - 1) for i, s in enumerate(SPECS)
    ]
    return state, turns, rng


# -- topic classification: the development set the rules were written against ------------
DEV = [(t, g) for t, g, s in LABELLED if s == "dev"]


@pytest.mark.parametrize(("text", "topic"), DEV)
def test_topic_classification(text: str, topic: str | None) -> None:
    assert classify(text).topic == topic


def test_dev_set_is_big_enough() -> None:
    assert len(DEV) >= 60


def test_scenario_keywords_add_a_topic() -> None:
    assert (
        classify("Is there a relocation allowance?", {"relocation": ["relocation allowance"]}).topic
        == "relocation"
    )
    assert (
        classify("Can I work from home on Fridays?", {"remote": ["work from home"]}).topic
        == "remote"
    )


# -- schema validation ------------------------------------------------------------------
def test_the_proposed_scenario_parses() -> None:
    assert REACTIONS is not None
    assert {p.name for p in REACTIONS.personas} == {"friendly", "neutral", "tough"}
    assert REACTIONS.persona == "neutral"
    assert REACTIONS.topic("pay").defer and REACTIONS.topic("next_steps").goodbye


def test_no_reactions_means_a_fixed_script() -> None:
    data = {k: v for k, v in DATA.items() if k not in ("reactions", "personas")}
    assert reactions_from_dict(data, SCENARIO, TURN_IDS) is None


def broken(edit) -> str:
    data = copy.deepcopy(DATA)
    edit(data)
    with pytest.raises(ConfigError) as info:
        reactions_from_dict(data, "mine.toml", TURN_IDS)
    return str(info.value)


@pytest.mark.parametrize(
    ("edit", "key"),
    [
        (lambda d: d["reactions"].update(colour="red"), "reactions.colour"),
        (
            lambda d: d["reactions"]["topics"]["team"].update(replies=[]),
            "reactions.topics.team.replies",
        ),
        (
            lambda d: d["reactions"]["topics"]["team"].update(replies="hi"),
            "reactions.topics.team.replies",
        ),
        (
            lambda d: d["reactions"]["topics"]["team"].update(replies=["At {place}."]),
            "reactions.topics.team.replies[0]",
        ),
        (
            lambda d: d["reactions"]["topics"].update(visa={"replies": ["Yes."]}),
            "reactions.topics.visa",
        ),
        (
            lambda d: d["reactions"]["topics"]["pay"].update(goodbye=["Bye."]),
            "reactions.topics.pay.goodbye",
        ),
        (
            lambda d: d["reactions"]["acknowledge"].update(grumpy=["Hm."]),
            "reactions.acknowledge.grumpy",
        ),
        (lambda d: d["reactions"]["acknowledge"].pop("default"), "reactions.acknowledge.default"),
        (lambda d: d["reactions"].pop("unknown"), "reactions.unknown"),
        (lambda d: d["reactions"].update(persona="grumpy"), "reactions.persona"),
        (lambda d: d["reactions"].update(answer_at_most=0), "reactions.answer_at_most"),
        (
            lambda d: d["reactions"]["concern"].update(unprompted=["No placeholder."]),
            "reactions.concern.unprompted.default",
        ),
        (
            lambda d: d["personas"]["tough"].update(unprompted_concern_chance=1.5),
            "personas.tough.unprompted_concern_chance",
        ),
        (
            lambda d: d["personas"]["tough"].update(speech_rate_wpm="fast"),
            "personas.tough.speech_rate_wpm",
        ),
        (lambda d: d["personas"]["tough"].update(end_silence_s=0), "personas.tough.end_silence_s"),
        (lambda d: d["personas"]["tough"].update(mood="bad"), "personas.tough.mood"),
        (
            lambda d: d["personas"]["tough"]["turns"].update(farewell=["Bye."]),
            "personas.tough.turns.farewell",
        ),
        (lambda d: d.pop("reactions"), "personas"),
    ],
)
def test_errors_name_file_and_key(edit, key: str) -> None:
    message = broken(edit)
    assert message.startswith("mine.toml: key '" + key + "'"), message


def test_unknown_persona_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"unknown persona 'grumpy'.*friendly, neutral, tough"):
        start(REACTIONS, "grumpy")


def test_personas_are_optional() -> None:
    data = copy.deepcopy(DATA)
    data.pop("personas")
    for table in (
        "acknowledge",
        "unknown",
        "check_back",
        "check_back_off_topic",
        "check_back_conceded",
        "go_ahead",
        "questions_again",
        "later",
        "main_doubt",
    ):
        data["reactions"][table] = data["reactions"][table]["default"]
    data["reactions"]["no_questions"] = {"acknowledge": ["Okay."]}
    for lines in data["reactions"]["not_heard"].values():
        del lines["friendly"], lines["tough"]
    closing = data["reactions"]["closing"]
    closing["parting"] = closing["parting"]["default"]
    data["reactions"].pop("persona")
    reactions = reactions_from_dict(data, "mine.toml")
    assert reactions is not None and reactions.get_persona().name == "neutral"


# -- replies ----------------------------------------------------------------------------
WEAK_QUESTIONS = [
    S("Um, no, I think you covered most of it."),
    q("Is there a lot of overtime?", "yes_no"),
]


def first_reply(sentences, persona=None, seed=7, may_insert=True):
    state, turns, rng = plan(persona, seed)
    return choose_reply(
        REACTIONS, state, sentences, turns[0].expects, turns[1], rng, may_insert=may_insert
    )


@pytest.mark.parametrize("persona", ["friendly", "neutral", "tough"])
@pytest.mark.parametrize("seed", range(12))
def test_weak_sample_gets_a_deferral_never_praise(persona: str, seed: int) -> None:
    reply = first_reply(WEAK_QUESTIONS, persona, seed)
    assert reply.reasons[0] == "deferred_pay_question"
    assert not any(p in reply.text.lower() for p in PRAISE)
    assert "talk about a lot internally" not in reply.text
    assert reply.notes and "offer" in reply.notes[0]
    assert reply.inserted and "nudge_no_questions" in reply.reasons  # no real question: one nudge
    assert "team" in reply.lines[-1].lower()


def test_weak_sample_without_extra_turns_goes_on_with_the_script() -> None:
    state, turns, rng = plan("neutral", 3)
    reply = choose_reply(
        REACTIONS, state, WEAK_QUESTIONS, ("question",), turns[1], rng, may_insert=False
    )
    assert reply.reasons == ("deferred_pay_question",)
    assert (
        not reply.inserted and reply.lines[-1] == turns[1].line and reply.turn_id == "anything-else"
    )
    assert reply.expects == ("recap", "concerns")


def test_topic_question_is_answered_on_its_topic() -> None:
    reply = first_reply(
        [S("Yes, two."), q("Can you tell me about the team I'd be working with?")], "neutral"
    )
    assert reply.reasons == ("answered_topic:team",)
    team = REACTIONS.topic("team").replies.default
    assert any(line in team for line in reply.lines)
    assert reply.lines[-1] == plan("neutral")[1][1].line


def test_two_questions_two_answers_and_the_rest_let_go() -> None:
    reply = first_reply([
        q("What's your biggest competitor doing right?"),
        q("What does success look like after six months?"),
        q("How is the team structured?"),
    ])  # fmt: skip
    assert reply.reasons == ("answered_topic:market", "answered_topic:success", "left_unanswered")


def test_questions_run_together_are_each_answered_on_their_topic() -> None:
    # a trial: the recogniser ran "What are the next steps in the process? And how big is
    # the team?" together, and the interviewer gave the neutral reply to a question on no
    # known topic, with neither the team nor the timeline
    merged = q("what are the next steps in the process and how big is the team", "open",
               "ask_for_job")  # fmt: skip
    reply = first_reply([merged])
    assert reply.reasons == ("held_for_goodbye:next_steps", "answered_topic:team"), reply
    team = REACTIONS.topic("team").replies.default
    assert any(line in team for line in reply.lines)
    assert reply.state.held == ("next_steps",)  # the timeline comes in the goodbye


def test_a_question_run_on_that_points_back_gets_no_reply_of_its_own() -> None:
    # trial 22: "...and how will this role help with it?" asks about the challenge just
    # named; a "tough" interviewer answered it as a question on growth and training
    merged = q("What is the biggest challenge facing the team this year, and how will this "
               "role help with it?")  # fmt: skip
    reply = first_reply([merged])
    assert reply.reasons == ("answered_topic:challenges",), reply.reasons
    # ...and when the recogniser cut it at the comma (trial 23, live)
    cut = first_reply([q("What is the biggest challenge facing the team this year,"),
                       q("and how will this role help with it?")])  # fmt: skip
    assert cut.reasons == ("answered_topic:challenges",), cut.reasons
    # ...while one that names its own topic is still answered
    two = first_reply([q("What is the biggest challenge this year, and how big is the team?")])
    assert reply.reasons[0] == two.reasons[0] and "answered_topic:team" in two.reasons, two


def test_a_misheard_plan_is_no_question_to_reply_to() -> None:
    # trial 22: "...and ask my team leads to coach me" heard as "and ask, well, have your
    # team leads to coach me." was taken for a question on growth and answered
    from voicecoach.analysis import analyze_text

    said = analyze_text(
        "But in my first three months, I would take on mentoring the two junior analysts and "
        "ask, well, have your team leads to coach me."
    ).sentences
    assert [s for s in said if "question" in s.moves] == []
    # ...while "have" before a participle, or British "have you a ...", still asks
    for asked in (
        "have you got a training budget",
        "has the team grown this year",
        "have you a timeline for the decision",
        "have your engineers used kafka",
    ):
        assert "question" in analyze_text(asked).sentences[0].moves, asked
    reply = first_reply(list(said))
    assert not [r for r in reply.reasons if r.startswith("answered")], reply.reasons


def test_unknown_topic_gets_the_neutral_reply() -> None:
    reply = first_reply([q("Is parking available at the office?", "yes_no")])
    assert reply.reasons == ("answered_neutral",)
    assert reply.lines[0] in REACTIONS.unknown.default
    assert not any(p in reply.text.lower() for p in PRAISE)


def test_friendly_praises_only_open_questions_on_known_topics() -> None:
    praised = first_reply([q("What does onboarding look like?")], "friendly")
    assert praised.lines[0] in REACTIONS.acknowledge.for_persona("friendly")
    plain = first_reply([q("Is there formal training?", "yes_no")], "friendly")
    assert plain.lines[0] in REACTIONS.topic("training").replies.default
    for persona in ("neutral", "tough"):
        reply = first_reply([q("What does onboarding look like?")], persona)
        assert not any(p in reply.text.lower() for p in PRAISE)


def test_no_questions_acknowledged_without_praise_then_one_nudge() -> None:
    state, turns, rng = plan("friendly", 5)
    none = [S("No, I think you covered everything.")]
    first = choose_reply(REACTIONS, state, none, ("question",), turns[1], rng)
    assert first.reasons == ("acknowledged_no_questions", "nudge_no_questions")
    assert first.inserted and first.expects == ("question",)
    assert not any(p in first.text.lower() for p in PRAISE)
    second = choose_reply(REACTIONS, first.state, none, first.expects, turns[1], rng)
    assert second.reasons == ("acknowledged_no_questions",)  # nudged once only
    # not the turn's "anything else you want to add or ask?" right after the nudge
    assert not second.inserted and second.lines[-1] in turns[1].no_questions_lines


@pytest.mark.parametrize("persona", ["friendly", "neutral", "tough"])
@pytest.mark.parametrize(
    "said",
    [
        ["Yes."], ["Yes, I do."], ["Um, yes.", "Actually, there's one thing."], ["Yeah."],
        # a review: the commonest ways of saying it still got the "no questions" nudge
        ["Yes I do"], ["Yes, I have a question."], ["Yes, a couple."], ["Yup."],
        ["Yes, quick question."], ["Yes, I've got one."], ["Yes, I do have a question."],
    ],
)  # fmt: skip
def test_a_bare_yes_to_a_prompt_for_more_is_told_to_go_ahead(persona: str, said: list[str]) -> None:
    # A trial: "Yes." to "Is there anything else you'd like to add?" went straight on to
    # the goodbye, and "Yes, I do." to "any questions?" was answered "Okay." and a nudge.
    state, turns, rng = plan(persona, 3)
    yes = [S(t) for t in said]
    for expected, following in ((("question",), turns[1]), (turns[1].expects, turns[2])):
        reply = choose_reply(REACTIONS, state, yes, expected, following, rng)
        assert reply.reasons == ("go_ahead_after_yes",) and reply.inserted
        assert reply.expects == tuple(expected)  # the same moves, still to come
        assert reply.lines == (reply.text,)
        assert reply.text in REACTIONS.go_ahead.for_persona(persona)
        assert not any(p in reply.text.lower() for p in PRAISE)
        # a second bare yes goes on: the interviewer does not say "go ahead" twice in a row
        again = choose_reply(REACTIONS, reply.state, yes, reply.expects, following, rng)
        assert "go_ahead_after_yes" not in again.reasons and not again.state.went_ahead


@pytest.mark.parametrize(
    "said",
    [
        ["No."],
        ["No, I think you covered everything."],
        ["Okay."],
        ["Thank you."],
        ["Yes, I'd love to join the team."],
        ["Yes.", "What does success look like here?"],
        # the answer itself, to "How are you feeling about the role?" (a review)
        ["Good, actually."],
        ["Definitely."],
        ["Great, definitely."],
        ["Yes, I think so."],
    ],
)
def test_only_a_bare_yes_is_told_to_go_ahead(said: list[str]) -> None:
    state, turns, rng = plan("neutral", 3)
    sentences = [q(t) if t.endswith("?") else S(t) for t in said]
    reply = choose_reply(REACTIONS, state, sentences, turns[1].expects, turns[2], rng)
    assert "go_ahead_after_yes" not in reply.reasons


def test_no_go_ahead_without_extra_turns_after_the_last_turn_or_to_a_doubt() -> None:
    state, turns, rng = plan("neutral", 3)
    yes = [S("Yes.")]
    recorded = choose_reply(REACTIONS, state, yes, ("question",), turns[1], rng, may_insert=False)
    assert "go_ahead_after_yes" not in recorded.reasons  # recorded answers: one per turn
    doubt = choose_reply(REACTIONS, state, yes, ("concern_answer",), turns[3], rng)
    assert "go_ahead_after_yes" not in doubt.reasons  # its turn carries the doubt
    thanks = choose_reply(REACTIONS, state, yes, ("thanks",), turns[-1], rng)
    assert "go_ahead_after_yes" not in thanks.reasons
    last = choose_reply(REACTIONS, state, yes, ("question",), None, rng)
    assert "go_ahead_after_yes" not in last.reasons
    assert "go ahead" in describe_reasons(["go_ahead_after_yes"])


def test_the_nudge_answered_with_a_question() -> None:
    state, turns, rng = plan("neutral", 5)
    first = choose_reply(REACTIONS, state, [S("Not really.")], ("question",), turns[1], rng)
    second = choose_reply(
        REACTIONS, first.state, [q("Oh, how big is the team?")], first.expects, turns[1], rng
    )
    assert second.reasons == ("answered_topic:team",) and not second.inserted


# The last sentence of a line that invites "anything to ask or add?" (every such line of
# final-close.toml; the concern turn's "If anything, ..." ends on another question).
INVITES = re.compile(
    r"\b(anything|nothing)\b.*\?|questions\?|questions do you have|want to ask|would you "
    r"like to (know|ask)|on your mind|on your side|about the team\?",
    re.IGNORECASE,
)
# A reply that says something of its own before the next line ("anything else?" is then a
# new offer, not a repeat)
REPLIED = ("answered_", "deferred_", "held_", "timeline_", "concern_")


def invites(line: str) -> bool:
    return bool(INVITES.search(re.split(r"(?<=[.?!])\s+", line.strip())[-1]))


def test_every_invitation_line_is_recognised() -> None:
    spec = {s.id: s for s in SPECS}
    lines = [
        *spec["final-questions"].phrasings, *spec["anything-else"].phrasings,
        *spec["ask"].phrasings, *REACTIONS.nudge.default, *REACTIONS.opening.default,
        *(t for _, texts in REACTIONS.nudge.by_persona for t in texts),
        *REACTIONS.questions_again.default,
        *(t for _, texts in REACTIONS.questions_again.by_persona for t in texts),
    ]  # fmt: skip
    assert [line for line in lines if not invites(line)] == []
    voiced = [
        plan(persona, seed)[1][2].line for persona in ("neutral", "tough") for seed in range(12)
    ]
    recap = spec["anything-else"]
    others = [*voiced, *recap.after_no_questions, *recap.after_concern]
    assert [line for line in others if invites(line)] == []


ANSWERS = {
    "none": [S("No, I think you covered everything.")],
    "ok": [S("Okay.")],
    "team": [q("How big is the team?")],
    "pay": [q("How much overtime is typical?")],
    "next": [q("What are the next steps?", "open", "ask_for_job")],
    "recap": [S("I have led forecasting for three years.", ("recap",))],
    "probe": [S("Is there anything that gives you pause?", ("concerns", "question"))],
    "interest": [S("I really want this job.", ("interest",))],
}


def test_no_two_lines_in_a_row_invite_anything_to_ask_or_add() -> None:
    # A nudge ("What about the team? Anything you'd like to know there?") went unused and the
    # next line was "Okay. Is there anything else you want to add or ask?": 246 such pairs
    # in these 360 conversations. The nudge itself, after the questions turn went
    # unanswered, is the one second invitation meant (once per session).
    repeats = []
    for persona in ("neutral", "friendly", "tough"):
        for seed in range(120):
            state, turns, rng = plan(persona, seed)
            pick = random.Random(seed * 7 + len(persona))
            before, expected, n = turns[0].line, turns[0].expects, 0
            while n + 1 < len(turns):
                answer = ANSWERS[pick.choice(list(ANSWERS))]
                reply = choose_reply(REACTIONS, state, answer, expected, turns[n + 1], rng)
                again = invites(before) and invites(reply.lines[-1])
                replied = any(r.startswith(REPLIED) for r in reply.reasons)
                if again and not replied and "nudge_no_questions" not in reply.reasons:
                    repeats.append((persona, seed, before, reply.text))
                before, state, expected = reply.lines[-1], reply.state, reply.expects
                n += 0 if reply.inserted else 1
    assert repeats == []


def test_after_an_answered_nudge_anything_else_is_still_offered() -> None:
    state, turns, rng = plan("neutral", 5)
    first = choose_reply(REACTIONS, state, [S("Not really.")], ("question",), turns[1], rng)
    second = choose_reply(
        REACTIONS, first.state, [q("Oh, how big is the team?")], first.expects, turns[1], rng
    )
    assert second.lines[-1] == turns[1].line  # an answer said: "anything else?" is new


def test_short_tag_questions_are_not_answered() -> None:
    assert question_topics([q("Right?", "yes_no"), q("You know?", "yes_no")], REACTIONS) == []


def run_to_concern(persona: str, seed: int, invite: bool):
    state, turns, rng = plan(persona, seed)
    r1 = choose_reply(
        REACTIONS, state, [q("What are the main challenges?")], ("question",), turns[1], rng
    )
    answer = [S("I have built forecasts for five years.", ("recap",))]
    if invite:
        answer.append(
            q("Is there anything that gives you pause about my fit?", "yes_no", "concerns")
        )
    return choose_reply(REACTIONS, r1.state, answer, turns[1].expects, turns[2], rng), turns


@pytest.mark.parametrize("persona", ["friendly", "neutral", "tough"])
@pytest.mark.parametrize("seed", range(10))
def test_invited_concern_is_always_voiced(persona: str, seed: int) -> None:
    reply, turns = run_to_concern(persona, seed, invite=True)
    assert reply.reasons == ("concern_invited",)
    assert reply.concern == turns[2].concern and reply.concern in reply.text
    assert reply.expects == ("concern_answer",) and reply.state.concern_voiced


@pytest.mark.parametrize("persona", ["friendly", "neutral"])
def test_friendly_and_neutral_never_raise_a_concern_unasked(persona: str) -> None:
    for seed in range(60):
        reply, _ = run_to_concern(persona, seed, invite=False)
        assert reply.reasons == ("no_concern_not_invited",)
        assert reply.concern is None and reply.expects == ("interest",)
        assert "hesitation" not in reply.text and "Since you ask" not in reply.text


def test_tough_sometimes_raises_one_unprompted_with_the_right_words() -> None:
    seen = set()
    for seed in range(60):
        reply, turns = run_to_concern("tough", seed, invite=False)
        seen.add(reply.reasons[0])
        if reply.reasons == ("concern_unprompted",):
            assert turns[2].concern in reply.text and "Since you ask" not in reply.text
            assert reply.expects == ("concern_answer",)
    assert seen == {"concern_unprompted", "no_concern_not_invited"}


# Trial 15, S23 (tough): the recap turn's answer was heard with many words unclear, and the
# concern turn said "That was hard to make out. Alright. That helps me a lot. How does the
# job sound to you now?"
MUMBLED_RECAP = [
    S("Um, so, uh, I think I'm a strong fit because, um, I have five years of SQL and "
      "forecasting experience.", ("recap",)),
    S("Uh, I'm built, Ashboards Matt, um, the leadership team use in every week.",
      unclear=("recap",)),
]  # fmt: skip


def test_the_plain_lines_after_an_answer_not_made_hold_no_approval() -> None:
    """concern.not_invited_plain follows an answer not heard clearly or that made none of
    the moves asked for: no line of it, for any persona, may approve what was said."""
    approving = ("helpful", "helps", "good picture", "great", "thorough", "glad", "perfect")
    plain = REACTIONS.concern_not_invited_plain
    assert plain is not None
    for persona in ("neutral", *dict(plain.by_persona)):
        for line in plain.for_persona(persona):
            assert not any(word in line.lower() for word in approving), (persona, line)


@pytest.mark.parametrize("persona", ["friendly", "neutral", "tough"])
@pytest.mark.parametrize("unsure", ["unclear_words", "quiet", "second_voice"])
def test_no_approval_follows_a_line_that_says_the_answer_was_not_heard(
    persona: str, unsure: Unsure
) -> None:
    assert REACTIONS.concern_not_invited is not None
    approving = [*REACTIONS.concern_not_invited.for_persona(persona)]
    said = 0
    for seed in range(12):
        state, turns, rng = plan(persona, seed)
        r1 = choose_reply(REACTIONS, state, [q("What are the main challenges?")],
                          ("question",), turns[1], rng)  # fmt: skip
        reply = choose_reply(REACTIONS, r1.state, MUMBLED_RECAP, turns[1].expects, turns[2],
                             rng, unsure=unsure)  # fmt: skip
        if "no_concern_not_invited" not in reply.reasons:
            continue  # the tough interviewer raised its doubt unasked
        said += 1
        assert reply.reasons[0] == f"not_heard_{unsure}", reply.reasons
        assert not any(line in reply.text for line in approving), reply.text
        assert asks(reply.text), reply.text
    assert said


def close(answers, persona="neutral", seed=11, may_insert=True):
    """Run the whole final close with canned answers; returns the replies in order."""
    state, turns, rng = plan(persona, seed)
    replies, expected, n, queue = [], turns[0].expects, 0, list(answers)
    while queue:
        nxt = turns[n + 1] if n + 1 < len(turns) else None
        reply = choose_reply(
            REACTIONS, state, queue.pop(0), expected, nxt, rng, may_insert=may_insert
        )
        replies.append(reply)
        state, expected = reply.state, reply.expects
        if not reply.inserted:
            n += 1
    return replies


def test_next_steps_question_answered_with_a_timeline_in_the_goodbye() -> None:
    replies = close([
        [q("What are the next steps?", "open", "ask_for_job")],
        [S("No, that is all from me.")],  # the answer to the nudge
        [S("I forecast demand.", ("recap",))],
        [S("I am really excited about this role.", ("interest",))],
        [S("I would love to join the team.", ("interest",))],
    ])  # fmt: skip
    assert replies[0].reasons == ("held_for_goodbye:next_steps", "nudge_no_questions")
    assert replies[0].lines[0] in REACTIONS.topic("next_steps").replies.default
    bye = replies[-1]
    assert bye.reasons == ("timeline_in_goodbye",) and bye.turn_id == "goodbye"
    assert bye.lines[0] in REACTIONS.topic("next_steps").goodbye.default
    assert "opening_before_goodbye" not in bye.state.reasons


def test_no_interest_no_ask_gets_one_opening_before_the_goodbye() -> None:
    flat = [S("Okay.")]
    culture = [q("What is the culture like?")]  # answered: "anything else?" is a new offer
    replies = close(
        [[q("How big is the team?")], flat, flat, culture, [q("When will I hear back?")]]
    )
    opening = replies[3]
    assert opening.reasons == ("answered_topic:culture", "opening_before_goodbye")
    assert opening.inserted and opening.lines[-1] in REACTIONS.opening.default
    bye = replies[4]
    assert bye.reasons == ("held_for_goodbye:next_steps", "timeline_in_goodbye")
    assert bye.turn_id == "goodbye" and bye.lines[-1] == plan()[1][4].line
    assert bye.state.reasons.count("opening_before_goodbye") == 1


def test_no_opening_right_after_the_ask_turn_asked_the_same() -> None:
    # the ask turn ("Is there anything else you would like to say before we finish?")
    # declined with nothing to reply to: the opening would ask it a second time
    flat = [S("Okay.")]
    for persona in ("neutral", "friendly", "tough"):
        for seed in range(20):
            replies = close([[q("How big is the team?")], flat, flat, [S("No, that's it.")]],
                            persona, seed)  # fmt: skip
            assert replies[-1].turn_id == "goodbye" and not replies[-1].inserted
            assert "opening_before_goodbye" not in replies[-1].state.reasons


def test_no_opening_when_extra_turns_are_off() -> None:
    flat = [S("Okay.")]
    replies = close([[q("How big is the team?")], flat, flat, flat], may_insert=False)
    assert [r.turn_id for r in replies] == ["anything-else", "concern", "ask", "goodbye"]
    assert replies[-1].reasons == ("scripted",)


def test_same_seed_same_lines_different_answers_different_lines() -> None:
    answers = [[q("What does success look like in the first 90 days?")], [S("Fine.", ("recap",))]]
    first = [r.text for r in close(answers, "tough", 21)]
    assert first == [r.text for r in close(answers, "tough", 21)]
    other = [[q("How much overtime is typical?", "open")], [S("Fine.", ("recap",))]]
    assert close(other, "tough", 21)[0].text != first[0]
    variants = {close(answers, "tough", seed)[0].text for seed in range(30)}
    assert len(variants) > 2  # several phrasings exist and the seed picks among them


def test_persona_turn_override_and_numbers() -> None:
    _, turns, _ = plan("tough", 2)
    assert turns[0].line in REACTIONS.get_persona("tough").turn_phrasings("final-questions")
    tough, friendly = REACTIONS.get_persona("tough"), REACTIONS.get_persona("friendly")
    assert tough.end_silence_s < friendly.end_silence_s
    assert tough.speech_rate_wpm > friendly.speech_rate_wpm


def test_state_is_never_mutated() -> None:
    state, turns, rng = plan()
    before = copy.deepcopy(state)
    choose_reply(REACTIONS, state, WEAK_QUESTIONS, ("question",), turns[1], rng)
    assert state == before


def test_placeholders_are_filled() -> None:
    _, turns, _ = plan("neutral", 1)
    assert all("{" not in t.line for t in turns)


def test_round_one_heldout_is_never_answered_wrong() -> None:
    """Set A was held out from the first rules and then used to widen them: it is
    development data now. Unknown is allowed; a wrong topic is not."""
    set_a = [(t, g) for t, g, s in LABELLED if s == "set-a"]
    wrong = [(t, g, classify(t).topic) for t, g in set_a if classify(t).topic not in (g, None)]
    assert len(set_a) == 40 and wrong == []


def test_a_topic_function_can_replace_the_rules() -> None:
    """E.g. rules plus the embedding fallback (analysis.topic_vectors.classify_question)."""
    state, turns, rng = plan("neutral", 2)
    question = [q("Who would be my closest collaborators day to day?")]
    assert choose_reply(REACTIONS, state, question, ("question",), turns[1], rng).reasons == (
        "answered_neutral",
    )
    reply = choose_reply(
        REACTIONS, state, question, ("question",), turns[1], rng, topic_of=lambda s: "team"
    )
    assert reply.reasons == ("answered_topic:team",)


def test_a_concern_is_voiced_once_only() -> None:
    state, turns, rng = plan("tough", 4)
    invite = [q("Does anything give you pause about my fit?", "yes_no", "concerns")]
    first = choose_reply(REACTIONS, state, invite, ("concerns",), turns[2], rng)
    assert first.reasons == ("concern_invited",)
    again = choose_reply(REACTIONS, first.state, invite, ("concern_answer",), turns[2], rng)
    assert again.reasons == ("no_concern_not_invited",) and again.concern is None


def test_centroid_fallback_only_when_the_rules_saw_nothing() -> None:
    import numpy as np

    from voicecoach.analysis.topic_vectors import Centroids, classify_hybrid

    cents = Centroids(("team", "market"), np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32))
    near_team = np.array([0.9, 0.1], dtype=np.float32)
    between = np.array([0.7, 0.68], dtype=np.float32)
    assert classify_hybrid("Who would be my closest collaborators?", near_team, cents) == "team"
    assert classify_hybrid("Who would be my closest collaborators?", between, cents) is None
    assert (
        classify_hybrid("How much overtime is typical?", near_team, cents) == "pay"
    )  # rules first
    tie = "What challenges do your competitors create for you?"  # rules: two topics, unknown
    assert classify_hybrid(tie, near_team, cents) is None
    assert classify_hybrid("Is parking available?", None, cents) is None


# -- user trial s29: "What does the team struggle with most?", heard over the interviewer
# as "what does that mean struggle with", read as a concerns probe the model was unsure of
HEARD = "So what does that mean struggle with most right now?"


@pytest.mark.parametrize("persona", ["friendly", "neutral", "tough"])
def test_an_unsure_probe_naming_a_topic_gets_that_topic_and_then_the_doubt(persona: str) -> None:
    state, turns, rng = plan(persona, 3)
    heard = S(HEARD, ("concerns", "question"), "open", unclear=("concerns",))
    answer = [S("I cut the month-end close in half.", ("recap",)), heard]
    reply = choose_reply(REACTIONS, state, answer, turns[1].expects, turns[2], rng)
    assert reply.reasons[0] == "answered_topic:challenges", reply.reasons
    assert not reply.state.concern_invited and reply.state.concern_maybe_invited
    # the doubt is raised whatever the persona (it may have been asked for), worded as unasked
    assert reply.reasons[-1] == "concern_unprompted_unheard" and reply.concern == turns[2].concern
    assert turns[2].concern in reply.text and "Since you ask" not in reply.text
    assert "could not be told for sure" in describe_reasons(reply.reasons)


def test_an_unsure_probe_naming_no_topic_still_invites_the_doubt() -> None:
    state, turns, rng = plan("friendly", 3)
    heard = S("Is there anything that gives you pause?", ("concerns", "question"), "yes_no",
              unclear=("concerns",))  # fmt: skip
    reply = choose_reply(REACTIONS, state, [heard], turns[1].expects, turns[2], rng)
    assert reply.reasons == ("concern_invited",) and reply.state.concern_invited


@pytest.mark.parametrize(
    "text",
    ["Any hesitations about my training background?",
     "What are the biggest challenges, and do you have any concerns about me?"],
)  # fmt: skip
def test_an_unsure_probe_the_rules_call_a_probe_still_invites_the_doubt(text: str) -> None:
    state, turns, rng = plan("friendly", 3)
    heard = S(text, ("concerns", "question"), "open", unclear=("concerns",))
    reply = choose_reply(REACTIONS, state, [heard], turns[1].expects, turns[2], rng)
    assert reply.reasons == ("concern_invited",), reply.reasons


def test_a_sure_probe_naming_a_topic_invites_the_doubt_and_is_not_answered() -> None:
    state, turns, rng = plan("friendly", 3)
    sure = q("What challenges do you see in my background?", "open", "concerns")
    assert question_topics([sure], REACTIONS) == []
    reply = choose_reply(REACTIONS, state, [sure], turns[1].expects, turns[2], rng)
    assert reply.reasons == ("concern_invited",)


def test_an_unsure_probe_after_the_last_answer_gets_its_topic_and_no_doubt() -> None:
    state, turns, rng = plan("neutral", 3)
    heard = S(HEARD, ("concerns", "question"), "open", unclear=("concerns",))
    assert REACTIONS is not None
    closing = closing_reply(REACTIONS, state, [heard], rng, spare_concern=turns[2])
    assert "answered_topic:challenges" in closing.reasons and not closing.state.concern_voiced


# -- user trial s30 (the ask drill): "How long does onboarding take for new hires? ... What
# would it take to get the offer?" got the onboarding answer, and the blunt ask was let go
@pytest.mark.parametrize(
    "ask", ["What would it take to get the offer?", "Am I your pick?",
            "Could I get an offer this week?"],
)  # fmt: skip
def test_a_blunt_ask_on_no_topic_gets_the_timeline(ask: str) -> None:
    state, turns, rng = plan("friendly", 3)
    onboarding = q("How long does onboarding take for new hires?")
    blunt = q(ask, "open", "ask_for_job")
    for answer in ([blunt], [onboarding, blunt]):
        reply = choose_reply(REACTIONS, state, answer, ("question",), turns[1], rng)
        assert "held_for_goodbye:next_steps" in reply.reasons, (answer, reply.reasons)
        assert "left_unanswered" not in reply.reasons and "answered_neutral" not in reply.reasons
    # after the last answer, the timeline itself
    assert REACTIONS is not None
    last = closing_reply(REACTIONS, state, [blunt], rng)
    assert "timeline_in_goodbye" in last.reasons or any(
        r.startswith("answered_topic:next_steps") for r in last.reasons
    ), last.reasons
    # an ask the model was unsure of is not taken for one: no timeline on a guess
    unsure = S(ask, ("question", "ask_for_job"), "open", unclear=("ask_for_job",))
    reply = choose_reply(REACTIONS, state, [unsure], ("question",), turns[1], rng)
    assert not any("next_steps" in r for r in reply.reasons), reply.reasons


def test_a_topic_already_held_places_nothing_beside_it() -> None:
    # next steps held for the goodbye, then asked again (bluntly) beside a question on no
    # known topic: that question still gets the neutral reply, not let go with the ask
    state, turns, rng = plan("friendly", 3)
    first = choose_reply(REACTIONS, state, [q("What are the next steps?", "open", "ask_for_job")],
                         ("question",), turns[1], rng)  # fmt: skip
    assert "held_for_goodbye:next_steps" in first.reasons
    again = [q("Am I your pick?", "yes_no", "ask_for_job"), q("Where would I park my bike?")]
    reply = choose_reply(REACTIONS, first.state, again, turns[1].expects, turns[2], rng)
    assert "answered_neutral" in reply.reasons and "left_unanswered" not in reply.reasons


def test_a_forced_concern_is_voiced_even_uninvited() -> None:
    """Recorded sample answers reply to a concern, so --answers runs force it."""
    state = start(REACTIONS, "friendly", VALUES)
    rng = random.Random(3)
    turn = plan_turn(SPECS[2], REACTIONS, state, rng, last=False, concern="you are new to freight.")
    reply = choose_reply(REACTIONS, state, [S("I forecast.", ("recap",))], ("recap",), turn, rng)
    assert reply.reasons == ("concern_unprompted",) and "you are new to freight." in reply.text


# -- user trial s14: a probe after the concern turn, a line that asked nothing, a deflection
# said together with an answer -----------------------------------------------------------
IMPERATIVES = ("tell", "help", "convince", "walk", "talk", "give")


def asks(line: str) -> bool:
    """Whether a line ends on something the candidate can answer: a question, or a request
    ("Help me understand how you would handle that.")."""
    marked = line.replace("{concern}", "x.").replace("?", "?|").replace(". ", ".|")
    last = marked.rstrip("|").split("|")[-1].strip()
    first = last.split(" ", 1)[0].lower().strip(",")
    return last.endswith("?") or first in IMPERATIVES or bool(GO_ON.search(last))


GO_ON = re.compile(r"\b(go (ahead|on)|all ears)\b", re.IGNORECASE)  # a go-ahead waits too


@pytest.mark.parametrize("name", ["final-close", "concerns", "ask", "recap"])
def test_every_line_that_waits_for_an_answer_ends_with_a_prompt(name: str) -> None:
    scenario = load_scenario(name)
    waiting: list[str] = []  # every line a turn can end on, except the goodbye (thanks)
    for spec in scenario.turns:
        if tuple(spec.expects) == ("thanks",):
            continue
        waiting += [
            *spec.phrasings, *spec.no_concern_phrasings, *spec.after_no_questions,
            *spec.after_concern,
        ]  # fmt: skip
        if scenario.reactions is not None:
            for persona in scenario.reactions.personas:
                waiting += persona.turn_phrasings(spec.id) or ()
    r = scenario.reactions
    if r is not None:
        lines_: tuple[Lines | None, ...] = (
            r.nudge, r.opening, r.concern_unprompted, r.concern_not_invited,
            r.concern_not_invited_plain, r.go_ahead, r.questions_again,
        )  # fmt: skip
        for lines in lines_:
            if lines is not None:
                waiting += [*lines.default, *(t for _, texts in lines.by_persona for t in texts)]
    assert waiting and [line for line in waiting if not asks(line)] == []


@pytest.mark.parametrize("persona", ["friendly", "neutral"])
@pytest.mark.parametrize("seed", range(6))
def test_a_concern_turn_that_voices_none_still_asks_something(persona: str, seed: int) -> None:
    # trial s14: "I'll come back to timing before we finish. Okay, thank you. That's
    # helpful." and then the rehearsal waited for an answer to nothing
    reply, _ = run_to_concern(persona, seed, invite=False)
    assert reply.reasons == ("no_concern_not_invited",) and asks(reply.text), reply.text


def test_a_probe_after_the_concern_turn_draws_the_concern_next() -> None:
    # trial s14: the candidate asked "Is there anything in my background that makes you
    # hesitate about my fit?" in the answer to the concern turn, which had voiced none; the
    # interviewer went on with "Is there anything else...?" and never voiced a doubt
    state, turns, rng = plan("neutral", 11)
    quiet = choose_reply(REACTIONS, state, [S("I forecast.", ("recap",))], ("recap",),
                         turns[2], rng)  # fmt: skip
    assert quiet.reasons == ("no_concern_not_invited",)
    probe = [
        S("I have built forecasts for six years.", ("recap",)),
        q("Is there anything in my background that makes you hesitate?", "yes_no", "concerns"),
    ]
    late = choose_reply(REACTIONS, quiet.state, probe, quiet.expects, turns[3], rng,
                        spare_concern=turns[2])  # fmt: skip
    assert late.reasons == ("concern_invited_late",) and late.inserted
    assert late.concern == turns[2].concern and late.concern in late.text
    assert late.expects == ("concern_answer",) and late.state.concern_voiced
    # answered, the interviewer goes on with the turn that was next, and voices no second one
    after = choose_reply(REACTIONS, late.state, probe, late.expects, turns[3], rng,
                         spare_concern=turns[2])  # fmt: skip
    assert after.turn_id == "ask" and after.concern is None and not after.inserted
    # without room for an extra turn (recorded answers) the script goes on as before
    kept = choose_reply(REACTIONS, quiet.state, probe, quiet.expects, turns[3], rng,
                        spare_concern=turns[2], may_insert=False)  # fmt: skip
    assert kept.turn_id == "ask" and kept.concern is None


def test_a_probe_before_the_goodbye_draws_the_concern_before_it() -> None:
    state, turns, rng = plan("friendly", 4)
    probe = [q("Does anything give you pause about my fit?", "yes_no", "concerns")]
    late = choose_reply(REACTIONS, state, probe, ("interest",), turns[4], rng,
                        spare_concern=turns[2])  # fmt: skip
    assert late.reasons == ("concern_invited_late",) and late.inserted
    bye = choose_reply(REACTIONS, late.state, [S("I led a budget of two million.")],
                       late.expects, turns[4], rng, spare_concern=turns[2])  # fmt: skip
    assert bye.turn_id == "goodbye" or bye.reasons == ("opening_before_goodbye",)


def test_a_question_placed_on_a_topic_is_not_also_deflected() -> None:
    # trial s14: "What happens next? And when we're like here from you?" got "That's worth
    # asking the hiring manager directly..." and then the timeline, in one breath
    replies = close([
        [q("How is the team structured?")],
        [S("I forecast demand.", ("recap",))],
        [S("Okay.")],
        [S("I really want this role.", ("interest",)),
         q("What happens next?", "open", "ask_for_job"),
         q("And when we're like here from you?", "open", "ask_for_job")],
    ])  # fmt: skip
    bye = replies[-1]
    assert bye.turn_id == "goodbye" and "timeline_in_goodbye" in bye.reasons
    assert "answered_neutral" not in bye.reasons
    assert not set(bye.lines) & set(REACTIONS.unknown.default)
    # a question on a topic and another on none, heard word for word: the topic is
    # answered, and the other acknowledged after it in a line (stop 47's trial, F3)...
    mixed = first_reply([q("How is the team structured?"), q("Do you sponsor visas?", "yes_no")])
    assert mixed.reasons == ("answered_topic:team", "acknowledged_for_later")
    assert mixed.lines[-2] in REACTIONS.later.default
    # ...but let go when Whisper was unsure of some of its words: often a garble
    garbled = S("Do you spend her fees?", ("question",), "yes_no", unsure_words=2)
    mixed = first_reply([q("How is the team structured?"), garbled])
    assert mixed.reasons == ("answered_topic:team", "left_unanswered")
    # on its own, an unknown question still gets the neutral reply
    assert first_reply([q("Do you sponsor visas?", "yes_no")]).reasons == ("answered_neutral",)


# -- a check-back on the answer ("Does that make sense?") ---------------------------------
def test_a_check_back_gets_a_yes_not_the_neutral_reply() -> None:
    for persona in ("friendly", "neutral", "tough"):
        reply = first_reply([S("I led the budget."), q("Does that make sense?", "yes_no")],
                            persona, may_insert=False)  # fmt: skip
        assert reply.reasons == ("confirmed_check_back",)
        assert reply.lines[0] in REACTIONS.check_back.for_persona(persona)
        assert reply.state.asked == () and reply.state.answered == ()
    assert question_topics([q("does that answer your question", "yes_no")], REACTIONS) == []


@pytest.mark.parametrize(
    "hope",
    ["I hope that answers your question.", "I hope that makes sense.", "I hope that helps.",
     "Hopefully that covers it.", "i hope that answers your question"],
)  # fmt: skip
def test_a_check_back_said_as_a_hope_gets_the_same_yes(hope: str) -> None:
    # a user trial: "I hope that answers your question." got no word on the answer
    for persona in ("friendly", "neutral", "tough"):
        reply = first_reply([S("I led the budget."), S(hope)], persona, may_insert=False)
        assert reply.reasons == ("confirmed_check_back",), (hope, reply.reasons)
        assert reply.lines[0] in REACTIONS.check_back.for_persona(persona)


@pytest.mark.parametrize(
    "hope",
    ["I hope to hear from you soon.", "Hopefully the team is hybrid.",
     "Hopefully that is not an issue."],
)  # fmt: skip
def test_a_hope_about_something_else_gets_no_yes(hope: str) -> None:
    reply = first_reply([S("I led the budget."), S(hope)], "neutral", may_insert=False)
    assert "confirmed_check_back" not in reply.reasons, (hope, reply.reasons)
    start_date = q("I hope that's not a problem for the start date?", "yes_no")
    reply = first_reply([S("I led the budget."), start_date], "neutral", may_insert=False)
    assert "confirmed_check_back" not in reply.reasons, reply.reasons


def test_no_opening_after_the_ask_turn_for_a_check_back_either() -> None:
    # "No, that's it. Does that make sense?" asked nothing more: its yes is all the reply
    flat = [S("Okay.")]
    declined = [S("No, that's it."), q("Does that make sense?", "yes_no")]
    for seed in range(10):
        replies = close([[q("How big is the team?")], flat, flat, declined], "neutral", seed)
        assert replies[-1].turn_id == "goodbye" and not replies[-1].inserted
        assert replies[-1].reasons == ("confirmed_check_back",)


def test_a_scenario_without_check_back_lines_gets_the_default() -> None:
    data = copy.deepcopy(DATA)
    data["reactions"].pop("check_back")
    reactions = reactions_from_dict(data, "mine.toml", TURN_IDS)
    assert reactions is not None and reactions.check_back == DEFAULT_CHECK_BACK
    data["reactions"]["check_back"] = {"default": ["Yes."], "grumpy": ["Hm."]}
    with pytest.raises(ConfigError, match=r"mine.toml: key 'reactions.check_back.grumpy'"):
        reactions_from_dict(data, "mine.toml", TURN_IDS)


# -- two indirect questions said as one sentence (trial f2) ---------------------------------
def test_two_embedded_questions_in_one_sentence_are_each_answered_on_their_topic() -> None:
    # trial f2: the two topics tied 3-3 over the whole sentence and the interviewer said "I
    # don't want to guess on that one", though both have prepared replies
    said = q("I was wondering how the team measures success in the first year, and what the "
             "biggest challenge for the team is right now.")  # fmt: skip
    reply = first_reply([said])
    assert reply.reasons == ("answered_topic:success", "answered_topic:challenges"), reply
    for topic in ("success", "challenges"):
        replies = REACTIONS.topic(topic).replies.default
        assert any(line in replies for line in reply.lines), (topic, reply.lines)
    assert not set(reply.lines) & set(REACTIONS.unknown.default)
    # "I was wondering how..." is an open question, so the friendly praise comes first
    praised = first_reply([said], "friendly")
    assert praised.lines[0] in REACTIONS.acknowledge.for_persona("friendly"), praised.lines
    # with a third question, answer_at_most (2) still lets the third go
    more = first_reply([said, q("How is the team structured?")])
    assert more.reasons == (
        "answered_topic:success", "answered_topic:challenges", "left_unanswered",
    )  # fmt: skip


def test_one_question_with_and_is_answered_once() -> None:
    # "how is it measured" asks again about success: counted as a second question (its own
    # wh-word, verb and inversion), but it names no topic, so success is answered once
    reply = first_reply([q("What does success look like and how is it measured?")])
    assert reply.reasons == ("answered_topic:success", "left_unanswered"), reply
    same = first_reply([q("I'd like to know how the team measures success and what that "
                          "means in the first year.")])  # fmt: skip
    assert same.reasons == ("answered_topic:success",), same


@pytest.mark.parametrize("name", ["final-close", "concerns", "ask"])
def test_telling_an_answer_it_missed_the_doubt_thanks_no_one(name: str) -> None:
    # A live trial: "Thank you, I can see where you're coming from. I was really asking
    # about this, though: ... Thank you for that. Is there anything else ...": the next
    # line may thank them; the line that says the answer missed the point does not.
    r = load_scenario(name).reactions
    assert r is not None
    lines = [
        *r.check_back_off_topic.default,
        *(t for _, ts in r.check_back_off_topic.by_persona for t in ts),
        *r.check_back_conceded.default,
        *(t for _, ts in r.check_back_conceded.by_persona for t in ts),
    ]
    assert lines and not [t for t in lines if "thank" in t.lower()]


@pytest.mark.parametrize(
    ("said", "reason"),
    [
        # evidence said rising (Whisper wrote the "?"): nothing to reply to
        ("The nature was bigger than most teams see?", None),
        # real questions asked there are replied to as before
        ("Is that the main worry, or is there something else?", "doubt_was_the_main_one"),
        ("Does that answer it?", "confirmed_check_back"),
    ],
)
def test_evidence_said_rising_in_the_answer_to_a_doubt_gets_no_reply(
    said: str, reason: str | None
) -> None:
    """Trial 48 (N4): the answer to the doubt held "The nature was bigger than most teams
    see?", a statement said rising, and the interviewer replied "That's worth asking the
    hiring manager directly..." to a question nobody asked."""
    from voicecoach.analysis import analyze_text

    answer = (
        "That's true, my companies have been smaller. But the work was not small. I built "
        f"forecasts that covered 400 stores and two warehouses. {said} And I learned a new "
        "organization quickly by meeting the people who use the numbers."
    )
    doubt = "most of your experience is at much smaller companies than Northwind Freight."
    a = analyze_text(answer, expects=("concern_answer",), concern=doubt, semantic=False)
    state, turns, rng = plan("neutral", 3)
    reply = choose_reply(
        REACTIONS, state, a.sentences, ("concern_answer",), turns[3], rng, doubt=a.concerns[0]
    )
    assert reply.reasons == (reason or "scripted",), reply.reasons


@pytest.mark.parametrize(
    "said",
    [
        "Is that the main worry, or is there something else?",
        "Is that your only concern?",
        "Is there anything else that worries you?",
        # plain words the model is unsure are a probe: they got "It depends a bit on the
        # team you'd join..." (a review)
        "Do you have any other concerns?",
        "Any other concerns?",
        "What other concerns do you have?",
        "Is there anything else you're worried about?",
        # as the recogniser wrote it for two voices of a live trial (stop 49)
        "Is not the main worry, or is there something else?",
        "That the main worry, or is there something else?",
    ],
)
def test_asked_in_the_answer_to_the_doubt_whether_it_is_the_main_one(said: str) -> None:
    """An interviewer asked "is that the main worry?" right after raising it says it is:
    the neutral "worth asking the hiring manager directly" answered it before."""
    from voicecoach.analysis import analyze_text

    answer = (
        "That's fair, my companies have been smaller. But I built forecasts that covered 400"
        f" stores and two warehouses. {said}"
    )
    doubt = "most of your experience is at much smaller companies than Northwind Freight."
    a = analyze_text(answer, expects=("concern_answer",), concern=doubt)
    state, turns, rng = plan("neutral", 3)
    reply = choose_reply(
        REACTIONS, state, a.sentences, ("concern_answer",), turns[3], rng, doubt=a.concerns[0]
    )
    assert reply.reasons == ("doubt_was_the_main_one",), reply.reasons
    assert reply.lines[0] in REACTIONS.main_doubt.default, reply.lines


@pytest.mark.parametrize(
    "said",
    [
        "Is that the biggest worry for the team this year?",
        "What is the main concern for the business right now?",
        "Do you have any other concerns about the budget this year?",
        "Is that the key question mark over the budget this year?",
        "Is there anything else I can tell you?",
    ],
)
def test_a_question_on_the_teams_worries_is_no_question_about_the_doubt(said: str) -> None:
    from voicecoach.analysis.rules import asks_about_other_doubts

    assert not asks_about_other_doubts(said)


@pytest.mark.parametrize(
    "said",
    [
        # a doubt of someone else's, asked of the interviewer (a review of the final
        # questions, where these stopped counting)
        "What other concerns does the team have about the new system?",
        "Are there any other worries the team has about the rollout?",
        "What other hesitations do clients usually have about the product?",
        "Is that the main concern customers raise?",
        "Was that the biggest concern the last person in the role had?",
        "Is there anything else that worries you about the team right now?",
    ],
)
def test_a_question_on_other_peoples_worries_is_no_question_about_the_doubt(said: str) -> None:
    from voicecoach.analysis.rules import asks_about_other_doubts

    assert not asks_about_other_doubts(said)


@pytest.mark.parametrize(
    "said",
    [
        "What other concerns do you have?",
        "Do you have any other concerns that I could address?",
        "Any other concerns I should know about?",
        "Is that the main worry you have about me?",
        "Is there anything else that worries you about my background?",
    ],
)
def test_still_a_question_about_the_doubt(said: str) -> None:
    from voicecoach.analysis.rules import asks_about_other_doubts

    assert asks_about_other_doubts(said)
