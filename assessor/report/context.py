"""The report context: plain, typed data with every text already in the report's language.

Templates only lay this out; nothing here knows about Jinja2 or WeasyPrint, so the context is
tested on its own. Respondents' comments stay raw text here and are escaped by the templates.
The report date is the assessment's; the generation date honours SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..confidential import OTHERS
from ..gaps import Gap
from ..leadership import leadership_gap
from ..models.assessment import text_in
from ..pipeline import AssessmentResult
from ..results import closing_note
from ..roadmap import (
    BACKLOG,
    CONTINUED,
    EFFORT_POINTS,
    HORIZON,
    HORIZON_REASON,
    LIMIT,
    NEW,
    PHASES,
    Planned,
)
from ..roadmap_choice import level_at
from ..textformat import local_date
from . import charts_story, context_charts
from .charts_grid import TimelineItem
from .context_charts import AgreementView, StrategyView
from .context_checks import CheckView, checks, framework_working, level_note
from .context_decisions import decision_views
from .context_exec import ExecutiveView, executive_view, money_range
from .context_kpis import KpiView, kpi_provenance, kpi_rules_text, kpi_views, payback_note
from .context_marks import dimension_mark, framework_mark, indicative_note, initiative_marks
from .context_review import Marks, ReviewView, marks, review_method, review_view
from .context_types import CrmTypeView, crm_type_views, size_guidance
from .labels import Labels, fmt_num, load_labels, local_style
from .questions import SectionView, question_views

__all__ = [
    "AgreementView",
    "CapabilityView",
    "CheckView",
    "DimensionView",
    "ExecutiveView",
    "FrameworkView",
    "GapView",
    "InitiativeView",
    "KpiView",
    "PhaseView",
    "ReportContext",
    "StrategyView",
    "build_context",
]

TOP_GAPS = 5
GAP_CHART_ROWS = 8


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
    now_level: int | None  # the level its score stands at (page 1's rule); None: nothing scored
    now_text: str
    next_level: int | None
    next_text: str
    indicative: str = ""  # "indicative: rests on 2 questions" (fewer than three), else ""


@dataclass(frozen=True)
class FrameworkView:
    id: str
    name: str
    short: str
    description: str
    score: str
    pct: str
    level: int | None
    weakest: str
    radar: str
    radar_large: str
    working: str
    dimensions: list[DimensionView]
    sources: list[str]
    position: bool  # the strategy matrix: a position, not a maturity, so no part of any "overall"
    partial: str = ""  # "partial: 5 of 9 dimensions assessed; …" when only some are scored


@dataclass(frozen=True)
class GapView:
    framework: str
    dimension: str
    current: str
    target: str
    gap: str
    priority: str
    next_level: int | None
    next_text: str
    met: bool
    indicative: str = ""  # the dimension rests on fewer than three questions: it says so


@dataclass(frozen=True)
class BacklogGroup:
    """Initiatives left for the next review for one reason, and that reason in a few words."""

    why: str
    items: list[InitiativeView]


@dataclass(frozen=True)
class InitiativeView:
    id: str
    title: str
    summary: str
    owner: str
    effort: str
    effort_phrase: str
    months: int  # in this roadmap: the months left of work continued from the previous one
    duration: str
    start: int
    phase: int
    after: list[str]
    kpis: list[str]
    closes: list[str]
    enables: list[str]
    end: int | None = None  # month it ends; None in the backlog
    months_span: str = ""  # "months 3–6"
    cost: str = ""  # indicative outside spend for the company's size
    effect: str = ""
    basis: str = ""
    quick_win: bool = False
    prerequisite_only: bool = False  # closes no gap itself: it is needed before `enables`
    along: list[str] = field(default_factory=list)  # starts together with these (`with:`)
    serves_route: bool = False  # builds a position the recommended route leads to
    note: str = ""  # continued from the previous roadmap, or not measured by the questionnaire
    indicative: str = ""  # every gap it closes is on an indicative dimension: it says so
    legal: str = ""  # a legal duty on indicative dimensions: the duty applies regardless
    room_wait: str = ""  # it could start sooner but waits for room: from which month, and why


@dataclass(frozen=True)
class PhaseView:
    title: str
    initiatives: list[InitiativeView]
    points: int
    capacity: int | None
    outcome: str
    load: str = ""  # "Peak: 5 effort points at once (limit 8)", with why a phase holds more
    idle: bool = False  # nothing runs in it: the load says so, and no second "nothing starts"


@dataclass(frozen=True)
class CapabilityView:
    name: str
    mean: str
    range: str
    entries: list[tuple[str, str, str]]  # framework, dimension, score: those it is counted from
    # the dimensions touching it as a secondary capability: shown, not counted
    also: list[tuple[str, str, str]]
    fallback: bool = False  # no dimension makes it its main capability: every one naming it counts


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
    overall_level: int | None
    overall_level_name: str
    level_bands: str
    level_note: str
    headline: str
    messages: list[str]
    strategy: StrategyView
    frameworks: list[FrameworkView]
    strengths: list[GapView]
    top_gaps: list[GapView]
    gap_chart: str
    phases: list[PhaseView]
    backlog: list[BacklogGroup]  # by reason: beyond the plan's limit, beyond the 24 months
    gantt: str
    kpis: list[KpiView]
    kpi_provenance: str
    kpi_payback: str  # a new customer brings back less than the usual multiple of their cost
    agreement: AgreementView | None  # the full report's only
    disagreements: list[str]
    leadership_note: str
    capabilities: list[CapabilityView]
    method: list[str]
    checks: list[CheckView]
    executive: ExecutiveView | None  # pages 1–2 of the executive report
    decisions: list[CheckView]  # the business context and what it chose, each with its reason
    questions: list[SectionView] = field(default_factory=list)
    crm_types: list[CrmTypeView] = field(default_factory=list)  # the full report's only
    size_guidance: str = ""  # the strategy matrix for a company of the client's size
    # the roadmap's first three initiatives: owner, start month, effort, cost and effect
    first_moves: list[InitiativeView] = field(default_factory=list)
    marks: Marks | None = None  # confidentiality line, unit marks, notes on merged groups
    review: ReviewView | None = None  # the consultant's review, when there is one
    done: list[str] = field(default_factory=list)  # done since the previous roadmap (`progress:`)
    indicative_note: str = ""  # how many dimensions are indicative, under the headline
    indicative_legend: str = ""  # what the roadmap's "indicative" beside an initiative means
    disagreement: str = "1.5"  # levels apart that flag disagreement (`scoring.disagreement`)
    roadmap_closes: str = ""  # when the plan ends early, and the dimensions it leaves unmet


def _generated_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def _date(d: dt.date, lang: str) -> str:
    return local_date(d, lang)


def _dim_name(result: AssessmentResult, path: str, lang: str) -> tuple[str, str]:
    fw_id, _, dim_id = path.partition("/")
    fw = result.library.framework(fw_id)
    return fw.label(lang), fw.dimension(dim_id).name[lang]


def _described(score: float | None) -> tuple[int | None, int | None]:
    """The level whose words describe a dimension today (the one its score stands at, as on
    page 1 and in the roadmap: `level_at`) and the level above it (None at level 4 or with no
    score)."""
    if score is None:
        return None, None
    now = level_at(score)
    return now, now + 1 if now < 4 else None


def _gap_view(result: AssessmentResult, g: Gap, lang: str, labels: Labels) -> GapView:
    fw = result.library.framework(g.framework)
    score = result.scores.dimension(g.path)
    nxt = _described(g.current)[1]
    return GapView(
        fw.label(lang), fw.dimension(g.dimension).name[lang], fmt_num(g.current, lang), fmt_num(g.target, lang),
        fmt_num(g.gap, lang), fmt_num(g.priority, lang, 2), nxt, fw.dimension(g.dimension).levels[nxt][lang] if nxt else "",
        g.strength, dimension_mark(score, labels),
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
            dim = fw.dimension(d.id)
            now, nxt = _described(d.score)  # nothing scored: no level to describe
            dims.append(DimensionView(
                dim.name[lang], fmt_num(d.score, lang), fmt_num(d.pct, lang, 0), d.level,
                fmt_num(g.target if g else None, lang), fmt_num(g.gap if g else None, lang), bool(g and g.gap > 0),
                d.disagreement, spread, d.answered, d.excluded, now, dim.levels[now][lang] if now else "",
                nxt, dim.levels[nxt][lang] if nxt else "", indicative=dimension_mark(d, labels),
            ))  # fmt: skip
        weakest = fw.dimension(fs.weakest).name[lang] if fs.weakest else "–"
        views.append(FrameworkView(
            fw.id, fw.name[lang], fw.label(lang), fw.description[lang], fmt_num(fs.score, lang), fmt_num(fs.pct, lang, 0),
            fs.level, weakest, context_charts.radar(result, fs, lang, labels, accent, legend=False),
            context_charts.radar(result, fs, lang, labels, accent, width=290),
            framework_working(result, fs, lang, labels), dims, [s.citation for s in fw.sources], fw.matrix is not None,
            framework_mark(fs, labels),
        ))  # fmt: skip
    return views


def _duration(months: int, labels: Labels) -> str:
    return labels["one_month"] if months == 1 else labels.fill("n_months", n=months)


def _initiative(result: AssessmentResult, p: Planned, lang: str, labels: Labels) -> InitiativeView:
    i = p.initiative
    start = p.start_month if p.start_month is not None else PHASES[-1][1]
    titles = result.library.initiatives
    grouped: dict[str, list[str]] = {}
    for path in dict.fromkeys(path for path, _ in p.covers):
        fw, dim = _dim_name(result, path, lang)
        grouped.setdefault(fw, []).append(dim)
    closes = [f"{fw}: {', '.join(sorted(dims))}" for fw, dims in sorted(grouped.items())]
    enables = [titles[u].title[lang] for u in p.unblocks if u in titles]
    effort = labels[f"effort_{i.effort}"]
    cost = i.cost.get(result.roadmap.size)  # type: ignore[call-overload]
    span = month_span(p, labels)
    return InitiativeView(
        i.id, i.title[lang], i.summary[lang], labels[f"role_{i.owner}"], effort, labels.fill("effort_phrase", effort=effort),
        p.months, _duration(p.months, labels), start, p.phase, [titles[a].title[lang] for a in p.after if a in titles],
        [labels[f"kpi_{k}"] for k in i.kpis], closes, enables, p.end_month, span,
        money_range(cost.low, cost.high, lang, labels) if cost else "",
        i.effect[lang], i.basis[lang], p.quick_win, p.prerequisite_only, [titles[w].title[lang] for w in p.with_ if w in titles],
        p.serves_route, initiative_note(p, labels), *initiative_marks(result.scores, p, labels),
        _room_wait(result, p, lang, labels),
    )  # fmt: skip


def _room_wait(result: AssessmentResult, p: Planned, lang: str, labels: Labels) -> str:
    """From which month it could have started, when it waits for room; for a lead placed with
    the work that starts with it, that work by name and the points they take together
    (docs/roadmap.md §5)."""
    if not p.waited_for_room or p.earliest is None:
        return ""
    block = [
        o for o in result.roadmap.items
        if o is p or (p.initiative.id in o.with_ and o.start_month == p.start_month)
    ]  # fmt: skip
    if len(block) == 1:
        return labels.fill("room_wait", month=p.earliest + 1)
    points = sum(EFFORT_POINTS[o.initiative.effort] for o in block)
    others = labels.listed([f"“{o.initiative.title[lang]}”" for o in block if o is not p])
    return labels.fill("room_wait_block", month=p.earliest + 1, list=others, points=points)


def month_span(p: Planned, labels: Labels) -> str:
    """The months it runs, month 1 being the roadmap's first: 'Months 1–2' for offsets 0–2,
    'Month 1' for 0–1; "" in the backlog."""
    if p.start_month is None or p.end_month is None:
        return ""
    if p.end_month == p.start_month + 1:
        return labels.fill("month_span_one", month=p.end_month)
    return labels.fill("months_span", start=p.start_month + 1, end=p.end_month)


def initiative_note(p: Planned, labels: Labels) -> str:
    """What the reader should know about how an initiative came into the plan: continued from
    the previous roadmap (for the months left of it), or a legal duty the questionnaire does not
    measure (check it)."""
    assumed = "_assumed" if p.left_assumed else ""
    notes = [labels.count(f"roadmap_continued{assumed}", p.months)] if p.status == CONTINUED else []
    return "; ".join([*notes, *([] if p.measured else [labels["roadmap_not_measured"]])])


def _outcome(result: AssessmentResult, planned: list[Planned], labels: Labels, lang: str) -> str:
    """The dimensions a phase's initiatives close gaps in, highest priority first (four named)."""
    rank = {g.path: n for n, g in enumerate(result.gaps)}
    paths = sorted(
        {path for p in planned for path, _ in p.covers}, key=lambda path: rank.get(path, len(rank))
    )
    names = list(dict.fromkeys(_dim_name(result, path, lang)[1] for path in paths))
    if not names:
        return ""
    shown = ", ".join(names[:4])
    if len(names) > 4:
        shown = labels.fill("phase_outcome_more", dimensions=shown, more=len(names) - 4)
    return labels.fill("phase_outcome", dimensions=shown)


