"""The executive story's charts: the maturity level as bands, and two groups compared.

Same conventions as `charts`: one user unit is one point at natural size, every text escaped,
numbers with the report language's decimal mark.
"""

from __future__ import annotations

from collections.abc import Sequence

from .charts import BEHIND, CHAR, GRID, INK, MUTED, _f, line, num, rect, svg, text

__all__ = ["dumbbell", "level_bands"]

BAND = "#e3e7ec"


def level_bands(key: str, level: int | None, progress: float, labels: Sequence[str], accent: str,
                title: str, now: str, width: float = 493) -> str:  # fmt: skip
    """The four maturity levels as bands: those reached filled, the next one filled as far as
    `progress` (0–1) of what it needs, `now` over the level reached. What the next level needs
    is said once, in the headline above the gauge.

    A level, not a score, is drawn: a company at level 1 whose average is 2.19 is on its way to
    level 2, not past it.
    """
    left, band_w, y, h, size = 4.0, (width - 8) / 4, 20.0, 12.0, 7.5
    reached = level or 0
    parts = []
    for i, name in enumerate(labels, start=1):
        x0 = left + (i - 1) * band_w
        parts.append(rect(x0 + 1, y, band_w - 2, h, accent if i <= reached else BAND))
        if i == reached + 1 and progress > 0:
            parts.append(
                rect(x0 + 1, y, (band_w - 2) * min(1.0, progress), h, accent, ' fill-opacity="0.4"')
            )
        bold = "bold" if i == reached else "normal"
        parts.append(text(x0 + band_w / 2, y + h + 11, f"{i} · {name}", size=size, weight=bold,
                          fill=INK if i <= reached + 1 else MUTED))  # fmt: skip
    if reached:
        x_now = left + reached * band_w
        parts.append(
            f'<polygon points="{_f(x_now - 5)},{_f(y - 7)} {_f(x_now + 5)},{_f(y - 7)} {_f(x_now)},{_f(y - 1)}" fill="{INK}"/>'
        )
        parts.append(text(x_now - 8, y - 4, now, size=size, anchor="end", weight="bold"))
    return svg(width, y + h + 16, "".join(parts), title)


def dumbbell(key: str, rows: Sequence[tuple[str, float, float]], names: tuple[str, str], accent: str,
             title: str, decimal: str = ".", width: float = 493) -> str:  # fmt: skip
    """Two groups' scores per row on the 1–4 scale: the first a disc in `accent`, the second a
    square in orange, joined by a line; told apart by shape as well as colour."""
    label_w, row_h, top = 190.0, 14.0, 15.0
    span = width - label_w - 24

    def x(v: float) -> float:
        return label_w + span * (max(1.0, min(4.0, v)) - 1) / 3

    height = top + row_h * len(rows)
    parts = [text(x(v), 10, str(v), size=6.5, fill=MUTED) for v in (1, 2, 3, 4)]
    parts += [line(x(v), 13, x(v), height) for v in (1, 2, 3, 4)]
    for i, (label, a, b) in enumerate(rows):
        cy = top + i * row_h + row_h / 2
        parts.append(text(label_w - 8, cy + 2.5, label, size=7.5, anchor="end"))
        parts.append(line(x(a), cy, x(b), cy, GRID, 2.2))
        parts.append(f'<circle cx="{_f(x(a))}" cy="{_f(cy)}" r="4" fill="{accent}"/>')
        parts.append(rect(x(b) - 3.6, cy - 3.6, 7.2, 7.2, BEHIND))
        hi, lo = (a, b) if a >= b else (b, a)
        parts.append(
            text(x(hi) + 8, cy + 2.5, num(hi, decimal), size=6.5, anchor="start", fill=MUTED)
        )
        parts.append(
            text(x(lo) - 8, cy + 2.5, num(lo, decimal), size=6.5, anchor="end", fill=MUTED)
        )
    ly = height + 12
    parts.append(f'<circle cx="{_f(label_w + 4)}" cy="{_f(ly - 2.5)}" r="4" fill="{accent}"/>')
    parts.append(text(label_w + 12, ly, names[0], size=7, anchor="start"))
    x2 = label_w + 28 + len(names[0]) * 7 * CHAR
    parts.append(rect(x2 - 3.6, ly - 6.1, 7.2, 7.2, BEHIND))
    parts.append(text(x2 + 8, ly, names[1], size=7, anchor="start"))
    return svg(width, ly + 5, "".join(parts), title)
