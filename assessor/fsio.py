"""Reading and writing files safely.

Reading: regular files only (a FIFO, a device or a broken link is a problem, never a hang),
at most `max_file_bytes()` of them (20 MB unless CRM_ASSESS_MAX_FILE_MB says otherwise),
checked before anything is parsed, and text that is not UTF-8 is located by line and column.

Writing: atomic replace (temporary file + rename), no silent overwrite; a temporary file a
killed run left behind is removed by the next write to the same folder.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import tempfile
from pathlib import Path

from .errors import AssessorError, Problem

__all__ = ["max_file_bytes", "read_text", "write_atomic"]

DEFAULT_MAX_MB = 20
_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def max_file_bytes() -> int:
    """The largest file read, in bytes: CRM_ASSESS_MAX_FILE_MB megabytes (default 20)."""
    raw = os.environ.get("CRM_ASSESS_MAX_FILE_MB", "")
    try:
        mb = float(raw) if raw.strip() else DEFAULT_MAX_MB
    except ValueError:
        mb = DEFAULT_MAX_MB
    return int(mb * 1_000_000) if mb > 0 else int(DEFAULT_MAX_MB * 1_000_000)


def read_text(path: Path, limit: int | None = None) -> tuple[str | None, Problem | None]:
    """The UTF-8 text of a regular file (a BOM dropped), or the problem that stops reading it."""
    raw, problem = read_bytes(path, limit)
    if raw is None:
        return None, problem
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return None, not_utf8(path, exc)


def read_bytes(path: Path, limit: int | None = None) -> tuple[bytes | None, Problem | None]:
    """The bytes of a regular file of at most `limit` bytes (default: max_file_bytes())."""
    limit = max_file_bytes() if limit is None else limit
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return None, Problem(str(path), message=_open_failure(path, exc))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            return None, Problem(str(path), message="cannot read file: Is a directory")
        kind = _KINDS.get(stat.S_IFMT(info.st_mode))
        if kind is not None or not stat.S_ISREG(info.st_mode):
            msg = f"not a regular file but {kind or 'a special file'}"
            return None, Problem(str(path), message=msg)
        if info.st_size > limit:
            return None, _too_big(path, info.st_size, limit)
        with os.fdopen(os.dup(fd), "rb") as fh:
            raw = fh.read(limit + 1)
    except OSError as exc:
        return None, Problem(str(path), message=f"cannot read file: {exc.strerror or exc}")
    finally:
        os.close(fd)
    if len(raw) > limit:
        return None, _too_big(path, len(raw), limit)
    return raw, None


def _too_big(path: Path, size: int, limit: int) -> Problem:
    msg = (
        f"the file is {size / 1e6:,.1f} MB, larger than the {limit / 1e6:g} MB limit "
        "(set CRM_ASSESS_MAX_FILE_MB to allow more)"
    )
    return Problem(str(path), message=msg)


def _open_failure(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "cannot read file: a symbolic link that leads back to itself (a loop)"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return f"cannot read file: a broken symbolic link (to '{os.readlink(path)}', which does not exist)"
    return f"cannot read file: {exc.strerror or exc}"


def not_utf8(path: Path, exc: UnicodeDecodeError) -> Problem:
    """Where the first byte that is not UTF-8 stands, as line:column."""
    raw = exc.object[: exc.start]
    line = raw.count(b"\n") + 1
    col = len(raw[raw.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
    byte = exc.object[exc.start]
    msg = f"not UTF-8 text: byte 0x{byte:02x} cannot be read (save the file as UTF-8)"
    return Problem(str(path), line, col, "", msg)


def write_atomic(path: Path, data: str | bytes, *, force: bool = False) -> None:
    """Write via a temporary file in the same folder, fsync, then rename over `path`.

    Refuses to replace an existing file unless `force` is true.
    """
    if path.exists() and not force:
        raise AssessorError(
            [Problem(str(path), message="already exists (use --force to replace it)")]
        )
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        _replace(path, raw)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise AssessorError([Problem(str(path), message=f"cannot write: {reason}")]) from None


def _replace(path: Path, raw: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
    _remove_leftovers(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # held until written: a live writer's file is not removed
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)  # the file keeps its permissions (mkstemp makes 0600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove_leftovers(path: Path) -> None:
    """Remove `.NAME.XXXXXXXX.tmp` files a killed write left next to `path`.

    A writer holds a lock on its temporary file until it is renamed; a file nobody holds a lock
    on belongs to a run that died.
    """
    for tmp in path.parent.glob(f".{glob_escape(path.name)}.*.tmp"):
        try:
            fd = os.open(tmp, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            if stat.S_ISREG(os.fstat(fd).st_mode):
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                tmp.unlink(missing_ok=True)
        except OSError:  # locked: another write is under way
            pass
        finally:
            os.close(fd)


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
