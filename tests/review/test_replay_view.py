"""The replay's feedback panel: what it says beside a turn as the turn plays."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.console import Console

from voicecoach.analysis import analyze
from voicecoach.review.replay_view import feedback_panel
from voicecoach.sessions.store import Store
from voicecoach.transcript import Transcript


def test_the_feedback_panel_tells_fixes_from_strengths_and_keeps_the_delay_apart(
    _home: Path,
) -> None:
    # Trial 15 (S15 turn 1): "• Shorten the long silences / • Show your research ... /
    # • Good questions", the strength with no text and "feedback came 0.8 s after you
    # stopped" under it as if it were its text.
    t = Transcript.from_text("What does success look like in the first year? Who is on the team?")
    analysis = analyze(t, expects=("question",))
    fix, strength = analysis.coaching
    assert (fix.kind, strength.kind) == ("fix", "strength")
    # the fix ranked first of those this turn kept (a review: one of another turn left out
    # of it showed "2." with no "1.")
    fix = replace(fix, priority=2)
    analysis = replace(analysis, coaching=(fix, strength))
    writer = Store(_home).create(scenario="ask", profile=None, engine="", model="")
    writer.turn_paths(1, prompt_text="Any questions?")
    writer.save_turn(
        1, prompt_text="Any questions?", expects=("question",), transcript=t, analysis=analysis,
        answer_ended_at=100.0, feedback_ready_at=100.8,
    )  # fmt: skip
    writer.finish(status="complete", analysis=None)
    session = Store(_home).load("last")
    console = Console(record=True, width=200)
    console.print(feedback_panel(session.turns[0], session))
    shown = console.export_text().splitlines()
    rows = [line.strip("│ ") for line in shown]
    assert f"1. {fix.title}" in rows, rows
    assert f"+  {strength.title}: {strength.message}" in rows, rows
    assert not any(row.startswith("•") for row in rows), rows
    # the delay starts the panel's line, not the text column of the point above it
    (delay,) = [line for line in shown if "feedback came" in line]
    assert delay.startswith("│ feedback came 0.8 s after you stopped"), delay


def test_a_saved_turn_with_no_words_is_not_called_unsaved(_home: Path) -> None:
    # Trial 15 (S07 turn 5, skipped with Enter): the replay's answer panel said "(no
    # transcript: the turn was not saved)" for a turn saved with an empty transcript.
    from voicecoach.review.replay_view import Clip, screen

    writer = Store(_home).create(scenario="ask", profile=None, engine="", model="")
    writer.turn_paths(1, prompt_text="Goodbye.")
    t = Transcript.from_text("")
    writer.save_turn(
        1, prompt_text="Goodbye.", expects=("thanks",), transcript=t,
        analysis=analyze(t, expects=("thanks",)),
    )  # fmt: skip
    writer.finish(status="complete", analysis=None)
    session = Store(_home).load("last")
    assert session.turns[0].transcript is not None
    answer = Clip(1, "answer", None, 15.0, "")  # its silent recording, 15 s long
    console = Console(record=True, width=200)
    console.print(screen(session, answer, 1.0, paused=False, speed=1.0, clip_index=0, clip_count=1))
    shown = console.export_text()
    assert "(no words were transcribed)" in shown and "not saved" not in shown, shown
