"""Smoke test of the spoken evaluation: one closing voiced by espeak-ng, through Whisper."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_one_closing_is_voiced_transcribed_and_scored(tmp_path: Path) -> None:
    out = subprocess.run(
        [
            sys.executable,
            "bench/bench_spoken.py",
            "--every",
            "500",
            "--voices",
            "espeak",
            "--cache",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = {line.split()[0]: line.split() for line in out.splitlines()[2:]}
    assert set(rows) == {"text", "espeak"}
    assert int(rows["espeak"][1]) == int(rows["text"][1]) >= 7  # same checks scored
    (saved,) = (tmp_path / "closings" / "espeak").glob("*.tiny.en.*.json")
    transcript = json.loads(saved.read_text("utf-8"))
    words = transcript["segments"][0]["words"]
    assert words and all(0.0 <= w["probability"] <= 1.0 for w in words)
    # Whisper heard the closing as `analyze AUDIO --profile` would: prompted with its profile
    assert transcript["initial_prompt"].startswith("senior data analyst, Northwind Freight")


def test_offset_picks_the_tuning_closings_beside_the_held_out_ones(tmp_path: Path) -> None:
    closings = sorted((ROOT / "tests" / "data" / "moves" / "closings").glob("*.toml"))
    out = subprocess.run(
        [
            *(sys.executable, "bench/bench_spoken.py", "--every", "500", "--offset", "1"),
            *("--voices", "espeak", "--cache", str(tmp_path), "--words-only"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.startswith("1 closings (every 500th from #2 of")
    (saved,) = (tmp_path / "closings" / "espeak").glob("*.tiny.en.*.json")
    assert saved.name.startswith(f"{closings[1].stem}.tiny.en.")  # the second, not the first
    bad = subprocess.run(
        [sys.executable, "bench/bench_spoken.py", "--every", "4", "--offset", "4"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "--offset must be 0 .. 3" in bad.stderr


def test_a_changed_prompt_is_not_scored_on_old_transcripts() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_spoken import cache_name

    from voicecoach.profile import Profile
    from voicecoach.speech.base import whisper_prompt

    names = {
        cache_name("01_a", "tiny.en", whisper_prompt(profile))
        for profile in (None, Profile(strengths=("SQL",)), Profile(strengths=("Airflow",)))
    }
    assert len(names) == 3 and all(n.startswith("01_a.tiny.en.") for n in names)
