"""Checks of a `progress:` section against the baseline's roadmap, as it is planned now.

    problems = progress_problems(old, workspace, catalogue)

`progress:` says what became of each initiative of the previous roadmap. The baseline's roadmap
is recomputed with today's catalogue and planner, so an entry may name an initiative that
roadmap no longer holds, and an initiative it holds may have no entry. One line each, at the
entry's key or at `progress:` (file:line:col):

- an unknown initiative is an error (a typo: nothing can be said about it);
- a known initiative that is not in the baseline's roadmap is a warning: its status is still
  shown (and a re-assessment's planner still uses it), apart from the roadmap's own;
- the baseline roadmap's initiatives with no status, within its 24 months, are one warning:
  they are shown as "not reported".
"""

from __future__ import annotations

from collections.abc import Mapping

from . import checks
from .errors import Problem
from .models import Initiative
from .pipeline import AssessmentResult
from .roadmap import BACKLOG
from .workspace import Workspace
from .yamlsource import parse_yaml

__all__ = ["progress_problems"]


def progress_problems(
    old: AssessmentResult, new: Workspace, catalogue: Mapping[str, Initiative]
) -> list[Problem]:
    """The problems of `new`'s `progress:` against `old`'s roadmap: errors and warnings."""
    progress = new.assessment.progress
    if not progress:
        return []
    roadmap = [p.initiative.id for p in old.roadmap.items]
    known = [*roadmap, *catalogue]
    baseline = new.assessment.baseline or str(old.workspace.path)
    missing = [
        p.initiative.id
        for p in old.roadmap.items
        if p.phase < BACKLOG and p.initiative.id not in progress
    ]
    unknown = [i for i in progress if i not in known]
    apart = [i for i in progress if i in catalogue and i not in roadmap]
    doc, _ = parse_yaml(new.path / "assessment.yaml")
    if doc is None:
        return []
    found = [
        doc.problem(("progress", i), checks.unknown("initiative", i, known), key=True)
        for i in unknown
    ]
    found += [
        doc.problem(
            ("progress", i),
            f"'{i}' is not in the roadmap of the baseline '{baseline}' as it is planned now: "
            "its status is shown apart from that roadmap's (check the id)",
            key=True, severity="warning",
        )
        for i in apart
    ]  # fmt: skip
    if missing:
        found.append(
            doc.problem(
                ("progress",),
                f"no status for {len(missing)} initiative(s) of the baseline's roadmap, shown "
                f"as not reported: {', '.join(missing)} (crm-assess progress draft lists them)",
                key=True, severity="warning",
            )
        )  # fmt: skip
    return sorted(found)
