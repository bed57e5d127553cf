"""The live screen, rendered to a recorded console, and quitting from the keyboard."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from rich.console import Console

from voicecoach.analysis.wording import said_until
from voicecoach.audio.endpoint import Endpointer, EndReason, RecordingStatus
from voicecoach.audio.files import write_wav
from voicecoach.audio.recorders import Recording
from voicecoach.rehearsal.screen import (
    LiveScreen,
    PlainEvents,
    clock_bar,
    make_events,
    no_voice_text,
    too_quiet_text,
)
from voicecoach.scenario import load_scenario, plan
from voicecoach.settings import SAMPLE_RATE_HZ, Thresholds


def screen_text(screen: LiveScreen, width: int = 100) -> str:
    console = Console(record=True, width=width, force_terminal=True)
    console.print(screen.__rich__())
    return console.export_text()


def test_recap_turn_shows_clock_level_and_keys() -> None:
    turn = plan(load_scenario("recap"), None, 1)[0]
    screen = LiveScreen(Console(file=open("/dev/null", "w"), force_terminal=True))  # noqa: SIM115
    screen.ready("s1", load_scenario("recap"), [turn])
    screen.turn, screen.phase, screen.prompt_s = turn, "answer", 1.0
    screen.answer_started_at = 0.0
    screen.status = RecordingStatus(
        elapsed_s=24.0, level=0.5, speech_heard=True, no_voice=False, silence_s=0.0
    )
    text = screen_text(screen)
    assert "hiring committee" in text and "Turn 1 of 1" in text
    assert "24.0 s" in text and "target 20-30 s for the recap alone" in text
    assert "Enter/space: finish answer" in text and "q: quit" in text
    assert "█" * 20 in text  # level meter half full
    screen.status = RecordingStatus(6.0, 0.0, False, True, 6.0)
    assert "No voice heard yet" in screen_text(screen)
    screen._live.console.file.close()


def test_a_quiet_microphone_is_named_on_the_live_screen() -> None:
    turn = plan(load_scenario("ask"), None, 1)[0]
    screen = LiveScreen(Console(file=open("/dev/null", "w"), force_terminal=True))  # noqa: SIM115
    screen.ready("s1", load_scenario("ask"), [turn])
    screen.turn, screen.phase, screen.answer_started_at = turn, "answer", 0.0
    status = RecordingStatus(4.0, 0.17, True, False, 0.0, 0.5, speech_level_db=-50.0)
    screen.status = status
    assert "microphone is very quiet" not in screen_text(screen)
    screen.status = RecordingStatus(4.0, 0.17, True, False, 0.0, 0.5, -50.0, too_quiet=True)
    text = screen_text(screen)
    assert "Your microphone is very quiet (-50 dBFS" in text and "input gain" in text
    assert "lists the" in text and "microphones" in text
    # the doctor command that measures the microphone's level (`doctor --mic`), by name
    assert "voicecoach doctor --mic" in " ".join(too_quiet_text(status).split())
    screen.phase = "thinking"  # still said while the answer is transcribed
    assert "microphone is very quiet" in screen_text(screen)
    screen._live.console.file.close()


def test_a_barge_in_takes_the_screen_back_to_the_answer_it_continues() -> None:
    turns = plan(load_scenario("ask"), None, 1)
    screen = LiveScreen(Console(file=open("/dev/null", "w"), force_terminal=True))  # noqa: SIM115
    screen.ready("s1", load_scenario("ask"), turns)
    screen.prompt(turns[0], 3.0)
    screen.answer_started(turns[0])
    screen.answer_ended(turns[0], Recording(Path("a.wav"), 12.0, "finished", True, 0.0, 0.0))
    screen.prompt(turns[1], 3.0)  # the next line plays...
    screen.barge_in(turns[0])  # ...and the candidate goes on with their answer to turn 1
    text = screen_text(screen)
    assert "stopped to let you finish" in text and "answer to turn 1" in text
    assert turns[0].text.split()[0] in text and "Turn 1 of 2" in text
    # the clock goes on from the 12 s already answered (trial s10: it restarted at 0)
    screen.status = RecordingStatus(2.0, 0.3, True, False, 0.0)
    assert "14.0 s" in screen_text(screen)
    screen.prompt(turns[1], 3.0)  # said again from the start: no notice, no extra turn
    assert "stopped to let you finish" not in screen_text(screen) and screen.total == 2
    screen.close()
    screen._live.console.file.close()
    console = Console(record=True, width=100)
    plain = PlainEvents(console, live=True)
    plain.prompt(turns[1], 3.0)
    plain.barge_in(turns[0])
    assert "The interviewer stopped to let you finish" in console.export_text()


def test_going_on_before_the_next_line_began_says_no_line_was_stopped() -> None:
    # Trial 15: the tough interviewer judged a 4 s thinking pause the answer's end; the
    # candidate went on before its next line was said, and the screen read "The
    # interviewer stopped to let you finish", though it had not said a word. Live trial
    # 50: nor "Go on: this is still your answer", which is right only over a line begun
    turns = plan(load_scenario("ask"), None, 1)
    ended = Recording(Path("a.wav"), 12.0, "silence", True, 0.0, 0.0)
    screen = LiveScreen(Console(file=open("/dev/null", "w"), force_terminal=True))  # noqa: SIM115
    screen.ready("s1", load_scenario("ask"), turns)
    screen.prompt(turns[0], 3.0)
    screen.answer_started(turns[0])
    screen.answer_ended(turns[0], ended)
    screen.barge_in(turns[0])  # while the verdict is computed
    text = screen_text(screen)
    assert "stopped" not in text and "Go on" not in text and "still your answer" not in text
    assert "since your first word" in text  # the answer goes on, its clock with it
    screen.close()
    screen._live.console.file.close()
    console = Console(record=True, width=100)
    plain = PlainEvents(console, live=True)
    plain.prompt(turns[0], 3.0)
    plain.answer_ended(turns[0], ended)
    plain.barge_in(turns[0])
    said = console.export_text()
    assert "stopped" not in said and "Go on" not in said and "still your answer" not in said


def _clock(screen: LiveScreen) -> tuple[float, float]:
    """The live view's clock as shown: the recording, and the answer from its first word."""
    import re

    text = screen_text(screen)
    found = re.search(r"([\d.]+) s +recording; ([\d.]+) s since your first word", text)
    assert found is not None, text
    return float(found[1]), float(found[2])


