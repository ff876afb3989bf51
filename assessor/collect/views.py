"""What each web page shows, as plain data: the templates only lay it out.

Everything here is in the respondent's language already; no web framework is imported.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..answers import SKIPS, visible
from ..models import Questionnaire
from .forms import Page, pages_for, progress
from .labels import Labels, labels
from .store import Person, StoredAnswer

__all__ = ["Choice", "Field", "overall", "question_fields", "respondent_pages"]


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    checked: bool
    level: int | None = None


@dataclass(frozen=True)
class Field:
    """One question as the form shows it."""

    id: str
    number: int
    type: str
    text: str
    help: str | None
    required: bool
    hidden: bool
    choices: list[Choice]
    skips: list[Choice]
    value: str = ""
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    comment: str = ""
    importance: list[Choice] = field(default_factory=list)
    error: str | None = None
    saved: bool = False


def respondent_pages(questionnaire: Questionnaire, person: Person) -> list[Page]:
    return pages_for(questionnaire, person.role)


def question_fields(
    page: Page,
    person: Person,
    stored: Mapping[str, StoredAnswer],
    lang: str,
    errors: Mapping[str, str] | None = None,
    first_number: int = 1,
) -> list[Field]:
    """The fields of one page, with saved answers filled in and hidden questions marked."""
    values = {k: a.value for k, a in stored.items()}
    errors = errors or {}
    return [
        _field(q, first_number + i, stored.get(q.id), lang, errors.get(q.id),
               hidden=not visible(q, person.role, values))
        for i, q in enumerate(page.questions)
    ]  # fmt: skip


def _field(
    q: Any, number: int, answer: StoredAnswer | None, lang: str, error: str | None, hidden: bool
) -> Field:
    value = answer.value if answer is not None else None
    chosen = {str(v) for v in value} if isinstance(value, list) else {str(value)}
    L = labels(lang)
    skips = [Choice(s, getattr(L, s), s in chosen) for s in SKIPS] if q.type != "text" else []
    return Field(
        id=q.id,
        number=number,
        type=q.type,
        text=q.text[lang],
        help=q.help[lang] if q.help is not None else None,
        required=q.required,
        hidden=hidden,
        choices=_choices(q, chosen, L),
        skips=skips,
        value="" if value is None or value in SKIPS or isinstance(value, list) else str(value),
        unit=q.unit[lang] if getattr(q, "unit", None) is not None else None,
        minimum=getattr(q, "min", None),
        maximum=getattr(q, "max", None),
        comment=(answer.comment or "") if answer is not None else "",
        importance=_importance(q, answer),
        error=error,
        saved=answer is not None and error is None,
    )


def _choices(q: Any, chosen: set[str], L: Labels) -> list[Choice]:
    if q.type == "maturity":
        return [
            Choice(str(n), t[L.lang], str(n) in chosen, n) for n, t in sorted(q.options.items())
        ]
    if q.type == "likert":
        names = {n: t[L.lang] for n, t in q.labels.items()}
        return [Choice(str(n), names.get(n, str(n)), str(n) in chosen, n) for n in range(1, 6)]
    if q.type == "yes_no":
        return [Choice(v, getattr(L, f"answer_{v}"), v in chosen) for v in ("yes", "no")]
    if q.type in ("single_choice", "multi_choice"):
        return [Choice(o.id, o.label[L.lang], o.id in chosen) for o in q.options]
    return []


def _importance(q: Any, answer: StoredAnswer | None) -> list[Choice]:
    if not getattr(q, "importance", False):
        return []
    current = str(answer.importance) if answer is not None and answer.importance else ""
    return [Choice(str(n), str(n), str(n) == current, n) for n in range(1, 6)]


def overall(
    questionnaire: Questionnaire, person: Person, stored: Mapping[str, StoredAnswer]
) -> tuple[int, int]:
    pages = respondent_pages(questionnaire, person)
    return progress(pages, person.role, {k: a.value for k, a in stored.items()})
