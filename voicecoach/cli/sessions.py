"""Commands: ``sessions list|show|delete|reindex``, ``replay``, ``report``, ``export``,
``progress``, ``followup``. Each parses, makes one library call and renders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click


def _console() -> Any:
    from rich.console import Console

    return Console()


def _store() -> Any:
    from voicecoach.sessions.store import Store

    return Store()


@click.group()
def sessions() -> None:
    """List, show, delete and reindex stored rehearsals."""


@sessions.command("list")
def sessions_list() -> None:
    """Every session, newest first (damaged ones say why)."""
    from voicecoach.review.sessions_view import sessions_table

    rows = _store().list_sessions()
    if not rows:
        click.echo("No sessions yet: run `voicecoach rehearse` to record one.")
        return
    _console().print(sessions_table(rows))


@sessions.command("show")
@click.argument("session_id", metavar="ID")
def sessions_show(session_id: str) -> None:
    """One session: times, turns, transcript, checks."""
    from voicecoach.review.sessions_view import session_view

    _console().print(session_view(_store().load(session_id)))


@sessions.command("delete")
@click.argument("session_id", metavar="ID")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def sessions_delete(session_id: str, yes: bool) -> None:
    """Delete a session folder and its index row."""
    store = _store()
    resolved = store.resolve(session_id, last_may_be_damaged=True)
    if not yes:
        click.confirm(f"Delete session {resolved} and its audio?", abort=True)
    store.delete(resolved)
    click.echo(f"Deleted session {resolved}.")


@sessions.command("reindex")
def sessions_reindex() -> None:
    """Rebuild the index from the session folders."""
    rows = _store().reindex()
    damaged = sum(1 for r in rows if r.status == "damaged")
    click.echo(f"Indexed {len(rows)} session{'' if len(rows) == 1 else 's'}, {damaged} damaged.")


@click.command()
@click.argument("session_id", metavar="ID")
@click.option("--turn", type=int, default=None, help="Replay only this turn (1-based).")
@click.option(
    "--speed",
    type=float,
    default=1.0,
    show_default=True,
    help="Playback speed, 0.5-3; time-stretched, pitch unchanged.",
)
@click.option("--silent", is_flag=True, help="Do not play audio; follow the text on the clock.")
def replay(session_id: str, turn: int | None, speed: float, silent: bool) -> None:
    """Replay a session in the terminal: prompts, answers and feedback in time."""
    from voicecoach.review.replay import check_speed, make_player, replay_session

    check_speed(speed)
    session = _store().load(session_id)
    player, note = make_player(silent)
    if note:
        click.echo(note, err=True)
    replay_session(session, player=player, console=_console(), turn=turn, speed=speed)


@click.command()
@click.argument("session_id", metavar="ID")
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=None,
    help="Where to write the HTML (default: report.html in the session folder).",
)
@click.option("--open", "open_", is_flag=True, help="Open the report in the web browser.")
def report(session_id: str, output: Path | None, open_: bool) -> None:
    """Write a self-contained HTML report of a session (works offline)."""
    from voicecoach.review.report import open_in_browser, write_report

    replaced = output is not None and output.is_file()
    path = write_report(_store(), session_id, output)
    click.echo(f"Report written to {path}" + (" (replaced the existing file)" if replaced else ""))
    if open_ and not open_in_browser(path):
        click.echo(f"No web browser found; open {path.resolve().as_uri()} yourself.", err=True)


@click.command()
@click.argument("session_id", metavar="ID")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "vtt", "srt", "zip"]),
    required=True,
    help="json: everything; vtt/srt: subtitles; zip: the folder.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=None,
    help="File or folder to write to (default: <ID>.<format> here).",
)
def export(session_id: str, fmt: str, output: Path | None) -> None:
    """Export a session as JSON, subtitles or a zip of its folder."""
    from voicecoach.review.export import export_session, output_path

    store = _store()
    # a zip needs only the folder, so a damaged session can still be saved whole
    session = store.folder_of(session_id) if fmt == "zip" else store.load(session_id)
    sid = session.name if isinstance(session, Path) else session.id
    replaced = output_path(sid, fmt, output).is_file()
    path = export_session(session, fmt, output)
    click.echo(f"Exported {fmt} to {path}" + (" (replaced the existing file)" if replaced else ""))


@click.command()
def progress() -> None:
    """Score, recap length, pace and fillers over all your sessions."""
    from voicecoach.review.progress import load_progress
    from voicecoach.review.sessions_view import progress_view

    _console().print(progress_view(load_progress(_store())))


@click.command()
@click.argument("session_id", metavar="ID")
@click.option("--from", "sender", metavar="NAME", help="Your name, to sign the email with.")
@click.option("--edit", is_flag=True, help="Open the draft in $EDITOR before it is shown.")
@click.option(
    "--ics",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a calendar reminder (.ics) for the 24-hour deadline.",
)
@click.option(
    "--copy/--no-copy", default=True, show_default=True, help="Copy the email to the clipboard."
)
def followup(session_id: str, sender: str | None, edit: bool, ics: Path | None, copy: bool) -> None:
    """Draft the thank-you email for a session, with its 24-hour deadline."""
    from dataclasses import replace

    from voicecoach.errors import UserInputError
    from voicecoach.review.followup import draft_followup, format_due
    from voicecoach.review.sessions_view import email_view

    if ics is not None and not ics.parent.is_dir():  # said before the email is edited
        raise UserInputError(
            f"{ics}: cannot write the calendar reminder (no folder {ics.parent}); "
            "choose a folder that exists and that you can write to"
        )
    email = draft_followup(_store().load(session_id), sender)
    if edit:
        edited = click.edit(email.body, extension=".txt", require_save=False)
        if edited is not None and edited.strip():
            email = replace(email, body=edited.strip("\n"))
    reminder, failed = None, None
    if ics is not None:  # first: a reminder that cannot be written is said before the email
        from voicecoach.review.followup_send import write_ics

        try:
            reminder = write_ics(email, ics)
        except UserInputError as exc:
            if not edit:
                raise
            failed = exc  # the email they edited is shown first: their words are not lost
    console = _console()
    if console.is_terminal:
        console.print(email_view(email))
    else:  # piped into a file or a mail program: plain text, ready to paste
        click.echo(f"{format_due(email)}\n\nSubject: {email.subject}\n\n{email.body}")
    if failed is not None:
        raise failed
    if reminder is not None:
        click.echo(f"Reminder for the deadline written to {reminder}", err=True)
    if copy:
        _copy_email(f"Subject: {email.subject}\n\n{email.body}")


def _copy_email(text: str) -> None:
    from voicecoach.review.followup_send import clipboard_hint, copy_to_clipboard

    done = copy_to_clipboard(text)
    if done.copied:
        click.echo(f"Copied to the clipboard ({done.tool}).", err=True)
    elif done.tool is None:
        click.echo(
            f"No clipboard tool found (install {clipboard_hint()}); copy the text above.",
            err=True,
        )
    else:
        why = f"Could not copy with {done.tool} ({done.error})"
        click.echo(f"{why}; copy the text above.", err=True)
