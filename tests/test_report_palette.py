"""The charts' colours, seen through a colour-vision simulation: every pair a reader must tell
apart stays apart for protanopia, deuteranopia and tritanopia, and dark text stays legible on
every heatmap shade.

The simulation is Machado, Oliveira & Fernandes (2009), severity 1.0, applied in linear sRGB;
distances are CIE76 ΔE in CIELAB (about 2.3 is just noticeable; 20 reads as clearly different).
"""

from __future__ import annotations

import pytest

from assessor.report import charts
from assessor.report.charts_grid import HEAT_PALETTE, heat_colour
from assessor.report.context_charts import GREY

Matrix = tuple[tuple[float, float, float], ...]
VISIONS: dict[str, Matrix] = {
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}  # fmt: skip
DEFAULT_ACCENT = "#0f6e5a"


def _linear(hex_colour: str) -> list[float]:
    out = []
    for i in (1, 3, 5):
        c = int(hex_colour[i : i + 2], 16) / 255
        out.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return out


def _lab(rgb: list[float]) -> tuple[float, float, float]:
    x = (0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]) / 0.95047
    y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
    z = (0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def seen(hex_colour: str, vision: str) -> tuple[float, float, float]:
    """The colour as a reader with `vision` sees it, in CIELAB."""
    rgb = _linear(hex_colour)
    m = VISIONS[vision]
    return _lab([min(1.0, max(0.0, sum(m[i][j] * rgb[j] for j in range(3)))) for i in range(3)])


def delta_e(a: str, b: str, vision: str) -> float:
    return float(
        sum((p - q) ** 2 for p, q in zip(seen(a, vision), seen(b, vision), strict=True)) ** 0.5
    )


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours."""

    def luminance(c: str) -> float:
        r, g, b_ = _linear(c)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    low, high = sorted((luminance(a), luminance(b)))
    return (high + 0.05) / (low + 0.05)


def test_the_simulation_is_sound() -> None:
    # white and black are untouched by every deficiency; pure red and green look alike to
    # a deuteranope and a protanope, not to a tritanope or to normal vision
    for vision in VISIONS:
        assert delta_e("#ffffff", "#ffffff", vision) == 0
        assert seen("#ffffff", vision)[0] == pytest.approx(100, abs=0.5)
    assert delta_e("#d6604d", "#4c9a6e", "protanopia") < 15  # the old heatmap's ends
    assert delta_e("#d6604d", "#4c9a6e", "normal") > 60


@pytest.mark.parametrize("vision", list(VISIONS))
def test_heatmap_ends_and_middle_stay_apart_for_every_colour_vision(vision: str) -> None:
    low, middle, high = heat_colour(1), heat_colour(2.5), heat_colour(4)
    assert delta_e(low, high, vision) >= 40, (low, high)
    assert delta_e(low, middle, vision) >= 25 and delta_e(middle, high, vision) >= 25
    # the shades run in order: each step moves away from the low end, for every reader
    shades = [heat_colour(k / 10) for k in range(10, 26)]
    distances = [delta_e(heat_colour(1), c, vision) for c in shades]
    assert distances == sorted(distances)


def test_dark_text_is_legible_on_every_heatmap_shade() -> None:
    for cls, colour in HEAT_PALETTE:
        assert contrast(colour, charts.INK) >= 4.5, (cls, colour)


@pytest.mark.parametrize("vision", list(VISIONS))
def test_chart_colours_a_reader_must_tell_apart_stay_apart(vision: str) -> None:
    # gap bars below target against those at target; leadership's discs against the others' squares
    assert delta_e(charts.BEHIND, DEFAULT_ACCENT, vision) >= 40
    # the dashed target line against today's filled shape (the dash tells them apart too)
    assert delta_e(GREY, DEFAULT_ACCENT, vision) >= 12
    assert charts.TARGET == GREY
