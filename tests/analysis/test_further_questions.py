"""Two questions the recogniser ran together with "and" count as two; one question with
two clauses stays one."""

from __future__ import annotations

import pytest

from voicecoach.analysis import analyze_text
from voicecoach.analysis.evaluate import closing_facts
from voicecoach.analysis.questions import QuestionResult, further_questions, question_of


@pytest.mark.parametrize(
    ("text", "forms"),
    [
        ("what time does the shift start and is parking free for staff", ("yes_no",)),
        ("how big is the team and how many of them are remote.", ("open",)),
        ("so what would my first month look like and what tools do you use", ("open",)),
        ("who signs off the budget and how long before a new hire gets a laptop", ("open",)),
    ],
)
def test_run_on_questions_are_counted(text: str, forms: tuple[str, ...]) -> None:
    assert further_questions(text) == forms


@pytest.mark.parametrize(
    "text",
    [
        "Can you tell me how the rota works and what the budget is?",
        "How do you balance speed and quality?",
        "Do you know when you'll decide and who else is on the panel?",
        "Any of my managers would vouch for me, and is that something you'd check?",
        "Is it the sales team or the ops team, and why?",
        "Would I report to the CFO or to the controller?",
        "What do you enjoy most about working here?",
        # after a comma "and" goes on with the one question, as written closings ask it
        "Is the role hybrid, and would I get a mentor or a buddy?",
        "I know I have no professional experience yet, and, um, is that a problem?",
        "I read about the merger last month, and how will it change this team?",
        # a comma, "and" and a wh-question after a sentence that is not a question itself
        "Thanks so much, and when might I hear back?",
        "Thank you for your time today, and what's the best way to stay in touch?",
    ],
)
def test_one_question_stays_one(text: str) -> None:
    assert further_questions(text) == ()


def test_the_closing_counts_both_questions_of_a_run_on() -> None:
    a = analyze_text(
        "yeah just a couple. how big is the team and are the shifts fixed. "
        "i really want this job. thanks for your time."
    )
    facts = closing_facts(a, None)
    assert (facts["final_questions"], facts["open_questions"]) == (2, 1)
    (check,) = [c for c in a.checks if c.key == "final_questions"]
    assert "2 questions" in check.detail


@pytest.mark.parametrize(
    ("text", "own"),
    [
        # a trial's session: the recogniser ran the team question onto the next-steps one,
        # and the closing said "no questions about the role, team or company"
        ("what are the next steps in the process and how big is the team", 1),
        ("What are the next steps, and how does the team measure success?", 1),
        # what is run on is a probe or an ask itself: no question of their own
        ("Is there anything that worries you about my background and when will I hear back?", 0),
        ("what are the next steps and do you have any concerns about me", 0),
        ("What are the next steps and when can I expect to hear?", 0),
    ],
)
def test_a_question_run_onto_an_ask_is_still_the_candidates_own(text: str, own: int) -> None:
    a = analyze_text(f"{text} I really want this job. Thanks for your time.")
    # the run-on is read as an ask (sure, or unclear where the model is unsure)
    first = a.sentences[0]
    assert "ask_for_job" in first.moves | first.unclear, first
    check = a.check("final_questions")
    assert check is not None and check.status == ("done" if own else "missing"), check
    if own:
        assert check.detail.startswith("1 question (1 open)"), check.detail
        assert check.evidence[0].quote.startswith(text[:20]), check.evidence


@pytest.mark.parametrize(
    "text",
    [
        "Anything about me that makes you think twice.",
        "anything on my cv you would want me to explain",
        "Any chance you'd decide before the end of the month.",
        # the auxiliary dropped, said as a statement
        "You think my experience is enough for this position.",
        "you worried about anything with me",
        "You have some doubts about me because my English is not perfect.",
    ],
)
def test_an_elliptical_question_asks_without_its_mark(text: str) -> None:
    assert question_of(text) == QuestionResult(True, "yes_no")


