"""A small workspace for the collection tests: two sections, a condition, a role filter."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.testclient import TestClient

from assessor.collect.app import create_app
from assessor.loading import load_library

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
        unit: {en: customers, vi: khách hàng}
        text: {en: Customers at the start of the year?, vi: Số khách hàng đầu năm?}
      - id: q6
        type: number
        kpi: acquisition-spend
        min: 0
        audience: [executive]
        unit: {en: million VND, vi: triệu đồng}
        text: {en: Spent on winning customers?, vi: Chi phí thu hút khách hàng?}
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


WELCOME = """\
title: {en: Customer management review 2026, vi: Đánh giá quản lý khách hàng 2026}
branding: {consultancy: "Tư vấn Sao Mai"}
collect:
  deadline: 2026-10-20
  contact: {en: "Nguyễn An, an@saomai.vn", vi: "anh Nguyễn An, an@saomai.vn"}
  purpose: {en: "To plan next year's CRM work.", vi: "Để lập kế hoạch CRM cho năm tới."}
"""


def welcome_workspace(root: Path) -> Path:
    """The collection workspace with a title, a consultancy, a deadline, a contact, a purpose and
    a unit named in both languages."""
    ws = collect_workspace(root)
    file = ws / "assessment.yaml"
    text = file.read_text("utf-8").replace("date: 2026-10-01\n", "date: 2026-10-01\n" + WELCOME)
    text = text.replace("{id: n, name: Miền Bắc}", "{id: n, name: {en: The North, vi: Miền Bắc}}")
    file.write_text(text, encoding="utf-8")
    return ws


def web_client(ws: Path, public: str | None = None) -> TestClient:
    """The workspace's web questionnaire, answering at http://127.0.0.1:8000."""
    app = create_app(ws, load_library([ws / "library"]).questionnaire("web-q"), public)
    return TestClient(app, base_url="http://127.0.0.1:8000")


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)
