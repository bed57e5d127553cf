"""A check-back ("Does that answer your question?") asks whether the candidate's own answer
landed: it is no final question, no topic, and no invitation to voice a doubt."""

from __future__ import annotations

import pytest

from voicecoach.analysis import analyze_text
from voicecoach.analysis.check_back import check_backs, checks_doubt, is_check_back
from voicecoach.analysis.evaluate import closing_facts
from voicecoach.analysis.rules import label

CHECK_BACKS = [
    "Does that answer your question?",
    "Does that make sense?",
    "Is that helpful?",
    "Does that help?",
    "Did I answer that?",
    "Is that what you were looking for?",
    "Was that clear?",
    "Does that cover it?",
    "Has that answered your question?",
    "Did that make sense to you?",
    "Am I making sense?",
    "Was I clear enough?",
    "Did I explain that well enough?",
    "Did I cover everything you wanted?",
    "Is that the kind of answer you were looking for?",
    "Does that answer your question about the budget?",
    "Does that kind of answer it?",
    "Is that more or less what you were asking about?",
    "Did I answer that clearly enough?",
    # negated, and how it sounded (a user trial: "Does that sound okay?" was told to ask
    # the hiring manager)
    "Doesn't that answer your question?",
    "Didn't I answer that?",
    "Isn't that clear?",
    "Does that sound okay?",
    "Does that sound about right?",
    "Does that sound like what you need?",
    # as Whisper misheard "Does that answer your question?" live in the same trial
    "Doesn't I answer your question?",
]
NOT_CHECK_BACKS = [
    "Does that role involve travel?",
    "Is that team remote?",
    "Does it make sense to start in March?",
    "Is that something the team is working on?",
    "Is that what the team is working on?",
    "Does that help the team hit its targets?",
    "Does the salary sound okay?",
    "Does it sound okay to start in May?",
    "Does that sound like a plan?",
    "Is it clear who I would report to?",
    "Would that help?",  # an offer ("I can send references, would that help?")
    "Does that work for you?",  # a proposal ("I could start in May...")
    "Is that okay?",
    "How does that help?",
    "Did I get the job?",
    "Do I answer to the director?",
    # probes about the doubt: read as concerns probes, as before
    "Does that address your concern?",
    "Does that answer your concern?",
    # an offer to say more, with a hint of doubt (labelled a concerns probe)
    "Did I answer the question about budgets clearly enough, or should I expand?",
    "Would it help if I said a little more about the statistics side, or was that clear enough?",
]


def spoken(text: str) -> str:
    """As Whisper may give it: lower case, no question mark, with a filler."""
    return "um " + text.lower().rstrip("?")


@pytest.mark.parametrize("text", CHECK_BACKS)
def test_a_question_about_the_answer_itself_is_a_check_back(text: str) -> None:
    assert is_check_back(text)
    assert is_check_back(spoken(text)), spoken(text)
    assert is_check_back(f"So, yeah, {text[0].lower()}{text[1:]}")


@pytest.mark.parametrize("text", NOT_CHECK_BACKS)
def test_a_question_to_the_interviewer_is_not_one(text: str) -> None:
    assert not is_check_back(text)
    assert not is_check_back(spoken(text)), spoken(text)


def test_a_statement_before_it_does_not_matter_but_a_question_does() -> None:
    assert is_check_back("I led three analysts for a year, does that make sense?")
    assert is_check_back("i led three analysts for a year does that make sense")
    assert not is_check_back("How big is the team, does that make sense?")
    assert not is_check_back("In what way does that make sense?")


def test_said_as_a_statement_it_needs_its_question_mark() -> None:
    assert is_check_back("Make sense?") and is_check_back("Hopefully that answers your question?")
    assert not is_check_back("Makes sense.")  # agreeing with the interviewer
    assert not is_check_back("That makes sense")
    assert not is_check_back("I think that makes sense.")  # agreeing, not hoping


