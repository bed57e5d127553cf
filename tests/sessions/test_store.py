"""The session store on real files: real audio, real Whisper transcripts, real SQLite."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import wave
from pathlib import Path
from typing import Any

import pytest
import sessions_support as support

from voicecoach.audio.files import load_audio
from voicecoach.errors import SessionError
from voicecoach.sessions.index import MIGRATIONS
from voicecoach.sessions.store import ID_PATTERN, Store, check_ref, new_session_id
from voicecoach.transcript import Transcript

pytestmark = pytest.mark.slow


@pytest.fixture
def answers(faster_transcriber):  # type: ignore[no-untyped-def]
    return support.speech_answers(faster_transcriber)[:3]


@pytest.fixture
def store(_home: Path) -> Store:
    return Store(_home)


def test_a_session_written_through_the_writer_reads_back_whole(store: Store, answers) -> None:  # type: ignore[no-untyped-def]
    sid = support.record_session(store, answers)
    folder = store.sessions_dir / sid
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["status"] == "complete" and manifest["writer"]["pid"] == os.getpid()
    assert [t["n"] for t in manifest["turns"]] == [1, 2, 3]
    assert manifest["turns"][2]["concern"] == support.PROMPTS[2][2]
    for n in (1, 2, 3):
        for name in ("prompt.wav", "answer.wav", "transcript.json", "analysis.json", "answer.vtt"):
            assert (folder / f"turn-{n:02d}" / name).is_file(), name
    assert not list(folder.rglob("*.tmp")), "temp files left behind"

    session = store.load(sid)
    assert [t.transcript.to_dict() for t in session.turns if t.transcript] == [
        a.transcript.to_dict() for a in answers
    ]
    assert session.turns[0].prompt_text == support.PROMPTS[0][0]
    assert session.turns[0].feedback_latency_s == pytest.approx(0.4)
    assert session.profile["interviewer"] == "Dana Reyes"
    assert session.analysis is not None
    assert load_audio(session.turns[1].answer_wav).size == load_audio(answers[1].audio_path).size
    vtt = (folder / "turn-01" / "answer.vtt").read_text()
    assert vtt.startswith("WEBVTT") and answers[0].transcript.words[0].text.strip() in vtt

    (row,) = store.list_sessions()
    assert (row.id, row.status, row.turns) == (sid, "complete", 3)
    assert row.metrics.score == session.analysis.score


def test_ids_sort_by_time_and_refuse_path_characters(store: Store) -> None:
    early, late = new_session_id(1_800_000_000), new_session_id(1_800_000_120)
    assert ID_PATTERN.match(early) and early < late
    for bad in ("../etc", "a/b", "..", "x.y", "", "a\\b", "id\x00", "~root"):
        with pytest.raises(SessionError, match="not valid"):
            check_ref(bad)
        with pytest.raises(SessionError):
            store.load(bad)


def test_resolve_full_prefix_tail_last_ambiguous_unknown(store: Store) -> None:
    with pytest.raises(SessionError, match="no sessions yet"):
        store.resolve("last")
    ids = _empty_sessions(store, 3)
    assert store.resolve("last") == ids[-1]
    assert store.resolve(ids[0]) == ids[0]
    tail = ids[1].rsplit("-", 1)[1]
    assert store.resolve(tail) == ids[1]
    with pytest.raises(SessionError, match="ambiguous"):
        store.resolve(ids[0][:8])  # all three share the date
    with pytest.raises(SessionError, match="no session matches"):
        store.resolve("19990101")
    assert store.resolve(tail.upper()) == ids[1]  # case does not matter
    assert store.resolve("LAST") == ids[-1]


def _empty_sessions(store: Store, count: int) -> list[str]:
    """``count`` finished sessions with no turns, oldest first."""
    ids = []
    for _ in range(count):
        w = store.create(scenario="recap", profile=None, engine="faster-whisper", model="tiny.en")
        w.finish(status="complete", analysis=None)
        ids.append(w.id)
        time.sleep(0.01)
    return ids


def test_last_is_the_newest_session_that_opens(store: Store) -> None:
    ids = _empty_sessions(store, 2)
    (store.sessions_dir / ids[1] / "manifest.json").write_text("not json at all")
    assert store.resolve("last") == ids[0]  # report/replay last: the newest that can be opened
    assert store.delete("last") == ids[1]  # deleting last removes the damaged newest one
    assert store.resolve("last") == ids[0]


def test_a_damaged_session_begun_at_a_minutes_end_is_still_the_newest(store: Store) -> None:
    # a flaky run: the second session began at hh:mm:59.99 and its folder was written at
    # the next minute, so it was dated hh:mm:00, before the first
    import os

    ids = _empty_sessions(store, 2)
    folder = store.sessions_dir / ids[1]
    (folder / "manifest.json").write_text("not json at all")
    minute = time.mktime(time.strptime(ids[1][:13], "%Y%m%d-%H%M"))
    os.utime(folder, (minute + 60.5, minute + 60.5))
    assert store.delete("last") == ids[1]


def test_a_stray_folder_is_listed_reachable_by_its_name_and_never_last(store: Store) -> None:
    (sid,) = _empty_sessions(store, 1)
    (store.sessions_dir / "OldBackup").mkdir()  # newer than the session, not one of ours
    rows = {r.id: r.status for r in store.list_sessions()}
    assert rows == {sid: "complete", "OldBackup": "damaged"}
    assert store.resolve("last") == store.resolve("last", last_may_be_damaged=True) == sid
    assert store.resolve("oldbackup") == "OldBackup"  # as listed, whatever the case typed
    assert store.delete("OldBackup") == "OldBackup"
    assert [r.id for r in store.list_sessions()] == [sid]


def _damage(store: Store, sid: str, what: str) -> None:
    folder = store.sessions_dir / sid
    if what == "missing answer":
        (folder / "turn-02" / "answer.wav").unlink()
    elif what == "corrupt answer":
        (folder / "turn-01" / "answer.wav").write_bytes(b"RIFF\x00\x00garbage")
    elif what == "corrupt analysis":
        (folder / "turn-01" / "analysis.json").write_text('{"score": ')
    elif what == "corrupt manifest":
        (folder / "manifest.json").write_text("not json at all")
    elif what == "missing manifest":
        (folder / "manifest.json").unlink()
    elif what == "missing session analysis":
        (folder / "analysis.json").unlink()


@pytest.mark.parametrize(
    ("what", "reason"),
    [
        ("missing answer", "turn-02/answer.wav is missing"),
        ("corrupt answer", "turn-01/answer.wav is not readable audio"),
        ("corrupt analysis", "turn-01/analysis.json is corrupt"),
        ("corrupt manifest", "manifest.json is corrupt"),
        ("missing manifest", "manifest.json is missing"),
        ("missing session analysis", "analysis.json is missing"),
    ],
)
def test_a_damaged_folder_is_listed_with_its_reason_and_spares_the_others(
    store: Store,
    answers,
    what: str,
    reason: str,  # type: ignore[no-untyped-def]
) -> None:
    good = support.record_session(store, answers[:2])
    bad = support.record_session(store, answers[:2])
    store.list_sessions()  # the index now caches both as fine
    _damage(store, bad, what)
    rows = {r.id: r for r in store.list_sessions()}
    assert rows[bad].status == "damaged" and reason in (rows[bad].damage or "")
    assert rows[good].status == "complete" and rows[good].damage is None
    with pytest.raises(SessionError, match="damaged"):
        store.load(bad)
    assert store.load(good).id == good
    from voicecoach.review.progress import load_progress

    assert [p.session_id for p in load_progress(store).points] == [good]
    assert store.delete(bad) == bad and [r.id for r in store.list_sessions()] == [good]


def test_index_is_migrated_in_order_and_rebuilt_from_the_folders(store: Store, answers) -> None:  # type: ignore[no-untyped-def]
    sids = {support.record_session(store, answers[:1]) for _ in range(2)}
    assert store.index.schema_version() == len(MIGRATIONS)
    with sqlite3.connect(store.index.path) as conn:
        assert {r[0] for r in conn.execute("SELECT id FROM sessions")} == sids
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_version")]
    assert versions == list(range(1, len(MIGRATIONS) + 1))
    store.index.path.unlink()
    assert {r.id for r in store.reindex()} == sids
    with sqlite3.connect(store.index.path) as conn:
        scores = dict(conn.execute("SELECT id, score FROM sessions").fetchall())
    assert scores == {s: store.load(s).analysis.score for s in sids}  # type: ignore[union-attr]
    # a folder removed behind the store's back drops out of the index on the next listing
    victim = sorted(sids)[0]
    import shutil

    shutil.rmtree(store.sessions_dir / victim)
    assert [r.id for r in store.list_sessions()] == sorted(sids - {victim})
    with sqlite3.connect(store.index.path) as conn:
        assert [r[0] for r in conn.execute("SELECT id FROM sessions")] == sorted(sids - {victim})


def test_a_session_being_recorded_cannot_be_deleted(store: Store) -> None:
    writer = store.create(scenario="recap", profile=None, engine="faster-whisper", model="m")
    with pytest.raises(SessionError, match="still being recorded"):
        store.delete(writer.id)
    writer.finish(status="complete", analysis=None)
    assert store.delete(writer.id) == writer.id and store.list_sessions() == []


def test_writer_used_as_context_marks_a_crash_interrupted(store: Store, answers) -> None:  # type: ignore[no-untyped-def]
    with (
        pytest.raises(RuntimeError),
        store.create(
            scenario="recap", profile=None, engine="faster-whisper", model="tiny.en"
        ) as writer,
    ):
        paths = writer.turn_paths(1, prompt_text="Go ahead, recap.")
        paths.answer_wav.write_bytes(answers[0].audio_path.read_bytes())
        raise RuntimeError("boom")
    session = store.load(writer.id)
    assert session.status == "interrupted"
    (turn,) = session.turns
    assert not turn.saved and turn.prompt_text == "Go ahead, recap." and turn.answer_wav


KILLED_WRITER = textwrap.dedent(
    """
    import json, sys, time
    import numpy as np, soundfile as sf
    from pathlib import Path
    from voicecoach.sessions.store import Store
    from voicecoach.transcript import Transcript
    from voicecoach.analysis.results import Analysis
    from voicecoach.audio.files import load_audio

    home, answer, transcript, analysis = sys.argv[1:5]
    w = Store(Path(home)).create(scenario="final-close", profile=None,
                                 engine="faster-whisper", model="tiny.en")
    p = w.turn_paths(1, prompt_text="Any questions?")
    p.answer_wav.write_bytes(Path(answer).read_bytes())
    w.save_turn(1, prompt_text="Any questions?", expects=["question"],
                transcript=Transcript.from_dict(json.loads(Path(transcript).read_text())),
                analysis=Analysis.from_dict(json.loads(Path(analysis).read_text())))
    p2 = w.turn_paths(2, prompt_text="Anything else?")
    audio = load_audio(answer)
    # the recorder appends blocks to the answer as they arrive
    with sf.SoundFile(str(p2.answer_wav), "w", samplerate=16000, channels=1,
                      subtype="PCM_16", format="WAV") as f:
        for start in range(0, len(audio), 1600):
            f.write(audio[start:start + 1600])
            f.flush()
            if start == 16000:
                print(w.id, flush=True)
            time.sleep(0.01)
        time.sleep(60)
    """
)


def test_a_killed_writer_leaves_playable_audio_and_an_interrupted_session(
    store: Store,
    answers,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    answer = answers[0]
    (tmp_path / "t.json").write_text(json.dumps(answer.transcript.to_dict()))
    analysis = support.analyse(answer.transcript, answer.regions)
    (tmp_path / "a.json").write_text(json.dumps(analysis.to_dict()))
    with subprocess.Popen(
        [
            sys.executable,
            "-c",
            KILLED_WRITER,
            str(store.home),
            str(answer.audio_path),
            str(tmp_path / "t.json"),
            str(tmp_path / "a.json"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    ) as proc:
        try:
            sid = proc.stdout.readline().strip()  # type: ignore[union-attr]
            assert ID_PATTERN.match(sid), sid
            assert store.list_sessions()[0].status == "recording"  # its writer is alive
            time.sleep(0.3)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
    (row,) = store.list_sessions()
    assert (row.id, row.status) == (sid, "interrupted")
    session = store.load(sid)
    assert session.status == "interrupted" and session.ended_at is not None
    first, second = session.turns
    assert first.saved and first.transcript is not None
    assert first.transcript.to_dict() == answer.transcript.to_dict()
    assert not second.saved and second.prompt_text == "Anything else?"
    assert second.answer_wav is not None
    with wave.open(str(second.answer_wav)) as w:  # strict reader: the header was repaired
        frames = w.getnframes()
    assert frames >= 16000 and frames == load_audio(second.answer_wav).size


def test_reanalysis_keeps_the_earlier_result_and_rescues_unsaved_answers(
    store: Store,
    answers,
    faster_transcriber,  # type: ignore[no-untyped-def]
) -> None:
    from voicecoach.review.reanalysis import reanalyze_session

    sid = support.record_session(store, answers[:2], finish=False)
    writer_turn = store.sessions_dir / sid / "turn-03"
    writer_turn.mkdir()
    (writer_turn / "answer.wav").write_bytes(answers[2].audio_path.read_bytes())
    (writer_turn / "prompt.txt").write_text("Anything else?")
    manifest = json.loads((store.sessions_dir / sid / "manifest.json").read_text())
    manifest["writer"]["pid"] = 2**22 + 1  # a process that does not exist: interrupted
    (store.sessions_dir / sid / "manifest.json").write_text(json.dumps(manifest))
    before = store.load(sid)
    assert before.status == "interrupted" and not before.turns[2].saved
    old_turn1 = (store.sessions_dir / sid / "turn-01" / "analysis.json").read_text()

    result = reanalyze_session(sid, store=store, transcriber=faster_transcriber)

    assert (result.session_id, result.turns, result.old_score) == (sid, 3, None)
    assert result.new_score is not None
    assert (result.kept_in / "turn-01" / "analysis.json").read_text() == old_turn1
    after = store.load(sid)
    assert after.analysis is not None and after.analysis.score == result.new_score
    assert after.turns[2].saved and after.turns[2].transcript is not None
    assert after.turns[2].transcript.text == answers[2].transcript.text
    assert after.turns[2].prompt_text == "Anything else?"
    (entry,) = after.history
    assert entry["kept_in"] == result.kept_in.relative_to(after.path).as_posix()
    (row,) = store.list_sessions()
    assert row.status == "interrupted" and row.metrics.score == result.new_score


def test_a_corrupt_index_is_set_aside_and_rebuilt(store: Store, answers) -> None:  # type: ignore[no-untyped-def]
    sid = support.record_session(store, answers[:1])
    store.index.path.write_bytes(b"this is not a database" * 100)
    (row,) = store.list_sessions()
    assert (row.id, row.status) == (sid, "complete")
    assert store.index.path.with_name("index.sqlite.corrupt").exists()
    assert store.index.schema_version() == len(MIGRATIONS)


def test_an_index_from_an_older_version_is_upgraded_in_place(store: Store) -> None:
    (sid,) = _empty_sessions(store, 1)
    store.index.path.unlink()
    with sqlite3.connect(store.index.path) as conn:  # what version 1 of voicecoach left
        conn.executescript(MIGRATIONS[0])
        conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        conn.execute("INSERT INTO schema_version (version) VALUES (1)")
        conn.execute(
            "INSERT INTO sessions (id, started_at, scenario, status, signature) "
            "VALUES (?, 1.0, 'recap', 'complete', 'old')",
            (sid,),
        )
    reopened = Store(store.home)
    assert reopened.index.schema_version() == len(MIGRATIONS)
    (row,) = reopened.list_sessions()
    assert (row.id, row.status, row.sample) == (sid, "complete", None)


def test_an_index_from_before_checks_unclear_is_filled_in_from_the_folders(store: Store) -> None:
    from voicecoach.transcript import Transcript

    question = Transcript.from_text("What does success look like in the first ninety days?")
    thanks = support.heard_unsure("Thank you so much for your time, I enjoyed our talk today.")
    sid = support.typed_close_session(store, [(question, ("question",)), (thanks, ("thanks",))])
    (fresh,) = store.list_sessions()
    m = fresh.metrics
    assert (m.checks_done, m.checks_total, m.checks_unclear) == (1, 1, 1)
    # What version 4 left: no checks_unclear column, and a row up to date with its folder
    # (its signature), which a listing would otherwise take as it is.
    store.index.path.unlink()
    with sqlite3.connect(store.index.path) as conn:
        for script in MIGRATIONS[:4]:
            conn.executescript(script)
        conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        conn.executemany(
            "INSERT INTO schema_version (version) VALUES (?)", [(1,), (2,), (3,), (4,)]
        )
        conn.execute(
            "INSERT INTO sessions (id, started_at, ended_at, scenario, status, engine, model, "
            "turns, score, recap_s, wpm, fillers_per_min, checks_done, checks_total, signature) "
            "VALUES (?, ?, ?, ?, 'complete', '', '', 2, ?, ?, ?, ?, 1, 1, ?)",
            (sid, fresh.started_at, fresh.ended_at, fresh.scenario, m.score, m.recap_s, m.wpm,
             m.fillers_per_min, fresh.signature),
        )  # fmt: skip
    reopened = Store(store.home)
    assert reopened.index.schema_version() == len(MIGRATIONS)
    (row,) = reopened.list_sessions()
    assert row == fresh
    with sqlite3.connect(store.index.path) as conn:  # written back: the next listing reads it
        assert conn.execute("SELECT checks_unclear FROM sessions").fetchall() == [(1,)]


def test_an_answer_file_given_no_sample_is_not_kept_as_audio(store: Store) -> None:
    # trial 15: Ctrl-C as an answer's recording began left a 44-byte answer.wav; the session's
    # end said "only its audio is kept", and `analyze --session` then failed on it
    import numpy as np

    from voicecoach.audio.files import write_wav
    from voicecoach.audio.wav_writer import WavWriter

    writer = store.create(scenario="recap", profile=None, engine="faster-whisper", model="m")
    WavWriter(writer.turn_paths(1, prompt_text="Recap, please.").answer_wav).close()
    # created, Ctrl-C before its header was written: 0 bytes
    writer.turn_paths(3, prompt_text="Thanks.").answer_wav.touch()
    write_wav(writer.turn_paths(2, prompt_text="Anything else?").answer_wav,
              np.full(16000, 0.1, np.float32))  # fmt: skip
    writer.finish(status="interrupted", analysis=None)
    assert writer.unsaved_answers() == (2,)
    assert not (writer.path / "turn-01" / "answer.wav").exists()
    assert not (writer.path / "turn-03" / "answer.wav").exists()
    session = store.load(writer.id)
    assert [t.answer_wav is not None for t in session.turns] == [False, True, False]


def test_the_store_keeps_replaced_results_once_and_an_identical_result_not_at_all() -> None:
    """Trial 21: every `analyze --session` added a history folder, even when nothing in
    the results changed."""
    from dataclasses import replace

    from voicecoach.sessions.records import AnswerResults

    store = Store()
    writer = support.typed_recap_session(store, "I led a team of five and shipped on time.")
    writer.finish(status="complete", analysis=None)
    (turn,) = store.load(writer.id).turns
    assert turn.transcript is not None and turn.analysis is not None
    same = {1: AnswerResults(turn.transcript, turn.analysis, turn.speech_regions)}
    changed = {1: replace(same[1], analysis=replace(turn.analysis, score=turn.analysis.score - 1))}

    assert store.replace_results(writer.id, same, None, engine="", model="") is None
    kept = store.replace_results(writer.id, changed, None, engine="", model="")
    assert store.replace_results(writer.id, changed, None, engine="", model="") is None

    assert kept is not None and [p.name for p in (kept.parent).iterdir()] == [kept.name]
    assert json.loads((kept / "turn-01" / "analysis.json").read_text()) == json.loads(
        json.dumps(turn.analysis.to_dict())
    )  # what it replaced, as it was
    session = store.load(writer.id)
    assert len(session.history) == 1 and session.turns[0].analysis == changed[1].analysis


def test_ctrl_c_while_a_reanalysis_writes_its_results_waits_until_all_are_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl-C as the new analysis is written, after the new transcript: the rest and the
    manifest follow, then the interrupt; the session never holds a new transcript beside
    its old analysis."""
    import signal
    from dataclasses import replace

    from voicecoach.sessions import records
    from voicecoach.sessions.records import AnswerResults

    store = Store()
    writer = support.typed_recap_session(store, "I led a team of five and shipped on time.")
    writer.finish(status="complete", analysis=None)
    (turn,) = store.load(writer.id).turns
    assert turn.transcript is not None and turn.analysis is not None
    said = Transcript.from_text("I led a team of six and shipped early.")
    new = {1: AnswerResults(said, replace(turn.analysis, score=turn.analysis.score - 1))}
    real_write = records.write_json
    pressed: list[Path] = []

    def write_json(path: Path, data: Any) -> None:
        if not pressed and path.name == "analysis.json":
            pressed.append(path)
            signal.raise_signal(signal.SIGINT)  # the user presses Ctrl-C here
        real_write(path, data)

    monkeypatch.setattr(records, "write_json", write_json)
    with pytest.raises(KeyboardInterrupt):
        store.replace_results(writer.id, new, None, engine="", model="")

    assert pressed
    session = store.load(writer.id)  # strict: whole
    (after,) = session.turns
    assert after.transcript == said and after.analysis == new[1].analysis
    assert len(session.history) == 1


def test_a_turn_stopped_before_it_was_saved_keeps_what_its_line_asked_for(
    store: Store, answers
) -> None:  # type: ignore[no-untyped-def]
    """The writer keeps a turn's request and doubt when its line plays: a session stopped
    (Ctrl-C) in the recap turn loaded "not asked here" for it, and a re-analysis left the
    recap out of the score (a review)."""
    writer = store.create(
        scenario="final-close", profile=None, engine="faster-whisper", model="tiny.en", seed=7
    )
    paths = writer.turn_paths(
        1, prompt_text="Sum up why you fit.", expects=("recap", "concerns"), concern=None
    )
    shutil.copy(answers[0].audio_path, paths.answer_wav)
    doubt = "you have not worked in freight."
    writer.turn_paths(
        2, prompt_text="My one hesitation...", expects=("concern_answer",), concern=doubt
    )
    writer.finish(status="interrupted", analysis=None)

    first, second = store.load(writer.id).turns
    assert not first.saved and first.expects == ("recap", "concerns") and first.concern is None
    assert (second.expects, second.concern) == (("concern_answer",), doubt)
    assert oct((paths.answer_wav.parent / "asked.json").stat().st_mode & 0o777) == "0o600"