@pytest.mark.parametrize(
    "text",
    [
        "Any offer would need to go past my family first.",
        "Anything is possible with the right team.",
        "Anything you need from me, just let me know.",
        "Any of my previous managers would tell you I turned stores around.",
        "Anything from logistics to budgeting, I've handled it.",
        "Any of my references will confirm that.",
        "Any day next week suits me.",
        "Anything else would be a bonus.",
        "Any doubts I had are gone.",
        "You have a really nice setup here.",
        "I think you need somebody who stays calm.",
    ],
)
def test_a_statement_that_opens_like_one_does_not_ask(text: str) -> None:
    assert not question_of(text).is_question


@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        ("When you will decide.", ""),
        ("when i can know the result", ""),
        ("Where I will be working, in the city or the airport.", ""),
        (
            "Thank you for your time, and please, when I can know the result.",
            "thank you for your time, and please",
        ),
        # run on after a statement, as the recogniser merges them
        ("I want very much this job when you will decide.", "i want very much this job"),
        (
            "This position I am very interested when I will know the result.",
            "this position i am very interested",
        ),
        # after a comma, the outcome asked for in other words (third review of stop 52)
        ("Thanks for today, when you'll get back to me.", "thanks for today"),
        ("Thanks so much, when we can talk about next steps.", "thanks so much"),
        # Whisper's "where" for "when": a relative "where" has no verb of the outcome after it
        (
            "For me this job is a dream, really, where I can know if I am chosen.",
            "for me this job is a dream, really",
        ),
        # "your time" is the thanks, not a time the clause says
        (
            "Thank you for your time, when I can know the result.",
            "thank you for your time",
        ),
        # the decision or the answer asked for by what is done with it
        ("Thank you for today, when you can give me an answer.", "thank you for today"),
        ("I really want to work here when you will make a decision.", "i really want to work here"),
        ("I liked the whole team, when we will reach a decision.", "i liked the whole team"),
        # the start of the job, with the job or the team it starts in
        (
            "I would be so glad to join the team, when I can start working.",
            "i would be so glad to join the team",
        ),
        ("I think I fit the role well, when I can begin with you.", "i think i fit the role well"),
        # to hear back, after a time too: the candidate cannot say when that is (review,
        # stop 53), by a comma or run on in the clause
        ("I can start in March, when I will hear back.", "i can start in march"),
        ("I can start in March when I will hear back.", "i can start in march"),
        ("I'm free from June, when we can hear from you.", "i am free from june"),
        # inverted, run on with no comma (review, stop 53), after a time too
        ("I'd love to join when will I hear back", "i would love to join"),
        ("I really want this job when do you expect to decide", "i really want this job"),
        ("I can start in March when will you decide.", "i can start in march"),
    ],
)
def test_a_question_without_inversion_asks(text: str, prefix: str) -> None:
    q = question_of(text)
    assert (q.is_question, q.form) == (True, "open")
    assert q.prefix == prefix


@pytest.mark.parametrize(
    "text",
    [
        "I'd like to know when you'll make your decision.",
        "I was wondering when you'll be letting people know.",
        "I'd love a rough date for when you'll know.",
        "Friday is good for me if that's when you'll call.",
        "When you can, send me the rota.",
        "When I started here I will admit it was hard.",
        "Call me when you decide.",
        "When I can't sleep I read the trade press.",
        # after a statement and a comma, a time or relative clause asks nothing (review1,
        # stop 52); only an ask about the outcome does ("..., please, when I can know")
        "I would be glad to start in March, when I can hand over my projects.",
        "I am looking for a company like yours, where I can grow.",
        "I hope to move into management, when I can show I am ready.",
        # after a time it says when (third review of stop 52)
        "I will be free in June, when I can start.",
        "I finish my contract in April, when I can start.",
        # nor with "will", which a speaker of another first language puts in a clause of
        # time too: run on in the clause, only an ask about the outcome asks, as after a
        # comma, and never after a time
        "I can start next month, when I will have finished my notice.",
        "I can start next month when I will have finished my notice.",
        "I would be happy to relocate when I will have my visa.",
        "We could sign the contract when you will be back from holiday.",
        "The project will be ready in June when we will test it.",
        # "start" with something else to start than the job
        "I'd like a role like this, when I can start something of my own.",
        "I want to lead a bigger team here when I will start my own projects.",
        # an inverted "when" run on after words that embed it, or after a wh-word
        "I am not sure when will they decide.",
        "I know how long it takes when will I start",
    ],
)
def test_a_when_clause_of_time_or_an_embedded_one_does_not_ask(text: str) -> None:
    assert not question_of(text).is_question


