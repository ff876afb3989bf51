"""Survey-tool exports as tables: which tool wrote a file, its cells and where each stands.

    Google Forms      .csv   Timestamp, [Email address], one column per question title
    Microsoft Forms   .xlsx  ID, Start time, Completion time, Email, Name, one column per question
    LimeSurvey        .csv   id, submitdate, lastpage, startlanguage, seed, Q1, Q2[SQ001], …
    our own workbook  .xlsx  has a hidden `_meta` sheet

Headers match case-insensitively after trimming; every cell is NFC-normalised; CSV is read as
UTF-8 with or without a BOM.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem, ResponseError
from .drafts import Place
from .values import norm
from .xlsx_export import META_SHEET

__all__ = ["TOOLS", "Cell", "Table", "Tool", "detect", "parse_time", "repeated_titles"]


@dataclass(frozen=True)
class Tool:
    """What a survey tool's export looks like."""

    id: str
    name: str
    signature: tuple[str, ...]
    system: frozenset[str]
    system_pattern: str = r"$^"
    email: tuple[str, ...] = ()
    name_column: tuple[str, ...] = ()
    submitted: str = ""
    language: str = ""


TOOLS = {
    "google-forms": Tool(
        "google-forms",
        "Google Forms",
        ("timestamp",),
        frozenset({"timestamp", "email address", "score"}),
        email=("email address",),
        submitted="timestamp",
    ),
    "microsoft-forms": Tool(
        "microsoft-forms",
        "Microsoft Forms",
        ("id", "start time", "completion time", "email", "name"),
        frozenset(
            {"id", "start time", "completion time", "email", "name", "last modified time"}
            | {"total points", "quiz feedback"}
        ),
        system_pattern=r"^(points|feedback) - ",
        email=("email",),
        name_column=("name",),
        submitted="completion time",
    ),
    "limesurvey": Tool(
        "limesurvey",
        "LimeSurvey",
        ("id", "submitdate", "lastpage", "startlanguage"),
        frozenset(
            {"id", "submitdate", "lastpage", "startlanguage", "seed", "token", "startdate"}
            | {"datestamp", "ipaddr", "refurl", "interviewtime"}
        ),
        system_pattern=r"^(grouptime\d+|.+time)$",
        submitted="submitdate",
        language="startlanguage",
    ),
}


@dataclass(frozen=True)
class Cell:
    """One cell's value (NFC text, or a typed number or date) and where it stands."""

    value: Any
    place: Place


@dataclass
class Table:
    """A survey export: the tool, the header row and the data rows (padded to the header)."""

    tool: Tool
    header: list[Cell]
    rows: list[list[Cell]] = field(default_factory=list)

    def is_system(self, title: str) -> bool:
        key = norm(title)
        return key in self.tool.system or re.match(self.tool.system_pattern, key) is not None


def repeated_titles(path: Path, table: Table) -> list[Problem]:
    """One problem per column title the header repeats: a mapping names columns by title.

    Titles compare as the mapping compares them (case-insensitive, trimmed); the survey
    tool's own columns (timestamps, email) are left alone.
    """
    columns: dict[str, list[int]] = {}
    for i, cell in enumerate(table.header):
        title = "" if cell.value is None else str(cell.value)
        if title.strip() and not table.is_system(title):
            columns.setdefault(norm(title), []).append(i)
    problems = []
    for found in columns.values():
        if len(found) > 1:
            first = table.header[found[0]]
            letters = [_letter(i + 1) for i in found]
            msg = (
                f"column title '{first.value}' appears {len(found)} times (columns "
                f"{', '.join(letters[:-1])} and {letters[-1]}): rename them in the survey tool "
                "or the file so each is unique"
            )
            problems.append(first.place.problem(path, msg))
    return problems


def _nfc(value: Any) -> Any:
    return unicodedata.normalize("NFC", value).strip() if isinstance(value, str) else value


def _has(header: list[Cell], signature: tuple[str, ...]) -> bool:
    titles = {norm(str(c.value)) for c in header if c.value is not None}
    return all(s in titles for s in signature)


