"""Import mappings: which column of a survey export answers which question.

kind: import-mapping
source: google-forms
questionnaire: crm-quick-scan
respondent: Email address           # optional: the column naming the respondent
timezone: "+07:00"                  # optional: for times written without a zone
columns:
  "Who drives the customer agenda…?": vision-customer-direction
  "Q5[SQ001]": {question: channels, option: web}
  "Q3": {question: data-single-view, values: {A1: 1, A2: 2, A3: 3, A4: 4}}
  "Anything else?": {question: closing-remarks, part: comment}
  "Comments #2": {question: remarks, part: comment}   # the second column titled Comments
  "column L": {ignore: true}           # a column by its letter
  "Department": {ignore: true}
role: {column: Department, values: {Sales: sales, Board: executive}}   # for --add-respondents
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, StrictBool, StrictFloat, StrictInt, StrictStr, field_validator

from ..checks import replaced, unknown
from ..errors import Problem
from ..loading import validate_as
from ..models import Id, Lang, Questionnaire, StrictModel
from ..yamlsource import parse_yaml
from .values import norm

__all__ = ["ColumnMap", "ImportMapping", "check_mapping_file", "load_mapping"]

Tools = Literal[
    "google-forms",
    "microsoft-forms",
    "limesurvey",
    "surveymonkey",
    "qualtrics",
    "kobotoolbox",
    "odk",
]
_OFFSET = re.compile(r"^(?:UTC|Z|[+-]\d{2}:?\d{2})$")


class ColumnMap(StrictModel):
    """What one column holds. A bare question id is short for `{question: id}`."""

    question: Id | None = Field(
        default=None, description="Question id; null means not mapped yet (an error on import)."
    )
    option: Id | None = Field(
        default=None,
        description="For a column per option (LimeSurvey `Q[SQ001]`): the option id it ticks.",
    )
    part: Literal["value", "comment"] = Field(
        default="value", description="Whether the column holds the answer or a comment on it."
    )
    values: dict[str, StrictBool | StrictInt | StrictFloat | StrictStr | list[StrictStr]] = Field(
        default_factory=dict,
        description="Exported code or text → answer (option id, level, 'yes', 'not_sure', …).",
    )
    ignore: bool = Field(default=False, description="Leave this column out of the import.")
    other: Literal["comment"] | None = Field(
        default=None,
        description="Text that is no option (a Google or Microsoft Forms 'Other' answer) "
        "becomes the answer's comment; without it such text is an error.",
    )

    @field_validator("values", mode="before")
    @classmethod
    def _text_keys(cls, value: Any) -> Any:
        return {str(k): v for k, v in value.items()} if isinstance(value, dict) else value

    def value_table(self) -> dict[str, Any]:
        return {norm(k): v for k, v in self.values.items()}


class FieldColumn(StrictModel):
    """A column telling something about the respondent (role or unit), for --add-respondents."""

    column: str = Field(description="The column's title (or `Title #2`, `column L`).")
    values: dict[str, str] = Field(
        default_factory=dict, description="Cell text → role or unit id (ids match as they are)."
    )

    @field_validator("values", mode="before")
    @classmethod
    def _text_keys(cls, value: Any) -> Any:
        return {str(k): v for k, v in value.items()} if isinstance(value, dict) else value

    def read(self, text: str) -> str:
        table = {norm(k): v for k, v in self.values.items()}
        return table.get(norm(text), norm(text))


class ImportMapping(StrictModel):
    """A survey export's columns → question ids (a `kind: import-mapping` file)."""

    kind: Literal["import-mapping"] = Field(description="Always 'import-mapping'.")
    source: Tools | None = Field(default=None, description="The survey tool that made the export.")
    questionnaire: Id | None = Field(default=None, description="The questionnaire it maps to.")
    respondent: str | None = Field(
        default=None, description="Column naming the respondent (default: the email column)."
    )
    language: Lang | None = Field(default=None, description="Language respondents answered in.")
    timezone: str | None = Field(
        default=None,
        description="Zone of times written without one: '+07:00' or 'Asia/Ho_Chi_Minh'.",
    )
    day_first: bool = Field(default=False, description="Dates like 1/9/2025 are day first.")
    role: FieldColumn | None = Field(
        default=None, description="The column giving a new respondent's role (--add-respondents)."
    )
    unit: FieldColumn | None = Field(
        default=None, description="The column giving a new respondent's unit (--add-respondents)."
    )
    columns: dict[str, ColumnMap] = Field(
        default_factory=dict, description="Column title (as exported) → what it holds."
    )

    @field_validator("columns", mode="before")
    @classmethod
    def _short_columns(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        return {
            str(k): {"question": v} if v is None or isinstance(v, str) else v
            for k, v in value.items()
        }

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None:
            zone_of(value)
        return value

    def tz(self) -> dt.tzinfo | None:
        return zone_of(self.timezone) if self.timezone else None

    def column(self, names: set[str]) -> tuple[str, ColumnMap] | None:
        """The entry for an export's column, given every normalised name it goes by."""
        return next(((k, c) for k, c in self.columns.items() if norm(k) in names), None)


def zone_of(name: str) -> dt.tzinfo:
    """'+07:00', '+0700', 'UTC' or an IANA name such as 'Asia/Ho_Chi_Minh'."""
    if _OFFSET.match(name):
        if name in ("UTC", "Z"):
            return dt.UTC
        sign = -1 if name[0] == "-" else 1
        digits = name[1:].replace(":", "")
        offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        return dt.timezone(sign * offset)
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown timezone '{name}' (use e.g. '+07:00' or 'Asia/Ho_Chi_Minh')"
        ) from None


