"""Reading one answer as a person or a survey tool wrote it.

Options match by id or by label in either language (NFC, case-insensitive, trimmed); maturity
and likert answers also match a leading level number ("3", "3 — Company standard"); the words
for "not sure" and "not applicable" in either language become `not_sure` / `not_applicable`.
Range checks are left to `answers.answer_problem`, so every importer words them the same way.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from ..models import NOT_APPLICABLE, NOT_SURE, Question
from ..numbers import parse_number
from .labels import NOT_APPLICABLE_WORDS, NOT_SURE_WORDS

__all__ = [
    "Parsed",
    "norm",
    "option_table",
    "parse_options",
    "parse_value",
    "read_number",
    "read_yes_no",
    "split_other",
]

Parsed = tuple[Any, str | None]
"""(value, None) for an answer, (None, None) for no answer, (None, message) for a bad one."""

_LEVEL = re.compile(r"^(\d+)\s*(?:[—–\-.:)]|$)")
_YES = ("yes", "có", "y", "true")
_NO = ("no", "không", "n", "false")


def norm(text: str) -> str:
    """NFC, case-folded, with runs of whitespace (no-break spaces too) made one space, the ends
    trimmed, and byte-order marks and zero-width spaces dropped."""
    text = text.replace("\ufeff", "").replace("\u200b", "")
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _whole(number: float) -> int | float:
    return int(number) if float(number).is_integer() else number


def _is_number(raw: Any) -> bool:
    return isinstance(raw, int | float) and not isinstance(raw, bool)


def _skip(text: str) -> str | None:
    key = norm(text)
    if key in NOT_SURE_WORDS:
        return NOT_SURE
    if key in NOT_APPLICABLE_WORDS:
        return NOT_APPLICABLE
    return None


def option_table(question: Any) -> dict[str, str]:
    """Normalised id and labels (every language) → option id, for choice questions."""
    table: dict[str, str] = {}
    for option in question.options:
        for key in (option.id, *option.label.root.values()):
            table.setdefault(norm(key), option.id)
    return table


def _option_list(question: Any) -> str:
    return ", ".join(o.id for o in question.options)


def _level(question: Any, raw: Any) -> Parsed:
    if _is_number(raw):
        return _whole(raw), None
    if isinstance(raw, str):
        match = _LEVEL.match(raw.strip())
        if match:
            return int(match.group(1)), None
        labels = question.options if question.type == "maturity" else question.labels
        for level, label in labels.items():
            if norm(raw) in [norm(text) for text in label.root.values()]:
                return level, None
    top = 4 if question.type == "maturity" else question.points
    return None, f"cannot read {raw!r} as a level from 1 to {top} (or 'Not sure')"


def read_yes_no(raw: Any) -> Parsed:
    """'yes' or 'no' from Yes/No, Có/Không, Y/N or a boolean cell."""
    if raw is None or not str(raw).strip():
        return None, None
    if isinstance(raw, bool):
        return ("yes" if raw else "no"), None
    key = norm(str(raw))
    if key in _YES:
        return "yes", None
    if key in _NO:
        return "no", None
    return None, f"cannot read {raw!r} as Yes or No"


def _single(question: Any, raw: Any) -> Parsed:
    if isinstance(raw, list):
        return None, "answer must be one option, not a list"
    found = option_table(question).get(norm(str(raw)))
    if found is None:
        return None, f"unknown option {raw!r} (options: {_option_list(question)})"
    return found, None


def parse_options(question: Any, raw: Any) -> Parsed:
    """Several options in one cell: a list, or labels joined with ', ' or ';'.

    Labels may contain commas, so the cell is read label by label, longest label first,
    rather than split on the separator.
    """
    if isinstance(raw, list):
        picked = [_single(question, item) for item in raw]
        bad = next((msg for _, msg in picked if msg), None)
        return (None, bad) if bad else (_in_order(question, [v for v, _ in picked]), None)
    chosen, unknown = _scan(question, str(raw))
    if unknown:
        item = norm(unknown[0])
        return None, f"unknown option {item!r} in {raw!r} (options: {_option_list(question)})"
    return _in_order(question, chosen), None


def _scan(question: Any, raw: str) -> tuple[list[str], list[str]]:
    """The options a cell names, label by label (longest first), and the text that is none."""
    table = option_table(question)
    keys = sorted(table, key=len, reverse=True)
    rest, chosen, unknown = " ".join(unicodedata.normalize("NFC", raw).split()), [], []
    while rest := rest.strip(" ,;"):
        folded = rest.casefold()
        key = next((k for k in keys if folded.startswith(k) and _ends_item(folded[len(k) :])), None)
        if key is None:
            item = re.split(r"[,;]", rest, maxsplit=1)[0].strip()
            unknown.append(item)
            rest = rest[len(item) :]
            continue
        chosen.append(table[key])
        rest = rest[len(key) :]
    return chosen, unknown


def split_other(question: Any, raw: Any) -> tuple[Any, str, str | None]:
    """A choice answer whose text that is no option is an 'Other' answer: (value, other, msg).

    For a multi-choice cell the options found are the value and the rest the other text; for
    a single choice, text that is no option is the other text and the question is unanswered
    (unless it has an option with the id `other`).
    """
    if question.type == "single_choice":
        value, msg = parse_value(question, raw)
        if msg is None:
            return value, "", None
        has_other = any(o.id == "other" for o in question.options)
        return ("other" if has_other else None), str(raw).strip(), None
    if isinstance(raw, list):
        value, msg = parse_options(question, raw)
        return value, "", msg
    if _skip(str(raw)):
        return _skip(str(raw)), "", None
    chosen, unknown = _scan(question, str(raw))
    return _in_order(question, chosen), ", ".join(unknown), None


def _ends_item(after: str) -> bool:
    return not after.strip() or after.lstrip()[0] in ",;"


def _in_order(question: Any, chosen: list[str]) -> list[str]:
    return [o.id for o in question.options if o.id in chosen]


def read_number(raw: Any) -> Parsed:
    """A figure from a number cell, or from text the way the web form reads it.

    '48000', '48 000', '48.000' and '48,000' are forty-eight thousand; '12,5' and '12.5' are
    12.5; '25%' is 25 (see `assessor.numbers.parse_number`). NaN and infinity are refused,
    typed or written.
    """
    if raw is None or not str(raw).strip():
        return None, None
    if _is_number(raw):
        if not math.isfinite(raw):
            return None, f"cannot read {raw} as a number (the cell holds no finite figure)"
        return _whole(raw), None
    value = parse_number(str(raw))
    if value is None:
        return None, f"cannot read {raw!r} as a number"
    return value, None


def _text(question: Any, raw: Any) -> Parsed:
    if _is_number(raw):
        return str(_whole(raw)), None
    if isinstance(raw, dt.datetime | dt.date):
        return raw.isoformat(), None
    return unicodedata.normalize("NFC", str(raw)).strip(), None


_PARSERS: dict[str, Callable[[Any, Any], Parsed]] = {
    "maturity": _level,
    "likert": _level,
    "yes_no": lambda question, raw: read_yes_no(raw),
    "single_choice": _single,
    "multi_choice": parse_options,
    "number": lambda question, raw: read_number(raw),
    "percent": lambda question, raw: read_number(raw),
    "text": _text,
}


def parse_value(question: Question, raw: Any, values: Mapping[str, Any] | None = None) -> Parsed:
    """The answer `raw` stands for; `values` maps exported codes or texts to answers first."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    if isinstance(raw, str):
        raw = unicodedata.normalize("NFC", raw).strip()
    if values:
        key = norm(str(_whole(raw) if _is_number(raw) else raw))
        raw = values.get(key, raw)
    if question.type != "text" and isinstance(raw, str) and (skip := _skip(raw)):
        return skip, None
    return _PARSERS[question.type](question, raw)
