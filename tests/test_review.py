"""The consultant's review: review.yaml validated, agreed levels rolled up into the headline."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from assessor.cli import cli
from assessor.errors import ResponseError
from assessor.pipeline import run_assessment

from .conftest import BuildTree
from .workspaces import mini_workspace

REVIEW = """\
kind: review
moderator: Nguyễn Thị Mai, Mekong CRM Advisory
method: {en: A two-hour consensus workshop with the leadership team., vi: Hội thảo đồng thuận hai giờ với ban lãnh đạo.}
agreed:
  - dimension: mini/beta
    level: 4
    rationale: {en: Every branch uses it., vi: Mọi chi nhánh đều dùng.}
    evidence:
      - {kind: document, ref: Branch report Oct 2026}
      - {kind: interview, ref: Head of sales}
  - dimension: mini/alpha
    level: 3
    rationale: {en: A company standard since 2025., vi: Chuẩn toàn công ty từ 2025.}
"""


def test_agreed_levels_move_the_framework_and_the_headline(build_file_tree: BuildTree) -> None:
    root = build_file_tree(mini_workspace(**{"review.yaml": REVIEW}))
    result = run_assessment(root / "ws")
    s = result.scores
    # self-assessed: alpha 2.8889 (level 2), beta 3.0 (level 2); framework (2.8889 + 2 × 3)/3
    assert s.self_assessed is not None
    assert s.self_assessed.score == pytest.approx(2.962963, abs=1e-6)
    assert s.self_assessed.level == 2
    # agreed: alpha 3, beta 4 → (1 × 3 + 2 × 4)/3 = 3.6667; every dimension ≥ 3 → level 3;
    # level 4 holds only beta's weight, 2/3 < 80 %
    assert s.score == pytest.approx(11 / 3)
    assert (s.level, s.weakest) == (3, "mini/alpha")
    assert (s.dimension("mini/beta").score, s.dimension("mini/beta").level) == (4.0, 4)
    # the respondents' spread is still theirs
    assert (s.dimension("mini/beta").low, s.dimension("mini/beta").high) == (2.5, 3.25)
    # gaps use the agreed level: beta meets its target of 4
    beta = next(g for g in result.gaps if g.dimension == "beta")
    assert (beta.current, beta.gap, beta.priority) == (4.0, 0.0, 0.0)


def test_a_level_not_yet_agreed_changes_nothing(build_file_tree: BuildTree) -> None:
    review = "kind: review\nmoderator: M\nmethod: {en: W., vi: H.}\nagreed:\n  - {dimension: mini/beta}\n"
    root = build_file_tree(mini_workspace(**{"review.yaml": review}))
    s = run_assessment(root / "ws").scores
    assert s.self_assessed is None and s.score == pytest.approx(2.962963, abs=1e-6)


def test_a_capability_applies_to_its_dimensions_unless_one_has_its_own(
    build_file_tree: BuildTree,
) -> None:
    # alpha and beta both belong to the built-in capability 'knowledge'
    framework = mini_workspace()["ws/library/mini.yaml"].replace(
        "\n    levels:", "\n    capabilities: [knowledge]\n    levels:"
    )
    review = REVIEW.replace("dimension: mini/beta", "capability: knowledge")
    root = build_file_tree(
        mini_workspace(**{"review.yaml": review, "library/mini.yaml": framework})
    )
    s = run_assessment(root / "ws").scores
    assert s.dimension("mini/beta").level == 4 and s.dimension("mini/alpha").level == 3


BAD = """\
kind: review
moderator: M
method: {en: W., vi: H.}
agreed:
  - dimension: mini/betta
    level: 5
  - {capability: data, dimension: mini/alpha}
  - {dimension: mini/alpha, level: 2}
quotes:
  - {respondent: r9, question: q1}
  - {respondent: r1, question: q3-wy}
