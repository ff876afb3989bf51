"""Question-level results for the full report: who answered what, the mean score, comments.

Answers are counted in the words the respondents saw: level numbers for maturity questions,
the options' labels for choices, “Yes”/“No”, and figures with their unit (median and range).
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..answers import SKIPS, as_bool, score_answer
from ..models import NOT_APPLICABLE, NOT_SURE, Question
from ..pipeline import AssessmentResult
from .labels import Labels, fmt_num

__all__ = ["QuestionView", "SectionView", "question_views"]


@dataclass(frozen=True)
class QuestionView:
    number: int
    id: str
    text: str
    answered: int
    skipped: str
    mean: str
    distribution: str
    comments: list[tuple[str, int]]  # each distinct comment, word for word, and how many gave it


@dataclass(frozen=True)
class SectionView:
    title: str
    questions: list[QuestionView]


def _figure(value: float, lang: str) -> str:
    return fmt_num(value, lang, 0 if float(value).is_integer() else 1)


def _figures(q: Any, values: list[float], lang: str, labels: Labels) -> str:
    unit = q.unit[lang] if q.unit else ("%" if q.type == "percent" else "")
    sep = "" if unit == "%" else " "
    median = f"{_figure(statistics.median(values), lang)}{sep}{unit}".rstrip()
    low, high = min(values), max(values)
    spread = (
        ""
        if low == high
        else labels.fill("figures_range", low=_figure(low, lang), high=_figure(high, lang))
    )
    return labels.count("figures_median", len(values), median=median) + spread


def _counts(q: Question, values: list[Any], lang: str, labels: Labels) -> str:
    counted: Counter[str] = Counter()
    order: list[str] = []
    if q.type == "maturity":
        order = [labels.fill("answer_level", level=v) for v in (1, 2, 3, 4)]
        counted.update(labels.fill("answer_level", level=int(v)) for v in values)
    elif q.type == "likert":
        order = [str(v) for v in range(1, q.points + 1)]
        counted.update(str(int(v)) for v in values)
        shown = " · ".join(f"{k}: {counted[k]}" for k in order if counted[k])
        return labels.fill("answer_likert", counts=shown, top=q.points)
    elif q.type == "yes_no":
        order = [labels["q_yes"], labels["q_no"]]
        counted.update(
            labels["q_yes"] if as_bool(v) else labels["q_no"]
            for v in values
            if as_bool(v) is not None
        )
    elif q.type in ("single_choice", "multi_choice"):
        names = {o.id: o.label[lang] for o in q.options}
        order = list(names.values())
        for v in values:
            counted.update(
                names.get(str(item), str(item)) for item in (v if isinstance(v, list) else [v])
            )
    return " · ".join(f"{k}: {counted[k]}" for k in order if counted[k])


def _skipped(values: list[Any], labels: Labels) -> str:
    parts = []
    for skip, key in ((NOT_SURE, "not_sure"), (NOT_APPLICABLE, "not_applicable")):
        count = values.count(skip)
        if count:
            parts.append(f"{count} {labels[key]}")
    return ", ".join(parts)


def _view(
    result: AssessmentResult, q: Question, number: int, lang: str, labels: Labels
) -> QuestionView:
    answers = [s.answers[q.id] for s in result.workspace.sheets if q.id in s.answers]
    values = [a.value for a in answers]
    given = [v for v in values if v not in SKIPS]
    scores = [v for v in (score_answer(q, a) for a in given) if v is not None]
    if q.type in ("number", "percent"):
        numbers = [
            float(v) for v in given if isinstance(v, int | float) and not isinstance(v, bool)
        ]
        distribution = _figures(q, numbers, lang, labels) if numbers else ""
    elif q.type == "text":
        distribution = ""
    else:
        distribution = _counts(q, given, lang, labels)
    said = [a.comment for a in answers if a.comment]
    if q.type == "text":
        said += [v for v in given if isinstance(v, str) and v.strip()]
    comments = list(Counter(said).items())
    return QuestionView(
        number=number,
        id=q.id,
        text=q.text[lang],
        answered=len(given),
        skipped=_skipped(values, labels),
        mean=fmt_num(statistics.fmean(scores), lang) if scores else "–",
        distribution=distribution,
        comments=comments,
    )


def question_views(result: AssessmentResult, lang: str, labels: Labels) -> list[SectionView]:
    """The questionnaire's sections in order, each question numbered from 1 across the report."""
    sections, number = [], 0
    for section in result.workspace.questionnaire.sections:
        views = []
        for q in section.asked():
            number += 1
            views.append(_view(result, q, number, lang, labels))
        sections.append(SectionView(section.title[lang], views))
    return sections
