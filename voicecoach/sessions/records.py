"""What a stored session holds, as read back: frozen dataclasses, and their loaders.

Internal to :mod:`voicecoach.sessions.store`, which re-exports the public names.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from voicecoach.analysis.results import Analysis
from voicecoach.atomic import is_temporary
from voicecoach.errors import SessionError
from voicecoach.sessions.files import (
    ASKED_FILE,
    DEFAULT_TURN_FILES,
    MANIFEST,
    Damaged,
    audio_digest,
    check_folder,
    read_analysis,
    read_manifest,
    read_transcript,
    turn_dir_name,
    write_json,
    write_text,
)
from voicecoach.transcript import Transcript

T = TypeVar("T")


@dataclass(frozen=True)
class TurnPaths:
    prompt_wav: Path  # where the TTS renders the interviewer's prompt
    answer_wav: Path  # where the recorder writes the candidate's answer


@dataclass(frozen=True)
class AnswerResults:
    """A turn's transcript and analysis, as a re-analysis makes them."""

    transcript: Transcript
    analysis: Analysis
    speech_regions: tuple[tuple[float, float], ...] = ()
    parts_s: tuple[float, ...] = ()  # where parts transcribed apart start (a continuation)


@dataclass(frozen=True)
class Turn:
    n: int  # 1-based
    path: Path  # the turn folder
    prompt_text: str
    expects: tuple[str, ...]
    concern: str | None
    speech_regions: tuple[tuple[float, float], ...]
    answer_ended_at: float | None  # epoch seconds
    feedback_ready_at: float | None
    saved: bool  # False: audio only, the writer stopped before the turn was saved
    transcript: Transcript | None
    analysis: Analysis | None
    turn_id: str | None = None  # the script's turn id; nudge/opening: inserted by a reaction
    reasons: tuple[str, ...] = ()  # why a reacting interviewer said it (reason codes)
    closing: bool = False  # the reply after the last answer: a line no answer follows
    timeline: str | None = None  # the interviewer's line in it that gave the timeline
    # "yes", "repeat", "probe_first": the answer asked something instead (Session.aside_of)
    aside: str = ""
    # earlier sayings of its line, stopped when the candidate went on with the answer
    # before (the line was then chosen again): (text, share of it said)
    cut_lines: tuple[tuple[str, float], ...] = ()
    answered_at: float | None = None  # share of the line said when they began answering it
    began_at: float | None = None  # ...and when their speech began (the coaching's)
    line_s: float | None = None  # ...and the line's length (s), as rendered
    spoken_s: float | None = None  # ...to the end of its last word (s)
    parts_s: tuple[float, ...] = ()  # where parts of the answer transcribed apart start (s)
    answer_sha256: str | None = None  # the audio its transcript was heard from
    # the waiting a merged answer left out of its audio, which the live clock counted in (s;
    # 0 for a session saved before it was kept): named beside the answer's length
    left_out_s: float = 0.0

    @property
    def prompt_wav(self) -> Path | None:
        p = self.path / "prompt.wav"
        return p if p.exists() else None

    @property
    def answer_wav(self) -> Path | None:
        p = self.path / "answer.wav"
        return p if p.exists() else None

    @property
    def feedback_latency_s(self) -> float | None:
        if self.answer_ended_at is None or self.feedback_ready_at is None:
            return None
        return self.feedback_ready_at - self.answer_ended_at


# The extra turns that hold the answer to the turn before them (rehearsal.conversation)
ASIDE_TURNS = {"go-ahead": "yes", "repeat": "repeat"}


@dataclass(frozen=True)
class Session:
    id: str
    path: Path
    scenario: str
    profile: dict[str, Any]  # the job profile's fields (role, company, interviewer, strengths)
    engine: str
    model: str
    seed: int | None
    started_at: float  # epoch seconds
    ended_at: float | None
    status: str  # recording, complete, interrupted
    turns: tuple[Turn, ...]
    analysis: Analysis | None  # the whole closing; None when the session never finished
    history: tuple[dict[str, Any], ...] = ()  # earlier analyses kept by re-analysis
    plan: tuple[tuple[str, ...], ...] = ()  # what each planned turn expects, in order
    # a reacting interviewer's persona, reason codes and coaching about the conversation
    conversation: dict[str, Any] | None = None

    def aside_of(self, turn: Turn) -> str:
        """What ``turn``'s answer asked of the conversation instead of answering, as the
        turn after it shows: "yes" (a bare yes, answered "Go ahead."), "repeat" (the line
        was said again on request), or "" (an answer, judged as such)."""
        if turn.aside:  # as its verdict said it, saved with it
            return turn.aside
        # a session saved before the turn kept it: the turn after it says
        after = next((t for t in self.turns if t.n == turn.n + 1), None)
        return ASIDE_TURNS.get(after.turn_id or "", "") if after is not None else ""

    def turn(self, n: int) -> Turn:
        for t in self.turns:
            if t.n == n:
                return t
        have = ", ".join(str(t.n) for t in self.turns) or "none"
        raise SessionError(f"session {self.id} has no turn {n}; turns: {have}")


