"""`voicecoach sessions show`: what the turns table says of a turn with no answer."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from voicecoach.review.sessions_view import session_view
from voicecoach.sessions.records import Session, Turn


def _shown(tmp_path: Path, with_audio: bool) -> str:
    folder = tmp_path / "turn-02"
    folder.mkdir()
    (folder / "prompt.txt").write_text("My one hesitation is tools.", encoding="utf-8")
    if with_audio:
        (folder / "answer.wav").write_bytes(b"RIFF")
    turn = Turn(2, folder, "My one hesitation is tools.", (), None, (), None, None, False,
                None, None)  # fmt: skip
    session = Session("s1", tmp_path, "concerns", {}, "e", "m", None, 0.0, None,
                      "interrupted", (turn,), None)  # fmt: skip
    console = Console(width=200, record=True)
    console.print(session_view(session))
    return console.export_text()


def test_a_turn_with_no_answer_audio_is_shown_as_not_answered(tmp_path: Path) -> None:
    # a user trial: a session stopped before the doubt was answered listed that turn as
    # "(audio only, not transcribed)", with no audio at all
    text = _shown(tmp_path, with_audio=False)
    assert "audio only" not in text and "not answered" in text, text


def test_a_turn_with_answer_audio_not_transcribed_still_says_so(tmp_path: Path) -> None:
    assert "(audio only, not transcribed)" in _shown(tmp_path, with_audio=True)


def test_an_answer_with_no_words_has_no_score(tmp_path: Path) -> None:
    # trial 14: a silent goodbye, after the thanks came in the turn before, read "✓ Thank
    # the interviewer done in an earlier answer" live and scored 0 in the turns table
    from voicecoach.analysis import analyze
    from voicecoach.transcript import Transcript

    rows = []
    for n, said in ((1, "Thank you so much for your time."), (2, "")):
        folder = tmp_path / f"turn-0{n}"
        folder.mkdir()
        t = Transcript.from_text(said)
        analysis = analyze(t, expects=("thanks",))
        rows.append(Turn(n, folder, "Thanks for coming.", ("thanks",), None, (), None, None, True,
                         t, analysis))  # fmt: skip
    assert rows[1].analysis is not None and rows[1].analysis.score == 0
    session = Session("s1", tmp_path, "ask", {}, "e", "m", None, 0.0, None, "complete",
                      tuple(rows), None)  # fmt: skip
    console = Console(width=200, record=True)
    console.print(session_view(session))
    lines = [line for line in console.export_text().splitlines() if "Thanks for coming." in line]
    assert len(lines) == 2, lines
    assert " 100 " in lines[0] and " 0 " not in lines[1] and "–" in lines[1], lines
    assert "(no words were transcribed)" in lines[1], lines


def test_a_recap_with_no_words_judged_on_its_length_keeps_its_score(tmp_path: Path) -> None:
    # trial 16, S08: a 1.7 s recap Whisper wrote no words of is judged too short whatever
    # it said, and scored: the turns table shows that score, as its verdict did
    from voicecoach.analysis import analyze
    from voicecoach.transcript import Transcript

    folder = tmp_path / "turn-01"
    folder.mkdir()
    t = Transcript.from_dict({"text": "", "segments": [], "duration_s": 3.0})
    analysis = analyze(t, speech_regions=((0.9, 2.6),), expects=("recap",))
    assert analysis.check("recap").status == "partial" and analysis.score > 0  # type: ignore[union-attr]
    turn = Turn(1, folder, "Sum up your fit.", ("recap",), None, (), None, None, True, t,
                analysis)  # fmt: skip
    session = Session("s1", tmp_path, "recap", {}, "e", "m", None, 0.0, None, "complete",
                      (turn,), None)  # fmt: skip
    console = Console(width=200, record=True)
    console.print(session_view(session))
    (line,) = [x for x in console.export_text().splitlines() if "Sum up your fit." in x]
    assert f" {analysis.score} " in line and "(no words were transcribed)" in line, line