@pytest.mark.parametrize(
    "text",
    [
        "Should there be any reservations about my suitability, I would welcome a chance to"
        " address them.",
        "Should you need references, please call my last manager.",
        "Had I known about the role earlier, I would have applied last year.",
    ],
)
def test_an_inverted_condition_opens_a_statement(text: str) -> None:
    assert not question_of(text).is_question


@pytest.mark.parametrize(
    "text",
    [
        "Should I wait for an email, or would you call",
        "should i get my references ready for you",
        "Should you have doubts, is there anything I could clarify",
    ],
)
def test_a_question_that_opens_on_should_still_asks(text: str) -> None:
    assert question_of(text).is_question


@pytest.mark.parametrize(
    "text",
    [
        "Do techs get paid flat rate, or hourly.",
        "and do staff get free drinks",
        "Couple things, do analysts get to do threat hunting",
        "Does anything in my file worry you.",
        "Does not having a degree count against me",
    ],
)
def test_do_before_a_plural_noun_or_a_gerund_asks_yes_no(text: str) -> None:
    assert (question_of(text).is_question, question_of(text).form) == (True, "yes_no")


@pytest.mark.parametrize(
    "text",
    [
        "Do let me know if you need anything else.",
        "Do revert with the final decision at the earliest.",
        "Do keep me posted.",
    ],
)
def test_an_imperative_do_does_not_ask(text: str) -> None:
    assert not question_of(text).is_question


@pytest.mark.parametrize(
    "text",
    [
        "I would be glad to accept a role like this, should it be offered.",
        "I'd be delighted to join the team, were it to work out.",
        "I'd happily come back for a second chat, should that help.",
        "I rebuilt the billing pipeline, which was the hardest thing I've done.",
        "I've led two rewrites without an outage, which is the record you said you wanted.",
    ],
)
def test_a_late_condition_or_a_relative_clause_does_not_ask(text: str) -> None:
    assert not question_of(text).is_question


@pytest.mark.parametrize(
    "text",
    [
        "I can start Monday, should I bring my own tools?",
        "I've read the brief, which team would I sit with",
        "Thanks for today, which office would I be based in?",
    ],
)
def test_a_later_question_on_should_or_which_still_asks(text: str) -> None:
    assert question_of(text).is_question


@pytest.mark.parametrize(
    "text",
    [
        # an inverted "when" run on after a statement asks, as Whisper writes it, after a
        # time too: only a "when" clause in statement order says when
        "I'd be thrilled to come aboard, when will I hear back",
        "I can start next month, when will you decide",
        "My notice ends in May, when would you need me",
        "I finish in April, when exactly could I start",
    ],
)
def test_an_inverted_when_after_a_statement_asks(text: str) -> None:
    q = question_of(text)
    assert (q.is_question, q.form) == (True, "open")


@pytest.mark.parametrize(
    ("text", "form"),
    [
        (
            "Well, I think what I would like to ask is how the team measures whether its"
            " forecasts actually changed a decision.",
            "open",
        ),
        ("The one thing I wanted to ask you is whether the role is hybrid", "yes_no"),
        ("What I'd like to ask is when you'll make a decision.", "open"),
        ("what I wanted to ask was, is there a training budget", "yes_no"),
    ],
)
def test_a_cleft_frame_of_asking_puts_a_question(text: str, form: str) -> None:
    assert (question_of(text).is_question, question_of(text).form) == (True, form)