def load_session(folder: Path, *, lenient: bool = False) -> Session:
    """The session in ``folder``; Damaged when a file is missing or corrupt. ``lenient``:
    only the manifest must be sound; a bad transcript or analysis (files derived from the
    audio, which a re-analysis rebuilds) loads as None."""
    manifest = read_manifest(folder)
    if lenient:
        analysis = _derived(read_analysis, folder / "analysis.json", lenient)
    else:
        analysis = check_folder(folder, manifest)
    saved = {int(t["n"]): t for t in manifest["turns"]}
    on_disk = {int(d.name[5:]) for d in folder.glob("turn-*") if d.name[5:].isdigit()}
    turns = [
        _load_turn(folder / turn_dir_name(n), n, saved.get(n), lenient)
        for n in sorted(set(saved) | on_disk)
    ]
    return Session(
        id=folder.name,
        path=folder,
        scenario=str(manifest.get("scenario", "")),
        profile=dict(manifest.get("profile") or {}),
        engine=str(manifest.get("engine", "")),
        model=str(manifest.get("model", "")),
        seed=manifest.get("seed"),
        started_at=float(manifest["started_at"]),
        ended_at=manifest.get("ended_at"),
        status=str(manifest["status"]),
        turns=tuple(turns),
        analysis=analysis,
        history=tuple(manifest.get("history") or ()),
        plan=tuple(
            tuple(str(e) for e in p.get("expects", ()))
            for p in manifest.get("plan") or ()
            if isinstance(p, dict)
        ),
        conversation=manifest.get("conversation"),
    )


def _derived(read: Callable[[Path], T], path: Path, lenient: bool) -> T | None:
    """A file derived from the audio; in lenient mode None when it is missing or corrupt."""
    try:
        return read(path)
    except Damaged:
        if lenient:
            return None
        raise


def _load_turn(folder: Path, n: int, record: dict[str, Any] | None, lenient: bool) -> Turn:
    if record is None:  # audio only: the writer stopped before saving this turn
        prompt = folder / "prompt.txt"
        try:
            text = prompt.read_text(encoding="utf-8") if prompt.exists() else ""
        except (OSError, UnicodeDecodeError):
            text = ""
        expects, concern = _asked(folder / ASKED_FILE)
        return Turn(n, folder, text, expects, concern, (), None, None, False, None, None)
    answered = record.get("closing") is not True  # a closing line has no answer files
    return Turn(
        n=n,
        path=folder,
        prompt_text=str(record.get("prompt_text", "")),
        expects=tuple(record.get("expects") or ()),
        concern=record.get("concern"),
        speech_regions=tuple((float(a), float(b)) for a, b in record.get("speech_regions") or ()),
        answer_ended_at=record.get("answer_ended_at"),
        feedback_ready_at=record.get("feedback_ready_at"),
        saved=True,
        transcript=_derived(read_transcript, folder / "transcript.json", lenient)
        if answered
        else None,
        analysis=_derived(read_analysis, folder / "analysis.json", lenient) if answered else None,
        turn_id=record.get("turn_id"),
        reasons=tuple(str(r) for r in record.get("reasons") or ()),
        closing=not answered,
        timeline=record.get("timeline"),
        aside=str(record.get("aside") or ""),
        cut_lines=tuple((str(c["text"]), float(c["heard"])) for c in record.get("cut_lines") or ()),
        answered_at=record.get("answered_at"),
        began_at=record.get("began_at"),
        line_s=record.get("line_s"),
        spoken_s=record.get("spoken_s"),
        parts_s=tuple(float(x) for x in record.get("parts_s") or ()),
        answer_sha256=record.get("answer_sha256"),
        left_out_s=float(record.get("left_out_s") or 0.0),
    )


