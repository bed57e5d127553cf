"""Split a transcript into sentences, keeping each sentence's time span.

Whisper usually punctuates, and then punctuation decides. Without punctuation (some
engines, or speech Whisper could not parse) a long silence between words or a word that
typically opens a new sentence after a short one ends the sentence instead. Either way a
question that starts inside a run-on ("thanks for your time what are the next steps.")
is cut off by its words -- a wh-word before an auxiliary, or an auxiliary before its
subject ("could you", "is there") -- since Whisper often drops the question mark.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from voicecoach.analysis.unfinished import Ending, ending
from voicecoach.transcript import Transcript, joined_flags

# A gap between words this long ends a sentence in unpunctuated speech: longer than a
# breath between clauses (about 0.3-0.5 s), shorter than the 1 s "pause" line.
SENTENCE_GAP_S = 0.7
# In punctuated speech only a silence this long splits a sentence without a full stop:
# Whisper sometimes runs two sentences together across a long thinking pause.
PUNCTUATED_GAP_S = 2.5
# Unpunctuated text with no timings is cut before sentence openers once a sentence is
# this many words long.
MIN_WORDS_BEFORE_CUE = 6
# Text counts as punctuated when it has at least one sentence mark per this many words.
WORDS_PER_MARK = 40

_ABBREVIATIONS = frozenset(
    {
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "prof.",
        "sr.",
        "jr.",
        "st.",
        "vs.",
        "etc.",
        "e.g.",
        "i.e.",
        "inc.",
        "ltd.",
        "co.",
        "corp.",
        "no.",
        "approx.",
        "u.s.",
        "u.k.",
    }
)
_END = re.compile(r"[.!?]+[\"')\]]*$")
# Words that often open a new sentence in speech (used only when punctuation is absent).
_OPENERS = frozenset(
    {
        "what",
        "how",
        "when",
        "where",
        "who",
        "why",
        "thank",
        "thanks",
        "i'm",
        "i've",
        "i'd",
        "so",
        "also",
        "finally",
        "lastly",
        "based",
        "again",
    }
)
# Auxiliaries open a sentence only when followed by one of these ("could you", "is there").
_AUX_OPENERS = frozenset({"do", "does", "is", "are", "can", "could", "would", "will", "have"})
_AUX_SUBJECTS = frozenset({"you", "there", "we"})
# A question opening inside a sentence: wh-word (+ one word) + auxiliary, or auxiliary +
# subject. Checked on the words after a possible cut, lower case, punctuation stripped.
# "who", "when"... also open relative and time clauses ("families who are scared", "calm
# when everything is..."), so they need the auxiliary's subject too.
_AUX_WORDS = r"(?:do|does|did|is|are|was|were|can|could|would|will|should|have|has)"
_SUBJECTS = r"(?:you|there|we|i|anyone|anything|someone|the team|your team)"
_QUESTION_START = re.compile(
    rf"^(?:(?:what|how|why)(?: (?:long|many|much|soon|often|else|exactly))? (?:{_AUX_WORDS}|"
    rf"happens|comes)\b"
    rf"|(?:when|where|who|which)(?: (?:exactly|else))? {_AUX_WORDS} {_SUBJECTS}\b"
    rf"|{_AUX_WORDS} (?:not )?{_SUBJECTS}\b)"
)
_WH_WORDS = frozenset({"what", "how", "why", "when", "where", "who", "which", "whether", "if"})
# A question found by its words may start after this many words of the sentence before.
MIN_WORDS_BEFORE_QUESTION = 3
# Words after which an opener continues the same sentence ("I'd like to know what...").
_NO_CUT_AFTER = frozenset(
    {
        "i",
        "and",
        "or",
        "but",
        "so",
        "that",
        "to",
        "the",
        "a",
        "you",
        "we",
        "they",
        "know",
        "wondering",
        "wonder",
        "ask",
        "about",
        "tell",
        "me",
        "is",
        "was",
        "see",
        "understand",
        "learn",
        "curious",
        "hear",
        "sure",
        "on",
        "of",
        "in",
        "for",
        "exactly",
        "matter",
        "just",
        "how",
        "what",
        "when",
        "where",
        "why",
        "like",
        "not",
        "it",
        "really",
        "also",
        "very",
    }
)


@dataclass(frozen=True)
class Token:
    """One spoken word with its time (None without timings) and rehearsal turn."""

    text: str
    start_s: float | None = None
    end_s: float | None = None
    turn: int | None = None
    probability: float | None = None  # the engine's confidence in the word; None for text
    joined: bool = False  # written on to the previous word with no space (",000" after "$100")


@dataclass(frozen=True)
class Span:
    """A sentence as a run of tokens: ``tokens[first:last]`` of the transcript."""

    tokens: tuple[Token, ...]

    @property
    def text(self) -> str:
        return join_tokens(self.tokens)

    @property
    def start_s(self) -> float | None:
        return self.tokens[0].start_s if self.tokens else None

    @property
    def end_s(self) -> float | None:
        return self.tokens[-1].end_s if self.tokens else None

    @property
    def turn(self) -> int | None:
        return self.tokens[0].turn if self.tokens else None

    @property
    def ending(self) -> Ending | None:
        """Whether the sentence stops before its clause does (:func:`.unfinished.ending`):
        "open" ("What I'd stress is"), "linked" ("..., and"), None when it may end there."""
        return ending(self.text)

    @property
    def probabilities(self) -> tuple[float, ...] | None:
        """Each word's recognition probability, or None when any is unknown (typed text)."""
        probs = tuple(t.probability for t in self.tokens)
        return None if any(p is None for p in probs) else probs  # type: ignore[return-value]


