"""A reacting interviewer, live through the virtual sound card (tests/audio_rig.py): the
real ``voicecoach rehearse`` hears a candidate's question, spoken by TTS into the card's
microphone, and answers it on its topic before the next line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from audio_rig import audio_rig, shared_rig  # noqa: F401  (session fixture)
from rehearsal_support import Cli, heard_in, latest_session, say, write_config

from voicecoach.audio.files import load_audio
from voicecoach.scenario import load_scenario


@pytest.mark.audio
@pytest.mark.usefixtures("audio_rig")
@pytest.mark.slow
def test_live_interviewer_answers_the_candidates_question_on_its_topic(
    tmp_path: Path,
    cli_runs: list[Cli],
) -> None:
    answers = [
        say("I am very interested in this role. Tell me about the team.", tmp_path / "a1.wav"),
        say("I would love to join the team. Thank you so much for your time today.",
            tmp_path / "a2.wav"),
    ]  # fmt: skip
    write_config(last_answer_grace_s=0)
    with shared_rig().record_speaker(tmp_path / "speaker.wav") as speaker:
        cli = Cli(["rehearse", "ask", "--seed", "6", "--persona", "tough"], shared_rig().env)
        cli_runs.append(cli)
        # a first answer heard without its interest gets one opening (an extra turn): the
        # second answer suits both it and the goodbye
        for answer in [answers[0], answers[1], answers[1]]:
            if "Session" in cli.wait_for(r"Recording your answer|Session \S+ saved", 180):
                break
            shared_rig().play_into_mic(answer)
            cli.wait_for(r"feedback in", 180)
        assert cli.finish() == 0, "".join(cli.output)
    folder = latest_session()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["status"] == "complete" and len(manifest["turns"]) in (2, 3)
    assert (
        "team" in json.loads((folder / "turn-01" / "transcript.json").read_text())["text"].lower()
    )
    second = manifest["turns"][1]
    heard = [
        json.loads((folder / f"turn-0{t['n']}" / "transcript.json").read_text())["text"]
        for t in manifest["turns"]
    ]
    assert second["reasons"], (manifest["turns"], heard)
    assert second["reasons"][0] == "answered_topic:team", (manifest["turns"], heard)
    assert second["turn_id"] == ("goodbye" if len(manifest["turns"]) == 2 else "opening")
    reactions = load_scenario("ask").reactions
    assert reactions is not None
    team = reactions.topic("team")
    assert team is not None and team.replies is not None
    assert any(line in second["prompt_text"] for line in team.replies.default)
    assert manifest["conversation"]["persona"] == "tough"
    # the answer was heard through the speaker, not just written down
    assert heard_in(load_audio(folder / "turn-02" / "prompt.wav"), load_audio(speaker)) > 0.9


@pytest.mark.audio
@pytest.mark.usefixtures("audio_rig")
@pytest.mark.slow
def test_live_interviewer_replies_to_a_question_in_the_last_answer(
    tmp_path: Path,
    cli_runs: list[Cli],
) -> None:
    """A trial's candidate asked for concerns in the goodbye and the session just ended:
    now the reply is spoken through the speaker, the session ends on it, and it is kept."""
    answers = [
        say("I really want this job. What are the next steps?", tmp_path / "a1.wav"),
        say("Thank you so much for your time. Is there anything about me that makes you "
            "hesitate?", tmp_path / "a2.wav"),
    ]  # fmt: skip
    with shared_rig().record_speaker(tmp_path / "speaker.wav") as speaker:
        cli = Cli(["rehearse", "ask", "--seed", "3"], shared_rig().env)
        cli_runs.append(cli)
        for answer in answers:
            cli.wait_for(r"Recording your answer", 180)
            shared_rig().play_into_mic(answer)
            cli.wait_for(r"feedback in", 180)
        cli.wait_for(r"Interviewer \(after your last answer\)", 60)
        assert cli.finish() == 0, "".join(cli.output)
    folder = latest_session()
    manifest = json.loads((folder / "manifest.json").read_text())
    turns = manifest["turns"]
    heard = [
        json.loads((folder / f"turn-0{t['n']}" / "transcript.json").read_text())["text"]
        for t in turns[:2]
    ]
    assert manifest["status"] == "complete" and len(turns) == 3, (turns, heard)
    last = turns[2]
    assert last["closing"] and last["turn_id"] == "closing", last
    assert last["reasons"] == ["no_concern_in_closing"], (last, heard)  # the drill has none
    assert not (folder / "turn-03" / "answer.wav").exists()  # nothing recorded after it
    assert heard_in(load_audio(folder / "turn-03" / "prompt.wav"), load_audio(speaker)) > 0.9
