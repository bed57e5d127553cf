"""Commands: doctor (check the set-up) and demo (a rehearsal on the built-in samples)."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command()
def doctor() -> None:
    """Check engine, model, voice and audio devices, and print the fix for each problem."""
    from rich.console import Console
    from rich.markup import escape

    from voicecoach.doctor import doctor_env, exit_status, run_checks

    findings = run_checks()
    console = Console(highlight=False)
    width = max(len(f.name) for f in findings)
    for f in findings:
        mark = "[green]ok  [/]" if f.ok else ("[red]FAIL[/]" if f.required else "[yellow]warn[/]")
        console.print(f"{mark} {f.name:<{width}}  {escape(f.detail)}")
        if not f.ok and f.fix and f.fix not in f.detail:
            console.print(f"     {'':<{width}}  [bold]fix:[/] {escape(f.fix)}")
    for key, value in doctor_env().items():
        console.print(f"[dim]{key}: {value}[/]")
    status = exit_status(findings)
    if status:
        console.print("[red]Some required parts are missing; see the fixes above.[/]")
    sys.exit(status)


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
