"""The reply after the very last answer (``rehearsal.closing``): a question asked there is
answered briefly, then a parting line; anything else gets nothing new. The real scenarios,
the real analyzer on typed answers, the conversation driver of the turn loop."""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

import pytest

from voicecoach.analysis.analyzer import analyze_text
from voicecoach.errors import ConfigError
from voicecoach.profile import load_profile
from voicecoach.rehearsal.conversation import CLOSING, Conversation
from voicecoach.scenario import Scenario, Turn, load_scenario, plan
from voicecoach.scenario_reactions import reactions_from_dict
from voicecoach.settings import tomllib

ROOT = Path(__file__).resolve().parents[2]
PROFILE = load_profile(ROOT / "samples" / "profile.toml")
FINAL = load_scenario("final-close")
ASK = load_scenario("ask")
assert FINAL.reactions is not None and FINAL.reactions.closing is not None
CLOSING_LINES = FINAL.reactions.closing
TIMELINES = FINAL.reactions.topic("next_steps").goodbye.default  # type: ignore[union-attr]
# four answers to the close before its goodbye: a question, a recap with or without a probe
# for concerns, an answer to the concern turn, interest and an ask
INVITED = [
    "How is the team responding to the same-day push your competitor announced?",
    "I have built demand forecasts for five years and led a team of three. "
    "Is there anything in my background that gives you pause?",
    "I understand. At my last company I learned a new industry in two months.",
    "I am very interested in this role. What are the next steps?",
]
NOT_INVITED = [
    "Who would I be working with day to day?",
    "I have built demand forecasts for five years and led a team of three.",
    "I feel good about it.",
    "I am very interested in this role and I would love to join the team.",
]
PROBE = (
    "Thank you so much for your time, Dana. "
    "Before I go, is there anything that makes you hesitate about me?"
)


def converse(
    answers: list[str], scenario: Scenario = FINAL, persona: str = "neutral", seed: int = 5
) -> tuple[Conversation, list[Turn]]:
    """The close as the typed ``answers`` reply to it, one per turn, as recorded answers
    do it (no inserted turns), ending on the turn after the last answer, if any."""
    talk = Conversation(
        scenario, plan(scenario, PROFILE, seed), profile=PROFILE, seed=seed, persona=persona,
        may_insert=False,
    )  # fmt: skip
    turns = [talk.first()]
    for text in answers:
        nxt = talk.next(turns[-1], analyze_text(text, PROFILE, expects=turns[-1].expects))
        if nxt is None:
            break
        turns.append(nxt)
    return talk, turns


def closing_of(turns: list[Turn], answers: int) -> Turn:
    assert len(turns) == answers + 1, [t.id for t in turns]
    last = turns[-1]
    assert last.closing and last.id == CLOSING and last.expects == () and last.concern is None
    return last


def parting(text: str, persona: str = "neutral") -> str:
    """The parting line that ends ``text`` (AssertionError when there is none)."""
    lines = CLOSING_LINES.parting.for_persona(persona)
    found = [p for p in lines if text.endswith(p)]
    assert found, text
    return found[0]


def test_a_probe_after_a_concern_was_raised_points_back_to_it() -> None:
    talk, turns = converse([*INVITED, PROBE])
    assert turns[2].concern is not None  # the concern turn voiced it, invited
    last = closing_of(turns, 5)
    assert last.reasons == ("concern_again_in_closing",)
    reply = last.text.removesuffix(parting(last.text)).strip()
    assert reply in CLOSING_LINES.concern_again.default
    assert turns[2].concern not in last.text  # no second doubt, and no new one
    assert talk.plan() == [t.expects for t in turns[:-1]]  # not a coached turn


