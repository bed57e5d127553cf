"""Train the verdict model: a small MLP on sentence embeddings plus the rules' features.

This is the head alone, on the frozen encoder. The shipped model is made by
:mod:`.train_adapter`, which starts from this and fine-tunes the encoder's last layer
with it; running this module instead ships the head alone (``ENCODER = "minilm"``).

Inputs per sentence: the all-MiniLM-L6-v2 embedding (384 numbers, from the numpy encoder
in :mod:`voicecoach.analysis.minilm`) and :data:`voicecoach.analysis.features.FEATURES`.
One hidden layer; outputs one probability per move and, for questions, that the question
is open. Trained with Adam in plain numpy (no torch). Writes
``voicecoach/analysis/semantic_weights.py``::

    .venv/bin/python -m voicecoach.analysis.train_semantic

Training data: the register batches in ``tests/data/moves/batches/``, the development
set ``tests/data/moves/sentences.jsonl``, ``tests/data/analyzer-dev.jsonl`` and the first
blind set ``tests/data/moves/blind_sentences.jsonl`` (its misses were read, so it is blind
no more), each with its spoken variants and run-ons (:mod:`voicecoach.analysis.augment`:
no case, no punctuation, fillers, false starts, recogniser spellings, merged sentences).
Never ``heldout.jsonl`` nor blind sets B to H (``blind_sentences_b.jsonl`` to ``_h``):
they stay unseen.
``voicecoach evaluate --lobo`` trains the same model with one batch left out and scores
that batch.
"""

from __future__ import annotations

import base64
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from voicecoach.analysis.augment import augment
from voicecoach.analysis.channel import channel_variants
from voicecoach.analysis.evaluate import Example, load_examples
from voicecoach.analysis.results import MOVES
from voicecoach.analysis.semantic import model_inputs

OUTPUTS = (*MOVES, "open")  # "open": P(open | question)
HIDDEN = 96  # hidden units (chosen by leave-one-batch-out F1: 64 / 96 / 128 within 0.005)
EPOCHS = 40  # passes over the training set; LOBO F1 is flat from ~30 on
BATCH = 32
RATE = 2e-3  # Adam step size
L2 = 1e-4  # weight decay on the weight matrices
DROPOUT = 0.2  # on the hidden layer while training
SEED = 7
# Hashed words and word pairs beside the embedding: 0 = none. 1024 buckets scored no
# better by leave-one-batch-out F1 on the first batches (recap +0.03, others -0.01 to
# -0.03) and cost 4x the weights, so they are off.
WORD_BUCKETS = 0
# Train also on spoken variants and run-ons of every training file (analysis/augment.py):
# leave-one-batch-out F1 in tests/data/moves/README.md, "Which model".
AUGMENT = True
# Train also on what Whisper wrote for TTS-voiced batch sentences (analysis/channel.py):
# leave-one-batch-out F1 and its spoken twin in tests/data/moves/README.md, "Which model".
CHANNEL = True
ROOT = Path(__file__).resolve().parents[2]
MOVES_DIR = ROOT / "tests" / "data" / "moves"
# always in training, never a leave-one-batch-out fold
DEV_SETS = (
    MOVES_DIR / "sentences.jsonl",
    ROOT / "tests" / "data" / "analyzer-dev.jsonl",
    MOVES_DIR / "blind_sentences.jsonl",
)
OUT = Path(__file__).with_name("semantic_weights.py")

Encode = Callable[[Sequence[str]], Any]


@dataclass(frozen=True)
class Weights:
    w1: Any  # (inputs, HIDDEN)
    b1: Any  # (HIDDEN,)
    w2: Any  # (HIDDEN, len(OUTPUTS))
    b2: Any  # (len(OUTPUTS),)


def batch_files(folder: Path = MOVES_DIR / "batches") -> list[Path]:
    return sorted(Path(folder).glob("*.jsonl"))


def inputs(texts: Sequence[str], encode: Encode) -> Any:
    return model_inputs(texts, encode(texts), WORD_BUCKETS)


def targets(examples: Sequence[Example]) -> tuple[Any, Any]:
    """0/1 targets per output, and a mask (the open/yes-no target counts only for questions)."""
    y = np.zeros((len(examples), len(OUTPUTS)))
    mask = np.ones_like(y)
    for i, ex in enumerate(examples):
        for j, move in enumerate(MOVES):
            y[i, j] = move in ex.moves
        y[i, -1] = ex.question_form == "open"
        mask[i, -1] = "question" in ex.moves
    return y, mask


def forward(w: Weights, x: Any) -> Any:
    h = np.maximum(x @ w.w1 + w.b1, 0.0)
    return 1.0 / (1.0 + np.exp(-(h @ w.w2 + w.b2)))


