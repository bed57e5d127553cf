"""The recorded sample closes through ``voicecoach rehearse --answers ... --no-audio``:
with the same scenario and seed, the weak and the strong candidate hear different lines
that fit what each of them said (real Whisper, analyzer, voice and store)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rehearsal_support import latest_session

from voicecoach.settings import tomllib

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
PRAISE = ("good question", "like that question", "glad you asked", "talk about a lot internally")


def rehearse_sample(name: str, tmp_path: Path) -> dict:  # type: ignore[type-arg]
    from click.testing import CliRunner

    from voicecoach.cli import main

    script = tomllib.loads((SAMPLES / f"{name}.toml").read_text(encoding="utf-8"))
    result = CliRunner().invoke(
        main,
        ["rehearse", "--no-audio", "--seed", "1", "--concern", script["concern"],
         "--profile", str(SAMPLES / "profile.toml"), "--answers", str(SAMPLES / name)],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    folder = latest_session()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["sample"] == name  # the samples' answers: kept out of the user's progress
    manifest["analysis"] = json.loads((folder / "analysis.json").read_text())
    folder.rename(tmp_path / f"{name}-{folder.name}")  # latest_session() finds the next one
    return manifest  # type: ignore[no-any-return]


@pytest.mark.slow
def test_weak_and_strong_samples_hear_different_fitting_lines(tmp_path: Path) -> None:
    weak, strong = rehearse_sample("weak", tmp_path), rehearse_sample("strong", tmp_path)
    w, s = weak["turns"], strong["turns"]
    assert len(w) == len(s) == 5  # recorded answers: no extra turns, so they line up
    assert w[0]["prompt_text"] == s[0]["prompt_text"]  # same scenario and seed
    # the weak candidate asked only about overtime: deferred, and never praised
    assert w[1]["reasons"] == ["deferred_pay_question"]
    assert "recruiter" in w[1]["prompt_text"] or "HR" in w[1]["prompt_text"]
    assert not any(p in w[1]["prompt_text"].lower() for p in PRAISE)
    # the strong one asked about a competitor and success. Whisper splits the first
    # question ("...the same day delivery? Push your competitor, Blue Harbor, announced in
    # March."), leaving "How is the analytics team responding to the same day delivery?",
    # which no rule places, and whose meaning is nearly as near the questions on no topic
    # as the market (cosine 0.43 and 0.46): no guess. Success is answered on topic, and the
    # other question, one of whose words Whisper was unsure of, is acknowledged for later
    # (live trial 52, L6: it was let go, as if never asked)
    assert s[1]["reasons"] == ["answered_topic:success", "acknowledged_for_later"]
    assert "hiring manager" in s[1]["prompt_text"]
    assert s[2]["reasons"] == ["concern_invited"]  # she invited it; the weak one did not
    assert w[2]["reasons"] == ["concern_unprompted"]  # forced by --concern, raised unasked
    assert s[4]["reasons"] == ["held_for_goodbye:next_steps", "timeline_in_goodbye"]
    assert "next" in s[4]["prompt_text"].lower() and w[4]["reasons"] == ["scripted"]
    # the plan a re-analysis counts by is the conversation as it went
    assert [p["expects"] for p in weak["plan"]] == [t["expects"] for t in w]
    titles = [c["title"] for c in weak["analysis"]["coaching"]]
    assert "Pay came up at the close" in titles
    strengths = [c["title"] for c in strong["analysis"]["coaching"]]
    # the interviewer's "You drew out a concern and answered it" states the analyzer's own
    # "Answered the concern" and is listed once, with the analyzer's quote
    assert "Answered the concern" in strengths
    assert "You drew out a concern and answered it" not in strengths
