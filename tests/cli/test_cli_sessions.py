"""The sessions commands through click, on sessions recorded with real audio."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
import sessions_support as support
from click.testing import CliRunner

from voicecoach.cli import main
from voicecoach.sessions.store import Store

pytestmark = pytest.mark.slow


@pytest.fixture
def two_sessions(_home: Path, faster_transcriber) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    answers = support.speech_answers(faster_transcriber)
    store = Store(_home)
    first = support.record_session(store, answers[:2])
    second = support.record_session(store, answers[2:5])
    return first, second


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_list_show_progress_followup(two_sessions: tuple[str, str]) -> None:
    first, second = two_sessions
    code, out, _ = run("sessions", "list")
    assert code == 0
    assert out.index(second) < out.index(first)  # newest first
    assert out.count("complete") == 2

    code, out, _ = run("sessions", "show", "last")
    assert code == 0 and second in out and support.PROMPTS[0][0][:20] in out

    code, out, _ = run("progress")
    assert code == 0 and first.rsplit("-", 1)[1] in out and "Best score" in out
    assert re.search(r"latest \d+, [+-]\d+ points? against the first session", out)

    code, out, _ = run("followup", first)
    assert code == 0 and "Dear Dana," in out and "Send by" in out
    assert "Subject: Thank you" in out and "│" not in out  # piped: plain text to paste


def test_export_every_format(two_sessions: tuple[str, str], tmp_path: Path) -> None:
    _, second = two_sessions
    for fmt in ("json", "vtt", "srt", "zip"):
        code, out, _ = run("export", second[-6:], "--format", fmt, "--output", str(tmp_path))
        assert code == 0, out
        assert (tmp_path / f"{second}.{fmt}").stat().st_size > 0
    data = json.loads((tmp_path / f"{second}.json").read_text())
    assert [t["n"] for t in data["turns"]] == [1, 2, 3]
    with zipfile.ZipFile(tmp_path / f"{second}.zip") as zf:
        assert f"{second}/turn-03/answer.wav" in zf.namelist()


def test_report_writes_html(two_sessions: tuple[str, str], tmp_path: Path) -> None:
    out_file = tmp_path / "r.html"
    code, out, _ = run("report", "last", "--output", str(out_file))
    assert code == 0 and str(out_file) in out
    assert out_file.read_text().count("data:audio/wav;base64,") == 6


def test_delete_asks_then_deletes_and_reindex_counts(two_sessions: tuple[str, str]) -> None:
    first, second = two_sessions
    code, _, _ = run("sessions", "delete", first, input="n\n")
    assert code == 1  # aborted: nothing deleted
    assert len(Store().list_sessions()) == 2
    code, out, _ = run("sessions", "delete", first, "--yes")
    assert code == 0 and f"Deleted session {first}" in out
    (Store().path_of(second) / "turn-01" / "analysis.json").write_text("{broken")
    code, out, _ = run("sessions", "reindex")
    assert code == 0 and "Indexed 1 session, 1 damaged." in out
    code, out, _ = run("sessions", "list")
    flat = " ".join(out.split())
    assert code == 0 and "damaged" in out and "analysis.json is corrupt" in flat
    assert "voicecoach analyze --session ID" in flat  # the rebuild that keeps the recording


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("sessions", "show", "../../etc"), "is not valid"),
        (("replay", "a/b", "--silent"), "is not valid"),
        (("report", "nope"), "no session matches"),
        (("export", "2026", "--format", "zip"), "ambiguous"),
        (("followup", "zzz"), "no session matches"),
        (("replay", "last", "--turn", "9", "--silent"), "has no turn 9"),
        (("replay", "last", "--speed", "9", "--silent"), "--speed 9.0 is out of range"),
    ],
)
def test_user_mistakes_are_one_line_errors(
    two_sessions: tuple[str, str], args: tuple[str, ...], message: str
) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert err.startswith("Error: ") and message in err and err.count("\n") == 1
    assert "Traceback" not in out + err


def test_no_sessions_yet() -> None:
    code, out, _ = run("sessions", "list")
    assert code == 0 and "No sessions yet" in out
    code, _, err = run("report", "last")
    assert code == 2 and "no sessions yet" in err


def test_report_open_hands_the_file_to_the_browser(
    two_sessions: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\necho "$1" > {seen}\n')
    browser.chmod(0o755)
    monkeypatch.setenv("BROWSER", str(browser))
    import webbrowser

    monkeypatch.setattr(webbrowser, "_tryorder", None)  # re-read $BROWSER
    code, _, _ = run("report", "last", "--open")
    assert code == 0
    for _ in range(50):
        if seen.exists() and seen.read_text().strip():
            break
        import time

        time.sleep(0.1)
    url = seen.read_text().strip()
    assert url.startswith("file://") and url.endswith("report.html")
    assert Path(url.removeprefix("file://")).read_text().startswith("<!DOCTYPE html>")


def test_progress_says_a_check_heard_too_quietly_was_unclear(tmp_path: Path) -> None:
    """A drill rehearsed from recordings, its thank-you 30 dB down (a microphone too quiet to
    be sure): the checklist reads it unclear, and progress says so beside "2/2" instead of
    counting the drill as all done."""
    from voicecoach.audio.files import load_audio, write_wav

    strong = support.SAMPLES / "strong"
    write_wav(tmp_path / "turn-1.wav", load_audio(strong / "turn-04.flac"))
    write_wav(tmp_path / "turn-2.wav", load_audio(strong / "turn-05.flac") * 10 ** (-30 / 20))
    code, out, _ = run("rehearse", "ask", "--no-audio", "--seed", "2", "--answers", str(tmp_path))
    assert code == 0 and "Heard too quietly to be sure" in out, out
    (session,) = Store().list_sessions()
    code, out, _ = run("progress")
    (row,) = [line for line in out.splitlines() if session.id.rsplit("-", 1)[1] in line]
    assert code == 0 and " 2/2, 1 unclear " in row, out
    assert "unclear: not judged (voicecoach could not tell), so neither done nor missed" in out
