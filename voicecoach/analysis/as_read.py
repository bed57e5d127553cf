"""The answer's words as the analyzer read them: Whisper's transcript with a question mark
on each sentence the analyzer counted as a question that Whisper wrote without one.

Whisper often ends a question asked in statement order with a full stop: one whose voice
rose ("You are opening a second office in Chicago this year." said rising, which
:mod:`.rising` reads as a question) or one whose words ask ("Something in my background is
not enough for you.", a probe for doubts). Where the user reads what they said (the live
"You said:" line, the report's turn by turn, the replay, ``sessions show``) such a sentence
shows the "?" the checklist counted. Only a sentence read as a question for sure, and asked
as one: a request or a wish to know ("Tell me about the team.", "I'd like to know what
happens next.") keeps its full stop. The stored transcript stays as Whisper wrote it; this
is drawn from it and the turn's analysis each time it is shown. The quotes of such a
sentence in the checks and the coaching end in "?" too (:func:`shown_text`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from voicecoach.analysis.questions import asks_as_request
from voicecoach.analysis.results import Sentence
from voicecoach.transcript import Transcript, Word

# A sentence's end and its last word's end are the same time, kept to the ms.
SAME_TIME_S = 0.0005


def read_as_question(s: Sentence) -> bool:
    """Is ``s`` shown ending in "?": read as a question for sure, and asked as one?"""
    from voicecoach.analysis.rising import is_request  # (rising loads numpy)

    return (
        "question" in s.moves - s.unclear and not asks_as_request(s.text) and not is_request(s.text)
    )


def shown_text(s: Sentence) -> str:
    """The sentence as quoted: ending in "?" when it is shown as a question."""
    if read_as_question(s) and not s.text.rstrip().endswith("?"):
        return _asked_word(s.text)
    return s.text


def asked_words(words: Sequence[Word], sentences: Iterable[Sentence]) -> frozenset[int]:
    """The indices in ``words`` of the last word of each sentence shown as a question
    (:func:`read_as_question`) that Whisper wrote without a question mark. A sentence is
    found by its end time; one without times (typed text) is not marked."""
    out: set[int] = set()
    at = 0
    for s in sorted((s for s in sentences if s.end_s is not None), key=lambda s: s.end_s or 0.0):
        end = s.end_s or 0.0
        i = next(
            (j for j in range(at, len(words)) if abs(words[j].end_s - end) <= SAME_TIME_S), None
        )
        if i is None:
            continue
        at = i + 1
        if read_as_question(s) and not words[i].text.rstrip().endswith("?"):
            out.add(i)
    return frozenset(out)


def words_as_read(words: Sequence[Word], sentences: Iterable[Sentence]) -> tuple[Word, ...]:
    """``words`` with the last word of each sentence shown as a question ending in "?"."""
    asked = asked_words(words, sentences)
    return tuple(
        replace(w, text=_asked_word(w.text)) if i in asked else w for i, w in enumerate(words)
    )


def text_as_read(transcript: Transcript, sentences: Iterable[Sentence]) -> str:
    """The transcript's text with each sentence shown as a question ending in "?". The
    text is left as it is where its words cannot all be found in it in order."""
    words = transcript.words
    asked = asked_words(words, sentences)
    text = transcript.text
    if not asked:
        return text
    out, at = [], 0
    for i, w in enumerate(words):
        word = w.text.strip()
        found = text.find(word, at)
        if found < 0:
            return transcript.text
        end = found + len(word)
        out.append(text[at:found])
        out.append(_asked_word(word) if i in asked else word)
        at = end
    out.append(text[at:])
    return "".join(out)


def _asked_word(text: str) -> str:
    """A word (or sentence) ending in a question mark instead of its stop (trailing space
    kept)."""
    from voicecoach.analysis.rising import as_asked

    return as_asked(text) + text[len(text.rstrip()) :]


def of_turn(sentences: Iterable[Sentence], turn: int | None) -> list[Sentence]:
    """The sentences of rehearsal turn ``turn`` (each turn's times run on its own clock)."""
    return [s for s in sentences if s.turn is None or turn is None or s.turn == turn]
