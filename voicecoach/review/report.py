"""The HTML report: one self-contained file (audio embedded, no external resources).

Per turn: the interviewer's prompt and the answer as players, the transcript with every
word a button that seeks the answer's audio to it, and a timeline (speech, pauses,
fillers, the 20-30 s recap band). Then the playbook checks, the coaching with quotes and
times, the score breakdown, progress charts over every session, and the thank-you draft.
Rendered by ``templates/report.html.j2`` with autoescaping on: transcript text is text.
"""

from __future__ import annotations

import base64
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voicecoach import atomic
from voicecoach.errors import StorageError, UserInputError
from voicecoach.subtitles import clock
from voicecoach.transcript import joined_flags

if TYPE_CHECKING:
    from voicecoach.analysis.results import Analysis, Delivery, Evidence, Sentence
    from voicecoach.review.progress import Progress
    from voicecoach.sessions.store import Session, Store, Turn

FILLER_MATCH_S = 0.15  # a filler's evidence time and a word's start agree within this
TEMPLATE = "report.html.j2"


@dataclass(frozen=True)
class WordView:
    text: str
    start_s: float
    end_s: float
    filler: bool
    joined: bool = False  # written on to the word before with no space (",000" after "$400")


def data_uri(path: Path | None, share: float | None = None) -> str | None:
    """The WAV file at ``path`` as a data URI; with ``share`` (0-1), only that much of it
    from its start (a line answered before it was over, as far as it got)."""
    if path is None or not path.exists():
        return None
    if share is not None and 0.0 < share < 1.0:
        import io

        import soundfile as sf

        audio, rate = sf.read(str(path), dtype="int16")
        out = io.BytesIO()
        sf.write(out, audio[: round(len(audio) * share)], rate, format="WAV", subtype="PCM_16")
        data = out.getvalue()
    else:
        data = path.read_bytes()
    return "data:audio/wav;base64," + base64.b64encode(data).decode("ascii")


def _words(turn: Turn) -> list[WordView]:
    """The answer's words as its analysis read them (:mod:`voicecoach.analysis.as_read`)."""
    from voicecoach.analysis.as_read import words_as_read

    if turn.transcript is None:
        return []
    words = words_as_read(turn.transcript.words, _sentences(turn))
    bare = [_bare(w.text) for w in words]
    marked: set[int] = set()
    for m in turn.analysis.delivery.fillers if turn.analysis else ():
        t, parts = m.evidence.start_s, [_bare(p) for p in m.text.split()]
        if t is None or not parts:
            continue
        # the filler's own words from the one that starts where it was heard: a word said
        # just after it ("So, what's") starts as close and is not one
        near = [
            i for i, w in enumerate(words)
            if abs(t - w.start_s) <= FILLER_MATCH_S and bare[i : i + len(parts)] == parts
        ]  # fmt: skip
        if near:
            first = min(near, key=lambda i: abs(t - words[i].start_s))
            marked.update(range(first, first + len(parts)))
    glued = [
        flag
        for seg in turn.transcript.segments
        for flag in joined_flags(seg.text, [w.text.strip() for w in seg.words])
    ]
    return [
        WordView(w.text.strip(), w.start_s, w.end_s, i in marked, glued[i])
        for i, w in enumerate(words)
    ]


def _sentences(turn: Turn) -> list[Sentence]:
    from voicecoach.analysis.as_read import of_turn

    return of_turn(turn.analysis.sentences, turn.n) if turn.analysis else []


def _bare(text: str) -> str:
    return re.sub(r"[^\w']", "", text.lower().replace("\u2019", "'"))


def _evidence(ev: Evidence, default_turn: int | None) -> dict[str, Any]:
    turn = ev.turn if ev.turn is not None else default_turn
    return {
        "quote": ev.quote,
        "start_s": ev.start_s,
        "time": clock(ev.start_s),
        "turn": turn,
        "audio_id": f"answer-{turn}" if turn is not None and ev.start_s is not None else None,
    }


def _coaching(analysis: Analysis, default_turn: int | None) -> list[dict[str, Any]]:
    return [
        {
            "priority": c.priority,
            "kind": c.kind,
            "title": c.title,
            "message": c.message,
            "suggestion": c.suggestion,
            "evidence": [_evidence(e, default_turn) for e in c.evidence],
        }
        for c in analysis.coaching
    ]