def test_a_probe_with_no_concern_raised_yet_names_the_concern_turns_doubt() -> None:
    talk, turns = converse([*NOT_INVITED, PROBE])
    assert turns[2].concern is None and turns[2].reasons == ("no_concern_not_invited",)
    last = closing_of(turns, 5)
    assert last.reasons == ("concern_in_closing",)
    doubt = talk.scripted[2].concern
    assert doubt and doubt in last.text  # the scenario's own doubt, as planned for the run
    assert not last.text.rstrip().endswith("?")  # nothing is awaited after it
    # no answer can follow it: the coaching says to invite doubts while there is time
    titles = [p.title for p in talk.summary({}).coaching if p.kind == "fix"]
    assert "You invited a doubt too late to answer it" in titles
    parting(last.text)


def test_a_doubt_pointed_back_to_at_the_door_is_not_coached_as_too_late() -> None:
    talk, _ = converse([*INVITED, PROBE])  # invited in time, answered; asked again at the end
    assert "You invited a doubt too late to answer it" not in [
        p.title for p in talk.summary({}).coaching
    ]


def test_a_probe_after_the_interviewer_said_it_had_no_concern_stays_consistent() -> None:
    # without concern.not_invited, the concern turn says its own no-concern line ("No, I do
    # not have any concerns at this point."): a doubt named at the door would contradict it
    data = tomllib.loads((ROOT / "prompts" / "final-close.toml").read_text(encoding="utf-8"))
    del data["reactions"]["concern"]["not_invited"]
    reactions = reactions_from_dict(data, "final-close.toml", [t.id for t in FINAL.turns])
    _, turns = converse([*NOT_INVITED, PROBE], scenario=replace(FINAL, reactions=reactions))
    said = [p.split(".")[0] for p in FINAL.turns[2].no_concern_phrasings]
    assert any(p in turns[2].text for p in said), turns[2].text  # the premise
    assert turns[2].concern is None and "no_concern_not_invited" in turns[2].reasons
    last = closing_of(turns, 5)
    assert last.reasons == ("no_concern_in_closing",)
    assert any(last.text.startswith(line) for line in CLOSING_LINES.no_concern.default)


def test_a_probe_where_the_scenario_has_no_concern_gets_nothing_comes_to_mind() -> None:
    _, turns = converse(["I really want this job.", PROBE], scenario=ASK)
    last = closing_of(turns, 2)
    assert last.reasons == ("no_concern_in_closing",)
    assert ASK.reactions is not None and ASK.reactions.closing is not None
    no_concern = ASK.reactions.closing.no_concern.default
    assert any(last.text.startswith(line) for line in no_concern), last.text


def test_a_next_steps_question_gets_the_timeline_then_a_parting_line() -> None:
    talk, turns = converse([*NOT_INVITED, "Thanks again, Dana. When should I expect to hear back?"])
    last = closing_of(turns, 5)
    assert last.reasons == ("timeline_in_goodbye",)
    said = [t for t in TIMELINES if t in last.text]
    assert len(said) == 1 and last.text.startswith(said[0])
    parting(last.text)
    # the conversation's coaching credits the timeline, as when the goodbye gave it
    assert "You asked about next steps" in {p.title for p in talk.summary({}).coaching}


def test_a_timeline_for_a_question_the_checklist_did_not_count_as_an_ask_is_no_strength() -> None:
    """Trial 52 (M4): the interviewer answered a misheard "What are the next steps?" with
    the timeline while the ask check read "did not ask"; its coaching then said "You asked
    about next steps". The reply reads the question's words; the check the sentence model,
    which puts "How many more stages are there?" at no ask. Where the turn that asked for the
    ask did not credit one, no strength claims it, and the goodbye's reason claims no
    question about timing ("gave the timeline you asked about" beside "no question about
    timing")."""
    answers = [*NOT_INVITED, "Thanks again, Dana. How many more stages are there?"]
    talk, turns = converse(answers)
    last = closing_of(turns, 5)
    assert last.reasons == ("timeline_in_goodbye",)  # the reply took it for next steps
    analyses = {
        t.n: analyze_text(text, PROFILE, expects=t.expects)
        for t, text in zip(turns, answers, strict=False)
    }
    assert all(a.check("ask_for_job").status != "done" for a in analyses.values())  # type: ignore[union-attr]
    assert "You asked about next steps" not in {p.title for p in talk.summary(analyses).coaching}
    # a turn that credited the ask keeps the strength
    done = {4: analyze_text("I want this job. What are the next steps?", PROFILE,
                            expects=("interest", "ask_for_job"))}  # fmt: skip
    assert "You asked about next steps" in {p.title for p in talk.summary(done).coaching}


