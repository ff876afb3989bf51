"""A comparison as plain data: the JSON, table and CSV of `crm-assess compare`."""

from __future__ import annotations

from typing import Any

from .compare import MIN_MARGIN, SINGLE_SD, Change, Comparison, Measure, Z
from .models.common import pick
from .results import r3

__all__ = ["COMPARE_HEADERS", "compare_data", "compare_rows", "compare_table", "label"]

LABELS: dict[str, dict[str, str]] = {
    "improved": {"en": "improved", "vi": "cải thiện"},
    "declined": {"en": "declined", "vi": "giảm"},
    "no_clear_change": {"en": "no clear change", "vi": "chưa thay đổi rõ"},
    "new": {"en": "new", "vi": "mới"},
    "dropped": {"en": "no longer assessed", "vi": "không còn đánh giá"},
    "not_scored": {"en": "not scored", "vi": "chưa có điểm"},
    "done": {"en": "done", "vi": "đã xong"},
    "in_progress": {"en": "in progress", "vi": "đang làm"},
    "not_started": {"en": "not started", "vi": "chưa bắt đầu"},
    "not_reported": {"en": "not reported", "vi": "chưa cập nhật"},
    "measured_differently": {
        "en": "measured differently: {old} question(s) then, {new} now, {common} in common",
        "vi": "đo bằng câu hỏi khác: {old} câu trước đây, {new} câu nay, {common} câu chung",
    },
    "overall": {"en": "Overall", "vi": "Tổng thể"},
    "backlog": {"en": "later", "vi": "sau"},
    "draft_head": {
        "en": "# What became of the initiatives of the roadmap of {path} ({date}).\n"
        "# Set each to done, in_progress or not_started; a note may say what was done,\n"
        "# e.g. `id: {{status: done, note: {{en: ..., vi: ...}}}}`. Paste into assessment.yaml.",
        "vi": "# Các sáng kiến trong lộ trình của {path} ({date}) nay ra sao.\n"
        "# Ghi done (đã xong), in_progress (đang làm) hoặc not_started (chưa bắt đầu); có thể\n"
        "# thêm ghi chú: `id: {{status: done, note: {{en: ..., vi: ...}}}}`. Dán vào assessment.yaml.",
    },
    "draft_phase": {"en": "phase", "vi": "giai đoạn"},
}

COMPARE_HEADERS = [
    "kind", "id", "name", "old", "new", "change", "margin", "verdict", "old_level", "new_level",
    "note",
]  # fmt: skip


def label(key: str, lang: str, **values: object) -> str:
    return pick(LABELS[key], lang).format(**values)


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
    m = c.measured_differently
    if m is None:
        return None
    return label("measured_differently", lang, old=m.old_questions, new=m.new_questions,
                 common=m.common)  # fmt: skip


def _change(c: Change, lang: str) -> dict[str, Any]:
    method = c.measured_differently
    return {
        "id": c.id,
        "name": _name(c, lang),
        "old": _measure(c.old),
        "new": _measure(c.new),
        "change": r3(c.delta),
        "margin": r3(c.margin),
        "verdict": c.verdict,
        "verdict_text": label(c.verdict, lang),
        "measured_differently": None if method is None else {
            "old_questions": method.old_questions, "new_questions": method.new_questions,
            "common": method.common, "text": _note(c, lang),
        },
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


def _row(c: Change, lang: str) -> list[Any]:
    old, new = c.old, c.new
    return [
        c.kind, c.id, _name(c, lang), r3(old.score) if old else None, r3(new.score) if new else None,
        r3(c.delta), r3(c.margin), label(c.verdict, lang), old.level if old else None,
        new.level if new else None, _note(c, lang),
    ]  # fmt: skip


def compare_rows(c: Comparison, lang: str) -> list[list[Any]]:
    """One row per score compared: overall, frameworks, capabilities, dimensions."""
    changes = [c.overall, *c.frameworks, *c.capabilities, *c.dimensions]
    return [_row(x, lang) for x in changes]


def compare_table(c: Comparison, lang: str) -> str:
    """The terminal table: scores with their verdicts, then KPIs and initiatives."""
    from .textformat import to_table

    rows = [[r[0], r[1], r[2], r[3], r[4], _signed(r[5]), r[6], r[7], _levels(r[8], r[9]),
             r[10] or ""] for r in compare_rows(c, lang)]  # fmt: skip
    heads = ["kind", "id", "name", "old", "new", "change", "±margin", "verdict", "level", "note"]
    parts = [to_table(heads, rows)]
    kpis = [[k.id, r3(k.old), r3(k.new), _signed(r3(k.delta)), k.unit] for k in c.kpis]
    if any(k.old is not None or k.new is not None for k in c.kpis):
        parts.append(to_table(["kpi", "old", "new", "change", "unit"], kpis))
    if c.initiatives:
        items = [
            [i.id, i.title[lang], "" if i.phase is None else i.phase + 1, label(i.status, lang)]
            for i in c.initiatives
        ]
        parts.append(to_table(["initiative", "title", "phase", "status"], items))
    return "\n\n".join(parts)


def _signed(value: float | None) -> str:
    return "" if value is None else f"{value:+.2f}"


def _levels(old: int | None, new: int | None) -> str:
    if old is None and new is None:
        return ""
    return f"{old or '–'} → {new or '–'}" if old != new else str(new)
