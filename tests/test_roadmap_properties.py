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
from assessor.roadmap import PHASES, ROUTE_WEIGHT, Planned, plan_initiatives, route_positions

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
    planned: list[Planned], gaps: list[Gap], size: str, serving: set[str] | None = None
) -> None:
    items = LIBRARY.initiatives
    by_id = {p.initiative.id: p for p in planned}
    behind = {g.path: g for g in gaps if g.gap > 0}
    needs = {g.path: g.priority for g in gaps}

    def upstream(ident: str, last: str) -> set[str]:
        """What `ident` reaches through initiatives that suit the size, the final link being
        `after:` ('after') or `with:` ('with')."""
        seen: set[str] = set()
        found: set[str] = set()
        todo = [ident]
        while todo:
            node = todo.pop()
            found |= {o for o in (items[node].after if last == "after" else items[node].with_)
                      if size in items[o].sizes}  # fmt: skip
            for other in [*items[node].after, *items[node].with_]:
                if other not in seen and size in items[other].sizes:
                    seen.add(other)
                    todo.append(other)
        return found

    for p in planned:
        i = p.initiative
        assert size in i.sizes
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
def test_the_roadmap_keeps_its_invariants(
    case: tuple[list[Gap], list[int], str, set[str]],
) -> None:
    gaps, capacity, size, serving = case
    planned, unmet = plan_initiatives(gaps, LIBRARY, capacity, size, serving)
    check(planned, gaps, size, serving)
    again, _ = plan_initiatives(list(reversed(gaps)), LIBRARY, capacity, size, serving)
    assert [(p.initiative.id, p.start_month) for p in again] == [
        (p.initiative.id, p.start_month) for p in planned
    ]
    assert all(step in (1, 2, 3) for _, step in unmet)


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
        "company_size": draw(st.sampled_from(["small", "mid", "large"])),
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
@given(workspaces())
def test_generated_workspaces_keep_the_roadmap_invariants(
    tmp_path_factory: pytest.TempPathFactory, case: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    context, story = case
    folder = tmp_path_factory.mktemp("ws")
    assessment = {
        "kind": "assessment", "client": {"name": "Công ty Thử"}, "date": "2026-10-01",
        "questionnaire": "crm-full", "context": context,
        "respondents": [{"id": f"r{n}", "name": f"Người {n}", "role": role}
                        for n, role in enumerate(["executive", "sales", "service", "it"])],
    }  # fmt: skip
    (folder / "assessment.yaml").write_text(yaml.safe_dump(assessment, allow_unicode=True), "utf-8")
    (folder / "story.yaml").write_text(yaml.safe_dump(story), "utf-8")
    (folder / "responses").mkdir()
    for person, data in MAKE_EXAMPLE.responses(folder, LIBRARY).items():
        text = yaml.safe_dump(data, allow_unicode=True)
        (folder / "responses" / f"{person}.yaml").write_text(text, "utf-8")
    result = run_assessment(folder, library=LIBRARY)
    assert result.roadmap.size == context["company_size"]
    check(result.roadmap.items, result.gaps, result.roadmap.size, route_positions(result.strategy))
