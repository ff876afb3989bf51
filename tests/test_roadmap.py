"""The roadmap in the order CRM programmes run: months, programme order, sizes, crediting.

Plans are made from gaps written here (every maturity dimension of the shipped frameworks at
one score, a target for all), so each expectation can be checked by hand against
`initiatives/core.yaml` and docs/roadmap.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from assessor.cli import cli
from assessor.context import CAPACITY
from assessor.gaps import Gap
from assessor.loading import load_library
from assessor.models import BusinessContext
from assessor.models.initiative import Misfit
from assessor.roadmap import EFFORT_POINTS, Planned, Roadmap, plan_initiatives
from assessor.roadmap_kpis import KPI_RULES, kpi_targets

from .conftest import REPO, BuildTree

LIBRARY = load_library()
WIDE = [20, 20, 20, 20]  # capacity that never holds anything back


def gaps_at(current: float, target: float, overrides: dict[str, float] | None = None) -> list[Gap]:
    """A gap for every dimension of every shipped framework: `current` unless overridden."""
    out = []
    for fw in LIBRARY.frameworks.values():
        for d in fw.dimensions:
            score = (overrides or {}).get(f"{fw.id}/{d.id}", current)
            gap = target - score
            out.append(Gap(fw.id, d.id, score, target, gap, max(gap, 0.0), 1.0, 1.0))
    return out


def months(planned: list[Planned]) -> dict[str, tuple[int | None, int | None]]:
    return {p.initiative.id: (p.start_month, p.end_month) for p in planned}


def test_a_company_at_level_1_runs_the_programme_chain_in_order() -> None:
    planned, unmet = plan_initiatives(gaps_at(1.0, 2.0), LIBRARY, WIDE, "mid")
    got = months(planned)
    # the legal baseline at once (2 months); vision (1) → goals (2) and strategy (3) → the consent
    # design (3) and data owners (2) → platform choice (2) → configure and migrate (3) → pilot
    # (3) → rollout (5), with training and adoption starting together with the rollout (3)
    assert [(i, got[i]) for i in (
        "data-protection-baseline", "crm-vision-charter", "crm-goals-kpis", "crm-strategy-plan",
        "consent-data-protection", "data-quality-ownership", "crm-platform-choice",
        "crm-configure-migrate", "crm-pilot", "crm-phased-rollout", "training-adoption-programme",
    )] == [
        ("data-protection-baseline", (0, 2)), ("crm-vision-charter", (0, 1)), ("crm-goals-kpis", (1, 3)),
        ("crm-strategy-plan", (1, 4)), ("consent-data-protection", (4, 7)), ("data-quality-ownership", (4, 6)),
        ("crm-platform-choice", (7, 9)), ("crm-configure-migrate", (9, 12)), ("crm-pilot", (12, 15)),
        ("crm-phased-rollout", (15, 20)), ("training-adoption-programme", (15, 20)),
    ]  # fmt: skip
    assert unmet == []
    by_id = {p.initiative.id: p for p in planned}
    # the rollout closes no step-1 gap: it is planned only because training starts with it
    # (and a piloted CRM is rolled out); the champions network starts with it too
    rollout = by_id["crm-phased-rollout"]
    assert (rollout.priority, rollout.covers, rollout.unblocks) == (
        0.0, [], ["change-champions-network", "training-adoption-programme"]
    )  # fmt: skip
    training = by_id["training-adoption-programme"]
    assert (training.after, training.with_) == ([], ["crm-phased-rollout"])
    # change management comes with the rollout: the change impact and communication plan has
    # ended before the first wave, the champions start with it
    assert "crm-change-communication" in rollout.after
    assert got["crm-change-communication"][1] <= 15  # type: ignore[operator]
    assert got["change-champions-network"][0] == 15
    # the platform is chosen once consent, data owners, the sales process and a steering
    # committee that owns the budget are in place
    assert by_id["crm-platform-choice"].after == [
        "consent-data-protection", "crm-steering-committee", "data-quality-ownership",
        "sales-process-mapping",
    ]  # fmt: skip
    assert by_id["consent-data-protection"].after == [
        "crm-goals-kpis", "crm-strategy-plan", "data-protection-baseline"
    ]  # fmt: skip
    assert {"crm-vision-charter", "data-protection-baseline"} <= {
        p.initiative.id for p in planned if p.quick_win
    }
    assert {p.phase for p in planned if p.initiative.id in ("crm-pilot", "crm-phased-rollout")} == {
        3
    }


def test_a_small_firm_gets_a_saas_crm_and_a_spreadsheet_clean_up_not_a_platform_project() -> None:
    planned, _ = plan_initiatives(gaps_at(1.0, 3.0), LIBRARY, WIDE, "small")
    ids = {p.initiative.id for p in planned}
    assert {"saas-crm-setup", "spreadsheet-cleanup"} <= ids
    assert ids & {"crm-platform-choice", "crm-configure-migrate", "crm-pilot", "customer-data-platform",
                  "crm-steering-committee", "marketing-automation"} == set()  # fmt: skip
    got = months(planned)
    # the customer list is cleaned once the legal baseline says what may be kept; the SaaS CRM
    # waits for the consent design too, and the owner's launch and the training start with it
    assert got["data-protection-baseline"] == (0, 2)
    assert got["data-protection-baseline"][1] <= got["spreadsheet-cleanup"][0]  # type: ignore[operator]
    for before in ("spreadsheet-cleanup", "consent-data-protection"):
        assert got[before][1] <= got["saas-crm-setup"][0]  # type: ignore[operator]
    assert got["training-adoption-programme"][0] == got["saas-crm-setup"][0]


def test_personal_data_waits_for_consent_even_in_a_mature_firm() -> None:
    # a large firm at level 3 whose data protection is still at 1.5
    weak = {"qci/information-technology": 1.5, "buttle-value-chain/data-it": 1.5}
    planned, _ = plan_initiatives(gaps_at(3.0, 4.0, weak), LIBRARY, WIDE, "large")
    got = months(planned)
    consent_ends = got["consent-data-protection"][1]
    personal = [p for p in planned if p.initiative.personal_data]
    assert {"marketing-automation", "customer-360-insight"} <= {p.initiative.id for p in personal}
    assert consent_ends is not None
    assert all(p.start_month is None or p.start_month >= consent_ends for p in personal)


def test_reached_levels_are_not_planned_again_and_the_crm_that_exists_is_adopted() -> None:
    # a services firm that bought a CRM nobody uses: technology at 3, people and change at 1
    people = [
        "payne-frow/employee-engagement",
        "buttle-value-chain/people",
        "qci/people-organisation",
    ]
    planned, _ = plan_initiatives(
        gaps_at(3.0, 3.0, {p: 1.2 for p in people}), LIBRARY, [4, 5, 7, 9], "mid"
    )
    by_id = {p.initiative.id: p for p in planned}
    assert "crm-platform-choice" not in by_id and "crm-configure-migrate" not in by_id
    # the users are trained once the legal baseline (month 0, whatever the data practice
    # scores) has said which of the personal data in the CRM may be kept and used
    adoption = by_id["training-adoption-programme"]
    assert (adoption.start_month, adoption.after, adoption.quick_win) == (
        2, ["data-protection-baseline"], False
    )  # fmt: skip
    assert adoption.covers == [(p, 1) for p in sorted(people)]


def test_crediting_is_explicit_per_dimension_and_step() -> None:
    goals = LIBRARY.initiatives["crm-goals-kpis"]
    assert (goals.step, goals.dimensions) == (
        1, ["gartner-8bb/metrics", "qci/measurement", "payne-frow/performance-assessment"]
    )  # fmt: skip
    tree = LIBRARY.initiatives["kpi-tree"]
    assert (tree.step, tree.dimensions) == (3, goals.dimensions)
    assert LIBRARY.initiatives["buyer-personas"].dimensions == ["idic/differentiate"]
    assert len(LIBRARY.initiatives["customer-profitability-analysis"].dimensions) == 2


def test_kpi_targets_close_a_share_of_the_distance_to_the_reference() -> None:
    from assessor.kpis import Kpi

    kpis = [
        Kpi("nps", 18.0, "points", "", {}, []),
        Kpi("retention-rate", 95.0, "%", "", {}, []),  # beyond the reference of 90: held
        Kpi("churn-rate", 30.0, "%", "", {}, []),  # lower is better: 30 → 25 → 20
        Kpi("cac", 2.0, "", "", {}, []),  # money: −10 % and −15 % of today's value
    ]
    targets = kpi_targets(kpis, {"nps", "retention-rate", "churn-rate", "cac"})
    assert [(t.id, t.in_12_months, round(t.in_24_months, 6)) for t in targets] == [
        ("nps", 26.0, 34.0), ("retention-rate", 95.0, 95.0), ("churn-rate", 25.0, 20.0),
        ("cac", 1.8, 1.7),
    ]  # fmt: skip
    assert KPI_RULES["nps"].reference == 50


CATALOGUE = """\
kind: initiatives
id: mine
initiatives:
  - id: first-move
    title: {en: First, vi: Đầu}
    summary: {en: First., vi: Đầu.}
    dimensions: [gartner-8bb/vision]
    step: 1
    after: [second-move]
    effort: S
    months: 1
    owner: executive
    cost: {small: {low: 1, high: 2}, mid: {low: 1, high: 2}, large: {low: 1, high: 2},
           enterprise: {low: 1, high: 2}}
    effect: {en: Done., vi: Xong.}
    basis: {en: Practice., vi: Thông lệ.}
  - id: second-move
    title: {en: Second, vi: Hai}
    summary: {en: Second., vi: Hai.}
    dimensions: [gartner-8bb/vision]
    step: 1
    after: [first-move, crm-vison-charter]
    effort: S
    months: 1
    owner: executive
    cost: {small: {low: 1, high: 2}, mid: {low: 1, high: 2}}
    effect: {en: Done., vi: Xong.}
    basis: {en: Practice., vi: Thông lệ.}