@pytest.mark.parametrize(
    "text",
    [
        "What I'd like to know is when you'll decide.",
        "What I want is a team that ships.",
        "What I wanted to ask about is already covered, thanks.",
    ],
)
def test_a_cleft_of_wanting_or_knowing_is_a_statement(text: str) -> None:
    assert not question_of(text).is_question


@pytest.mark.parametrize(
    ("text", "forms"),
    [
        # a wh-question of its own after a question, a comma and "and": Whisper writes the
        # pause between two questions as a comma
        (
            "what does onboarding look like for executives here, formally, and how much of "
            "the platform debt is the board willing to fund",
            ("open",),
        ),
        ("Which cloud are you on, and how long has the migration been running?", ("open",)),
        ("Is it hybrid, and how many days would I be in the office?", ("open",)),
    ],
)
def test_a_wh_question_after_a_question_and_a_comma_counts(
    text: str, forms: tuple[str, ...]
) -> None:
    assert further_questions(text) == forms


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("Yes, I have question how many people is working in the service team.", "open"),
        ("yeah just two things is the pharmacy open on sundays", "yes_no"),
        ("I have a couple of questions what does a normal week look like", "open"),
        ("one more question do new starters get a mentor", "yes_no"),
    ],
)
def test_a_question_straight_after_its_announcement_asks(text: str, form: str) -> None:
    # "I have a question" and the question run together, with no comma between them
    result = question_of(text)
    assert (result.is_question, result.form) == (True, form)


@pytest.mark.parametrize(
    "text",
    [
        "I have two things I would bring to this team.",
        "Just one more thing I wanted to mention about my notice period.",
        "I have a few questions that I'll send by email.",
    ],
)
def test_an_announcement_followed_by_a_statement_does_not_ask(text: str) -> None:
    assert not question_of(text).is_question


# Trial f2: "I was wondering how the team measures success in the first year." and, after
# a second's pause, "And what the biggest challenge for the team is right now.", written
# by Whisper as one sentence. Two indirect questions, each on its own known topic: two.
TRIAL_F2 = (
    "I was wondering how the team measures success in the first year, and what the biggest "
    "challenge for the team is right now."
)


@pytest.mark.parametrize(
    ("text", "forms"),
    [
        (TRIAL_F2, ("open",)),
        (
            "I'd love to know what success looks like in the first year and what the biggest "
            "challenge is.",
            ("open",),
        ),
        (
            "I'm curious about how the team measures success and what the biggest challenge "
            "is right now.",
            ("open",),
        ),
        (
            "I'd like to know how onboarding works, and also whether there's room to grow "
            "into a lead role.",
            ("yes_no",),
        ),
        ("Could you tell me about the culture here and how the team is structured?", ("open",)),
    ],
)
def test_two_embedded_questions_on_two_topics_count_twice(
    text: str, forms: tuple[str, ...]
) -> None:
    assert further_questions(text) == forms


@pytest.mark.parametrize(
    "text",
    [
        "How do sales and marketing work together?",
        "I was wondering how onboarding and training work for new hires.",
        "I'm curious what success and failure look like here.",
        # both sides on the same topic: one question put two ways
        "I'd like to know how the team measures success and what that means in the first year.",
        # a statement before the "and what": nothing asked before it
        "I've handled plenty of challenges, and what I learned is that success takes time.",
        # a side on no known topic: the words alone cannot tell one question from two
        "I was wondering how the rota works and what the budget is.",
    ],
)
def test_one_question_with_and_or_an_embedded_clause_stays_one(text: str) -> None:
    assert further_questions(text) == ()


