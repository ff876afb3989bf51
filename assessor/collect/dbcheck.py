"""Before the collection database is opened: is the file there one of ours?

SQLite opens almost anything and creates tables in any database it is given, so a damaged file,
another program's database or a folder in the place of `collect.sqlite3` would end in a
traceback or, worse, in our tables written into someone else's file. This check reads the file
without changing it and says in one line what is wrong; nothing is overwritten.
"""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

from ..errors import AssessorError, Problem

__all__ = ["check_database", "unusable"]

_TABLES = {"meta", "people", "answers"}
_ASIDE = "move it aside and run again; nothing was changed"


def unusable(path: Path, why: str) -> AssessorError:
    return AssessorError([Problem(str(path), message=f"{why}: {_ASIDE}")])


def check_database(path: Path) -> None:
    """Raise AssessorError unless `path` is missing, empty, or a collection database."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise unusable(path, "a broken symbolic link, not a collection database") from None
        return
    except OSError as exc:
        raise unusable(path, f"cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise unusable(path, "a folder, not the collection database")
    if not stat.S_ISREG(info.st_mode):
        raise unusable(path, "not a regular file, so not the collection database")
    if info.st_size == 0:
        return  # created and not yet written: a run was interrupted at its first step
    # Only SQLite opens the file: closing a descriptor of our own would drop the locks that
    # this process's open connections hold on it (POSIX locks belong to the process).
    tables = _tables(path)
    if not tables <= _TABLES:
        others = ", ".join(sorted(tables - _TABLES)[:5])
        raise unusable(path, f"a database of another program (tables: {others})")


def _tables(path: Path) -> set[str]:
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
            db.execute("PRAGMA quick_check(1)").fetchone()
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            raise unusable(
                path, "not a collection database (the file is damaged or not SQLite)"
            ) from None
        raise unusable(path, f"a damaged database ({exc})") from None
    return {str(name) for (name,) in rows}
