"""SVG charts for the reports, drawn by hand so they stay vector, print well and carry any text.

Every function returns SVG markup as a string. One user unit is one typographic point at the
chart's natural size (`width="…pt"`), so `size=7` is 7 pt text on paper; the print stylesheet
only ever shrinks a chart to the column, never enlarges it. All text passes through `_esc`;
numbers are written with the report language's decimal mark (`decimal`); ids inside a chart are
prefixed with the chart's `key`, since WeasyPrint treats every SVG id as a document anchor.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

__all__ = [
    "BEHIND",
    "TARGET",
    "Bar",
    "Series",
    "arrow",
    "bars",
    "level_scale",
    "num",
    "radar",
    "strategy_matrix",
]

FONT = 'font-family="Report, ReportSymbols, sans-serif"'
GRID = "#b9c0c9"
INK = "#1d2733"
MUTED = "#4f5b69"
# Orange against the default accent's dark teal and a grey for targets: told apart by lightness
# as well as hue, so they survive every colour-vision deficiency (tests/test_report_palette.py).
BEHIND = "#d9822b"
TARGET = "#6f7b88"
PAPER = "#f4f6f8"
CHAR = 0.56  # average advance of a character, in ems, for wrapping estimates


def _esc(text: object) -> str:
    return escape(str(text), quote=True)


def _f(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def num(value: float, decimal: str = ".", digits: int = 1) -> str:
    """A chart's number: 2.5 → '2,5' with decimal=','."""
    return f"{value:.{digits}f}".replace(".", decimal)


def wrap(text: str, width: float, size: float) -> list[str]:
    """`text` in lines no wider than `width` points at font size `size` (estimated)."""
    chars = max(4, int(width / (size * CHAR)))
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > chars:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def text(x: float, y: float, content: str, *, size: float = 7.5, anchor: str = "middle",
         fill: str = INK, weight: str = "normal", width: float = 0, leading: float = 1.2) -> str:  # fmt: skip
    """One <text> per line, wrapped to `width` points when given; defaults come from <svg>.

    WeasyPrint lays SVG text out letter by letter, so charts keep their text short and plain.
    """
    lines = wrap(content, width, size) if width else [content]
    attrs = "".join((
        f' font-size="{_f(size)}"' if size != 7.5 else "",
        f' text-anchor="{anchor}"' if anchor != "middle" else "",
        f' fill="{fill}"' if fill != INK else "",
        ' font-weight="bold"' if weight == "bold" else "",
    ))  # fmt: skip
    return "".join(
        f'<text x="{_f(x)}" y="{_f(y + i * size * leading)}"{attrs}>{_esc(line)}</text>'
        for i, line in enumerate(lines)
    )


def line(x1: float, y1: float, x2: float, y2: float, stroke: str = GRID, width: float = 0.5,
         extra: str = "") -> str:  # fmt: skip
    return (
        f'<line x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" stroke="{stroke}" '
        f'stroke-width="{_f(width)}"{extra}/>'
    )


def rect(x: float, y: float, w: float, h: float, fill: str, extra: str = "") -> str:
    return f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="{_f(h)}" fill="{fill}"{extra}/>'


def svg(width: float, height: float, body: str, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_f(width)} {_f(height)}" '
        f'width="{_f(width)}pt" height="{_f(height)}pt" role="img" {FONT} font-size="7.5" '
        f'text-anchor="middle" fill="{INK}">'
        f"<title>{_esc(title)}</title>{body}</svg>"
    )


@dataclass(frozen=True)
class Series:
    """One polygon of a radar chart."""

    name: str
    values: Sequence[float | None]
    colour: str
    dashed: bool = False