def fit(x: Any, y: Any, mask: Any, *, seed: int = SEED, epochs: int = EPOCHS) -> Weights:
    """Adam on the masked binary cross-entropy of every output."""
    rng = np.random.default_rng(seed)
    n_in, n_out = x.shape[1], y.shape[1]
    params = [
        rng.normal(0, np.sqrt(2.0 / n_in), (n_in, HIDDEN)),
        np.zeros(HIDDEN),
        rng.normal(0, np.sqrt(1.0 / HIDDEN), (HIDDEN, n_out)),
        np.zeros(n_out),
    ]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    step = 0
    for _ in range(epochs):
        order = rng.permutation(len(x))
        for start in range(0, len(x), BATCH):
            idx = order[start : start + BATCH]
            xb, yb, mb = x[idx], y[idx], mask[idx]
            pre = xb @ params[0] + params[1]
            h = np.maximum(pre, 0.0)
            keep = (rng.random(h.shape) >= DROPOUT) / (1.0 - DROPOUT)
            hd = h * keep
            p = 1.0 / (1.0 + np.exp(-(hd @ params[2] + params[3])))
            g_out = (p - yb) * mb / len(idx)
            g_h = (g_out @ params[2].T) * keep * (pre > 0)
            grads = [
                xb.T @ g_h + L2 * params[0],
                g_h.sum(0),
                hd.T @ g_out + L2 * params[2],
                g_out.sum(0),
            ]
            step += 1
            for k, g in enumerate(grads):
                m[k] = 0.9 * m[k] + 0.1 * g
                v[k] = 0.999 * v[k] + 0.001 * g * g
                mh = m[k] / (1 - 0.9**step)
                vh = v[k] / (1 - 0.999**step)
                params[k] -= RATE * mh / (np.sqrt(vh) + 1e-8)
    return Weights(*params)


def file_examples(path: Path, augmented: bool = AUGMENT) -> list[Example]:
    """One training file's sentences, then (``augmented``) their spoken variants and
    (:data:`CHANNEL`) their real-channel transcripts."""
    examples = load_examples(path)
    if not augmented:
        return examples
    return examples + augment(examples) + (channel_variants(path) if CHANNEL else [])


def training_examples(exclude: Path | None = None) -> list[Example]:
    examples: list[Example] = []
    for path in (*batch_files(), *DEV_SETS):
        if path != exclude:
            examples += file_examples(path)
    return examples


def train(examples: Sequence[Example], encode: Encode, **kw: Any) -> Weights:
    y, mask = targets(examples)
    return fit(inputs([e.text for e in examples], encode), y, mask, **kw)


def _b64(a: Any) -> list[str]:
    text = base64.b64encode(np.asarray(a, dtype="<f2").tobytes()).decode("ascii")
    return [f'    "{text[i : i + 88]}",' for i in range(0, len(text), 88)]


def render(members: Sequence[Weights], source: str, encoder: str = "minilm") -> str:
    """The weights module, one head per member of the ensemble (the run time averages
    their probabilities); ``encoder``: "minilm", or "minilm+adapter" when each head reads
    the embedding through its own fine-tuned last layer (:mod:`.train_adapter`)."""
    trainer = "train_semantic" if encoder == "minilm" else "train_adapter"
    first = members[0]
    lines = [
        f'"""Generated by ``python -m voicecoach.analysis.{trainer}``: do not edit.',
        "",
        "MLP on all-MiniLM-L6-v2 embeddings plus the rules' features (features.FEATURES),",
        "trained on",
        f"{source}.",
        '"""',
        "",
        f"ENCODER = {json.dumps(encoder)}",  # double quotes: the file passes ruff format
        f"OUTPUTS = ({', '.join(json.dumps(o) for o in OUTPUTS)})",
        f"INPUTS = {first.w1.shape[0]}",
        f"HIDDEN = {first.w1.shape[1]}",
        f"WORD_BUCKETS = {WORD_BUCKETS}",
        "# float16 little-endian, row-major, base64; one entry per member",
    ]
    for name in ("w1", "b1", "w2", "b2"):
        chunks = [_b64(getattr(w, name)) for w in members]
        # short ones as ruff format writes them
        if len(members) == 1 and len(chunks[0]) == 1:
            lines.append(f"{name.upper()}_B64 = (({chunks[0][0].strip()}),)")
            continue
        lines.append(f"{name.upper()}_B64 = (")
        for member in chunks:
            if len(member) == 1:
                lines.append(f"    ({member[0].strip()}),")
            else:
                lines += ["    (", *(f"    {line}" for line in member), "    ),"]
        lines.append(")")
    return "\n".join(lines) + "\n"


def main() -> int:
    from voicecoach.analysis import minilm

    examples = training_examples()
    encoder = minilm.load()  # not semantic.get_model(): that needs the weights made here
    weights = train(examples, encoder.encode)
    source = f"{len(batch_files())} register batches and the development sets"
    OUT.write_text(render([weights], f"{source} ({len(examples)} sentences)"), "utf-8")
    print(f"wrote {OUT} from {len(examples)} sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
