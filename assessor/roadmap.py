"""Roadmap planning: from gaps to initiatives in phases, a route on the matrix, KPI targets.

Deterministic and pure. The rules (docs/roadmap.md):

1. Needs. A dimension with a positive gap needs the level steps from floor(score) up to the
   target (step 1 = level 1→2, 2 = 2→3, 3 = 3→4), each carrying the dimension's priority.
2. Choice. Needs are taken by priority; an uncovered need gets the catalogue initiative that
   covers the most outstanding priority (ties: smaller effort, then id).
3. Prerequisites. An initiative needing capability C at level L waits for a chosen initiative
   raising C through step L−1, unless C's dimensions already average L; a missing provider is
   added from the catalogue. An initiative for step s of a capability also waits for those
   doing step s−1 of it.
4. Phases. In dependency order (highest priority first among those ready), each initiative
   goes into the earliest phase after everything it waits for that still has capacity
   (S=1, M=2, L=3 effort points); what fits nowhere goes to the backlog after 24 months.
"""

from __future__ import annotations

import heapq
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from .gaps import Gap
from .kpis import Kpi
from .loading import Library
from .models import Framework, Initiative
from .strategy import StrategyPosition

__all__ = ["PHASES", "KpiTarget", "Planned", "Roadmap", "plan_roadmap"]

PHASES: list[tuple[int, int]] = [(0, 3), (3, 6), (6, 12), (12, 24)]
EFFORT_POINTS = {"S": 1, "M": 2, "L": 3}
BACKLOG = len(PHASES)

Need = tuple[str, int]  # (dimension path, step)


@dataclass(frozen=True)
class Planned:
    """An initiative in the roadmap."""

    initiative: Initiative
    phase: int  # index into PHASES; BACKLOG when it did not fit
    covers: list[Need]
    priority: float
    after: list[str]  # initiative ids it waits for


@dataclass(frozen=True)
class KpiTarget:
    """Where a KPI should be after 12 and 24 months."""

    id: str
    current: float
    in_12_months: float
    in_24_months: float
    unit: str


@dataclass(frozen=True)
class Roadmap:
    """The plan: initiatives by phase, the matrix route, KPI targets, what could not be met."""

    items: list[Planned]
    route: list[str]
    route_id: str | None
    target_position: str | None
    kpi_targets: list[KpiTarget]
    unmet: list[Need] = field(default_factory=list)

    def phase(self, index: int) -> list[Planned]:
        return [p for p in self.items if p.phase == index]


def _needs(gaps: list[Gap]) -> dict[Need, float]:
    needs: dict[Need, float] = {}
    for g in gaps:
        if g.gap <= 0:
            continue
        base = min(3, max(1, math.floor(g.current + 1e-9)))
        top = max(base + 1, min(4, math.ceil(g.target - 1e-9)))
        for step in range(base, top):
            needs[(g.path, step)] = g.priority
    return needs


def _covers(item: Initiative, need: Need, caps_of: dict[str, list[str]]) -> bool:
    path, step = need
    if step not in item.steps:
        return False
    return path in item.dimensions or any(c in item.capabilities for c in caps_of.get(path, []))


def _choose(
    needs: dict[Need, float], library: Library, caps_of: dict[str, list[str]]
) -> dict[str, list[Need]]:
    chosen: dict[str, list[Need]] = {}
    open_needs = dict(needs)
    catalogue = sorted(library.initiatives.values(), key=lambda i: i.id)
    for need in sorted(needs, key=lambda n: (-needs[n], n)):
        if need not in open_needs:
            continue
        candidates = [i for i in catalogue if _covers(i, need, caps_of)]
        if not candidates:
            continue
        best = max(
            candidates,
            key=lambda i: (
                sum(p for n, p in open_needs.items() if _covers(i, n, caps_of)),
                -EFFORT_POINTS[i.effort],
            ),
        )
        covered = [n for n in open_needs if _covers(best, n, caps_of)]
        chosen[best.id] = chosen.get(best.id, []) + covered
        for n in covered:
            open_needs.pop(n)
    return chosen


def _capability_levels(gaps: list[Gap], caps_of: dict[str, list[str]]) -> dict[str, float]:
    scores: dict[str, list[float]] = defaultdict(list)
    for g in gaps:
        for cap in caps_of.get(g.path, []):
            scores[cap].append(g.current)
    return {c: statistics.fmean(v) for c, v in scores.items()}


def _providers(
    chosen: dict[str, list[Need]], library: Library, capability: str, level: int
) -> list[str]:
    items = library.initiatives
    return [
        i for i in chosen if capability in items[i].capabilities and level - 1 in items[i].steps
    ]


