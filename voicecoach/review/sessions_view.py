"""Terminal views of stored sessions (rich): the list, one session, progress, the email."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from voicecoach.analysis.wording import score_marked
from voicecoach.review.progress import Progress, drawn_range, metric_range, sparkline
from voicecoach.sessions.index import SessionSummary
from voicecoach.sessions.metrics import Metrics

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.table import Table
    from rich.text import Text

    from voicecoach.analysis.results import Analysis
    from voicecoach.review.followup import FollowupEmail
    from voicecoach.sessions.records import Turn
    from voicecoach.sessions.store import Session

# The trend lines under a scenario's table: metric, name, the unit of its range
TRENDS = (
    ("score", "Score", ""),
    ("recap_s", "Recap s", " s"),
    ("fillers_per_min", "Fillers/min", " a minute"),
    ("pitch_sd_st", "Pitch variation", " st"),
)
# Under a progress table whose Checks column shows an unclear check, as the checklist says it
UNCLEAR_NOTE = "unclear: not judged (voicecoach could not tell), so neither done nor missed"
STATUS_STYLE = {
    "complete": "green",
    "interrupted": "yellow",
    "recording": "cyan",
    "damaged": "bold red",
}


def when(epoch_s: float | None, *, short: bool = False) -> str:
    if not epoch_s:
        return "?"
    return time.strftime("%m-%d %H:%M" if short else "%Y-%m-%d %H:%M", time.localtime(epoch_s))


def _num(v: float | int | None, fmt: str = "{:g}") -> str:
    return "–" if v is None else fmt.format(v)


def _score_cell(score: int | None, provisional: bool | None) -> str:
    """The score, with a "?" when it rests mostly on checks not heard clearly ("93?"): the
    view says what the mark means under its table (wording.SCORE_PROVISIONAL_MARK)."""
    return "–" if score is None else score_marked(score, bool(provisional))


def _provisional_note() -> Text:
    from rich.text import Text

    from voicecoach.analysis.wording import SCORE_PROVISIONAL_MARK

    return Text(SCORE_PROVISIONAL_MARK, style="dim")


def _recap_unjudged_note() -> Text:
    from rich.text import Text

    from voicecoach.analysis.wording import RECAP_UNJUDGED_MARK

    return Text(RECAP_UNJUDGED_MARK, style="dim")


def _recap_cell(recap_s: float | None, unjudged: bool | None = False) -> str:
    """Whole seconds, with a decimal more where rounding would carry a recap outside the
    20-30 s band into it: 19.8 s reads "19.8 s", as its check ("too short") says, not "20 s".
    "?" for a recap whose length was not judged, as the score column marks its own
    (wording.RECAP_UNJUDGED_MARK), "–" for none."""
    if recap_s is None:
        return "?" if unjudged else "–"
    from voicecoach.analysis.wording import beside
    from voicecoach.settings import Thresholds

    th = Thresholds()
    if recap_s < th.recap_min_s:
        return f"{beside(recap_s, th.recap_min_s, 'below', 0)} s"
    if recap_s > th.recap_max_s:
        return f"{beside(recap_s, th.recap_max_s, 'above', 0)} s"
    return f"{recap_s:.0f} s"


UNBOUNDED_WIDTH = 10_000  # measures a table's natural width


class _Tight:
    """A table whose columns lose their padding when it would not fit otherwise: at 80
    columns a recap cell of "19.8 s" cut the status to "interrupt…" (trial 15)."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[RenderableType]:
        from rich.measure import Measurement

        unbounded = options.update_width(UNBOUNDED_WIDTH)
        if Measurement.get(console, unbounded, self.table).maximum > options.max_width:
            self.table.padding = (0, 0, 0, 0)
        yield self.table


