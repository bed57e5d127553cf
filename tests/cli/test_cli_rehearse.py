"""``voicecoach devices`` and ``voicecoach rehearse`` as a user runs them."""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
from pathlib import Path

import pytest
from audio_rig import AudioRig, audio_rig  # noqa: F401  (session fixture)
from click.testing import CliRunner
from rehearsal_support import Cli, latest_session

from voicecoach.cli import main
from voicecoach.rehearsal.events import Controls
from voicecoach.rehearsal.screen import KeyReader
from voicecoach.settings import load_config

SPEECH = Path(__file__).parent.parent / "data" / "speech"


@pytest.mark.audio
@pytest.mark.usefixtures("audio_rig")
def test_devices_lists_and_remembers_the_choice() -> None:
    listing = CliRunner().invoke(main, ["devices"], catch_exceptions=False)
    assert listing.exit_code == 0
    assert "default" in listing.output and "Input: [" in listing.output
    chosen = CliRunner().invoke(main, ["devices", "--set-input", "pulse"], catch_exceptions=False)
    assert chosen.exit_code == 0 and "Input device set to" in chosen.output
    assert load_config().input_device == "pulse"
    again = CliRunner().invoke(main, ["devices"], catch_exceptions=False)
    assert ">" in again.output.split("pulse")[0].splitlines()[-1]  # marked as chosen


@pytest.mark.audio
@pytest.mark.usefixtures("audio_rig")
def test_unknown_device_lists_the_available_ones() -> None:
    result = CliRunner().invoke(main, ["devices", "--set-output", "Blue Yeti"])
    assert result.exit_code == 3
    assert result.output.startswith("Error: output device 'Blue Yeti' not found")
    assert "available output devices: [0] pulse; [1] default" in result.output
    assert load_config().output_device is None


def test_devices_lists_voices() -> None:
    result = CliRunner().invoke(main, ["devices", "--voices"], catch_exceptions=False)
    assert result.exit_code == 0 and "gmw/en-us" in result.output
    # each with its languages, so an English one can be told from the rest
    assert any(
        line.split()[0] == "art/piqd" and line.endswith("piqd")
        for line in result.output.splitlines()
    )


def test_keys_finish_the_answer_and_quit() -> None:
    controls = Controls()
    keys = KeyReader(controls)
    keys.handle("x")
    assert not controls.finish_answer.is_set()
    keys.handle(" ")
    assert controls.finish_answer.is_set() and not controls.quit.is_set()
    controls.finish_answer.clear()
    keys.handle("\r")
    assert controls.finish_answer.is_set()
    controls.finish_answer.clear()
    keys.handle("q")  # quit after this turn: the answer being given is not cut short
    assert controls.quit.is_set() and not controls.finish_answer.is_set()


def test_keys_are_not_read_without_a_terminal() -> None:
    class Pipe:
        def isatty(self) -> bool:
            return False

    with KeyReader(Controls(), Pipe()).active() as reading:
        assert reading is False


@pytest.mark.audio
@pytest.mark.slow
def test_microphone_gone_mid_answer(cli_runs: list[Cli]) -> None:
    with AudioRig() as rig:  # its own sound server, killed mid-answer like an unplugged mic
        cli = Cli(["rehearse", "recap", "--seed", "1"], rig.env)
        cli_runs.append(cli)
        cli.wait_for(r"Recording your answer")
        rig.play_into_mic(SPEECH / "librivox-0870.wav", wait=False)
        threading.Timer(3.0, lambda: os.kill(rig.procs[0].pid, signal.SIGKILL)).start()
        code = cli.finish()
    output = "".join(cli.output)
    assert code == 3, output
    assert "Error: input device" in output and "stopped sending audio mid-answer" in output
    manifest = json.loads((latest_session() / "manifest.json").read_text())
    assert manifest["status"] == "interrupted"
    text = json.loads((latest_session() / "turn-01" / "transcript.json").read_text())["text"]
    assert "dashwood" in text.lower()  # what was said before the loss is kept and transcribed


