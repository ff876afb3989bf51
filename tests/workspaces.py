"""Small workspaces written inline, for scoring and response tests."""

from __future__ import annotations

from .conftest import MINIMAL_FRAMEWORK

MINI_QUESTIONNAIRE = """\
kind: questionnaire
id: mini-q
version: "1"
title: {en: Mini, vi: Nhỏ}
description: {en: Test., vi: Thử.}
sections:
  - id: main
    title: {en: Main, vi: Chính}
    questions:
      - id: q1
        type: maturity
        text: {en: How?, vi: Thế nào?}
        importance: true
        maps_to: [{dimension: mini/alpha}]
        options:
          1: {en: None., vi: Chưa có.}
          2: {en: Some., vi: Một phần.}
          3: {en: Standard., vi: Chuẩn.}
          4: {en: Measured., vi: Đo lường.}
      - id: q2
        type: likert
        text: {en: Agree?, vi: Đồng ý?}
        maps_to:
          - {dimension: mini/alpha, weight: 0.5}
          - {dimension: mini/beta}
      - id: q3
        type: yes_no
        text: {en: Do you?, vi: Có không?}
        maps_to: [{dimension: mini/beta}]
      - id: q3-why
        type: text
        text: {en: Why not?, vi: Vì sao không?}
        relevant: "${q3} == 'no'"
      - id: q4
        type: number
        kpi: customers-start
        audience: [executive]
        text: {en: Customers at start?, vi: Số khách hàng đầu kỳ?}
      - id: q5
        type: number
        kpi: customers-end
        audience: [executive]
        text: {en: Customers at end?, vi: Số khách hàng cuối kỳ?}
      - id: q6
        type: number
        kpi: customers-new
        audience: [executive]
        text: {en: New customers?, vi: Khách hàng mới?}
"""

MINI_PROFILE = """\
kind: profile
id: mini-target
name: {en: Mini target, vi: Mục tiêu nhỏ}
description: {en: Test., vi: Thử.}
default: 3
targets:
  mini/beta: 4
"""

ASSESSMENT = """\
kind: assessment
client: {name: Công ty Thử Nghiệm}
date: 2026-10-01
questionnaire: mini-q
frameworks: [mini]
target: {profile: mini-target}
units:
  - {id: n, name: Miền Bắc}
  - {id: s, name: Miền Nam}
respondents:
  - {id: r1, name: An, role: sales, unit: n}
  - {id: r2, name: Bình, role: executive, unit: s}
  - {id: r3, name: Chi, role: sales, unit: s}
"""

R1 = """\
respondent: r1
answers:
  q1: {value: 2, importance: 5}
  q2: 5
  q3: "no"
  q3-why: {value: "Chưa có ngân sách", comment: "<b>bold</b>"}
"""
R2 = """\
respondent: r2
answers:
  q1: {value: 4, importance: 4}
  q2: 3
  q3: "yes"
  q4: 200
  q5: 190
  q6: 30
"""
R3 = """\
respondent: r3
answers:
  q1: not_applicable
  q2: 3
  q3: "yes"
"""


def mini_workspace(**overrides: str) -> dict[str, str]:
    """The files of the hand-computed workspace; pass e.g. `responses/r1.yaml=...` to change one."""
    files = {
        "ws/library/mini.yaml": MINIMAL_FRAMEWORK,
        "ws/library/mini-q.yaml": MINI_QUESTIONNAIRE,
        "ws/library/mini-target.yaml": MINI_PROFILE,
        "ws/assessment.yaml": ASSESSMENT,
        "ws/responses/r1.yaml": R1,
        "ws/responses/r2.yaml": R2,
        "ws/responses/r3.yaml": R3,
    }
    files.update({f"ws/{k}": v for k, v in overrides.items()})
    return files


def unsure_workspace(q3: str = "'yes'") -> dict[str, str]:
    """The mini workspace where everyone is unsure of q1 and q2 (Alpha's questions): Alpha has
    no scored answer; Beta has only q3's, or none with `q3="not_applicable"`."""
    unsure = "respondent: {id}\nanswers:\n  q1: not_sure\n  q2: not_sure\n  q3: {q3}\n"
    return mini_workspace(**{
        f"responses/{r}.yaml": unsure.format(id=r, q3=q3) for r in ("r1", "r2", "r3")
    })  # fmt: skip
