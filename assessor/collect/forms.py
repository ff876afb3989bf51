"""The questionnaire as web pages: which questions a respondent sees, and reading form fields.

Pure functions, no web framework: a page is a section with the questions the respondent's role
and earlier answers make visible; a form field is turned into the same answer value a response
file would hold, and checked with the same rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..answers import SKIPS, answer_problem, visible
from ..models import Questionnaire, Section

__all__ = [
    "COMMENT_MAX",
    "Page",
    "Parsed",
    "pages_for",
    "parse_answer",
    "progress",
    "visible_ids",
]

COMMENT_MAX = 2000
_EMPTY = object()


@dataclass(frozen=True)
class Page:
    """One section as a respondent of one role sees it (before conditions are applied)."""

    number: int
    section: Section
    questions: list[Any]


@dataclass(frozen=True)
class Parsed:
    """A form field read as an answer: a value to save, nothing (cleared), or an error."""

    value: Any = None
    cleared: bool = False
    error: str | None = None


def pages_for(questionnaire: Questionnaire, role: str) -> list[Page]:
    """The sections that hold at least one question for `role`, numbered from 1."""
    pages: list[Page] = []
    for section in questionnaire.sections:
        questions = [q for q in section.questions if not q.audience or role in q.audience]
        if questions:
            pages.append(Page(len(pages) + 1, section, questions))
    return pages


def visible_ids(pages: Sequence[Page], role: str, values: Mapping[str, Any]) -> set[str]:
    """Ids of the questions shown now, given the answers so far."""
    return {q.id for p in pages for q in p.questions if visible(q, role, dict(values))}


def progress(pages: Sequence[Page], role: str, values: Mapping[str, Any]) -> tuple[int, int]:
    """(answered, shown) over the whole questionnaire."""
    shown = visible_ids(pages, role, values)
    return len(shown & set(values)), len(shown)


def parse_answer(question: Any, raw: Sequence[str], skip: str | None = None) -> Parsed:
    """Read the submitted strings of one question (and its skip box) as an answer value."""
    raw = [unicodedata.normalize("NFC", r).strip() for r in raw]
    skip = skip if skip in SKIPS else next((r for r in raw if r in SKIPS), None)
    if skip is not None and question.type != "text":
        return Parsed(value=skip)
    raw = [r for r in raw if r]
    if not raw:
        return Parsed(cleared=True)
    value = _typed(question, raw)
    if value is _EMPTY:
        return Parsed(error=_not_a_number(question))
    problem = answer_problem(question, value)
    return Parsed(error=problem) if problem else Parsed(value=value)


def _typed(question: Any, raw: list[str]) -> Any:
    kind = question.type
    if kind == "multi_choice":
        return raw
    text = raw[-1]
    if kind in ("maturity", "likert"):
        return int(text) if text.isdigit() else text
    if kind in ("number", "percent"):
        return _number(text)
    return text


def _number(text: str) -> Any:
    """'48000', '48 000', '12,5', '1.234,5' or '1,234.5' → a number."""
    text = re.sub(r"[\s\u00a0%]", "", text)
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        text = text.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif "," in text:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return _EMPTY
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _not_a_number(question: Any) -> str:
    return "answer must be a number" + (" (0–100)" if question.type == "percent" else "")


def comment_of(raw: str | None) -> str | None:
    """A comment as stored: NFC, trimmed, at most COMMENT_MAX characters, or None."""
    if raw is None:
        return None
    text = unicodedata.normalize("NFC", raw).strip()
    return text[:COMMENT_MAX] or None
