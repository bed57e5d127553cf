"""Re-analysis of a stored session: transcribe the kept audio again (another engine or
model, or a newer analyzer) and analyse it, keeping the earlier results in ``history/``.

``voicecoach analyze --session ID`` calls :func:`reanalyze_session`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from voicecoach.store import Store
    from voicecoach.transcribe import Transcriber


@dataclass(frozen=True)
class Reanalysis:
    session_id: str
    engine: str
    model: str
    turns: int  # answers transcribed and analysed again
    old_score: int | None  # the overall score before; None if there was none
    new_score: int | None
    kept_in: Path  # the history folder holding the earlier transcripts and analyses

    def describe(self) -> str:
        """One line for the terminal."""
        before = "no overall score" if self.old_score is None else f"score {self.old_score}"
        after = "no overall score" if self.new_score is None else f"score {self.new_score}"
        return (
            f"Re-analysed {self.turns} answer(s) of session {self.session_id} with "
            f"{self.engine} {self.model}: {before} -> {after}; earlier results kept in "
            f"{self.kept_in}"
        )


def _profile(data: dict[str, Any]) -> Any:
    from voicecoach.profile import profile_from_dict

    return profile_from_dict(data, source="session manifest") if data else None


def reanalyze_session(
    ref: str,
    engine: str | None = None,
    model: str | None = None,
    *,
    store: Store | None = None,
    transcriber: Transcriber | None = None,
) -> Reanalysis:
    """Transcribe and analyse every kept answer of session ``ref`` again.

    ``engine``/``model`` default to the session's own; pass ``transcriber`` to reuse a
    loaded one. Answers the writer never saved (an interrupted session) are analysed too.
    """
    from voicecoach.analysis import TurnInput, analyze, analyze_rehearsal, unreached_expects
    from voicecoach.audio import load_audio
    from voicecoach.store import Store, TurnResults
    from voicecoach.transcribe import load_transcriber
    from voicecoach.vad import speech_regions

    store = store or Store()
    session = store.load(ref)
    if transcriber is None:
        transcriber = load_transcriber(engine or session.engine, model or session.model)
    profile = _profile(session.profile)
    results: dict[int, TurnResults] = {}
    inputs = []
    for turn in session.turns:
        if turn.answer_wav is None:
            continue
        audio = load_audio(turn.answer_wav)
        regions = tuple(speech_regions(audio))
        transcript = transcriber.transcribe(audio)
        analysis = analyze(
            transcript,
            speech_regions=regions,
            profile=profile,
            expects=turn.expects,
            concern=turn.concern,
        )
        results[turn.n] = TurnResults(transcript, analysis, regions)
        inputs.append(TurnInput(transcript, turn.expects, regions, turn.concern))
    unreached = unreached_expects(session.plan, results)
    overall = analyze_rehearsal(inputs, profile, unanswered=unreached) if inputs else None
    kept = store.replace_results(
        session.id, results, overall, engine=transcriber.engine, model=transcriber.model
    )
    return Reanalysis(
        session_id=session.id,
        engine=transcriber.engine,
        model=transcriber.model,
        turns=len(results),
        old_score=session.analysis.score if session.analysis else None,
        new_score=overall.score if overall else None,
        kept_in=kept,
    )
