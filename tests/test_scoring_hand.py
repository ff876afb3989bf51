"""A second workspace scored by hand from docs/scoring.md alone, through the command line.

Four respondents in two units and three roles; two frameworks with unequal dimension weights;
maturity, likert and yes/no questions with `maps_to` weights ≠ 1; one 'not sure' and one
'not applicable'; a question only IT answers; the two strategy-matrix axes; every KPI input.
Each expected number below is worked out in the comment beside it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from assessor.cli import cli

from .conftest import BuildTree

LEVELS = """\
    levels:
      1: {en: Ad hoc., vi: Tự phát.}
      2: {en: Some teams., vi: Một vài bộ phận.}
      3: {en: Company standard., vi: Chuẩn toàn công ty.}
      4: {en: Measured., vi: Được đo lường.}
"""


def _framework(fw_id: str, dims: list[tuple[str, str, str, int]]) -> str:
    text = (
        f"kind: framework\nid: {fw_id}\nname: {{en: {fw_id}, vi: Khung {fw_id}}}\n"
        "description: {en: Test., vi: Thử.}\nversion: '1'\n"
        "sources: [{id: s1, citation: 'A. Author, A book, 2020'}]\ndimensions:\n"
    )
    for dim_id, en, vi, weight in dims:
        text += (
            f"  - id: {dim_id}\n    name: {{en: {en}, vi: {vi}}}\n"
            f"    description: {{en: {en}., vi: {vi}.}}\n    weight: {weight}\n" + LEVELS
        )
    return text


OPTIONS = """\
        options:
          1: {en: None., vi: Chưa có.}
          2: {en: Some., vi: Một phần.}
          3: {en: Standard., vi: Chuẩn.}
          4: {en: Measured., vi: Đo lường.}
"""
KPI_INPUTS = [
    ("k-s", "number", "customers-start"), ("k-e", "number", "customers-end"),
    ("k-n", "number", "customers-new"), ("k-l", "number", "customers-lost"),
    ("k-rd", "number", "renewals-due"), ("k-rr", "number", "renewals-done"),
    ("k-rs", "number", "retention-spend"), ("k-as", "number", "acquisition-spend"),
    ("k-m", "number", "margin-per-customer"), ("k-i", "percent", "discount-rate"),
    ("k-p", "percent", "nps-promoters-pct"), ("k-d", "percent", "nps-detractors-pct"),
    ("k-mql", "number", "mqls"), ("k-sql", "number", "sqls"),
    ("k-sow", "percent", "share-of-wallet"),
]  # fmt: skip
QUESTIONNAIRE = (
    """\
kind: questionnaire
id: hand-q
version: "1"
title: {en: Hand, vi: Tính tay}
description: {en: Test., vi: Thử.}
sections:
  - id: main
    title: {en: Main, vi: Chính}
    questions:
      - id: m1
        type: maturity
        text: {en: Plans?, vi: Kế hoạch?}
        importance: true
        maps_to: [{dimension: fa/plan, weight: 2}, {dimension: fb/people, weight: 1}]
"""
    + OPTIONS
    + """\
      - id: m2
        type: maturity
        text: {en: Reviews?, vi: Rà soát?}
        maps_to: [{dimension: fa/plan}]
"""
    + OPTIONS
    + """\
      - id: l1
        type: likert
        text: {en: Clean data?, vi: Dữ liệu sạch?}
        importance: true
        maps_to: [{dimension: fa/data}, {dimension: fb/tools, weight: 0.5}]
      - id: y1
        type: yes_no
        score_yes: 3.5
        text: {en: Single view?, vi: Góc nhìn duy nhất?}
        maps_to: [{dimension: fa/data, weight: 2}, {dimension: fb/people}]
      - id: y1-why
        type: text
        text: {en: Why not?, vi: Vì sao không?}
        relevant: "${y1} == 'no'"
      - id: m3
        type: maturity
        audience: [it]
        text: {en: Integration?, vi: Tích hợp?}
        maps_to: [{dimension: fb/tools}]