"""


def test_an_unknown_after_a_cycle_and_a_missing_cost_are_one_line_each(
    build_file_tree: BuildTree,
) -> None:
    root = build_file_tree({"mine.yaml": CATALOGUE})
    result = CliRunner().invoke(cli, ["validate", str(root / "mine.yaml")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{root}/mine.yaml:17:5: initiatives[1]: cost: no range for company sizes 'large' and "
        "'enterprise'",
        "1 problem(s) in 1 file(s) checked.",
    ]
    fixed = CATALOGUE.replace(
        "    cost: {small: {low: 1, high: 2}, mid: {low: 1, high: 2}}\n",
        "    cost: {small: {low: 1, high: 2}, mid: {low: 1, high: 2}, large: {low: 1, high: 2}, "
        "enterprise: {low: 1, high: 2}}\n",
    )
    (root / "mine.yaml").write_text(fixed, "utf-8")
    result = CliRunner().invoke(cli, ["validate", str(root / "mine.yaml")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{root}/mine.yaml:9:13: initiatives[0].after[0]: 'after' forms a cycle "
        "(first-move → second-move → first-move), so none of these can ever start",
        f"{root}/mine.yaml:22:25: initiatives[1].after[1]: unknown initiative "
        "'crm-vison-charter' (did you mean 'crm-vision-charter'?)",
        "2 problem(s) in 1 file(s) checked.",
    ]


def test_roadmap_json_gives_months_costs_effects_and_quick_wins() -> None:
    example = REPO / "examples" / "saigon-xanh"
    result = CliRunner().invoke(cli, ["roadmap", str(example), "--format", "json", "--lang", "en"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    items = [i for phase in data["phases"] for i in phase["initiatives"]]
    # an initiative runs its months; work under way since the previous roadmap the months left
    # of it (none given: half its length, rounded up)
    assert items and all(
        i["end_month"] == i["start_month"] + (i["months_left"] or i["months"]) for i in items
    )
    left = {
        i["id"]: (i["months_left"], i["months_left_assumed"]) for i in items if i["months_left"]
    }
    assert left == {
        "crm-phased-rollout": (3, False), "customer-data-cleanup": (2, True),
        "customer-insight-basics": (1, True), "performance-dashboards": (2, True),
        "change-champions-network": (3, True), "training-adoption-programme": (3, False),
    }  # fmt: skip
    for index, phase in enumerate(data["phases"]):
        for i in phase["initiatives"]:
            assert phase["start_month"] <= i["start_month"] < phase["end_month"], (index, i["id"])
            assert i["cost_million_vnd"]["low"] <= i["cost_million_vnd"]["high"]
            assert i["effect"] and i["basis"]
    ends = {i["id"]: i["end_month"] for i in items}
    starts = {i["id"]: i["start_month"] for i in items}
    for i in items:
        assert all(ends[a] <= i["start_month"] for a in i["after"]), i["id"]
        assert all(starts[w] <= i["start_month"] for w in i["with"]), i["id"]
    # last year's legal baseline is done: listed as done, not planned again; the work under
    # way since last year is continued first, from month 0
    assert {"id": "data-protection-baseline", "title": "Bring the personal data already held "
            "into line with the law (Law 91/2025, Decree 356/2025)"} in data["done"]  # fmt: skip
    assert "data-protection-baseline" not in starts
    continued = [i for i in items if i["status"] == "continued"]
    assert [i["id"] for i in items[: len(continued)]] == [i["id"] for i in continued]
    assert len(continued) == 6 and all(i["start_month"] == 0 for i in continued)
    assert {i["status"] for i in items} == {"continued", "new"} and all(
        i["measured"] for i in items
    )
    # the route's moves say so and count double
    route = {i["id"] for i in items if i["serves_route"]}
    assert "needs-based-segmentation" in route
    assert all("customer-based-marketing" in i["serves"] for i in items if i["serves_route"])
    quick = {i["id"] for i in items if i["quick_win"]}
    assert set(data["quick_wins"]) == quick
    assert all(i["effort"] == "S" and i["end_month"] <= 3 for i in items if i["id"] in quick)
    assert all(i["start_month"] is None for i in data["backlog"])
    assert data["company_size"] == "mid"


def test_the_route_counts_double_and_brings_its_key_move_into_the_24_months() -> None:
    # a mid-sized firm at level 1 aiming at level 3, with 10 points at once in the last year:
    # without a route, key account management (6 months) cannot end by month 24 behind the CRM
    # programme and waits in the backlog
    gaps, capacity = gaps_at(1.0, 3.0), [4, 4, 8, 10]
    plain, _ = plan_initiatives(gaps, LIBRARY, capacity, "mid")
    steered, _ = plan_initiatives(gaps, LIBRARY, capacity, "mid", {"managed-service-support"})
    before = {p.initiative.id: p for p in plain}["key-account-management"]
    after = {p.initiative.id: p for p in steered}["key-account-management"]
    # two needs of priority 1 each and a step 2 → 3 to take on both: 2 × (1 + 1) = 4 on the route
    assert (before.priority, before.serves_route, before.start_month) == (4.0, False, None)
    assert (after.priority, after.serves_route, after.start_month) == (8.0, True, 12)
    # on the route it does not wait for room: it starts as soon as the value tiers it waits for
    # have ended (month 13); the hand-offs between departments (three needs of priority 2 at
    # step 2 → 3, off the route: 6) go in the room before it without holding it back
    steered_by_id = {p.initiative.id: p for p in steered}
    handoffs = steered_by_id["handoff-slas"]
    assert (handoffs.priority, handoffs.start_month) == (6.0, 9)
    assert {p.initiative.id: p for p in plain}["handoff-slas"].start_month == 8
    assert (after.earliest, after.waited_for_room) == (12, False)
    # the programme chain is not pushed back by it: the rollout goes live in month 15 either way
    plain_by_id = {p.initiative.id: p for p in plain}
    assert steered_by_id["crm-phased-rollout"].start_month == 15
    assert plain_by_id["crm-phased-rollout"].start_month == 15
    # a welcome programme is not on the service route, so key accounts do not wait for it
    assert "welcome-onboarding-programme" in before.after
    assert "welcome-onboarding-programme" not in after.after
    # consent still comes first: key account plans hold personal data (it waits for the value
    # tiers, which themselves wait for consent, so `after` names the tiers)
    consent = {p.initiative.id: p for p in steered}["consent-data-protection"]
    assert "customer-value-segmentation" in after.after
    assert consent.end_month is not None and after.start_month is not None
    assert consent.end_month <= after.start_month


def test_a_firm_that_has_piloted_and_rolled_out_its_crm_is_not_sent_back_to_configure_it() -> None:
    # rolled out (project management and readiness at 3) but training, people and data at 1.2
    weak = [
        "payne-frow/employee-engagement",
        "buttle-value-chain/people",
        "qci/people-organisation",
    ]
    planned, _ = plan_initiatives(
        gaps_at(3.0, 3.0, {p: 1.2 for p in weak}), LIBRARY, [4, 5, 8, 12], "mid"
    )
    ids = {p.initiative.id for p in planned}
    assert ids & {"crm-phased-rollout", "crm-pilot", "crm-configure-migrate"} == set()
    # an initiative whose level the company has reached on average is not chosen for one weak
    # dimension: the rollout (step 2) is not chosen for data and IT at 2.5 when project
    # management, readiness and technology are at 3.2
    mostly = {"buttle-value-chain/data-it": 2.5}
    planned, _ = plan_initiatives(gaps_at(3.2, 3.0, mostly), LIBRARY, WIDE, "mid")
    assert "crm-phased-rollout" not in {p.initiative.id for p in planned}


BAD_ORDER = """\
kind: initiatives
id: mine
initiatives:
  - id: first-move
    title: {en: First, vi: Đầu}
    summary: {en: First., vi: Đầu.}
    dimensions: [gartner-8bb/vision]
    step: 1
    with: [second-move, crm-pilt]
    serves: [top-right]
    effort: S
    months: 1
    owner: executive
    cost: {small: {low: 1, high: 2}, mid: {low: 1, high: 2}, large: {low: 1, high: 2},
           enterprise: {low: 1, high: 2}}
    effect: {en: Done., vi: Xong.}
    basis: {en: Practice., vi: Thông lệ.}
  - id: second-move
    title: {en: Second, vi: Hai}
    summary: {en: Second., vi: Hai.}
    dimensions: [gartner-8bb/vision]
    step: 1
    after: [first-move]
    effort: S
    months: 1
    owner: executive
    cost: {small: {low: 1, high: 2}, mid: {low: 1, high: 2}, large: {low: 1, high: 2},
           enterprise: {low: 1, high: 2}}
    effect: {en: Done., vi: Xong.}
    basis: {en: Practice., vi: Thông lệ.}
