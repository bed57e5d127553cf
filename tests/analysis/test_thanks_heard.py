"""A thank-you heard word for word, one of its words at a low probability (live trial 49)."""

from __future__ import annotations

from collections.abc import Sequence

from voicecoach.transcript import Segment, Transcript, Word


def _heard(words: Sequence[tuple[str, float]]) -> Transcript:
    timed = tuple(Word(w, 0.3 * i, 0.3 * i + 0.25, p) for i, (w, p) in enumerate(words))
    text = " ".join(w for w, _ in words)
    return Transcript(text, (Segment(text, 0.0, timed[-1].end_s, timed),), timed[-1].end_s)


def _thanks(words: Sequence[tuple[str, float]]) -> tuple[bool, bool]:
    from voicecoach.analysis.analyzer import analyze

    a = analyze(_heard(words), expects=("thanks",), semantic=True)
    (s,) = a.sentences
    return "thanks" in s.moves, "thanks" in s.unclear


def test_the_rest_of_the_formula_keeps_an_unsure_thank_you() -> None:
    """T5: "Thank you for your time, Dana." with "Thank" at 0.40 and "Dana" at 0.12 read
    "? unclear, not judged" and lost the thanks, though every word was right."""
    said = [("Thank", 0.40), ("you", 0.95), ("for", 0.97), ("your", 0.96), ("time,", 0.9),
            ("Dana.", 0.12)]  # fmt: skip
    assert _thanks(said) == (True, False)


def test_a_bare_unsure_thank_you_stays_unclear() -> None:
    # nothing else in it says thanks: the unsure word may have been another ("And you.")
    assert _thanks([("Thank", 0.30), ("you.", 0.95)]) == (True, True)
