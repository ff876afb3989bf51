"""An assessment's history: the earlier assessments its `baseline:` chain names.

    chain = history(result)              # oldest first, ending with `result`
    comparison = comparison_for(result)  # what moved since the baseline, or None

A baseline is loaded like any workspace (its own problems come with its own file:line:col),
once per process, and checked to be the same client's, earlier, with a dimension in common.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

from .compare import Comparison, baseline_problem, check_baseline, compare
from .errors import ResponseError
from .pipeline import AssessmentResult, run_assessment

__all__ = ["MAX_HISTORY", "baseline_path", "comparison_for", "history", "load_baseline"]

MAX_HISTORY = 6  # assessments on a trend chart at most


def baseline_path(result: AssessmentResult) -> Path | None:
    """The folder `baseline:` names, relative to the workspace; None without one."""
    name = result.workspace.assessment.baseline
    return None if name is None else result.workspace.path / name


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
    if not (path / "assessment.yaml").is_file():
        where = path / "assessment.yaml"
        raise ResponseError([baseline_problem(result, "", f"not an assessment workspace "
                                              f"(no {where})")])  # fmt: skip
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