@pytest.mark.parametrize("verdict_first", [False, True], ids=["while-judged", "after-verdict"])
def test_a_question_said_after_a_pause_joins_the_answer_without_a_flicker(
    tmp_path: Path, verdict_first: bool
) -> None:
    # Live trial 50 (L6): the turn end cut the answer in a pause, and the candidate asked
    # their question before the next line began. The listening's first statuses reached
    # the screen before the rehearsal said the answer went on: the clock read the
    # continuation's own second, then jumped back up; and "Go on: this is still your
    # answer" showed with no line said. After its verdict was printed, the live view had
    # stopped: the continuation was not shown at all.
    from voicecoach.analysis.analyzer import analyze_text
    from voicecoach.rehearsal.events import TurnResult
    from voicecoach.rehearsal.verdict import quick_verdict
    from voicecoach.transcript import Transcript

    turns = plan(load_scenario("ask"), None, 1)
    first = Recording(Path("a.wav"), 12.0, "finished", True, 0.0, 0.0)
    console = Console(file=open("/dev/null", "w"), force_terminal=True)  # noqa: SIM115
    screen = LiveScreen(console)
    screen.ready("s1", load_scenario("ask"), turns)
    screen.prompt(turns[0], 3.0)
    screen.answer_started(turns[0])
    screen.recording(turns[0], RecordingStatus(11.5, 0.3, True, False, 7.0, speech_start_s=1.0))
    screen.answer_ended(turns[0], first)
    shown = [_clock(screen)]
    if verdict_first:  # the verdict came before they went on: the live view was stopped
        said = "I want this job."
        analysis = analyze_text(said, expects=turns[0].expects, semantic=False)
        verdict = quick_verdict(analysis, turns[0].expects, first)
        screen.feedback(TurnResult(turns[0], first, Transcript.from_text(said), (), analysis,
                                   verdict, 0.0, 0.0, 0.0))  # fmt: skip
        assert not screen._live.is_started
    # the listening hears them go on (its clock from their first word), then the rehearsal
    # says so: the clock never goes back, and no line is said to have stopped
    for elapsed_s in (0.3, 0.6, 0.9):
        screen.recording(turns[0], RecordingStatus(elapsed_s, 0.4, True, False, 0.0, 0.2))
        if not verdict_first:
            shown.append(_clock(screen))
    screen.barge_in(turns[0])
    assert screen._live.is_started  # the continuation is on screen
    for elapsed_s in (1.2, 2.5):
        screen.recording(turns[0], RecordingStatus(elapsed_s, 0.4, True, False, 0.0, 0.2))
        shown.append(_clock(screen))
    merged = Recording(Path("a.wav"), 16.0, "finished", True, 0.0, 0.0)
    screen.answer_ended(turns[0], merged)
    shown.append(_clock(screen))
    text = screen_text(screen)
    assert "Go on" not in text and "stopped" not in text and "still your answer" not in text
    for kind in (0, 1):  # the recording, the answer
        clock = [c[kind] for c in shown]
        assert clock == sorted(clock), shown
    assert shown[-1][1] >= 11.0 + 2.5 - 0.05, shown  # the answer so far, then what was added
    screen.close()
    console.file.close()


