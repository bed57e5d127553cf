"""Final questions on no topic of the bank get the neutral reply, not a wrong topic, through
the real classifier (rules, then the MiniLM centroids) and the interviewer's choice.

Stop 47's trial (F2): "I read that the team is moving to a new platform next year?" got the
market reply: no rule fired, and the market's centroid was nearest (cosine 0.49, 0.12 over
the next). Questions on the company's own news and plans all lean that way. The questions
here are tests/data/topics/set-d.jsonl, written and labelled before anything was run on
them (bench/bench_topics.py --bars has the table the bars were chosen from).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from voicecoach.analysis.analyzer import analyze_text
from voicecoach.analysis.topic_vectors import classify_question
from voicecoach.analysis.train_topics import load_labelled
from voicecoach.profile import load_profile
from voicecoach.rehearsal.conversation import Conversation
from voicecoach.scenario import load_scenario, plan

ROOT = Path(__file__).resolve().parents[2]
SET_D = load_labelled(ROOT / "tests" / "data" / "topics" / "set-d.jsonl")
PROFILE = load_profile(ROOT / "samples" / "profile.toml")
SCENARIO = load_scenario("final-close")


def test_questions_on_no_topic_are_rarely_given_one() -> None:
    # before: 11 of the 33 got a topic, 9 of them the market (a new product line, a merger,
    # a fleet of trucks, an office in Austin); now 2
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