"""


def test_an_unknown_with_a_cycle_through_with_and_an_unknown_position_are_one_line_each(
    build_file_tree: BuildTree,
) -> None:
    root = build_file_tree({"mine.yaml": BAD_ORDER})
    result = CliRunner().invoke(cli, ["validate", str(root / "mine.yaml")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{root}/mine.yaml:9:12: initiatives[0].with[0]: 'after' and 'with' form a cycle "
        "(first-move → second-move → first-move), so none of these can ever start",
        f"{root}/mine.yaml:9:25: initiatives[0].with[1]: unknown initiative 'crm-pilt' "
        "(did you mean 'crm-pilot'?)",
        f"{root}/mine.yaml:10:14: initiatives[0].serves[0]: unknown position 'top-right'",
        "3 problem(s) in 1 file(s) checked.",
    ]


def test_backlog_rows_show_later_and_no_months_in_both_languages() -> None:
    example = REPO / "examples" / "tan-phat-industrial"
    for lang, later in (("en", "later"), ("vi", "dời lại")):
        result = CliRunner().invoke(cli, ["roadmap", str(example), "--lang", lang])
        assert result.exit_code == 0, result.output
        rows = [line for line in result.stdout.splitlines() if line.startswith(later)]
        assert rows, lang
        assert all(line.split()[len(later.split())] == "—" for line in rows), rows[0]
        assert "None" not in result.stdout


def test_a_gap_under_a_quarter_level_creates_no_initiative() -> None:
    # the managers' answers cannot tell a gap of 0.2 from none (docs/scoring.md §12)
    planned, unmet = plan_initiatives(gaps_at(2.8, 3.0), LIBRARY, WIDE, "large")
    assert (planned, unmet) == ([], [])
    # a quarter level is a gap: every dimension at 2.75 needs step 2 → 3
    planned, _ = plan_initiatives(gaps_at(2.75, 3.0), LIBRARY, WIDE, "large")
    assert planned and all(p.initiative.step == 2 for p in planned if p.covers)


def test_a_re_assessment_plans_nothing_done_and_continues_the_work_under_way() -> None:
    # a year on, the foundations and the legal work are done; the platform is being chosen
    done = {"data-protection-baseline", "crm-vision-charter", "crm-goals-kpis",
            "crm-strategy-plan", "consent-data-protection"}  # fmt: skip
    planned, unmet = plan_initiatives(
        gaps_at(1.0, 2.0), LIBRARY, [4, 5, 8, 12], "mid", (), done, {"crm-platform-choice"}
    )
    by_id = {p.initiative.id: p for p in planned}
    assert set(by_id) & done == set()
    # the needs of the work done count as met, even before the scores move
    assert unmet == []
    # the platform choice is continued first, from month 0, waiting for nothing
    choice = planned[0]
    assert (choice.initiative.id, choice.status, choice.start_month, choice.after) == (
        "crm-platform-choice", "continued", 0, []
    )  # fmt: skip
    # it is under way: it runs for the months left of it, half its 2 months when `progress:`
    # does not say
    assert (choice.months, choice.end_month, choice.left_assumed) == (1, 1, True)
    # what waited for the work done starts at once: the data owners came after the goals and
    # the strategy, both done; the data clean-up, after the vision and the legal baseline (done),
    # waits for the data owners only (the configuration waits for the platform choice under
    # way, ending at month 1, and for the clean-up)
    owners, cleanup = by_id["data-quality-ownership"], by_id["customer-data-cleanup"]
    assert (owners.start_month, owners.after) == (0, [])
    assert cleanup.after == ["data-quality-ownership"]
    assert cleanup.start_month == owners.end_month == 2
    configure = by_id["crm-configure-migrate"]
    assert configure.after == [
        "crm-platform-choice", "customer-data-cleanup", "sales-process-mapping"
    ]  # fmt: skip
    assert configure.start_month == max(by_id[a].end_month or 0 for a in configure.after) == 5
    # given the months left, what waits for it waits that long
    planned, _ = plan_initiatives(
        gaps_at(1.0, 2.0), LIBRARY, [4, 5, 8, 12], "mid", (), done, {"crm-platform-choice"},
        left={"crm-platform-choice": 7},
    )  # fmt: skip
    by_id = {p.initiative.id: p for p in planned}
    assert (by_id["crm-platform-choice"].end_month, by_id["crm-platform-choice"].left_assumed) == (
        7, False
    )  # fmt: skip
    assert by_id["crm-configure-migrate"].start_month == 7


def test_a_new_configuration_is_piloted_before_its_rollout_even_when_piloting_is_reached() -> None:
    # project management and readiness at 2.2 (the pilot's level, 2, is reached); technology,
    # data and IT at 1.5: the CRM is configured again, and the new configuration is piloted
    # before it is rolled out
    reached = {"payne-frow/project-management": 2.2, "payne-frow/crm-readiness": 2.2}
    planned, _ = plan_initiatives(gaps_at(1.5, 3.0, reached), LIBRARY, WIDE, "mid")
    got = months(planned)
    configure, pilot, rollout = (
        got[i] for i in ("crm-configure-migrate", "crm-pilot", "crm-phased-rollout")
    )
    assert configure[1] == pilot[0] and pilot[1] == rollout[0]  # type: ignore[index]
    pilot_item = {p.initiative.id: p for p in planned}["crm-pilot"]
    assert pilot_item.covers == [] and "crm-phased-rollout" in pilot_item.unblocks
    # a rollout of a CRM already configured and live with a first group needs no new pilot
    live = {**reached, "qci/information-technology": 2.2, "buttle-value-chain/data-it": 2.2,
            "gartner-8bb/technology": 2.2}  # fmt: skip
    planned, _ = plan_initiatives(gaps_at(1.5, 3.0, live), LIBRARY, WIDE, "mid")
    ids = {p.initiative.id for p in planned}
    assert "crm-phased-rollout" in ids and ids & {"crm-pilot", "crm-configure-migrate"} == set()


def test_work_that_starts_together_is_placed_as_one_block_under_the_capacity() -> None:
    # a small firm at level 1 with a small firm's capacity (2 effort points at once, 4 from
    # month 6): the SaaS CRM (S) could start at month 6 (offset 5), after the consent design and
    # the clean-up; with the owner's launch (S) and the training (M) it takes 4 points at once,
    # which fit the limit only from month 7, so the three start together then
    planned, _ = plan_initiatives(gaps_at(1.0, 3.0), LIBRARY, CAPACITY["small"], "small")
    got = months(planned)
    assert got["saas-crm-setup"] == (6, 8)
    assert got["training-adoption-programme"] == got["owner-led-crm-launch"] == (6, 9)
    assert {p.initiative.id: p for p in planned}["saas-crm-setup"].earliest == 5
    plan = Roadmap(planned, [], None, None, [])
    assert [plan.load(m)[0] for m in range(4, 11)] == [2, 2, 4, 4, 4, 4, 4]
    # the legal baseline does not wait for room: at month 0, whatever the load
    assert got["data-protection-baseline"] == (0, 2)
    # nothing new ends after month 24, and the load never passes the limit
    assert all(p.end_month is None or p.end_month <= 24 for p in planned)
    assert all(plan.load(m)[0] <= CAPACITY["small"][_phase(m)] for m in range(24))
    # with 3 points at once the block of 4 never fits: it waits for the next review, and so
    # does what waits for it
    narrow, _ = plan_initiatives(gaps_at(1.0, 3.0), LIBRARY, [2, 2, 3, 3], "small")
    later = {p.initiative.id: p.backlog_reason for p in narrow if p.start_month is None}
    assert later["saas-crm-setup"] == later["training-adoption-programme"] == "horizon"
    assert later["owner-led-crm-launch"] == "horizon"


def _phase(month: int) -> int:
    return next(n for n, (b, e) in enumerate(((0, 3), (3, 6), (6, 12), (12, 24))) if b <= month < e)


def test_capacity_is_the_work_running_at_once_each_month_it_runs() -> None:
    # a mid-sized firm at level 1 with 4 points at once: the vision (S) and the legal baseline
    # (S) start at once; the strategy (M, 3 months) and the goals (S) start at month 1 when the
    # vision has ended: 1 + 2 + 1 = 4 points until the baseline ends at month 2
    planned, _ = plan_initiatives(gaps_at(1.0, 2.0), LIBRARY, [4, 4, 4, 4], "mid")
    got = months(planned)
    assert got["crm-vision-charter"] == (0, 1) and got["data-protection-baseline"] == (0, 2)
    assert got["crm-strategy-plan"] == (1, 4) and got["crm-goals-kpis"] == (1, 3)
    plan = Roadmap(planned, [], None, None, [])
    # the load never passes 4 in a month but for work that does not wait for room (a legal
    # duty); the rollout with its training and champions, 6 points at once, cannot fit
    later = [p.initiative.id for p in planned if p.start_month is None]
    assert later == [
        "crm-phased-rollout",
        "training-adoption-programme",
        "change-champions-network",
    ]
    for month in range(30):
        running = [p for p in planned if p.runs_in(month)]
        waiting = sum(EFFORT_POINTS[p.initiative.effort] for p in running if not p.pinned)
        assert waiting <= 4, month
        assert plan.load(month)[0] == sum(EFFORT_POINTS[p.initiative.effort] for p in running)
    # each phase's peak is the most points at once in its months
    assert [plan.peak(n)[0] for n in range(4)] == [
        max(plan.load(m)[0] for m in range(b, e)) for b, e in ((0, 3), (3, 6), (6, 12), (12, 24))
    ]
    # twice the room, and the same work runs sooner
    wide, _ = plan_initiatives(gaps_at(1.0, 2.0), LIBRARY, [8, 8, 8, 8], "mid")
    assert max(p.end_month or 99 for p in wide) < max(p.end_month or 99 for p in planned)


QUICK_SCAN = ["gartner-8bb/" + d.id for d in LIBRARY.frameworks["gartner-8bb"].dimensions]


def test_a_legal_duty_the_questionnaire_does_not_measure_is_planned_and_says_so() -> None:
    # the quick scan scores Gartner's eight building blocks only: nothing says whether the
    # personal data held is in line with the law, which applies to every company
    gaps = [g for g in gaps_at(1.5, 3.0) if g.path in QUICK_SCAN]
    planned, _ = plan_initiatives(gaps, LIBRARY, [4, 5, 8, 12], "mid")
    by_id = {p.initiative.id: p for p in planned}
    baseline = by_id["data-protection-baseline"]
    assert (baseline.start_month, baseline.measured, baseline.covers) == (0, False, [])
    # what comes before a planned initiative is not taken as done because nothing measured it:
    # the platform is chosen after the consent design, which the quick scan does not measure
    assert not by_id["consent-data-protection"].measured
    assert "consent-data-protection" in by_id["crm-platform-choice"].after
    assert all(p.measured for p in planned if p.covers)
    # it comes with a CRM programme: a roadmap with nothing else in it stays empty
    at_target = [g for g in gaps_at(3.0, 3.0) if g.path in QUICK_SCAN]
    assert plan_initiatives(at_target, LIBRARY, [4, 5, 8, 12], "mid") == ([], [])


def test_a_legal_duty_is_planned_whatever_the_data_practice_scores() -> None:
    # a bank with data and IT at level 3, the lifecycle at 2: a win-back programme (step 2),
    # which uses personal data, is chosen; the score does not show the law is complied with
    lifecycle = {"qci/customer-management-activity": 2.0,
                 "buttle-value-chain/customer-lifecycle-management": 2.0}  # fmt: skip
    gaps = gaps_at(3.0, 3.0, lifecycle)
    planned, _ = plan_initiatives(gaps, LIBRARY, WIDE, "enterprise", context=BANK)
    by_id = {p.initiative.id: p for p in planned}
    baseline = by_id["data-protection-baseline"]
    assert (baseline.start_month, baseline.measured, baseline.covers) == (0, True, [])
    # the consent design for the new use comes before it, after the baseline, which takes an
    # enterprise 4 months (its data sit in many systems), not a small firm's 2
    consent, win_back = by_id["consent-data-protection"], by_id["win-back-programme"]
    assert (baseline.length, baseline.initiative.effort_for("enterprise")) == (4, "M")
    assert consent.after == ["data-protection-baseline"] and consent.start_month == 4
    assert win_back.after == ["consent-data-protection"] and win_back.start_month == 7
    # only `progress:` marking them done takes them out
    done = ["data-protection-baseline", "consent-data-protection"]
    planned, _ = plan_initiatives(gaps, LIBRARY, WIDE, "enterprise", done=done, context=BANK)
    assert [(p.initiative.id, p.start_month) for p in planned] == [("win-back-programme", 0)]


def test_the_quick_scan_roadmap_says_what_to_check(tmp_path: Path) -> None:
    from .test_roadmap_properties import MAKE_EXAMPLE

    assessment = {
        "kind": "assessment", "client": {"name": "Công ty Thử"}, "date": "2026-10-01",
        "questionnaire": "crm-quick-scan",
        "respondents": [{"id": f"r{n}", "name": f"Người {n}", "role": role}
                        for n, role in enumerate(["executive", "sales", "it"])],
    }  # fmt: skip
    (tmp_path / "assessment.yaml").write_text(yaml.safe_dump(assessment, allow_unicode=True))
    (tmp_path / "story.yaml").write_text(yaml.safe_dump({"seed": 3, "default": 1.6}))
    (tmp_path / "responses").mkdir()
    for person, data in MAKE_EXAMPLE.responses(tmp_path, LIBRARY).items():
        text = yaml.safe_dump(data, allow_unicode=True)
        (tmp_path / "responses" / f"{person}.yaml").write_text(text, "utf-8")
    for lang, note in (("en", "(not measured: check)"), ("vi", "(chưa khảo sát: cần kiểm tra)")):
        out = CliRunner().invoke(cli, ["roadmap", str(tmp_path), "--lang", lang])
        assert out.exit_code == 0, out.output
        title = LIBRARY.initiatives["data-protection-baseline"].title[lang]
        assert f"{title} {note}" in out.stdout
    data = json.loads(
        CliRunner().invoke(cli, ["roadmap", str(tmp_path), "--format", "json"]).stdout
    )
    first = data["phases"][0]["initiatives"]
    assert {"id": "data-protection-baseline", "measured": False, "start_month": 0} in [
        {k: i[k] for k in ("id", "measured", "start_month")} for i in first
    ]


BANK = BusinessContext(
    market="b2c", active_customers=2_500_000, purchase_frequency="monthly", deal_size="medium",
    company_size="large", industry="financial-services",
)  # fmt: skip
DEALERS = BANK.model_copy(
    update={"market": "b2b", "active_customers": 400, "industry": "manufacturing"}
)


def test_not_for_leaves_out_work_that_belongs_to_another_business() -> None:
    # a bank with 2.5 million retail customers: no key accounts, delivery partners or dealers
    gaps = gaps_at(1.0, 4.0)
    ids = {p.initiative.id for p in plan_initiatives(gaps, LIBRARY, WIDE, "large", context=BANK)[0]}
    misfits = {"key-account-management", "service-partner-slas", "partner-dealer-portal"}
    assert ids & misfits == set()
    # a manufacturer with 400 dealer accounts gets them, and without a context nothing is left out
    for context in (DEALERS, None):
        planned, _ = plan_initiatives(gaps, LIBRARY, WIDE, "large", context=context)
        assert {"key-account-management", "service-partner-slas"} <= {
            p.initiative.id for p in planned
        }
        assert all(LIBRARY.initiatives[i].suits("large", context) for i in misfits)
    assert not any(LIBRARY.initiatives[i].suits("large", BANK) for i in misfits)


def test_a_not_for_condition_matches_when_every_field_it_gives_matches() -> None:
    rule = Misfit(market=["b2c"], min_customers=1000)
    assert rule.matches(BANK)
    assert not rule.matches(BANK.model_copy(update={"active_customers": 999}))
    assert not rule.matches(BANK.model_copy(update={"market": "mixed"}))
    assert Misfit(max_customers=500).matches(DEALERS)


def test_a_not_for_condition_that_says_nothing_or_an_inverted_range_is_an_error(
    build_file_tree: BuildTree,
) -> None:
    text = (
        CATALOGUE.replace(
            "    cost: {small: {low: 1, high: 2}, mid: {low: 1, high: 2}}\n",
            "    cost: {small: {low: 1, high: 2}, mid: {low: 1, high: 2}, large: {low: 1, high: 2}}\n",
        )
        .replace("after: [second-move]", "after: []")
        .replace(
            "after: [first-move, crm-vison-charter]",
            "after: [first-move]\n    not_for: [{}, {min_customers: 10, max_customers: 5}]",
        )
    )
    root = build_file_tree({"mine.yaml": text})
    result = CliRunner().invoke(cli, ["validate", str(root / "mine.yaml")])
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert len(errors) == 3 and errors[-1] == "2 problem(s) in 1 file(s) checked."
    assert "initiatives[1].not_for[0]" in errors[0] and "give at least one of market" in errors[0]
    assert "initiatives[1].not_for[1]" in errors[1]
    assert "max_customers must not be below min_customers" in errors[1]


def test_segments_key_accounts_and_data_owners_come_in_a_consultants_order() -> None:
    planned, _ = plan_initiatives(gaps_at(1.0, 3.0), LIBRARY, WIDE, "mid", context=DEALERS)
    got = months(planned)
    by_id = {p.initiative.id: p for p in planned}

    def before(a: str, b: str) -> bool:
        end, start = got[a][1], got[b][0]
        return end is not None and start is not None and end <= start

    # value tiers → needs (profiling customers waits for consent) → a proposition per segment
    assert before("customer-value-segmentation", "needs-based-segmentation")
    assert before("consent-data-protection", "needs-based-segmentation")
    assert before("needs-based-segmentation", "segment-propositions")
    # key accounts start from value tiers and service standards, not from buyer personas
    assert before("customer-value-segmentation", "key-account-management")
    assert "buyer-personas" not in by_id["key-account-management"].after
    # someone answers for the customer data before it is cleaned up
    assert before("data-quality-ownership", "customer-data-cleanup")
    small, _ = plan_initiatives(gaps_at(1.0, 3.0), LIBRARY, WIDE, "small")
    owners_end, cleanup_start = (
        months(small)["data-quality-ownership"][1],
        months(small)["spreadsheet-cleanup"][0],
    )
    assert owners_end is not None and cleanup_start is not None and owners_end <= cleanup_start
    # a CRM rollout is a business programme
    assert by_id["crm-phased-rollout"].initiative.owner == "sales"


def test_a_new_configuration_is_always_piloted_and_rolled_out_with_its_change_management() -> None:
    # only the technology is behind (1.5 against a target of 2: a step-1 need, which the
    # configuration meets and the rollout, a step-2 initiative, does not); the pilot's dimensions
    # are at 1.6 with no gap of their own: `then: [crm-pilot]` brings the pilot right after it,
    # and the pilot's `then: [crm-phased-rollout]` the rollout, with the training and the
    # champions network starting with it: they come with the rollout whatever the level, as its
    # users are trained on the new CRM; the change impact and communication plan comes before
    # it unless reached (change management is at 3 here)
    pilot = LIBRARY.initiatives["crm-pilot"]
    tech = {"qci/information-technology", "buttle-value-chain/data-it", "gartner-8bb/technology"}
    gaps = []
    for fw in LIBRARY.frameworks.values():
        for d in fw.dimensions:
            path = f"{fw.id}/{d.id}"
            now, aim = (
                (1.5, 2.0)
                if path in tech
                else (1.6, 1.6)
                if path in pilot.dimensions
                else (3.0, 3.0)
            )
            gaps.append(Gap(fw.id, d.id, now, aim, aim - now, max(aim - now, 0.0), 1.0, 1.0))
    planned, _ = plan_initiatives(gaps, LIBRARY, WIDE, "mid")
    got = months(planned)
    assert got["crm-configure-migrate"][1] == got["crm-pilot"][0]
    assert got["crm-pilot"][1] == got["crm-phased-rollout"][0] == 13
    assert got["training-adoption-programme"][0] == got["change-champions-network"][0] == 13
    assert "crm-change-communication" not in got
    by_id = {p.initiative.id: p for p in planned}
    champions = by_id["change-champions-network"]
    assert (champions.covers, champions.unblocks, champions.with_) == (
        [],
        [],
        ["crm-phased-rollout"],
    )
    # the change impact and communication plan, not reached, ends before the first wave
    weak = [
        g
        if g.path != "payne-frow/change-management"
        else Gap(g.framework, g.dimension, 1.5, 2.0, 0.5, 0.5, 1.0, 1.0)
        for g in gaps
    ]
    got = months(plan_initiatives(weak, LIBRARY, WIDE, "mid")[0])
    assert got["crm-change-communication"][1] <= got["crm-phased-rollout"][0]  # type: ignore[operator]


def _valid_for_every_size() -> str:
    """The test catalogue without its unknown `after:` and with a cost for every size, so that
    the one problem a test introduces is the only one reported."""
    return CATALOGUE.replace("    after: [first-move, crm-vison-charter]\n", "").replace(
        "    cost: {small: {low: 1, high: 2}, mid: {low: 1, high: 2}}\n",
        "    cost: {small: {low: 1, high: 2}, mid: {low: 1, high: 2}, large: {low: 1, high: 2}, "
        "enterprise: {low: 1, high: 2}}\n",
    )


def test_months_per_size_and_if_planned_are_checked_one_line_each(
    build_file_tree: BuildTree,
) -> None:
    fixed = _valid_for_every_size()
    broken = fixed.replace(
        "    after: [second-move]\n    effort: S\n    months: 1\n",
        "    after: [second-move]\n    if_planned: [crm-pilot]\n    effort: S\n"
        "    months: {small: 1, mid: 2, large: 0}\n",
    )
    root = build_file_tree({"mine.yaml": broken})
    result = CliRunner().invoke(cli, ["validate", str(root / "mine.yaml")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{root}/mine.yaml:12:39: initiatives[0].months.large: Input should be greater than or equal to 1",
        "1 problem(s) in 1 file(s) checked.",
    ]
    (root / "mine.yaml").write_text(broken.replace("large: 0}", "large: 3}"), "utf-8")
    result = CliRunner().invoke(cli, ["validate", str(root / "mine.yaml")])
    assert result.stderr.splitlines() == [
        f"{root}/mine.yaml:4:5: initiatives[0]: months: no duration for company size 'enterprise'",
        "1 problem(s) in 1 file(s) checked.",
    ]
    (root / "mine.yaml").write_text(
        broken.replace("large: 0}", "large: 3, enterprise: 5}"), "utf-8"
    )
    result = CliRunner().invoke(cli, ["validate", str(root / "mine.yaml")])
    assert result.stderr.splitlines() == [
        f"{root}/mine.yaml:10:18: initiatives[0].if_planned[0]: 'crm-pilot' is in neither "
        "'after' nor 'with': 'if_planned' only makes one of those conditional",
        "1 problem(s) in 1 file(s) checked.",
    ]


def test_effort_per_size_is_checked_one_line_each_and_sets_the_points_of_that_size(
    build_file_tree: BuildTree,
) -> None:
    fixed = _valid_for_every_size()
    broken = fixed.replace(
        "    after: [second-move]\n    effort: S\n",
        "    after: [second-move]\n    effort: {small: S, mid: XL}\n",
    )
    root = build_file_tree({"mine.yaml": broken})
    result = CliRunner().invoke(cli, ["validate", str(root / "mine.yaml")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{root}/mine.yaml:10:29: initiatives[0].effort.mid: Input should be 'S', 'M' or 'L'",
        "1 problem(s) in 1 file(s) checked.",
    ]
    (root / "mine.yaml").write_text(broken.replace("mid: XL}", "mid: M}"), "utf-8")
    result = CliRunner().invoke(cli, ["validate", str(root / "mine.yaml")])
    assert result.stderr.splitlines() == [
        f"{root}/mine.yaml:4:5: initiatives[0]: effort: no effort for company sizes 'large' and "
        "'enterprise'",
        "1 problem(s) in 1 file(s) checked.",
    ]
    # the shipped one-page strategy of a small firm is the owner's month (S), a mid-sized
    # firm's a programme of three (M); the plan and its table take the size's effort
    strategy = LIBRARY.initiatives["crm-strategy-plan"]
    assert [(strategy.effort_for(s), strategy.months_for(s)) for s in ("small", "mid")] == [
        ("S", 1), ("M", 3)
    ]  # fmt: skip
    for size, effort in (("small", "S"), ("mid", "M")):
        planned, _ = plan_initiatives(gaps_at(1.0, 2.0), LIBRARY, WIDE, size)
        got = {p.initiative.id: p.initiative.effort for p in planned}
        assert got["crm-strategy-plan"] == got["consent-data-protection"] == effort


def test_a_duration_per_size_sets_how_long_the_work_runs() -> None:
    centre = LIBRARY.initiatives["omnichannel-contact-centre"]
    assert [centre.months_for(s) for s in ("mid", "large", "enterprise")] == [6, 9, 15]
    assert centre.months_for("small") == 6  # continued work of a size it does not list
    assert LIBRARY.initiatives["crm-vision-charter"].months_for("enterprise") == 1
