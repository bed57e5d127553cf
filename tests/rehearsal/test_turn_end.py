"""End-of-turn decisions from the partial transcript (pure, with the real analyzer rules)."""

from __future__ import annotations

import pytest

from voicecoach.rehearsal.turn_end import (
    Heard,
    answer_over,
    asks_for_time,
    expects_met,
    only_opens,
    recap_begun,
    required_silence_s,
    required_wait,
    sentence_complete,
)
from voicecoach.settings import Thresholds

T = Thresholds()


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for your time today.",
        "When do you expect to make a decision?",
        "I want this job",  # no full stop yet: the words decide
        "Is there a chance to grow into a leadership role",
        "Thanks, I really enjoyed it. See you soon!",
    ],
)
def test_finished_sentences(text: str) -> None:
    assert sentence_complete(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Yes, I do have a couple of questions. What I'd really like to know is",
        "What I'd really like to know is.",  # Whisper's full stop after a cut phrase
        "The thing that drew me to this company was...",
        "I think my strongest point is,",
        "Is there anything in my background that",
        "I would like to, um",
        "I would like to, erm",  # the fillers Whisper spells either way wait alike
        "I am keen on the role, uhm",
        "And the",
    ],
)
def test_unfinished_sentences(text: str) -> None:
    assert not sentence_complete(text)


@pytest.mark.parametrize(
    "text",
    [
        "Who would I report to?",  # a question's stranded preposition
        "What would I be working on?",
        "Who must I get sign-off from?",  # every modal may be fronted
        "I'd like to know who I would report to.",
        "I would love that.",  # "that" as an object
        "I'm glad to hear that.",
        "I've been thinking about it for a while.",
        "That's a fair point, though.",
        "What I'd really like to know is how you measure success.",
        "What I bring is eight years of forecasting.",
        "What I loved was the team's energy.",
        "What I'd stress, above all, is that I learn fast.",
        "What I should prepare for the next round?",  # a question, even in this order
        "What I built at Acme cut forecast error by a third.",  # its main verb is there
        "What I'd bring would be eight years of forecasting.",
        "What I'd add: I learn fast.",
    ],
)
def test_complete_sentences_on_a_word_that_often_goes_on(text: str) -> None:
    assert sentence_complete(text)


@pytest.mark.parametrize(
    "text",
    [
        # thinking pauses mid-sentence from bench/data/answers.txt, some of which the
        # analyzer's unfinished.ending lets end
        "What would you expect me to",
        "What would you expect me to?",  # Whisper may hear the question start as one
        "Do you have any doubts about?",
        "My plan for the first month would be to",
        "Is there anything in my background that",
        "Before we wrap up, I wanted to say that",
        "How has the role changed since",
        "What I'm most excited about",  # the subject of "... is the team"
        "I think what I would bring to",
        "It would be",
        "I would like to, um",
        "I'd love to hear about the. Um.",
        "We could start in March, so",
        "I really enjoyed it, and",
        "What I really like to know.",  # Whisper dropped the "is" (trial 9, stop 32)
        "What we would want to avoid.",
        "What I'd like to ask you.",  # a review (stop 32): these ended at once
        "What I really enjoyed.",
        "What I learned.",
        "I want this job. What I enjoyed most about today.",
    ],
)
def test_fragments_the_analyzer_might_let_end_still_wait(text: str) -> None:
    assert not sentence_complete(text)


@pytest.mark.parametrize(
    "text",
    [
        "Thank you, Dr.",  # a title's full stop ends no sentence: its name is to come
        "I trained under Mrs.",
        "Thanks so much. I'll pass that on to Mr",
        "I worked with Dr. Okafor and",  # the sentence goes on past the title
        # the professor's short form as a title (stop 52 let it end the turn)
        "It was a pleasure, Prof.",
        "I did my thesis with Prof.",
        "Thanks again. Prof.",
    ],
)
def test_a_title_waits_for_its_name(text: str) -> None:
    assert not sentence_complete(text)


@pytest.mark.parametrize(
    "text",
    [
        "Thank you, Dr. Okafor.",
        "I trained under Dr. Im.",  # the surname alone is no fragment of "I'm"
        "It's a chance I'd hate to miss.",
        "I'd love to be a professor.",
        "I have an MS.",  # the degree, not "Ms"
        "Thank you for having me. I have a bachelor degree in biology and an MS.",
        "I was a TA for a prof.",
        "My mentor was a Prof.",  # a noun after "a", whatever its case
        "I marked papers for a Prof. It was hard work.",
        # a noun after "the" or a possessive too (stop 53's review)
        "Yes, I met the Prof.",
        "I still write to my Prof.",
        "It was a pleasure, Prof. Adeyemi.",
        "I have a BSc and an MS.",
    ],
)
def test_a_sentence_ends_on_the_name_after_a_title(text: str) -> None:
    assert sentence_complete(text)


