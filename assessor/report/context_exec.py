"""The executive story, pages 1–2 of the executive report: where the company stands, what
matters most, what to do first and what it costs, and the most telling insight.

Capabilities are the lens: the capability catalogue lines up the dimensions that several
frameworks name differently (Gartner's metrics, QCi's measurement, Payne & Frow's performance
assessment), so a weakness is one finding, not three. The strategy matrix is a position, not a
maturity, and takes no part here. A workspace whose frameworks map to no capability falls back
to dimensions.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from ..gaps import Gap
from ..kpis import acquisition_payback
from ..pipeline import AssessmentResult
from ..roadmap import BACKLOG, CONTINUED, PHASES, Planned
from ..roadmap_choice import level_at
from . import charts, charts_story
from .context_kpis import payback_note
from .context_marks import group_mark, initiative_marks
from .labels import Labels, fmt_num, local_style, significant

__all__ = [
    "CapabilityScore",
    "ExecutiveView",
    "FindingView",
    "MoveView",
    "capability_scores",
    "executive_view",
    "leadership_themes",
]

FINDINGS = 3
MOVES = 3
BILLION = 1000  # million đồng: from here on an amount is said in billions (tỷ)
INSIGHT_FROM = 0.3  # leadership vs the rest: a difference worth a headline, in score points
DISAGREE_NAMED = 3  # the dimensions managers disagree on most, named in the insight
WIDE_SHARE = 0.25  # views "differ widely across the company" from this share of dimensions on


@dataclass(frozen=True)
class CapabilityScore:
    """One capability (or, without a capability catalogue, one dimension) as the executive sees
    it: its figures from the dimensions it is counted from (`entries`), beside the dimensions
    that touch it as a secondary capability (`also`, not counted)."""

    id: str
    name: str
    current: float
    target: float
    priority: float
    entries: list[Gap]
    also: list[Gap] = field(default_factory=list)
    fallback: bool = False  # no dimension makes it its main capability: every one naming it counts

    @property
    def gap(self) -> float:
        return self.target - self.current


@dataclass(frozen=True)
class FindingView:
    name: str
    figures: str  # "1.9 of 4 · target 3.2"
    today: str  # what practice looks like today, in the weakest dimension's own words
    evidence: str  # the dimensions behind it, with their scores
    indicative: str = ""  # every dimension behind it rests on fewer than three questions
    today_label: str = ""  # "Today (level 2 practice)": the level whose words `today` are


@dataclass(frozen=True)
class MoveView:
    title: str
    owner: str
    start: str
    effort: str
    cost: str
    effect: str
    basis: str
    indicative: str = ""  # every gap it closes is on an indicative dimension
    legal: str = ""  # a legal duty on indicative dimensions: the duty applies regardless


@dataclass(frozen=True)
class ExecutiveView:
    action_title: str
    action_plan: str  # where the plan starts: the first moves by name, and their months
    target_note: str  # what the findings' target is: whose, and that it is not the 24-month result
    findings: list[FindingView]
    unplanned: str  # the themes more pressing than a finding shown that no initiative suits
    moves: list[MoveView]  # new work; what continues from the previous roadmap is `continued`
    first_cost: str  # the first moves together; "" when the catalogue gives no costs
    total_cost: str  # every initiative planned in the 24 months
    costs: str  # the sentence giving both, naming the plan's real length
    costs_note: str  # what the costs cover, for which company size
    insight_title: str
    insight: str
    insight_chart: str
    capability_chart: str
    capability_radar: str
    key_messages: list[str]  # the consultant's, from review.yaml: they replace the findings
    continued: str = ""  # the work under way since the previous roadmap, continued first


def _is_position(result: AssessmentResult, fw_id: str) -> bool:
    return result.library.framework(fw_id).matrix is not None


def capability_scores(result: AssessmentResult, lang: str) -> list[CapabilityScore]:
    """Each capability's current score, target and priority (the capability view's, `CapabilityRow`:
    the means over the dimensions whose main capability it is), highest priority first."""
    names = {c.id: c.name[lang] for c in (result.library.capabilities.capabilities if result.library.capabilities else [])}  # fmt: skip
    rows = []
    for row in result.capabilities:
        mean, target, priority = row.mean, row.target, row.priority
        if mean is not None and target is not None and priority is not None:  # a dimension counts
            rows.append(CapabilityScore(
                row.capability, names.get(row.capability, row.capability), mean, target, priority,
                row.counted, row.also, row.fallback,
            ))  # fmt: skip
    if not rows:  # no capability catalogue reaches these frameworks: dimensions instead
        for g in result.gaps:
            if not _is_position(result, g.framework):
                fw = result.library.framework(g.framework)
                name = f"{fw.dimension(g.dimension).name[lang]} ({fw.label(lang)})"
                rows.append(CapabilityScore(g.path, name, g.current, g.target, g.priority, [g]))
    return sorted(rows, key=lambda c: (-c.priority, -c.gap, c.id))


def _dimension_label(result: AssessmentResult, g: Gap, lang: str) -> str:
    fw = result.library.framework(g.framework)
    return f"{fw.label(lang)}: {fw.dimension(g.dimension).name[lang]}"


def _finding(
    result: AssessmentResult, cap: CapabilityScore, lang: str, labels: Labels, used: set[str]
) -> FindingView:
    """A capability behind target; `today` describes the weakest of the dimensions it is counted
    from that no earlier finding described, so two findings never tell the same story, in the
    words of the level its score stands at (`level_at`, the planner's rule: the highest level
    it is less than MIN_GAP below), so they never describe practice the roadmap still builds. The evidence names those
    dimensions with their scores, then the ones that touch it on the side, without scores: they
    are not counted."""
    fresh = [g for g in cap.entries if g.path not in used] or cap.entries
    weakest = min(fresh, key=lambda g: (g.current, g.path))
    used.add(weakest.path)
    fw = result.library.framework(weakest.framework)
    score = result.scores.dimension(weakest.path).score
    level = level_at(score) if score is not None else None
    today = fw.dimension(weakest.dimension).levels[level][lang] if level else ""
    shown = sorted(cap.entries, key=lambda g: (g.current, g.path))[:3]
    evidence = " · ".join(
        f"{_dimension_label(result, g, lang)} {fmt_num(g.current, lang)}" for g in shown
    )
    if len(cap.entries) > len(shown):
        evidence = labels.fill("finding_more", shown=evidence, more=len(cap.entries) - len(shown))
    if cap.fallback:
        evidence = labels.fill("finding_fallback", evidence=evidence)
    elif cap.also:
        also = [_dimension_label(result, g, lang) for g in sorted(cap.also, key=lambda g: g.path)]
        names = (
            also[0]
            if len(also) == 1
            else labels.fill("finding_more", shown=also[0], more=len(also) - 1)
        )
        evidence = labels.fill("finding_also", evidence=evidence, also=names)
    figures = _figures(cap, lang, labels)
    return FindingView(
        cap.name,
        figures,
        today,
        evidence,
        group_mark(result.scores, (g.path for g in cap.entries), labels),
        labels.fill("finding_today", level=level) if level else "",
    )


def _acted_on(result: AssessmentResult, cap: CapabilityScore) -> bool:
    """An initiative planned within the 24 months closes a gap in a dimension the capability is
    counted from."""
    paths = {g.path for g in cap.entries}
    return any(path in paths for p in result.roadmap.items if p.phase < BACKLOG for path, _ in p.covers)  # fmt: skip


def _without_initiative(result: AssessmentResult, cap: CapabilityScore) -> bool:
    """Nothing planned within the 24 months acts on the capability, and one of the dimensions
    it is counted from has a need no initiative suited to this business meets (the roadmap's
    `unmet`): the gap stays open whatever the plan does."""
    unmet = {path for path, _ in result.roadmap.unmet}
    return not _acted_on(result, cap) and any(g.path in unmet for g in cap.entries)


def leadership_themes(
    result: AssessmentResult, caps: list[CapabilityScore]
) -> tuple[list[CapabilityScore], list[CapabilityScore]]:
    """(findings, unplanned): the themes shown to leadership (docs/scoring.md §7). Of the
    capabilities behind target, in priority order, those the plan acts on come first, then the
    others an initiative could serve; a capability no initiative suits (`_without_initiative`)
    is never a finding: it is named on its own line when it ranks above the last finding shown,
    so a reader is told why a more pressing theme is missing. A roadmap that plans nothing (a
    library whose initiatives suit none of the needs) ranks by priority alone."""
    behind = [c for c in caps if c.gap > 0]
    if not any(p.phase < BACKLOG for p in result.roadmap.items):
        return behind[:FINDINGS], []
    open_ = [c for c in behind if _without_initiative(result, c)]
    acted = [c for c in behind if _acted_on(result, c)]
    rest = [c for c in behind if c not in acted and c not in open_]
    findings = (acted + rest)[:FINDINGS]
    if not findings:
        return [], open_
    last = max(behind.index(c) for c in findings)
    return findings, [c for c in open_ if behind.index(c) < last]


def _start_month(p: Planned) -> int:
    """The month an initiative starts in (0 = now)."""
    return p.start_month if p.start_month is not None else PHASES[-1][1]


def _cost(p: Planned, size: str) -> tuple[int, int] | None:
    """The catalogue's indicative outside spend for this company size, million đồng."""
    cost = p.initiative.cost.get(size)  # type: ignore[call-overload]
    return (cost.low, cost.high) if cost is not None else None


