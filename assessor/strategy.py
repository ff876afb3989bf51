"""The company's position on the CRM strategy matrix, and where it should go from there.

Each axis scores 1.0–4.0 like a dimension (mean over respondents of their weighted answers); a
score of 2.5 or more is the 'high' side. The two sides name the quadrant, i.e. the position.
The target position and the route to it come from assessment.yaml, the target profile or the
business context (assessor/context.py). The matrix is a place, never a maturity level.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from .answers import score_answer
from .context import chart_course
from .loading import Library
from .workspace import Workspace

__all__ = ["HIGH_FROM", "STRATEGY_FRAMEWORK", "StrategyPosition", "place_on_matrix"]

HIGH_FROM = 2.5
STRATEGY_FRAMEWORK = "crm-strategy-levels"


@dataclass(frozen=True)
class StrategyPosition:
    """Where the company stands on the matrix, where it should go, by which route and why."""

    axes: dict[str, float | None]
    sides: dict[str, str | None]
    position: str | None
    target: str | None = None
    route: list[str] = field(default_factory=list)  # positions from today's to the target
    route_id: str | None = None
    source: str = "default"  # where the target came from: assessment, profile, context, default
    reason: dict[str, str] = field(default_factory=dict)  # language → one paragraph


def place_on_matrix(ws: Workspace, library: Library) -> StrategyPosition:
    fw = library.frameworks.get(STRATEGY_FRAMEWORK)
    if fw is None or fw.matrix is None:
        return StrategyPosition({}, {}, None)
    # the questions placed on an axis, found once (not answer by answer)
    on_axis = [
        (qid, question, axis)
        for qid, question in ws.questionnaire.question_index().items()
        if (axis := getattr(question, "axis", None))
    ]
    per_axis: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for sheet in ws.sheets:
        for qid, question, axis in on_axis:
            answer = sheet.answers.get(qid)
            value = None if answer is None else score_answer(question, answer.value)
            if value is not None:
                per_axis[axis][sheet.respondent.id].append(value)
    axes: dict[str, float | None] = {}
    sides: dict[str, str | None] = {}
    for axis in fw.matrix.axes:
        means = [statistics.fmean(v) for v in per_axis[axis.id].values() if v]
        axes[axis.id] = statistics.fmean(means) if means else None
        score = axes[axis.id]
        sides[axis.id] = None if score is None else ("high" if score >= HIGH_FROM else "low")
    position = None
    if all(s is not None for s in sides.values()):
        for pos in fw.matrix.positions:
            if all((pos.model_extra or {}).get(a) == s for a, s in sides.items()):
                position = pos.dimension
    course = chart_course(fw, position, axes, ws.assessment, ws.profile)
    return StrategyPosition(
        axes, sides, position, course.target, course.path, course.route_id, course.source,
        course.reason,
    )  # fmt: skip
