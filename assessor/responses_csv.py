"""Responses as CSV: one row per respondent, one column per question.

    respondent,vision-sponsor,vision-sponsor.comment,channels,kpi-nps
    r01,3,"Giám đốc bảo trợ",web;store,25

Extra columns `<question>.comment`, `.confidence`, `.importance` and `.target` carry the rest of
an answer; a multi-choice answer lists its options separated by ';'. Every row becomes a document
whose nodes carry the CSV row and column, so problems point at `file:row:column`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem
from .yamlsource import SourceDoc, nfc

__all__ = ["read_csv_responses"]

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_PARTS = ("comment", "confidence", "importance", "target")


def _cell_value(text: str) -> Any:
    text = nfc(text.strip())
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    if ";" in text:
        return [p.strip() for p in text.split(";") if p.strip()]
    return text


def _mark(path: Path, line: int, column: int) -> yaml.Mark:
    return yaml.Mark(str(path), 0, line - 1, column - 1, None, 0)


def _scalar(value: str, mark: yaml.Mark) -> yaml.ScalarNode:
    return yaml.ScalarNode(_STR, value, start_mark=mark, end_mark=mark)


def _row_doc(path: Path, header: list[str], row: list[str], line: int) -> SourceDoc:
    data: dict[str, Any] = {}
    answers: dict[str, dict[str, Any]] = {}
    answer_nodes: dict[str, list[tuple[yaml.Node, yaml.Node]]] = {}
    top: list[tuple[yaml.Node, yaml.Node]] = []
    for col, (name, cell) in enumerate(zip(header, row, strict=False), start=1):
        if not cell.strip():
            continue
        mark = _mark(path, line, col)
        value = _cell_value(cell)
        if name == "respondent":
            data["respondent"] = str(value) if not isinstance(value, list) else cell
            top.append((_scalar("respondent", mark), _scalar(cell, mark)))
            continue
        qid, _, part = name.partition(".")
        part = part if part in _PARTS else "value"
        if part in ("comment",):
            value = nfc(cell.strip())
        answers.setdefault(qid, {})[part] = value
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
    return SourceDoc(path, data, yaml.MappingNode(_MAP, top, start_mark=first))


def read_csv_responses(path: Path) -> Iterator[tuple[SourceDoc, list[Problem]]]:
    """One document per data row."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = [nfc(h.strip()) for h in next(reader, [])]
            if "respondent" not in header:
                problem = Problem(str(path), 1, 1, "", "the first row needs a 'respondent' column")
                yield SourceDoc(path, None, None), [problem]
                return
            for row in reader:
                if any(cell.strip() for cell in row):
                    yield _row_doc(path, header, row, reader.line_num), []
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        yield SourceDoc(path, None, None), [Problem(str(path), message=f"cannot read CSV: {exc}")]
