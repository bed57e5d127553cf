"""The interviewer's lines, varied: an opener ("Honestly, ...", "Okay. ...") said once in a
session is not said again while another line will do (rehearsal.variety), over the real
scenarios and over lists made to share their openers."""

from __future__ import annotations

import copy
import random
import re
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from voicecoach.rehearsal import variety
from voicecoach.rehearsal.closing import closing_reply
from voicecoach.rehearsal.conversation import Conversation
from voicecoach.rehearsal.reactions import (
    ConversationState,
    NextTurn,
    choose_reply,
    plan_turn,
    start,
)
from voicecoach.scenario import Scenario, load_scenario, plan
from voicecoach.scenario_reactions import reactions_from_dict
from voicecoach.settings import tomllib

ROOT = Path(__file__).resolve().parents[2]
VALUES = {"company": "Northwind Freight", "role": "the data analyst role", "interviewer": "Dana"}
PERSONAS = ("neutral", "friendly", "tough")


@dataclass(frozen=True)
class S:
    """An analysed sentence, as much of it as a reply reads."""

    text: str
    moves: tuple[str, ...] = ()
    question_form: str | None = None
    unclear: tuple[str, ...] = ()
    unheard: bool = False
    unsure_words: int = 0


def q(text: str, *extra: str) -> S:
    return S(text, ("question", *extra), "open")


# -- the opener of a line ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "start"),
    [
        ("Honestly, success here is trust.", "honestly"),
        ("Honestly? Only that you are new to it.", "honestly"),
        ("Good question.", "good question"),
        ("Okay. Before I let you go, is there anything else?", "okay"),
        ("Of course. Go ahead.", "of course"),
        ("Sure, I'm all ears. Go ahead.", "sure"),
        ("Since you ask, I will be honest.", "since you ask"),
        ("It’s fair, I think.", "it's fair"),  # a curly apostrophe is the same word
        ("That's a fair thing to want to know.", None),  # a sentence, not an opener
        ("Is there anything else you would like me to know?", None),
        ("", None),
    ],
)
def test_the_opener_is_the_first_words_before_a_comma_or_a_stop(line: str, start: str) -> None:
    assert variety.opener(line) == start


def test_pick_draws_as_before_when_nothing_repeats() -> None:
    options = ["Sure.", "Right.", "Okay."]
    for seed in range(30):
        assert variety.pick(options, ("honestly",), random.Random(seed)) == random.Random(
            seed
        ).choice(options)


def test_pick_avoids_an_opener_said_and_falls_back_when_every_line_has_one() -> None:
    options = ["Honestly, it's speed.", "Honestly, it's data.", "The hardest part is data."]
    picks = {variety.pick(options, ("honestly",), random.Random(seed)) for seed in range(30)}
    assert picks == {"The hardest part is data."}
    stale = ["Sure.", "Honestly, no."]  # both said: either will do, as before
    assert variety.pick(stale, ("honestly", "sure"), random.Random(1)) == random.Random(1).choice(
        stale
    )


def test_a_scripted_line_is_kept_unless_its_opener_was_said() -> None:
    options = ["Okay. Thanks for coming in.", "Right, that's all from me.", "Thank you for today."]
    rng = random.Random(3)
    assert variety.keep_or_vary(options[0], options, ("right",), rng) == options[0]
    varied = {
        variety.keep_or_vary(options[0], options, ("okay",), random.Random(seed))
        for seed in range(20)
    }
    assert varied == set(options[1:])
    assert variety.keep_or_vary(options[0], options[:1], ("okay",), rng) == options[0]  # no other


# -- whole sessions over the shipped scenarios ----------------------------------------------
# Answers as much of an analysis as a reply reads: questions on known topics (two at a time,
# like the trial that heard "Honestly, ... Honestly, ..."), none, a recap, a concerns probe,
# interest, a bare yes.
ANSWERS = [
    [S("No, I think you covered everything.")],
    [S("Okay.")],
    [q("How big is the team?")],
    [q("How much overtime is typical?")],
    [q("What are the next steps?", "ask_for_job")],
    [q("What does success look like in the first year?"), q("What are the biggest challenges?")],
    [q("How would you describe the culture?"), q("What about growth?")],
    [q("What does the onboarding look like?")],
    [S("I have led forecasting for three years.", ("recap",))],
    [S("Is there anything that gives you pause?", ("concerns", "question"))],
    [S("I really want this job.", ("interest",))],
    [S("Yes, I do.")],
]


