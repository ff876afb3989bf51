"""A questionnaire as a fillable Excel workbook, for managers who would rather not use a browser.

    Instructions   who answers, how to answer, "not sure" and "not applicable"
    1. <section>   one sheet per section: hidden id | no. | question | answer | importance | comment
                   (a grid: a row with its text, then one row per statement, each its own question)
    _lists         (hidden) one column per choice list, one defined name per list
    _meta          (hidden) questionnaire id and version, language, respondent, role

Answer cells have drop-down lists or number validation and are the only unlocked cells; the
sheets and the workbook structure are protected (a guard rail, not security). Import keys on
the hidden question ids, never on row positions. A multi-choice question gets one Yes/No row
per option, below the question's own row (which takes only "Not sure" or "Not applicable").
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from ..checks import unknown
from ..errors import AssessorError
from ..models import ROLES, GridQuestion, Question, Questionnaire, Section
from .labels import text
from .xlsx_cells import choices, notes, number_rule, skips

__all__ = ["COLUMNS", "FIRST_ROW", "LISTS_SHEET", "META_SHEET", "build_workbook"]

META_SHEET, LISTS_SHEET = "_meta", "_lists"
FIRST_ROW = 4
COLUMNS = {"id": "A", "no": "B", "question": "C", "value": "D", "importance": "E", "comment": "F"}
_WIDTHS = {"A": 12, "B": 6, "C": 80, "D": 42, "E": 14, "F": 42}
_ANSWER_FILL = PatternFill("solid", fgColor="FFF2CC")
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_WRAP = Alignment(wrap_text=True, vertical="top")
_OPEN = Protection(locked=False)
_BAD_NAME = re.compile(r"[\[\]:*?/\\]")


class _Lists:
    """The hidden `_lists` sheet: one column and one defined name per distinct choice list."""

    def __init__(self, wb: Any, lang: str) -> None:
        self.wb, self.lang = wb, lang
        self.sheet = wb.create_sheet(LISTS_SHEET)
        self.sheet.sheet_state = "hidden"
        self.names: dict[tuple[object, ...], str] = {}
        self.rules: dict[tuple[str, str], Any] = {}

    def rule(self, ws: Any, options: Sequence[object]) -> Any:
        """The list validation of `options` on sheet `ws` (one per list and sheet)."""
        key = tuple(options)
        if key not in self.names:
            self.names[key] = self._add(options)
        name = self.names[key]
        if (ws.title, name) not in self.rules:
            dv = DataValidation(
                type="list",
                formula1=f"={name}",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=text("bad-title", self.lang),
                error=text("bad-list", self.lang),
            )
            ws.add_data_validation(dv)
            self.rules[(ws.title, name)] = dv
        return self.rules[(ws.title, name)]

    def _add(self, options: Sequence[object]) -> str:
        column = len(self.names) + 1
        for row, option in enumerate(options, start=1):
            self.sheet.cell(row=row, column=column, value=option)
        letter = self.sheet.cell(row=1, column=column).column_letter
        name = f"list_{column}"
        ref = f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(options)}"
        self.wb.defined_names[name] = DefinedName(name, attr_text=ref)
        return name


def _answer_cell(ws: Any, ref: str) -> None:
    cell = ws[ref]
    cell.protection, cell.fill, cell.alignment = _OPEN, _ANSWER_FILL, _WRAP


class _SectionSheet:
    """One section's sheet, written row by row."""

    def __init__(self, ws: Any, section: Section, lang: str, lists: _Lists, number: int) -> None:
        self.ws, self.lang, self.lists, self.number = ws, lang, lists, number
        self.row = FIRST_ROW
        self.importance = DataValidation(
            type="whole", operator="between", formula1="1", formula2="5", allow_blank=True,
            showErrorMessage=True, errorTitle=text("bad-title", lang),
            error=text("bad-importance", lang),
        )  # fmt: skip
        ws.add_data_validation(self.importance)
        self._head(section)

    def _head(self, section: Section) -> None:
        ws, lang = self.ws, self.lang
        ws["B1"] = section.title[lang]
        ws["B1"].font = Font(bold=True, size=14)
        ws["B2"] = section.intro[lang] if section.intro else None
        ws.merge_cells("B2:F2")
        ws["B2"].alignment = _WRAP
        for key in ("no", "question", "value", "importance", "comment"):
            cell = ws[f"{COLUMNS[key]}3"]
            cell.value = text(f"col-{'answer' if key == 'value' else key}", lang)
            cell.font, cell.fill = Font(bold=True), _HEADER_FILL
        ws["A3"] = "id"
        for letter, width in _WIDTHS.items():
            ws.column_dimensions[letter].width = width
        ws.column_dimensions["A"].hidden = True
        ws.freeze_panes = f"A{FIRST_ROW}"

    def question(self, question: Question, index: int) -> None:
        ws, lang, r = self.ws, self.lang, self.row
        ws[f"A{r}"] = question.id
        ws[f"B{r}"] = f"{self.number}.{index}"
        ws[f"C{r}"] = "\n\n".join([question.text[lang], *notes(question, lang)])
        ws[f"C{r}"].alignment = ws[f"B{r}"].alignment = _WRAP
        for key in ("value", "comment"):
            _answer_cell(ws, f"{COLUMNS[key]}{r}")
        if getattr(question, "importance", False):
            _answer_cell(ws, f"E{r}")
            self.importance.add(f"E{r}")
        self._rule(question, f"D{r}")
        self.row += 1
        if question.type == "multi_choice":
            self._option_rows(question)

    def grid(self, grid: GridQuestion) -> None:
        """A grid's own row: its text (and help) over its statements, with no answer cell."""
        ws, r = self.ws, self.row
        ws[f"C{r}"] = "\n\n".join(
            [grid.text[self.lang], *([grid.help[self.lang]] if grid.help else [])]
        )
        ws[f"C{r}"].font, ws[f"C{r}"].alignment = Font(bold=True), _WRAP
        self.row += 1

    def _rule(self, question: Question, ref: str) -> None:
        if question.type in ("number", "percent"):
            rule = number_rule(question, self.lang)
            self.ws.add_data_validation(rule)
            rule.add(ref)
        elif question.type == "multi_choice":
            self.lists.rule(self.ws, skips(self.lang)).add(ref)
        elif question.type != "text":
            options = choices(question, self.lang) + skips(self.lang)
            self.lists.rule(self.ws, options).add(ref)

    def _option_rows(self, question: Any) -> None:
        yes_no = [text("yes", self.lang), text("no", self.lang)]
        for option in question.options:
            r = self.row
            self.ws[f"A{r}"] = f"{question.id}[{option.id}]"
            self.ws[f"C{r}"] = f"    • {option.label[self.lang]}"
            self.ws[f"C{r}"].alignment = _WRAP
            _answer_cell(self.ws, f"D{r}")
            self.lists.rule(self.ws, yes_no).add(f"D{r}")
            self.row += 1


