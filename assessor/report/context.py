"""The report context: plain, typed data with every text already in the report's language.

Templates only lay this out; nothing here knows about Jinja2 or WeasyPrint, so the context is
tested on its own. Respondents' comments stay raw text here and are escaped by the templates.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from ..gaps import Gap
from ..models import Framework
from ..pipeline import AssessmentResult
from ..roadmap import BACKLOG, PHASES
from . import charts
from .labels import Labels, fmt_num, load_labels
from .questions import QuestionView, question_views

__all__ = ["DimensionView", "FrameworkView", "GapView", "ReportContext", "build_context"]

GREY = "#8a96a3"


@dataclass(frozen=True)
class DimensionView:
    name: str
    score: str
    pct: str
    level: int | None
    target: str
    gap: str
    behind: bool
    disagreement: bool
    spread: str
    answered: int
    excluded: int
    now_text: str
    next_text: str


@dataclass(frozen=True)
class FrameworkView:
    id: str
    name: str
    description: str
    score: str
    pct: str
    level: int | None
    weakest: str
    radar: str
    dimensions: list[DimensionView]
    sources: list[str]


@dataclass(frozen=True)
class GapView:
    framework: str
    dimension: str
    current: str
    target: str
    gap: str
    priority: str
    next_text: str


@dataclass(frozen=True)
class InitiativeView:
    id: str
    title: str
    summary: str
    owner: str
    effort: str
    months: int
    start: int
    phase: int
    after: list[str]
    kpis: list[str]
    closes: list[str]


@dataclass(frozen=True)
class PhaseView:
    title: str
    initiatives: list[InitiativeView]


@dataclass(frozen=True)
class KpiView:
    name: str
    value: str
    formula: str
    in_12: str
    in_24: str
    missing: str


@dataclass(frozen=True)
class ReportContext:
    """Everything a report template may use."""

    lang: str
    kind: str
    title: str
    subtitle: str
    client: str
    industry: str
    date: str
    generated: str
    consultancy: str
    accent: str
    logo: str | None
    labels: Labels
    respondents: int
    roles: list[tuple[str, int]]
    units: list[tuple[str, int]]
    overall_score: str
    overall_pct: str
    overall_level: int | None
    overall_level_name: str
    level_scale: str
    headline: str
    messages: list[str]
    position: str
    position_text: str
    target_position: str
    route: str
    matrix: str
    frameworks: list[FrameworkView]
    strengths: list[GapView]
    top_gaps: list[GapView]
    gap_chart: str
    phases: list[PhaseView]
    backlog: list[InitiativeView]
    gantt: str
    kpis: list[KpiView]
    heatmap: str
    disagreements: list[str]
    leadership_note: str
    capabilities: list[tuple[str, list[tuple[str, str, str]]]]
    method: list[str]
    questions: list[QuestionView] = field(default_factory=list)


def _generated_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def _date(d: dt.date, lang: str) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if lang == "vi" else d.strftime("%-d %B %Y")


def _dim_name(result: AssessmentResult, path: str, lang: str) -> tuple[str, str]:
    fw_id, _, dim_id = path.partition("/")
    fw = result.library.framework(fw_id)
    return fw.label(lang), fw.dimension(dim_id).name[lang]


def _next_text(fw: Framework, dim_id: str, score: float | None, lang: str) -> str:
    level = min(4, int(score or 1) + 1)
    return fw.dimension(dim_id).levels[level][lang]


def _gap_view(result: AssessmentResult, g: Gap, lang: str) -> GapView:
    fw = result.library.framework(g.framework)
    return GapView(
        fw.label(lang), fw.dimension(g.dimension).name[lang], fmt_num(g.current, lang), fmt_num(g.target, lang),
        fmt_num(g.gap, lang), fmt_num(g.priority, lang, 2), _next_text(fw, g.dimension, g.current, lang),
    )  # fmt: skip


def _frameworks(
    result: AssessmentResult, lang: str, labels: Labels, accent: str
) -> list[FrameworkView]:
    gaps = {g.path: g for g in result.gaps}
    views = []
    for fs in result.scores.frameworks:
        fw = result.library.framework(fs.id)
        dims = []
        for d in fs.dimensions:
            g = gaps.get(d.path)
            spread = (
                "–"
                if d.low is None or d.high is None
                else f"{fmt_num(d.low, lang)}–{fmt_num(d.high, lang)}"
            )
            now = fw.dimension(d.id).levels[d.level or 1][lang]
            dims.append(DimensionView(
                fw.dimension(d.id).name[lang], fmt_num(d.score, lang), fmt_num(d.pct, lang, 0), d.level,
                fmt_num(g.target if g else None, lang), fmt_num(g.gap if g else None, lang), bool(g and g.gap > 0),
                d.disagreement, spread, d.answered, d.excluded, now, _next_text(fw, d.id, d.score, lang),
            ))  # fmt: skip
        series = [
            charts.Series(labels["current"], [d.score for d in fs.dimensions], accent),
            charts.Series(labels["target"], [gaps[d.path].target if d.path in gaps else None for d in fs.dimensions], GREY, dashed=True),
        ]  # fmt: skip
        radar = charts.radar(
            f"radar-{fw.id}",
            [fw.dimension(d.id).label(lang) for d in fs.dimensions],
            series,
            fw.name[lang],
        )
        weakest = fw.dimension(fs.weakest).name[lang] if fs.weakest else "–"
        views.append(FrameworkView(
            fw.id, fw.name[lang], fw.description[lang], fmt_num(fs.score, lang), fmt_num(fs.pct, lang, 0), fs.level,
            weakest, radar, dims, [s.citation for s in fw.sources],
        ))  # fmt: skip
    return views


def _initiative(result: AssessmentResult, p, lang: str, labels: Labels) -> InitiativeView:  # type: ignore[no-untyped-def]
    i = p.initiative
    start = PHASES[p.phase][0] if p.phase < BACKLOG else 24
    titles = result.library.initiatives
    closes = sorted({" – ".join(_dim_name(result, path, lang)) for path, _ in p.covers})
    return InitiativeView(
        i.id, i.title[lang], i.summary[lang], labels[f"role_{i.owner}"], labels[f"effort_{i.effort}"], i.months, start,
        p.phase, [titles[a].title[lang] for a in p.after if a in titles], [labels[f"kpi_{k}"] for k in i.kpis], closes,
    )  # fmt: skip


def _strategy(
    result: AssessmentResult, lang: str, labels: Labels, accent: str
) -> tuple[str, str, str, str, str]:
    fw = result.library.frameworks.get("crm-strategy-levels")
    st, rm = result.strategy, result.roadmap
    if fw is None or fw.matrix is None:
        return "–", "", "–", "–", ""
    v, h = fw.matrix.axis("vertical"), fw.matrix.axis("horizontal")
    v_id, h_id = v.id, h.id
    sides: dict[str, tuple[str, str]] = {
        p.dimension: (str((p.model_extra or {}).get(v_id)), str((p.model_extra or {}).get(h_id)))
        for p in fw.matrix.positions
    }
    quadrants = {sides[d.id]: d.name[lang] for d in fw.dimensions}
    today = None
    if st.axes.get(h.id) is not None and st.axes.get(v.id) is not None:
        today = (st.axes[h.id] or 1.0, st.axes[v.id] or 1.0)
    svg = charts.strategy_matrix(
        "matrix", axis_names=(h.name[lang], v.name[lang]), axis_ends=((h.low[lang], h.high[lang]), (v.low[lang], v.high[lang])),
        quadrants=quadrants, today=today, route=[sides[p] for p in rm.route if p in sides],
        target=sides.get(rm.target_position or ""), accent=accent,
        legend=(labels["today"], labels["target"], labels["route"]), title=labels["strategy_position"],
    )  # fmt: skip
    name = fw.dimension(st.position).name[lang] if st.position else "–"
    text = fw.dimension(st.position).description[lang] if st.position else ""
    target = fw.dimension(rm.target_position).name[lang] if rm.target_position else "–"
    route = " → ".join(fw.dimension(p).name[lang] for p in rm.route) if rm.route else "–"
    return name, text, target, route, svg


def _kpis(result: AssessmentResult, lang: str, labels: Labels) -> list[KpiView]:
    targets = {t.id: t for t in result.roadmap.kpi_targets}
    views = []
    for k in result.kpis:
        unit = "%" if k.unit == "%" else ""
        t = targets.get(k.id)
        digits = 0 if k.unit == "per customer" else 1
        views.append(KpiView(
            labels[f"kpi_{k.id}"], fmt_num(k.value, lang, digits) + (unit if k.value is not None else ""), k.formula,
            fmt_num(t.in_12_months, lang, digits) + unit if t else "–", fmt_num(t.in_24_months, lang, digits) + unit if t else "–",
            "" if k.value is not None else f"{labels['needs_inputs']}: {', '.join(k.missing)}",
        ))  # fmt: skip
    return views


def _agreement(result: AssessmentResult, lang: str, labels: Labels) -> tuple[str, list[str], str]:
    s = result.scores
    fw = next(
        (f for f in s.frameworks if f.id == "gartner-8bb"),
        s.frameworks[0] if s.frameworks else None,
    )
    if fw is None:
        return "", [], ""
    framework = result.library.framework(fw.id)
    roles = list(s.by_role)
    cols = [framework.dimension(d.id).label(lang) for d in fw.dimensions]
    values = [[s.by_role[r].get(d.path) for d in fw.dimensions] for r in roles]
    svg = charts.heatmap(
        "heat", [labels[f"role_{r}"] for r in roles], cols, values, labels["agreement"]
    )
    flagged = [
        " – ".join(_dim_name(result, d.path, lang)) for d in s.all_dimensions() if d.disagreement
    ]
    note = ""
    if "executive" in s.by_role and len(roles) > 1:
        execs = list(s.by_role["executive"].values())
        others = [v for r in roles if r != "executive" for v in s.by_role[r].values()]
        if execs and others:
            diff = statistics.fmean(execs) - statistics.fmean(others)
            if diff >= 0.3:
                note = labels.fill("leadership_vs_front_line", diff=fmt_num(diff, lang))
    return svg, flagged, note


def build_context(
    result: AssessmentResult, *, lang: str, kind: str, report_dirs: tuple[Path, ...] = ()
) -> ReportContext:
    """Assemble the context of an `executive` or `full` report in `lang`."""
    from .context_summary import summary_parts

    labels = load_labels(lang, report_dirs)
    a = result.workspace.assessment
    accent = a.branding.accent
    s = result.scores
    level_names = [labels[f"level_{i}"] for i in (1, 2, 3, 4)]
    position, position_text, target, route, matrix = _strategy(result, lang, labels, accent)
    top = [g for g in result.gaps if g.gap > 0][:6]
    strengths = sorted((g for g in result.gaps if g.strength), key=lambda g: (-g.current, g.path))[
        :6
    ]
    gap_rows = [
        (" – ".join(_dim_name(result, g.path, lang))[:40], g.current, g.target)
        for g in result.gaps[:12]
    ]
    items = [_initiative(result, p, lang, labels) for p in result.roadmap.items]
    phase_titles = [labels[f"phase_{i}"] for i in (1, 2, 3, 4)]
    heat, flagged, note = _agreement(result, lang, labels)
    headline, messages, method = summary_parts(result, lang, labels, route)
    return ReportContext(
        lang=lang, kind=kind, title=a.title or labels["report_title"],
        subtitle=labels["executive_report" if kind == "executive" else "full_report"],
        client=a.client.name, industry=a.client.industry or "", date=_date(a.date, lang),
        generated=_date(_generated_date(), lang), consultancy=a.branding.consultancy or "", accent=accent,
        logo=a.branding.logo, labels=labels, respondents=s.respondents,
        roles=[(labels[f"role_{r}"], n) for r, n in s.role_counts.items()],
        units=[(next((u.name for u in a.units if u.id == k), k), n) for k, n in s.unit_counts.items()],
        overall_score=fmt_num(s.score, lang, 2), overall_pct=fmt_num((s.score - 1) / 3 * 100 if s.score else None, lang, 0),
        overall_level=s.level, overall_level_name=level_names[(s.level or 1) - 1],
        level_scale=charts.level_scale("scale", s.score or 1.0, level_names, accent, labels["overall_score"]),
        headline=headline, messages=messages, position=position, position_text=position_text,
        target_position=target, route=route, matrix=matrix,
        frameworks=_frameworks(result, lang, labels, accent),
        strengths=[_gap_view(result, g, lang) for g in strengths], top_gaps=[_gap_view(result, g, lang) for g in top],
        gap_chart=charts.bars("gaps", gap_rows, labels["gap_chart"], accent, (labels["below_target"], labels["target_mark"])),
        phases=[PhaseView(t, [i for i in items if i.phase == n]) for n, t in enumerate(phase_titles)],
        backlog=[i for i in items if i.phase == BACKLOG],
        gantt=charts.gantt("gantt", [(i.title, i.start, i.months, i.phase) for i in items if i.phase < BACKLOG],
                           phase_titles, accent, labels["timeline"]),
        kpis=_kpis(result, lang, labels), heatmap=heat, disagreements=flagged, leadership_note=note,
        capabilities=_capabilities(result, lang),
        method=method,
        questions=question_views(result, lang, labels) if kind == "full" else [],
    )  # fmt: skip


def _capabilities(
    result: AssessmentResult, lang: str
) -> list[tuple[str, list[tuple[str, str, str]]]]:
    if result.library.capabilities is None:
        return []
    names = {c.id: c.name[lang] for c in result.library.capabilities.capabilities}
    rows = []
    for row in result.capabilities:
        entries = [
            (*_dim_name(result, g.path, lang), fmt_num(g.current, lang)) for g in row.entries
        ]
        if entries:
            rows.append((names[row.capability], entries))
    return rows
