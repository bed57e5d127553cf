"""The interest row and Delivery's hedges say the same thing wherever they are shown: the
terminal's closing, the HTML report and the replay. Trials 47 and 48 read 'State your
interest  said, but hedged ("I think")' beside 'Hedges: none' for "I really want this job
and I think I can help the team from the first week.": the "I think" softens a claim run
on after the interest, not the interest, and the playbook lists "I think maybe", not "I
think", as a hedge. A hedge that does soften the interest is counted in Delivery too."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
import sessions_support as support
from rich.console import Console

from voicecoach.analysis.render import renderables
from voicecoach.review.progress import load_progress
from voicecoach.review.replay_view import feedback_panel
from voicecoach.review.report import render_report
from voicecoach.sessions.store import Store
from voicecoach.transcript import Transcript

QUESTION = "How does the team decide which requests come first?"
THANKS = "Thank you so much for your time today, Dana."


def _text(*things: object) -> str:
    console = Console(record=True, width=200)
    console.print(*things)
    return " ".join(console.export_text().split())


@pytest.mark.parametrize(
    ("said", "row", "hedges"),
    [
        # the trial's sentence: plain interest, a claim run on after it
        (
            "I really want this job and I think I can help the team from the first week.",
            "said plainly",
            "Hedges: none",
        ),
        # a hedge on the interest itself that the playbook's list does not hold
        (
            "I think I'd really enjoy working here.",
            'said, but hedged ("I think")',
            "Hedges: 1 (I think)",
        ),
        # a tag after it, beside a hedge the list holds: the row and Delivery name that one
        (
            "I'd kind of love to be part of the team, I think.",
            'said, but hedged ("kind of")',
            "Hedges: 1 (kind of)",
        ),
    ],
)
def test_the_interest_row_and_the_hedge_count_agree_everywhere(
    _home: Path, said: str, row: str, hedges: str
) -> None:
    store = Store(_home)
    answers = [
        (Transcript.from_text(QUESTION), ("question",)),
        (Transcript.from_text(said), ("interest",)),
        (Transcript.from_text(THANKS), ("thanks",)),
    ]
    session = store.load(support.typed_close_session(store, answers))
    overall = session.analysis
    assert overall is not None
    interest = overall.check("interest")
    assert interest is not None and interest.detail == row, interest
    closing = _text(*renderables(overall))  # the terminal's closing
    assert f"State your interest {row}" in closing and hedges in closing, closing
    named = row.partition("(")[2].rstrip(")").strip('"')
    assert all(m.text == named for m in overall.delivery.hedges), overall.delivery.hedges
    assert row in html.unescape(render_report(session, load_progress(store)))  # the report
    replayed = _text(feedback_panel(session.turns[1], session))  # the replay
    assert f"State your interest {row}" in replayed, replayed
    turn = session.turns[1].analysis  # the turn's own verdict counts it the same way
    assert turn is not None and len(turn.delivery.hedges) == len(overall.delivery.hedges)
