"""Answers read from a workbook or a survey export, checked by the workspace's own rules.

A `Draft` is one respondent's answers before validation, with the cell each came from. It is
turned into a `Response` and checked with `workspace.check_answers` through a small YAML node
tree whose marks stand for those cells, so every problem names `Sheet!D7` or `line:column`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import Problem
from ..loading import validation_problems
from ..models import Questionnaire, Respondent, Response
from ..workspace import check_answers
from ..yamlsource import SourceDoc
from .values import norm

__all__ = ["Draft", "Place", "check_draft", "match_respondent", "response_text"]

_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_MISSING = re.compile(r"required question '([^']+)'")
_PART_NAMES = {"comment": "a comment", "importance": "an importance rating"}


@dataclass(frozen=True)
class Place:
    """Where something stands in the imported file: line and column, or a cell like Sheet!D7."""

    line: int = 0
    column: int = 0
    location: str = ""

    def problem(self, path: Path, message: str, severity: str = "error") -> Problem:
        return Problem(str(path), self.line, self.column, self.location, message, severity)


@dataclass
class Draft:
    """One respondent's answers as read, before validation."""

    origin: Place
    who: list[str] = field(default_factory=list)
    who_place: Place = field(default_factory=Place)
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    places: dict[tuple[str, ...], Place] = field(default_factory=dict)
    submitted: dt.datetime | dt.date | None = None
    language: str | None = None
    role: str | None = None
    unreadable: set[str] = field(default_factory=set)
    nobody: str = "does not say who answered (no email or name)"
    """What to say when `who` is empty: each source knows best where the name belongs."""
    key: str = ""
    """A stable id for a respondent the workspace does not list (--add-respondents)."""
    facts: dict[str, str] = field(default_factory=dict)
    """What the row says about its respondent: name, email, role, unit."""
    incomplete: str = ""
    """Why the response is incomplete ('' when it is complete)."""

    def put(self, qid: str, part: str, value: Any, place: Place) -> None:
        self.answers.setdefault(qid, {})[part] = value
        self.places[(qid, part)] = place


def match_respondent(
    draft: Draft, respondents: Sequence[Respondent]
) -> tuple[Respondent | None, str | None]:
    """The respondent the draft's names point at: by email, name or id, case-insensitively."""
    for value in draft.who:
        key = norm(value)
        hits = [r for r in respondents if key in (norm(r.id), norm(r.name), norm(r.email or ""))]
        if len(hits) == 1:
            return hits[0], None
        if hits:
            ids = ", ".join(r.id for r in hits)
            return None, f"'{value}' matches several respondents ({ids}); use an id or email"
    if not draft.who:
        return None, draft.nobody
    names = " / ".join(f"'{v}'" for v in draft.who)
    return None, (
        f"unknown respondent {names}: add them to the respondents in assessment.yaml "
        "(with this email, name or id)"
    )


class _Marks:
    """Hands out YAML marks whose line is an index into the places they stand for."""

    def __init__(self) -> None:
        self.places: list[Place] = []

    def at(self, place: Place) -> yaml.Mark:
        self.places.append(place)
        return yaml.Mark("", 0, len(self.places) - 1, 0, None, 0)

    def scalar(self, value: Any, place: Place) -> yaml.Node:
        mark = self.at(place)
        if isinstance(value, list):
            items = [yaml.ScalarNode(_STR, str(v), mark, mark) for v in value]
            return yaml.SequenceNode(_SEQ, items, mark, mark)
        return yaml.ScalarNode(_STR, str(value), mark, mark)

    def mapping(self, pairs: list[tuple[str, yaml.Node]], place: Place) -> yaml.Node:
        mark = self.at(place)
        nodes = [(yaml.ScalarNode(_STR, k, v.start_mark, v.start_mark), v) for k, v in pairs]
        return yaml.MappingNode(_MAP, nodes, mark, mark)


