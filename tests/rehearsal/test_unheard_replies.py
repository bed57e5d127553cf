"""An answer the analysis cannot trust (another voice over it, or heard too quietly) gets
no reply to its words: the interviewer says it was hard to hear and goes on. A live trial's
interviewer answered the other person's question ("That's worth asking the hiring manager
directly"). Recorded through the virtual sound card (tests/data/speech/second-voice-*)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from voicecoach.analysis import analyze
from voicecoach.audio.files import load_audio
from voicecoach.audio.recorders import Recording
from voicecoach.audio.vad import speech_regions
from voicecoach.errors import ConfigError
from voicecoach.pipeline import listen
from voicecoach.rehearsal.conversation import Conversation
from voicecoach.scenario import Turn, load_scenario, plan
from voicecoach.scenario_reactions import reactions_from_dict
from voicecoach.transcript import Transcript

SPEECH = Path(__file__).parents[1] / "data" / "speech"
SCENARIOS = ("final-close", "ask", "concerns", "recap")
PERSONAS = ("friendly", "neutral", "tough")
# what tiny.en wrote of the mixed recording: the other voice's question inside the answer
HEARD = (
    "Thank you for your time today. I really enjoyed it. Hey sorry, are you still on the "
    "phone? I need the car keys before six. I am very keen on this role. What are the next "
    "steps from here?"
)


def _audio(name: str, gain_db: float = 0.0) -> np.ndarray:
    audio: np.ndarray = load_audio(SPEECH / name) * np.float32(10 ** (gain_db / 20))
    return audio


def _reply(audio: np.ndarray, persona: str = "neutral", last: bool = False) -> Turn | None:
    """The interviewer's line after HEARD, said with ``audio``, in turn 1 (or the last)."""
    scenario = load_scenario("final-close")
    talk = Conversation(scenario, plan(scenario, None, 3), seed=3, persona=persona)
    turn = talk.first()
    if last:
        talk.index = len(talk.scripted) - 1
    regions = tuple(speech_regions(audio))
    analysis = analyze(
        Transcript.from_text(HEARD), speech_regions=regions, expects=turn.expects,
        voice=listen(audio, regions),
    )  # fmt: skip
    return talk.next(turn, analysis)


def _lines(scenario: str, key: str, persona: str) -> tuple[str, ...]:
    reactions = load_scenario(scenario).reactions
    assert reactions is not None
    return reactions.not_heard(key).for_persona(persona)


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_answer_heard_over_another_voice_gets_no_reply_to_its_words(persona: str) -> None:
    reactions = load_scenario("final-close").reactions
    assert reactions is not None
    clear = _reply(_audio("second-voice-none-espeak-card.flac"), persona)
    assert clear is not None and not clear.reasons[0].startswith("not_heard")  # replied to
    mixed = _reply(_audio("second-voice-slt-over-espeak-0db-card.flac"), persona)
    assert mixed is not None
    assert mixed.reasons[0] == "not_heard_second_voice", mixed.reasons
    assert not any(r.startswith(("answered_", "held_", "deferred_")) for r in mixed.reasons)
    assert mixed.text.startswith(_lines("final-close", "second_voice", persona)), mixed.text
    answers = [*reactions.unknown.for_persona(persona), *reactions.no_questions_ack.default]
    assert not any(a in mixed.text for a in answers), mixed.text
    assert mixed.id == "anything-else"  # ...and the next scripted line follows: no nudge


def test_an_answer_heard_too_quietly_gets_no_reply_to_its_words() -> None:
    quiet = _reply(_audio("second-voice-none-espeak-card.flac", gain_db=-30.0))
    assert quiet is not None and quiet.reasons[0] == "not_heard_quiet", quiet
    assert quiet.text.startswith(_lines("final-close", "quiet", "neutral")), quiet.text