def test_a_complete_answer_that_did_its_job_ends_in_well_under_a_second() -> None:
    heard = Heard("Thank you so much for your time today.", current=True, expects_met=True)
    assert required_silence_s(heard, T) == T.end_complete_s < 1.0
    assert not answer_over(heard, 0.2, T) and answer_over(heard, T.end_complete_s, T)


def test_a_complete_sentence_missing_the_asked_move_waits_several_seconds() -> None:
    heard = Heard("I enjoyed meeting the team.", current=True, expects_met=False)
    assert required_silence_s(heard, T) == T.end_unmet_s >= 3.0
    assert not answer_over(heard, 2.0, T)


@pytest.mark.parametrize(
    "text",
    [
        "Yes. I have one more question, if that's okay.",
        "Thanks. I do have a couple of questions.",
    ],
)
def test_a_sentence_announcing_more_waits_like_a_missing_move(text: str) -> None:
    heard = Heard(text, current=True, expects_met=True)
    assert required_silence_s(heard, T) == T.end_unmet_s


@pytest.mark.parametrize("met", [True, False])
@pytest.mark.parametrize(
    "text",
    [
        "I want this job. Let me think about that for a second.",
        "Thank you. Give me a moment.",
        "I really enjoyed today. That's a good question.",
        "Hmm, good question. Let me see here.",
        "That's a great question, thank you.",
    ],
)
def test_asking_for_a_moment_waits_for_the_last_resort(text: str, met: bool) -> None:
    """The end-of-turn set's "Let me think about that for a second. [5.0] ..." was cut at
    the 4 s wait: asking for time waits like a sentence cut off."""
    assert asks_for_time(text)
    assert required_silence_s(Heard(text, current=True, expects_met=met), T) is None


@pytest.mark.parametrize(
    "text",
    [
        "Um, let me think I'm out and out.",  # trial 20's "Hmm, let me think about that."
        "Let me think I'm out of that.",  # tiny.en on a TTS "Let me think about that."
        "Um, let me think I'm out now.",
        "Good question, let me think of a boat.",
        "I want this job. Give me a second to sink.",
        "Let me think of an example I have.",  # thinking still: no example yet
    ],
)
def test_a_request_whose_rest_whisper_misheard_still_asks_for_time(text: str) -> None:
    """Whisper hears a request's first words but may mishear the rest: a sentence that
    opens with them and goes on no longer than a request does waits the last resort."""
    assert asks_for_time(text)
    assert required_silence_s(Heard(text, current=True, expects_met=False), T) is None


@pytest.mark.parametrize(
    ("text", "wait"),
    [
        # the answer has begun after the request: the words after a comma are its own
        ("Let me see, I would love this job.", T.end_unmet_s),
        # longer than any request: an example under way
        ("Let me think of an example I have from Acme where I cut costs.", T.end_unmet_s),
        ("Let me tell you, I want this job.", T.end_unmet_s),  # no request at all
    ],
)
def test_a_sentence_that_opens_like_a_request_but_answers_keeps_its_wait(
    text: str, wait: float
) -> None:
    assert not asks_for_time(text)
    assert required_silence_s(Heard(text, current=True, expects_met=False), T) == wait


def test_a_question_that_opens_like_a_request_asks_it() -> None:
    text = "Let me see what the next steps are?"
    assert not asks_for_time(text) and not only_opens(text)
    assert asks_for_time("Let me see what the next steps are.")  # said as thinking aloud


@pytest.mark.parametrize(
    "text",
    [
        "That's a great question, I'd say my biggest strength is communication and I really "
        "want this role.",
        "I'm really excited about this role and I'd love to join the team. Thanks for the "
        "great question.",
        "Yes, one good question: what does success look like in the first ninety days?",
        "No, I think you've answered every hard question I had. Thank you for your time.",
    ],
)
def test_a_finished_answer_that_mentions_a_question_is_not_asking_for_time(text: str) -> None:
    # a review (stop 32): each of these waited 6 s, though each had done its move
    assert not asks_for_time(text)
    heard = Heard(text, current=True, expects_met=True)
    assert required_wait(heard, T) == (T.end_complete_s, "finished")


def test_an_unfinished_sentence_waits_for_the_last_resort_only() -> None:
    heard = Heard("What I'd really like to know is", current=True, expects_met=True)
    assert required_silence_s(heard, T) is None
    assert not answer_over(heard, 5.0, T)  # the recorder's end_silence_s decides
    assert T.end_silence_s > 3.6  # a 3.6 s thinking pause is safe


def test_words_not_transcribed_yet_never_end_the_answer() -> None:
    heard = Heard("Thank you for your time today.", current=False, expects_met=True)
    assert required_silence_s(heard, T) is None


def test_expects_judged_by_the_analyzer_rules_on_the_partial_text() -> None:
    assert expects_met("Thank you so much for your time today.", ["thanks"])
    assert not expects_met("Let me think about that for a second.", ["thanks"])
    ask = ["interest", "ask_for_job"]
    assert not expects_met("I am really excited about this role.", ask)
    assert expects_met(
        "I am really excited about this role and I would love to join your team. "
        "When do you expect to make a decision?",
        ask,
    )
    assert expects_met("Anything at all.", [])  # a turn that asks nothing


