"""Model resolution, the CTranslate2 -> openai-whisper conversion, and no network calls."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from voicecoach.errors import EngineError, ModelError
from voicecoach.speech import models
from voicecoach.speech.ct2 import alignment_heads_dump, read_ct2

PACKAGED = models.packaged_ct2_models()["tiny.en"]


@pytest.fixture(autouse=True)
def _own_caches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Engine download caches in the test's folder, not the user's."""
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf-default"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Any attempt to reach the network fails loudly, and is recorded."""
    attempts: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args)
        raise OSError("network disabled by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("conv") / "tiny.en.openai.pt"
    return models.convert_ct2_to_pt(PACKAGED, target)


def test_packaged_tiny_en_is_found() -> None:
    assert (PACKAGED / "model.bin").is_file()
    assert (PACKAGED / "tokenizer.json").is_file()


def test_order_explicit_path_first(tmp_path: Path) -> None:
    r = models.resolve("faster-whisper", str(PACKAGED), data_dir=tmp_path)
    assert (r.origin, r.path) == ("path", PACKAGED)


def test_order_package_before_download(tmp_path: Path) -> None:
    r = models.resolve("faster-whisper", "tiny.en", data_dir=tmp_path)
    assert (r.origin, r.path) == ("package", PACKAGED)


def test_order_earlier_download_before_new_download(tmp_path: Path) -> None:
    # A model the engine downloaded before is used from its cache, not fetched again.
    # (base.en: no Python package ships it, so only a download can provide it)
    cache = models.faster_cache_dir(tmp_path)
    snap = cache / "models--Systran--faster-whisper-base.en/snapshots/ab"
    snap.mkdir(parents=True)
    (snap / "model.bin").write_bytes(b"x")
    r = models.resolve("faster-whisper", "base.en", data_dir=tmp_path)
    assert (r.origin, r.path) == ("downloaded", snap)
    r = models.resolve("faster-whisper", "small", data_dir=tmp_path)
    assert (r.origin, r.path) == ("download", None)


def test_openai_uses_an_earlier_download(tmp_path: Path, converted: Path) -> None:
    cache = tmp_path / "xdg-cache" / "whisper"
    cache.mkdir(parents=True)
    (cache / "base.en.pt").symlink_to(converted)
    r = models.resolve("openai-whisper", "base.en", data_dir=tmp_path)
    assert (r.origin, r.path) == ("downloaded", cache / "base.en.pt")
    listed = {(m.name, m.engine): m for m in models.list_models(tmp_path)}
    assert listed["base.en", "openai-whisper"].status == "downloaded"


def test_openai_converts_the_packaged_model_once(tmp_path: Path) -> None:
    r = models.resolve("openai-whisper", "tiny.en", data_dir=tmp_path)
    assert r.origin == "converted"
    assert r.path == models.converted_path("tiny.en", tmp_path)
    assert r.path is not None
    stamp = r.path.stat().st_mtime_ns
    again = models.resolve("openai-whisper", "tiny.en", data_dir=tmp_path)
    assert again.path == r.path and r.path.stat().st_mtime_ns == stamp
    assert [p.name for p in r.path.parent.iterdir()] == [r.path.name]  # no temp files left


def test_openai_explicit_pt_and_ct2_folder(tmp_path: Path, converted: Path) -> None:
    r = models.resolve("openai-whisper", str(converted), data_dir=tmp_path)
    assert (r.origin, r.path) == ("path", converted)
    copy = tmp_path / "my-model"
    shutil.copytree(PACKAGED, copy)
    r = models.resolve("openai-whisper", str(copy), data_dir=tmp_path)
    assert r.origin == "converted" and r.path is not None and r.path.is_file()


@pytest.mark.parametrize(
    "engine, model, fragment",
    [
        ("faster-whisper", "nonesuch", "unknown model 'nonesuch'"),
        ("openai-whisper", "nonesuch", "unknown model 'nonesuch'"),
        ("faster-whisper", "/no/such/folder", "does not exist"),
        ("faster-whisper", "converted.pt", "--engine openai-whisper"),
    ],
)
def test_bad_models_name_the_model_and_list_the_available(
    tmp_path: Path, converted: Path, engine: str, model: str, fragment: str
) -> None:
    if model == "converted.pt":
        model = str(converted)
    with pytest.raises(ModelError) as err:
        models.resolve(engine, model, data_dir=tmp_path)
    assert fragment in str(err.value)
    if "unknown" in fragment or "exist" in fragment:
        assert "tiny.en" in str(err.value)


def test_unknown_engine() -> None:
    with pytest.raises(EngineError, match=r"unknown engine 'whisperx'.*faster-whisper"):
        models.resolve("whisperx", "tiny.en")


def test_not_a_ct2_file(tmp_path: Path) -> None:
    bad = tmp_path / "model.bin"
    bad.write_bytes(b"\x07\x00\x00\x00garbage")
    with pytest.raises(ModelError, match="not a CTranslate2 Whisper model"):
        read_ct2(bad)


@pytest.mark.slow
def test_converted_checkpoint_loads_in_openai_whisper(converted: Path) -> None:
    import torch
    import whisper

    model = whisper.load_model(str(converted), device="cpu")  # strict state-dict load
    assert model.dims.n_text_layer == 4 and model.dims.n_vocab == 51864
    ct2 = read_ct2(PACKAGED / "model.bin")
    emb = torch.from_numpy(ct2["decoder/embeddings/weight"].astype(np.float32))
    assert torch.equal(model.decoder.token_embedding.weight.detach(), emb)
    assert float(model.encoder.blocks[0].attn.key.weight.detach().abs().sum()) > 0


@pytest.mark.slow
def test_converted_encoder_matches_ctranslate2(converted: Path) -> None:
    import ctranslate2
    import torch
    import whisper

    from voicecoach.audio.files import load_audio

    audio = load_audio(Path(__file__).parent.parent / "data" / "speech" / "jfk.wav")
    mel = whisper.log_mel_spectrogram(whisper.pad_or_trim(audio)).unsqueeze(0)
    model = whisper.load_model(str(converted), device="cpu")
    with torch.inference_mode():
        ours = model.encoder(mel).numpy()
    ct2_model = ctranslate2.models.Whisper(str(PACKAGED), device="cpu", compute_type="float32")
    theirs = np.array(ct2_model.encode(ctranslate2.StorageView.from_array(mel.numpy())))
    assert ours.shape == theirs.shape
    assert float(np.abs(ours - theirs).max()) < 1e-3


@pytest.mark.slow
def test_alignment_heads_are_restored(converted: Path) -> None:
    import json

    import torch
    import whisper

    from voicecoach.speech.engine_openai import load_checkpoint

    pairs = json.loads((PACKAGED / "config.json").read_text())["alignment_heads"]
    model = load_checkpoint(converted)
    mask = model.alignment_heads.to_dense()
    assert sorted(map(list, mask.nonzero().tolist())) == sorted(pairs)
    # the same heads openai-whisper ships for its own tiny.en
    reference = whisper.load_model(str(converted), device="cpu")
    assert not torch.equal(reference.alignment_heads.to_dense(), mask)  # generic default
    reference.set_alignment_heads(whisper._ALIGNMENT_HEADS["tiny.en"])
    assert torch.equal(reference.alignment_heads.to_dense(), mask)


def test_corrupt_checkpoint_is_a_model_error(tmp_path: Path) -> None:
    from voicecoach.speech.engine_openai import load_checkpoint

    bad = tmp_path / "broken.pt"
    bad.write_bytes(b"not a checkpoint")
    with pytest.raises(ModelError, match=r"broken\.pt"):
        load_checkpoint(bad)


@pytest.mark.slow
def test_local_models_load_with_no_network(tmp_path: Path, no_network: list[Any]) -> None:
    from voicecoach.speech.engine_faster import FasterWhisperDecoder
    from voicecoach.speech.engine_openai import load_checkpoint

    FasterWhisperDecoder.load("tiny.en", data_dir=tmp_path)
    r = models.resolve("openai-whisper", "tiny.en", data_dir=tmp_path)
    assert r.path is not None
    load_checkpoint(r.path)
    assert no_network == []


def test_missing_downloadable_model_offline_is_a_model_error(
    tmp_path: Path, no_network: list[Any]
) -> None:
    from voicecoach.speech.engine_faster import FasterWhisperDecoder

    with pytest.raises(ModelError, match=r"model 'small' is not on this machine.*tiny\.en"):
        FasterWhisperDecoder.load("small", data_dir=tmp_path)


def test_list_models(tmp_path: Path) -> None:
    before = {(m.name, m.engine): m for m in models.list_models(tmp_path)}
    assert before["tiny.en", "faster-whisper"].path == PACKAGED
    assert before["tiny.en", "faster-whisper"].size_bytes > 70e6
    assert before["tiny.en", "openai-whisper"].path is None
    models.resolve("openai-whisper", "tiny.en", data_dir=tmp_path)
    after = {(m.name, m.engine): m for m in models.list_models(tmp_path)}
    assert after["tiny.en", "openai-whisper"].path == models.converted_path("tiny.en", tmp_path)
    assert after["tiny.en", "openai-whisper"].size_bytes > 70e6


def test_alignment_heads_dump_round_trips() -> None:
    import base64
    import gzip

    dump = alignment_heads_dump([[1, 0], [3, 4]], 4, 6)
    mask = np.frombuffer(gzip.decompress(base64.b85decode(dump)), dtype=bool).reshape(4, 6)
    assert sorted(map(tuple, np.argwhere(mask).tolist())) == [(1, 0), (3, 4)]
