"""Writing one session as it is rehearsed: the manifest, each turn's files, the finish.

Made by :meth:`voicecoach.sessions.store.Store.create`; every write keeps the index in step.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

from voicecoach.errors import StorageError
from voicecoach.sessions.files import (
    ASKED_FILE,
    MANIFEST,
    turn_dir_name,
    write_json,
    write_text,
)
from voicecoach.sessions.records import (
    AnswerResults,
    TurnPaths,
    line_stops,
    turn_record,
    write_answer,
)
from voicecoach.terminal import interrupts_held
from voicecoach.transcript import Transcript

if TYPE_CHECKING:
    from voicecoach.analysis.results import Analysis
    from voicecoach.sessions.store import Store


class SessionWriter:
    """Writes one session. Thread-safe; use as a context manager to mark a crash interrupted."""

    def __init__(self, store: Store, session_id: str, path: Path, manifest: dict[str, Any]) -> None:
        self.store = store
        self.id = session_id
        self.path = path
        self._manifest = manifest
        self._lock = threading.Lock()
        self.finished = False

    def __enter__(self) -> SessionWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if not self.finished:
            self.finish(status="interrupted" if kind else "complete", analysis=None)

    def write_manifest(self) -> None:
        write_json(self.path / MANIFEST, self._manifest)
        self.store._summary(self.path, None)

    def set_plan(self, expects: Sequence[Sequence[str]]) -> None:
        """What each planned turn asks for, in order: a re-analysis of a session stopped
        early counts the turns it never reached as not done, as the rehearsal did."""
        self._manifest["plan"] = [{"n": n, "expects": list(e)} for n, e in enumerate(expects, 1)]
        self.write_manifest()

    def set_conversation(self, conversation: Any) -> None:
        """What a reacting interviewer made of the session: its persona, every reason code
        and the coaching about the conversation (a
        :class:`voicecoach.rehearsal.conversation.ConversationSummary`), kept so a
        re-analysis can coach it again."""
        from dataclasses import asdict

        self._manifest["conversation"] = {
            "persona": conversation.persona,
            "reasons": list(conversation.reasons),
            "coaching": [asdict(p) for p in conversation.coaching],
        }
        self.write_manifest()

    def turn_paths(
        self,
        n: int,
        *,
        prompt_text: str | None = None,
        expects: Sequence[str] | None = None,
        concern: str | None = None,
    ) -> TurnPaths:
        """The turn's file paths (``n`` is 1-based); creates the turn folder. With
        ``prompt_text`` (the line about to be played), it is kept at once, with what the
        line asks for (``expects``) and its doubt (``concern``): a session stopped before
        the turn is saved still knows what it asked (:func:`.records.load_session`), and a
        re-analysis judges its answer for that (a review: the recap turn of a session
        stopped with Ctrl-C read "not asked here" after ``analyze --session``)."""
        if n < 1:
            raise ValueError(f"turn numbers start at 1, got {n}")
        folder = self.path / turn_dir_name(n)
        try:
            folder.mkdir(exist_ok=True, mode=0o700)
        except OSError as exc:
            raise StorageError(
                f"{folder}: cannot create ({exc.strerror}); check free space"
            ) from exc
        if prompt_text is not None:  # so an interrupted turn still shows what was asked
            write_text(folder / "prompt.txt", prompt_text)
            if expects is not None:
                write_json(folder / ASKED_FILE, {"expects": list(expects), "concern": concern})
        return TurnPaths(folder / "prompt.wav", folder / "answer.wav")

    def save_turn(
        self,
        n: int,
        *,
        prompt_text: str,
        expects: Sequence[str],
        transcript: Transcript,
        analysis: Analysis,
        speech_regions: Sequence[tuple[float, float]] = (),
        concern: str | None = None,
        answer_ended_at: float | None = None,
        feedback_ready_at: float | None = None,
        turn_id: str | None = None,
        reasons: Sequence[str] = (),
        timeline: str | None = None,
        aside: str = "",
        cut_lines: Sequence[tuple[str, float]] = (),
        answered_at: float | None = None,
        began_at: float | None = None,
        line_s: float | None = None,
        spoken_s: float | None = None,
        parts_s: Sequence[float] = (),
        left_out_s: float = 0.0,
    ) -> None:
        """``turn_id`` and ``reasons``: which turn of the script it was (or ``nudge``,
        ``opening``: inserted) and why the interviewer said it, for a reacting one;
        ``timeline``: its line that gave the next-steps timeline, if any; ``aside``: what
        the answer asked of the conversation instead of answering ("yes", "repeat",
        "probe_first"), as its verdict said (kept with the turn: a session may end before
        the next one);
        ``cut_lines``, ``answered_at``, ``began_at``: how its line was stopped, ``line_s``
        and ``spoken_s`` its length (:func:`.records.line_stops`); ``parts_s``: where parts
        of the answer transcribed apart start (a continuation joined to it); ``left_out_s``: the
        waiting its merge left out of the answer (Recording.left_out_s), which the live clock
        counted in: every view of the turn names it beside the answer's length.

        Ctrl-C waits until the turn's files and its manifest entry are all written (a turn
        saved again must not keep a new transcript beside the old analysis)."""
        folder = self.turn_paths(n).answer_wav.parent
        base = turn_record(n, prompt_text, expects, concern, answer_ended_at, feedback_ready_at)
        if reasons:
            base.update(turn_id=turn_id, reasons=list(reasons))
        if timeline:
            base["timeline"] = timeline
        if aside:
            base["aside"] = aside
        if left_out_s > 0:
            base["left_out_s"] = round(left_out_s, 3)
        base.update(line_stops(cut_lines, answered_at, began_at, line_s, spoken_s))
        results = AnswerResults(transcript, analysis, tuple(speech_regions), tuple(parts_s))
        with interrupts_held(), self._lock:
            self._put_turn(write_answer(folder, results, base))

    def save_line(
        self, n: int, *, prompt_text: str, turn_id: str | None = None,
        reasons: Sequence[str] = (), timeline: str | None = None,
        cut_lines: Sequence[tuple[str, float]] = (),
    ) -> None:  # fmt: skip
        """An interviewer line no answer follows (the reply after the last answer): a turn
        with its prompt only, marked ``closing``, so replay and report show it."""
        from voicecoach.atomic import is_temporary

        folder = self.turn_paths(n).answer_wav.parent
        record = {
            **turn_record(n, prompt_text), "turn_id": turn_id, "reasons": list(reasons),
            "closing": True, "speech_regions": [], **({"timeline": timeline} if timeline else {}),
            **line_stops(cut_lines),
        }  # fmt: skip
        with interrupts_held(), self._lock:
            record["files"] = sorted(p.name for p in folder.iterdir() if not is_temporary(p.name))
            self._put_turn(record)

    def _put_turn(self, record: dict[str, Any]) -> None:
        """Put ``record`` in the manifest in place of any turn of its number (caller holds
        the lock)."""
        turns = [t for t in self._manifest["turns"] if t["n"] != record["n"]] + [record]
        self._manifest["turns"] = sorted(turns, key=lambda t: int(t["n"]))
        self.write_manifest()

    def unsaved_answers(self) -> tuple[int, ...]:
        """Turns whose answer was recorded but never saved (stopped before it was coached):
        the session keeps their audio only, and their coaching does not count them."""
        saved = {int(t["n"]) for t in self._manifest["turns"]}
        recorded = {wav.parent.name[5:] for wav in self.path.glob("turn-*/answer.wav")}
        return tuple(sorted(int(n) for n in recorded if n.isdigit() and int(n) not in saved))

    def _drop_empty_answers(self) -> None:
        """An answer file begun but given no sample (Ctrl-C as its recording started) is
        no answer: removed, so nothing says its audio was kept."""
        import soundfile as sf

        for n in self.unsaved_answers():
            wav = self.path / turn_dir_name(n) / "answer.wav"
            try:  # 0 bytes: created, Ctrl-C before its header was written
                empty = wav.stat().st_size == 0 or sf.info(str(wav)).frames == 0
            except (RuntimeError, OSError):  # unreadable: kept, for the user to look at
                continue
            if empty:
                wav.unlink(missing_ok=True)

    def finish(
        self, *, status: Literal["complete", "interrupted"], analysis: Analysis | None
    ) -> None:
        if status not in ("complete", "interrupted"):
            raise ValueError(f"status must be complete or interrupted, got {status!r}")
        with self._lock:
            self._drop_empty_answers()
            if analysis is not None:
                write_json(self.path / "analysis.json", analysis.to_dict())
            self._manifest["analysis"] = analysis is not None
            self._manifest["status"] = status
            self._manifest["ended_at"] = time.time()
            self.write_manifest()
            self.finished = True


__all__ = ["SessionWriter"]
