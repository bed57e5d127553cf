"""Job profiles: valid files load; every malformed file names the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from voicecoach.errors import ConfigError
from voicecoach.profile import Profile, load_profile, profile_from_dict

SAMPLE = Path(__file__).parent.parent / "samples" / "profile.toml"


def test_loads_a_full_profile(tmp_path: Path) -> None:
    path = tmp_path / "job.toml"
    path.write_text(
        'role = "nurse manager"\ncompany = "St Anne\'s"\ninterviewer = "Ola Berg"\n'
        'strengths = ["staffing", " triage ", ""]\n',
        encoding="utf-8",
    )
    assert load_profile(path) == Profile(
        "nurse manager", "St Anne's", "Ola Berg", ("staffing", "triage")
    )


def test_every_key_is_optional(tmp_path: Path) -> None:
    path = tmp_path / "empty.toml"
    path.write_text("", encoding="utf-8")
    assert load_profile(path) == Profile()


def test_the_sample_profile_loads() -> None:
    profile = load_profile(SAMPLE)
    assert profile.company and profile.strengths


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ("role = 3\n", "role"),
        ('strengths = "SQL"\n', "strengths"),
        ('strengths = ["SQL", 2]\n', "strengths"),
        ('skills = ["SQL"]\n', "skills"),
        ('interviewer = ["a"]\n', "interviewer"),
    ],
)
def test_bad_values_name_file_and_key(tmp_path: Path, content: str, key: str) -> None:
    path = tmp_path / "job.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_profile(path)
    assert str(path) in str(err.value) and f"'{key}'" in str(err.value)
    assert "\n" not in str(err.value)


def test_invalid_toml_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('role = "unterminated\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.toml: not valid TOML"):
        load_profile(bad)
    with pytest.raises(ConfigError, match="not found"):
        load_profile(tmp_path / "nope.toml")
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"\xff\xfe\x00role")
    with pytest.raises(ConfigError, match=r"bin\.toml"):
        load_profile(binary)


def test_profile_from_dict_uses_the_source_name() -> None:
    with pytest.raises(ConfigError, match=r"^session manifest: unknown key 'x'"):
        profile_from_dict({"x": 1}, source="session manifest")