# ---- the voice cue (analysis/ending.py) -------------------------------------------------


@pytest.mark.parametrize("ending", ["level", "rising"])
def test_a_finished_looking_statement_in_a_held_voice_waits(ending: str) -> None:
    # "I think." heard at a thinking pause mid-sentence: the words look finished, the
    # pitch says more is coming
    heard = Heard("I'm very interested in this position. I think.", True, True, ending)
    assert required_silence_s(heard, T) == T.end_held_s
    assert T.end_complete_s < T.end_held_s <= T.end_silence_s
    assert not answer_over(heard, T.end_complete_s, T)
    assert answer_over(heard, T.end_held_s, T)


@pytest.mark.parametrize("ending", ["falling", "unknown"])
def test_a_falling_or_unread_end_keeps_the_words_decision(ending: str) -> None:
    heard = Heard("Thank you so much for your time today.", True, True, ending)
    assert required_silence_s(heard, T) == T.end_complete_s


def test_a_question_may_rise_at_its_end() -> None:
    heard = Heard("Could you walk me through the timeline from here?", True, True, "rising")
    assert required_silence_s(heard, T) == T.end_complete_s


def test_the_voice_never_shortens_the_other_waits() -> None:
    unfinished = Heard("What I'd really like to know is", True, True, "falling")
    assert required_silence_s(unfinished, T) is None
    unmet = Heard("I enjoyed meeting the team.", True, False, "falling")
    assert required_silence_s(unmet, T) == T.end_unmet_s
    not_yet = Heard("Thank you for your time today.", False, True, "falling")
    assert required_silence_s(not_yet, T) is None


# ---- an opener before the answer, and how an ending is named ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "That's a fair point.",
        "Um, that's a really good question.",
        "That's fair.",
        "Good question, let me think.",
        "That's a fair point, though.",
        "Yes, I do have a few questions.",
        "Sure.",
        "I understand the concern.",
        "I appreciate you being so direct about it.",
        "Thanks for raising that. Hmm.",
        "Let me think about that for a second.",
        "Actually, yes, there's one thing.",  # announces the point still to come
        "Yes, just one more question.",
    ],
)
def test_an_answer_that_only_takes_the_prompt_in_waits_for_the_last_resort(text: str) -> None:
    assert only_opens(text)
    heard = Heard(text, current=True, expects_met=False)
    assert required_silence_s(heard, T) is None
    assert not answer_over(heard, T.end_unmet_s + 1.0, T)


@pytest.mark.parametrize(
    "text",
    [
        "That's a fair point. I learned our last tool in three weeks.",
        "Thank you.",  # may be all a turn asks for
        "No.",
        "I have two questions about the team.",
        "Good question. The team is small, so I'd cover a lot.",
    ],
)
def test_an_answer_that_has_begun_keeps_the_missing_move_wait(text: str) -> None:
    assert not only_opens(text)
    assert required_silence_s(Heard(text, current=True, expects_met=False), T) == T.end_unmet_s


def test_an_opener_in_a_turn_whose_move_is_made_keeps_its_wait() -> None:
    # only the wait for a missing move is lengthened: "Sure." that did what was asked ends
    assert required_silence_s(Heard("Sure.", current=True, expects_met=True), T) == (
        T.end_complete_s
    )


def test_an_ending_is_named_finished_only_when_the_answer_did_what_was_asked() -> None:
    done = Heard("Thank you so much for your time today.", True, True)
    assert required_wait(done, T) == (T.end_complete_s, "finished")
    held = Heard("I'm very interested in this position. I think.", True, True, "level")
    assert required_wait(held, T) == (T.end_held_s, "finished")
    missing = Heard("I enjoyed meeting the team.", True, False)
    assert required_wait(missing, T) == (T.end_unmet_s, "silence")
    announced = Heard("Yes. I have one more question, if that's okay.", True, True)
    assert required_wait(announced, T) == (T.end_unmet_s, "silence")
    assert required_wait(Heard("What I'd really like to know is", True, True), T) is None


@pytest.mark.parametrize(
    ("text", "between"),
    [
        ("I'd sum it up in three things.", True),
        ("I'd sum it up in three things. First, six years of demand forecasting.", True),
        ("Three things. First, forecasting. Second, SQL and dashboards.", True),
        ("Two reasons. First, I love the product. Second, the team.", False),
        ("I'd sum it up in three things. First, A. Second, B. And third, C.", False),
        ("I worked at three companies. First, I was at Acme.", False),  # no list announced
    ],
)
def test_an_announced_list_waits_between_its_points(text: str, between: bool) -> None:
    # A trial's recap ("I'd sum it up in three things. First, ..." 0.6 s "Second, ...") was
    # ended in the breath after its first point, and "10 s (too short)" shown while the
    # candidate went on.
    heard = Heard(text, current=True, expects_met=True)
    wait = required_wait(heard, T)
    assert wait == ((T.end_unmet_s, "silence") if between else (T.end_complete_s, "finished"))


