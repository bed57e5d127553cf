"""The SQLite index of sessions (``<home>/index.sqlite``): a cache for listing and trends.

The session folders are the source of truth; every row can be rebuilt from them
(``voicecoach sessions reindex``). Being a cache, the index is best-effort: when it
cannot be opened or written (a full disk, a read-only data dir) reads find it empty and
writes are skipped, and the next writable run brings it up to date. The schema evolves
through :data:`MIGRATIONS`, applied in order and recorded in the ``schema_version`` table.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, closing, contextmanager, suppress
from dataclasses import astuple, dataclass, fields, replace
from pathlib import Path

from voicecoach.errors import StorageError
from voicecoach.sessions.metrics import Metrics

# Each entry moves the schema one version up. Never edit a released entry: append one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        started_at REAL,
        ended_at REAL,
        scenario TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        damage TEXT,
        engine TEXT NOT NULL DEFAULT '',
        model TEXT NOT NULL DEFAULT '',
        turns INTEGER NOT NULL DEFAULT 0,
        score INTEGER,
        recap_s REAL,
        wpm REAL,
        fillers_per_min REAL,
        checks_done INTEGER,
        checks_total INTEGER,
        signature TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX sessions_started_at ON sessions (started_at);
    """,
    # 2: sessions the built-in sample candidate answered (the demo)
    "ALTER TABLE sessions ADD COLUMN sample TEXT",
    # 3: the voice (Metrics.pitch_*), for progress and the speaker's baseline
    """
    ALTER TABLE sessions ADD COLUMN pitch_sd_st REAL;
    ALTER TABLE sessions ADD COLUMN pitch_median_hz REAL;
    ALTER TABLE sessions ADD COLUMN pitch_voiced_s REAL
    """,
    # 4: wpm is now the pace (Metrics.wpm), no longer the articulation rate: every row is
    # summarised again from its folder at the next listing
    "UPDATE sessions SET signature = ''",
    # 5: checks left unclear (Metrics.checks_unclear); every row is summarised again from
    # its folder at the next listing, so an older index fills the new column in
    """
    ALTER TABLE sessions ADD COLUMN checks_unclear INTEGER;
    UPDATE sessions SET signature = ''
    """,
    # 6: a score resting mostly on checks not heard clearly (Metrics.score_provisional);
    # every row is summarised again from its folder at the next listing
    """
    ALTER TABLE sessions ADD COLUMN score_provisional INTEGER;
    UPDATE sessions SET signature = ''
    """,
    # 7: no recap length where the recap check was left unclear (Metrics.recap_s): every
    # row is summarised again from its folder at the next listing
    "UPDATE sessions SET signature = ''",
    # 8: a recap asked for whose length was not judged (Metrics.recap_unjudged); every row
    # is summarised again from its folder at the next listing
    """
    ALTER TABLE sessions ADD COLUMN recap_unjudged INTEGER;
    UPDATE sessions SET signature = ''
    """,
)


@dataclass(frozen=True)
class SessionSummary:
    """One session as listed: what ``sessions list`` and ``progress`` show."""

    id: str
    started_at: float | None  # epoch seconds; None when the manifest is unreadable
    ended_at: float | None
    scenario: str
    status: str  # recording, complete, interrupted, damaged
    damage: str | None  # why the session is damaged, one line; None when it is fine
    engine: str
    model: str
    turns: int  # turns with a saved answer
    metrics: Metrics
    signature: str = ""  # fingerprint of the folder's files when this row was made
    sample: str | None = None  # "strong"/"weak": the demo's sample candidate answered


_COLUMNS = (
    "id, started_at, ended_at, scenario, status, damage, engine, model, turns, "
    "score, recap_s, wpm, fillers_per_min, checks_done, checks_total, checks_unclear, "
    "pitch_sd_st, pitch_median_hz, pitch_voiced_s, score_provisional, recap_unjudged, "
    "signature, sample"
)
_N_METRICS = len(fields(Metrics))


