"""Write the example client's responses from the story in assessment.yaml (seeded, repeatable).

    python examples/make_example.py examples/saigon-xanh

The answers follow one story rather than chance: each capability has a true level for the
company (sharper for a few questions: sales automation strong, data and metrics weak); executives see it about 0.7 of a level higher than it is, front-line roles a little
lower, the northern branch lower than the head office; each answer then varies by about half a
level. KPI figures come from the head office, each from the roles its question is asked of. Run it again only to change the
story: it refuses to overwrite responses unless given --force.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

from assessor.answers import visible
from assessor.fsio import write_atomic
from assessor.loading import load_library
from assessor.models import Assessment

TRUE_LEVEL = {  # the company as it really is, per capability
    "technology": 3.1, "channels": 2.7, "lifecycle": 2.6, "direction": 2.6, "proposition": 2.4,
    "process": 2.3, "organisation": 2.2, "experience": 2.2, "partners": 2.1, "segmentation": 1.9,
    "knowledge": 1.8, "data": 1.6, "measurement": 1.5,
}  # fmt: skip
QUESTION_TRUTH = {  # where the story is sharper than the capability average: sales runs on CRM
    "crm-system": 3.6, "crm-adoption": 3.2, "sales-pipeline": 3.3, "acquisition-targeting": 2.8,
    "enquiry-handling": 2.9, "technology-architecture": 2.8, "project-management": 2.9,
    "single-customer-view": 1.5, "data-quality": 1.5, "analytics-use": 1.6,
    "customer-value-economics": 1.3, "kpi-set": 1.6, "metrics-use": 1.6,
}  # fmt: skip
ROLE_BIAS = {"executive": 0.7, "it": 0.2, "finance": 0.0, "marketing": 0.0, "sales": -0.1,
             "service": -0.3, "operations": -0.3}  # fmt: skip
UNIT_BIAS = {"south": 0.1, "north": -0.3}
KPI_FIGURES = {
    "nps": 18, "nps-promoters-pct": 41, "nps-detractors-pct": 23, "customers-start": 48000,
    "customers-end": 51500, "customers-new": 9800, "renewals-due": 3200, "renewals-done": 2150,
    "retention-spend": 1_800, "acquisition-spend": 6_500,  # million VND, as asked
    "margin-per-customer": 1.45, "discount-rate": 12, "mqls": 5400, "sqls": 1350,
    "share-of-wallet": 22, "revenue-start": 182_000, "revenue-churned": 21_500,
    "revenue-contraction": 6_300, "revenue-expansion": 14_800, "customers-buying": 41_700,
    "customers-repeat": 15_900, "customers-cross-sold": 6_200, "csat-pct": 71, "fcr-pct": 58,
    "resolution-hours": 46, "opportunities-closed": 1_240, "deals-won": 410,
    "crm-users-licensed": 180, "crm-users-active": 131,
}  # fmt: skip
COMMENTS = {
    "data": ["Dữ liệu khách hàng nằm rải rác ở POS, CRM và file Excel của từng cửa hàng.",
             "Một khách hàng có thể có ba, bốn mã khác nhau giữa các hệ thống."],
    "measurement": ["Báo cáo hằng tháng chủ yếu là doanh số, chưa có tỷ lệ giữ chân hay CLV.",
                    "Chúng tôi không biết chi phí để phục vụ từng nhóm khách hàng."],
    "technology": ["Đội bán hàng dùng CRM hằng ngày để quản lý cơ hội và báo giá.",
                   "Ứng dụng CRM trên điện thoại giúp nhân viên thị trường cập nhật ngay tại điểm bán."],
    "segmentation": ["Phân khúc vẫn theo ngành hàng, chưa theo giá trị khách hàng."],
    "experience": ["Khách hàng phải kể lại vấn đề mỗi lần gọi tổng đài."],
    "direction": ["Ban giám đốc nói nhiều về khách hàng nhưng mục tiêu thưởng vẫn theo doanh số."],
}  # fmt: skip


def _capability_level(question, library) -> float:  # type: ignore[no-untyped-def]
    """The true level behind a question: the weighted mean over the dimensions it maps onto,
    each read through its first (primary) capability."""
    total = weight = 0.0
    for target in question.maps_to:
        caps = library.framework(target.framework).dimension(target.dim).capabilities
        if caps and caps[0] in TRUE_LEVEL:
            total += TRUE_LEVEL[caps[0]] * target.weight
            weight += target.weight
    return total / weight if weight else 2.3


def _answer(question, truth: float, rnd: random.Random):  # type: ignore[no-untyped-def]
    if question.type == "maturity":
        return min(4, max(1, round(truth + rnd.gauss(0, 0.5))))
    if question.type == "likert":
        return min(5, max(1, round(1 + (truth - 1) / 0.75 + rnd.gauss(0, 0.6))))
    if question.type == "yes_no":
        return "yes" if truth + rnd.gauss(0, 0.4) >= 2.5 else "no"
    if question.type == "single_choice":
        ranked = sorted(
            question.options, key=lambda o: abs(max(o.score, 1) - truth - rnd.gauss(0, 0.4))
        )
        return ranked[0].id
    if question.type == "multi_choice":
        picked = [o.id for o in question.options if rnd.random() < min(0.9, truth / 4)]
        return picked or [question.options[0].id]
    return None


def build(folder: Path, force: bool, *, seed: int = 2026, submitted: str = "2026-10-18") -> None:
    library = load_library()
    assessment = Assessment.model_validate(
        yaml.safe_load((folder / "assessment.yaml").read_text("utf-8"))
    )
    questionnaire = library.questionnaire(assessment.questionnaire)
    rnd = random.Random(seed)
    for person in assessment.respondents:
        answers: dict[str, object] = {}
        values: dict[str, object] = {}  # plain values, for the `relevant:` conditions
        bias = ROLE_BIAS[person.role] + UNIT_BIAS.get(person.unit or "", 0.0)
        for question in questionnaire.questions():
            if not visible(question, person.role, values):
                continue
            if question.type in ("number", "percent"):
                kpi = getattr(question, "kpi", None)
                if kpi in KPI_FIGURES and person.unit == "south":  # head office keeps the figures
                    answers[question.id] = values[question.id] = KPI_FIGURES[kpi]
                continue
            if question.type == "text":
                continue
            if rnd.random() < 0.04:
                answers[question.id] = values[question.id] = "not_sure"
                continue
            truth = QUESTION_TRUTH.get(question.id, _capability_level(question, library)) + bias
            value = _answer(question, truth, rnd)
            entry: dict[str, object] = {"value": value}
            if getattr(question, "importance", False):
                entry["importance"] = min(5, max(1, round(3.6 + rnd.gauss(0, 0.8))))
            caps = {
                c
                for t in question.maps_to
                for c in library.framework(t.framework).dimension(t.dim).capabilities
            }
            pool = [c for cap in sorted(caps) for c in COMMENTS.get(cap, [])]
            if pool and rnd.random() < 0.08:
                entry["comment"] = rnd.choice(pool)
            answers[question.id] = entry if len(entry) > 1 else value
            values[question.id] = value
        closing = next((q for q in questionnaire.questions() if q.type == "text"), None)
        if closing is not None and rnd.random() < 0.6:
            answers[closing.id] = rnd.choice([c for pool in COMMENTS.values() for c in pool])
        data = {"respondent": person.id, "questionnaire": questionnaire.id, "language": "vi",
                "submitted": submitted, "answers": answers}  # fmt: skip
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        write_atomic(folder / "responses" / f"{person.id}.yaml", text, force=force)


if __name__ == "__main__":
    build(Path(sys.argv[1]), force="--force" in sys.argv)