@pytest.mark.parametrize(
    "text",
    [
        # a review: each waited 4 s after a finished answer
        "I bring three things to this role: forecasting, SQL and communication. I'd love to join.",
        "First, six years of forecasting. Second, SQL and dashboards. "
        "Those are the two things I'd bring to the team.",
        "There are two things I'd like to ask. How big is the team, and what does success "
        "look like in the first year?",
        "Thanks, that covers a few points I had. What are the next steps?",
    ],
)
def test_a_list_said_in_one_breath_or_ending_on_a_question_does_not_wait(text: str) -> None:
    wait = required_wait(Heard(text, current=True, expects_met=True), T)
    assert wait is not None and wait[1] == "finished"


@pytest.mark.parametrize(
    "text",
    ["My biggest strength is demand forecasting.", "So, in short. I lead teams that ship."],
)
def test_a_recap_still_short_of_the_band_waits_for_the_last_resort(text: str) -> None:
    """Trial 19: a recap drill's first sentence, 3.5 s, then a 4.5 s pause to think of the
    next point: the answer was judged over and "too short" shown to a candidate still going."""
    short = Heard(text, current=True, expects_met=True, short_of_recap=True)
    assert required_wait(short, T) is None
    assert T.end_silence_s > 4.5  # so that pause is waited out
    long_enough = Heard(text, current=True, expects_met=True, short_of_recap=False)
    assert required_wait(long_enough, T) == (T.end_complete_s, "finished")


def test_a_recap_begun_but_partial_still_waits_for_the_last_resort() -> None:
    # with a profile, one strength named of four is a partial recap: not met, but begun (the
    # live test's recap drill was cut at the 4 s wait when this needed the move met)
    text = "My biggest strength is demand forecasting."
    heard = Heard(text, current=True, expects_met=False, short_of_recap=True)
    assert required_wait(heard, T) is None


def test_a_short_answer_with_no_recap_in_it_keeps_the_missing_moves_wait() -> None:
    # trial 20: "No, I think that's covered it." in the recap turn waited 6 s, not 4: no
    # recap has begun in it, so it is not held as one
    text = "No, I think that's covered."
    assert not recap_begun(text) and recap_begun("My biggest strength is demand forecasting.")
    heard = Heard(text, True, expects_met=False, short_of_recap=False)
    assert required_wait(heard, T) == (T.end_unmet_s, "silence")


def test_a_short_recap_that_ends_on_a_question_keeps_its_wait() -> None:
    # final-close asks for the recap and the concern probe in one turn: a question asked
    # after a short recap is the turn's last move, not a pause in the recap
    text = "I bring six years of forecasting. Is there anything that gives you pause?"
    heard = Heard(text, current=True, expects_met=True, short_of_recap=True)
    assert required_wait(heard, T) == (T.end_complete_s, "finished")


STARTUPS = "your background is mostly in startups, and Northwind Freight has a lot more process."
EXAMPLE = "But at my last company I wrote our data review process from scratch."


@pytest.mark.parametrize(
    "granted",
    [
        # a live trial (stop 47), as Whisper wrote it live and as it writes the TTS file
        "That's a fair point most of my work has been in startups.",
        "That's a fair point. Most of my work has been in startups.",
        "That's a fair point, most of my work has been in startups.",
        "You're right, I have mostly worked at startups.",
        "Yeah, startups are most of my background.",
        # trial 48: "I have spent / worked" granting the doubt is no evidence of the answer
        "You're right, I have spent most of my career at small startups.",
        "That's fair, I have worked at startups for most of my career.",
        "Fair enough, I've worked mostly in small teams.",
        # the same grant after a take-in of its own, or after a yes that concedes
        "That's true. I spent most of my career at startups.",
        "That's fair. I have worked mostly at small companies.",
        "Yeah, I have mostly worked at startups.",
        # stop 49: the grant as a sentence of its own, with no "most" or "mostly", and a
        # time with no count
        "You're right. I have worked at startups.",
        "That's fair. I've been at startups my whole career.",
        "You're right, I've spent years at startups.",
        "True. I have worked at startups for years.",
        # a live trial (stop 49): how long, counted, is still where they were; it was cut
        # 3.6 s into the answer, and the interviewer spoke 1.4 s into the pause
        "That's fair. I have worked at startups for eight years.",
        "That's fair. I have worked at startups for 8 years.",
        "You're right, I spent twelve years at startups.",
        "That's true, most of my work was in startups, for six years.",
        "Yes, I have spent my whole career at startups.",
        # ...and with no take-in before it (trial 49, R2: the recogniser lost "That's fair."
        # or heard "Next year," for it, and the answer was cut 3.9 s in)
        "I have worked at startups for eight years.",
        "Next year, I have worked at startups for eight years.",
        "I have spent my career at startups.",
        # how long, said as a year or a part-year (a review): still no count
        "That's fair. I've worked at startups since 2015.",
        "That's fair, I've worked at startups for 2 and a half years.",
        "That's true, I had a 5-year stint at a startup.",
        # a second verb with no object is the grant said on, not what was done (a review,
        # stop 51: the "... and <verb>" evidence had heard these done)
        "That's fair. I have worked at startups for eight years and grown with them.",
        "You're right. I have worked at small startups and grown up in that culture.",
        "That's fair. I have worked at startups for years and then managed to stay there.",
        "That's fair. I have been at startups for years and cut my teeth there.",
        "That's fair. I have worked at startups for eight years and improved a lot.",
    ],
)
def test_an_answer_to_a_doubt_that_only_grants_it_waits_for_the_evidence(granted: str) -> None:
    """The trial's tough interviewer doubted a startup background. "That's a fair point,
    most of my work has been in startups." was heard done (the rules read its claim as a
    recap, which the check counts as evidence), so the answer ended 1 s into the 3 s
    thinking pause before the example; the verdict itself said "no evidence"."""
    assert not expects_met(granted, ["concern_answer"], concern=STARTUPS)
    heard = Heard(granted, current=True, expects_met=False)
    assert required_wait(heard, T) == (T.end_unmet_s, "silence")
    assert T.end_unmet_s > 3.0  # the trial's pause is waited out
    # the example after it finishes the answer: it ends at the short wait again
    whole = f"{granted} {EXAMPLE}"
    assert expects_met(whole, ["concern_answer"], concern=STARTUPS)
    assert required_wait(Heard(whole, True, True), T) == (T.end_complete_s, "finished")


