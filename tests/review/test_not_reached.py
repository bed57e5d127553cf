"""A move whose turn the rehearsal never reached, or left with nothing said when the
candidate stopped it, reads "not reached" in the closing, in its turn's panel in the replay
and in the report: not unclear for an earlier answer not heard clearly. Trial 48 (q on
turn 2 after a first answer Whisper was unsure of) read "? Recap in 20-30 s  unclear,
not judged: turn 1 was not heard clearly enough to tell (heard: "Just one.")"."""

from __future__ import annotations

import html
import json
from pathlib import Path

import numpy as np
import pytest
import sessions_support as support
from browser_support import BrowserPage
from rich.console import Console

from voicecoach.analysis import TurnInput, analyze
from voicecoach.analysis.render import renderables
from voicecoach.analysis.wording import DETAIL, NOTES, STOPPED_BEFORE_ANSWER
from voicecoach.audio.files import write_wav
from voicecoach.pipeline import judge_close
from voicecoach.review.export import session_json
from voicecoach.review.progress import load_progress
from voicecoach.review.replay import replay_clips
from voicecoach.review.replay_view import feedback_panel, screen
from voicecoach.review.report import render_report
from voicecoach.review.sessions_view import session_view
from voicecoach.sessions.store import Store
from voicecoach.settings import SAMPLE_RATE_HZ
from voicecoach.transcript import Transcript

PLAN = (
    ("question",),
    ("recap", "concerns"),
    ("interest",),
    ("interest", "ask_for_job"),
    ("thanks",),
)
MUMBLED = "Just one. You are moving, Dana, list of them off, it's done some next year."
NEVER = DETAIL["not_reached"]


def _text(*things: object) -> str:
    console = Console(record=True, width=200)
    console.print(*things)
    return " ".join(console.export_text().split())


def _turns() -> list[TurnInput]:
    return [
        TurnInput(support.heard_unsure(MUMBLED), PLAN[0], number=1),
        TurnInput(Transcript.from_text(""), PLAN[1], (), number=2),  # q before a word
    ]


def test_the_closing_says_not_reached_for_moves_after_the_stop() -> None:
    closing = judge_close(_turns(), PLAN, {1, 2}, None, stopped=True)
    assert closing is not None
    rows = {c.key: c for c in closing.checks}
    for key in ("concerns", "recap", "interest", "ask_for_job", "thanks"):
        assert (rows[key].status, rows[key].detail) == ("missing", NEVER), rows[key]
    assert rows["final_questions"].status == "unclear"  # the answer given, not heard clearly
    shown = _text(*renderables(closing))  # the terminal's checklist
    for key in ("concerns", "recap", "interest", "ask_for_job", "thanks"):
        assert f"{rows[key].label} {NEVER}" in shown, shown
    fixes = [p.title for p in closing.coaching if p.kind == "fix"]
    assert not {"Recap why you fit", "Invite their doubts", "Ask for the job"} & set(fixes), fixes
    # a turn waited out in silence (not stopped) is an answer: its recap was missed there
    waited = judge_close(_turns(), PLAN, {1, 2}, None, stopped=False)
    assert waited is not None and waited.check("recap").detail != NEVER  # type: ignore[union-attr]


def _stopped_session(home: Path):  # type: ignore[no-untyped-def]
    """A stored session stopped in turn 2 before a word, as the rehearsal saves one."""
    store = Store(home)
    writer = store.create(scenario="final-close", profile=None, engine="", model="")
    turns = _turns()
    for t in turns:
        prompt = f"Turn {t.number}?"
        paths = writer.turn_paths(t.number or 0, prompt_text=prompt)
        if not t.transcript.text:  # the second of silence recorded before q
            write_wav(paths.answer_wav, np.zeros(SAMPLE_RATE_HZ, np.float32))
        found = analyze(t.transcript, expects=t.expects)
        writer.save_turn(t.number or 0, prompt_text=prompt, expects=t.expects,
                         transcript=t.transcript, analysis=found)  # fmt: skip
    writer.set_plan([list(x) for x in PLAN])
    writer.finish(
        status="interrupted", analysis=judge_close(turns, PLAN, {1, 2}, None, stopped=True)
    )
    return store, store.load(writer.id)