def join_tokens(tokens: Sequence[Token]) -> str:
    """The words as text: a space between them, none before a word written on to the
    one before it (Whisper's " $100" ",000" reads "$100,000", as in the transcript)."""
    return "".join(("" if i == 0 or t.joined else " ") + t.text for i, t in enumerate(tokens))


def tokens_from_transcript(transcript: Transcript, turn: int | None = None) -> list[Token]:
    """The transcript's words; segments without word timings get evenly spread times."""
    tokens: list[Token] = []
    for seg in transcript.segments:
        if seg.words:
            kept = [w for w in seg.words if w.text.strip()]
            joined = joined_flags(seg.text, [w.text.strip() for w in kept])
            for w, glued in zip(kept, joined, strict=True):
                tokens.append(Token(w.text.strip(), w.start_s, w.end_s, turn, w.probability, glued))
            continue
        words = seg.text.split()
        if not words:
            continue
        if seg.end_s > seg.start_s:
            step = (seg.end_s - seg.start_s) / len(words)
            for i, text in enumerate(words):
                start = seg.start_s + i * step
                tokens.append(Token(text, start, start + step, turn))
        else:
            tokens.extend(Token(text, None, None, turn) for text in words)
    if not tokens and transcript.text.strip():
        tokens = [Token(text, None, None, turn) for text in transcript.text.split()]
    return tokens


def tokens_from_text(text: str, turn: int | None = None) -> list[Token]:
    return [Token(t, None, None, turn) for t in text.split()]


def _ends_sentence(word: str) -> bool:
    return bool(_END.search(word)) and word.lower() not in _ABBREVIATIONS


def _bare(word: str) -> str:
    return word.lower().strip(".,!?;:\"'()[]")


def is_punctuated(tokens: Sequence[Token]) -> bool:
    marks = sum(1 for t in tokens if _ends_sentence(t.text))
    return marks > 0 and marks * WORDS_PER_MARK >= len(tokens)


def split_tokens(tokens: Sequence[Token]) -> list[Span]:
    """Group tokens into sentences (never across rehearsal turns)."""
    punctuated = is_punctuated(tokens)
    spans: list[Span] = []
    current: list[Token] = []
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        after = tokens[i + 2].text if i + 2 < len(tokens) else ""
        current.append(tok)
        if (
            nxt is None
            or nxt.turn != tok.turn
            or _boundary(tok, nxt, after, current, punctuated)
            or _question_starts(tok, tokens[i + 1 : i + 4], current)
        ):
            spans.append(Span(tuple(current)))
            current = []
    return join_unfinished(spans)


