"""Which initiatives a roadmap holds: the needs the gaps create (a gap of at least MIN_GAP),
the initiative chosen for each (route weight, levels already reached, work done or under way
since the last assessment), and what the programme order and the capability prerequisites add
(docs/roadmap.md §1–4). assessor/roadmap.py places them in months."""

from __future__ import annotations

import math
import statistics
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from .gaps import Gap
from .initiative_checks import raised_capabilities
from .models import Framework, Initiative

__all__ = [
    "EFFORT_POINTS", "MIN_GAP", "ROUTE_WEIGHT", "Need", "Plan", "choose", "close", "credited",
    "level_at", "needs_of", "providers", "weight",
]  # fmt: skip

EFFORT_POINTS = {"S": 1, "M": 2, "L": 3}
ROUTE_WEIGHT = 2.0  # an initiative serving a position on the client's route counts double
# A gap smaller than a quarter level creates no need: the respondents' answers cannot tell it
# from none (the same floor as a clear change between two assessments, docs/scoring.md §10).
# By the same rule a score less than MIN_GAP below a level stands at that level (level_at): the
# steps a dimension needs start there, and an initiative whose dimensions' mean stands at the
# level it delivers is reached (Plan.reached).
MIN_GAP = 0.25

Need = tuple[str, int]  # (dimension path, step)


def level_at(score: float) -> int:
    """The level a score stands at for planning: the highest level it is less than MIN_GAP
    below (1.74 stands at 1, 1.75 at 1, 1.76 at 2; 2.0 at 2), between 1 and 4."""
    return min(4, max(1, math.ceil(score + MIN_GAP - 1e-9) - 1))


def needs_of(gaps: list[Gap], positions: set[str]) -> dict[Need, float]:
    """Each level step from the level a dimension stands at (level_at) to its target, with its
    priority, for a gap of at least MIN_GAP; the strategy matrix (`positions`: frameworks with a
    matrix) has none."""
    needs: dict[Need, float] = {}
    for g in gaps:
        if g.gap < MIN_GAP - 1e-9 or g.framework in positions:
            continue
        base = min(3, level_at(g.current))
        top = max(base + 1, min(4, math.ceil(g.target - 1e-9)))
        for step in range(base, top):
            needs[(g.path, step)] = g.priority
    return needs


def credited(item: Initiative, needs: Iterable[Need]) -> list[Need]:
    """The needs among `needs` it is credited for: its dimensions at its step."""
    return sorted((p, s) for p, s in needs if s == item.step and p in item.dimensions)


def weight(item: Initiative, serving: set[str]) -> float:
    """ROUTE_WEIGHT when the initiative serves a position the client's route leads to, else 1."""
    return ROUTE_WEIGHT if serving & set(item.serves) else 1.0


def choose(
    needs: dict[Need, float], catalogue: list[Initiative], plan: Plan
) -> dict[str, list[Need]]:
    """Work under way since the last assessment first, with the needs it covers; then for each
    need that work done since then does not meet, highest priority first, the initiative
    covering the most outstanding priority (× ROUTE_WEIGHT on the route), among those the
    company has not yet reached or done."""
    chosen: dict[str, list[Need]] = {}
    open_needs = {n: v for n, v in needs.items() if n not in plan.met_by_done()}
    for ident in sorted(plan.continued):
        chosen[ident] = credited(plan.items[ident], open_needs)
        for n in chosen[ident]:
            open_needs.pop(n)
    for need in sorted(needs, key=lambda n: (-needs[n], n)):
        if need not in open_needs:
            continue
        candidates = [
            i
            for i in catalogue
            if credited(i, [need]) and not plan.reached(i) and i.id not in plan.done
        ]
        if not candidates:
            continue
        best = min(
            candidates,
            key=lambda i: (
                -sum(open_needs[n] for n in credited(i, open_needs)) * weight(i, plan.serving),
                EFFORT_POINTS[i.effort],
                i.id,
            ),
        )
        taken = credited(best, open_needs)
        chosen[best.id] = taken
        for n in taken:
            open_needs.pop(n)
    return chosen


