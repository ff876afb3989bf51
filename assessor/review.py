"""The consultant's review as a stage: agreed levels replace self-assessed ones.

An agreed level L for a dimension makes its score L and its level L; frameworks and the overall
are then rolled up again exactly as scoring does (`scoring.score_framework`, `scoring.overall`),
so the headline, the gaps and the roadmap use the agreed levels. The self-assessed scores stay
available as `Scores.self_assessed`, so reports can show both where they differ. Respondents'
spread and the role and unit breakdowns are the respondents' and are left as they are.
"""

from __future__ import annotations

import dataclasses

from .review_load import agreed_by_dimension
from .scoring import DimensionScore, Scores, overall, score_framework
from .workspace import Workspace

__all__ = ["apply_review"]


def apply_review(scores: Scores, ws: Workspace) -> Scores:
    """The scores with `ws.review`'s agreed levels; `scores` itself when nothing is agreed."""
    agreed = agreed_by_dimension(ws.review, ws.frameworks)
    if not agreed:
        return scores
    threshold = ws.assessment.scoring.level_threshold
    frameworks = []
    for fw, fs in zip(ws.frameworks, scores.frameworks, strict=True):
        dims = [_agree(d, agreed[d.path].level) if d.path in agreed else d for d in fs.dimensions]
        frameworks.append(score_framework(fw, dims, threshold))
    mean, level, weakest, nxt = overall(frameworks, threshold)
    return dataclasses.replace(
        scores, frameworks=frameworks, score=mean, level=level, weakest=weakest, next_level=nxt,
        self_assessed=scores,
    )  # fmt: skip


def _agree(d: DimensionScore, level: int | None) -> DimensionScore:
    value = float(level or 1)
    return dataclasses.replace(d, score=value, level=int(value), agreed=True)