@pytest.mark.parametrize(
    "answer",
    [
        # the claim past the grant, or after a yes, is the evidence (the rules' recap)
        "That's fair, but I am very comfortable with process.",
        "I have, actually. I set up the review process my whole team follows.",
        "I am used to process: I set up the review process my whole team follows.",
        # what was done there, said after the take-in
        "That's fair. I built the review process my whole team follows at our startup.",
        # a count past how long (a review)
        "Fair point. I spent 8 years at startups, and in 2019 we grew to 400 people.",
        # what was done there, as a second verb (the panel's evidence is this judge's:
        # stop 51, live trial 50's L2)
        "That's fair. I worked at startups for eight years and built the review process "
        "my whole team follows.",
    ],
)
def test_an_answer_to_a_doubt_with_its_evidence_still_ends_at_once(answer: str) -> None:
    assert expects_met(answer, ["concern_answer"], concern=STARTUPS)


@pytest.mark.parametrize(
    ("answer", "met"),
    [
        # the second verb's object is what the candidate did
        ("That is fair. I learned Tableau in two weeks and built the team's dashboards in it.",
         True),
        ("That is fair. I learned Tableau in two weeks and automated our weekly report.", True),
        ("That is fair. I learned Tableau in two weeks and trained 12 analysts on it.", True),
        # with none, or a pronoun for one, it is how the learning went
        ("That is fair. I learned Tableau in two weeks and improved a lot.", False),
        ("That is fair. I learned Tableau in two weeks and grew into it.", False),
        ("That is fair. I learned Tableau in two weeks and then managed to keep up.", False),
    ],
)  # fmt: skip
def test_a_second_verb_past_a_grant_is_evidence_only_with_an_object(answer: str, met: bool) -> None:
    doubt = "you have only used Excel, and we work in Tableau."
    assert expects_met(answer, ["concern_answer"], concern=doubt) is met


