"""Questions on the team's size, on learning budgets and on a new hire's first weeks get a
reply on their own topic, through the functions a live turn uses: the analysis of the
answer (with word timings, as Whisper hears it, or typed), then the interviewer's choice.

Trial 23 (F2): "Has the team grown this year? And have you got a training budget?" got
"You wouldn't be thrown in. We pair every new hire with someone..." (the onboarding reply,
to a worry never voiced) and nothing at all on the team.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from voicecoach.analysis.analyzer import analyze_text, analyze_turn
from voicecoach.analysis.questions import question_pieces
from voicecoach.analysis.results import Analysis
from voicecoach.analysis.topics import classify
from voicecoach.profile import load_profile
from voicecoach.rehearsal.conversation import Conversation
from voicecoach.scenario import load_scenario, plan
from voicecoach.transcript import Segment, Transcript, Word

ROOT = Path(__file__).resolve().parents[2]
PROFILE = load_profile(ROOT / "samples" / "profile.toml")
SCENARIO = load_scenario("final-close")
# what a reply to each question must speak of, whichever of its topic's lines is said
GREW = re.compile(r"\b(?:joined|grown|twice the size|added|hired|new this year)\b")
# ...and whether it is still hiring (trial 24: "are you hiring more analysts next year?" got
# only how the team had grown)
AHEAD = re.compile(r"\b(?:next year|still hiring|hire again)\b")
LEARNING_MONEY = re.compile(r"\b(?:budget|pay for|courses|conferences)\b")


def heard(segments: list[str]) -> Transcript:
    """Whisper's transcript of ``segments`` said one after another: a word every 0.3 s,
    0.1 s more after a full stop or question mark, and 0.5 s between segments."""
    out, at = [], 1.0
    for text in segments:
        words = []
        for w in text.split():
            words.append(Word(w, at, at + 0.25, 0.9))
            at += 0.4 if w[-1] in ".?" else 0.3
        out.append(Segment(text, words[0].start_s, words[-1].end_s, tuple(words)))
        at += 0.5
    return Transcript(" ".join(segments), tuple(out), at + 0.5, engine="faster-whisper")


Heard = Callable[[Sequence[str]], Analysis]  # the answer's analysis, given what the turn asked


def first_reply(analysis_of: Heard, persona: str, seed: int = 3) -> tuple[str, ...]:
    """The reasons and text of the interviewer's reply to the answer to the first turn."""
    talk = Conversation(
        SCENARIO, plan(SCENARIO, PROFILE, seed), profile=PROFILE, seed=seed, persona=persona
    )
    turn = talk.first()
    analysis: Analysis = analysis_of(turn.expects)
    nxt = talk.next(turn, analysis)
    assert nxt is not None
    return (*nxt.reasons, nxt.text)


def live(sentences: list[str]) -> Heard:
    transcript = heard(sentences)
    regions = tuple((s.start_s, s.end_s) for s in transcript.segments)

    def analysis_of(expects: Sequence[str]) -> Analysis:
        return analyze_turn(
            transcript, [], expects=expects, profile=PROFILE, numbers=[1], speech_regions=regions
        )[0]

    return analysis_of


def typed(text: str) -> Heard:
    return lambda expects: analyze_text(text, PROFILE, expects=expects)


# the trial's answer, and another two questions on the same two topics, each heard as
# separate sentences (live word timings), as one sentence with a comma, and run together
# in lower case with no punctuation
ANSWERS = {
    # (Whisper's segments as the trial heard them)
    "trial, live": live(["Thanks. Has the team grown this year? And have you got a training "
                         "budget?",
                         "I'm really excited about this role and I want to enjoy your team."]),
    "trial, one sentence": typed("Has the team grown this year, and have you got a training "
                                 "budget? I'm really excited about this role."),
    "trial, no marks": typed("thanks has the team grown this year and have you got a "
                             "training budget im really excited about this role"),
    "other, live": live(["Are you hiring into the team at the moment? Do people get to go "
                         "to conferences?"]),
    "other, one sentence": typed("Are you hiring more analysts into the group, and is there "
                                 "money for courses?"),
    "other, no marks": typed("is the team getting bigger and do you pay for people to get "
                             "certified"),
}  # fmt: skip


