"""Questionnaires out and answers in: fillable Excel workbooks and survey-tool exports.

build_workbook      a questionnaire as a fillable .xlsx (drop-downs, hidden ids, _meta)
import_responses    a filled-in workbook, or a Google Forms / Microsoft Forms / LimeSurvey
                    export, → one checked response file per respondent
init_mapping        draft the column → question mapping a survey export needs
"""

from __future__ import annotations

from .importer import ImportResult, MappingDraft, import_responses, init_mapping
from .xlsx_export import build_workbook

__all__ = ["ImportResult", "MappingDraft", "build_workbook", "import_responses", "init_mapping"]
