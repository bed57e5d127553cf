"""Questions about a raise, a bonus or how pay is reviewed are pay, and the interviewer
defers them; "raise" the verb and a bonus that is only a plus are not (a review of stop
49: "When would I get a raise?" read as next steps). Through the real scenario, analyzer
and conversation driver, with the sentence model when it is installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from voicecoach.analysis.analyzer import analyze_text
from voicecoach.analysis.topic_vectors import classify_question
from voicecoach.analysis.topics import classify
from voicecoach.profile import load_profile
from voicecoach.rehearsal.conversation import Conversation
from voicecoach.scenario import load_scenario, plan

ROOT = Path(__file__).resolve().parents[2]
PROFILE = load_profile(ROOT / "samples" / "profile.toml")
SCENARIO = load_scenario("final-close")

PAY = [
    "When would I get a raise?",
    "Are raises based on performance?",
    "Do people get a raise after probation?",
    "How often do you review pay?",
    "How often are pay reviews?",
    "When would I be due a rise?",
    "Is the pay negotiable?",
    "How much would I earn in the first year?",
    "Is there a cost of living increase?",
    "Do you pay commission on sales?",
    # the package offered (stop 51)
    "What does the package look like?",
    "Can you tell me a bit about the package?",
    "What's included in the benefits package?",
    "Tell me about the package that comes with the role.",
    # what the work at those hours pays (review of stop 52, M1: no topic once the hours
    # rule went)
    "Do you pay extra for on call?",
    "Is on call compensated?",
    "How does the on-call allowance work?",
    "Is there TOIL for on-call?",
    "What's the on-call allowance?",
    "Is on-call paid?",
    "Would I be paid for on-call shifts?",
    "What does the on-call pay look like?",
    "Do I get paid for working weekends?",
    "Is there a weekend premium?",
    "Do you pay time and a half for weekends?",
    "Do you get time off in lieu for weekend work?",
    "Are evenings paid at a higher rate?",
]
NOT_PAY = [
    "How would I raise a concern with my manager?",
    "Did the company raise money this year?",
    "Who raises purchase orders here?",
    "Would I get bonus points for knowing Python?",
    "Would SQL be a bonus?",
    "Has there been a rise in demand since the launch?",
    "How will the European Commission's new rules affect the team?",
    # a software package or a parcel is not the one offered
    "What package manager do you use?",
    "What does the package do that the old one didn't?",
    "Who signs for the packages at the front desk?",
    "Will I be working on the package that handles payments?",
    "Tell me about the package you use for deployment.",
    "Do you do team socials at weekends?",
]


@pytest.mark.parametrize("question", PAY)
def test_a_question_on_a_raise_a_bonus_or_a_pay_review_is_pay(question: str) -> None:
    assert classify(question).topic == "pay"
    assert classify_question(question) == "pay"


@pytest.mark.parametrize("question", NOT_PAY)
def test_raise_the_verb_or_a_bonus_as_a_plus_is_not_pay(question: str) -> None:
    assert classify(question).topic != "pay"
    assert classify_question(question) != "pay"


@pytest.mark.parametrize("question", ["When would I get a raise?", "How often is pay reviewed?"])
def test_the_interviewer_defers_a_question_on_a_raise(question: str) -> None:
    talk = Conversation(SCENARIO, plan(SCENARIO, PROFILE, 5), profile=PROFILE, seed=5,
                        persona="neutral", may_insert=False)  # fmt: skip
    first = talk.first()
    reply = talk.next(first, analyze_text(f"Yes. {question}", PROFILE, expects=first.expects))
    assert reply is not None and reply.reasons == ("deferred_pay_question",), reply


def test_a_last_question_on_a_raise_is_coached_as_pay() -> None:
    check = analyze_text("Are raises based on performance?", expects=("question",)).check(
        "final_questions"
    )
    assert check is not None and "about pay" in check.detail, check
    plus = analyze_text("Would I get bonus points for knowing Python?", expects=("question",))
    check = plus.check("final_questions")
    assert check is not None and "about pay" not in check.detail, check


def test_a_last_question_on_the_package_is_coached_as_pay() -> None:
    """The analyzer's "about pay" reads the package as the topic rules do (one rule)."""
    check = analyze_text("What does the package look like?", expects=("question",)).check(
        "final_questions"
    )
    assert check is not None and "about pay" in check.detail, check
    tools = analyze_text("What package manager do you use?", expects=("question",))
    check = tools.check("final_questions")
    assert check is not None and "about pay" not in check.detail, check


