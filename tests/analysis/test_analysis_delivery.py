"""Delivery: pace over speaking time, pauses, fillers and hedges with their times."""

from __future__ import annotations

from voicecoach.analysis.delivery import combine, find_markers, find_pauses, measure
from voicecoach.analysis.sentences import Span, Token, split_tokens, tokens_from_text
from voicecoach.settings import Thresholds


def _markers(text: str) -> list[tuple[str, str]]:
    span = Span(tuple(tokens_from_text(text)))
    return [(m.kind, m.text.lower()) for m in find_markers(span)]


def test_fillers_by_word_and_by_position() -> None:
    # run together with other fillers, "so" is a run-up
    assert _markers("So, um, I led it.") == [("filler", "so"), ("filler", "um")]
    assert _markers("Uh, so, I led it.") == [("filler", "uh"), ("filler", "so")]
    assert _markers("So yeah, I led it.") == [("filler", "so")]
    assert _markers("Well, I led it.") == [("filler", "well")]
    # ...before another marker too (review)
    # ...but not "so" leading on into words that are no marker here (second review)
    assert ("filler", "so") not in _markers("So you know where to find me.")
    assert ("filler", "so") not in _markers("So kind of you to say that.")
    assert ("filler", "so") not in _markers("So well done on the launch.")
    assert ("filler", "so") in _markers("So, you know, I led it.")
    assert ("filler", "so") in _markers("So, basically, I led it.")
    assert ("filler", "so") in _markers("So, I mean, I led it.")
    assert ("filler", "so") in _markers("So, so, I think I led it.")
    assert _markers("Um, so, I led the team, you know, for two years.") == [
        ("filler", "um"),
        ("filler", "so"),
        ("filler", "you know"),
    ]
    assert _markers("So, like, it was basically fine.") == [
        ("filler", "so"),
        ("filler", "like"),
        ("filler", "basically"),
    ]


def test_words_that_are_not_fillers_here() -> None:
    assert _markers("I would like to know what kind of team this is.") == []
    assert _markers("Do you know the answer? I mean it.") == []
    assert _markers("It went so well that we did it again.") == []
    # "So," before a clause leads to it (trial 21: "Fillers: 1 (so)" for these)
    assert _markers("So, I would grow into it.") == []
    assert _markers("So, what happens next?") == []
    assert _markers("so i guess that's me") == [("hedge", "i guess")]


def test_hedges() -> None:
    assert _markers("I think maybe I could just probably do it, I guess.") == [
        ("hedge", "i think maybe"),
        ("hedge", "just"),
        ("hedge", "probably"),
        ("hedge", "i guess"),
    ]
    assert _markers("I feel like it was sort of hard.") == [
        ("hedge", "i feel like"),
        ("hedge", "sort of"),
    ]


def test_just_before_a_request_is_not_a_hedge() -> None:
    # user trial: "Just one more thing." was counted as a hedge
    assert _markers("Just one more thing.") == []
    assert _markers("I have just one more question.") == []
    assert _markers("Just a quick question about the team.") == []
    assert _markers("Just to check, when do you decide?") == []
    assert _markers("I want to ask just two things.") == []
    # on the candidate's own claim it still hedges, a count included (a review, stop 32)
    assert _markers("I just think I could do it.") == [("hedge", "just")]
    assert _markers("It's just an idea.") == [("hedge", "just")]
    assert _markers("I have just two years of experience.") == [("hedge", "just")]
    assert _markers("I've led just a few small projects so far.") == [("hedge", "just")]
    assert _markers("It was just a short internship.") == [("hedge", "just")]


def test_marker_keeps_its_time_and_sentence() -> None:
    tokens = [Token("Um,", 0.5, 0.8), Token("thanks.", 1.0, 1.4)]
    (m,) = find_markers(Span(tuple(tokens)))
    assert (m.evidence.start_s, m.evidence.end_s, m.evidence.quote) == (0.5, 0.8, "Um, thanks.")


def test_a_filler_whisper_wrote_twice_in_no_time_counts_once() -> None:
    # trial 5 (stop 31): one "um" came back as "Um, um.", 20 ms and 0 ms long
    doubled = [Token("Um,", 11.596, 11.616), Token("um.", 11.616, 11.616)]
    assert [m.text for m in find_markers(Span(tuple(doubled)))] == ["Um"]
    said_twice = [Token("Um,", 3.0, 3.3), Token("um,", 3.8, 4.1), Token("yes.", 4.3, 4.6)]
    assert [m.text for m in find_markers(Span(tuple(said_twice)))] == ["Um", "um"]
    untimed = Span(tuple(tokens_from_text("Um, um, yes.")))
    assert len(find_markers(untimed)) == 2