def radar(key: str, labels: Sequence[str], series: Sequence[Series], title: str,
          width: float = 240, legend: bool = True) -> str:  # fmt: skip
    """A radar (spider) chart on the 1–4 practice scale, with a legend line under it if `legend`."""
    n, size, lead = max(len(labels), 1), 6.5, 7.8
    label_w = width * 0.235
    r = (width - 2 * label_w) / 2 - 4
    angles = [-math.pi / 2 + 2 * math.pi * i / n for i in range(n)]
    between = 2 * (r + 7) * math.sin(math.pi * 2 / n) - 10 if n > 2 else 2 * label_w
    placed = []
    for label, a in zip(labels, angles, strict=True):
        c, s = math.cos(a), math.sin(a)
        anchor = "middle" if abs(c) < 0.2 else ("start" if c > 0 else "end")
        w = max(label_w, min(2 * label_w, between)) if anchor == "middle" else label_w - 6
        placed.append((label, c, s, anchor, w, len(wrap(label, w, size))))
    cy = 6 + placed[0][5] * lead + 6 + r if placed else r + 10
    cx = width / 2

    def point(i: int, v: float) -> tuple[float, float]:
        d = r * (v - 1) / 3 if v >= 1 else 0
        return cx + d * math.cos(angles[i]), cy + d * math.sin(angles[i])

    parts = []
    for level in (2, 3, 4):
        ring = " ".join(f"{_f(x)},{_f(y)}" for x, y in (point(i, level) for i in range(n)))
        parts.append(f'<polygon points="{ring}" fill="none" stroke="{GRID}" stroke-width="0.5"/>')
    bottom = cy + r
    for i, (label, c, s, anchor, w, count) in enumerate(placed):
        x, y = point(i, 4)
        parts.append(line(cx, cy, x, y))
        lx, ly = cx + (r + 7) * c, cy + (r + 7) * s
        if s < -0.2:
            first = ly - (count - 1) * lead
        elif s > 0.2:
            first = ly + size * 0.9
        else:
            first = ly - (count - 1) * lead / 2 + size * 0.35
        parts.append(text(lx, first, label, size=size, anchor=anchor, width=w))
        bottom = max(bottom, first + (count - 1) * lead + 3)
    for ser in series:
        pts = " ".join(
            f"{_f(x)},{_f(y)}" for x, y in (point(i, v or 1) for i, v in enumerate(ser.values))
        )
        dash = ' stroke-dasharray="3.5 2.5"' if ser.dashed else ""
        fill = "none" if ser.dashed else ser.colour
        parts.append(f'<polygon points="{pts}" fill="{fill}" fill-opacity="0.16" stroke="{ser.colour}" '
                     f'stroke-width="1.3"{dash}/>')  # fmt: skip
    parts += _ticks([point(0, level) for level in (1, 2, 3, 4)])
    if not legend:
        return svg(width, bottom + 2, "".join(parts), title)
    y = bottom + 12
    total = sum(24 + len(ser.name) * size * CHAR + 12 for ser in series)
    x = cx - total / 2
    for ser in series:
        dash = ' stroke-dasharray="3.5 2.5"' if ser.dashed else ""
        parts.append(line(x, y - 2.5, x + 16, y - 2.5, ser.colour, 1.6, dash))
        parts.append(text(x + 20, y, ser.name, size=size, anchor="start"))
        x += 24 + len(ser.name) * size * CHAR + 12
    return svg(width, y + 5, "".join(parts), title)


def _ticks(points: Sequence[tuple[float, float]]) -> list[str]:
    """The scale's numbers 1–4 on the first spoke, each on a white disc that the spoke and the
    rings pass under, so no line crosses them."""
    parts = []
    for level, (x, y) in enumerate(points, start=1):
        parts.append(
            f'<circle cx="{_f(x)}" cy="{_f(y)}" r="4.6" fill="#fff" stroke="{GRID}" stroke-width="0.5"/>'
        )
        parts.append(text(x, y + 2.5, str(level), size=7, fill=MUTED, weight="bold"))
    return parts


@dataclass(frozen=True)
class Bar:
    """One row of the gap chart: a dimension, its framework, current score and target."""

    label: str
    note: str
    current: float
    target: float


