"""Responses as CSV: one row per respondent, one column per question.

    respondent,vision-sponsor,vision-sponsor.comment,channels,kpi-nps
    r01,3,"Giám đốc bảo trợ",web;store,25

Extra columns `<question>.comment`, `.confidence`, `.importance` and `.target` carry the rest of
an answer; a multi-choice answer lists its options separated by ';'. A cell becomes a number or
a list only where its question asks for one: free text such as `2024`, `NaN` or `Sales; marketing`
stays text. Every row becomes a document whose nodes carry the CSV row and column, so problems
point at `file:row:column`.

Nothing is guessed: a column that is neither `respondent`, a question id nor a question id with
one of the four parts above, a column named twice and a value beyond the last named column are
problems, not silently dropped or merged into an answer.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from .checks import did_you_mean
from .errors import Problem, shown
from .fsio import read_text
from .models import NOT_APPLICABLE, NOT_SURE
from .numbers import parse_number
from .yamlsource import SourceDoc, nfc

__all__ = ["read_csv_responses"]

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_PARTS = ("comment", "confidence", "importance", "target")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d{1,15}(?:\.\d{1,15})?$")

# The file's size is already bounded (fsio.max_file_bytes), so a long cell is read whole and
# its length reported at its place by the field's own limit, not as a csv "field limit" error.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _number(text: str) -> Any:
    if _PLAIN_NUMBER.match(text):
        value = float(text)
        return int(value) if value.is_integer() and "." not in text else value
    return text


def _typed(question: Any, part: str, cell: str) -> Any:
    """A cell's text as the value its question asks for; text when it is not one."""
    text = nfc(cell.strip())
    if part in ("comment", "confidence"):
        return text
    if part in ("importance", "target"):
        return _number(text)
    kind = getattr(question, "type", "text")
    if text in (NOT_SURE, NOT_APPLICABLE) and kind != "text":
        return text
    if kind == "multi_choice":
        return [p.strip() for p in text.split(";") if p.strip()]
    if kind in ("maturity", "likert"):
        return _number(text)
    if kind in ("number", "percent"):
        value = parse_number(text)
        return text if value is None else value
    return text


def _mark(path: Path, line: int, column: int) -> yaml.Mark:
    return yaml.Mark(str(path), 0, line - 1, column - 1, None, 0)


def _scalar(value: str, mark: yaml.Mark) -> yaml.ScalarNode:
    return yaml.ScalarNode(_STR, value, start_mark=mark, end_mark=mark)


def _header_problems(path: Path, header: list[str]) -> list[Problem]:
    """Columns that would change an answer silently: misspelt parts, names given twice."""
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for col, name in enumerate(header, start=1):
        if not name:
            continue
        qid, dot, part = name.partition(".")
        if dot and part not in _PARTS:
            wanted = [f"{qid}.{p}" for p in _PARTS]
            msg = (
                f"unknown column {shown(name)}{did_you_mean(name, wanted)}: after a question id "
                "a column may end in .comment, .confidence, .importance or .target"
            )
            problems.append(Problem(str(path), 1, col, "", msg))
        if name in first:
            msg = f"column {shown(name)} appears twice (first in column {first[name]})"
            problems.append(Problem(str(path), 1, col, "", msg))
        first.setdefault(name, col)
    if "respondent" not in first:
        problems.append(Problem(str(path), 1, 1, "", "the first row needs a 'respondent' column"))
    return problems


def _row_doc(
    path: Path, header: list[str], row: list[str], line: int, questions: Mapping[str, Any]
) -> tuple[SourceDoc, list[Problem]]:
    data: dict[str, Any] = {}
    answers: dict[str, dict[str, Any]] = {}
    answer_nodes: dict[str, list[tuple[yaml.Node, yaml.Node]]] = {}
    top: list[tuple[yaml.Node, yaml.Node]] = []
    problems: list[Problem] = []
    for col, cell in enumerate(row, start=1):
        if not cell.strip():
            continue
        mark = _mark(path, line, col)
        name = header[col - 1] if col <= len(header) else ""
        if not name:
            msg = f"a value in a column without a name in the first row (got {shown(cell)})"
            problems.append(Problem(str(path), line, col, "", msg))
            continue
        if name == "respondent":
            data["respondent"] = nfc(cell.strip())
            top.append((_scalar("respondent", mark), _scalar(cell, mark)))
            continue
        qid, _, part = name.partition(".")
        part = part or "value"
        answers.setdefault(qid, {})[part] = _typed(questions.get(qid), part, cell)
        answer_nodes.setdefault(qid, []).append((_scalar(part, mark), _scalar(cell, mark)))
    first = _mark(path, line, 1)
    pairs = [
        (
            _scalar(qid, nodes[0][0].start_mark),
            yaml.MappingNode(_MAP, nodes, start_mark=nodes[0][0].start_mark),
        )
        for qid, nodes in answer_nodes.items()
    ]
    top.append((_scalar("answers", first), yaml.MappingNode(_MAP, pairs, start_mark=first)))
    data["answers"] = answers
    return SourceDoc(path, data, yaml.MappingNode(_MAP, top, start_mark=first)), problems


def read_csv_responses(
    path: Path, questions: Mapping[str, Any] | None = None
) -> Iterator[tuple[SourceDoc, list[Problem]]]:
    """One document per data row; `questions` (id → question) say how to read each cell."""
    questions = questions or {}
    text, unreadable = read_text(path)
    if text is None:
        yield SourceDoc(path, None, None), [unreadable] if unreadable else []
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [nfc(h.strip()) for h in next(reader, [])]
        problems = _header_problems(path, header)
        if problems:
            yield SourceDoc(path, None, None), problems
            return
        start = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                yield _row_doc(path, header, row, start, questions)
            start = reader.line_num + 1
    except csv.Error as exc:
        msg = f"cannot read CSV: {str(exc)[:80]}"
        yield SourceDoc(path, None, None), [Problem(str(path), reader.line_num or 1, 1, "", msg)]
