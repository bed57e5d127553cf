"""Terminal replay of a session: each turn's prompt, then the answer, in time with the text.

Audio goes through a :class:`~voicecoach.audio.devices.Player`; replay keeps its own clock,
so with :class:`SilentPlayer` (no sound card) it runs the same, silently. ``--speed``
time-stretches the audio (pitch unchanged, see :mod:`voicecoach.audio.timestretch`) and hands
the player a ready-made file; pausing stops the player and resumes from a cut file.

Keys: space pauses/resumes, n or → skips the current clip, r repeats the turn, q quits.
"""

from __future__ import annotations

import contextlib
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from voicecoach.audio.devices import Player, SilentPlayer
from voicecoach.review.replay_view import Clip, screen
from voicecoach.terminal import KeySource, cbreak_keys
from voicecoach.transcript import joined_flags

if TYPE_CHECKING:
    from rich.console import Console

    from voicecoach.sessions.store import Session, Turn

FRAME_S = 0.05  # screen refresh and key poll interval
# A stopped clip's stream is closed within this (an abort takes milliseconds); the replay
# waits for it, so the next clip never opens beside it and the process never exits with
# it open (PortAudio's exit then closes it under the write and prints, trial s15).
STOP_WAIT_S = 2.0
MISSING_PROMPT_S = 2.0  # how long a prompt with no audio stays on screen
Action = Literal["done", "next", "repeat", "quit"]


def _wav_duration_s(path: Path | None) -> float:
    if path is None:
        return 0.0
    import soundfile as sf

    try:
        return float(sf.info(str(path)).duration)
    except (sf.LibsndfileError, RuntimeError):
        return 0.0


def turn_clips(turn: Turn) -> tuple[Clip, Clip]:
    prompt_path = turn.prompt_wav
    prompt_s = _wav_duration_s(prompt_path) or (MISSING_PROMPT_S if turn.prompt_text else 0.0)
    if turn.answered_at is not None and 0.0 < turn.answered_at < 1.0 and turn.prompt_wav:
        # answered over its end: the line plays as far as it got, then the answer, which
        # starts with the words said over it
        prompt_s *= turn.answered_at
    answer_path = turn.answer_wav
    answer_s = _wav_duration_s(answer_path)
    from voicecoach.analysis.as_read import of_turn, text_as_read, words_as_read

    # as the turn's analysis read them: a sentence it counted as a question ends in "?"
    said = of_turn(turn.analysis.sentences, turn.n) if turn.analysis else []
    words = words_as_read(turn.transcript.words, said) if turn.transcript else ()
    text = text_as_read(turn.transcript, said) if turn.transcript else ""
    if not answer_s and words:
        answer_s = words[-1].end_s
    joined = tuple(
        flag
        for seg in (turn.transcript.segments if turn.transcript else ())
        for flag in joined_flags(seg.text, [w.text.strip() for w in seg.words])
    )
    return (
        Clip(turn.n, "prompt", prompt_path, prompt_s, turn.prompt_text),
        Clip(turn.n, "answer", answer_path, answer_s, text, words, joined),
    )


def replay_clips(session: Session, turn: int | None = None) -> tuple[Clip, ...]:
    """The clips to play in order: every turn's prompt then answer (or one turn's)."""
    turns = [session.turn(turn)] if turn is not None else list(session.turns)
    return tuple(c for t in turns for c in turn_clips(t) if c.duration_s > 0)


def turn_offsets(session: Session) -> list[tuple[Turn, float, float]]:
    """(turn, prompt start, answer start) on one clock running through the whole session."""
    out = []
    clock = 0.0
    for t in session.turns:
        prompt, answer = turn_clips(t)
        out.append((t, clock, clock + prompt.duration_s))
        clock += prompt.duration_s + answer.duration_s
    return out


