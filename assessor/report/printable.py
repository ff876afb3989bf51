"""A printable questionnaire for workshops: the reports' templates, labels, fonts and PDF door.

    render_questionnaire(questionnaire, lang="vi", fmt="pdf", role="sales", respondent="An")

The questionnaire becomes a small context of frozen dataclasses with every text already in the
chosen language, `questionnaire.html.j2` turns it into HTML through the reports' Jinja
environment (autoescape, StrictUndefined, user template folders first), and `render_pdf` makes
the PDF with the asset-only fetcher.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import checks
from ..answers import as_bool
from ..errors import RenderError
from ..models import ROLES, Assessment, Question, Questionnaire
from ..models.assessment import text_in
from ..models.questionnaire import (
    GridQuestion,
    LikertQuestion,
    MaturityQuestion,
    MultiChoiceQuestion,
    NumberQuestion,
    SingleChoiceQuestion,
    YesNoQuestion,
)
from ..relevance import ExpressionError, Node, parse
from ..textformat import local_date
from .labels import Labels, fmt_num, load_labels
from .render import render_pdf, render_template, report_dirs

__all__ = [
    "GridRow",
    "PrintQuestion",
    "PrintSection",
    "QuestionnaireSheet",
    "ScalePoint",
    "build_sheet",
    "render_questionnaire",
]

TEMPLATE = "questionnaire.html.j2"
_COMPARISONS = {"==": "q_if_eq", "!=": "q_if_ne", ">": "q_if_gt", ">=": "q_if_ge", "<": "q_if_lt",
                "<=": "q_if_le"}  # fmt: skip
_FLIPPED = {"==": "==", "!=": "!=", ">": "<", ">=": "<=", "<": ">", "<=": ">="}


@dataclass(frozen=True)
class ScalePoint:
    """One box of a 1–5 scale, with the label printed under it (often none)."""

    value: str
    label: str


@dataclass(frozen=True)
class GridRow:
    """One statement of a grid: a row of the grid's table, numbered as a question."""

    number: int
    id: str
    text: str
    help: str | None


@dataclass(frozen=True)
class PrintQuestion:
    """One numbered question, ready to print.

    `layout` picks the answer area: "choices" (a mark per entry of `choices`, one per line),
    "inline" (the same side by side: yes/no), "scale" (1–5), "figure" (a ruled box), "text",
    or "grid": a table of `rows` (the statements, each numbered) with a column per point of
    `scale` (a likert grid) or per entry of `choices` (a grid of options).
    `pick` is "one" (round marks: one answer) or "any" (square boxes: tick all that apply).
    """

    number: int
    id: str
    layout: str
    text: str
    help: str | None
    instruction: str
    choices: tuple[str, ...]
    scale: tuple[ScalePoint, ...]
    unit: str
    limits: str | None
    condition: str | None
    optional: bool
    skips: bool
    importance: bool
    comment: bool
    lines: int
    pick: str = "one"
    rows: tuple[GridRow, ...] = ()


@dataclass(frozen=True)
class PrintSection:
    number: int
    kicker: str
    title: str
    intro: str | None
    questions: tuple[PrintQuestion, ...]


@dataclass(frozen=True)
class QuestionnaireSheet:
    """Everything the template prints, in one language."""

    lang: str
    title: str
    document: str
    description: str
    about: str
    respondent: str
    role: str
    for_role: str
    instructions: tuple[str, ...]
    sections: tuple[PrintSection, ...]
    labels: Labels
    client: str = ""
    asking: str = ""
    confidential: str = ""
    returns: str = ""


def render_questionnaire(
    questionnaire: Questionnaire,
    *,
    lang: str,
    fmt: str,
    role: str | None = None,
    respondent: str | None = None,
    library_dirs: Iterable[Path] = (),
    assessment: Assessment | None = None,
) -> bytes:
    """The questionnaire to fill in by hand: PDF bytes (fmt='pdf') or UTF-8 HTML (fmt='html').

    With an `assessment`, the cover names the client and who is asking, and says by when and
    to whom to return it (its `collect:` deadline and contact).
    """
    if fmt not in ("pdf", "html"):
        raise RenderError(checks.unknown("format", fmt, ("pdf", "html")))
    dirs = report_dirs(library_dirs)
    sheet = build_sheet(questionnaire, lang=lang, role=role, respondent=respondent, dirs=dirs,
                        assessment=assessment)  # fmt: skip
    html = render_template(TEMPLATE, sheet, dirs)
    return html.encode("utf-8") if fmt == "html" else render_pdf(html, dirs)


