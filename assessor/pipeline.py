"""The whole story in one screen: load, validate, score, analyse gaps, plan the roadmap.

Each stage is a pure function of typed data; rendering is a separate step.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .confidential import OTHERS
from .context import Decisions, decide
from .gaps import CapabilityRow, Gap, analyse_gaps, capability_view
from .gcpause import paused_gc
from .kpis import Kpi, collect_inputs, compute_kpis
from .loading import Library, load_library, workspace_library
from .review import apply_review
from .roadmap import Roadmap, plan_roadmap
from .scoring import Scores, score_workspace
from .strategy import StrategyPosition, place_on_matrix
from .workspace import Workspace, load_workspace

__all__ = ["AssessmentResult", "analyse", "by_unit", "run_assessment", "workspace_library"]


@dataclass(frozen=True)
class AssessmentResult:
    """What an assessment found, before any rendering."""

    library: Library
    workspace: Workspace
    scores: Scores
    strategy: StrategyPosition
    kpis: list[Kpi]
    gaps: list[Gap]
    capabilities: list[CapabilityRow]
    roadmap: Roadmap
    decisions: Decisions
    unit: str | None = None  # the business unit this result is restricted to, if any


def run_assessment(
    path: Path,
    *,
    library: Library | None = None,
    library_dirs: Iterable[Path] = (),
    lenient: bool = False,
) -> AssessmentResult:
    """Load, validate, score and analyse the workspace at `path`."""
    with paused_gc():  # everything built here stays alive until the end
        library = library or load_library([*library_dirs, *workspace_library(path)])
        workspace = load_workspace(path, library, lenient=lenient)
        return analyse(workspace, library)


def analyse(workspace: Workspace, library: Library) -> AssessmentResult:
    """Score, place, compute KPIs, analyse gaps and plan, from a loaded workspace."""
    decisions = decide(workspace.assessment)  # profile (applied on loading), capacity, limit
    scores = apply_review(score_workspace(workspace), workspace)  # agreed levels, if any
    strategy = place_on_matrix(workspace, library)  # today's position, target and route
    kpis = compute_kpis(collect_inputs(workspace))
    gaps = analyse_gaps(workspace, scores)
    capabilities = capability_view(gaps, workspace, library)
    context = workspace.assessment.context
    roadmap = plan_roadmap(
        gaps, library, workspace.frameworks, strategy, kpis, decisions.capacity.value,
        context.company_size if context else None, workspace.assessment.progress, context,
        decisions.limit.value,
    )  # fmt: skip
    return AssessmentResult(
        library, workspace, scores, strategy, kpis, gaps, capabilities, roadmap, decisions
    )


def by_unit(result: AssessmentResult) -> dict[str, AssessmentResult]:
    """The same assessment restricted to each business unit's respondents.

    Only units the unit breakdown shows by name (`scoring.min_group` respondents or more).
    """
    out = {}
    for unit in result.workspace.assessment.units:
        if unit.id not in result.scores.by_unit or unit.id == OTHERS:
            continue
        sheets = [s for s in result.workspace.sheets if s.respondent.unit == unit.id]
        if sheets:
            # a unit's report is its respondents' self-assessment: the review is the company's
            restricted = dataclasses.replace(result.workspace, sheets=sheets, review=None)
            out[unit.id] = dataclasses.replace(analyse(restricted, result.library), unit=unit.id)
    return out
