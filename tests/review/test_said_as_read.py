"""What the user reads they said shows the "?" the analyzer counted (live trial s47, F7).

Whisper wrote "You are opening a second office in Chicago this year." for a question said
rising, and "...too short for this role." for a probe asked in statement order. The
checklist counted both as questions and the quotes ended in "?", but the live "You said:"
line, the report's turn by turn, the replay and ``sessions show`` kept the full stop. The
stored transcript stays Whisper's.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from browser_support import BrowserPage
from click.testing import CliRunner

from voicecoach.analysis.analyzer import analyze
from voicecoach.transcript import Segment, Transcript, Word

RISING = "You are opening a second office in Chicago this year"
PROBE = "You think my experience is too short for this role"


def _espeak(ssml: str, path: Path) -> Path:
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is needed (Debian package espeak-ng)")
    subprocess.run(
        ["espeak-ng", "-m", "-v", "en-us", "-s", "140", "-w", str(path), ssml], check=True
    )
    return path


@pytest.fixture(scope="module")
def rehearsed(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """A real concerns drill: espeak-ng's voice through faster-whisper and the analyzer.
    Turn 1 asks the rising question (espeak-ng rises on a "?") and the probe, said falling;
    turn 2 answers the doubt."""
    import os

    from voicecoach.cli import main

    folder = tmp_path_factory.mktemp("said")
    home = folder / "home"
    first = _espeak(
        f'<speak>Yes, two things. <break time="900ms"/> {RISING}? <break time="1200ms"/> '
        f"And {PROBE[0].lower()}{PROBE[1:]}.</speak>",
        folder / "a1.wav",
    )
    second = _espeak(
        "<speak>That is fair. At my last job I learned a new planning system in two weeks "
        "and then trained the whole team on it.</speak>",
        folder / "a2.wav",
    )
    env = {"VOICECOACH_HOME": str(home), "COLUMNS": "200"}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        result = CliRunner().invoke(
            main,
            ["rehearse", "concerns", "--no-audio", "--seed", "2", "--answers", str(first),
             str(second)],
            catch_exceptions=False,
        )  # fmt: skip
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    assert result.exit_code == 0, result.output
    (session,) = (home / "sessions").iterdir()
    return result.output, session


def _one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.slow
def test_the_live_line_shows_the_question_whisper_wrote_with_a_full_stop(
    rehearsed: tuple[str, Path],
) -> None:
    output, session = rehearsed
    said = [_one_line(part.split("╭")[0]) for part in output.split("You said:")[1:]]
    assert len(said) == 2, output
    # the transcript Whisper made, kept as it wrote it
    raw = json.loads((session / "turn-01" / "transcript.json").read_text())["text"]
    probe = PROBE[1:]  # "ou think my experience...": after "And y"
    assert f"{RISING}." in raw and f"{probe}." in raw, raw
    assert said[0].endswith(f"{RISING}? And y{probe}?"), said[0]
    assert said[1].endswith("trained the whole team on it."), said[1]  # no question
    # the analysis that counted them, and the checklist's quote, read the same
    analysis = json.loads((session / "turn-01" / "analysis.json").read_text())
    assert f"{RISING}?" in [s["text"] for s in analysis["sentences"]]


@pytest.fixture
def stored(rehearsed: tuple[str, Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """The drill's session, as the review commands find it."""
    _, session = rehearsed
    monkeypatch.setenv("VOICECOACH_HOME", str(session.parent.parent))
    monkeypatch.setenv("COLUMNS", "200")
    return session


@pytest.mark.slow
def test_the_reports_turn_by_turn_reads_as_the_analyzer_did(stored: Path, tmp_path: Path) -> None:
    from voicecoach.cli import main

    report = tmp_path / "report.html"
    done = CliRunner().invoke(main, ["report", "last", "--output", str(report)])
    assert done.exit_code == 0, done.output
    turns = report.read_text().split('<div class="transcript" data-audio="answer-')[1:]
    assert len(turns) == 2
    assert '">year?</span>' in turns[0] and '">year.</span>' not in turns[0]
    assert '">role?</span>' in turns[0] and '">it.</span>' in turns[1]