def build_sheet(
    questionnaire: Questionnaire,
    *,
    lang: str,
    role: str | None = None,
    respondent: str | None = None,
    dirs: tuple[Path, ...] = (),
    assessment: Assessment | None = None,
) -> QuestionnaireSheet:
    """The printable context: the questions `role` answers (all when None), numbered from 1."""
    if lang not in questionnaire.title.languages:
        langs = questionnaire.title.languages
        raise RenderError(checks.unknown("language", lang, langs) + f" (questionnaire "
                          f"'{questionnaire.id}' is in {', '.join(langs)})")  # fmt: skip
    if role is not None and role not in ROLES:
        raise RenderError(checks.unknown("role", role, ROLES))
    labels = load_labels(lang, dirs)
    kept = [
        (section, [q for q in section.questions if role is None or not q.audience or role in q.audience])
        for section in questionnaire.sections
    ]  # fmt: skip
    kept = [(section, entries) for section, entries in kept if entries]
    asked = (x for _, entries in kept for q in entries for x in _expand(q))
    numbers = {q.id: n for n, q in enumerate(asked, start=1)}
    index = questionnaire.question_index()
    sections = tuple(
        PrintSection(
            number,
            labels.fill("q_section", n=number),
            section.title[lang],
            section.intro[lang] if section.intro else None,
            tuple(
                _grid(q, lang, labels, numbers, index)
                if isinstance(q, GridQuestion)
                else _question(q, numbers[q.id], lang, labels, numbers, index)
                for q in entries
            ),
        )
        for number, (section, entries) in enumerate(kept, start=1)
    )
    has_conditions = any(q.condition for s in sections for q in s.questions)
    skips = {"not_sure": labels["q_not_sure"], "not_applicable": labels["q_not_applicable"]}
    instructions = (
        labels.fill("q_instruction_tick", pick_all=labels["q_pick_all"]),
        labels["q_instruction_today"],
        labels.fill("q_instruction_skip", **skips),
        labels["q_instruction_comment"],
        *((labels["q_instruction_conditional"],) if has_conditions else ()),
    )
    about = labels.fill("q_about", minutes=questionnaire.estimated_minutes, count=len(numbers),
                        version=questionnaire.version)  # fmt: skip
    return QuestionnaireSheet(
        lang=lang,
        title=questionnaire.title[lang],
        document=labels["q_document"],
        description=questionnaire.description[lang],
        about=about,
        respondent=respondent or "",
        role=labels[f"role_{role}"] if role else "",
        for_role=labels.fill("q_for_role", role=labels[f"role_{role}"]) if role else "",
        instructions=instructions,
        sections=sections,
        labels=labels,
        **_client_texts(assessment, lang, labels),
    )


def _client_texts(assessment: Assessment | None, lang: str, labels: Labels) -> dict[str, str]:
    """The cover's client, who is asking, the confidentiality promise and where to return it."""
    group = assessment.reporting_group() if assessment else 3
    texts = {"confidential": labels.fill("q_confidential", n=group), "returns": labels["q_return"]}
    if assessment is None:
        return texts
    client = assessment.client.name
    consultancy = text_in(assessment.branding.consultancy, lang)
    deadline, contact = assessment.collect.deadline, text_in(assessment.collect.contact, lang)
    date = local_date(deadline, lang) if deadline else ""
    key = "q_return" + ("_by" if deadline else "") + ("_to" if contact else "")
    return texts | {
        "client": client,
        "asking": labels.fill("q_asking_for", consultancy=consultancy, client=client)
        if consultancy
        else labels.fill("q_asking", client=client),
        "returns": labels.fill(key, date=date, contact=contact or ""),
    }


def _question(
    q: Question,
    number: int,
    lang: str,
    labels: Labels,
    numbers: Mapping[str, int],
    index: Mapping[str, Question],
) -> PrintQuestion:
    layout, instruction = "choices", labels["q_pick_one"]
    choices: tuple[str, ...] = ()
    scale: tuple[ScalePoint, ...] = ()
    unit, limits, lines = "", None, 0
    if isinstance(q, MaturityQuestion):
        choices = tuple(q.options[level][lang] for level in sorted(q.options))
    elif isinstance(q, SingleChoiceQuestion | MultiChoiceQuestion):
        choices = tuple(option.label[lang] for option in q.options)
        if isinstance(q, MultiChoiceQuestion):
            instruction = labels["q_pick_all"]
    elif isinstance(q, YesNoQuestion):
        layout, choices = "inline", (labels["q_yes"], labels["q_no"])
    elif isinstance(q, LikertQuestion):
        layout = "scale"
        given = {value: text[lang] for value, text in q.labels.items()}
        given = given or {1: labels["q_scale_low"], q.points: labels["q_scale_high"]}
        scale = tuple(ScalePoint(str(v), given.get(v, "")) for v in range(1, q.points + 1))
    elif isinstance(q, NumberQuestion):
        layout, instruction = "figure", labels["q_write_number"]
        unit = q.unit[lang] if q.unit else ("%" if q.type == "percent" else "")
        limits = _limits(q.min, q.max, lang, labels)
    else:
        layout, instruction, lines = "text", labels["q_write_text"], 3 if q.max_length <= 300 else 6
    scored = q.type != "text"
    return PrintQuestion(
        number=number,
        id=q.id,
        layout=layout,
        text=q.text[lang],
        help=q.help[lang] if q.help else None,
        instruction=instruction,
        choices=choices,
        scale=scale,
        unit=unit,
        limits=limits,
        condition=_condition(q.relevant, lang, labels, numbers, index) if q.relevant else None,
        optional=not q.required,
        skips=scored,
        importance=bool(getattr(q, "importance", False)),
        comment=scored,
        lines=lines,
        pick="any" if isinstance(q, MultiChoiceQuestion) else "one",
    )


