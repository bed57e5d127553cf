"""Re-analysis of a stored session (``voicecoach analyze --session``): heard again
(``--hear-again``, another engine or model), its answers are heard as ``analyze`` hears a
recording, so a stored answer and the same audio given to ``analyze`` get one transcript
(tests/review/test_reanalysis_as_live.py: with the session's own engine, model and audio,
the rehearsal's transcripts are judged again)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
import sessions_support as support

from voicecoach.pipeline import transcribe_audio
from voicecoach.profile import profile_from_dict
from voicecoach.review.reanalysis import reanalyze_session
from voicecoach.sessions.store import Store
from voicecoach.speech.base import FILE_BEAM_SIZE


@pytest.mark.slow
def test_a_reanalysis_hears_the_answers_as_analyze_does(
    _home: Path,
    faster_transcriber: Any,
    loaded_transcribers: list[Any],
) -> None:
    store = Store(_home)
    # the answer to the concern, recorded live (greedy): "the same seasonality and lead
    # time parablams" (or "parablims") on each CPU measured: an AVX-512 Zen 5, oneDNN held
    # to AVX2 or AVX512_CORE, CTranslate2 held to GENERIC kernels. A beam hears "problems"
    # on the Zen 5 and at GENERIC but not with oneDNN held down, so only the contract below
    # (the transcript `analyze` gives) is asserted, not what the beam hears
    concern_answer = support.sample_answers("strong", faster_transcriber)[2]
    sid = support.record_session(store, [concern_answer])
    assert "lead time parabl" in concern_answer.transcript.text  # the premise

    result = reanalyze_session(sid, store=store, hear_again=True)

    assert [t.decoder.beam_size for t in loaded_transcribers] == [FILE_BEAM_SIZE]
    assert result.heard_again == (1,) and "transcribed anew" in result.describe()
    session = store.load(sid)
    (turn,) = session.turns
    assert turn.transcript is not None and turn.answer_wav is not None
    assert (result.engine, result.model) == ("faster-whisper", "tiny.en")
    profile = profile_from_dict(session.profile, source="test") if session.profile else None
    heard = transcribe_audio(turn.answer_wav, "faster-whisper", "tiny.en", profile=profile)[0]
    assert turn.transcript.to_dict() == heard.to_dict()  # as `analyze ANSWER.wav` hears it


@pytest.mark.slow
def test_a_turn_whose_audio_is_gone_leaves_the_later_turns_their_numbers(
    _home: Path, faster_transcriber: Any
) -> None:
    """A re-analysis skips an answer whose audio is gone; the closing numbered the turns
    left by their place, so turn 3's words were quoted as turn 2's."""
    store = Store(_home)
    answers = support.sample_answers("strong", faster_transcriber)[:3]
    sid = support.record_session(store, answers)
    second = store.load(sid).turns[1]
    assert second.answer_wav is not None
    second.answer_wav.unlink()

    result = reanalyze_session(sid, store=store, transcriber=faster_transcriber)

    assert result.turns == 2 and result.analysis is not None
    turns = {s.turn for s in result.analysis.sentences}
    assert turns == {1, 3}, turns


HEARD_AFTER_S = 0.8  # the line stops this long after the candidate began


@pytest.mark.slow
def test_answering_over_the_interviewer_shows_in_every_view_and_survives_a_reanalysis(
    _home: Path, faster_transcriber: Any, tmp_path: Path
) -> None:
    # A live trial: `rehearse ask`, the answer begun 1 s into the interviewer's line, then a
    # 100/100 close with no word on it. The session keeps how far the line got and its
    # length, so the closing, `sessions show`, the report and a re-analysis say the same.
    from rehearsal_support import say
    from rich.console import Console

    from voicecoach.analysis import TurnInput
    from voicecoach.analysis.analyzer import analyze_turn
    from voicecoach.analysis.spoke_over import LineAnswered
    from voicecoach.analysis.wording import FIXES
    from voicecoach.audio.files import load_audio, sound_end_s
    from voicecoach.pipeline import hear, judge_close
    from voicecoach.review.progress import load_progress
    from voicecoach.review.reanalysis import answered_over
    from voicecoach.review.report import render_report
    from voicecoach.review.sessions_view import session_view

    ask = (
        "Well, I think that is everything from my side. Is there anything else you want to "
        "say before we finish?"
    )
    turns = [
        (ask, ("interest", "ask_for_job"), "I am very interested in this role. What are the "
         "next steps from here?", 1.0),
        ("Thank you, that is everything I needed from you today. Take care.", ("thanks",),
         "Thank you so much for your time today.", None),
    ]  # fmt: skip
    store = Store(_home)
    writer = store.create(scenario="ask", profile=None, engine="faster-whisper", model="tiny.en")
    inputs, lines = [], []
    for n, (line, expects, said, at_s) in enumerate(turns, 1):
        paths = writer.turn_paths(n, prompt_text=line)
        spoken = load_audio(say(line, paths.prompt_wav))
        line_s, spoken_s = len(spoken) / 16000, sound_end_s(spoken)
        audio = load_audio(say(said, paths.answer_wav))
        transcript, regions = hear(audio, faster_transcriber, None)
        analysis, _ = analyze_turn(transcript, [], speech_regions=regions, expects=expects)
        # the line stops once their words are heard as speech, after they began
        began = None if at_s is None else at_s / line_s
        stopped = None if at_s is None else (at_s + HEARD_AFTER_S) / line_s
        writer.save_turn(
            n, prompt_text=line, expects=expects, transcript=transcript, analysis=analysis,
            speech_regions=regions, answered_at=stopped, began_at=began, line_s=line_s,
            spoken_s=spoken_s,
        )  # fmt: skip
        inputs.append(TurnInput(transcript, expects, regions))
        if began is not None:
            lines.append(LineAnswered(n, line, line_s, began, spoken_s))
    plan = [t[1] for t in turns]
    overall = judge_close(inputs, plan, {1, 2}, None, answered_over=lines)
    writer.set_plan(plan)
    writer.finish(status="complete", analysis=overall)
    session = store.load(writer.id)
    # what the session keeps is what the rehearsal judged
    (first,) = lines
    assert answered_over(session, {1, 2}) == [
        LineAnswered(1, ask, round(first.line_s, 3), round(first.began, 3), first.spoken_s)
    ]
    title = FIXES["spoke_over"].title
    assert session.analysis is not None
    (fix,) = [p for p in session.analysis.coaching if p.title == title]
    assert fix.message.startswith("You began answering 1.0 s into the interviewer's"), fix.message
    assert "everything from my side. Is there anything else" in fix.message, fix.message
    console = Console(record=True, width=400)  # each note on one line
    console.print(session_view(session))
    shown = " ".join(console.export_text().split())
    # `sessions show` lists no coaching: the line's note says it, as the closing does
    note = r'line was over, beginning 1\.0 s into its \d+\.\d s, over "is everything'
    assert re.search(note, shown), shown
    html = render_report(session, load_progress(store))
    assert title in html and "1.0 s into the interviewer&#39;s" in html
    # a session kept before where their speech began and the line's length: where the
    # line stopped, and the length of its audio
    from voicecoach.review.replay_view import line_answered

    older = dataclasses.replace(session.turns[0], began_at=None, line_s=None, spoken_s=None)
    assert line_answered(older) == LineAnswered(
        1, ask, pytest.approx(first.line_s, abs=1e-3),
        pytest.approx(first.began + HEARD_AFTER_S / first.line_s, abs=1e-3),
        pytest.approx(first.spoken_s, abs=1e-3),
    )  # fmt: skip
    # heard and judged again: the same fix, from what the session kept
    again = reanalyze_session(writer.id, store=store, transcriber=faster_transcriber)
    assert again.analysis is not None
    assert [p for p in again.analysis.coaching if p.title == title] == [fix]


@pytest.mark.slow
def test_a_turn_whose_audio_is_gone_is_left_out_and_named(
    _home: Path, faster_transcriber: Any
) -> None:
    """Trial 20: with turn 2's answer.wav removed, `analyze --session` scored what turn 2
    asked for (the recap) as never done, as for a turn the rehearsal never reached, and
    said only "4 answer(s) re-analysed". Turn 3 makes the interest and the ask, turn 4
    (asked for them) only thanks: turn 4's verdict credits them from turn 3, which the
    credit named "turn 2", its place among the turns heard again."""
    from voicecoach.analysis.wording import DETAIL, NOTES
    from voicecoach.review.replay_view import turn_feedback

    store = Store(_home)
    strong = support.sample_answers("strong", faster_transcriber)
    sid = support.record_session(store, [strong[0], strong[1], strong[3], strong[4]], plan=True)
    second = store.load(sid).turns[1]
    assert second.answer_wav is not None and "recap" in second.expects
    second.answer_wav.unlink()

    result = reanalyze_session(sid, store=store, transcriber=faster_transcriber)

    a = result.analysis
    assert result.turns == 3 and a is not None and {s.turn for s in a.sentences} == {1, 3, 4}
    recap = a.check("recap")
    assert recap is not None and recap.status == "not_expected", recap
    assert recap.detail == DETAIL["audio_missing"].format(turns="turn 2")
    assert NOTES["audio_missing"].format(turn=2) in a.notes
    assert result.left_out == (2,)
    assert "Turn 2 left out: its answer audio is missing" in result.describe()
    # the report's line names it as left out, not as judged again (review)
    from voicecoach.review.report import reanalysis_lines

    (line,) = reanalysis_lines(store.load(sid))
    said = ": turns 1, 3 and 4 judged again on the words already transcribed, turn 2 left out"
    assert said + " (audio gone); score" in line, line
    # the turn left out keeps its earlier results, and the session is whole again: it no
    # longer promises the audio (trial 21: it stayed "damaged", and `sessions show` sent
    # the user back to the re-analysis just run)
    session = store.load(sid)
    assert session.turns[1].analysis is not None and session.analysis == a
    assert session.turns[1].answer_wav is None
    (row,) = [s for s in store.list_sessions() if s.id == sid]
    assert row.status != "damaged" and row.metrics.score == a.score, row
    # turn 4's verdict as the report and replay show it, with turn 2's results gone too:
    # the ask counted from turn 3
    (session.turns[1].path / "analysis.json").unlink()
    session = store.load(sid, derived="lenient")
    shown = turn_feedback(session, session.turns[3])
    assert shown is not None
    ask = shown.check("ask_for_job")
    assert ask is not None and ask.status == "done" and "counted from turn 3" in ask.detail, ask
