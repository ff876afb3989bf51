"""Invariants of the roadmap on any input: generated scores, targets, sizes and capacities."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from assessor.gaps import Gap
from assessor.loading import load_library
from assessor.roadmap import PHASES, Planned, plan_initiatives

LIBRARY = load_library()
DIMENSIONS = [
    (fw.id, d.id) for fw in LIBRARY.frameworks.values() if fw.matrix is None for d in fw.dimensions
]
SCORE = st.integers(10, 40).map(lambda n: n / 10)


@st.composite
def inputs(draw: st.DrawFn) -> tuple[list[Gap], list[int], str]:
    base = draw(SCORE)
    target = draw(st.sampled_from([2.0, 2.5, 3.0, 3.5, 4.0]))
    gaps = []
    for fw, dim in DIMENSIONS:
        current = draw(st.one_of(st.just(base), SCORE))
        gap = target - current
        gaps.append(Gap(fw, dim, current, target, gap, max(gap, 0.0), 1.0, 1.0))
    capacity = [draw(st.integers(2, 10)) for _ in PHASES]
    return gaps, capacity, draw(st.sampled_from(["small", "mid", "large"]))


def check(planned: list[Planned], gaps: list[Gap], size: str) -> None:
    items = LIBRARY.initiatives
    by_id = {p.initiative.id: p for p in planned}
    behind = {g.path: g for g in gaps if g.gap > 0}

    def upstream(ident: str) -> set[str]:
        seen: set[str] = set()
        todo = list(items[ident].after)
        while todo:
            other = todo.pop()
            if other not in seen and size in items[other].sizes:
                seen.add(other)
                todo += items[other].after
        return seen

    for p in planned:
        i = p.initiative
        assert size in i.sizes
        # `after:` is respected by months, through initiatives that are not planned
        if p.start_month is not None:
            for other in upstream(i.id) & set(by_id):
                end = by_id[other].end_month
                assert end is not None and end <= p.start_month, (other, i.id)
            begin, end = PHASES[p.phase]
            assert begin <= p.start_month < end
        # nothing handling personal data before consent
        if i.personal_data and "consent-data-protection" in by_id and p.start_month is not None:
            consent_end = by_id["consent-data-protection"].end_month
            assert consent_end is not None and consent_end <= p.start_month
        # no large quick win; a quick win ends in the first phase
        if p.quick_win:
            assert i.effort == "S" and p.end_month is not None and p.end_month <= PHASES[0][1]
        # it covers a gap it is credited for, or it is needed before something that does
        for path, step in p.covers:
            assert path in i.dimensions and step == i.step and path in behind
        assert p.covers or p.unblocks, i.id
    # configure → pilot → rollout
    chain = [
        by_id[i] for i in ("crm-configure-migrate", "crm-pilot", "crm-phased-rollout") if i in by_id
    ]
    for before, after in itertools.pairwise(chain):
        if after.start_month is not None:
            assert before.end_month is not None and before.end_month <= after.start_month
    # goals and KPIs, and the CRM strategy, start in the first six months when they are missing
    for ident in ("crm-goals-kpis", "crm-strategy-plan"):
        if ident in by_id:
            start = by_id[ident].start_month
            assert start is not None and start < 6, (ident, start)


@settings(max_examples=60, deadline=None)
@given(inputs())
def test_the_roadmap_keeps_its_invariants(case: tuple[list[Gap], list[int], str]) -> None:
    gaps, capacity, size = case
    planned, unmet = plan_initiatives(gaps, LIBRARY, capacity, size)
    check(planned, gaps, size)
    again, _ = plan_initiatives(list(reversed(gaps)), LIBRARY, capacity, size)
    assert [(p.initiative.id, p.start_month) for p in again] == [
        (p.initiative.id, p.start_month) for p in planned
    ]
    assert all(step in (1, 2, 3) for _, step in unmet)