def test_an_answer_whisper_was_unsure_of_gets_no_reply_to_its_words() -> None:
    # a question Whisper guessed at (most of its words under 0.5, at a normal level): the
    # interviewer does not answer the guess, and says what a person would
    words = [("What's", 0.31), ("the", 0.42), ("hybrid", 0.22), ("policy", 0.95),
             ("for", 0.38), ("the", 0.9), ("team?", 0.27)]  # fmt: skip
    scenario = load_scenario("final-close")
    for probabilities, why in ((words, "not_heard_unclear_words"), (_sure(words), None)):
        talk = Conversation(scenario, plan(scenario, None, 3), seed=3, persona="tough")
        turn = talk.first()
        analysis = analyze(_heard(probabilities), expects=turn.expects)
        reply = talk.next(turn, analysis)
        assert reply is not None
        if why is None:  # heard surely: the question is answered
            assert not reply.reasons[0].startswith("not_heard"), reply.reasons
            continue
        assert reply.reasons[0] == why, reply.reasons
        assert reply.text.startswith(_lines("final-close", "unclear_words", "tough"))
        assert not any(r.startswith(("answered_", "held_")) for r in reply.reasons)


def _heard(words: list[tuple[str, float]]) -> Transcript:
    """Whisper's words with their probabilities, one every 0.3 s."""
    text = " ".join(w for w, _ in words)
    timed = [{"text": w, "start_s": i * 0.3, "end_s": i * 0.3 + 0.25, "probability": p}
             for i, (w, p) in enumerate(words)]  # fmt: skip
    end_s = len(words) * 0.3
    segment = {"text": text, "start_s": 0.0, "end_s": end_s, "words": timed}
    return Transcript.from_dict({"text": text, "segments": [segment], "duration_s": end_s})


def _sure(words: list[tuple[str, float]]) -> list[tuple[str, float]]:
    return [(w, 0.95) for w, _ in words]


def test_the_last_answer_heard_over_another_voice_gets_no_answer_but_a_parting() -> None:
    reactions = load_scenario("final-close").reactions
    assert reactions is not None and reactions.closing is not None
    clear = _reply(_audio("second-voice-none-espeak-card.flac"), last=True)
    assert clear is not None and "timeline_in_goodbye" in clear.reasons  # next steps: answered
    mixed = _reply(_audio("second-voice-slt-over-espeak-0db-card.flac"), last=True)
    assert mixed is not None and mixed.closing and mixed.reasons == ("not_heard_second_voice",)
    first, parting = _lines("final-close", "second_voice", "neutral"), reactions.closing.parting
    assert mixed.text.startswith(first)
    assert mixed.text.endswith(parting.for_persona("neutral")), mixed.text


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_persona_has_its_own_lines_for_an_answer_not_heard(scenario: str) -> None:
    reactions = load_scenario(scenario).reactions
    assert reactions is not None
    for key in ("quiet", "second_voice", "unclear_words"):
        said = {p: reactions.not_heard(key).for_persona(p) for p in PERSONAS}
        assert len(set(said.values())) == len(PERSONAS), (scenario, key)
        # statements: the next line (or the parting) follows, no answer is awaited
        assert not any(line.endswith("?") for lines in said.values() for line in lines)


def test_a_wrong_not_heard_key_names_the_file_and_the_key() -> None:
    raw = {"reactions": {"unknown": ["Hm."], "no_questions": {"acknowledge": ["Ok."]},
                         "not_heard": {"noisy": ["Sorry?"]}}}  # fmt: skip
    with pytest.raises(ConfigError, match=r"x\.toml: key 'reactions\.not_heard\.noisy' is unknown"):
        reactions_from_dict(raw, "x.toml")
    raw["reactions"]["not_heard"] = {}  # type: ignore[index]
    reactions = reactions_from_dict(raw, "x.toml")
    assert reactions is not None and reactions.not_heard("quiet").default  # built-in lines


