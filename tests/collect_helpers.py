"""A small workspace for the collection tests: two sections, a condition, a role filter."""

from __future__ import annotations

from pathlib import Path

from .conftest import MINIMAL_FRAMEWORK

QUESTIONNAIRE = """\
kind: questionnaire
id: web-q
version: "1"
title: {en: Web test, vi: Thử nghiệm web}
description: {en: Test., vi: Thử.}
sections:
  - id: first
    title: {en: First part, vi: Phần đầu}
    questions:
      - id: q1
        type: maturity
        text: {en: How is alpha done?, vi: Anpha được làm thế nào?}
        importance: true
        maps_to: [{dimension: mini/alpha}]
        options:
          1: {en: Nobody does it., vi: Chưa ai làm.}
          2: {en: One team does it., vi: Một nhóm làm.}
          3: {en: Everyone does it the same way., vi: Mọi người làm theo một chuẩn.}
          4: {en: It is measured and improved., vi: Được đo lường và cải tiến.}
      - id: q2
        type: yes_no
        text: {en: Do you use a CRM system?, vi: Anh/chị có dùng hệ thống CRM không?}
        maps_to: [{dimension: mini/beta}]
      - id: q2-why
        type: text
        text: {en: Why not?, vi: Vì sao không?}
        relevant: "${q2} == 'no'"
  - id: second
    title: {en: Second part, vi: Phần hai}
    questions:
      - id: q3
        type: likert
        text: {en: Data is shared., vi: Dữ liệu được chia sẻ.}
        maps_to: [{dimension: mini/beta}]
      - id: q4
        type: multi_choice
        required: false
        text: {en: Which channels?, vi: Những kênh nào?}
        maps_to: [{dimension: mini/alpha}]
        options:
          - {id: web, label: {en: Web, vi: Trang web}, score: 1}
          - {id: phone, label: {en: Phone, vi: Điện thoại}, score: 1}
          - {id: shop, label: {en: Shop, vi: Cửa hàng}, score: 1}
      - id: q5
        type: number
        kpi: customers-start
        min: 0
        audience: [executive]
        text: {en: Customers at the start of the year?, vi: Số khách hàng đầu năm?}
"""

ASSESSMENT = """\
# A test client. This comment must survive invitations.
kind: assessment
client: {name: "Công ty Thử Nghiệm"}
date: 2026-10-01
questionnaire: web-q
frameworks: [mini]
units:
  - {id: n, name: Miền Bắc}
respondents: []   # invitations add people here
"""


def collect_workspace(root: Path) -> Path:
    """Write the workspace under `root` and return its folder."""
    files = {
        "ws/library/mini.yaml": MINIMAL_FRAMEWORK,
        "ws/library/web-q.yaml": QUESTIONNAIRE,
        "ws/assessment.yaml": ASSESSMENT,
    }
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (root / "ws" / "responses").mkdir()
    return root / "ws"