def _turn_view(session: Session, turn: Turn) -> dict[str, Any]:
    from voicecoach.analysis.as_read import text_as_read
    from voicecoach.analysis.turn_checks import turn_lines
    from voicecoach.analysis.wording import ASIDES, STOPPED_BEFORE_ANSWER, finding_notes
    from voicecoach.review.replay import turn_clips
    from voicecoach.review.replay_view import (
        answer_length_of,
        aside_after,
        left_when_stopped,
        stop_notes,
        turn_feedback,
    )
    from voicecoach.review.report_figures import pitch_figure, timeline, voice_left_out
    from voicecoach.scenario_reactions import describe_reasons

    _, answer = turn_clips(turn)
    a = turn_feedback(session, turn)  # as the rehearsal's verdict showed it
    # "Yes, I do." before "Go ahead.", or a request to hear the line again: not judged,
    # as the live verdict did not (the next turn holds the answer)
    kind = session.aside_of(turn)
    aside = ASIDES.get(kind, "")
    line = (
        timeline(turn, answer.duration_s, close=session.analysis)
        if answer.duration_s and (turn.transcript or turn.speech_regions)
        else None
    )
    return {
        "n": turn.n,
        "prompt_text": turn.prompt_text,
        "why": describe_reasons(turn.reasons) if turn.reasons not in ((), ("scripted",)) else "",
        "stops": stop_notes(turn),  # how the line was stopped, if it was
        "prompt_audio": data_uri(turn.prompt_wav, turn.answered_at),  # as far as it got
        "answer_audio": data_uri(turn.answer_wav),
        "saved": turn.saved,
        # stopped in this turn before a word: not answered, as its moves are not reached
        "stopped": STOPPED_BEFORE_ANSWER if left_when_stopped(session, turn) else "",
        "closing": turn.closing,  # the reply after the last answer: no answer follows
        "words": _words(turn),
        "text": text_as_read(turn.transcript, _sentences(turn)) if turn.transcript else "",
        "timeline": line,
        "pitch": pitch_figure(turn, line.duration_s) if line else None,
        "voice_left_out": voice_left_out(turn),  # said in place of the pitch figure
        "analysis": a,
        "notes": finding_notes(a.notes) if a else (),
        "checks": turn_lines(a, turn.expects) if a and not aside else (),  # as its verdict
        "coaching": _coaching(a, turn.n)[:3] if a and not aside else [],
        "aside": aside,
        "aside_after": aside_after(session, turn, kind),  # where its answer is
        "latency_s": turn.feedback_latency_s,
        "length": answer_length_of(turn),  # as the live panel gave it
        "concern": turn.concern,
    }


def report_context(
    session: Session, progress: Progress, *, now: float | None = None
) -> dict[str, Any]:
    from voicecoach.analysis.prosody import MONOTONE_SD_ST
    from voicecoach.analysis.wording import (
        SCORE_PROVISIONAL,
        SCORE_PROVISIONAL_TOTAL,
        finding_notes,
    )
    from voicecoach.review.followup import draft_followup, format_due, repair_note
    from voicecoach.review.progress import metric_range
    from voicecoach.review.report_figures import chart
    from voicecoach.settings import Thresholds

    th = Thresholds()
    email = draft_followup(session)
    overall = session.analysis
    charts = (
        [
            chart(progress, "score", "Score", session.id, *metric_range("score", th)),
            chart(
                progress,
                "recap_s",
                "Recap length (s)",
                session.id,
                *metric_range("recap_s", th),
                band=(th.recap_min_s, th.recap_max_s),
                unit=" s",
            ),
            chart(
                progress,
                "fillers_per_min",
                "Fillers per minute",
                session.id,
                *metric_range("fillers_per_min", th),
            ),
            chart(
                progress,
                "pitch_sd_st",
                "Pitch variation (semitones)",
                session.id,
                *metric_range("pitch_sd_st", th),
                band=(MONOTONE_SD_ST, metric_range("pitch_sd_st", th)[1]),
                unit=" st",
            ),
        ]
        if len(progress.points) >= 1
        else []
    )
    return {
        "session": session,
        "started": time.strftime("%A %d %B %Y, %H:%M", time.localtime(session.started_at)),
        "duration": clock((session.ended_at or session.started_at) - session.started_at),
        "profile": {"role": "", "company": "", "interviewer": "", **session.profile},
        "overall": overall,
        "overall_notes": finding_notes(overall.notes) if overall else (),
        "pace": _pace(overall.delivery) if overall else "",
        "checks": overall.checks if overall else (),
        "coaching": _coaching(overall, None) if overall else [],
        "turns": [_turn_view(session, t) for t in session.turns],
        # as the session list and the terminal count them: the reply after the last
        # answer is shown as a turn but was not one the candidate answered
        "answered_turns": sum(1 for t in session.turns if not t.closing),
        "reanalyses": reanalysis_lines(session),
        "charts": charts,
        "provisional": SCORE_PROVISIONAL,
        "provisional_total": SCORE_PROVISIONAL_TOTAL,
        "sessions_count": len(progress.points),
        "email": email,
        "email_repairs": repair_note(email),
        "due": format_due(email, now),
        "due_at": time.strftime("%A %d %B %Y, %H:%M", time.localtime(email.due_at)),
        "generated": time.strftime("%Y-%m-%d %H:%M", time.localtime(now)),
        "clock": clock,
    }


