"""The fault and bad-input matrix of issue 12, black-box.

Everything goes through the command line: in-process with ``CliRunner`` on
``voicecoach.cli.main`` (the only name imported from voicecoach), or as a subprocess
``python -m voicecoach`` when the case needs a real process (signals, resource limits,
dropped privileges, C libraries writing to fd 2). Sessions are made once by a real
``rehearse --answers samples/weak --no-audio`` and copied; damage is done to the files on
disk. One test, or one parametrized case, per case listed in the issue (items 1-8, 10;
item 9, long files heard in windows, is tested with shrunk windows in
``tests/test_long_inputs.py``, and its 2-hour memory is measured by
``bench/bench_long.py``).

Run as root, the tests that need permissions to bite drop CAP_DAC_OVERRIDE and
CAP_DAC_READ_SEARCH with ``setpriv`` so that ``chmod`` means what it says.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from voicecoach.cli import main

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SPEECH = ROOT / "tests" / "data" / "speech"
WEAK = SAMPLES / "weak"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
SETPRIV = shutil.which("setpriv")

# A tiny launcher: the limits and the umask the case asks for, SIGINT as Python's own
# (a background shell starts children with SIGINT ignored), then `python -m voicecoach`.
LAUNCHER = """\
import os, resource, runpy, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
if os.environ.get("VC_FSIZE"):
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    limit = int(os.environ["VC_FSIZE"])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
if os.environ.get("VC_UMASK"):
    os.umask(int(os.environ["VC_UMASK"], 8))
sys.argv = ["voicecoach", *sys.argv[1:]]
runpy.run_module("voicecoach", run_name="__main__", alter_sys=True)
"""


# -- helpers ---------------------------------------------------------------------------
@pytest.fixture(scope="session")
def launcher(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("launcher") / "vc.py"
    path.write_text(LAUNCHER)
    return path


def _env(home: Path, fsize: int | None, umask: int | None) -> dict[str, str]:
    env = dict(os.environ)
    env["VOICECOACH_HOME"] = str(home)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["COLUMNS"] = "200"
    env.pop("VC_FSIZE", None)
    env.pop("VC_UMASK", None)
    if fsize is not None:
        env["VC_FSIZE"] = str(fsize)
    if umask is not None:
        env["VC_UMASK"] = f"{umask:o}"
    return env


def _cmd(launcher: Path, args: tuple[str, ...], drop_dac: bool) -> list[str]:
    cmd = [sys.executable, str(launcher), *args]
    if drop_dac and IS_ROOT:
        if SETPRIV is None:
            pytest.skip("running as root without setpriv: cannot make permissions bite")
        cmd = [SETPRIV, "--bounding-set=-dac_override,-dac_read_search", *cmd]
    return cmd


def vc(
    launcher: Path,
    home: Path,
    *args: str | Path,
    fsize: int | None = None,
    umask: int | None = 0o022,
    drop_dac: bool = False,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """``python -m voicecoach ARGS`` in a subprocess, with the data dir ``home``."""
    return subprocess.run(
        _cmd(launcher, tuple(str(a) for a in args), drop_dac),
        env=_env(home, fsize, umask),
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=home.parent,
        check=False,
    )


def cli(*args: str | Path, input: str | None = None) -> Result:
    """The command in-process; an uncaught exception stays in ``result.exception``."""
    return CliRunner().invoke(
        main, [str(a) for a in args], input=input, env={"COLUMNS": "200"}, catch_exceptions=True
    )


def crashed(result: Result) -> BaseException | None:
    """The exception that escaped the command (a traceback for the user), if any."""
    exc = result.exception
    return None if exc is None or isinstance(exc, SystemExit) else exc


def assert_ok(result: Result) -> None:
    assert crashed(result) is None, f"traceback: {result.exception!r}"
    assert result.exit_code == 0, result.output


def assert_one_line_error(result: Result, *must_name: str) -> str:
    """Exit non-zero, one line on stderr (``Error: ...``) naming each of ``must_name``."""
    assert crashed(result) is None, f"traceback instead of a message: {result.exception!r}"
    assert result.exit_code != 0, f"accepted silently (exit 0): {result.output[-400:]}"
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for name in must_name:
        assert name in lines[0], f"{name!r} not named in {lines[0]!r}"
    return lines[0]


def assert_proc_one_line_error(proc: subprocess.CompletedProcess[str], *must_name: str) -> str:
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode != 0, f"accepted (exit 0): {proc.stdout[-400:]}"
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), proc.stderr[-2000:]
    for name in must_name:
        assert name in lines[0], f"{name!r} not named in {lines[0]!r}"
    return lines[0]


def session_dirs(home: Path) -> list[Path]:
    d = home / "sessions"
    return sorted(p for p in d.iterdir() if p.is_dir()) if d.is_dir() else []


def manifest_of(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "manifest.json").read_text())


def patch_manifest(folder: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = manifest_of(folder)
    change(data)
    (folder / "manifest.json").write_text(json.dumps(data, indent=2))


def snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    """Every path under ``root`` with its mode, size and mtime."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in [*dirnames, *filenames]:
            st = os.lstat(os.path.join(dirpath, name))
            out[os.path.relpath(os.path.join(dirpath, name), root)] = (
                st.st_mode,
                st.st_size,
                st.st_mtime_ns,
            )
    return out