class Replayer:
    def __init__(
        self,
        session: Session,
        *,
        player: Player,
        keys: KeySource,
        console: Console,
        speed: float = 1.0,
    ) -> None:
        self.session = session
        self.player = player
        self.keys = keys
        self.console = console
        self.speed = speed
        self._tmp = tempfile.TemporaryDirectory(prefix="voicecoach-replay-")
        self._audio: dict[Path, object] = {}
        self._stop_event = threading.Event()
        self._sound: threading.Thread | None = None  # the clip being played

    def run(self, turn: int | None = None) -> int:
        """Play the clips; returns how many were played to the end or skipped."""
        from rich.live import Live

        clips = replay_clips(self.session, turn)
        i = played = 0
        try:
            with Live(
                console=self.console, refresh_per_second=1 / FRAME_S, transient=False
            ) as live:
                while i < len(clips):
                    action = self._play_clip(live, clips, i)
                    if action == "quit":
                        break
                    if action == "repeat":
                        i = next(k for k, c in enumerate(clips) if c.turn == clips[i].turn)
                        continue
                    played += 1
                    i += 1
        finally:
            self._stop()
            self._tmp.cleanup()
        return played

    def _play_clip(self, live: object, clips: tuple[Clip, ...], index: int) -> Action:
        clip = clips[index]
        offset_s, paused = 0.0, False
        started = time.monotonic()
        self._start(clip, offset_s)
        while True:
            position = offset_s if paused else offset_s + (time.monotonic() - started) * self.speed
            if position >= clip.duration_s:
                self._stop()
                return "done"
            live.update(  # type: ignore[attr-defined]
                screen(
                    self.session,
                    clip,
                    position,
                    paused=paused,
                    speed=self.speed,
                    clip_index=index,
                    clip_count=len(clips),
                )
            )
            key = self.keys.read(FRAME_S)
            if key in ("q", "Q", "\x03"):
                return "quit"
            if key in ("n", "N", "right"):
                self._stop()
                return "next"
            if key in ("r", "R"):
                self._stop()
                return "repeat"
            if key == " ":
                if paused:
                    started, paused = time.monotonic(), False
                    self._start(clip, offset_s)
                else:
                    offset_s, paused = position, True
                    self._stop()

    def _start(self, clip: Clip, offset_s: float) -> None:
        if clip.path is None:
            return
        path = self._prepared(clip.path, offset_s)
        self._stop_event = threading.Event()
        args = (path, self._stop_event)
        self._sound = threading.Thread(
            target=self._play_quietly, args=args, name="replay-sound", daemon=True
        )
        self._sound.start()

    def _play_quietly(self, path: Path, stop: threading.Event) -> None:
        from voicecoach.errors import VoicecoachError

        with contextlib.suppress(VoicecoachError):  # a device error must not kill the replay
            self.player.play(path, stop)

    def _stop(self) -> None:
        self._stop_event.set()
        if self._sound is not None:
            self._sound.join(STOP_WAIT_S)

    def _prepared(self, source: Path, offset_s: float) -> Path:
        """The clip from ``offset_s``, time-stretched to the replay speed, as a temp WAV."""
        import numpy as np

        from voicecoach.audio.files import load_audio, write_wav
        from voicecoach.audio.timestretch import time_stretch
        from voicecoach.settings import SAMPLE_RATE_HZ

        if source not in self._audio:
            self._audio[source] = time_stretch(load_audio(source), self.speed)
        audio = self._audio[source]
        assert isinstance(audio, np.ndarray)
        start = int(offset_s / self.speed * SAMPLE_RATE_HZ)
        out = Path(self._tmp.name) / f"{source.parent.name}-{source.stem}-{start}.wav"
        return write_wav(out, audio[start:], SAMPLE_RATE_HZ)


def replay_session(
    session: Session,
    *,
    player: Player,
    console: Console,
    turn: int | None = None,
    speed: float = 1.0,
    keys: KeySource | None = None,
) -> int:
    """Replay in the terminal with keys from stdin (when it is a terminal)."""
    check_speed(speed)
    if turn is not None:
        session.turn(turn)  # SessionError names the turns there are
    if keys is not None:
        return Replayer(session, player=player, keys=keys, console=console, speed=speed).run(turn)
    with cbreak_keys() as k:
        return Replayer(session, player=player, keys=k, console=console, speed=speed).run(turn)


def check_speed(speed: float) -> None:
    from voicecoach.audio.timestretch import MAX_SPEED, MIN_SPEED
    from voicecoach.errors import UserInputError

    if not MIN_SPEED <= speed <= MAX_SPEED:
        raise UserInputError(f"--speed {speed} is out of range; use {MIN_SPEED} to {MAX_SPEED}")


def make_player(silent: bool = False) -> tuple[Player, str | None]:
    """The system's speaker, or :class:`SilentPlayer` with a note saying why not."""
    if silent:
        return SilentPlayer(), None
    from voicecoach.errors import VoicecoachError

    try:
        from voicecoach.audio import devices
        from voicecoach.settings import load_config

        device = devices.choose_device(load_config().output_device, "output")
        return devices.SoundDevicePlayer(device), None
    except (ImportError, OSError, VoicecoachError) as exc:
        reason = str(exc).split(";")[0]  # its fix is for rehearsals; replay has its own
        return SilentPlayer(), (
            f"No sound ({reason}); replaying silently on the clock (--silent skips the sound)."
        )
