"""Question-level results for the full report: answer counts, mean score, comments."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass

from ..answers import SKIPS, score_answer
from ..pipeline import AssessmentResult
from .labels import Labels, fmt_num

__all__ = ["QuestionView", "question_views"]


@dataclass(frozen=True)
class QuestionView:
    section: str
    id: str
    text: str
    answered: int
    skipped: int
    mean: str
    distribution: str
    comments: list[str]


def question_views(result: AssessmentResult, lang: str, labels: Labels) -> list[QuestionView]:
    """One row per question: how many answered, the mean score, who said what."""
    views = []
    sheets = result.workspace.sheets
    for section in result.workspace.questionnaire.sections:
        for q in section.questions:
            answers = [s.answers[q.id] for s in sheets if q.id in s.answers]
            skipped = len([a for a in answers if a.value in SKIPS])
            scores = [v for a in answers if (v := score_answer(q, a.value)) is not None]
            counts = Counter(
                str(a.value)
                for a in answers
                if a.value not in SKIPS and q.type not in ("text", "number", "percent")
            )
            distribution = ", ".join(f"{k}: {n}" for k, n in sorted(counts.items()))
            comments = [a.comment for a in answers if a.comment]
            if q.type == "text":
                comments += [
                    str(a.value)
                    for a in answers
                    if isinstance(a.value, str) and a.value not in SKIPS
                ]
            mean = fmt_num(statistics.fmean(scores), lang) if scores else "–"
            views.append(QuestionView(section.title[lang], q.id, q.text[lang], len(answers) - skipped, skipped, mean,
                                      distribution, comments))  # fmt: skip
    return views