def _phases(
    result: AssessmentResult, items: list[InitiativeView], labels: Labels, lang: str
) -> list[PhaseView]:
    capacity = result.decisions.capacity.value
    phases = []
    for n in range(len(PHASES)):
        planned = result.roadmap.phase(n)
        mine = [i for i in items if i.phase == n]
        points, _ = result.roadmap.peak(n)
        room = capacity[n] if n < len(capacity) else None
        phases.append(
            PhaseView(
                labels[f"phase_{n + 1}"],
                mine,
                points,
                room,
                _outcome(result, planned, labels, lang),
                _load(result, n, room, labels),
                idle=bool(room) and not points,
            )
        )
    return phases  # fmt: skip


def _backlog(
    result: AssessmentResult, items: list[InitiativeView], labels: Labels
) -> list[BacklogGroup]:
    """The backlog by reason, each with its reason: first what cannot start and end within the
    24 months, then what the plan's limit on new initiatives leaves for the next review; when the
    plan's work ends before month 24, the limit's reason says when, so that a review then can
    choose the next work among them."""
    views = dict(zip(map(id, result.roadmap.items), items, strict=True))
    ends = [p.end_month for p in result.roadmap.items if p.end_month is not None]
    groups = []
    for reason, key in ((HORIZON_REASON, "backlog_horizon"), (LIMIT, "backlog_limit")):
        mine = [views[id(p)] for p in result.roadmap.items if p.backlog_reason == reason]
        if not mine:
            continue
        why = labels.fill(key, most=result.decisions.limit.value)
        if reason == LIMIT and ends and max(ends) < HORIZON:
            why = labels.fill("backlog_limit_ends", limit=why, end=max(ends))
        groups.append(BacklogGroup(why, mine))
    return groups


