"""Two views the library adds to the scores: CRM types and the company's size.

CRM types as a technology view: each practice under the type of CRM that supports it.

The types (operational, analytical, collaborative; META Group's CRM ecosystem) say what kind of
technology serves a practice, not how mature it is. Dimensions carry them as `crm_types`; a
dimension with several types is listed under each.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from ..pipeline import AssessmentResult
from .labels import Labels, fmt_num

__all__ = ["CRM_TYPES", "CrmTypeView", "crm_type_views", "size_guidance"]

CRM_TYPES = ("operational", "analytical", "collaborative")


@dataclass(frozen=True)
class CrmTypeView:
    id: str
    name: str
    description: str
    mean: str  # mean score of its practices that were scored
    practices: list[tuple[str, str, str]]  # (framework, dimension, score)


def crm_type_views(result: AssessmentResult, lang: str, labels: Labels) -> list[CrmTypeView]:
    """One view per CRM type with the practices it supports, in framework order."""
    views = []
    for crm_type in CRM_TYPES:
        practices, scores = [], []
        for fs in result.scores.frameworks:
            fw = result.library.framework(fs.id)
            for d in fs.dimensions:
                if crm_type not in fw.dimension(d.id).crm_types:
                    continue
                practices.append(
                    (fw.label(lang), fw.dimension(d.id).name[lang], fmt_num(d.score, lang))
                )
                if d.score is not None:
                    scores.append(d.score)
        if practices:
            mean = statistics.fmean(scores) if scores else None
            views.append(
                CrmTypeView(
                    crm_type,
                    labels[f"crm_type_{crm_type}"],
                    labels[f"crm_type_{crm_type}_text"],
                    fmt_num(mean, lang),
                    practices,
                )
            )
    return views


def size_guidance(result: AssessmentResult, lang: str) -> str:
    """What the strategy matrix means for a company of the client's size (assessment.yaml's
    `context: company_size`); empty without a context or without guidance for that size."""
    context = result.workspace.assessment.context
    matrix = result.library.frameworks.get("crm-strategy-levels")
    if context is None or matrix is None or matrix.matrix is None:
        return ""
    text = matrix.matrix.sizes.get(context.company_size)
    return text[lang] if text is not None else ""