def session(scenario: Scenario, persona: str, seed: int) -> list[tuple[str, ...]]:
    """Every line the interviewer says in one session, turn by turn (the first line, each
    reply, the reply after the last answer), with answers drawn from :data:`ANSWERS`."""
    reactions = scenario.reactions
    assert reactions is not None
    state = start(reactions, persona, VALUES)
    rng = random.Random(seed)
    specs = scenario.turns
    turns = [
        plan_turn(s, reactions, state, rng, last=i == len(specs) - 1) for i, s in enumerate(specs)
    ]
    state = replace(state, openers=variety.remember((), [turns[0].line]))  # as Conversation.first
    answers = random.Random(seed * 31 + len(persona))
    said: list[tuple[str, ...]] = [(turns[0].line,)]
    expected, n = turns[0].expects, 0
    for _ in range(12):  # the nudge, the opening, go-aheads: a few extra turns at most
        answer = answers.choice(ANSWERS)
        if n + 1 == len(turns):
            reply = closing_reply(reactions, state, answer, rng, said=[" ".join(t) for t in said])
            said.append(reply.lines)
            break
        reply = choose_reply(reactions, state, answer, expected, turns[n + 1], rng)
        said.append(reply.lines)
        state, expected = reply.state, reply.expects
        n += 0 if reply.inserted else 1
    return said


Line = tuple[str | None, re.Pattern[str]]  # a line's opener, and the line as said


def line_lists(scenario: Scenario) -> list[list[Line]]:
    """Every list of lines in the scenario's file (a persona's own list is one of them), as
    patterns that match a line as said (fields filled in, ``{concern}`` any doubt)."""
    raw = tomllib.loads(scenario.path.read_text(encoding="utf-8"))
    found: list[list[Line]] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            found.append([(variety.opener(v), pattern(v)) for v in value])
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(raw)
    return found


def pattern(template: str) -> re.Pattern[str]:
    parts = [" ".join(p.format(**VALUES).split()) for p in template.split("{concern}")]
    return re.compile(".+".join(re.escape(p) for p in parts))


def avoidable_repeats(scenario: Scenario, said: list[tuple[str, ...]]) -> list[str]:
    """The lines that start with an opener said before them (this turn's earlier lines
    included) although every list they could come from had a line that starts otherwise.
    A line said again word for word is left out: that is on purpose (a question asked again
    gets the same answer; a line asked for again is said again)."""
    lists = line_lists(scenario)
    openers: set[str] = set()
    lines: set[str] = set()
    repeats = []
    for turn in said:
        for line in turn:
            start = variety.opener(line)
            if start is not None and line not in lines and start in openers:
                sources = [ls for ls in lists if any(p.fullmatch(line) for _, p in ls)]
                assert sources, line
                if all(any(o not in openers for o, _ in ls) for ls in sources):
                    repeats.append(line)
            lines.add(line)
            openers |= {start} if start else set()
    return repeats


@pytest.mark.parametrize("name", ["final-close", "concerns", "ask", "recap"])
def test_no_session_repeats_an_opener_while_another_line_would_do(name: str) -> None:
    # Before: 590 of 900 sessions of the final close said an opener twice ("Okay." four
    # times; "Honestly, success here is trust. ... Honestly, it's priorities.").
    scenario = load_scenario(name)
    found = []
    for persona in PERSONAS:
        for seed in range(100):
            said = session(scenario, persona, seed)
            found.extend((persona, seed, line) for line in avoidable_repeats(scenario, said))
    assert found == []


