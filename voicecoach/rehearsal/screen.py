"""The rehearsal on screen: a rich live view on a terminal, plain lines otherwise.

:class:`LiveScreen` shows the interviewer's line as it is spoken, the elapsed time, the
20-30 s band during a recap, the input level, the keys; after each answer a quick verdict;
at the end the full coaching. :class:`PlainEvents` prints the same story line by line
(pipes, CI, ``--answers``). :class:`KeyReader` turns key presses into
:class:`~voicecoach.rehearsal.events.Controls` without blocking.
"""

from __future__ import annotations

import contextlib
import math
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.live import Live
from rich.markup import escape
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from voicecoach.analysis.render import renderables, status_mark
from voicecoach.analysis.wording import LINE_STOPS, line_said
from voicecoach.audio.endpoint import MIN_END_SILENCE_S
from voicecoach.rehearsal.conversation import EXTRA_IDS
from voicecoach.rehearsal.events import Controls, RehearsalEvents, RehearsalResult, TurnResult
from voicecoach.settings import USUAL_SPEECH_DB, Thresholds
from voicecoach.terminal import KeySource, NoKeys, cbreak_keys

if TYPE_CHECKING:
    from voicecoach.audio.endpoint import RecordingStatus
    from voicecoach.audio.recorders import Recording
    from voicecoach.scenario import Scenario, Turn
    from voicecoach.scenario_reactions import Persona

KEYS_HELP = "Enter/space: finish answer   q: quit after this turn   Ctrl-C: stop now"
CLOCK_SPAN_S = 40.0  # the recap clock runs 0-40 s, with the 20-30 s band marked
BAR_CELLS = 40
REPLACED_TITLE = ", the whole answer: replaces the verdict above"


class KeyReader:
    """Reads single keys from a terminal in a thread (cbreak mode: Ctrl-C still works)."""

    def __init__(self, controls: Controls, stream: Any = None) -> None:
        self.controls = controls
        self.stream = stream or sys.stdin
        self._stop = threading.Event()

    @contextlib.contextmanager
    def active(self) -> Iterator[bool]:
        """Read keys while in the block; yields False when stdin is not a terminal."""
        with cbreak_keys(self.stream) as keys:
            if isinstance(keys, NoKeys):
                yield False
                return
            thread = threading.Thread(target=self._run, args=(keys,), name="keys", daemon=True)
            thread.start()
            try:
                yield True
            finally:
                self._stop.set()
                thread.join(timeout=1)

    def _run(self, keys: KeySource) -> None:
        while not self._stop.is_set():
            key = keys.read(0.1)
            if key:
                self.handle(key)

    def handle(self, key: str) -> None:
        if key in ("\r", "\n", " "):
            self.controls.finish_answer.set()
        elif key.lower() == "q":  # the answer being given runs to its end, then we stop
            self.controls.quit.set()