def _sheet_names(sections: list[Section], lang: str, taken: set[str]) -> list[str]:
    """Unique sheet names of at most 31 characters, without the characters Excel refuses."""
    names = []
    for i, section in enumerate(sections, start=1):
        base = _short(_BAD_NAME.sub(" ", f"{i}. {section.title[lang]}").strip("' "))
        name, n = base, 2
        while name.casefold() in taken:
            name = f"{base[: 31 - len(str(n)) - 3]} ({n})"
            n += 1
        taken.add(name.casefold())
        names.append(name)
    return names


def _short(name: str, limit: int = 31) -> str:
    """At most `limit` characters, cut at a word with '…' when it is longer."""
    if len(name) <= limit:
        return name
    cut = name[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;-–—")
    return f"{cut}…"


def _for_role(question: Question | GridQuestion, role: str | None) -> bool:
    return role is None or not question.audience or role in question.audience


def _instructions(
    ws: Any, q: Questionnaire, lang: str, role: str | None, respondent: str | None
) -> str:
    """Write the Instructions sheet; returns the respondent cell, e.g. 'Instructions'!B5."""
    ws.title = text("instructions", lang)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 30, 100
    rows: list[list[object]] = [
        [q.title[lang]],
        [None, q.description[lang]],
        [None, text("minutes", lang, n=q.estimated_minutes)],
        [],
        [text("respondent" if respondent else "your-name", lang), respondent],
        [text("role", lang), role] if role else [],
        [text("how-title", lang)],
    ]
    rows += [[None, f"{n}. {text(f'how-{n}', lang)}"] for n in range(1, 8)]
    for row in rows:
        ws.append(row)
    ws["A1"].font, ws["A7"].font = Font(bold=True, size=16), Font(bold=True)
    for row in ws.iter_rows(min_row=2):
        row[-1].alignment = _WRAP
    if not respondent:
        _answer_cell(ws, "B5")
    return f"{quote_sheetname(ws.title)}!B5"


def _meta(wb: Any, q: Questionnaire, values: dict[str, str | None]) -> None:
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "hidden"
    rows = {"format": "crm-assess-workbook", "questionnaire": q.id, "version": q.version, **values}
    for key, value in rows.items():
        ws.append([key, value])


def build_workbook(
    q: Questionnaire, *, lang: str, role: str | None = None, respondent: str | None = None
) -> bytes:
    """The fillable workbook of questionnaire `q`, as .xlsx bytes."""
    if role is not None and role not in ROLES:
        raise AssessorError(unknown("role", role, ROLES) + f" (roles: {', '.join(ROLES)})")
    wb = Workbook()
    who = _instructions(wb.active, q, lang, role, respondent)
    lists = _Lists(wb, lang)
    sections = [s for s in q.sections if any(_for_role(x, role) for x in s.questions)]
    taken = {wb.active.title.casefold(), META_SHEET, LISTS_SHEET}
    for n, name in enumerate(_sheet_names(sections, lang, taken), start=1):
        section = sections[n - 1]
        sheet = _SectionSheet(wb.create_sheet(name), section, lang, lists, n)
        number = 0
        for entry in [x for x in section.questions if _for_role(x, role)]:
            if isinstance(entry, GridQuestion):
                sheet.grid(entry)
            for question in entry.questions() if isinstance(entry, GridQuestion) else (entry,):
                number += 1
                sheet.question(question, number)
    _meta(wb, q, {"language": lang, "respondent": respondent, "role": role, "respondent_cell": who})
    wb.move_sheet(LISTS_SHEET, offset=len(wb.sheetnames) - 1 - wb.sheetnames.index(LISTS_SHEET))
    for ws in wb.worksheets:
        ws.protection.sheet = True
        ws.protection.formatColumns = ws.protection.formatRows = False
    wb.security = WorkbookProtection(lockStructure=True)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
