"""``voicecoach demo``: the README's first command, end to end on the built-in samples."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from voicecoach.cli import main


@pytest.mark.slow
def test_demo_rehearses_the_sample_close_without_a_microphone() -> None:
    result = CliRunner().invoke(main, ["demo", "--sample", "weak", "--no-audio"])
    assert result.exit_code == 0, result.output
    assert "Coaching for the whole close" in result.output
    assert "voicecoach report last --open" in result.output
    (folder,) = (Path(os.environ["VOICECOACH_HOME"]) / "sessions").iterdir()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["sample"] == "weak" and manifest["status"] == "complete"
    assert len(manifest["turns"]) == 5 and (folder / "analysis.json").is_file()