def test_a_line_answered_before_it_was_over_shows_as_far_as_it_got() -> None:
    # Trial 15: the candidate answered 40% into the first line; the panel went on showing
    # the whole question, and nothing said the interviewer had stopped
    turns = plan(load_scenario("ask"), None, 1)
    line = turns[0].text
    said = said_until(line, 0.4)
    rest = line[len(said) :].split()[-1]  # a word the interviewer never got to
    screen = LiveScreen(Console(file=open("/dev/null", "w"), force_terminal=True))  # noqa: SIM115
    screen.ready("s1", load_scenario("ask"), turns)
    screen.prompt(turns[0], 6.0)
    screen.line_answered(turns[0], 0.4)
    screen.answer_started(turns[0])
    text = " ".join(screen_text(screen).split())
    assert f"{said}... (stopped: you answered before the line was over)" in text
    assert rest not in text.split("(stopped")[1] and not text.count(rest.rstrip("?."))
    screen.prompt(turns[1], 3.0)  # the next line: shown whole as it is said
    assert "stopped" not in screen_text(screen)
    screen.barge_in(turns[0])  # ...until they go on with their answer to the first
    assert f"{said}... (stopped: you answered" in " ".join(screen_text(screen).split())
    screen.close()
    screen._live.console.file.close()
    console = Console(record=True, width=200)
    plain = PlainEvents(console, live=True)
    plain.prompt(turns[0], 6.0)  # printed whole as it began
    plain.line_answered(turns[0], 0.4)
    plain.line_answered(turns[0], 0.99)  # (nearly) all of it said: nothing to add
    printed = console.export_text()
    assert printed.count("you answered before the line was over") == 1
    assert f'Stopped after "{said}...": you answered' in printed


