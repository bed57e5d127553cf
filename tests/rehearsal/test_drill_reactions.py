"""The drills listen too: ``concerns`` and ``recap`` with their ``[reactions]``. The real
scenarios, the real analyzer on typed answers, the conversation driver of the turn loop,
and the closing coaching it leads to (pipeline.judge_close)."""

from __future__ import annotations

from pathlib import Path

import pytest

from voicecoach.analysis.analyzer import TurnInput, analyze_text
from voicecoach.pipeline import judge_close
from voicecoach.profile import load_profile
from voicecoach.rehearsal.conversation import CLOSING, FORCED_CONCERN, Conversation
from voicecoach.rehearsal.setup import choose_persona
from voicecoach.scenario import Scenario, Turn, load_scenario, plan, role_phrase
from voicecoach.transcript import Transcript

ROOT = Path(__file__).resolve().parents[2]
PROFILE = load_profile(ROOT / "samples" / "profile.toml")
CONCERNS = load_scenario("concerns")
RECAP = load_scenario("recap")
PERSONAS = ("friendly", "neutral", "tough")
# the concern turn's thanks for a question: only for a candidate who asked one
THANKS_FOR_ASKING = ("thanks for asking", "since you bring it up", "since you ask")
NOT_PROBING = "No, I think you've covered everything, thank you."
PROBING = "Yes, one thing. Is there anything in my background that gives you pause?"
ANSWER = (
    "I understand. At my last job I led three analysts for a year, met each of them every "
    "week, and two of them were promoted."
)
# the doubt ANSWER answers: a check-back after it gets the yes (off its topic, it does not)
TEAM_DOUBT = "you have not led a team before, and this role has three direct reports."


def converse(
    answers: list[str], scenario: Scenario = CONCERNS, persona: str = "neutral", seed: int = 5,
    *, concern: str | None = None,
) -> tuple[Conversation, list[Turn], dict[int, TurnInput]]:  # fmt: skip
    """The drill as the typed ``answers`` reply to it, one per turn, as recorded answers do
    (no inserted turns), ending on the reply after the last answer, if any; with each
    answered turn's input for the closing judgement."""
    talk = Conversation(
        scenario, plan(scenario, PROFILE, seed, concern), profile=PROFILE, seed=seed,
        persona=persona, concern_forced=concern is not None, may_insert=False,
    )  # fmt: skip
    turns, inputs = [talk.first()], {}
    for text in answers:
        turn = turns[-1]
        inputs[turn.n] = TurnInput(Transcript.from_text(text), turn.expects, (), turn.concern)
        found = analyze_text(text, PROFILE, expects=turn.expects, concern=turn.concern)
        nxt = talk.next(turn, found)
        if nxt is None:
            break
        turns.append(nxt)
    return talk, turns, inputs


def concern_phrasings(talk: Conversation) -> list[str]:
    """The concern turn's own lines, as this run fills them in."""
    doubt = talk.scripted[1].concern
    assert doubt is not None
    spec = CONCERNS.turns[1]
    values = {"company": PROFILE.company, "role": role_phrase(PROFILE.role)}
    return [" ".join(p.format(concern=doubt, **values).split()) for p in spec.phrasings]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("seed", range(4))
def test_an_answer_that_invites_no_doubt_still_gets_one_without_thanks(
    persona: str, seed: int
) -> None:
    # the drill's fixed script answered "No, I think you've covered everything" with "Thanks
    # for asking. To be candid, my main hesitation is..."
    talk, turns, _ = converse([NOT_PROBING], persona=persona, seed=seed)
    concern = turns[1]
    assert concern.id == "concern" and concern.reasons == ("concern_unprompted",)
    assert concern.concern is not None and concern.concern in concern.text
    assert concern.expects == ("concern_answer",)
    assert not any(t in concern.text.lower() for t in THANKS_FOR_ASKING), concern.text
    assert concern.text not in concern_phrasings(talk)
    assert concern.hint  # the tip on answering a concern, under a line that voices one


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_answer_that_invites_doubts_gets_the_concern_turns_own_line(persona: str) -> None:
    talk, turns, _ = converse([PROBING], persona=persona)
    concern = turns[1]
    assert concern.reasons == ("concern_invited",)
    assert concern.text in concern_phrasings(talk)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_header_says_the_doubt_comes_whatever_the_answer(persona: str) -> None:
    chosen = choose_persona(CONCERNS, persona, None)
    assert chosen is not None and chosen.unprompted_concern_chance == 1.0
    assert "whether or not you ask" in chosen.description
    talk, _, _ = converse([NOT_PROBING], persona=persona)
    assert talk.plan() == [("concerns",), ("concern_answer",)]
    # a set concern (--concern) is raised unasked too: the header already says so, once
    forced, turns, _ = converse([NOT_PROBING], persona=persona, concern="you are new to freight.")
    assert forced.persona.description == chosen.description
    assert FORCED_CONCERN not in forced.persona.description
    assert turns[1].concern == "you are new to freight."