def _peak_running(result: AssessmentResult, index: int) -> list[Planned]:
    """The work running in the first month of phase `index` that holds its most effort points."""
    begin, end = PHASES[index]
    month = max(range(begin, end), key=lambda m: (result.roadmap.load(m)[0], -m))
    return [p for p in result.roadmap.items if p.runs_in(month)]


def _load(result: AssessmentResult, index: int, room: int | None, labels: Labels) -> str:
    """The most effort points running at once in a phase against its limit; beyond it, why,
    naming only the reasons present at the peak: work under way since the previous roadmap, a
    legal duty (docs/roadmap.md §5)."""
    if not room:
        return ""
    points, continued = result.roadmap.peak(index)
    if not points:
        return labels.fill("phase_load_idle", capacity=room)
    if points <= room:
        if continued:
            return labels.fill(
                "phase_load_continued", points=points, capacity=room, continued=continued
            )
        return labels.fill("phase_load", points=points, capacity=room)
    reasons = []
    if continued:
        key = "load_reason_continued_all" if continued == points else "load_reason_continued"
        reasons.append(labels.fill(key, points=points, continued=continued))
    # beyond the limit only where work under way or a legal duty runs (docs/roadmap.md §5)
    running = [p for p in _peak_running(result, index) if p.status == NEW]
    if any(p.initiative.urgent for p in running):
        reasons.append(labels.fill("load_reason_pinned", which=labels["load_pinned_legal"]))
    return labels.fill("phase_load_over", points=points, capacity=room, reasons="; ".join(reasons))