@dataclass
class Plan:
    """What the planner works on: the catalogue as it applies to this company."""

    items: dict[str, Initiative]  # the whole library, for walking `after:`
    fits: set[str]  # ids that suit the company's size
    frameworks: dict[str, Framework]
    current: dict[str, float]  # dimension path → score
    needs: dict[Need, float]
    serving: set[str] = field(default_factory=set)  # the positions the client's route leads to
    done: set[str] = field(default_factory=set)  # marked done in `progress:`: not planned again
    continued: set[str] = field(default_factory=set)  # in progress: planned first, from month 0

    def on_route(self, ident: str) -> bool:
        """Whether it serves a position the client's route leads to."""
        return bool(self.serving & set(self.items[ident].serves))

    def priority(self, ident: str, covers: Iterable[Need]) -> float:
        """The priority of the needs it covers, × ROUTE_WEIGHT when it serves the route."""
        return sum(self.needs.get(n, 0.0) for n in covers) * weight(self.items[ident], self.serving)

    def met_by_done(self) -> set[Need]:
        """The needs the work done since the last assessment is credited for: met, whatever the
        scores say yet (the work was done; practice follows)."""
        return {n for i in self.done for n in credited(self.items[i], self.needs)}

    def measured(self, item: Initiative) -> bool:
        """Whether the assessment scored any of the dimensions `item` raises."""
        return any(p in self.current for p in item.dimensions)

    def reached(self, item: Initiative) -> bool:
        """Whether the company already has the level `item` delivers on its dimensions: the
        mean of those scored stands at it (level_at: less than MIN_GAP below it is reached, as
        a smaller gap creates no need); never for one none of whose dimensions was scored, and
        never for a legal duty (a maturity score does not show compliance with a law: only
        `progress:` marking it done does)."""
        scores = [self.current[p] for p in item.dimensions if p in self.current]
        if not scores or item.legal_duty:
            return False
        return level_at(statistics.fmean(scores)) >= item.step + 1

    def capability(self, cap: str) -> float:
        """The capability's score as the capability view counts it (docs/scoring.md): the mean
        over the scored dimensions whose main (first listed) capability it is, or, when it is
        no scored dimension's main one, over every scored dimension naming it; 0 when none."""
        naming = {p: _dimension_caps(self.frameworks, p) for p in self.current}
        main = [self.current[p] for p, caps in naming.items() if caps[:1] == [cap]]
        scores = main or [self.current[p] for p, caps in naming.items() if cap in caps]
        return statistics.fmean(scores) if scores else 0.0

    def has(self, cap: str, level: int) -> bool:
        """Whether the capability stands at `level` (level_at: less than MIN_GAP below it
        counts, as for a need); never when no scored dimension names it."""
        score = self.capability(cap)
        return score > 0 and level_at(score) >= level

    def links(self, ident: str, planned: Collection[str]) -> tuple[list[str], list[str]]:
        """Its `after:` and `with:`, without those in its `if_planned:` that are not planned."""
        item = self.items[ident]
        kept = [o for o in [*item.after, *item.with_] if o not in item.if_planned or o in planned]
        return [o for o in item.after if o in kept], [o for o in item.with_ if o in kept]

    def upstream(self, ident: str, planned: Collection[str]) -> dict[str, str]:
        """Everything `after:` and `with:` reach from `ident` through initiatives that suit the
        company, each with how `ident` waits for it: 'after' (it must have ended) when the
        last link of some chain to it is `after:`, else 'with' (it must have started). A link
        in `if_planned:` counts only when it leads to a `planned` initiative. Work done since
        the last assessment has ended: the walk stops there; work under way is reached but not
        walked through (what came before it is behind it)."""
        seen: list[str] = []
        todo = [o for ids in self.links(ident, planned) for o in ids]
        while todo:
            other = todo.pop(0)
            if other in seen or other == ident or other in self.done:
                continue
            if other not in self.fits and other not in self.continued:
                continue
            seen.append(other)
            if other not in self.continued:
                todo += [o for ids in self.links(other, planned) for o in ids]
        ended = {a for i in (ident, *seen) for a in self.links(i, planned)[0]}
        return {o: "after" if o in ended else "with" for o in seen}


