"""A survey export's rows → one draft per respondent, column by column as the mapping says."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem
from ..models import Question, Questionnaire
from .drafts import Draft, Place
from .mapping import ColumnMap, ImportMapping, zone_of
from .survey import Cell, Column, Table, parse_time
from .values import norm, option_table, parse_value, read_yes_no, split_other

__all__ = ["Tally", "table_drafts"]


@dataclass
class Tally:
    """How the rows of an export were accounted for."""

    rows: int = 0
    incomplete: int = 0
    skipped: Counter[str] = field(default_factory=Counter)


@dataclass
class _Plan:
    """Which column holds what."""

    who: list[Column] = field(default_factory=list)
    key: Column | None = None
    submitted: Column | None = None
    language: Column | None = None
    finished: Column | None = None
    role: Column | None = None
    unit: Column | None = None
    answers: list[tuple[Column, ColumnMap, Question]] = field(default_factory=list)

    def used(self) -> set[int]:
        told = [*self.who, self.role, self.unit]
        return {c.index for c in told if c is not None}


def _named(table: Table, name: str) -> Column | None:
    key = norm(name)
    return next((c for c in table.columns if key in c.names()), None)


def _who_columns(table: Table, mapping: ImportMapping) -> list[Column]:
    """The columns naming the respondent, best first: the mapping's, or email then name."""
    if mapping.respondent:
        found = _named(table, mapping.respondent)
        return [found] if found else []
    tool = table.tool
    return [c for spellings in (tool.email, tool.name_column) if (c := table.find(spellings))]


def _plan(
    path: Path, table: Table, mapping: ImportMapping, mapping_name: str, q: Questionnaire
) -> tuple[_Plan, list[Problem]]:
    tool = table.tool
    plan = _Plan(who=_who_columns(table, mapping), key=table.find(tool.key))
    plan.submitted, plan.language = table.find(tool.submitted), table.find(tool.language)
    plan.finished = table.find(tool.finished)
    problems = []
    if mapping.respondent and not plan.who:
        msg = f"the export has no column '{mapping.respondent}' (the mapping's `respondent`)"
        problems.append(Problem(str(path), message=msg))
    for part in ("role", "unit"):
        told = getattr(mapping, part)
        if told is not None:
            setattr(plan, part, _named(table, told.column))
            if getattr(plan, part) is None:
                msg = f"the export has no column '{told.column}' (the mapping's `{part}`)"
                problems.append(Problem(str(path), message=msg))
    index = q.question_index()
    for column in table.columns:
        if column.index in plan.used() or (not column.title and not _any_cell(table, column)):
            continue
        entry = mapping.column(column.names())
        if entry is None:
            if not table.is_system(column.title):
                msg = (
                    f"column '{column.key}' is not in {mapping_name}: add it with "
                    "`question: <id>`, or `ignore: true`"
                )
                problems.append(column.place.problem(path, msg))
            continue
        col = entry[1]
        if not col.ignore and col.question is not None:
            plan.answers.append((column, col, index[col.question]))
    return plan, problems


def _any_cell(table: Table, column: Column) -> bool:
    return any(_text(row[column.index]) for row in table.rows)


def _slug(text: str, size: int = 40) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", norm(text)))[:size].strip("-") or "export"


