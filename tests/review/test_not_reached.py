"""A move whose turn the rehearsal never reached, or left with nothing said when the
candidate stopped it, reads "not reached" in the closing, in its turn's panel in the replay
and in the report: not unclear for an earlier answer not heard clearly. Trial 48 (q on
turn 2 after a first answer Whisper was unsure of) read "? Recap in 20-30 s  unclear,
not judged: turn 1 was not heard clearly enough to tell (heard: "Just one.")"."""

from __future__ import annotations

import html
from pathlib import Path

import sessions_support as support
from rich.console import Console

from voicecoach.analysis import TurnInput, analyze
from voicecoach.analysis.render import renderables
from voicecoach.analysis.wording import DETAIL
from voicecoach.pipeline import judge_close
from voicecoach.review.progress import load_progress
from voicecoach.review.replay_view import feedback_panel
from voicecoach.review.report import render_report
from voicecoach.sessions.store import Store
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


def test_the_left_turns_panel_says_not_reached_in_the_replay_and_the_report(_home: Path) -> None:
    store = Store(_home)
    writer = store.create(scenario="final-close", profile=None, engine="", model="")
    turns = _turns()
    for t in turns:
        prompt = f"Turn {t.number}?"
        writer.turn_paths(t.number or 0, prompt_text=prompt)
        found = analyze(t.transcript, expects=t.expects)
        writer.save_turn(t.number or 0, prompt_text=prompt, expects=t.expects,
                         transcript=t.transcript, analysis=found)  # fmt: skip
    writer.set_plan([list(x) for x in PLAN])
    writer.finish(
        status="interrupted", analysis=judge_close(turns, PLAN, {1, 2}, None, stopped=True)
    )
    session = store.load(writer.id)
    replayed = _text(feedback_panel(session.turns[1], session))
    assert f"Recap in 20-30 s {NEVER}" in replayed and "turn 1" not in replayed, replayed
    report = html.unescape(render_report(session, load_progress(store)))
    assert "turn 1 was not heard clearly" not in report
    assert report.count(NEVER) >= 5 + 2, report.count(NEVER)  # the closing's rows and the turn's
