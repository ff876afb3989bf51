"""Reading back a workbook written by `xlsx_export`: one respondent's answers, cell by cell.

Rows are found by the hidden question ids in column A, never by position; every cell is read
with `values.parse_value`, so a drop-down text, a typed level number or a Vietnamese label all
work, and a bad cell is reported as `Sheet!D7`.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..models import NOT_APPLICABLE, NOT_SURE, ROLES, Questionnaire
from .drafts import Draft, Place
from .values import parse_value, read_number, read_yes_no
from .xlsx_export import COLUMNS, FIRST_ROW, LISTS_SHEET, META_SHEET

__all__ = ["read_workbook"]

_PARTS = ("value", "importance", "comment")


def _cell(ws: Any, column: str, row: int) -> Place:
    return Place(location=f"{ws.title}!{column}{row}")


_REF = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})$")
_CHANGED = "the workbook's _meta sheet was changed: {what}, export a fresh workbook"


class _Meta:
    """The hidden `_meta` sheet: key → value, and the row each key stands on."""

    def __init__(self, wb: Any) -> None:
        self.values: dict[str, Any] = {}
        self.rows: dict[str, int] = {}
        ws = wb[META_SHEET]
        if not hasattr(ws, "iter_rows"):  # a chart sheet under that name
            return
        for r, row in enumerate(ws.iter_rows(min_row=1, max_col=2, values_only=True), start=1):
            key = row[0] if row else None
            if key is not None and str(key) not in self.values:
                self.values[str(key)] = row[1] if len(row) > 1 else None
                self.rows[str(key)] = r

    def get(self, key: str) -> Any:
        return self.values.get(key)

    def place(self, key: str) -> Place:
        return Place(location=f"{META_SHEET}!B{self.rows.get(key, 1)}")

    def changed(self, path: Path, key: str, what: str) -> Problem:
        return self.place(key).problem(path, _CHANGED.format(what=what))


def _respondent_cell(
    path: Path, wb: Any, meta: _Meta
) -> tuple[tuple[str, str] | None, Problem | None]:
    """The sheet and cell where the respondent's name is typed, or what is wrong with it."""
    raw = meta.get("respondent_cell")
    if raw is None or not str(raw).strip():
        return None, meta.changed(path, "respondent_cell", "respondent_cell is missing")
    match = _REF.match(str(raw).strip())
    if match is None:
        what = f"respondent_cell {str(raw)!r} is not one cell such as 'Instructions'!B5"
        return None, meta.changed(path, "respondent_cell", what)
    quoted, bare, column, row = match.groups()
    sheet = quoted.replace("''", "'") if quoted else bare
    if sheet not in wb.sheetnames or not hasattr(wb[sheet], "iter_rows"):
        what = f"respondent_cell points at a sheet '{sheet}' the workbook does not have"
        return None, meta.changed(path, "respondent_cell", what)
    return (sheet, f"{column.upper()}{row}"), None


def _respondent(wb: Any, meta: _Meta, cell: tuple[str, str]) -> tuple[str | None, Place]:
    """Who answered: given at export time, or typed on the Instructions sheet."""
    sheet, ref = cell
    place = Place(location=f"{sheet}!{ref}")
    if meta.get("respondent"):
        return str(meta.get("respondent")).strip(), place
    typed = wb[sheet][ref].value
    return (str(typed).strip() or None) if typed is not None else None, place


def _header_problems(path: Path, wb: Any, meta: _Meta, q: Questionnaire) -> list[Problem]:
    if meta.get("format") != "crm-assess-workbook":
        return [meta.place("format").problem(path, "not a crm-assess workbook")]
    if meta.get("questionnaire") != q.id:
        msg = (
            f"the workbook is for questionnaire '{meta.get('questionnaire')}', "
            f"but the assessment uses '{q.id}'"
        )
        return [meta.place("questionnaire").problem(path, msg)]
    problems = []
    language, role = meta.get("language"), meta.get("role")
    if language is not None and language not in q.title.languages:
        what = f"language {language!r} is not one of the questionnaire's ({', '.join(q.title.languages)})"
        problems.append(meta.changed(path, "language", what))
    if role is not None and role not in ROLES:
        problems.append(meta.changed(path, "role", f"role {role!r} is not a role crm-assess knows"))
    problems += [p for p in [_respondent_cell(path, wb, meta)[1]] if p is not None]
    if str(meta.get("version")) != q.version:
        msg = (
            f"the workbook was made from version {meta.get('version')} of '{q.id}', "
            f"the library has version {q.version}"
        )
        problems.append(meta.place("version").problem(path, msg, "warning"))
    return problems