def test_a_filler_whisper_wrote_over_another_word_is_not_counted() -> None:
    """Trial 53 (sessions 2300-fda3ba and 2258-8f9fc5): "What are the next steps?" came
    back as "Well, turn the next steps", its "Well" 0 ms long at probability 0.29, and read
    "Fillers: 1 (well)". The words as that Whisper wrote them:"""
    garbled = [
        Token("Well,", 3.734, 3.734, probability=0.2882),
        Token("turn", 3.914, 3.914, probability=0.2215),
        Token("the", 3.914, 4.094, probability=0.9236),
        Token("next", 4.094, 4.454, probability=0.9975),
        Token("steps.", 4.454, 4.914, probability=0.528),
    ]
    assert find_markers(Span(tuple(garbled))) == []
    # the same trial's short "So" Whisper was sure of was said (2253-9d6b57: 20 ms at
    # 0.96), and a "Well," said at a word's length counts
    said = [Token("So,", 17.306, 17.326, probability=0.9595), Token("um,", 17.4, 17.7),
            Token("yes.", 17.8, 18.1)]  # fmt: skip
    assert [m.text for m in find_markers(Span(tuple(said)))] == ["So", "um"]
    well = [Token("Well,", 1.0, 1.24, probability=0.4), Token("I", 1.3, 1.4),
            Token("think", 1.4, 1.7), Token("so.", 1.7, 2.0)]  # fmt: skip
    assert [m.text for m in find_markers(Span(tuple(well)))] == ["Well"]


def test_pauses_from_regions_count_and_flag() -> None:
    pauses = find_pauses([(0.0, 1.0), (1.5, 2.0), (3.2, 4.0), (7.5, 8.0)], Thresholds())
    assert [(p.start_s, p.end_s, p.long) for p in pauses] == [(2.0, 3.2, False), (4.0, 7.5, True)]


def test_pace_uses_vad_regions_when_given() -> None:
    words = [
        "I",
        "led",
        "a",
        "team",
        "of",
        "eight",
        "people",
        "for",
        "three",
        "years",
        "at",
        "a",
        "logistics",
        "firm",
    ]
    tokens = [Token(w, i * 0.4, i * 0.4 + 0.3) for i, w in enumerate(words)]
    spans = split_tokens(tokens)
    d, notes = measure(
        spans, tokens, speech_regions=[(0.0, 2.5), (3.0, 5.5)], thresholds=Thresholds()
    )
    assert d.speaking_time_s == 5.0 and d.word_count == 14 and d.wpm == 168.0
    assert notes == []
    d2, notes2 = measure(spans, tokens, speech_regions=None, thresholds=Thresholds())
    assert d2.speaking_time_s > 5.0 and notes2 and "word timings" in notes2[0]


def test_no_timings_means_no_pace() -> None:
    tokens = tokens_from_text("Um, thanks.")
    d, _ = measure(split_tokens(tokens), tokens, speech_regions=None, thresholds=Thresholds())
    assert d.wpm is None and d.word_count == 1 and len(d.fillers) == 1
    both = combine([d, d])
    assert both.word_count == 2 and len(both.fillers) == 2 and both.wpm is None


def test_a_pause_the_candidate_announced_is_not_flagged() -> None:
    """Trial 9 (stop 32): "Good question, let me think." then 3.5 s was coached "say 'Let
    me think about that' rather than going silent"."""
    th = Thresholds()
    words = [
        Token("Good", 0.0, 0.3), Token("question,", 0.3, 0.7), Token("let", 0.8, 0.9),
        Token("me", 0.9, 1.0), Token("think.", 1.0, 1.4),
        Token("What", 4.9, 5.1), Token("does", 5.1, 5.3), Token("success", 5.3, 5.8),
        Token("look", 5.8, 6.0), Token("like?", 6.0, 6.4),
        Token("And", 10.0, 10.2), Token("the", 10.2, 10.3), Token("team?", 10.3, 10.8),
    ]  # fmt: skip
    regions = [(0.0, 1.6), (4.9, 6.5), (10.0, 10.8)]
    pauses = find_pauses(regions, th, words)
    assert [(p.start_s, p.long) for p in pauses] == [(1.6, False), (6.5, True)]
    assert [p.long for p in find_pauses(regions, th)] == [True, True]  # without the words


