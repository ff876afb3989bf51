"""Roadmap planning: from gaps to initiatives in months, a route on the matrix, KPI targets.

Deterministic and pure. The rules (docs/roadmap.md):

1. Needs. A dimension with a positive gap needs the level steps from floor(score) up to the
   target (step 1 = level 1→2, 2 = 2→3, 3 = 3→4), each carrying the dimension's priority.
   The strategy matrix is a position, not a maturity: its dimensions have no needs.
2. Choice. Needs are taken by priority; an uncovered need gets the catalogue initiative (of
   those that suit the company's size) that covers the most outstanding priority (ties: smaller
   effort, then id). An initiative covers (dimension, step) only for the dimensions it names
   at its one step.
3. Programme order. Everything an initiative's `after:` reaches (through initiatives not
   planned) that is planned must end before it starts; one not planned is added when the
   company has not yet reached the level it delivers on its dimensions. A capability
   prerequisite is met by a planned initiative raising it through the step below, or an added
   one. An initiative for step s of a dimension waits for those doing step s−1 of it.
4. Months. In dependency order (most important first, importance passed down to what it
   waits for), each starts when all it waits for has ended, in the first phase from then on
   that has capacity left (S=1, M=2, L=3 effort points); its phase is the phase it starts in;
   what cannot start within 24 months goes to the backlog.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field

from .gaps import Gap
from .initiative_checks import raised_capabilities
from .kpis import Kpi
from .loading import Library
from .models import Framework, Initiative
from .roadmap_kpis import KpiTarget, kpi_targets
from .strategy import StrategyPosition

__all__ = [
    "BACKLOG", "EFFORT_POINTS", "PHASES", "KpiTarget", "Planned", "Roadmap", "plan_initiatives",
    "plan_roadmap",
]  # fmt: skip

PHASES: list[tuple[int, int]] = [(0, 3), (3, 6), (6, 12), (12, 24)]
EFFORT_POINTS = {"S": 1, "M": 2, "L": 3}
BACKLOG = len(PHASES)
HORIZON = PHASES[-1][1]
DEFAULT_SIZE = "mid"

Need = tuple[str, int]  # (dimension path, step)


@dataclass(frozen=True)
class Planned:
    """An initiative in the roadmap, with the months it runs."""

    initiative: Initiative
    phase: int  # the phase it starts in (index into PHASES); BACKLOG when it did not fit
    covers: list[Need]
    priority: float  # the priority of the gaps it closes; 0 for a prerequisite only
    after: list[str]  # initiative ids it waits for
    start_month: int | None = None  # None in the backlog
    unblocks: list[str] = field(default_factory=list)  # planned initiatives that wait for it

    @property
    def end_month(self) -> int | None:
        return None if self.start_month is None else self.start_month + self.initiative.months

    @property
    def quick_win(self) -> bool:
        """A small initiative that ends inside the first phase."""
        end = self.end_month
        return self.initiative.effort == "S" and end is not None and end <= PHASES[0][1]


@dataclass(frozen=True)
class Roadmap:
    """The plan: initiatives by month, the matrix route, KPI targets, what could not be met."""

    items: list[Planned]
    route: list[str]
    route_id: str | None
    target_position: str | None
    kpi_targets: list[KpiTarget]
    unmet: list[Need] = field(default_factory=list)
    size: str = DEFAULT_SIZE

    def phase(self, index: int) -> list[Planned]:
        return [p for p in self.items if p.phase == index]

    @property
    def quick_wins(self) -> list[Planned]:
        return [p for p in self.items if p.quick_win]


def _needs(gaps: list[Gap], positions: set[str]) -> dict[Need, float]:
    needs: dict[Need, float] = {}
    for g in gaps:
        if g.gap <= 0 or g.framework in positions:
            continue
        base = min(3, max(1, math.floor(g.current + 1e-9)))
        top = max(base + 1, min(4, math.ceil(g.target - 1e-9)))
        for step in range(base, top):
            needs[(g.path, step)] = g.priority
    return needs


def _covered(item: Initiative, needs: Iterable[Need]) -> list[Need]:
    return sorted((p, s) for p, s in needs if s == item.step and p in item.dimensions)


def _choose(needs: dict[Need, float], catalogue: list[Initiative]) -> dict[str, list[Need]]:
    chosen: dict[str, list[Need]] = {}
    open_needs = dict(needs)
    for need in sorted(needs, key=lambda n: (-needs[n], n)):
        if need not in open_needs:
            continue
        candidates = [i for i in catalogue if _covered(i, [need])]
        if not candidates:
            continue
        best = min(
            candidates,
            key=lambda i: (
                -sum(open_needs[n] for n in _covered(i, open_needs)),
                EFFORT_POINTS[i.effort],
                i.id,
            ),
        )
        covered = _covered(best, open_needs)
        chosen[best.id] = covered
        for n in covered:
            open_needs.pop(n)
    return chosen


@dataclass
class _Plan:
    """What the planner works on: the catalogue as it applies to this company."""

    items: dict[str, Initiative]  # the whole library, for walking `after:`
    fits: set[str]  # ids that suit the company's size
    frameworks: dict[str, Framework]
    current: dict[str, float]  # dimension path → score
    needs: dict[Need, float]

    def reached(self, item: Initiative) -> bool:
        """Whether the company already has the level `item` delivers on its dimensions."""
        scores = [self.current[p] for p in item.dimensions if p in self.current]
        return not scores or statistics.fmean(scores) >= item.step + 1 - 1e-9

    def capability(self, cap: str) -> float:
        scores = [
            score
            for path, score in self.current.items()
            if cap in _dimension_caps(self.frameworks, path)
        ]
        return statistics.fmean(scores) if scores else 0.0

    def upstream(self, ident: str) -> list[str]:
        """Everything `after:` reaches from `ident` through initiatives that suit the company."""
        seen: list[str] = []
        todo = list(self.items[ident].after)
        while todo:
            other = todo.pop(0)
            if other in seen or other not in self.fits:
                continue
            seen.append(other)
            todo += self.items[other].after
        return seen


def _dimension_caps(frameworks: dict[str, Framework], path: str) -> list[str]:
    fw_id, _, dim_id = path.partition("/")
    fw = frameworks.get(fw_id)
    dim = next((d for d in fw.dimensions if d.id == dim_id), None) if fw else None
    return list(dim.capabilities) if dim else []


def _providers(plan: _Plan, ids: Iterable[str], capability: str, level: int) -> list[str]:
    return [
        i
        for i in ids
        if plan.items[i].step == level - 1
        and capability in raised_capabilities(plan.items[i], plan.frameworks)
    ]


def _close(chosen: dict[str, list[Need]], plan: _Plan) -> None:
    """Add what the programme order and the prerequisites call for that is not planned yet."""
    pending = sorted(chosen)
    while pending:
        ident = pending.pop(0)
        extra = [
            other
            for other in plan.upstream(ident)
            if other not in chosen and not plan.reached(plan.items[other])
        ]
        for pre in plan.items[ident].prerequisites:
            if plan.capability(pre.capability) >= pre.level or _providers(
                plan, chosen, pre.capability, pre.level
            ):
                continue
            options = _providers(plan, sorted(plan.fits), pre.capability, pre.level)
            options.sort(key=lambda i: (EFFORT_POINTS[plan.items[i].effort], i))
            extra += options[:1]
        for other in extra:
            if other not in chosen:
                chosen[other] = _covered(plan.items[other], plan.needs)
                pending.append(other)


def _waits(
    chosen: dict[str, list[Need]], plan: _Plan
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Per planned initiative: what it must wait for (`after:`), and what it should wait for."""
    hard: dict[str, set[str]] = {}
    soft: dict[str, set[str]] = {}
    for ident in chosen:
        item = plan.items[ident]
        hard[ident] = {o for o in plan.upstream(ident) if o in chosen and o != ident}
        deps = {
            p
            for pre in item.prerequisites
            if plan.capability(pre.capability) < pre.level
            for p in _providers(plan, chosen, pre.capability, pre.level)
        }
        deps |= {
            o
            for o in chosen
            if plan.items[o].step == item.step - 1
            and set(plan.items[o].dimensions) & set(item.dimensions)
        }
        soft[ident] = deps - hard[ident] - {ident}
    return hard, soft


