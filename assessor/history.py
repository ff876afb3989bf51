"""An assessment's history: the earlier assessments its `baseline:` chain names.

    chain = history(result)              # oldest first, ending with `result`
    comparison = comparison_for(result)  # what moved since the baseline, or None

A baseline is loaded like any workspace (its own problems come with its own file:line:col),
once per process, and checked to be the same client's, earlier, with a dimension in common. Its
path is relative to the folder of the assessment.yaml that names it, wherever the command runs
from, so a pair of workspaces copied together keeps working.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from pathlib import Path

from .compare import Comparison, baseline_problem, check_baseline, compare
from .errors import AssessorError, Problem, ResponseError
from .loading import Library
from .pipeline import AssessmentResult, run_assessment
from .progress_checks import progress_problems
from .workspace import Workspace
from .yamlsource import parse_yaml

__all__ = [
    "MAX_HISTORY", "baseline_path", "comparison_for", "history", "load_baseline",
    "progress_check",
]  # fmt: skip

MAX_HISTORY = 6  # assessments on a trend chart at most


HINT = (
    "a baseline is relative to the folder of the assessment.yaml naming it: copy the earlier "
    "assessment's folder there, or correct the path"
)


def baseline_path(result: AssessmentResult | Workspace) -> Path | None:
    """The folder (or assessment.yaml) `baseline:` names, relative to the folder of the
    workspace's assessment.yaml; None without one."""
    workspace = result.workspace if isinstance(result, AssessmentResult) else result
    name = workspace.assessment.baseline
    if name is None:
        return None
    return Path(os.path.normpath(workspace.path.absolute() / name))


def _missing(path: Path) -> str | None:
    """Why `path` is not a workspace one can load, or None when it is one."""
    if path.is_file() or (path / "assessment.yaml").is_file():
        return None
    if path.is_dir():
        return f"not an assessment workspace: there is no {path / 'assessment.yaml'} ({HINT})"
    return f"not found: there is no folder {path} ({HINT})"


@functools.lru_cache(maxsize=16)
def _load(path: Path, library_dirs: tuple[Path, ...]) -> AssessmentResult:
    return run_assessment(path, library_dirs=library_dirs)


def load_baseline(
    result: AssessmentResult, library_dirs: Iterable[Path] = (), *, progress: bool = True
) -> AssessmentResult | None:
    """The assessment `baseline:` names, checked against `result` (and its `progress:` entries
    against the baseline's roadmap unless progress=False); None without one."""
    path = baseline_path(result)
    if path is None:
        return None
    if (why := _missing(path)) is not None:
        raise ResponseError([baseline_problem(result, "", why)])
    old = _load(path.resolve(), tuple(library_dirs))
    check_baseline(old, result, progress=progress)
    return old


def history(result: AssessmentResult, library_dirs: Iterable[Path] = ()) -> list[AssessmentResult]:
    """`result` and the assessments before it, oldest first (at most MAX_HISTORY)."""
    chain = [result]
    seen = {result.workspace.path.resolve()}
    while len(chain) < MAX_HISTORY:
        old = load_baseline(chain[0], library_dirs)
        if old is None or old.workspace.path.resolve() in seen:
            break
        seen.add(old.workspace.path.resolve())
        chain.insert(0, old)
    return chain


def comparison_for(
    result: AssessmentResult, library_dirs: Iterable[Path] = ()
) -> Comparison | None:
    """What moved since the baseline, or None when the assessment names none."""
    old = load_baseline(result, library_dirs)
    return None if old is None else compare(old, result)


def progress_check(
    workspace: Workspace, library: Library, library_dirs: Iterable[Path] = ()
) -> list[Problem]:
    """`validate`'s check of a workspace's `progress:` section against the roadmap of the
    baseline it names, as planned now (assessor/progress_checks.py); nothing without both."""
    path = baseline_path(workspace)
    if path is None or not workspace.assessment.progress:
        return []
    if (why := _missing(path)) is not None:
        doc, _ = parse_yaml(workspace.path / "assessment.yaml")
        at = workspace.path / "assessment.yaml"
        message = f"'{workspace.assessment.baseline}' is {why}"
        return [doc.problem(("baseline",), message) if doc else Problem.at(at, message)]
    try:
        old = _load(path.resolve(), tuple(library_dirs))
    except AssessorError as exc:
        return exc.problems
    return progress_problems(old, workspace, library.initiatives)
