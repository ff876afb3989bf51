"""CRM types as a technology view: each practice under the type of CRM that supports it.

The types (operational, analytical, collaborative; META Group's CRM ecosystem) say what kind of
technology serves a practice, not how mature it is. Dimensions carry them as `crm_types`; a
dimension with several types is listed under each.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from ..pipeline import AssessmentResult
from .labels import Labels, fmt_num

__all__ = ["CRM_TYPES", "CrmTypeView", "crm_type_views"]

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