def test_a_pause_after_a_long_request_for_a_moment_is_not_flagged() -> None:
    # a review (stop 32): only the last 6 words were read, so "Let me think about that for
    # a second." lost its "let me"
    th = Thresholds()
    said = "Let me think about that for a second."
    words = [Token(w, 0.3 * i, 0.3 * i + 0.25) for i, w in enumerate(said.split())]
    words.append(Token("Yes.", 6.5, 6.8))
    (pause,) = find_pauses([(0.0, 2.4), (6.5, 6.8)], th, words)
    assert not pause.long


def test_a_pause_after_a_misheard_request_for_a_moment_is_not_flagged() -> None:
    """Trial 20: "Hmm, let me think about that." and 5 s of thought, heard as "Um, let
    me think I'm out and out.", was coached 'say "Let me think about that" rather than
    going silent'. Whisper may also stretch the last word into the pause ("that." to
    4.0 s, its region ending at 1.95 s), so the words read before it stop at "about"."""
    th = Thresholds()
    said = "Um, let me think I'm out and out."
    misheard = [Token(w, 0.3 * i, 0.3 * i + 0.25) for i, w in enumerate(said.split())]
    misheard.append(Token("Yes.", 7.4, 7.7))
    (pause,) = find_pauses([(0.0, 2.4), (7.4, 7.7)], th, misheard)
    assert not pause.long
    stretched = [Token("Let", 0.0, 0.66), Token("me", 0.66, 0.92), Token("think", 0.92, 1.18),
                 Token("about", 1.18, 1.5), Token("that.", 1.5, 4.04),
                 Token("I", 7.14, 7.78)]  # fmt: skip
    (pause,) = find_pauses([(0.29, 1.95), (7.52, 9.05)], th, stretched)
    assert not pause.long


def test_an_announced_pause_is_excused_only_when_it_ends_the_words_and_not_for_long() -> None:
    th = Thresholds()
    announce = [Token("Good", 0.0, 0.3), Token("question,", 0.3, 0.7), Token("let", 0.8, 0.9),
                Token("me", 0.9, 1.0), Token("think.", 1.0, 1.4)]  # fmt: skip
    very_long = [*announce, Token("Well,", 14.0, 14.3), Token("yes.", 14.3, 14.6)]
    (pause,) = find_pauses([(0.0, 1.6), (14.0, 14.6)], th, very_long)
    assert pause.long  # 12 s is long, announced or not
    went_on = [Token("Good", 0.0, 0.3), Token("question.", 0.3, 0.7), Token("I'd", 0.8, 1.0),
               Token("say", 1.0, 1.2), Token("the", 1.2, 1.4),
               Token("team.", 6.0, 6.4)]  # fmt: skip
    (pause,) = find_pauses([(0.0, 1.5), (6.0, 6.4)], th, went_on)
    assert pause.long  # the answer had begun: this silence is mid-sentence
    story = [Token("I", 0.0, 0.2), Token("remember", 0.2, 0.6), Token("one", 0.6, 0.8),
             Token("moment.", 0.8, 1.2), Token("It", 5.5, 5.7),
             Token("worked.", 5.7, 6.1)]  # fmt: skip
    (pause,) = find_pauses([(0.0, 1.3), (5.5, 6.1)], th, story)
    assert pause.long


def test_a_filler_whisper_wrote_twice_across_a_full_stop_counts_once() -> None:
    from voicecoach.analysis import analyze
    from voicecoach.transcript import Segment, Transcript, Word

    timed = [("Um.", 1.0, 1.3), ("Um.", 1.3, 1.3), ("I", 1.6, 1.7), ("think", 1.7, 2.0),
             ("so.", 2.0, 2.2)]  # fmt: skip
    words = tuple(Word(w, a, b, 0.9) for w, a, b in timed)
    text = " ".join(w for w, _, _ in timed)
    heard = Transcript(text, (Segment(text, 0.0, 2.2, words),), 2.7)
    a = analyze(heard, expects=(), semantic=False)
    assert [s.text for s in a.sentences][:2] == ["Um.", "Um."]
    assert len(a.delivery.fillers) == 1