def test_a_wh_question_of_its_own_after_and_is_a_second_question() -> None:
    # Decided: "what does success look like and how is it measured" is two questions, each
    # a wh-word with its own verb and inversion, as it was counted before (the run-on rule);
    # the second has no topic of its own, so the reply answers success once (test_reactions)
    assert further_questions("What does success look like and how is it measured?") == ("open",)


def test_the_closing_counts_both_embedded_questions_of_trial_f2() -> None:
    a = analyze_text(TRIAL_F2)
    check = a.check("final_questions")
    assert check is not None and check.detail.startswith("2 questions (2 open)"), check
    assert closing_facts(a, None)["final_questions"] == 2


@pytest.mark.parametrize(
    "text",
    [
        # unpunctuated speech: the phrase that sets the scene runs into the question
        "so with the new payroll system going live how much of my first month is training",
        "after the probation period what does a normal week look like for the team",
        "During peak season how many drivers are on each route.",
        "okay um on the night shift when do the breaks happen",
        "in terms of the budget how long do we usually have to sign things off",
        "For new graduates what kind of mentoring is there in the first year",
    ],
)
def test_a_wh_question_after_a_scene_setting_phrase_asks(text: str) -> None:
    assert (question_of(text).is_question, question_of(text).form) == (True, "open")


@pytest.mark.parametrize(
    "text",
    [
        "In the year when I was the lead we doubled the revenue.",
        "For the client who is the largest we built a new portal.",
        "With my last team I learned how much planning matters.",
        "For three years how much revenue I brought in grew every quarter.",
        "In the end what matters is the result.",
        "In my view what counts is the attitude.",
        "After a week on the floor how the tills work was second nature.",
    ],
)
def test_a_phrase_before_an_embedded_or_relative_clause_does_not_ask(text: str) -> None:
    assert not question_of(text).is_question


@pytest.mark.parametrize(
    "text",
    [
        # the frame names the question or the speaker's wondering; the question after it
        # keeps its own inverted order (Whisper left the "?" off: a closing voiced by
        # Festival lost its only question about the role this way)
        "Yeah, so I guess one thing I was, I was kind of wondering about was like how much"
        " say does the branch manager actually have over hiring.",
        "one thing I wanted to ask was how long does onboarding usually take",
        "the other thing is, like, how big is the night crew",
        "the thing I was curious about is what does a normal week look like",
    ],
)
def test_a_framed_question_in_its_own_order_asks(text: str) -> None:
    assert (question_of(text).is_question, question_of(text).form) == (True, "open")


@pytest.mark.parametrize(
    "text",
    [
        "the big question at my last job was how do we scale the night shift",
        "the thing is what is important to me here",
        "I was wondering how the team splits the work",
        "my job was where are the gaps in the data",
        # what the speaker or their team faced then
        "The thing was how much do we need to spend, and I cut it by a third.",
        "the last thing was how do we keep customers happy during the move",
        "The question I kept asking was why does this report take three days.",
        "What I always ask is how can we make this simpler, and that is why I redesigned it.",
        "What I tend to ask is how do we know it worked.",
    ],
)
def test_a_story_or_an_embedded_clause_after_is_or_was_does_not_ask(text: str) -> None:
    assert not question_of(text).is_question


def test_what_the_speaker_does_after_is_is_not_a_framed_question() -> None:
    text = (
        "Most of what you described, the vendor negotiations and the weekly forecasting, is"
        " what I already do every day."
    )
    assert not question_of(text).is_question


@pytest.mark.parametrize(
    "text",
    [
        # a request for the news of the hiring is a question (the guidelines: "Please let
        # me know what the next steps are"), with or without "kindly", "please do"
        "Kindly let me know the result of the interview.",
        "Please let me know the outcome.",
        "Please do let me know the outcome of the interview.",
        "Kindly inform me of the outcome.",
        "Let me know the final decision when you can.",
        "Please do tell me if anything I said worries you.",
    ],
)
def test_a_request_for_the_outcome_asks(text: str) -> None:
    assert question_of(text).is_question


