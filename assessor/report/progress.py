"""The progress section of a report whose assessment names a baseline (`baseline:`).

    view = progress_view(result, lang, library_dirs)   # None without a baseline

What moved since the earlier assessment: a trend chart of every capability across the
assessments of the `baseline:` chain (two or more), the capabilities and dimensions that
clearly moved (a change larger than its margin, docs/scoring.md), the strategy matrix position
then and now (a place, never a level), the dimensions measured by other questions than before,
and what became of the earlier roadmap's initiatives. It also gives the sentence the executive
headline gains. The words are reports/labels.yaml's; the template is `_progress.html.j2`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..compare import Change, Comparison, PositionChange
from ..compare_results import label
from ..history import comparison_for, history
from ..models import Questionnaire
from ..pipeline import AssessmentResult
from ..roadmap import BACKLOG
from . import charts
from .context import _date as context_date
from .labels import Labels, fmt_num, load_labels

__all__ = [
    "ChangeRow", "InitiativeGroup", "InitiativeRow", "ProgressView", "progress_view", "trend_chart",
]  # fmt: skip
STATUSES = ("done", "in_progress", "not_started", "not_reported")

COLOURS = ("#c6ccd4", "#9aa5b1", "#6b7887", "#3e4a58")  # older assessments, lightest first


@dataclass(frozen=True)
class ChangeRow:
    name: str
    old: str
    new: str
    change: str
    margin: str
    verdict: str  # its key: improved, declined, no_clear_change, …
    verdict_text: str


@dataclass(frozen=True)
class InitiativeRow:
    title: str
    phase: str
    status: str  # its key: done, in_progress, not_started, not_reported
    status_text: str
    note: str


@dataclass(frozen=True)
class InitiativeGroup:
    """The initiatives of one status, for the executive report's compact list."""

    status: str
    status_text: str
    titles: list[str]


@dataclass(frozen=True)
class ProgressView:
    since: str
    headline: str
    trend: str
    capabilities: list[ChangeRow]
    moved: list[ChangeRow]
    position: str  # the strategy matrix then and now, one sentence; "" without the matrix
    measured_differently: list[str]
    differently_summary: str  # the executive report's: the full report lists them
    differently_full: str
    initiatives_title: str
    initiatives: list[InitiativeRow]
    initiative_groups: list[InitiativeGroup]


def _date(result: AssessmentResult, lang: str) -> str:
    return context_date(result.workspace.assessment.date, lang)


def _row(c: Change, lang: str, name: str) -> ChangeRow:
    def n(v: float | None) -> str:
        return "–" if v is None else fmt_num(v, lang, 2)

    change = "–" if c.delta is None else ("+" if c.delta >= 0 else "−") + n(abs(c.delta))
    old = n(c.old.score if c.old else None)
    new = n(c.new.score if c.new else None)
    return ChangeRow(name, old, new, change, n(c.margin), c.verdict, label(c.verdict, lang))


def _dimension_name(result: AssessmentResult, c: Change, lang: str) -> str:
    fw_id = c.id.partition("/")[0]
    fw = result.library.frameworks.get(fw_id)
    short = (fw.short_name or fw.name)[lang] if fw is not None else fw_id
    return f"{c.name[lang] if c.name else c.id} ({short})"


def _headline(c: Comparison, lang: str, labels: Labels) -> str:
    """What moved, in one sentence (two when the company moved on the strategy matrix)."""
    dims = c.dimensions
    o = c.overall
    down = sum(d.verdict == "declined" for d in dims)
    text = labels.fill(
        "progress_headline", date=_date(c.old, lang), up=sum(d.verdict == "improved" for d in dims),
        declined=labels.fill("progress_declined" if down else "progress_declined_none", down=down), n=len(dims),
        old=fmt_num(o.old.score if o.old else None, lang, 2),
        new=fmt_num(o.new.score if o.new else None, lang, 2), verdict=label(o.verdict, lang),
    )  # fmt: skip
    p = c.position
    if p is not None and p.moved and p.old is not None and p.new is not None:
        moved = labels.fill("progress_position_moved", old=p.names[p.old][lang],
                            new=p.names[p.new][lang])  # fmt: skip
        text = f"{text} {moved}"
    return text


def _position(p: PositionChange | None, lang: str, labels: Labels) -> str:
    """The quadrant then and now with each axis's scores: a place, never a level."""
    if p is None:
        return ""

    def name(which: str | None) -> str:
        return labels["position_not_placed"] if which is None else p.names[which][lang]

    axes = "; ".join(
        labels.fill("progress_axis", name=a.name[lang], old=fmt_num(a.old, lang, 1),
                    new=fmt_num(a.new, lang, 1))
        for a in p.axes
    )  # fmt: skip
    if p.old == p.new:
        return labels.fill("progress_position_same", name=name(p.new), axes=axes)
    return labels.fill("progress_position", old=name(p.old), new=name(p.new), axes=axes)


