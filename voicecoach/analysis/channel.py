"""Real-channel training variants: what Whisper wrote for TTS-voiced batch sentences.

``tests/data/moves/channel.jsonl`` holds, for each register-batch sentence, the transcript
that faster-whisper tiny.en made of it when a TTS voice the spoken bench does not use
said it (``bench/channel_variants.py`` makes the file). :func:`channel_variants` turns the
transcripts of one batch into extra training examples with the source sentence's labels:
the sentence was said with those moves, so a question keeps its question label even when
Whisper ended it with "." or nothing.

Which transcripts are kept (fixed before the first leave-one-batch-out run):

- A transcript that splits the sentence in two ("...not enough for you. Is there?") stays
  one example, whole: the labels belong to what was said, and the model should learn that
  a mid-sentence "." does not end the question.
- A garbled one is dropped: when its word error rate against the source (lower case,
  punctuation ignored) is :data:`MAX_WORD_ERROR` or more, the words that carry a move may
  be gone ("thank you" heard as "and you"), and the labels no longer hold.
- An empty one, or one equal to the source text, adds nothing and is dropped.

Training data only, never a scored set. Pure Python.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from voicecoach.analysis.evaluate import Example
from voicecoach.analysis.lexicon import edit_distance

CHANNEL_FILE = Path(__file__).resolve().parents[2] / "tests" / "data" / "moves" / "channel.jsonl"
# Word error rate (against the source) from which a transcript counts as garbled: at 0.5
# half the words are wrong, and in a short sentence that is the move's own words.
MAX_WORD_ERROR = 0.5
_WORD = re.compile(r"[a-z0-9']+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Word-level edit distance over the reference's length (1.0 for an empty reference)."""
    ref, hyp = words(reference), words(hypothesis)
    return edit_distance(ref, hyp) / len(ref) if ref else 1.0


def kept(source: str, transcript: str) -> bool:
    """True when ``transcript`` of ``source`` is a training variant (module doc)."""
    text = transcript.strip()
    if not text or text == source.strip():
        return False
    return word_error_rate(source, text) < MAX_WORD_ERROR


@cache
def _transcripts(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    rows = (json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip())
    return {row["source"]: row["text"] for row in rows}


def channel_variants(batch: Path, channel_file: Path = CHANNEL_FILE) -> list[Example]:
    """The kept transcripts of ``batch``'s sentences, each with its source's labels."""
    transcripts = _transcripts(channel_file)
    out = []
    for n, line in enumerate(Path(batch).read_text("utf-8").splitlines(), 1):
        said = transcripts.get(f"{Path(batch).stem}:{n}")
        if not line.strip() or said is None:
            continue
        row = json.loads(line)
        if kept(row["text"], said):
            moves = frozenset(row.get("moves", ()))
            out.append(Example(said.strip(), moves, row.get("question_form")))
    return out
