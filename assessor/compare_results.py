"""A comparison as plain data: the JSON, table and CSV of `crm-assess compare`."""

from __future__ import annotations

import functools
from typing import Any

from .compare import (
    MIN_MARGIN,
    SINGLE_SD,
    AxisChange,
    Change,
    Comparison,
    KpiMove,
    Measure,
    Method,
    PositionChange,
    Z,
)
from .report.labels import load_labels
from .results import r3

__all__ = ["COMPARE_HEADERS", "compare_data", "compare_rows", "compare_table", "label"]

# a word for each key the comparison carries (reports/labels.yaml)
_KEYS = {
    **{v: f"verdict_{v}" for v in ("improved", "declined", "no_clear_change", "new", "dropped",
                                   "not_scored")},
    **{s: f"status_{s}" for s in ("done", "in_progress", "not_started", "not_reported")},
}  # fmt: skip

COMPARE_HEADERS = [
    "kind", "id", "name", "old", "new", "change", "margin", "verdict", "old_level", "new_level",
    "note",
]  # fmt: skip


def label(key: str, lang: str, **values: object) -> str:
    """The words for a verdict, an initiative status or another label key, in `lang`."""
    return _words(lang).fill(_KEYS.get(key, key), **values)


_words = functools.cache(load_labels)


