"""Export writers on a session recorded with real audio and real Whisper timings."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
import sessions_support as support

from voicecoach.errors import UserInputError
from voicecoach.review.export import WRITERS, export_session, get_writer
from voicecoach.sessions.store import Store
from voicecoach.subtitles import MAX_CUE_S, cues, vtt_text
from voicecoach.transcript import Segment, Transcript, Word

pytestmark = pytest.mark.slow
STAMP = r"(\d\d):(\d\d):(\d\d)[.,](\d{3})"


def _seconds(match: tuple[str, ...]) -> float:
    h, m, s, ms = (int(x) for x in match)
    return h * 3600 + m * 60 + s + ms / 1000


@pytest.fixture
def session(_home: Path, faster_transcriber):  # type: ignore[no-untyped-def]
    store = Store(_home)
    return store.load(support.record_session(store, support.speech_answers(faster_transcriber)[:3]))


def test_registry_and_unknown_format() -> None:
    assert set(WRITERS) == {"json", "vtt", "srt", "zip"}
    with pytest.raises(UserInputError, match="unknown export format 'pdf'"):
        get_writer("pdf")


def test_vtt_cues_follow_the_words_in_time(session) -> None:  # type: ignore[no-untyped-def]
    transcript = session.turns[0].transcript
    text = vtt_text(transcript)
    assert text.startswith("WEBVTT\n\n")
    spans = [(_seconds(m[:4]), _seconds(m[4:])) for m in re.findall(STAMP + " --> " + STAMP, text)]
    assert spans and all(a <= b for a, b in spans)
    assert all(spans[i][1] <= spans[i + 1][0] + 1e-3 for i in range(len(spans) - 1))
    words = " ".join(w.text.strip() for w in transcript.words)
    body = " ".join(line for line in text.splitlines()[2:] if line and "-->" not in line)
    assert body.split() == words.split()


def test_long_segments_are_split_at_sentence_ends() -> None:
    words = tuple(
        Word(f"w{i}{'.' if i % 6 == 5 else ''}", i * 0.5, i * 0.5 + 0.4, 1.0) for i in range(40)
    )
    t = Transcript("x", (Segment("x", 0.0, 20.0, words),), 20.0)
    out = cues(t)
    assert len(out) > 2 and all(c.end_s - c.start_s <= MAX_CUE_S for c in out)
    assert " ".join(c.text for c in out).split() == [w.text for w in words]


def test_every_format_writes_a_readable_file(session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paths = {fmt: export_session(session, fmt, tmp_path) for fmt in WRITERS}
    data = json.loads(paths["json"].read_text())
    assert data["id"] == session.id and len(data["turns"]) == 3
    assert data["turns"][0]["transcript"]["text"] == session.turns[0].transcript.text
    assert data["analysis"]["score"] == session.analysis.score
    assert data["followup"]["due_at"] == pytest.approx(session.ended_at + 24 * 3600)
    assert {"topics", "timeline", "repairs"} <= set(data["followup"])

    srt = paths["srt"].read_text()
    assert srt.startswith("1\n") and "Interviewer: " + support.PROMPTS[1][0] in srt
    first_words = session.turns[0].transcript.text.split()[:2]
    assert "Candidate: " + " ".join(first_words) in srt  # who speaks is on every line
    numbers = [int(line) for line in srt.splitlines() if line.isdigit()]
    assert numbers == list(range(1, len(numbers) + 1))
    starts = [_seconds(m) for m in re.findall(STAMP + " -->", srt)]
    assert starts == sorted(starts)  # prompts and answers on one clock

    with zipfile.ZipFile(paths["zip"]) as zf:
        names = set(zf.namelist())
        assert zf.testzip() is None
    on_disk = {
        f"{session.id}/{p.relative_to(session.path).as_posix()}"
        for p in session.path.rglob("*")
        if p.is_file()
    }
    assert names == on_disk


def test_output_folder_must_exist(session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserInputError, match="no such folder"):
        export_session(session, "vtt", tmp_path / "nope" / "x.vtt")


def test_unwritable_output_is_a_one_line_error(_home: Path, tmp_path: Path) -> None:
    from voicecoach.errors import StorageError

    store = Store(_home)
    writer = support.typed_recap_session(store, "I have five years of SQL. Thank you.")
    writer.finish(status="complete", analysis=None)
    session = store.load(writer.id)
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    for fmt in WRITERS:
        with pytest.raises(UserInputError, match="is a file, not a folder"):
            export_session(session, fmt, a_file / f"x.{fmt}")
        # /proc refuses new files even to root: the write itself fails.
        with pytest.raises(StorageError, match=rf"/proc/x.{fmt}: cannot write .*--output"):
            export_session(session, fmt, Path(f"/proc/x.{fmt}"))


def test_a_number_whisper_split_into_words_is_one_word_in_a_split_cue() -> None:
    # Whisper's " $400" ",000" is written "$400,000" in the segment's text; a long segment
    # cut into cues from its words keeps it so.
    said = ["We", "grew", "sales", "to", "$400", ",000", "last", "year."] * 3
    words = tuple(Word(w, i * 0.5, i * 0.5 + 0.4, 1.0) for i, w in enumerate(said))
    text = " ".join(["We grew sales to $400,000 last year."] * 3)
    out = cues(Transcript(text, (Segment(text, 0.0, 12.0, words),), 12.0))
    assert len(out) > 1 and " ".join(c.text for c in out) == text


def test_later_cues_keep_their_joins_and_a_joined_word_stays_with_its_number() -> None:
    # a review (stop 32): every cue after the first lost its joins ("long -term"), and a
    # cue could end on "30" and the next start with "%."
    first = "We cut costs by 20%."
    second = "Then we built a long-term plan and grew revenue by 30%."
    said = ["We", "cut", "costs", "by", "20", "%."]
    said += ["Then", "we", "built", "a", "long", "-term", "plan", "and", "grew", "revenue"]
    said += ["by", "30", "%."]
    starts = [0.0, 0.7, 1.4, 2.1, 2.8, 3.5] + [4.2 + 0.5 * i for i in range(11)]
    starts += [11.0, 11.4]  # "30" ends 7.2 s into its cue: a cue is cut at 7 s
    words = tuple(Word(w, t, t + 0.4, 1.0) for w, t in zip(said, starts, strict=True))
    text = f"{first} {second}"
    out = cues(Transcript(text, (Segment(text, 0.0, 11.8, words),), 11.8))
    assert [c.text for c in out] == [first, second]


def test_words_left_out_before_the_first_still_let_the_rest_join() -> None:
    from voicecoach.transcript import words_text

    text = "Uh, we cut costs by 20% with a long-term plan."
    kept = ["we", "cut", "costs", "by", "20", "%", "with", "a", "long", "-term", "plan."]
    assert words_text(text, kept) == "we cut costs by 20% with a long-term plan."
