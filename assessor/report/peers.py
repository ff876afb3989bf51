"""Where the client stands among its peers, for reports of an assessment naming a `benchmark:`.

    view = peers_view(result, lang)     # None without a benchmark

The peer group is the most specific published one the client belongs to (its industry, then
its company size, then its market, then all companies; `benchmark.group_for`). For the overall
score and every capability: the client's score, the peers' median and quartiles, its percentile
(docs/scoring.md §11) and the number of companies behind each figure. The words are
reports/labels.yaml's (`peers_*`); the template is `_progress.html.j2`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..benchmark import group_for, standings, summarise
from ..benchmark_file import load_benchmark
from ..errors import Problem, ResponseError
from ..pipeline import AssessmentResult
from ..yamlsource import parse_yaml
from .labels import Labels, fmt_num, load_labels

__all__ = ["PeerRow", "PeersView", "peers_view"]


@dataclass(frozen=True)
class PeerRow:
    name: str
    score: str
    median: str
    quartiles: str
    percentile: str
    companies: int


@dataclass(frozen=True)
class PeersView:
    intro: str
    rows: list[PeerRow]


def peers_view(
    result: AssessmentResult, lang: str, labels: Labels | None = None
) -> PeersView | None:
    """The peers section of `result`'s reports, or None when it names no benchmark."""
    name = result.workspace.assessment.benchmark
    if name is None:
        return None
    path = Path(os.path.normpath(result.workspace.path.absolute() / name))
    if not path.is_file():
        raise ResponseError([_problem(result, f"'{name}' is not found: there is no file {path} "
                                      "(a benchmark is relative to the folder of the "
                                      "assessment.yaml naming it)")])  # fmt: skip
    data = load_benchmark(path)
    summary = summarise(result)
    group = group_for(data.model_dump(), summary.context)
    if group is None:
        return None
    words = labels if labels is not None else load_labels(lang)
    lib = result.library
    names = {c.id: c.name[lang] for c in lib.capabilities.capabilities} if lib.capabilities else {}
    names["overall"] = words["overall"]
    rows = []
    for s in standings(summary, group):
        if s.key in names:
            pct = (
                words["peers_under"] if s.below
                else words["peers_over"] if s.above
                else f"{s.percentile:.0f}"
            )  # fmt: skip
            rows.append(PeerRow(
                names[s.key], fmt_num(s.score, lang, 2), fmt_num(s.median, lang, 2),
                f"{fmt_num(s.q1, lang, 2)}–{fmt_num(s.q3, lang, 2)}", pct, s.companies,
            ))  # fmt: skip
    kind = words[f"peers_{group['by']}"] + ("" if group["by"] == "all" else f": {group['value']}")
    intro = words.fill("peers_intro", n=group["companies"], group=kind, built=data.built)
    return PeersView(intro, rows)


def _problem(result: AssessmentResult, message: str) -> Problem:
    """A problem at the `benchmark:` line of the workspace's assessment.yaml."""
    where = result.workspace.path / "assessment.yaml"
    doc, _ = parse_yaml(where)
    if doc is None:
        return Problem.at(where, f"benchmark: {message}")
    return doc.problem(("benchmark",), message)