class SessionIndex:
    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        self._open_or_rebuild()
        try:
            with closing(sqlite3.connect(self.path, timeout=10.0)) as conn, conn:
                yield conn
        except sqlite3.DatabaseError as exc:
            raise StorageError(
                f"{self.path}: session index unusable ({exc}); "
                "delete it and run `voicecoach sessions reindex`"
            ) from exc

    @staticmethod
    def _best_effort() -> AbstractContextManager[None]:
        """A write the cache can do without: a full disk, a read-only data dir or a busy
        index skip it (the folders stay the truth)."""
        return suppress(StorageError, sqlite3.Error, OSError)

    def _open_or_rebuild(self) -> None:
        """Migrate the index; a corrupt one is set aside and started afresh (it is a cache:
        the next listing refills it from the session folders). A file that cannot be opened
        or written (permissions, full disk, locked) is not corrupt and is left alone."""
        if not self.path.parent.is_dir():
            try:
                self.path.parent.mkdir(parents=True, mode=0o700)
            except OSError as exc:
                raise StorageError(f"{self.path.parent}: cannot create ({exc.strerror})") from exc
        for attempt in (1, 2):
            try:
                with closing(sqlite3.connect(self.path, timeout=10.0)) as conn:
                    _migrate(conn)
                return
            except sqlite3.DatabaseError as exc:
                if attempt == 2 or isinstance(exc, sqlite3.OperationalError):
                    raise StorageError(
                        f"{self.path}: session index unusable ({exc}); "
                        "delete it and run `voicecoach sessions reindex`"
                    ) from exc
                try:
                    self.path.replace(self.path.with_name(f"{self.path.name}.corrupt"))
                except OSError as move:
                    raise StorageError(
                        f"{self.path}: session index unusable ({exc}) and cannot be set aside "
                        f"({move.strerror}); delete it and run `voicecoach sessions reindex`"
                    ) from move

    def schema_version(self) -> int:
        with self._connect() as conn:
            return _version(conn)

    def upsert(self, summary: SessionSummary) -> None:
        row = _to_row(summary)
        marks = ", ".join("?" * len(row))
        with self._best_effort(), self._connect() as conn:
            conn.execute(f"INSERT OR REPLACE INTO sessions ({_COLUMNS}) VALUES ({marks})", row)

    def delete(self, session_id: str) -> None:
        with self._best_effort(), self._connect() as conn:
            conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    def clear(self) -> None:
        with self._best_effort(), self._connect() as conn:
            conn.execute("DELETE FROM sessions")

    def all(self) -> dict[str, SessionSummary]:
        """Every cached row; none when the index cannot be read (it is rebuilt later)."""
        rows: list[tuple[object, ...]] = []
        with self._best_effort(), self._connect() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM sessions").fetchall()
        return {str(r[0]): _from_row(r) for r in rows}


def _version(conn: sqlite3.Connection) -> int:
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema up to date. The version is read again under SQLite's write lock, so
    two processes opening an old index at once do not both run a migration (the second
    would fail on "duplicate column")."""
    if _version(conn) == len(MIGRATIONS):
        conn.commit()
        return
    conn.commit()
    level = conn.isolation_level
    conn.isolation_level = None  # the transaction below is ours, statement by statement
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = _version(conn)
            for version, script in enumerate(MIGRATIONS[current:], start=current + 1):
                for statement in script.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
            conn.execute("COMMIT")
        except BaseException:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise
    finally:
        conn.isolation_level = level


def _to_row(s: SessionSummary) -> tuple[object, ...]:
    return (
        s.id,
        s.started_at,
        s.ended_at,
        s.scenario,
        s.status,
        s.damage,
        s.engine,
        s.model,
        s.turns,
        *astuple(s.metrics),
        s.signature,
        s.sample,
    )


def _from_row(r: tuple[object, ...]) -> SessionSummary:
    metrics = Metrics(*r[9 : 9 + _N_METRICS])  # type: ignore[arg-type]
    if metrics.score_provisional is not None:  # SQLite keeps it as 0 or 1
        metrics = replace(metrics, score_provisional=bool(metrics.score_provisional))
    if metrics.recap_unjudged is not None:
        metrics = replace(metrics, recap_unjudged=bool(metrics.recap_unjudged))
    return SessionSummary(
        id=str(r[0]),
        started_at=r[1],  # type: ignore[arg-type]
        ended_at=r[2],  # type: ignore[arg-type]
        scenario=str(r[3]),
        status=str(r[4]),
        damage=r[5],  # type: ignore[arg-type]
        engine=str(r[6]),
        model=str(r[7]),
        turns=int(r[8]),  # type: ignore[call-overload]
        metrics=metrics,
        signature=str(r[9 + _N_METRICS]),
        sample=None if r[10 + _N_METRICS] is None else str(r[10 + _N_METRICS]),
    )
