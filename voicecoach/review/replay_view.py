"""What the terminal replay shows at a moment: pure functions from (session, clip, time).

The transcript is highlighted word by word: words already said are plain, the word being
said is reversed, words to come are dim. The turn's feedback sits beside it.
"""

from __future__ import annotations

import bisect
import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from voicecoach.analysis.render import point_mark, status_mark
from voicecoach.subtitles import clock
from voicecoach.transcript import Word

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

    from voicecoach.analysis.results import Analysis
    from voicecoach.analysis.spoke_over import LineAnswered
    from voicecoach.profile import Profile
    from voicecoach.sessions.store import Session, Turn

PROMPT_WORDS_PER_S = 2.5  # reading pace for a prompt with no audio, to pace its highlight
KEYS_HELP = "space pause · n skip · r repeat · q quit"


@dataclass(frozen=True)
class Clip:
    turn: int  # 1-based turn number
    kind: Literal["prompt", "answer"]
    path: Path | None  # the WAV to play; None when the file is absent (text only)
    duration_s: float
    text: str
    words: tuple[Word, ...] = ()  # timed words (answers); prompts are paced by length
    # each word written on to the one before with no space (",000" after "$100")
    joined: tuple[bool, ...] = ()


def word_index_at(words: Sequence[Word], position_s: float) -> int:
    """Index of the word being said at ``position_s`` (-1 before the first word)."""
    starts = [w.start_s for w in words]
    return bisect.bisect_right(starts, position_s) - 1


def paced_words(text: str, duration_s: float) -> tuple[Word, ...]:
    """Spread a prompt's words evenly over its audio, to highlight it while it plays."""
    tokens = text.split()
    if not tokens:
        return ()
    step = (duration_s if duration_s > 0 else len(tokens) / PROMPT_WORDS_PER_S) / len(tokens)
    return tuple(Word(t, i * step, (i + 1) * step, 1.0) for i, t in enumerate(tokens))


def highlighted(
    words: Sequence[Word], position_s: float, joined: Sequence[bool] = ()
) -> RenderableType:
    """``words`` with the one said at ``position_s`` highlighted; ``joined``: each word
    written on to the one before (the replay showed "$100 ,000")."""
    from rich.text import Text

    current = word_index_at(words, position_s)
    text = Text()
    for i, w in enumerate(words):
        style = "" if i < current else "reverse bold" if i == current else "dim"
        if i == current and position_s > w.end_s:
            style = ""  # between words: nothing is being said
        if i and not (i < len(joined) and joined[i]):
            text.append(" ")
        text.append(w.text.strip(), style=style)
    return text


def saved_profile(session: Session) -> Profile | None:
    """The job profile the session was rehearsed (and its answers judged) with."""
    from voicecoach.profile import profile_from_dict

    if not session.profile:
        return None
    return profile_from_dict(session.profile, source=f"{session.path / 'manifest.json'} 'profile'")


def stop_notes(turn: Turn) -> tuple[str, ...]:
    """What the review says of how ``turn``'s line was stopped (``wording.LINE_STOPS``):
    each earlier saying cut when the candidate went on with the answer before, and where
    they began answering it; () for a line said whole. Trial 13: a line said again showed
    only its second saying, and the reply the candidate had heard in the first was gone."""
    from voicecoach.analysis.wording import LINE_STOPS, line_said

    notes = [
        LINE_STOPS["cut"].format(said=said) for t, h in turn.cut_lines if (said := line_said(t, h))
    ]
    said = line_said(turn.prompt_text, turn.answered_at)
    if said:
        notes.append(_answered_note(turn, said))
    return tuple(notes)


def _answered_note(turn: Turn, said: str) -> str:
    """The note on a line answered before it was over: with the timing and the words
    spoken over when much of it was still to come (the closing coaches that)."""
    from voicecoach.analysis.spoke_over import spoken_over
    from voicecoach.analysis.wording import LINE_STOPS, clip_quote

    answered = line_answered(turn)
    if answered is None or not spoken_over([answered]):
        return LINE_STOPS["answered"].format(said=said)
    return LINE_STOPS["answered_over"].format(
        said=said, at_s=answered.at_s, line_s=answered.voice_s, over=clip_quote(answered.over, 60)
    )


def line_answered(turn: Turn) -> LineAnswered | None:
    """``turn``'s line, when the candidate began answering it before it was over, with how
    far it had got when their speech began and its length
    (:mod:`voicecoach.analysis.spoke_over`); None otherwise. A session saved before these
    were kept has the line's length from its audio, and where it stopped for the start."""
    from voicecoach.analysis.spoke_over import LineAnswered

    if turn.answered_at is None:
        return None
    line_s, spoken_s = turn.line_s, turn.spoken_s
    if (line_s is None or spoken_s is None) and turn.prompt_wav is not None:
        from voicecoach.audio.files import load_audio, sound_end_s
        from voicecoach.errors import AudioFileError
        from voicecoach.settings import SAMPLE_RATE_HZ

        with contextlib.suppress(AudioFileError, OSError):  # unreadable: not judged
            audio = load_audio(turn.prompt_wav)  # read once for both
            line_s = len(audio) / SAMPLE_RATE_HZ if line_s is None else line_s
            spoken_s = sound_end_s(audio) if spoken_s is None else spoken_s
    if line_s is None:
        return None
    began = turn.answered_at if turn.began_at is None else turn.began_at
    return LineAnswered(turn.n, turn.prompt_text, line_s, began, spoken_s)