def _capabilities(result: AssessmentResult, lang: str) -> list[CapabilityView]:
    """Each capability's mean and range over the dimensions it is counted from, and the
    dimensions that touch it on the side (the capability view's one rule, `CapabilityRow`)."""
    if result.library.capabilities is None:
        return []
    names = {c.id: c.name[lang] for c in result.library.capabilities.capabilities}
    rows = []
    for row in result.capabilities:
        if not row.counted:
            continue
        scores = [g.current for g in row.counted]
        entries, also = (
            [(*_dim_name(result, g.path, lang), fmt_num(g.current, lang)) for g in part]
            for part in (row.counted, row.also)
        )
        spread = f"{fmt_num(min(scores), lang)}–{fmt_num(max(scores), lang)}"
        rows.append(CapabilityView(
            names[row.capability], fmt_num(row.mean, lang), spread, entries, also, row.fallback
        ))  # fmt: skip
    return rows


def _leadership_note(result: AssessmentResult, lang: str, labels: Labels) -> str:
    """Executives against the other roles, over the questions both answered."""
    gap = leadership_gap(result.workspace)
    if gap is None or gap.diff < 0.3:
        return ""
    return labels.fill(
        "leadership_vs_front_line", diff=fmt_num(gap.diff, lang), questions=len(gap.questions)
    )


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
    strategy = context_charts.strategy(result, lang, labels, accent)
    behind = [g for g in result.gaps if g.gap > 0]
    # the strongest dimensions by score, the same ones the key messages name
    strengths = sorted(result.gaps, key=lambda g: (-g.current, g.path))[:TOP_GAPS]
    items = [_initiative(result, p, lang, labels) for p in result.roadmap.items]
    headline, messages, method = summary_parts(result, lang, labels, strategy.route)
    mark, review = marks(result, lang, labels), review_view(result, lang, labels)
    if mark.unit_name:
        headline = labels.fill("unit_headline", unit=mark.unit_name, headline=headline)
    if (r := result.workspace.review) is not None and r.key_messages:
        messages = [m[lang] for m in r.key_messages]
    method.append(review_method(result, lang, labels, _date(r.date, lang) if r and r.date else ""))
    full = kind == "full"
    step = s.next_level
    # the gauge shows how far the next level is; the headline above it says what it needs, once
    bands = charts_story.level_bands(
        "bands", s.level, step.reached / step.needed if step and step.needed else 0.0, level_names, accent,
        labels["overall_level"], labels.fill("bands_today", level=s.level or 1),
    )  # fmt: skip
    return ReportContext(
        lang=lang, kind=kind, title=a.title_in(lang) or labels["report_title"],
        subtitle=labels["executive_report" if kind == "executive" else "full_report"],
        client=a.client.name, industry=text_in(a.client.industry, lang) or "", date=_date(a.date, lang),
        generated=_date(_generated_date(), lang), consultancy=text_in(a.branding.consultancy, lang) or "", accent=accent,
        logo=a.branding.logo, labels=labels, respondents=s.respondents,
        roles=[(labels[f"role_{r}"], n) for r, n in s.role_counts.items()],
        units=[(labels["role_others"] if k == OTHERS else a.unit_name(k, lang), n) for k, n in s.unit_counts.items()],
        overall_score=fmt_num(s.score, lang, 2),
        overall_level=s.level, overall_level_name=level_names[s.level - 1] if s.level else "–",
        level_bands=bands,
        level_note=level_note(result, lang, labels), headline=headline, messages=messages, strategy=strategy,
        frameworks=_frameworks(result, lang, labels, accent),
        strengths=[_gap_view(result, g, lang, labels) for g in strengths],
        top_gaps=[_gap_view(result, g, lang, labels) for g in behind[:TOP_GAPS]],
        gap_chart=context_charts.gap_chart(result, behind[:GAP_CHART_ROWS], lang, labels, accent),
        phases=_phases(result, items, labels, lang), backlog=_backlog(result, items, labels),
        gantt=context_charts.timeline([TimelineItem(i.title, i.start, i.end - i.start, i.phase)
                                       for i in items if i.phase < BACKLOG and i.end is not None],
                                      labels, accent),
        kpis=kpi_views(result, lang, labels), kpi_provenance=kpi_provenance(result, labels),
        kpi_payback=payback_note(result, lang, labels),
        agreement=context_charts.agreement(result, lang, labels) if full else None,
        disagreements=[" – ".join(_dim_name(result, d.path, lang)) for d in s.all_dimensions() if d.disagreement],
        leadership_note=_leadership_note(result, lang, labels),
        disagreement=local_style(lang).figure(a.scoring.disagreement, 2),
        capabilities=_capabilities(result, lang) if full else [],
        crm_types=crm_type_views(result, lang, labels) if full else [],
        size_guidance=size_guidance(result, lang),
        method=[*method, *filter(None, [kpi_rules_text(result, lang, labels)])], checks=checks(result, lang, labels),
        executive=None if full else executive_view(result, lang, labels, accent),
        decisions=decision_views(result, lang, labels),
        questions=question_views(result, lang, labels) if full else [],
        first_moves=[i for i in items if i.phase < BACKLOG][:3], marks=mark, review=review,
        done=[i.title[lang] for i in result.roadmap.done],
        indicative_note=indicative_note(s, labels),
        indicative_legend=labels["indicative_legend"] if any(i.indicative for i in items) else "",
        roadmap_closes=closing_note(result, lang, labels),
    )  # fmt: skip