def _order(
    chosen: dict[str, list[Need]],
    waits: dict[str, set[str]],
    hard: dict[str, set[str]],
    needs: dict[Need, float],
) -> dict[str, tuple[int, float, str]]:
    """Which ready initiative is placed first: the one most others wait for by `after:` (the
    programme's foundations), then the one whose own gaps, or those of what waits for it,
    matter most."""
    rank = {i: sum(needs.get(n, 0.0) for n in chosen[i]) for i in chosen}
    changed = True
    while changed:
        changed = False
        for ident, deps in waits.items():
            for dep in deps:
                if rank[dep] < rank[ident]:
                    rank[dep], changed = rank[ident], True
    waiting: dict[str, set[str]] = {i: set() for i in chosen}
    for ident in chosen:
        todo = list(hard[ident])
        while todo:
            dep = todo.pop()
            if ident not in waiting[dep] and dep != ident:
                waiting[dep].add(ident)
                todo += hard[dep]
    return {i: (-len(waiting[i]), -rank[i], i) for i in chosen}


def _schedule(
    chosen: dict[str, list[Need]],
    hard: dict[str, set[str]],
    soft: dict[str, set[str]],
    plan: _Plan,
    capacity: list[int],
) -> list[Planned]:
    left = [capacity[i] if i < len(capacity) else 0 for i in range(len(PHASES))]
    waits = {i: hard[i] | soft[i] for i in chosen}
    order = _order(chosen, waits, hard, plan.needs)
    start: dict[str, int | None] = {}
    waited: dict[str, set[str]] = {}
    while len(start) < len(chosen):
        ready = [i for i in chosen if i not in start and waits[i] <= set(start)]
        if not ready:  # soft waits form a loop: release what only `after:` holds back
            ready = [i for i in chosen if i not in start and hard[i] <= set(start)]
        ident = min(ready, key=order.__getitem__)
        item = plan.items[ident]
        waited[ident] = waits[ident] & set(start)
        ends = [_end(plan, d, start[d]) for d in waited[ident]]
        known = [e for e in ends if e is not None]
        start[ident] = (
            _start(max(known, default=0), item.effort, left) if len(known) == len(ends) else None
        )
    planned = [
        Planned(
            plan.items[i],
            _phase_of(start[i]),
            chosen[i],
            sum(plan.needs.get(n, 0.0) for n in chosen[i]),
            _direct(i, waited),
            start[i],
            sorted(o for o in chosen if i in waited[o]),
        )
        for i in start  # in the order they were placed
    ]
    # by start month; those starting together in the order they were placed
    return sorted(planned, key=lambda p: (p.start_month is None, p.start_month or 0))


