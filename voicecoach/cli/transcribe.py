"""Commands: ``voicecoach transcribe`` and ``voicecoach models``.

Only click and the standard library at the top: the engines load inside the commands.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import click


@click.command()
@click.argument("audio", type=click.Path(dir_okay=True, path_type=str))
@click.option("--engine", "-e", help="faster-whisper or openai-whisper (default: config).")
@click.option("--model", "-m", help="Model name or path (default: config; see 'models').")
@click.option("--json", "as_json", is_flag=True, help="Print the transcript as JSON.")
def transcribe(audio: str, engine: str | None, model: str | None, as_json: bool) -> None:
    """Transcribe AUDIO (wav, flac, ogg, mp3) with word timings."""
    from voicecoach.pipeline import transcribe_file
    from voicecoach.settings import load_config
    from voicecoach.subtitles import clock

    config = load_config()
    transcript = transcribe_file(
        audio, engine or config.engine, model or config.model, on_progress=progress_to_stderr(audio)
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