# Hoped for, it needs no question mark: a user trial's "I hope that answers your question."
# got the reply to the next turn's line and no word on the answer, where "Does that answer
# your question?" got the yes.
HOPED = [
    "I hope that answers your question.",
    "I hope that makes sense.",
    "I hope that helps.",
    "Hopefully that covers it.",
    "I hope that was clear.",
    "Hopefully that gives you what you needed.",
    # a user trial, live: said without "I", and Whisper's "I hope answer your question."
    "Hope that answers your question.",
    "I hope answer your question.",
    "Hope that helps.",
]
# Hopes about something else: the role, the team, the start date, hearing back.
NOT_HOPED = [
    "I hope to hear from you soon.",
    "I hope that's not a problem for the start date?",
    "Hopefully the team is hybrid.",
    "I hope that helps the team hit its targets.",
    "I hope it works out.",
    "Hopefully that is not an issue.",
    "I hope this role is still open next month.",
    "I hope that makes sense for the budget?",
    "Hope to hear from you soon.",
    "Hope the move goes well.",
    "I hope clear skies for the offsite.",
]


@pytest.mark.parametrize("text", HOPED)
def test_a_hope_that_the_answer_landed_is_a_check_back_without_its_mark(text: str) -> None:
    assert is_check_back(text)
    assert is_check_back(spoken(text)), spoken(text)
    assert is_check_back(f"So yeah, {text[0].lower()}{text[1:]}")
    assert is_check_back(f"I led the team for two years, {text[0].lower()}{text[1:]}")


@pytest.mark.parametrize("text", NOT_HOPED)
def test_a_hope_about_anything_else_is_not_one(text: str) -> None:
    assert not is_check_back(text)
    assert not is_check_back(spoken(text)), spoken(text)


def test_a_bare_did_it_asks_whether_the_hope_came_true() -> None:
    assert check_backs(["I hope that answers it.", "Did it?"]) == (True, True)
    assert check_backs(["I hope that answers it.", "did it"]) == (True, True)
    assert check_backs(["I led the team.", "Did it?"]) == (False, False)
    assert check_backs(["Did it?"]) == (False,)


def test_a_check_back_is_a_question_but_no_concerns_probe() -> None:
    assert label("Did I answer that clearly enough?").moves == {"question"}
    assert label("Does that make sense?").moves == {"question"}
    a = analyze_text("Did I answer that clearly enough?", expects=("concerns",))
    assert [sorted(s.moves) for s in a.sentences] == [["question"]]
    probe = analyze_text("Does that address your concern?", expects=("concerns",))
    assert [sorted(s.moves) for s in probe.sentences] == [["concerns", "question"]]


DOUBT_CHECKS = [
    "Does that address your concern?",
    "Did that answer your doubts about the budget?",
    "Has that eased your worries at all?",
    "Does that put your mind at rest?",
    "So, does my answer address the concern about my budget experience?",
    "Did I address your reservations?",
]
NOT_DOUBT_CHECKS = [
    "How does that address your concern?",  # asks how, not whether
    "Does the team address concerns from customers?",
    "What concerns do you have about my background?",  # a probe, but by the model's words
    "Does that make sense?",  # a check-back on the answer alone
    "Did that resolve it?",
]


@pytest.mark.parametrize("text", DOUBT_CHECKS)
def test_a_check_on_the_interviewers_doubt_is_a_concerns_probe(text: str) -> None:
    # model (q) gave "Does that address your concern?" 0.37 for concerns: no training
    # sentence is like it, so its words decide
    assert checks_doubt(text) and checks_doubt(spoken(text))
    assert not is_check_back(text)
    for said in (text, spoken(text)):
        (sentence,) = analyze_text(said, expects=("concerns",)).sentences
        assert "concerns" in sentence.moves and "concerns" not in sentence.unclear, said


@pytest.mark.parametrize("text", NOT_DOUBT_CHECKS)
def test_other_questions_are_no_check_on_the_doubt(text: str) -> None:
    assert not checks_doubt(text)


def test_a_check_back_is_not_a_final_question() -> None:
    a = analyze_text("How big is the team? Does that make sense?", expects=("question",))
    check = a.check("final_questions")
    assert check is not None and check.detail.startswith("1 question (1 open)"), check.detail
    assert [e.quote for e in check.evidence] == ["How big is the team?"]
    assert closing_facts(a, None)["final_questions"] == 1
    alone = analyze_text("I led the budget at my last job. Does that make sense?")
    check = alone.check("final_questions")
    assert check is not None and check.status == "missing"
    assert check.detail == "no questions for the interviewer"
    assert closing_facts(alone, None)["final_questions"] == 0
    # run on after a real question, it does not count either
    run_on = analyze_text("how big is the team and does that make sense", expects=("question",))
    assert closing_facts(run_on, None)["final_questions"] == 1
