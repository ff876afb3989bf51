"""Writing an import's files all together: every file to a temporary one first, then renames.

If any temporary file cannot be written, none of the targets is touched. The renames come
last, one after another, so a failure there (a full disk cannot cause one) is the only way
to leave part of an import behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..errors import AssessorError, Problem

__all__ = ["write_all"]


def _temporary(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "wb") as fh:
        fh.write(text.encode("utf-8"))
        fh.flush()
        os.fsync(fh.fileno())
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
    os.chmod(tmp, mode)
    return Path(tmp)


def write_all(targets: Mapping[Path, str]) -> None:
    """Write every target's text, all or nothing (see the module's docstring)."""
    done: list[tuple[Path, Path]] = []
    try:
        for path, text in targets.items():
            done.append((_temporary(path, text), path))
    except OSError as exc:
        for tmp, _ in done:
            tmp.unlink(missing_ok=True)
        where = exc.filename or next(iter(targets), "")
        raise AssessorError(
            [Problem(str(where), message=f"cannot write: {exc.strerror or exc}; nothing imported")]
        ) from None
    for tmp, path in done:
        os.replace(tmp, path)