def test_the_answer_and_recap_clocks_start_at_the_first_word() -> None:
    # From a user trial: the recap clock read 34.3 s for a recap the verdict timed at 21 s;
    # the candidate had begun 13 s into the recording.
    turn = plan(load_scenario("recap"), None, 1)[0]
    screen = LiveScreen(Console(file=open("/dev/null", "w"), force_terminal=True))  # noqa: SIM115
    screen.ready("s1", load_scenario("recap"), [turn])
    screen.prompt(turn, 1.0)
    screen.answer_started(turn)
    screen.status = RecordingStatus(9.0, 0.0, False, True, 9.0)  # not begun yet
    text = screen_text(screen)
    assert "  9.0 s  recording; waiting for your first word" in text
    assert "█" not in text  # nor the recap bar: the recap has not begun
    screen.status = RecordingStatus(34.3, 0.4, True, False, 0.0, speech_start_s=13.3)
    text = screen_text(screen)
    assert " 34.3 s  recording; 21.0 s since your first word" in text
    assert "█" * 21 + "▒" in text  # the recap bar at 21 of its 40 s...
    assert "counted from your first word; target 20-30 s" in text  # ...and it says so
    screen.answer_ended(turn, Recording(Path("a.wav"), 36.0, "finished", True, 0.0, 0.0))
    assert screen.answer_s == pytest.approx(22.7)
    screen.barge_in(turn)  # a continuation goes on from the answer so far, pauses and all
    screen.status = RecordingStatus(2.0, 0.3, True, False, 0.0, speech_start_s=1.5)
    assert " 38.0 s  recording; 24.7 s since your first word" in screen_text(screen)
    screen.close()
    screen._live.console.file.close()


def test_the_clock_moves_while_the_candidate_is_silent() -> None:
    # A trial's candidate sat silent for 4 s watching "0.0 s" and thought the tool had
    # hung: the clock runs from the recording's start, fed by the real endpointing.
    turn = plan(load_scenario("final-close"), None, 1)[0]
    screen = LiveScreen(Console(file=open("/dev/null", "w"), force_terminal=True))  # noqa: SIM115
    screen.ready("s1", load_scenario("final-close"), [turn])
    screen.prompt(turn, 1.0)
    screen.answer_started(turn)
    endpointer, block_s = Endpointer(Thresholds()), 0.1
    seen = []
    for _ in range(40):  # 4 s of silence, a block at a time
        endpointer.feed([False] * 3, block_s)
        screen.recording(turn, endpointer.status(0.0))
        seen.append(screen_text(screen))
    assert "  1.0 s  recording" in seen[9] and "  4.0 s  recording" in seen[-1]
    assert "0.0 s" not in seen[-1]
    screen.close()
    screen._live.console.file.close()


def test_a_long_silence_says_it_is_still_listening_and_when_the_answer_ends() -> None:
    """Trial 20: a short recap sat 6 s under "silence 5 s", Enter only in the footer. From
    2 s of silence the panel says Enter finishes and when the answer ends by itself: the
    recorder's last resort, or the turn judge's shorter wait. At 60 columns."""
    turn = plan(load_scenario("recap"), None, 1)[0]
    screen = LiveScreen(Console(file=open("/dev/null", "w"), force_terminal=True))  # noqa: SIM115
    screen.ready("s1", load_scenario("recap"), [turn])
    screen.prompt(turn, 1.0)
    screen.answer_started(turn)
    th = Thresholds()
    endpointer, block_s = Endpointer(th), 0.1
    endpointer.feed([True] * 30, 1.0)  # a second of speech
    seen: dict[int, str] = {}  # by whole seconds of silence
    statuses = []
    while endpointer.silence_s < 4.5:  # a block at a time
        endpointer.feed([False] * 3, block_s)
        statuses.append(endpointer.status(0.0))
        screen.recording(turn, statuses[-1])
        seen.setdefault(int(endpointer.silence_s), screen_text(screen, width=60))
    assert "silence 1 s" in seen[1] and "Still listening" not in seen[1]
    for silence_s in (2, 3, 4):
        left_s = th.end_silence_s - silence_s
        assert f"silence {silence_s} s; ends by itself in {left_s:.0f} s" in seen[silence_s]
        assert "Still listening: press Enter if you have finished." in seen[silence_s]
    # the turn judge's wait for a missing move is shorter than the last resort
    at_2s = next(s for s in statuses if s.silence_s >= 2.0)
    screen.recording(turn, replace(at_2s, ends_after_s=th.end_unmet_s))
    left_s = th.end_unmet_s - 2
    assert f"silence 2 s; ends by itself in {left_s:.0f} s" in screen_text(screen, width=60)
    # the wait over, it says so rather than counting "1 s" again (trial 21)
    over = replace(at_2s, silence_s=th.end_silence_s + 0.2, ends_after_s=th.end_silence_s)
    screen.recording(turn, over)
    shown = screen_text(screen, width=60)
    assert f"silence {th.end_silence_s:.0f} s; ending the answer" in shown
    assert "ends by itself" not in shown
    for text in seen.values():
        assert all(len(line) <= 60 for line in text.splitlines()), text
    # the recap bar stands at the last word through the silence (trial 20: it went on
    # filling, to 10 s, for a 5 s recap)
    bars = {next(x for x in text.splitlines() if "Recap" in x).count("█") for text in seen.values()}
    assert len(bars) == 1, bars
    screen.close()
    screen._live.console.file.close()


