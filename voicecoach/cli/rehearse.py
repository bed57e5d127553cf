"""Commands: ``voicecoach rehearse`` (the spoken rehearsal) and ``voicecoach devices``."""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from voicecoach.settings import Thresholds

_TH = Thresholds()
# The help quotes the end-of-turn waits from settings.Thresholds, so it stays true when
# they are tuned (rehearsal/turn_end.py decides which applies).
REHEARSE_HELP = f"""Rehearse a closing out loud: the interviewer speaks, you answer, you get
    coached.

    SCENARIO is final-close (default), recap, ask, concerns, or a TOML file. An answer ends
    by itself when you have finished: {_TH.end_complete_s:g} s after a finished sentence
    that did what was asked, up to {_TH.end_silence_s:g} s after an unfinished one (a turn
    with nothing said moves on after {_TH.no_answer_s:g} s). Press Enter or space to finish
    an answer at once, q to stop after the turn (at once if you have said nothing yet).
    """


@click.command(help=REHEARSE_HELP)
@click.argument("args", nargs=-1, metavar="[SCENARIO] [ANSWER...]")
@click.option(
    "--answers", "answers", multiple=True, type=click.Path(path_type=Path),
    help="Recorded answers instead of the microphone: one audio file per turn, or a folder "
    "of them (sorted by name). Further audio files may follow as arguments.",
)  # fmt: skip
@click.option("--no-audio", is_flag=True, help="Render the prompts to files; play nothing.")
@click.option("--profile", type=click.Path(path_type=Path), help="Job profile TOML.")
@click.option("--seed", type=int, help="Pick the same phrasings and concern again.")
@click.option(
    "--concern",
    help='The doubt the interviewer raises, as the sentence that follows "My one hesitation is '
    'that", e.g. "you have not worked in our industry." A word or two picks the scenario\'s '
    "doubt that names it (industry, budget). Default: drawn at random.",
)
@click.option(
    "--persona", help="The interviewer: friendly, neutral or tough (default: config, else neutral)."
)
@click.option("--input-device", help="Microphone: name, part of a name, or index.")
@click.option("--output-device", help="Speaker: name, part of a name, or index.")
@click.option("--engine", help="faster-whisper (default) or openai-whisper.")
@click.option("--model", help="Whisper model name or path (default tiny.en).")
@click.option("--voice", help="Interviewer's TTS voice: id or part of its name.")
@click.option("--sample", hidden=True, help="The demo's sample candidate answers (its name).")
def rehearse(
    args: tuple[str, ...],
    answers: tuple[Path, ...],
    no_audio: bool,
    profile: Path | None,
    seed: int | None,
    concern: str | None,
    input_device: str | None,
    output_device: str | None,
    engine: str | None,
    model: str | None,
    voice: str | None,
    sample: str | None = None,
    persona: str | None = None,
) -> None:
    """Rehearse a closing out loud (the help is :data:`REHEARSE_HELP`)."""
    from rich.console import Console

    from voicecoach.errors import UserInputError
    from voicecoach.rehearsal.events import Controls
    from voicecoach.rehearsal.screen import KeyReader, make_events
    from voicecoach.rehearsal.setup import RehearseOptions, check_device_lost, prepare

    scenario, extra = _split_args(args)
    if extra and not answers:
        raise UserInputError(
            f"unexpected argument '{extra[0]}'; to use recordings, write --answers first"
        )
    recordings = _expand([*answers, *extra])
    # the demo (--sample) plays its answers at speaking pace, for live timings; other
    # recordings, the samples' own included, are taken as fast as they can be heard
    options = RehearseOptions(
        scenario=scenario, answers=recordings, no_audio=no_audio,
        profile=profile, seed=seed, concern=concern, input_device=input_device,
        output_device=output_device, engine=engine, model=model, voice=voice,
        sample=sample or _builtin_sample(recordings), persona=persona,
        answers_in_real_time=sample is not None,
    )  # fmt: skip
    console = Console(highlight=False)
    with console.status("Loading the voice, the devices and the speech model..."):
        rehearsal = prepare(options)
        rehearsal.warm_up()
    _note_foreign_voice(rehearsal.devices.speaker)
    unused = options.answers[len(rehearsal.turns) :]
    if unused:
        click.echo(
            f"Note: the scenario has {len(rehearsal.turns)} turn(s); not used: "
            + ", ".join(p.name for p in unused),
            err=True,
        )
    rehearsal.controls = Controls()
    talk = rehearsal.conversation
    events = make_events(
        console, live=rehearsal.devices.live, thresholds=rehearsal.thresholds,
        persona=talk.persona if talk is not None else None,
    )  # fmt: skip
    rehearsal.events = events
    try:
        with KeyReader(rehearsal.controls).active(), _stop_signals_interrupt() as caught:
            result = rehearsal.run()
    finally:
        events.close()
    check_device_lost(result)
    if result.ended_by == "interrupted":
        sys.exit(128 + (caught[0] if caught else signal.SIGINT))


