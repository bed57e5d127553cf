"""The spoken rehearsal, end to end.

Recorded answers go through the library with the real voice, Whisper, analyzer and store.
Live runs start the real ``voicecoach rehearse`` in a subprocess on the virtual sound card
(tests/audio_rig.py): speech is played into its microphone when the CLI says it is
recording, and the speaker's monitor is recorded to check the interviewer was heard.
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from audio_rig import AudioRig, audio_rig, shared_rig  # noqa: F401  (session fixture)
from rehearsal_support import Cli, heard_in, latest_session, say, write_config
from rich.console import Console
from terminal_support import Terminal

from voicecoach.audio.devices import SilentPlayer
from voicecoach.audio.files import load_audio, write_wav
from voicecoach.audio.recorders import FileRecorder
from voicecoach.audio.tts import Pyttsx3Speaker
from voicecoach.profile import load_profile
from voicecoach.rehearsal.events import Controls, Devices, RehearsalEvents
from voicecoach.rehearsal.run import Rehearsal
from voicecoach.scenario import load_scenario
from voicecoach.sessions.store import Store
from voicecoach.settings import SAMPLE_RATE_HZ, Thresholds
from voicecoach.speech.chunked import ChunkedTranscriber

ROOT = Path(__file__).parent.parent.parent
SAMPLES = ROOT / "samples"
SPEECH = Path(__file__).parent.parent / "data" / "speech"
SAMPLE_CONCERN = "You have not worked in freight or logistics before."


class Recorded(RehearsalEvents):
    def __init__(self) -> None:
        self.names: list[str] = []

    def prompt(self, turn, duration_s):  # type: ignore[no-untyped-def]
        self.names.append(f"prompt {turn.n}")

    def feedback(self, result):  # type: ignore[no-untyped-def]
        self.names.append(f"feedback {result.turn.n}")

    def finished(self, result):  # type: ignore[no-untyped-def]
        self.names.append("finished")


# -- recorded answers, through the library ---------------------------------------------
@pytest.mark.slow
def test_recorded_answers_make_a_complete_coached_session(faster_transcriber) -> None:  # type: ignore[no-untyped-def]
    answers = sorted((SAMPLES / "strong").glob("turn-*.flac"))
    player = SilentPlayer()
    store = Store()
    profile = load_profile(SAMPLES / "profile.toml")
    writer = store.create(
        scenario="final-close", profile=profile, engine="faster-whisper", model="tiny.en", seed=3
    )
    events = Recorded()
    rehearsal = Rehearsal(
        load_scenario("final-close"),
        devices=Devices(Pyttsx3Speaker(), player, FileRecorder(answers), live=False),
        transcriber=faster_transcriber, writer=writer, profile=profile, seed=3,
        concern=SAMPLE_CONCERN, events=events,
    )  # fmt: skip
    result = rehearsal.run()

    assert result.status == "complete" and len(result.turns) == 5
    assert events.names[:2] == ["prompt 1", "feedback 1"] and events.names[-1] == "finished"
    assert [p.name for p in player.played] == ["prompt.wav"] * 5
    t = {r.turn.n: r for r in result.turns}
    assert t[3].turn.concern == "you have not worked in freight or logistics before."
    assert "competitor" in t[1].transcript.text.lower()
    assert t[1].analysis.check("final_questions").status == "done"  # type: ignore[union-attr]
    assert t[4].analysis.check("ask_for_job").status == "done"  # type: ignore[union-attr]
    assert t[3].verdict.good and t[5].verdict.good  # the concern answer reads its check
    assert t[2].verdict.recap_s is not None and t[2].verdict.recap_s > 10
    assert result.analysis is not None and result.analysis.score >= 85
    # the voice is measured on every answer; the sample's calm, clear TTS voice (about
    # 1.6 st of variation) is not called flat at the default bound
    assert all(r.voice is not None and r.analysis.prosody is not None for r in result.turns)
    assert result.analysis.prosody is not None and result.analysis.prosody.monotone == "no"
    flat = [c for r in result.turns for c in r.analysis.coaching if "voice move" in c.title]
    assert flat == []
    # stored: prompts, answers, transcripts, timings; the store lists it as complete
    manifest = json.loads((result.session_path / "manifest.json").read_text())
    assert manifest["status"] == "complete" and manifest["seed"] == 3
    for n in range(1, 6):
        folder = result.session_path / f"turn-0{n}"
        assert (folder / "prompt.wav").stat().st_size > 10_000
        kept, given = load_audio(folder / "answer.wav"), load_audio(answers[n - 1])
        assert abs(len(kept) - len(given)) < 10
    record = manifest["turns"][0]
    assert record["feedback_ready_at"] >= record["answer_ended_at"] > 0
    assert store.resolve("last") == result.session_id


def _ask_drill(transcriber, answers: list[Path]):  # type: ignore[no-untyped-def]
    """The ask drill (ask, goodbye) with recorded ``answers``, through the library."""
    profile = load_profile(SAMPLES / "profile.toml")
    writer = Store().create(
        scenario="ask", profile=profile, engine="faster-whisper", model="tiny.en", seed=2
    )
    return Rehearsal(
        load_scenario("ask"),
        devices=Devices(Pyttsx3Speaker(), SilentPlayer(), FileRecorder(answers), live=False),
        transcriber=transcriber, writer=writer, profile=profile, seed=2, events=Recorded(),
    ).run()  # fmt: skip


# A trial's goodbye as the rehearsal recorded it through the virtual sound card: "Thank you
# so much, Dana, I really enjoyed meeting you today.", heard as "And you so much, Dana..."
# on an AVX-512 Zen 5 and as "Thank you so much, Dana. ..." with oneDNN held to AVX2; the
# first word is unsure either way (0.41 and 0.37, under LOW_WORD_PROBABILITY).
GOODBYE = SPEECH / "close-goodbye-misheard-card.flac"


@pytest.mark.slow
def test_an_unsure_goodbye_is_unclear_in_its_turn_and_in_the_closing(faster_transcriber) -> None:  # type: ignore[no-untyped-def]
    # The trial's turn showed "? Thank the interviewer: unclear" and its closing checklist
    # "thanked", crediting the courtesy "Thank you." that opened the first answer.
    opener = SPEECH / "close-thanks-opener-espeak.flac"
    result = _ask_drill(faster_transcriber, [opener, GOODBYE])
    from voicecoach.analysis.semantic import LOW_WORD_PROBABILITY

    first, bye = result.turns
    assert first.transcript.text.startswith("Thank you.")
    # the premise: the thanks is unsure, whichever word Whisper writes for it (see GOODBYE)
    said = bye.transcript.words[0]
    assert said.text.strip(",.").lower() in {"and", "thank"}, bye.transcript.text
    assert said.probability < LOW_WORD_PROBABILITY, said
    assert "you so much, Dana" in bye.transcript.text
    (line,) = bye.verdict.lines
    closing = result.analysis.check("thanks")
    assert (line.status, closing.status) == ("unclear", "unclear")
    assert closing.detail == line.detail and "you so much, Dana" in line.detail
    assert [e.turn for e in closing.evidence] == [2]


@pytest.mark.slow
def test_a_clear_thank_you_elsewhere_is_credited_by_the_closing_with_its_quote(
    faster_transcriber, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    thanked = say("I really want this job. Thank you for your time today.", tmp_path / "a.wav")
    result = _ask_drill(faster_transcriber, [thanked, GOODBYE])
    assert "Thank you for your time today." in result.turns[0].transcript.text
    (line,) = result.turns[1].verdict.lines
    closing = result.analysis.check("thanks")
    assert (line.status, closing.status) == ("unclear", "done")
    # the tick says which thank-you it counts, so it does not contradict the turn's "?"
    assert closing.detail == ('thanked the interviewer (turn 1: "Thank you for your time today.")')
    assert [e.turn for e in closing.evidence] == [1]


@pytest.mark.slow
def test_the_recap_verdict_names_what_the_live_clock_counted_and_it_did_not(
    tmp_path: Path, faster_transcriber
) -> None:  # type: ignore[no-untyped-def]
    """Trial s15: the live recap clock counted the whole answer (23 s, in the band), the
    verdict said "19.8 s (too short)": the question after the recap was left out of its
    time without a word. The verdict now says what it left out."""
    from voicecoach.rehearsal.screen import answer_clock_s

    answer = say(
        "To pull it together. I have spent six years building demand forecasting models in "
        "SQL and Python. At my last company I cut forecast error by eighteen percent, and I "
        "built the dashboards our regional managers open every morning. That is exactly what "
        "this role needs. Is there anything about my background that gives you pause?",
        tmp_path / "recap.wav",
    )
    statuses = []

    class Clock(RehearsalEvents):
        def recording(self, turn, status):  # type: ignore[no-untyped-def]
            statuses.append(status)

    writer = Store().create(scenario="recap", profile=None, engine="faster-whisper", model="x")
    result = Rehearsal(
        load_scenario("recap"),
        devices=Devices(Pyttsx3Speaker(), SilentPlayer(), FileRecorder([answer]), live=False),
        transcriber=faster_transcriber, writer=writer, events=Clock(),
    ).run()  # fmt: skip
    turn = result.turns[0]
    clock_s = answer_clock_s(statuses[-1])  # what the live clock showed at the answer's end
    recap_s = turn.verdict.recap_s
    assert recap_s is not None and recap_s < clock_s - 2.0
    (line,) = turn.verdict.lines
    assert "not counting your question after it" in line.detail, line.detail
    assert "Is there anything about my" in line.detail
    assert f"{recap_s:.0f} s (too short)" in line.detail


@pytest.mark.slow
def test_chunked_transcription_keeps_words_and_times(faster_transcriber) -> None:  # type: ignore[no-untyped-def]
    gap = np.zeros(SAMPLE_RATE_HZ, np.float32)
    clips = [load_audio(SPEECH / f"librivox-{n}.wav") for n in ("0870", "0890", "0920")]
    jfk = load_audio(SPEECH / "jfk.wav")
    audio = np.concatenate([*(x for c in clips for x in (c, gap)), jfk, gap, gap, gap])
    home = Path(os.environ["VOICECOACH_HOME"])
    chunker = ChunkedTranscriber(faster_transcriber)
    FileRecorder([write_wav(home / "in.wav", audio)]).record(
        home / "a.wav", on_audio=chunker.on_audio, on_status=chunker.on_status
    )
    transcript, regions = chunker.finish()
    assert chunker.pieces >= 2  # it really was cut
    text = " ".join(transcript.text.lower().replace(",", "").split())
    assert "ask not what your country can do for you" in text
    assert "dashwood" in text
    jfk_start_s = sum(len(c) + len(gap) for c in clips) / SAMPLE_RATE_HZ
    ask = next(w for w in transcript.words if w.text.strip(",.").lower() == "ask")
    # "ask" comes after "And so, my fellow Americans" and a pause, 2.2-3.6 s into the clip
    assert jfk_start_s + 2.2 < ask.start_s < jfk_start_s + 3.6  # times stay right
    starts = [w.start_s for w in transcript.words]
    assert starts == sorted(starts)
    assert regions[0][0] < 1.0 and abs(regions[-1][1] - (jfk_start_s + 10.5)) < 1.0


@pytest.mark.slow
def test_cli_with_answers_and_no_audio() -> None:
    from click.testing import CliRunner

    from voicecoach.cli import main

    result = CliRunner().invoke(
        main,
        ["rehearse", "ask", "--no-audio", "--seed", "2", "--answers",
         str(SAMPLES / "strong" / "turn-04.flac"), str(SAMPLES / "strong" / "turn-05.flac")],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Interviewer (turn 1)" in result.output and "Coaching for this drill" in result.output
    assert "Interviewer: neutral - Polite and even." in result.output  # the default persona
    manifest = json.loads((latest_session() / "manifest.json").read_text())
    assert manifest["scenario"] == "ask" and manifest["status"] == "complete"


def test_cli_answers_must_cover_every_turn() -> None:
    from click.testing import CliRunner

    from voicecoach.cli import main

    result = CliRunner().invoke(
        main, ["rehearse", "--no-audio", "--answers", str(SPEECH / "jfk.wav")]
    )
    assert result.exit_code == 2 and "has 5 turns but 1 --answers file" in result.output


def test_cli_unknown_voice_is_one_line_and_stops() -> None:
    from click.testing import CliRunner

    from voicecoach.cli import main

    result = CliRunner().invoke(
        main,
        ["rehearse", "ask", "--voice", "zzqx", "--no-audio", "--answers", str(SAMPLES / "weak")],
    )
    assert result.exit_code == 3 and result.exception is not None
    assert result.output.startswith("Error: voice 'zzqx' (setting 'voice') not found;")
    assert "`voicecoach devices --voices`" in result.output and "Traceback" not in result.output


@pytest.mark.slow
def test_cli_a_voice_that_is_not_english_is_noted() -> None:
    from click.testing import CliRunner

    from voicecoach.cli import main

    result = CliRunner().invoke(
        main,
        ["rehearse", "ask", "--voice", "klingon", "--no-audio", "--seed", "2", "--answers",
         str(SAMPLES / "strong" / "turn-04.flac"), str(SAMPLES / "strong" / "turn-05.flac")],
        catch_exceptions=False,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Note: voice 'klingon' (setting 'voice') is Klingon (art/piqd)" in result.stderr


# -- live, through the virtual sound card ----------------------------------------------
@pytest.mark.audio
@pytest.mark.usefixtures("audio_rig")
@pytest.mark.slow
def test_live_rehearsal_hears_the_candidate_and_speaks_to_them(
    tmp_path: Path,
    cli_runs: list[Cli],
) -> None:
    answers = [
        say("I am really excited about this role and I would love to join your team. "
            "When do you expect to make a decision?", tmp_path / "a1.wav"),
        say("Thank you so much for your time today.", tmp_path / "a2.wav"),
    ]  # fmt: skip
    write_config(last_answer_grace_s=0)
    with shared_rig().record_speaker(tmp_path / "speaker.wav") as speaker:
        cli = Cli(["rehearse", "ask", "--seed", "4"], shared_rig().env)
        cli_runs.append(cli)
        for answer in answers:
            cli.wait_for(r"Recording your answer")
            shared_rig().play_into_mic(answer)
            cli.wait_for(r"feedback in")
        assert cli.finish() == 0, "".join(cli.output)
    output = "".join(cli.output)
    assert "Coaching for this drill" in output and "Traceback" not in output
    folder = latest_session()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["status"] == "complete" and len(manifest["turns"]) == 2
    t1 = json.loads((folder / "turn-01" / "transcript.json").read_text())["text"].lower()
    assert "join your team" in t1 and "make a decision" in t1
    a1 = json.loads((folder / "turn-01" / "analysis.json").read_text())
    assert {c["key"]: c["status"] for c in a1["checks"]}["ask_for_job"] == "done"
    # answers end by themselves (heard finished, or the last-resort silence), whole, and
    # feedback comes promptly after
    for turn in manifest["turns"]:
        assert turn["feedback_ready_at"] - turn["answer_ended_at"] < 5.0
    answer_s = len(load_audio(folder / "turn-01" / "answer.wav")) / SAMPLE_RATE_HZ
    spoken_s = len(load_audio(answers[0])) / SAMPLE_RATE_HZ
    assert spoken_s < answer_s < spoken_s + Thresholds().end_silence_s + 1.0
    # the interviewer's voice reached the speaker: both rendered prompts are in it
    heard = load_audio(speaker)
    for n in (1, 2):
        assert heard_in(load_audio(folder / f"turn-0{n}" / "prompt.wav"), heard) > 0.9


@pytest.mark.audio
@pytest.mark.usefixtures("audio_rig")
@pytest.mark.slow
def test_a_quiet_microphone_is_named_during_the_turn_and_hedges_its_verdict(
    tmp_path: Path,
    cli_runs: list[Cli],
) -> None:
    """Trial s15: an answer at about -50 dBFS was heard as nonsense and judged as if said,
    with no word about the microphone. The same voice at normal gain is not warned about."""
    loud = say(
        "I really want this job. When can I expect to hear about the next step?",
        tmp_path / "a1.wav",
    )
    quiet_audio = load_audio(
        say("Thank you so much for your time today, I enjoyed it.", tmp_path / "a2-loud.wav")
    )
    hiss = np.random.default_rng(0).normal(0, 10 ** (-75 / 20), len(quiet_audio))
    quiet_audio = (quiet_audio * 10 ** (-27 / 20) + hiss).astype(np.float32)
    quiet = write_wav(tmp_path / "a2.wav", quiet_audio)
    cli = Cli(["rehearse", "ask", "--seed", "4"], shared_rig().env)
    cli_runs.append(cli)
    during: list[str] = []
    for answer in (loud, quiet):
        cli.wait_for(r"Recording your answer")
        shared_rig().play_into_mic(answer, wait=False)
        start = len(cli.output)
        cli.wait_for(r"Answer recorded")
        during.append("".join(cli.output[start:]))
        cli.wait_for(r"feedback in")
    assert cli.finish() == 0, "".join(cli.output)
    output = "".join(cli.output)
    assert "microphone is very quiet" not in during[0]
    assert "Your microphone is very quiet" in during[1] and "input gain" in during[1]
    verdicts = output.split("You said:")[1:]
    assert "Heard too quietly to be sure" not in verdicts[0]
    assert "Heard too quietly to be sure" in verdicts[1]
    assert "✓" not in verdicts[1].split("Coaching for")[0]  # nothing marked done for sure
    assert "microphone was very quiet in turn 2" in output.split("Coaching for")[1]


@pytest.mark.audio
@pytest.mark.usefixtures("audio_rig")
@pytest.mark.slow
def test_ctrl_c_mid_answer_keeps_and_analyses_it(
    cli_runs: list[Cli],
) -> None:
    cli = Cli(["rehearse", "recap", "--seed", "1"], shared_rig().env)
    cli_runs.append(cli)
    cli.wait_for(r"Recording your answer")
    playing = shared_rig().play_into_mic(SPEECH / "jfk.wav", wait=False)
    try:
        time.sleep(6.0)
        cli.proc.send_signal(signal.SIGINT)
        assert cli.finish() == 130, "".join(cli.output)
    finally:
        # the clip's last 5 s must not go on into the shared microphone: the next live test
        # heard "Ask what you can do for your country" as its candidate (a CI run)
        playing.terminate()
        playing.wait(timeout=10)
    folder = latest_session()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["status"] == "interrupted"
    kept_s = len(load_audio(folder / "turn-01" / "answer.wav")) / SAMPLE_RATE_HZ
    assert 5.0 < kept_s < 7.5
    text = json.loads((folder / "turn-01" / "transcript.json").read_text())["text"].lower()
    assert "my fellow americans" in text
    assert (folder / "turn-01" / "analysis.json").exists() and (folder / "analysis.json").exists()
    assert "interrupted" in "".join(cli.output)


def test_no_input_device_is_a_clear_error(tmp_path: Path) -> None:
    env = {**os.environ, "PULSE_SERVER": f"unix:{tmp_path}/no-such-server"}
    done = subprocess.run(
        [sys.executable, "-m", "voicecoach", "rehearse", "recap", "--no-audio"], env=env,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 3, done.stderr
    assert "Error: no audio input device found" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (Path(os.environ["VOICECOACH_HOME"]) / "sessions").exists()  # nothing half-made


@pytest.mark.slow
def test_a_close_stopped_after_one_turn_is_not_scored_as_whole(faster_transcriber) -> None:  # type: ignore[no-untyped-def]
    controls = Controls()

    class QuitAfterFirst(Recorded):
        def feedback(self, result):  # type: ignore[no-untyped-def]
            super().feedback(result)
            controls.quit.set()  # q pressed during the first answer

    answers = sorted((SAMPLES / "strong").glob("turn-*.flac"))
    writer = Store().create(scenario="final-close", profile=None, engine="x", model="y")
    result = Rehearsal(
        load_scenario("final-close"),
        devices=Devices(Pyttsx3Speaker(), SilentPlayer(), FileRecorder(answers), live=False),
        transcriber=faster_transcriber, writer=writer, seed=3, concern=SAMPLE_CONCERN,
        events=QuitAfterFirst(), controls=controls,
    ).run()  # fmt: skip
    assert result.ended_by == "quit" and len(result.turns) == 1
    assert result.turns[0].verdict.good  # the questions turn itself went well
    overall = result.analysis
    assert overall is not None and overall.score < 50
    for key in ("recap", "ask_for_job", "thanks"):  # the turns never reached asked for these
        assert overall.check(key).status == "missing", key  # type: ignore[union-attr]
    # a re-analysis of the stored audio judges it the same way: the plan is in the manifest
    from voicecoach.review.reanalysis import reanalyze_session

    again = reanalyze_session(result.session_id, transcriber=faster_transcriber)
    assert again.new_score is not None and again.new_score < 50


@pytest.mark.slow
def test_a_line_chosen_but_never_said_is_not_coached(faster_transcriber, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Trial 20: q pressed in turn 2, with nothing said; the tough interviewer had chosen
    to raise a doubt next, never voiced, and the close was coached "The interviewer raised
    a doubt you had not invited". The conversation keeps only the lines said."""
    silence = write_wav(tmp_path / "silence.wav", np.zeros(3 * SAMPLE_RATE_HZ, np.float32))
    questions = sorted((SAMPLES / "strong").glob("turn-*.flac"))[0]
    for seed in range(4):
        controls = Controls()

        class QuitAfterSecond(Recorded):
            def __init__(self, controls: Controls) -> None:
                super().__init__()
                self.controls = controls

            def feedback(self, result):  # type: ignore[no-untyped-def]
                super().feedback(result)
                if result.turn.n == 2:
                    self.controls.quit.set()  # q in turn 2

        events = QuitAfterSecond(controls)
        writer = Store().create(scenario="final-close", profile=None, engine="x", model="y")
        rehearsal = Rehearsal(
            load_scenario("final-close"),
            devices=Devices(
                Pyttsx3Speaker(), SilentPlayer(), FileRecorder([questions, silence]), live=False
            ),
            transcriber=faster_transcriber, writer=writer, seed=seed, concern=SAMPLE_CONCERN,
            events=events, controls=controls, persona="tough",
        )  # fmt: skip
        result = rehearsal.run()
        assert result.ended_by == "quit" and len(result.turns) == 2, events.names
        said = {int(n.split()[1]) for n in events.names if n.startswith("prompt")}
        assert rehearsal.conversation is not None
        assert {t.n for t in rehearsal.conversation.spoken} <= said, events.names
        titles = [p.title for p in result.analysis.coaching] if result.analysis else []
        assert "The interviewer raised a doubt you had not invited" not in titles, (seed, titles)
        talk = Store().load(result.session_id).conversation or {}
        assert not any("had not invited" in p["title"] for p in talk.get("coaching", ())), seed