def turn_feedback(session: Session, turn: Turn) -> Analysis | None:
    """``turn``'s analysis as its verdict showed it in the rehearsal: a move it was asked
    for and missed, which the closing credits from an earlier answer, says where, and is
    not coached here (:func:`voicecoach.analysis.analyzer.turn_feedback`), judged with the
    session's profile as the rehearsal judged it."""
    from voicecoach.analysis.analyzer import turn_feedback as as_shown
    from voicecoach.analysis.turn_checks import stopped_at

    if turn.analysis is None:
        return None
    saved = [t for t in session.turns if t.analysis is not None]
    if left_when_stopped(session, turn):
        return stopped_at(turn.analysis, turn.expects)
    upto = [t.n for t in saved].index(turn.n) + 1
    turns = [(t.analysis, t.expects) for t in saved[:upto] if t.analysis is not None]
    return as_shown(turns, saved_profile(session), [t.n for t in saved[:upto]])


def left_when_stopped(session: Session, turn: Turn) -> bool:
    """Was ``turn`` the one the candidate stopped the session in before saying a word?
    The closing counts it as never reached (pipeline.judge_close's ``stopped``)."""
    answered = [t for t in session.turns if t.analysis is not None and not t.closing]
    said = turn.transcript is not None and turn.transcript.text.strip()
    return (
        session.status == "interrupted"
        and bool(answered)
        and answered[-1].n == turn.n
        and not said
        and not turn.speech_regions
    )


def answer_length_of(turn: Turn) -> str:
    """The answer's length as the live panel gave it ("6.9 s answer, 2.5 s of waiting
    left out": analysis.turn_checks.answer_length, with the waiting kept in the manifest),
    for the replay, ``sessions show`` and the report; "" where no voice was heard (nothing
    to time: the live panel said how the turn ended instead) or no answer followed."""
    from voicecoach.analysis.turn_checks import answer_length

    if turn.closing or turn.analysis is None or not turn.speech_regions:
        return ""
    return answer_length(turn.speech_regions, turn.analysis.delivery.answer_span_s, turn.left_out_s)


# The turn rehearsal.conversation adds after a probe for doubts made before any question:
# the interviewer asks for the questions again there
QUESTIONS_AGAIN = "questions-again"


def aside_after(session: Session, turn: Turn, kind: str) -> str:
    """Where the answer an aside stood for is, for the replay and the report: the turn
    that holds it (for a probe first, the one where the interviewer asks for the questions
    again), or that the rehearsal ended before it came (Ctrl-C after the aside)."""
    from voicecoach.analysis.wording import (
        ASIDE_AFTER,
        ASIDE_AFTER_DEFAULT,
        ASIDE_ENDED,
        ASIDE_ENDED_DEFAULT,
    )

    later = [t for t in session.turns if t.n > turn.n]
    held = (
        any(t.turn_id == QUESTIONS_AGAIN for t in later) if kind == "probe_first" else bool(later)
    )
    if held:
        return ASIDE_AFTER.get(kind, ASIDE_AFTER_DEFAULT)
    return ASIDE_ENDED.get(kind, ASIDE_ENDED_DEFAULT)


def feedback_panel(turn: Turn | None, session: Session | None = None) -> RenderableType:
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from voicecoach.analysis.turn_checks import turn_lines
    from voicecoach.analysis.wording import ASIDES

    if turn is None or turn.analysis is None:
        return Panel(Text("No feedback saved for this turn.", style="dim"), title="Feedback")
    a = turn_feedback(session, turn) if session is not None else turn.analysis
    if a is None:
        return Panel(Text("No feedback saved for this turn.", style="dim"), title="Feedback")
    kind = session.aside_of(turn) if session is not None else ""
    aside = ASIDES.get(kind, "")
    if aside and session is not None:  # not judged, as the live verdict did not
        after = aside_after(session, turn, kind)
        said = Text.assemble((f"{aside}.", "bold"), f" {after}")
        return Panel(said, title=f"Feedback, turn {turn.n}")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    # the checks its live verdict listed, and no turn score: the verdict showed none
    for line in turn_lines(a, turn.expects):
        mark = Text(*status_mark(line.status))
        grid.add_row(mark, Text.assemble((line.label, "bold"), "  ", (line.detail, "dim")))
    # fixes by their rank, strengths by a plus with what was done well, as the closing's
    # coaching shows them (trial 15: one bullet for both, a strength's title alone)
    rank = 0  # fixes are numbered as shown: one left out of this turn leaves no gap
    for point in a.coaching[:3]:
        rank += point.kind == "fix"
        if point.kind == "strength":
            body = Text.assemble((f"{point.title}: ", "green"), point.message)
        else:
            body = Text(point.title, style="yellow")
            body.append("\n" + (point.suggestion or point.message), style="italic")
        grid.add_row(Text(*point_mark(point, rank)), body)
    stopped = session is not None and left_when_stopped(session, turn)
    # under the grid, not in its text column, where it read as the last point's text
    footer = [answer_length_of(turn)]
    if turn.feedback_latency_s is not None and not stopped:
        # (no answer was given to a turn left with q: no time from it; live trial 50, L7)
        footer.append(f"feedback came {turn.feedback_latency_s:.1f} s after you stopped")
    under = "; ".join(f for f in footer if f)
    if not under:
        return Panel(grid, title=f"Feedback, turn {turn.n}")
    return Panel(Group(grid, Text(under, style="dim")), title=f"Feedback, turn {turn.n}")


