"""A questionnaire as an XLSForm, for KoboToolbox or ODK to collect on phones without a connection.

Sheets `survey`, `choices` and `settings` as the XLSForm specification describes them, with
labels and hints in every language the questionnaire has (`label::English (en)`,
`label::Tiếng Việt (vi)`). Question names are the questionnaire's own question ids and
choice names its option ids or levels, so the tools' exports import back with no mapping:

    respondent, role              who answered (text) and their role (select_one)
    <section>/<question-id>       one group per section
    maturity, likert              select_one: 1…4 or 1…5, then not_sure, not_applicable
    yes_no, single_choice         select_one: yes/no or the option ids, then the two skips
    multi_choice                  select_multiple: option ids (space-separated in exports)
    number, percent               decimal with the question's limits (percent: 0–100)
    text                          text
    grid                          a group (appearance field-list) of likert select_ones, one
                                  per statement, sharing one choice list named after the grid:
                                  <section>/<grid-id>/<statement-id>

`relevant:` conditions become XPath (`==` → `=`); a question for some roles only is relevant
when `${role}` is one of them.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from ..models import GridQuestion, Question, Questionnaire
from ..models.questionnaire import ROLES
from .labels import text
from .xlsx_cells import level_choice

__all__ = ["build_xlsform"]

_LANGS = {"en": "English (en)", "vi": "Tiếng Việt (vi)"}  # other languages: their code
_SKIPS = (("not_sure", "not-sure"), ("not_applicable", "not-applicable"))


def _labels(prefix: str, texts: dict[str, str]) -> dict[str, str]:
    return {f"{prefix}::{_LANGS.get(lang, lang)}": value for lang, value in texts.items()}


def _both(question_text: Any) -> dict[str, str]:
    """A text in each of its languages (the questionnaire's)."""
    return {lang: str(question_text[lang]) for lang in question_text.languages}


def _skips(langs: tuple[str, ...]) -> list[tuple[str, dict[str, str]]]:
    return [(name, {lang: text(key, lang) for lang in langs}) for name, key in _SKIPS]


def _choices(question: Question) -> list[tuple[str, dict[str, str]]]:
    """The choice list of a select question: (name, label per language)."""
    kind, langs = question.type, question.text.languages
    if kind == "maturity":
        levels = question.options  # type: ignore[union-attr]
        items = [
            (str(n), {lang: level_choice(n, levels[n][lang]) for lang in langs})
            for n in sorted(levels)
        ]
    elif kind == "likert":
        labels = question.labels  # type: ignore[union-attr]
        items = [
            (str(n), {lang: level_choice(n, labels[n][lang]) if n in labels else str(n)
                      for lang in langs})
            for n in range(1, question.points + 1)  # type: ignore[union-attr]
        ]  # fmt: skip
    elif kind == "yes_no":
        items = [(w, {lang: text(w, lang) for lang in langs}) for w in ("yes", "no")]
    else:
        items = [(o.id, _both(o.label)) for o in question.options]  # type: ignore[union-attr]
    return items + _skips(langs)


def _xpath(expression: str) -> str:
    """A `relevant:` condition in XPath: `==` → `=`, `x in [a, b]` → `(x = a or x = b)`."""

    def _in(match: re.Match[str]) -> str:
        items = [i.strip() for i in match.group(2).split(",") if i.strip()]
        return "(" + " or ".join(f"{match.group(1)} = {i}" for i in items) + ")"

    out = re.sub(r"(\$\{[^}]+\})\s+in\s+\[([^\]]*)\]", _in, expression)
    out = re.sub(r"==", "=", out)
    return re.sub(r"\b(true|false)\b(?!\()", r"\1()", out)


def _relevant(question: Question) -> str:
    parts = []
    if question.relevant:
        parts.append(f"({_xpath(question.relevant)})")
    if question.audience:
        roles = " or ".join(f"${{role}} = '{r}'" for r in question.audience)
        parts.append(f"({roles})")
    return " and ".join(parts)


def _limits(question: Question) -> tuple[str, dict[str, str]]:
    """The constraint of a figure and its message in each language ('' when unlimited)."""
    low = getattr(question, "min", None)
    high = getattr(question, "max", None)
    if question.type == "percent":
        low, high = 0 if low is None else low, 100 if high is None else high
    rules = [f". >= {low:g}"] if low is not None else []
    rules += [f". <= {high:g}"] if high is not None else []
    key = (
        "number-range"
        if low is not None and high is not None
        else ("number-min" if low is not None else "number-max")
    )
    values = {
        "low": f"{low:g}" if low is not None else "",
        "high": f"{high:g}" if high is not None else "",
    }
    langs = question.text.languages
    return " and ".join(rules), {lang: text(key, lang, **values) for lang in langs}


def _row(question: Question) -> dict[str, str]:
    kind = question.type
    row: dict[str, str] = {"name": question.id, **_labels("label", _both(question.text))}
    if question.help is not None:
        row |= _labels("hint", _both(question.help))
    if kind in ("number", "percent"):
        row["type"] = "decimal"
        rule, message = _limits(question)
        if rule:
            row["constraint"] = rule
            row |= _labels("constraint_message", message)
    elif kind == "text":
        row["type"] = "text"
        row["appearance"] = "multiline"
    elif kind == "multi_choice":
        row["type"] = f"select_multiple {question.id}"
        row["constraint"] = (
            "not((selected(., 'not_sure') or selected(., 'not_applicable')) "
            "and count-selected(.) > 1)"
        )
    else:
        row["type"] = f"select_one {question.id}"
    row["required"] = "yes" if question.required else ""
    row["relevant"] = _relevant(question)
    return row


def _sheets(
    q: Questionnaire, label_dirs: tuple[Path, ...]
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    from ..report.labels import load_labels

    langs = q.title.languages
    words = {lang: load_labels(lang, label_dirs) for lang in langs}
    survey = [
        {"type": "start", "name": "start"},
        {"type": "end", "name": "end"},
        {"type": "text", "name": "respondent", "required": "yes",
         **_labels("label", {lang: words[lang]["form_your_name"] for lang in langs})},
        {"type": "select_one roles", "name": "role", "required": "yes",
         **_labels("label", {lang: words[lang]["form_your_role"] for lang in langs})},
    ]  # fmt: skip
    choices = [
        {"list_name": "roles", "name": r, **_labels("label", {lang: words[lang][f"role_{r}"]
                                                              for lang in langs})}
        for r in ROLES
    ]  # fmt: skip
    for section in q.sections:
        survey.append({"type": "begin_group", "name": section.id,
                       **_labels("label", _both(section.title))})  # fmt: skip
        for entry in section.questions:
            if isinstance(entry, GridQuestion):
                rows, lists = _grid(entry)
                survey += rows
                choices += lists
                continue
            survey.append(_row(entry))
            if entry.type not in ("number", "percent", "text"):
                choices += _choice_rows(entry.id, entry)
        survey.append({"type": "end_group", "name": section.id})
    return survey, choices


def _choice_rows(list_name: str, question: Question) -> list[dict[str, str]]:
    return [
        {"list_name": list_name, "name": name, **_labels("label", label)}
        for name, label in _choices(question)
    ]


def _grid(grid: GridQuestion) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """A grid as a group on one screen (`field-list`), each statement a `likert` select_one
    of the grid's one choice list; the group carries the grid's condition and audience."""
    items = grid.questions()
    head = {"type": "begin_group", "name": grid.id, "appearance": "field-list",
            **_labels("label", _both(grid.text)), "relevant": _relevant(items[0])}  # fmt: skip
    if grid.help is not None:
        head |= _labels("hint", _both(grid.help))
    rows = [head]
    for item in items:
        row = _row(item) | {"type": f"select_one {grid.id}", "appearance": "likert"}
        rows.append(row | {"relevant": ""})
    rows.append({"type": "end_group", "name": grid.id})
    return rows, _choice_rows(grid.id, items[0])


def _write(ws: Any, rows: list[dict[str, str]]) -> None:
    columns = list(dict.fromkeys(k for row in rows for k in row))
    ws.append(columns)
    for row in rows:
        ws.append([row.get(c, "") for c in columns])


def build_xlsform(
    q: Questionnaire, *, lang: str = "vi", label_dirs: tuple[Path, ...] = ()
) -> bytes:
    """The questionnaire as an XLSForm workbook in each of its languages; `lang` is the form's
    default one. `label_dirs`: report folders with the labels of languages beyond en and vi."""
    from openpyxl import Workbook

    survey, choices = _sheets(q, label_dirs)
    wb = Workbook()
    _write(wb.active, survey)
    wb.active.title = "survey"
    _write(wb.create_sheet("choices"), choices)
    settings = {
        "form_title": str(q.title[lang]),
        "form_id": q.id,
        "version": str(q.version),
        "default_language": _LANGS.get(lang, lang),
        "instance_name": "concat(${respondent}, ' – ', ${role})",
    }
    _write(wb.create_sheet("settings"), [settings])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
