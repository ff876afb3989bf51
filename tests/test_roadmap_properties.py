"""Invariants of the roadmap on any input: generated gaps, sizes and capacities, and generated
workspaces (a business context and a story that examples/make_example.py turns into answers)."""

from __future__ import annotations

import importlib.util
import itertools
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessor.context import CAPACITY
from assessor.gaps import Gap
from assessor.loading import load_library
from assessor.pipeline import run_assessment
from assessor.roadmap import (
    CONTINUED,
    EFFORT_POINTS,
    HORIZON,
    LIMIT,
    MIN_GAP,
    PHASES,
    ROUTE_WEIGHT,
    Planned,
    months_left,
    plan_initiatives,
    route_positions,
)
from assessor.roadmap_choice import level_at

from .conftest import REPO

LIBRARY = load_library()
_SPEC = importlib.util.spec_from_file_location(
    "make_example", REPO / "examples" / "make_example.py"
)
assert _SPEC is not None and _SPEC.loader is not None
MAKE_EXAMPLE = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(MAKE_EXAMPLE)
DIMENSIONS = [
    (fw.id, d.id) for fw in LIBRARY.frameworks.values() if fw.matrix is None for d in fw.dimensions
]
SCORE = st.integers(10, 40).map(lambda n: n / 10)
POSITIONS = sorted(
    d.id for fw in LIBRARY.frameworks.values() if fw.matrix is not None for d in fw.dimensions
)


PILOT_CHAIN = ("crm-configure-migrate", "crm-pilot", "crm-phased-rollout")


@st.composite
def progress(draw: st.DrawFn) -> tuple[set[str], set[str], dict[str, int]]:
    """What the consultant marked done and in progress since the previous roadmap: a few
    initiatives of the catalogue, the programme chain's among them more often; and for some of
    those in progress, the months left of them."""
    ids = sorted(LIBRARY.initiatives)
    chain = ["crm-goals-kpis", "consent-data-protection", *PILOT_CHAIN, "data-protection-baseline"]
    marked = draw(st.lists(st.sampled_from([*ids, *chain, *chain]), max_size=8, unique=True))
    continued = set(draw(st.lists(st.sampled_from(marked), max_size=3))) if marked else set()
    left = {i: draw(st.integers(1, 12)) for i in sorted(continued) if draw(st.booleans())}
    return set(marked) - continued, continued, left


@st.composite
def inputs(draw: st.DrawFn) -> tuple[list[Gap], list[int], str, set[str]]:
    base = draw(SCORE)
    target = draw(st.sampled_from([2.0, 2.5, 3.0, 3.5, 4.0]))
    gaps = []
    for fw, dim in DIMENSIONS:
        current = draw(st.one_of(st.just(base), SCORE))
        gap = target - current
        gaps.append(Gap(fw, dim, current, target, gap, max(gap, 0.0), 1.0, 1.0))
    # at least the smallest capacity the business context gives (a small firm's), which holds
    # the legal baseline, the vision, the goals and the strategy in the first six months
    capacity = [draw(st.integers(low, low + 8)) for low in CAPACITY["small"]]
    serving = set(draw(st.lists(st.sampled_from(POSITIONS), max_size=2)))
    return gaps, capacity, draw(st.sampled_from(["small", "mid", "large"])), serving