def _differently(c: Comparison, count: int, key: str, lang: str, labels: Labels) -> str:
    """The two questionnaires as a reader knows them: by version when it is the same
    questionnaire, by title when it is another."""
    old, new = c.old.workspace.questionnaire, c.new.workspace.questionnaire

    def edition(q: Questionnaire) -> str:
        if q.id == old.id == new.id:
            return labels.fill("progress_questionnaire_version", version=q.version)
        return q.title[lang]

    return labels.fill(key, n=count, total=len(c.dimensions), old=edition(old),
                       new=edition(new))  # fmt: skip


def _phase(phase: int | None, lang: str) -> str:
    if phase is None:
        return "–"
    return label("backlog", lang) if phase >= BACKLOG else str(phase + 1)


def _initiatives(c: Comparison, lang: str, labels: Labels) -> tuple[str, list[InitiativeRow]]:
    rows = [
        InitiativeRow(i.title[lang], _phase(i.phase, lang), i.status,
                      label(i.status, lang), i.note[lang] if i.note else "")
        for i in c.initiatives
    ]  # fmt: skip
    counts = [(s, sum(r.status == s for r in rows)) for s in STATUSES]
    summary = ", ".join(f"{n} {label(s, lang)}" for s, n in counts if n)
    return labels.fill("progress_initiatives", summary=summary), rows


def _groups(rows: list[InitiativeRow]) -> list[InitiativeGroup]:
    """The initiatives by status, done first: a few lines instead of a table."""
    return [
        InitiativeGroup(s, rows_of[0].status_text, [r.title for r in rows_of])
        for s in STATUSES
        if (rows_of := [r for r in rows if r.status == s])
    ]


def progress_view(
    result: AssessmentResult,
    lang: str,
    library_dirs: Iterable[Path] = (),
    labels: Labels | None = None,
) -> ProgressView | None:
    """The progress section of `result`'s reports, or None when it names no baseline."""
    c = comparison_for(result, library_dirs)
    if c is None:
        return None
    words = labels if labels is not None else load_labels(lang)
    chain = history(result, library_dirs)
    lib = result.library
    names = {x.id: x.name[lang] for x in lib.capabilities.capabilities} if lib.capabilities else {}
    moved = [_row(d, lang, _dimension_name(result, d, lang)) for d in c.moved() if "/" in d.id]
    different = [
        f"{_dimension_name(result, d, lang)}: " + label(
            "measured_differently", lang, old=m.old_questions, new=m.new_questions,
            common=m.common,
        )
        for d in c.dimensions if (m := d.measured_differently) is not None
    ]  # fmt: skip
    title, initiatives = _initiatives(c, lang, words)
    count = len(different)
    return ProgressView(
        since=words.fill("progress_since", date=_date(c.old, lang), n=c.old.scores.respondents),
        headline=_headline(c, lang, words),
        trend=trend_chart(chain, names, lang, words["progress_trend"]),
        capabilities=[_row(x, lang, names.get(x.id, x.id)) for x in c.capabilities],
        moved=moved, position=_position(c.position, lang, words), measured_differently=different,
        differently_summary=_differently(c, count, "progress_differently_count", lang, words) if count else "",
        differently_full=_differently(c, count, "progress_differently_full", lang, words) if count else "",
        initiatives_title=title, initiatives=initiatives, initiative_groups=_groups(initiatives),
    )  # fmt: skip


def trend_chart(
    chain: Sequence[AssessmentResult], names: dict[str, str], lang: str, title: str
) -> str:
    """One row per capability: a dot per assessment (older ones lighter) joined by a line."""
    label_w, plot_w, row_h, top = 150.0, 250.0, 15.0, 34.0
    rows = [row.capability for row in chain[-1].capabilities if row.mean is not None]
    per = [{row.capability: row.mean for row in r.capabilities} for r in chain]
    colours = [*COLOURS[-(len(chain) - 1) :], chain[-1].workspace.assessment.branding.accent]

    def x(v: float) -> float:
        return label_w + (v - 1.0) / 3.0 * plot_w

    body = []
    for level in (1, 2, 3, 4):
        body.append(charts.line(x(level), top - 6, x(level), top + len(rows) * row_h))
        body.append(charts.text(x(level), top - 9, str(level), fill=charts.MUTED))
    for k, (r, colour) in enumerate(zip(chain, colours, strict=True)):
        lx = label_w + k * 70.0
        body.append(f'<circle cx="{lx:.1f}" cy="8" r="3" fill="{colour}"/>')
        body.append(charts.text(lx + 6, 10.5, _date(r, lang), anchor="start", size=7))
    for i, cap in enumerate(rows):
        y = top + i * row_h + row_h / 2
        body.append(charts.text(label_w - 6, y + 2.5, names.get(cap, cap), anchor="end"))
        values = [
            (v, c) for p, c in zip(per, colours, strict=True) if (v := p.get(cap)) is not None
        ]
        if len(values) >= 2:
            lo, hi = min(v for v, _ in values), max(v for v, _ in values)
            body.append(charts.line(x(lo), y, x(hi), y, stroke=charts.MUTED, width=1.2))
        for v, c in values:
            body.append(f'<circle cx="{x(v):.1f}" cy="{y:.1f}" r="3.2" fill="{c}"/>')
    height = top + len(rows) * row_h + 4
    return charts.svg(label_w + plot_w + 12, height, "".join(body), title)