def test_a_question_heard_word_for_word_after_a_garbled_one_is_answered() -> None:
    # trial s31: a television under the first question; Whisper was unsure of 10 of the
    # 24 words, all in the first. The interviewer said it missed some, and answered neither
    # (nor did the verdict judge the clear one): a person answers what they did hear
    from voicecoach.rehearsal.verdict import PART_UNSURE, UNSURE_HEADLINE, quick_verdict

    garbled = [
        ("Yes,", 0.9), ("I", 0.9), ("do.", 0.92), ("And", 0.31), ("it", 0.2), ("was", 0.35),
        ("the", 0.6), ("first", 0.4), ("month", 0.3), ("look", 0.25), ("like", 0.6),
        ("the", 0.4), ("Red", 0.1), ("Man", 0.15), ("list.", 0.2),
    ]  # fmt: skip
    question = "How does the team decide which projects get funded?"
    clear = [(w, 0.95) for w in question.split(" ")]
    scenario = load_scenario("final-close")
    talk = Conversation(scenario, plan(scenario, None, 3), seed=3, persona="neutral")
    turn = talk.first()
    analysis = analyze(_heard(garbled + clear), expects=turn.expects)
    reply = talk.next(turn, analysis)
    assert reply is not None
    assert reply.reasons[:2] == ("not_heard_unclear_words", "answered_neutral"), reply.reasons
    assert reply.text.startswith(_lines("final-close", "unclear_words", "neutral"))
    verdict = quick_verdict(analysis, turn.expects, _recording(7.5))
    assert verdict.headline.startswith(f"1 of 1 done, {PART_UNSURE} - "), verdict.headline
    assert not verdict.good and verdict.warning  # still told to say it more clearly
    # the garbled question alone: nothing replied to, nothing judged
    alone = analyze(_heard(garbled), expects=turn.expects)
    assert quick_verdict(alone, turn.expects, _recording(5.0)).headline.startswith(UNSURE_HEADLINE)
    again = Conversation(scenario, plan(scenario, None, 3), seed=3, persona="neutral")
    reply = again.next(again.first(), alone)
    assert reply is not None and reply.reasons == ("not_heard_unclear_words",), reply.reasons


def _recording(seconds: float) -> Recording:
    return Recording(Path("answer.wav"), seconds, "finished", True, 0.0, seconds)


def test_after_the_last_answer_a_question_heard_word_for_word_is_answered_too() -> None:
    # the recap drill's one answer: a garbled claim, then "What are the next steps?" heard
    # word for word: the timeline, between the not-heard line and the parting
    garbled = [
        ("I", 0.9), ("was", 0.3), ("the", 0.2), ("load", 0.35), ("of", 0.6), ("pay", 0.4),
        ("roll", 0.3), ("three", 0.25), ("con", 0.2), ("tries.", 0.3),
    ]  # fmt: skip
    clear = [(w, 0.95) for w in ["What", "are", "the", "next", "steps?"]]
    scenario = load_scenario("recap")
    reactions = scenario.reactions
    assert reactions is not None and reactions.closing is not None
    for words, reasons in (
        (garbled + clear, ("not_heard_unclear_words", "timeline_in_goodbye")),
        (garbled, ("not_heard_unclear_words",)),
    ):
        talk = Conversation(scenario, plan(scenario, None, 3), seed=3, persona="neutral")
        turn = talk.first()
        reply = talk.next(turn, analyze(_heard(words), expects=turn.expects))
        assert reply is not None and reply.closing and reply.reasons == reasons, reply
        assert reply.text.startswith(_lines("recap", "unclear_words", "neutral"))
        assert reply.text.endswith(reactions.closing.parting.for_persona("neutral")), reply.text


GARBLED_CLAIM = [
    ("I", 0.9), ("was", 0.3), ("the", 0.2), ("load", 0.35), ("of", 0.6), ("pay", 0.4),
    ("roll", 0.3), ("three", 0.25), ("con", 0.2), ("tries.", 0.3),
]  # fmt: skip


def _said(text: str) -> list[tuple[str, float]]:
    return [(w, 0.95) for w in text.split(" ")]


