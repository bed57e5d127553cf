"""The demo finds its sample closings from the installed (editable) package."""

from __future__ import annotations


def test_the_demo_finds_the_sample_closings() -> None:
    from voicecoach.cli.tools import _samples_dir

    folder = _samples_dir()
    assert (folder / "strong.toml").is_file() and sorted((folder / "strong").glob("turn-*.flac"))
