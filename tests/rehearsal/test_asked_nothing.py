"""A scenario turn that asks for nothing (small talk: a concern turn whose doubt was not
voiced, with ``no_concern_expects = []``) is not coached on moves it never asked for, live,
in the replay or in the report; the closing still counts what was said there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rehearsal_support import latest_session, say
from rich.console import Console

from voicecoach.analysis import wording
from voicecoach.review.progress import load_progress
from voicecoach.review.replay_view import feedback_panel
from voicecoach.review.report import render_report
from voicecoach.sessions.store import Store

SCENARIO = """\
name = "small-talk"
title = "Small talk in the middle"
description = "A probe, a line that asks for nothing, then the goodbye."

[[turns]]
id = "probe"
expects = ["concerns"]
phrasings = ["Is there anything you would like to ask me?"]

[[turns]]
id = "chat"
expects = ["concern_answer"]
concerns = ["you have not led a team."]
concern_chance = 0.0
phrasings = ["One doubt: {concern} How would you respond?"]
no_concern_phrasings = ["No, nothing stands out. How was your trip in today?"]
no_concern_expects = []

[[turns]]
id = "bye"
expects = ["interest", "thanks"]
phrasings = ["Thanks, that is all from me."]
"""
ANSWERS = (
    "Is there anything in my background that gives you pause about my fit?",
    "It was fine, the train was quick. I really want this job.",
    "Thank you for your time today.",
)
# The coaching on moves the chat line never asked for (the closing did not ask for
# questions, a recap or the ask either).
NOT_ASKED = ("ask_missing", "questions_missing", "recap_missing", "concerns_missing")


@pytest.mark.slow
def test_a_turn_that_asked_nothing_is_not_coached_on_moves_and_still_counts(
    tmp_path: Path,
) -> None:
    from click.testing import CliRunner

    from voicecoach.cli import main

    scenario = tmp_path / "small-talk.toml"
    scenario.write_text(SCENARIO)
    answers = [str(say(text, tmp_path / f"a{n}.wav")) for n, text in enumerate(ANSWERS, 1)]
    result = CliRunner().invoke(
        main,
        ["rehearse", str(scenario), "--no-audio", "--seed", "1", "--answers", *answers],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    chat = out[out.index("Interviewer (turn 2)") : out.index("Interviewer (turn 3)")]
    # the interest said over small talk, as Whisper hears it piece by piece (CI, stop 47:
    # on a loaded machine one run missed the exact words; the test is about the coaching)
    said = re.compile(r"want\w*\W+(?:\w+\W+)?(?:this|the) job", re.IGNORECASE)
    assert said.search(chat), chat
    titles = [wording.FIXES[k].title for k in NOT_ASKED]
    assert "Next time" not in chat and not any(t in chat for t in titles), chat

    session = Store().load(latest_session().name)
    a = session.turns[1].analysis
    assert a is not None and session.analysis is not None
    assert a.expects == () and {c.status for c in a.checks} <= {"done", "not_expected"}
    assert not [p.title for p in a.coaching if p.kind == "fix" and p.title in titles]
    # the closing asked what the turns asked (the probe, interest, thanks) and credits the
    # interest said over small talk, as turn 3's verdict says
    closing = {c.key: c.status for c in session.analysis.checks}
    # The probe's "pause" is heard as "part", unsure (0.21-0.26), on every CPU measured;
    # whether that leaves the invite unclear rests on how sure Whisper was of the other
    # words: "done" on an AVX-512 Zen 5, with oneDNN held to AVX2 and with CTranslate2 held
    # to GENERIC kernels, "unclear" with oneDNN held to AVX512_CORE (no VNNI), the words'
    # probabilities a few hundredths apart. Either way the closing says what the probe's
    # turn said.
    probe = session.turns[0].analysis
    invite = probe.check("concerns") if probe is not None else None
    assert invite is not None and invite.status in {"done", "unclear"}
    assert closing.pop("concerns") == invite.status
    assert closing == {
        "final_questions": "not_expected", "recap": "not_expected",
        "interest": "done", "ask_for_job": "not_expected", "thanks": "done",
    }  # fmt: skip
    assert session.analysis.expects == ("concerns", "interest", "thanks")
    bye = out[out.index("Interviewer (turn 3)") :]
    assert re.search(r"counted from turn 2: \"[^\"]*" + said.pattern, bye, re.IGNORECASE), bye

    # the replay and the report show the chat turn as the live verdict did
    console = Console(record=True, width=200)
    console.print(feedback_panel(session.turns[1], session))
    panel = console.export_text()
    assert not any(t in panel for t in titles), panel
    html = render_report(session, load_progress(Store()))
    section = html[html.index('id="turn-2"') : html.index('id="turn-3"')]
    assert not any(t in section for t in titles), section