def _located(path: Path, data: dict[str, Any], draft: Draft) -> tuple[SourceDoc, _Marks]:
    marks = _Marks()
    answer_nodes = []
    for qid, parts in data["answers"].items():
        cell = draft.places.get((qid, "value"), draft.origin)
        inner = [(p, marks.scalar(v, draft.places.get((qid, p), cell))) for p, v in parts.items()]
        answer_nodes.append((qid, marks.mapping(inner, cell)))
    top = [(k, marks.scalar(v, draft.origin)) for k, v in data.items() if k != "answers"]
    top[0] = ("respondent", marks.scalar(data["respondent"], draft.who_place))
    top.append(("answers", marks.mapping(answer_nodes, draft.origin)))
    return SourceDoc(path, data, marks.mapping(top, draft.origin)), marks


def _relocate(path: Path, found: Iterable[Problem], marks: _Marks, draft: Draft) -> list[Problem]:
    out = []
    for p in found:
        place = marks.places[p.line - 1] if p.line else draft.origin
        missing = _MISSING.search(p.message) if p.location == "answers" else None
        if missing and missing.group(1) in draft.unreadable:
            continue  # its cell's own problem says it already
        if missing:
            place = draft.places.get((missing.group(1), "value"), draft.origin)
        out.append(place.problem(path, p.message, p.severity))
    return out


def check_draft(
    path: Path, draft: Draft, respondent: Respondent, q: Questionnaire, lenient: bool
) -> tuple[Response | None, list[Problem]]:
    """Validate a draft as the workspace would; problems point into the imported file."""
    data: dict[str, Any] = {"respondent": respondent.id, "questionnaire": q.id}
    data |= {"language": draft.language} if draft.language else {}
    data["answers"] = {
        x.id: draft.answers[x.id] for x in q.questions() if "value" in draft.answers.get(x.id, {})
    }
    doc, marks = _located(path, data, draft)
    response, found = _validate(doc, data)
    if response is not None:
        found += check_answers(doc, response, respondent, q, lenient)
        response = response.model_copy(update={"submitted": draft.submitted})
    return response, _relocate(path, found, marks, draft) + _orphans(path, draft)


def _validate(doc: SourceDoc, data: dict[str, Any]) -> tuple[Response | None, list[Problem]]:
    """The response, and the schema's problems; a bad part (say, an importance of 7) is
    reported and left out, so the answers themselves are still checked in the same pass."""
    try:
        return Response.model_validate(data), []
    except ValidationError as exc:
        problems = validation_problems(doc, exc, Response)
        bad = {tuple(e["loc"][1:3]) for e in exc.errors() if e["loc"][:1] == ("answers",)}
    answers = {
        qid: {p: v for p, v in parts.items() if (qid, p) not in bad}
        for qid, parts in data["answers"].items()
        if (qid, "value") not in bad and (qid,) not in bad
    }
    try:
        return Response.model_validate({**data, "answers": answers}), problems
    except ValidationError:
        return None, problems


def _orphans(path: Path, draft: Draft) -> list[Problem]:
    """A comment or importance without an answer would be lost: say so."""
    return [
        draft.places[(qid, part)].problem(
            path, f"{_PART_NAMES[part]} needs an answer too (choose 'Not sure' if you do not know)"
        )
        for qid, parts in draft.answers.items()
        if "value" not in parts
        for part in parts
    ]


def response_text(response: Response) -> str:
    """The response as YAML, in the shape people write by hand (short answers stay short)."""
    answers: dict[str, Any] = {}
    for qid, answer in response.answers.items():
        extra = answer.model_dump(exclude_none=True, exclude={"value"})
        answers[qid] = {"value": answer.value, **extra} if extra else answer.value
    data = {
        "respondent": response.respondent,
        "questionnaire": response.questionnaire,
        "language": response.language,
        "submitted": response.submitted,
        "answers": answers,
    }
    kept = {k: v for k, v in data.items() if v is not None}
    return yaml.safe_dump(kept, allow_unicode=True, sort_keys=False, width=100)
