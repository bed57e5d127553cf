"""Whisper's prompt: the job profile's names and skills lead it, so Whisper spells them as
the profile does, and every path that hears a candidate (analyze AUDIO, re-analysis, the
live rehearsal) prompts the same way."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from voicecoach.audio.files import load_audio
from voicecoach.audio.recorders import FileRecorder
from voicecoach.profile import Profile
from voicecoach.speech.base import (
    DEFAULT_PROMPT,
    MAX_PROFILE_PROMPT_WORDS,
    Transcriber,
    whisper_prompt,
)
from voicecoach.speech.chunked import ChunkedTranscriber
from voicecoach.transcript import Transcript

ENGINEER = Profile(
    role="data engineer",
    company="Pallas Analytics",
    interviewer="Kofi Mensah",
    strengths=("Airflow", "pipeline reliability", "dbt"),
)
# espeak-ng en-us says "Kofi" so that tiny.en writes "coffee" without the profile
RECAP = (
    "I rebuilt our whole ingestion layer on Airflow last year, and cut failed runs to one "
    "a month. Thanks for the time, Kofi."
)


def test_without_a_profile_the_prompt_is_the_filler_prompt() -> None:
    assert whisper_prompt(None) == DEFAULT_PROMPT
    assert whisper_prompt(Profile()) == DEFAULT_PROMPT  # an empty profile adds nothing


def test_the_profile_terms_lead_the_prompt() -> None:
    prompt = whisper_prompt(ENGINEER)
    assert prompt == (
        "data engineer, Pallas Analytics, Kofi Mensah. Airflow, pipeline reliability, dbt. "
        + DEFAULT_PROMPT
    )
    assert whisper_prompt(Profile(strengths=("SQL",))) == f"SQL. {DEFAULT_PROMPT}"


def test_a_long_profile_is_cut_so_the_fillers_stay() -> None:
    many = Profile(role="analyst", strengths=tuple(f"skill {i}" for i in range(60)))
    prompt = whisper_prompt(many)
    assert prompt.endswith(DEFAULT_PROMPT)
    assert len(prompt.split()) == MAX_PROFILE_PROMPT_WORDS + len(DEFAULT_PROMPT.split())


def _espeak(text: str, path: Path) -> Path:
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is needed (Debian package espeak-ng)")
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "160", "-w", str(path), text], check=True)
    return path


@pytest.fixture(scope="module")
def recap_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _espeak(RECAP, tmp_path_factory.mktemp("prompt") / "recap.wav")


@pytest.mark.slow
def test_analyze_audio_with_a_profile_hears_its_names(
    recap_wav: Path, faster_transcriber: Transcriber
) -> None:
    from voicecoach.pipeline import analyze_path

    plain = faster_transcriber.transcribe(load_audio(recap_wav)).text.lower()
    assert "kofi" not in plain, plain  # what the profile is for
    transcript, _ = analyze_path(recap_wav, profile=ENGINEER, semantic=False)
    assert transcript is not None
    assert transcript.initial_prompt == whisper_prompt(ENGINEER)
    heard = transcript.text.lower()
    assert "kofi" in heard and "airflow" in heard, heard


class _Recording:
    """The real transcriber, noting the prompts it was given."""

    def __init__(self, inner: Transcriber) -> None:
        self.inner, self.engine, self.model = inner, inner.engine, inner.model
        self.prompts: list[str | None] = []

    def transcribe(self, audio: Any, *, initial_prompt: str | None = DEFAULT_PROMPT) -> Transcript:
        self.prompts.append(initial_prompt)
        return self.inner.transcribe(audio, initial_prompt=initial_prompt)


@pytest.mark.slow
def test_the_live_path_prompts_with_the_profile(
    recap_wav: Path, faster_transcriber: Transcriber
) -> None:
    recording = _Recording(faster_transcriber)
    chunker = ChunkedTranscriber(recording, prompt=whisper_prompt(ENGINEER))
    home = Path(os.environ["VOICECOACH_HOME"])
    FileRecorder([recap_wav]).record(
        home / "answer.wav", on_audio=chunker.on_audio, on_status=chunker.on_status
    )
    transcript, _ = chunker.finish()
    assert recording.prompts and all(
        p is not None and p.startswith(whisper_prompt(ENGINEER)) for p in recording.prompts
    )
    assert transcript.initial_prompt == whisper_prompt(ENGINEER)
    assert "kofi" in transcript.text.lower(), transcript.text


@pytest.mark.slow
def test_a_whole_file_is_decoded_with_a_beam(
    tmp_path: Path, faster_transcriber: Transcriber, models_home: Path
) -> None:
    from voicecoach.analysis.evaluate import load_closing
    from voicecoach.pipeline import transcribe_audio
    from voicecoach.speech.base import FILE_BEAM_SIZE
    from voicecoach.speech.factory import load_transcriber

    closing = Path(__file__).parents[1] / "data/moves/closings/135_pharmacy_tech_relocation.toml"
    wav = _espeak(" ".join(str(load_closing(closing)["text"]).split()), tmp_path / "c.wav")
    beam = load_transcriber(data_dir=models_home, beam_size=FILE_BEAM_SIZE)
    audio = load_audio(wav)
    greedy_text = faster_transcriber.transcribe(audio).text
    beam_text = beam.transcribe(audio).text
    assert beam_text != greedy_text  # this closing is one where the two differ
    assert transcribe_audio(wav, "faster-whisper", "tiny.en")[0].text == beam_text


@pytest.mark.slow
def test_transcribe_with_a_profile_hears_as_analyze_does(recap_wav: Path, tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from voicecoach.cli import main

    profile = tmp_path / "job.toml"
    profile.write_text(
        'role = "data engineer"\ncompany = "Pallas Analytics"\ninterviewer = "Kofi Mensah"\n'
        'strengths = ["Airflow", "pipeline reliability", "dbt"]\n'
    )
    runner = CliRunner()
    said = runner.invoke(main, ["transcribe", str(recap_wav), "--json", "--profile", str(profile)])
    assert said.exit_code == 0, said.output
    transcribed = json.loads(said.stdout)
    assert transcribed["initial_prompt"] == whisper_prompt(ENGINEER)
    assert "kofi" in transcribed["text"].lower(), transcribed["text"]
    args = ["analyze", str(recap_wav), "--json", "--rules-only", "--profile", str(profile)]
    analyzed = json.loads(runner.invoke(main, args).stdout)
    assert transcribed == analyzed["transcript"]
    missing = runner.invoke(main, ["transcribe", str(recap_wav), "--profile", "nope.toml"])
    assert missing.exit_code == 2 and "nope.toml" in missing.output
    assert "Traceback" not in missing.output and len(missing.output.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("asked", "threads"),
    [("1", 1), (" 1 ", 1), ("1,1", 1), ("64", None), ("", None), ("0", None), ("two", None)],
)
def test_engines_take_fewer_threads_when_omp_num_threads_asks(
    monkeypatch: pytest.MonkeyPatch, asked: str, threads: int | None
) -> None:
    from voicecoach.speech.base import MAX_THREADS, cpu_threads

    monkeypatch.setenv("OMP_NUM_THREADS", asked)
    every = max(1, min(len(os.sched_getaffinity(0)), MAX_THREADS))
    assert cpu_threads() == (threads or every)
