"""Where the gap after a finished answer goes (bench_turn_end.py's breakdown; not a test).

:class:`Timed` wraps the transcriber the chunked path uses and keeps every Whisper call's
wall times, CPU and audio length; :func:`next_line` takes the steps between the feedback
and the next prompt (the interviewer's reaction, its TTS render); :func:`parts` lines one
answer's trace up against its last word; :func:`table` prints the medians.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from voicecoach.rehearsal.turn_end import COVERAGE_SLACK_S
from voicecoach.settings import SAMPLE_RATE_HZ
from voicecoach.speech.chunked import GUESS_SILENCE_S

SAME_PAUSE_S = 0.1  # the final pause's speech end wobbles by a VAD window between blocks


@dataclass(frozen=True)
class Call:
    """One Whisper call: wall times from the answer's start, process CPU, audio seconds."""

    start_s: float
    end_s: float
    cpu_s: float
    audio_s: float


class Timed:
    """A transcriber that notes each call (the chunker's worker is its only caller)."""

    def __init__(self, transcriber: Any) -> None:
        self.inner = transcriber
        self.engine, self.model = transcriber.engine, transcriber.model
        self.calls: list[Call] = []
        self.started = time.monotonic()

    def reset(self, started: float) -> None:
        self.calls, self.started = [], started

    def transcribe(self, audio: Any, **kwargs: Any) -> Any:
        wall, cpu = time.monotonic(), time.process_time()
        out = self.inner.transcribe(audio, **kwargs)
        self.calls.append(
            Call(
                wall - self.started,
                time.monotonic() - self.started,
                time.process_time() - cpu,
                len(audio) / SAMPLE_RATE_HZ,
            )
        )
        return out


class NextLine:
    """The steps after the feedback: the interviewer's reaction and its TTS render."""

    def __init__(self, folder: Path) -> None:
        from voicecoach.audio.tts import Pyttsx3Speaker
        from voicecoach.scenario import load_scenario

        self.reactions = load_scenario("final-close").reactions
        self.speaker = Pyttsx3Speaker()
        self.folder = folder
        self.speaker.render("Thank you.", folder / "warm.wav")  # the voice's one-off set-up

    def __call__(self, expects: tuple[str, ...], analysis: Any) -> tuple[float, float]:
        """Seconds to choose the reaction to ``analysis`` and to render it."""
        from voicecoach.rehearsal.conversation import Conversation
        from voicecoach.scenario import Scenario, TurnSpec, plan

        spec = TurnSpec("answer", ("Is there anything else you would like to add?",), expects)
        scenario = Scenario("bench", "bench", "", (spec, spec), Path("bench"), self.reactions)
        talk = Conversation(scenario, plan(scenario))
        first = talk.first()
        started = time.perf_counter()
        nxt = talk.next(first, analysis)
        chosen = time.perf_counter()
        self.speaker.render(nxt.text if nxt else "Thank you.", self.folder / "next.wav")
        return chosen - started, time.perf_counter() - chosen


def parts(got: dict[str, Any], last_word_s: float, decided_wall_s: float) -> dict[str, Any]:
    """One answer's gap, step by step, in seconds after its last word (wall clock)."""
    statuses = got["statuses"]  # (wall, elapsed, silence, covered) per block
    speech_end = max(e - s for _, e, s, _ in statuses)
    pause = [x for x in statuses if abs(x[1] - x[2] - speech_end) <= SAME_PAUSE_S]
    due = next((w for w, _, s, _ in pause if s >= GUESS_SILENCE_S), float("nan"))
    # as the judge counts it (turn_end.COVERAGE_SLACK_S)
    current = next((w for w, _, _, c in pause if c >= speech_end - COVERAGE_SLACK_S), float("nan"))
    calls: list[Call] = got["calls"]
    busy = [c for c in calls if c.start_s < due < c.end_s]
    last = next((c for c in calls if c.start_s >= last_word_s), None)
    nan = float("nan")
    return {
        "vad_lag_s": speech_end - last_word_s,
        "guess_due_s": due - last_word_s,
        "busy": bool(busy),
        "busy_wait_s": busy[0].end_s - due if busy else 0.0,
        "decode_start_s": last.start_s - last_word_s if last else nan,
        "decode_wall_s": last.end_s - last.start_s if last else nan,
        "decode_cpu_s": last.cpu_s if last else nan,
        "decode_audio_s": last.audio_s if last else nan,
        "current_s": current - last_word_s,
        "decided_s": decided_wall_s - last_word_s,
        **{k: got[k] for k in ("finish_s", "voice_s", "analysis_s", "reaction_s", "render_s")},
        "calls": len(calls),
        "whisper_cpu_s": sum(c.cpu_s for c in calls),
        "cpu_s": got["cpu_s"],
    }


COLUMNS = {
    "vad_lag_s": "voice detector: speech end seen - last word",
    "guess_due_s": f"silence reaches the guess point ({GUESS_SILENCE_S:g} s)",
    "busy_wait_s": "worker busy with an earlier piece then: wait",
    "decode_start_s": "last decode starts",
    "decode_audio_s": "its audio (s)",
    "decode_wall_s": "its wall time",
    "decode_cpu_s": "its CPU (both threads)",
    "current_s": "partial transcript current",
    "decided_s": "judge ends the answer",
    "finish_s": "+ final transcript (finish)",
    "voice_s": "+ voice (pitch, loudness)",
    "analysis_s": "+ analysis",
    "reaction_s": "+ reaction choice",
    "render_s": "+ TTS render of the next line",
}


def table(model: str, rows: list[dict[str, Any]]) -> None:
    """Medians (and 90th percentiles) of each step over the answers the default rule ended
    by meaning; times from the last word unless marked '+' (a duration)."""
    if not rows:
        return
    busy = sum(r["busy"] for r in rows)
    print(
        f"\nThe gap step by step, {model}, {len(rows)} answers ended by meaning "
        f"(default rule); times after the last word, '+' rows are durations; "
        f"the worker was busy at the guess point in {busy}\n"
    )
    print("| step | median s | p90 s |")
    print("|---|---|---|")
    for key, label in COLUMNS.items():
        values = sorted(v for r in rows if (v := r[key]) == v)  # not NaN
        if not values:
            continue
        p90 = values[min(len(values) - 1, round(0.9 * (len(values) - 1)))]
        print(f"| {label} | {statistics.median(values):.2f} | {p90:.2f} |")
    ready = sorted(
        r["decided_s"] + r["finish_s"] + r["voice_s"] + r["analysis_s"] + r["reaction_s"]
        + r["render_s"]
        for r in rows
    )  # fmt: skip
    print(
        f"| = next line ready to play (the player's start, about 0.1 s, comes on top: "
        f"bench_rehearsal.py) | {statistics.median(ready):.2f} | "
        f"{ready[min(len(ready) - 1, round(0.9 * (len(ready) - 1)))]:.2f} |"
    )
    cpu = statistics.median(r["cpu_s"] for r in rows)
    calls = statistics.median(r["calls"] for r in rows)
    whisper = statistics.median(r["whisper_cpu_s"] for r in rows)
    print(
        f"\nCPU per answer (process, all threads): median {cpu:.2f} s, of which Whisper "
        f"{whisper:.2f} s in {calls:g} calls"
    )
