"""Build real sessions for the sessions tests: real audio, real Whisper transcripts.

Answers are the spoken sample closings in ``samples/`` (one file per turn) and the human
speech clips in ``tests/data/speech``; they go through the real transcriber and VAD and
are written through :class:`voicecoach.sessions.store.SessionWriter`, as the rehearsal does.
The analysis is the real analyzer's.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from voicecoach.analysis.results import (
    Analysis,
)
from voicecoach.audio.files import load_audio, write_wav
from voicecoach.sessions.records import Session
from voicecoach.sessions.store import SessionWriter, Store
from voicecoach.transcript import Transcript

ROOT = Path(__file__).parent.parent
SPEECH = ROOT / "tests" / "data" / "speech"
SAMPLES = ROOT / "samples"
PROFILE = {
    "role": "senior data analyst",
    "company": "Northwind Freight",
    "interviewer": "Dana Reyes",
    "strengths": ["SQL", "demand forecasting", "dashboards", "stakeholder communication"],
}
# (prompt text, expects, concern) per turn of the final close, as the rehearsal saves them
PROMPTS: tuple[tuple[str, tuple[str, ...], str | None], ...] = (
    ("Before we wrap up, what questions do you have for me?", ("question",), None),
    ("Is there anything else you would like me to know?", ("recap", "concerns"), None),
    (
        "My one hesitation is that you have not worked in freight before. How would you "
        "address that?",
        ("concern_answer",),
        "you have not worked in freight before.",
    ),
    ("Anything you want to add before we close?", ("interest", "ask_for_job"), None),
    ("Thank you for coming in today.", ("thanks",), None),
)


@dataclass(frozen=True)
class Answer:
    audio_path: Path  # 16 kHz WAV of the answer
    transcript: Transcript
    regions: tuple[tuple[float, float], ...]


@cache
def _transcribed(path: Path, transcriber: Any) -> Answer:
    from voicecoach.audio.vad import speech_regions

    audio = load_audio(path)
    wav = (
        Path(tempfile.gettempdir())
        / "voicecoach-test-answers"
        / f"{path.parent.name}-{path.stem}.wav"
    )
    write_wav(wav, audio)
    return Answer(wav, transcriber.transcribe(audio), tuple(speech_regions(audio)))


def sample_answers(kind: str, transcriber: Any) -> list[Answer]:
    """The sample closing ``kind`` ("strong" or "weak"), one Answer per turn."""
    return [_transcribed(p, transcriber) for p in sorted((SAMPLES / kind).glob("turn-*.flac"))]


def speech_answers(transcriber: Any) -> list[Answer]:
    return [_transcribed(p, transcriber) for p in sorted(SPEECH.glob("*.wav"))]


def analyse(
    transcript: Transcript,
    regions: Sequence[tuple[float, float]] = (),
    expects: Sequence[str] = (),
    concern: str | None = None,
) -> Analysis:
    from voicecoach.analysis import analyze
    from voicecoach.profile import Profile

    profile = Profile(**{k: tuple(v) if isinstance(v, list) else v for k, v in PROFILE.items()})
    return analyze(  # type: ignore[no-any-return]
        transcript,
        speech_regions=regions or None,
        profile=profile,
        expects=expects,
        concern=concern,
    )


def overall(answers: Sequence[Answer]) -> Analysis:
    from voicecoach.analysis import TurnInput, analyze_rehearsal
    from voicecoach.profile import Profile

    profile = Profile(**{k: tuple(v) if isinstance(v, list) else v for k, v in PROFILE.items()})
    turns = [
        TurnInput(a.transcript, PROMPTS[i % len(PROMPTS)][1], a.regions, PROMPTS[i % 5][2])
        for i, a in enumerate(answers)
    ]
    return analyze_rehearsal(turns, profile)  # type: ignore[no-any-return]


def record_session(
    store: Store,
    answers: Sequence[Answer],
    *,
    prompt_audio: Path | None = None,
    finish: bool = True,
    scenario: str = "final-close",
    sample: str | None = None,
    status: Literal["complete", "interrupted"] = "complete",
    plan: bool = False,
) -> str:
    """A whole session through the writer, as the rehearsal makes it; returns its ID.
    ``plan``: keep what each turn asked for as the session's plan, as a rehearsal does."""
    import time

    writer = store.create(
        scenario=scenario, profile=PROFILE, engine="faster-whisper", model="tiny.en", seed=7,
        sample=sample,
    )  # fmt: skip
    for n, answer in enumerate(answers, start=1):
        text, expects, concern = PROMPTS[(n - 1) % len(PROMPTS)]
        paths = writer.turn_paths(n, prompt_text=text)
        shutil.copy(prompt_audio or SPEECH / "librivox-0880.wav", paths.prompt_wav)
        shutil.copy(answer.audio_path, paths.answer_wav)
        ended = time.time()
        writer.save_turn(
            n,
            prompt_text=text,
            expects=expects,
            transcript=answer.transcript,
            analysis=analyse(answer.transcript, answer.regions, expects, concern),
            speech_regions=answer.regions,
            concern=concern,
            answer_ended_at=ended,
            feedback_ready_at=ended + 0.4,
        )
    if plan:
        writer.set_plan([PROMPTS[(n - 1) % len(PROMPTS)][1] for n in range(1, len(answers) + 1)])
    if finish:
        writer.finish(status=status, analysis=overall(answers))
    return writer.id