def test_plain_output_leaves_the_answers_length_to_the_verdict() -> None:
    # it printed the recording's length (silence before the first word included) just
    # above a verdict that times the answer from its first word
    turn = plan(load_scenario("recap"), None, 1)[0]
    console = Console(record=True, width=100)
    PlainEvents(console).answer_ended(
        turn, Recording(Path("a.wav"), 46.1, "finished", True, 0.0, 0.0)
    )
    assert console.export_text() == "Answer recorded. Transcribing...\n"


def test_clock_marks_the_band() -> None:
    bar = clock_bar(25.0, Thresholds()).plain
    cells = bar.split("  ")[0]
    assert len(cells) == 40 and cells[:25] == "█" * 25 and cells[25:30] == "▒" * 5


def test_plain_output_without_a_terminal() -> None:
    console = Console(file=open("/dev/null", "w"), force_terminal=False)  # noqa: SIM115
    assert type(make_events(console, live=True)) is PlainEvents
    assert type(make_events(console, live=False)) is PlainEvents
    console.file.close()


def test_q_during_the_prompt_stops_without_recording(tmp_path: Path) -> None:
    from voicecoach.audio.recorders import FileRecorder
    from voicecoach.audio.tts import Pyttsx3Speaker
    from voicecoach.rehearsal.events import Controls, Devices
    from voicecoach.rehearsal.run import Rehearsal
    from voicecoach.sessions.store import Store

    controls = Controls()

    class QuitWhilePlaying:
        def play(self, path: Path, stop: threading.Event | None = None, on_start=None) -> None:  # type: ignore[no-untyped-def]
            controls.quit.set()  # the user pressed q while the interviewer spoke

    recorder = FileRecorder([Path(__file__).parent.parent / "data" / "speech" / "jfk.wav"])
    writer = Store().create(scenario="recap", profile=None, engine="x", model="y")
    result = Rehearsal(
        load_scenario("recap"),
        devices=Devices(Pyttsx3Speaker(), QuitWhilePlaying(), recorder, live=False),
        transcriber=None,  # type: ignore[arg-type]  # never reached: nothing is recorded
        writer=writer,
        controls=controls,
    ).run()
    assert result.status == "interrupted" and result.ended_by == "quit" and not result.turns
    assert recorder.used == 0


