"""The working behind the key numbers, written out so a reader can redo each sum by hand.

Each function returns sentences in the report's language; figures carry two decimals where the
report elsewhere rounds to one, so the sums come out exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..headline import next_level_text
from ..pipeline import AssessmentResult
from ..scoring import FrameworkScore
from ..strategy import HIGH_FROM
from .labels import Labels, fmt_num

__all__ = ["CheckView", "checks", "framework_working", "level_note"]


@dataclass(frozen=True)
class CheckView:
    """One number and how it came about."""

    title: str
    text: str


def _n2(value: float | None, lang: str) -> str:
    return fmt_num(value, lang, 2)


def level_note(result: AssessmentResult, lang: str, labels: Labels) -> str:
    """Why the overall level is what it is, then what the next one needs in the headline's own
    sentence (`next_level_text`)."""
    s, nxt = result.scores, result.scores.next_level
    if nxt is None or s.level is None:
        return ""
    threshold = result.workspace.assessment.scoring.level_threshold
    return labels.fill(
        "level_note", level=s.level, threshold=round(threshold * 100),
        next_text=next_level_text(nxt, labels),
    )  # fmt: skip


def framework_working(
    result: AssessmentResult, fs: FrameworkScore, lang: str, labels: Labels
) -> str:
    """'score = (w × s + …) ÷ Σw', and how much of the weight reaches the next level."""
    fw = result.library.framework(fs.id)
    weights = {d.id: d.weight for d in fw.dimensions}
    scored = [d for d in fs.dimensions if d.score is not None]
    if not scored or fs.score is None:
        return ""
    plain = all(weights[d.id] == 1 for d in scored)
    terms = " + ".join(
        _n2(d.score, lang) if plain else f"{fmt_num(weights[d.id], lang, 1)} × {_n2(d.score, lang)}"
        for d in scored
    )
    total = sum(weights[d.id] for d in scored)
    text = labels.fill("check_framework_score", score=_n2(fs.score, lang), terms=terms,
                       total=fmt_num(total, lang, 0 if float(total).is_integer() else 1))  # fmt: skip
    level = fs.level or 1
    if level < 4:
        share = sum(weights[d.id] for d in scored if (d.level or 1) >= level + 1) / total * 100
        threshold = round(result.workspace.assessment.scoring.level_threshold * 100)
        text += " " + labels.fill("check_framework_level", level=level, next=level + 1,
                                  share=fmt_num(share, lang, 0), threshold=threshold)  # fmt: skip
    return text


def _target_source(result: AssessmentResult, path: str, labels: Labels, lang: str) -> str:
    ws = result.workspace
    if path in ws.assessment.target.overrides:
        return labels["target_from_override"]
    if ws.profile is not None:
        return labels.fill("target_from_profile", profile=ws.profile.name[lang])
    return labels["target_from_respondents"]


def checks(result: AssessmentResult, lang: str, labels: Labels) -> list[CheckView]:
    """The overall score and level, the largest gap from its answers up, the strategy position."""
    s = result.scores
    out = []
    scored = [f for f in s.frameworks if f.score is not None]
    if scored and s.score is not None:
        terms = " + ".join(_n2(f.score, lang) for f in scored)
        text = labels.fill(
            "check_overall", score=_n2(s.score, lang), terms=terms, count=len(scored)
        )
        note = level_note(result, lang, labels)
        out.append(CheckView(labels["overall_score"], f"{text} {note}".strip()))
    gaps = [g for g in result.gaps if g.gap > 0]
    if gaps:
        g = gaps[0]
        fw = result.library.framework(g.framework)
        d = s.dimension(g.path)
        values = "; ".join(_n2(v, lang) for v in d.by_respondent.values())
        title = f"{fw.dimension(g.dimension).name[lang]} ({fw.label(lang)})"
        out.append(CheckView(title, " ".join((
            labels.fill("check_dimension", score=_n2(g.current, lang), count=d.respondents, values=values),
            labels.fill("check_gap", gap=_n2(g.gap, lang), target=_n2(g.target, lang), current=_n2(g.current, lang),
                        source=_target_source(result, g.path, labels, lang)),
            labels.fill("check_priority", priority=_n2(g.priority, lang), gap=_n2(g.gap, lang),
                        weight=_n2(g.weight, lang), importance=_n2(g.importance, lang)),
        ))))  # fmt: skip
        fs = next(f for f in s.frameworks if f.id == g.framework)
        working = framework_working(result, fs, lang, labels)
        if working:
            out.append(CheckView(fw.name[lang], working))
    strategy = _strategy_check(result, lang, labels)
    if strategy:
        out.append(CheckView(labels["strategy_position"], strategy))
    return out


def _strategy_check(result: AssessmentResult, lang: str, labels: Labels) -> str:
    fw = result.library.frameworks.get("crm-strategy-levels")
    st = result.strategy
    if fw is None or fw.matrix is None or st.position is None:
        return ""
    sides = []
    for axis in fw.matrix.axes:
        score = st.axes.get(axis.id)
        side = labels["side_high" if st.sides.get(axis.id) == "high" else "side_low"]
        sides.append(f"{axis.name[lang]} {_n2(score, lang)} ({side})")
    return labels.fill(
        "check_strategy", axes="; ".join(sides), threshold=fmt_num(HIGH_FROM, lang, 1),
        position=fw.dimension(st.position).name[lang],
    )  # fmt: skip