def test_a_question_in_the_first_answer_is_answered_before_the_concern() -> None:
    _, turns, _ = converse(["How big is the team?"])
    assert turns[1].reasons == ("answered_topic:team", "concern_unprompted")
    team = CONCERNS.reactions.topic("team").replies.default  # type: ignore[union-attr]
    assert any(line in turns[1].text for line in team), turns[1].text
    assert turns[1].text.index("team of") < turns[1].text.index(turns[1].concern or "?")
    _, turns, _ = converse(["Is there parking at the office?"])
    assert turns[1].reasons == ("answered_neutral", "concern_unprompted")
    _, turns, _ = converse(["How much vacation do people get? Anything that gives you pause?"])
    assert turns[1].reasons == ("deferred_pay_question", "concern_invited")


def test_a_next_steps_question_before_the_concern_gets_its_timeline_now() -> None:
    # no goodbye follows in this drill: "I'll come back to timing" would never be kept
    _, turns, _ = converse(["What are the next steps?"])
    assert turns[1].reasons == ("answered_topic:next_steps", "concern_unprompted")
    timeline = CONCERNS.reactions.topic("next_steps").replies.default  # type: ignore[union-attr]
    assert any(line in turns[1].text for line in timeline), turns[1].text


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_question_in_the_last_answer_gets_a_closing_reply(persona: str) -> None:
    _, turns, _ = converse([NOT_PROBING, f"{ANSWER} What are the next steps?"], persona=persona)
    assert [t.id for t in turns] == ["probe", "concern", CLOSING]
    last = turns[-1]
    assert last.closing and last.reasons == ("answered_topic:next_steps",)
    closing = CONCERNS.reactions.closing  # type: ignore[union-attr]
    assert any(last.text.endswith(p) for p in closing.parting.for_persona(persona)), last.text
    _, turns, _ = converse([PROBING, f"{ANSWER} Does that address your concern?"])
    assert turns[-1].reasons == ("concern_again_in_closing",)
    assert turns[1].concern not in turns[-1].text  # pointed back to, not said again
    _, turns, _ = converse([PROBING, ANSWER])  # nothing asked: the session ends as before
    assert [t.id for t in turns] == ["probe", "concern"]


def test_the_coaching_on_an_uninvited_doubt_fits_the_drill() -> None:
    talk, _, inputs = converse([NOT_PROBING, ANSWER])
    overall = judge_close(
        list(inputs.values()), talk.plan(), set(inputs), PROFILE,
        conversation=talk.summary({}).coaching,
    )  # fmt: skip
    assert overall is not None
    fixes = {p.title: p for p in overall.coaching if p.kind == "fix"}
    point = fixes["The interviewer raised a doubt you had not invited"]
    assert "recap" not in point.suggestion  # the drill has no recap to ask after
    # "Invite their doubts" says the doubt "leaves the room with them": not after it was raised
    assert "Invite their doubts" not in fixes


def test_the_coaching_on_an_invited_doubt_fits_the_drill() -> None:
    talk, turns, _ = converse([PROBING, ANSWER])
    answer = analyze_text(ANSWER, PROFILE, expects=("concern_answer",), concern=turns[1].concern)
    titles = [p.title for p in talk.summary({turns[1].n: answer}).coaching]
    settled = answer.check("concerns").status == "done"  # type: ignore[union-attr]
    assert titles == [
        "You drew out a concern and answered it"
        if settled
        else "You drew out a concern, then left it standing"
    ]


