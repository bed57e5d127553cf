"""Shared fixtures. Every test gets its own data directory (VOICECOACH_HOME)."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# A shell that starts a job in the background (`make test &`, nohup) starts it with SIGINT
# ignored, and Python then installs no KeyboardInterrupt handler: the Ctrl-C tests, in this
# process and in the rehearsals they start (an ignored signal stays ignored across exec),
# would test nothing. Ctrl-C is put back as in a terminal.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

DATA = Path(__file__).parent / "data"
SPEECH = DATA / "speech"
SAMPLES = Path(__file__).parent.parent / "samples"

# Models must load from local files; never let a test reach a model hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(autouse=True)
def _home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("VOICECOACH_HOME", str(home))
    yield home


@pytest.fixture(scope="session")
def labelled_evaluation() -> Any:
    """``voicecoach evaluate`` of the labelled set with the sentence model, made once (a
    run takes about 40 s here): its scores are the semantic mode's targets."""
    from voicecoach.analysis import semantic
    from voicecoach.analysis.evaluate import run_evaluation

    semantic.unload()  # "auto" mode uses a loaded model: neither find nor leave one
    try:
        return run_evaluation(DATA / "moves" / "sentences.jsonl", semantic=True)
    finally:
        semantic.unload()


@pytest.fixture(scope="session")
def models_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir shared by the session so converted models are made once."""
    return tmp_path_factory.mktemp("models-home")


@pytest.fixture(scope="session")
def faster_transcriber(models_home: Path):  # type: ignore[no-untyped-def]
    from voicecoach.speech.factory import load_transcriber

    return load_transcriber("faster-whisper", "tiny.en", data_dir=models_home)


@pytest.fixture(scope="session")
def openai_transcriber(models_home: Path):  # type: ignore[no-untyped-def]
    from voicecoach.speech.factory import load_transcriber

    return load_transcriber("openai-whisper", "tiny.en", data_dir=models_home)


@pytest.fixture
def loaded_transcribers(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every transcriber the code under test loads through ``speech.factory``, loaded for
    real (Whisper itself), so a test can see how it decodes (``.decoder.beam_size``)."""
    from voicecoach.speech import factory

    loaded: list[Any] = []
    real = factory.load_transcriber

    def load(*args: Any, **kwargs: Any) -> Any:
        loaded.append(real(*args, **kwargs))
        return loaded[-1]

    monkeypatch.setattr(factory, "load_transcriber", load)
    return loaded


@pytest.fixture
def cli_runs() -> Iterator[list[Any]]:
    """Rehearsals run as subprocesses (rehearsal_support.Cli), killed after the test."""
    runs: list[Any] = []
    yield runs
    for run in runs:  # never leave a rehearsal running, even when a test fails
        run.kill()
