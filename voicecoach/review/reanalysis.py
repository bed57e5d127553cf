"""Re-analysis of a stored session: every kept answer judged again through the pipeline
(:mod:`voicecoach.pipeline`), on the transcript the rehearsal made when the engine, model
and audio are unchanged (else heard anew), the earlier results kept in the session's
``history/`` when they changed. ``voicecoach analyze --session`` runs it."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voicecoach.analysis.wording import SCORE_PROVISIONAL_MARK, score_marked, turns_phrase
from voicecoach.pipeline import as_kept, hear, judge_close, listen, speaker_baseline
from voicecoach.speech.base import FILE_BEAM_SIZE

if TYPE_CHECKING:
    from voicecoach.analysis.results import Analysis, CoachingPoint
    from voicecoach.analysis.spoke_over import LineAnswered
    from voicecoach.sessions.store import Session, Store, Turn
    from voicecoach.settings import Thresholds
    from voicecoach.speech.base import Transcriber


@dataclass(frozen=True)
class Reanalysis:
    session_id: str
    engine: str
    model: str
    turns: int  # answers analysed again (as_heard and heard_again)
    old_score: int | None  # the overall score before; None if there was none
    new_score: int | None
    # the history folder holding the earlier transcripts and analyses; None when the
    # results came out as the session held them (nothing replaced, nothing kept)
    kept_in: Path | None
    analysis: Analysis | None = None  # the new overall analysis, to show its coaching
    old_provisional: bool = False  # the score before rested mostly on what was not judged
    # turns answered in the session whose answer audio is gone: not heard again, and what
    # only they asked for is not judged (their earlier results stay as they were)
    left_out: tuple[int, ...] = ()
    # turns whose stored transcript was kept (same engine, model and audio as it was made
    # with): judged again on what was heard live, so an unchanged analyzer gives its verdict
    as_heard: tuple[int, ...] = ()
    heard_again: tuple[int, ...] = ()  # turns transcribed anew (beam FILE_BEAM_SIZE)

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

    @property
    def kept_line(self) -> str:
        """Where the earlier results went, or that nothing changed."""
        if self.kept_in is None:
            return "same results as the session held: nothing replaced, no history added"
        return f"earlier results kept in {self.kept_in}"

    @property
    def heard_line(self) -> str:
        """How the answers were heard: the rehearsal's transcripts kept, or heard anew
        (and why the words may then differ from the live ones)."""
        if not self.heard_again:
            return (
                f"judged again on the transcripts the session holds, made with {self.engine} "
                f"{self.model} from this same audio; --hear-again transcribes them anew"
            )
        turns = turns_phrase(self.heard_again)
        return (
            f"{turns} transcribed anew with {self.engine} {self.model} from the whole "
            f"recording (beam {FILE_BEAM_SIZE}; live hearing is greedy, piece by piece), so "
            "words may differ from the rehearsal's"
        )

    def describe(self) -> str:
        """One line for the terminal (and the mark's meaning when a score has one), how
        the answers were heard, and one line per turn left out."""
        old, new = self.scores
        before = "no overall score" if self.old_score is None else f"score {old}"
        after = "no overall score" if self.new_score is None else f"score {new}"
        return (
            f"Re-analysed {self.turns} answer(s) of session {self.session_id} with "
            f"{self.engine} {self.model}: {before} -> {after}; {self.kept_line}"
            + (f"\n{SCORE_PROVISIONAL_MARK}" if self.provisional else "")
            + (f"\n{self.heard_line[:1].upper()}{self.heard_line[1:]}." if self.turns else "")
            + (f"\n{self.left_out_line}" if self.left_out else "")
        )  # fmt: skip


def reanalyze_session(
    ref: str,
    engine: str | None = None,
    model: str | None = None,
    *,
    store: Store | None = None,
    transcriber: Transcriber | None = None,
    hear_again: bool = False,
    thresholds: Thresholds | None = None,
) -> Reanalysis:
    """Judge every kept answer of session ``ref`` again, keeping the earlier results in
    ``history/`` when they change.

    With the session's own engine and model, an answer whose audio is the one its
    transcript was heard from keeps that transcript and its speech regions: transcribed
    again, a whole file with a beam hears other words than the live, greedy hearing piece
    by piece (trial 21: 2 fillers live, none re-analysed), and the same recording must
    get the same verdict. Its voice is measured again from the audio, as live. Other
    answers (another engine or model, changed audio, no transcript, ``hear_again``) are
    transcribed anew, decoded with the beam ``analyze`` uses for a file
    (:data:`~voicecoach.speech.base.FILE_BEAM_SIZE`); pass ``transcriber`` to reuse a
    loaded one as it is. Answers the writer never saved (an interrupted session) are
    analysed too. A turn answered whose audio is gone is left out: not counted as
    unanswered, and the result names it. ``thresholds``: the user's (config), as live.
    """
    from voicecoach.analysis.analyzer import TurnInput, analyze_turn
    from voicecoach.audio.files import load_audio
    from voicecoach.review.replay_view import saved_profile
    from voicecoach.sessions.records import AnswerResults
    from voicecoach.sessions.store import Store
    from voicecoach.settings import Thresholds

    store = store or Store()
    session = store.load(ref, derived="lenient")  # corrupt derived files are rebuilt
    engine = transcriber.engine if transcriber else engine or session.engine
    model = transcriber.model if transcriber else model or session.model
    own = (engine, model) == (session.engine, session.model) and not hear_again
    thresholds = thresholds or Thresholds()
    profile = saved_profile(session)
    baseline = speaker_baseline(store, before_s=session.started_at, session_id=session.id)
    results: dict[int, AnswerResults] = {}
    inputs = []
    left_out: list[tuple[int, tuple[str, ...]]] = []
    as_heard: list[int] = []
    for turn in session.turns:
        if turn.answer_wav is None:
            if turn.transcript is not None or turn.analysis is not None:  # answered then
                left_out.append((turn.n, turn.expects))
            continue
        audio = load_audio(turn.answer_wav)
        parts_s: tuple[float, ...] = ()
        if own and turn.transcript is not None and _heard_from(turn):
            transcript, regions, parts_s = turn.transcript, turn.speech_regions, turn.parts_s
            as_heard.append(turn.n)
        else:
            if transcriber is None:
                transcriber = _load(engine, model)
            transcript, regions, _ = as_kept(*hear(audio, transcriber, profile))
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
            thresholds=thresholds,
            voice=voice,
            parts_s=parts_s,
        )
        results[turn.n] = AnswerResults(transcript, analysis, regions, parts_s)
        inputs.append(
            TurnInput(
                transcript, turn.expects, regions, turn.concern, voice, parts_s, number=turn.n
            )
        )
    talk = _conversation_coaching(session.conversation)
    overall = judge_close(
        inputs, session.plan, results, profile, conversation=talk,
        answered_over=answered_over(session, results), left_out=left_out,
        stopped=session.status == "interrupted",
    )  # fmt: skip
    kept = store.replace_results(
        session.id, results, overall, engine=engine, model=model,
        audio_gone=[n for n, _ in left_out], heard_again=[n for n in results if n not in as_heard],
    )  # fmt: skip
    return Reanalysis(
        session_id=session.id,
        engine=engine,
        model=model,
        turns=len(results),
        old_score=session.analysis.score if session.analysis else None,
        new_score=overall.score if overall else None,
        kept_in=kept,
        analysis=overall,
        old_provisional=bool(session.analysis and session.analysis.score_provisional),
        left_out=tuple(n for n, _ in left_out),
        as_heard=tuple(as_heard),
        heard_again=tuple(n for n in results if n not in as_heard),
    )


def _heard_from(turn: Turn) -> bool:
    """Was ``turn``'s transcript heard from this audio? Its file's digest, as saved with
    the transcript, says. A session saved before digests were kept is heard again: its
    audio's length alone would take an answer edited in place (made louder, say) for the
    one its transcript came from (review: a score went from 64 to 82 on "this same
    audio")."""
    from voicecoach.sessions.files import audio_digest

    if turn.transcript is None or turn.answer_wav is None or turn.answer_sha256 is None:
        return False
    return audio_digest(turn.answer_wav) == turn.answer_sha256


def _load(engine: str, model: str) -> Transcriber:
    from voicecoach.speech.factory import load_transcriber

    return load_transcriber(engine, model, beam_size=FILE_BEAM_SIZE)


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