def sessions_table(rows: Sequence[SessionSummary]) -> RenderableType:
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=f"{len(rows)} session{'' if len(rows) == 1 else 's'}, newest first",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        padding=(0, 1, 0, 0),
        show_edge=False,
    )
    table.add_column("ID", style="bold", no_wrap=True)
    table.add_column("When", no_wrap=True)
    table.add_column("Scenario", no_wrap=True, overflow="ellipsis", max_width=11)
    table.add_column("Turns", justify="right", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Recap", justify="right", no_wrap=True)
    table.add_column("Status")
    for s in rows:
        status = Text(s.status, style=STATUS_STYLE.get(s.status, ""))
        if s.sample:  # the demo's sample candidate, not the user: not in their progress
            status.append("*", style="dim")
        table.add_row(
            s.id,
            when(s.started_at, short=True),
            Text(s.scenario),
            str(s.turns),
            _score_cell(s.metrics.score, s.metrics.score_provisional),
            _recap_cell(s.metrics.recap_s, s.metrics.recap_unjudged),
            status,
        )
    tight = _Tight(table)
    notes = [
        Text.assemble((f"{s.id} is damaged: ", "bold red"), s.damage) for s in rows if s.damage
    ]
    if notes:
        fix = (
            "restore the file, rebuild it from the audio with `voicecoach analyze --session ID`,"
            " or remove the session with `voicecoach sessions delete ID`"
        )
        notes.append(Text(fix, style="dim"))
    if any(s.metrics.recap_unjudged and s.metrics.recap_s is None for s in rows):
        notes.insert(0, _recap_unjudged_note())
    if any(s.metrics.score_provisional and s.metrics.score is not None for s in rows):
        notes.insert(0, _provisional_note())
    if any(s.sample for s in rows):
        demo = "* a demo run: the sample candidate answered; left out of `voicecoach progress`"
        notes.insert(0, Text(demo, style="dim"))
    return Group(tight, *notes) if notes else tight


def session_view(session: Session) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    head = Table.grid(padding=(0, 2))
    profile = session.profile
    head.add_row("Session", Text(session.id, style="bold"))
    head.add_row("When", f"{when(session.started_at)} → {when(session.ended_at)}")
    head.add_row("Scenario", Text(session.scenario))
    head.add_row("Status", Text(session.status, style=STATUS_STYLE.get(session.status, "")))
    head.add_row("Engine", f"{session.engine} {session.model}")
    if profile:
        head.add_row(
            "Job",
            Text(
                " · ".join(
                    str(profile[k]) for k in ("role", "company", "interviewer") if profile.get(k)
                )
            ),
        )
    if session.analysis is not None:
        from voicecoach.analysis.wording import SCORE_PROVISIONAL

        shown = Text(f"{session.analysis.score}/100", style="bold")
        if session.analysis.score_provisional:
            shown.append(f" ({SCORE_PROVISIONAL})", style="yellow")
        head.add_row("Score", shown)
    earlier_provisional = False
    for h in session.history:
        marked = h.get("score") is not None and _earlier_provisional(session, h)
        earlier_provisional |= marked
        score = (
            "no score" if h.get("score") is None else f"score {score_marked(h['score'], marked)}"
        )
        head.add_row(
            "Earlier", f"{h.get('engine')} {h.get('model')}: {score} (kept in {h.get('kept_in')})"
        )
    turns = Table(title="Turns", title_justify="left", expand=True)
    turns.add_column("#", justify="right")
    turns.add_column("Interviewer")
    turns.add_column("You")
    turns.add_column("Score", justify="right")
    turns.add_column("Feedback", justify="right")
    from voicecoach.analysis.as_read import of_turn, text_as_read
    from voicecoach.analysis.wording import STOPPED_BEFORE_ANSWER
    from voicecoach.review.replay_view import answer_length_of, left_when_stopped

    for t in session.turns:
        said = of_turn(t.analysis.sentences, t.n) if t.analysis else []
        answer = (
            f"({STOPPED_BEFORE_ANSWER})" if left_when_stopped(session, t)
            else text_as_read(t.transcript, said) or "(no words were transcribed)" if t.transcript
            else "(no answer: the session ended on this line)" if t.closing
            else "(not answered: no recording)" if t.answer_wav is None
            else "(audio only, not transcribed)"
        )  # fmt: skip
        you = Text(answer)  # user text: never read as markup
        length = answer_length_of(t) if t.transcript and not left_when_stopped(session, t) else ""
        if length:  # as the live panel gave it (with the waiting a merge left out)
            you.append(f"\n({length})", style="dim")
        turns.add_row(
            str(t.n),
            _prompt(t),
            you,
            # an answer that said yes, or asked to hear the line, is no answer to score, nor
            # is one with no words (its verdict said so: "Skipped", "Nothing heard", "No
            # speech was transcribed"; trial 14: a silent goodbye after the thanks came in
            # turn 4 read "done earlier" and 0)
            _score_cell(t.analysis.score, t.analysis.score_provisional)
            if t.analysis and _scored(t.analysis) and not session.aside_of(t)
            else _num(None),
            _num(t.feedback_latency_s, "{:.2f} s"),
        )
    parts: list[RenderableType] = [head, turns]
    if earlier_provisional or any(
        t.analysis and t.analysis.score_provisional for t in session.turns
    ):
        parts.append(_provisional_note())
    if session.analysis is not None:
        parts.append(checks_table(session))
    return Group(*parts)


def _earlier_provisional(session: Session, entry: dict[str, Any]) -> bool:
    """Was an earlier score (a ``history`` entry of the manifest) provisional? Entries
    written before this was kept say it through the analysis kept beside them."""
    if "score_provisional" in entry:
        return bool(entry["score_provisional"])
    import json

    from voicecoach.analysis.results import Analysis

    kept = session.path / str(entry.get("kept_in", "")) / "analysis.json"
    try:
        return Analysis.from_dict(json.loads(kept.read_text())).score_provisional
    except (OSError, ValueError, KeyError, TypeError):
        return False  # nothing to tell by: shown as it was


def _scored(analysis: Analysis) -> bool:
    """Was the answer judged? On its words, or with none on its length alone (a recap too
    short whatever it said, trial 16)."""
    return bool(analysis.sentences) or any(c.status in ("done", "partial") for c in analysis.checks)


def _prompt(turn: Turn) -> RenderableType:
    """The interviewer's line, and why a reacting interviewer said it."""
    from rich.text import Text

    from voicecoach.review.replay_view import stop_notes
    from voicecoach.scenario_reactions import describe_reasons

    text = Text(turn.prompt_text)
    if turn.reasons and turn.reasons != ("scripted",):
        text.append(f"\n({describe_reasons(turn.reasons)})", style="dim")
    for note in stop_notes(turn):
        text.append(f"\n({note})", style="dim")
    return text


def checks_table(session: Session) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    from voicecoach.analysis.render import status_mark

    assert session.analysis is not None
    table = Table(title="Playbook checks", title_justify="left", expand=True)
    table.add_column("")
    table.add_column("Check")
    table.add_column("What was found")
    for c in session.analysis.checks:
        table.add_row(Text(*status_mark(c.status)), Text(c.label), Text(c.detail))
    return table


def progress_view(progress: Progress) -> RenderableType:
    """One table, trend and summary per scenario: the full close first, then each drill."""
    from rich.console import Group
    from rich.text import Text

    from voicecoach.review.progress import FULL_CLOSE, by_scenario

    if not progress.points:
        return Text("No scored sessions yet: finish a rehearsal with `voicecoach rehearse`.")
    parts: list[RenderableType] = []
    for name, group in by_scenario(progress):
        title = "The full close" if name == FULL_CLOSE else f"Scenario {name}"
        if parts:
            parts.append(Text(""))
        parts.append(_scenario_progress(group, f"{title}, oldest first"))
    return Group(*parts)


def _checks_cell(m: Metrics) -> RenderableType:
    """ "4/5" (done of those judged), then the checks left unclear: "4/5, 1 unclear". An
    unclear check is in neither count, so "5/5" alone read as all done when one more could
    not be told, and a whole close heard too quietly as no checks at all."""
    from rich.text import Text

    from voicecoach.analysis.render import status_mark

    cell = Text(f"{m.checks_done}/{m.checks_total}" if m.checks_total else "")
    if m.checks_unclear:
        cell.append(", " if cell else "")
        cell.append(f"{m.checks_unclear} unclear", style=status_mark("unclear")[1])
    return cell or Text("–")


def _scenario_progress(progress: Progress, title: str) -> RenderableType:
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        padding=(0, 1, 0, 0),
        show_edge=False,
    )
    for name, justify in (
        ("When", "left"),
        ("ID", "left"),
        ("Score", "right"),
        ("Recap s", "right"),
        ("WPM", "right"),
        ("Fillers/min", "right"),
        ("Checks", "left"),
        ("Pitch st", "right"),
    ):
        table.add_column(name, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for p in progress.points:
        m = p.metrics
        table.add_row(
            when(p.started_at, short=True),
            p.session_id.rsplit("-", 1)[-1],  # the random tail resolves as an ID too
            _score_cell(m.score, m.score_provisional),
            "?" if m.recap_s is None and m.recap_unjudged else _num(m.recap_s, "{:.1f}"),
            _num(m.wpm, "{:.0f}"),
            _num(m.fillers_per_min, "{:.1f}"),
            _checks_cell(m),
            _num(m.pitch_sd_st, "{:.1f}"),
        )
    notes: list[RenderableType] = []
    if any(p.metrics.checks_unclear for p in progress.points):
        notes.append(Text(UNCLEAR_NOTE, style="dim"))
    if any(p.metrics.score_provisional for p in progress.points):
        notes.append(_provisional_note())
    if any(p.metrics.recap_unjudged and p.metrics.recap_s is None for p in progress.points):
        notes.append(_recap_unjudged_note())
    trend = Table.grid(padding=(0, 2))
    for metric, name, unit in TRENDS:  # each on its fixed range: a small change stays small
        values = progress.series(metric)
        low, high = drawn_range(values, *metric_range(metric))
        line = sparkline(values, low=low, high=high)
        trend.add_row(name, line, Text(f"on {low:g}-{high:g}{unit}" if line else "", "dim"))
    change = progress.change
    best = progress.best
    summary = "Best score " + (_score_cell(*best) if best else "–")
    if change is not None:
        last = [p.metrics for p in progress.points if p.metrics.score is not None][-1]
        latest = _score_cell(last.score, last.score_provisional)  # "?" as in the table
        summary += (
            f"; latest {latest}, {change:+d} point{'' if abs(change) == 1 else 's'} "
            "against the first session"
        )
    return Group(table, *notes, trend, Text(summary, style="bold"))


def email_view(email: FollowupEmail) -> RenderableType:
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    from voicecoach.review.followup import format_due, repair_note

    note = repair_note(email)
    return Group(
        Text(format_due(email), style="bold yellow"),
        Panel(Text(email.body), title=f"Subject: {email.subject}", title_align="left"),
        *([Text(note, style="dim")] if note else []),
    )