def _dependencies(
    chosen: dict[str, list[Need]], library: Library, current: dict[str, float]
) -> dict[str, set[str]]:
    """Initiative id → ids it waits for; adds missing prerequisite providers to `chosen`."""
    items = library.initiatives
    pending = list(chosen)
    while pending:  # first close `chosen` over prerequisites
        for pre in items[pending.pop()].prerequisites:
            if current.get(pre.capability, 0.0) >= pre.level or _providers(
                chosen, library, pre.capability, pre.level
            ):
                continue
            extra = sorted(
                (
                    i
                    for i in items.values()
                    if pre.capability in i.capabilities and pre.level - 1 in i.steps
                ),
                key=lambda i: (EFFORT_POINTS[i.effort], i.id),
            )
            if extra:
                chosen[extra[0].id] = []
                pending.append(extra[0].id)
    waits: dict[str, set[str]] = {}
    for ident in chosen:
        item = items[ident]
        deps = {
            p
            for pre in item.prerequisites
            if current.get(pre.capability, 0.0) < pre.level
            for p in _providers(chosen, library, pre.capability, pre.level)
        }
        for other in chosen:
            o = items[other]
            if any(
                c in o.capabilities and s - 1 in o.steps and s not in o.steps
                for c in item.capabilities
                for s in item.steps
            ):
                deps.add(other)
        deps.discard(ident)
        waits[ident] = deps
    return waits


def _schedule(
    chosen: dict[str, list[Need]],
    waits: dict[str, set[str]],
    priority: dict[str, float],
    library: Library,
    capacity: list[int],
) -> list[Planned]:
    items = library.initiatives
    left = list(capacity)
    indegree = {i: len([d for d in waits[i] if d in chosen]) for i in chosen}
    ready = [(-priority[i], i) for i, n in indegree.items() if n == 0]
    heapq.heapify(ready)
    phase_of: dict[str, int] = {}
    planned: list[Planned] = []
    while len(phase_of) < len(chosen):
        if not ready:  # a dependency cycle: release the most important waiting initiative
            waiting = [i for i in chosen if i not in phase_of]
            heapq.heappush(ready, min((-priority[i], i) for i in waiting))
        _, ident = heapq.heappop(ready)
        if ident in phase_of:
            continue
        item = items[ident]
        earliest = max((phase_of[d] + 1 for d in waits[ident] if d in phase_of), default=0)
        cost = EFFORT_POINTS[item.effort]
        phase = next((p for p in range(earliest, len(PHASES)) if left[p] >= cost), BACKLOG)
        if phase < BACKLOG:
            left[phase] -= cost
        phase_of[ident] = phase
        planned.append(
            Planned(item, phase, sorted(chosen[ident]), priority[ident], sorted(waits[ident]))
        )
        for other, deps in waits.items():
            if ident in deps and other not in phase_of:
                indegree[other] -= 1
                if indegree[other] == 0:
                    heapq.heappush(ready, (-priority[other], other))
    for ident in sorted(set(chosen) - set(phase_of)):  # a cycle: should not happen, never drop work
        planned.append(
            Planned(
                items[ident], BACKLOG, sorted(chosen[ident]), priority[ident], sorted(waits[ident])
            )
        )
    return sorted(planned, key=lambda p: (p.phase, -p.priority, p.initiative.id))


# KPI id → (change after 12 months, after 24, relative?, lower is better?, cap)
KPI_RULES: dict[str, tuple[float, float, bool, bool, float | None]] = {
    "nps": (8, 15, False, False, 100),
    "retention-rate": (3, 5, False, False, 99),
    "churn-rate": (3, 5, False, True, 0),
    "renewal-rate": (5, 10, False, False, 100),
    "mql-sql-conversion": (0.10, 0.20, True, False, 100),
    "share-of-wallet": (3, 6, False, False, 100),
    "cac": (0.10, 0.15, True, True, None),
    "retention-cost": (0.05, 0.10, True, True, None),
    "clv": (0.10, 0.20, True, False, None),
}


def _kpi_targets(kpis: list[Kpi], planned: list[Planned]) -> list[KpiTarget]:
    moved = {k for p in planned for k in p.initiative.kpis}
    out = []
    for kpi in kpis:
        if kpi.value is None or kpi.id not in moved or kpi.id not in KPI_RULES:
            continue
        d12, d24, relative, lower, cap = KPI_RULES[kpi.id]
        sign = -1 if lower else 1
        values = [
            kpi.value * (1 + sign * d) if relative else kpi.value + sign * d for d in (d12, d24)
        ]
        if cap is not None:
            values = [max(v, cap) if lower else min(v, cap) for v in values]
        out.append(KpiTarget(kpi.id, kpi.value, values[0], values[1], kpi.unit))
    return out


def plan_roadmap(
    gaps: list[Gap], library: Library, frameworks: list[Framework], strategy: StrategyPosition, kpis: list[Kpi],
    capacity: list[int],
) -> Roadmap:  # fmt: skip
    """Plan the roadmap from the gap analysis."""
    caps_of = {f"{fw.id}/{d.id}": d.capabilities for fw in frameworks for d in fw.dimensions}
    needs = _needs(gaps)
    chosen = _choose(needs, library, caps_of)
    covered = {n for ns in chosen.values() for n in ns}
    waits = _dependencies(chosen, library, _capability_levels(gaps, caps_of))
    priority = {i: sum(needs.get(n, 0.0) for n in chosen[i]) for i in chosen}
    planned = _schedule(chosen, waits, priority, library, capacity)
    unmet = sorted(n for n in needs if n not in covered)
    targets = _kpi_targets(kpis, planned)
    return Roadmap(planned, strategy.route, strategy.route_id, strategy.target, targets, unmet)