def test_no_labelled_answer_to_a_doubt_loses_its_short_wait() -> None:
    """The labelled answers (tests/data/concerns, the sets tuned on; heldout_b.jsonl stays
    blind) that answer their doubt and that the check calls done still end at the short
    wait: what only grants a doubt costs none of them (stop 48: 78 of 187; 12 of their 174
    first sentences were heard done, 9 now)."""
    import json
    from pathlib import Path

    from voicecoach.analysis import analyze_text

    data = Path(__file__).parent.parent / "data" / "concerns"
    checked = 0
    for name in ("answers.jsonl", "answers_b.jsonl", "heldout.jsonl"):
        for line in (data / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if not row["addressed"]:
                continue
            answer, doubt = row["answer"], row["concern"]
            expects = ["concern_answer"]
            check = analyze_text(answer, expects=expects, concern=doubt, semantic=False).check(
                "concerns"
            )
            if check is not None and check.status == "done":
                checked += 1
                assert expects_met(answer, expects, concern=doubt), answer
    assert checked >= 70


@pytest.mark.parametrize(
    "text",
    [
        "Thank you, Dana.",
        "Thank you.",
        "Okay, thank you so much.",
        "Thanks so much, Ms. Reyes!",
        "Um, thank you very much, Dana Reyes.",
        "Thank you. Thank you, Dana.",
    ],
)
def test_a_bare_thanks_at_the_goodbye_waits_a_sentence_gap(text: str) -> None:
    """A live trial's goodbye: "Thank you, Dana." [0.35 s] "Talk to you soon." was ended
    after the thanks, and a second panel replaced the first."""
    from voicecoach.rehearsal.turn_end import bare_thanks

    assert bare_thanks(text)
    thanked = Heard(text, current=True, expects_met=True, only_thanked=True)
    assert required_wait(thanked, T) == (T.end_thanked_s, "finished")
    assert T.end_complete_s < 0.45 < T.end_thanked_s <= 1.0  # the trial's gap read 0.32-0.45 s
    # a held voice still waits its longer wait
    held = Heard(text, current=True, expects_met=True, ending="level", only_thanked=True)
    assert required_wait(held, T) == (T.end_held_s, "finished")


@pytest.mark.parametrize(
    "text",
    [
        "Thank you, Dana. Talk to you soon.",  # the sign-off came
        "Thank you for your time today.",  # a whole thanks
        "Thank you, bye.",
        "Thank you, I really enjoyed meeting the team.",
        # a sign-off written capitalised is no name (review, stop 48)
        "Thank you, Goodbye.",
        "Thanks so much, Bye!",
    ],
)
def test_a_thanks_that_says_more_ends_at_the_short_wait(text: str) -> None:
    from voicecoach.rehearsal.turn_end import bare_thanks

    assert not bare_thanks(text)


@pytest.mark.parametrize(
    "answer",
    [
        # an opener that takes nothing of the doubt in ("Good question.", "Okay.") grants
        # nothing: the claim after it is the answer (review, stop 48: heard done before the
        # grant rule, then held 4 s)
        "Good question. I've actually managed budgets before, just smaller ones, and I'm "
        "very comfortable with finance.",
        "I see. I've always owned my team's spend, and I'm confident with a bigger budget.",
    ],
)
def test_an_opener_that_grants_nothing_does_not_make_the_claim_after_it_a_grant(
    answer: str,
) -> None:
    doubt = "you have not managed a budget of this size before"
    assert expects_met(answer, ["concern_answer"], concern=doubt)


@pytest.mark.parametrize(
    ("said", "waits"),
    [
        # live trial 49 (T6): "Yes, two. How big is the team?", then a second question said
        # quietly: the turn ended after the first and the interviewer spoke over the second
        ("Yes, two. How big is the team?", True),
        # as Whisper writes the count said alone (live re-trial 49, R3)
        ("Yes, too. How big is the team?", True),
        ("Yes, 2. How big is the team?", True),
        ("Me too. How big is the team?", False),
        ("A couple of things. How big is the team?", True),
        # live trial 51, L1: "Yes, I have a couple." misheard; a 1.2 s pause between the
        # two questions ended the turn
        (
            "Yes, I am a couple. I read that Northwind Freight opened to New Cross Nock Hubs "
            "this year. How is the analytics team supporting them?",
            True,
        ),
        ("I have three questions. How big is the team? Who would I report to?", True),
        # all asked, or none announced: the short wait
        ("Yes, two. How big is the team? And who would be my manager?", False),
        ("I have two questions. What is the rota like? And how big is the team?", False),
        ("Just one. How big is the team?", False),
        ("Two years at a startup taught me a lot. How big is the team?", False),
        # an agreement or another count before the one question (review of stop 52, H1)
        ("I enjoyed it too. What are the next steps?", False),
        ("I am too. When will I hear back?", False),
        ("I do too. Who would I be working with?", False),
        ("I do, two. Who would I be working with?", True),
        ("I would say three. Is that the size you had in mind?", False),
    ],
)
def test_questions_announced_and_not_yet_asked_are_waited_for(said: str, waits: bool) -> None:
    heard = Heard(said, current=True, expects_met=True)
    want = (T.end_unmet_s, "silence") if waits else (T.end_complete_s, "finished")
    assert required_wait(heard, T) == want


@pytest.mark.parametrize(
    "said",
    [
        # two questions Whisper wrote as one sentence, joined by "and": both are asked
        "Yes, two. How big is the team, and who would I work with most?",
        "Yes, two. How big is the team and how is it split?",
        "I have two questions. How big is the team, and how is training done?",
        "A couple of things. Is there parking and is it free?",
        # asked as a wish to know, with a full stop
        "Yes, two. I was wondering how big the team is. And I'd love to know who I'd report to.",
    ],
)
def test_questions_announced_and_asked_in_one_sentence_end_at_the_short_wait(said: str) -> None:
    heard = Heard(said, current=True, expects_met=True)
    assert required_wait(heard, T) == (T.end_complete_s, "finished")


@pytest.mark.parametrize(
    "said",
    [
        "Yes, two. How big is the team, and who would I report to?",
        "How big is the team and who would I report to?",
        "What are the hours, and which office would I be based in?",
        "Is there parking, or where would I park at?",
    ],
)
def test_a_second_question_run_on_may_strand_its_preposition(said: str) -> None:
    assert sentence_complete(said)
    assert required_wait(Heard(said, current=True, expects_met=True), T) is not None


@pytest.mark.parametrize(
    "said",
    [
        "I'd like to know how big the team is and who I'd be working with.",
        "I worked with the team and who I reported to.",  # odd, but no question fronted
        "How big is the team, and who would I be reporting to the",
    ],
)
def test_a_run_on_clause_without_its_question_still_waits(said: str) -> None:
    # (the first ends anyway: an embedded clause after "know")
    assert sentence_complete(said) == said.startswith("I'd like")


@pytest.mark.parametrize(
    "said",
    [
        # a count of points, not questions: the recap is said, no question is to come
        "Sure. Two things. First, I have ten years in logistics. Second, I led a team of 12.",
        "Yes, two. First, I led a team of ten. Second, I cut costs by a third.",
    ],
)
def test_a_count_with_no_question_after_it_waits_for_no_question(said: str) -> None:
    heard = Heard(said, current=True, expects_met=True)
    assert required_wait(heard, T) == (T.end_complete_s, "finished")


@pytest.mark.parametrize(
    ("said", "complete"),
    [
        # "like" stranded by a wh-question Whisper closed with "?" (a review: these waited
        # the last-resort silence)
        ("What's the team like?", True),
        ("What is the culture like?", True),
        ("What does a normal day look like?", True),
        ("And what would the first month look like?", True),
        # not a wh-question, or the clause on "like" still waits for its verb: "like"
        # wants more
        ("I would like?", False),
        ("It feels like?", False),
        ("I know what you mean, and what I'd like", False),
        ("So what I'd like", False),
    ],
)
def test_a_wh_question_may_end_on_like(said: str, complete: bool) -> None:
    assert sentence_complete(said) is complete


@pytest.mark.parametrize(
    "said",
    [
        # the words decide, not the "?" Whisper drops when the voice falls (a review of
        # stop 49: these waited the 6 s last resort, with "?" the 3 s held wait)
        "What's the team like",
        "What's the team like.",
        "What does a typical week look like",
        "So what's the team like",
        "Thanks. And what is the pace like",
        "Can you tell me what the team is like",
    ],
)
def test_a_wh_question_on_like_without_its_mark_ends_after_the_held_wait(said: str) -> None:
    assert sentence_complete(said)
    assert required_wait(Heard(said, True, True), T) == (T.end_held_s, "finished")


def test_a_question_ending_on_like_waits_the_held_silence() -> None:
    """bench/data/answers.txt: "What does a typical week look like [2.5] for someone in
    this role?", Whisper writing the "?" at the pause. The held wait outlasts that pause;
    the last resort it waited before was twice as long for every such finished question."""
    heard = Heard("What does a typical week look like?", current=True, expects_met=True)
    assert required_wait(heard, T) == (T.end_held_s, "finished")
    assert T.end_held_s > 2.5


@pytest.mark.parametrize(
    ("doubt", "answer"),
    [
        (
            "You haven't managed people before, and this role has four reports.",
            "I have worked as a team lead managing people for two years.",
        ),
        (
            "You haven't managed people before, and this role has four reports.",
            "I have spent two years mentoring three junior people.",
        ),
        ("You've never run a budget, and this role owns one.", "I have run a budget for years."),
        (
            "You have little experience in sales, and this is a sales role.",
            "I have worked in sales for four years.",
        ),
    ],
)
def test_the_gap_of_a_doubt_that_denies_it_is_the_answer_not_a_grant(
    doubt: str, answer: str
) -> None:
    """A review: a doubt that says the candidate has not done something ("you haven't
    managed people") is answered by saying they have, in its words; only a doubt that says
    where they were ("mostly in startups") is granted by its words said back."""
    assert expects_met(answer, ["concern_answer"], concern=doubt)


@pytest.mark.parametrize(
    "said",
    [
        # after a filler or a join, or asked indirectly (a review of 665f870: these still
        # waited the last resort)
        "So what's the team like?",
        "Um, what would the first ninety days look like?",
        "What sort of people do well here, and what's the pace like?",
        "Can you tell me what the team is like?",
        "I'd like to know what the team's like?",
        # after a yes (live trial 50, M1: this waited the 6 s last resort)
        "Yes, what's the team like?",
        "Yeah, what's the team like",
        "Sure, first, what would my first week look like?",
    ],
)
def test_a_question_on_like_after_a_filler_or_asked_indirectly_ends_too(said: str) -> None:
    assert sentence_complete(said)
    assert required_wait(Heard(said, True, True), T) == (T.end_held_s, "finished")


@pytest.mark.parametrize(
    ("doubt", "granted"),
    [
        (
            "I'm a little worried that you've only worked in agencies, and this is in-house.",
            "I have worked in agencies for six years.",
        ),
        (
            "Most of your experience is at much smaller companies than Northwind Freight.",
            "I have worked at small companies for ten years.",
        ),
        (
            "Honestly, your experience is mostly in retail, and this is a B2B role.",
            "I've worked in retail for ten years.",
        ),
    ],
)
def test_the_gap_said_back_is_a_grant_whatever_comes_before_you(doubt: str, granted: str) -> None:
    """A review of 23d1a8b: the gap was only looked for in a first clause that began with
    "you" or "your", so a doubt with a lead-in ("I'm a little worried that", "Honestly,",
    "Most of") had none, and the grant said back was heard as the answer and cut."""
    assert not expects_met(granted, ["concern_answer"], concern=doubt)
    assert expects_met(f"{granted} {EXAMPLE}", ["concern_answer"], concern=doubt)


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for your time.",
        "Thank you for your time today.",
        "Thank you so much for meeting me, Dana.",
        "Thanks for having me.",
        "Okay, thank you both for a really thoughtful interview.",
    ],
)
def test_a_thanks_for_something_at_the_goodbye_waits_a_sentence_gap(text: str) -> None:
    """Live trial 52, L7: "Thank you for your time. [0.45 s] It was a pleasure to meet
    you." was ended after the thanks, and a second panel replaced the first. A thanks and
    nothing else waits for the second sentence as a bare thanks does."""
    from voicecoach.rehearsal.turn_end import only_thanks

    assert only_thanks(text)
    thanked = Heard(text, current=True, expects_met=True, only_thanked=True)
    assert required_wait(thanked, T) == (T.end_thanked_s, "finished")


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for your time. It was a pleasure to meet you.",  # the second sentence came
        "Thank you for your time, bye.",
        "Thank you for everything, take care.",
        "Thank you for your time and I look forward to hearing from you.",
        "Thank you for the interview, I hope to hear from you soon.",
        "Thank you, I really enjoyed meeting the team.",
    ],
)
def test_a_thanks_with_a_sign_off_or_more_is_not_a_thanks_alone(text: str) -> None:
    from voicecoach.rehearsal.turn_end import only_thanks

    assert not only_thanks(text)


