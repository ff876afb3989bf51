"""`crm-assess collect export`: collected answers → `responses/<respondent>.yaml`.

Each file is checked against the questionnaire exactly as `score` will check it before anything
is written; files are written atomically. A response file this command wrote before is updated;
any other file of the same name is left alone unless `force` is given.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..answers import visible
from ..checks import replaced
from ..errors import Problem, ResponseError
from ..fsio import write_atomic
from ..loading import Library, validate_as
from ..models import Questionnaire, Respondent, Response
from ..workspace import check_answers
from ..yamlsource import parse_yaml
from .invite import read_assessment
from .store import Person, Store, StoredAnswer

__all__ = ["MARKER", "Export", "export_responses"]

MARKER = "# Collected with the crm-assess web questionnaire; `crm-assess collect export` updates it"
# The marker line ends with the SHA-256 of the text below it: a file edited since it was
# written no longer matches, and is then left alone like any file written by hand.


@dataclass
class Export:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def export_responses(
    workspace: Path, library: Library, *, unfinished: bool = False, force: bool = False
) -> Export:
    """Write the response file of every respondent who finished (or started, if `unfinished`)."""
    assessment = read_assessment(workspace)
    questionnaire = library.questionnaire(assessment.questionnaire)
    listed = {r.id: r for r in assessment.respondents}
    store = Store.of(workspace)
    out, problems, jobs = Export(), [], []
    for person in store.people():
        stored = store.answers(person.id)
        if not stored or (person.finished is None and not unfinished):
            if stored:
                out.skipped.append(person.name)
            continue
        respondent = listed.get(person.id)
        target = workspace / "responses" / f"{person.id}.yaml"
        if respondent is None:
            problems.append(Problem(str(workspace / "assessment.yaml"),
                                    message=f"respondent '{person.id}' is no longer listed"))  # fmt: skip
            continue
        text = _response_text(person, respondent, questionnaire, stored, assessment.language)
        out.warnings += _left_out(store, person, questionnaire, stored)
        problems += _check(target, text, respondent, questionnaire, force, out)
        jobs.append((target, text))
    if problems:
        raise ResponseError(problems)
    for target, text in jobs:
        if _ours_unchanged(target) and target.read_text("utf-8") == text:
            out.unchanged.append(target)
            continue
        write_atomic(target, text, force=True)
        out.written.append(target)
    return out


def _response_text(
    person: Person, respondent: Respondent, q: Questionnaire, stored: dict[str, StoredAnswer],
    language: str,
) -> str:  # fmt: skip
    values = {k: a.value for k, a in stored.items()}
    answers: dict[str, Any] = {}
    for question in q.questions():  # questionnaire order; answers the conditions now hide go
        answer = stored.get(question.id)
        if answer is None or not visible(question, respondent.role, values):
            continue
        extra = {"comment": answer.comment, "importance": answer.importance}
        extra = {k: v for k, v in extra.items() if v is not None}
        answers[question.id] = {"value": answer.value, **extra} if extra else answer.value
    last = max(a.saved for a in stored.values())
    data = {
        "respondent": respondent.id,
        "questionnaire": q.id,
        "language": person.lang or language,
        "submitted": dt.date.fromisoformat((person.finished or last)[:10]),
        "answers": answers,
    }
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return f"{MARKER} (sha256 {_digest(body)}).\n{body}"


def _left_out(
    store: Store, person: Person, q: Questionnaire, stored: dict[str, StoredAnswer]
) -> list[Problem]:
    """Answers saved to questions the questionnaire no longer has (it changed since they were
    given): not exported, each with the reason, and the new id where the question was renamed."""
    index = q.question_index()
    out = []
    for qid in stored:
        if qid in index:
            continue
        msg = replaced(q, qid) or f"question '{qid}' is not in {q.id} {q.version}"
        out.append(Problem(str(store.path), location=f"respondent {person.id}, answers.{qid}",
                           message=f"{msg} (not exported)", severity="warning"))  # fmt: skip
    return out


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def _ours_unchanged(target: Path) -> bool | None:
    """True: written by export and untouched since; False: anything else; None: unreadable."""
    try:
        text = target.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    first, _, body = text.partition("\n")
    return first == f"{MARKER} (sha256 {_digest(body)})."


def _check(
    target: Path, text: str, respondent: Respondent, q: Questionnaire, force: bool, out: Export
) -> list[Problem]:
    problems = []
    if target.exists() and not force and not _ours_unchanged(target):
        problems.append(Problem(str(target), message="exists and was not written by `collect "
                                "export`, or was edited since (use --force to replace it)"))  # fmt: skip
    doc, found = parse_yaml(target, text)
    problems += found
    if doc is None:
        return problems
    response, more = validate_as(Response, doc)
    problems += more
    if response is not None:
        checked = check_answers(doc, response, respondent, q, lenient=True)
        problems += [p for p in checked if p.severity == "error"]
        out.warnings += [p for p in checked if p.severity != "error"]
    return problems