def chmod_tree(root: Path, remove: int) -> None:
    for dirpath, dirnames, filenames in os.walk(root):
        for name in [*dirnames, *filenames]:
            p = os.path.join(dirpath, name)
            os.chmod(p, stat.S_IMODE(os.lstat(p).st_mode) & ~remove)
    os.chmod(root, stat.S_IMODE(os.lstat(root).st_mode) & ~remove)


def restore_tree(root: Path) -> None:
    os.chmod(root, 0o755)
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames:
            os.chmod(os.path.join(dirpath, name), 0o755)
        for name in filenames:
            os.chmod(os.path.join(dirpath, name), 0o644)


ONE_TURN_SCENARIO = """\
name = "one-turn"
title = "One turn"
[[turns]]
id = "close"
expects = ["concern_answer"]
phrasings = ["{company} asks: {concern} How would you answer?"]
concerns = ["you are new to freight."]
"""


# -- sessions to damage ------------------------------------------------------------------
@pytest.fixture(scope="session")
def golden(tmp_path_factory: pytest.TempPathFactory, launcher: Path) -> Path:
    """A real session: ``rehearse --answers samples/weak --no-audio`` under umask 022.

    Returns the session folder; its data dir (``.parent.parent``) is never written again.
    """
    home = tmp_path_factory.mktemp("golden-home")
    proc = vc(launcher, home, "rehearse", "--answers", WEAK, "--no-audio", "--seed", "3")
    assert proc.returncode == 0, proc.stderr[-3000:]
    (folder,) = session_dirs(home)
    assert manifest_of(folder)["status"] == "complete"
    return folder


def copy_session(golden: Path, home: Path, tail: str | None = None, shift_s: float = 0) -> str:
    """Copy the golden session into ``home``; ``tail`` gives it another ID."""
    sid = golden.name if tail is None else f"{golden.name[:14]}{tail}"
    dest = home / "sessions" / sid
    shutil.copytree(golden, dest, symlinks=True)
    if tail is not None or shift_s:

        def change(m: dict[str, Any]) -> None:
            m["id"] = sid
            m["started_at"] += shift_s

        patch_manifest(dest, change)
    return sid


@pytest.fixture
def session(_home: Path, golden: Path) -> str:
    return copy_session(golden, _home)


@pytest.fixture
def two_sessions(_home: Path, golden: Path) -> tuple[str, str]:
    """Two sessions: the first (A) stays intact, the second (B) is the one to damage."""
    return copy_session(golden, _home, "aaaaaa"), copy_session(golden, _home, "bbbbbb", 60)


# ==========================================================================================
# 1. One damaged manifest must not break the others
# ==========================================================================================
def _turn_n_string(m: dict[str, Any]) -> None:
    m["turns"][1]["n"] = "two"


def _null_turn(m: dict[str, Any]) -> None:
    m["turns"].insert(1, None)


def _started_at_text(m: dict[str, Any]) -> None:
    m["started_at"] = "yesterday"


def _speech_regions_flat(m: dict[str, Any]) -> None:
    m["turns"][0]["speech_regions"] = [0.5, 2.5]


def _closing_text(m: dict[str, Any]) -> None:
    m["turns"][-1]["closing"] = "yes"  # the reply after the last answer is true or false