def join_unfinished(spans: Sequence[Span]) -> list[Span]:
    """Each sentence that stops on a word no sentence ends on ("What I'd stress is.",
    "..., and.") read as one with the next sentence of its turn: Whisper ends a sentence
    at a thinking pause, and the words after the pause finish it. Not before a question
    that opens by its words ("What I'd ask is. What are the next steps?"): that one stands
    on its own, and the fragment is left unfinished (:attr:`Span.ending`)."""
    out: list[Span] = []
    for span in spans:
        last = out[-1] if out else None
        if last is not None and last.turn == span.turn and last.ending and not _asks(span):
            first, *rest = span.tokens
            out[-1] = Span(
                (*last.tokens[:-1], _without_mark(last.tokens[-1]), _in_sentence(first), *rest)
            )
        else:
            out.append(span)
    return out


def _asks(span: Span) -> bool:
    words = " ".join(_bare(t.text) for t in span.tokens[:4])
    return bool(_QUESTION_START.match(words))


# A capital Whisper gave these words for opening a sentence; inside one they have none.
_LOWER_INSIDE = frozenset(
    {"that", "the", "a", "an", "my", "our", "your", "their", "this", "to", "and", "but", "so",
     "we", "you", "they", "it", "how", "what", "why", "when", "where", "who", "which", "is",
     "um", "uh", "erm"}
)  # fmt: skip


def _in_sentence(token: Token) -> Token:
    """The first word after the pause, as it reads inside the sentence it finishes."""
    low = token.text.lower()
    word = _bare(low).split("'")[0]  # "that's" as "that"; "I'm" keeps its capital
    return replace(token, text=low) if word in _LOWER_INSIDE else token


def _without_mark(token: Token) -> Token:
    """The word without the full stop Whisper put after it at the pause."""
    text = token.text.rstrip(".!?")
    return replace(token, text=text) if text else token


def _question_starts(tok: Token, rest: Sequence[Token], current: list[Token]) -> bool:
    """Does a question begin right after ``tok``, inside a run-on without punctuation?"""
    if len(current) < MIN_WORDS_BEFORE_QUESTION or _ends_sentence(tok.text) or not rest:
        return False
    if tok.text.endswith((",", ";", ":")) or _bare(tok.text) in _NO_CUT_AFTER:
        return False
    # Already a question ("how many people would I have"), or an indirect one: no cut.
    if any(_bare(t.text) in _WH_WORDS for t in current) or _bare(current[0].text) in _AUX_OPENERS:
        return False
    # Stop at a comma: "which were, you know, ..." is a relative clause, its "you" no
    # subject of "were" (Whisper's commas survive where its question marks do not).
    kept: list[Token] = []
    for t in rest:
        kept.append(t)
        if t.text.endswith(","):
            break
    words = " ".join(_bare(t.text) for t in kept)
    return bool(_QUESTION_START.match(words))


def _boundary(tok: Token, nxt: Token, after: str, current: list[Token], punctuated: bool) -> bool:
    if _ends_sentence(tok.text):
        return True
    gap = None
    if tok.end_s is not None and nxt.start_s is not None:
        gap = nxt.start_s - tok.end_s
    if punctuated:
        return gap is not None and gap >= PUNCTUATED_GAP_S
    if gap is not None and gap >= SENTENCE_GAP_S and len(current) >= 2:
        return True
    # Unpunctuated and untimed (or a short gap): cut before a typical sentence opener.
    if len(current) < MIN_WORDS_BEFORE_CUE or tok.text.endswith(","):
        return False
    nb = _bare(nxt.text)
    if _bare(tok.text) in _NO_CUT_AFTER:
        return False
    if nb in _AUX_OPENERS:
        return _bare(after) in _AUX_SUBJECTS
    if nb in {"so", "also"}:
        return gap is not None and gap >= 0.4
    return nb in _OPENERS


def sentences_of(text: str) -> list[str]:
    """``text`` cut into sentences: after ".", "?" or "!" and a space, not after a title
    or a company's "Inc." ("Dr. Lee leads the team." is one)."""
    out: list[str] = []
    for part in _SENTENCE_END.split(text.strip()):
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        elif part:
            out.append(part)
    return out


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
_ABBREVIATION = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Prof|St|Inc|Ltd|Co|Corp|Jr|Sr|vs|etc|e\.g|i\.e)\.$")