def test_a_recap_that_ends_on_a_question_gets_a_reply_then_nothing_is_awaited() -> None:
    recap = "I have built demand forecasts for six years and cut forecast error by a fifth."
    _, turns, _ = converse([f"{recap} What are the next steps?"], scenario=RECAP)
    assert [t.id for t in turns] == ["recap", CLOSING]
    assert turns[1].reasons == ("timeline_in_goodbye",) and turns[1].expects == ()
    _, turns, _ = converse([f"{recap} Does anything in my background give you pause?"],
                           scenario=RECAP)  # fmt: skip
    assert turns[1].reasons == ("no_concern_in_closing",)  # the drill raises no doubt
    _, turns, _ = converse([recap], scenario=RECAP)
    assert [t.id for t in turns] == ["recap"]  # a recap alone: nothing said after it


# -- a check-back on the answer ("Does that answer your question?") ----------------------
# A trial's candidate ended a concern answer so, and was told "That's worth asking the
# hiring manager directly": a reply to a question nobody asked.
FINAL_CLOSE = load_scenario("final-close")
CHECK_BACKS = [
    "Does that answer your question?",
    "does that make sense",
    "Is that helpful?",
    "I hope that answers it. Did it?",
    "um did i answer that",
    "Does that sound okay?",  # a trial: the tough interviewer said "Ask the hiring manager"
    "Doesn't I answer your question?",  # the same trial: Whisper's hearing of it, live
]


def check_back_lines(scenario: Scenario, persona: str) -> tuple[str, ...]:
    assert scenario.reactions is not None
    return scenario.reactions.check_back.for_persona(persona)


def unknown_lines(scenario: Scenario) -> list[str]:
    lines = scenario.reactions.unknown  # type: ignore[union-attr]
    return [*lines.default, *(t for _, texts in lines.by_persona for t in texts)]


@pytest.mark.parametrize("tail", CHECK_BACKS)
def test_a_check_back_mid_conversation_gets_a_yes_then_the_next_line(tail: str) -> None:
    answers = [
        "Yes, how big is the team?", PROBING, f"{ANSWER} {tail}",
        "I really want this job. What are the next steps?", "Thank you so much.",
    ]  # fmt: skip
    talk, turns, _ = converse(answers, scenario=FINAL_CLOSE, concern=TEAM_DOUBT)
    ask = turns[3]
    assert ask.id == "ask" and ask.reasons == ("confirmed_check_back",), ask.reasons
    assert any(ask.text.startswith(y) for y in check_back_lines(FINAL_CLOSE, "neutral")), ask.text
    assert not any(u in ask.text for u in unknown_lines(FINAL_CLOSE)), ask.text
    assert "unknown" not in talk.state.asked and talk.state.answered.count("team") == 1
    # the team question answered, and nothing more: the reply is the interviewer's doing,
    # not a strength of the candidate's (trial 16)
    assert talk.state.reasons.count("answered_topic:team") == 1
    strengths = [p.message for p in talk.summary({}).coaching if p.kind == "strength"]
    assert not any("answered on that topic" in m for m in strengths), strengths


