"""Commands: doctor (check the set-up) and demo (a rehearsal on the built-in samples)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from voicecoach.settings import MIC_TEST_S

if TYPE_CHECKING:
    from rich.console import Console

    from voicecoach.doctor import Finding


@click.command()
@click.option(
    "--mic", "mic_s", type=click.FloatRange(1.0, 30.0), is_flag=False, flag_value=MIC_TEST_S,
    default=None, metavar="[SECONDS]",
    help=f"Also test the microphone: say a sentence; its level is measured ({MIC_TEST_S:g} s "
    "unless given).",
)  # fmt: skip
@click.option(
    "--input-device", help="Microphone to check: name, part of a name, or index (default: config)."
)
def doctor(mic_s: float | None, input_device: str | None) -> None:
    """Check engine, model, voice and audio devices, and print the fix for each problem.

    With --mic, also record a sentence from the microphone and say whether its level is
    right: too quiet, clipping, or no speech heard, with the fix.
    """
    from rich.console import Console

    from voicecoach.doctor import doctor_env, exit_status, run_checks

    findings = run_checks(input_device=input_device)
    console = Console(highlight=False)
    width = max(len(f.name) for f in findings)
    for f in findings:
        _print_finding(console, f, width)
    for key, value in doctor_env().items():
        console.print(f"[dim]{key}: {value}[/]")
    status = exit_status(findings)
    if status:
        console.print("[red]Some required parts are missing; see the fixes above.[/]")
    if mic_s is not None:
        status = max(status, _mic_test(console, mic_s, input_device))
    sys.exit(status)


def _print_finding(console: Console, f: Finding, width: int) -> None:
    from rich.markup import escape

    mark = "[green]ok  [/]" if f.ok else ("[red]FAIL[/]" if f.required else "[yellow]warn[/]")
    console.print(f"{mark} {f.name:<{width}}  {escape(f.detail)}")
    if not f.ok and f.fix and f.fix not in f.detail:
        console.print(f"     {'':<{width}}  [bold]fix:[/] {escape(f.fix)}")


def _mic_test(console: Console, seconds: float, input_device: str | None) -> int:
    """Record ``seconds`` from the microphone and print the verdict; its exit status."""
    from dataclasses import replace

    from voicecoach.doctor import exit_status
    from voicecoach.doctor_mic import measure_microphone, mic_finding, mic_recorder
    from voicecoach.settings import load_config

    config = load_config()
    if input_device is not None:
        config = replace(config, input_device=input_device)
    recorder = mic_recorder(config, seconds)  # DeviceError: no usable microphone
    console.print(
        f"\nMicrophone test on {recorder.label}: say a sentence now, as you would answer an "
        f"interviewer ({seconds:g} s)..."
    )
    test = measure_microphone(recorder, config.thresholds())
    finding = mic_finding(test, config.thresholds())
    _print_finding(console, finding, len(finding.name))
    return exit_status((finding,))


def _samples_dir() -> Path:
    from voicecoach.errors import UserInputError

    here = Path(__file__).resolve().parents[2] / "samples"  # voicecoach/cli/tools.py
    if not (here / "strong.toml").is_file():
        raise UserInputError(
            f"{here}: the sample closings are not there; run the demo from a clone of the "
            "voicecoach repository (make demo)"
        )
    return here


@click.command()
@click.option(
    "--sample", type=click.Choice(["strong", "weak"]), default="strong", show_default=True,
    help="Which sample candidate answers.",
)  # fmt: skip
@click.option(
    "--audio/--no-audio", default=None, help="Play the interviewer (default: if a speaker exists)."
)
@click.pass_context
def demo(ctx: click.Context, sample: str, audio: bool | None) -> None:
    """Rehearse the final-interview close with a sample candidate's recorded answers.

    No microphone needed: the interviewer's prompts are spoken (or rendered to files when
    there is no speaker) and the answers in samples/ stand in for the candidate.
    """
    from voicecoach.cli.rehearse import rehearse
    from voicecoach.settings import tomllib

    samples = _samples_dir()
    script = tomllib.loads((samples / f"{sample}.toml").read_text(encoding="utf-8"))
    if audio is None:
        audio = _has_speaker()
    answers = tuple(sorted((samples / sample).glob("turn-*.flac")))
    ctx.invoke(
        rehearse,
        args=(script["scenario"],),
        answers=answers,
        no_audio=not audio,
        profile=samples / script["profile"],
        seed=1,
        concern=script["concern"],
        input_device=None,
        output_device=None,
        engine=None,
        model=None,
        voice=None,
        sample=sample,
    )
    other = (
        "`voicecoach demo --sample weak` for a close that needs work"
        if sample == "strong"
        else "`voicecoach demo` for a strong close to compare"
    )
    click.echo(
        f"\nNext: `voicecoach report last --open` for the full report, {other}, "
        "`voicecoach rehearse` to try it yourself."
    )


def _has_speaker() -> bool:
    from voicecoach.errors import VoicecoachError

    try:
        from voicecoach.audio.devices import find_device

        find_device(None, "output")
    except (VoicecoachError, OSError):
        return False
    return True