def _billions(million: int, lang: str) -> str:
    """1280 → '1.3' (en) or '1,3' (vi): billions to three significant figures, at most one
    decimal, as every amount of money is shown (labels.fmt_amount)."""
    return local_style(lang).figure(significant(million / 1000), 1)


def money_range(low: int, high: int, lang: str, labels: Labels) -> str:
    """An amount in million đồng as managers in Vietnam say it, in the report's language: one
    figure when low = high; from 1,000 million up in billions (tỷ), to three significant figures
    and at most one decimal: '150–400 million đồng', '300 million – 1.2 billion đồng', '1.3–4.1
    billion đồng'."""
    if high < BILLION:
        if low == high:
            return labels.fill("money_million", amount=fmt_num(low, lang, 0))
        return labels.fill("cost_range", low=fmt_num(low, lang, 0), high=fmt_num(high, lang, 0))
    if low == high:
        return labels.fill("money_billion", amount=_billions(low, lang))
    if low < BILLION:
        return labels.fill(
            "cost_range_million_billion", low=fmt_num(low, lang, 0), high=_billions(high, lang)
        )
    return labels.fill("cost_range_billion", low=_billions(low, lang), high=_billions(high, lang))


def _sum_costs(items: list[Planned], size: str, lang: str, labels: Labels) -> str:
    costs = [c for c in (_cost(p, size) for p in items) if c is not None]
    if not costs:
        return ""
    return money_range(sum(c[0] for c in costs), sum(c[1] for c in costs), lang, labels)


