"""What each web page shows, as plain data: the templates only lay it out.

Everything here is in the respondent's language already; no web framework is imported.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..answers import SKIPS, visible
from ..models import Assessment, Questionnaire
from ..models.assessment import text_in
from ..models.common import COMMENT_MAX
from ..textformat import local_date, local_time
from .figures import Echo, echo
from .forms import Page, pages_for, progress, visible_ids
from .labels import Labels, labels
from .store import Person, StoredAnswer

__all__ = [
    "Choice",
    "Field",
    "GridHead",
    "SectionState",
    "about",
    "overall",
    "question_fields",
    "respondent_pages",
    "section_states",
    "status_row",
]


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    checked: bool
    level: int | None = None


@dataclass(frozen=True)
class GridHead:
    """The grid a field's statement belongs to: its text is shown once, above the first."""

    id: str
    text: str
    help: str | None
    first: bool
    last: bool


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
    max_length: int = 0  # the longest text answer the question accepts
    comment_max: int = COMMENT_MAX  # the longest comment a response file holds
    error: str | None = None
    saved: bool = False
    echo: Echo | None = None
    grid: GridHead | None = None


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
        max_length=getattr(q, "max_length", 0),
        error=error,
        saved=answer is not None and error is None,
        echo=echo(q, value, L) if error is None else None,
        grid=_grid_head(q, lang),
    )


def _grid_head(q: Any, lang: str) -> GridHead | None:
    place = q.grid
    if place is None:
        return None
    help_text = place.help[lang] if place.help is not None else None
    return GridHead(place.grid, place.text[lang], help_text, place.index == 0,
                    place.index == place.size - 1)  # fmt: skip


def _choices(q: Any, chosen: set[str], L: Labels) -> list[Choice]:
    if q.type == "maturity":
        return [
            Choice(str(n), t[L.lang], str(n) in chosen, n) for n, t in sorted(q.options.items())
        ]
    if q.type == "likert":
        names = {n: t[L.lang] for n, t in q.labels.items()}
        scale = range(1, q.points + 1)
        return [Choice(str(n), names.get(n, str(n)), str(n) in chosen, n) for n in scale]
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


@dataclass(frozen=True)
class SectionState:
    """Where a respondent stands in one section, for the navigation and the review page.

    `state` is 'done' (answered, nothing required left open), 'partial' (some answered, some
    required still open), 'skipped' (nothing answered here but later sections have answers),
    'todo' (not reached yet) or 'empty' (earlier answers leave nothing to ask here).
    """

    number: int
    title: str
    state: str
    answered: int
    shown: int
    missing: list[tuple[str, str]]  # (question id, text) of required questions still open
    badge: str  # the state in words, e.g. "Done", "2 to answer"


def section_states(
    questionnaire: Questionnaire, person: Person, stored: Mapping[str, StoredAnswer], lang: str
) -> list[SectionState]:
    pages = respondent_pages(questionnaire, person)
    values = {k: a.value for k, a in stored.items()}
    shown = visible_ids(pages, person.role, values)
    later_answered = [
        any(q.id in values for p in pages[i + 1 :] for q in p.questions if q.id in shown)
        for i in range(len(pages))
    ]
    return [
        _state(p, shown, values, lang, later)
        for p, later in zip(pages, later_answered, strict=True)
    ]


def _state(
    page: Page, shown: set[str], values: Mapping[str, Any], lang: str, later: bool
) -> SectionState:
    here = [q for q in page.questions if q.id in shown]
    answered = sum(1 for q in here if q.id in values)
    missing = [(q.id, q.text[lang]) for q in here if q.required and q.id not in values]
    if not here:
        state = "empty"
    elif not answered:
        state = "skipped" if later else "todo"
    else:
        state = "partial" if missing else "done"
    L = labels(lang)
    badge = (
        L.fmt("state_partial", n=len(missing)) if state == "partial" else L.fmt(f"state_{state}")
    )
    title = page.section.title[lang]
    return SectionState(page.number, title, state, answered, len(here), missing, badge)


def about(a: Assessment, lang: str) -> dict[str, str]:
    """The welcome page's account of the questionnaire: who asks, why, by when, whom to ask."""
    L, c = labels(lang), a.collect
    consultancy = text_in(a.branding.consultancy, lang)
    asking = (
        L.fmt("asking_for", consultancy=consultancy, client=a.client.name)
        if consultancy
        else L.fmt("asking", client=a.client.name)
    )
    return {
        "asking": asking,
        "purpose": text_in(c.purpose, lang) or L.purpose,
        "private": L.fmt("confidential", n=a.reporting_group()),
        "deadline": L.fmt("deadline", date=local_date(c.deadline, lang)) if c.deadline else "",
        "contact": L.fmt("contact", contact=text_in(c.contact, lang)) if c.contact else "",
    }


def status_row(
    questionnaire: Questionnaire,
    assessment: Assessment,
    p: Person,
    stored: Mapping[str, StoredAnswer],
    lang: str,
) -> dict[str, Any]:
    """One respondent on the status page, in the consultant's language and local time."""
    answered, total = overall(questionnaire, p, stored)
    last = max([a.saved for a in stored.values()] + ([p.finished] if p.finished else []),
               default=None)  # fmt: skip
    state = "finished" if p.finished else ("started" if answered else "waiting")
    return {
        "name": p.name,
        "role": labels(lang).role(p.role),
        "unit": assessment.unit_name(p.unit, lang),
        "answered": answered,
        "total": total,
        "state": state,
        "finished": local_time(p.finished, lang) if p.finished else "",
        "last": local_time(last, lang) if last else "",
        "invited": local_time(p.invited, lang),
    }