key_messages: [{en: a, vi: a}, {en: b, vi: b}, {en: c, vi: c}, {en: d, vi: d}, {en: e, vi: e}, {en: f, vi: f}]
"""


def test_every_problem_of_a_review_at_once(build_file_tree: BuildTree) -> None:
    root = build_file_tree(mini_workspace(**{"review.yaml": BAD}))
    result = CliRunner().invoke(cli, ["score", str(root / "ws")])
    assert result.exit_code == 1
    f = root / "ws" / "review.yaml"
    assert result.stderr.splitlines() == [
        f"{f}:6:12: agreed[0].level: Input should be less than or equal to 4",
        f"{f}:7:5: agreed[1]: give either 'dimension' or 'capability' (exactly one)",
        f"{f}:8:5: agreed[2]: an agreed level needs a 'rationale'",
        f"{f}:12:15: key_messages: List should have at most 5 items after validation, not 6",
    ]


def test_references_checked_once_the_schema_holds(build_file_tree: BuildTree) -> None:
    bad = (
        "kind: review\nmoderator: M\nmethod: {en: W., vi: H.}\nagreed:\n"
        "  - {dimension: mini/betta}\n  - {dimension: mini/alpha}\n  - {dimension: mini/alpha}\n"
        "quotes:\n  - {respondent: r9, question: q1}\n  - {respondent: r1, question: q3-wy}\n"
    )
    root = build_file_tree(mini_workspace(**{"review.yaml": bad}))
    with pytest.raises(ResponseError) as exc:
        run_assessment(root / "ws")
    f = root / "ws" / "review.yaml"
    assert exc.value.lines() == [
        f"{f}:5:17: agreed[0].dimension: unknown dimension in scope 'mini/betta' "
        "(did you mean 'mini/beta'?)",
        f"{f}:7:17: agreed[2].dimension: 'mini/alpha' is reviewed twice (first at agreed[1])",
        f"{f}:9:18: quotes[0].respondent: unknown respondent with answers 'r9'",
        f"{f}:10:32: quotes[1].question: 'r1' left no comment on 'q3-wy' (did you mean 'q3-why'?)",
    ]


def test_schema_review_prints_the_checked_in_schema() -> None:
    from .conftest import REPO

    result = CliRunner().invoke(cli, ["schema", "review"])
    assert result.exit_code == 0
    assert result.stdout == (REPO / "schemas" / "review.schema.json").read_text(encoding="utf-8")


EXAMPLE_REVIEW = """\
kind: review
moderator: Nguyễn Thị Mai, Mekong CRM Advisory
method: {en: "A consensus workshop with the six heads of department, 5 November 2026.", vi: "Hội thảo đồng thuận với sáu trưởng bộ phận ngày 05/11/2026."}
date: 2026-11-05
agreed:
  - dimension: gartner-8bb/metrics
    level: 2
    rationale: {en: "A monthly KPI pack reaches the board.", vi: "Bộ KPI hằng tháng được trình ban giám đốc."}
    evidence: [{kind: document, ref: "KPI pack, Oct 2026"}, {kind: interview, ref: "CFO"}]
    findings: [{en: "Metrics stop at sales.", vi: "Đo lường mới dừng ở doanh số."}]
key_messages:
  - {en: "Sales runs on the CRM system; data and metrics lag.", vi: "Bán hàng đã chạy trên CRM; dữ liệu và đo lường còn chậm."}
quotes:
  - {respondent: pham-thi-lan, question: closing-comment}
  - respondent: tran-minh-quan
    question: portfolio-choice
    text: {en: "We do not know what it costs to serve each customer group.", vi: "Chúng tôi không biết chi phí để phục vụ từng nhóm khách hàng."}
"""


def test_reports_show_agreed_beside_self_assessed_and_quote_without_names(
    build_file_tree: BuildTree,
) -> None:
    import shutil

    from assessor.report.build import make_report
    from assessor.report.context import build_context

    from .conftest import REPO
    from .test_report import _pdf_text

    example = REPO / "examples" / "saigon-xanh"
    root = build_file_tree({"ws/review.yaml": EXAMPLE_REVIEW})
    shutil.copytree(
        example, root / "ws", dirs_exist_ok=True, ignore=shutil.ignore_patterns("reports")
    )
    shutil.copytree(REPO / "examples" / "saigon-xanh-2025", root / "saigon-xanh-2025")  # baseline
    result = run_assessment(root / "ws")
    ctx = build_context(result, lang="en", kind="executive")
    assert ctx.messages == ["Sales runs on the CRM system; data and metrics lag."]
    assert ctx.review is not None
    (metrics,) = ctx.review.agreed
    assert (metrics.name, metrics.self_assessed, metrics.agreed, metrics.differs) == (
        "Metrics (Gartner 8BB)", "1.69 (level 1)", 2, True,
    )  # fmt: skip
    assert metrics.evidence == ["Document: KPI pack, Oct 2026", "Interview: CFO"]
    # roles of one or two respondents are not named beside a quote
    assert [(q.text, q.who) for q in ctx.review.quotes] == [
        ("Dữ liệu khách hàng nằm rải rác ở POS, CRM và file Excel của từng cửa hàng.",
         "a respondent"),
        ("We do not know what it costs to serve each customer group.", "a respondent"),
    ]  # fmt: skip
    assert ctx.method[-2] == (
        "Agreed levels: Nguyễn Thị Mai, Mekong CRM Advisory moderated the review (5 November "
        "2026). A consensus workshop with the six heads of department, 5 November 2026. An agreed "
        "level replaces its dimension's score (the score becomes the level); frameworks and the "
        "overall are then computed by the rules above. The respondents' spread and the breakdowns "
        "by role and unit stay as answered."
    )
    text = " ".join(_pdf_text(make_report(result, lang="vi", kind="executive")).split())
    assert (
        "Đánh giá của chuyên gia tư vấn" in text
        and "Bộ KPI hằng tháng được trình ban giám đốc." in text
    )
    assert "Tài liệu: KPI pack, Oct 2026; Phỏng vấn: CFO" in text
    assert "Phạm Thị Lan" not in text and "Trần Minh Quân" not in text
