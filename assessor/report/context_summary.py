"""The words of the summary page and the method appendix, filled from the results."""

from __future__ import annotations

from ..headline import headline as one_headline
from ..pipeline import AssessmentResult
from ..roadmap import PHASES, route_positions
from ..strategy import STRATEGY_FRAMEWORK
from .labels import Labels, fmt_num, local_style

__all__ = ["summary_parts"]


def _name(result: AssessmentResult, path: str, lang: str) -> tuple[str, str]:
    fw_id, _, dim_id = path.partition("/")
    fw = result.library.framework(fw_id)
    return fw.label(lang), fw.dimension(dim_id).name[lang]


def _route_weight(result: AssessmentResult, lang: str, labels: Labels) -> str:
    """', doubled when it builds a position the recommended route leads to (…)', or nothing."""
    serving = route_positions(result.strategy)
    fw = result.library.frameworks.get(STRATEGY_FRAMEWORK)
    if not serving or fw is None:
        return ""
    names = [d.name[lang] for d in fw.dimensions if d.id in serving]
    return labels.fill("method_route_weight", positions=", ".join(names))


def summary_parts(
    result: AssessmentResult, lang: str, labels: Labels, route: str
) -> tuple[str, list[str], list[str]]:
    """The headline, the key messages and the method paragraphs."""
    s = result.scores
    a = result.workspace.assessment
    # the one headline the CLI and the JSON print too: the level and what the next one needs first
    headline = f"{a.client.name}: {one_headline(s, lang, labels).text}"
    messages = []
    gaps = [g for g in result.gaps if g.gap > 0]
    if gaps:
        fw, dim = _name(result, gaps[0].path, lang)
        messages.append(
            labels.fill("message_gap", dimension=dim, framework=fw, gap=fmt_num(gaps[0].gap, lang))
        )
    scored = [d for d in s.all_dimensions() if d.score is not None]
    best = min(scored, key=lambda d: (-(d.score or 0.0), d.path), default=None)
    if best is not None and best.score is not None:
        fw, dim = _name(result, best.path, lang)
        messages.append(
            labels.fill(
                "message_strength", dimension=dim, framework=fw, score=fmt_num(best.score, lang)
            )
        )
    if len(result.roadmap.route) > 1:  # a route of one position: the company stays where it is
        messages.append(labels.fill("message_route", route=route))
    items = result.roadmap.items
    quick = len(result.roadmap.quick_wins)
    count = len([p for p in items if p.phase < len(PHASES)])
    if count:
        messages.append(labels.count("message_roadmap", count, quick=quick))
    else:
        messages.append(labels["message_roadmap_uncovered" if gaps else "message_roadmap_none"])
    threshold = round(a.scoring.level_threshold * 100)
    ws = result.workspace
    profile = ws.profile.name[lang] if ws.profile is not None else labels["target_from_respondents"]
    method = [
        labels["method_scale"],
        labels["method_exclusions"],
        labels.fill("method_dimension", threshold=threshold, disagreement=local_style(lang).figure(a.scoring.disagreement, 2)),
        labels.fill("method_framework", threshold=threshold),
        labels["method_marks"],
        labels.fill("method_gaps", profile=profile),
        labels["method_strategy"],
        labels["method_kpis"],
        labels.fill(
            "method_roadmap", route=_route_weight(result, lang, labels),
            capacity=" / ".join(str(c) for c in result.decisions.capacity.value),
            most=result.decisions.limit.value,
        ),
        labels["method_costs"],
    ]  # fmt: skip
    return headline, messages, method
