"""Build real sessions for the sessions tests: real audio, real Whisper transcripts.

Answers are the spoken sample closings in ``samples/`` (one file per turn) and the human
speech clips in ``tests/data/speech``; they go through the real transcriber and VAD and
are written through :class:`voicecoach.sessions.store.SessionWriter`, as the rehearsal does.
The analysis is the real analyzer's when ``voicecoach.analysis.analyze`` exists; until it
lands, :func:`hand_analysis` builds Analysis objects from the real word timings.
"""

from __future__ import annotations

import itertools
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from voicecoach.analysis.results import (
    Analysis,
    Check,
    CoachingPoint,
    Delivery,
    Evidence,
    Marker,
    Pause,
    Recap,
    ScorePart,
    Sentence,
)
from voicecoach.audio.files import load_audio, write_wav
from voicecoach.sessions.store import Store
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
    try:
        from voicecoach.analysis import analyze  # type: ignore[attr-defined]
        from voicecoach.profile import Profile
    except ImportError:
        return hand_analysis(transcript, regions, expects)
    profile = Profile(**{k: tuple(v) if isinstance(v, list) else v for k, v in PROFILE.items()})
    return analyze(  # type: ignore[no-any-return]
        transcript,
        speech_regions=regions or None,
        profile=profile,
        expects=expects,
        concern=concern,
    )


def overall(answers: Sequence[Answer]) -> Analysis:
    try:
        from voicecoach.analysis import TurnInput, analyze_rehearsal  # type: ignore[attr-defined]
        from voicecoach.profile import Profile
    except ImportError:
        return hand_overall(answers)
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
) -> str:
    """A whole session through the writer, as the rehearsal makes it; returns its ID."""
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
    if finish:
        writer.finish(status=status, analysis=overall(answers))
    return writer.id


# -- a stand-in analyzer, used only until voicecoach.analysis lands ------------------------
_MOVES = {
    "thanks": re.compile(r"\bthank", re.I),
    "interest": re.compile(r"\b(interested|excited|love to join)\b", re.I),
    "ask_for_job": re.compile(r"\b(next steps?|decision|timeline)\b", re.I),
    "concerns": re.compile(r"\b(hesitat|concern|gives? you pause|reservations)\b", re.I),
    "recap": re.compile(r"\b(I have|I've|my |I also|I led|I built)\b", re.I),
}
_FILLER = re.compile(r"^(um+|uh+|er|ah)[,.]?$", re.I)
LABELS = {
    "final_questions": "Final questions",
    "concerns": "Probe for concerns",
    "recap": "Recap in 20-30 s",
    "interest": "State interest",
    "ask_for_job": "Ask for the job",
    "thanks": "Thank the interviewer",
}


def _sentences(transcript: Transcript, turn: int | None) -> list[Sentence]:
    out: list[Sentence] = []
    words = list(transcript.words)
    group: list[Any] = []
    for w in words:
        group.append(w)
        if w.text.rstrip().endswith((".", "?", "!")) or w is words[-1]:
            text = " ".join(x.text.strip() for x in group)
            moves = {m for m, rx in _MOVES.items() if rx.search(text)}
            if text.endswith("?"):
                moves.add("question")
            out.append(
                Sentence(
                    len(out),
                    text,
                    group[0].start_s,
                    group[-1].end_s,
                    frozenset(moves),
                    "open" if "question" in moves else None,
                    turn,
                )
            )
            group = []
    return out


def hand_analysis(
    transcript: Transcript,
    regions: Sequence[tuple[float, float]] = (),
    expects: Sequence[str] = (),
    turn: int | None = None,
    sentences: list[Sentence] | None = None,
) -> Analysis:
    sentences = sentences if sentences is not None else _sentences(transcript, turn)
    words = transcript.words
    speaking = sum(b - a for a, b in regions) or sum(w.end_s - w.start_s for w in words)
    pauses = tuple(
        Pause(a.end_s, b.start_s, b.start_s - a.end_s >= 3.0)
        for a, b in itertools.pairwise(words)
        if b.start_s - a.end_s >= 1.0
    )
    fillers = tuple(
        Marker("filler", w.text, Evidence(w.text, w.start_s, w.end_s, turn))
        for w in words
        if _FILLER.match(w.text.strip())
    )
    recaps = [s for s in sentences if "recap" in s.moves and s.start_s is not None]
    recap = None
    if recaps:
        start, end = recaps[0].start_s or 0.0, recaps[-1].end_s or 0.0
        band = "too_short" if end - start < 20 else "too_long" if end - start > 30 else "in_band"
        recap = Recap(start, end, end - start, band, ("SQL",), ("dashboards",))
    checks, coaching, parts = [], [], []
    for key, label in LABELS.items():
        move = "question" if key == "final_questions" else key
        found = [s for s in sentences if move in s.moves]
        status = "done" if found else "missing"
        ev = tuple(Evidence(s.text, s.start_s, s.end_s, s.turn) for s in found[:2])
        checks.append(Check(key, label, status, f"{len(found)} sentence(s)", ev))
        parts.append(ScorePart(key, label, 12.0 if found else 0.0, 12.0))
        coaching.append(
            CoachingPoint(
                0,
                "strength" if found else "fix",
                label,
                f"You {'did' if found else 'did not'} {label.lower()}.",
                "" if found else f"Next time, {label.lower()} in one plain sentence.",
                ev,
            )
        )
    parts.append(ScorePart("delivery", "Delivery", 20.0 - min(len(fillers), 10), 28.0))
    coaching.sort(key=lambda c: c.kind != "fix")
    coaching = [
        CoachingPoint(i + 1, c.kind, c.title, c.message, c.suggestion, c.evidence)
        for i, c in enumerate(coaching)
    ]
    return Analysis(
        sentences=tuple(sentences),
        checks=tuple(checks),
        delivery=Delivery(
            speaking,
            len(words),
            len(words) / speaking * 60 if speaking else None,
            pauses,
            fillers,
            (),
            tuple(regions),
        ),
        coaching=tuple(coaching),
        score=round(sum(p.points for p in parts)),
        score_parts=tuple(parts),
        recap=recap,
        expects=tuple(expects),
        duration_s=transcript.duration_s,
    )


def hand_overall(answers: Sequence[Answer]) -> Analysis:
    sentences: list[Sentence] = []
    for n, a in enumerate(answers, start=1):
        for s in _sentences(a.transcript, n):
            sentences.append(
                Sentence(len(sentences), s.text, s.start_s, s.end_s, s.moves, s.question_form, n)
            )
    merged = Transcript(
        " ".join(a.transcript.text for a in answers),
        tuple(seg for a in answers for seg in a.transcript.segments),
        sum(a.transcript.duration_s for a in answers),
    )
    regions = [r for a in answers for r in a.regions]
    return hand_analysis(merged, regions, (), None, sentences)