@pytest.mark.parametrize(
    ("question", "pay"),
    [
        ("Is the team busy over the holidays?", False),  # the season, a time
        ("Is it quiet on the ward during the holidays?", False),
        ("Is the team busy over the Christmas holidays?", False),
        ("Is the office open through the holidays?", False),
        # trial 54: a pharmacy's stock, heard in a concern answer, was coached as time off
        ("At the pharmacy, can I learn the supply of calendars, the holiday peaks?", False),
        ("How do you staff the holiday trade?", False),
        ("How many holidays do I get a year?", True),  # holidays taken
    ],
)
def test_the_holidays_as_a_time_are_not_coached_as_pay(question: str, pay: bool) -> None:
    """...by the analyzer's "about pay" and the topic rules alike (one rule for the season)."""
    check = analyze_text(question, expects=("question",)).check("final_questions")
    assert check is not None and ("about pay" in check.detail) == pay, check
    assert (classify(question).topic == "pay") == pay


@pytest.mark.parametrize(
    "question",
    [
        "Is the team working evenings to hit the deadline right now?",
        "Does anyone work nights during peak season?",
        "Are weekends ever needed before a launch?",
        "What are the hours like?",
        # the older rules' phrases and the live trial's question (stop 51, M4)
        "Would I work evenings and weekends?",
        "What are the working hours?",
        "Would I be on call?",
        "Is there an on call rota?",
        "Do people work long hours?",
        "Do people work weekends often?",
        "Are people expected to stay late?",
        "How many hours a week is it?",
        "Are the hours flexible, or is it nine to five?",
        "Do people work evenings?",
        "Would I need to work extra shifts at Christmas?",  # more of the work, not of pay
        "What's the turnover rate on the night shift?",
        # "extra" of the work, a rate of anything, a shift that is a change, "pay down"
        # (third review of stop 52: each of these had become pay)
        "Are there extra responsibilities when on call?",
        "What's the on-call incident rate?",
        "Has the shift to hybrid changed the hiring rate?",
        "How does the team pay down tech debt, is there a rota?",
    ],
)
def test_working_hours_are_not_pay(question: str) -> None:
    """When the work is done is no question about pay: the interviewer answers it, and the
    close is not coached as having raised pay (review s51: "working evenings to hit the
    deadline" was deferred to HR and coached "Pay came up at the close"). Neither the rules
    nor the embedding's fallback (live trial 51, M4: "Would I work evenings and weekends?"
    was nearest the pay centroid, and a word of hours let it through) make it pay."""
    assert classify(question).topic != "pay"
    assert classify_question(question) != "pay"
    check = analyze_text(question, expects=("question",)).check("final_questions")
    assert check is not None and "about pay" not in check.detail, check


def test_the_interviewer_does_not_defer_a_question_on_the_hours() -> None:
    """Live trial 51, M4: "Would I work evenings and weekends?" got the recruiter's
    deferral. Paid overtime is still pay, and still deferred."""
    talk = Conversation(SCENARIO, plan(SCENARIO, PROFILE, 5), profile=PROFILE, seed=5,
                        persona="neutral", may_insert=False)  # fmt: skip
    first = talk.first()
    said = "Yes. I would really like this job. Would I work evenings and weekends?"
    reply = talk.next(first, analyze_text(said, PROFILE, expects=first.expects))
    assert reply is not None and "deferred_pay_question" not in reply.reasons, reply
    assert classify_question("Do people get paid overtime?") == "pay"


def test_the_interviewer_defers_a_question_on_what_on_call_pays() -> None:
    """Review of stop 52, M1: the analysis coached "Is on call compensated?" as pay while
    the interviewer gave it the neutral reply; both read it as pay now."""
    talk = Conversation(SCENARIO, plan(SCENARIO, PROFILE, 5), profile=PROFILE, seed=5,
                        persona="neutral", may_insert=False)  # fmt: skip
    first = talk.first()
    said = "Yes. Is on call compensated?"
    reply = talk.next(first, analyze_text(said, PROFILE, expects=first.expects))
    assert reply is not None and reply.reasons == ("deferred_pay_question",), reply
    check = analyze_text("Is on call compensated?", expects=("question",)).check("final_questions")
    assert check is not None and "about pay" in check.detail, check