class _Row:
    """One data row read into a draft."""

    def __init__(self, path: Path, row: list[Cell], plan: _Plan, table: Table) -> None:
        self.path, self.row, self.plan, self.table = path, row, plan, table
        self.problems: list[Problem] = []
        self.ticks: dict[str, tuple[list[str], bool, Place]] = {}
        who = [row[c.index] for c in plan.who]
        named = [c for c in who if _text(c) and norm(_text(c)) != "anonymous"]
        first = named[0].place if named else (who[0].place if who else row[0].place)
        self.draft = Draft(row[0].place, [_text(c) for c in named], first)
        if not plan.who:
            self.draft.nobody = "no column tells who answered"

    def read_facts(self, mapping: ImportMapping, row_number: int) -> None:
        """The respondent's key, name, email, role and unit, as far as the row tells them."""
        draft, plan, facts = self.draft, self.plan, self.draft.facts
        stem = _slug(self.path.stem)
        key = _text(self.row[plan.key.index]) if plan.key else ""
        if key:
            draft.key = f"{stem}-{_slug(key, 20)}"
        else:
            digest = hashlib.sha256("\x1f".join(_text(c) for c in self.row).encode()).hexdigest()
            draft.key = f"{stem}-row{row_number}-{digest[:6]}"
        for column in plan.who:
            value = _text(self.row[column.index])
            if value and norm(value) != "anonymous":
                facts.setdefault("email" if "@" in value else "name", value)
        for part in ("role", "unit"):
            column, told = getattr(plan, part), getattr(mapping, part)
            if column is not None and told is not None and _text(self.row[column.index]):
                facts[part] = told.read(_text(self.row[column.index]))
        draft.language = self._language(mapping)

    def _language(self, mapping: ImportMapping) -> str | None:
        if self.plan.language is not None:
            code = norm(_text(self.row[self.plan.language.index]))[:2]
            if code in ("en", "vi"):
                return code
        return mapping.language

    def submitted(self, mapping: ImportMapping) -> None:
        """Read the submission time, and whether the tool says the response is incomplete."""
        plan, tool = self.plan, self.table.tool
        finished = _text(self.row[plan.finished.index]) if plan.finished else ""
        if plan.finished is not None and norm(finished) in ("0", "false"):
            self.draft.incomplete = f"{plan.finished.title} is false"
        if plan.submitted is None:
            return
        cell = self.row[plan.submitted.index]
        if not _text(cell):
            if tool.incomplete_without_submitted:
                self.draft.incomplete = f"no {plan.submitted.title}"
            return
        tz = mapping.tz() or _zone(self.table.timezone)
        try:
            self.draft.submitted = parse_time(cell.value, tz=tz, day_first=mapping.day_first)
        except ValueError:
            msg = f"cannot read {cell.value!r} as a date and time"
            self.problems.append(cell.place.problem(self.path, msg))

    def answer(self, column: Column, col: ColumnMap, question: Question) -> None:
        cell = self.row[column.index]
        self.draft.places.setdefault((question.id, "value"), cell.place)
        if col.part == "comment":
            if _text(cell):
                self.draft.put(question.id, "comment", _text(cell), cell.place)
        elif col.option is not None:
            self._tick(cell, col, question)
        else:
            self._value(cell, col, question)

    def _value(self, cell: Cell, col: ColumnMap, question: Question) -> None:
        raw = cell.value
        if self.table.tool.split and question.type == "multi_choice" and isinstance(raw, str):
            raw = [col.value_table().get(norm(v), v) for v in raw.split()] if raw.strip() else None
        if col.other and question.type in ("single_choice", "multi_choice") and _text(cell):
            value, other, msg = split_other(question, raw)
            if other:
                self.draft.put(question.id, "comment", other, cell.place)
        else:
            value, msg = parse_value(question, raw, col.value_table())
        if msg:
            self.problems.append(cell.place.problem(self.path, msg))
            self.draft.unreadable.add(question.id)
        elif value is not None:
            self.draft.put(question.id, "value", value, cell.place)

    def _tick(self, cell: Cell, col: ColumnMap, question: Question) -> None:
        qid = question.id
        chosen, answered, place = self.ticks.get(qid, ([], False, cell.place))
        value, msg = _ticked(question, col, cell)
        if msg:
            self.problems.append(cell.place.problem(self.path, msg))
            self.draft.unreadable.add(qid)
        if value == "yes" and col.option is not None:
            chosen.append(col.option)
        self.ticks[qid] = (chosen, answered or value is not None, place)

    def finish(self, index: dict[str, Question]) -> Draft:
        for qid, (chosen, answered, place) in self.ticks.items():
            if not answered:
                continue
            if "value" in self.draft.answers.get(qid, {}):
                msg = f"'{qid}' is answered twice: in its own column and in option columns"
                self.problems.append(place.problem(self.path, msg))
                continue
            options = [o.id for o in getattr(index[qid], "options", [])]
            self.draft.put(qid, "value", [o for o in options if o in chosen], place)
        return self.draft


def _ticked(question: Question, col: ColumnMap, cell: Cell) -> tuple[str | None, str | None]:
    """Whether an option column ticks its option: Y/N, 1/0, or the option's own label."""
    text = _text(cell)
    if not text:
        return None, None
    raw = col.value_table().get(norm(text), cell.value)
    if norm(str(raw)) in ("1", "0"):
        return ("yes" if norm(str(raw)) == "1" else "no"), None
    if option_table(question).get(norm(str(raw))) == col.option:
        return "yes", None
    value, msg = read_yes_no(raw)
    if msg:
        msg += " (an option column holds Y, 1, the option's label, or nothing)"
    return value, msg


def _zone(name: str | None) -> dt.tzinfo | None:
    if not name:
        return None
    try:
        return zone_of(name)
    except ValueError:
        return None


def _text(cell: Cell) -> str:
    return "" if cell.value is None else str(cell.value).strip()


def table_drafts(
    path: Path,
    table: Table,
    mapping: ImportMapping,
    mapping_name: str,
    q: Questionnaire,
    *,
    lenient: bool = False,
    add: bool = False,
) -> tuple[list[Draft], list[Problem], Tally]:
    """One draft per row to import, every problem of the header and the cells, and the tally.

    Incomplete responses are imported only when `lenient`; either way each gets a warning.
    """
    tally = Tally(rows=len(table.rows) + len(table.blank_rows))
    problems = list(table.notes)
    for place in table.blank_rows:
        problems.append(place.problem(path, "empty row: skipped", "warning"))
        tally.skipped["empty"] += 1
    plan, found = _plan(path, table, mapping, mapping_name, q)
    if not plan.who and not add:
        msg = (
            f"no column tells who answered: add `respondent: <column title>` to {mapping_name}, "
            "or import with --add-respondents to add each row as a respondent of its own"
        )
        found.append(Problem(str(path), message=msg))
    if found:
        return [], problems + found, tally
    drafts, index = [], q.question_index()
    for number, row in enumerate(table.rows, start=1):
        reader = _Row(path, row, plan, table)
        reader.read_facts(mapping, number)
        reader.submitted(mapping)
        why = reader.draft.incomplete
        if why and not lenient:
            msg = f"incomplete response ({why}): not imported (--lenient imports it)"
            problems.append(row[0].place.problem(path, msg, "warning"))
            tally.skipped["incomplete"] += 1
            continue
        tally.incomplete += 1 if why else 0
        for column, col, question in plan.answers:
            reader.answer(column, col, question)
        drafts.append(reader.finish(index))
        problems += reader.problems
    return drafts, problems, tally
