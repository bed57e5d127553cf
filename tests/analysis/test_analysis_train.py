"""The semantic classifier's trainer and its generated weights file (no model needed)."""

from __future__ import annotations

import base64

import numpy as np

from voicecoach.analysis import semantic_weights
from voicecoach.analysis.train_semantic import MOVES, fit, render


def test_fit_separates_a_simple_problem() -> None:
    rng = np.random.default_rng(7)
    x = rng.normal(size=(200, 5))
    y = (x[:, 0] + 0.5 * x[:, 1] > 0).astype(float)
    w, b = fit(x * 4, y)
    accuracy = (((x * 4) @ w + b > 0) == (y > 0)).mean()
    assert accuracy > 0.95 and w[0] > abs(w[2])


def test_render_round_trips_the_weights() -> None:
    weights = {m: (np.full(384, i, dtype=np.float64), float(-i)) for i, m in enumerate(MOVES)}
    namespace: dict[str, object] = {}
    exec(render(weights, "a test"), namespace)  # the generated module is plain Python
    raw = base64.b64decode("".join(namespace["WEIGHTS_B64"]))  # type: ignore[arg-type]
    matrix = np.frombuffer(raw, dtype="<f4").reshape(len(MOVES), 384)
    assert matrix[2, 0] == 2.0 and namespace["BIAS"] == {m: float(-i) for i, m in enumerate(MOVES)}


def test_shipped_weights_are_complete() -> None:
    raw = base64.b64decode("".join(semantic_weights.WEIGHTS_B64))
    assert len(raw) == len(semantic_weights.MOVES) * 384 * 4
    assert set(semantic_weights.BIAS) == set(semantic_weights.MOVES) == set(MOVES)