# -- lists made to share an opener (not the shipped data) ------------------------------------
def honest_reactions():
    """final-close's reactions, with two topics' replies mostly opening "Honestly,"."""
    path = ROOT / "prompts" / "final-close.toml"
    data = copy.deepcopy(tomllib.loads(path.read_text(encoding="utf-8")))
    topics = data["reactions"]["topics"]
    topics["success"]["replies"] = [
        "Honestly, success here is trust.", "Honestly, it's shipping one thing people use.",
        "By six months, you'd own a piece of work end to end.",
    ]  # fmt: skip
    topics["challenges"]["replies"] = [
        "Honestly, it's priorities.", "Honestly, it's the old systems.",
        "The hardest part is speed.",
    ]  # fmt: skip
    data["reactions"]["acknowledge"] = {"default": ["Honestly, sure.", "Right."]}
    return reactions_from_dict(data, path, [t["id"] for t in data["turns"]])


def test_two_answers_in_one_reply_never_both_open_honestly() -> None:
    # The trial: both questions of one answer got a reply that opened "Honestly,".
    reactions = honest_reactions()
    assert reactions is not None
    scenario = load_scenario("final-close")
    both = [q("What does success look like?"), q("And the biggest challenges?")]
    for seed in range(60):
        state = start(reactions, "neutral", VALUES)
        rng = random.Random(seed)
        nxt = plan_turn(scenario.turns[1], reactions, state, rng, last=False)
        reply = choose_reply(reactions, state, both, ("question",), nxt, rng)
        assert reply.reasons == ("answered_topic:success", "answered_topic:challenges")
        openers = [variety.opener(line) for line in reply.lines]
        assert openers.count("honestly") <= 1, reply.lines
        assert reply.state.openers == variety.remember((), reply.lines)


def test_an_opener_said_in_an_earlier_turn_is_not_said_again() -> None:
    reactions = honest_reactions()
    assert reactions is not None
    scenario = load_scenario("final-close")
    for seed in range(40):
        state = replace(start(reactions, "neutral", VALUES), openers=("honestly",))
        rng = random.Random(seed)
        nxt = plan_turn(scenario.turns[1], reactions, state, rng, last=False)
        asked = [q("What are the challenges?")]
        reply = choose_reply(reactions, state, asked, ("question",), nxt, rng)
        assert reply.lines[:2] == ("Right.", "The hardest part is speed."), reply.lines


def test_a_scripted_line_is_swapped_when_its_opener_was_just_said() -> None:
    # "Okay." (no questions) then the ask turn's "Okay. Before I let you go, ..." in one reply
    scenario = load_scenario("final-close")
    reactions = scenario.reactions
    assert reactions is not None
    swapped = 0
    for seed in range(80):
        state = start(reactions, "neutral", VALUES)
        rng = random.Random(seed)
        ask = plan_turn(scenario.turns[3], reactions, state, rng, last=False)
        if variety.opener(ask.line) != "okay":
            continue
        said = replace(state, openers=("okay",))
        reply = choose_reply(reactions, said, [S("Thanks.")], ("concern_answer",), ask, rng)
        assert reply.turn_id == "ask" and reply.lines[-1] != ask.line
        assert reply.lines[-1] in ask.line_options and reply.expects == ask.expects
        swapped += 1
    assert swapped > 10


def test_the_reply_after_the_last_answer_avoids_openers_said() -> None:
    scenario = load_scenario("final-close")
    reactions = scenario.reactions
    assert reactions is not None
    probe = [S("Is there anything that gives you pause?", ("concerns", "question"))]
    for seed in range(30):
        state = replace(start(reactions, "neutral", VALUES), openers=("no",))
        reply = closing_reply(reactions, state, probe, random.Random(seed))
        assert reply.reasons == ("no_concern_in_closing",)
        assert variety.opener(reply.lines[0]) != "no", reply.lines  # "No, nothing stands out."
        assert reply.state.openers == variety.remember(("no",), reply.lines)