def check(
    planned: list[Planned], gaps: list[Gap], size: str, serving: set[str] | None = None,
    done: set[str] = frozenset(), continued: set[str] = frozenset(),  # type: ignore[assignment]
    capacity: list[int] | None = None, left: dict[str, int] | None = None,
) -> None:  # fmt: skip
    items = LIBRARY.initiatives
    by_id = {p.initiative.id: p for p in planned}
    behind = {g.path: g for g in gaps if g.gap >= MIN_GAP}
    needs = {g.path: g.priority for g in gaps}
    current = {g.path: g.current for g in gaps}

    def level(ident: str) -> float | None:
        scores = [current[d] for d in items[ident].dimensions if d in current]
        return sum(scores) / len(scores) if scores else None

    def upstream(ident: str, last: str) -> set[str]:
        """What `ident` reaches through initiatives that suit the size, the final link being
        `after:` ('after') or `with:` ('with'); done work has ended (the walk stops there),
        continued work is reached but not walked through."""
        seen: set[str] = set()
        found: set[str] = set()
        todo = [ident]

        def links(node: str, key: str) -> list[str]:  # `if_planned:` links count when planned
            ids = items[node].after if key == "after" else items[node].with_
            return [o for o in ids if o not in items[node].if_planned or o in by_id]

        while todo:
            node = todo.pop()
            found |= {o for o in links(node, last)
                      if o not in done and (size in items[o].sizes or o in continued)}  # fmt: skip
            for other in [*links(node, "after"), *links(node, "with")]:
                if other in seen or other in done or other in continued:
                    continue
                if size in items[other].sizes:
                    seen.add(other)
                    todo.append(other)
        return found

    limited = any(p.backlog_reason == LIMIT for p in planned)
    # nothing done is planned again; what is under way is continued from month 0
    assert set(by_id) & done == set()
    assert continued <= set(by_id)
    for p in planned:
        i = p.initiative
        if i.id in continued:
            assert (p.status, p.start_month, p.after, p.with_) == (CONTINUED, 0, [], []), i.id
            # it runs from month 0 for what is left of it: as given, else half its length
            given = (left or {}).get(i.id)
            assert (
                p.end_month == months_left(i, given, size) == (given or -(-i.months_for(size) // 2))
            ), i.id
            assert p.left_assumed == (given is None)
            continue
        assert p.status == "new" and size in i.sizes
        if p.start_month is not None:
            # `after:` is respected by months, through initiatives that are not planned: what
            # it reaches by a last `after:` link has ended, by a last `with:` link has started
            for other in upstream(i.id, "after") & set(by_id):
                end = by_id[other].end_month
                assert end is not None and end <= p.start_month, (other, i.id)
            for other in upstream(i.id, "with") & set(by_id):
                start = by_id[other].start_month
                assert start is not None and start <= p.start_month, (other, i.id)
            begin, end = PHASES[p.phase]
            assert begin <= p.start_month < end
            # what starts with new work, and waits for nothing to end, starts with it: the two
            # are placed as one block (what starts with work under way since the previous
            # roadmap waits for room like any new work)
            if p.with_ and not p.after and not set(p.with_) & continued:
                assert p.start_month == max(by_id[w].start_month or 0 for w in p.with_), i.id
            # it runs its duration for the company's size, and what starts with another runs
            # at least until that one ends (the rollout's training lasts through its last wave)
            leads = [by_id[o] for o in upstream(i.id, "with") & set(by_id)]
            ends = [o.end_month for o in leads if o.end_month is not None]
            assert p.end_month == max([p.start_month + i.months_for(size), *ends]), i.id
        # the legal baseline on the personal data already held starts in the first two months
        if i.urgent:
            assert p.start_month is not None and p.start_month < 2, (i.id, p.start_month)
        # the route counts double, and only the route
        if serving is not None:
            assert p.serves_route == bool(serving & set(i.serves))
            weight = ROUTE_WEIGHT if p.serves_route else 1.0
            assert p.priority == pytest.approx(weight * sum(needs[path] for path, _ in p.covers))
        # nothing handling personal data before consent
        if i.personal_data and "consent-data-protection" in by_id and p.start_month is not None:
            consent_end = by_id["consent-data-protection"].end_month
            assert consent_end is not None and consent_end <= p.start_month
        # no large quick win; a quick win ends in the first phase
        if p.quick_win:
            assert i.effort == "S" and p.end_month is not None and p.end_month <= PHASES[0][1]
        # it covers a gap (of at least a quarter level) it is credited for, or it is needed
        # before something that does, or it is a legal duty in force
        for path, step in p.covers:
            assert path in i.dimensions and step == i.step and path in behind
        # (or it starts with planned work it comes with: the training of a rollout; or it was
        # planned before work the plan's limit moved out, as the pilot before a rollout; or it is
        # a legal duty in force)
        if p.backlog_reason != LIMIT:  # moved out for the limit: it waits for nothing planned
            assert p.covers or p.unblocks or p.with_ or limited or i.urgent, i.id
        assert p.measured == (level(i.id) is not None)
    # a legal duty in force is planned with anything else, whatever the scores, unless done
    if planned:
        for i in LIBRARY.initiatives.values():
            if i.urgent and size in i.sizes and i.id not in done:
                assert i.id in by_id, i.id
    # configure → pilot → rollout: with both planned the pilot is planned between them, unless
    # it was done since the last assessment; a rollout without a pilot is of a CRM already
    # configured and live with a first group (the pilot's level reached, no configuration
    # planned); a new configuration without a pilot goes into a CRM the company has piloted
    configure, pilot, rollout = (by_id.get(i) for i in PILOT_CHAIN)
    new = {p.initiative.id for p in planned if p.status != CONTINUED}
    if pilot is None and "crm-pilot" not in done and size in items["crm-pilot"].sizes:
        if {"crm-configure-migrate", "crm-phased-rollout"} <= set(by_id):
            assert "crm-phased-rollout" in continued, "a configuration rolled out unpiloted"
        for later in {"crm-configure-migrate", "crm-phased-rollout"} & new:
            reached = level("crm-pilot")
            assert reached is not None and level_at(reached) >= 2, later
    chain = [p for p in (configure, pilot, rollout) if p is not None]
    for before, after in itertools.pairwise(chain):
        if after.start_month is not None and after.initiative.id not in continued:
            assert before.end_month is not None and before.end_month <= after.start_month
    # nothing new ends after month 24: new work starts only where it also ends by then
    for p in planned:
        if p.status != CONTINUED and p.end_month is not None:
            assert p.end_month <= HORIZON, p.initiative.id
    # capacity is the effort points running at once: in every month the load stays within the
    # capacity of its phase unless a legal duty or work under way since the previous roadmap
    # runs that month (work that starts together with another is placed with it, as one block
    # that fits)
    if capacity is not None:
        limit = [capacity[min(n, len(capacity) - 1)] for n in range(len(PHASES))]
        longest = max((p.end_month or 0 for p in planned), default=0)
        for month in range(max(longest, HORIZON)):
            running = [p for p in planned if p.runs_in(month)]
            if any(p.initiative.urgent or p.status == CONTINUED for p in running):
                continue
            cap = limit[
                next(n for n, (b, e) in enumerate(PHASES) if b <= min(month, HORIZON - 1) < e)
            ]
            assert sum(EFFORT_POINTS[p.initiative.effort] for p in running) <= cap, month
    # goals and KPIs, and the CRM strategy, start in the first six months when they are missing
    # (in a first assessment: in a re-assessment, work under way takes the first phase's room,
    # and what was done since may already rest on them)
    for ident in ("crm-goals-kpis", "crm-strategy-plan"):
        if ident in by_id and not continued and not done and by_id[ident].backlog_reason != LIMIT:
            start = by_id[ident].start_month
            assert start is not None and start < 6, (ident, start)


@settings(max_examples=60, deadline=None)
@given(inputs(), st.one_of(st.none(), st.integers(1, 30)))
def test_the_roadmap_keeps_its_invariants(
    case: tuple[list[Gap], list[int], str, set[str]], most: int | None
) -> None:
    gaps, capacity, size, serving = case
    planned, unmet = plan_initiatives(gaps, LIBRARY, capacity, size, serving, most=most)
    check(planned, gaps, size, serving, capacity=capacity)
    # the plan holds at most `most` new initiatives, unless what is left cannot be moved out:
    # a legal duty, work that starts with planned work or that planned work waits for
    kept = [p for p in planned if p.backlog_reason != LIMIT]
    if most is not None and len(kept) > most:
        assert all(p.initiative.urgent or p.with_ or p.unblocks for p in kept)
    moved = [p for p in planned if p.backlog_reason == LIMIT]
    assert not any(p.initiative.urgent or p.start_month is not None for p in moved)
    again, _ = plan_initiatives(list(reversed(gaps)), LIBRARY, capacity, size, serving, most=most)
    assert [(p.initiative.id, p.start_month) for p in again] == [
        (p.initiative.id, p.start_month) for p in planned
    ]
    assert all(step in (1, 2, 3) for _, step in unmet)


@settings(max_examples=60, deadline=None)
@given(inputs(), progress())
def test_a_re_assessment_plans_nothing_done_and_continues_what_is_under_way(
    case: tuple[list[Gap], list[int], str, set[str]],
    marked: tuple[set[str], set[str], dict[str, int]],
) -> None:
    gaps, capacity, size, serving = case
    done, continued, left = marked
    planned, _ = plan_initiatives(
        gaps, LIBRARY, capacity, size, serving, done, continued, left=left
    )
    check(planned, gaps, size, serving, done, continued, capacity, left)
    # what is under way is placed first, before any new work
    statuses = [p.status for p in planned]
    assert statuses == sorted(statuses, key=lambda s: s != CONTINUED)


CAPABILITIES = ["direction", "segmentation", "knowledge", "proposition", "experience", "lifecycle",
                "channels", "organisation", "partners", "process", "data", "technology", "measurement"]  # fmt: skip


@st.composite
def workspaces(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """A business context and a story of true levels, as make_example.py reads them."""
    context = {
        "market": draw(st.sampled_from(["b2b", "b2c", "mixed"])),
        "active_customers": draw(st.integers(1, 5_000_000)),
        "purchase_frequency": draw(st.sampled_from(["one-off", "yearly", "monthly", "weekly"])),
        "deal_size": draw(st.sampled_from(["small", "medium", "large"])),
        "company_size": draw(st.sampled_from(["small", "mid", "large", "enterprise"])),
        "industry": "other",
    }
    story = {
        "seed": draw(st.integers(0, 10_000)),
        "default": draw(SCORE),
        "capabilities": {c: draw(SCORE) for c in CAPABILITIES if draw(st.booleans())},
        "axes": {"customer-information": draw(SCORE), "individualisation": draw(SCORE)},
    }
    return context, story


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(workspaces(), progress())
def test_generated_workspaces_keep_the_roadmap_invariants(
    tmp_path_factory: pytest.TempPathFactory, case: tuple[dict[str, Any], dict[str, Any]],
    marked: tuple[set[str], set[str], dict[str, int]],
) -> None:  # fmt: skip
    context, story = case
    done, continued, left = marked
    folder = tmp_path_factory.mktemp("ws")
    assessment = {
        "kind": "assessment", "client": {"name": "Công ty Thử"}, "date": "2026-10-01",
        "questionnaire": "crm-full", "context": context,
        "respondents": [{"id": f"r{n}", "name": f"Người {n}", "role": role}
                        for n, role in enumerate(["executive", "sales", "service", "it"])],
        # a re-assessment: what became of the previous roadmap (`progress:`)
        "progress": {**dict.fromkeys(sorted(done), "done"),
                     **{i: {"status": "in_progress", "months_left": left[i]} if i in left
                        else "in_progress" for i in sorted(continued)}},
    }  # fmt: skip
    (folder / "assessment.yaml").write_text(yaml.safe_dump(assessment, allow_unicode=True), "utf-8")
    (folder / "story.yaml").write_text(yaml.safe_dump(story), "utf-8")
    (folder / "responses").mkdir()
    for person, data in MAKE_EXAMPLE.responses(folder, LIBRARY).items():
        text = yaml.safe_dump(data, allow_unicode=True)
        (folder / "responses" / f"{person}.yaml").write_text(text, "utf-8")
    result = run_assessment(folder, library=LIBRARY)
    assert result.roadmap.size == context["company_size"]
    assert [i.id for i in result.roadmap.done] == sorted(done)
    check(result.roadmap.items, result.gaps, result.roadmap.size, route_positions(result.strategy),
          done, continued, result.decisions.capacity.value, left)  # fmt: skip
