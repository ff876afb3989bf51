"""Raw rows of a CSV file or a worksheet, each cell with its place, before any tool is known.

CSV files are read as UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order
mark; anything else falls back to Windows-1252 with a warning. The delimiter (comma,
semicolon or tab) is sniffed from the first lines. Every text cell is NFC-normalised and
trimmed; blank rows are kept so an import can account for them.
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem, ResponseError
from .drafts import Place

__all__ = ["Cell", "RawTable", "blank", "letter", "nfc", "read_csv", "read_sheet"]

_DELIMITERS = ",;\t"
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}


@dataclass(frozen=True)
class Cell:
    """One cell's value (NFC text, or a typed number or date) and where it stands."""

    value: Any
    place: Place


@dataclass
class RawTable:
    """The rows of one file or sheet, and what reading it had to guess."""

    rows: list[list[Cell]]
    notes: list[Problem] = field(default_factory=list)
    delimiter: str = ","
    where: str = ""
    """'' for a CSV file, the sheet's name for a worksheet."""

    def describe_delimiter(self) -> str:
        return _DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))


def nfc(value: Any) -> Any:
    return unicodedata.normalize("NFC", value).strip() if isinstance(value, str) else value


def letter(column: int) -> str:
    """The spreadsheet letter of a 1-based column: 1 → A, 28 → AB."""
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


def _fail(path: Path, message: str) -> ResponseError:
    return ResponseError([Problem(str(path), message=message)])


def _decode(path: Path, raw: bytes) -> tuple[str, list[Problem]]:
    """The file's text: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252 (a warning)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            raise _fail(path, f"cannot read the file as UTF-16: bad bytes at {exc.start}") from None
    if b"\x00" in raw[:4096]:
        raise _fail(
            path,
            "the file looks like UTF-16 without a byte-order mark: save it again as "
            "'CSV UTF-8' (or UTF-16 with a byte-order mark)",
        )
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        note = Problem(
            str(path),
            message=(
                f"not UTF-8 (byte {exc.start + 1}): read as Windows-1252; check that accented "
                "letters came out right, or save the file as 'CSV UTF-8'"
            ),
            severity="warning",
        )
        return raw.decode("cp1252", errors="replace"), [note]


def _sniff(text: str) -> str:
    """Comma, semicolon or tab: what splits the first lines into the most equal columns."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        first = text.split("\n", 1)[0]
        return max(_DELIMITERS, key=lambda d: (first.count(d), d == ","))


def read_csv(path: Path) -> RawTable:
    """Every record of a CSV file with its line and column (trailing blank ones dropped)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _fail(path, f"cannot read the file: {exc.strerror or exc}") from None
    text, notes = _decode(path, raw)
    delimiter = _sniff(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[Cell]] = []
    start = 1
    try:
        for record in reader:
            rows.append([Cell(nfc(v), Place(start, col)) for col, v in enumerate(record, 1)])
            start = reader.line_num + 1
    except csv.Error as exc:
        raise _fail(path, f"cannot read line {reader.line_num} of the CSV file: {exc}") from None
    return RawTable(_trim(rows), notes, delimiter)


def read_sheet(ws: Any) -> RawTable:
    """A worksheet's rows as cells placed `Sheet!B7` (trailing blank ones dropped)."""
    rows: list[list[Cell]] = []
    for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
        place = [Place(location=f"{ws.title}!{letter(c)}{r}") for c in range(1, len(values) + 1)]
        rows.append([Cell(nfc(v), at) for v, at in zip(values, place, strict=True)])
    return RawTable(_trim(rows), where=ws.title)


def blank(row: list[Cell]) -> bool:
    """True when no cell of the row holds anything."""
    return not any(c.value is not None and str(c.value).strip() for c in row)


def _trim(rows: list[list[Cell]]) -> list[list[Cell]]:
    while rows and blank(rows[-1]):
        rows.pop()
    return rows