def test_rehearse_help_is_fast_to_reach() -> None:
    import subprocess
    import time

    t0 = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "voicecoach", "rehearse", "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0 and "--answers" in done.stdout
    assert time.monotonic() - t0 < 2.0  # no heavy import on the way to --help


def test_rehearse_help_states_the_end_of_turn_waits_in_use() -> None:
    """Trial s10: the help said "a 3 s silence also ends it", a fixed silence the
    rehearsal no longer uses; the waits come from settings.Thresholds."""
    from click.testing import CliRunner

    from voicecoach.settings import Thresholds

    th = Thresholds()
    out = " ".join(CliRunner().invoke(main, ["rehearse", "--help"]).output.split())
    assert "3 s silence" not in out
    for wait_s in (th.end_complete_s, th.end_silence_s, th.no_answer_s):
        assert f"{wait_s:g} s" in out


def test_rehearse_refuses_a_concern_given_as_a_topic_in_one_line() -> None:
    """Trial 48: --concern industry was spoken "My one hesitation is that industry.". A
    topic no doubt of the scenario names is refused before anything is set up."""
    from voicecoach.sessions.store import Store

    strong = Path(__file__).parent.parent.parent / "samples" / "strong"
    args = ["rehearse", "--no-audio", "--concern", "visa", "--answers", str(strong)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output  # a user error, as a bad --answers folder
    (line,) = result.output.strip().splitlines()
    assert line.startswith('Error: --concern "visa" names none of this scenario'), line
    assert "Traceback" not in line
    assert Store().list_sessions() == []
    help_text = " ".join(CliRunner().invoke(main, ["rehearse", "--help"]).output.split())
    assert 'as the sentence that follows "My one hesitation is that"' in help_text


@pytest.mark.slow
def test_a_concern_given_as_a_topic_is_voiced_as_the_doubt_that_names_it(tmp_path: Path) -> None:
    """--concern startups in the concerns drill: the interviewer voices the drill's own
    doubt about startups, not "...that startups."."""
    from voicecoach.sessions.store import Store

    strong = Path(__file__).parent.parent.parent / "samples" / "strong"
    args = ["rehearse", "concerns", "--no-audio", "--seed", "1", "--concern", "startups"]
    answers = [str(strong / "turn-02.flac"), str(strong / "turn-03.flac")]
    result = CliRunner().invoke(main, [*args, "--answers", *answers], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (session,) = Store().list_sessions()
    doubt = Store().load(session.id).turns[1]
    assert doubt.concern is not None and doubt.concern.startswith("your background is mostly in")
    assert "that startups." not in doubt.prompt_text and doubt.concern in doubt.prompt_text


def _small_disk() -> None:
    """In the child: files may not grow past 400 kB, as if the disk were full."""
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG errors instead of a kill
    resource.setrlimit(resource.RLIMIT_FSIZE, (400_000, 400_000))


@pytest.mark.audio
@pytest.mark.slow
@pytest.mark.usefixtures("audio_rig")
def test_disk_full_mid_answer_keeps_what_was_written(cli_runs: list[Cli]) -> None:
    from audio_rig import shared_rig

    from voicecoach.audio.files import load_audio

    rig = shared_rig()
    cli = Cli(["rehearse", "recap", "--seed", "1"], rig.env, preexec_fn=_small_disk)
    cli_runs.append(cli)
    cli.wait_for(r"Recording your answer")
    # 22 s of speech: 700 kB at 16 kHz, more than the 400 kB allowed (12.5 s)
    rig.play_into_mic(SPEECH / "jfk.wav")
    more = rig.play_into_mic(SPEECH / "jfk.wav", wait=False)
    try:
        code = cli.finish()
    finally:  # the rest of the clip, after the error: not into the next test's microphone
        more.terminate()
        more.wait(timeout=10)
    output = "".join(cli.output)
    assert code == 4, output
    assert "Error: " in output and "cannot write the answer" in output and "Traceback" not in output
    kept = load_audio(latest_session() / "turn-01" / "answer.wav")
    assert 10.0 < len(kept) / 16_000 < 12.6  # everything up to the limit is playable
    manifest = json.loads((latest_session() / "manifest.json").read_text())
    assert manifest["status"] == "interrupted"
