"""The golden clients: each example workspace meets what its README says a consultant expects.

Each README ends with a fenced `yaml` block of expectations: the position and target on the
strategy matrix, the first three moves of the roadmap, the key moves of the route (planned
within the 24 months, with the route weight), initiatives that must not appear, pairs that must
come in order and pairs that start together, initiatives that start by a given month (month 1
being the roadmap's first), in the very month the README names (`starts_in`) or within a given
number of months of the month their waits allow (`starts_within`: 0 means they do not wait for
room), the month by which a plan that ends early closes every gap (none when it does not), the
initiatives the plan's limit leaves for the next review (`later`) and those that cannot both
start and end within the 24 months (`beyond`); for a re-assessment, the work continued from the previous roadmap and the work done
since. The answers of the clients with a `story.yaml` must be exactly what make_example.py writes
from it; the demo client, saigon-xanh, keeps the answers its first version wrote.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest
import yaml

from assessor.loading import load_library
from assessor.pipeline import AssessmentResult, run_assessment
from assessor.report.context import build_context
from assessor.roadmap import CONTINUED, HORIZON_REASON, LIMIT, route_positions

from .conftest import REPO
from .test_roadmap_properties import MAKE_EXAMPLE, check

EXAMPLES = sorted(p.parent.name for p in (REPO / "examples").glob("*/README.md"))
STORIES = sorted(p.parent.name for p in (REPO / "examples").glob("*/story.yaml"))


def expectations(name: str) -> dict[str, Any]:
    text = (REPO / "examples" / name / "README.md").read_text("utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    assert len(blocks) == 1, f"{name}/README.md needs one yaml block of expectations"
    data: dict[str, Any] = yaml.safe_load(blocks[0])
    return data


@cache
def result(name: str) -> AssessmentResult:
    return run_assessment(REPO / "examples" / name)


def test_there_are_six_contrasting_golden_clients() -> None:
    assert EXAMPLES == [
        "an-khang-shop", "lua-viet-ecommerce", "minh-long-consulting", "phuong-dong-bank",
        "saigon-xanh", "tan-phat-industrial",
    ]  # fmt: skip
    assert set(STORIES) == set(EXAMPLES) - {"saigon-xanh"}
    contexts = [result(n).workspace.assessment.context for n in EXAMPLES]
    assert {c.company_size for c in contexts if c} == {"small", "mid", "enterprise"}


def test_only_the_bank_aims_at_level_4_where_individualising_rests() -> None:
    # the only large or very large client whose customers are not a commodity's: its context
    # aims at individualised customer management and chooses the profile that plans it
    profiles = {n: result(n).decisions.profile for n in EXAMPLES}
    assert {n: (c.value, c.source) for n, c in profiles.items()} == {
        "an-khang-shop": ("smb-foundation", "context"),
        "lua-viet-ecommerce": ("balanced-3", "context"),
        "minh-long-consulting": ("balanced-3", "context"),
        "phuong-dong-bank": ("individualise-3-4", "context"),
        "saigon-xanh": ("balanced-3", "context"),
        "tan-phat-industrial": ("balanced-3", "context"),
    }
    # and the README that says so is the one checked
    assert expectations("phuong-dong-bank")["profile"] == profiles["phuong-dong-bank"].value


@pytest.mark.parametrize("name", STORIES)
def test_the_answers_are_what_make_example_writes(name: str) -> None:
    folder = REPO / "examples" / name
    written = {
        p.stem: yaml.safe_load(p.read_text("utf-8")) for p in (folder / "responses").glob("*.yaml")
    }
    assert written == MAKE_EXAMPLE.responses(folder, load_library())


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_roadmap_is_what_the_readme_expects(name: str) -> None:
    expect = expectations(name)
    r = result(name)
    items = r.roadmap.items
    ids = [p.initiative.id for p in items]
    assert ids[:3] == expect["first_moves"]
    assert set(ids) & set(expect.get("never", [])) == set()
    assert set(expect.get("planned", [])) <= set(ids)
    by_id = {p.initiative.id: p for p in items}
    for before, later in expect.get("in_order", []):
        assert before in by_id and later in by_id, (before, later)
        end, start = by_id[before].end_month, by_id[later].start_month
        assert end is not None and start is not None and end <= start, (before, later)
    # the route's key moves are planned within the 24 months, weighted as on the route
    for ident in expect["route_moves"]:
        move = by_id[ident]
        assert move.start_month is not None and move.serves_route, ident
    for later, lead in expect.get("starts_with", []):
        assert by_id[later].start_month == by_id[lead].start_month is not None, (later, lead)
    for ident, month in expect.get("starts_by", {}).items():  # month 1 = the first month
        start = by_id[ident].start_month
        assert start is not None and start + 1 <= month, (ident, start)
    for ident, month in expect.get("starts_in", {}).items():  # the month the README names
        assert by_id[ident].start_month == month - 1, (ident, by_id[ident].start_month)
    for ident, months in expect.get("starts_within", {}).items():  # of its earliest start
        move = by_id[ident]
        assert move.start_month is not None and move.earliest is not None, ident
        assert move.start_month - move.earliest <= months, (ident, move.earliest, move.start_month)
    assert r.roadmap.closes_all_gaps_by == expect.get("closes_all_gaps_by")
    # the plan holds at most its limit of new initiatives; what it leaves waits for the review
    new = [p for p in items if p.status != CONTINUED and p.backlog_reason != LIMIT]
    assert len(new) <= r.decisions.limit.value
    if "most_new" in expect:
        assert (len(new), r.decisions.limit.value) == (expect["most_new"],) * 2
    assert [p.initiative.id for p in items if p.backlog_reason == LIMIT] == expect.get("later", [])
    # what cannot both start and end within the 24 months waits for the review too
    beyond = [p.initiative.id for p in items if p.backlog_reason == HORIZON_REASON]
    assert beyond == expect.get("beyond", [])
    assert r.roadmap.size == expect["size"]
    # a re-assessment: what is under way continues from month 0, what is done is not planned
    continued = {p.initiative.id for p in items if p.status == CONTINUED}
    assert continued == set(expect.get("continued", []))
    assert all(by_id[i].start_month == 0 for i in continued)
    done = [i.id for i in r.roadmap.done]
    assert done == expect.get("done", [])
    # and the invariants every roadmap keeps (tests/test_roadmap_properties.py)
    progress = r.workspace.assessment.progress
    left = {i: e.months_left for i, e in progress.items() if e.months_left is not None}
    check(items, r.gaps, r.roadmap.size, route_positions(r.strategy), set(done), continued,
          r.decisions.capacity.value, left)  # fmt: skip


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_position_and_route_are_what_the_readme_expects(name: str) -> None:
    expect = expectations(name)
    s = result(name).strategy
    assert s.position == expect["position"]
    assert (s.target, s.route[0], s.route[-1]) == (
        expect["target"], expect["position"], expect["target"]
    )  # fmt: skip


def test_minh_long_measures_the_adoption_its_plan_is_about() -> None:
    # a CRM nobody uses: 9 of the 60 staff who should use it did last month, and the relaunch,
    # its training and champions move that figure to a target the KPI page prints
    r = result("minh-long-consulting")
    adoption = next(t for t in r.roadmap.kpi_targets if t.id == "crm-adoption")
    assert (adoption.current, adoption.in_12_months, adoption.in_24_months) == (15.0, 33.75, 52.5)
    movers = {p.initiative.id for p in r.roadmap.items if "crm-adoption" in p.initiative.kpis}
    assert {"crm-phased-rollout", "training-adoption-programme", "change-champions-network"} <= (
        movers & {p.initiative.id for p in r.roadmap.items if p.start_month is not None}
    )
    for lang, name, figures in (
        ("en", "CRM adoption", ("15.0", "33.8", "52.5")),
        ("vi", "Tỷ lệ sử dụng CRM", ("15,0", "33,8", "52,5")),
    ):
        row = next(
            k for k in build_context(r, lang=lang, kind="full").kpis if k.id == "crm-adoption"
        )
        assert (row.name, row.value, row.in_12, row.in_24) == (name, *figures)
