"""Plain-text tables and structured output for the command line (no third-party deps)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import unicodedata
from collections.abc import Sequence
from typing import Any

import yaml

__all__ = ["local_date", "local_time", "to_csv", "to_json", "to_table", "to_yaml", "width"]


def local_date(d: dt.date, lang: str) -> str:
    """A date as the language writes it (its `date_format` label): 20 October 2026 in English,
    20/10/2026 in Vietnamese, whatever the machine's locale."""
    from .report.labels import local_style

    return local_style(lang).day(d)


def local_time(stamp: str, lang: str, zone: dt.tzinfo | None = None) -> str:
    """An ISO timestamp in the local time zone (`zone`, else the machine's), as the language
    writes it (its `time_format` label): '4 Dec 2026, 14:05' in English, '04/12/2026 14:05' in
    Vietnamese."""
    from .report.labels import local_style

    return local_style(lang).moment(dt.datetime.fromisoformat(stamp).astimezone(zone))


def width(text: str) -> int:
    """Display width: combining marks take no column, wide East Asian characters take two."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def to_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Columns padded to the widest cell; numbers right-aligned."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [width(h) for h in headers]
    for row in cells:
        widths = [max(w, width(c)) for w, c in zip(widths, row, strict=True)]
    numeric = [
        all(isinstance(r[i], int | float) for r in rows if r[i] is not None) and bool(rows)
        for i in range(len(headers))
    ]

    def line(values: Sequence[str]) -> str:
        parts = []
        for i, v in enumerate(values):
            pad = " " * (widths[i] - width(v))
            parts.append(pad + v if numeric[i] else v + pad)
        return "  ".join(parts).rstrip()

    out = [line(list(headers)), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    return "\n".join(out)


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def to_yaml(data: Any) -> str:
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))


def to_csv(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return buf.getvalue()