def _dimension_caps(frameworks: dict[str, Framework], path: str) -> list[str]:
    fw_id, _, dim_id = path.partition("/")
    fw = frameworks.get(fw_id)
    dim = next((d for d in fw.dimensions if d.id == dim_id), None) if fw else None
    return list(dim.capabilities) if dim else []


def providers(plan: Plan, ids: Iterable[str], capability: str, level: int) -> list[str]:
    return [
        i
        for i in ids
        if plan.items[i].step == level - 1
        and capability in raised_capabilities(plan.items[i], plan.frameworks)
    ]


def close(chosen: dict[str, list[Need]], plan: Plan) -> None:
    """Add what the law, the programme order and the prerequisites call for that is not
    planned yet: with anything planned (a CRM programme handles customers' personal data), an
    urgent initiative not done since the last assessment, whatever the scores (with the needs
    it is credited for, as anything added here); what comes right before a planned one,
    unless reached (and not redone between planned work); what must follow a planned one
    (`then:`), unless reached or done; what a prerequisite needs. Until nothing more is
    added."""
    for ident in sorted(plan.fits - plan.done - set(chosen)) if chosen else []:
        item = plan.items[ident]
        if item.urgent:  # the law applies whatever the scores say
            chosen[ident] = credited(item, plan.needs)
    while True:
        extra = [
            other for ident in sorted(chosen) if ident not in plan.continued
            for other in _before(ident, chosen, plan)
        ]  # fmt: skip
        if not extra:
            return
        for other in extra:
            if other not in chosen:
                chosen[other] = credited(plan.items[other], plan.needs)


def _bridged(
    item: Initiative, later: Initiative, chosen: dict[str, list[Need]], plan: Plan
) -> bool:
    """Whether `item`, reached, is redone between planned work: everything it comes right after
    (its `after:` that suit the company) is planned, and `later`, planned right after it, raises
    a dimension one of those raises. A new configuration of technology and data is piloted
    again before the rollout takes that technology and data to everyone."""
    before = [a for a in item.after if a in plan.fits and a not in item.if_planned]
    return (
        bool(before)
        and all(a in chosen for a in before)
        and any(set(plan.items[a].dimensions) & set(later.dimensions) for a in before)
    )


def _before(ident: str, chosen: dict[str, list[Need]], plan: Plan) -> list[str]:
    """What planned `ident` calls for that is not planned: what comes right before it, what
    must follow it (`then:`), and what meets its capability prerequisites."""
    item = plan.items[ident]
    # what must follow it, unless reached; what starts with it (its `with:` names it) is part
    # of this work, whatever the level: the users of the CRM rolled out are trained on it
    follow = [
        other
        for other in item.then
        if other in plan.fits
        and other not in chosen
        and other not in plan.done
        and (ident in plan.items[other].with_ or not plan.reached(plan.items[other]))
    ]
    # what comes right before it; the walk stops at one done since the last assessment, at
    # one that does not suit, and at one already reached (a company that has what it
    # delivers has done what comes before it) unless it is redone between planned work
    extra = [
        other
        for other in dict.fromkeys([*item.after, *item.with_])
        if other in plan.fits
        and other not in item.if_planned  # ordered by it only when planned for its own sake
        and other not in chosen
        and other not in plan.done
        and (
            not plan.reached(plan.items[other])
            or (other in item.after and _bridged(plan.items[other], item, chosen, plan))
        )
    ]
    for pre in item.prerequisites:
        if plan.has(pre.capability, pre.level) or providers(
            plan, chosen, pre.capability, pre.level
        ):
            continue
        options = providers(plan, sorted(plan.fits - plan.done), pre.capability, pre.level)
        options.sort(key=lambda i: (EFFORT_POINTS[plan.items[i].effort], i))
        extra += options[:1]
    return [*follow, *extra]