def test_a_question_that_opens_on_before_we_finish_asks_and_announces_nothing() -> None:
    """Live trial 52, L2 (N, turn 2): a recap and then "Before we finish, is there anything
    in my background that makes you hesitate." (both moves done) was held the 4 s of a
    missing move, "ended after a silence", as if "before we finish" announced more."""
    from voicecoach.analysis.more_coming import announces_more

    said = (
        "From what you told me today, that is exactly the mix this team needs. Before we "
        "finish, is there anything in my background that makes you hesitate."
    )
    done = Heard(said, current=True, expects_met=True)
    assert required_wait(done, T) == (T.end_complete_s, "finished")
    assert not announces_more("Before we wrap up, what would you say is the main challenge?")
    # an announcement still holds the turn for what it announces
    for announced in (
        "Before we finish.",
        "Before we wrap up, I have one more question.",
        "Before we finish, can I ask one more thing?",
        "Before we wrap up, I would like to add something.",
        "There is one more thing before we finish.",
    ):
        assert announces_more(announced), announced
        held = Heard(announced, current=True, expects_met=True)
        assert required_wait(held, T) == (T.end_unmet_s, "silence"), announced


@pytest.mark.parametrize(
    "said",
    [
        "Before we finish, do you mind if I ask something?",
        "Could I ask you one thing?",
        "Is it okay if I ask a quick question?",
    ],
)
def test_asking_leave_to_ask_holds_the_turn_for_the_question(said: str) -> None:
    """Stop 53's review: "Before we finish, do you mind if I ask something?" no longer held
    the turn once a question opening on "before we finish" asks what it announced; the
    interviewer has no "go ahead", so the goodbye could come before the real question."""
    from voicecoach.analysis.more_coming import announces_more

    assert announces_more(said)
    held = Heard(said, current=True, expects_met=True)
    assert required_wait(held, T) == (T.end_unmet_s, "silence")
    # the question itself, asked politely, does not wait for more
    for asked in ("Can I ask what the next steps are?", "Do you mind if I ask how big it is?"):
        assert not announces_more(asked), asked


