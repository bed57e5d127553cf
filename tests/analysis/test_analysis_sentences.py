"""Sentence splitting with and without punctuation and timings."""

from __future__ import annotations

from voicecoach.analysis.sentences import (
    Token,
    split_tokens,
    tokens_from_text,
    tokens_from_transcript,
)
from voicecoach.transcript import Segment, Transcript, Word


def _timed(words: list[tuple[str, float, float]]) -> list[Token]:
    return [Token(t, a, b) for t, a, b in words]


def test_punctuated_text_splits_on_marks_not_abbreviations() -> None:
    spans = split_tokens(tokens_from_text("Thanks, Dr. Lee. What happens next? I'm keen!"))
    assert [s.text for s in spans] == ["Thanks, Dr. Lee.", "What happens next?", "I'm keen!"]
    assert all(s.start_s is None for s in spans)


def test_timed_words_keep_each_sentence_span() -> None:
    words = [("Thank", 0.0, 0.2), ("you.", 0.2, 0.5), ("What", 1.0, 1.2), ("next?", 1.2, 1.6)]
    spans = split_tokens(_timed(words))
    assert [(s.text, s.start_s, s.end_s) for s in spans] == [
        ("Thank you.", 0.0, 0.5),
        ("What next?", 1.0, 1.6),
    ]


def test_unpunctuated_speech_splits_on_long_gaps() -> None:
    words = [
        ("thank", 0.0, 0.2),
        ("you", 0.2, 0.4),
        ("so", 0.5, 0.6),
        ("much", 0.6, 0.8),
        ("what", 1.8, 2.0),
        ("happens", 2.0, 2.3),
        ("next", 2.3, 2.6),
    ]
    spans = split_tokens(_timed(words))
    assert [s.text for s in spans] == ["thank you so much", "what happens next"]


def test_punctuated_speech_ignores_thinking_pauses_inside_a_sentence() -> None:
    words = [
        ("I", 0.0, 0.1),
        ("led", 0.1, 0.3),
        ("a", 1.5, 1.6),
        ("team.", 1.6, 2.0),
        ("Thanks.", 2.2, 2.6),
    ]
    spans = split_tokens(_timed(words))
    assert [s.text for s in spans] == ["I led a team.", "Thanks."]


def test_unpunctuated_untimed_text_splits_before_sentence_openers() -> None:
    text = "i really enjoyed talking with you today what are the next steps from here thank you"
    spans = split_tokens(tokens_from_text(text))
    assert [s.text for s in spans] == [
        "i really enjoyed talking with you today",
        "what are the next steps from here",
        "thank you",
    ]


def test_indirect_questions_are_not_cut() -> None:
    text = "i would like to know what happens next and when i will hear back from you"
    assert len(split_tokens(tokens_from_text(text))) == 1


def test_sentences_never_cross_turns() -> None:
    tokens = [Token("I", turn=1), Token("agree", turn=1), Token("thanks", turn=2)]
    assert [(s.text, s.turn) for s in split_tokens(tokens)] == [("I agree", 1), ("thanks", 2)]


def test_segments_without_word_timings_get_spread_times() -> None:
    transcript = Transcript("hello there", (Segment("hello there", 1.0, 2.0),), 2.0)
    tokens = tokens_from_transcript(transcript)
    assert [(t.text, t.start_s, t.end_s) for t in tokens] == [
        ("hello", 1.0, 1.5),
        ("there", 1.5, 2.0),
    ]
    words = (Word("Hi.", 0.0, 0.3, 0.9), Word(" ", 0.3, 0.3, 0.1))
    timed = Transcript("Hi.", (Segment("Hi.", 0.0, 0.3, words),), 0.3)
    assert [t.text for t in tokens_from_transcript(timed, turn=3)] == ["Hi."]
    assert tokens_from_transcript(Transcript.from_text("")) == []


def test_a_question_inside_a_run_on_is_cut_off_by_its_words() -> None:
    # Whisper often ends a question with a period and runs it into the sentence before.
    cases = {
        "Thank you for your time what are the next steps.": [
            "Thank you for your time",
            "what are the next steps.",
        ],
        "That sounds great do you have any concerns about my background.": [
            "That sounds great",
            "do you have any concerns about my background.",
        ],
        "I led the team that built what became the main product.": [
            "I led the team that built what became the main product."
        ],
        "I would like to know what happens next.": ["I would like to know what happens next."],
        # a relative clause with an aside is no question (the weak sample, as Whisper hears it)
        "I did some statistics classes which were, you know, kind of interesting.": [
            "I did some statistics classes which were, you know, kind of interesting."
        ],
    }
    for text, want in cases.items():
        assert [s.text for s in split_tokens(tokens_from_text(text))] == want, text


def test_word_probabilities_reach_the_span() -> None:
    words = (Word("thank", 0.0, 0.2, 0.3), Word("you", 0.2, 0.4, 0.9))
    transcript = Transcript("thank you", (Segment("thank you", 0.0, 0.4, words),), 0.4)
    (span,) = split_tokens(tokens_from_transcript(transcript))
    assert span.probabilities == (0.3, 0.9)
    assert split_tokens(tokens_from_text("thank you"))[0].probabilities is None


def _whisper_segment(text: str, tokens: str) -> Transcript:
    """A segment as stored: Whisper's word tokens (``tokens``, split at spaces) with
    their leading space stripped."""
    words = tokens.split()
    timed = tuple(Word(w, i * 0.3, i * 0.3 + 0.25, 0.9) for i, w in enumerate(words))
    seg = Segment(text, 0.0, len(words) * 0.3, timed)
    return Transcript(text, (seg,), duration_s=len(words) * 0.3, engine="faster-whisper")


def test_numbers_split_into_word_tokens_read_as_the_transcript_writes_them() -> None:
    # From a user trial: Whisper's tokens " $100" ",000" and " 5" ".15%." were quoted
    # with a space inside the number.
    t = _whisper_segment(
        " I ended before $100,000 forecasting. My models cut error to 5.15%.",
        "I ended before $100 ,000 forecasting. My models cut error to 5 .15%.",
    )
    spans = split_tokens(tokens_from_transcript(t))
    assert [s.text for s in spans] == [
        "I ended before $100,000 forecasting.",
        "My models cut error to 5.15%.",
    ]


def test_a_rebuilt_segment_still_joins_a_number_tail() -> None:
    # gating rebuilds a segment's text from its kept words, with a space between each
    t = _whisper_segment("It saved $100 ,000 a year.", "It saved $100 ,000 a year.")
    assert split_tokens(tokens_from_transcript(t))[0].text == "It saved $100,000 a year."


def test_words_written_apart_stay_apart() -> None:
    t = _whisper_segment(" Yes, 5 . Then 100 .", "Yes, 5 . Then 100 .")
    spans = split_tokens(tokens_from_transcript(t))
    assert " ".join(s.text for s in spans) == "Yes, 5 . Then 100 ."