def _note_foreign_voice(speaker: object) -> None:
    """Say so when the voice asked for is a real one that does not speak English."""
    from voicecoach.audio.tts import foreign_voice_note

    voice, wanted = getattr(speaker, "voice", None), getattr(speaker, "wanted", None)
    note = foreign_voice_note(voice, wanted) if voice is not None else None
    if note:
        click.echo(note, err=True)


@contextlib.contextmanager
def _stop_signals_interrupt() -> Iterator[list[int]]:
    """SIGTERM and SIGHUP (a closed terminal, `kill`) stop the rehearsal as Ctrl-C does:
    the answer so far is kept, transcribed and coached. Yields the signal caught, if any."""
    caught: list[int] = []

    def stop(signum: int, frame: object) -> None:
        caught.append(signum)
        raise KeyboardInterrupt

    kinds = [s for s in ("SIGTERM", "SIGHUP") if hasattr(signal, s)]
    try:
        old = {k: signal.signal(getattr(signal, k), stop) for k in kinds}
    except ValueError:  # not the main thread: leave the signals alone
        yield caught
        return
    try:
        yield caught
    finally:
        for k, handler in old.items():
            signal.signal(getattr(signal, k), handler)


@click.command()
@click.option(
    "--set-input", "set_input", metavar="D", help="Remember this microphone (name or index)."
)
@click.option(
    "--set-output", "set_output", metavar="D", help="Remember this speaker (name or index)."
)
@click.option("--voices", is_flag=True, help="List the text-to-speech voices instead.")
def devices(set_input: str | None, set_output: str | None, voices: bool) -> None:
    """List audio devices (and choose the ones to use)."""
    from rich.console import Console
    from rich.table import Table

    from voicecoach.audio import devices as dev
    from voicecoach.settings import load_config, save_config_value

    console = Console(highlight=False)
    if voices:
        from voicecoach.audio.tts import list_voices

        for v in list_voices():
            console.print(f"{v.id:24} {v.name:40} {', '.join(v.languages)}".rstrip())
        return
    found = dev.list_devices()
    for key, spec, kind in (
        ("input_device", set_input, "input"),
        ("output_device", set_output, "output"),
    ):
        if spec is not None:
            chosen = dev.choose_device(spec, kind, found)  # type: ignore[arg-type]
            save_config_value(key, chosen.name)
            console.print(f"{kind.capitalize()} device set to {chosen.label()}")
    config = load_config()
    table = Table(title="Audio devices (* = system default, > = used by voicecoach)")
    for col in ("", "#", "name", "in", "out", "rate Hz", "host API"):
        table.add_column(col)
    chosen_in = _chosen(config.input_device, "input", found)
    chosen_out = _chosen(config.output_device, "output", found)
    for d in found:
        marks = ("*" if d.default_input or d.default_output else " ") + (
            ">" if d in (chosen_in, chosen_out) else " "
        )
        table.add_row(
            marks,
            str(d.index),
            d.name,
            str(d.max_input_channels),
            str(d.max_output_channels),
            str(d.default_sample_rate_hz),
            d.hostapi,
        )
    if not found:
        console.print("No audio devices found: connect a microphone and speakers (or see README).")
        return
    console.print(table)
    console.print(f"Input: {_label(chosen_in)}   Output: {_label(chosen_out)}")


def _chosen(spec: str | None, kind: str, found: object) -> object:
    from voicecoach.audio import devices as dev
    from voicecoach.errors import DeviceError

    try:
        return dev.choose_device(spec, kind, found)  # type: ignore[arg-type]
    except DeviceError:
        return None


def _label(device: object) -> str:
    return device.label() if device is not None else "none"  # type: ignore[attr-defined]


def _split_args(args: tuple[str, ...]) -> tuple[str, list[Path]]:
    """SCENARIO first unless it is an audio file; audio files after it are answers."""
    from voicecoach.audio.files import AUDIO_SUFFIXES

    items = list(args)
    scenario = "final-close"
    if items and not items[0].lower().endswith(AUDIO_SUFFIXES):
        scenario = items.pop(0)
    return scenario, [Path(a) for a in items]


def _builtin_sample(recordings: tuple[Path, ...]) -> str | None:
    """ "strong" or "weak" when every recording is the built-in sample candidate's (as with
    ``--answers samples/weak``): such a session is not the user's own and stays out of their
    progress."""
    samples = Path(__file__).resolve().parents[2] / "samples"  # voicecoach/cli/rehearse.py
    folders = {p.resolve().parent for p in recordings}
    if len(folders) != 1:
        return None
    folder = folders.pop()
    if folder.parent == samples and (samples / f"{folder.name}.toml").is_file():
        return folder.name
    return None


def _expand(paths: list[Path]) -> tuple[Path, ...]:
    from voicecoach.audio.files import AUDIO_SUFFIXES, SUPPORTED
    from voicecoach.errors import UserInputError

    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.suffix.lower() in AUDIO_SUFFIXES)
            if not found:  # never fall back to the microphone behind the user's back
                raise UserInputError(f"{p}: no audio files ({SUPPORTED}) in this folder")
            out.extend(found)
        else:
            out.append(p)
    return tuple(out)