def _check(mapping: ImportMapping, q: Questionnaire) -> list[tuple[tuple[str | int, ...], str]]:
    """Questions and options that exist, and no question answered by two columns."""
    index = q.question_index()
    found: list[tuple[tuple[str | int, ...], str]] = []
    if mapping.questionnaire not in (None, q.id):
        msg = f"maps questionnaire '{mapping.questionnaire}', but the assessment uses '{q.id}'"
        found.append((("questionnaire",), msg))
    taken: dict[tuple[str, str, str | None], str] = {}
    for title, col in mapping.columns.items():
        loc: tuple[str | int, ...] = ("columns", title)
        if col.ignore or col.question is None:
            continue
        question = index.get(col.question)
        if question is None:
            msg = replaced(q, col.question, fix="map") or unknown("question", col.question, index)
            found.append(((*loc, "question"), msg))
            continue
        if col.option is not None:
            found += _check_option(loc, question, col)
        key = (col.question, col.part, col.option)
        if key in taken:
            found.append((loc, f"'{col.question}' is already answered by column '{taken[key]}'"))
        taken[key] = title
    return found


def _check_option(loc: tuple[str | int, ...], question: Any, col: ColumnMap) -> list[Any]:
    if question.type != "multi_choice":
        return [((*loc, "option"), f"'{question.id}' is not a multi-choice question")]
    ids = [o.id for o in question.options]
    if col.option not in ids:
        return [((*loc, "option"), unknown("option", str(col.option), ids))]
    return []


def check_mapping_file(path: Path, questionnaires: Mapping[str, Questionnaire]) -> list[Problem]:
    """A mapping file's problems, for `crm-assess validate`: its schema, and its columns
    against the questionnaire it names (`questionnaire:`), when it names one."""
    doc, problems = parse_yaml(path)
    if doc is None:
        return problems
    mapping, more = validate_as(ImportMapping, doc)
    problems += more
    if mapping is None or mapping.questionnaire is None:
        return problems
    q = questionnaires.get(mapping.questionnaire)
    if q is None:
        msg = unknown("questionnaire", mapping.questionnaire, questionnaires)
        return [*problems, doc.problem(("questionnaire",), msg)]
    return problems + _problems(doc, mapping, q)


def _problems(doc: Any, mapping: ImportMapping, q: Questionnaire) -> list[Problem]:
    found = [doc.problem(loc, msg) for loc, msg in _check(mapping, q)]
    for title, col in mapping.columns.items():
        if col.question is None and not col.ignore:
            msg = f"column '{title}' is not mapped yet (set question: <id>, or ignore: true)"
            found.append(doc.problem(("columns", title), msg, key=True))
    return found


def load_mapping(path: Path, q: Questionnaire) -> tuple[ImportMapping | None, list[Problem]]:
    """Read and check a mapping file; every problem carries file:line:col."""
    doc, problems = parse_yaml(path)
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict) or doc.data.get("kind") != "import-mapping":
        return None, [
            *problems,
            doc.problem((), "expected a mapping file with kind: import-mapping"),
        ]
    mapping, more = validate_as(ImportMapping, doc)
    problems += more
    if mapping is not None:
        problems += _problems(doc, mapping, q)
    return (mapping if not problems else None), problems