def bars(key: str, rows: Sequence[Bar], title: str, accent: str, legend: tuple[str, str, str, str],
         width: float = 493, decimal: str = ".") -> str:  # fmt: skip
    """Current scores as bars against a target mark, one row per dimension, the gap at the right.

    `legend` is (below target, at or above target, target mark, gap column heading).
    """
    label_w, gap_w, row_h, top = 178, 46, 21, 16
    scale_w = width - label_w - gap_w - 8
    height = top + row_h * len(rows) + 4

    def x(v: float) -> float:
        return label_w + scale_w * (max(1.0, min(4.0, v)) - 1) / 3

    parts = [text(x(v), 10, str(v), size=6.5, fill=MUTED) for v in (1, 2, 3, 4)]
    parts += [line(x(v), 13, x(v), height - 2) for v in (1, 2, 3, 4)]
    parts.append(text(width - 2, 10, legend[3], size=6.5, anchor="end", fill=MUTED))
    for i, row in enumerate(rows):
        y = top + i * row_h
        parts.append(text(label_w - 6, y + 8.5, row.label, size=7.5, anchor="end"))
        parts.append(text(label_w - 6, y + 16.5, row.note, size=6, anchor="end", fill=MUTED))
        colour = accent if row.current >= row.target - 1e-9 else BEHIND
        parts.append(rect(x(1), y + 4, max(1.0, x(row.current) - x(1)), 10, colour, ' rx="1.5"'))
        parts.append(line(x(row.target), y + 1, x(row.target), y + 17, INK, 2))
        value_x = x(row.current) + 3
        if abs(value_x - x(row.target)) < 16 and row.current < row.target:
            value_x = x(row.target) + 4
        parts.append(
            text(value_x, y + 12, num(row.current, decimal), size=6.5, anchor="start", fill=MUTED)
        )
        gap = row.target - row.current
        parts.append(text(width - 2, y + 12, num(gap, decimal) if gap > 0 else "–", size=7.5,
                          anchor="end", weight="bold" if gap > 0 else "normal"))  # fmt: skip
    ly, lx = height + 10, float(label_w)
    # a legend entry only for what the chart draws: no "at or above target" swatch without a bar
    for colour, label in ((BEHIND, legend[0]), (accent, legend[1])):
        if any((row.current >= row.target - 1e-9) == (colour == accent) for row in rows):
            parts.append(rect(lx, ly - 7, 11, 8, colour))
            parts.append(text(lx + 15, ly, label, size=6.5, anchor="start"))
            lx += 30 + len(label) * 6.5 * CHAR
    parts.append(line(lx + 4, ly - 9, lx + 4, ly + 2, INK, 2))
    parts.append(text(lx + 10, ly, legend[2], size=6.5, anchor="start"))
    return svg(width, ly + 5, "".join(parts), title)


def level_scale(key: str, score: float, labels: Sequence[str], accent: str, title: str,
                width: float = 493, decimal: str = ".") -> str:  # fmt: skip
    """The overall score on a 1–4 band, with the four level names under their marks."""
    left, right = 8, width - 8

    def x(v: float) -> float:
        return left + (right - left) * (v - 1) / 3

    parts = [rect(left, 18, right - left, 8, "#e3e7ec", ' rx="4"')]
    parts.append(rect(left, 18, x(score) - left, 8, accent, ' rx="4"'))
    parts += [line(x(v), 15, x(v), 29, "#8d97a3", 0.8) for v in (1, 2, 3, 4)]
    parts.append(
        f'<circle cx="{_f(x(score))}" cy="22" r="6" fill="#fff" stroke="{accent}" stroke-width="2.5"/>'
    )
    parts.append(text(x(score), 10, num(score, decimal, 2), size=8.5, weight="bold"))
    for i, label in enumerate(labels, start=1):
        anchor = "start" if i == 1 else "end" if i == 4 else "middle"
        parts.append(text(x(i), 41, f"{i} · {label}", size=7, anchor=anchor, fill=MUTED))
    return svg(width, 46, "".join(parts), title)