def _move(result: AssessmentResult, p: Planned, lang: str, labels: Labels) -> MoveView:
    i = p.initiative
    cost = _cost(p, result.roadmap.size)
    duration = labels["one_month"] if p.duration == 1 else labels.fill("n_months", n=p.duration)
    return MoveView(
        i.title[lang], labels[f"role_{i.owner}"], labels.fill("month_n", n=_start_month(p) + 1),
        f"{labels[f'effort_{i.effort}']} · {duration}",
        money_range(*cost, lang, labels) if cost else labels["cost_not_given"],
        i.effect[lang], i.basis[lang], *initiative_marks(result.scores, p, labels),
    )  # fmt: skip


def first_moves(result: AssessmentResult) -> list[Planned]:
    """The new initiatives in the roadmap's own order (by start month, those starting together
    in the order the planner placed them: the legal duty first, then the route and the way to
    go-live, docs/roadmap.md §5); work continued from the previous roadmap is listed on its
    own."""
    return [p for p in result.roadmap.items if p.phase < BACKLOG and p.status != CONTINUED]


def _costs(result: AssessmentResult, first: str, total: str, labels: Labels) -> str:
    """The cost of the first moves and of the whole roadmap, named by its real length: the month
    its work closes every gap when it ends early, else 24 months (nothing ends after the 24th)."""
    roadmap = result.roadmap
    if roadmap.closes_all_gaps_by is not None:
        return labels.fill(
            "costs_first_early", first=first, total=total, months=roadmap.closes_all_gaps_by
        )
    return labels.fill("costs_first", first=first, total=total)


