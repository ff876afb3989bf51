"""SVG charts for the reports, drawn by hand so they stay vector, print well and carry any text.

Every function returns SVG markup as a string. All text passes through `_esc`; ids inside a chart
are prefixed with the chart's `key`, since WeasyPrint treats every SVG id as a document anchor.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

__all__ = ["Series", "bars", "gantt", "heatmap", "level_scale", "radar", "strategy_matrix"]

FONT = "font-family=\"Report, 'DejaVu Sans', sans-serif\""
GRID = "#c9ced6"
INK = "#1d2733"
MUTED = "#5f6b7a"


def _esc(text: object) -> str:
    return escape(str(text), quote=True)


def _f(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _wrap(text: str, width: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def _text(x: float, y: float, text: str, *, size: float = 9, anchor: str = "middle", fill: str = INK,
          weight: str = "normal", width: int = 0) -> str:  # fmt: skip
    lines = _wrap(text, width) if width else [text]
    spans = "".join(
        f'<tspan x="{_f(x)}" dy="{0 if i == 0 else _f(size * 1.2)}">{_esc(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text x="{_f(x)}" y="{_f(y)}" font-size="{_f(size)}" text-anchor="{anchor}" '
        f'fill="{fill}" font-weight="{weight}">{spans}</text>'
    )


def _svg(width: float, height: float, body: str, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_f(width)} {_f(height)}" '
        f'width="{_f(width)}" height="{_f(height)}" role="img" {FONT}><title>{_esc(title)}</title>{body}</svg>'
    )


@dataclass(frozen=True)
class Series:
    """One polygon of a radar chart."""

    name: str
    values: Sequence[float | None]
    colour: str
    dashed: bool = False


def radar(
    key: str, labels: Sequence[str], series: Sequence[Series], title: str, size: float = 360
) -> str:
    """A radar (spider) chart on the 1–4 practice scale."""
    n = len(labels)
    cx, cy, r = size / 2 + 40, size / 2 + 10, size / 2 - 50
    width, height = size + 80, size + 20 + 16 * len(series)

    def point(i: int, v: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        d = r * (v - 1) / 3 if v >= 1 else 0
        return cx + d * math.cos(angle), cy + d * math.sin(angle)

    parts = []
    for level in (1, 2, 3, 4):
        ring = " ".join(f"{_f(x)},{_f(y)}" for x, y in (point(i, level + 1e-9) for i in range(n)))
        if level > 1:
            parts.append(
                f'<polygon points="{ring}" fill="none" stroke="{GRID}" stroke-width="0.6"/>'
            )
            x, y = point(0, level)
            parts.append(_text(x + 4, y + 3, str(level), size=7, anchor="start", fill=MUTED))
    for i, label in enumerate(labels):
        x, y = point(i, 4)
        parts.append(
            f'<line x1="{_f(cx)}" y1="{_f(cy)}" x2="{_f(x)}" y2="{_f(y)}" stroke="{GRID}" stroke-width="0.6"/>'
        )
        lx, ly = point(i, 4.55)
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        parts.append(_text(lx, ly, label, size=8, anchor=anchor, width=16))
    for s in series:
        pts = " ".join(
            f"{_f(x)},{_f(y)}" for x, y in (point(i, v or 1) for i, v in enumerate(s.values))
        )
        dash = ' stroke-dasharray="4 3"' if s.dashed else ""
        fill = "none" if s.dashed else s.colour
        parts.append(
            f'<polygon points="{pts}" fill="{fill}" fill-opacity="0.18" stroke="{s.colour}" stroke-width="1.6"{dash}/>'
        )
    for j, s in enumerate(series):
        y = size + 14 + 16 * j
        dash = ' stroke-dasharray="4 3"' if s.dashed else ""
        parts.append(
            f'<line x1="40" y1="{_f(y)}" x2="62" y2="{_f(y)}" stroke="{s.colour}" stroke-width="2"{dash}/>'
        )
        parts.append(_text(68, y + 3, s.name, size=8, anchor="start"))
    return _svg(width, height, "".join(parts), title)


def bars(key: str, rows: Sequence[tuple[str, float, float]], title: str, accent: str, legend: tuple[str, str],
         width: float = 480) -> str:  # fmt: skip
    """Horizontal bars of current scores with a target mark each; rows are (label, current, target)."""
    label_w, row_h, top = 190, 22, 24
    scale_w = width - label_w - 20
    height = top + row_h * len(rows) + 10

    def x(v: float) -> float:
        return label_w + scale_w * (v - 1) / 3

    parts = [_text(x(v), 14, str(v), size=7, fill=MUTED) for v in (1, 2, 3, 4)]
    parts += [
        f'<line x1="{_f(x(v))}" y1="18" x2="{_f(x(v))}" y2="{_f(height - 6)}" stroke="{GRID}" stroke-width="0.5"/>'
        for v in (1, 2, 3, 4)
    ]
    for i, (label, current, target) in enumerate(rows):
        y = top + i * row_h
        parts.append(_text(label_w - 6, y + 11, label, size=8, anchor="end"))
        colour = accent if current >= target else "#d9822b"
        parts.append(
            f'<rect x="{_f(x(1))}" y="{_f(y + 3)}" width="{_f(x(current) - x(1))}" height="11" rx="2" fill="{colour}"/>'
        )
        parts.append(
            f'<line x1="{_f(x(target))}" y1="{_f(y)}" x2="{_f(x(target))}" y2="{_f(y + 17)}" stroke="{INK}" stroke-width="2"/>'
        )
        parts.append(
            _text(x(current) + 3, y + 12, f"{current:.1f}", size=7, anchor="start", fill=MUTED)
        )
    legend_y = height + 4
    parts.append(f'<rect x="{label_w}" y="{_f(legend_y)}" width="12" height="8" fill="#d9822b"/>')
    parts.append(_text(label_w + 16, legend_y + 7, legend[0], size=7, anchor="start"))
    parts.append(
        f'<line x1="{label_w + 150}" y1="{_f(legend_y - 1)}" x2="{label_w + 150}" y2="{_f(legend_y + 9)}" stroke="{INK}" stroke-width="2"/>'
    )
    parts.append(_text(label_w + 156, legend_y + 7, legend[1], size=7, anchor="start"))
    return _svg(width, height + 16, "".join(parts), title)


def level_scale(
    key: str, score: float, labels: Sequence[str], accent: str, title: str, width: float = 480
) -> str:
    """The overall score on a 1–4 band with the level names under it."""
    left, right = 20, width - 20

    def x(v: float) -> float:
        return left + (right - left) * (v - 1) / 3

    parts = [
        f'<rect x="{left}" y="20" width="{_f(right - left)}" height="10" rx="5" fill="#e6e9ee"/>'
    ]
    parts.append(
        f'<rect x="{left}" y="20" width="{_f(x(score) - left)}" height="10" rx="5" fill="{accent}"/>'
    )
    parts.append(
        f'<circle cx="{_f(x(score))}" cy="25" r="7" fill="#fff" stroke="{accent}" stroke-width="3"/>'
    )
    parts.append(_text(x(score), 12, f"{score:.2f}", size=10, weight="bold"))
    for i, label in enumerate(labels, start=1):
        anchor = "start" if i == 1 else "end" if i == 4 else "middle"
        parts.append(_text(x(i), 46, f"{i} · {label}", size=8, anchor=anchor, fill=MUTED))
    return _svg(width, 56, "".join(parts), title)


def strategy_matrix(key: str, *, axis_names: tuple[str, str], axis_ends: tuple[tuple[str, str], tuple[str, str]],
                    quadrants: dict[tuple[str, str], str], today: tuple[float, float] | None,
                    route: Sequence[tuple[str, str]], target: tuple[str, str] | None, accent: str,
                    legend: tuple[str, str, str], title: str) -> str:  # fmt: skip
    """Payne & Frow's 2×2 strategy matrix: x = individualisation, y = customer information (1–4).

    `quadrants` maps (info side, individualisation side) to a name; `today` is the company's
    (individualisation, information) scores; `route` the sides of each position along the route.
    """
    left, top, side = 70, 20, 300

    def px(v: float) -> float:
        return left + side * (v - 1) / 3

    def py(v: float) -> float:
        return top + side - side * (v - 1) / 3

    centre = {"low": 1.75, "high": 3.25}
    parts = [f'<defs><marker id="{key}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
             f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{accent}"/></marker></defs>']  # fmt: skip
    for (info, indiv), name in quadrants.items():
        x0 = px(1 if indiv == "low" else 2.5)
        y0 = py(4 if info == "high" else 2.5)
        is_target = target == (info, indiv)
        fill = "#eef5f2" if is_target else "#f6f7f9"
        parts.append(
            f'<rect x="{_f(x0)}" y="{_f(y0)}" width="{side / 2}" height="{side / 2}" fill="{fill}" stroke="{GRID}"/>'
        )
        parts.append(_text(x0 + side / 4, y0 + 22, name, size=9, weight="bold", width=20, fill=INK))
    for a, b in itertools.pairwise(route):
        x1, y1 = px(centre[a[1]]), py(centre[a[0]])
        x2, y2 = px(centre[b[1]]), py(centre[b[0]])
        parts.append(
            f'<line x1="{_f(x1)}" y1="{_f(y1 + 18)}" x2="{_f(x2)}" y2="{_f(y2 + 18)}" stroke="{accent}" stroke-width="2.2" '
            f'stroke-dasharray="6 4" marker-end="url(#{key}-arrow)"/>'
        )
    if target is not None:
        tx, ty = px(centre[target[1]]), py(centre[target[0]]) + 18
        parts.append(
            f'<circle cx="{_f(tx)}" cy="{_f(ty)}" r="9" fill="none" stroke="{accent}" stroke-width="2.5"/>'
        )
    if today is not None:
        parts.append(
            f'<circle cx="{_f(px(today[0]))}" cy="{_f(py(today[1]))}" r="7" fill="{accent}"/>'
        )
    parts.append(
        _text(left + side / 2, top + side + 30, axis_names[0] + " →", size=9, weight="bold")
    )
    parts.append(_text(left, top + side + 14, axis_ends[0][0], size=7, anchor="start", fill=MUTED))
    parts.append(
        _text(left + side, top + side + 14, axis_ends[0][1], size=7, anchor="end", fill=MUTED)
    )
    ay = top + side / 2
    parts.append(f'<text x="18" y="{_f(ay)}" font-size="9" font-weight="bold" text-anchor="middle" fill="{INK}" '
                 f'transform="rotate(-90 18 {_f(ay)})">{_esc(axis_names[1])} →</text>')  # fmt: skip
    parts.append(f'<text x="36" y="{_f(top + side)}" font-size="7" text-anchor="start" fill="{MUTED}" '
                 f'transform="rotate(-90 36 {_f(top + side)})">{_esc(axis_ends[1][0])}</text>')  # fmt: skip
    parts.append(f'<text x="36" y="{_f(top)}" font-size="7" text-anchor="end" fill="{MUTED}" '
                 f'transform="rotate(-90 36 {_f(top)})">{_esc(axis_ends[1][1])}</text>')  # fmt: skip
    ly = top + side + 46
    parts.append(f'<circle cx="{left + 6}" cy="{_f(ly)}" r="5" fill="{accent}"/>')
    parts.append(_text(left + 16, ly + 3, legend[0], size=8, anchor="start"))
    parts.append(
        f'<circle cx="{left + 116}" cy="{_f(ly)}" r="6" fill="none" stroke="{accent}" stroke-width="2"/>'
    )
    parts.append(_text(left + 126, ly + 3, legend[1], size=8, anchor="start"))
    parts.append(
        f'<line x1="{left + 206}" y1="{_f(ly)}" x2="{left + 230}" y2="{_f(ly)}" stroke="{accent}" stroke-width="2" stroke-dasharray="6 4"/>'
    )
    parts.append(_text(left + 236, ly + 3, legend[2], size=8, anchor="start"))
    return _svg(left + side + 20, ly + 12, "".join(parts), title)


def _heat(v: float) -> str:
    """Red (1) → amber (2.5) → green (4)."""
    t = max(0.0, min(1.0, (v - 1) / 3))
    stops = [(0.0, (214, 96, 77)), (0.5, (244, 200, 104)), (1.0, (76, 154, 110))]
    for (t0, c0), (t1, c1) in itertools.pairwise(stops):
        if t <= t1:
            k = (t - t0) / (t1 - t0)
            r, g, b = (round(a + (c - a) * k) for a, c in zip(c0, c1, strict=True))
            return f"#{r:02x}{g:02x}{b:02x}"
    return "#4c9a6e"


def heatmap(key: str, rows: Sequence[str], cols: Sequence[str], values: Sequence[Sequence[float | None]],
            title: str, width: float = 500) -> str:  # fmt: skip
    """A role × dimension table of scores, coloured from red (1) to green (4)."""
    label_w, head_h = 92, 78
    cell_w = (width - label_w) / max(1, len(cols))
    cell_h = 20
    parts = []
    for j, col in enumerate(cols):
        x = label_w + cell_w * j + cell_w / 2
        parts.append(f'<text x="{_f(x)}" y="{head_h - 4}" font-size="7" text-anchor="start" fill="{INK}" '
                     f'transform="rotate(-50 {_f(x)} {head_h - 4})">{_esc(col)}</text>')  # fmt: skip
    for i, row in enumerate(rows):
        y = head_h + i * cell_h
        parts.append(_text(label_w - 6, y + 13, row, size=8, anchor="end"))
        for j, v in enumerate(values[i]):
            x = label_w + cell_w * j
            fill = "#eceff3" if v is None else _heat(v)
            parts.append(
                f'<rect x="{_f(x + 1)}" y="{_f(y + 1)}" width="{_f(cell_w - 2)}" height="{cell_h - 2}" fill="{fill}"/>'
            )
            parts.append(_text(x + cell_w / 2, y + 13, "–" if v is None else f"{v:.1f}", size=7))
    return _svg(width, head_h + cell_h * len(rows) + 4, "".join(parts), title)


def gantt(key: str, items: Sequence[tuple[str, int, int, int]], phase_labels: Sequence[str], accent: str,
          title: str, width: float = 500, months: int = 24) -> str:  # fmt: skip
    """A timeline: items are (label, start month, duration in months, phase index)."""
    label_w, row_h, top = 180, 16, 28
    span = width - label_w - 10

    def x(month: float) -> float:
        return label_w + span * min(month, months) / months

    height = top + row_h * len(items) + 6
    shades = ["#0f6e5a", "#2f8f77", "#5aa892", "#8cc2b0"]
    parts = []
    bounds = [0, 3, 6, 12, 24]
    for p, label in enumerate(phase_labels):
        x0, x1 = x(bounds[p]), x(bounds[p + 1])
        parts.append(
            f'<rect x="{_f(x0)}" y="4" width="{_f(x1 - x0)}" height="16" fill="{"#f1f4f6" if p % 2 else "#e6ebef"}"/>'
        )
        parts.append(_text((x0 + x1) / 2, 15, label, size=7, fill=MUTED))
        parts.append(
            f'<line x1="{_f(x0)}" y1="4" x2="{_f(x0)}" y2="{_f(height)}" stroke="{GRID}" stroke-width="0.5"/>'
        )
    for i, (label, start, duration, phase) in enumerate(items):
        y = top + i * row_h
        short = label if len(label) <= 34 else label[:33] + "…"
        parts.append(_text(label_w - 6, y + 10, short, size=7, anchor="end"))
        colour = accent if phase == 0 else shades[min(phase, 3)]
        parts.append(f'<rect x="{_f(x(start))}" y="{_f(y + 2)}" width="{_f(max(3, x(start + duration) - x(start)))}" '
                     f'height="10" rx="2" fill="{colour}"/>')  # fmt: skip
    return _svg(width, height, "".join(parts), title)