def reanalysis_lines(session: Session) -> list[str]:
    """One line per re-analysis the session went through, oldest first: when, which
    answers were transcribed anew, which judged again on the words already transcribed and
    which left out (their audio gone), the score before and after, and where the earlier
    results are kept (a coach reading a report must know the words may not be those the
    rehearsal heard). Entries saved before re-analyses recorded what they did give the
    time, the old score and the folder."""
    from voicecoach.analysis.wording import turns_phrase

    answered = [t.n for t in session.turns if not t.closing]
    out = []
    for entry in session.history:
        when = time.strftime("%d %b %Y, %H:%M", time.localtime(float(entry.get("replaced_at", 0))))
        old = entry.get("score")
        was = f"was {old}" if old is not None else "no score before"
        kept = f"earlier results in {entry.get('kept_in', 'history/')}"
        if "heard_again" not in entry:
            out.append(f"Re-analysed {when} ({was}); {kept}.")
            continue
        heard = [int(n) for n in entry["heard_again"]]
        gone = [int(n) for n in entry.get("left_out", ())]
        judged = [n for n in answered if n not in heard and n not in gone]
        tool = f"{entry.get('new_engine', '')} {entry.get('new_model', '')}".strip()

        def which(turns: list[int]) -> str:
            return "every answer" if len(turns) > 1 and turns == answered else turns_phrase(turns)

        parts = []
        if heard:
            parts.append(f"{which(heard)} transcribed anew with {tool}")
        if judged:
            parts.append(f"{which(judged)} judged again on the words already transcribed")
        if gone:
            parts.append(f"{turns_phrase(gone)} left out (audio gone)")
        new = entry.get("new_score")
        score = f"score {new}, {was}" if new is not None else f"no score now, {was}"
        out.append(
            f"Re-analysed {when}: {', '.join(parts) or 'no answer judged'}; {score}; {kept}."
        )
    return out


def _pace(d: Delivery) -> str:
    """The pace as the terminal's Delivery panel gives it (pauses included, the figure the
    advice is judged on), and whether there was enough speech to judge it; "" without
    timings. Trial 20: the report showed the articulation rate as the pace (209 against
    the terminal's 198), and the note in brackets within brackets."""
    from voicecoach.analysis.render import pace_note, paused

    if d.speaking_rate_wpm is not None and d.answer_span_s is not None:
        pace = (
            f"Pace {d.speaking_rate_wpm:.0f} words per minute over "
            f"{d.answer_span_s - d.asked_pause_s:.0f} s, {paused(d)}"
        )
    elif d.wpm is not None:
        pace = f"Pace {d.wpm:.0f} words per minute over {d.speaking_time_s:.0f} s of speech"
    else:
        return ""
    note = pace_note(d)
    return f"{pace}: {note}" if note else pace


def render_report(session: Session, progress: Progress, *, now: float | None = None) -> str:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("voicecoach", "templates"),
        autoescape=True,  # every template and every value: a transcript is text, never HTML
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template(TEMPLATE).render(**report_context(session, progress, now=now))


def write_report(store: Store, ref: str, output: Path | None = None) -> Path:
    """Render session ``ref`` to ``output`` (default: report.html in its folder)."""
    from voicecoach.review.progress import load_progress, of_scenario

    session = store.load(ref)
    html = render_report(session, of_scenario(load_progress(store), session.scenario))
    path = output or session.path / "report.html"
    if path.is_dir():
        path = path / f"report-{session.id}.html"
    if not path.parent.is_dir():
        what = "is a file, not a folder" if path.parent.exists() else "no such folder"
        raise UserInputError(f"{path.parent}: {what}; create it or pick another --output")
    try:
        atomic.write_text(atomic.check_output(path).target, html)  # no FIFO, no device
    except OSError as exc:
        raise StorageError(
            f"{path}: cannot write the report ({exc.strerror or exc}); pick another --output"
        ) from exc
    return path


def open_in_browser(path: Path) -> bool:
    """Open the report with the system's browser; False when none could be started."""
    import webbrowser

    return webbrowser.open(path.resolve().as_uri())