# -- plain output ----------------------------------------------------------------------
class PlainEvents(RehearsalEvents):
    """One line per step; for pipes, logs and recorded answers."""

    def __init__(
        self,
        console: Console | None = None,
        *,
        live: bool = False,
        thresholds: Thresholds | None = None,
        persona: Persona | None = None,
    ) -> None:
        self.console = console or Console(highlight=False)
        self.live = live
        self.thresholds = thresholds or Thresholds()
        self.persona = persona  # the interviewer chosen (--persona); None: a fixed script
        self._warned = False
        self._warned_quiet = False  # the microphone-too-quiet line, once per answer
        self.heard_before = False  # an earlier answer was heard: the microphone works
        self._line_playing = False  # a line has begun since the last answer ended
        self._shown_turn = 0  # the turn of the last verdict printed

    def ready(
        self, session_id: str, scenario: Scenario, turns: Sequence[Turn], *, may_add: bool = False
    ) -> None:
        self.console.print(
            f"[bold]{escape(scenario.title)}[/] - {turns_text(len(turns), may_add=may_add)}, "
            f"session {session_id}"
        )
        if self.persona is not None:  # its description is written for this moment
            about = f" - {self.persona.description}" if self.persona.description else ""
            self.console.print(f"[bold cyan]Interviewer[/]: {escape(self.persona.name + about)}")

    def prompt(self, turn: Turn, duration_s: float) -> None:
        self._line_playing = True
        place = "after your last answer" if turn.closing else f"turn {turn.n}"
        self.console.print(f"\n[bold cyan]Interviewer[/] ({place}): {escape(turn.text)}")

    def line_answered(self, turn: Turn, heard: float) -> None:
        said = line_said(turn.text, heard)
        if said:  # the line was printed whole as it began
            self.console.print(f"[dim]{escape(LINE_STOPS['answered'].format(said=said))}[/]")

    def answer_started(self, turn: Turn) -> None:
        self._warned = self._warned_quiet = False
        if self.live:
            end_s = max(self.thresholds.end_silence_s, MIN_END_SILENCE_S)
            self.console.print(
                "Recording your answer... (it ends when you have finished, or press Enter; "
                f"a pause mid-sentence waits up to {end_s:.0f} s)"
            )

    def recording(self, turn: Turn, status: RecordingStatus) -> None:
        if status.no_voice and not self._warned:
            self._warned = True
            self.console.print(f"[yellow]{self.no_voice_text()}[/]")
        if status.too_quiet and not self._warned_quiet:
            self._warned_quiet = True
            self.console.print(f"[yellow]{escape(too_quiet_text(status))}[/]")

    def answer_ended(self, turn: Turn, recording: Recording) -> None:
        self._line_playing = False
        # no length here: the verdict gives it, timed from the first word to the last
        self.console.print("Answer recorded. Transcribing...")

    def barge_in(self, turn: Turn) -> None:
        # said only when a line had begun: none stopped, nothing changed for the candidate
        if self._line_playing:
            self.console.print(f"[yellow]{barge_in_text(turn)}[/]")
        self._line_playing = False

    def feedback(self, result: TurnResult) -> None:
        self.heard_before = self.heard_before or result.recording.speech_heard
        # a barge-in: the same turn again; the verdict printed above it is out of date
        replaces, self._shown_turn = result.turn.n == self._shown_turn, result.turn.n
        self.console.print(f"[dim]You said:[/] {escape(said_text(result))}")
        self.console.print(verdict_view(result, replaces=replaces))

    def finished(self, result: RehearsalResult) -> None:
        self.console.print(summary_view(result))

    def close(self) -> None:
        """Leave the terminal as it was (also when the run failed part-way)."""

    def no_voice_text(self) -> str:
        return no_voice_text(self.heard_before, self.thresholds)