@pytest.mark.slow
def test_a_turn_left_with_q_before_a_word_is_not_reached(
    faster_transcriber, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Trial 48: q in the recap turn before a word. The turn's panel and the closing judged
    a recap never given ("? Recap ... turn 1 was not heard clearly enough to tell" after
    an answer not heard clearly; "no summary of your fit" after a clear one). Both now say
    the turn was not reached, and the replay and a re-analysis agree."""
    from voicecoach.analysis.wording import DETAIL
    from voicecoach.review.reanalysis import reanalyze_session
    from voicecoach.review.replay_view import turn_feedback

    silence = write_wav(tmp_path / "silence.wav", np.zeros(4 * SAMPLE_RATE_HZ, np.float32))
    controls = Controls()

    class QuitInTurn2(Recorded):
        def answer_started(self, turn):  # type: ignore[no-untyped-def]
            if turn.n == 2:
                controls.quit.set()  # q before a word of the recap

    writer = Store().create(scenario="final-close", profile=None, engine="x", model="y")
    questions = sorted((SAMPLES / "strong").glob("turn-*.flac"))[0]
    result = Rehearsal(
        load_scenario("final-close"),
        devices=Devices(
            Pyttsx3Speaker(), SilentPlayer(), FileRecorder([questions, silence]), live=False
        ),
        transcriber=faster_transcriber, writer=writer, seed=3, concern=SAMPLE_CONCERN,
        events=QuitInTurn2(), controls=controls,
    ).run()  # fmt: skip
    assert result.ended_by == "quit" and len(result.turns) == 2
    never = DETAIL["not_reached"]
    left = result.turns[1]
    assert left.turn.expects == ("recap", "concerns"), left.turn
    assert {line.detail for line in left.verdict.lines} == {never}, left.verdict
    assert left.verdict.headline == "Not answered: the rehearsal stopped before your answer"
    assert not left.verdict.tip, left.verdict
    overall = result.analysis
    assert overall is not None
    for key in ("recap", "concerns", "interest", "ask_for_job", "thanks"):
        check = overall.check(key)
        assert check is not None and (check.status, check.detail) == ("missing", never), check
    assert not any(p.title == "Recap why you fit" for p in overall.coaching), overall.coaching
    session = Store().load(result.session_id)
    shown = turn_feedback(session, session.turns[1])  # the replay's and the report's panel
    assert shown is not None and {c.detail for c in shown.checks if c.key == "recap"} == {never}
    reanalyze_session(result.session_id, transcriber=faster_transcriber)
    again = Store().load(result.session_id).analysis
    assert again is not None and again.check("recap").detail == never  # type: ignore[union-attr]


@pytest.mark.slow
def test_q_before_a_word_of_the_last_turn_stops_the_rehearsal_too(
    faster_transcriber, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """q in the only turn of the recap drill, before a word: its panel said "Not answered:
    the rehearsal stopped before your answer", but with no turn after it to notice the q
    the session was saved complete, its closing said "no summary of your fit" and `sessions
    show` "(no words were transcribed)". It is stopped there as in any other turn."""
    from voicecoach.analysis.wording import STOPPED_BEFORE_ANSWER
    from voicecoach.review.sessions_view import session_view

    silence = write_wav(tmp_path / "silence.wav", np.zeros(4 * SAMPLE_RATE_HZ, np.float32))
    controls = Controls()

    class QuitInTurn1(Recorded):
        def answer_started(self, turn):  # type: ignore[no-untyped-def]
            controls.quit.set()  # q before a word of the recap

    writer = Store().create(scenario="recap", profile=None, engine="x", model="y")
    result = Rehearsal(
        load_scenario("recap"),
        devices=Devices(Pyttsx3Speaker(), SilentPlayer(), FileRecorder([silence]), live=False),
        transcriber=faster_transcriber, writer=writer, seed=3, events=QuitInTurn1(),
        controls=controls,
    ).run()  # fmt: skip
    (left,) = result.turns
    assert left.verdict.headline == "Not answered: the rehearsal stopped before your answer"
    assert result.ended_by == "quit" and result.status == "interrupted", result
    # nothing was answered: no closing is judged, as after q in the first turn of any
    # rehearsal (it had judged the recap "no summary of your fit")
    assert result.analysis is None
    console = Console(width=160, record=True)
    console.print(session_view(Store().load(result.session_id)))
    shown = console.export_text()
    assert f"({STOPPED_BEFORE_ANSWER})" in shown and "no words were transcribed" not in shown


def _pane_shows(
    term: Terminal, *texts: str, count: int = 1, now: bool = False, timeout_s: float = 90.0
) -> None:
    """Wait until the pane has shown all ``texts`` ``count`` times (``now``: on screen now)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        pane = term.screen() if now else term.history()
        if all(pane.count(t) >= count for t in texts):
            return
        time.sleep(0.2)
    raise AssertionError(f"{texts!r} never appeared {count} times; pane:\n{term.history()}")


@pytest.mark.audio
@pytest.mark.usefixtures("audio_rig")
@pytest.mark.slow
def test_live_screen_in_a_terminal_keeps_every_turns_verdict(tmp_path: Path) -> None:
    # The rich live view only runs on a real terminal: drive the real command in tmux,
    # speak into the virtual microphone when the level meter shows, and read the screen.
    answers = [
        say("I would really like this job. When do you expect to decide?", tmp_path / "a1.wav"),
        say("Thank you very much for your time today.", tmp_path / "a2.wav"),
    ]  # fmt: skip
    done = tmp_path / "exit-status"
    env = shared_rig().env
    command = (
        f"PULSE_SERVER={shlex.quote(env['PULSE_SERVER'])} "
        f"VOICECOACH_HOME={shlex.quote(os.environ['VOICECOACH_HOME'])} "
        f"{shlex.quote(sys.executable)} -m voicecoach rehearse ask --seed 4; "
        f"echo $? > {shlex.quote(str(done))}; sleep 60"
    )
    write_config(last_answer_grace_s=0)
    with Terminal(command) as term:
        for n, answer in enumerate(answers, start=1):
            _pane_shows(term, f"Turn {n} of 2 - the interviewer", "Level", now=True)  # mic open
            shared_rig().play_into_mic(answer)
            _pane_shows(term, "feedback in", count=n)
        _pane_shows(term, "Coaching for this drill")
        deadline = time.monotonic() + 30
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert done.read_text().strip() == "0", term.history()
        history = term.history()
    # both turns' verdicts are still there, in order, each after its interviewer line
    first = history.index("Interviewer (turn 1)")
    second = history.index("Interviewer (turn 2)")
    assert first < history.index("feedback in", first) < second
    assert history.index("feedback in", second) < history.index("Coaching for this drill")
    assert "Traceback" not in history
