"""`review workshop`: the consensus-workshop sheet, one row per dimension.

    B2 moderator, B3/B4 how the levels were agreed (English, Vietnamese)
    row 7 on: hidden dimension id | framework | dimension | self-assessed | spread | by role |
              questions that split them | why discuss | agreed level | rationale (en, vi) |
              evidence

Role groups are the confidential ones (no group under `scoring.min_group`). The agreed columns
come pre-filled from an existing review.yaml, so a sheet read back (`review_import`) and
exported again shows the same. Only the shaded cells are meant to be typed in.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from .models.assessment import text_in
from .pipeline import AssessmentResult
from .report.labels import fmt_num, library_labels
from .results import breakdown_notes
from .review_notes import DimensionNotes, dimension_notes

__all__ = ["COLUMNS", "FIRST_ROW", "HEAD_CELLS", "build_workshop", "evidence_text"]

FIRST_ROW = 7
HEAD_CELLS = {"moderator": "B2", "method_en": "B3", "method_vi": "B4"}
COLUMNS = {
    "id": "A", "framework": "B", "dimension": "C", "self": "D", "spread": "E", "roles": "F",
    "split": "G", "why": "H", "level": "I", "rationale_en": "J", "rationale_vi": "K",
    "evidence": "L",
}  # fmt: skip
_WIDTHS = {"B": 16, "C": 28, "D": 14, "E": 16, "F": 24, "G": 44, "H": 34, "I": 10, "J": 40,
           "K": 40, "L": 40}  # fmt: skip
_WORDS: dict[str, tuple[str, str]] = {
    "title": ("Consensus workshop", "Hội thảo đồng thuận"),
    "moderator": ("Moderator", "Người điều phối"),
    "method_en": ("How levels were agreed (English)", "Cách thống nhất mức (tiếng Anh)"),
    "method_vi": ("How levels were agreed (Vietnamese)", "Cách thống nhất mức (tiếng Việt)"),
    "framework": ("Framework", "Khung"),
    "dimension": ("Dimension", "Khía cạnh"),
    "self": ("Self-assessed", "Tự đánh giá"),
    "spread": ("Spread (lowest–highest)", "Độ phân tán (thấp–cao)"),
    "roles": ("By role", "Theo vai trò"),
    "split": ("Questions that split them", "Câu hỏi có ý kiến khác nhau"),
    "why": ("Why discuss", "Lý do thảo luận"),
    "level": ("Agreed level", "Mức thống nhất"),
    "rationale_en": ("Rationale (English)", "Lý do (tiếng Anh)"),
    "rationale_vi": ("Rationale (Vietnamese)", "Lý do (tiếng Việt)"),
    "evidence": (
        "Evidence (document: …; interview: …; observation: …)",
        "Bằng chứng (document: …; interview: …; observation: …)",
    ),
    "level_word": ("level", "mức"),
}
_OPEN = PatternFill("solid", fgColor="FFF2CC")
_HEAD = PatternFill("solid", fgColor="D9E1F2")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _w(key: str, lang: str) -> str:
    en, vi = _WORDS[key]
    return vi if lang == "vi" else en


def evidence_text(items: list[Any]) -> str:
    """Evidence as one cell: 'document: Sales report; interview: Head of sales'."""
    return "; ".join(f"{e.kind}: {e.ref}" for e in items)


def build_workshop(result: AssessmentResult, lang: str) -> bytes:
    """The workshop workbook for `result`, in `lang`, as .xlsx bytes."""
    wb = Workbook()
    ws = wb.active
    ws.title = _w("title", lang)[:31]
    _head(ws, result, lang)
    level = DataValidation(type="whole", operator="between", formula1="1", formula2="4",
                           allow_blank=True, showErrorMessage=True)  # fmt: skip
    ws.add_data_validation(level)
    agreed = {
        e.dimension: e
        for e in (result.workspace.review.agreed if result.workspace.review else [])
        if e.dimension
    }
    roles = library_labels(lang, result.library)
    for row, notes in enumerate(dimension_notes(result, lang), start=FIRST_ROW):
        _row(ws, row, notes, lang, roles)
        entry = agreed.get(notes.path)
        if entry is not None:
            ws[f"I{row}"] = entry.level
            ws[f"J{row}"] = entry.rationale.en if entry.rationale else None
            ws[f"K{row}"] = entry.rationale.vi if entry.rationale else None
            ws[f"L{row}"] = evidence_text(entry.evidence) or None
        level.add(f"I{row}")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _head(ws: Any, result: AssessmentResult, lang: str) -> None:
    review = result.workspace.review
    ws["A1"] = f"{_w('title', lang)} — {result.workspace.assessment.client.name}"
    ws["A1"].font = Font(bold=True, size=14)
    values = {
        "moderator": review.moderator
        if review
        else text_in(result.workspace.assessment.branding.consultancy, lang),
        "method_en": review.method.en if review else None,
        "method_vi": review.method.vi if review else None,
    }
    for key, ref in HEAD_CELLS.items():
        ws[f"A{ref[1:]}"] = _w(key, lang)
        ws[ref] = values[key]
        ws[ref].fill = _OPEN
        ws.merge_cells(f"{ref}:H{ref[1:]}")
    words = library_labels(lang, result.library)
    notes = [
        words.fill("confidentiality_note", note=n[:1].lower() + n[1:])
        for n in breakdown_notes(result, lang)
    ]
    ws["A5"] = " ".join(notes) or None
    for key, letter in COLUMNS.items():
        cell = ws[f"{letter}{FIRST_ROW - 1}"]
        cell.value = "id" if key == "id" else _w(key, lang)
        cell.font, cell.fill, cell.alignment = Font(bold=True), _HEAD, _WRAP
    for letter, width in _WIDTHS.items():
        ws.column_dimensions[letter].width = width
    ws.column_dimensions["A"].hidden = True
    ws.freeze_panes = f"D{FIRST_ROW}"


def _row(ws: Any, row: int, n: DimensionNotes, lang: str, roles: dict[str, str]) -> None:
    s = n.score
    level_word = _w("level_word", lang)
    spread = None
    if s.low is not None and s.high is not None:
        spread = f"{fmt_num(s.low, lang, 2)}–{fmt_num(s.high, lang, 2)}"
    by_role = " · ".join(
        f"{roles.get(f'role_{g}', g)} {fmt_num(v, lang, 2)}" for g, v in n.roles
    )  # fmt: skip
    values = {
        "id": n.path, "framework": n.framework, "dimension": n.name,
        "self": f"{fmt_num(s.score, lang, 2)} ({level_word} {s.level})" if s.score is not None else "–",
        "spread": spread or "–", "roles": by_role or "–",
        "split": "\n".join(f"{qid}: {text}" for qid, text in n.split) or None,
        "why": "; ".join(n.flags(lang)) or None,
    }  # fmt: skip
    for key, value in values.items():
        ws[f"{COLUMNS[key]}{row}"] = value
        ws[f"{COLUMNS[key]}{row}"].alignment = _WRAP
    for key in ("level", "rationale_en", "rationale_vi", "evidence"):
        ws[f"{COLUMNS[key]}{row}"].fill = _OPEN
        ws[f"{COLUMNS[key]}{row}"].alignment = _WRAP