@pytest.mark.parametrize(
    ("text", "signed"),
    [
        # trial 53's goodbyes, as Whisper wrote them
        ("Thank you for your time. It was a pleasure to meet you.", True),
        ("Thank you, Nadine. I really enjoyed talking with you, Nadine.", True),
        ("Thank you for your time today. I enjoyed it.", True),
        ("Thank you, Nadine. Have a great afternoon.", True),
        ("Thank you. Nice to meet you.", True),
        # no thanks before it, or more than a pleasantry after it
        ("It was a pleasure to meet you.", False),
        ("Thank you. I also wanted to say I am keen.", False),
        ("Thank you. I enjoyed it, and I am keen on the role.", False),
    ],
)
def test_a_goodbye_that_thanked_and_signed_off_waits_no_longer_for_a_level_voice(
    text: str, signed: bool
) -> None:
    """Trial 53 (L4): the goodbye's wait after "It was a pleasure to meet you." was 3 s when
    the voice held level and under 1 s when it fell; a thanks and a sign-off end it at the
    short wait either way. Anything else after the thanks keeps the held wait."""
    from voicecoach.rehearsal.turn_end import signs_off

    assert signs_off(text) == signed
    heard = Heard(text, current=True, expects_met=True, ending="level", signed_off=signs_off(text))
    wait = T.end_complete_s if signed else T.end_held_s
    assert required_wait(heard, T) == (wait, "finished")
