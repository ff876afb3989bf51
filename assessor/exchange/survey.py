"""Survey-tool exports as tables: which tool wrote a file, its columns and its rows.

Each column has a `key`, the name a mapping uses for it: its title, or `Title #2` for the
second column with the same title (Microsoft Forms repeats a grid's statements, Google Forms
lets two questions share a title), or `column L` when it has no title. Tools with several
header rows (SurveyMonkey, Qualtrics) get one title per column made from those rows.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem, ResponseError
from .drafts import Place
from .tabular import Cell, RawTable, blank, letter, read_csv, read_sheet
from .tools import TOOLS, Tool
from .values import norm
from .xlsx_export import META_SHEET

__all__ = ["Cell", "Column", "Table", "Tool", "detect", "parse_time"]


@dataclass(frozen=True)
class Column:
    """One column of an export: where it stands, its title and the key a mapping uses."""

    index: int
    title: str
    key: str
    place: Place
    aliases: tuple[str, ...] = ()

    @property
    def letter(self) -> str:
        return letter(self.index + 1)

    def names(self) -> set[str]:
        """Every normalised name a mapping may give this column."""
        return {norm(self.key), f"column {self.letter.lower()}", *(norm(a) for a in self.aliases)}


@dataclass
class Table:
    """A survey export: the tool, its columns and its data rows (padded to the header)."""

    tool: Tool
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    blank_rows: list[Place] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    timezone: str | None = None
    """A zone the export itself names for its times (Qualtrics' ImportId row)."""

    def is_system(self, title: str) -> bool:
        return self.tool.is_system(title)

    def find(self, spellings: tuple[str, ...]) -> Column | None:
        """The first column titled with one of `spellings`."""
        keys = [norm(s) for s in spellings]
        hits = [c for c in self.columns if norm(c.title) in keys]
        return min(hits, key=lambda c: keys.index(norm(c.title))) if hits else None


def _keyed(titles: Sequence[tuple[str, Place, tuple[str, ...]]]) -> list[Column]:
    """Columns with their keys: repeated titles numbered by occurrence, blank ones lettered."""
    seen: dict[str, int] = {}
    out = []
    for i, (title, place, aliases) in enumerate(titles):
        n = seen[norm(title)] = seen.get(norm(title), 0) + 1
        key = title if n == 1 else f"{title} #{n}"
        out.append(Column(i, title, key if title else f"column {letter(i + 1)}", place, aliases))
    return out


_HEADING_CODE = re.compile(r"^(?P<code>[A-Za-z_][\w]*(?:\[[^\]]*\])?)\.\s+\S")


def _limesurvey_codes(titles: list[str]) -> list[str]:
    """LimeSurvey's "question code & question text" headings (`Q1. Who …`) → the codes."""
    codes = [m.group("code") if (m := _HEADING_CODE.match(t)) else None for t in titles]
    known = sum(1 for c in codes if c)
    return (
        [c or t for c, t in zip(codes, titles, strict=True)] if known > len(titles) / 2 else titles
    )


def _text(cell: Cell | None) -> str:
    return "" if cell is None or cell.value is None else str(cell.value).strip()


def _headers(tool: Tool, head: list[list[Cell]]) -> tuple[list[Column], str | None]:
    """The columns of a tool's header rows, and a timezone the headers name."""
    width = max(len(r) for r in head)
    rows = [r + [Cell(None, Place())] * (width - len(r)) for r in head]
    first = [_text(c) for c in rows[0]]
    if tool.id == "limesurvey":
        first = _limesurvey_codes(first)
    if tool.header_rows == 1:
        return _keyed([(t, c.place, ()) for t, c in zip(first, rows[0], strict=True)]), None
    if tool.id == "qualtrics":
        return _qualtrics(first, rows)
    return _two_rows(first, rows), None


def _two_rows(first: list[str], rows: list[list[Cell]]) -> list[Column]:
    """SurveyMonkey: a question's title over its first column, what each column holds below."""
    titles, question = [], ""
    for i, title in enumerate(first):
        question = title or question
        sub = _text(rows[1][i])
        plain = not sub or norm(sub) in ("response", "open-ended response") or not question
        full = question if plain else f"{question} [{sub}]"
        titles.append((full if not TOOLS["surveymonkey"].is_system(title) else title,
                       rows[0][i].place, ()))  # fmt: skip
    return _keyed(titles)


def _qualtrics(first: list[str], rows: list[list[Cell]]) -> tuple[list[Column], str | None]:
    """Qualtrics: names (Q1, Q5_4_TEXT), question texts, then `{"ImportId": …}`."""
    tool, zone = TOOLS["qualtrics"], None
    titles = []
    for i, name in enumerate(first):
        text = _text(rows[1][i])
        try:
            meta = json.loads(_text(rows[2][i]) or "{}")
        except ValueError:
            meta = {}
        if isinstance(meta, dict) and norm(name) in tool.submitted and meta.get("timeZone"):
            zone = zone or str(meta["timeZone"])
        title = name if tool.is_system(name) or not text else text
        titles.append((title, rows[0][i].place, (name,) if title != name else ()))
    return _keyed(titles), zone


def _titles(row: list[Cell]) -> set[str]:
    return {norm(_text(c)) for c in row if _text(c)} | {
        norm(t) for t in _limesurvey_codes([_text(c) for c in row])
    }


def _table(raw: RawTable) -> Table | None:
    """The export in `raw`, if its header is one a known tool writes."""
    if not raw.rows:
        return None
    tool = next((t for t in TOOLS.values() if t.matches(_titles(raw.rows[0]))), None)
    if tool is None:
        return None
    head, body = raw.rows[: tool.header_rows], raw.rows[tool.header_rows :]
    columns, zone = _headers(tool, head)
    width = len(columns)
    table = Table(tool, columns, notes=list(raw.notes), timezone=zone or tool.zone)
    for row in body:
        if blank(row):
            table.blank_rows.append(row[0].place if row else Place())
            continue
        pad = [Cell(None, _beside(row[-1].place, k)) for k in range(1, width - len(row) + 1)]
        table.rows.append((row + pad)[:width])
    return table


def _beside(place: Place, k: int) -> Place:
    """The place k columns right of `place` (for padding short CSV records)."""
    if place.location:
        return place
    return Place(place.line, place.column + k)


def _fail(path: Path, message: str) -> ResponseError:
    return ResponseError([Problem(str(path), message=message)])


def _tried(path: Path, first: list[Cell], raw: RawTable | None = None) -> ResponseError:
    """Which formats were tried, and what the first row looked like."""
    names = ", ".join(t.name for t in TOOLS.values())
    shown = [_text(c) for c in first][:6]
    looks = " | ".join(shown) + (" | …" if len(first) > 6 else "")
    hint = ""
    if raw is not None and len(first) == 1 and re.search(r"[;,\t|]", shown[0] if shown else ""):
        hint = (
            f" (read with a {raw.describe_delimiter()} between columns: is it another delimiter?)"
        )
    return _fail(
        path,
        f"not a survey export crm-assess knows (tried {names}): the first row reads "
        f"'{looks}'{hint}",
    )


def _detect_csv(path: Path) -> Table:
    raw = read_csv(path)
    table = _table(raw)
    if table is None:
        raise _tried(path, raw.rows[0] if raw.rows else [], raw)
    return table


def _detect_xlsx(path: Path) -> tuple[str, Any]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise _fail(path, f"cannot read the workbook: {exc}") from None
    if META_SHEET in wb.sheetnames:
        return "workbook", wb
    firsts = []
    for ws in wb.worksheets:
        raw = read_sheet(ws)
        table = _table(raw)
        if table is not None:
            return table.tool.id, table
        firsts.append(raw.rows[0] if raw.rows else [])
    raise _tried(path, next((f for f in firsts if f), []))


def detect(path: Path) -> tuple[str, Any]:
    """('workbook', openpyxl workbook) or (tool id, Table), from the file's contents."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _detect_xlsx(path)
    if suffix in (".csv", ".txt", ".tsv"):
        table = _detect_csv(path)
        return table.tool.id, table
    raise _fail(path, f"cannot import '{suffix}' files (expected .xlsx or .csv)")


_ZONE = re.compile(r"\s*(?:UTC|GMT)\s*(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$", re.IGNORECASE)
_FORMATS = (
    "%Y/%m/%d %I:%M:%S %p",
    "%Y/%m/%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%m/%d/%y %H:%M:%S",
    "%m/%d/%y %H:%M",
    "%m/%d/%y %I:%M:%S %p",
    "%m/%d/%y %I:%M %p",
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
