"""Benchmark barge-in through a leaky virtual sound card (not a test).

A private PulseAudio server (tests/audio_rig.py) whose speaker leaks into its microphone
(``leak_db``: the echo's level against the prompt) stands in for a laptop. The rehearsal
runs in this process, with real Whisper tiny.en and the real analyzer. Measured:

- **stop latency**: the candidate answers, the answer is judged over, the interviewer's
  next line starts, and after ``--after`` seconds the candidate goes on (a new sentence
  each time, over the line). Everything the microphone hears is recorded; in it, the
  candidate's speech onset is found by cross-correlation with what was played, and the
  moment the line stops in the speaker's recording (it goes silent), the two recordings
  tied by the line's echo just before the onset. The time between the two is the stop
  latency; it includes the leak's own delay (about 20 ms), so it is an upper bound.
  The line starts again after each continuation, so one turn gives many trials.
- **words lost**: the first answer and every continuation, against the turn's saved
  transcript (words deleted or replaced after aligning them), beside what Whisper alone
  misses of the same recordings transcribed in one piece.
- **false barge-ins**: a script of many turns whose answers are short and complete, so
  each next line plays with the listening on and only its echo in the microphone.

    .venv/bin/python bench/bench_bargein.py [--trials 10] [--prompts 20] [--leak-db -6]
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from audio_rig import AudioRig  # noqa: E402

TARGET_STOP_S = 0.3  # issue 10: the line stops within 0.3 s of the candidate's onset
FIRST = "I am glad we talked today, and I enjoyed hearing about the team."
MORE = (
    "And what are the next steps from here?",
    "When do you expect to make a decision?",
    "Who would I be working with every day?",
    "How do you measure success in the first year?",
    "What is the biggest challenge for the team right now?",
    "Is there anything in my background that gives you pause?",
    "How does the team share what it learns?",
    "What would you like the new person to fix first?",
    "How often does the team meet with customers?",
    "Where do you see the product going next year?",
    "What does a good first month look like here?",
    "How did the last person in this role grow?",
)
LINE = (
    "Thank you. Before we finish, I would like to tell you a little more about how our team "
    "works from day to day, and what the first few months in this role usually look like."
)
LAST = "Thank you very much for your time."
STOP_SILENCE_S = 0.5  # the line has stopped where the speaker goes silent this long


def speak(text: str, path: Path) -> Path:
    from rehearsal_support import say

    return say(text, path)


def rehearse(rig: AudioRig, lines: list[str], feed: Any) -> Any:
    """One rehearsal of a fixed script (no reactions) through the rig; returns it, run."""
    from voicecoach.audio.devices import SoundDevicePlayer, choose_device
    from voicecoach.audio.recorders import SoundDeviceRecorder
    from voicecoach.audio.tts import Pyttsx3Speaker
    from voicecoach.rehearsal.events import Controls, Devices
    from voicecoach.rehearsal.run import Rehearsal
    from voicecoach.scenario import Scenario, TurnSpec
    from voicecoach.sessions.store import Store
    from voicecoach.speech.factory import load_transcriber

    specs = tuple(TurnSpec(f"t{n}", (line,), ()) for n, line in enumerate(lines))
    scenario = Scenario("bench", "bench", "", specs, ROOT / "bench", None)
    player = SoundDevicePlayer(choose_device(None, "output"), latency="high")
    recorder = SoundDeviceRecorder(choose_device(None, "input"), latency="high")
    writer = Store().create(
        scenario="bench", profile=None, engine="faster-whisper", model="tiny.en"
    )
    rehearsal = Rehearsal(
        scenario, devices=Devices(Pyttsx3Speaker(), player, recorder, live=True),
        transcriber=load_transcriber(), writer=writer, events=feed, controls=Controls(),
    )  # fmt: skip
    rehearsal.warm_up()
    rehearsal.run()
    return rehearsal


def stop_trials(rig: AudioRig, folder: Path, trials: int, after_s: float) -> dict[str, Any]:
    from voicecoach.rehearsal.events import RehearsalEvents

    first = speak(FIRST, folder / "first.wav")
    more = [speak(MORE[k % len(MORE)], folder / f"more-{k}.wav") for k in range(trials)]
    last = speak(LAST, folder / "last.wav")
    played: list[Path] = []

    class Feed(RehearsalEvents):
        def answer_started(self, turn: Any) -> None:
            wav = first if turn.n == 1 else last
            threading.Thread(target=rig.play_into_mic, args=(wav,), daemon=True).start()

        def prompt(self, turn: Any, duration_s: float) -> None:
            if turn.n == 2 and len(played) < trials:
                wav = more[len(played)]
                played.append(wav)
                threading.Thread(target=self._go_on, args=(wav,), daemon=True).start()

        def _go_on(self, wav: Path) -> None:
            time.sleep(after_s)
            rig.play_into_mic(wav)

    with rig.record_mic(folder / "mic.wav"), rig.record_speaker(folder / "speaker.wav"):
        rehearsal = rehearse(rig, ["Tell me, how did today go for you?", LINE], Feed())
    heard = _latencies(folder / "mic.wav", folder / "speaker.wav", played)
    said = " ".join([FIRST, *(MORE[k % len(MORE)] for k in range(len(played)))])
    text = rehearsal.results[0].transcript.text
    # what Whisper alone misses of the same words, spoken once without any barge-in
    import numpy as np

    from voicecoach.audio.files import load_audio

    gap = np.zeros(8_000, np.float32)
    alone = np.concatenate([x for wav in [first, *played] for x in (load_audio(wav), gap)])
    floor = rehearsal.transcriber.transcribe(alone).text
    return {
        "text": text,
        "floor": _lost(said, floor),
        "latencies": heard,
        "trials": len(played),
        "barge_ins": rehearsal.listening.barge_ins,
        "words": len(_words(said)),
        "lost": _lost(said, text),
        "path": rehearsal.listening.detector.path if rehearsal.listening.detector else None,
    }


def _latencies(mic_wav: Path, speaker_wav: Path, played: list[Path]) -> list[float]:
    """For each continuation: its speech onset in the microphone's recording, and where
    the line stops in the speaker's, the two clocks tied by the line's echo."""
    import numpy as np

    from voicecoach.audio.echo import estimate_echo
    from voicecoach.audio.files import load_audio
    from voicecoach.audio.vad import speech_regions

    sr = 16_000
    mic, speaker = load_audio(mic_wav), load_audio(speaker_wav)
    silent = np.abs(speaker) < 1e-4  # the virtual speaker plays exact zeros between lines
    out: list[float] = []
    searched = 0
    for wav in played:
        voice = load_audio(wav)
        found = estimate_echo(mic[searched:], voice, max_delay=len(mic) - searched)
        if found is None or found.score < 0.5:
            continue
        at = searched + found.delay
        onset = at + int(speech_regions(voice)[0][0] * sr)
        searched = at + len(voice)
        # the line's echo just before the onset, found in the speaker's recording
        echo = mic[max(0, onset - sr) : onset]
        tie = estimate_echo(speaker, echo, max_delay=len(speaker))
        if tie is None or tie.score < 0.5:
            continue
        k = tie.delay + len(echo)  # the speaker sample heard at the onset
        run = 0
        while k < len(speaker) and run < STOP_SILENCE_S * sr:
            run = run + 1 if silent[k] else 0
            k += 1
        out.append((k - run - (tie.delay + len(echo))) / sr)
    return out


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


def _lost(said: str, heard: str) -> int:
    a, b = _words(said), _words(heard)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    gone = [i2 - i1 for tag, i1, i2, _, _ in matcher.get_opcodes() if tag in ("delete", "replace")]
    return sum(gone)


def echo_only(rig: AudioRig, folder: Path, prompts: int) -> dict[str, Any]:
    from voicecoach.rehearsal.events import RehearsalEvents

    answer = speak("That sounds good to me.", folder / "answer.wav")
    lines = [
        "Thank you. Could you tell me a little about a project you are proud of, and why?",
        "That is helpful. What would your last manager say is your biggest strength?",
        "Good. How do you like to receive feedback when something goes wrong?",
    ]

    class Feed(RehearsalEvents):
        def answer_started(self, turn: Any) -> None:
            threading.Thread(target=rig.play_into_mic, args=(answer,), daemon=True).start()

    rehearsal = rehearse(rig, [lines[n % len(lines)] for n in range(prompts + 1)], Feed())
    return {
        "prompts": len(rehearsal.results) - 1,  # the first line follows no answer
        "barge_ins": rehearsal.listening.barge_ins,
        "path": rehearsal.listening.detector.path if rehearsal.listening.detector else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=10, help="barge-ins timed (default 10)")
    parser.add_argument("--prompts", type=int, default=20, help="echo-only lines (default 20)")
    parser.add_argument("--leak-db", type=float, default=-6.0, help="echo level (default -6)")
    parser.add_argument(
        "--after", type=float, default=1.5, help="seconds into the line before going on (1.5)"
    )
    args = parser.parse_args()
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as tmp, AudioRig(leak_db=args.leak_db) as rig:
        os.environ["PULSE_SERVER"] = rig.env["PULSE_SERVER"]  # before sounddevice is imported
        os.environ["VOICECOACH_HOME"] = str(Path(tmp) / "home")
        stops = stop_trials(rig, Path(tmp), args.trials, args.after)
        loads.append(os.getloadavg()[0])
        echo = echo_only(rig, Path(tmp), args.prompts)
        loads.append(os.getloadavg()[0])
    lat = sorted(stops["latencies"])
    p95 = lat[min(len(lat) - 1, round(0.95 * (len(lat) - 1)))] if lat else float("nan")
    print(
        f"\nBarge-in through a leaky virtual sound card (echo at {args.leak_db:g} dB), "
        f"{os.cpu_count()} cores, load average {min(loads):.1f}-{max(loads):.1f}; "
        "faster-whisper tiny.en\n"
    )
    print("| measure | value | target |")
    print("|---|---|---|")
    print(
        f"| stop latency, onset -> the line's sound stops (median / p95 / max, "
        f"{len(lat)} of {stops['trials']} trials timed) | "
        f"{statistics.median(lat):.3f} / {p95:.3f} / {max(lat):.3f} s | <= {TARGET_STOP_S} s |"
        if lat
        else "| stop latency | no trial timed | |"
    )
    print(f"| barge-ins heard, of the continuations played | {stops['barge_ins']} of "
          f"{stops['trials']} | all |")  # fmt: skip
    print(f"| words missing from the saved answer (first answer and continuations, "
          f"{stops['words']} words) | {stops['lost']} (Whisper alone on the same audio: "
          f"{stops['floor']}) | no more than Whisper alone |")  # fmt: skip
    print(f"| false barge-ins from echo alone | {echo['barge_ins']} in {echo['prompts']} "
          "lines | 0 |")  # fmt: skip
    print(f"\nEcho path learned: {stops['path']} (stop trials); {echo['path']} (echo only)")
    print("latencies s:", " ".join(f"{x:.3f}" for x in stops["latencies"]))
    print("saved answer:", stops["text"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
