"""CTranslate2 ``model.bin`` -> openai-whisper checkpoint, without loss.

The Whisper models shipped as Python packages are CTranslate2 folders; openai-whisper reads
only its own ``.pt`` checkpoints, so :mod:`voicecoach.speech.models` converts a packaged
model once with :func:`convert_ct2_to_pt`. The format facts are in FIELD-NOTES.
"""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

from voicecoach.atomic import replacing
from voicecoach.errors import ModelError

_CT2_VERSION = 6  # the CTranslate2 model.bin format this reader understands
_CT2_DTYPES = {0: "<f4", 1: "i1", 2: "<i2", 3: "<i4", 4: "<f2", 5: "bf16"}


def read_ct2(model_bin: Path) -> dict[str, np.ndarray]:
    """Every variable of a CTranslate2 ``model.bin`` (format v6), aliases resolved."""
    data = model_bin.read_bytes()
    pos = 0

    def take(fmt: str) -> int:
        nonlocal pos
        (value,) = struct.unpack_from("<" + fmt, data, pos)
        pos += struct.calcsize(fmt)
        return int(value)

    def text() -> str:
        nonlocal pos
        n = take("H")
        pos += n
        return data[pos - n : pos - 1].decode()  # the count includes a trailing NUL

    version = take("I")
    if version != _CT2_VERSION or text() != "WhisperSpec":
        raise ModelError(f"{model_bin}: not a CTranslate2 Whisper model (format v6); re-install it")
    take("I")  # spec revision
    out: dict[str, np.ndarray] = {}
    for _ in range(take("I")):
        name = text()
        shape = [take("I") for _ in range(take("B"))]
        dtype = _CT2_DTYPES[take("B")]
        nbytes = take("I")
        raw = data[pos : pos + nbytes]
        pos += nbytes
        if dtype == "bf16":  # widen bfloat16 to float32: the high half of each word
            words = np.frombuffer(raw, "<u2").astype(np.uint32) << 16
            out[name] = words.view(np.float32).reshape(shape)
        else:
            out[name] = np.frombuffer(raw, dtype).reshape(shape)
    for _ in range(take("I")):
        alias, target = text(), text()
        out[alias] = out[target]
    return out


def _attention(ct2: dict[str, np.ndarray], src: str, dst: str, fused: str) -> dict[str, np.ndarray]:
    """Split CTranslate2's fused projections into openai-whisper's query/key/value/out."""
    sd: dict[str, np.ndarray] = {}
    names = ("query", "key", "value") if fused == "qkv" else ("key", "value")
    first = "linear_0" if fused == "qkv" else "linear_1"
    w = ct2[f"{src}/{first}/weight"]
    b = ct2[f"{src}/{first}/bias"]
    for i, part in enumerate(np.split(w, len(names))):
        sd[f"{dst}.{names[i]}.weight"] = part
    for i, part in enumerate(np.split(b, len(names))):
        if names[i] != "key":  # openai-whisper keys have no bias (CTranslate2 stores zeros)
            sd[f"{dst}.{names[i]}.bias"] = part
    if fused == "kv":
        sd[f"{dst}.query.weight"] = ct2[f"{src}/linear_0/weight"]
        sd[f"{dst}.query.bias"] = ct2[f"{src}/linear_0/bias"]
    out = "linear_1" if fused == "qkv" else "linear_2"
    sd[f"{dst}.out.weight"] = ct2[f"{src}/{out}/weight"]
    sd[f"{dst}.out.bias"] = ct2[f"{src}/{out}/bias"]
    sd[f"{dst}_ln.weight"] = ct2[f"{src}/layer_norm/gamma"]
    sd[f"{dst}_ln.bias"] = ct2[f"{src}/layer_norm/beta"]
    return sd


def _block(ct2: dict[str, np.ndarray], src: str, dst: str, decoder: bool) -> dict[str, np.ndarray]:
    sd = _attention(ct2, f"{src}/self_attention", f"{dst}.attn", "qkv")
    if decoder:
        sd |= _attention(ct2, f"{src}/attention", f"{dst}.cross_attn", "kv")
    for i, mlp in ((0, "0"), (1, "2")):
        sd[f"{dst}.mlp.{mlp}.weight"] = ct2[f"{src}/ffn/linear_{i}/weight"]
        sd[f"{dst}.mlp.{mlp}.bias"] = ct2[f"{src}/ffn/linear_{i}/bias"]
    sd[f"{dst}.mlp_ln.weight"] = ct2[f"{src}/ffn/layer_norm/gamma"]
    sd[f"{dst}.mlp_ln.bias"] = ct2[f"{src}/ffn/layer_norm/beta"]
    return sd


