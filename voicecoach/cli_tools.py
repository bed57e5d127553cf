"""Commands: doctor (check the set-up) and demo (a rehearsal on the built-in samples)."""

from __future__ import annotations

import sys

from voicecoach.cli import main


@main.command()
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
