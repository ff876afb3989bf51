"""Checked responses kept between runs, keyed by the content they were checked from.

    sheets, problems = cached_responses(folder, assessment, questionnaire, lenient, load)

Reading and checking thousands of response files is most of the time `score`, `gaps` or
`report` take on a large assessment (YAML parsing, validation, every answer checked against its
question). The result depends only on the response files' names and bytes, assessment.yaml,
the questionnaire, `--lenient` and the checking code, so it is stored under a key made of all
of those (SHA-256) and reused while none of them changes: edit one response and the next run
checks everything again.

The cache lives in `$CRM_ASSESS_CACHE`, else `$XDG_CACHE_HOME/crm-assess`, else
`~/.cache/crm-assess`: a folder only this user may use (it holds pickles, which run code when
read, so a folder others can write to is not used). `CRM_ASSESS_CACHE=off` turns it off. The
newest KEEP entries are kept. Any problem with the cache (unreadable, full disk, another
version's file) means the responses are simply checked again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["KEEP", "cache_dir", "cached_responses"]

KEEP = 16
_CODE = ("workspace.py", "answers.py", "checks.py", "relevance.py", "responses_csv.py",
         "yamlsource.py", "errors.py", "response_cache.py", "models")  # fmt: skip

Loader = Callable[..., tuple[Any, Any]]


def cache_dir() -> Path | None:
    """The cache folder, made if needed; None when off or not private to this user."""
    setting = os.environ.get("CRM_ASSESS_CACHE", "")
    if setting == "off":
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(setting) if setting else Path(base) / "crm-assess"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    private = info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return folder if private else None


def _code_digest() -> bytes:
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in _CODE:
        path = root / name
        for file in sorted(path.glob("*.py")) if path.is_dir() else [path]:
            digest.update(file.read_bytes())
    return digest.digest()


def _key(folder: Path, parts: tuple[Any, ...]) -> str:
    digest = hashlib.sha256(_code_digest())
    for part in parts:
        digest.update(repr(part).encode("utf-8"))
    for file in sorted(folder.iterdir()) if folder.is_dir() else []:
        if file.is_file():
            digest.update(file.name.encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def cached_responses(
    folder: Path, assessment: Any, questionnaire: Any, lenient: bool, load: Loader
) -> tuple[Any, Any]:
    """`load(folder, assessment, questionnaire, lenient)`, or its result from an earlier run."""
    where = cache_dir()
    if where is None:
        return load(folder, assessment, questionnaire, lenient)
    parts = (str(folder.resolve()), assessment.model_dump_json(),
             questionnaire.model_dump_json(), lenient)  # fmt: skip
    entry = where / f"{_key(folder, parts)}.pickle"
    # any entry that cannot be read back (missing, torn, another version's): check again
    with contextlib.suppress(Exception), entry.open("rb") as fh:
        return pickle.load(fh)  # type: ignore[no-any-return]
    result = load(folder, assessment, questionnaire, lenient)
    _store(entry, result)
    return result


def _store(entry: Path, result: Any) -> None:
    with contextlib.suppress(OSError, pickle.PicklingError):
        fd, tmp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)
        finally:
            Path(tmp).unlink(missing_ok=True)
        entries = sorted(entry.parent.glob("*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-KEEP]:
            old.unlink(missing_ok=True)
