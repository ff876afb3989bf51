"""Where collected answers live until they are exported: one SQLite file in the workspace.

    WORKSPACE/collect.sqlite3

The database runs in WAL mode with `synchronous=FULL`, so a save that has returned has been
written to disk: the server acknowledges an answer only after its save has returned. Saves
that arrive together share one transaction and one disk flush (`GroupWriter`): with many
respondents at once, each waits for one flush, not for everyone else's.

Respondents' links are never stored: only the SHA-256 of each token is, and a token is checked
by hashing it and comparing digests in constant time. Two secrets of the workspace itself are
kept as they are, in the `meta` table: the status page's token (so `collect status` can print
the link again) and the key that signs CSRF tokens. The file is created readable by its owner
only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import queue
import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .dbcheck import check_database, unusable

__all__ = [
    "DB_NAME",
    "Entry",
    "GroupWriter",
    "Person",
    "Store",
    "StoredAnswer",
    "new_token",
    "token_digest",
]

DB_NAME = "collect.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS people (
    id TEXT PRIMARY KEY,
    token_digest TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    unit TEXT,
    email TEXT,
    lang TEXT,
    invited TEXT NOT NULL,
    started TEXT,
    finished TEXT
);
CREATE TABLE IF NOT EXISTS answers (
    person TEXT NOT NULL REFERENCES people(id),
    question TEXT NOT NULL,
    value TEXT NOT NULL,
    comment TEXT,
    importance INTEGER,
    saved TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (person, question)
);
"""


def new_token() -> str:
    """An unguessable token for a secret link (192 bits, URL-safe)."""
    return secrets.token_urlsafe(24)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Person:
    """An invited respondent as the collection server knows them."""

    id: str
    name: str
    role: str
    unit: str | None
    email: str | None
    lang: str | None
    invited: str
    started: str | None
    finished: str | None


@dataclass(frozen=True)
class Entry:
    """One answer to save."""

    question: str
    value: Any
    comment: str | None = None
    importance: int | None = None


@dataclass(frozen=True)
class StoredAnswer:
    value: Any
    comment: str | None
    importance: int | None
    saved: str
    revision: int


class Store:
    """The collection database of one workspace. Safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        check_database(path)  # a damaged or foreign file: one line, and it is left as it is
        if not path.exists():  # names and answers: readable by its owner only
            path.touch(mode=0o600)
        try:
            self._db().executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise unusable(path, f"cannot be opened as the collection database ({exc})") from None

    @classmethod
    def of(cls, workspace: Path) -> Store:
        return cls(workspace / DB_NAME)

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA foreign_keys=ON")
            self._local.db = db
        return db

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; committed (and on disk) when the block ends."""
        db = self._db()
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    # secrets of the store itself -------------------------------------------------------

    def secret(self, key: str) -> str:
        """A per-workspace random secret (created on first use), e.g. for CSRF tokens."""
        row = self._db().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if row is not None:
            return str(row["value"])
        with self._tx() as db:
            db.execute("INSERT OR IGNORE INTO meta VALUES (?, ?)", (key, secrets.token_hex(32)))
        return self.secret(key)

    def status_token(self, *, rotate: bool = False) -> str:
        """The token of the consultant's status page, kept so the link stays the same."""
        if rotate:
            with self._tx() as db:
                db.execute("DELETE FROM meta WHERE key = 'status-token'")
        return self.secret("status-token")

    def setting(self, key: str) -> str | None:
        """A remembered setting of the collection round (e.g. 'base-url'), or None."""
        row = self._db().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row["value"])

    def remember(self, key: str, value: str) -> None:
        with self._tx() as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def is_status_token(self, token: str) -> bool:
        return hmac.compare_digest(
            token_digest(token).encode(), token_digest(self.status_token()).encode()
        )

    # people --------------------------------------------------------------------------

    def link(self, r: Any, *, replace: bool, then: Callable[[], None]) -> str | None:
        """A new secret token for respondent `r` (registered if new), committed only once
        `then()` has returned: a run killed on the way leaves the database as it was.

        None when `r` has a link already and `replace` is false."""
        token = new_token()
        with self._tx() as db:
            known = db.execute("SELECT 1 FROM people WHERE id = ?", (r.id,)).fetchone()
            if known is not None and not replace:
                return None
            if known is None:
                db.execute(
                    "INSERT INTO people (id, token_digest, name, role, unit, email, invited)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (r.id, token_digest(token), r.name, r.role, r.unit, r.email, _now()),
                )
            else:
                db.execute(
                    "UPDATE people SET token_digest = ? WHERE id = ?", (token_digest(token), r.id)
                )
            then()
        return token

    def person(self, person_id: str) -> Person | None:
        row = self._db().execute("SELECT * FROM people WHERE id = ?", (person_id,)).fetchone()
        return _person(row) if row is not None else None

    def person_by_token(self, token: str) -> Person | None:
        """The respondent whose link carries `token`, or None."""
        digest = token_digest(token)
        row = (
            self._db().execute("SELECT * FROM people WHERE token_digest = ?", (digest,)).fetchone()
        )
        if row is None or not hmac.compare_digest(str(row["token_digest"]), digest):
            return None
        return _person(row)

    def people(self) -> list[Person]:
        rows = self._db().execute("SELECT * FROM people ORDER BY invited, id").fetchall()
        return [_person(r) for r in rows]

    def set_language(self, person_id: str, lang: str) -> None:
        with self._tx() as db:
            db.execute("UPDATE people SET lang = ? WHERE id = ?", (lang, person_id))

    def mark_finished(self, person_id: str) -> None:
        with self._tx() as db:
            db.execute("UPDATE people SET finished = ? WHERE id = ?", (_now(), person_id))

    # answers -------------------------------------------------------------------------

    def answers(self, person_id: str) -> dict[str, StoredAnswer]:
        rows = (
            self._db()
            .execute("SELECT * FROM answers WHERE person = ? ORDER BY rowid", (person_id,))
            .fetchall()
        )
        return {
            str(r["question"]): StoredAnswer(
                json.loads(r["value"]),
                r["comment"],
                r["importance"],
                str(r["saved"]),
                int(r["revision"]),
            )
            for r in rows
        }

    def answer_counts(self) -> dict[str, int]:
        rows = self._db().execute("SELECT person, COUNT(*) AS n FROM answers GROUP BY person")
        return {str(r["person"]): int(r["n"]) for r in rows}