def _read_csv(path: Path) -> tuple[list[Cell], list[list[Cell]]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        records, start = [], 1
        for record in reader:
            records.append((start, record))
            start = reader.line_num + 1
    if not records:
        return [], []
    line, titles = records[0]
    header = [Cell(_nfc(t), Place(line, col)) for col, t in enumerate(titles, start=1)]
    rows = [
        [Cell(_nfc(v), Place(n, col)) for col, v in enumerate(_pad(r, len(header)), start=1)]
        for n, r in records[1:]
        if any(v.strip() for v in r)
    ]
    return header, rows


def _pad(values: list[Any], width: int) -> list[Any]:
    return list(values) + [None] * (width - len(values))


def _read_sheet(ws: Any) -> tuple[list[Cell], list[list[Cell]]]:
    """A worksheet as cells placed `Sheet!B7`; blank rows are skipped."""
    header: list[Cell] = []
    rows: list[list[Cell]] = []
    for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if not any(v is not None and str(v).strip() for v in values):
            continue
        cells = [
            Cell(_nfc(v), Place(location=f"{ws.title}!{_letter(c)}{r}"))
            for c, v in enumerate(_pad(list(values), len(header)), start=1)
        ]
        if header:
            rows.append(cells[: len(header)])
        else:
            header = cells
    return header, rows


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(column))


def _fail(path: Path, message: str) -> ResponseError:
    return ResponseError([Problem(str(path), message=message)])


def _detect_csv(path: Path) -> Table:
    try:
        header, rows = _read_csv(path)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise _fail(path, f"cannot read CSV: {exc}") from None
    for tool in (TOOLS["limesurvey"], TOOLS["google-forms"]):
        if _has(header, tool.signature):
            return Table(tool, header, rows)
    raise _fail(
        path,
        "not a survey export crm-assess knows: expected a Google Forms CSV (a 'Timestamp' "
        "column) or a LimeSurvey CSV (columns id, submitdate, lastpage, startlanguage)",
    )


def _detect_xlsx(path: Path) -> tuple[str, Any]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise _fail(path, f"cannot read the workbook: {exc}") from None
    if META_SHEET in wb.sheetnames:
        return "workbook", wb
    tool = TOOLS["microsoft-forms"]
    for ws in wb.worksheets:
        header, rows = _read_sheet(ws)
        if _has(header, tool.signature):
            return tool.id, Table(tool, header, rows)
    raise _fail(
        path,
        "not a workbook crm-assess knows: expected one from `crm-assess questionnaire export` "
        "or a Microsoft Forms export (columns ID, Start time, Completion time, Email, Name)",
    )


def detect(path: Path) -> tuple[str, Any]:
    """('workbook', openpyxl workbook) or (tool id, Table), from the file's contents."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _detect_xlsx(path)
    if suffix in (".csv", ".txt"):
        table = _detect_csv(path)
        return table.tool.id, table
    raise _fail(path, f"cannot import '{suffix}' files (expected .xlsx or .csv)")


_ZONE = re.compile(r"\s*(?:UTC|GMT)\s*(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$", re.IGNORECASE)
_FORMATS = (
    "%Y/%m/%d %I:%M:%S %p",
    "%Y/%m/%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
    "%Y-%m-%d",
)


def _zone(text: str) -> tuple[str, dt.tzinfo | None]:
    match = _ZONE.search(text)
    if not match:
        return text, None
    sign, hours, minutes = match.groups()
    offset = dt.timedelta(hours=int(hours or 0), minutes=int(minutes or 0))
    return text[: match.start()], dt.timezone(-offset if sign == "-" else offset)


def parse_time(raw: Any, *, tz: dt.tzinfo | None = None, day_first: bool = False) -> Any:
    """A submission time from a typed cell or text; `tz` is given to times without a zone.

    Accepts Google Forms' `2025/09/01 10:09:52 AM UTC+3`, the Sheets download's
    `9/1/2025 10:09:52` (month first unless `day_first`), ISO times and dates.
    Raises ValueError when the text is none of these.
    """
    if isinstance(raw, dt.datetime):
        return raw if raw.tzinfo or tz is None else raw.replace(tzinfo=tz)
    if isinstance(raw, dt.date):
        return raw
    text, zone = _zone(str(raw).strip())
    try:
        stamp = dt.datetime.fromisoformat(text)
    except ValueError:
        stamp = _strptime(text, day_first)
    if len(text) <= 10 and ":" not in text:
        return stamp.date()
    zone = zone or stamp.tzinfo or tz
    return stamp.replace(tzinfo=zone) if zone else stamp


def _strptime(text: str, day_first: bool) -> dt.datetime:
    for pattern in _FORMATS:
        if day_first and pattern.startswith("%m/%d"):
            pattern = "%d/%m" + pattern[5:]
        try:
            return dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
    raise ValueError(text)
