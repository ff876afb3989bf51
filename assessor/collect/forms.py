"""The questionnaire as web pages: which questions a respondent sees, and reading form fields.

Pure functions, no web framework: a page is a section with the questions the respondent's role
and earlier answers make visible; a form field is turned into the same answer value a response
file would hold, and checked with the same rules.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..answers import SKIPS, answer_problem, visible
from ..models import Questionnaire, Section
from ..models.common import COMMENT_MAX
from ..numbers import parse_number
from .figures import grouped
from .labels import Labels
from .store import Entry, StoredAnswer

__all__ = [
    "COMMENT_MAX",
    "Page",
    "Parsed",
    "draft_of",
    "pages_for",
    "parse_answer",
    "progress",
    "read_entry",
    "visible_ids",
]

_EMPTY = object()


@dataclass(frozen=True)
class Page:
    """One section as a respondent of one role sees it (before conditions are applied)."""

    number: int
    section: Section
    questions: list[Any]


@dataclass(frozen=True)
class Parsed:
    """A form field read as an answer: a value to save, nothing (cleared), or an error.

    `kind` says what went wrong: 'number' (not a figure), 'range' (a figure out of bounds),
    'length' (a text longer than the question allows; `value` holds it) or 'choice' (not one of
    the options), so the page can say it in the respondent's language.
    """

    value: Any = None
    cleared: bool = False
    error: str | None = None
    kind: str | None = None


def pages_for(questionnaire: Questionnaire, role: str) -> list[Page]:
    """The sections that hold at least one question for `role`, numbered from 1."""
    pages: list[Page] = []
    for section in questionnaire.sections:
        questions = [q for q in section.asked() if not q.audience or role in q.audience]
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
        return Parsed(error=_not_a_number(question), kind="number")
    problem = answer_problem(question, value)
    if problem is None:
        return Parsed(value=value)
    if question.type == "text" and len(value) > question.max_length:
        return Parsed(value=value, error=problem, kind="length")
    return Parsed(
        error=problem, kind="range" if question.type in ("number", "percent") else "choice"
    )


def read_entry(question: Any, form: Any, L: Labels) -> tuple[Entry | None, str | None]:
    """One question's fields of a posted form (anything with `getlist` and `get`, such as
    Starlette's FormData) as an answer to save (None: nothing to save) or a message.

    A comment or an importance rating without an answer is refused rather than dropped, and so
    is a comment longer than a response file holds (COMMENT_MAX): never cut short.
    """
    qid = question.id
    raw = [str(v) for v in form.getlist(f"q-{qid}")]
    parsed = parse_answer(question, raw, str(form.get(f"s-{qid}") or "") or None)
    if parsed.error:
        return None, _message(question, parsed, L)
    comment = comment_of(str(form.get(f"c-{qid}") or ""))
    if comment is not None and len(comment) > COMMENT_MAX:
        return None, _too_long("comment_too_long", len(comment), COMMENT_MAX, L)
    importance = str(form.get(f"i-{qid}") or "")
    rating = int(importance) if importance in ("1", "2", "3", "4", "5") else None
    if parsed.cleared:
        return None, (L.needs_answer if comment or rating else None)
    return Entry(qid, parsed.value, comment, rating), None


def draft_of(question: Any, form: Any) -> StoredAnswer:
    """What the respondent sent for a question that could not be saved, to show it back."""
    qid = question.id
    raw = [str(v) for v in form.getlist(f"q-{qid}")] + [str(form.get(f"s-{qid}") or "")]
    raw = [r for r in raw if r]
    value: Any = raw if question.type == "multi_choice" else (raw[-1] if raw else None)
    importance = str(form.get(f"i-{qid}") or "")
    rating = int(importance) if importance in ("1", "2", "3", "4", "5") else None
    return StoredAnswer(value, comment_of(str(form.get(f"c-{qid}") or "")), rating, "", 0)


def _too_long(key: str, length: int, limit: int, L: Labels) -> str:
    return L.fmt(key, n=grouped(length, L.lang, 0), max=grouped(limit, L.lang, 0))


def _message(question: Any, parsed: Parsed, L: Labels) -> str:
    if parsed.kind == "number":
        return L.not_a_number
    if parsed.kind == "length":
        return _too_long("answer_too_long", len(parsed.value), question.max_length, L)
    if parsed.kind != "range":
        return L.invalid_answer
    low = question.min if question.min is not None else (0 if question.type == "percent" else None)
    high = (
        question.max if question.max is not None else (100 if question.type == "percent" else None)
    )
    if low is not None and high is not None:
        return L.fmt("number_between", low=f"{low:g}", high=f"{high:g}")
    return (
        L.fmt("number_at_least", low=f"{low:g}")
        if low is not None
        else L.fmt("number_at_most", high=f"{high:g}")
    )


def _typed(question: Any, raw: list[str]) -> Any:
    kind = question.type
    if kind == "multi_choice":
        return raw
    text = raw[-1]
    if kind in ("maturity", "likert"):
        # a level is one digit; a long run of digits stays text, so it is refused as an answer
        # (Python reads no whole number of more than 4,300 digits)
        return int(text) if text.isascii() and text.isdecimal() and len(text) <= 15 else text
    if kind in ("number", "percent"):
        value = parse_number(text)
        return _EMPTY if value is None else value
    return text


def _not_a_number(question: Any) -> str:
    return "answer must be a number" + (" (0–100)" if question.type == "percent" else "")


def comment_of(raw: str | None) -> str | None:
    """A comment as sent: NFC, trimmed, or None; whole, even when too long to save (the page
    shows it back so the respondent can shorten it)."""
    if raw is None:
        return None
    return unicodedata.normalize("NFC", raw).strip() or None
