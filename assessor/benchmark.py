"""A peer benchmark: many assessments turned into anonymous score distributions.

    summaries = [summarise(run_assessment(ws)) for ws in workspaces]
    data = build_benchmark(summaries)            # the JSON of peers.json
    place(result, load_benchmark(path))           # where a client stands among its peers

A company counts once, with its dimension, capability and overall scores (each the mean over
its respondents). The file keeps, per group of companies (all of them; by industry; by company
size; by market, B2B or B2C, from assessment.yaml's `context:`), the number of companies and,
per dimension and capability, the 10th, 25th, 50th, 75th and 90th percentiles of their scores.
No client name, no respondent and no single company's score is written, and a group of fewer
than MIN_GROUP companies is left out altogether. `schemas/benchmark.schema.json` describes it.

A client's percentile among its peers is read off the published points by straight lines
between them: at p10 it is 10, at the median 50, half way between the median and p75 it is
62.5; below p10 it is given as "under 10", above p90 as "over 90" (docs/scoring.md §11).
"""

from __future__ import annotations

import itertools
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .pipeline import AssessmentResult

__all__ = [
    "FORMAT",
    "MIN_GROUP",
    "POINTS",
    "CompanySummary",
    "Standing",
    "build_benchmark",
    "percentile_of",
    "summarise",
]

FORMAT = "crm-assess-benchmark/2"
MIN_GROUP = 5
POINTS = (10, 25, 50, 75, 90)
GROUPINGS = ("industry", "company_size", "market")


@dataclass(frozen=True)
class CompanySummary:
    """What the benchmark keeps of one assessment: its group keys and its scores."""

    context: dict[str, str]  # grouping → value (e.g. industry → retail), for those known
    scores: dict[str, float] = field(default_factory=dict)  # 'overall', a path or 'cap:id'


def summarise(result: AssessmentResult) -> CompanySummary:
    """The company's scores and its context, without its name or any respondent."""
    ctx = getattr(result.workspace.assessment, "context", None)
    keys = {g: str(getattr(ctx, g)) for g in GROUPINGS if getattr(ctx, g, None) is not None}
    scores: dict[str, float] = {}
    if result.scores.score is not None:
        scores["overall"] = result.scores.score
    for d in result.scores.all_dimensions():
        if d.score is not None:
            scores[d.path] = d.score
    for row in result.capabilities:
        if row.mean is not None:
            scores[f"cap:{row.capability}"] = row.mean
    return CompanySummary(keys, scores)


def _quantiles(values: Sequence[float]) -> dict[str, Any]:
    cuts = statistics.quantiles(values, n=20, method="inclusive")  # every 5th percentile
    points = {f"p{p}": round(cuts[p // 5 - 1], 4) for p in POINTS}
    return {"n": len(values), **points}


def _distribution(companies: Sequence[CompanySummary]) -> dict[str, Any]:
    values: dict[str, list[float]] = defaultdict(list)
    for c in companies:
        for key, v in c.scores.items():
            values[key].append(v)
    published = {k: _quantiles(v) for k, v in sorted(values.items()) if len(v) >= MIN_GROUP}
    return {
        "overall": published.get("overall"),
        "dimensions": {k: v for k, v in published.items() if "/" in k},
        "capabilities": {k[4:]: v for k, v in published.items() if k.startswith("cap:")},
    }


def build_benchmark(companies: Sequence[CompanySummary], *, built: str) -> dict[str, Any]:
    """The benchmark file's data: every group with at least MIN_GROUP companies."""
    groups: dict[tuple[str, str], list[CompanySummary]] = {("all", "all"): list(companies)}
    for c in companies:
        for grouping, value in c.context.items():
            groups.setdefault((grouping, value), []).append(c)
    published = []
    for (grouping, value), members in sorted(groups.items()):
        if len(members) >= MIN_GROUP:
            published.append({"by": grouping, "value": value, "companies": len(members),
                              **_distribution(members)})  # fmt: skip
    return {
        "format": FORMAT,
        "built": built,
        "min_group": MIN_GROUP,
        "companies": len(companies),
        "groups": published,
    }


def percentile_of(score: float, dist: dict[str, Any]) -> float:
    """The percentile of `score` among the peers (straight lines between the points);
    below p10 it is 10 at most and above p90 90 at least: the caller says "under"/"over"."""
    pts = [(dist[f"p{p}"], float(p)) for p in POINTS]
    if score <= pts[0][0]:
        return 10.0
    if score >= pts[-1][0]:
        return 90.0
    for (x0, y0), (x1, y1) in itertools.pairwise(pts):
        if x0 <= score <= x1:
            return y0 if x1 == x0 else y0 + (score - x0) / (x1 - x0) * (y1 - y0)
    return 50.0  # not reached: the points are in order


@dataclass(frozen=True)
class Standing:
    """Where one score stands in one peer group."""

    key: str  # 'overall', a dimension path or a capability id
    score: float
    percentile: float
    below: bool  # under p10
    above: bool  # over p90
    median: float
    q1: float
    q3: float
    companies: int


def group_for(data: dict[str, Any], context: dict[str, str]) -> dict[str, Any] | None:
    """The most specific published group the client belongs to: its industry, then its size,
    then its market, then all companies."""
    for grouping in (*GROUPINGS, "all"):
        value = "all" if grouping == "all" else context.get(grouping)
        for g in data["groups"]:
            if g["by"] == grouping and g["value"] == value:
                return dict(g)
    return None


def standings(summary: CompanySummary, group: dict[str, Any]) -> list[Standing]:
    """The client's overall, capability and dimension scores placed in `group`."""
    out = []
    dists: Iterable[tuple[str, dict[str, Any] | None]] = [
        ("overall", group.get("overall")),
        *((f"cap:{k}", v) for k, v in group["capabilities"].items()),
        *group["dimensions"].items(),
    ]
    for key, dist in dists:
        score = summary.scores.get(key)
        if dist is None or score is None:
            continue
        out.append(Standing(
            key.removeprefix("cap:"), score, percentile_of(score, dist), score < dist["p10"],
            score > dist["p90"], dist["p50"], dist["p25"], dist["p75"], dist["n"],
        ))  # fmt: skip
    return out
