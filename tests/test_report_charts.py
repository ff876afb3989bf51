"""The SVG charts: well-formed, escaped, sized for print, numbers in the report's language."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from assessor.demo import example_workspace
from assessor.pipeline import AssessmentResult, run_assessment
from assessor.report import charts
from assessor.report.charts_grid import HEAT_PALETTE, TimelineItem, gantt, heat_class, heat_colour
from assessor.report.context import build_context

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & url(file:///etc/hosts)'


@pytest.fixture(scope="module")
def example() -> AssessmentResult:
    return run_assessment(example_workspace())


def _charts(example: AssessmentResult, lang: str) -> dict[str, str]:
    c = build_context(example, lang=lang, kind="full")
    found = {
        "bands": c.level_bands,
        "matrix": c.strategy.matrix,
        "gaps": c.gap_chart,
        "gantt": c.gantt,
    }
    found.update({f"radar-{f.id}": f.radar for f in c.frameworks})
    x = build_context(example, lang=lang, kind="executive").executive
    assert x is not None
    found.update({"capabilities": x.capability_chart, "capability-radar": x.capability_radar})
    if x.insight_chart:  # leadership against the rest, when both groups are large enough to show
        found["insight"] = x.insight_chart
    return found


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_chart_is_well_formed_svg_sized_in_points_with_print_legible_text(
    example: AssessmentResult, lang: str
) -> None:
    for name, svg in _charts(example, lang).items():
        root = ET.fromstring(svg)
        assert root.tag == f"{SVG}svg" and root.get("role") == "img", name
        assert root.get("width", "").endswith("pt") and root.find(f"{SVG}title") is not None, name
        sizes = [
            float(t.get("font-size", root.get("font-size", "0"))) for t in root.iter(f"{SVG}text")
        ]
        assert sizes and min(sizes) >= 5.5, (name, min(sizes))
        _, _, width, height = (float(v) for v in root.get("viewBox", "").split())
        for t in root.iter(f"{SVG}text"):
            if t.get("transform") is None:
                assert (
                    -1 <= float(t.get("x", 0)) <= width + 1 and 0 <= float(t.get("y", 0)) <= height
                ), (name, t.text)


def test_chart_numbers_use_the_report_languages_decimal_mark(example: AssessmentResult) -> None:
    vi, en = _charts(example, "vi"), _charts(example, "en")
    assert re.search(r">\d,\d<", vi["capabilities"]) and re.search(r">\d\.\d<", en["capabilities"])
    assert re.search(r">\d,\d<", vi["gaps"]) and not re.search(r">\d\.\d<", vi["gaps"])


def test_ids_inside_a_chart_carry_its_key(example: AssessmentResult) -> None:
    for name, svg in _charts(example, "en").items():
        ids = re.findall(r'\bid="([^"]+)"', svg)
        assert all(i.startswith(name.split("-")[0]) for i in ids), (name, ids)


def test_chart_text_is_escaped() -> None:
    radar = charts.radar(
        "r", [HOSTILE, "b", "c"], [charts.Series(HOSTILE, [1, 2, 3], "#000")], HOSTILE
    )
    bars = charts.bars("g", [charts.Bar(HOSTILE, HOSTILE, 1.5, 3)], HOSTILE, "#000", (HOSTILE,) * 4)
    timeline = gantt("t", [TimelineItem(HOSTILE, 0, 3, 0)], ["0–3"], "#000", HOSTILE, "months")
    for svg in (radar, bars, timeline):
        assert "<script>" not in svg and "&lt;script&gt;" in svg
        ET.fromstring(svg)


def test_long_labels_wrap_instead_of_running_off_the_chart() -> None:
    label = "Phát triển tuyên bố giá trị cho từng phân khúc khách hàng mục tiêu"
    svg = charts.radar("r", [label, "b", "c", "d"], [charts.Series("x", [2, 2, 2, 2], "#000")], "t")
    lines = [t.text for t in ET.fromstring(svg).iter(f"{SVG}text") if t.text and len(t.text) > 1]
    assert len(lines) > 1 and " ".join(lines) == label
    assert all(len(line) <= 40 for line in lines)


def test_heat_colours_run_from_orange_through_white_to_blue() -> None:
    assert (
        heat_colour(1) == "#e08a3c"
        and heat_colour(2.5) == "#f5f1e8"
        and heat_colour(4) == "#5b9bd0"
    )
    assert heat_colour(None) == "#eceff3"


def test_heat_classes_follow_the_printed_score() -> None:
    assert [heat_class(v) for v in (1.0, 2.34, 2.35, 2.96, 4.0, None)] == [
        "heat-10", "heat-23", "heat-24", "heat-30", "heat-40", "heat-none",
    ]  # fmt: skip
    palette = dict(HEAT_PALETTE)
    assert palette["heat-10"] == heat_colour(1) and palette["heat-25"] == heat_colour(2.5)
    assert palette["heat-none"] == heat_colour(None) and len(palette) == 32


def test_the_routes_arrows_point_the_way_of_travel(example: AssessmentResult) -> None:
    root = ET.fromstring(_charts(example, "en")["matrix"])
    heads = [p for p in root.iter(f"{SVG}polygon") if p.get("class") == "arrow-head"]
    shafts = [ln for ln in root.iter(f"{SVG}line") if ln.get("stroke-dasharray") == "5 3.5"]
    route = [ln for ln in shafts if ln.get("x1") is not None][: len(heads)]
    assert len(heads) == len(example.roadmap.route) - 1 >= 1
    for head, shaft in zip(heads, route, strict=True):
        tip, *base = [
            tuple(float(v) for v in pt.split(",")) for pt in (head.get("points") or "").split()
        ]
        x1, y1, x2, y2 = (float(shaft.get(k) or 0) for k in ("x1", "y1", "x2", "y2"))
        direction = (x2 - x1, y2 - y1)
        mid = ((base[0][0] + base[1][0]) / 2, (base[0][1] + base[1][1]) / 2)
        # the tip lies ahead of the head's base along the shaft, and the base where the shaft ends
        ahead = (tip[0] - mid[0]) * direction[0] + (tip[1] - mid[1]) * direction[1]
        assert ahead > 0 and abs(mid[0] - x2) < 0.2 and abs(mid[1] - y2) < 0.2


def test_a_legend_shows_only_what_the_chart_draws() -> None:
    behind = charts.bars(
        "g", [charts.Bar("A", "", 1.5, 3.0)], "t", "#0f6e5a", ("below", "at", "target", "gap")
    )
    both = charts.bars("g", [charts.Bar("A", "", 1.5, 3.0), charts.Bar("B", "", 3.5, 3.0)], "t", "#0f6e5a",
                       ("below", "at", "target", "gap"))  # fmt: skip
    assert ">below<" in behind and ">at<" not in behind and ">target<" in behind
    assert ">below<" in both and ">at<" in both


def test_radar_ticks_are_legible_and_sit_on_white(example: AssessmentResult) -> None:
    root = ET.fromstring(_charts(example, "en")["radar-gartner-8bb"])
    ticks = [t for t in root.iter(f"{SVG}text") if t.text in {"1", "2", "3", "4"}]
    discs = [c for c in root.iter(f"{SVG}circle") if c.get("fill") == "#fff"]
    assert [t.text for t in ticks] == ["1", "2", "3", "4"] and len(discs) == 4
    assert all(float(t.get("font-size", 0)) >= 7 for t in ticks)


def test_level_bands_show_a_level_one_company_on_its_way_to_two(example: AssessmentResult) -> None:
    svg = _charts(example, "en")["bands"]
    root = ET.fromstring(svg)
    filled = [
        r
        for r in root.iter(f"{SVG}rect")
        if r.get("fill") == "#0f6e5a" and r.get("fill-opacity") is None
    ]
    assert example.scores.level == 1 and len(filled) == 1  # level 1 filled, nothing past it
    # what level 2 needs is said once, in the headline above the gauge, not again beside it
    assert "2.19" not in svg and "today: level 1" in svg and "needs" not in svg


def test_a_timeline_title_too_long_is_cut_at_a_word_never_inside_a_number() -> None:
    legal = (
        "Đưa dữ liệu cá nhân đang nắm giữ vào khuôn khổ pháp luật và hoàn thiện hồ sơ tuân thủ "
        "(Luật 91/2025, Nghị định 356/2025/NĐ-CP)"
    )
    words = "Thiết kế cơ chế đồng ý và bảo vệ dữ liệu cá nhân cho các mục đích sử dụng dữ liệu mới trên CRM"
    svg = gantt("t", [TimelineItem(legal, 0, 3, 0), TimelineItem(words, 3, 3, 1)], ["0–3"], "#000",
                "t", "tháng thứ")  # fmt: skip
    lines = " ".join(
        t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")
    )  # wrapped at spaces
    shown = [lines[lines.index(title[:10]) : lines.index("…", lines.index(title[:10]))]
             for title in (legal, words)]  # fmt: skip
    for title, kept in zip((legal, words), shown, strict=True):
        assert title.startswith(kept) and title[len(kept)] in " ,("  # a whole word, then "…"
    assert "(" not in shown[0] and "356/2" not in shown[0]  # no bracket or reference cut open


def test_the_timeline_counts_months_from_1_as_the_text_does() -> None:
    svg = gantt("t", [TimelineItem("a", 0, 3, 0)], ["0–3", "3–6", "6–12", "12–24"], "#000", "t",
                "month")  # fmt: skip
    axis = [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")][-7:]
    assert axis == ["1", "4", "7", "13", "19", "24", "month"]
