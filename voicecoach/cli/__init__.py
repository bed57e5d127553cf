"""The ``voicecoach`` command: a click group; each command module adds its commands here.

Each command parses, makes one library call and renders. Library errors
(:class:`~voicecoach.errors.VoicecoachError`) become ``Error: ...`` on stderr with the
error's exit code; anything else is a bug and keeps its traceback. Heavy libraries are
imported inside commands so ``voicecoach --help`` stays fast.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from voicecoach import __version__


class _Group(click.Group):
    """Turns library errors into one-line messages with the right exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        import os

        from voicecoach.errors import VoicecoachError

        # recordings, transcripts and reports are private: whatever creates a file or a
        # folder from here on (libsndfile, SQLite, the TTS) makes it 0600/0700
        os.umask(os.umask(0o077) | 0o077)
        try:
            return super().invoke(ctx)
        except VoicecoachError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="voicecoach")
def main() -> None:
    """Rehearse the close of a job interview out loud and get coached on it.

    Everything runs on this machine: no audio leaves it.
    """


from voicecoach.cli import analyze, rehearse, sessions, tools, transcribe  # noqa: E402

for _command in (
    analyze.analyze,
    analyze.evaluate,
    transcribe.transcribe,
    transcribe.models,
    rehearse.rehearse,
    rehearse.devices,
    sessions.sessions,
    sessions.replay,
    sessions.report,
    sessions.export,
    sessions.progress,
    sessions.followup,
    tools.doctor,
    tools.demo,
):
    main.add_command(_command)