class SilentMic:
    """A microphone that hears nothing (the hardware edge): silent blocks, a tenth of a
    second each, through the real endpointing, as fast as they are asked for."""

    def __init__(self) -> None:
        self.recordings: list[Recording] = []

    def record(  # type: ignore[no-untyped-def]
        self,
        path: Path,
        *,
        stop=None,
        on_status=None,
        on_audio=None,
        keep_open=False,
        lead=None,
        forget=None,
    ):
        endpointer, block = Endpointer(Thresholds()), np.zeros(SAMPLE_RATE_HZ // 10, np.float32)
        reason: EndReason | None = None
        while reason is None:
            if stop is not None and stop.is_set():
                reason = "key"
                break
            endpointer.feed([False] * 3, len(block) / SAMPLE_RATE_HZ)
            on_status(endpointer.status(0.0))
            reason = endpointer.reason
        write_wav(path, np.zeros(round(endpointer.elapsed_s * SAMPLE_RATE_HZ), np.float32))
        rec = Recording(path, endpointer.elapsed_s, reason, False, time.time(), time.time())
        self.recordings.append(rec)
        return rec

    def close(self) -> None: ...


@pytest.mark.slow
def test_q_in_a_turn_with_nothing_said_ends_the_rehearsal_at_once(faster_transcriber) -> None:  # type: ignore[no-untyped-def]
    """Trial s10: q in a silent turn waited for the turn's end (180 s); q otherwise lets
    the answer being given run to its end."""
    from voicecoach.audio.devices import SilentPlayer
    from voicecoach.audio.tts import Pyttsx3Speaker
    from voicecoach.rehearsal.events import Controls, Devices, RehearsalEvents
    from voicecoach.rehearsal.run import Rehearsal
    from voicecoach.sessions.store import Store

    controls = Controls()

    class PressQWhenWarned(RehearsalEvents):
        def recording(self, turn, status):  # type: ignore[no-untyped-def]
            if status.no_voice:
                controls.quit.set()

    mic = SilentMic()
    result = Rehearsal(
        load_scenario("ask"),
        devices=Devices(Pyttsx3Speaker(), SilentPlayer(), mic, live=False),
        transcriber=faster_transcriber, writer=Store().create(
            scenario="ask", profile=None, engine="x", model="y"),
        controls=controls, events=PressQWhenWarned(),
    ).run()  # fmt: skip
    (rec,) = mic.recordings
    assert rec.ended_by == "key" and rec.duration_s < Thresholds().no_voice_warning_s + 1.0
    assert result.ended_by == "quit" and [r.turn.n for r in result.turns] == [1]


@pytest.mark.slow
def test_a_turn_with_nothing_said_ends_unanswered_after_no_answer_s(faster_transcriber) -> None:  # type: ignore[no-untyped-def]
    from voicecoach.audio.devices import SilentPlayer
    from voicecoach.audio.tts import Pyttsx3Speaker
    from voicecoach.rehearsal.events import Devices
    from voicecoach.rehearsal.run import Rehearsal
    from voicecoach.sessions.store import Store

    mic = SilentMic()
    result = Rehearsal(
        load_scenario("recap"),
        devices=Devices(Pyttsx3Speaker(), SilentPlayer(), mic, live=False),
        transcriber=faster_transcriber, writer=Store().create(
            scenario="recap", profile=None, engine="x", model="y"),
    ).run()  # fmt: skip
    (rec,) = mic.recordings
    assert rec.ended_by == "no_answer" and abs(rec.duration_s - Thresholds().no_answer_s) < 0.2
    (turn,) = result.turns
    waited_s = Thresholds().no_answer_s
    assert turn.verdict.headline == f"Nothing heard in {waited_s:.0f} s: counted as unanswered"
    assert result.analysis is not None and result.analysis.check("recap").status == "missing"


def test_no_voice_hint_names_the_keys_and_blames_the_mic_only_before_it_worked() -> None:
    th = Thresholds()
    first, later = no_voice_text(False, th), no_voice_text(True, th)
    assert "muted" in first and "muted" not in later
    for text in (first, later):
        assert "Enter skips this turn" in text and "q ends the rehearsal" in text
        assert f"{th.no_answer_s:.0f} s" in text


def test_closing_coaching_puts_fixes_first_and_keeps_quotes_short() -> None:
    from rich.console import Group

    from voicecoach.analysis import analyze_text
    from voicecoach.analysis.render import renderables

    rambling = " ".join(["and then I did some reporting work for the finance team"] * 8)
    analysis = analyze_text(
        f"I think I have done a lot, {rambling}. Thank you for your time today.",
        expects=("recap", "ask_for_job", "thanks"),  # and no ask: a fix
        semantic=False,
    )
    console = Console(record=True, width=200)  # no wrapping: whole quotes on one line
    console.print(Group(*renderables(analysis)))  # what the rehearsal ends with
    text = console.export_text()
    assert text.index("Fix first") < text.index("Strengths") < text.index("Gracious close")
    quoted = [line for line in text.splitlines() if "“" in line]
    assert quoted and all(len(line[line.index("“") :].strip(" │")) <= 120 for line in quoted)
    assert any("…" in line for line in quoted)


def test_the_header_names_the_interviewer_chosen() -> None:
    from voicecoach.rehearsal.setup import choose_persona

    scenario = load_scenario("final-close")
    tough = choose_persona(scenario, "tough", None)
    assert tough is not None
    turns = plan(scenario, None, 1)
    console = Console(record=True, width=200, force_terminal=True)
    screen = make_events(console, live=True, persona=tough)
    assert isinstance(screen, LiveScreen)
    screen.ready("s1", scenario, turns)  # printed above the live view, before turn 1
    assert f"Interviewer: tough - {tough.description}" in console.export_text()
    screen.prompt(turns[0], 2.0)
    screen.answer_started(turns[0])
    assert "Turn 1 of 5 - the interviewer (tough)" in screen_text(screen)
    screen.close()
    # a fixed script has no persona: the header stays as it was
    plain = LiveScreen(Console(file=open("/dev/null", "w"), force_terminal=True))  # noqa: SIM115
    recap = plan(load_scenario("recap"), None, 1)
    plain.ready("s2", load_scenario("recap"), recap)
    plain.turn, plain.phase = recap[0], "answer"
    header = screen_text(plain).splitlines()[0]
    assert "Turn 1 of 1 - the interviewer" in header and "(" not in header
    plain._live.console.file.close()


def test_the_reply_after_the_last_answer_stays_on_screen(tmp_path: Path) -> None:
    """The live view is transient: the interviewer's reply to a question asked at the door
    was shown while spoken and then vanished, the coaching printed where it had been."""
    from voicecoach.rehearsal.events import RehearsalResult
    from voicecoach.scenario import Turn

    scenario = load_scenario("ask")
    turns = plan(scenario, None, 1)
    reply = Turn(n=len(turns) + 1, id="closing", text="We aim to decide by Friday.",
                 expects=(), closing=True)  # fmt: skip
    for live in (True, False):
        console = Console(record=True, width=200, force_terminal=live)
        screen = make_events(console, live=live)
        screen.ready("s1", scenario, turns)
        screen.prompt(turns[0], 1.0)
        screen.prompt(reply, 1.0)
        screen.finished(RehearsalResult("s1", tmp_path, "ask", "complete", (), None))
        screen.close()
        text = console.export_text()
        assert "Interviewer (after your last answer): We aim to decide by Friday." in text
        assert f"(turn {reply.n})" not in text


def test_an_extra_turn_talked_over_and_replaced_adds_no_turn() -> None:
    # A review: "Yes, I do.", the go-ahead starts, the candidate goes on (the answer
    # grows) and the script's next line replaces it; the screen said "Turn 2 of 3" for a
    # close of 2 from then on. A line said again on request is an extra turn too.
    turns = plan(load_scenario("ask"), None, 1)
    screen = LiveScreen(Console(file=open("/dev/null", "w"), force_terminal=True))  # noqa: SIM115
    screen.ready("s1", load_scenario("ask"), turns)
    screen.prompt(turns[0], 3.0)
    ahead = replace(turns[0], n=2, id="go-ahead", text="Sure, go ahead.")
    screen.prompt(ahead, 1.0)
    assert screen.total == 3 and "Turn 2 of 3" in screen_text(screen)
    screen.prompt(replace(turns[1], n=2), 3.0)  # chosen again after the barge-in
    assert screen.total == 2 and "Turn 2 of 2" in screen_text(screen)
    screen.prompt(replace(turns[1], n=3, id="repeat"), 3.0)  # "Of course." and the line
    assert screen.total == 3
    screen.close()
    screen._live.console.file.close()


def test_the_header_counts_planned_turns_when_the_interviewer_may_add_some() -> None:
    # A header said "5 turns" and the panel went on to "Turn 6 of 6": with a reacting
    # interviewer listening live, a go-ahead, a line said again, a nudge or an opening may
    # be added, so the header gives the planned number and says so; the panel says how
    # many were added when it counts past it.
    scenario = load_scenario("final-close")
    turns = plan(scenario, None, 1)
    console = Console(record=True, width=200, force_terminal=True)
    screen = LiveScreen(console)
    screen.ready("s1", scenario, turns, may_add=True)
    header = console.export_text().splitlines()[0]
    assert header == (
        "The full close of a final interview - 5 planned turns (the interviewer may add a "
        "few), session s1"
    )
    screen.prompt(turns[0], 1.0)
    assert "Turn 1 of 5 - the interviewer" in screen_text(screen)
    screen.prompt(replace(turns[0], n=2, id="go-ahead", text="Sure, go ahead."), 1.0)
    assert "Turn 2 of 6 (1 added) - the interviewer" in screen_text(screen)
    screen.prompt(replace(turns[1], n=3), 1.0)
    assert "Turn 3 of 6 (1 added)" in screen_text(screen)
    screen.prompt(replace(turns[1], n=4, id="repeat"), 1.0)  # "Of course." and the line again
    assert "Turn 4 of 7 (2 added)" in screen_text(screen)
    screen.close()
    # the exact number where none can be added: a fixed script, or recorded answers (one
    # file per scripted turn)
    for name, said in (("final-close", "5 turns"), ("ask", "2 turns"), ("recap", "1 turn")):
        console = Console(record=True, width=200)
        PlainEvents(console).ready("s2", load_scenario(name), plan(load_scenario(name), None, 1))
        assert console.export_text().startswith(f"{load_scenario(name).title} - {said}, session")


def test_the_session_tells_the_screen_whether_turns_may_be_added() -> None:
    from voicecoach.audio.devices import SilentPlayer
    from voicecoach.audio.recorders import FileRecorder
    from voicecoach.audio.tts import Pyttsx3Speaker
    from voicecoach.rehearsal.events import Controls, Devices, RehearsalEvents
    from voicecoach.rehearsal.run import Rehearsal
    from voicecoach.sessions.store import Store

    reacting = load_scenario("final-close")
    fixed = replace(reacting, reactions=None)  # a scenario without [reactions]
    told = []

    class Ready(RehearsalEvents):
        def __init__(self, controls: Controls) -> None:
            self.controls = controls

        def ready(self, session_id, scenario, turns, *, may_add=False):  # type: ignore[no-untyped-def]
            told.append((len(turns), may_add))
            self.controls.quit.set()  # nothing more is needed of this session

    for scenario, live in ((reacting, True), (reacting, False), (fixed, True)):
        controls = Controls()
        Rehearsal(
            scenario,
            devices=Devices(Pyttsx3Speaker(), SilentPlayer(), FileRecorder([]), live=live),
            transcriber=None,  # type: ignore[arg-type]  # never reached: nothing is recorded
            writer=Store().create(scenario=scenario.name, profile=None, engine="x", model="y"),
            controls=controls, events=Ready(controls),
        ).run()  # fmt: skip
    # only a reacting interviewer listening live adds turns; recorded answers line up
    assert told == [(5, True), (5, False), (5, False)]


def test_ctrl_c_in_a_silent_answer_is_not_called_a_saved_answer() -> None:
    # trial 15: Ctrl-C while waiting in turn 3, nothing said, read "Your answer to turn 3
    # was saved and is part of this coaching."
    from types import SimpleNamespace

    from voicecoach.rehearsal.events import RehearsalResult
    from voicecoach.rehearsal.screen import answers_kept
    from voicecoach.transcript import Transcript

    turns = plan(load_scenario("ask"), None, 1)

    def ended(*said: str) -> RehearsalResult:
        results = tuple(
            SimpleNamespace(
                turn=t,
                transcript=Transcript.from_text(text),
                recording=SimpleNamespace(ended_by="interrupted"),
            )
            for t, text in zip(turns, said, strict=False)
        )
        return RehearsalResult("s1", Path("s1"), "ask", "interrupted", results, None,  # type: ignore[arg-type]
                               "interrupted")  # fmt: skip

    assert answers_kept(ended("I want this job.", "")) == [
        "No words were made out in your answer to turn 2 before Ctrl-C."
    ]
    assert answers_kept(ended("I want this job.")) == [
        "Your answer to turn 1 was saved and is part of this coaching."
    ]
