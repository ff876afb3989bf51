"""The report context on its own: plain data in one language, built without Jinja or WeasyPrint."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest

from assessor.pipeline import AssessmentResult, run_assessment
from assessor.report.context import build_context
from assessor.report.context_kpis import KpiView

from .conftest import REPO, BuildTree
from .workspaces import ASSESSMENT, MINI_QUESTIONNAIRE, R2, mini_workspace, unsure_workspace


@pytest.fixture
def mini(build_file_tree: BuildTree) -> AssessmentResult:
    return run_assessment(build_file_tree(mini_workspace()) / "ws")


def test_context_is_plain_data_in_the_chosen_language(mini: AssessmentResult) -> None:
    vi = build_context(mini, lang="vi", kind="executive")
    en = build_context(mini, lang="en", kind="executive")
    assert vi.overall_score == "2,96" and en.overall_score == "2.96"
    assert vi.subtitle == "Báo cáo dành cho Ban lãnh đạo" and en.subtitle == "Executive report"
    # the level in words with what the next one needs first, the average second; no "% of best practice"
    assert vi.headline == (
        "Công ty Thử Nghiệm: Mức 2 — Đang phát triển. Để lên mức 3, mô hình này cần đạt mức 3 trở "
        "lên; hiện chưa đạt. Điểm trung bình 2,96/4 (trung bình điểm các mô hình; có thể cao hơn "
        "mức đạt được, vì một mức chỉ được công nhận khi 80% hoạt động đã đạt mức đó)."
    )
    assert en.headline.startswith(
        "Công ty Thử Nghiệm: Level 2 — Developing. Level 3 needs the framework at level 3 or above"
    )
    assert en.messages[0] == "The largest gap to close: Beta (Mini), 1.0 levels below target."
    assert [g.dimension for g in en.top_gaps] == ["Beta", "Alpha"]
    # Beta scores 3.0, so it stands at level 3 (its staged level is 2): the level above is 4
    assert (en.top_gaps[0].next_level, en.top_gaps[0].next_text) == (4, "Measured and improved.")
    # the framework page describes Alpha (2.89) by the same rule: level 3, then 4
    alpha = en.frameworks[0].dimensions[0]
    assert (alpha.score, alpha.now_level, alpha.next_level) == ("2.9", 3, 4)
    assert (alpha.now_text, alpha.next_text) == ("Company standard.", "Measured and improved.")
    assert vi.date == "01/10/2026" and en.date == "1 October 2026"
    assert vi.questions == [] and vi.agreement is None and vi.capabilities == []
    full = build_context(mini, lang="vi", kind="full")
    assert full.questions and full.agreement


def test_building_the_context_imports_neither_jinja_nor_weasyprint(
    build_file_tree: BuildTree,
) -> None:
    ws = build_file_tree(mini_workspace()) / "ws"
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from assessor.pipeline import run_assessment
        from assessor.report.context import build_context
        build_context(run_assessment(Path({str(ws)!r})), lang="vi", kind="full")
        print(sorted(m for m in ("jinja2", "weasyprint", "markupsafe") if m in sys.modules))
    """)
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("epoch", "expected"), [("1767225600", "01/01/2026"), ("1790000000", "21/09/2026")]
)
def test_generation_date_honours_source_date_epoch(
    epoch: str, expected: str, mini: AssessmentResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert build_context(mini, lang="vi", kind="executive").generated == expected


def test_the_overall_level_is_explained(mini: AssessmentResult) -> None:
    en = build_context(mini, lang="en", kind="executive")
    assert en.level_note == (
        "Why level 2: a level counts only when 80% of the practice has reached it. "
        "Level 3 needs the framework at level 3 or above; it is not there yet."
    )


def test_checks_write_out_the_sums(mini: AssessmentResult) -> None:
    vi = build_context(mini, lang="vi", kind="executive")
    titles = [c.title for c in vi.checks]
    assert titles == ["Điểm tổng thể", "Bêta (Thu nhỏ)", "Thu nhỏ"]
    assert vi.checks[0].text.startswith("2,96 = (2,96) ÷ 1: trung bình điểm của 1 mô hình.")
    assert vi.checks[1].text == (
        "Điểm 3,00: trung bình điểm riêng của từng người trả lời (2,50; 3,25; 3,25). "
        "Khoảng cách 1,00 = mục tiêu 4,00 (hồ sơ mục tiêu “Mục tiêu nhỏ”) − hiện tại 3,00. "
        "Mức ưu tiên 1,33 = khoảng cách 1,00 × trọng số tương đối 1,33 × mức quan trọng 1,00."
    )
    assert vi.checks[2].text.startswith("Điểm 2,96 = (1,0 × 2,89 + 2,0 × 3,00) ÷ 3")
    assert vi.frameworks[0].working == vi.checks[2].text


def test_kpis_carry_units_targets_and_their_working(mini: AssessmentResult) -> None:
    kpis = {k.id: k for k in build_context(mini, lang="vi", kind="executive").kpis}
    retention = kpis["retention-rate"]
    assert (retention.unit, retention.value) == ("%", "80,0")
    assert retention.working == "(190 − 30) ÷ 200 × 100 = 80,0%"
    assert retention.formula == "(khách hàng cuối kỳ − khách hàng mới) ÷ khách hàng đầu kỳ × 100"
    # a KPI whose figures the questionnaire never asks for is left out, not shown as missing
    assert "nps" not in kpis and "renewal-rate" not in kpis


MONEY_QUESTION = """\
      - id: q7
        type: number
        kpi: acquisition-spend
        audience: [executive]
        unit: {en: million VND, vi: triệu đồng}
        text: {en: Acquisition spend?, vi: Chi phí thu hút?}
"""


def _kpis_with_acquisition_spend(
    build_file_tree: BuildTree, spend: str
) -> tuple[dict[str, KpiView], dict[str, KpiView]]:
    """KPI views (vi, en) of the mini workspace with one respondent's acquisition spend."""
    files = mini_workspace(**{
        "library/mini-q.yaml": MINI_QUESTIONNAIRE + MONEY_QUESTION,
        "responses/r2.yaml": R2 + f"  q7: {spend}\n",
    })  # fmt: skip
    result = run_assessment(build_file_tree(files) / "ws")

    def views(lang: str) -> dict[str, KpiView]:
        return {k.id: k for k in build_context(result, lang=lang, kind="executive").kpis}

    return views("vi"), views("en")


def test_money_kpis_take_their_currency_from_the_question(build_file_tree: BuildTree) -> None:
    vi, en = _kpis_with_acquisition_spend(build_file_tree, "900")
    # asked in million đồng, shown in đồng as a reader says it
    assert (vi["cac"].unit, vi["cac"].value) == ("đ/khách hàng", "30\u00a0triệu")
    assert en["cac"].unit == "VND per customer"
    assert en["cac"].working == "900,000,000 ÷ 30 = 30\u00a0million VND per customer"


def test_question_results_read_in_the_respondents_words(mini: AssessmentResult) -> None:
    vi = build_context(mini, lang="vi", kind="full")
    (section,) = vi.questions
    rows = {q.id: q for q in section.questions}
    assert [q.number for q in section.questions] == [1, 2, 3, 4, 5, 6, 7]
    assert (rows["q1"].answered, rows["q1"].skipped, rows["q1"].mean) == (
        2,
        "1 không áp dụng",
        "3,0",
    )
    assert rows["q1"].distribution == "mức 2: 1 · mức 4: 1"
    assert rows["q2"].distribution == "mức đồng ý 1–5: 3: 2 · 5: 1"
    assert rows["q3"].distribution == "Có: 2 · Không: 1"
    # raw here: the template escapes them
    assert rows["q3-why"].comments == [("<b>bold</b>", 1), ("Chưa có ngân sách", 1)]
    assert rows["q4"].distribution == "200 (một số liệu)"


def test_agreement_is_a_role_by_dimension_table(build_file_tree: BuildTree) -> None:
    # groups of one only with min_group 1 (the default, 3, would merge them: see
    # test_confidentiality.py)
    ws = mini_workspace(**{"assessment.yaml": ASSESSMENT + "scoring: {min_group: 1}\n"})
    en = build_context(run_assessment(build_file_tree(ws) / "ws"), lang="en", kind="full")
    assert en.agreement is not None
    (heat,) = en.agreement.frameworks
    assert en.agreement.roles == ["Executive", "Sales"]
    assert [r.label for r in heat.rows] == ["Alpha", "Beta"]
    assert heat.rows[0].cells[0] == ("3.5", "heat-35")
    assert heat.rows[0].spread == "2.5–3.5" and not heat.rows[0].flagged


def test_empty_roadmap_says_why(mini: AssessmentResult) -> None:
    en = build_context(mini, lang="en", kind="executive")
    assert (
        en.messages[-1]
        == "No initiative in the catalogue addresses these gaps yet; the roadmap is empty."
    )
    assert [p.title for p in en.phases] == [
        "0–3 months",
        "3–6 months",
        "6–12 months",
        "12–24 months",
    ]
    assert [p.capacity for p in en.phases] == [4, 4, 8, 8]
    # nothing runs: each phase says how much capacity is free, and only that
    assert [p.load for p in en.phases] == [
        "Nothing running: room for 4 effort points at once",
        "Nothing running: room for 4 effort points at once",
        "Nothing running: room for 8 effort points at once",
        "Nothing running: room for 8 effort points at once",
    ]
    assert all(p.idle for p in en.phases)


def test_small_money_per_customer_reads_in_dong_not_fractions_of_a_million(
    build_file_tree: BuildTree,
) -> None:
    vi, en = _kpis_with_acquisition_spend(build_file_tree, "1.3")
    # 1.3 million over 30 new customers: 43.333 đồng each, shown to three significant figures,
    # not "0,043 triệu"; the working keeps the figures as given
    assert vi["cac"].value == "43.300"
    assert vi["cac"].working == "1.300.000 ÷ 30 ≈ 43.300 đ/khách hàng"
    assert en["cac"].working == "1,300,000 ÷ 30 ≈ 43,300 VND per customer"


def test_money_in_another_currency_keeps_the_unit_it_was_asked_in(
    build_file_tree: BuildTree,
) -> None:
    files = mini_workspace(**{
        "library/mini-q.yaml": MINI_QUESTIONNAIRE + MONEY_QUESTION.replace("million VND", "thousand USD").replace("triệu đồng", "nghìn USD"),
        "responses/r2.yaml": R2 + "  q7: 1.5\n",
    })  # fmt: skip
    result = run_assessment(build_file_tree(files) / "ws")
    cac = {k.id: k for k in build_context(result, lang="en", kind="executive").kpis}["cac"]
    assert (cac.unit, cac.value) == ("thousand USD per customer", "0.05")


def test_kpis_say_where_their_figures_come_from(mini: AssessmentResult) -> None:
    en = build_context(mini, lang="en", kind="executive")
    assert en.kpi_provenance.startswith("Provenance: every value is the estimate one manager gave")


@pytest.mark.parametrize(
    ("amount", "en", "vi"),
    [
        (877_273_000, "877 million", "877 triệu"),
        (1_234_000_000, "1.2 billion", "1,2 tỷ"),
        (12_345_678_900, "12.3 billion", "12,3 tỷ"),
        (43_215, "43,200", "43.200"),
        (999_600, "1 million", "1 triệu"),
        (0.04321, "0.0432", "0,0432"),
        (-120_000, "-120,000", "-120.000"),
        (0, "0", "0"),
    ],
)
def test_amounts_are_said_to_three_significant_figures(amount: float, en: str, vi: str) -> None:
    from assessor.report.labels import fmt_amount, load_labels

    # a no-break space between the figure and million or billion: never split across lines
    assert fmt_amount(amount, "en", load_labels("en")) == en.replace(" ", "\u00a0")
    assert fmt_amount(amount, "vi", load_labels("vi")) == vi.replace(" ", "\u00a0")


def test_a_clv_of_877_million_is_not_shown_to_the_dong() -> None:
    result = run_assessment(REPO / "examples" / "tan-phat-industrial")
    for lang, now, later, working in (
        # one row, one unit: 1,050 million in 24 months beside 877 million today, not 1.1 billion
        ("en", "877 million", "1,050 million", "≈ 877 million VND per customer"),
        ("vi", "877 triệu", "1.050 triệu", "≈ 877 triệu đ/khách hàng"),
    ):
        clv = {k.id: k for k in build_context(result, lang=lang, kind="full").kpis}["clv"]
        assert (clv.value, clv.in_24) == (now.replace(" ", "\u00a0"), later.replace(" ", "\u00a0"))
        assert clv.working.replace("\u00a0", " ").endswith(working)
        assert clv.working.startswith("180")  # the figures as given, so the sum can be redone


def test_a_dimension_nobody_scored_describes_no_level(build_file_tree: BuildTree) -> None:
    # Alpha's two questions were answered "not sure" or "not applicable" by everyone.
    result = run_assessment(build_file_tree(unsure_workspace()) / "ws")
    alpha, beta = build_context(result, lang="en", kind="full").frameworks[0].dimensions
    assert (alpha.score, alpha.level, alpha.now_level, alpha.now_text) == ("–", None, None, "")
    assert alpha.next_level is None and alpha.answered == 0
    assert (beta.now_level, beta.now_text) == (4, "Measured and improved.")  # every "yes"


def test_the_title_is_one_text_or_one_per_language(build_file_tree: BuildTree) -> None:
    both = "title: {en: CRM review 2026, vi: Đánh giá CRM 2026}\ndate: 2026-10-01"
    one = "title: Đánh giá CRM 2026\ndate: 2026-10-01"
    for line, en, vi in ((both, "CRM review 2026", "Đánh giá CRM 2026"), (one, "Đánh giá CRM 2026", "Đánh giá CRM 2026")):  # fmt: skip
        files = mini_workspace(**{"assessment.yaml": ASSESSMENT.replace("date: 2026-10-01", line)})
        result = run_assessment(build_file_tree(files) / "ws")
        assert build_context(result, lang="en", kind="executive").title == en
        assert build_context(result, lang="vi", kind="executive").title == vi


def test_the_method_prints_each_context_choice_and_its_reason(build_file_tree: BuildTree) -> None:
    from assessor.demo import example_workspace

    en = build_context(run_assessment(example_workspace()), lang="en", kind="executive")
    titles = [d.title for d in en.decisions]
    assert titles[0] == "Business context" and titles[-1] == "Capacity for change"
    assert en.decisions[0].text.startswith(
        "Business customers and consumers; 48,000 active customers"
    )
    assert any(t.startswith("Target profile: ") for t in titles)
    assert all(d.text for d in en.decisions)
    # without a context: the report says defaults were used
    vi = build_context(
        run_assessment(build_file_tree(mini_workspace()) / "ws"), lang="vi", kind="full"
    )
    assert vi.decisions[0].text.startswith(
        "Lần đánh giá này chưa có thông tin về bối cảnh kinh doanh"
    )


def test_the_new_kpis_get_targets_with_their_reference_and_its_basis() -> None:
    from assessor.demo import example_workspace

    result = run_assessment(example_workspace())
    en = {k.id: k for k in build_context(result, lang="en", kind="full").kpis}
    vi = {k.id: k for k in build_context(result, lang="vi", kind="full").kpis}
    # resolution time 46 hours, lower is better: 46 + 0.25 × (24 − 46) = 40.5; 46 − 11 = 35
    rt = en["resolution-time"]
    assert (rt.value, rt.in_12, rt.in_24) == ("46.0", "40.5", "35.0")
    assert rt.rule == (
        "close 25 % of the distance to 24 hours in 12 months, 50 % in 24 (24 hours is an "
        "estimate: a customer's request resolved within one day.)"
    )
    assert vi["resolution-time"].rule == (
        "thu hẹp 25% khoảng cách tới 24 giờ sau 12 tháng, 50% sau 24 tháng (24 giờ là giá trị "
        "ước tính: yêu cầu của khách hàng được giải quyết trong vòng một ngày.)"
    )
    # CSAT 71 %: 71 + 0.25 × 14 = 74.5; 78.0
    assert (en["csat"].in_12, en["csat"].in_24) == ("74.5", "78.0")
    assert en["cac"].rule.endswith("(no reference value fits every company.)")
    # the executive report says the same in a few words; the basis is the full report's
    assert rt.rule_short == (
        "lower is better; 25 % (in 12 months), then 50 % (in 24) of the way to 24 hours, an estimate"
    )
    assert vi["csat"].rule_short == (
        "thu hẹp 25% (sau 12 tháng) rồi 50% (sau 24 tháng) khoảng cách tới mức tham chiếu ước tính 85%"
    )


def test_a_kpi_beyond_its_reference_keeps_its_value_and_says_so() -> None:
    from assessor.kpis import Kpi
    from assessor.report.context_kpis import short_rule_text
    from assessor.report.labels import load_labels
    from assessor.roadmap_kpis import kpi_targets

    # a win rate of 33.1 % is beyond its reference of 30 %: both targets keep 33.1 %
    (target,) = kpi_targets([Kpi("win-rate", 33.1, "%", "", {}, [])], {"win-rate"})
    assert (target.in_12_months, target.in_24_months) == (33.1, 33.1)
    assert short_rule_text(target, "en", load_labels("en")) == (
        "already at or better than 30 % (an estimate): kept"
    )
    assert short_rule_text(target, "vi", load_labels("vi")) == (
        "đã đạt hoặc tốt hơn 30% (giá trị ước tính): giữ nguyên"
    )


@pytest.mark.parametrize(
    ("low", "high", "en", "vi"),
    [
        (150, 400, "150–400 million đồng", "150–400 triệu đồng"),
        (300, 300, "300 million đồng", "300 triệu đồng"),
        (300, 1200, "300 million – 1.2 billion đồng", "300 triệu – 1,2 tỷ đồng"),
        (1280, 4070, "1.3–4.1 billion đồng", "1,3–4,1 tỷ đồng"),
        (2660, 9300, "2.7–9.3 billion đồng", "2,7–9,3 tỷ đồng"),
        (29750, 115000, "29.8–115 billion đồng", "29,8–115 tỷ đồng"),
        (1000, 2000, "1–2 billion đồng", "1–2 tỷ đồng"),
        (2500, 2500, "2.5 billion đồng", "2,5 tỷ đồng"),
    ],
)
def test_costs_from_a_thousand_million_up_are_said_in_billions_to_three_figures(
    low: int, high: int, en: str, vi: str
) -> None:
    from assessor.report.context_exec import money_range
    from assessor.report.labels import load_labels

    # no-break spaces: a figure never parts from its unit, nor đồng from the rest; a range of
    # million and billion may break after its dash only
    def kept(text: str) -> str:
        return text.replace(" ", "\u00a0").replace("–\u00a0", "– ")

    assert money_range(low, high, "en", load_labels("en")) == kept(en)
    assert money_range(low, high, "vi", load_labels("vi")) == kept(vi)


# an amount and đồng joined by a no-break space, as everywhere (a PDF's text reads it as a space)
LUA_VIET_PAYBACK = {
    # one name for the customer's value, the CLV of the KPI table: no LTV beside it
    "en": "Each new customer brings 200,000\u00a0đồng of contribution margin over their lifetime, "
    "only 1.7 times what it costs to win them (120,000\u00a0đồng); the usual recommendation is 3 "
    "times or more. (The CLV in the KPI table, 80,000\u00a0đồng, is what is left after the "
    "acquisition cost.)",
    "vi": "Mỗi khách hàng mới mang lại 200.000\u00a0đồng lợi nhuận đóng góp trong suốt vòng đời, "
    "chỉ bằng 1,7 lần chi phí thu hút (120.000\u00a0đồng); mức thường được khuyến nghị là từ 3 lần "
    "trở lên. (CLV trong bảng KPI, 80.000\u00a0đồng, là phần còn lại sau khi đã trừ chi phí thu "
    "hút.)",
}


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("kind", ["executive", "full"])
def test_lua_viet_says_a_new_customer_brings_back_too_little_in_both_reports(
    lang: str, kind: str
) -> None:
    import io

    import pypdf

    from assessor.report.build import make_report

    # CLV 80,000 đồng after a CAC of 120,000: a lifetime margin of 200,000, 1.7 times the CAC
    result = run_assessment(REPO / "examples" / "lua-viet-ecommerce")
    pdf = pypdf.PdfReader(io.BytesIO(make_report(result, lang=lang, kind=kind)))
    pages = [" ".join(p.extract_text().split()) for p in pdf.pages]
    kpi_page = next(
        p for p in pages if "CLV" in p and ("KPI snapshot" in p or "Tổng quan KPI" in p)
    )
    assert LUA_VIET_PAYBACK[lang].replace("\u00a0", " ") in kpi_page


def test_the_score_command_says_it_and_its_json_gives_the_ratio() -> None:
    import json

    from click.testing import CliRunner

    from assessor.cli import cli

    ws = str(REPO / "examples" / "lua-viet-ecommerce")
    table = CliRunner().invoke(cli, ["score", ws, "--lang", "vi"])
    assert table.exit_code == 0 and LUA_VIET_PAYBACK["vi"] in table.stdout.splitlines()
    data = json.loads(CliRunner().invoke(cli, ["score", ws, "--format", "json"]).stdout)
    assert data["acquisition_payback"] == {
        "clv": 0.08, "cac": 0.12, "lifetime_margin": 0.2, "ratio": 1.667, "benchmark": 3.0,
        "below_benchmark": True, "loses": False, "note": LUA_VIET_PAYBACK["en"],
    }  # fmt: skip


@pytest.mark.parametrize(
    "name", ["phuong-dong-bank", "saigon-xanh", "tan-phat-industrial", "an-khang-shop"]
)
def test_no_sentence_where_customers_bring_back_three_times_their_cost_or_it_is_not_known(
    name: str,
) -> None:
    result = run_assessment(REPO / "examples" / name)
    assert build_context(result, lang="en", kind="full").kpi_payback == ""


def test_a_customer_who_costs_more_to_win_than_they_bring_back_is_said_so() -> None:
    import dataclasses

    result = run_assessment(REPO / "examples" / "lua-viet-ecommerce")
    kpis = [dataclasses.replace(k, value=-0.04) if k.id == "clv" else k for k in result.kpis]
    context = build_context(dataclasses.replace(result, kpis=kpis), lang="en", kind="executive")
    assert context.kpi_payback == (
        "Each new customer costs more to win than they bring back: 120,000\u00a0đồng to win one, "
        "against 80,000\u00a0đồng of contribution margin over their lifetime (the CLV before the "
        "acquisition cost is deducted), where this margin is usually recommended to reach 3 times "
        "the acquisition cost or more."
    )
    vi = build_context(dataclasses.replace(result, kpis=kpis), lang="vi", kind="executive")
    assert vi.kpi_payback == (
        "Chi phí thu hút một khách hàng mới (120.000\u00a0đồng) cao hơn lợi nhuận đóng góp khách "
        "hàng đó mang lại trong suốt vòng đời (80.000\u00a0đồng, tức CLV trước khi trừ chi phí thu "
        "hút), trong khi lợi nhuận này thường được khuyến nghị đạt từ 3 lần chi phí thu hút trở lên."
    )


def test_a_kpi_row_reads_in_one_unit() -> None:
    # the bank's CAC: a million today, 900,000 and 850,000 later, all in đồng, not "1 triệu"
    # beside "900.000"; Tân Phát's CLV: all in millions, not "877 triệu" beside "1,1 tỷ"
    bank = run_assessment(REPO / "examples" / "phuong-dong-bank")
    cac = {k.id: k for k in build_context(bank, lang="vi", kind="executive").kpis}["cac"]
    assert (cac.value, cac.in_12, cac.in_24) == ("1.000.000", "900.000", "850.000")
    tan_phat = run_assessment(REPO / "examples" / "tan-phat-industrial")
    clv = {k.id: k for k in build_context(tan_phat, lang="vi", kind="executive").kpis}["clv"]
    assert all(v.endswith("\u00a0triệu") for v in (clv.value, clv.in_12, clv.in_24))


def test_figures_and_their_units_stay_on_one_line() -> None:
    from assessor.report.build import make_report

    # the bank's second move costs 300 million to 1 billion: each amount is kept whole, and the
    # range may break after its dash only; "tháng thứ 1–4" never parts from its numbers
    bank = run_assessment(REPO / "examples" / "phuong-dong-bank")
    html = make_report(bank, lang="vi", kind="executive", fmt="html").decode("utf-8")
    assert (
        '<span class="kept">300\u00a0triệu\u00a0–</span> <span class="kept">1\u00a0tỷ\u00a0đồng</span>'
        in html
    )
    assert re.search(r'<span class="kept">\(tháng\u00a0thứ\u00a0\d+–\d+\)\.</span>', html)
    # the whole roadmap's cost
    assert re.search(r'<span class="kept">[\d,]+–[\d,]+\u00a0tỷ\u00a0đồng\.</span>', html)
    # escaped as ever; a no-break space with no figure beside it needs no keeping
    from assessor.report.render import _kept_together

    assert _kept_together("a <b> 3\u00a0tỷ") == 'a &lt;b&gt; <span class="kept">3\u00a0tỷ</span>'
    assert _kept_together("Công\u00a0ty <b>") == "Công\u00a0ty &lt;b&gt;"
    assert _kept_together("no figure") == "no figure"
