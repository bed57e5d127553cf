"""Setting a rehearsal up from what the user asked for: devices built in one place from the
configuration, every input checked before the session folder is made.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voicecoach.audio.devices import Player
from voicecoach.audio.recorders import Recorder
from voicecoach.errors import DeviceError
from voicecoach.rehearsal.events import Devices, RehearsalResult
from voicecoach.rehearsal.run import Rehearsal
from voicecoach.settings import Config

if TYPE_CHECKING:
    from voicecoach.scenario import Scenario
    from voicecoach.scenario_reactions import Persona


def build_devices(
    config: Config,
    *,
    answers: Sequence[Path] = (),
    no_audio: bool = False,
    latency: str | float = "high",
    answers_in_real_time: bool = False,
) -> Devices:
    """The speaker, player and recorder the configuration asks for.

    ``answers``: recorded answers stand in for the microphone (``answers_in_real_time``:
    streamed at speaking pace, as a microphone would, so the feedback times are the live
    ones). ``no_audio``: prompts are rendered to files in the session but not played.
    """
    from voicecoach.audio import devices as dev
    from voicecoach.audio.recorders import FileRecorder, SoundDeviceRecorder
    from voicecoach.audio.tts import Pyttsx3Speaker

    recorder: Recorder
    if answers:
        recorder = FileRecorder(answers, config.thresholds(), real_time=answers_in_real_time)
    else:
        device = dev.choose_device(config.input_device, "input")
        recorder = SoundDeviceRecorder(device, config.thresholds(), latency=latency)
    player: Player
    if no_audio:
        player = dev.SilentPlayer()
    else:
        player = dev.SoundDevicePlayer(dev.choose_device(config.output_device, "output"), latency)
    speaker = Pyttsx3Speaker(config.voice, config.speech_rate_wpm)
    return Devices(speaker, player, recorder, live=not answers)


@dataclass(frozen=True)
class RehearseOptions:
    """What ``voicecoach rehearse`` was asked for; None = take it from the config file."""

    scenario: str = "final-close"  # a scenario name or a TOML path
    answers: tuple[Path, ...] = ()  # recorded answers instead of the microphone
    no_audio: bool = False  # render prompts to files, do not play them
    profile: Path | None = None
    seed: int | None = None
    concern: str | None = None  # force the concern the interviewer voices
    input_device: str | None = None
    output_device: str | None = None
    engine: str | None = None
    model: str | None = None
    voice: str | None = None
    sample: str | None = None  # a built-in sample candidate answers, not the user
    # the answers arrive at speaking pace, as from a microphone (the demo shows live timings)
    answers_in_real_time: bool = False
    persona: str | None = None  # the interviewer's persona (scenarios with [reactions])


def prepare(options: RehearseOptions, config: Config | None = None) -> Rehearsal:
    """Check everything and build the session, cheapest checks first: scenario, profile,
    answer files, devices, voice, then the model; the session folder is made last."""
    from dataclasses import replace

    from voicecoach.audio.files import load_audio
    from voicecoach.pipeline import speaker_baseline
    from voicecoach.profile import load_profile
    from voicecoach.scenario import load_scenario, resolve_concern
    from voicecoach.sessions.store import Store
    from voicecoach.settings import load_config
    from voicecoach.speech.factory import load_transcriber

    config = config or load_config()
    overrides: dict[str, Any] = {
        k: v
        for k, v in (
            ("input_device", options.input_device), ("output_device", options.output_device),
            ("engine", options.engine), ("model", options.model), ("voice", options.voice),
        )
        if v is not None
    }  # fmt: skip
    config = replace(config, **overrides)
    scenario = load_scenario(options.scenario)
    persona = choose_persona(scenario, options.persona, config.persona)
    if persona is not None:  # the persona's pace and patience, where it sets them
        config = replace(
            config,
            speech_rate_wpm=persona.speech_rate_wpm or config.speech_rate_wpm,
            # end_silence_s is now the last resort behind the end-of-turn judge
            # (rehearsal/turn_end.py): a persona may wait longer, never cut a thinking pause
            end_silence_s=max(persona.end_silence_s or 0.0, config.end_silence_s),
        )
    profile_path = options.profile or (Path(config.profile) if config.profile else None)
    profile = load_profile(profile_path) if profile_path else None
    # a topic ("industry") is read as the scenario's doubt that names it, or refused now
    concern = (
        resolve_concern(scenario, options.concern, profile) if options.concern is not None else None
    )
    for answer in options.answers:
        load_audio(answer)  # a bad answer file fails now, not after three turns
    if options.answers and len(options.answers) < len(scenario.turns):
        from voicecoach.errors import UserInputError

        raise UserInputError(
            f"scenario '{scenario.name}' has {len(scenario.turns)} turns but "
            f"{len(options.answers)} --answers file(s) were given; give one per turn"
        )
    devices = build_devices(
        config, answers=options.answers, no_audio=options.no_audio,
        answers_in_real_time=options.answers_in_real_time,
    )  # fmt: skip
    transcriber = load_transcriber(config.engine, config.model)
    seed = with_seed(options.seed)
    writer = Store().create(
        scenario=scenario.name, profile=profile, engine=config.engine, model=config.model,
        seed=seed, sample=options.sample,
    )  # fmt: skip
    # the demo's sample candidate is not the user: no calibration on the user's voice
    baseline = None if options.sample else speaker_baseline(writer.store, session_id=writer.id)
    return Rehearsal(
        scenario, devices=devices, transcriber=transcriber, writer=writer, profile=profile,
        seed=seed, concern=concern, thresholds=config.thresholds(), baseline=baseline,
        persona=persona.name if persona is not None else None,
    )  # fmt: skip


def choose_persona(scenario: Scenario, asked: str | None, configured: str | None) -> Persona | None:
    """The interviewer's persona: ``--persona`` (it must be one of the scenario's), else
    the config's when the scenario has it, else the scenario's default. None for a fixed
    script (a scenario without [reactions])."""
    if scenario.reactions is None:
        return None
    names = {p.name for p in scenario.reactions.personas}
    if asked is None and configured not in names:
        configured = None
    return scenario.reactions.get_persona(asked or configured)


def check_device_lost(result: RehearsalResult) -> None:
    """Raise the DeviceError for a run that lost its microphone (after it was saved)."""
    if result.ended_by == "device_lost":
        raise DeviceError(result.problem)


def with_seed(seed: int | None) -> int:
    """The seed for this run: the one given, or a fresh one (kept with the session)."""
    import random

    return seed if seed is not None else random.randrange(1, 1_000_000)


__all__ = [
    "RehearseOptions",
    "build_devices",
    "check_device_lost",
    "choose_persona",
    "prepare",
    "with_seed",
]
