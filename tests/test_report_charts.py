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
        "scale": c.level_scale,
        "matrix": c.strategy.matrix,
        "gaps": c.gap_chart,
        "gantt": c.gantt,
    }
    found.update({f"radar-{f.id}": f.radar for f in c.frameworks})
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
    assert re.search(r">\d,\d\d<", vi["scale"]) and re.search(r">\d\.\d\d<", en["scale"])
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


def test_heat_colours_run_from_red_through_amber_to_green() -> None:
    assert (
        heat_colour(1) == "#d6604d"
        and heat_colour(2.5) == "#f4c868"
        and heat_colour(4) == "#4c9a6e"
    )
    assert heat_colour(None) == "#eceff3"


def test_heat_classes_follow_the_printed_score() -> None:
    assert [heat_class(v) for v in (1.0, 2.34, 2.35, 2.96, 4.0, None)] == [
        "heat-10", "heat-23", "heat-24", "heat-30", "heat-40", "heat-none",
    ]  # fmt: skip
    palette = dict(HEAT_PALETTE)
    assert palette["heat-10"] == heat_colour(1) and palette["heat-25"] == heat_colour(2.5)
    assert palette["heat-none"] == heat_colour(None) and len(palette) == 32
