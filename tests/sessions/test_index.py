"""The session index's schema migrations on a real SQLite file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from voicecoach.sessions import index as index_module
from voicecoach.sessions.index import MIGRATIONS, SessionIndex


def _old_index(path: Path, version: int) -> None:
    """An index as an older release left it: the first ``version`` migrations applied."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        for n, script in enumerate(MIGRATIONS[:version], start=1):
            conn.executescript(script)
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (n,))


def test_an_index_another_process_migrated_meanwhile_is_not_migrated_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two processes open an old index at once. This one reads the old version; before it
    # takes the write lock, the other process brings the schema up to date. Running the
    # old migrations again would fail on "duplicate column".
    path = tmp_path / "index.sqlite"
    _old_index(path, 1)
    real_version = index_module._version
    raced = False

    def version_then_the_other_process_migrates(conn: sqlite3.Connection) -> int:
        nonlocal raced
        seen = real_version(conn)
        if not raced:
            raced = True
            with sqlite3.connect(path) as other:
                monkeypatch.setattr(index_module, "_version", real_version)
                index_module._migrate(other)
                monkeypatch.setattr(
                    index_module, "_version", version_then_the_other_process_migrates
                )
        return seen

    monkeypatch.setattr(index_module, "_version", version_then_the_other_process_migrates)
    index = SessionIndex(path)
    assert index.schema_version() == len(MIGRATIONS)  # no "session index unusable"
    assert raced
    with sqlite3.connect(path) as conn:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_version")]
        columns = {r[1] for r in conn.execute("PRAGMA table_info(sessions)")}
    assert versions == list(range(1, len(MIGRATIONS) + 1))
    assert {"sample", "pitch_sd_st", "checks_unclear"} <= columns
    assert not path.with_name("index.sqlite.corrupt").exists()


def test_a_failed_migration_leaves_the_schema_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "index.sqlite"
    _old_index(path, 2)
    monkeypatch.setattr(
        index_module, "MIGRATIONS", (*MIGRATIONS[:3], "ALTER TABLE nowhere ADD COLUMN x")
    )
    with pytest.raises(Exception, match="unusable"):
        SessionIndex(path).schema_version()
    with sqlite3.connect(path) as conn:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_version")]
        columns = {r[1] for r in conn.execute("PRAGMA table_info(sessions)")}
    # migration 3 and the failing 4th went in one transaction: neither is half-applied
    assert versions == [1, 2] and "pitch_sd_st" not in columns