@pytest.mark.parametrize("persona", ["tough", "neutral"])
@pytest.mark.parametrize("answer", list(ANSWERS))
def test_team_size_and_learning_budget_each_get_their_own_reply(answer: str, persona: str) -> None:
    *reasons, text = first_reply(ANSWERS[answer], persona)
    assert reasons == ["answered_topic:team", "answered_topic:growth"], (reasons, text)
    assert GREW.search(text.lower()), text  # the team's growth is answered...
    assert LEARNING_MONEY.search(text.lower()), text  # ...and the money for learning
    assert SCENARIO.reactions is not None
    onboarding = SCENARIO.reactions.topic("training")
    assert onboarding is not None and onboarding.replies is not None
    assert not any(line in text for line in onboarding.replies.default), text


def test_the_live_answers_are_heard_as_one_sentence_per_question() -> None:
    said = ANSWERS["trial, live"](("question",)).sentences
    assert [s.text for s in said][:3] == [
        "Thanks.", "Has the team grown this year?", "And have you got a training budget?",
    ]  # fmt: skip
    assert ["question" in s.moves for s in said][1:3] == [True, True]


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Has headcount gone up since you joined?", "team"),
        ("is the department growing", "team"),
        ("Will you be adding people to the team next year?", "team"),
        ("how many people have left the team lately", "team"),
        ("Is there a learning allowance?", "growth"),
        ("do you cover external training", "growth"),
        ("Would I get study leave for exams?", "growth"),
        ("Does the company send people to conferences?", "growth"),
        ("is there a budget for certifications", "growth"),
        ("Is there formal training when I start?", "training"),
        ("who would show me the ropes", "training"),
        ("What would my first day look like?", "training"),
        ("how quickly do new people settle in", "training"),
        ("how much holiday would i get", "pay"),
        ("how many public holidays are there", "pay"),
        ("what about holidays", "pay"),
        ("how many days on holiday do you get", "pay"),  # trial 24
        # review: no culture line says how long people stay, and "hiring" before a noun
        # is the process, not the team's size: the neutral reply, or next steps
        ("What's staff turnover like?", None),
        ("What's your customer retention like?", None),
        ("Do people stay long?", None),
        ("what does the team hiring timeline look like", "next_steps"),
        ("how does the team hiring process work", "next_steps"),
        # a training budget is growth, not how new people start; a company's growth is
        # its market, a person's is growth
        ("Is the business growing?", "market"),
        ("Can I grow within the team?", "growth"),
    ],
)
def test_neighbouring_topics(question: str, topic: str | None) -> None:
    assert classify(question).topic == topic


def test_two_yes_no_questions_after_a_comma_on_two_topics_are_two() -> None:
    pieces = question_pieces("Is the team growing, and do you pay for conferences?")
    assert [p for p, _ in pieces] == ["is the team growing", "do you pay for conferences"]
    # ...while one on a single topic, or on none, stays one question
    assert question_pieces("Is it hybrid, and would I get a mentor?") == []
    assert question_pieces("Is the team growing, and is it growing fast?") == []


SCENARIOS = sorted((ROOT / "prompts").glob("*.toml"))


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_every_team_and_growth_line_answers_what_is_asked_under_it(path: Path) -> None:
    # any line of a topic may be said to any question on it (the pick is random): a team
    # line that gives no change in size leaves "Has the team grown?" unanswered, and a
    # growth line with no money for learning leaves "Is there a training budget?", and one
    # that says nothing of hiring ahead half answers "Are you hiring more next year?"
    reactions = load_scenario(path).reactions
    assert reactions is not None
    for topic, says in (("team", GREW), ("team", AHEAD), ("growth", LEARNING_MONEY)):
        spec = reactions.topic(topic)
        if spec is None or spec.replies is None:
            continue
        lines = [*spec.replies.default, *(t for _, ts in spec.replies.by_persona for t in ts)]
        assert all(says.search(line.lower()) for line in lines), (topic, lines)


# trial 25: "How does the team work with the operations side?" was answered with the team's
# size; how the team works with the rest of the business is a topic of its own
WORKS_WITH = {
    "trial, live": live(["How does the team work with the operations side?"]),
    "no marks": typed("so how does your team work with the sales people"),
    "who": typed("Who does the analytics team work most closely with?"),
    "stakeholders": live(["And who are the main stakeholders for the team?"]),
}  # fmt: skip
OTHER_TEAMS = re.compile(r"\b(?:operations|finance|departments|business|teams we support)\b")