def test_the_left_turns_panel_says_not_reached_in_the_replay_and_the_report(_home: Path) -> None:
    store, session = _stopped_session(_home)
    replayed = _text(feedback_panel(session.turns[1], session))
    assert f"Recap in 20-30 s {NEVER}" in replayed and "turn 1" not in replayed, replayed
    report = html.unescape(render_report(session, load_progress(store)))
    assert "turn 1 was not heard clearly" not in report
    assert report.count(NEVER) >= 5 + 2, report.count(NEVER)  # the closing's rows and the turn's


def test_the_left_turn_reads_not_answered_in_every_view(_home: Path) -> None:
    """Live trial 49, T12: the turn left with q read "Skipped: nothing was said" live, "(no
    words were transcribed)" in `sessions show` and the replay, and "No words were
    transcribed." with "Note: no speech in the transcript: nothing to analyse" in the
    report, beside rows saying the rehearsal stopped before it was answered."""
    store, session = _stopped_session(_home)
    said = f"({STOPPED_BEFORE_ANSWER})"
    shown = _text(session_view(session))
    assert said in shown and "no words were transcribed" not in shown, shown
    clips = replay_clips(session)
    (answer,) = [i for i, c in enumerate(clips) if c.turn == 2 and c.kind == "answer"]
    replay = _text(screen(session, clips[answer], 0.0, paused=True, speed=1.0,
                          clip_index=answer, clip_count=len(clips)))  # fmt: skip
    assert said in replay and "no words were transcribed" not in replay, replay
    report = html.unescape(render_report(session, load_progress(store)))
    sentence = STOPPED_BEFORE_ANSWER[0].upper() + STOPPED_BEFORE_ANSWER[1:] + "."
    assert report.count(sentence) == 1, report
    assert "No words were transcribed." not in report
    assert NOTES["empty"] not in report


def test_the_json_export_says_the_left_turn_was_not_answered(_home: Path) -> None:
    # the report says it; the export's reader had only the stored "nothing to analyse"
    _store, session = _stopped_session(_home)
    turns = json.loads(session_json(session))["turns"]
    assert [t["stopped"] for t in turns] == ["", STOPPED_BEFORE_ANSWER]
    assert {row["detail"] for row in turns[1]["checks"]} == {NEVER}


@pytest.mark.browser
def test_the_report_in_chromium_shows_the_left_turn_as_not_answered(
    _home: Path, tmp_path: Path, browser_page: BrowserPage
) -> None:
    store, session = _stopped_session(_home)
    report = tmp_path / "report.html"
    report.write_text(render_report(session, load_progress(store)), encoding="utf-8")
    page = browser_page.page
    page.goto(report.as_uri())
    turn = page.locator("#turn-2")
    shown = " ".join(turn.inner_text().split())  # what the page shows, the rows folded
    sentence = STOPPED_BEFORE_ANSWER[0].upper() + STOPPED_BEFORE_ANSWER[1:] + "."
    assert sentence in shown, shown
    assert "No words were transcribed." not in shown and NOTES["empty"] not in shown, shown
    rows = " ".join((turn.text_content() or "").split())  # ...and in the folded rows
    assert "Recap in 20-30 s" in rows and NEVER in rows, rows
    assert not browser_page.problems, browser_page.problems


def test_the_replay_gives_no_feedback_delay_for_the_left_turn(_home: Path) -> None:
    """Live trial 50, L7: the replay of the turn left with q read "feedback came 0.0 s
    after you stopped": no answer was given, so no delay after it is shown."""
    from dataclasses import replace

    _, session = _stopped_session(_home)
    timed = replace(session.turns[1], answer_ended_at=100.0, feedback_ready_at=100.0)
    assert timed.feedback_latency_s == 0.0
    replayed = _text(feedback_panel(timed, session))
    assert STOPPED_BEFORE_ANSWER in replayed or NEVER in replayed, replayed
    assert "feedback came" not in replayed, replayed
    answered = replace(session.turns[0], answer_ended_at=100.0, feedback_ready_at=100.8)
    assert "feedback came 0.8 s after you stopped" in _text(feedback_panel(answered, session))
