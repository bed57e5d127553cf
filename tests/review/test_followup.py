"""The thank-you draft from a real sample closing (real audio, Whisper and analyzer)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sessions_support as support

from voicecoach.review.followup import FOLLOWUP_DUE_S, clean_spoken, draft_followup, format_due
from voicecoach.sessions.store import Store


@pytest.mark.parametrize(
    ("spoken", "written"),
    [
        ("um, I I led the, uh, forecasting work", "I led the forecasting work."),
        ("so I have, you know, five years of SQL", "I have five years of SQL."),
        ("well, my team, um, basically grew", "My team grew."),
        ("I built dashboards, like, every week!", "I built dashboards, every week!"),
        ("Uh", ""),
    ],
)
def test_clean_spoken(spoken: str, written: str) -> None:
    assert clean_spoken(spoken) == written


@pytest.mark.slow
def test_draft_uses_the_profile_and_the_candidates_own_recap(
    _home: Path,
    faster_transcriber,  # type: ignore[no-untyped-def]
) -> None:
    store = Store(_home)
    session = store.load(
        support.record_session(store, support.sample_answers("strong", faster_transcriber))
    )
    email = draft_followup(session)
    assert email.body.startswith("Dear Dana Reyes,")
    assert "senior data analyst role at Northwind Freight" in email.body
    assert email.subject == "Thank you: senior data analyst interview at Northwind Freight"
    assert email.due_at == pytest.approx(session.ended_at + FOLLOWUP_DUE_S)
    said = " ".join(t.transcript.text for t in session.turns).lower()
    assert email.fit_points, "no recap sentence was quoted"
    for point in email.fit_points:
        assert point in email.body and not point.endswith("?")
        assert point.rstrip(".").lower()[:25] in said  # the candidate's words, not ours
    assert format_due(email, now=session.ended_at).endswith("(in 24 h 00 min)")
    assert "send it now" in format_due(email, now=email.due_at + 1)


def test_draft_without_profile_or_recap(_home: Path) -> None:  # type: ignore[no-untyped-def]
    store = Store(_home)
    writer = store.create(scenario="recap", profile=None, engine="faster-whisper", model="tiny.en")
    writer.finish(status="interrupted", analysis=None)
    email = draft_followup(store.load(writer.id))
    assert email.body.startswith("Dear hiring team,") and email.fit_points == ()
    assert "[Add one or two sentences" in email.body