def typed_recap_session(store: Store, said: str) -> SessionWriter:
    """A recap drill's session with one typed answer saved (no audio, no timings), left open
    for the caller to add to and finish."""
    from voicecoach.analysis import analyze

    writer = store.create(scenario="recap", profile=None, engine="", model="")
    writer.turn_paths(1, prompt_text="Recap, please.")
    t = Transcript.from_text(said)
    writer.save_turn(1, prompt_text="Recap, please.", expects=["recap"], transcript=t,
                     analysis=analyze(t, expects=["recap"]))  # fmt: skip
    return writer


def typed_conversation_session(
    store: Store,
    scenario_name: str,
    talk: Any,
    answers: Sequence[str],
    status: Literal["complete", "interrupted"] = "complete",
) -> Session:
    """A reacting interviewer's close (``talk``, a rehearsal.conversation.Conversation of
    ``scenario_name``) as the rehearsal's turn loop saves it: typed ``answers``, each
    turn's line, and the reply after the last answer, if any; no overall analysis."""
    from voicecoach.analysis import analyze

    writer = store.create(scenario=scenario_name, profile=None, engine="", model="")
    turn = talk.first()
    for text in answers:
        said = Transcript.from_text(text)
        found = analyze(said, expects=turn.expects, concern=turn.concern)
        writer.turn_paths(turn.n, prompt_text=turn.text)
        writer.save_turn(turn.n, prompt_text=turn.text, expects=turn.expects, transcript=said,
                         analysis=found, concern=turn.concern, turn_id=turn.id,
                         reasons=turn.reasons, timeline=turn.timeline,
                         aside=talk.aside(turn, found))  # fmt: skip
        nxt = talk.next(turn, found)
        if nxt is None:
            break
        if nxt.closing:
            writer.turn_paths(nxt.n, prompt_text=nxt.text)
            writer.save_line(nxt.n, prompt_text=nxt.text, turn_id=nxt.id, reasons=nxt.reasons,
                             timeline=nxt.timeline)  # fmt: skip
            break
        turn = nxt
    writer.finish(status=status, analysis=None)
    return store.load(writer.id)


def heard_unsure(text: str) -> Transcript:
    """``text`` as Whisper gives it when unsure of every other word (probability 0.3, a
    word every 0.3 s): a turn not heard clearly, whose checks the analyzer leaves unclear."""
    words = text.split()
    timed = [
        {
            "text": w,
            "start_s": i * 0.3,
            "end_s": i * 0.3 + 0.25,
            "probability": 0.3 if i % 2 else 0.95,
        }
        for i, w in enumerate(words)
    ]
    end_s = len(words) * 0.3
    segment = {"text": text, "start_s": 0.0, "end_s": end_s, "words": timed}
    return Transcript.from_dict({"text": text, "segments": [segment], "duration_s": end_s + 0.5})


def typed_close_session(
    store: Store,
    answers: Sequence[tuple[Transcript, tuple[str, ...]]],
    scenario: str = "final-close",
) -> str:
    """A finished session of ``answers`` (each with what its turn asked for), without audio,
    judged turn by turn and as a whole by the real analyzer; returns its ID."""
    from voicecoach.analysis import TurnInput, analyze, analyze_rehearsal

    writer = store.create(scenario=scenario, profile=None, engine="", model="")
    for n, (said, expects) in enumerate(answers, start=1):
        prompt = f"Turn {n}?"
        writer.turn_paths(n, prompt_text=prompt)
        writer.save_turn(n, prompt_text=prompt, expects=expects, transcript=said,
                         analysis=analyze(said, expects=expects))  # fmt: skip
    overall = analyze_rehearsal([TurnInput(t, e) for t, e in answers], None)
    writer.finish(status="complete", analysis=overall)
    return writer.id
