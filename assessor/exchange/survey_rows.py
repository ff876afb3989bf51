"""A survey export's rows → one draft per respondent, column by column as the mapping says."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem
from ..models import Question, Questionnaire
from .drafts import Draft, Place
from .mapping import ColumnMap, ImportMapping
from .survey import Cell, Table, parse_time
from .values import norm, parse_value, read_yes_no

__all__ = ["table_drafts"]


@dataclass
class _Plan:
    """Which column holds what."""

    who: list[int] = field(default_factory=list)
    submitted: int | None = None
    language: int | None = None
    answers: list[tuple[int, ColumnMap, Question]] = field(default_factory=list)


def _index_of(table: Table, title: str) -> int | None:
    if not title:
        return None
    hits = [i for i, c in enumerate(table.header) if c.value and norm(str(c.value)) == title]
    return hits[0] if hits else None


def _who_columns(table: Table, mapping: ImportMapping) -> list[int]:
    """The columns naming the respondent, best first: the mapping's, or email then name."""
    tool = table.tool
    wanted = (mapping.respondent,) if mapping.respondent else tool.email + tool.name_column
    keys = [norm(w) for w in wanted]
    return sorted(
        (i for i, c in enumerate(table.header) if c.value and norm(str(c.value)) in keys),
        key=lambda i: keys.index(norm(str(table.header[i].value))),
    )


def _plan(
    path: Path, table: Table, mapping: ImportMapping, mapping_name: str, q: Questionnaire
) -> tuple[_Plan, list[Problem]]:
    plan = _Plan(who=_who_columns(table, mapping))
    plan.submitted = _index_of(table, table.tool.submitted)
    plan.language = _index_of(table, table.tool.language)
    problems = []
    if not plan.who:
        msg = (
            f"the export has no column '{mapping.respondent}' (the mapping's `respondent`)"
            if mapping.respondent
            else f"no column tells who answered: add `respondent: <column title>` to {mapping_name}"
        )
        problems.append(Problem(str(path), message=msg))
    index = q.question_index()
    for i, cell in enumerate(table.header):
        title = str(cell.value or "")
        if i in plan.who or not title:
            continue
        entry = mapping.column(title)
        if entry is None:
            if not table.is_system(title):
                msg = (
                    f"column '{title}' is not in {mapping_name}: add it with "
                    "`question: <id>`, or `ignore: true`"
                )
                problems.append(cell.place.problem(path, msg))
            continue
        col = entry[1]
        if not col.ignore and col.question is not None:
            plan.answers.append((i, col, index[col.question]))
    return plan, problems


class _Row:
    """One data row read into a draft."""

    def __init__(self, path: Path, row: list[Cell], plan: _Plan, mapping: ImportMapping) -> None:
        self.path, self.row, self.plan, self.mapping = path, row, plan, mapping
        self.problems: list[Problem] = []
        self.ticks: dict[str, tuple[list[str], bool, Place]] = {}
        named = [row[i] for i in plan.who if _text(row[i]) and norm(_text(row[i])) != "anonymous"]
        first = named[0].place if named else (row[plan.who[0]].place if plan.who else row[0].place)
        self.draft = Draft(row[0].place, [_text(c) for c in named], first)
        self.draft.language = self._language()

    def _language(self) -> str | None:
        if self.plan.language is not None:
            code = norm(_text(self.row[self.plan.language]))
            if code in ("en", "vi"):
                return code
        return self.mapping.language

    def submitted(self, tool: str) -> bool:
        """Read the submission time; False for an incomplete LimeSurvey response."""
        if self.plan.submitted is None:
            return True
        cell = self.row[self.plan.submitted]
        if not _text(cell):
            return tool != "limesurvey"
        try:
            self.draft.submitted = parse_time(
                cell.value, tz=self.mapping.tz(), day_first=self.mapping.day_first
            )
        except ValueError:
            msg = f"cannot read {cell.value!r} as a date and time"
            self.problems.append(cell.place.problem(self.path, msg))
        return True

    def answer(self, i: int, col: ColumnMap, question: Question) -> None:
        cell = self.row[i]
        self.draft.places.setdefault((question.id, "value"), cell.place)
        if col.part == "comment":
            if _text(cell):
                self.draft.put(question.id, "comment", _text(cell), cell.place)
        elif col.option is not None:
            self._tick(cell, col, question.id)
        else:
            value, msg = parse_value(question, cell.value, col.value_table())
            if msg:
                self.problems.append(cell.place.problem(self.path, msg))
                self.draft.unreadable.add(question.id)
            elif value is not None:
                self.draft.put(question.id, "value", value, cell.place)

    def _tick(self, cell: Cell, col: ColumnMap, qid: str) -> None:
        chosen, answered, place = self.ticks.get(qid, ([], False, cell.place))
        raw = col.value_table().get(norm(_text(cell)), cell.value) if _text(cell) else None
        value, msg = read_yes_no(raw)
        if msg:
            msg += " (an option column holds Y or nothing)"
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


def _text(cell: Cell) -> str:
    return "" if cell.value is None else str(cell.value).strip()


def table_drafts(
    path: Path, table: Table, mapping: ImportMapping, mapping_name: str, q: Questionnaire
) -> tuple[list[Draft], list[Problem]]:
    """One draft per complete row, and every problem of the header and the cells."""
    plan, problems = _plan(path, table, mapping, mapping_name, q)
    if problems:
        return [], problems
    drafts, index = [], q.question_index()
    for row in table.rows:
        reader = _Row(path, row, plan, mapping)
        if not reader.submitted(table.tool.id):
            msg = "incomplete response (no submitdate): not imported"
            problems.append(row[0].place.problem(path, msg, "warning"))
            continue
        for i, col, question in plan.answers:
            reader.answer(i, col, question)
        drafts.append(reader.finish(index))
        problems += reader.problems
    return drafts, problems