# -- live screen -----------------------------------------------------------------------
class LiveScreen(PlainEvents):
    """The rich live view for a terminal; falls back to plain lines between answers."""

    def __init__(
        self,
        console: Console | None = None,
        thresholds: Thresholds | None = None,
        persona: Persona | None = None,
    ) -> None:
        super().__init__(console, live=True, thresholds=thresholds, persona=persona)
        self.turn: Turn | None = None
        self.total = 0
        self.prompt_started = 0.0
        self.prompt_s = 0.0
        self.answer_started_at: float | None = None
        self.status: RecordingStatus | None = None
        self.phase = "ready"
        self.barged = False  # the candidate went on with the answer: it is continued
        # each line as far as it got, by turn, when they answered before it was over (kept
        # when they go on with that answer over the next line)
        self.said: dict[int, str] = {}
        self.line_stopped = False  # ...and the next line, begun, stopped for them
        self.answer_s = 0.0  # the last answer from its first word (merged, after a barge-in)
        self.lead_s = 0.0  # the silence before that answer's first word (not the answer's)
        self.before_s = 0.0  # the answer so far, when a barge-in continues it: the clock
        # goes on from there instead of restarting at 0
        self.recorded_s = 0.0  # the last answer's recording, silence before it included
        self.recorded_before_s = 0.0  # the recording so far, when a barge-in continues it
        self._added: set[int] = set()  # the numbers of the turns that added one to the total
        self._live = self._new_live()

    def _new_live(self) -> Live:
        return Live(self, console=self.console, refresh_per_second=10, transient=True)

    def ready(
        self, session_id: str, scenario: Scenario, turns: Sequence[Turn], *, may_add: bool = False
    ) -> None:
        super().ready(session_id, scenario, turns, may_add=may_add)
        self.total = len(turns)

    def prompt(self, turn: Turn, duration_s: float) -> None:
        self.turn, self.phase, self.barged = turn, "prompt", False
        self.said.pop(turn.n, None)  # said anew
        # A reacting interviewer added a turn. A line chosen again after a barge-in has the
        # number of the one it replaces: it adds none, and takes back the one that line
        # added (a go-ahead talked over, then the script's next line: "Turn 5 of 6" for a
        # close of 5, a review found)
        extra = turn.id in EXTRA_IDS
        if extra and turn.n not in self._added:
            self.total += 1
            self._added.add(turn.n)
        elif not extra and turn.n in self._added:
            self.total -= 1
            self._added.discard(turn.n)
        self.prompt_started, self.prompt_s = time.monotonic(), duration_s
        self.answer_started_at, self.status, self.before_s = None, None, 0.0
        self.recorded_before_s = 0.0
        # A fresh Live per turn: a restarted one remembers its last height and moves the
        # cursor up over whatever was printed since (the previous turn's verdict vanished).
        self._live.stop()  # a line said again after a barge-in that added nothing
        self._live = self._new_live()
        self._live.start()

    def line_answered(self, turn: Turn, heard: float) -> None:
        """The panel shows the line as far as it got (a trial's showed the whole question
        the interviewer had stopped saying)."""
        self.said[turn.n] = line_said(turn.text, heard)

    def answer_started(self, turn: Turn) -> None:
        self.phase, self.answer_started_at = "answer", time.monotonic()

    def recording(self, turn: Turn, status: RecordingStatus) -> None:
        if self.phase == "thinking":
            # the listening after the answer heard the candidate go on, before the rehearsal
            # says so (barge_in): the clock goes on from the answer so far (live trial 50:
            # it read the continuation's own few seconds, then jumped back up)
            self._continue()
        self.status = status

    def answer_ended(self, turn: Turn, recording: Recording) -> None:
        if not self.barged:  # a merged answer keeps its first part's lead-in
            start = self.status.speech_start_s if self.status is not None else None
            self.lead_s = start or 0.0
        self.phase, self.answer_s = "thinking", max(0.0, recording.duration_s - self.lead_s)
        self.recorded_s = recording.duration_s

    def barge_in(self, turn: Turn) -> None:
        """Back to the answer being continued, on the live view (a new one when its
        verdict was printed meanwhile)."""
        self.line_stopped = self.phase == "prompt"  # else the next line had not begun
        self.turn = turn
        if not (self.barged and self.phase == "answer"):  # (else its clock runs already)
            self._continue()
        if not self._live.is_started:
            self._live = self._new_live()
            self._live.start()

    def _continue(self) -> None:
        """The answer goes on: its clock from where it stood."""
        self.phase, self.barged = "answer", True
        self.answer_started_at, self.status = time.monotonic(), None
        self.before_s, self.recorded_before_s = self.answer_s, self.recorded_s

    def feedback(self, result: TurnResult) -> None:
        self._live.stop()
        # The line stays above its verdict; a verdict that replaces the turn's last one (the
        # candidate went on after it) has it above already, and printing it again read as
        # the interviewer saying it twice (a user trial).
        if result.turn.n != self._shown_turn:
            line = self._line_text(result.turn)
            self.console.print(f"[bold cyan]Interviewer[/] (turn {result.turn.n}): {escape(line)}")
        super().feedback(result)

    def finished(self, result: RehearsalResult) -> None:
        self._live.stop()
        if self.turn is not None and self.turn.closing:  # the live view of it was transient
            self.console.print(
                f"[bold cyan]Interviewer[/] (after your last answer): {escape(self.turn.text)}"
            )
        super().finished(result)

    def close(self) -> None:
        self._live.stop()

    def __rich__(self) -> RenderableType:
        turn = self.turn
        if turn is None:
            return Text("")
        spoken = self._line_text(turn)
        # reveal the line as it is spoken
        if self.phase == "prompt" and self.prompt_s > 0 and not self.said.get(turn.n):
            words = turn.text.split()
            shown = (
                int(len(words) * min(1.0, (time.monotonic() - self.prompt_started) / self.prompt_s))
                + 1
            )
            spoken = " ".join(words[:shown])
        parts: list[RenderableType] = [Text(spoken, style="bold")]
        # only when the interviewer had begun a line, stopped for them (live trial 50:
        # "Go on: this is still your answer" with no line said read as a line missed)
        if self.barged and self.line_stopped and self.phase != "prompt":
            parts.append(Text(barge_in_text(turn), style="yellow"))
        if turn.hint:
            parts.append(Text(f"Tip: {turn.hint}", style="dim italic"))
        if self.phase in ("answer", "thinking") and self.answer_started_at is not None:
            parts.append(self._answer_view(turn))
        parts.append(Text(KEYS_HELP, style="dim"))
        who = f" ({self.persona.name})" if self.persona is not None else ""
        place = "After your last answer" if turn.closing else self._place(turn)
        title = f"{place} - the interviewer{escape(who)}"
        return Panel(Group(*parts), title=title, border_style="cyan")

    def _line_text(self, turn: Turn) -> str:
        """The line as the candidate heard it: as far as it got, when they answered over it."""
        said = self.said.get(turn.n)
        if said:
            return f"{said}... {LINE_STOPS['answered_live']}"
        return turn.text

    def _place(self, turn: Turn) -> str:
        """Where the session is: "Turn 3 of 5", or "Turn 3 of 6 (1 added)" once the
        interviewer added a turn to the planned ones the header announced."""
        added = len(self._added)
        return f"Turn {turn.n} of {self.total}" + (f" ({added} added)" if added else "")

    def _answer_view(self, turn: Turn) -> RenderableType:
        status = self.status
        # Time runs from the recording's start, so a silent candidate sees it move (a trial
        # read a frozen "0.0 s" as a hang); the answer and the recap count from the first word
        recorded = self.recorded_before_s + (status.elapsed_s if status is not None else 0.0)
        begun = self.barged or (status is not None and status.speech_heard)
        elapsed = self.before_s + answer_clock_s(status, continuing=self.barged)
        grid = Table.grid(padding=(0, 1))
        grid.add_row("Time", time_text(recorded, elapsed if begun else None))
        if turn.clock == "recap":
            # to the last word heard: a recap is timed to its last word, so the bar stands
            # still through a silence (trial 20: it showed 10 s for a 5 s recap)
            quiet_s = status.silence_s if begun and status is not None else 0.0
            grid.add_row("Recap", clock_bar(max(0.0, elapsed - quiet_s), self.thresholds))
            grid.add_row("", recap_caption(self.thresholds))
        quiet = status is not None and status.too_quiet
        grid.add_row("Level", level_bar(status.level if status else 0.0, quiet=quiet))
        if quiet and status is not None:  # also while transcribing: the verdict will hedge
            grid.add_row("", Text(too_quiet_text(status), style="yellow"))
        if self.phase == "thinking":
            grid.add_row("", Text("Transcribing and analysing...", style="cyan"))
        elif status and status.no_voice:
            grid.add_row("", Text(self.no_voice_text(), style="yellow"))
        elif status and status.speech_heard and status.silence_s >= 1.0:
            for line in silence_lines(status):
                grid.add_row("", line)
        return grid