@pytest.mark.parametrize(
    "text",
    [
        "Let me know the date and I will be there.",
        "Do let me know if you need references.",
        "I'll let you know the outcome of my other interview.",
    ],
)
def test_an_offer_or_a_promise_to_tell_does_not_ask(text: str) -> None:
    assert not question_of(text).is_question


@pytest.mark.parametrize(
    "text",
    [
        "The big thing is how do you keep morale up, and I did that with weekly check-ins.",
        "The next thing is what do I want to learn, and I want to learn management.",
    ],
)
def test_a_big_or_next_thing_is_a_point_made_not_a_question(text: str) -> None:
    assert not question_of(text).is_question


def test_the_trials_framed_question_asks_without_its_mark() -> None:
    """Live trial 49 (T2): said level, with no "?" from Whisper, the row read "no
    questions for the interviewer"."""
    from voicecoach.analysis import analyze_text

    said = "One thing I was wondering about was how much say does the branch manager have"
    a = analyze_text(said + " over hiring")
    assert question_of(said).is_question
    assert "question" in a.sentences[0].moves, a.sentences


@pytest.mark.parametrize(
    "text",
    [
        # said level, no "?": 0ab281e left "big" out of the frame for both (a review)
        "My big question is how does the team handle the busy season",
        "The next question is how do you measure success",
    ],
)
def test_a_big_question_framed_still_asks(text: str) -> None:
    assert question_of(text).is_question


def test_a_question_the_model_only_suspects_of_asking_for_the_job_still_counts() -> None:
    """Live trial 49 (R1): "...how much say does the branch manager have over hiring?" was
    a question, its ask for the job unsure ("hiring"), and the row read "no questions
    about the role, team or company": only questions run on after the first were counted."""
    from voicecoach.analysis import analyze_text

    said = (
        "One thing I was wondering about was how much say does the branch manager have over hiring?"
    )
    a = analyze_text(said, expects=("question",))
    check = a.check("final_questions")
    assert check is not None and check.status == "done", check
    # a next-steps question the model is sure of is still no question about the role
    ask = analyze_text("What are the next steps?", expects=("question",)).check("final_questions")
    assert ask is not None and ask.status == "missing", ask


def test_asking_whether_the_doubt_is_the_main_one_is_no_final_question() -> None:
    """Live re-trial 49 (R6): counted as a yes/no final question, and coached "Ask open
    questions"."""
    from voicecoach.analysis import analyze_text

    a = analyze_text(
        "What does the planning team struggle with most? That's fair. At my last job I"
        " rebuilt the planning process for a 40-person team. Is that the main worry, or is"
        " there something else?"
    )
    check = a.check("final_questions")
    assert check is not None and check.detail.startswith("1 question (1 open)"), check
    assert "Ask open questions" not in [p.title for p in a.coaching], a.coaching


@pytest.mark.parametrize(
    "said",
    [
        "What does the team struggle with most?",
        "What other concerns does the team have about the new system?",
        "Was that the biggest concern the last person in the role had?",
        "Are there any other worries the team has about the rollout?",
    ],
)
def test_a_question_on_other_peoples_worries_still_counts(said: str) -> None:
    """A review of R6: a question on the team's or the clients' worries is about the job,
    not a question whether the doubt just raised is the interviewer's main one."""
    from voicecoach.analysis import analyze_text

    check = analyze_text(said, expects=("question",)).check("final_questions")
    assert check is not None and check.detail.startswith("1 question ("), check


@pytest.mark.parametrize(
    ("said", "pay"),
    [
        # "raise" the verb is no pay rise (a review: "to avoid: about pay" for these)
        ("Is that the main concern customers raise?", False),
        ("What issues do new starters usually raise with their manager?", False),
        ("How does the team raise problems with leadership?", False),
        # the noun still is
        ("When would I be eligible for a raise?", True),
        ("How are raises decided here?", True),
        ("Is there an annual pay raise?", True),
    ],
)
def test_raise_the_verb_is_no_question_about_pay(said: str, pay: bool) -> None:
    from voicecoach.analysis import analyze_text

    check = analyze_text(said, expects=("question",)).check("final_questions")
    assert check is not None and ("about pay" in check.detail) is pay, check


