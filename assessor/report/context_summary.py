"""The words of the summary page and the method appendix, filled from the results."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..pipeline import AssessmentResult
from ..roadmap import PHASES
from .labels import Labels, fmt_num

__all__ = ["Progress", "progress", "progress_text", "summary_parts"]


@dataclass(frozen=True)
class Progress:
    """The overall level and what the next one needs: `needed` of the `of` maturity frameworks
    at level `next` or above, `reached` of them there now."""

    level: int
    next: int | None
    needed: int
    reached: int
    of: int


def progress(result: AssessmentResult) -> Progress | None:
    """Where the staged overall level stands, counted over the maturity frameworks (the strategy
    matrix is a position and counts for nothing here)."""
    s = result.scores
    if s.level is None:
        return None
    levels = [
        f.level or 1
        for f in s.frameworks
        if f.score is not None and result.library.framework(f.id).matrix is None
    ]
    if s.level >= 4 or not levels:
        return Progress(s.level, None, 0, 0, len(levels))
    threshold = result.workspace.assessment.scoring.level_threshold
    needed = max(1, math.ceil(threshold * len(levels) - 1e-9))
    reached = sum(1 for v in levels if v >= s.level + 1)
    return Progress(s.level, s.level + 1, needed, reached, len(levels))


def progress_text(p: Progress | None, labels: Labels) -> str:
    """'level 2 needs 4 of 5 frameworks at level 2; 0 are there now', or '' at the top."""
    if p is None or p.next is None:
        return ""
    return labels.count("level_progress", p.reached, next=p.next, needed=p.needed, of=p.of)


def _name(result: AssessmentResult, path: str, lang: str) -> tuple[str, str]:
    fw_id, _, dim_id = path.partition("/")
    fw = result.library.framework(fw_id)
    return fw.label(lang), fw.dimension(dim_id).name[lang]


def summary_parts(
    result: AssessmentResult, lang: str, labels: Labels, route: str
) -> tuple[str, list[str], list[str]]:
    """The headline, the key messages and the method paragraphs."""
    s = result.scores
    a = result.workspace.assessment
    level = s.level or 1
    step = progress_text(progress(result), labels)
    headline = labels.fill(
        "headline" if step else "headline_top", client=a.client.name, level=level,
        level_name=labels[f"level_{level}"], progress=step, score=fmt_num(s.score, lang, 2),
    )  # fmt: skip
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
    if result.roadmap.route:
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
        labels.fill("method_dimension", threshold=threshold),
        labels.fill("method_framework", threshold=threshold),
        labels.fill("method_gaps", profile=profile),
        labels["method_strategy"],
        labels["method_kpis"],
        labels.fill("method_roadmap", capacity=" / ".join(str(c) for c in a.roadmap.capacity)),
    ]
    return headline, messages, method
