"""Writing files without losing anything: atomic replace, and no silent overwrite."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import AssessorError, Problem

__all__ = ["write_atomic"]


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
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)  # the file keeps its permissions (mkstemp makes 0600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
