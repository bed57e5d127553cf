from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from voicecoach.cli import main
from voicecoach.doctor import Finding, exit_status, run_checks


def test_doctor_reports_each_part_with_a_fix(_home: Path) -> None:
    result = CliRunner().invoke(main, ["doctor"], catch_exceptions=False)
    out = result.output
    for part in (
        "python",
        "engine faster-whisper",
        "model tiny.en",
        "interviewer voice",
        "input device",
        "output device",
        "voice activity detector",
    ):
        assert part in out
    assert str(_home) in out
    findings = run_checks()
    assert result.exit_code == exit_status(findings)


def test_doctor_names_a_broken_config_file(_home: Path) -> None:
    (_home / "config.toml").write_text("engine = [unclosed\n", encoding="utf-8")
    findings = {f.name: f for f in run_checks()}
    assert not findings["config"].ok
    assert "config.toml" in findings["config"].detail
    result = CliRunner().invoke(main, ["doctor"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "FAIL config" in result.output


def test_unknown_engine_in_config_is_a_required_failure(_home: Path) -> None:
    (_home / "config.toml").write_text('engine = "whisperx"\n', encoding="utf-8")
    findings = {f.name: f for f in run_checks()}
    assert not findings["engine whisperx"].ok
    assert exit_status(tuple(findings.values())) == 1

    model = next(f for name, f in findings.items() if name.startswith("model "))
    assert not model.ok and model.fix == "fix the engine first"


def test_job_profile_from_the_config_is_checked(_home: Path) -> None:
    findings = {f.name: f for f in run_checks()}
    assert findings["job profile"].ok and "none set" in findings["job profile"].detail
    bad = _home / "job.toml"
    bad.write_text("strengths = 5\n", encoding="utf-8")
    (_home / "config.toml").write_text(f'profile = "{bad}"\n', encoding="utf-8")
    found = {f.name: f for f in run_checks()}["job profile"]
    assert not found.ok and "'strengths'" in found.detail and "config.toml" in found.fix
    bad.write_text('role = "analyst"\n', encoding="utf-8")
    assert {f.name: f for f in run_checks()}["job profile"].ok


def test_exit_status_ignores_optional_problems() -> None:
    ok = Finding("a", True, "fine")
    optional = Finding("b", False, "missing", "install b", required=False)
    required = Finding("c", False, "missing", "install c")
    assert exit_status((ok, optional)) == 0
    assert exit_status((ok, optional, required)) == 1
