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


def test_doctor_warns_when_others_can_read_the_recordings(_home: Path) -> None:
    import os
    import shlex
    import subprocess

    from voicecoach.sessions.store import Store

    writer = Store(_home).create(scenario="recap", profile=None, engine="", model="")
    answer = writer.turn_paths(1, prompt_text="Recap, please.").answer_wav
    answer.write_bytes(b"RIFF")
    answer.chmod(0o600)
    (_home / "config.toml").write_text('engine = "faster-whisper"\n', encoding="utf-8")
    (_home / "config.toml").chmod(0o600)
    findings = {f.name: f for f in run_checks()}
    assert findings["private recordings"].ok, findings["private recordings"]

    # as an older version (no 077 umask) left them: the folder and a recording open to all
    os.chmod(_home, 0o755)
    answer.chmod(0o644)
    (_home / "config.toml").chmod(0o640)
    found = {f.name: f for f in run_checks()}["private recordings"]
    assert not found.ok and not found.required
    assert found.detail == (
        f"other users can read {_home} (drwxr-xr-x), {_home / 'config.toml'} (-rw-r-----), "
        f"{answer} (-rw-r--r--)"
    )
    assert found.fix == f"chmod -R go-rwx {shlex.quote(str(_home))}"
    result = CliRunner().invoke(main, ["doctor"], catch_exceptions=False)
    said = " ".join(result.output.split())  # the console wraps long lines
    assert "warn private recordings" in said and f"fix: {found.fix}" in said
    assert result.exit_code == exit_status(tuple(run_checks()))  # a warning, not a failure

    subprocess.run(shlex.split(found.fix), check=True)  # the fix, as the user would run it
    assert {f.name: f for f in run_checks()}["private recordings"].ok
    assert answer.stat().st_mode & 0o777 == 0o600 and _home.stat().st_mode & 0o777 == 0o700
