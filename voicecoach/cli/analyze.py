"""Commands: ``voicecoach analyze`` and ``voicecoach evaluate``.

Only click and the standard library at the top: the analyzer, the engines and rich load
inside the commands.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from voicecoach.analysis.results import EXPECTS

if TYPE_CHECKING:
    from voicecoach.settings import Thresholds


def _sentence(text: str) -> str:
    return f"{text[:1].upper()}{text[1:]}."


@click.command()
@click.argument("source", required=False, type=click.Path(path_type=Path))
@click.option("--text", "-t", help="Analyse this text instead of a file.")
@click.option(
    "--profile", "-p", type=click.Path(path_type=Path), help="Job profile TOML (default: config)."
)
@click.option("--engine", "-e", help="faster-whisper or openai-whisper (default: config).")
@click.option("--model", "-m", help="Whisper model name or path (default: config).")
@click.option(
    "--expects",
    "-x",
    multiple=True,
    type=click.Choice((*EXPECTS, "none")),
    help="Judge as one rehearsal turn that asked for this (repeatable); 'none': a turn "
    "that asked for nothing (small talk). Without it: a whole closing.",
)
@click.option("--concern", help="The concern the interviewer raised; judge the answer to it.")
@click.option(
    "--semantic/--rules-only",
    default=None,
    help="Use the sentence model too (the default when installed) / rules only.",
)
@click.option(
    "--session",
    "session_ref",
    help="Re-analyse a stored session (on the transcripts it holds, when --engine "
    "and --model are its own).",
)
@click.option(
    "--hear-again",
    is_flag=True,
    help="With --session: transcribe the answers anew even with the session's own engine "
    "and model (a beam over the whole answer; words may differ from the live ones).",
)
@click.option("--json", "as_json", is_flag=True, help="Print transcript and analysis as JSON.")
def analyze(
    source: Path | None,
    text: str | None,
    profile: Path | None,
    engine: str | None,
    model: str | None,
    expects: tuple[str, ...],
    concern: str | None,
    semantic: bool | None,
    session_ref: str | None,
    hear_again: bool,
    as_json: bool,
) -> None:
    """Coach a closing: SOURCE is audio, a folder of answers, a .txt or a transcript .json.

    \b
    Examples:
      voicecoach analyze samples/strong-closing.flac --profile samples/profile.toml
      voicecoach analyze --text "Thank you. What are the next steps?"
    """
    from voicecoach.settings import load_config

    config = load_config()
    if session_ref:
        ignored = {
            "SOURCE": source, "--text": text, "--profile": profile, "--expects": expects,
            "--concern": concern, "--semantic/--rules-only": semantic is not None,
            "--json": as_json,
        }  # fmt: skip
        clash = [name for name, value in ignored.items() if value]
        if clash:
            raise click.UsageError(
                f"--session re-analyses a stored session with its own answers, profile and "
                f"turns; drop {', '.join(clash)} (only --engine and --model apply)"
            )
        _reanalyze(session_ref, engine, model, hear_again, config.thresholds())
        return
    if hear_again:
        raise click.UsageError("--hear-again goes with --session (a stored session's answers)")
    if source is None and text is None:
        raise click.UsageError('give SOURCE (audio, .txt or .json) or --text "..."')
    if source is not None and text is not None:
        raise click.UsageError(f'give SOURCE ({source}) or --text "...", not both')
    from voicecoach.cli.transcribe import config_profile, progress_to_stderr
    from voicecoach.pipeline import analyze_path
    from voicecoach.profile import load_profile

    turn_expects = _turn_expects(expects)
    job = load_profile(profile) if profile else config_profile(config.profile)
    transcript, analysis = analyze_path(
        source, text=text, profile=job, engine=engine or config.engine,
        model=model or config.model, expects=turn_expects, concern=concern, semantic=semantic,
        on_progress=progress_to_stderr(str(source)),
    )  # fmt: skip
    if as_json:
        data = {
            "transcript": transcript.to_dict() if transcript else None,
            "analysis": analysis.to_dict(),
        }
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    from rich.console import Console

    from voicecoach.analysis.render import render

    render(analysis, Console())


def _turn_expects(expects: tuple[str, ...]) -> tuple[str, ...] | None:
    """--expects as the analyzer takes it: None = a whole closing, () = a turn that asked
    for nothing (``--expects none``)."""
    if "none" not in expects:
        return expects or None
    moves = [e for e in expects if e != "none"]
    if moves:
        from voicecoach.errors import UserInputError

        raise UserInputError(
            f"--expects none (a turn that asked for nothing) cannot go with "
            f"{', '.join(moves)}; give either none or the moves"
        )
    return ()


def _reanalyze(
    ref: str, engine: str | None, model: str | None, hear_again: bool, thresholds: Thresholds
) -> None:
    from voicecoach.review.reanalysis import reanalyze_session

    r = reanalyze_session(ref, engine, model, hear_again=hear_again, thresholds=thresholds)
    if r.analysis is not None:  # the same coaching view as `analyze`
        from rich.console import Console

        from voicecoach.analysis.render import render

        render(r.analysis, Console())
    from voicecoach.analysis.wording import SCORE_PROVISIONAL_MARK

    before, after = r.scores
    click.echo(
        f"Session {r.session_id}: {r.turns} answer(s) re-analysed with {r.engine} {r.model}; "
        f"score {before} -> {after}. {_sentence(r.kept_line)}"
    )
    if r.turns:
        click.echo(_sentence(r.heard_line))
    if r.left_out:
        click.echo(r.left_out_line)
    if r.provisional:
        click.echo(SCORE_PROVISIONAL_MARK)


@click.command()
@click.option(
    "--set",
    "set_path",
    type=click.Path(path_type=Path),
    help="Labelled sentences (JSON lines); default tests/data/moves/sentences.jsonl.",
)
@click.option("--heldout", is_flag=True, help="Also score heldout.jsonl next to the set.")
@click.option(
    "--semantic/--rules-only",
    default=None,
    help="Use the sentence model too (the default when installed, as in analyze) / rules only.",
)
@click.option("--errors", "show_errors", is_flag=True, help="List each mislabelled sentence.")
@click.option(
    "--lobo",
    is_flag=True,
    help="Also leave-one-batch-out F1 on tests/data/moves/batches (hours; needs torch).",
)
def evaluate(
    set_path: Path | None, heldout: bool, semantic: bool | None, show_errors: bool, lobo: bool
) -> None:
    """Precision, recall and F1 per move and question form on a labelled set."""
    from voicecoach.analysis.evaluate import run_evaluation

    if lobo:
        _print_lobo()
    result = run_evaluation(set_path, heldout=heldout, semantic=semantic)
    for report in result.sentences:
        click.echo(f"\n{report.path} ({report.count} sentences, {result.mode})")
        click.echo(f"  {'label':<12} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}")
        for s in report.scores:
            click.echo(
                f"  {s.label:<12} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} {s.support:>8}"
            )
        if show_errors:
            for text, want, got in report.errors:
                click.echo(f"  - {text}\n      expected {want}; got {got}")
    if result.closings is not None:
        c = result.closings
        click.echo(
            f"\n{c.path}: {c.correct}/{c.checks - c.unclear} decided closing checks right "
            f"({c.accuracy:.1%}); {c.unclear} unclear ({c.unclear_rate:.1%})"
        )
        for miss in c.misses:
            click.echo(f"  - {miss}")
    click.echo(f"\n{result.sentences_per_s:.0f} sentences/s")


def _print_lobo() -> None:
    from voicecoach.analysis.lobo import LABELS
    from voicecoach.analysis.train_adapter import run_shipped_lobo

    report = run_shipped_lobo(
        progress=lambda name: click.echo(f"training without {name}...", err=True)
    )
    click.echo("\nLeave-one-batch-out F1 (trained without the batch it scores)")
    click.echo(f"  {'batch':<18}" + "".join(f"{label[:8]:>9}" for label in LABELS))
    for b in report.batches:
        click.echo(f"  {Path(b.path).stem:<18}" + "".join(f"{s.f1:>9.3f}" for s in b.scores))
    for i, name in enumerate(("mean", "lowest")):
        row = "".join(f"{report.f1(label)[i]:>9.3f}" for label in LABELS)
        click.echo(f"  {name:<18}{row}")
    click.echo(f"  unclear sentence-move decisions: {report.unclear_rate():.1%}")
