"""The roadmap timeline (a Gantt chart) and the colour scale of the agreement heatmap.

Same conventions as `charts`: one user unit is one point at natural size, every text escaped.
The heatmap itself is an HTML table (`full.html.j2`) with these colours behind its cells: a real
table reads out in a tagged PDF and costs WeasyPrint far less than SVG text, which it lays out
letter by letter. Cells take their colour from a class, one per score as printed (1.0, 1.1 …
4.0), not from a style attribute: WeasyPrint parses every style attribute on its own, which
cost a fifth of the agreement pages' rendering.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from .charts import CHAR, INK, MUTED, line, rect, svg, text, wrap

__all__ = ["HEAT_PALETTE", "HEAT_STOPS", "TimelineItem", "gantt", "heat_class", "heat_colour"]

EMPTY = "#eceff3"
SHADES = ("#0f6e5a", "#2f8f77", "#5aa892", "#8cc2b0")
BOUNDS = (0, 3, 6, 12, 24)


# Orange (1) → a warm white (2.5) → blue (4): a diverging scale that stays readable for every
# colour-vision deficiency (red → green does not: under protanopia its ends look alike), with
# dark text legible on every shade (tests/test_report_palette.py simulates and checks both).
HEAT_STOPS = ((0.0, (224, 138, 60)), (0.5, (245, 241, 232)), (1.0, (91, 155, 208)))


def heat_colour(v: float | None) -> str:
    """Orange (1) → warm white (2.5) → blue (4); light grey when nobody answered."""
    if v is None:
        return EMPTY
    t = max(0.0, min(1.0, (v - 1) / 3))
    stops = HEAT_STOPS
    for (t0, c0), (t1, c1) in itertools.pairwise(stops):
        if t <= t1:
            k = (t - t0) / (t1 - t0)
            r, g, b = (round(a + (c - a) * k) for a, c in zip(c0, c1, strict=True))
            return f"#{r:02x}{g:02x}{b:02x}"
    return "#5b9bd0"


def heat_class(v: float | None) -> str:
    """The cell class of a score as printed with one decimal: 2.34 → 'heat-23'; None → 'heat-none'."""
    if v is None:
        return "heat-none"
    return f"heat-{round(max(1.0, min(4.0, float(f'{v:.1f}'))) * 10)}"


# (class, colour) for every score a cell can print, and for an empty cell
HEAT_PALETTE = [(f"heat-{k}", heat_colour(k / 10)) for k in range(10, 41)] + [("heat-none", EMPTY)]


@dataclass(frozen=True)
class TimelineItem:
    """One bar of the timeline: an initiative, when it starts, how long it runs, its phase."""

    label: str
    start: int
    months: int
    phase: int


def gantt(key: str, items: Sequence[TimelineItem], phase_labels: Sequence[str], accent: str,
          title: str, axis: str, width: float = 493, months: int = 24) -> str:  # fmt: skip
    """A timeline over 24 months, phases shaded, month ticks under it; `axis` names the unit."""
    label_w, top, lead = 190.0, 18.0, 8.0
    span = width - label_w - 10

    def x(month: float) -> float:
        return label_w + span * min(month, months) / months

    rows, y = [], top + 3
    for item in items:
        lines = wrap(item.label, label_w - 10, 7)
        if len(lines) > 2:
            lines = [lines[0], _clip(" ".join(lines[1:]), label_w - 10, 7)]
        h = 15 + lead * (len(lines) - 1)
        rows.append((item, lines, y, h))
        y += h
    height = y + 2
    parts = []
    for p, label in enumerate(phase_labels[: len(BOUNDS) - 1]):
        x0, x1 = x(BOUNDS[p]), x(BOUNDS[p + 1])
        parts.append(rect(x0, 2, x1 - x0, 13, "#e6ebef" if p % 2 == 0 else "#f1f4f6"))
        parts.append(text((x0 + x1) / 2, 11.5, label, size=6.5, fill=MUTED))
        parts.append(line(x0, 2, x0, height))
    parts.append(line(x(months), 2, x(months), height))
    for item, lines, y, _ in rows:
        parts.append(
            text(label_w - 6, y + 9.5, " ".join(lines), size=7, anchor="end", width=label_w - 10)
        )
        colour = accent if item.phase == 0 else SHADES[min(item.phase, 3)]
        bar_w = max(3.0, x(item.start + item.months) - x(item.start))
        parts.append(rect(x(item.start), y + 3, bar_w, 9, colour, ' rx="1.5"'))
    parts.append(line(label_w, height, width - 10, height, INK, 0.6))
    for m in (0, 3, 6, 12, 18, 24):
        parts.append(line(x(m), height, x(m), height + 3, INK, 0.6))
    for m in (1, 4, 7, 13, 19, 24):  # counted as the text counts them: month 1 is the first
        parts.append(text(x(m - 0.5), height + 11, str(m), size=6.5, fill=MUTED))
    parts.append(text(label_w - 6, height + 11, axis, size=6.5, anchor="end", fill=MUTED))
    return svg(width, height + 15, "".join(parts), title)


def _clip(content: str, width: float, size: float) -> str:
    """`content` cut to what fits, at a space and with an ellipsis: never inside a word, a
    number or a legal reference ("Nghị định 356/2025/NĐ-CP")."""
    chars = max(4, int(width / (size * CHAR)))
    if len(content) <= chars:
        return content
    cut = content[:chars].rfind(" ")  # the space after the last whole word that fits
    kept = content[:cut] if cut > 0 else content.split(" ", 1)[0]
    if kept.rfind("(") > kept.rfind(")") and kept.rfind("(") > 0:  # a bracket cut open: left out
        kept = kept[: kept.rfind("(")]
    return kept.rstrip(" ,;:–-") + "…"