def test_a_timeline_asked_again_is_the_same_timeline() -> None:
    _, turns = converse([*INVITED, "Thank you, Dana. So when will I hear from you?"])
    assert turns[4].reasons[-1] == "timeline_in_goodbye"  # the goodbye gave one already
    first = [t for t in TIMELINES if t in turns[4].text]
    last = closing_of(turns, 5)
    assert last.reasons == ("timeline_in_goodbye",) and first and first[0] in last.text


def test_a_topic_question_gets_the_topic_reply_and_both_questions_are_answered() -> None:
    assert FINAL.reactions is not None
    team = FINAL.reactions.topic("team").replies.default  # type: ignore[union-attr]
    _, turns = converse([*INVITED, "Thank you. Who would I be working with day to day?"])
    last = closing_of(turns, 5)
    assert last.reasons == ("answered_topic:team",)
    assert any(last.text.startswith(t) for t in team), last.text
    answer = (
        "Thank you. Is there anything about my background that gives you pause? "
        "And when will I hear from you?"
    )
    _, turns = converse([*NOT_INVITED, answer])
    last = closing_of(turns, 5)
    assert last.reasons == ("concern_in_closing", "timeline_in_goodbye")  # in the order asked


def test_two_questions_with_no_reply_of_their_own_get_one_neutral_line() -> None:
    # A trial's recap drill (whose bank answers no topic) heard two questions in one
    # unpunctuated stretch and said both of its "someone will follow up" lines in a row.
    recap = load_scenario("recap")
    assert recap.reactions is not None
    answer = "How does the team grow people? What training is there for new starters?"
    _, turns = converse([answer], recap)
    last = closing_of(turns, 1)
    assert last.reasons == ("answered_neutral",), last.reasons
    neutral = recap.reactions.unknown.for_persona("neutral")
    assert sum(line in last.text for line in neutral) == 1, last.text


@pytest.mark.parametrize("persona", ["neutral", "friendly", "tough"])
def test_each_persona_parts_in_its_own_words(persona: str) -> None:
    _, turns = converse([*NOT_INVITED, "Thanks. When will I hear back?"], persona=persona)
    parting(closing_of(turns, 5).text, persona)


@pytest.mark.parametrize("persona", ["neutral", "friendly", "tough"])
def test_the_parting_line_does_not_say_the_goodbye_again(persona: str) -> None:
    # A review: "That is all from me, then. Thanks again for your time, and have a good
    # rest of your day." then, after a question, "Thanks again for coming in. Have a good
    # rest of your day."
    from voicecoach.rehearsal.variety import echoes

    for seed in range(30):
        _, turns = converse(
            [*NOT_INVITED, "Thanks. When will I hear back?"], persona=persona, seed=seed
        )
        goodbye, last = turns[-2], closing_of(turns, 5)
        said = parting(last.text, persona)
        options = CLOSING_LINES.parting.for_persona(persona)
        if any(not echoes(o, goodbye.text) for o in options):
            assert not echoes(said, goodbye.text), (goodbye.text, last.text)


@pytest.mark.parametrize(
    "answer",
    [
        "Thank you so much for your time, Dana.",  # plain thanks
        "Thanks. I look forward to hearing about next steps.",  # an ask, said as a statement
        "Thank you, I really enjoyed learning about the team and the forecasting work.",
        "Okay, bye.",
    ],
)
def test_no_question_no_reply(answer: str) -> None:
    _, turns = converse([*NOT_INVITED, answer])
    assert len(turns) == 5 and not any(t.closing for t in turns)