def _measure(m: Measure | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {"score": r3(m.score), "level": m.level, "sd": r3(m.sd), "respondents": m.n}


def _name(c: Change, lang: str) -> str:
    return (
        c.name[lang]
        if c.name is not None
        else label("overall", lang)
        if c.kind == "overall"
        else c.id
    )


def _note(c: Change, lang: str) -> str | None:
    m = _method(c.measured_differently, lang)
    return None if m is None else m["text"]


def _method(m: Method | None, lang: str) -> dict[str, Any] | None:
    if m is None:
        return None
    text = label("measured_differently", lang, old=m.old_questions, new=m.new_questions,
                 common=m.common)  # fmt: skip
    return {"old_questions": m.old_questions, "new_questions": m.new_questions,
            "common": m.common, "text": text}  # fmt: skip


def _change(c: Change, lang: str) -> dict[str, Any]:
    return {
        "id": c.id,
        "name": _name(c, lang),
        "old": _measure(c.old),
        "new": _measure(c.new),
        "change": r3(c.delta),
        "margin": r3(c.margin),
        "verdict": c.verdict,
        "verdict_text": label(c.verdict, lang),
        "measured_differently": _method(c.measured_differently, lang),
    }  # fmt: skip


def _side(result: Any) -> dict[str, Any]:
    ws = result.workspace
    return {
        "path": str(ws.path),
        "date": ws.assessment.date.isoformat(),
        "questionnaire": ws.questionnaire.id,
        "respondents": result.scores.respondents,
    }


def compare_data(c: Comparison, lang: str) -> dict[str, Any]:
    """The JSON of `crm-assess compare`."""
    return {
        "client": c.new.workspace.assessment.client.name,
        "old": _side(c.old),
        "new": _side(c.new),
        "rule": {"z": Z, "single_respondent_sd": SINGLE_SD, "min_margin": MIN_MARGIN},
        "overall": _change(c.overall, lang),
        "frameworks": [_change(x, lang) for x in c.frameworks],
        "capabilities": [_change(x, lang) for x in c.capabilities],
        "dimensions": [_change(x, lang) for x in c.dimensions],
        "strategy_position": _position(c.position, lang),
        "kpis": [
            {"id": k.id, "unit": k.unit, "old": r3(k.old), "new": r3(k.new), "change": r3(k.delta)}
            for k in c.kpis
        ],
        "initiatives": [
            {
                "id": i.id,
                "title": i.title[lang],
                "phase": None if i.phase is None else i.phase + 1,
                "status": i.status,
                "status_text": label(i.status, lang),
                "note": i.note[lang] if i.note else None,
            }
            for i in c.initiatives
        ],
    }


def _quadrant(p: PositionChange, which: str | None, lang: str) -> str:
    return label("position_not_placed", lang) if which is None else p.names[which][lang]


def _position(p: PositionChange | None, lang: str) -> dict[str, Any] | None:
    """The strategy matrix then and now: a place, so a quadrant and two axis scores, no level."""
    if p is None:
        return None
    return {
        "framework": p.framework,
        "old": p.old,
        "new": p.new,
        "old_name": _quadrant(p, p.old, lang),
        "new_name": _quadrant(p, p.new, lang),
        "moved": p.moved,
        "text": label("position_moved" if p.moved else "position_same", lang),
        "axes": [
            {
                "id": a.id, "name": a.name[lang], "old": r3(a.old), "new": r3(a.new),
                "change": r3(a.delta), "measured_differently": _method(a.measured_differently, lang),
            }
            for a in p.axes
        ],
    }  # fmt: skip


def _position_rows(p: PositionChange | None, lang: str) -> list[list[Any]]:
    """The quadrant's row (then and now by name, no score, no level), then one row per axis."""
    if p is None:
        return []
    state = label("position_moved" if p.moved else "position_same", lang)
    then_now = f"{_quadrant(p, p.old, lang)} → {_quadrant(p, p.new, lang)}"
    rows: list[list[Any]] = [
        ["position", p.framework, then_now, p.old, p.new, None, None, state, None, None, None]
    ]
    for a in p.axes:
        rows.append(["axis", a.id, a.name[lang], r3(a.old), r3(a.new), r3(a.delta), None, "",
                     None, None, _axis_note(a, lang) or None])  # fmt: skip
    return rows


def _axis_note(a: AxisChange, lang: str) -> str:
    m = _method(a.measured_differently, lang)
    return "" if m is None else m["text"]


def _row(c: Change, lang: str) -> list[Any]:
    old, new = c.old, c.new
    return [
        c.kind, c.id, _name(c, lang), r3(old.score) if old else None, r3(new.score) if new else None,
        r3(c.delta), r3(c.margin), label(c.verdict, lang), old.level if old else None,
        new.level if new else None, _note(c, lang),
    ]  # fmt: skip


def compare_rows(c: Comparison, lang: str) -> list[list[Any]]:
    """One row per score compared: overall, frameworks, capabilities, dimensions; then the
    strategy matrix (a position: its quadrant, then its two axes)."""
    changes = [c.overall, *c.frameworks, *c.capabilities, *c.dimensions]
    return [_row(x, lang) for x in changes] + _position_rows(c.position, lang)


def compare_table(c: Comparison, lang: str) -> str:
    """The terminal table: scores with their verdicts, the strategy matrix's place, then KPIs
    and initiatives."""
    from .textformat import to_table

    changes = [c.overall, *c.frameworks, *c.capabilities, *c.dimensions]
    rows = [[r[0], r[1], r[2], r[3], r[4], _signed(r[5]), r[6], r[7], _levels(r[8], r[9]),
             r[10] or ""] for r in (_row(x, lang) for x in changes)]  # fmt: skip
    heads = ["kind", "id", "name", "old", "new", "change", "±margin", "verdict", "level", "note"]
    parts = [to_table(heads, rows)]
    if c.position is not None:
        p = c.position
        places: list[list[Any]] = [["position", _quadrant(p, p.old, lang), _quadrant(p, p.new, lang), "",
                   label("position_moved" if p.moved else "position_same", lang)]]  # fmt: skip
        places += [[a.id, r3(a.old), r3(a.new), _signed(r3(a.delta)), _axis_note(a, lang)]
                   for a in p.axes]  # fmt: skip
        parts.append(to_table(["strategy matrix", "old", "new", "change", "note"], places))
    kpis = [_kpi_row(c, k, lang) for k in c.kpis]
    if any(k.old is not None or k.new is not None for k in c.kpis):
        parts.append(to_table(["kpi", "old", "new", "change", "unit"], kpis))
    if c.initiatives:
        items = [
            [i.id, i.title[lang], "" if i.phase is None else i.phase + 1, label(i.status, lang)]
            for i in c.initiatives
        ]
        parts.append(to_table(["initiative", "title", "phase", "status"], items))
    return "\n\n".join(parts)


def _kpi_row(c: Comparison, k: KpiMove, lang: str) -> list[Any]:
    """A KPI then and now as the reports write it: money as a reader says an amount ('877
    million', '+88 million'), the others to their digits (the JSON keeps full values)."""
    from .report.context_kpis import kpi_figures

    shown, unit = kpi_figures(c.new, k.id, lang, load_labels(lang))
    delta = k.delta
    change = "" if delta is None else ("+" if delta > 0 else "") + shown(delta)
    return [k.id, "–" if k.old is None else shown(k.old), "–" if k.new is None else shown(k.new),
            change, unit]  # fmt: skip


def _signed(value: float | None) -> str:
    return "" if value is None else f"{value:+.2f}"


def _levels(old: int | None, new: int | None) -> str:
    if old is None and new is None:
        return ""
    return f"{old or '–'} → {new or '–'}" if old != new else str(new)