# -- pieces ----------------------------------------------------------------------------
def turns_text(planned: int, *, may_add: bool) -> str:
    """How many turns the header announces: the number, or the planned number when a
    reacting interviewer may add some (a header said "5 turns" and the screen went on to
    "Turn 6 of 6")."""
    turns = f"turn{'' if planned == 1 else 's'}"
    if may_add:
        return f"{planned} planned {turns} (the interviewer may add a few)"
    return f"{planned} {turns}"


def answer_clock_s(status: RecordingStatus | None, *, continuing: bool = False) -> float:
    """The answer's time so far, from its first word: the silence before it is the
    candidate gathering their thoughts, not their answer (a user trial's recap clock read
    34 s for a 21 s recap). ``continuing``: after a barge-in the answer has begun already,
    and a pause before its continuation is part of it."""
    if status is None:
        return 0.0
    if continuing:
        return status.elapsed_s
    if not status.speech_heard:
        return 0.0
    return max(0.0, status.elapsed_s - (status.speech_start_s or 0.0))


def time_text(recorded_s: float, answer_s: float | None) -> Text:
    """The live clock: the recording so far, then the answer from its first word
    (``answer_s``, None before the first word)."""
    since = (
        f"  recording; {answer_s:.1f} s since your first word"
        if answer_s is not None
        else "  recording; waiting for your first word"
    )
    return Text.assemble((f"{recorded_s:5.1f} s", "bold"), (since, "dim"))