def screen(
    session: Session,
    clip: Clip,
    position_s: float,
    *,
    paused: bool,
    speed: float,
    clip_index: int,
    clip_count: int,
) -> RenderableType:
    """The whole replay screen at ``position_s`` into ``clip``."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    turn = next((t for t in session.turns if t.n == clip.turn), None)
    prompt_text = turn.prompt_text if turn else ""
    if clip.kind == "prompt":
        prompt_body = highlighted(paced_words(clip.text, clip.duration_s), position_s)
        closing = turn is not None and turn.closing  # the reply after the last answer
        after = "(the session ends on this line)" if closing else "(the answer plays next)"
        answer_body: RenderableType = Text(after, style="dim")
    else:
        prompt_body = Text(prompt_text or "(prompt text not saved)", style="cyan")
        if clip.words:
            answer_body = highlighted(clip.words, position_s, clip.joined)
        else:
            # a turn with no words (skipped, or nothing Whisper made out) may well be saved
            saved = turn is not None and turn.transcript is not None
            none = "(no words were transcribed)" if saved else "(audio only, not transcribed)"
            if turn is not None and left_when_stopped(session, turn):
                from voicecoach.analysis.wording import STOPPED_BEFORE_ANSWER

                none = f"({STOPPED_BEFORE_ANSWER})"
            answer_body = Text(clip.text or none, style="dim")
    if turn is not None and turn.reasons not in ((), ("scripted",)):
        from voicecoach.scenario_reactions import describe_reasons

        prompt_body = Group(prompt_body, Text(f"({describe_reasons(turn.reasons)})", style="dim"))
    stops = stop_notes(turn) if turn is not None else ()
    if stops:
        prompt_body = Group(prompt_body, *(Text(f"({n})", style="dim") for n in stops))
    left = Group(
        Panel(prompt_body, title=f"Turn {clip.turn} · Interviewer", border_style="cyan"),
        Panel(answer_body, title="You", border_style="magenta"),
    )
    layout = Table.grid(expand=True, padding=(0, 1))
    layout.add_column(ratio=3)
    layout.add_column(ratio=2)
    layout.add_row(left, feedback_panel(turn, session))
    state = "PAUSED" if paused else "playing"
    status = Text.assemble(
        f"clip {clip_index + 1}/{clip_count} ({clip.kind})  ",
        (state, "reverse" if paused else "green"),
        f"  {clock(position_s, 0)} / {clock(clip.duration_s, 0)}  x{speed:g}  ",
        recap_clock(turn, clip, position_s, session.analysis),
        (KEYS_HELP, "dim"),
    )
    return Group(layout, status)


def recap_clock(
    turn: Turn | None, clip: Clip, position_s: float, close: Analysis | None = None
) -> Text:
    """'recap 0:12 of 20-30 s' while the recap is being said; '' otherwise. A recap not
    timed (report_figures.turn_recap_timed; ``close``: the whole close's analysis) reads
    'recap 12 s, length not judged', as ``sessions list`` gives it "?"."""
    from rich.text import Text

    from voicecoach.review.report_figures import turn_recap_timed
    from voicecoach.settings import Thresholds

    recap = turn.analysis.recap if turn and turn.analysis else None
    if clip.kind != "answer" or recap is None or recap.start_s is None or recap.end_s is None:
        return Text("")
    if not recap.start_s <= position_s <= recap.end_s:
        return Text("")
    th = Thresholds()
    said = position_s - recap.start_s
    if turn is not None and not turn_recap_timed(turn, close):
        return Text(f"recap {said:.0f} s, length not judged  ", style="dim")
    style = "green" if th.recap_min_s <= said <= th.recap_max_s else "yellow"
    return Text(f"recap {said:.0f} s of {th.recap_min_s:g}-{th.recap_max_s:g} s  ", style=style)