def test_a_role_question_before_an_unsure_ask_still_counts() -> None:
    """A review of e9726ca: the ask the analysis labels but is unsure of ("..., and when
    would you want someone to start?") took the question about the role before it along:
    only the questions after the first were read."""
    from voicecoach.analysis import analyze_text

    said = "What would my first week look like, and when would you want someone to start?"
    check = analyze_text(said, expects=("question",)).check("final_questions")
    assert check is not None and check.detail.startswith("1 question (1 open)"), check


@pytest.mark.parametrize(
    "said",
    [
        "How big is the team, and what is the timeline for a decision?",
        "Who would I report to, and when would you need someone to start?",
    ],
)
def test_a_role_question_before_an_ask_still_counts(said: str) -> None:
    from voicecoach.analysis import analyze_text

    check = analyze_text(said, expects=("question",)).check("final_questions")
    assert check is not None and check.detail.startswith("1 question (1 open)"), check
    # a lone ask is still none
    ask = analyze_text("Is there anything else you need from me?", expects=("question",))
    check = ask.check("final_questions")
    assert check is not None and check.status == "missing", check


@pytest.mark.parametrize(
    "text",
    [
        # Whisper's sentences for two of a closing's, voiced by espeak-ng and Festival slt
        "I'd really like this role and what's the timeline from here.",
        "I really want this job and when will I hear back?",
        "thanks so much and when might I hear back?",
    ],
)
def test_a_statement_run_onto_a_question_asks_once(text: str) -> None:
    assert further_questions(text) == ()


def test_the_closing_counts_a_statement_run_onto_a_question_once() -> None:
    a = analyze_text(
        "Um, yes, I did have a question. How do you measure the customer success managers, "
        "is it churn or NPS or something else? I handled about eighty calls a day. "
        "I'd really like this role and what's the timeline from here. Thank you for your time."
    )
    facts = closing_facts(a, None)
    assert (facts["final_questions"], facts["open_questions"]) == (2, 2)


# Whisper's sentences for closings said "How are the rounds worked out, is it the same
# clients every week?" and "How are associates staffed onto projects, is it by sector or by
# whoever's free?", in espeak-ng's and Festival slt's voices: the comma became a full stop
def test_a_guess_at_the_answer_after_an_open_question_asks_with_it() -> None:
    a = analyze_text(
        "Yes, just a couple of things. How are the rounds worked out? Is it the same clients "
        "every week? I really want this job, Janet. How are associates staffed onto projects? "
        "Is it by sector or by, whoever's free? Thank you so much for seeing me today."
    )
    facts = closing_facts(a, None)
    assert (facts["final_questions"], facts["open_questions"]) == (2, 2)
    (check,) = [c for c in a.checks if c.key == "final_questions"]
    assert check.detail.startswith("2 questions (2 open)")


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # a new question after the open one, or a guess after a yes/no one
        ("What's the salary? Is it possible to work from home?", 2),
        ("What are the hours like? Do I get a parking space?", 2),
        ("Is the role hybrid? Is it three days in the office?", 2),
        # a statement between them: the guess no longer follows its question
        ("What's the team like? I ask because I like small teams. Is it small?", 2),
        ("What's the pay like? Or is it mostly commission?", 1),
    ],
)
def test_only_a_guess_straight_after_an_open_question_joins_it(text: str, count: int) -> None:
    assert closing_facts(analyze_text(text), None)["final_questions"] == count


def test_a_question_after_an_announcement_still_asks_before_the_and() -> None:
    # closing 121: the question before the "and" follows "yeah a couple things"
    said = (
        "yeah a couple things what's the biggest project you have going right now "
        "and how many subs would i be managing on site."
    )
    assert further_questions(said) == ("open",)