OTHER_COMMANDS = {
    "list": lambda a, b: ("sessions", "list"),
    "delete-other": lambda a, b: ("sessions", "delete", "--yes", a),
    "reindex": lambda a, b: ("sessions", "reindex"),
    "report-other": lambda a, b: ("report", a, "-o", "other.html"),
}


@pytest.mark.parametrize("command", OTHER_COMMANDS)
@pytest.mark.parametrize("damage", [_turn_n_string, _null_turn], ids=["turn-n-string", "null-turn"])
def test_damaged_manifest_leaves_other_sessions_usable(
    two_sessions: tuple[str, str],
    _home: Path,
    damage: Callable[[dict[str, Any]], None],
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a, b = two_sessions
    patch_manifest(_home / "sessions" / b, damage)
    monkeypatch.chdir(tmp_path)
    result = cli(*OTHER_COMMANDS[command](a, b))
    assert_ok(result)
    if command in ("list", "reindex"):
        listing = cli("sessions", "list")
        assert_ok(listing)
        row = next(ln for ln in listing.stdout.splitlines() if b in ln)
        assert "damaged" in row, listing.stdout


@pytest.mark.parametrize("command", ["show", "report"])
@pytest.mark.parametrize(
    "damage",
    [_started_at_text, _speech_regions_flat, _closing_text],
    ids=["started_at-text", "speech_regions-flat", "closing-text"],
)
def test_wrong_typed_manifest_field_is_damage_not_traceback(
    session: str,
    _home: Path,
    damage: Callable[[dict[str, Any]], None],
    command: str,
    tmp_path: Path,
) -> None:
    patch_manifest(_home / "sessions" / session, damage)
    args = ("sessions", "show", session) if command == "show" else (
        "report", session, "-o", tmp_path / "r.html"
    )  # fmt: skip
    line = assert_one_line_error(cli(*args), session)
    assert "damaged" in line
    listing = cli("sessions", "list")
    assert_ok(listing)
    assert "damaged" in listing.stdout


# ==========================================================================================
# 2. Damaged sessions are repairable from their audio
# ==========================================================================================
def _corrupt(path: Path) -> None:
    path.write_text('{"text": "trunc')


@pytest.mark.parametrize(
    "victim", ["turn-02/transcript.json", "analysis.json"], ids=["transcript", "analysis"]
)
def test_reanalysis_rebuilds_corrupt_derived_file(session: str, _home: Path, victim: str) -> None:
    folder = _home / "sessions" / session
    _corrupt(folder / victim)
    assert "damaged" in cli("sessions", "list").stdout  # the premise
    result = cli("analyze", "--session", session)
    assert_ok(result)
    json.loads((folder / victim).read_text())  # rebuilt
    assert_ok(cli("sessions", "show", session))


def test_export_zip_of_damaged_session(session: str, _home: Path, tmp_path: Path) -> None:
    _corrupt(_home / "sessions" / session / "turn-02" / "transcript.json")
    out = tmp_path / "s.zip"
    result = cli("export", session, "--format", "zip", "-o", out)
    assert_ok(result)
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
    assert f"{session}/turn-02/answer.wav" in names


# ==========================================================================================
# 3. A full disk (RLIMIT_FSIZE, SIGXFSZ ignored: every write that grows a file fails)
# ==========================================================================================
def test_full_disk_delete_frees_space(session: str, _home: Path, launcher: Path) -> None:
    assert vc(launcher, _home, "sessions", "list").returncode == 0  # index up to date
    proc = vc(launcher, _home, "sessions", "delete", "--yes", session, fsize=0)
    assert proc.returncode == 0, proc.stderr[-1500:]
    assert not (_home / "sessions" / session).exists()


@pytest.mark.parametrize(
    "args, warm",
    [
        (("sessions", "list"), False),
        (("sessions", "show", "last"), True),
        (("followup", "last"), True),
    ],
    ids=["list-cold-index", "show", "followup"],
)
def test_full_disk_read_only_commands_work(
    session: str, _home: Path, launcher: Path, args: tuple[str, ...], warm: bool
) -> None:
    if warm:
        assert vc(launcher, _home, "sessions", "list").returncode == 0
    proc = vc(launcher, _home, *args, fsize=0)
    assert proc.returncode == 0, proc.stderr[-1500:]
    assert session in proc.stdout or "Subject:" in proc.stdout


def test_full_disk_during_answers_run(_home: Path, launcher: Path) -> None:
    # 600 kB: the manifest, the prompts and the first answer fit; turn 2's 1.2 MB answer not
    proc = vc(launcher, _home, "rehearse", "--answers", WEAK, "--no-audio", fsize=600_000)
    line = assert_proc_one_line_error(proc)
    assert "System error" not in line
    assert proc.returncode == 4, proc.returncode
    leftovers = [p for p in _home.rglob("*") if p.name.endswith((".part", ".tmp"))]
    assert not leftovers, leftovers
    (folder,) = session_dirs(_home)
    assert manifest_of(folder)["status"] == "interrupted"


# ==========================================================================================
# 4. Output paths: -o never replaces a special file or a symlink behind the user's back
# ==========================================================================================
def _out_args(command: str, session: str, path: Path) -> tuple[str | Path, ...]:
    if command == "export":
        return ("export", session, "--format", "json", "-o", path)
    return ("report", session, "-o", path)


@pytest.mark.parametrize("command", ["export", "report"])
def test_output_fifo_is_refused(session: str, tmp_path: Path, command: str) -> None:
    target = tmp_path / "pipe"
    os.mkfifo(target)
    assert_one_line_error(cli(*_out_args(command, session, target)), str(target))
    assert stat.S_ISFIFO(os.lstat(target).st_mode), "the FIFO was replaced"


@pytest.mark.parametrize("command", ["export", "report"])
def test_output_char_device_is_refused(session: str, tmp_path: Path, command: str) -> None:
    # our own /dev/full (major 1, minor 7): the real one is not put at risk
    target = tmp_path / "full"
    try:
        os.mknod(target, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a character device here ({exc}); needs root")
    assert_one_line_error(cli(*_out_args(command, session, target)), str(target))
    assert stat.S_ISCHR(os.lstat(target).st_mode), "the device became a regular file"


@pytest.mark.parametrize("command", ["export", "report"])
def test_output_symlink_is_written_through_or_refused(
    session: str, tmp_path: Path, command: str
) -> None:
    real = tmp_path / "real.out"
    real.write_text("old")
    link = tmp_path / "link.out"
    link.symlink_to(real)
    result = cli(*_out_args(command, session, link))
    assert crashed(result) is None, repr(result.exception)
    assert link.is_symlink(), "the symlink was replaced by a regular file"
    if result.exit_code == 0:
        assert real.read_text() != "old"  # written through
    else:
        assert real.read_text() == "old"  # refused, nothing touched


@pytest.mark.parametrize("command", ["export", "report"])
def test_output_replacing_existing_file_says_so(session: str, tmp_path: Path, command: str) -> None:
    target = tmp_path / "existing.out"
    target.write_text("old")
    result = cli(*_out_args(command, session, target))
    assert_ok(result)
    said = " ".join(result.output.split()).replace(str(target), "<target>")
    assert re.search(r"replac|overwr", said, re.I), said


# ==========================================================================================
# 5. Read-only use never writes
# ==========================================================================================
READ_ONLY = {
    "show": ("sessions", "show", "last"),
    "replay": ("replay", "last", "--silent", "--turn", "1", "--speed", "3"),
    "report-elsewhere": ("report", "last", "-o", "{out}/r.html"),
    "export": ("export", "last", "--format", "json", "-o", "{out}"),
    "followup": ("followup", "last"),
}


@pytest.mark.parametrize("command", READ_ONLY)
def test_read_only_data_dir(
    session: str, _home: Path, launcher: Path, tmp_path: Path, command: str
) -> None:
    """The data dir is chmod a-w (and, as root, DAC override dropped): the command works
    and no file in the data dir is created, removed or modified."""
    assert vc(launcher, _home, "sessions", "list").returncode == 0  # index up to date
    out = tmp_path / "out"
    out.mkdir()
    args = [a.format(out=out) for a in READ_ONLY[command]]
    chmod_tree(_home, 0o222)
    try:
        before = snapshot(_home)
        proc = vc(launcher, _home, *args, drop_dac=True)
        after = snapshot(_home)
    finally:
        restore_tree(_home)
    assert proc.returncode == 0, proc.stderr[-1500:]
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, f"written in a read-only data dir: {changed}"


# ==========================================================================================
# 6. Privacy: 0600 files, 0700 folders for everything created
# ==========================================================================================
def _too_open(paths: list[Path]) -> list[str]:
    bad = []
    for p in paths:
        mode = stat.S_IMODE(os.lstat(p).st_mode)
        if mode & 0o077:
            bad.append(f"{p.name} {mode:o}")
    return bad


def test_private_session_folder(golden: Path) -> None:
    paths = [golden.parent, golden, *golden.rglob("*")]
    assert not _too_open(paths), _too_open(paths)


def test_private_index(golden: Path) -> None:
    index = golden.parent.parent / "index.sqlite"
    assert index.exists()
    assert not _too_open([index])


@pytest.mark.parametrize("command", ["report", "export-zip"])
def test_private_outputs(
    session: str, _home: Path, launcher: Path, tmp_path: Path, command: str
) -> None:
    if command == "report":
        proc = vc(launcher, _home, "report", session)
        made = _home / "sessions" / session / "report.html"
    else:
        made = tmp_path / "s.zip"
        proc = vc(launcher, _home, "export", session, "--format", "zip", "-o", made)
    assert proc.returncode == 0, proc.stderr[-1500:]
    assert not _too_open([made]), _too_open([made])


# ==========================================================================================
# 7. Settings: every key's type and range, one error naming file, key and range
# ==========================================================================================
BAD_SETTINGS = {
    "profile-int": ("profile = 5", "profile"),
    "voice-int": ("voice = 5", "voice"),
    "end_silence_s-bool": ("end_silence_s = true", "end_silence_s"),
    "input_device-list": ("input_device = [1, 2]", "input_device"),
    "speech_rate_wpm-negative": ("speech_rate_wpm = -100", "speech_rate_wpm"),
    "max_answer_s-negative": ("max_answer_s = -5", "max_answer_s"),
    "last_answer_grace_s-long": ("last_answer_grace_s = 60", "last_answer_grace_s"),
}
RANGE_WORDS = re.compile(r"must be|allowed|between|from .* to|at least|one of|a number|text", re.I)


@pytest.mark.parametrize("bad", BAD_SETTINGS)
def test_bad_setting_analyze(_home: Path, bad: str) -> None:
    line_in_file, key = BAD_SETTINGS[bad]
    config = _home / "config.toml"
    config.write_text(line_in_file + "\n")
    message = assert_one_line_error(cli("analyze", "--text", "Thank you."), str(config), key)
    assert RANGE_WORDS.search(message), message


def test_good_settings_reach_the_rehearsal_thresholds(_home: Path) -> None:
    from voicecoach.settings import load_config

    config = _home / "config.toml"
    config.write_text("end_silence_s = 8\nmax_answer_s = 90.5\nlast_answer_grace_s = 0\n")
    th = load_config(config).thresholds()
    assert (th.end_silence_s, th.max_answer_s, th.last_answer_grace_s) == (8, 90.5, 0)


def doctor_config_check(result: Result) -> tuple[str, str]:
    """doctor's own verdict on the config file: (ok/FAIL/warn, its detail line)."""
    for line in result.output.splitlines():
        m = re.match(r"\s*(ok|FAIL|warn)\s+config\s+(.*)", line)
        if m:
            return m.group(1), m.group(2)
    raise AssertionError(f"no config check in doctor's output: {result.output[-1500:]}")


@pytest.mark.parametrize("bad", BAD_SETTINGS)
def test_bad_setting_doctor(_home: Path, bad: str) -> None:
    """doctor reports a bad config as a failed check (no traceback, exit non-zero) whose
    line names the file, the key and what is allowed."""
    line_in_file, key = BAD_SETTINGS[bad]
    config = _home / "config.toml"
    config.write_text(line_in_file + "\n")
    result = cli("doctor")
    assert crashed(result) is None, f"traceback: {result.exception!r}"
    status, detail = doctor_config_check(result)
    assert status == "FAIL", f"config passed as {status}: {detail}"
    assert str(config) in detail and key in detail, detail
    assert RANGE_WORDS.search(detail), detail
    assert result.exit_code != 0


@pytest.mark.parametrize("command", ["analyze", "doctor"])
def test_config_path_is_a_folder(_home: Path, command: str) -> None:
    config = _home / "config.toml"
    config.mkdir()
    if command == "analyze":
        assert_one_line_error(cli("analyze", "--text", "Thank you."), str(config))
    else:
        result = cli("doctor")
        assert crashed(result) is None, f"traceback: {result.exception!r}"
        status, detail = doctor_config_check(result)
        assert status == "FAIL" and str(config) in detail, detail
        assert result.exit_code != 0


def test_scenario_hint_with_unknown_placeholder(
    _home: Path, launcher: Path, tmp_path: Path
) -> None:
    scenario = tmp_path / "hinted.toml"
    scenario.write_text(ONE_TURN_SCENARIO + 'hint = "Name {bogus} in one sentence."\n')
    proc = vc(
        launcher, _home, "rehearse", scenario, "--answers", WEAK / "turn-03.flac", "--no-audio"
    )
    assert_proc_one_line_error(proc, str(scenario), "{bogus}")
    assert session_dirs(_home) == [], "a session folder was made before the check"


# ==========================================================================================
# 8. Signals and terminals
# ==========================================================================================
def _turn_saved(home: Path, n: int) -> bool:
    """The manifest lists turn ``n`` as saved (transcribed, analysed)."""
    for folder in session_dirs(home):
        try:
            turns = manifest_of(folder).get("turns") or []
        except (OSError, ValueError):
            continue
        if any(isinstance(t, dict) and t.get("n") == n for t in turns):
            return True
    return False


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signal_during_rehearsal_keeps_and_coaches(
    _home: Path, launcher: Path, sig: signal.Signals
) -> None:
    """SIGINT is the reference (Ctrl-C); SIGTERM must be handled the same way."""
    proc = subprocess.Popen(
        _cmd(launcher, ("rehearse", "--answers", str(WEAK), "--no-audio"), False),
        env=_env(_home, None, 0o022),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        # turn 2's folder is made once turn 1 is saved and counted (signalling in between
        # is a narrower race, not this case)
        while not (_turn_saved(_home, 1) and list(_home.glob("sessions/*/turn-02"))):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "no turn saved in 2 minutes"
            time.sleep(0.05)
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert "Traceback" not in err, err[-2000:]
    (folder,) = session_dirs(_home)
    manifest = manifest_of(folder)
    assert manifest["status"] == "interrupted", manifest["status"]
    assert manifest["analysis"] is True, f"answers so far not coached: {out[-600:]} {err[-600:]}"
    json.loads((folder / "analysis.json").read_text())
    saved = [t["n"] for t in manifest["turns"]]
    assert 1 in saved
    assert "saved (interrupted" in " ".join(out.split())


@pytest.mark.parametrize("where", ["profile", "concern", "scenario"])
def test_square_brackets_in_user_text(
    _home: Path, launcher: Path, tmp_path: Path, where: str
) -> None:
    scenario = tmp_path / "one.toml"
    text = ONE_TURN_SCENARIO
    extra: list[str | Path] = []
    if where == "scenario":
        text = text.replace("{company} asks:", "[/red] asks:")
    elif where == "profile":
        profile = tmp_path / "profile.toml"
        profile.write_text('company = "Acme [/red] Freight"\n')
        extra = ["--profile", profile]
    else:
        extra = ["--concern", "you wrote [/red] in your CV."]
    scenario.write_text(text)
    proc = vc(
        launcher, _home, "rehearse", scenario, "--answers", WEAK / "turn-03.flac",
        "--no-audio", *extra,
    )  # fmt: skip
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode == 0, proc.stderr[-1500:]
    assert "[/red]" in proc.stdout  # shown as the user wrote it
    (folder,) = session_dirs(_home)
    assert manifest_of(folder)["status"] == "complete"


# ==========================================================================================
# 10. Small ones
# ==========================================================================================
@pytest.fixture
def broken_mp3(tmp_path: Path) -> Path:
    """The first 30 kB of a real MP3, then noise: libmpg123 has plenty to say about it."""
    path = tmp_path / "broken.mp3"
    data = (SPEECH / "jfk.mp3").read_bytes()[:30_000]
    path.write_bytes(data + bytes((i * 7919 + 13) % 251 for i in range(3000)))
    return path


def test_broken_mp3_one_line_error(_home: Path, launcher: Path, broken_mp3: Path) -> None:
    proc = vc(launcher, _home, "analyze", broken_mp3)
    assert_proc_one_line_error(proc, str(broken_mp3))


def test_empty_answers_folder_is_refused(_home: Path, launcher: Path, tmp_path: Path) -> None:
    empty = tmp_path / "answers"
    empty.mkdir()
    proc = vc(launcher, _home, "rehearse", "--answers", empty, "--no-audio")
    line = assert_proc_one_line_error(proc, str(empty))
    assert proc.returncode == 2, line
    assert session_dirs(_home) == []


def test_extra_answer_files_are_reported(_home: Path, launcher: Path, tmp_path: Path) -> None:
    scenario = tmp_path / "one.toml"
    scenario.write_text(ONE_TURN_SCENARIO)
    answers = tmp_path / "answers"
    answers.mkdir()
    shutil.copy(WEAK / "turn-03.flac", answers / "a1.flac")
    shutil.copy(WEAK / "turn-05.flac", answers / "a2-extra.flac")
    proc = vc(launcher, _home, "rehearse", scenario, "--answers", answers, "--no-audio")
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    said = " ".join((proc.stdout + proc.stderr).split())
    assert "a2-extra.flac" in said, "the extra answer file was ignored without a word"


def test_export_zip_does_not_follow_symlinks_out(session: str, _home: Path, tmp_path: Path) -> None:
    secret_dir = tmp_path / "outside"
    secret_dir.mkdir()
    (secret_dir / "secret.txt").write_text("TOP-SECRET-OUTSIDE-DATA-DIR")
    folder = _home / "sessions" / session
    (folder / "notes.txt").symlink_to(secret_dir / "secret.txt")
    (folder / "turn-01" / "more").symlink_to(secret_dir, target_is_directory=True)
    out = tmp_path / "s.zip"
    result = cli("export", session, "--format", "zip", "-o", out)
    assert crashed(result) is None, repr(result.exception)
    if result.exit_code == 0:
        with zipfile.ZipFile(out) as zf:
            leaked = [n for n in zf.namelist() if b"TOP-SECRET" in zf.read(n)]
        assert not leaked, f"followed symlinks out of the data dir: {leaked}"


UNREADABLE: dict[str, tuple[str, ...]] = {
    "config-file": ("analyze", "--text", "Thank you."),
    "data-dir": ("sessions", "list"),
    "profile-file": ("analyze", "--text", "Thank you.", "--profile", "{tmp}/profile.toml"),
    "audio-file": ("analyze", "{tmp}/answer.flac"),
}


@pytest.mark.parametrize("what", UNREADABLE)
def test_unreadable_path_one_line_error(
    _home: Path, launcher: Path, tmp_path: Path, what: str
) -> None:
    victim = {
        "config-file": _home / "config.toml",
        "data-dir": _home,
        "profile-file": tmp_path / "profile.toml",
        "audio-file": tmp_path / "answer.flac",
    }[what]
    if what == "config-file":
        victim.write_text('engine = "faster-whisper"\n')
    elif what == "profile-file":
        victim.write_text('company = "Northwind"\n')
    elif what == "audio-file":
        shutil.copy(WEAK / "turn-05.flac", victim)
    else:
        (victim / "sessions").mkdir()
    os.chmod(victim, 0)
    try:
        args = [a.format(tmp=tmp_path) for a in UNREADABLE[what]]
        proc = vc(launcher, _home, *args, drop_dac=True)
    finally:
        os.chmod(victim, 0o700)
    if what in ("profile-file", "audio-file"):  # click checks these options itself:
        assert "Traceback" not in proc.stderr, proc.stderr[-2000:]  # its usage error is fine
        assert proc.returncode == 2
        assert proc.stderr.strip().splitlines()[-1].startswith("Error: ")
        assert str(victim) in proc.stderr
    else:
        assert_proc_one_line_error(proc, str(victim))


def test_unreadable_session_folder_is_listed_damaged(
    two_sessions: tuple[str, str], _home: Path, launcher: Path
) -> None:
    a, b = two_sessions
    turn = _home / "sessions" / b / "turn-02"
    os.chmod(turn, 0)
    try:
        proc = vc(launcher, _home, "sessions", "list", drop_dac=True)
    finally:
        os.chmod(turn, 0o755)
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode == 0, proc.stderr[-1500:]
    assert a in proc.stdout
    row = next(ln for ln in proc.stdout.splitlines() if b in ln)
    assert "damaged" in row


def test_empty_text_and_empty_txt_agree(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    by_option = cli("analyze", "--text", "")
    by_file = cli("analyze", empty)
    assert crashed(by_option) is None and crashed(by_file) is None
    assert (by_option.exit_code, bool(by_option.stderr.strip())) == (
        by_file.exit_code,
        bool(by_file.stderr.strip()),
    ), (by_option.output[-300:], by_file.output[-300:])