@pytest.mark.slow
@pytest.mark.browser
def test_the_report_in_chromium_shows_the_question_and_its_word_still_seeks(
    stored: Path,
    tmp_path: Path,
    browser_page: BrowserPage,
) -> None:
    from voicecoach.cli import main

    report = tmp_path / "report.html"
    done = CliRunner().invoke(main, ["report", "last", "--output", str(report)])
    assert done.exit_code == 0, done.output
    words = json.loads((stored / "turn-01" / "transcript.json").read_text())["segments"]
    year = next(w for seg in words for w in seg["words"] if w["text"].strip() == "year.")
    page = browser_page.page
    page.goto(report.as_uri())
    page.wait_for_function(
        "Array.from(document.querySelectorAll('audio')).every(a => a.readyState >= 1)"
    )
    shown = _one_line(page.inner_text("#turn-1 .transcript"))
    assert f"{RISING}? And y{PROBE[1:]}?" in shown, shown
    page.locator("#turn-1 .transcript .w", has_text="year?").click()
    page.wait_for_timeout(100)
    now = page.evaluate("document.getElementById('answer-1').currentTime")
    page.evaluate("document.getElementById('answer-1').pause()")
    assert year["start_s"] - 0.01 <= now < year["start_s"] + 0.6
    assert browser_page.problems == []


@pytest.mark.slow
def test_replay_reads_as_the_analyzer_did(stored: Path) -> None:
    from voicecoach.cli import main

    replayed = CliRunner().invoke(
        main, ["replay", "last", "--turn", "1", "--silent", "--speed", "3"]
    )
    assert replayed.exit_code == 0, replayed.output
    assert "this year?" in _one_line(replayed.output), replayed.output
    assert "this year." not in replayed.output


@pytest.mark.slow
def test_sessions_show_reads_as_the_analyzer_did(stored: Path) -> None:
    from voicecoach.cli import main

    shown = CliRunner().invoke(main, ["sessions", "show", "last"])
    assert shown.exit_code == 0, shown.output
    assert "this year?" in _one_line(shown.output) and "this year." not in shown.output


def _transcript(text: str) -> Transcript:
    parts = text.split()
    words = tuple(Word(w, 0.5 * i, 0.5 * i + 0.4, 0.95) for i, w in enumerate(parts))
    return Transcript(text, (Segment(text, 0.0, words[-1].end_s, words),), words[-1].end_s)


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        # a probe asked in statement order, read as a question by its words
        (f"Okay. {PROBE}.", f"Okay. {PROBE}?"),
        ("Thanks. So, what are the next steps.", "Thanks. So, what are the next steps?"),
        # counted as questions, but asked as a request or a wish to know: a full stop
        ("Tell me about the team.", "Tell me about the team."),
        (
            "I would like to know what the next steps are.",
            "I would like to know what the next steps are.",
        ),
        # not questions
        ("I really want this job. Thank you.", "I really want this job. Thank you."),
        ("Is the team big? Thanks.", "Is the team big? Thanks."),
    ],
)
def test_only_sentences_counted_as_questions_and_asked_as_one_get_a_question_mark(
    said: str, shown: str
) -> None:
    from voicecoach.analysis.as_read import text_as_read, words_as_read

    transcript = _transcript(said)
    analysis = analyze(transcript, semantic=False)
    assert text_as_read(transcript, analysis.sentences) == shown
    words = words_as_read(transcript.words, analysis.sentences)
    assert " ".join(w.text for w in words) == shown
    assert transcript.text == said  # the transcript itself is left as Whisper wrote it


def test_a_question_not_heard_clearly_keeps_its_full_stop() -> None:
    """A sentence whose question the analyzer could not call is not shown as one."""
    from voicecoach.analysis.as_read import text_as_read

    words = tuple(Word(w, 0.5 * i, 0.5 * i + 0.4, 0.2) for i, w in enumerate(f"{PROBE}.".split()))
    text = f"{PROBE}."
    transcript = Transcript(text, (Segment(text, 0.0, words[-1].end_s, words),), 6.0)
    analysis = analyze(transcript, semantic=False)
    assert all("question" in s.unclear for s in analysis.sentences if "question" in s.moves)
    assert text_as_read(transcript, analysis.sentences) == text


def test_the_checks_quote_the_probe_as_shown() -> None:
    """The trial's "counted from turn 1: "Um, yeah, something in my background is not
    enough for you."": a probe read as a question is quoted with its "?" too."""
    transcript = _transcript(f"Okay. {PROBE}.")
    check = analyze(transcript).check("concerns")  # the probe: read by the sentence model
    assert check is not None and check.status == "done", check
    assert [e.quote for e in check.evidence] == [f"{PROBE}?"]
