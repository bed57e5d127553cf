"""Benchmark the live rehearsal through the virtual sound card (not a test).

A private PulseAudio server (tests/audio_rig.py) stands in for the sound card; a ~30 s
answer of real human speech (the LibriVox and JFK clips, joined with short pauses) is
played into its microphone each time the rehearsal starts recording. Measured:

- feedback latency: answer end (recording stopped) -> the turn's feedback ready, when the
  answer ends on the trailing silence (the usual case) and when Enter ends it right after
  the last word (the hard case: no silence to work in);
- prompt start latency: the previous step (session ready, or the previous turn's feedback)
  -> the prompt's first audio block sent to the speaker (plus PortAudio's output latency);
  it includes choosing the interviewer's reaction to the answer (the scenario has the
  final close's [reactions]: the answer states no interest, so an opening is added before
  the last turn), which is also shown on its own.
- with no key pressed (the answer ends when the rehearsal hears it is finished, issue 10):
  the gap from the answer's last word to the next prompt's sound, for a turn that asks
  nothing in particular (any finished sentence completes it).

    .venv/bin/python bench/bench_rehearsal.py [--turns 3] [--only-no-key]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from audio_rig import AudioRig  # noqa: E402

TARGET_FEEDBACK_S = 1.0  # issue 4: feedback within 1 s of the answer's end (30 s answer, 2 cores)
TARGET_PROMPT_S = 0.3  # issue 4: the prompt starts within 0.3 s of the previous step
TARGET_GAP_S = 1.0  # issue 10: the next line within 1 s of a finished answer (median)
CLIPS = ("librivox-0870", "librivox-0890", "librivox-0920", "jfk")
GAP_S = 0.6  # pause between the clips: a breath between sentences


def make_answer(folder: Path) -> tuple[Path, float]:
    import numpy as np

    from voicecoach.audio.files import load_audio, write_wav

    gap = np.zeros(int(GAP_S * 16_000), np.float32)
    speech = ROOT / "tests" / "data" / "speech"
    parts = [x for name in CLIPS for x in (load_audio(speech / f"{name}.wav"), gap)]
    audio = np.concatenate(parts[:-1])
    return write_wav(folder / "answer-30s.wav", audio), len(audio) / 16_000


def run(
    turns: int, enter_after_s: float | None, rig: AudioRig, answer: Path, expects: tuple[str, ...]
) -> list[dict[str, float]]:
    """One rehearsal of ``turns`` answers; Enter pressed ``enter_after_s`` after the last
    word, or None: no key, the answer ends when the rehearsal judges it over."""
    from voicecoach.audio.devices import SoundDevicePlayer, choose_device
    from voicecoach.audio.recorders import SoundDeviceRecorder
    from voicecoach.audio.tts import Pyttsx3Speaker
    from voicecoach.rehearsal.events import Controls, Devices, RehearsalEvents
    from voicecoach.rehearsal.run import Rehearsal
    from voicecoach.scenario import Scenario, TurnSpec, load_scenario
    from voicecoach.sessions.store import Store
    from voicecoach.speech.factory import load_transcriber

    question = "In thirty seconds or so, why are you the right person for this role?"
    if not expects:
        question = "Before we finish, is there anything else you would like to say?"
    spec = TurnSpec("recap", (question,), expects)
    reactions = load_scenario("final-close").reactions
    scenario = Scenario("bench", "bench", "", (spec,) * turns, ROOT / "bench", reactions)
    player = SoundDevicePlayer(choose_device(None, "output"), latency="high")
    recorder = SoundDeviceRecorder(choose_device(None, "input"), latency="high")
    controls = Controls()
    prompt_times: list[tuple[float, float]] = []  # (previous step done, audio out)
    last_words: list[float] = []  # time.time() of each answer's last word
    tail_s = _trailing_silence_s(answer)

    speakers: list[threading.Thread] = []

    class Feed(RehearsalEvents):
        def __init__(self) -> None:
            self.previous = 0.0

        def ready(self, *args: object, **kwargs: object) -> None:
            self.previous = time.time()

        def answer_started(self, turn: object) -> None:
            assert player.started_at is not None
            prompt_times.append((self.previous, player.started_at + player.output_latency_s))
            speakers.append(threading.Thread(target=self._speak, daemon=True))
            speakers[-1].start()

        def _speak(self) -> None:
            rig.play_into_mic(answer)
            last_words.append(time.time() - tail_s)
            if enter_after_s is not None:
                time.sleep(enter_after_s)
                controls.finish_answer.set()  # Enter

        def feedback(self, result: object) -> None:
            self.previous = result.feedback_ready_at  # type: ignore[attr-defined]

    transcriber = load_transcriber()
    writer = Store().create(
        scenario="bench", profile=None, engine="faster-whisper", model="tiny.en"
    )
    rehearsal = Rehearsal(
        scenario,
        devices=Devices(Pyttsx3Speaker(), player, recorder, live=True),
        transcriber=transcriber,
        writer=writer,
        events=Feed(),
        controls=controls,
    )
    rehearsal.warm_up()
    result = rehearsal.run()
    for thread in speakers:  # an answer judged over can end before its file finished playing
        thread.join()
    rows = []
    nexts = [out for _, out in prompt_times[1:]] + [float("nan")]
    for r, (before, out), said, after in zip(
        result.turns, prompt_times, last_words, nexts, strict=True
    ):
        rows.append(
            {
                "answer_s": r.recording.duration_s,
                "feedback_s": r.feedback_latency_s,
                "prompt_s": out - before,
                "words": len(r.transcript.words),
                "gap_s": after - said,  # last word -> the next prompt's sound
                "ended_by": r.recording.ended_by,
            }
        )
    assert rehearsal.conversation is not None
    # the first prompt follows no answer; the choice after the last answer starts none
    for row, choice_s in zip(rows, [0.0, *rehearsal.conversation.choice_s], strict=False):
        row["reaction_s"] = choice_s
    return rows


def _trailing_silence_s(path: Path) -> float:
    from voicecoach.audio.files import load_audio
    from voicecoach.audio.vad import speech_regions

    audio = load_audio(path)
    return len(audio) / 16_000 - speech_regions(audio)[-1][1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=3, help="answers per mode (default 3)")
    parser.add_argument("--only-no-key", action="store_true", help="only the no-key mode")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, AudioRig() as rig:
        os.environ["PULSE_SERVER"] = rig.env["PULSE_SERVER"]  # before sounddevice is imported
        os.environ["VOICECOACH_HOME"] = str(Path(tmp) / "home")
        answer, answer_s = make_answer(Path(tmp))
        modes: dict[str, tuple[float | None, tuple[str, ...]]] = {
            "no key, a recap (JFK's words do not recap: 4 s)": (None, ("recap",)),
            "no key, a turn that asks nothing in particular": (None, ()),
            "Enter 0.5 s after last word": (0.5, ("recap",)),
            "Enter at the last word": (0.0, ("recap",)),
        }
        if args.only_no_key:
            modes = {k: v for k, v in modes.items() if k.startswith("no key")}
        results = {
            label: run(args.turns + (label.endswith("particular")), after, rig, answer, expects)
            for label, (after, expects) in modes.items()
        }
    load = os.getloadavg()[0]
    print(
        f"\nLive rehearsal through the virtual sound card, {os.cpu_count()} cores (load average "
        f"{load:.1f}); answer of real speech {answer_s:.1f} s, faster-whisper tiny.en\n"
    )
    print(
        "| answer ended by | recorded s | feedback latency s (median, max) | target "
        "| prompt start s (median, max) | target | of which reaction choice s (max) "
        "| last word -> next prompt s (median, max) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for label, rows in results.items():
        fb = [r["feedback_s"] for r in rows]
        ps = [r["prompt_s"] for r in rows]
        gaps = [r["gap_s"] for r in rows if r["gap_s"] == r["gap_s"]]  # not the last turn
        gap = f"{statistics.median(gaps):.2f}, {max(gaps):.2f}" if gaps else "-"
        rec = statistics.median(r["answer_s"] for r in rows)
        print(
            f"| {label} | {rec:.1f} | {statistics.median(fb):.2f}, {max(fb):.2f} "
            f"| <= {TARGET_FEEDBACK_S} | {statistics.median(ps):.3f}, {max(ps):.3f} "
            f"| <= {TARGET_PROMPT_S} | {max(r['reaction_s'] for r in rows):.4f} "
            f"| {gap} (target {TARGET_GAP_S} for a finished answer) |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