def _role_means(result: AssessmentResult, paths: set[str]) -> tuple[list[float], list[float]]:
    """The executive role's scores and every other role's, on the given dimensions."""
    execs: list[float] = []
    others: list[float] = []
    for role, row in result.scores.by_role.items():
        values = [v for path, v in row.items() if path in paths]
        (execs if role == "executive" else others).extend(values)
    return execs, others


def _insight(
    result: AssessmentResult, caps: list[CapabilityScore], lang: str, labels: Labels, accent: str
) -> tuple[str, str, str]:
    """(title, text, chart), the first that applies (docs/reports.md): leadership against the
    other managers; else where managers disagree most; else a new customer bringing back less
    than the usual multiple of what it costs to win (the KPIs' `payback_note`); else a CRM that
    most of its intended users do not use (`_adoption`); else that managers broadly agree."""
    paths = {g.path for c in caps for g in c.entries}
    execs, others = _role_means(result, paths)
    if execs and others:
        e, o = statistics.fmean(execs), statistics.fmean(others)
        if abs(e - o) >= INSIGHT_FROM:
            rows = []
            for c in caps:
                ce, co = _role_means(result, {g.path for g in c.entries})
                if ce and co:
                    rows.append((c.name, statistics.fmean(ce), statistics.fmean(co)))
            rows.sort(key=lambda r: (-abs(r[1] - r[2]), r[0]))
            key = "insight_leadership_higher" if e > o else "insight_leadership_lower"
            name, we, wo = rows[0]
            text = labels.fill(key, diff=fmt_num(abs(e - o), lang), execs=fmt_num(e, lang), others=fmt_num(o, lang),
                               widest=name, widest_execs=fmt_num(we, lang), widest_others=fmt_num(wo, lang))  # fmt: skip
            chart = charts_story.dumbbell(
                "insight",
                rows[:5],
                (labels["insight_leaders"], labels["insight_others"]),
                accent,
                labels["insight_title_leadership"],
                decimal=local_style(lang).decimal,
            )
            return labels["insight_title_leadership"], text, chart
    text = _disagreement(result, lang, labels)
    if text:
        return labels["insight_title_disagreement"], text, ""
    text = payback_note(result, lang, labels)
    if text:
        payback = acquisition_payback(result.kpis)
        loses = payback is not None and payback.loses
        return labels["insight_title_payback_loss" if loses else "insight_title_payback"], text, ""
    text = _adoption(result, lang, labels)
    if text:
        return labels["insight_title_adoption"], text, ""
    return labels["insight_title_agreement"], labels["insight_agreement"], ""


ADOPTION_LOW = 50.0  # below this share of its intended users actively on the CRM, adoption leads


