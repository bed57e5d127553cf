"""Re-analysis of a stored session: every kept answer heard and judged again through the
pipeline (:mod:`voicecoach.pipeline`), the earlier results kept in the session's
``history/``. ``voicecoach analyze --session`` runs it."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voicecoach.analysis.wording import SCORE_PROVISIONAL_MARK, score_marked
from voicecoach.pipeline import hear, judge_close, listen, speaker_baseline

if TYPE_CHECKING:
    from voicecoach.analysis.results import Analysis, CoachingPoint
    from voicecoach.analysis.spoke_over import LineAnswered
    from voicecoach.sessions.store import Session, Store
    from voicecoach.speech.base import Transcriber


@dataclass(frozen=True)
class Reanalysis:
    session_id: str
    engine: str
    model: str
    turns: int  # answers transcribed and analysed again
    old_score: int | None  # the overall score before; None if there was none
    new_score: int | None
    kept_in: Path  # the history folder holding the earlier transcripts and analyses
    analysis: Analysis | None = None  # the new overall analysis, to show its coaching
    old_provisional: bool = False  # the score before rested mostly on what was not judged
    # turns answered in the session whose answer audio is gone: not heard again, and what
    # only they asked for is not judged (their earlier results stay as they were)
    left_out: tuple[int, ...] = ()

    @property
    def scores(self) -> tuple[str, str]:
        """The scores before and after as shown: "93?" when provisional, "-" for none."""
        new_provisional = self.analysis is not None and self.analysis.score_provisional
        return (
            "-" if self.old_score is None else score_marked(self.old_score, self.old_provisional),
            "-" if self.new_score is None else score_marked(self.new_score, new_provisional),
        )

    @property
    def provisional(self) -> bool:
        """Is either score marked provisional (the line needs the mark's meaning)?"""
        return "?" in "".join(self.scores)

    @property
    def left_out_line(self) -> str:
        """What the terminal says of the turns left out; "" when none was."""
        from voicecoach.analysis.wording import NOTES

        return "\n".join(NOTES["audio_missing"].format(turn=n).capitalize() + "."
                         for n in self.left_out)  # fmt: skip

    def describe(self) -> str:
        """One line for the terminal (and the mark's meaning when a score has one), and
        one per turn left out."""
        old, new = self.scores
        before = "no overall score" if self.old_score is None else f"score {old}"
        after = "no overall score" if self.new_score is None else f"score {new}"
        return (
            f"Re-analysed {self.turns} answer(s) of session {self.session_id} with "
            f"{self.engine} {self.model}: {before} -> {after}; earlier results kept in "
            f"{self.kept_in}" + (f"\n{SCORE_PROVISIONAL_MARK}" if self.provisional else "")
            + (f"\n{self.left_out_line}" if self.left_out else "")
        )  # fmt: skip


def reanalyze_session(
    ref: str,
    engine: str | None = None,
    model: str | None = None,
    *,
    store: Store | None = None,
    transcriber: Transcriber | None = None,
) -> Reanalysis:
    """Transcribe and analyse every kept answer of session ``ref`` again, keeping the
    earlier results in ``history/``.

    ``engine``/``model`` default to the session's own, decoded with the beam ``analyze``
    uses for a file (:data:`~voicecoach.speech.base.FILE_BEAM_SIZE`: nobody waits on a
    stored answer); pass ``transcriber`` to reuse a loaded one as it is. Answers the
    writer never saved (an interrupted session) are analysed too. A turn answered whose
    audio is gone is left out: not counted as unanswered, and the result names it.
    """
    from voicecoach.analysis.analyzer import TurnInput, analyze_turn
    from voicecoach.audio.files import load_audio
    from voicecoach.review.replay_view import saved_profile
    from voicecoach.sessions.records import AnswerResults
    from voicecoach.sessions.store import Store
    from voicecoach.speech.base import FILE_BEAM_SIZE
    from voicecoach.speech.factory import load_transcriber

    store = store or Store()
    session = store.load(ref, derived="lenient")  # corrupt derived files are rebuilt
    if transcriber is None:
        transcriber = load_transcriber(
            engine or session.engine, model or session.model, beam_size=FILE_BEAM_SIZE
        )
    profile = saved_profile(session)
    baseline = speaker_baseline(store, before_s=session.started_at, session_id=session.id)
    results: dict[int, AnswerResults] = {}
    inputs = []
    left_out: list[tuple[int, tuple[str, ...]]] = []
    for turn in session.turns:
        if turn.answer_wav is None:
            if turn.transcript is not None or turn.analysis is not None:  # answered then
                left_out.append((turn.n, turn.expects))
            continue
        audio = load_audio(turn.answer_wav)
        transcript, regions = hear(audio, transcriber, profile)
        voice = listen(audio, regions, baseline)
        before = [t for t in session.turns if t.n in results]
        analysis, _ = analyze_turn(
            transcript,
            [(results[t.n].analysis, t.expects) for t in before],
            numbers=[*(t.n for t in before), turn.n],
            speech_regions=regions,
            profile=profile,
            expects=turn.expects,
            concern=turn.concern,
            voice=voice,
        )
        results[turn.n] = AnswerResults(transcript, analysis, regions)
        inputs.append(
            TurnInput(transcript, turn.expects, regions, turn.concern, voice, number=turn.n)
        )
    talk = _conversation_coaching(session.conversation)
    overall = judge_close(
        inputs, session.plan, results, profile, conversation=talk,
        answered_over=answered_over(session, results), left_out=left_out,
    )  # fmt: skip
    kept = store.replace_results(
        session.id, results, overall, engine=transcriber.engine, model=transcriber.model,
        audio_gone=[n for n, _ in left_out],
    )  # fmt: skip
    return Reanalysis(
        session_id=session.id,
        engine=transcriber.engine,
        model=transcriber.model,
        turns=len(results),
        old_score=session.analysis.score if session.analysis else None,
        new_score=overall.score if overall else None,
        kept_in=kept,
        analysis=overall,
        old_provisional=bool(session.analysis and session.analysis.score_provisional),
        left_out=tuple(n for n, _ in left_out),
    )


def answered_over(session: Session, answered: Collection[int]) -> list[LineAnswered]:
    """The lines of ``session`` the candidate began answering before they were over, for
    the ``answered`` turns, as the rehearsal judged them (:mod:`.analysis.spoke_over`)."""
    from voicecoach.review.replay_view import line_answered

    return [a for t in session.turns if t.n in answered and (a := line_answered(t)) is not None]


def _conversation_coaching(conversation: dict[str, Any] | None) -> tuple[CoachingPoint, ...]:
    """The coaching about a reacting interviewer's conversation, as the session kept it,
    less the points no longer made (``wording.TALK_RETIRED``)."""
    from voicecoach.analysis.results import CoachingPoint
    from voicecoach.analysis.wording import TALK_RETIRED

    return tuple(
        CoachingPoint(p["priority"], p["kind"], p["title"], p["message"], p["suggestion"])
        for p in (conversation or {}).get("coaching", ())
        if p["title"] not in TALK_RETIRED
    )
