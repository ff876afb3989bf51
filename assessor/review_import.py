"""`review import`: a filled-in workshop sheet read back into review.yaml.

Rows are found by the hidden dimension ids in column A, never by position. A row's agreed level,
rationale and evidence replace those of the dimension's entry in review.yaml (its findings and
recommendations stay); rows left empty change nothing. Everything else in review.yaml is kept.
Every problem is reported at once as `sheet.xlsx: Sheet!I9: message`.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import yaml
from openpyxl import load_workbook
from pydantic import ValidationError

from .errors import AssessorError, Problem
from .models.review import Review
from .review_workshop import COLUMNS, FIRST_ROW, HEAD_CELLS

__all__ = ["import_workshop"]

_LEVEL = re.compile(r"^\s*([1-4])(?:\s*(?:—|-|–).*)?$")
_KINDS = ("document", "interview", "observation")


class _Reader:
    def __init__(self, path: Path, ws: Any) -> None:
        self.path, self.ws = path, ws
        self.problems: list[Problem] = []

    def text(self, ref: str) -> str | None:
        value = self.ws[ref].value
        if value is None:
            return None
        text = str(value).strip()
        return text or None

    def error(self, ref: str, message: str, severity: str = "error") -> None:
        where = f"{self.ws.title}!{ref}"
        self.problems.append(Problem(str(self.path), 0, 0, where, message, severity))

    def local(self, en_ref: str, vi_ref: str, what: str) -> dict[str, str] | None:
        """A text per language; one given alone serves both, with a warning."""
        en, vi = self.text(en_ref), self.text(vi_ref)
        if en and vi:
            return {"en": en, "vi": vi}
        if en or vi:
            missing, ref = ("Vietnamese", vi_ref) if en else ("English", en_ref)
            self.error(ref, f"{what} in {missing} is missing: the other language's text is "
                       f"used for both; translate it in review.yaml", "warning")  # fmt: skip
            return {"en": en or vi or "", "vi": vi or en or ""}
        return None

    def level(self, ref: str) -> int | None:
        value = self.ws[ref].value
        if value is None or str(value).strip() == "":
            return None
        if isinstance(value, int | float) and value in (1, 2, 3, 4):
            return int(value)
        match = _LEVEL.match(str(value))
        if match is None:
            self.error(ref, f"an agreed level is 1, 2, 3 or 4 (got {value!r})")
            return None
        return int(match.group(1))

    def evidence(self, ref: str) -> list[dict[str, str]]:
        out = []
        for part in re.split(r"[;\n]", self.text(ref) or ""):
            if not part.strip():
                continue
            kind, sep, what = part.partition(":")
            if not sep or kind.strip().lower() not in _KINDS or not what.strip():
                self.error(ref, f"evidence reads 'document: …', 'interview: …' or "
                           f"'observation: …', separated by ';' (got {part.strip()!r})")  # fmt: skip
                continue
            out.append({"kind": kind.strip().lower(), "ref": what.strip()})
        return out


def import_workshop(
    path: Path, data: bytes, current: dict[str, Any] | None, dimensions: list[str]
) -> tuple[str, list[Problem]]:
    """The text of review.yaml after reading the sheet in `data` into `current` (the review.yaml
    read as plain data, or None), and the warnings; raise AssessorError on any error.

    `dimensions` are the paths in scope; a row naming another is an error."""
    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise AssessorError([Problem(str(path), message=f"not a workshop sheet ({exc})")]) from None
    reader = _Reader(path, wb.worksheets[0])
    review = dict(current or {"kind": "review"})
    _head(reader, review)
    entries = {e.get("dimension"): e for e in review.get("agreed", []) if isinstance(e, dict)}
    agreed = list(review.get("agreed", []))
    for row in range(FIRST_ROW, reader.ws.max_row + 1):
        path_id = reader.text(f"{COLUMNS['id']}{row}")
        if path_id is None:
            continue
        if path_id not in dimensions:
            reader.error(
                f"{COLUMNS['id']}{row}", f"unknown dimension '{path_id}' (export a fresh sheet)"
            )
            continue
        found = _row(reader, row)
        if found is None:
            continue
        if path_id in entries:
            entries[path_id].update(found)
        else:
            entries[path_id] = {"dimension": path_id, **found}
            agreed.append(entries[path_id])
    review["agreed"] = agreed
    errors = [p for p in reader.problems if p.severity == "error"]
    if errors:
        raise AssessorError(reader.problems)
    try:  # the checks above already hold this; references are checked when it is loaded
        Review.model_validate(review)
    except ValidationError as exc:
        lines = [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
        raise AssessorError(
            [Problem(str(path), message=f"review.yaml would be invalid: {m}") for m in lines]
        ) from None
    text = yaml.safe_dump(review, allow_unicode=True, sort_keys=False, width=100)
    return text, reader.problems


def _head(reader: _Reader, review: dict[str, Any]) -> None:
    moderator = reader.text(HEAD_CELLS["moderator"])
    if moderator:
        review["moderator"] = moderator
    elif not review.get("moderator"):
        reader.error(HEAD_CELLS["moderator"], "who moderated the workshop is missing")
    method = reader.local(
        HEAD_CELLS["method_en"], HEAD_CELLS["method_vi"], "how levels were agreed"
    )
    if method:
        review["method"] = method
    elif not review.get("method"):
        reader.error(HEAD_CELLS["method_en"], "how the levels were agreed is missing")


def _row(reader: _Reader, row: int) -> dict[str, Any] | None:
    c = {k: f"{v}{row}" for k, v in COLUMNS.items()}
    level = reader.level(c["level"])
    rationale = reader.local(c["rationale_en"], c["rationale_vi"], "the rationale")
    evidence = reader.evidence(c["evidence"])
    if level is None and rationale is None and not evidence:
        return None
    if level is not None and rationale is None:
        reader.error(c["rationale_en"], "an agreed level needs a rationale")
    found: dict[str, Any] = {"level": level, "rationale": rationale, "evidence": evidence}
    return found