def _adoption(result: AssessmentResult, lang: str, labels: Labels) -> str:
    """When fewer than ADOPTION_LOW % of the people who should use the CRM used it (the
    `crm-adoption` KPI), how many, and the roadmap's targets for it where planned work moves it;
    "" otherwise."""
    kpi = next((k for k in result.kpis if k.id == "crm-adoption"), None)
    if kpi is None or kpi.value is None or kpi.value >= ADOPTION_LOW:
        return ""
    text = labels.fill(
        "insight_adoption",
        active=fmt_num(kpi.inputs["crm-users-active"], lang, 0),
        users=fmt_num(kpi.inputs["crm-users-licensed"], lang, 0),
        pct=fmt_num(kpi.value, lang),
    )
    target = next((t for t in result.roadmap.kpi_targets if t.id == "crm-adoption"), None)
    if target is None:
        return text
    return (
        text
        + " "
        + labels.fill(
            "insight_adoption_target",
            in_12=fmt_num(target.in_12_months, lang),
            in_24=fmt_num(target.in_24_months, lang),
        )
    )


def _disagreement(result: AssessmentResult, lang: str, labels: Labels) -> str:
    """Where managers disagree (docs/scoring.md §2): at most the `DISAGREE_NAMED` dimensions
    they disagree on most (by standard deviation), each with its range; when more are flagged,
    how many of the maturity dimensions, and in words when it is a quarter of them or more."""
    scored = [
        d for d in result.scores.all_dimensions()
        if d.score is not None and not _is_position(result, d.framework)
    ]  # fmt: skip
    flagged = [d for d in scored if d.disagreement and d.low is not None and d.high is not None]
    if not flagged:
        return ""
    most = sorted(flagged, key=lambda d: (-(d.sd or 0.0), d.path))[:DISAGREE_NAMED]
    names = []
    for d in most:
        fw = result.library.framework(d.framework)
        names.append(labels.fill(
            "insight_disagreement_item", dimension=fw.dimension(d.id).name[lang],
            framework=fw.label(lang), low=fmt_num(d.low, lang), high=fmt_num(d.high, lang),
        ))  # fmt: skip
    n, of = len(flagged), len(scored)
    if n == 1:
        key = "insight_disagreement_one"
    elif n <= DISAGREE_NAMED:
        key = "insight_disagreement_few"
    else:
        key = "insight_disagreement_wide" if n >= WIDE_SHARE * of else "insight_disagreement_some"
    return labels.fill(key, dimensions=labels.listed(names), n=n, of=of)


def _action_title(
    result: AssessmentResult, findings: list[CapabilityScore], level: int | None, labels: Labels
) -> str:
    """Page 1's title: where the largest capability gaps the plan acts on are (the findings,
    `leadership_themes`). It does not say to close them first: what comes first is the plan's
    order (`_action_plan`), which may start elsewhere."""
    behind = [c for c in findings if _acted_on(result, c)] or findings
    if not behind:
        return labels["action_title_at_target"]
    names = [labels.get(f"capability_short_{c.id}") or _short(c.name) for c in behind]
    key = "action_title_top" if level is not None and level >= 4 else "action_title"
    return labels.fill(key, capabilities=labels.listed(names))


def _action_plan(moves: list[Planned], continued: bool, lang: str, labels: Labels) -> str:
    """Under the title: the moves the plan starts with, the same as "What to do first", and the
    months from the first one's start to the last one's end; beside the work continued from the
    previous roadmap, when there is some."""
    if not moves:
        return ""
    titles = [f"“{p.initiative.title[lang]}”" for p in moves]  # quoted in both languages
    first = min(_start_month(p) for p in moves) + 1
    last = max(_start_month(p) + p.duration for p in moves)
    months = (
        labels.fill("month_n", n=first)
        if first == last
        else labels.fill("months_range", start=first, end=last)
    )
    key = "action_plan_continued" if continued else "action_plan"
    return labels.fill(key, moves=labels.listed(titles), months=months)