def strategy_matrix(key: str, *, axis_names: tuple[str, str], axis_ends: tuple[tuple[str, str], tuple[str, str]],
                    quadrants: dict[tuple[str, str], str], today: tuple[float, float] | None,
                    route: Sequence[tuple[str, str]], target: tuple[str, str] | None, accent: str,
                    legend: tuple[str, str, str], title: str) -> str:  # fmt: skip
    """Payne & Frow's 2×2 strategy matrix: x = individualisation, y = customer information (1–4).

    `quadrants` maps (information side, individualisation side) to a name; `today` is the
    company's (individualisation, information) scores; `route` the sides of each position along
    the route. Names sit at the outer edge of their quadrant, so the route never crosses them.
    """
    left, top, side = 40, 8, 270

    def px(v: float) -> float:
        return left + side * (max(1.0, min(4.0, v)) - 1) / 3

    def py(v: float) -> float:
        return top + side - side * (max(1.0, min(4.0, v)) - 1) / 3

    centre = {"low": 1.75, "high": 3.25}
    parts = []
    for (info, indiv), name in quadrants.items():
        x0 = px(1 if indiv == "low" else 2.5)
        y0 = py(4 if info == "high" else 2.5)
        fill = "#e4f0eb" if target == (info, indiv) else PAPER
        parts.append(rect(x0, y0, side / 2, side / 2, fill, f' stroke="{GRID}" stroke-width="0.6"'))
        lines = wrap(name, side / 2 - 16, 8)
        ty = y0 + 15 if info == "high" else y0 + side / 2 - 8 - (len(lines) - 1) * 9.6
        parts.append(text(x0 + side / 4, ty, name, size=8, weight="bold", width=side / 2 - 16))
    points = [(px(centre[b]), py(centre[a])) for a, b in route]
    if (
        points
        and today is not None
        and route
        and _side(today[0]) == route[0][1]
        and _side(today[1]) == route[0][0]
    ):
        points[0] = (px(today[0]), py(today[1]))
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        parts += arrow(x1, y1, x2, y2, accent)
    if target is not None:
        tx, ty = px(centre[target[1]]), py(centre[target[0]])
        parts.append(
            f'<circle cx="{_f(tx)}" cy="{_f(ty)}" r="8" fill="none" stroke="{accent}" stroke-width="2.2"/>'
        )
    if today is not None:
        parts.append(
            f'<circle cx="{_f(px(today[0]))}" cy="{_f(py(today[1]))}" r="6" fill="{accent}" stroke="#fff" stroke-width="1.5"/>'
        )
    base = top + side
    parts.append(text(left, base + 11, axis_ends[0][0], size=6.5, anchor="start", fill=MUTED))
    parts.append(text(left + side, base + 11, axis_ends[0][1], size=6.5, anchor="end", fill=MUTED))
    parts.append(text(left + side / 2, base + 24, axis_names[0] + " →", size=8, weight="bold"))
    ay = top + side / 2
    for x, y, content, anchor, size, weight, fill in (
        (14, ay, axis_names[1] + " →", "middle", 8, "bold", INK),
        (30, base, axis_ends[1][0], "start", 6.5, "normal", MUTED),
        (30, top, axis_ends[1][1], "end", 6.5, "normal", MUTED),
    ):
        parts.append(f'<text x="{_f(x)}" y="{_f(y)}" font-size="{size}" font-weight="{weight}" text-anchor="{anchor}" '
                     f'fill="{fill}" transform="rotate(-90 {_f(x)} {_f(y)})">{_esc(content)}</text>')  # fmt: skip
    ly = base + 42
    parts.append(f'<circle cx="{left + 5}" cy="{_f(ly - 2.5)}" r="4.5" fill="{accent}"/>')
    parts.append(text(left + 13, ly, legend[0], size=7, anchor="start"))
    x2 = left + 30 + len(legend[0]) * 7 * CHAR
    parts.append(
        f'<circle cx="{_f(x2)}" cy="{_f(ly - 2.5)}" r="5" fill="none" stroke="{accent}" stroke-width="2"/>'
    )
    parts.append(text(x2 + 9, ly, legend[1], size=7, anchor="start"))
    x3 = x2 + 26 + len(legend[1]) * 7 * CHAR
    parts.append(line(x3, ly - 2.5, x3 + 20, ly - 2.5, accent, 1.8, ' stroke-dasharray="5 3.5"'))
    parts.append(text(x3 + 25, ly, legend[2], size=7, anchor="start"))
    return svg(left + side + 6, ly + 5, "".join(parts), title)


def arrow(x1: float, y1: float, x2: float, y2: float, colour: str, gap: float = 10) -> list[str]:
    """A dashed shaft from (x1, y1) towards (x2, y2), stopping `gap` short, and a solid head whose
    tip points the way of travel. The head is a drawn triangle, not an SVG marker: WeasyPrint
    does not turn markers along the line."""
    length = max(1.0, math.hypot(x2 - x1, y2 - y1))
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    tip_x, tip_y = x2 - ux * gap, y2 - uy * gap
    base_x, base_y = tip_x - ux * 7, tip_y - uy * 7
    head = " ".join(f"{_f(x)},{_f(y)}" for x, y in (
        (tip_x, tip_y), (base_x - uy * 3.6, base_y + ux * 3.6), (base_x + uy * 3.6, base_y - ux * 3.6),
    ))  # fmt: skip
    return [
        line(x1, y1, base_x, base_y, colour, 1.8, ' stroke-dasharray="5 3.5"'),
        f'<polygon class="arrow-head" points="{head}" fill="{colour}"/>',
    ]


def _side(score: float) -> str:
    return "high" if score >= 2.5 else "low"
