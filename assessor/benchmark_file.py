"""The peer benchmark file (`peers.json`): its model, JSON Schema, reading and writing.

data = build_from_workspaces([Path("clients/a"), ...])   # summaries made in parallel
benchmark = load_benchmark(Path("peers.json"))           # BenchmarkError lines if wrong
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field

from .benchmark import FORMAT, MIN_GROUP, CompanySummary, build_benchmark, summarise
from .errors import AssessorError, Problem, ResponseError
from .loading import Library, load_library, validate_as
from .models.common import StrictModel
from .pipeline import AssessmentResult
from .yamlsource import parse_yaml

__all__ = [
    "BenchmarkFile", "benchmark_schema", "build_from_workspaces", "load_benchmark", "peer_profile",
]  # fmt: skip


class Distribution(StrictModel):
    """Percentiles of the companies' scores for one dimension, capability or overall."""

    n: int = Field(ge=MIN_GROUP, description="Companies with a score for it.")
    p10: float = Field(ge=1, le=4, description="10th percentile.")
    p25: float = Field(ge=1, le=4, description="Lower quartile.")
    p50: float = Field(ge=1, le=4, description="Median.")
    p75: float = Field(ge=1, le=4, description="Upper quartile.")
    p90: float = Field(ge=1, le=4, description="90th percentile.")


class Group(StrictModel):
    """The companies sharing one value of one grouping (or all of them)."""

    by: Literal["all", "industry", "company_size", "market"] = Field(description="Grouping.")
    value: str = Field(description="Its value, e.g. 'retail'; 'all' for all companies.")
    companies: int = Field(description=f"Companies in the group (at least {MIN_GROUP}).")
    overall: Distribution | None = Field(description="Overall scores.")
    dimensions: dict[str, Distribution] = Field(description="framework/dimension → scores.")
    capabilities: dict[str, Distribution] = Field(description="capability id → scores.")


class BenchmarkFile(StrictModel):
    """A peer benchmark from `crm-assess benchmark build`: no names, no respondents."""

    format: Literal["crm-assess-benchmark/2"] = Field(description="File format and version.")
    built: str = Field(description="Date it was built (YYYY-MM-DD).")
    min_group: int = Field(ge=MIN_GROUP, description="Smallest group published.")
    companies: int = Field(ge=0, description="Companies in the benchmark.")
    groups: list[Group] = Field(description="Published groups.")


def benchmark_schema() -> str:
    return json.dumps(BenchmarkFile.model_json_schema(), ensure_ascii=False, indent=2) + "\n"


def load_benchmark(path: Path) -> BenchmarkFile:
    """Read and check a benchmark file; ResponseError with one line per problem."""
    doc, problems = parse_yaml(path)
    if doc is None or problems:
        raise ResponseError(problems or [Problem.at(path, "cannot read the benchmark")])
    if isinstance(doc.data, dict) and doc.data.get("format") != FORMAT:
        found = doc.data.get("format")
        raise ResponseError([doc.problem(("format",), f"a benchmark of format {found!r}; this "
                                         f"version of crm-assess reads {FORMAT!r}")])  # fmt: skip
    small = [
        doc.problem(("groups", i, "companies"), f"group {g.get('by')}={g.get('value')} has "
                    f"{g.get('companies')} companies; a benchmark publishes groups of at least "
                    f"{MIN_GROUP}")
        for i, g in enumerate(doc.data.get("groups") or [] if isinstance(doc.data, dict) else [])
        if isinstance(g, dict) and isinstance(g.get("companies"), int) and g["companies"] < MIN_GROUP
    ]  # fmt: skip
    model, more = validate_as(BenchmarkFile, doc)
    if small or more or model is None:
        raise ResponseError(small + [p for p in more if "companies" not in p.location] or more)
    return model


def build_from_workspaces(
    workspaces: Sequence[Path],
    *,
    built: str,
    library_dirs: Sequence[Path] = (),
    workers: int | None = None,
    on_done: Callable[[Path], None] | None = None,
) -> tuple[dict[str, Any], list[tuple[str, list[str]]]]:
    """The benchmark of the workspaces that load, and the failures (label, problem lines)."""
    from .batch import map_parallel

    dirs = tuple(library_dirs)
    _library(dirs)  # loaded once here, before the workers fork
    jobs = [(ws, dirs) for ws in workspaces]
    done = (lambda job: on_done(job[0])) if on_done else None
    outcomes = map_parallel(_summary, jobs, workers=workers, on_done=done)
    summaries: list[CompanySummary] = []
    failures: list[tuple[str, list[str]]] = []
    for ws, (summary, lines) in zip(workspaces, outcomes, strict=True):
        if summary is None:
            failures.append((str(ws), lines))
        else:
            summaries.append(summary)
    return build_benchmark(summaries, built=built), failures


def _summary(job: tuple[Path, tuple[Path, ...]]) -> tuple[CompanySummary | None, list[str]]:
    from .pipeline import run_assessment, workspace_library

    ws, library_dirs = job
    try:
        library = _library((*library_dirs, *workspace_library(ws)))
        return summarise(run_assessment(ws, library=library)), []
    except AssessorError as exc:
        return None, exc.lines()


@functools.lru_cache(maxsize=8)
def _library(dirs: tuple[Path, ...]) -> Library:
    return load_library(list(dirs))


def peer_profile(benchmark: BenchmarkFile, result: AssessmentResult, *, source: str) -> str:
    """The YAML of a target profile `peers-q3`: per dimension, the upper quartile of the peer
    group the client belongs to (its industry, else size, else market, else all companies)."""
    from .benchmark import group_for
    from .models.assessment import Profile

    summary = summarise(result)
    group = group_for(benchmark.model_dump(), summary.context)
    if group is None:
        raise ResponseError(f"{source}: no published group of peers for this client")
    overall = group["overall"]["p75"] if group["overall"] else 3.0
    targets = {path: round(d["p75"], 2) for path, d in group["dimensions"].items()}
    where = "all companies" if group["by"] == "all" else f"{group['by']} {group['value']}"
    data = {
        "kind": "profile", "id": "peers-q3",
        "name": {"en": f"Peers' upper quartile ({where})",
                 "vi": f"Tứ phân vị trên của nhóm tương đồng ({where})"},
        "description": {
            "en": f"The score a quarter of {group['companies']} peer companies reach ({source}).",
            "vi": f"Mức điểm mà một phần tư trong {group['companies']} doanh nghiệp tương đồng "
            f"đạt được ({source}).",
        },
        "default": round(overall, 2), "targets": targets,
    }  # fmt: skip
    Profile.model_validate(data)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