def _direct(ident: str, waited: dict[str, set[str]]) -> list[str]:
    """What `ident` waits for, without what one of those already waits for (transitively)."""
    below: set[str] = set()
    todo = [d for w in waited[ident] for d in waited[w]]
    while todo:
        other = todo.pop()
        if other not in below:
            below.add(other)
            todo += waited[other]
    return sorted(waited[ident] - below)


def _end(plan: _Plan, ident: str, start: int | None) -> int | None:
    return None if start is None else start + plan.items[ident].months


def _phase_of(month: int | None) -> int:
    if month is None:
        return BACKLOG
    return next(n for n, (begin, end) in enumerate(PHASES) if begin <= month < end)


def _start(earliest: int, effort: str, left: list[int]) -> int | None:
    """The first month from `earliest` in a phase with room for the effort; takes the room."""
    cost = EFFORT_POINTS[effort]
    for index, (begin, end) in enumerate(PHASES):
        if end > earliest and left[index] >= cost:
            left[index] -= cost
            return max(begin, earliest)
    return None


def plan_initiatives(
    gaps: list[Gap], library: Library, capacity: list[int], size: str | None = None
) -> tuple[list[Planned], list[Need]]:
    """The initiatives in months for a company of `size`, and the needs nothing covers."""
    items = library.initiatives
    positions = {fw.id for fw in library.frameworks.values() if fw.matrix is not None}
    needs = _needs(gaps, positions)
    fits = {i for i, item in items.items() if (size or DEFAULT_SIZE) in item.sizes}
    current = {g.path: g.current for g in gaps if g.framework not in positions}
    plan = _Plan(items, fits, dict(library.frameworks), current, needs)
    chosen = _choose(needs, [items[i] for i in sorted(fits)])
    _close(chosen, plan)
    hard, soft = _waits(chosen, plan)
    covered = {n for ns in chosen.values() for n in ns}
    return _schedule(chosen, hard, soft, plan, capacity), sorted(
        n for n in needs if n not in covered
    )


def plan_roadmap(
    gaps: list[Gap], library: Library, frameworks: list[Framework], strategy: StrategyPosition, kpis: list[Kpi],
    capacity: list[int], size: str | None = None,
) -> Roadmap:  # fmt: skip
    """Plan the roadmap from the gap analysis, for a company of `size` (small, mid, large); the
    target position and route come from the strategy position (assessor/context.py)."""
    planned, unmet = plan_initiatives(gaps, library, capacity, size)
    moved: set[str] = {k for p in planned for k in p.initiative.kpis}
    return Roadmap(
        planned, strategy.route, strategy.route_id, strategy.target, kpi_targets(kpis, moved), unmet,
        size or DEFAULT_SIZE,
    )  # fmt: skip
