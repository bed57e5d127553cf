"""The verdict model's trainer, its features and its generated weights file (no encoder)."""

from __future__ import annotations

import base64

import numpy as np

from voicecoach.analysis import semantic_weights
from voicecoach.analysis.evaluate import Example
from voicecoach.analysis.features import FEATURES, HASH_BUCKETS, rule_features, word_buckets
from voicecoach.analysis.semantic import labels_from_row
from voicecoach.analysis.train_semantic import OUTPUTS, Weights, fit, forward, render, targets


def test_fit_learns_two_outputs_and_masks_the_third() -> None:
    rng = np.random.default_rng(7)
    x = rng.normal(size=(400, 6))
    y = np.stack([x[:, 0] > 0, x[:, 1] + x[:, 2] > 0, np.ones(400)], 1).astype(float)
    mask = np.ones_like(y)
    mask[:, 2] = 0  # never trained: stays near its initial 0.5
    w = fit(x, y, mask, epochs=30)
    p = forward(w, x)
    assert ((p[:, 0] > 0.5) == (y[:, 0] > 0)).mean() > 0.95
    assert ((p[:, 1] > 0.5) == (y[:, 1] > 0)).mean() > 0.9
    assert abs(p[:, 2].mean() - 0.5) < 0.2


def test_targets_mark_open_only_for_questions() -> None:
    examples = [
        Example("What's next?", frozenset({"question", "ask_for_job"}), "open"),
        Example("Thanks a lot.", frozenset({"thanks"}), None),
    ]
    y, mask = targets(examples)
    assert y[0].tolist() == [1, 0, 0, 0, 1, 0, 1] and mask[:, -1].tolist() == [1, 0]
    assert y[1, OUTPUTS.index("thanks")] == 1


def test_render_round_trips_the_weights() -> None:
    w = Weights(np.full((5, 3), 0.5), np.zeros(3), np.full((3, len(OUTPUTS)), -1.0), np.ones(7))
    namespace: dict[str, object] = {}
    other = Weights(w.w1, w.b1, np.full((3, len(OUTPUTS)), 2.0), w.b2)
    exec(render([w, other], "a test"), namespace)  # the generated module is plain Python
    members = namespace["W2_B64"]
    assert isinstance(members, tuple) and len(members) == 2  # one head per member
    raw = [base64.b64decode("".join(m)) for m in members]
    w2 = [np.frombuffer(r, dtype="<f2").reshape(3, len(OUTPUTS)) for r in raw]
    assert w2[0][1, 2] == -1.0 and w2[1][1, 2] == 2.0
    assert namespace["INPUTS"] == 5 and namespace["HIDDEN"] == 3
    assert namespace["OUTPUTS"] == OUTPUTS and namespace["ENCODER"] == "minilm"


def test_shipped_weights_are_complete() -> None:
    sw = semantic_weights
    assert sw.OUTPUTS == OUTPUTS
    width = 384 + len(FEATURES) + sw.WORD_BUCKETS
    assert width == sw.INPUTS
    sizes = {"W1_B64": sw.INPUTS * sw.HIDDEN, "B1_B64": sw.HIDDEN, "W2_B64": sw.HIDDEN * 7}
    for name, count in sizes.items():
        members = getattr(sw, name)
        assert len(members) == len(sw.W1_B64) >= 1, name
        for member in members:
            assert len(base64.b64decode("".join(member))) == 2 * count, name


def test_features_read_the_rules_parts() -> None:
    f = dict(zip(FEATURES, rule_features("could I get an offer this week"), strict=True))
    assert f["rule_question"] == 1.0 and f["question_mark"] == 0.0 and f["opens_aux"] == 1.0
    assert len(rule_features("")) == len(FEATURES)
    assert word_buckets("Thanks, thanks!") == word_buckets("thanks thanks")
    assert all(0 <= b < HASH_BUCKETS for b in word_buckets("am I your pick"))


def test_labels_from_row_marks_the_middle_band_unclear() -> None:
    row = [0.9, 0.1, 0.55, 0.35, 0.05, 0.99, 0.2]  # OUTPUTS order, then P(open)
    lab = labels_from_row(row, OUTPUTS)
    assert lab.moves == {"question", "recap", "thanks"} and lab.question_form == "yes_no"
    assert lab.unclear == {"recap", "interest"}
