"""Many reports at once, one worker process per core.

    jobs = plan_reports([Path("acme"), Path("beta")], kind="executive", lang=None, fmt="pdf")
    outcome = run_batch(jobs, on_done=print)
    outcome.failures        # [(label, ["acme/assessment.yaml:3:1: …"]), …]

A job is one report: a workspace (optionally one business unit of it), a kind, a language and
the file to write. The workers are forked from this process once WeasyPrint is imported, so
each of them starts with WeasyPrint, the fonts and any assessment already loaded here; each
then renders job after job. The bytes written are exactly those of `make_report` called one
job after another (the same function runs, in another process). A job that fails does not
stop the others: its problem lines are collected and the batch goes on.

Where the operating system cannot fork (Windows, and macOS by default), or with one worker,
the jobs run one after another in this process.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from .errors import AssessorError, Problem
from .pipeline import AssessmentResult, by_unit, run_assessment, workspace_library

T = TypeVar("T")
R = TypeVar("R")

__all__ = [
    "BatchOutcome", "Job", "default_workers", "load_for_units", "map_parallel", "plan_reports", "remember",
    "run_batch", "target_of",
]  # fmt: skip


@dataclass(frozen=True)
class Job:
    """One report to write. `lang` None means the assessment's own language; `target` None
    means WORKSPACE/reports/KIND-LANG.FMT (with `-UNIT` for a unit's report)."""

    workspace: Path
    kind: str = "executive"
    lang: str | None = None
    fmt: str = "pdf"
    target: Path | None = None
    unit: str | None = None

    @property
    def label(self) -> str:
        return f"{self.workspace} ({self.unit})" if self.unit else str(self.workspace)


@dataclass
class BatchOutcome:
    """What a batch wrote, and which jobs failed with which problem lines."""

    written: list[Path] = field(default_factory=list)
    failures: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass(frozen=True)
class _Settings:
    library_dirs: tuple[Path, ...] = ()
    lenient: bool = False
    force: bool = False


# Assessments already loaded, by (workspace, unit): filled in by the parent before the workers
# fork (they inherit it), and by each worker as it loads a workspace of its own.
_loaded: dict[tuple[Path, str | None], AssessmentResult] = {}


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def remember(workspace: Path, result: AssessmentResult, units: dict[str, AssessmentResult]) -> None:
    """Make `result` and its units' results available to the workers without loading again."""
    root = workspace.resolve()
    _loaded[(root, None)] = result
    _loaded.update({(root, unit): r for unit, r in units.items()})


def load_for_units(
    workspaces: Sequence[Path],
    load: Callable[[Path], AssessmentResult],
    warn: Callable[[str], None],
) -> tuple[dict[Path, list[str]], list[tuple[str, list[str]]]]:
    """Load each workspace here (to learn its units): the units that have a report, by
    workspace, and the workspaces that failed with their problem lines."""
    units: dict[Path, list[str]] = {}
    failures: list[tuple[str, list[str]]] = []
    for ws in workspaces:
        try:
            result = load(ws)
        except AssessorError as exc:
            failures.append((str(ws), exc.lines()))
            continue
        for unit in result.scores.groupings["unit"].merged:
            where = result.workspace.path / "assessment.yaml"
            note = (
                f"unit '{unit}': merged into 'others' to keep every group to at least "
                f"{result.workspace.assessment.scoring.min_group} respondents, so it has no report"
            )
            warn(str(Problem.at(where, note, severity="warning")))
        scored = {}
        for unit, r in by_unit(result).items():
            if r.scores.score is None:  # nothing scored there: no report rather than a wrong one
                where = result.workspace.path / "responses"
                note = f"unit '{unit}': no answer has been scored, so it has no report"
                warn(str(Problem.at(where, note, severity="warning")))
            else:
                scored[unit] = r
        remember(ws, result, scored)
        units[ws] = list(scored)
    return units, failures


def plan_reports(
    workspaces: Iterable[Path],
    *,
    kind: str,
    lang: str | None,
    fmt: str,
    target: Path | None = None,
    units: Mapping[Path, Sequence[str]] | None = None,
) -> list[Job]:
    """One job per workspace (to `target` when one workspace is given), and one per unit listed
    in `units` for that workspace, named after the whole report's file with `-UNIT`."""
    jobs = []
    for ws in workspaces:
        jobs.append(Job(ws, kind, lang, fmt, target))
        for unit in (units or {}).get(ws, ()):
            jobs.append(Job(ws, kind, lang, fmt, target, unit))
    return jobs


def target_of(job: Job, language: str) -> Path:
    """The file a job writes, once the assessment's language is known."""
    lang = job.lang or language
    base = job.target or job.workspace / "reports" / f"{job.kind}-{lang}.{job.fmt}"
    return base.with_name(f"{base.stem}-{job.unit}{base.suffix}") if job.unit else base


def run_batch(
    jobs: Sequence[Job],
    *,
    library_dirs: Iterable[Path] = (),
    lenient: bool = False,
    force: bool = False,
    workers: int | None = None,
    on_done: Callable[[Job], None] | None = None,
) -> BatchOutcome:
    """Render every job, in parallel where possible; never raises for one job's problems."""
    settings = _Settings(tuple(library_dirs), lenient, force)
    if min(workers or default_workers(), len(jobs)) > 1:
        from .report.engine import import_weasyprint

        import_weasyprint()  # once, here: every worker inherits it
    results = map_parallel(
        functools.partial(render_job, settings=settings), jobs, workers=workers, on_done=on_done
    )
    outcome = BatchOutcome()
    for job, (path, problems) in zip(jobs, results, strict=True):
        if path is not None:
            outcome.written.append(path)
        else:
            outcome.failures.append((job.label, problems))
    return outcome


def map_parallel(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    workers: int | None = None,
    on_done: Callable[[T], None] | None = None,
) -> list[R]:
    """`[fn(item) for item in items]`, in worker processes forked from this one (so they
    inherit what is loaded here), `workers` at once; one after another where the system cannot
    fork or with one worker. `on_done(item)` is called here as each finishes."""
    count = min(workers or default_workers(), len(items))
    if count <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        out = []
        for item in items:
            out.append(fn(item))
            if on_done:
                on_done(item)
        return out
    results: dict[int, R] = {}
    with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork")) as pool:
        futures = {pool.submit(fn, item): index for index, item in enumerate(items)}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            if on_done:
                on_done(items[futures[future]])
    return [results[i] for i in range(len(items))]


def render_job(job: Job, *, settings: _Settings) -> tuple[Path | None, list[str]]:
    """Write one report: (the file written, []) or (None, its problem lines)."""
    from .fsio import write_atomic
    from .report.build import make_report

    try:
        result = _result(job, settings)
        path = target_of(job, result.workspace.assessment.language)
        if path.exists() and not settings.force:
            raise AssessorError(f"{path}: already exists (use --force to replace it)")
        lang = job.lang or result.workspace.assessment.language
        dirs = [*settings.library_dirs, *workspace_library(result.workspace.path)]
        data = make_report(result, lang=lang, kind=job.kind, fmt=job.fmt, library_dirs=dirs)
        write_atomic(path, data, force=True)
        return path, []
    except AssessorError as exc:
        return None, exc.lines()


def _result(job: Job, settings: _Settings) -> AssessmentResult:
    key = (job.workspace.resolve(), job.unit)
    if key not in _loaded:
        whole = _loaded.get((key[0], None))
        if whole is None:
            whole = run_assessment(
                job.workspace, library_dirs=settings.library_dirs, lenient=settings.lenient
            )
            _loaded[(key[0], None)] = whole
        if job.unit is not None:
            units = by_unit(whole)
            if job.unit not in units:
                raise AssessorError(f"{job.workspace}: unit '{job.unit}' has no respondents")
            _loaded.update({(key[0], u): r for u, r in units.items()})
    return _loaded[key]
