"""Final questions on no topic of the bank get the neutral reply, not a wrong topic, through
the real classifier (rules, then the MiniLM centroids) and the interviewer's choice; beside
a question that gets an answer, one heard word for word gets a short line that it will be
followed up, and a garbled one is let go.

Stop 47's trial (F2): "I read that the team is moving to a new platform next year?" got the
market reply: no rule fired, and the market's centroid was nearest (cosine 0.49, 0.12 over
the next). Questions on the company's own news and plans all lean that way. The questions
here are tests/data/topics/set-d.jsonl, written and labelled before anything was run on
them (bench/bench_topics.py --bars has the table the bars were chosen from).

The same trial (F3): "You are opening a second office in Chicago this year?", heard word
for word beside a question on success, got no reply at all (`left_unanswered`): the
neutral reply is let go beside an answer, since that question is often Whisper's garble.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from voicecoach.analysis.analyzer import analyze_text, analyze_turn
from voicecoach.analysis.results import Analysis
from voicecoach.analysis.topic_vectors import classify_question
from voicecoach.analysis.train_topics import load_labelled
from voicecoach.profile import load_profile
from voicecoach.rehearsal.conversation import Conversation
from voicecoach.scenario import Scenario, Turn, load_scenario, plan
from voicecoach.scenario_reactions import describe_reasons
from voicecoach.transcript import Segment, Transcript, Word

ROOT = Path(__file__).resolve().parents[2]
SET_D = load_labelled(ROOT / "tests" / "data" / "topics" / "set-d.jsonl")
PROFILE = load_profile(ROOT / "samples" / "profile.toml")
SCENARIO = load_scenario("final-close")


def test_questions_on_no_topic_are_rarely_given_one() -> None:
    # before: 11 of the 33 got a topic, 7 of them the market (a new product line, going
    # public, a fleet of trucks, a new forecasting tool); now 2
    off = [text for text, topic in SET_D if topic is None]
    given = [(text, classify_question(text)) for text in off]
    wrong = [(text, topic) for text, topic in given if topic is not None]
    assert len(off) == 33 and len(wrong) <= 2, wrong


def test_fresh_questions_get_few_wrong_topics_and_keep_most_right_ones() -> None:
    # before: 12 wrong topics and 32 right of 54; now 3 wrong and 30 right
    guesses = [(text, topic, classify_question(text)) for text, topic in SET_D]
    wrong = [g for g in guesses if g[2] is not None and g[2] != g[1]]
    right = [g for g in guesses if g[2] is not None and g[2] == g[1]]
    assert len(wrong) <= 3, wrong
    assert len(right) >= 30, len(right)


@pytest.mark.parametrize("persona", ["neutral", "tough"])
@pytest.mark.parametrize(
    "answer",
    [
        "Thanks. Are you expanding the fleet of trucks next year?",
        "Yes, one thing. What is the story behind the new product line you announced?",
        "I read you are opening an office in Austin. Is the company still planning that?",
    ],
)
def test_a_question_on_the_company_news_gets_the_neutral_reply(answer: str, persona: str) -> None:
    talk = Conversation(
        SCENARIO, plan(SCENARIO, PROFILE, 3), profile=PROFILE, seed=3, persona=persona
    )
    turn = talk.first()
    nxt = talk.next(turn, analyze_text(answer, PROFILE, expects=turn.expects))
    assert nxt is not None
    assert nxt.reasons[0] == "answered_neutral", (nxt.reasons, nxt.text)
    assert SCENARIO.reactions is not None
    market = SCENARIO.reactions.topic("market")
    assert market is not None and market.replies is not None
    assert not any(line in nxt.text for line in market.replies.default), nxt.text


# -- a second question beside an answered one (F3) ------------------------------------------
SURE, UNSURE = 0.9, 0.3  # Whisper's word probabilities: sure, and under 0.5


def heard(sentences: list[str], unsure: frozenset[str] = frozenset()) -> Transcript:
    """Whisper's transcript of ``sentences``, one segment each, a word every 0.3 s: each word
    heard with probability SURE, but those in ``unsure`` (bare, lower case) with UNSURE."""
    segments, at = [], 1.0
    for text in sentences:
        words = []
        for w in text.split():
            sure = UNSURE if w.strip(".,?!").lower() in unsure else SURE
            words.append(Word(w, at, at + 0.25, sure))
            at += 0.4 if w[-1] in ".?" else 0.3
        segments.append(Segment(text, words[0].start_s, words[-1].end_s, tuple(words)))
        at += 0.5
    return Transcript(" ".join(sentences), tuple(segments), at + 0.5, engine="faster-whisper")


def live(transcript: Transcript, expects: tuple[str, ...]) -> Analysis:
    regions = tuple((s.start_s, s.end_s) for s in transcript.segments)
    return analyze_turn(
        transcript, [], expects=expects, profile=PROFILE, numbers=[1], speech_regions=regions
    )[0]


def reply_to(scenario: Scenario, transcript: Transcript, persona: str, seed: int = 3) -> Turn:
    """The interviewer's line after the first turn's answer, heard as ``transcript``."""
    talk = Conversation(
        scenario, plan(scenario, PROFILE, seed), profile=PROFILE, seed=seed, persona=persona
    )
    turn = talk.first()
    nxt = talk.next(turn, live(transcript, turn.expects))
    assert nxt is not None
    return nxt


def later_lines(scenario: Scenario, persona: str) -> tuple[str, ...]:
    assert scenario.reactions is not None
    return scenario.reactions.later.for_persona(persona)


SUCCESS_AND_NEWS = [
    "Thanks. What would success look like for me after the first year?",
    "And is the company still planning to open the new site in Leeds?",
]


@pytest.mark.parametrize("persona", ["friendly", "neutral", "tough"])
def test_a_clear_second_question_on_no_topic_is_acknowledged(persona: str) -> None:
    said = reply_to(SCENARIO, heard(SUCCESS_AND_NEWS), persona)
    assert said.reasons[:2] == ("answered_topic:success", "acknowledged_for_later"), said
    ack = [line for line in later_lines(SCENARIO, persona) if line in said.text]
    assert len(ack) == 1, said.text
    success = SCENARIO.reactions.topic("success") if SCENARIO.reactions else None
    assert success is not None and success.replies is not None
    # after the answer, not instead of it, and never the neutral reply in the same breath
    answer = next(t for t in success.replies.default if t in said.text)
    assert said.text.index(answer) < said.text.index(ack[0])
    assert SCENARIO.reactions is not None
    assert not any(line in said.text for line in SCENARIO.reactions.unknown.default)
    if persona == "tough":  # terse
        assert len(ack[0].split()) <= 12, ack
    # the report's "Why the interviewer said this" says what happened
    why = describe_reasons(said.reasons)
    assert "answered your question on success" in why and "would be followed up" in why, why
    assert "let further questions go" not in why


@pytest.mark.parametrize("persona", ["neutral", "tough"])
def test_a_second_question_whisper_was_unsure_of_is_let_go(persona: str) -> None:
    # two of its eleven words under probability 0.5 (not enough for the answer to be called
    # unclear): what was heard may be a garble, so it is not acknowledged as asked
    said = reply_to(SCENARIO, heard(SUCCESS_AND_NEWS, frozenset({"leeds", "site"})), persona)
    assert said.reasons[:2] == ("answered_topic:success", "left_unanswered"), said
    assert not any(line in said.text for line in later_lines(SCENARIO, persona)), said.text


def test_an_um_whisper_was_unsure_of_leaves_the_question_clear() -> None:
    # how Whisper spelled a hesitation says nothing of the words around it
    answer = [SUCCESS_AND_NEWS[0], "And, um, is the company still planning to open the new site?"]
    said = reply_to(SCENARIO, heard(answer, frozenset({"um"})), "neutral")
    assert said.reasons[:2] == ("answered_topic:success", "acknowledged_for_later"), said


def test_a_clear_question_beside_one_held_for_the_goodbye_is_acknowledged() -> None:
    # the ask drill: the timeline is kept for the goodbye; the other question is heard
    ask = load_scenario("ask")
    said = reply_to(ask, heard([
        "I would really love to join the team. What are the next steps from here?",
        "Are you moving the whole group onto a new reporting system next year?",
    ]), "neutral")  # fmt: skip
    assert said.reasons == (
        "held_for_goodbye:next_steps", "timeline_in_goodbye", "acknowledged_for_later"
    ), said  # fmt: skip
    # "your other question" after the answer it is the other one to, before the goodbye
    ack = next(line for line in later_lines(ask, "neutral") if line in said.text)
    assert said.timeline is not None
    assert said.text.index(said.timeline) < said.text.index(ack) < len(said.text) - len(ack)


def test_the_last_answer_acknowledges_a_clear_second_question_before_parting() -> None:
    talk = Conversation(SCENARIO, plan(SCENARIO, PROFILE, 5), profile=PROFILE, seed=5,
                        persona="neutral", may_insert=False)  # fmt: skip
    answers = [
        "Yes. How big is the team I would join?",
        "I have built demand forecasts for five years and led a team of three.",
        "I understand. At my last company I learned a new industry in two months.",
        "I am very interested in this role, and I would love to move forward.",
        "Thank you for your time. What are the next steps? And is the head office moving "
        "to the new building this summer?",
    ]
    turn, closing = talk.first(), None
    for text in answers:
        closing = talk.next(turn, analyze_text(text, PROFILE, expects=turn.expects))
        assert closing is not None
        if closing.closing:
            break
        turn = closing
    assert closing is not None and closing.closing, closing
    assert closing.reasons[:2] == ("timeline_in_goodbye", "acknowledged_for_later"), closing
    assert any(line in closing.text for line in later_lines(SCENARIO, "neutral")), closing.text
