"""Commands: ``voicecoach transcribe`` and ``voicecoach models``.

Only click and the standard library at the top: the engines load inside the commands.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from voicecoach.profile import Profile


@click.command()
@click.argument("audio", type=click.Path(dir_okay=True, path_type=str))
@click.option("--engine", "-e", help="faster-whisper or openai-whisper (default: config).")
@click.option("--model", "-m", help="Model name or path (default: config; see 'models').")
@click.option(
    "--profile",
    "-p",
    type=click.Path(path_type=Path),
    help="Job profile TOML whose names Whisper is told (default: config).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the transcript as JSON.")
def transcribe(
    audio: str, engine: str | None, model: str | None, profile: Path | None, as_json: bool
) -> None:
    """Transcribe AUDIO (wav, flac, ogg, mp3) with word timings, as ``analyze`` hears it."""
    from voicecoach.pipeline import transcribe_file
    from voicecoach.profile import load_profile
    from voicecoach.settings import load_config
    from voicecoach.subtitles import clock

    config = load_config()
    job = load_profile(profile) if profile else config_profile(config.profile)
    transcript = transcribe_file(
        audio,
        engine or config.engine,
        model or config.model,
        on_progress=progress_to_stderr(audio),
        profile=job,
    )
    if as_json:
        click.echo(json.dumps(transcript.to_dict(), indent=2, ensure_ascii=False))
        return
    for seg in transcript.segments:
        click.echo(f"[{clock(seg.start_s, 2)} -> {clock(seg.end_s, 2)}] {seg.text}")
    click.echo(
        f"({len(transcript.words)} words, {transcript.duration_s:.1f} s of audio, "
        f"{transcript.engine} {transcript.model})",
        err=True,
    )


def config_profile(setting: str | None) -> Profile | None:
    """The job profile named by the config file's ``profile`` setting, if any."""
    if not setting:
        return None
    from voicecoach.errors import ConfigError
    from voicecoach.profile import load_profile
    from voicecoach.settings import config_path

    path = Path(setting).expanduser()
    if not path.is_file():
        raise ConfigError(
            f"{path}: job profile not found (the 'profile' setting in {config_path()}); "
            "fix that setting or pass --profile"
        )
    return load_profile(path)


def progress_to_stderr(label: str) -> Callable[[float, float], None]:
    """A progress line on stderr per window of a long file (short files, heard whole,
    print nothing): how much of the audio is transcribed."""
    from voicecoach.subtitles import clock

    def show(done_s: float, total_s: float) -> None:
        share = 100 * done_s / total_s if total_s else 100
        click.echo(
            f"Transcribing {label}: {clock(done_s)} of {clock(total_s)} ({share:.0f}%)", err=True
        )

    return show


@click.command()
def models() -> None:
    """List the Whisper models usable on this machine, per engine, and where they are."""
    from voicecoach.settings import load_config
    from voicecoach.speech.models import DOWNLOADABLE, ENGINES, list_models

    rows = list_models()
    config = load_config()
    header = ("MODEL", "ENGINE", "SIZE", "STATUS", "PATH")
    table = [
        (
            m.name + (" *" if (m.name, m.engine) == (config.model, config.engine) else ""),
            m.engine,
            f"{m.size_bytes / 1e6:.0f} MB" if m.size_bytes else "-",
            m.status,
            str(m.path) if m.path else "-",
        )
        for m in rows
    ]
    widths = [max(len(r[i]) for r in (header, *table)) for i in range(len(header) - 1)]
    for row in (header, *table):
        click.echo(
            "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) + "  " + row[-1]
        )
    click.echo(f"\n* = your default ({config.engine}, {config.model}).")
    if config.engine not in ENGINES:
        click.echo(
            f"Warning: your config's engine {config.engine!r} is unknown; set 'engine' to one "
            f"of {', '.join(ENGINES)} in config.toml.",
            err=True,
        )
    click.echo(f"When online, the engines can also download: {', '.join(DOWNLOADABLE)}.")