def test_a_check_back_heard_clearly_in_an_unsure_answer_gets_one_not_heard_line() -> None:
    # a review of the change above: "Does that answer your question?" after a garbled
    # answer to the doubt got the not-heard line twice (the check-back's own reply is one)
    scenario = load_scenario("concerns")
    talk = Conversation(scenario, plan(scenario, None, 3), seed=3, persona="neutral")
    first = talk.first()
    probe = "Is there anything about my background that gives you pause?"
    doubt = talk.next(first, analyze(_heard(_said(probe)), expects=first.expects))
    assert doubt is not None and doubt.concern
    words = GARBLED_CLAIM + _said("Does that answer your question?")
    answer = analyze(_heard(words), expects=doubt.expects, concern=doubt.concern)
    reply = talk.next(doubt, answer)
    assert reply is not None and reply.reasons == ("not_heard_unclear_words",), reply.reasons
    said = _lines("concerns", "unclear_words", "neutral")
    assert sum(reply.text.count(line) for line in said) == 1, reply.text


def test_an_ask_the_verdict_ticks_in_an_unsure_answer_is_replied_to() -> None:
    # ...and an ask the model was unsure was also a concerns probe was ticked by the
    # verdict but left without its reply: the same sentences count for both
    from voicecoach.rehearsal.verdict import PART_UNSURE, quick_verdict

    scenario = load_scenario("ask")
    talk = Conversation(scenario, plan(scenario, None, 3), seed=3, persona="neutral")
    turn = talk.first()
    words = GARBLED_CLAIM + _said("What would you need to see from me to move forward?")
    analysis = analyze(_heard(words), expects=turn.expects)
    verdict = quick_verdict(analysis, turn.expects, _recording(7.0))
    assert PART_UNSURE in verdict.headline
    assert ("ask_for_job", "done") in [(line.expect, line.status) for line in verdict.lines]
    reply = talk.next(turn, analysis)
    assert reply is not None and "timeline_in_goodbye" in reply.reasons, reply.reasons


def test_the_interviewer_says_it_missed_words_twice_at_most() -> None:
    # Trial 12 (stop 34): with a television on, the tough interviewer said "I didn't catch
    # all of that" / "That was hard to make out" five times in one session
    from voicecoach.rehearsal.reactions import NOT_HEARD_SAID_AT_MOST

    quiet = _audio("second-voice-none-espeak-card.flac", gain_db=-30.0)
    regions = tuple(speech_regions(quiet))
    voice = listen(quiet, regions)
    scenario = load_scenario("final-close")
    talk = Conversation(scenario, plan(scenario, None, 3), seed=3, persona="tough")
    turn: Turn | None = talk.first()
    said = []
    while turn is not None and not turn.closing:
        analysis = analyze(
            Transcript.from_text(HEARD), speech_regions=regions, expects=turn.expects,
            voice=voice, concern=turn.concern,
        )  # fmt: skip
        turn = talk.next(turn, analysis)
        if turn is not None:
            said.append(turn)
    lines = _lines("final-close", "quiet", "tough")
    remarks = [t for t in said if t.text.startswith(lines)]
    assert len(said) > NOT_HEARD_SAID_AT_MOST + 1, said
    assert len(remarks) == NOT_HEARD_SAID_AT_MOST, [t.text for t in said]
    # the turns after them still reply to none of the words: only the reason says why
    assert all(t.reasons and t.reasons[0] == "not_heard_quiet" for t in said), said


def test_an_opening_after_an_unclear_answer_is_not_coached_as_needed() -> None:
    # Trial 15: "I really want this role..." said over a television was unclear; the
    # interviewer left an opening before the goodbye, and the closing coaching said as a
    # fact "Before the goodbye you had not said you wanted the job"
    scenario = load_scenario("ask")
    talk = Conversation(scenario, plan(scenario, None, 3), seed=3, persona="neutral")
    first = talk.first()
    garbled = [("I", 0.9), ("really", 0.2), ("want", 0.3), ("this", 0.25), ("role.", 0.2)]
    analyses = {first.n: analyze(_heard(garbled), expects=first.expects)}
    assert analyses[first.n].check("interest").status == "unclear"  # type: ignore[union-attr]
    opening = talk.next(first, analyses[first.n])
    assert opening is not None and opening.id == "opening", opening
    said = "I am very interested in this position. What are the next steps from here?"
    analyses[opening.n] = analyze(_heard(_said(said)), expects=opening.expects)
    titles = [p.title for p in talk.summary(analyses).coaching]
    assert "The interviewer had to leave you an opening" not in titles, titles
    # nor, when they let it go, is it coached as an opening missed (trial 16: "you did not
    # say you wanted the job" beside the unclear rows)
    analyses[opening.n] = analyze(_heard(_said("No, that's all.")), expects=opening.expects)
    titles = [p.title for p in talk.summary(analyses).coaching]
    assert "An opening to ask for the job went unused" not in titles, titles
    # (an opening after answers heard clearly is still coached: test_conversation.py)