"""
    + OPTIONS
    + """\
      - id: ax-info
        type: maturity
        axis: customer-information
        text: {en: Information?, vi: Thông tin?}
"""
    + OPTIONS
    + """\
      - id: ax-ind
        type: likert
        axis: individualisation
        text: {en: Individual?, vi: Cá nhân hóa?}
"""
    + "".join(
        f"      - {{id: {q}, type: {t}, kpi: {k}, audience: [executive], text: {{en: {k}, vi: {k}}}}}\n"
        for q, t, k in KPI_INPUTS
    )
)
ASSESSMENT = """\
kind: assessment
client: {name: Công ty Tính Tay}
date: 2026-11-02
questionnaire: hand-q
frameworks: [fa, fb]
target:
  profile: balanced-3
  overrides: {fa/data: 4, fb/tools: 2}
units: [{id: hn, name: Hà Nội}, {id: hcm, name: TP Hồ Chí Minh}]
scoring: {min_group: 2}
respondents:
  - {id: r1, name: An, role: executive, unit: hn}
  - {id: r2, name: Bình, role: sales, unit: hn}
  - {id: r3, name: Chi, role: sales, unit: hcm}
  - {id: r4, name: Dũng, role: it, unit: hcm}
"""
FIGURES = {"k-s": 1000, "k-e": 1050, "k-n": 200, "k-l": 150, "k-rd": 80, "k-rr": 60,
           "k-rs": 85000, "k-as": 300000, "k-m": 600, "k-i": 10, "k-p": 45, "k-d": 20,
           "k-mql": 400, "k-sql": 90, "k-sow": 30}  # fmt: skip
RESPONSES = {
    "r1": "  m1: {value: 3, importance: 5}\n  m2: 4\n  l1: {value: 4, importance: 2}\n"
    '  y1: "yes"\n  ax-info: 3\n  ax-ind: 2\n'
    + "".join(f"  {k}: {v}\n" for k, v in FIGURES.items()),
    "r2": "  m1: {value: 2, importance: 4}\n  m2: not_sure\n  l1: 2\n"
    '  y1: "no"\n  y1-why: Chưa có ngân sách\n  ax-info: 2\n  ax-ind: 4\n',
    "r3": '  m1: 1\n  m2: 2\n  l1: not_applicable\n  y1: "yes"\n  ax-info: 1\n  ax-ind: 5\n',
    "r4": '  m1: {value: 4, importance: 3}\n  m2: 3\n  l1: 5\n  y1: "no"\n  m3: 2\n'
    "  ax-info: not_sure\n  ax-ind: 3\n",
}


def hand_workspace() -> dict[str, str]:
    files = {
        "ws/library/fa.yaml": _framework("fa", [("plan", "Planning", "Hoạch định", 1),
                                                 ("data", "Data", "Dữ liệu", 3)]),
        "ws/library/fb.yaml": _framework("fb", [("people", "People", "Con người", 2),
                                                 ("tools", "Tools", "Công cụ", 1)]),
        "ws/library/hand-q.yaml": QUESTIONNAIRE,
        "ws/assessment.yaml": ASSESSMENT,
    }  # fmt: skip
    for rid, answers in RESPONSES.items():
        files[f"ws/responses/{rid}.yaml"] = f"respondent: {rid}\nanswers:\n{answers}"
    return files


def _run(root: Path, command: str) -> Any:
    result = CliRunner().invoke(cli, [command, str(root / "ws"), "--format", "json"], obj={})
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hand")
    for rel, text in hand_workspace().items():
        (base / rel).parent.mkdir(parents=True, exist_ok=True)
        (base / rel).write_text(text, encoding="utf-8")
    return base


@pytest.fixture(scope="module")
def score(root: Path) -> Any:
    return _run(root, "score")


def _dims(score: Any) -> dict[str, Any]:
    return {f"{f['id']}/{d['id']}": d for f in score["frameworks"] for d in f["dimensions"]}


# Answer scores: maturity = the level; likert 1 + (a − 1) × 0.75 (2 → 1.75, 4 → 3.25, 5 → 4.0);
# yes → score_yes 3.5, no → 1.0.


def test_plan(score: Any) -> None:
    # fa/plan = m1 (weight 2) + m2 (weight 1), weighted mean per respondent; two questions, so
    # indicative (fewer than three):
    #   r1 (3·2 + 4)/3 = 10/3; r2 m2 not sure → 2; r3 (1·2 + 2)/3 = 4/3; r4 (4·2 + 3)/3 = 11/3
    # mean 31/12 = 2.5833; median (2 + 10/3)/2 = 2.6667; % (2.5833 − 1)/3 = 52.778
    # pstdev: deviations −15/12, −7/12, 9/12, 13/12 → √(524/576) = 0.954; range 7/3
    # disagreement: 2 × sd = 1.908 ≥ 1.5
    # level: each respondent's answers share one unit: ≥ 2: 1 + 1 + 1/3 + 1 = 3.33/4 = 83 % → 2;
    #   ≥ 3: 1 + 0 + 0 + 1 = 50 % → stays 2
    assert _dims(score)["fa/plan"] == {
        "id": "plan", "name": "Planning", "score": 2.583, "pct": 52.778, "level": 2,
        "median": 2.667, "answered": 7, "excluded": 1, "respondents": 4,
        "spread": {"sd": 0.954, "min": 1.333, "max": 3.667, "range": 2.333},
        "disagreement": True, "questions": 2, "indicative": True, "agreed": False,
    }  # fmt: skip


def test_data(score: Any) -> None:
    # fa/data = l1 (1) + y1 (2): r1 (3.25 + 7)/3 = 3.4167; r2 (1.75 + 2)/3 = 1.25;
    #   r3 l1 N/A → y1 alone 3.5; r4 (4 + 2)/3 = 2.0 → mean 10.1667/4 = 2.5417, median 2.7083
    # disagreement: 2 × sd 0.955 = 1.91 ≥ 1.5
    # level: ≥ 2: 1 (r1) + 0 (r2) + 1 (r3) + 1/3 (r4) = 58 % → level 1
    assert _dims(score)["fa/data"] == {
        "id": "data", "name": "Data", "score": 2.542, "pct": 51.389, "level": 1,
        "median": 2.708, "answered": 7, "excluded": 1, "respondents": 4,
        "spread": {"sd": 0.955, "min": 1.25, "max": 3.5, "range": 2.25},
        "disagreement": True, "questions": 2, "indicative": True, "agreed": False,
    }  # fmt: skip


def test_people_and_tools(score: Any) -> None:
    # fb/people = m1 + y1 (1 each): r1 3.25, r2 1.5, r3 2.25, r4 2.5 → 2.375; sd 0.625
    #   2 × sd = 1.25 < 1.5: no disagreement, though the range is 1.75 (one low respondent)
    #   ≥ 2: r1 both answers (1), r2, r3 and r4 one of two (½ each) → 2.5/4 = 62.5 % → level 1
    # fb/tools = l1 (0.5) + m3 (1, IT only): r1 3.25, r2 1.75, r3 N/A (no score, excluded 1),
    #   r4 (4·0.5 + 2)/1.5 = 2.6667 → 7.6667/3 = 2.5556; range exactly 1.5, but
    #   sd √((0.6944² + 0.8056² + 0.1111²)/3) = 0.617, 2 × sd = 1.234 < 1.5 → no disagreement
    #   ≥ 2: r1 1, r2 0, r4 1/3 + 2/3 = 1 → 2/3 = 67 % → level 1
    dims = _dims(score)
    assert dims["fb/people"] == {
        "id": "people", "name": "People", "score": 2.375, "pct": 45.833, "level": 1,
        "median": 2.375, "answered": 8, "excluded": 0, "respondents": 4,
        "spread": {"sd": 0.625, "min": 1.5, "max": 3.25, "range": 1.75},
        "disagreement": False, "questions": 2, "indicative": True, "agreed": False,
    }  # fmt: skip
    assert dims["fb/tools"] == {
        "id": "tools", "name": "Tools", "score": 2.556, "pct": 51.852, "level": 1,
        "median": 2.667, "answered": 4, "excluded": 1, "respondents": 3,
        "spread": {"sd": 0.617, "min": 1.75, "max": 3.25, "range": 1.5},
        "disagreement": False, "questions": 2, "indicative": True, "agreed": False,
    }  # fmt: skip


def test_frameworks_and_overall(score: Any) -> None:
    # fa = (1 × 2.5833 + 3 × 2.5417)/4 = 2.5521; level: plan (weight ¼) at 2 < 80 % → 1
    # fb = (2 × 2.375 + 1 × 2.5556)/3 = 2.4352; overall = mean of the two = 2.4936
    fa, fb = ({k: f[k] for k in ("id", "score", "pct", "level", "weakest")}
              for f in score["frameworks"])  # fmt: skip
    assert fa == {"id": "fa", "score": 2.552, "pct": 51.736, "level": 1, "weakest": "data"}
    assert fb == {"id": "fb", "score": 2.435, "pct": 47.84, "level": 1, "weakest": "people"}
    # the next level: 80 % of 2 frameworks → both at level 2; neither is
    assert score["overall"] == {
        "headline": "Level 1 — Initial. Level 2 needs all 2 frameworks at level 2 or above; "
        "none is there yet. Average score 2.49 / 4 (the mean of the frameworks' scores; it can "
        "sit above the level, which is reached only when 80% of the practice is there).",
        # every dimension rests on two questions (fewer than three): all four are indicative
        "indicative_note": "Indicative scores: every dimension scored rests on fewer than three "
        "questions. Every score here is a first reading, not a measurement.",
        "level": 1,
        "next_level": {"level": 2, "needed": 2, "reached": 0, "of": 2},
        "score": 2.494,
        "pct": 49.788,
        "weakest": "fb/people",
        "frameworks": ["fa", "fb"],
    }


def test_breakdowns(score: Any) -> None:
    # min_group 2: the executive (r1) and IT (r4) are one each, so they show as "others".
    # sales = r2 and r3: plan (2 + 4/3)/2 = 1.6667, data (1.25 + 3.5)/2 = 2.375,
    #   people (1.5 + 2.25)/2 = 1.875; tools r2 only, so it is left out;
    # others = r1 and r4: plan (10/3 + 11/3)/2 = 3.5, data (41/12 + 2)/2 = 2.7083,
    #   people (3.25 + 2.5)/2 = 2.875, tools (3.25 + 8/3)/2 = 2.9583;
    # unit hcm = r3 and r4 (tools r4 only, left out), hn = r1 and r2
    assert score["respondents"] == {
        "count": 4,
        "by_role": {"sales": 2, "others": 2},
        "by_unit": {"hcm": 2, "hn": 2},
    }
    assert score["breakdowns"] == {
        "min_group": 2,
        "by_role": {
            "sales": {"fa/plan": 1.667, "fa/data": 2.375, "fb/people": 1.875},
            "others": {"fa/plan": 3.5, "fa/data": 2.708, "fb/people": 2.875, "fb/tools": 2.958},
        },
        "by_unit": {
            "hcm": {"fa/plan": 2.5, "fa/data": 2.75, "fb/people": 2.375},
            "hn": {"fa/plan": 2.667, "fa/data": 2.333, "fb/people": 2.375, "fb/tools": 2.5},
        },
        "notes": [
            "The roles Executive and IT are shown together as “Others” in the breakdown by role, "
            "so that no group has fewer than 2 respondents."
        ],
    }


def test_strategy_position(score: Any) -> None:
    # customer information: 3, 2, 1 (r4 not sure) → 2.0 < 2.5, low;
    # individualisation: 1.75, 3.25, 4.0, 2.5 → 2.875, high → managed service and support (2)
    # no business context: the target is the next position along the stronger axis
    # (individualisation), which is where the company already stands: hold
    position = score["strategy_position"]
    assert {
        k: position[k] for k in ("position", "name", "axes", "target", "route", "chosen_by")
    } == {
        "position": "managed-service-support",
        "name": "Managed service and support",
        "axes": {
            "customer-information": {"score": 2.0, "side": "low"},
            "individualisation": {"score": 2.875, "side": "high"},
        },
        "target": "managed-service-support",
        "route": ["managed-service-support"],
        "chosen_by": "default",
    }
    assert "defaults used" in position["reason"]
    assert "level" not in position


def test_kpis(score: Any) -> None:
    # retention (1050 − 200)/1000 = 85 %; churn 150/1000 = 15 %; renewal 60/80 = 75 %;
    # retention cost 85 000/850 = 100; CAC 300 000/200 = 1 500;
    # CLV 600 × 0.85/(1 + 0.10 − 0.85) − 1 500 = 2 040 − 1 500 = 540; NPS 45 − 20 = 25;
    # MQL → SQL 90/400 = 22.5 %; share of wallet as given, 30 %
    assert {k: v["value"] for k, v in score["kpis"].items()} == {
        "nps": 25.0, "retention-rate": 85.0, "churn-rate": 15.0, "renewal-rate": 75.0,
        "retention-cost": 100.0, "cac": 1500.0, "clv": 540.0, "mql-sql-conversion": 22.5,
        "share-of-wallet": 30.0, "grr": None, "nrr": None, "repeat-purchase-rate": None,
        "cross-sell-rate": None, "csat": None, "first-contact-resolution": None,
        "resolution-time": None, "win-rate": None, "crm-adoption": None,
    }  # fmt: skip


def test_gaps(root: Path) -> None:
    # targets: fa/data 4 and fb/tools 2 (overrides), the rest 3 (balanced-3's default)
    # relative weight: fa mean 2 → plan 0.5, data 1.5; fb mean 1.5 → people 1.333, tools 0.667
    # importance: m1 rated 5, 4, 3 → 4/3 (plan, people); l1 rated 2 → 2/3 (data, tools)
    # data: gap 4 − 2.5417 = 1.4583, priority × 1.5 × 2/3 = 1.4583
    # people: gap 0.625, × 4/3 × 4/3 = 1.1111; plan: 0.4167 × 0.5 × 4/3 = 0.2778
    # tools: 2 − 2.5556 = −0.5556, a strength, priority 0
    assert _run(root, "gaps") == [
        {"framework": "fa", "dimension": "data", "current": 2.542, "target": 4.0, "gap": 1.458,
         "priority": 1.458, "importance": 0.667, "weight": 1.5, "strength": False,
         "questions": 2, "indicative": True},
        {"framework": "fb", "dimension": "people", "current": 2.375, "target": 3.0, "gap": 0.625,
         "priority": 1.111, "importance": 1.333, "weight": 1.333, "strength": False,
         "questions": 2, "indicative": True},
        {"framework": "fa", "dimension": "plan", "current": 2.583, "target": 3.0, "gap": 0.417,
         "priority": 0.278, "importance": 1.333, "weight": 0.5, "strength": False,
         "questions": 2, "indicative": True},
        {"framework": "fb", "dimension": "tools", "current": 2.556, "target": 2.0, "gap": -0.556,
         "priority": 0.0, "importance": 0.667, "weight": 0.667, "strength": True,
         "questions": 2, "indicative": True},
    ]  # fmt: skip


def test_respondent_targets_then_question_targets(build_file_tree: BuildTree) -> None:
    # profile: respondents. r1 gives target 4 on m1 (plan 2/3, people 1) and r4 target 2 on m1:
    #   plan: r1 4, r4 2 → median 3.0; people the same → 3.0
    # data and tools: no respondent target; l1 carries target 3.5 in the questionnaire
    #   (maps to data and tools) and y1 target 2 (data only, weight 2):
    #   data (3.5 × 1 + 2 × 2)/3 = 2.5; tools 3.5
    files = hand_workspace()
    files["ws/assessment.yaml"] = ASSESSMENT.replace(
        "  profile: balanced-3\n  overrides: {fa/data: 4, fb/tools: 2}", "  profile: respondents"
    )
    edits = {
        "library/hand-q.yaml": [
            ("importance: true\n        maps_to: [{dimension: fa/data}",
             "importance: true\n        target: 3.5\n        maps_to: [{dimension: fa/data}"),
            ("score_yes: 3.5\n", "score_yes: 3.5\n        target: 2\n"),
        ],
        "responses/r1.yaml": [("importance: 5}", "importance: 5, target: 4}")],
        "responses/r4.yaml": [("importance: 3}", "importance: 3, target: 2}")],
    }  # fmt: skip
    for rel, changes in edits.items():
        for old, new in changes:
            assert old in files[f"ws/{rel}"]
            files[f"ws/{rel}"] = files[f"ws/{rel}"].replace(old, new)
    targets = {f"{g['framework']}/{g['dimension']}": g["target"]
               for g in _run(build_file_tree(files), "gaps")}  # fmt: skip
    assert targets == {"fa/plan": 3.0, "fb/people": 3.0, "fa/data": 2.5, "fb/tools": 3.5}


# The capability view (docs/scoring.md §7): each dimension's first capability is its main one.
CAPABILITIES = {
    "plan": "[direction, organisation]",
    "data": "[data, knowledge]",
    "people": "[organisation, direction]",
    "tools": "[data, technology]",
}


def _with_capabilities() -> dict[str, str]:
    files = hand_workspace()
    for fw in ("fa", "fb"):
        text = files[f"ws/library/{fw}.yaml"]
        for dim, caps in CAPABILITIES.items():
            text = text.replace(f"  - id: {dim}\n", f"  - id: {dim}\n    capabilities: {caps}\n")
        files[f"ws/library/{fw}.yaml"] = text
    # tools' level-2 words differ from data's, so the finding quoting it can be told apart
    fb = files["ws/library/fb.yaml"]
    level_2 = "2: {en: Some teams., vi: Một vài bộ phận.}"
    at = fb.rindex(level_2)
    files["ws/library/fb.yaml"] = (
        fb[:at]
        + "2: {en: Some teams' tools., vi: Công cụ của một vài bộ phận.}"
        + fb[at + len(level_2) :]
    )
    return files


def test_a_capability_counts_its_main_dimensions_only(build_file_tree: BuildTree) -> None:
    from assessor.pipeline import run_assessment
    from assessor.report.context import build_context
    from assessor.report.context_exec import capability_scores

    files = _with_capabilities()
    # the same answers a year earlier, for `compare`
    files |= {rel.replace("ws/", "old/", 1): text for rel, text in files.items()}
    files["old/assessment.yaml"] = files["old/assessment.yaml"].replace("2026-11-02", "2025-11-02")
    root = build_file_tree(files)
    result = run_assessment(root / "ws")
    rows = {r.capability: r for r in result.capabilities}

    def figures(cap: str) -> tuple[Any, ...]:
        r = rows[cap]
        assert r.mean is not None and r.target is not None and r.priority is not None
        return ([g.path for g in r.counted], [g.path for g in r.also], r.fallback,
                round(r.mean, 4), round(r.target, 4), round(r.priority, 4))  # fmt: skip

    # dimension scores, targets and priorities as in test_gaps:
    #   data 2.5417 / 4 / 1.4583; people 2.375 / 3 / 1.1111; plan 2.5833 / 3 / 0.2778;
    #   tools 2.5556 / 2 / 0
    # data: main of fa/data and fb/tools → (2.5417 + 2.5556)/2 = 2.5486, target 3, priority 0.7292
    assert figures("data") == (["fa/data", "fb/tools"], [], False, 2.5486, 3.0, 0.7292)
    # organisation: fb/people only; fa/plan names it second, shown beside it, not counted
    assert figures("organisation") == (["fb/people"], ["fa/plan"], False, 2.375, 3.0, 1.1111)
    assert figures("direction") == (["fa/plan"], ["fb/people"], False, 2.5833, 3.0, 0.2778)
    # knowledge and technology are no dimension's main capability: every dimension naming them
    assert figures("knowledge") == (["fa/data"], [], True, 2.5417, 4.0, 1.4583)
    assert figures("technology") == (["fb/tools"], [], True, 2.5556, 2.0, 0.0)
    assert rows["experience"].mean is None and rows["experience"].counted == []

    # page 1 ranks them by priority, then gap
    caps = capability_scores(result, "en")
    assert [c.id for c in caps] == ["knowledge", "organisation", "data", "direction", "technology"]
    story = build_context(result, lang="en", kind="executive").executive
    assert story is not None
    assert [(f.name, f.figures) for f in story.findings] == [
        ("Customer knowledge", "2.5 of 4 today · target 4.0"),
        ("Organisation, people and culture", "2.4 of 4 today · target 3.0"),
        ("Data and information", "2.5 of 4 today · target 3.0"),
    ]
    assert [f.evidence for f in story.findings] == [
        "fa: Data 2.5 (no framework makes it a dimension's main topic, so every dimension "
        "touching it counts)",
        "fb: People 2.4; also a side topic in fa: Planning (not counted in this capability)",
        "fa: Data 2.5 · fb: Tools 2.6",
    ]
    # "today": knowledge quotes fa/data (2.54: more than a quarter level below 3, so level 2);
    # data then quotes its weakest dimension not quoted yet, fb/tools (2.56, level 2), in tools'
    # own words
    assert [f.today for f in story.findings] == [
        "Some teams.",
        "Some teams.",
        "Some teams' tools.",
    ]
    assert [f.today_label for f in story.findings] == ["Today (level 2 practice)"] * 3

    # the full report's capability table: the same figures, the side topics apart
    full = {c.name: c for c in build_context(result, lang="en", kind="full").capabilities}
    data, organisation = full["Data and information"], full["Organisation, people and culture"]
    assert (data.mean, data.range, data.also) == ("2.5", "2.5–2.6", [])
    assert (organisation.mean, organisation.entries, organisation.also) == (
        "2.4",
        [("fb", "People", "2.4")],
        [("fa", "Planning", "2.6")],
    )
    assert full["Customer knowledge"].fallback and not data.fallback

    # compare: the capability's score and each respondent's own score on its counted dimensions
    #   data: r1 (3.4167 + 3.25)/2 = 3.3333, r2 (1.25 + 1.75)/2 = 1.5, r3 3.5 (tools N/A),
    #   r4 (2.0 + 2.6667)/2 = 2.3333 → sample sd √(2.6111/3) = 0.933
    compared = CliRunner().invoke(
        cli, ["compare", str(root / "old"), str(root / "ws"), "--format", "json"], obj={}
    )
    assert compared.exit_code == 0, compared.output
    by_id = {c["id"]: c for c in json.loads(compared.stdout)["capabilities"]}
    assert by_id["data"]["new"] == {"score": 2.549, "level": None, "sd": 0.933, "respondents": 4}
    assert by_id["organisation"]["new"]["score"] == 2.375
