"""The most new initiatives a plan holds (docs/roadmap.md §3): a small firm's owner sponsors a
dozen, and what matters least waits in the backlog for the next review, with its reason."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from assessor.cli import cli
from assessor.context import LIMIT
from assessor.pipeline import run_assessment
from assessor.report.context import build_context
from assessor.roadmap import LIMIT as LIMIT_REASON
from assessor.roadmap import NEW, plan_initiatives

from .conftest import REPO
from .test_roadmap import LIBRARY, WIDE, gaps_at

EXAMPLES = REPO / "examples"


def test_the_limits_by_size() -> None:
    assert LIMIT == {"small": 12, "mid": 24, "large": 30, "enterprise": 36}


def test_a_small_firm_keeps_twelve_and_the_least_important_wait_for_the_next_review() -> None:
    result = run_assessment(EXAMPLES / "an-khang-shop")
    items = result.roadmap.items
    kept = [p for p in items if p.start_month is not None]
    assert len(kept) == 12 and all(p.status == NEW for p in kept)
    moved = [p for p in items if p.backlog_reason == LIMIT_REASON]
    # the most important first; none of them is waited for by planned work, and none is a
    # legal duty or starts with planned work
    assert [(p.initiative.id, round(p.priority, 2)) for p in moved] == [
        ("data-quality-kpis", 4.86), ("invoice-crm-link", 3.5), ("monthly-customer-huddle", 1.63),
        ("customer-promise-service-standards", 1.39), ("sales-process-mapping", 0.88),
        ("shop-customer-notes", 0.66), ("welcome-onboarding-programme", 0.46),
    ]  # fmt: skip
    assert all(p.start_month is None and p.end_month is None for p in moved)
    assert not any(p.initiative.urgent or p.initiative.with_ for p in moved)
    for p in kept:
        assert not set(p.after) & {m.initiative.id for m in moved}
    # the needs they cover are covered, later: not unmet
    assert not {n for p in moved for n in p.covers} & set(result.roadmap.unmet)
    data = json.loads(CliRunner().invoke(
        cli, ["roadmap", str(EXAMPLES / "an-khang-shop"), "--format", "json"]
    ).stdout)  # fmt: skip
    assert [(b["id"], b["reason"], b["start_month"]) for b in data["backlog"]] == [
        (p.initiative.id, "limit", None) for p in moved
    ]


def test_the_report_says_why_the_backlog_waits_in_both_languages() -> None:
    result = run_assessment(EXAMPLES / "an-khang-shop")
    en = build_context(result, lang="en", kind="executive")
    vi = build_context(result, lang="vi", kind="executive")
    assert en.labels["backlog"] == "Later, for the next review"
    # the plan's work ends in month 10, so the reason says a review then chooses among them
    assert [g.why for g in en.backlog] == [
        en.labels["backlog_limit"].format(most=12)
        + "; the plan's work ends in month\u00a010, when a review chooses the next work among them"
    ]
    assert [g.why for g in vi.backlog] == [
        vi.labels["backlog_limit"].format(most=12)
        + "; các việc trong kế hoạch kết thúc vào tháng\u00a0thứ\u00a010, khi đó nên đánh giá lại "
        "để chọn các việc tiếp theo trong số này"
    ]
    assert len(en.backlog[0].items) == 7
    text = " ".join(v.text for v in en.decisions)
    assert "At most 12 new initiatives in the plan, the number a small firm can sponsor" in text


def test_a_lead_goes_with_what_starts_with_it_and_prerequisites_stay() -> None:
    # a mid-sized firm at level 1 aiming at level 2 chooses 24; held to 20, the complaint
    # handling (priority 1) goes, then the rollout (0: the pilot's follow-up) with the training
    # and the champions that start with it, although the training's own priority is 3
    planned, _ = plan_initiatives(gaps_at(1.0, 2.0), LIBRARY, WIDE, "mid", most=20)
    moved = [p.initiative.id for p in planned if p.backlog_reason == LIMIT_REASON]
    assert moved == [
        "complaint-service-recovery", "crm-phased-rollout", "change-champions-network",
        "training-adoption-programme",
    ]  # fmt: skip
    kept = [p for p in planned if p.backlog_reason != LIMIT_REASON]
    assert len(kept) == 20 and all(p.start_month is not None for p in kept)
    # the vision goes only once nothing waits for it; the legal baseline never goes
    tight, _ = plan_initiatives(gaps_at(1.0, 2.0), LIBRARY, WIDE, "mid", most=1)
    assert [p.initiative.id for p in tight if p.start_month is not None] == [
        "data-protection-baseline"
    ]
    # moved out last, so listed first in the backlog
    assert [p.initiative.id for p in tight][1] == "crm-vision-charter"


def test_max_initiatives_in_assessment_yaml_wins_and_a_bad_value_is_one_line(
    tmp_path: Path,
) -> None:
    shutil.copytree(EXAMPLES / "an-khang-shop", tmp_path / "ws")
    path = tmp_path / "ws" / "assessment.yaml"
    text = path.read_text("utf-8")
    path.write_text(text + "roadmap:\n  max_initiatives: 15\n", "utf-8")
    result = run_assessment(tmp_path / "ws")
    assert (result.decisions.limit.value, result.decisions.limit.source) == (15, "assessment")
    assert sum(p.start_month is not None for p in result.roadmap.items) == 15
    assert result.decisions.limit.reason["en"].startswith(
        "At most 15 new initiatives in the plan, as the consultant set in assessment.yaml"
    )
    lines = len(text.splitlines())
    path.write_text(text + "roadmap:\n  max_initiatives: 0\n", "utf-8")
    out = CliRunner().invoke(cli, ["validate", str(tmp_path / "ws")])
    assert out.exit_code == 1 and "Traceback" not in out.output
    assert out.stderr.splitlines()[0] == (
        f"{path}:{lines + 2}:20: roadmap.max_initiatives: Input should be greater than or equal to 1"
    )