# After this much silence the panel says it is still listening, and when the answer ends by
# itself: a trial's short recap sat 6 s under "silence 5 s", Enter only in the footer.
STILL_LISTENING_S = 2.0
STILL_LISTENING = "Still listening: press Enter if you have finished."


def silence_lines(status: RecordingStatus) -> list[Text]:
    """The live panel's lines in a silence after speech: how long it has lasted; from
    STILL_LISTENING_S, when the answer ends by itself (``status.ends_after_s``, rounded up:
    never "in 0 s" while it waits; once the wait is over, that it is ending) and that Enter
    ends it now. The silence is rounded down,
    so the two seconds add up to the wait. Each under 50 columns: the panel fits a
    60-column terminal."""
    silence = f"silence {math.floor(status.silence_s)} s"
    if status.silence_s < STILL_LISTENING_S or status.ends_after_s is None:
        return [Text(silence, style="dim")]
    left = status.ends_after_s - status.silence_s
    if left <= 0:  # the wait is over: the answer is being closed (trial 21: "silence 6 s;
        # ends by itself in 1 s" after "silence 5 s; ends by itself in 1 s")
        return [Text(f"{silence}; ending the answer", style="dim")]
    return [
        Text(f"{silence}; ends by itself in {math.ceil(left)} s", style="dim"),
        Text(STILL_LISTENING, style="cyan"),
    ]


def no_voice_text(heard_before: bool, thresholds: Thresholds) -> str:
    """What to say when no voice has been heard for a few seconds of an answer. After an
    answer that was heard the microphone works: the candidate is thinking, or has nothing
    to add, so the keys are the help, not the microphone."""
    keys = (
        "Enter skips this turn, q ends the rehearsal; with no answer it moves on after "
        f"{min(thresholds.no_answer_s, thresholds.max_answer_s):.0f} s."
    )
    if heard_before:
        return f"Nothing heard yet. Take your time, or: {keys}"
    return (
        "No voice heard yet: is the microphone muted, or the wrong one? See `voicecoach "
        f"devices`. {keys}"
    )


def too_quiet_text(status: RecordingStatus) -> str:
    """What to say when the candidate's speech reaches the microphone too quietly for
    Whisper to hear it reliably."""
    level = status.speech_level_db if status.speech_level_db is not None else float("nan")
    return (
        f"Your microphone is very quiet ({level:.0f} dBFS while you speak; speech usually "
        f"reaches {USUAL_SPEECH_DB}): what you say may be misheard. Move closer to it or raise its "
        "input gain; `voicecoach devices` lists the microphones, `voicecoach doctor --mic` "
        "measures yours and says how to fix it."
    )


