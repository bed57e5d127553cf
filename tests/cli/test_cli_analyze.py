"""`voicecoach analyze` and `voicecoach evaluate` as a user runs them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from voicecoach.analysis.results import Analysis
from voicecoach.cli import main
from voicecoach.transcript import Segment, Transcript, Word

SAMPLES = Path(__file__).parent.parent.parent / "samples"
CLOSING = (
    "Yes, thank you. What does a typical week look like for the team? I have built demand "
    "forecasts in SQL for five years. Is there anything in my background that gives you pause? "
    "I'm very interested in this role. What are the next steps? Thanks for your time."
)


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False, env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def test_text_shows_score_checklist_and_coaching() -> None:
    code, out, _ = _run("analyze", "--text", CLOSING)
    assert code == 0
    for part in (
        "Score",
        "Closing checklist",
        "Final questions",
        "Recap in 20-30 s",
        "Delivery",
        "✓",
    ):
        assert part in out


def test_weak_text_shows_fixes_with_quotes() -> None:
    code, out, _ = _run(
        "analyze", "--text", "Um, is there parking? I look forward to hearing from you."
    )
    assert code == 0 and "Fix first" in out and "“I look forward to hearing from you.”" in out


def test_typed_text_says_pace_was_not_measured() -> None:
    code, out, _ = _run("analyze", "--text", CLOSING, "--rules-only")
    (pace,) = [line for line in out.splitlines() if "Pace:" in line]
    assert code == 0 and "not measured (no timings)" in pace, pace
    assert "over 0.0 s" not in out


def test_txt_file_as_json(tmp_path: Path) -> None:
    path = tmp_path / "closing.txt"
    path.write_text(CLOSING, encoding="utf-8")
    code, out, _ = _run(
        "analyze", str(path), "--json", "--expects", "question", "--expects", "thanks"
    )
    assert code == 0
    data = json.loads(out)
    assert data["transcript"] is None and data["analysis"]["schema_version"] == 1
    analysis = Analysis.from_dict(data["analysis"])
    assert analysis.expects == ("question", "thanks")
    # a recap where none was asked is "not asked here", as in a drill, however well made
    recap = analysis.check("recap")
    assert recap is not None and recap.status == "not_expected", recap


def test_expects_none_judges_a_turn_that_asked_for_nothing() -> None:
    code, out, _ = _run("analyze", "--text", CLOSING, "--json", "--expects", "none")
    assert code == 0
    data = json.loads(out)["analysis"]
    assert data["expects"] == []
    assert Analysis.from_dict(data).expects == ()
    # without --expects the text is a whole closing: every check expected
    code, out, _ = _run("analyze", "--text", CLOSING, "--json")
    assert code == 0 and json.loads(out)["analysis"]["expects"] is None


def test_expects_none_with_a_move_is_a_one_line_error() -> None:
    code, _, err = _run("analyze", "--text", CLOSING, "--expects", "none", "-x", "thanks")
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("Error: --expects none") and "thanks" in err


def test_transcript_json_keeps_timings(tmp_path: Path) -> None:
    words = tuple(
        Word(w, i * 0.4, i * 0.4 + 0.3, 0.9) for i, w in enumerate(["What", "happens", "next?"])
    )
    transcript = Transcript(
        "What happens next?", (Segment("What happens next?", 0.0, 1.1, words),), 1.5
    )
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"transcript": transcript.to_dict()}), encoding="utf-8")
    code, out, _ = _run("analyze", str(path), "--json")
    data = json.loads(out)
    assert code == 0 and data["transcript"]["text"] == "What happens next?"
    assert data["analysis"]["sentences"][0]["start_s"] == 0.0
    assert data["analysis"]["sentences"][0]["moves"] == ["ask_for_job", "question"]


def test_profile_is_used_and_bad_profile_is_a_one_line_error(tmp_path: Path) -> None:
    code, out, _ = _run("analyze", "--text", CLOSING, "--profile", str(SAMPLES / "profile.toml"))
    assert code == 0 and "profile strengths" in out
    bad = tmp_path / "job.toml"
    bad.write_text("strengths = 5\n", encoding="utf-8")
    code, _, err = _run("analyze", "--text", CLOSING, "--profile", str(bad))
    assert code == 2 and err.startswith("Error: ") and str(bad) in err and "'strengths'" in err
    assert err.count("\n") == 1


def test_missing_profile_from_the_config_names_the_setting(_home: Path) -> None:
    (_home / "config.toml").write_text('profile = "/no/such/job.toml"\n', encoding="utf-8")
    code, _, err = _run("analyze", "--text", CLOSING)
    assert code == 2 and err.count("\n") == 1
    assert "/no/such/job.toml" in err and "'profile' setting in" in err and "config.toml" in err
    # --profile wins over the config's setting.
    code, out, _ = _run("analyze", "--text", CLOSING, "--profile", str(SAMPLES / "profile.toml"))
    assert code == 0 and "profile strengths" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nothing-here.wav"], "no such file"),
        (["broken.json"], "not a voicecoach transcript"),
        (["not-audio.wav"], "not-audio.wav"),
        (["notes.md"], "notes.md: neither audio nor a transcript; give audio"),
        (["empty.txt"], "empty.txt: the file is empty"),
    ],
)
def test_bad_inputs_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    (tmp_path / "not-audio.wav").write_text("hello", encoding="utf-8")
    (tmp_path / "notes.md").write_text("Thank you for your time.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text(" \n", encoding="utf-8")
    code, _, err = _run("analyze", *args)
    assert code == 2 and err.startswith("Error: ") and message in err


def test_no_source_is_a_usage_error() -> None:
    code, _, err = _run("analyze")
    assert code == 2 and "give SOURCE" in err


def test_options_that_would_be_ignored_are_usage_errors(tmp_path: Path) -> None:
    code, _, err = _run("analyze", str(tmp_path / "a.txt"), "--text", "Thank you.")
    assert code == 2 and "not both" in err
    code, _, err = _run("analyze", "--session", "last", "--json", "--profile", "p.toml")
    assert code == 2 and "drop --profile, --json" in err and "Traceback" not in err
    code, _, err = _run("analyze", str(tmp_path / "a.wav"), "--hear-again")
    assert code == 2 and "--hear-again goes with --session" in err and "Traceback" not in err


def test_evaluate_prints_f1_per_move_and_closings(tmp_path: Path) -> None:
    # the command's output on a fifth of the labelled sets and a few closings: the scores
    # on the whole sets are the analysis tests' (test_analysis_semantic), and evaluating
    # them again here took a minute and a half of the suite
    data = Path(__file__).parents[1] / "data" / "moves"
    for name in ("sentences.jsonl", "heldout.jsonl"):
        lines = (data / name).read_text(encoding="utf-8").splitlines(keepends=True)
        (tmp_path / name).write_text("".join(lines[::5]), encoding="utf-8")
    (tmp_path / "closings").mkdir()
    for closing in sorted((data / "closings").iterdir())[::20]:
        (tmp_path / "closings" / closing.name).write_bytes(closing.read_bytes())
    code, out, _ = _run("evaluate", "--heldout", "--set", str(tmp_path / "sentences.jsonl"))
    assert code == 0
    assert "sentences.jsonl" in out and "heldout.jsonl" in out and "closing checks right" in out
    assert re.search(r"closings: \d+/\d+ decided closing checks right", out), out
    rows = [
        line.split() for line in out.splitlines() if line.strip().startswith(("concerns", "yes_no"))
    ]
    assert len(rows) == 4 and all(0.0 <= float(r[3]) <= 1.0 for r in rows)


@pytest.mark.slow
def test_audio_file_end_to_end() -> None:
    code, out, _ = _run(
        "analyze",
        str(SAMPLES / "strong-closing.flac"),
        "--json",
        "--profile",
        str(SAMPLES / "profile.toml"),
    )
    assert code == 0
    data = json.loads(out)
    a = Analysis.from_dict(data["analysis"])
    assert data["transcript"]["segments"][0]["words"]
    assert a.delivery.wpm is not None and a.delivery.speech_regions
    assert a.check("ask_for_job").status == "done" and a.score >= 70  # type: ignore[union-attr]
    assert a.recap is not None and a.recap.duration_s is not None


@pytest.mark.slow
def test_folder_of_answers_and_silence(tmp_path: Path) -> None:
    import soundfile

    code, out, _ = _run("analyze", str(SAMPLES / "weak"), "--json", "--rules-only")
    assert code == 0
    a = Analysis.from_dict(json.loads(out)["analysis"])
    assert {s.turn for s in a.sentences} >= {1, 2, 3, 4} and a.score < 50
    silent = tmp_path / "silence.wav"
    soundfile.write(silent, np.zeros(16000 * 2, dtype=np.float32), 16000)
    code, _, err = _run("analyze", str(silent))
    assert code == 2 and "no speech" in err


def test_nothing_said_is_a_clear_result() -> None:
    code, out, _ = _run("analyze", "--text", "Um. Uh, hmm.")
    assert code == 0 and "nothing to coach" in out and "only fillers" in out


@pytest.mark.slow
def test_reanalysis_shows_the_coaching_and_the_score_change(
    _home: Path,
    faster_transcriber,  # type: ignore[no-untyped-def]
) -> None:
    import sessions_support as support

    from voicecoach.sessions.store import Store

    store = Store(_home)
    sid = support.record_session(store, support.sample_answers("weak", faster_transcriber))
    code, out, _ = _run("analyze", "--session", sid)
    assert code == 0
    # the same view as `analyze`: score, checklist, fixes with quotes, breakdown
    for part in ("Score ", "Closing checklist", "Fix first", "Score breakdown", "Delivery"):
        assert part in out, part
    assert re.search(rf"Session {sid}: 5 answer\(s\) re-analysed .*score \d+ -> \d+", out)
    # the session's own engine and model: judged on the transcripts it holds, and says so
    assert "judged again on the transcripts the session holds" in " ".join(out.lower().split())
