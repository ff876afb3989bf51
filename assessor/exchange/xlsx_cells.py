"""What a question's cells say and accept.

The drop-down options of its answer cell, the notes under its text (help, level descriptions,
how to answer) and the number rule of a figure's answer cell.
"""

from __future__ import annotations

from typing import Any

from openpyxl.worksheet.datavalidation import DataValidation

from .labels import text

__all__ = ["choices", "level_choice", "notes", "number_rule", "skips"]


def level_choice(level: int, label: str) -> str:
    """The drop-down text of a level: '3 — Company standard.' (import reads the number)."""
    return f"{level} — {label}"


def skips(lang: str) -> list[object]:
    """'Not sure' and 'Not applicable', which every scored question accepts."""
    return [text("not-sure", lang), text("not-applicable", lang)]


def choices(question: Any, lang: str) -> list[object]:
    """The drop-down options of a question (multi-choice: of its own row)."""
    kind = question.type
    if kind == "maturity":
        return [level_choice(n, question.options[n][lang]) for n in sorted(question.options)]
    if kind == "likert":
        labels = question.labels
        scale = range(1, question.points + 1)
        return [level_choice(n, labels[n][lang]) if n in labels else n for n in scale]
    if kind == "yes_no":
        return [text("yes", lang), text("no", lang)]
    if kind == "single_choice":
        return [o.label[lang] for o in question.options]
    return []


def notes(question: Any, lang: str) -> list[str]:
    """What goes under the question text: help, level descriptions, how to answer."""
    notes = [question.help[lang]] if question.help else []
    if question.type == "maturity":
        notes.append("\n".join(level_choice(n, t[lang]) for n, t in question.options.items()))
    elif question.type == "multi_choice":
        notes += [text("multi-note", lang), text("multi-skip", lang)]
    elif question.type in ("number", "percent"):
        notes.append(_range_note(question, lang))
        notes += [text("unit", lang, unit=question.unit[lang])] if question.unit else []
    elif question.type == "text":
        notes.append(text("text-note", lang))
    return notes


def _bounds(question: Any) -> tuple[float | None, float | None]:
    percent = question.type == "percent"
    low = question.min if question.min is not None else (0 if percent else None)
    high = question.max if question.max is not None else (100 if percent else None)
    return low, high


def _range_note(question: Any, lang: str) -> str:
    low, high = _bounds(question)
    if low is not None and high is not None:
        return text("number-range", lang, low=f"{low:g}", high=f"{high:g}")
    if low is not None:
        return text("number-min", lang, low=f"{low:g}")
    if high is not None:
        return text("number-max", lang, high=f"{high:g}")
    return text("number-any", lang)


def number_rule(question: Any, lang: str) -> DataValidation:
    low, high = _bounds(question)
    low, high = (-1e15 if low is None else low), (1e15 if high is None else high)
    return DataValidation(
        type="decimal",
        operator="between",
        formula1=f"{low:g}",
        formula2=f"{high:g}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=text("bad-title", lang),
        error=text("bad-number", lang),
    )