def barge_in_text(turn: Turn) -> str:
    """What the screen says when the candidate goes on with their answer over the
    interviewer's next line, begun and stopped for them. Before a line began, nothing is
    said: nothing changed for them."""
    return (
        "The interviewer stopped to let you finish. "
        f"Go on: this is still your answer to turn {turn.n}."
    )


def level_bar(level: float, *, quiet: bool = False) -> Text:
    """``quiet``: the speech so far is too quiet to hear reliably (yellow)."""
    filled = round(max(0.0, min(1.0, level)) * BAR_CELLS)
    style = "red" if level >= 0.85 else "yellow" if quiet else "green"
    return Text("█" * filled, style=style) + Text("░" * (BAR_CELLS - filled), style="dim")


def clock_bar(elapsed_s: float, thresholds: Thresholds) -> Text:
    """0-40 s with the recap band highlighted and the current time (the answer from its
    first word: :func:`recap_caption` says so) as a marker."""
    bar = Text()
    for i in range(BAR_CELLS):
        t = (i + 0.5) * CLOCK_SPAN_S / BAR_CELLS
        passed = t <= elapsed_s
        in_band = thresholds.recap_min_s <= t <= thresholds.recap_max_s
        style = (
            ("green" if in_band else "red" if t > thresholds.recap_max_s else "white")
            if passed
            else ("green dim" if in_band else "dim")
        )
        bar.append("█" if passed else ("▒" if in_band else "░"), style=style)
    return bar


def recap_caption(thresholds: Thresholds) -> Text:
    """What the recap bar counts, on a line of its own under it (to fit 80 columns)."""
    lo, hi = int(thresholds.recap_min_s), int(thresholds.recap_max_s)
    # the clock runs over the whole answer; a question asked after the recap is not part of
    # it, and the verdict says so when it leaves one out
    return Text(f"counted from your first word; target {lo}-{hi} s for the recap alone", "dim")


# A hanging indent needs this many columns left for the text; on a narrower panel the text
# goes on at the panel's edge (a review: at 56 columns a check's detail ran down five lines
# of two or three words beside "Ask for the job / next steps").
HANGING_MIN_TEXT = 30
# ...and then starts on the line under the label, this far in: under the label's words,
# past a check's mark (trial 20: at 60 columns a detail that went on at the panel's edge
# read as a line of its own).
NARROW_INDENT = 3


class _Hanging:
    """``label`` then ``text``, ``gap`` spaces apart; the text's wrapped lines indented under
    its first while that leaves it :data:`HANGING_MIN_TEXT` columns, else the text under
    the label, :data:`NARROW_INDENT` in."""

    def __init__(self, label: Text, text: Text, gap: int) -> None:
        self.label, self.text, self.gap = label, text, gap

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = self.label.cell_len + self.gap
        narrow = options.max_width - indent < HANGING_MIN_TEXT
        if narrow:
            yield self.label
        grid = Table.grid(padding=(0, 0 if narrow else self.gap, 0, 0))
        grid.add_column(no_wrap=True)
        grid.add_column()
        grid.add_row(" " * NARROW_INDENT if narrow else self.label, self.text)
        yield grid


def hanging(label: str | Text, text: str | Text, style: str = "", gap: int = 1) -> _Hanging:
    """``label`` and ``text`` on a line, ``gap`` spaces apart, the text's wrapped lines
    indented under its first (trial 17: a long "Next time:" tip went on at the panel's
    edge, under the label; trial 18: so did a check's detail, under its mark)."""
    return _Hanging(
        label if isinstance(label, Text) else Text(label, style=style),
        text if isinstance(text, Text) else Text(text, style=style),
        gap,
    )