@pytest.mark.parametrize("tail", CHECK_BACKS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_a_check_back_in_the_last_answer_gets_a_yes_and_a_parting_line(
    tail: str, persona: str
) -> None:
    _, turns, _ = converse([PROBING, f"{ANSWER} {tail}"], persona=persona, concern=TEAM_DOUBT)
    assert [t.id for t in turns] == ["probe", "concern", CLOSING]
    last = turns[-1]
    assert last.closing and last.reasons == ("confirmed_check_back",) and last.expects == ()
    closing = CONCERNS.reactions.closing  # type: ignore[union-attr]
    yes = check_back_lines(CONCERNS, persona)
    parting = closing.parting.for_persona(persona)
    assert any(last.text == f"{y} {p}" for y in yes for p in parting), last.text


def test_the_tough_interviewer_confirms_in_its_own_words() -> None:
    tough = check_back_lines(FINAL_CLOSE, "tough")
    assert tough != check_back_lines(FINAL_CLOSE, "neutral")
    for seed in range(4):
        answers = ["Yes, how big is the team?", PROBING, f"{ANSWER} Does that make sense?"]
        _, turns, _ = converse(answers, scenario=FINAL_CLOSE, persona="tough", seed=seed,
                               concern=TEAM_DOUBT)  # fmt: skip
        assert turns[3].reasons == ("confirmed_check_back",)
        assert any(turns[3].text.startswith(f"{y} ") for y in tough), turns[3].text


def test_a_recap_that_ends_on_a_check_back_gets_a_yes_and_a_parting_line() -> None:
    recap = "I have built demand forecasts for six years and cut forecast error by a fifth."
    _, turns, _ = converse([f"{recap} Does that make sense?"], scenario=RECAP)
    assert [t.id for t in turns] == ["recap", CLOSING]
    assert turns[1].reasons == ("confirmed_check_back",)


def test_a_check_back_beside_a_real_question_gets_both_replies() -> None:
    _, turns, _ = converse([f"{ANSWER} Does that make sense? And how big is the team?",
                            PROBING], scenario=FINAL_CLOSE)  # fmt: skip
    assert turns[1].reasons == ("confirmed_check_back", "answered_topic:team")


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_yes_to_a_check_back_leaves_the_thanks_to_the_next_line(persona: str) -> None:
    """The ask turn opens "Thank you." and every parting line thanks: a
    yes that thanked too made the interviewer say thank you twice in a row."""
    for seed in range(6):
        answers = ["Yes, how big is the team?", PROBING, f"{ANSWER} Does that make sense?"]
        _, turns, _ = converse(answers, scenario=FINAL_CLOSE, persona=persona, seed=seed)
        assert turns[3].text.lower().count("thank") <= 1, turns[3].text
        _, turns, _ = converse([PROBING, f"{ANSWER} Is that helpful?"], persona=persona, seed=seed)
        assert turns[-1].text.lower().count("thank") <= 1, turns[-1].text


def test_trial_s25_the_invited_doubt_fix_agrees_with_the_checklist() -> None:
    # runG: the checklist said the answer had "evidence" (off topic), and the conversation's
    # fix said "your answer gave no example that settles it"
    answer = (
        "That's fair. I have led a team of three for two years, and I mentored two analysts. "
        "Does that answer your question?"
    )
    doubt = "you have not managed a budget of this size before"
    talk, turns, _ = converse([PROBING, answer], concern=doubt)
    found = analyze_text(answer, PROFILE, expects=("concern_answer",), concern=turns[1].concern)
    check = found.check("concerns")
    assert check is not None and check.status == "partial"
    assert "evidence" in check.detail and "no evidence" not in check.detail  # as in the trial
    (point,) = talk.summary({turns[1].n: found}).coaching
    assert point.title == "You drew out a concern, then left it standing"
    assert "no example" not in point.message, point.message


def test_trial_s25_an_invited_doubt_answered_too_quietly_gets_no_verdict() -> None:
    # runJ: a turn whose panel read "? Answer the concern  unclear, not judged" must not be
    # coached in the closing as an answer that left the doubt standing
    from voicecoach.analysis.analyzer import DEFAULT_THRESHOLDS, analyze
    from voicecoach.audio.files import load_audio
    from voicecoach.audio.vad import speech_regions
    from voicecoach.pipeline import listen

    audio = load_audio(ROOT / "samples" / "strong" / "turn-03.flac")
    regions = tuple(speech_regions(audio))
    quiet = listen(audio * 10 ** (-30 / 20), regions)
    assert quiet.loudness.median_db < DEFAULT_THRESHOLDS.quiet_speech_db
    heard = "and we delivered every project on time. I will bring the same approach here."
    talk, turns, _ = converse([PROBING, heard])
    found = analyze(
        Transcript.from_text(heard), speech_regions=regions, profile=PROFILE,
        expects=("concern_answer",), concern=turns[1].concern, voice=quiet,
    )  # fmt: skip
    assert found.check("concerns").status == "unclear"  # type: ignore[union-attr]
    titles = [p.title for p in talk.summary({turns[1].n: found}).coaching]
    assert "You drew out a concern, then left it standing" not in titles, titles
    assert "You drew out a concern and answered it" not in titles, titles


# -- the reply to a check-back after a doubt's answer says what the coaching says ---------
# A user trial: "Yes, that's clear." after an answer the report then called off topic for
# the doubt raised, and the candidate took the yes for approval.
TOOLS_DOUBT = "the role uses tools you have not mentioned using."
OFF_TOPIC = (
    "I understand. I am a fast learner, I work hard, and I am really excited about what "
    "Northwind does for its customers."
)
DOUBT_ANSWERS = [(TEAM_DOUBT, ANSWER), (TEAM_DOUBT, OFF_TOPIC), (TOOLS_DOUBT, ANSWER),
                 (TOOLS_DOUBT, "Fair point. I taught myself Tableau in a month at my last "
                  "job and built our weekly sales dashboards in it.")]  # fmt: skip
TOPIC_WORDS = {"on": "on topic", "off": "off topic"}
REPLY_FOR = {"on": "confirmed_check_back", "off": "check_back_off_topic",
             "unclear": "not_heard_quiet"}  # fmt: skip


def quiet_voice():  # type: ignore[no-untyped-def]
    """A real answer's speech regions and its voice heard too quietly to judge."""
    from voicecoach.audio.files import load_audio
    from voicecoach.audio.vad import speech_regions
    from voicecoach.pipeline import listen

    audio = load_audio(ROOT / "samples" / "strong" / "turn-03.flac")
    regions = tuple(speech_regions(audio))
    return regions, listen(audio * 10 ** (-30 / 20), regions)


def doubt_turn(doubt: str, answer: str, persona: str = "neutral", voice=None, seed: int = 5):  # type: ignore[no-untyped-def]
    """The concerns drill as the rehearsal's turn loop runs it: the probe, then ``answer``
    to ``doubt`` (heard with ``voice``, if given) analysed as the live turn is, and the
    interviewer's reply to it; with the closing judgement the report shows."""
    from voicecoach.analysis.analyzer import analyze

    talk = Conversation(
        CONCERNS, plan(CONCERNS, PROFILE, seed, doubt), profile=PROFILE, seed=seed,
        persona=persona, concern_forced=True, may_insert=False,
    )  # fmt: skip
    probe = talk.first()
    raised = talk.next(probe, analyze_text(PROBING, PROFILE, expects=probe.expects))
    assert raised is not None and raised.concern == doubt
    regions, heard = ((), None) if voice is None else voice
    said = Transcript.from_text(answer)
    live = analyze(said, speech_regions=regions, profile=PROFILE, expects=raised.expects,
                   concern=raised.concern, voice=heard)  # fmt: skip
    reply = talk.next(raised, live)
    inputs = [TurnInput(Transcript.from_text(PROBING), probe.expects),
              TurnInput(said, raised.expects, regions, raised.concern, heard)]  # fmt: skip
    overall = judge_close(inputs, talk.plan(), {1, 2}, PROFILE)
    assert reply is not None and overall is not None
    return reply, live, overall


@pytest.mark.parametrize(("doubt", "answer"), DOUBT_ANSWERS)
@pytest.mark.parametrize("tail", ["Does that answer your question?", "I hope that helps."])
def test_the_reply_to_a_check_back_agrees_with_the_coaching(
    doubt: str, answer: str, tail: str
) -> None:
    reply, live, overall = doubt_turn(doubt, f"{answer} {tail}")
    check = overall.check("concerns")
    assert check is not None
    verdict = overall.concern_topic(doubt)
    assert verdict in ("on", "off") and live.concern_topic(doubt) == verdict
    assert TOPIC_WORDS[verdict] in check.detail, check.detail  # what the report shows
    assert reply.reasons == (REPLY_FOR[verdict],), (verdict, reply.text)
    yes = check_back_lines(CONCERNS, "neutral")
    assert any(reply.text.startswith(y) for y in yes) == (verdict == "on"), reply.text


def test_both_verdicts_are_exercised() -> None:
    verdicts = {doubt_turn(d, f"{a} Does that make sense?")[2].concern_topic(d)
                for d, a in DOUBT_ANSWERS}  # fmt: skip
    assert verdicts == {"on", "off"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_answer_off_the_doubt_gets_no_yes_but_the_doubt_pointed_back_to(persona: str) -> None:
    reply, _, overall = doubt_turn(TEAM_DOUBT, f"{OFF_TOPIC} Does that answer your question?",
                                   persona)  # fmt: skip
    assert overall.concern_topic(TEAM_DOUBT) == "off"
    assert reply.reasons == ("check_back_off_topic",) and reply.closing
    assert "you have not led a team before" in reply.text, reply.text
    assert "three direct reports" not in reply.text  # the doubt in brief
    assert not reply.text.lower().startswith(("yes", "clear")), reply.text
    lines = CONCERNS.reactions.check_back_off_topic.for_persona(persona)  # type: ignore[union-attr]
    brief = "you have not led a team before"
    assert any(reply.text.startswith(line.format(concern=brief)) for line in lines), reply.text


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("doubt", "admission"),
    [(TEAM_DOUBT, "I have not led a team before."),
     (TOOLS_DOUBT, "That's fair. I haven't used those tools.")],
)  # fmt: skip
def test_an_answer_that_only_admits_the_gap_gets_no_yes(
    persona: str, doubt: str, admission: str
) -> None:
    # Trial 21: "I have not worked in freight. Does that answer your question?" heard "Yes,
    # that's clear." while its report said it only conceded the gap.
    reply, live, overall = doubt_turn(doubt, f"{admission} Does that answer your question?",
                                      persona)  # fmt: skip
    verdict = overall.concern_verdict(doubt)
    assert verdict is not None and verdict.topic == "on" and verdict.conceded
    said = live.concern_verdict(doubt)
    assert said is not None and (said.topic, said.conceded) == ("on", True)
    check = overall.check("concerns")
    assert check is not None and "only conceded" in check.detail, check.detail
    assert reply.reasons == ("check_back_conceded",), reply.reasons
    lines = CONCERNS.reactions.check_back_conceded.for_persona(persona)  # type: ignore[union-attr]
    assert any(reply.text.startswith(line) for line in lines), reply.text
    assert not any(reply.text.startswith(y) for y in check_back_lines(CONCERNS, persona))


def test_an_admission_followed_by_an_example_still_gets_the_yes() -> None:
    reply, _, overall = doubt_turn(
        TOOLS_DOUBT, "I haven't used those tools, but I taught myself Tableau in a month and "
        "built our weekly sales dashboards in it. Does that answer your question?",
    )  # fmt: skip
    verdict = overall.concern_verdict(TOOLS_DOUBT)
    assert verdict is not None and verdict.topic == "on" and not verdict.conceded
    assert reply.reasons == ("confirmed_check_back",), reply.reasons


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_answer_heard_too_quietly_gets_no_yes_but_a_line_that_says_so(
    persona: str,
) -> None:
    reply, live, overall = doubt_turn(TEAM_DOUBT, f"{ANSWER} Does that make sense?", persona,
                                      voice=quiet_voice())  # fmt: skip
    assert live.concern_topic(TEAM_DOUBT) == overall.concern_topic(TEAM_DOUBT) == "unclear"
    check = overall.check("concerns")
    assert check is not None and "topic" not in check.detail, check.detail
    # its words, the check-back among them, are not replied to: the interviewer says it
    # could not hear them (the one line for any answer heard too quietly)
    assert reply.reasons == ("not_heard_quiet",)
    lines = CONCERNS.reactions.not_heard("quiet").for_persona(persona)  # type: ignore[union-attr]
    assert any(reply.text.startswith(line) for line in lines), reply.text
    assert not reply.text.lower().startswith(("yes", "clear")), reply.text


def test_a_check_back_on_an_answer_not_judged_gets_no_yes() -> None:
    from voicecoach.analysis.results import ConcernVerdict
    from voicecoach.rehearsal.asked import check_back_line

    reactions = CONCERNS.reactions
    assert reactions is not None
    unjudged = ConcernVerdict(TEAM_DOUBT, 2, "unclear")
    lines, why, brief = check_back_line(reactions, unjudged)
    assert (lines, why, brief) == (
        reactions.not_heard("unclear_words"),
        "check_back_unclear",
        "",
    )
    assert check_back_line(reactions, None)[1] == "confirmed_check_back"


def test_a_check_back_does_not_move_the_topic_verdict() -> None:
    # the same answer was "on topic" without "Does that answer your question?" and "off
    # topic" with it: the interviewer's reply would have hung on the question itself
    for doubt, answer in DOUBT_ANSWERS:
        bare = analyze_text(answer, PROFILE, expects=("concern_answer",), concern=doubt)
        for tail in CHECK_BACKS:
            asked = analyze_text(f"{answer} {tail}", PROFILE, expects=("concern_answer",),
                                 concern=doubt)  # fmt: skip
            assert asked.concern_topic(doubt) == bare.concern_topic(doubt), (doubt, tail)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("seed", range(3))
def test_the_line_after_a_missed_doubt_does_not_approve_it_either(persona: str, seed: int) -> None:
    # the ask turn followed "My point was: ..." with "Thank you, that is helpful."
    answers = ["How big is the team?", PROBING, f"{OFF_TOPIC} Does that make sense?"]
    _, turns, _ = converse(answers, scenario=FINAL_CLOSE, persona=persona, seed=seed,
                           concern=TEAM_DOUBT)  # fmt: skip
    ask = turns[3]
    assert ask.id == "ask" and ask.reasons == ("check_back_off_topic",), ask.reasons
    said = ask.text.lower()
    assert not any(w in said for w in ("helpful", "makes sense", "clear", "great")), ask.text


def test_a_doubt_after_an_unheard_probe_answer_is_not_called_uninvited() -> None:
    # the answer that should invite doubts, Whisper unsure of most of its words: the
    # candidate may well have asked, so nobody says they did not (a trial's coaching said
    # "You did not ask whether anything gave them pause" about a mumbled probe)
    from voicecoach.analysis import analyze
    from voicecoach.scenario_reactions import describe_reasons

    mumbled = _mumbled()
    talk = Conversation(
        CONCERNS, plan(CONCERNS, PROFILE, 5, None), profile=PROFILE, seed=5,
        persona="neutral", may_insert=False,
    )  # fmt: skip
    probe = talk.first()
    concern = talk.next(probe, analyze(mumbled, profile=PROFILE, expects=probe.expects))
    assert concern is not None and concern.reasons[0] == "not_heard_unclear_words"
    assert "concern_unprompted_unheard" in concern.reasons, concern.reasons
    assert "had not invited" not in describe_reasons(concern.reasons)
    titles = [p.title for p in talk.summary({}).coaching]
    assert not any("had not invited" in t for t in titles), titles
    # heard clearly and not asking, the doubt is still called uninvited
    talk, _, _ = converse([NOT_PROBING, ANSWER])
    titles = [p.title for p in talk.summary({}).coaching]
    assert "The interviewer raised a doubt you had not invited" in titles


def _mumbled() -> Transcript:
    """A concerns probe Whisper was unsure of most of (as a mumble is heard)."""
    words = [("Yes,", 0.3), ("one", 0.2), ("thing.", 0.4), ("Is", 0.3), ("there", 0.2),
             ("anything", 0.35), ("in", 0.9), ("my", 0.3), ("background", 0.2),
             ("that", 0.4), ("gives", 0.3), ("you", 0.9), ("pause?", 0.2)]  # fmt: skip
    text = " ".join(w for w, _ in words)
    timed = [{"text": w, "start_s": i * 0.3, "end_s": i * 0.3 + 0.25, "probability": p}
             for i, (w, p) in enumerate(words)]  # fmt: skip
    end_s = len(words) * 0.3
    return Transcript.from_dict({
        "text": text, "duration_s": end_s,
        "segments": [{"text": text, "start_s": 0.0, "end_s": end_s, "words": timed}],
    })  # fmt: skip


@pytest.mark.parametrize("first_heard", [True, False])
def test_a_doubt_after_an_earlier_unheard_answer_is_not_called_uninvited(
    first_heard: bool,
) -> None:
    # the full close, its doubt raised whatever was asked (as the demo's is): the first
    # answer, which could have asked for doubts, was mumbled; the second, heard clearly,
    # did not ask. The interviewer cannot know the candidate never invited the doubt, so
    # neither the turn's reason nor the coaching says so. Both heard clearly, they do.
    from voicecoach.analysis import analyze
    from voicecoach.scenario_reactions import describe_reasons

    final = load_scenario("final-close")
    doubt = "you have mostly worked in retail, not in wholesale."
    talk = Conversation(
        final, plan(final, PROFILE, 5, doubt), profile=PROFILE, seed=5, persona="neutral",
        concern_forced=True, may_insert=False,
    )  # fmt: skip
    first = talk.first()
    said = "Who would I work with day to day, and how is the team doing?"
    heard = Transcript.from_text(said) if first_heard else _mumbled()
    second = talk.next(first, analyze(heard, profile=PROFILE, expects=first.expects))
    assert second is not None and second.concern is None
    assert any(r.startswith("not_heard_") for r in second.reasons) != first_heard
    recap = "I have built demand forecasts for five years and led a team of three."
    concern = talk.next(second, analyze_text(recap, PROFILE, expects=second.expects))
    assert concern is not None and concern.concern is not None, concern
    assert not any(r.startswith("not_heard_") for r in concern.reasons), concern.reasons
    code = "concern_unprompted" if first_heard else "concern_unprompted_unheard"
    assert code in concern.reasons, concern.reasons
    assert ("had not invited" in describe_reasons(concern.reasons)) == first_heard
    titles = [p.title for p in talk.summary({}).coaching]
    assert ("The interviewer raised a doubt you had not invited" in titles) == first_heard