def test_a_scenario_without_closing_lines_says_nothing_after_the_last_answer() -> None:
    data = tomllib.loads((ROOT / "prompts" / "ask.toml").read_text(encoding="utf-8"))
    del data["reactions"]["closing"]
    reactions = reactions_from_dict(data, "ask.toml", ["ask", "goodbye"])
    assert reactions is not None and reactions.closing is None
    scenario = replace(ASK, reactions=reactions)
    _, turns = converse(["I really want this job.", PROBE], scenario=scenario)
    assert len(turns) == 2


@pytest.mark.parametrize(
    ("key", "edit"),
    [
        ("reactions.closing.parting", lambda c: c.pop("parting")),
        ("reactions.closing.concern.default", lambda c: c.update(concern=["No doubts here."])),
        ("reactions.closing.extra", lambda c: c.update(extra=["Hi."])),
    ],
)
def test_closing_errors_name_file_and_key(key: str, edit: object) -> None:
    data = copy.deepcopy(tomllib.loads((ROOT / "prompts" / "final-close.toml").read_text()))
    edit(data["reactions"]["closing"])  # type: ignore[operator]
    with pytest.raises(ConfigError, match=rf"final-close.toml: key '{key}'"):
        reactions_from_dict(data, "final-close.toml")


@pytest.mark.slow
def test_the_closing_reply_is_spoken_saved_and_replayed(tmp_path: Path) -> None:
    """Through ``voicecoach rehearse ask --answers ... --no-audio`` (TTS answers, real
    Whisper, analyzer and store): the last answer asks about next steps, and the timeline
    is said after it, saved as the session's last line, replayed and reported."""
    from click.testing import CliRunner
    from rehearsal_support import latest_session, say
    from rich.console import Console

    from voicecoach.cli import main
    from voicecoach.review.progress import load_progress
    from voicecoach.review.replay import replay_clips
    from voicecoach.review.replay_view import screen
    from voicecoach.review.report import render_report
    from voicecoach.sessions.store import Store

    texts = (
        "I really want this job.",
        "Thank you for your time. When should I expect to hear back?",
    )
    answers = [str(say(text, tmp_path / f"a{n}.wav")) for n, text in enumerate(texts, 1)]
    result = CliRunner().invoke(
        main, ["rehearse", "ask", "--no-audio", "--seed", "1", "--answers", *answers],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert ASK.reactions is not None
    timelines = ASK.reactions.topic("next_steps").goodbye.default  # type: ignore[union-attr]
    out = " ".join(result.output.split())
    assert "Interviewer (after your last answer)" in out and any(t in out for t in timelines), out

    session = Store().load(latest_session().name)  # strict: every promised file is there
    assert session.status == "complete" and len(session.turns) == 3
    last = session.turns[-1]
    assert last.closing and last.turn_id == CLOSING and last.reasons == ("timeline_in_goodbye",)
    assert any(last.prompt_text.startswith(t) for t in timelines), last.prompt_text
    assert last.prompt_wav is not None and last.answer_wav is None and last.analysis is None
    assert session.plan == (("interest", "ask_for_job"), ("thanks",))  # the coached turns
    assert session.analysis is not None  # the closing judged the two answers only

    clips = replay_clips(session)
    assert [(c.turn, c.kind) for c in clips][-2:] == [(2, "answer"), (3, "prompt")]
    console = Console(record=True, width=200)
    console.print(screen(session, clips[-1], 0.0, paused=True, speed=1.0, clip_index=3,
                         clip_count=len(clips)))  # fmt: skip
    shown = " ".join(console.export_text().split())
    assert "the session ends on this line" in shown and "Turn 3" in shown
    assert "gave the timeline of the next steps" in shown

    html = render_report(session, load_progress(Store()))
    section = html[html.index('id="turn-3"') :]
    assert last.prompt_text.split(".")[0] in section and "no answer was expected" in section
    assert "No words were transcribed" not in section