def verdict_view(result: TurnResult, *, replaces: bool = False) -> RenderableType:
    """The quick verdict; ``replaces``: the answer went on after a verdict was shown, and
    this one, for the whole answer, replaces it."""
    v = result.verdict
    rows: list[RenderableType] = [Text(v.headline, style="bold green" if v.good else "bold")]
    if v.warning:
        rows.append(Text(f" {v.warning}.", style="yellow"))
    for line in v.lines:
        symbol, style = status_mark(line.status)
        mark = Text(f" {symbol} {line.label}", style=style)
        rows.append(hanging(mark, Text(line.detail, style="dim"), gap=2) if line.detail else mark)
    if v.recap_s is not None and not any(line.expect == "recap" for line in v.lines):
        rows.append(
            Text(f" Recap length {v.recap_s:.1f} s ({(v.recap_band or '').replace('_', ' ')})")
        )
    if v.voice:
        style = "yellow" if v.voice_flag else "dim"
        rows.append(hanging(" Voice:", "; ".join(v.voice), style))
    if v.tip:
        rows.append(hanging(" Next time:", v.tip, "yellow"))
    rows.append(Text(f" feedback in {result.feedback_latency_s:.2f} s", style="dim"))
    title = f"Turn {result.turn.n}" + (REPLACED_TITLE if replaces else "")
    return Panel(Group(*rows), title=title, border_style="green" if v.good else "yellow")


ENDED_BY = {
    "quit": "you pressed q",
    "interrupted": "stopped with Ctrl-C",
    "device_lost": "the microphone went away",
}


def summary_view(result: RehearsalResult) -> RenderableType:
    parts: list[RenderableType] = []
    if result.analysis is not None:
        title = (
            "Coaching for the whole close"
            if result.scenario == "final-close"
            else "Coaching for this drill"
        )
        parts.append(Rule(title, style="cyan"))
        parts.extend(renderables(result.analysis))  # the same view as `voicecoach analyze`
    state = (
        "complete"
        if result.status == "complete"
        else f"interrupted: {ENDED_BY.get(result.ended_by, 'stopped early')}"
    )
    parts.append(Text(f"Session {result.session_id} saved ({state}): {result.session_path}"))
    parts.extend(Text(line, style="yellow") for line in answers_kept(result))
    if result.problem:
        parts.append(Text(result.problem, style="red"))
    # one command a line: side by side they wrapped mid-command at 60 and 80 columns
    parts.append(Text(f"Replay: voicecoach replay {result.session_id}", style="dim"))
    parts.append(Text(f"Report: voicecoach report {result.session_id}", style="dim"))
    return Group(*parts)


def said_text(result: TurnResult) -> str:
    """The answer's words as the turn's analysis read them (a sentence it counted as a
    question ends in "?", though Whisper wrote a full stop: live trial s47); with none,
    whether a voice was heard at all (trial 16: "(nothing heard)" beside a 1.7 s answer
    whose voice was heard but no word written)."""
    if result.transcript.text:
        from voicecoach.analysis.as_read import of_turn, text_as_read

        return text_as_read(result.transcript, of_turn(result.analysis.sentences, result.turn.n))
    return "(no words were transcribed)" if result.recording.speech_heard else "(nothing heard)"


def answers_kept(result: RehearsalResult) -> list[str]:
    """After Ctrl-C: whether the answer it cut into was saved and counted, or not at all."""
    lines = [
        f"Your answer to turn {n} was stopped before it was coached: only its audio is kept, "
        f"and this coaching leaves it out (`voicecoach analyze --session {result.session_id}` "
        "coaches it)."
        for n in result.unsaved
    ]
    if result.ended_by == "interrupted" and result.turns and not lines:
        last = result.turns[-1]
        if last.transcript.text.strip():
            lines.append(
                f"Your answer to turn {last.turn.n} was saved and is part of this coaching."
            )
        elif last.recording.ended_by == "interrupted":  # silent, or a syllable or two
            n = last.turn.n
            lines.append(f"No words were made out in your answer to turn {n} before Ctrl-C.")
    return lines


def make_events(
    console: Console,
    *,
    live: bool,
    thresholds: Thresholds | None = None,
    persona: Persona | None = None,
) -> PlainEvents:
    """The live screen on a terminal with a microphone, else plain lines."""
    if live and console.is_terminal:
        return LiveScreen(console, thresholds, persona)
    return PlainEvents(console, live=live, thresholds=thresholds, persona=persona)