def _figures(cap: CapabilityScore, lang: str, labels: Labels) -> str:
    """A capability's score today and its target ('1.2 of 4 today · target 3.0')."""
    return labels.fill(
        "finding_figures", current=fmt_num(cap.current, lang), target=fmt_num(cap.target, lang)
    )


def _unplanned(caps: list[CapabilityScore], lang: str, labels: Labels) -> str:
    """The line under the findings naming the pressing themes no initiative suits, with their
    scores: '' when there are none."""
    if not caps:
        return ""
    names = [f"{c.name} ({_figures(c, lang, labels)})" for c in caps]
    return labels.count("findings_unplanned", len(names), themes=labels.listed(names))


def _target_note(result: AssessmentResult, lang: str, labels: Labels) -> str:
    """What "target" means beside a finding: the profile's levels, a longer-term aim."""
    profile = result.workspace.profile
    source = (
        labels.fill("target_note_profile", profile=profile.name[lang])
        if profile is not None
        else labels["target_note_respondents"]
    )
    return labels.fill("target_note", source=source)


def _short(name: str) -> str:
    """A capability's name inside a sentence: lower case, except a name that is an acronym."""
    first = name.split(" ", 1)[0]
    return name if first.isupper() and len(first) > 1 else name[:1].lower() + name[1:]


def executive_view(
    result: AssessmentResult, lang: str, labels: Labels, accent: str
) -> ExecutiveView:
    """Pages 1–2 of the executive report, with the capability charts of its later pages."""
    caps = capability_scores(result, lang)
    behind = [c for c in caps if c.gap > 0]
    shown, unplanned = leadership_themes(result, caps)
    size = result.roadmap.size
    moves = first_moves(result)
    first_cost = _sum_costs(moves[:MOVES], size, lang, labels)
    planned = [p for p in result.roadmap.items if p.phase < BACKLOG and p.status != CONTINUED]
    continued = [p.initiative.title[lang] for p in result.roadmap.items if p.status == CONTINUED]
    title, text, chart = _insight(result, caps, lang, labels, accent)
    used: set[str] = set()
    decimal = local_style(lang).decimal
    bars = [charts.Bar(c.name, labels.count("n_frameworks", len({g.framework for g in c.entries})), c.current, c.target)
            for c in behind[:6]]  # fmt: skip
    legend = (labels["below_target"], labels["at_target"], labels["target_mark"], labels["gap"])
    ordered = sorted(caps, key=lambda c: c.id) if len(caps) > 2 else []
    radar = charts.radar(
        "radar-capabilities", [c.name for c in ordered],
        [charts.Series(labels["current"], [c.current for c in ordered], accent),
         charts.Series(labels["target"], [c.target for c in ordered], charts.TARGET, dashed=True)],
        labels["capability_radar"], width=420,
    ) if ordered else ""  # fmt: skip
    return ExecutiveView(
        action_title=_action_title(result, shown, result.scores.level, labels),
        action_plan=_action_plan(moves[:MOVES], bool(continued), lang, labels),
        target_note=_target_note(result, lang, labels),
        findings=[_finding(result, c, lang, labels, used) for c in shown],
        unplanned=_unplanned(unplanned, lang, labels),
        moves=[_move(result, p, lang, labels) for p in moves[:MOVES]],
        first_cost=first_cost,
        total_cost=(total_cost := _sum_costs(planned, size, lang, labels)),
        costs=_costs(result, first_cost, total_cost, labels),
        costs_note=labels.fill("costs_note", size=labels[f"size_{size}"]),
        insight_title=title, insight=text, insight_chart=chart,
        capability_chart=charts.bars("capabilities", bars, labels["capability_chart"], accent, legend, decimal=decimal)
        if bars else "",
        capability_radar=radar,
        key_messages=[m[lang] for m in review.key_messages] if (review := result.workspace.review) else [],
        continued=labels.fill("roadmap_continued_list", titles="; ".join(continued)) if continued else "",
    )  # fmt: skip
