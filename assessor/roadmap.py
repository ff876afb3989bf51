"""Roadmap planning: from gaps to initiatives in months, a route on the matrix, KPI targets.

Deterministic and pure. The rules (docs/roadmap.md):

1. Needs. A dimension with a gap of at least MIN_GAP (a quarter level) needs the level steps
   from the level its score stands at (the highest one it is less than MIN_GAP below) up to the
   target (step 1 = level 1→2, 2 = 2→3, 3 = 3→4), each carrying the dimension's priority. The
   strategy matrix is a position, not a maturity: its dimensions have no needs.
2. Progress. In a re-assessment, initiatives of the previous roadmap marked `done` in
   `progress:` are not planned again and count as ended; those `in_progress` are continued:
   planned first, from month 0 for the months left of them, waiting for nothing.
3. Choice. Needs are taken by priority; an uncovered need gets the catalogue initiative (of
   those that suit the company's size and whose level the company has not yet reached: their
   dimensions' mean stands at it; a legal duty is never reached, since a maturity score does
   not show compliance with a law) that
   covers the most outstanding priority (ties: smaller effort, then id). An initiative covers
   (dimension, step) only for the dimensions it names at its one step. One that serves a
   position the client's route leads to (`serves:`) counts its priority twice (ROUTE_WEIGHT).
   A legal duty in force (`urgent:`) is planned with anything else, whatever the scores,
   unless `progress:` marks it done.
   Limit: beyond the most new initiatives the plan holds (by size, or `max_initiatives:`), the
   chosen one of lowest priority (ties: id) that nothing still chosen waits for (after:, with:,
   step, prerequisite), neither continued nor urgent nor starting with a chosen one, is moved
   out with what starts with it, one at a time, to the backlog (LIMIT).
4. Programme order. Everything an initiative's `after:` and `with:` reach (through initiatives
   not planned) that is planned must have ended (`after:`) or started (`with:`; the last link
   of the chain decides) before it starts. What comes right before a planned one is added when
   the company has not yet reached the level it delivers; the walk stops at one reached, unless
   everything it comes right after is planned and what follows it raises a dimension of those
   (a new configuration is piloted again before its rollout). What must follow a planned one
   (`then:`) is added unless reached, and whatever the level when it starts with it (the
   training and champions of a rollout). A capability prerequisite is met by a planned
   initiative raising it through the step below, or an added one. An initiative for step s of a
   dimension waits for those doing step s−1 of it, unless it serves the route and they do not.
5. Months. Capacity is the effort points (S=1, M=2, L=3) that can run at the same time, per
   phase; an initiative counts its points in every month it runs. Continued work first, from
   month 0 for the months left of it (`months_left:` in `progress:`, at most 24, else half its
   length rounded up), whatever the load; then urgent initiatives; then the programme's start
   (tagged `programme-start`: the vision, goals and KPIs, strategy); then the route and the way
   to go-live (what serves the route, the go-live: what other work starts with, and everything
   those wait for, by any wait), the one that would start soonest first (the go-live as soon as
   its waits allow, the others as soon as they also have room); then the rest. Among
   equals, in dependency order (the foundations first, then the most important, importance
   passed down to what it waits for; what starts with another right after it). Each starts in
   the first month from when all it waits for has ended (or, for `with:`, started) at which its
   points fit under the capacity in every month it runs and at which it also ends by month 24
   (a serial schedule). A lead is
   placed with the new work that starts with it (`with:`) and whose other waits are placed, as
   one block: the lead's first month from its earliest at which every one of them, each
   starting with the lead or when its other waits allow and running at least until the lead
   ends, fits under the capacity and ends by month 24. Only an urgent initiative does not wait
   for room: it starts at its earliest month whatever the load, if it ends by month 24. Its
   phase is the phase it starts in; what cannot start and end within 24 months goes to the
   backlog (HORIZON_REASON).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from .gaps import Gap
from .kpis import Kpi
from .loading import Library
from .models import BusinessContext, Framework, Initiative, InitiativeProgress
from .roadmap_choice import (
    EFFORT_POINTS,
    MIN_GAP,
    ROUTE_WEIGHT,
    Need,
    Plan,
    choose,
    close,
    needs_of,
    providers,
    weight,
)
from .roadmap_kpis import KpiTarget, kpi_targets
from .strategy import StrategyPosition

__all__ = [
    "BACKLOG", "CONTINUED", "EFFORT_POINTS", "HORIZON", "HORIZON_REASON", "LIMIT", "MIN_GAP", "NEW",
    "PHASES",
    "ROUTE_WEIGHT",
    "KpiTarget", "Planned", "Roadmap", "months_left", "plan_initiatives", "plan_roadmap",
    "route_positions",
]  # fmt: skip

PHASES: list[tuple[int, int]] = [(0, 3), (3, 6), (6, 12), (12, 24)]
BACKLOG = len(PHASES)
HORIZON = PHASES[-1][1]
DEFAULT_SIZE = "mid"
# the theme that marks the programme's start (the vision, goals and KPIs, the strategy): placed
# first after continued work and legal duties, before the route and the go-live
START = "programme-start"
NEW, CONTINUED = "new", "continued"  # Planned.status: started in this roadmap, or before it
# Planned.backlog_reason: moved out to keep the plan within the most new initiatives it holds,
# or unable to start and end within the 24 months
LIMIT, HORIZON_REASON = "limit", "horizon"


@dataclass(frozen=True)
class Planned:
    """An initiative in the roadmap, with the months it runs."""

    initiative: Initiative
    phase: int  # the phase it starts in (index into PHASES); BACKLOG when it did not fit
    covers: list[Need]
    priority: float  # of the gaps it closes, × ROUTE_WEIGHT on the route; 0 for a prerequisite
    after: list[str]  # initiative ids that must have ended before it starts
    start_month: int | None = None  # None in the backlog
    unblocks: list[str] = field(default_factory=list)  # planned initiatives that wait for it
    with_: list[str] = field(default_factory=list)  # ids that must have started before it starts
    serves_route: bool = False  # it serves a position the client's route leads to
    status: str = NEW  # CONTINUED: in progress since the previous roadmap, from month 0
    measured: bool = True  # False: the questionnaire scores none of its dimensions (check it)
    months_left: int | None = None  # CONTINUED: the months it still runs in this roadmap
    left_assumed: bool = False  # CONTINUED without `months_left:`: half its length, rounded up
    earliest: int | None = None  # the month what it waits for allows; later when it waits for room
    # its length for the company's size; new work that starts with another (`with:`) is
    # stretched to the end of that one when it runs longer
    length: int | None = None
    backlog_reason: str | None = None  # in the backlog: LIMIT or HORIZON_REASON

    @property
    def duration(self) -> int:
        """Its whole length for this company (continued work: as if it started now)."""
        return self.length if self.length is not None else self.initiative.months_for(DEFAULT_SIZE)

    @property
    def months(self) -> int:
        """The months it runs in this roadmap: what is left of continued work, else its length."""
        return self.duration if self.months_left is None else self.months_left

    @property
    def end_month(self) -> int | None:
        return None if self.start_month is None else self.start_month + self.months

    @property
    def prerequisite_only(self) -> bool:
        """It closes no gap itself and is planned because planned work waits for it (work that
        closes no gap and starts with the work it comes with, `with_`, is not a prerequisite)."""
        return not self.covers and bool(self.unblocks)

    @property
    def waited_for_room(self) -> bool:
        """It starts later than what it waits for allows: the work placed before it filled the
        capacity until then."""
        return None not in (self.start_month, self.earliest) and self.start_month != self.earliest

    @property
    def pinned(self) -> bool:
        """New work that does not wait for room: a legal duty (work that starts with another is
        placed with it, as one block that waits for room)."""
        return self.status == NEW and self.initiative.urgent

    def runs_in(self, month: int) -> bool:
        """Whether it runs in `month` (0 = the first month of the roadmap)."""
        start = self.start_month
        return start is not None and start <= month < start + self.months

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
    done: list[Initiative] = field(default_factory=list)  # marked done in `progress:`

    def phase(self, index: int) -> list[Planned]:
        return [p for p in self.items if p.phase == index]

    @property
    def quick_wins(self) -> list[Planned]:
        return [p for p in self.items if p.quick_win]

    def load(self, month: int) -> tuple[int, int]:
        """The effort points running in `month` (0 = the first), and how many of them are
        work under way since the previous roadmap."""
        running = [p for p in self.items if p.runs_in(month)]
        under_way = [p for p in running if p.status == CONTINUED]
        return _points(running), _points(under_way)

    def peak(self, index: int) -> tuple[int, int]:
        """The most effort points running at once in phase `index`, and how many of them are
        work under way at the first month of that peak."""
        begin, end = PHASES[index]
        return max((self.load(m) for m in range(begin, end)), key=lambda load: load[0])

    @property
    def closes_all_gaps_by(self) -> int | None:
        """The month by which the plan's work closes every need an initiative covers, when
        nothing starts in the last phase and nothing waits in the backlog (`unmet` holds the
        needs no initiative covers); None otherwise."""
        if not self.items or self.phase(BACKLOG) or self.phase(len(PHASES) - 1):
            return None
        return max(p.end_month or 0 for p in self.items)


def _points(planned: Iterable[Planned]) -> int:
    return sum(EFFORT_POINTS[p.initiative.effort] for p in planned)


@dataclass
class _Waits:
    """Per planned initiative, what it waits for: `after:` (must have ended), `with:` (must
    have started), and the step and prerequisite waits (should have ended; broken in a loop)."""

    ended: dict[str, set[str]]
    started: dict[str, set[str]]
    soft: dict[str, set[str]]

    def hard(self, ident: str) -> set[str]:
        return self.ended[ident] | self.started[ident]

    def all(self, ident: str) -> set[str]:
        return self.ended[ident] | self.started[ident] | self.soft[ident]


def _waits(chosen: dict[str, list[Need]], plan: Plan) -> _Waits:
    ended: dict[str, set[str]] = {}
    started: dict[str, set[str]] = {}
    soft: dict[str, set[str]] = {}
    for ident in chosen:
        item = plan.items[ident]
        if ident in plan.continued:  # started before this roadmap: it waits for nothing
            ended[ident], started[ident], soft[ident] = set(), set(), set()
            continue
        up = {o: kind for o, kind in plan.upstream(ident, chosen).items() if o in chosen}
        ended[ident] = {o for o, kind in up.items() if kind == "after"}
        started[ident] = {o for o, kind in up.items() if kind == "with"}
        deps = {
            p
            for pre in item.prerequisites
            if not plan.has(pre.capability, pre.level)
            for p in providers(plan, chosen, pre.capability, pre.level)
        }
        on_route = plan.on_route(ident)
        deps |= {
            o
            for o in chosen
            if plan.items[o].step == item.step - 1
            and set(plan.items[o].dimensions) & set(item.dimensions)
            and (plan.on_route(o) or not on_route)  # the route's moves come first
        }
        soft[ident] = deps - ended[ident] - started[ident] - {ident}
    return _Waits(ended, started, soft)


def _limit(
    chosen: dict[str, list[Need]], plan: Plan, most: int | None
) -> list[dict[str, list[Need]]]:
    """Keep at most `most` new initiatives (§3): while more are chosen, move out the one of
    lowest priority (ties: id) that nothing still chosen waits for (`after:`, `with:`, step or
    prerequisite), that is neither continued nor urgent, and that does not start with a chosen
    one; what starts with it goes with it. Returns what was moved out, with its needs, in the
    order it was moved out, one group at a time (a lead, then what starts with it); stops when
    nothing more can be moved out."""
    moved: list[dict[str, list[Need]]] = []
    while most is not None and sum(i not in plan.continued for i in chosen) > most:
        waits = _waits(chosen, plan)
        groups = {  # each one that starts with no chosen one, and what starts with it
            i: {i} | {c for c in chosen if i in waits.started[c]}
            for i in chosen
            if not waits.started[i]
        }
        options = [
            i
            for i, out in groups.items()
            if not any(o in plan.continued or plan.items[o].urgent for o in out)
            and not any(waits.all(o) & out for o in chosen if o not in out)
        ]
        if not options:
            break
        pick = min(options, key=lambda i: (plan.priority(i, chosen[i]), i))
        out = sorted(groups[pick], key=lambda i: (i != pick, i))
        moved.append({ident: chosen.pop(ident) for ident in out})
    return moved


def _order(
    chosen: dict[str, list[Need]], waits: _Waits, plan: Plan
) -> Callable[[str, int | None], tuple[object, ...]]:
    """Which ready initiative is placed first: continued work, an urgent one, then the route
    and the way to go-live (`_leading`), then the one most others wait for by `after:` or
    `with:` (the programme's foundations), then the one whose own gaps, or those of what waits
    for it, matter most (route weight included); among those that start with the same one, the
    most important first."""
    rank = {i: plan.priority(i, chosen[i]) for i in chosen}
    changed = True
    while changed:
        changed = False
        for ident in chosen:
            for dep in waits.all(ident):
                if rank[dep] < rank[ident]:
                    rank[dep], changed = rank[ident], True
    waiting: dict[str, set[str]] = {i: set() for i in chosen}
    for ident in chosen:
        todo = list(waits.hard(ident))
        while todo:
            dep = todo.pop()
            if ident not in waiting[dep] and dep != ident:
                waiting[dep].add(ident)
                todo += waits.hard(dep)
    leading = _leading(chosen, waits, plan)
    key = {i: (i in leading, len(waiting[i]), rank[i]) for i in chosen}
    for ident in _by_start_waits(chosen, waits):  # what runs alongside shares the place of its lead
        key[ident] = max([key[ident], *(key[lead] for lead in waits.started[ident])])
    static = {
        i: (
            i not in plan.continued,
            not plan.items[i].urgent,
            START not in plan.items[i].themes,  # the programme's start: vision, goals, strategy
            not key[i][0],
        )
        for i in chosen
    }
    rest = {i: (-key[i][1], -key[i][2], -rank[i], i) for i in chosen}

    def order(ident: str, earliest: int | None) -> tuple[object, ...]:
        # the route and the way to go-live: the one that would start first, first (`earliest`:
        # for the go-live, when its waits allow; for the rest, when they also have room)
        soonest = HORIZON if earliest is None else earliest
        return (*static[ident], soonest if key[ident][0] else 0, *rest[ident])

    return order


def _leading(chosen: dict[str, list[Need]], waits: _Waits, plan: Plan) -> set[str]:
    """The route and the way to go-live: the initiatives that serve the client's route, the
    go-live (an initiative other planned work starts with, `with:`: the rollout in waves, a
    small firm's SaaS CRM), and everything those wait for, by any wait, transitively."""
    heads = [i for i in chosen if plan.on_route(i)]
    heads += [lead for i in chosen for lead in waits.started[i]]
    leading: set[str] = set()
    while heads:
        ident = heads.pop()
        if ident not in leading:
            leading.add(ident)
            heads += waits.all(ident)
    return leading


def _by_start_waits(chosen: dict[str, list[Need]], waits: _Waits) -> list[str]:
    """The planned initiatives, each after those it starts with (`with:`)."""
    done: list[str] = []
    todo = sorted(chosen)
    while todo:
        ready = [i for i in todo if waits.started[i] <= set(done)]
        done += ready
        todo = [i for i in todo if i not in ready]
    return done


def _schedule(
    chosen: dict[str, list[Need]], waits: _Waits, plan: Plan, capacity: list[int],
    left: Mapping[str, int], size: str,
) -> list[Planned]:  # fmt: skip
    """Place each initiative in months (§5) for a company of `size`; `left` gives the months
    left of continued work where `progress:` says. New work starts and ends within the 24
    months; a lead is placed with the work that starts with it, as one block under the capacity."""
    load = _Load(capacity)
    order = _order(chosen, waits, plan)
    start: dict[str, int | None] = {}
    earliest: dict[str, int | None] = {}  # the month what it waits for allows
    runs: dict[str, int] = {}  # the months each runs in this roadmap
    waited: dict[str, set[str]] = {}

    def allowed(ident: str, waits_on: set[str], skip: str | None = None) -> int | None:
        """When its placed waits `waits_on` (but `skip`) let it start: what it starts with has
        started, the rest has ended; None when one of them is in the backlog."""
        times = []
        for d in waits_on - {skip}:
            begun = start[d]
            times.append(begun if d in waits.started[ident] or begun is None else begun + runs[d])
        known = [t for t in times if t is not None]
        return max(known, default=0) if len(known) == len(times) else None

    def trial(ident: str) -> tuple[int | None, dict[str, tuple[int, int]] | None]:
        """Where `ident` would go if placed next: its earliest start, and the (start, months)
        of it and of what starts with it and is ready to (the block, the more important first);
        None when they cannot start and end within the 24 months."""
        item = plan.items[ident]
        if ident in plan.continued:  # under way: from month 0, whatever the load
            return 0, {ident: (0, months_left(item, left.get(ident), size))}
        soonest = allowed(ident, waits.all(ident) & set(start))
        along: dict[str, int] = {}
        for other in sorted(chosen, key=lambda o: order(o, soonest)):
            if other in start or other == ident or ident not in waits.started[other]:
                continue
            if plan.items[other].urgent or item.urgent or not waits.all(other) <= {*start, ident}:
                continue
            if (month := allowed(other, waits.all(other) & set(start))) is not None:
                along[other] = month
        if soonest is None:
            return None, None
        for first in range(soonest, soonest + 1 if item.urgent else HORIZON):
            spans = block_at(ident, first, along)
            within = all(begin + months <= HORIZON for begin, months in spans.values())
            if within and (item.urgent or load.fits(spans, plan.items)):  # a legal duty: at once
                return soonest, spans
        return soonest, None

    def block_at(lead: str, first: int, along: dict[str, int]) -> dict[str, tuple[int, int]]:
        """(start, months) of the lead at `first` and of what starts with it (`along`: each
        with the month its other waits allow): each runs its length for the company's size,
        and at least until what it starts with has ended."""
        spans: dict[str, tuple[int, int]] = {}
        for ident in [lead, *along]:
            begin = max(first, along.get(ident, first))
            ends = [s + runs[d] for d in waits.started[ident] if (s := start.get(d)) is not None]
            ends += [b + m for d, (b, m) in spans.items() if d in waits.started[ident]]
            own = plan.items[ident].months_for(size)
            spans[ident] = (begin, max([own, *(e - begin for e in ends)]))
        return spans

    heads = {lead for i in chosen for lead in waits.started[i]}  # the go-live: work starts with it

    def could_start(ident: str) -> int | None:
        """The month it would start if placed next (continued work: month 0)."""
        spans = trial(ident)[1]
        return None if spans is None else spans[ident][0]

    while len(start) < len(chosen):
        ready = [i for i in chosen if i not in start and waits.all(i) <= set(start)]
        if not ready:  # soft waits form a loop: release what only `after:`/`with:` hold back
            ready = [i for i in chosen if i not in start and waits.hard(i) <= set(start)]
        # the go-live is placed as soon as its waits allow, the rest as soon as it has room
        ident = min(ready, key=lambda i: order(i, trial(i)[0] if i in heads else could_start(i)))
        soonest, spans = trial(ident)
        waited[ident] = waits.all(ident) & set(start)
        earliest[ident] = soonest
        if spans is None:  # it cannot start and end within the 24 months
            start[ident] = None
            runs[ident] = plan.items[ident].months_for(size)
            continue
        for other, (begin, months) in spans.items():
            if other != ident:
                waited[other] = waits.all(other) & {*start, ident}
                earliest[other] = begin
            start[other], runs[other] = begin, months
        load.take(spans, plan.items)
    after, along_ = _direct(list(start), waited, waits.started)
    planned = [
        Planned(
            plan.items[i], _phase_of(start[i]), chosen[i], plan.priority(i, chosen[i]), after[i],
            start[i], sorted(o for o in chosen if i in waited[o]), along_[i],
            weight(plan.items[i], plan.serving) > 1, CONTINUED if i in plan.continued else NEW,
            plan.measured(plan.items[i]), runs[i] if i in plan.continued else None,
            i in plan.continued and i not in left, earliest[i],
            plan.items[i].months_for(size) if i in plan.continued or i not in runs else runs[i],
            None if start[i] is not None else HORIZON_REASON,
        )
        for i in start  # in the order they were placed
    ]  # fmt: skip
    # by start month; those starting together in the order they were placed
    return sorted(planned, key=lambda p: (p.start_month is None, p.start_month or 0))


class _Load:
    """The effort points running in each month against the capacity of its phase (continued
    work may run past the 24th month: it counts against the last phase's)."""

    def __init__(self, capacity: list[int]) -> None:
        self.limit = [capacity[n] if n < len(capacity) else 0 for n in range(len(PHASES))]
        self.points: dict[int, int] = {}

    def _added(
        self, spans: Mapping[str, tuple[int, int]], items: Mapping[str, Initiative]
    ) -> dict[int, int]:
        added: dict[int, int] = {}
        for ident, (begin, months) in spans.items():
            for m in range(begin, begin + months):
                added[m] = added.get(m, 0) + EFFORT_POINTS[items[ident].effort]
        return added

    def fits(self, spans: Mapping[str, tuple[int, int]], items: Mapping[str, Initiative]) -> bool:
        """Whether the work in `spans` (id → start, months) fits, all of it together, under the
        capacity in every month it runs."""
        return all(
            self.points.get(m, 0) + points <= self.limit[_phase_of(min(m, HORIZON - 1))]
            for m, points in self._added(spans, items).items()
        )

    def take(self, spans: Mapping[str, tuple[int, int]], items: Mapping[str, Initiative]) -> None:
        for m, points in self._added(spans, items).items():
            self.points[m] = self.points.get(m, 0) + points


def _direct(
    placed: list[str], waited: dict[str, set[str]], started: dict[str, set[str]]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """What each initiative waits for to end, and to start, without what another of its waits
    already implies: a wait to end is implied by one that must itself end after it, a wait to
    start by any that comes after it (transitively)."""
    ends: dict[str, set[str]] = {}  # what has ended by the time it starts
    before: dict[str, set[str]] = {}  # what has started by then
    after: dict[str, list[str]] = {}
    along: dict[str, list[str]] = {}
    for ident in placed:  # each waits only for ones placed before it
        mine = waited[ident]
        ends[ident] = (mine - started[ident]).union(*(ends[w] for w in mine))
        before[ident] = set(mine).union(*(before[w] for w in mine))
        after[ident] = sorted(
            d for d in mine - started[ident] if not any(d in ends[w] for w in mine - {d})
        )
        along[ident] = sorted(
            d for d in mine & started[ident] if not any(d in before[w] for w in mine - {d})
        )
    return after, along


def _phase_of(month: int | None) -> int:
    if month is None:
        return BACKLOG
    return next(n for n, (begin, end) in enumerate(PHASES) if begin <= month < end)


def months_left(item: Initiative, given: int | None, size: str = DEFAULT_SIZE) -> int:
    """The months continued work still runs: as `progress:` gives it, else half its length for
    a company of `size`, rounded up."""
    return given if given is not None else -(-item.months_for(size) // 2)


def route_positions(strategy: StrategyPosition) -> set[str]:
    """The positions the client's route leads to: those after today's on the route, or the
    target itself when the company holds (or keeps) its position."""
    ahead = set(strategy.route[1:])
    return ahead or ({strategy.target} if strategy.target else set())


def plan_initiatives(
    gaps: list[Gap], library: Library, capacity: list[int], size: str | None = None,
    serving: Iterable[str] = (), done: Iterable[str] = (), continued: Iterable[str] = (),
    context: BusinessContext | None = None, left: Mapping[str, int] | None = None,
    most: int | None = None,
) -> tuple[list[Planned], list[Need]]:  # fmt: skip
    """The initiatives in months for a company of `size` whose route leads to the positions
    `serving`, and the needs nothing covers; `done` and `continued` are the initiatives the
    consultant marked done and in progress since the previous roadmap, `left` the months left
    of those in progress where the consultant gave them; an initiative whose `not_for:`
    matches `context` (the business context) is left out; beyond `most` new initiatives, the
    least important go to the backlog (§3)."""
    items = {i: item.sized(size or DEFAULT_SIZE) for i, item in library.initiatives.items()}
    positions = {fw.id for fw in library.frameworks.values() if fw.matrix is not None}
    needs = needs_of(gaps, positions)
    fits = {i for i, item in items.items() if item.suits(size or DEFAULT_SIZE, context)}
    current = {g.path: g.current for g in gaps if g.framework not in positions}
    plan = Plan(
        items, fits, dict(library.frameworks), current, needs, set(serving),
        {i for i in done if i in items}, {i for i in continued if i in items} - set(done),
    )  # fmt: skip
    chosen = choose(needs, [items[i] for i in sorted(fits)], plan)
    close(chosen, plan)
    covered = {n for ns in chosen.values() for n in ns} | plan.met_by_done()
    moved = _limit(chosen, plan, most)
    size = size or DEFAULT_SIZE
    later = [
        Planned(
            plan.items[i], BACKLOG, covers, plan.priority(i, covers), [],
            serves_route=weight(plan.items[i], plan.serving) > 1,
            measured=plan.measured(plan.items[i]), length=plan.items[i].months_for(size),
            backlog_reason=LIMIT,
        )
        for group in reversed(moved)  # the most important first, each lead before its companions
        for i, covers in group.items()
    ]  # fmt: skip

    planned = _schedule(chosen, _waits(chosen, plan), plan, capacity, left or {}, size)
    return [*planned, *later], sorted(n for n in needs if n not in covered)


def plan_roadmap(
    gaps: list[Gap], library: Library, frameworks: list[Framework], strategy: StrategyPosition, kpis: list[Kpi],
    capacity: list[int], size: str | None = None, progress: Mapping[str, InitiativeProgress] | None = None,
    context: BusinessContext | None = None, most: int | None = None,
) -> Roadmap:  # fmt: skip
    """Plan the roadmap from the gap analysis, for a company of `size` (small, mid, large); the
    target position and route come from the strategy position (assessor/context.py); `progress`
    says what became of the previous roadmap's initiatives (assessment.yaml `progress:`)."""
    status = {i: e.status for i, e in (progress or {}).items() if i in library.initiatives}
    done = [i for i, s in status.items() if s == "done"]
    continued = [i for i, s in status.items() if s == "in_progress"]
    left = {i: e.months_left for i, e in (progress or {}).items() if e.months_left is not None}
    planned, unmet = plan_initiatives(
        gaps,
        library,
        capacity,
        size,
        route_positions(strategy),
        done,
        continued,
        context,
        left,
        most,
    )
    moved: set[str] = {k for p in planned for k in p.initiative.kpis}
    return Roadmap(
        planned, strategy.route, strategy.route_id, strategy.target, kpi_targets(kpis, moved), unmet,
        size or DEFAULT_SIZE, [library.initiatives[i].sized(size or DEFAULT_SIZE) for i in done],
    )  # fmt: skip