def _asked(path: Path) -> tuple[tuple[str, ...], str | None]:
    """What a turn stopped before it was saved asked for, and its doubt, as the writer kept
    them when its line played (``ASKED_FILE``); nothing when the file is missing or
    unreadable (a session from before it was written)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return (), None
    if not isinstance(data, dict):
        return (), None
    expects = data.get("expects")
    concern = data.get("concern")
    return (
        tuple(str(e) for e in expects) if isinstance(expects, list) else (),
        concern if isinstance(concern, str) else None,
    )


def _history_folder(folder: Path, manifest: dict[str, Any]) -> Path:
    """A new folder under ``history/`` for the results about to be replaced, named by the
    time and their engine and model (a second one in the same second gets a suffix)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    name = f"{stamp}-{manifest.get('engine', '')}-{_slug(manifest.get('model', ''))}"
    (folder / "history").mkdir(exist_ok=True, mode=0o700)
    for i in range(1, 100):
        kept = folder / "history" / (name if i == 1 else f"{name}-{i}")
        try:
            kept.mkdir(mode=0o700)
            return kept
        except FileExistsError:
            continue
    raise SessionError(f"{folder / 'history'}: too many re-analyses in one second")


def _unchanged(
    folder: Path,
    manifest: dict[str, Any],
    records: Mapping[int, dict[str, Any]],
    turns: Mapping[int, AnswerResults],
    analysis: Analysis | None,
    engine: str,
    model: str,
    audio_gone: Collection[int],
) -> bool:
    """Does the session already hold exactly these results?"""
    if (manifest.get("engine"), manifest.get("model")) != (engine, model):
        return False
    if any("answer.wav" in records.get(n, {}).get("files", ("answer.wav",)) for n in audio_gone):
        return False
    if analysis is not None and not _same_json(folder / "analysis.json", analysis.to_dict()):
        return False
    for n, new in turns.items():
        record, tdir = records.get(n), folder / turn_dir_name(n)
        if (
            record is None
            # (an older session's answer audio: its digest is written once)
            or ("answer_sha256" not in record and (tdir / "answer.wav").exists())
            or record.get("speech_regions") != _regions(new.speech_regions)
            or record.get("parts_s", []) != list(kept_times(new.parts_s))
            or not _same_json(tdir / "transcript.json", new.transcript.to_dict())
            or not _same_json(tdir / "analysis.json", new.analysis.to_dict())
        ):
            return False
    return True


def _same_json(path: Path, data: Any) -> bool:
    """Does the JSON file ``path`` hold ``data`` (as written)? False when unreadable."""
    try:
        held = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return json.dumps(held, sort_keys=True) == json.dumps(
        json.loads(json.dumps(data, ensure_ascii=False)), sort_keys=True
    )


def _slug(text: object) -> str:
    return re.sub(r"[^A-Za-z0-9.]+", "_", str(text)).strip("_")[-40:] or "model"


def turn_record(
    n: int,
    prompt_text: str,
    expects: Sequence[str] = (),
    concern: str | None = None,
    answer_ended_at: float | None = None,
    feedback_ready_at: float | None = None,
) -> dict[str, Any]:
    """A turn's entry in the manifest, before its answer's results are added."""
    return {
        "n": n,
        "prompt_text": prompt_text,
        "expects": list(expects),
        "concern": concern,
        "answer_ended_at": answer_ended_at,
        "feedback_ready_at": feedback_ready_at,
    }


def line_stops(
    cut_lines: Sequence[tuple[str, float]] = (),
    answered_at: float | None = None,
    began_at: float | None = None,
    line_s: float | None = None,
    spoken_s: float | None = None,
) -> dict[str, Any]:
    """A turn entry's record of how its line was stopped (:attr:`Turn.cut_lines`,
    :attr:`Turn.answered_at`, with :attr:`Turn.began_at` and the line's length,
    :attr:`Turn.line_s` and :attr:`Turn.spoken_s`); nothing when it was said whole."""
    out: dict[str, Any] = {}
    if cut_lines:
        out["cut_lines"] = [{"text": t, "heard": round(h, 3)} for t, h in cut_lines]
    if answered_at is not None:
        out["answered_at"] = round(answered_at, 3)
        if began_at is not None:
            out["began_at"] = round(began_at, 3)
        if line_s is not None:
            out["line_s"] = round(line_s, 3)
        if spoken_s is not None:
            out["spoken_s"] = round(spoken_s, 3)
    return out