def test_an_opening_answered_unclearly_is_not_coached_as_let_go() -> None:
    # Trial 16, S06: the answer to the opening was not heard clearly, and the closing
    # coaching said "you did not say you wanted the job" beside its unclear rows (there the
    # answer before it was unclear too; here it was heard clearly)
    scenario = load_scenario("ask")
    talk = Conversation(scenario, plan(scenario, None, 3), seed=3, persona="neutral")
    first = talk.first()
    asked = "How big is the team I would join?"
    analyses = {first.n: analyze(_heard(_said(asked)), expects=first.expects)}
    opening = talk.next(first, analyses[first.n])
    assert opening is not None and opening.id == "opening", opening
    garbled = [("I", 0.9), ("really", 0.2), ("want", 0.3), ("this", 0.25), ("role.", 0.2)]
    analyses[opening.n] = analyze(_heard(garbled), expects=opening.expects)
    assert analyses[opening.n].check("interest").status == "unclear"  # type: ignore[union-attr]
    titles = [p.title for p in talk.summary(analyses).coaching]
    assert "An opening to ask for the job went unused" not in titles, titles
    # the same answer heard clearly is still coached as the opening let go
    analyses[opening.n] = analyze(_heard(_said("No, that's all.")), expects=opening.expects)
    titles = [p.title for p in talk.summary(analyses).coaching]
    assert "An opening to ask for the job went unused" in titles, titles


# Live trial 52 (N), turn 1 as tiny.en wrote it through the sound card, with its words'
# probabilities: a research question with one word unsure, then a question on success
TWO_QUESTIONS = [
    ("Yes,", 0.66), ("I", 0.98), ("have", 0.66), ("a", 0.99), ("couple.", 0.99), ("I", 0.95),
    ("read", 0.92), ("that", 0.72), ("Northwind", 0.58), ("Freight", 0.62), ("opened", 0.97),
    ("to", 0.67), ("New", 0.78), ("Cross", 0.77), ("Nock", 0.22), ("Hubs", 0.53),
    ("this", 0.98), ("year.", 1.0), ("How", 0.94), ("is", 0.70), ("the", 0.97),
    ("analytics", 0.38), ("team", 0.90), ("supporting", 0.99), ("them?", 0.99), ("And", 0.95),
    ("what", 0.97), ("would", 0.97), ("make", 0.99), ("someone", 0.96), ("really", 0.99),
    ("successful", 1.0), ("in", 1.0), ("this", 0.95), ("role", 0.96), ("in", 0.99),
    ("the", 1.0), ("first", 0.99), ("six", 0.88), ("months?", 1.0),
]  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
def test_both_questions_of_a_turn_get_a_reply_when_one_word_of_one_was_unsure(
    persona: str,
) -> None:
    """Live trial 52, L6: the interviewer answered the question on success and said
    nothing of the research question ("How is the analytics team supporting them?", one
    word of 7 under 0.5), and `sessions show` read "let further questions go". A person
    answers the one and acknowledges the other."""
    scenario = load_scenario("final-close")
    reactions = scenario.reactions
    assert reactions is not None and reactions.later is not None
    talk = Conversation(scenario, plan(scenario, None, 3), seed=3, persona=persona)
    turn = talk.first()
    reply = talk.next(turn, analyze(_heard(TWO_QUESTIONS), expects=turn.expects))
    assert reply is not None
    assert reply.reasons[:2] == ("answered_topic:success", "acknowledged_for_later"), reply
    assert "left_unanswered" not in reply.reasons
    assert any(line in reply.text for line in reactions.later.for_persona(persona)), reply.text