def _write(
    db: sqlite3.Connection, person_id: str, entries: list[Entry], deleted: list[str]
) -> None:
    now = _now()
    for e in entries:
        value = json.dumps(e.value, ensure_ascii=False)
        db.execute(
            "INSERT INTO answers (person, question, value, comment, importance, saved)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (person, question) DO UPDATE SET"
            " value = excluded.value, comment = excluded.comment,"
            " importance = excluded.importance, saved = excluded.saved,"
            " revision = revision + 1",
            (person_id, e.question, value, e.comment, e.importance, now),
        )
    db.executemany(
        "DELETE FROM answers WHERE person = ? AND question = ?", [(person_id, q) for q in deleted]
    )
    if entries:
        db.execute(
            "UPDATE people SET started = COALESCE(started, ?) WHERE id = ?", (now, person_id)
        )


_Job = tuple[str, list[Entry], list[str], "Future[None]"]


class GroupWriter:
    """One thread that writes every save; saves waiting together share one commit.

    `submit()` returns a future that is resolved once the save is on disk (or failed).
    Saves of one respondent are applied in the order they were submitted.
    """

    def __init__(self, store: Store, batch: int = 500) -> None:
        self._store = store
        self._batch = batch
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="answer-writer", daemon=True)
        self._thread.start()

    def submit(
        self, person_id: str, entries: Iterable[Entry], deleted: Iterable[str] = ()
    ) -> Future[None]:
        done: Future[None] = Future()
        self._jobs.put((person_id, list(entries), list(deleted), done))
        return done

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(10)

    def _run(self) -> None:
        while True:
            first = self._jobs.get()
            if first is None:
                return
            self._batch_from(first)

    def _batch_from(self, first: _Job) -> None:
        jobs = [first]
        while len(jobs) < self._batch:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                break
            if job is None:
                self._jobs.put(None)
                break
            jobs.append(job)
        self._commit(jobs)

    def _commit(self, jobs: list[_Job]) -> None:
        # a save whose request was cancelled before we got to it is not written (nor answered)
        live = [job for job in jobs if job[3].set_running_or_notify_cancel()]
        try:
            with self._store._tx() as db:
                for person_id, entries, deleted, _ in live:
                    _write(db, person_id, entries, deleted)
        except Exception as exc:  # nothing of the batch was written: say so to each
            for *_, done in live:
                done.set_exception(exc)
            return
        for *_, done in live:
            done.set_result(None)


def _person(row: sqlite3.Row) -> Person:
    return Person(
        id=row["id"],
        name=row["name"],
        role=row["role"],
        unit=row["unit"],
        email=row["email"],
        lang=row["lang"],
        invited=row["invited"],
        started=row["started"],
        finished=row["finished"],
    )
