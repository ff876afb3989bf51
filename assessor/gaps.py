"""Gap analysis: each dimension's score against its target, ranked by priority.

Targets come from, in order: a per-dimension override in assessment.yaml; the target profile
(its own per-dimension targets, then its default); with `profile: respondents`, the median of
respondents' own targets for the dimension; where nobody gave one, the mean of the `target`s
its questions carry in the questionnaire; else 3.0.

    gap      = target − current           (negative: ahead of target)
    priority = max(gap, 0) × relative weight × importance
    order: priority (highest first), then gap (largest first), then framework/dimension path

    relative weight = the dimension's weight ÷ the mean weight in its framework
    importance      = mean importance rating (1–5) of its questions ÷ 3   (1.0 when unrated)

The strategy matrix's dimensions have no gap: the matrix is a position (strategy.py).
A capability's figures are the means over the dimensions whose main (first listed) capability
it is (`CapabilityRow`), the same in every output.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass

from .loading import Library
from .scoring import Scores
from .workspace import Workspace

__all__ = ["CapabilityRow", "Gap", "analyse_gaps", "capability_view"]

DEFAULT_TARGET = 3.0


@dataclass(frozen=True)
class Gap:
    """Current versus target for one dimension."""

    framework: str
    dimension: str
    current: float
    target: float
    gap: float
    priority: float
    importance: float
    weight: float

    @property
    def path(self) -> str:
        return f"{self.framework}/{self.dimension}"

    @property
    def strength(self) -> bool:
        """Ahead of target: a gap below zero (a gap of exactly zero is 'on target')."""
        return self.gap < 0


@dataclass(frozen=True)
class CapabilityRow:
    """One capability across the frameworks in scope.

    A dimension's first listed capability is its main one. The capability's figures come from
    the dimensions whose main capability it is (`main`); the others that name it (`also`) touch
    it on the side and are shown beside it, not counted. A capability that is no scored
    dimension's main one is counted over every dimension naming it (`fallback`).
    """

    capability: str
    entries: list[Gap]  # every scored dimension naming it, in framework order
    main: list[Gap]  # those whose main capability it is

    @property
    def fallback(self) -> bool:
        """No scored dimension has it as its main capability: every one naming it counts."""
        return not self.main and bool(self.entries)

    @property
    def counted(self) -> list[Gap]:
        """The dimensions its figures come from."""
        return self.main or self.entries

    @property
    def also(self) -> list[Gap]:
        """The dimensions that name it as a secondary capability: shown, not counted."""
        main = {g.path for g in self.main}
        return [g for g in self.entries if g.path not in main] if main else []

    @property
    def mean(self) -> float | None:
        """Its current score: the mean of its counted dimensions' scores."""
        return statistics.fmean(g.current for g in self.counted) if self.counted else None

    @property
    def target(self) -> float | None:
        return statistics.fmean(g.target for g in self.counted) if self.counted else None

    @property
    def priority(self) -> float | None:
        """The mean of its counted dimensions' priorities, so a capability many frameworks
        describe does not outweigh the others."""
        return statistics.fmean(g.priority for g in self.counted) if self.counted else None


def _per_dimension_answers(
    ws: Workspace, field: str
) -> dict[str, dict[str, list[tuple[float, float]]]]:
    """dimension path → respondent → (answer's `field`, weight) for answers that give one."""
    index = ws.questionnaire.question_index()
    out: dict[str, dict[str, list[tuple[float, float]]]] = defaultdict(lambda: defaultdict(list))
    for sheet in ws.sheets:
        for qid, answer in sheet.answers.items():
            value = getattr(answer, field)
            question = index.get(qid)
            if value is None or question is None or question.type == "text":
                continue
            for m in question.maps_to:
                out[m.dimension][sheet.respondent.id].append((float(value), m.weight))
    return out


def _question_targets(ws: Workspace) -> dict[str, float]:
    """dimension path → mean of its questions' own `target`s, weighted as in `maps_to`."""
    parts: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for question in ws.questionnaire.questions():
        if question.type != "text" and question.target is not None:
            target = question.target
            for m in question.maps_to:
                parts[m.dimension].append((float(target), m.weight))
    return {p: sum(t * w for t, w in e) / sum(w for _, w in e) for p, e in parts.items()}


def _targets(ws: Workspace) -> dict[str, float]:
    own = _per_dimension_answers(ws, "target")
    designed = _question_targets(ws)
    targets: dict[str, float] = {}
    for fw in ws.frameworks:
        for dim in fw.dimensions:
            path = f"{fw.id}/{dim.id}"
            if path in ws.assessment.target.overrides:
                targets[path] = ws.assessment.target.overrides[path]
            elif ws.profile is not None:
                targets[path] = ws.profile.target(path)
            else:
                means = [
                    sum(v * w for v, w in e) / sum(w for _, w in e) for e in own[path].values()
                ]
                fallback = designed.get(path, DEFAULT_TARGET)
                targets[path] = statistics.median(means) if means else fallback
    return targets


def analyse_gaps(ws: Workspace, scores: Scores) -> list[Gap]:
    """Every scored dimension's gap, highest priority first."""
    targets = _targets(ws)
    ratings = _per_dimension_answers(ws, "importance")
    gaps = []
    for fw in ws.frameworks:
        if fw.matrix is not None:  # a position, not a practice to close a gap on
            continue
        mean_weight = statistics.fmean(d.weight for d in fw.dimensions)
        for dim in fw.dimensions:
            path = f"{fw.id}/{dim.id}"
            current = scores.dimension(path).score
            if current is None:
                continue
            rated = [v for e in ratings[path].values() for v, _ in e]
            importance = statistics.fmean(rated) / 3.0 if rated else 1.0
            weight = dim.weight / mean_weight
            gap = targets[path] - current
            priority = max(gap, 0.0) * weight * importance
            gaps.append(
                Gap(fw.id, dim.id, current, targets[path], gap, priority, importance, weight)
            )
    return sorted(gaps, key=lambda g: (-g.priority, -g.gap, g.path))


def capability_view(gaps: list[Gap], ws: Workspace, library: Library) -> list[CapabilityRow]:
    """Line up each capability across the frameworks in scope (the strategy matrix has no gaps,
    so it takes no part): the scored dimensions naming it, and those whose main capability
    (the first listed) it is."""
    if library.capabilities is None:
        return []
    by_path = {g.path: g for g in gaps}
    rows = []
    for cap in library.capabilities.capabilities:
        named = [
            (by_path[f"{fw.id}/{d.id}"], d.main_capability == cap.id)
            for fw in ws.frameworks
            for d in fw.dimensions
            if cap.id in d.capabilities and f"{fw.id}/{d.id}" in by_path
        ]
        rows.append(CapabilityRow(cap.id, [g for g, _ in named], [g for g, m in named if m]))
    return rows
