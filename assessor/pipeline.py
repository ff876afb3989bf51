"""The whole story in one screen: load, validate, score, analyse gaps, plan the roadmap.

Each stage is a pure function of typed data; rendering is a separate step.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .context import Decisions, decide
from .gaps import CapabilityRow, Gap, analyse_gaps, capability_view
from .gcpause import paused_gc
from .kpis import Kpi, collect_inputs, compute_kpis
from .loading import Library, load_library, workspace_library
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
    decisions = decide(workspace.assessment)  # profile (applied on loading) and capacity
    scores = score_workspace(workspace)
    strategy = place_on_matrix(workspace, library)  # today's position, target and route
    kpis = compute_kpis(collect_inputs(workspace))
    gaps = analyse_gaps(workspace, scores)
    capabilities = capability_view(gaps, workspace, library)
    context = workspace.assessment.context
    roadmap = plan_roadmap(
        gaps, library, workspace.frameworks, strategy, kpis, decisions.capacity.value,
        context.company_size if context else None,
    )  # fmt: skip
    return AssessmentResult(
        library, workspace, scores, strategy, kpis, gaps, capabilities, roadmap, decisions
    )


def by_unit(result: AssessmentResult) -> dict[str, AssessmentResult]:
    """The same assessment restricted to each business unit's respondents."""
    out = {}
    for unit in result.workspace.assessment.units:
        sheets = [s for s in result.workspace.sheets if s.respondent.unit == unit.id]
        if sheets:
            out[unit.id] = analyse(
                dataclasses.replace(result.workspace, sheets=sheets), result.library
            )
    return out
