"""Results as plain data: the JSON, table and CSV shapes of `score` and `gaps`."""

from __future__ import annotations

from typing import Any

from .gaps import Gap
from .headline import headline
from .kpis import PAYBACK_BENCHMARK, acquisition_payback
from .models.common import pick
from .pipeline import AssessmentResult
from .report.context_marks import all_indicative, indicative_note, is_indicative
from .report.labels import Labels, load_labels
from .roadmap import BACKLOG, PHASES, Planned
from .roadmap_kpis import KpiTarget
from .scoring import DimensionScore, Scores, pct
from .strategy import STRATEGY_FRAMEWORK

__all__ = [
    "breakdown_notes",
    "closing_note",
    "gap_rows",
    "gaps_data",
    "gaps_legend",
    "group_notes",
    "roadmap_data",
    "roadmap_rows",
    "score_data",
    "score_rows",
    "score_summary",
]

GAP_HEADERS = ["framework", "dimension", "current", "target", "gap", "priority", "indicative"]
SCORE_HEADERS = [
    "framework",
    "dimension",
    "score",
    "pct",
    "level",
    "answered",
    "excluded",
    "sd",
    "range",
    "indicative",
]


def r3(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _dimension(d: DimensionScore, name: str) -> dict[str, Any]:
    spread = None
    if d.score is not None and d.low is not None and d.high is not None:
        spread = {"sd": r3(d.sd), "min": r3(d.low), "max": r3(d.high), "range": r3(d.high - d.low)}
    return {
        "id": d.id,
        "name": name,
        "score": r3(d.score),
        "pct": r3(d.pct),
        "level": d.level,
        "median": r3(d.median),
        "answered": d.answered,
        "excluded": d.excluded,
        "respondents": d.respondents,
        "spread": spread,
        "disagreement": d.disagreement,
        "questions": d.questions,
        "indicative": d.indicative,
        "agreed": d.agreed,
    }


def score_data(result: AssessmentResult, lang: str) -> dict[str, Any]:
    """The JSON of `crm-assess score`."""
    lib, s = result.library, result.scores
    frameworks = []
    for f in s.frameworks:
        fw = lib.framework(f.id)
        dims = [_dimension(d, fw.dimension(d.id).name[lang]) for d in f.dimensions]
        frameworks.append({
            "id": f.id, "name": fw.name[lang], "score": r3(f.score), "pct": r3(f.pct),
            "level": f.level, "weakest": f.weakest, "kind": "position" if f.position else "maturity",
            "assessed": f.assessed, "of": len(f.dimensions), "partial": f.partial,
            "indicative": f.partial,  # the old name of `partial`, kept for earlier readers
            "dimensions": dims,
        })  # fmt: skip
    nxt = s.next_level
    labels = load_labels(lang)
    return {
        "client": result.workspace.assessment.client.name,
        "questionnaire": result.workspace.questionnaire.id,
        "overall": {
            "headline": headline(s, lang, labels).text,
            "indicative_note": indicative_note(s, labels) or None,
            "level": s.level,
            "next_level": None
            if nxt is None
            else {"level": nxt.level, "needed": nxt.needed, "reached": nxt.reached, "of": nxt.of},
            "score": r3(s.score),
            "pct": r3(pct(s.score)),
            "weakest": s.weakest,
            "frameworks": [f.id for f in s.maturity if f.score is not None],
        },
        "frameworks": frameworks,
        "strategy_position": _position(result, lang),
        "kpis": {
            k.id: {
                "value": r3(k.value),
                "unit": k.unit,
                "formula": k.formula,
                "inputs": k.inputs,
                "missing": k.missing,
            }
            for k in result.kpis
        },
        "acquisition_payback": _payback(result, lang, labels),
        "respondents": {"count": s.respondents, "by_role": s.role_counts, "by_unit": s.unit_counts},
        "breakdowns": {
            "min_group": result.workspace.assessment.scoring.min_group,
            "by_role": {g: {p: r3(v) for p, v in t.items()} for g, t in s.by_role.items()},
            "by_unit": {g: {p: r3(v) for p, v in t.items()} for g, t in s.by_unit.items()},
            "notes": breakdown_notes(result, lang),
        },
        "warnings": [str(w) for w in result.workspace.warnings],
    }


def _payback(result: AssessmentResult, lang: str, labels: Labels) -> dict[str, Any] | None:
    """The CLV against the CAC (docs/scoring.md §6), with the sentence the reports print when a
    new customer brings back less than the benchmark multiple of their cost; None when either is
    not computed."""
    from .report.context_kpis import payback_note

    p = acquisition_payback(result.kpis)
    if p is None:
        return None
    return {
        "clv": r3(p.clv), "cac": r3(p.cac), "lifetime_margin": r3(p.margin), "ratio": r3(p.ratio),
        "benchmark": PAYBACK_BENCHMARK, "below_benchmark": p.below_benchmark, "loses": p.loses,
        "note": payback_note(result, lang, labels) or None,
    }  # fmt: skip


def _position(result: AssessmentResult, lang: str) -> dict[str, Any]:
    """Today's quadrant on the strategy matrix, the target and the route, with the reason."""
    st = result.strategy
    fw = result.library.frameworks.get(STRATEGY_FRAMEWORK)

    def name(position: str | None) -> str | None:
        return None if fw is None or position is None else fw.dimension(position).name[lang]

    routes = {r.id: r for r in fw.matrix.routes} if fw is not None and fw.matrix else {}
    route = routes.get(st.route_id or "")
    return {
        "position": st.position,
        "name": name(st.position),
        "axes": {a: {"score": r3(v), "side": st.sides[a]} for a, v in st.axes.items()},
        "target": st.target,
        "target_name": name(st.target),
        "route": st.route,
        "route_names": [name(p) for p in st.route],
        "route_id": st.route_id,
        "route_name": None if route is None else route.name[lang],
        "chosen_by": st.source,
        "reason": pick(st.reason, lang) if st.reason else None,
    }


def breakdown_notes(result: AssessmentResult, lang: str) -> list[str]:
    """What the role and unit breakdowns merged or withheld, one sentence each, in `lang`: the
    reports' own words, for the command line, the JSON and the workshop workbook."""
    return group_notes(result, lang, load_labels(lang))


def group_notes(result: AssessmentResult, lang: str, labels: Labels) -> list[str]:
    """One sentence per breakdown that merged or withheld groups."""
    out = []
    for key, g in result.scores.groupings.items():
        by = labels["by_role" if key == "role" else "by_unit"]
        if g.withheld:
            out.append(labels.fill("group_withheld", by=by[:1].lower() + by[1:], n=g.min_group))
        elif g.merged:
            names = ", ".join(
                labels.get(f"role_{m}", m)
                if key == "role"
                else result.workspace.assessment.unit_name(m, lang)
                for m in g.merged
            )
            out.append(
                labels.fill("group_merged", by=by[:1].lower() + by[1:], groups=names, n=g.min_group)
            )
    return out


def _lower_first(sentence: str) -> str:
    """A sentence continuing a label: "Confidentiality — results by role are not shown, …"."""
    return sentence[:1].lower() + sentence[1:]


def score_summary(data: dict[str, Any], lang: str = "en") -> str:
    """The lines under the score table, from `score_data`'s JSON: the headline first."""
    o, st = data["overall"], data["strategy_position"]
    words = load_labels(lang)
    lines = [o["headline"]]
    if o["score"] is not None:
        lines.append(words["score_columns"])
    if st["position"] is None:
        lines.append(words["position_none"])
    elif len(st["route"]) == 1:  # the target is today's position: no route to take
        lines.append(words.fill("position_line_hold", today=st["name"]))
    else:
        lines.append(words.fill("position_line",
            today=st["name"], target=st["target_name"] or "–",
            route=" → ".join(st["route_names"]) if st["route"] else "–",
        ))  # fmt: skip
        if st["reason"]:
            lines.append(st["reason"])
    if (payback := data.get("acquisition_payback")) and payback["note"]:
        lines.append(payback["note"])
    if o.get("indicative_note"):
        lines += [o["indicative_note"], words["indicative_column"]]
    lines += [
        f"{f['name']}: {words.fill('partial_flag', assessed=f['assessed'], of=f['of'])}."
        for f in data["frameworks"]
        if f["partial"]
    ]
    lines += [
        words.fill("confidentiality_note", note=_lower_first(n))
        for n in data["breakdowns"]["notes"]
    ]
    return "\n".join(lines)


def score_rows(result: AssessmentResult) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for f in result.scores.frameworks:
        if f.position:
            rows.append([f.id, "(position)", *[None] * 8])
        else:
            rows.append(
                [f.id, "(framework)", r3(f.score), r3(f.pct), f.level, None, None, None, None, None]
            )
        for d in f.dimensions:
            spread = None if d.low is None or d.high is None else r3(d.high - d.low)
            rows.append(
                [
                    f.id,
                    d.id,
                    r3(d.score),
                    r3(d.pct),
                    d.level,
                    d.answered,
                    d.excluded,
                    r3(d.sd),
                    spread,
                    "yes" if d.indicative else "",
                ]
            )
    return rows


def _gap(g: Gap) -> dict[str, Any]:
    return {
        "framework": g.framework,
        "dimension": g.dimension,
        "current": r3(g.current),
        "target": r3(g.target),
        "gap": r3(g.gap),
        "priority": r3(g.priority),
        "importance": r3(g.importance),
        "weight": r3(g.weight),
        "strength": g.strength,
    }


def gaps_data(result: AssessmentResult) -> list[dict[str, Any]]:
    """The JSON of `crm-assess gaps`: every dimension, highest priority first, with the number of
    questions its score rests on and whether that makes it indicative (fewer than three)."""
    out = []
    for g in result.gaps:
        d = result.scores.dimension(g.path)
        out.append(_gap(g) | {"questions": d.questions, "indicative": d.indicative})
    return out


def gaps_legend(result: AssessmentResult, lang: str) -> str:
    """The line under the gaps table saying what its `indicative` column means; '' if unused."""
    if not any(result.scores.dimension(g.path).indicative for g in result.gaps):
        return ""
    return load_labels(lang)["indicative_column"]


def gap_rows(result: AssessmentResult) -> list[list[Any]]:
    return [
        [g.framework, g.dimension, r3(g.current), r3(g.target), r3(g.gap), r3(g.priority),
         "yes" if result.scores.dimension(g.path).indicative else ""]
        for g in result.gaps
    ]  # fmt: skip


# the CSV reads months as the reports do: month 1 is the roadmap's first month, and an initiative
# at offsets 0–2 (JSON start_month 0, end_month 2) runs in months 1 to 2
ROADMAP_HEADERS = [
    "phase", "first_month", "last_month", "initiative", "title", "owner", "effort", "months",
    "priority", "dimensions", "depends_on", "starts_with", "kpis", "status", "measured", "indicative",
    "months_left",
]  # fmt: skip
DONE = "done"  # a row's phase and status: done since the previous roadmap (`progress:`)


def roadmap_data(result: AssessmentResult, lang: str) -> dict[str, Any]:
    """The JSON of `crm-assess roadmap`."""
    rm = result.roadmap
    phases = []
    for index, (start, end) in enumerate(PHASES):
        items = [_planned(result, p, lang) for p in rm.phase(index)]
        phases.append(
            {"index": index + 1, "start_month": start, "end_month": end, "initiatives": items}
        )
    return {
        "company_size": rm.size,
        "phases": phases,
        "quick_wins": [p.initiative.id for p in rm.quick_wins],
        # why each waits: "limit" (beyond the most new initiatives the plan holds) or
        # "horizon" (it cannot start and end within the 24 months)
        "backlog": [
            {**_planned(result, p, lang), "reason": p.backlog_reason} for p in rm.phase(BACKLOG)
        ],
        "done": [{"id": i.id, "title": i.title[lang]} for i in rm.done],
        "route": {"id": rm.route_id, "path": rm.route, "target": rm.target_position},
        "kpi_targets": [_kpi_target(k, lang) for k in rm.kpi_targets],
        "unmet": [{"dimension": path, "step": step} for path, step in rm.unmet],
        "closes_all_gaps_by_month": rm.closes_all_gaps_by,
    }


def closing_note(result: AssessmentResult, lang: str, labels: Labels) -> str:
    """What the plan leaves open or when it ends: when it ends early (nothing starts in the last
    phase, nothing in the backlog), the month its work closes every gap to the target by; and
    whenever a need is unmet (no initiative suited to this business meets it, JSON `unmet`),
    the dimensions concerned, whether the plan ends early or not; "" when neither applies."""
    rm = result.roadmap
    month = rm.closes_all_gaps_by
    steps: dict[str, list[int]] = {}
    for path, step in rm.unmet:
        steps.setdefault(path, []).append(step)
    names = []  # each with the levels no initiative raises it through (step s = level s → s+1)
    for path, unmet in steps.items():
        fw_id, _, dim_id = path.partition("/")
        fw = result.library.framework(fw_id)
        name = f"{fw.dimension(dim_id).name[lang]} ({fw.label(lang)})"
        names.append(
            labels.fill("unmet_levels", dimension=name, low=min(unmet), high=max(unmet) + 1)
        )
    if month is None:
        return labels.fill("roadmap_unmet", dimensions=labels.listed(names)) if names else ""
    if not names:
        return labels.fill("roadmap_closes_all", month=month)
    return labels.fill("roadmap_closes_all_but", month=month, dimensions=labels.listed(names))


def _kpi_target(k: KpiTarget, lang: str) -> dict[str, Any]:
    r = k.rule
    rule: dict[str, Any] = (
        {"reference": r.reference, "reference_is_estimate": True,
         "share_12_months": r.share_12, "share_24_months": r.share_24}
        if r.reference is not None
        else {"change_12_months": r.change_12, "change_24_months": r.change_24}
    )  # fmt: skip
    basis = load_labels(lang)[f"kpi_basis_{k.id}"]  # what the reference rests on, or why none
    rule |= {"lower_is_better": r.lower_is_better, "basis": basis}
    return {
        "id": k.id, "current": r3(k.current), "in_12_months": r3(k.in_12_months),
        "in_24_months": r3(k.in_24_months), "unit": k.unit, "rule": rule,
    }  # fmt: skip


def _planned(result: AssessmentResult, p: Planned, lang: str) -> dict[str, Any]:
    i = p.initiative
    cost = i.cost.get(result.roadmap.size)  # type: ignore[call-overload]
    s = result.scores
    return {
        "id": i.id, "title": i.title[lang], "summary": i.summary[lang], "owner": i.owner, "effort": i.effort,
        "months": p.duration, "start_month": p.start_month, "end_month": p.end_month,
        "quick_win": p.quick_win, "priority": r3(p.priority), "after": p.after, "with": p.with_,
        "unblocks": p.unblocks, "urgent": i.urgent, "serves": list(i.serves), "serves_route": p.serves_route,
        "prerequisite_only": p.prerequisite_only, "step": i.step, "personal_data": i.personal_data,
        "cost_million_vnd": {"low": cost.low, "high": cost.high} if cost else None,
        "effect": i.effect[lang], "basis": i.basis[lang], "kpis": list(i.kpis),
        "covers": [{"dimension": path, "step": step, "indicative": is_indicative(s, path)}
                   for path, step in p.covers],
        "status": p.status, "measured": p.measured, "legal_duty": i.legal_duty,
        "indicative": _indicative(s, p), "months_left": p.months_left,
        "months_left_assumed": p.left_assumed, "earliest_month": p.earliest,
    }  # fmt: skip


def _indicative(scores: Scores, p: Planned) -> bool:
    """Every gap the initiative closes rests on indicative dimensions; never for a legal duty,
    which applies whatever the scores say (docs/reports.md)."""
    return not p.initiative.legal_duty and all_indicative(scores, (path for path, _ in p.covers))


def roadmap_rows(result: AssessmentResult, lang: str) -> list[list[Any]]:
    """The CSV's rows, months in the reports' reading (ROADMAP_HEADERS); the table's too."""
    rows = []
    for p in result.roadmap.items:
        start, end = p.start_month, p.end_month
        dims = " ".join(sorted({path for path, _ in p.covers}))
        i = p.initiative
        rows.append([
            p.phase + 1 if p.phase < BACKLOG else "backlog", None if start is None else start + 1, end, i.id,
            i.title[lang], i.owner, i.effort, p.duration, r3(p.priority), dims, " ".join(p.after), " ".join(p.with_),
            " ".join(i.kpis), p.status, p.measured, "yes" if _indicative(result.scores, p) else "", p.months_left,
        ])  # fmt: skip
    for i in result.roadmap.done:
        rows.append([DONE, None, None, i.id, i.title[lang], i.owner, i.effort, i.months_for(result.roadmap.size), None, "", "", "",
                     " ".join(i.kpis), DONE, None, "", None])  # fmt: skip
    return rows
