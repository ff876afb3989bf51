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
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
