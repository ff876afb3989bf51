"""The report's charts, drawn from the results in the report's language.

Only chart data and words are chosen here; the drawing is in `charts` and `charts_grid`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..gaps import Gap
from ..models.common import pick
from ..pipeline import AssessmentResult
from ..scoring import FrameworkScore
from . import charts
from .charts_grid import HEAT_PALETTE, TimelineItem, gantt, heat_class
from .labels import Labels, fmt_num, local_style

__all__ = [
    "AgreementView",
    "HeatRow",
    "HeatmapView",
    "StrategyView",
    "agreement",
    "gap_chart",
    "radar",
    "strategy",
    "timeline",
]

GREY = charts.TARGET


def _decimal(lang: str) -> str:
    return local_style(lang).decimal


def radar(result: AssessmentResult, fs: FrameworkScore, lang: str, labels: Labels, accent: str,
          width: float = 240, legend: bool = True) -> str:  # fmt: skip
    """A framework's dimensions today (filled) against their targets (dashed)."""
    fw = result.library.framework(fs.id)
    gaps = {g.path: g for g in result.gaps}
    series = [
        charts.Series(labels["current"], [d.score for d in fs.dimensions], accent),
        charts.Series(labels["target"], [gaps[d.path].target if d.path in gaps else None for d in fs.dimensions],
                      GREY, dashed=True),
    ]  # fmt: skip
    names = [fw.dimension(d.id).label(lang) for d in fs.dimensions]
    return charts.radar(f"radar-{fw.id}", names, series, fw.name[lang], width=width, legend=legend)


def gap_chart(
    result: AssessmentResult, gaps: list[Gap], lang: str, labels: Labels, accent: str
) -> str:
    """The given dimensions' scores against their targets, largest priority first."""
    rows = []
    for g in gaps:
        fw = result.library.framework(g.framework)
        rows.append(
            charts.Bar(fw.dimension(g.dimension).name[lang], fw.label(lang), g.current, g.target)
        )
    legend = (labels["below_target"], labels["at_target"], labels["target_mark"], labels["gap"])
    return charts.bars("gaps", rows, labels["gap_chart"], accent, legend, decimal=_decimal(lang))


@dataclass(frozen=True)
class StrategyView:
    position: str
    position_text: str
    target_position: str
    route: str
    route_name: str
    route_text: str
    axes: list[tuple[str, str, str]]  # axis name, score and side, what that score means
    matrix: str
    reason: str  # why this target and this route, from the business context or the profile
    stays: bool = False  # the target is today's position: no route to take
    direct: bool = False  # the target is the next position: the route says nothing more


def strategy(result: AssessmentResult, lang: str, labels: Labels, accent: str) -> StrategyView:
    """The company on Payne & Frow's matrix: today, the target position and the route."""
    fw = result.library.frameworks.get("crm-strategy-levels")
    st = result.strategy
    if fw is None or fw.matrix is None:
        return StrategyView("–", "", "–", "–", "", "", [], "", "")
    v, h = fw.matrix.axis("vertical"), fw.matrix.axis("horizontal")
    sides: dict[str, tuple[str, str]] = {
        p.dimension: (str((p.model_extra or {}).get(v.id)), str((p.model_extra or {}).get(h.id)))
        for p in fw.matrix.positions
    }
    # the positions by name only: numbered, they would read as rungs of a ladder
    quadrants = {sides[d.id]: d.name[lang] for d in fw.dimensions}
    today = None
    if st.axes.get(h.id) is not None and st.axes.get(v.id) is not None:
        today = (st.axes[h.id] or 1.0, st.axes[v.id] or 1.0)
    svg = charts.strategy_matrix(
        "matrix", axis_names=(h.name[lang], v.name[lang]), axis_ends=((h.low[lang], h.high[lang]), (v.low[lang], v.high[lang])),
        quadrants=quadrants, today=today, route=[sides[p] for p in st.route if p in sides],
        target=sides.get(st.target or ""), accent=accent,
        legend=(labels["today"], labels["target"], labels["route"]), title=labels["strategy_position"],
    )  # fmt: skip
    axes = []
    for axis in (v, h):
        score = st.axes.get(axis.id)
        if score is None:
            continue
        side = labels["side_high" if st.sides.get(axis.id) == "high" else "side_low"]
        level = min(4, max(1, int(score + 1e-9)))
        out_of_4 = labels.fill("score_out_of_4", score=fmt_num(score, lang))
        axes.append((axis.name[lang], f"{out_of_4} · {side}", axis.levels[level][lang]))
    route_def = next((r for r in fw.matrix.routes if r.id == st.route_id), None)

    def name(dim: str | None) -> str:
        return fw.dimension(dim).name[lang] if dim else "–"

    return StrategyView(
        position=name(st.position),
        position_text=fw.dimension(st.position).description[lang] if st.position else "",
        target_position=name(st.target),
        route=" → ".join(name(p) for p in st.route)
        if len(st.route) > 1
        else labels["route_hold"]
        if st.route
        else "–",
        route_name=route_def.name[lang] if route_def else "",
        route_text=route_def.description[lang] if route_def else "",
        axes=axes,
        matrix=svg,
        reason=pick(st.reason, lang) if st.reason else "",
        stays=len(st.route) == 1,
        direct=len(st.route) == 2,
    )


@dataclass(frozen=True)
class HeatRow:
    """One dimension: (score, colour class) per role, its lowest–highest individual score."""

    label: str
    cells: list[tuple[str, str]]
    spread: str
    flagged: bool


@dataclass(frozen=True)
class HeatmapView:
    """One framework's rows of the agreement table."""

    framework: str
    rows: list[HeatRow]


@dataclass(frozen=True)
class AgreementView:
    """The agreement table: the roles across, a group of rows per framework, and the colour of
    each cell class."""

    roles: list[str]
    frameworks: list[HeatmapView]
    palette: list[tuple[str, str]]  # (cell class, colour)


def agreement(result: AssessmentResult, lang: str, labels: Labels) -> AgreementView:
    """Each framework's dimensions down, the roles across, the spread at the right."""
    s = result.scores
    roles = list(s.by_role)
    views = []
    for fs in s.frameworks:
        fw = result.library.framework(fs.id)
        rows = []
        for d in fs.dimensions:
            spread = (
                "–"
                if d.low is None or d.high is None
                else f"{fmt_num(d.low, lang)}–{fmt_num(d.high, lang)}"
            )
            values = [s.by_role[r].get(d.path) for r in roles]
            cells = [(fmt_num(v, lang), heat_class(v)) for v in values]
            rows.append(HeatRow(fw.dimension(d.id).name[lang], cells, spread, d.disagreement))
        views.append(HeatmapView(fw.name[lang], rows))
    return AgreementView([labels[f"role_{r}"] for r in roles], views, HEAT_PALETTE)  # fmt: skip


def timeline(items: list[TimelineItem], labels: Labels, accent: str) -> str:
    """The roadmap's initiatives as bars over 24 months."""
    phases = [labels[f"phase_{i}_short"] for i in (1, 2, 3, 4)]
    return gantt("gantt", items, phases, accent, labels["timeline"], labels["timeline_axis"])