def test_the_conversation_remembers_its_first_line_and_a_rewind_forgets() -> None:
    scenario = load_scenario("final-close")
    seed = next(  # a first line with an opener: "Well, we are almost out of time. ..."
        s for s in range(50) if variety.opener(plan(scenario, None, s)[0].text) is not None
    )
    talk = Conversation(scenario, plan(scenario, None, seed), seed=seed, persona="neutral")
    first = talk.first()
    assert talk.state.openers == ("well",), first.text
    mark = talk.mark()
    talk.state = replace(talk.state, openers=(*talk.state.openers, "honestly"))
    talk.rewind(mark)
    assert talk.state.openers == ("well",)


def test_state_keeps_openers_in_order_without_duplicates() -> None:
    lines = ["Okay.", "Honestly, yes.", "Okay. Then what?", "No opener here at all."]
    said = variety.remember((), lines)
    assert said == ("okay", "honestly")
    assert ConversationState("neutral").openers == ()
    assert NextTurn("x", "other", "Hi.", ()).line_options == ()


def test_a_line_said_again_on_request_does_not_lead_with_an_opener_said() -> None:
    # "Sure. You'd join a team of six. ..." then "Sorry, could you repeat that?": the line
    # is said again after "Of course.", not after a second "Sure."
    from voicecoach.analysis.analyzer import analyze_text

    scenario = load_scenario("final-close")
    checked = 0
    for seed in range(16):
        talk = Conversation(scenario, plan(scenario, None, seed), seed=seed, persona="neutral")
        turn = talk.first()
        for text in ("How big is the team I would join?", "Sorry, could you repeat that?"):
            said = talk.state.openers
            nxt = talk.next(turn, analyze_text(text, None, expects=turn.expects))
            assert nxt is not None
            turn = nxt
        assert turn.id == "repeat"
        lead = variety.opener(turn.text)
        if "sure" in said:
            assert lead == "of course", turn.text
            checked += 1
        assert lead in talk.state.openers
    assert checked >= 3


@pytest.mark.parametrize("name", ["final-close", "concerns", "ask", "recap"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_a_second_check_back_is_not_answered_yes_again(name: str, persona: str) -> None:
    # "Does that make sense?" after two answers: "Yes, that's clear." then "Yes, that
    # covers it." Every list of the yes now has a line that starts otherwise.
    scenario = load_scenario(name)
    reactions = scenario.reactions
    assert reactions is not None
    answer = [S("I have led forecasting for three years."), S("Does that make sense?")]
    for seed in range(20):
        state = replace(start(reactions, persona, VALUES), openers=("yes",))
        reply = closing_reply(reactions, state, answer, random.Random(seed))
        assert reply.reasons == ("confirmed_check_back",)
        assert variety.opener(reply.lines[0]) != "yes", reply.lines


def test_a_line_said_word_for_word_is_not_picked_again_while_another_will_do() -> None:
    # Three "Does that make sense?" in a session of the neutral persona: the second yes
    # avoided the first one's opener, and the third, with both openers said, was drawn from
    # the whole list, so "That's clear, yes." was said twice in a row while "Yes, that
    # covers it." was never said.
    scenario = load_scenario("final-close")
    reactions = scenario.reactions
    assert reactions is not None
    check_back = [S("I have led forecasting for three years.", ("recap",)),
                  S("Does that make sense?", ("question",), "yes_no")]  # fmt: skip
    for persona in ("neutral", "friendly"):
        for seed in range(40):
            state = start(reactions, persona, VALUES)
            rng = random.Random(seed)
            turns = [plan_turn(s, reactions, state, rng, last=False) for s in scenario.turns[1:4]]
            yeses = []
            for nxt in turns:
                reply = choose_reply(reactions, state, check_back, ("recap",), nxt, rng)
                assert reply.reasons[0] == "confirmed_check_back", reply.reasons
                yeses.append(reply.lines[0])
                state = reply.state
            assert len(set(yeses)) == 3, (persona, seed, yeses)
    # a line with no opener is not picked every time its list's other lines have stale ones
    options = ["Good question.", "Oh, I like that question.", "I'm glad you asked that."]
    said = ("good question", "oh")
    picks = {
        variety.pick(options, said, random.Random(seed), lines=["I'm glad you asked that."])
        for seed in range(20)
    }
    assert "I'm glad you asked that." not in picks