@pytest.mark.parametrize("persona", ["tough", "neutral"])
@pytest.mark.parametrize("answer", list(WORKS_WITH))
def test_how_the_team_works_with_others_is_not_answered_with_its_size(
    answer: str, persona: str
) -> None:
    for seed in range(3):
        *reasons, text = first_reply(WORKS_WITH[answer], persona, seed)
        assert reasons == ["answered_topic:collaboration"], (reasons, text)
        assert OTHER_TEAMS.search(text.lower()) and not GREW.search(text.lower()), text


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("How does the team work with the operations side?", "collaboration"),
        ("how do you work with the other departments", "collaboration"),
        ("Is there much cross-functional work?", "collaboration"),
        ("Which teams would I partner with?", "collaboration"),
        # still the team: the people in it, and working alone or with them
        ("Who would I be working with day to day?", "team"),
        ("Would I be working mostly alone or with other analysts?", "team"),
        ("Does this team sit with the business or apart from it?", "collaboration"),
        ("How much contact is there with the regional offices?", "collaboration"),
        ("Is there a lot of back and forth with the legal team?", "collaboration"),
        # moving between teams is growth, not how teams work together (review: moving,
        # transferring, pay compared with other teams; a group's data, tools or agency)
        ("Can people move between teams?", None),
        ("Can I move to other teams later on?", None),
        ("Is it possible to transfer to other departments after a year?", None),
        ("Are other teams hiring too?", None),
        ("Do you work with sales data or mostly operations data?", None),
        ("Will I get to work with design tools at all?", None),
        ("Do you work with business intelligence tools like Tableau?", None),
        ("How do you work with the marketing agency?", None),
        ("How do you work with it?", None),
    ],
)
def test_working_with_other_teams_is_its_own_topic(question: str, topic: str | None) -> None:
    assert classify(question).topic == topic


def test_pay_beside_other_teams_is_still_pay() -> None:
    from voicecoach.analysis.topic_vectors import classify_question

    assert classify_question("Is the pay the same as other teams?") == "pay"


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_every_scenario_says_how_the_team_works_with_others(path: Path) -> None:
    reactions = load_scenario(path).reactions
    assert reactions is not None
    spec = reactions.topic("collaboration")
    assert spec is not None and spec.replies is not None
    assert all(OTHER_TEAMS.search(line.lower()) for line in spec.replies.default)


@pytest.mark.parametrize("persona", ["neutral", "tough", "friendly"])
def test_no_acknowledgement_between_two_replies(persona: str) -> None:
    # trial 24: "...there's a budget for courses and conferences. Okay. People here are
    # direct..." -- "Okay." came before the second reply, as if at something new
    acks = {"Sure.", "Right.", "Okay.", "Let's see.", "Fine.", "Briefly, then."}
    said = typed("Has the team grown this year? And what is the culture like here?")
    for seed in range(6):
        text = first_reply(said, persona, seed)[-1]
        sentences = re.split(r"(?<=[.?!])\s+", text)
        assert not any(s in acks for s in sentences[1:]), text


# an ask the ask check credits "asked about timing" gets the timeline, in whatever order
# Whisper wrote it; a wish to join with "when" in it that the check credits with no ask
# gets none (its "when" is the candidate's, not a question)
TIMING_ASKS = {
    # trial 53: "I would really like to join this team. When do you expect to make a
    # decision?", merged by Whisper into one sentence in statement order
    "I will really like to join this team when we expect to make a decision.": True,
    "I would really like to join this team. When do you expect to make a decision?": True,
    "I'd really like this role, so please let me know your decision.": True,
    "I would love to join the team when the new office opens.": False,
    "I hope to hear back from you soon.": False,
    # stop 54's review: a wish to join beside when the candidate can start asks nothing
    # of the interviewer's timing, and was promised a timeline
    "I would love to join you, and I can start on any date.": False,
    "I would like this role; I could start when my notice ends.": False,
    "I can start in March, so when will I hear back about the role?": True,
}


@pytest.mark.parametrize("heard_as", [typed, lambda text: live([text])], ids=["typed", "live"])
@pytest.mark.parametrize("answer", list(TIMING_ASKS))
def test_the_timeline_is_given_where_the_ask_check_credits_timing(
    answer: str, heard_as: Callable[[str], Heard]
) -> None:
    analysis_of = heard_as(answer)
    ask = next(c for c in analysis_of(("question",)).checks if c.key == "ask_for_job")
    credited = "asked about timing" in ask.detail
    assert credited == TIMING_ASKS[answer], ask.detail
    reasons = first_reply(analysis_of, "neutral")[:-1]
    assert ("held_for_goodbye:next_steps" in reasons) == credited, reasons