def _expand(entry: Question | GridQuestion) -> tuple[Question, ...]:
    return entry.questions() if isinstance(entry, GridQuestion) else (entry,)


def _grid(
    grid: GridQuestion,
    lang: str,
    labels: Labels,
    numbers: Mapping[str, int],
    index: Mapping[str, Question],
) -> PrintQuestion:
    """A grid as one table: a row per statement, a column per point of the scale (likert:
    the number, with the labels the grid gives) or per option."""
    items = grid.questions()
    choices = tuple(option.label[lang] for option in grid.options)
    given = {value: text[lang] for value, text in grid.labels.items()}
    top = 0 if grid.options else grid.points or 5
    scale = tuple(ScalePoint(str(v), given.get(v, "")) for v in range(1, top + 1))
    rows = tuple(
        GridRow(numbers[q.id], q.id, q.text[lang], q.help[lang] if q.help else None) for q in items
    )
    condition = grid.relevant and _condition(grid.relevant, lang, labels, numbers, index)
    return PrintQuestion(
        number=rows[0].number,
        id=grid.id,
        layout="grid",
        text=grid.text[lang],
        help=grid.help[lang] if grid.help else None,
        instruction=labels["q_grid_rows"],
        choices=choices,
        scale=scale,
        unit="",
        limits=None,
        condition=condition or None,
        optional=not grid.required,
        skips=False,  # the table has a column for each
        importance=False,
        comment=False,
        lines=0,
        rows=rows,
    )


def _num(value: float, lang: str) -> str:
    return fmt_num(value, lang, 0 if float(value).is_integer() else 1)


def _limits(low: float | None, high: float | None, lang: str, labels: Labels) -> str | None:
    if low is not None and high is not None:
        return labels.fill("q_between", min=_num(low, lang), max=_num(high, lang))
    if low is not None:
        return labels.fill("q_at_least", min=_num(low, lang))
    if high is not None:
        return labels.fill("q_at_most", max=_num(high, lang))
    return None


def _condition(
    source: str,
    lang: str,
    labels: Labels,
    numbers: Mapping[str, int],
    index: Mapping[str, Question],
) -> str:
    """The `relevant:` condition in plain words, or which earlier answer it depends on."""
    try:
        expr = parse(source)
    except ExpressionError:
        return labels["q_if_earlier"]
    plain = _plain_condition(expr.tree, lang, labels, numbers, index)
    if plain:
        return plain
    shown = [str(numbers[ref]) for ref in dict.fromkeys(expr.references()) if ref in numbers]
    if shown:
        return labels.fill("q_if_depends", questions=", ".join(shown))
    return labels["q_if_earlier"]


def _plain_condition(
    tree: Node,
    lang: str,
    labels: Labels,
    numbers: Mapping[str, int],
    index: Mapping[str, Question],
) -> str | None:
    """Words for `${q} <op> value`, `${q} in [...]` and `selected(${q}, 'x')`; else None."""
    op = tree[0]
    if op == "cmp":
        compare, left, right = tree[1], tree[2], tree[3]
        if left[0] == "lit" and right[0] == "ref":
            compare, left, right = _FLIPPED[compare], right, left
        if left[0] != "ref" or right[0] != "lit" or left[1] not in numbers:
            return None
        value = _answer_words(index[left[1]], right[1], lang, labels)
        if value is None:
            return None
        return labels.fill(_COMPARISONS[compare], n=numbers[left[1]], value=value)
    if op == "in" and tree[1][0] == "ref" and tree[1][1] in numbers:
        words = [
            _answer_words(index[tree[1][1]], n[1], lang, labels) for n in tree[2] if n[0] == "lit"
        ]
        if len(words) != len(tree[2]) or any(w is None for w in words):
            return None
        value = f" {labels['q_or']} ".join(w for w in words if w)
        return labels.fill("q_if_eq", n=numbers[tree[1][1]], value=value)
    if op == "selected" and tree[1][0] == "ref" and tree[1][1] in numbers and tree[2][0] == "lit":
        value = _answer_words(index[tree[1][1]], tree[2][1], lang, labels)
        return labels.fill("q_if_selected", n=numbers[tree[1][1]], value=value) if value else None
    return None


def _answer_words(q: Question, value: Any, lang: str, labels: Labels) -> str | None:
    """How an answer to `q` reads on paper: “Yes”, “the option's label”, a figure; else None."""
    if isinstance(q, YesNoQuestion):
        yes = as_bool(value)
        return None if yes is None else f"“{labels['q_yes' if yes else 'q_no']}”"
    if isinstance(q, SingleChoiceQuestion | MultiChoiceQuestion):
        label = next((o.label[lang] for o in q.options if o.id == value), None)
        return f"“{label}”" if label else None
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    if isinstance(q, LikertQuestion):
        return _num(value, lang)
    if isinstance(q, NumberQuestion):
        unit = q.unit[lang] if q.unit else ("%" if q.type == "percent" else "")
        return f"{_num(value, lang)}{'' if unit == '%' else ' '}{unit}".rstrip()
    return None
