"""Strengths named on the labelled closings, as written and respelled (not a test).

For each closing of tests/data/moves/closings/ that lists ``strengths_named``, the
analyzer (with the sentence model) names the profile's strengths three times: on the
closing as written, and on its text and profile both rewritten in American and in British
spelling (:mod:`voicecoach.analysis.spelling`). Prints exact matches, TP/FP/FN, precision
and recall for each, and how many closings name other strengths in one spelling than in
the other (0 when matching is spelling-neutral)::

    .venv/bin/python bench/bench_strengths_spelling.py

Stop 43: 41 closings; as written 37 exact, P .975 R .975, the same in both spellings, 0
closings differ (before: the American one lost a strength, 36 exact, R .962, 1 differs).
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from voicecoach.analysis.evaluate import judge_closing
    from voicecoach.analysis.spelling import american, british
    from voicecoach.settings import tomllib  # tomli on Python 3.10

    rows = []
    for path in sorted((ROOT / "tests/data/moves/closings").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        if "strengths_named" in data["expected"]:
            rows.append(data)

    def respelled(data: dict[str, Any], spell: Callable[[str], str] | None) -> dict[str, Any]:
        data = copy.deepcopy(data)
        if spell is not None:
            data["text"] = spell(data["text"])
            data["profile"]["strengths"] = [spell(s) for s in data["profile"]["strengths"]]
        return data

    named: dict[str, list[set[str]]] = {}
    for name, spell in (("as written", None), ("american", american), ("british", british)):
        tp = fp = fn = exact = 0
        named[name] = []
        for data in rows:
            want = {american(s) for s in data["expected"]["strengths_named"]}
            got = judge_closing(respelled(data, spell), semantic=True)["strengths_named"]
            have = {american(s) for s in got}
            named[name].append(have)
            tp, fp, fn = tp + len(want & have), fp + len(have - want), fn + len(want - have)
            exact += want == have
        p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
        print(f"{name:11} {len(rows)} closings: exact {exact}, TP {tp} FP {fp} FN {fn}, "
              f"P {p:.3f} R {r:.3f}")  # fmt: skip
    differ = sum(a != b for a, b in zip(named["american"], named["british"], strict=True))
    print(f"closings naming other strengths in American than in British spelling: {differ}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
