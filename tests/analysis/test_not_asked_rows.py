"""Rows a drill did not ask for carry no verdict (trial 21): a move the candidate made in
part where nobody asked for it ("I guess I'd be sort of interested", a yes/no question, a
passive sign-off) reads "not asked here" in the checklist, the per-turn rows, the JSON and
the HTML report, and earns no points and no fix. A move made in full keeps its tick, with
no fault beside it. Each built-in drill is run as the rehearsal saves it, through the real
analyzer and a real session store."""

from __future__ import annotations

from pathlib import Path

import pytest
import sessions_support as support
from rich.console import Console

from voicecoach.analysis import wording
from voicecoach.analysis.analyzer import analyze_text
from voicecoach.analysis.common import is_expected
from voicecoach.analysis.render import renderables
from voicecoach.analysis.results import Analysis
from voicecoach.review.progress import load_progress
from voicecoach.review.report import render_report
from voicecoach.scenario import load_scenario
from voicecoach.sessions.store import Store
from voicecoach.transcript import Transcript

HEDGED = "I guess I'd be sort of interested in the job."
YES_NO = "Is the role hybrid?"
SIGN_OFF = "Anyway, I look forward to hearing from you."
RECAP = (
    "I'm a strong fit because I build SQL pipelines and demand forecasting models, and my "
    "dashboards cut stock-outs by 18 percent for our buyers."
)
# each drill's answers, turn by turn: what the turn asked for, and moves it did not ask for
# made in part
ANSWERS = {
    "recap": (f"{RECAP} {HEDGED} {YES_NO} {SIGN_OFF}",),
    "ask": (
        f"I really want this job. What are the next steps and when will I hear back? {YES_NO}",
        f"Thank you so much for your time today. {SIGN_OFF}",
    ),
    "concerns": (
        f"Is there anything about my background that gives you pause? {HEDGED}",
        f"I mentored two juniors and ran our on-call rota for a year. {YES_NO} {SIGN_OFF}",
    ),
}
# what a row's detail says of a move made in part, or of a fault beside a tick
FAULTS = (
    wording.DETAIL["interest_hedged"].split(" (")[0],  # 'said, but hedged'
    "yes/no",
    wording.DETAIL["no_research"],
    wording.DETAIL["ask_sign_off"],
    wording.DETAIL["ask_no_timeline"].lstrip("; "),
    "too short",
)
# the fixes each check's verdict gives
FIXES = {
    "final_questions": ("questions_missing", "questions_closed", "questions_no_research"),
    "interest": ("interest_missing", "interest_hedged"),
    "ask_for_job": ("ask_missing", "ask_sign_off", "no_timeline"),
    "recap": ("recap_missing", "recap_too_short", "strengths_missed"),
    "thanks": ("thanks_missing",),
    "concerns": ("concerns_missing",),
}


def _not_asked_rows(a: Analysis, expects: tuple[str, ...]) -> list[str]:
    """What is wrong with ``a``'s rows for the checks ``expects`` did not ask for."""
    wrong = []
    fixes = {p.title for p in a.coaching if p.kind == "fix"}
    for c in a.checks:
        if is_expected(c.key, expects):
            continue
        if c.status not in ("not_expected", "done"):
            wrong.append(f"{c.key}: {c.status}")
        if c.status == "not_expected" and c.detail not in (
            wording.DETAIL["not_asked"],
            wording.DETAIL["concerns_asked"],
        ):
            wrong.append(f"{c.key}: {c.detail!r}")
        wrong += [f"{c.key}: {c.detail!r} says {f!r}" for f in FAULTS if f in c.detail]
        wrong += [f"{c.key}: fix {k}" for k in FIXES[c.key] if wording.FIXES[k].title in fixes]
        if any(p.key == c.key for p in a.score_parts):
            wrong.append(f"{c.key}: scored")
    return wrong