class _Reader:
    """Walks the section sheets, filling one draft and gathering problems."""

    def __init__(self, path: Path, q: Questionnaire, draft: Draft) -> None:
        self.path, self.index, self.draft = path, q.question_index(), draft
        self.problems: list[Problem] = []
        self.picks: dict[str, dict[str, Any]] = {}
        self.rows: dict[str, str] = {}  # question id in column A → its first cell

    def sheet(self, ws: Any) -> None:
        rows = ws.iter_rows(min_row=FIRST_ROW, max_col=len(COLUMNS), values_only=True)
        for row_number, row in enumerate(rows, start=FIRST_ROW):
            if row and row[0] is not None:
                self.row(ws, row_number, str(row[0]).strip(), dict(zip(COLUMNS, row, strict=False)))

    def row(self, ws: Any, r: int, qid: str, cells: dict[str, Any]) -> None:
        first = self.rows.setdefault(qid, f"{ws.title}!A{r}")
        if first != f"{ws.title}!A{r}":
            msg = f"question id '{qid}' is in column A twice (first at {first}): was the workbook edited?"
            self.problems.append(_cell(ws, "A", r).problem(self.path, msg))
            return
        base, _, option = qid.partition("[")
        question = self.index.get(base)
        if question is None or (option and question.type != "multi_choice"):
            msg = f"unknown question id '{qid}' in column A (was the workbook edited?)"
            self.problems.append(_cell(ws, "A", r).problem(self.path, msg))
            return
        if option:
            self.option_row(ws, r, base, option.rstrip("]"), cells["value"])
            return
        self.draft.places[(question.id, "value")] = _cell(ws, COLUMNS["value"], r)
        for part in _PARTS:
            if cells.get(part) is not None and str(cells[part]).strip():
                self.part(ws, r, question, part, cells[part])

    def part(self, ws: Any, r: int, question: Any, part: str, raw: Any) -> None:
        place = _cell(ws, COLUMNS[part], r)
        if part == "comment":
            self.draft.put(question.id, "comment", str(raw).strip(), place)
            return
        value, problem = parse_value(question, raw) if part == "value" else read_number(raw)
        if problem:
            self.problems.append(place.problem(self.path, problem))
            self.draft.unreadable.add(question.id)
        elif part == "value" and question.type == "multi_choice":
            picks = self.picks.setdefault(question.id, {})
            if isinstance(value, list):  # option labels typed into the question's own row
                picks.update(dict.fromkeys(value, True))
            else:
                picks["skip"] = (value, place)
        else:
            self.draft.put(question.id, part, value, place)

    def option_row(self, ws: Any, r: int, qid: str, option: str, raw: Any) -> None:
        place = _cell(ws, COLUMNS["value"], r)
        value, problem = read_yes_no(raw)
        if problem:
            self.problems.append(place.problem(self.path, problem))
            self.draft.unreadable.add(qid)
        elif value in ("yes", "no"):
            self.picks.setdefault(qid, {})[option] = value == "yes"

    def finish(self) -> None:
        """Turn each multi-choice question's rows into one answer."""
        for qid, picks in self.picks.items():
            skip = picks.pop("skip", None)
            place = self.draft.places.get((qid, "value"), self.draft.origin)
            chosen = [o for o, yes in picks.items() if yes]
            if skip and chosen:
                msg = f"'{_word(skip[0])}' and options marked Yes: choose one or the other"
                self.problems.append(skip[1].problem(self.path, msg))
                self.draft.unreadable.add(qid)
            elif skip:
                self.draft.put(qid, "value", skip[0], skip[1])
            elif picks:
                self.draft.put(qid, "value", _order(self.index[qid], chosen), place)


def _word(value: str) -> str:
    return {NOT_SURE: "Not sure", NOT_APPLICABLE: "Not applicable"}.get(value, value)


def _order(question: Any, chosen: list[str]) -> list[str]:
    known = [o.id for o in question.options]
    return [o for o in known if o in chosen] + [o for o in chosen if o not in known]


def read_workbook(path: Path, wb: Any, q: Questionnaire) -> tuple[list[Draft], list[Problem]]:
    """The one draft a filled-in workbook holds, and every problem of its cells."""
    meta = _Meta(wb)
    problems = _header_problems(path, wb, meta, q)
    cell, _ = _respondent_cell(path, wb, meta)
    if cell is None or any(p.severity == "error" for p in problems):
        return [], problems
    who, who_place = _respondent(wb, meta, cell)
    draft = Draft(origin=who_place, who_place=who_place, language=meta.get("language"))
    draft.who, draft.role = ([who] if who else []), meta.get("role")
    draft.nobody = "no respondent: fill in your name on the Instructions sheet"
    draft.submitted = _modified(wb)
    sheets = [
        ws.title
        for ws in wb.worksheets
        if ws.title not in (META_SHEET, LISTS_SHEET) and ws["A3"].value == "id"
    ]
    reader = _Reader(path, q, draft)
    for name in sheets:
        reader.sheet(wb[name])
    reader.finish()
    return [draft], problems + reader.problems


def _modified(wb: Any) -> dt.datetime | None:
    """When the workbook was last saved, as the submission time."""
    stamp = wb.properties.modified
    if not isinstance(stamp, dt.datetime):
        return None
    stamp = stamp.replace(microsecond=0)
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)
