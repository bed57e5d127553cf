"""An answer's length reads the same in every view of its turn: the live panel, the
replay, ``sessions show`` and the report (live trial 51, L3; stop 52's note, section 7:
the waiting a merged answer left out was shown live only)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voicecoach.analysis import analyze
from voicecoach.audio.recorders import Recording
from voicecoach.rehearsal.verdict import answer_length
from voicecoach.sessions.files import Damaged, read_manifest
from voicecoach.sessions.store import Store
from voicecoach.transcript import Segment, Transcript, Word

SAID = "What would success look like in the first six months? What's the team like?"
# the answer's speech, as the merged answer keeps it: the question, then the second one
REGIONS = ((0.4, 3.6), (4.1, 6.9))


def _timed(text: str, start_s: float = 0.4) -> Transcript:
    words, t = [], start_s
    for w in text.split(" "):
        words.append(Word(w, t, t + 0.35, 0.95))
        t += 0.45
    return Transcript(text, (Segment(text, start_s, t, tuple(words)),), t)


def _saved(home: Path, left_out_s: float) -> tuple[Store, str]:
    """A session of one turn saved as the rehearsal saves a merged answer; the live
    panel's length for it."""
    store = Store(home)
    writer = store.create(scenario="final-close", profile=None, engine="", model="")
    writer.turn_paths(1, prompt_text="Any questions for me?")
    transcript = _timed(SAID)
    analysis = analyze(transcript, expects=("question",), speech_regions=REGIONS)
    writer.save_turn(
        1, prompt_text="Any questions for me?", expects=("question",), transcript=transcript,
        analysis=analysis, speech_regions=REGIONS, answer_ended_at=100.0,
        feedback_ready_at=100.2, left_out_s=left_out_s,
    )  # fmt: skip
    writer.finish(status="complete", analysis=None)
    recording = Recording(Path("a.wav"), 7.5, "finished", True, 0.0, 7.5, left_out_s=left_out_s)
    live = answer_length(recording, REGIONS, analysis.delivery.answer_span_s)
    return store, live


def _views(store: Store) -> str:
    """What the replay's feedback panel, ``sessions show`` and the report print."""
    from rich.console import Console

    from voicecoach.review.progress import load_progress
    from voicecoach.review.replay_view import feedback_panel
    from voicecoach.review.report import render_report
    from voicecoach.review.sessions_view import session_view

    session = store.load("last")
    console = Console(record=True, width=200)
    console.print(feedback_panel(session.turns[0], session))
    console.print(session_view(session))
    return console.export_text() + render_report(session, load_progress(store))


def test_the_waiting_a_merged_answer_left_out_is_kept_and_shown_as_live(_home: Path) -> None:
    store, live = _saved(_home, 2.5)
    assert live.endswith(", 2.5 s of waiting left out"), live
    assert store.load("last").turns[0].left_out_s == 2.5
    shown = _views(store)
    # the panel, the table of turns and the report's turn head: the live words each time
    assert shown.count(live) == 3, shown


def test_a_session_saved_before_the_waiting_was_kept_opens_with_none(_home: Path) -> None:
    store, _ = _saved(_home, 2.5)
    folder = store.load("last").path
    manifest = json.loads((folder / "manifest.json").read_text())
    for turn in manifest["turns"]:
        del turn["left_out_s"]
    (folder / "manifest.json").write_text(json.dumps(manifest))
    session = store.load("last")
    assert session.turns[0].left_out_s == 0.0
    shown = _views(store)
    assert "waiting left out" not in shown
    assert shown.count(" s answer") == 3, shown  # the length alone, in every view


def test_a_waiting_that_is_no_length_of_time_is_a_damaged_manifest(_home: Path) -> None:
    """Review (stop 53): a negative left_out_s was taken as it was, and Infinity printed
    "inf s of waiting left out"; the manifest's field is a length of time or it is damaged."""
    store, _ = _saved(_home, 2.5)
    folder = store.load("last").path
    manifest = json.loads((folder / "manifest.json").read_text())
    for bad in (-1.0, float("inf"), "2.5"):
        manifest["turns"][0]["left_out_s"] = bad
        (folder / "manifest.json").write_text(json.dumps(manifest))
        with pytest.raises(Damaged, match=r"left_out_s"):
            read_manifest(folder)