@pytest.mark.parametrize("drill", sorted(ANSWERS))
def test_a_drill_gives_no_verdict_on_a_move_it_did_not_ask_for(drill: str, _home: Path) -> None:
    plan = load_scenario(drill).turns
    said = ANSWERS[drill]
    assert len(said) == len(plan)
    answers = [(Transcript.from_text(t), spec.expects) for t, spec in zip(said, plan, strict=True)]
    store = Store(_home)
    session = store.load(support.typed_close_session(store, answers, scenario=drill))
    overall = session.analysis
    assert overall is not None
    drill_asks = tuple(e for spec in plan for e in spec.expects)
    # every drill's answers make, in part, a move it did not ask for: the test tests something
    raw = analyze_text(" ".join(said), expects=None)
    made = {c.key for c in raw.checks if c.status == "partial"}
    assert made - {c for c in made if is_expected(c, drill_asks)}, (drill, raw.checks)

    assert _not_asked_rows(overall, drill_asks) == [], overall.checks
    for turn, spec in zip(session.turns, plan, strict=True):
        assert turn.analysis is not None
        assert _not_asked_rows(turn.analysis, spec.expects) == [], (turn.n, turn.analysis.checks)

    # the JSON, and the views, say the same
    stored = {c["key"]: c for c in overall.to_dict()["checks"]}
    console = Console(record=True, width=160)
    for r in renderables(overall):
        console.print(r)
    text = console.export_text()
    html = render_report(session, load_progress(store))
    for c in overall.checks:
        if c.status != "not_expected":
            continue
        assert stored[c.key]["detail"] == c.detail
        line = next(x for x in text.splitlines() if c.label in x)
        assert not any(f in line for f in FAULTS), line
        row = next(x for x in html.splitlines() if f"<strong>{c.label}</strong>" in x)
        assert f'<span class="detail">{c.detail}</span>' in row, row


def test_a_move_made_in_full_where_not_asked_keeps_its_tick_without_faults() -> None:
    # an open question and an ask for the next steps, volunteered in a recap drill: credited,
    # with nothing said of the research or the timing nobody asked for
    said = f"{RECAP} How does the team measure success? I would love to know the next steps."
    drill = analyze_text(said, expects=("recap",))
    rows = {c.key: c for c in drill.checks}
    assert rows["final_questions"].status == rows["ask_for_job"].status == "done", drill.checks
    assert rows["final_questions"].detail == "1 question (1 open)"
    assert rows["ask_for_job"].detail == wording.DETAIL["ask_done"]
    # where they are asked for, the same words are told what is missing
    close = {c.key: c for c in analyze_text(said, expects=None).checks}
    assert wording.DETAIL["no_research"] in close["final_questions"].detail
    assert close["ask_for_job"].detail.endswith(wording.DETAIL["ask_no_timeline"])


def test_a_row_only_a_turn_left_out_asked_for_says_so_over_a_move_made_in_part() -> None:
    # a re-analysis with the ask turn's audio gone: the interest said in part in the first
    # answer is not the verdict on a row nobody left in the re-analysis asked for
    from voicecoach.analysis.analyzer import TurnInput, analyze_rehearsal

    first = Transcript.from_text(f"How does the team measure success? {HEDGED}")
    a = analyze_rehearsal(
        [TurnInput(first, ("question",))], left_out=[(2, ("interest", "ask_for_job"))]
    )
    row = a.check("interest")
    assert row is not None and row.status == "not_expected", row
    assert row.detail == wording.DETAIL["audio_missing"].format(turns="turn 2"), row.detail


def test_a_claim_of_fit_in_the_answer_to_a_doubt_is_no_recap_where_none_was_asked() -> None:
    # a concerns drill: the answer's claim of fit backs it, and is not ticked or praised as
    # a recap (nor charted as one)
    from voicecoach.analysis.analyzer import TurnInput, analyze_rehearsal
    from voicecoach.profile import profile_from_dict
    from voicecoach.sessions.metrics import metrics_of

    profile = profile_from_dict(support.PROFILE, source="test")
    probe = "Is there anything about my background that gives you pause?"
    answer = (
        "That's fair, I haven't worked in freight. But I'm a strong fit: I build demand "
        "forecasting models in SQL and my dashboards cut stock-outs by 18 percent."
    )
    a = analyze_rehearsal([
        TurnInput(Transcript.from_text(probe), ("concerns",)),
        TurnInput(Transcript.from_text(answer), ("concern_answer",), None,
                  "you have not worked in freight before."),
    ], profile)  # fmt: skip
    row = a.check("recap")
    assert row is not None and row.status == "not_expected", row
    assert row.detail == wording.DETAIL["not_asked"] and row.evidence, row
    assert not any(p.title == wording.STRENGTHS["recap"].title for p in a.coaching), a.coaching
    assert (metrics_of(a).checks_done, metrics_of(a).checks_total) == (1, 1)
    # asked for, the same words are a recap
    asked = analyze_text(answer, profile, expects=("recap",)).check("recap")
    assert asked is not None and asked.status == "done", asked
