"""`crm-assess demo`: the bundled example client, end to end."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .batch import Job, remember, run_batch
from .errors import AssessorError, Problem
from .fsio import write_atomic
from .loading import builtin_root
from .pipeline import AssessmentResult, run_assessment
from .results import gaps_data, score_data
from .textformat import to_json

__all__ = ["DemoOutput", "example_workspace", "run_demo"]


@dataclass(frozen=True)
class DemoOutput:
    result: AssessmentResult
    files: list[Path]


def example_workspace() -> Path:
    """The bundled example client's workspace (inside the package, or the checkout)."""
    root = builtin_root()
    for candidate in (root / "examples" / "saigon-xanh", root.parent / "examples" / "saigon-xanh"):
        if (candidate / "assessment.yaml").is_file():
            return candidate
    return root / "examples" / "saigon-xanh"


def run_demo(
    out_dir: Path,
    *,
    force: bool = True,
    workers: int | None = None,
    on_done: Callable[[Job], None] | None = None,
) -> DemoOutput:
    """Score the example, write its four PDF reports and its results as JSON into `out_dir`.

    The reports are rendered in parallel (`batch.run_batch`), `workers` at once.
    """
    workspace = example_workspace()
    result = run_assessment(workspace)
    remember(workspace, result, {})
    jobs = [
        Job(workspace, kind, lang, "pdf", out_dir / f"{kind}-{lang}.pdf")
        for kind in ("executive", "full")
        for lang in ("vi", "en")
    ]
    outcome = run_batch(jobs, force=force, workers=workers, on_done=on_done)
    if outcome.failures:
        raise AssessorError(
            [Problem.at("", line) for _, lines in outcome.failures for line in lines]
        )
    files = list(outcome.written)
    for name, data in (("scores.json", score_data(result, "en")), ("gaps.json", gaps_data(result))):
        target = out_dir / name
        write_atomic(target, to_json(data) + "\n", force=force)
        files.append(target)
    return DemoOutput(result, files)
