from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from audio_rig import audio_rig  # noqa: F401  (session fixture)
from click.testing import CliRunner

from voicecoach.cli import main
from voicecoach.doctor import Finding, exit_status, run_checks
from voicecoach.doctor_mic import MicTest, measure_microphone, mic_finding
from voicecoach.settings import SAMPLE_RATE_HZ, Thresholds


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


# -- the microphone test's verdicts --------------------------------------------------------
def _test(level_db: float | None, clipped: float = 0.0, speech_s: float = 3.0) -> MicTest:
    return MicTest("[1] USB Mic", 4.0, speech_s if level_db else 0.0, level_db, -3.0, clipped)


def test_mic_verdicts_and_their_fixes() -> None:
    th = Thresholds()
    ok = mic_finding(_test(-24.0))
    assert ok.ok and ok.detail.startswith("[1] USB Mic: speech at -24 dBFS (median over 3.0 s")
    quiet = mic_finding(_test(th.quiet_speech_db - 1))
    assert not quiet.ok and quiet.required and "too quiet" in quiet.detail
    assert quiet.fix.startswith("move closer to the microphone or raise its input gain (")
    assert mic_finding(_test(th.quiet_speech_db + 1)).ok
    loud = mic_finding(_test(-12.0, clipped=th.clip_share * 5))
    assert not loud.ok and "clipping: 0.5% of the samples" in loud.detail
    assert loud.fix.startswith("lower the microphone's input gain")
    assert mic_finding(_test(-12.0, clipped=th.clip_share / 2)).ok
    none = mic_finding(_test(None))
    assert not none.ok and "no speech heard in 4.0 s" in none.detail
    assert "`voicecoach devices`" in none.fix and "muted" in none.fix
    short = mic_finding(_test(-24.0, speech_s=0.5))
    assert short.ok and "only 0.5 s of speech heard" in short.detail


def test_a_clipping_voice_is_measured_as_clipping(tmp_path: Path) -> None:
    """The measures come from the recording as a rehearsal makes it (here a file through
    the same endpointing): a voice driven 12 dB past full scale clips."""
    import numpy as np

    from voicecoach.audio.files import load_audio, write_wav
    from voicecoach.audio.recorders import FileRecorder

    said = load_audio(_spoken(tmp_path))
    for gain_db, clipping in ((0.0, False), (12.0, True)):
        loud = np.clip(said * np.float32(10 ** (gain_db / 20)), -1.0, 1.0)
        wav = write_wav(tmp_path / f"loud{gain_db:+.0f}.wav", loud)
        test = measure_microphone(FileRecorder([wav]))
        assert test.speech_level_db is not None and test.speech_s > 2.0
        assert (test.clipped_share > Thresholds().clip_share) == clipping, test
        assert mic_finding(test).ok != clipping


# -- the microphone test, through the virtual sound card (tests/audio_rig.py) -----------
SENTENCE = "Thank you for your time today. What would the next steps be?"
MIC_S = 5.0  # the recording: longer than the sentence, so a whole one always falls in it


def _spoken(folder: Path, gain_db: float = 0.0) -> Path:
    """The sentence said by espeak-ng, ``gain_db`` dB down, as a 16 kHz WAV."""
    import shutil
    import subprocess

    import numpy as np

    from voicecoach.audio.files import load_audio, write_wav

    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is needed (Debian package espeak-ng)")
    raw = folder / "raw.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "160", "-w", str(raw), SENTENCE], check=True)
    said = load_audio(raw) * np.float32(10 ** (gain_db / 20))
    gap = np.zeros(SAMPLE_RATE_HZ // 2, np.float32)  # half a second between repeats
    return write_wav(folder / f"said{gain_db:+.0f}.wav", np.concatenate([said, gap]))


@contextlib.contextmanager
def _saying(wav: Path | None) -> Iterator[None]:
    """The candidate says ``wav`` into the microphone over and over while in the block (so
    the test does not depend on when the recording starts); None: silence."""
    from audio_rig import shared_rig

    done, playing = threading.Event(), []

    def say() -> None:
        while wav is not None and not done.is_set():
            playing.append(shared_rig().play_into_mic(wav, wait=False))
            while playing[-1].poll() is None and not done.wait(0.05):
                pass

    speaker = threading.Thread(target=say, daemon=True)
    speaker.start()
    try:
        yield
    finally:
        done.set()
        speaker.join(timeout=30)
        for proc in playing:  # the sentence being said: stopped, not waited for
            proc.terminate()
            proc.wait(timeout=10)


def _doctor_mic(*extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["doctor", "--mic", f"{MIC_S:g}", *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, " ".join(result.output.split())  # the console wraps lines


def _level(said: str) -> float:
    found = re.search(r"speech at (-?\d+) dBFS", said)
    assert found, said
    return float(found.group(1))


@pytest.mark.audio
@pytest.mark.usefixtures("audio_rig")
def test_doctor_mic_measures_a_normal_voice_as_ok(tmp_path: Path) -> None:
    with _saying(_spoken(tmp_path)):
        code, said = _doctor_mic()
    assert "Microphone test on [" in said and "say a sentence" in said
    assert "ok microphone level [" in said, said
    assert -30 <= _level(said) <= -16  # espeak-ng measures about -23 dBFS
    assert "clipping" not in said and "fix:" not in said.split("Microphone test")[1]
    assert code == exit_status(run_checks())  # the checks' own status; the microphone is fine


@pytest.mark.audio
@pytest.mark.usefixtures("audio_rig")
def test_doctor_mic_says_a_quiet_microphone_is_too_quiet_and_how_to_fix_it(
    tmp_path: Path,
) -> None:
    """Trial s15: a microphone 30 dB too quiet was coached as if heard; the warning sent
    the candidate to `voicecoach doctor`, which never listened to the microphone."""
    with _saying(_spoken(tmp_path, gain_db=-30.0)):
        code, said = _doctor_mic()
    assert "FAIL microphone level [" in said, said
    assert -60 <= _level(said) < Thresholds().quiet_speech_db  # about -53 dBFS
    assert "too quiet" in said
    assert "fix: move closer to the microphone or raise its input gain" in said
    assert code == 1


@pytest.mark.audio
@pytest.mark.usefixtures("audio_rig")
def test_doctor_mic_hears_no_speech_in_silence() -> None:
    with _saying(None):
        code, said = _doctor_mic()
    assert "FAIL microphone level [" in said, said
    assert "no speech heard in" in said
    assert "fix: check that this is the microphone you speak into" in said
    assert "`voicecoach devices`" in said and "muted" in said
    assert code == 1


@pytest.mark.audio
@pytest.mark.usefixtures("audio_rig")
def test_doctor_mic_without_that_microphone_is_one_line_error() -> None:
    result = CliRunner().invoke(main, ["doctor", "--mic", "--input-device", "Blue Yeti"])
    assert result.exit_code == 3
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("Error: input device 'Blue Yeti' not found"), result.output
    assert "voicecoach devices --set-input" in last and "Traceback" not in result.output
    assert "Microphone test on" not in result.output