def write_answer(folder: Path, results: AnswerResults, record: dict[str, Any]) -> dict[str, Any]:
    """Write an answer's derived files (transcript, analysis, subtitles) into its turn
    ``folder``; return its manifest ``record`` completed with them."""
    from voicecoach.subtitles import vtt_text

    write_json(folder / "transcript.json", results.transcript.to_dict())
    write_json(folder / "analysis.json", results.analysis.to_dict())
    write_text(folder / "answer.vtt", vtt_text(results.transcript))
    out = {
        **record,
        "speech_regions": _regions(results.speech_regions),
        "score": results.analysis.score,
        "files": sorted(p.name for p in folder.iterdir() if not is_temporary(p.name)),
    }
    out.pop("parts_s", None)
    if results.parts_s:
        out["parts_s"] = list(kept_times(results.parts_s))
    out.pop("answer_sha256", None)
    digest = audio_digest(folder / "answer.wav")
    if digest is not None:
        out["answer_sha256"] = digest
    return out


def kept_times(times: Sequence[float]) -> tuple[float, ...]:
    """Times (s) as a session keeps them: to the ms (a transcript's own times are rounded
    by :meth:`.transcript.Transcript.to_dict`)."""
    return tuple(round(t, 3) for t in times)


def kept_regions(regions: Sequence[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """Speech regions as a session keeps them (:func:`kept_times`)."""
    return tuple((round(a, 3), round(b, 3)) for a, b in regions)


def _regions(regions: Sequence[tuple[float, float]]) -> list[list[float]]:
    return [[a, b] for a, b in kept_regions(regions)]


def replace_results(
    session: Session,
    turns: Mapping[int, AnswerResults],
    analysis: Analysis | None,
    *,
    engine: str,
    model: str,
    audio_gone: Collection[int] = (),
    heard_again: Collection[int] = (),
) -> Path | None:
    """Write new results into ``session``'s folder, copying the old ones to ``history/``.

    ``heard_again``: the turns transcribed anew (the others were judged again on the
    transcripts they held); the history entry keeps it, with the engine, model and score
    after, so the report can say what the re-analysis did.

    ``audio_gone``: turns whose answer audio is missing, which the re-analysis left out:
    the manifest no longer promises their audio, so the session is whole again, its
    results standing without it (trial 21: the session stayed "damaged", and `sessions
    show` sent the user back to the re-analysis just run).

    Results the session already holds (the same transcripts, speech regions and analyses,
    engine and model) are not written again and nothing goes to ``history/``: a repeated
    re-analysis does not pile up copies of one result (trial 21). Returns the history
    folder, or None when nothing changed."""
    folder = session.path
    manifest = read_manifest(folder)
    records = {int(t["n"]): t for t in manifest["turns"]}
    if _unchanged(folder, manifest, records, turns, analysis, engine, model, audio_gone):
        return None
    kept = _history_folder(folder, manifest)
    for name in ("analysis.json",):
        if (folder / name).exists():
            shutil.copy2(folder / name, kept / name)
    for turn in session.turns:
        if turn.n not in turns:
            continue
        new = turns[turn.n]
        tdir = folder / turn_dir_name(turn.n)
        (kept / tdir.name).mkdir(exist_ok=True, mode=0o700)
        for name in ("transcript.json", "analysis.json", "answer.vtt"):
            if (tdir / name).exists():
                shutil.copy2(tdir / name, kept / tdir.name / name)
        base = records.get(turn.n) or turn_record(turn.n, turn.prompt_text)
        records[turn.n] = write_answer(tdir, new, base)
    for n in audio_gone:
        if n in records:
            files = records[n].get("files", list(DEFAULT_TURN_FILES))
            records[n] = {**records[n], "files": [f for f in files if f != "answer.wav"]}
    if analysis is not None:
        write_json(folder / "analysis.json", analysis.to_dict())
    history = list(manifest.get("history") or [])
    history.append(
        {
            "replaced_at": time.time(),
            "engine": manifest.get("engine"),
            "model": manifest.get("model"),
            "score": session.analysis.score if session.analysis else None,
            "score_provisional": bool(session.analysis and session.analysis.score_provisional),
            "kept_in": kept.relative_to(folder).as_posix(),
            # what replaced them (added later: entries written before lack these keys)
            "heard_again": sorted(n for n in heard_again if n in turns),
            "left_out": sorted(audio_gone),  # answered, but their audio is gone
            "new_engine": engine,
            "new_model": model,
            "new_score": analysis.score if analysis else None,
        }
    )
    manifest.update(
        engine=engine,
        model=model,
        history=history,
        turns=[records[n] for n in sorted(records)],
        analysis=analysis is not None or bool(manifest.get("analysis")),
    )
    write_json(folder / MANIFEST, manifest)
    return kept