def ct2_state_dict(ct2: dict[str, np.ndarray]) -> tuple[dict[str, int], dict[str, np.ndarray]]:
    """openai-whisper ``dims`` and ``model_state_dict`` (as arrays) from CTranslate2 variables."""
    if any(k.endswith("weight_scale") for k in ct2):
        raise ModelError(
            "a quantized (int8) CTranslate2 model cannot become an openai-whisper checkpoint; "
            "use a float16/float32 one, or --engine faster-whisper"
        )
    n_enc = sum(
        1 for k in ct2 if k.startswith("encoder/layer_") and k.endswith("ffn/linear_0/bias")
    )
    n_dec = sum(
        1 for k in ct2 if k.startswith("decoder/layer_") and k.endswith("ffn/linear_0/bias")
    )
    vocab, state = ct2["decoder/embeddings/weight"].shape
    dims = {
        "n_mels": int(ct2["encoder/conv1/weight"].shape[1]),
        "n_vocab": int(vocab),
        "n_audio_ctx": int(ct2["encoder/position_encodings/encodings"].shape[0]),
        "n_audio_state": int(ct2["encoder/conv1/weight"].shape[0]),
        "n_audio_head": int(ct2["encoder/num_heads"]),
        "n_audio_layer": n_enc,
        "n_text_ctx": int(ct2["decoder/position_encodings/encodings"].shape[0]),
        "n_text_state": int(state),
        "n_text_head": int(ct2["decoder/num_heads"]),
        "n_text_layer": n_dec,
    }
    sd: dict[str, np.ndarray] = {}
    for conv in ("conv1", "conv2"):
        sd[f"encoder.{conv}.weight"] = ct2[f"encoder/{conv}/weight"]
        sd[f"encoder.{conv}.bias"] = ct2[f"encoder/{conv}/bias"]
    sd["encoder.positional_embedding"] = ct2["encoder/position_encodings/encodings"]
    sd["decoder.positional_embedding"] = ct2["decoder/position_encodings/encodings"]
    sd["decoder.token_embedding.weight"] = ct2["decoder/embeddings/weight"]
    for part, ln in (("encoder", "ln_post"), ("decoder", "ln")):
        sd[f"{part}.{ln}.weight"] = ct2[f"{part}/layer_norm/gamma"]
        sd[f"{part}.{ln}.bias"] = ct2[f"{part}/layer_norm/beta"]
    for i in range(n_enc):
        sd |= _block(ct2, f"encoder/layer_{i}", f"encoder.blocks.{i}", decoder=False)
    for i in range(n_dec):
        sd |= _block(ct2, f"decoder/layer_{i}", f"decoder.blocks.{i}", decoder=True)
    return dims, sd


def alignment_heads_dump(pairs: list[list[int]], n_layer: int, n_head: int) -> str:
    """Encode (layer, head) pairs the way openai-whisper's ``set_alignment_heads`` reads."""
    import base64
    import gzip

    mask = np.zeros((n_layer, n_head), dtype=bool)
    for layer, head in pairs:
        mask[layer, head] = True
    return base64.b85encode(gzip.compress(mask.tobytes(), mtime=0)).decode("ascii")


def convert_ct2_to_pt(folder: Path, target: Path) -> Path:
    """Write an openai-whisper checkpoint for the CTranslate2 model in ``folder`` (atomic).

    The weights keep their stored precision (float16 loads into float32 without loss). The
    checkpoint carries ``alignment_heads`` from the folder's config.json: openai-whisper
    would otherwise time words with generic heads.
    """
    import json

    import torch

    dims, arrays = ct2_state_dict(read_ct2(folder / "model.bin"))
    checkpoint: dict[str, object] = {
        "dims": dims,
        "model_state_dict": {k: torch.from_numpy(v.copy()) for k, v in arrays.items()},
    }
    config = folder / "config.json"
    pairs = json.loads(config.read_text()).get("alignment_heads") if config.is_file() else None
    if pairs:
        checkpoint["alignment_heads"] = alignment_heads_dump(
            pairs, dims["n_text_layer"], dims["n_text_head"]
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    with replacing(target) as tmp:
        torch.save(checkpoint, tmp)
    return target


__all__ = ["alignment_heads_dump", "convert_ct2_to_pt", "ct2_state_dict", "read_ct2"]
