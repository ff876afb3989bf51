"""Reading a workspace's `review.yaml`: schema, then references to the rest of the workspace.

Every problem is reported at once with file:line:col, like every other file. A workspace
without `review.yaml` has no review; the reports then show the self-assessment alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import checks
from .answers import SKIPS
from .errors import Problem
from .loading import load_document, workspace_context
from .models.common import LANGUAGES
from .models.framework import Framework
from .models.questionnaire import Questionnaire
from .models.review import Agreed, Review

if TYPE_CHECKING:
    from .workspace import AnswerSheet

__all__ = ["REVIEW_FILE", "agreed_by_dimension", "capability_members", "load_review", "quotable"]

REVIEW_FILE = "review.yaml"
Finding = tuple[tuple[str | int, ...], str]


def load_review(
    root: Path,
    frameworks: Sequence[Framework],
    questionnaire: Questionnaire,
    sheets: Sequence[AnswerSheet],
    languages: Sequence[str] = LANGUAGES,
) -> tuple[Review | None, list[Problem]]:
    """The review in `root`, if there is one, and every problem found in it; its text is in
    `languages` (the questionnaire's)."""
    file = root / REVIEW_FILE
    if not file.is_file():
        return None, []
    context = workspace_context(None, languages)
    model, doc, problems = load_document(file, kinds={"review": Review}, context=context)
    if not isinstance(model, Review) or doc is None:
        return None, problems
    found = _check_agreed(model, frameworks) + _check_quotes(model, questionnaire, sheets)
    problems += [doc.problem(loc, msg) for loc, msg in found]
    return (None if problems else model), problems


def _check_agreed(review: Review, frameworks: Sequence[Framework]) -> list[Finding]:
    paths = [f"{fw.id}/{d.id}" for fw in frameworks for d in fw.dimensions]
    capabilities = {c for fw in frameworks for d in fw.dimensions for c in d.capabilities}
    found: list[Finding] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(review.agreed):
        key = "dimension" if entry.dimension is not None else "capability"
        if entry.dimension is not None and entry.dimension not in paths:
            found.append(
                ((("agreed", i, key)), checks.unknown("dimension in scope", entry.target, paths))
            )
        elif entry.capability is not None and entry.capability not in capabilities:
            msg = checks.unknown("capability in scope", entry.target, sorted(capabilities))
            found.append((("agreed", i, key), msg))
        if entry.target in seen:
            msg = f"'{entry.target}' is reviewed twice (first at agreed[{seen[entry.target]}])"
            found.append((("agreed", i, key), msg))
        seen.setdefault(entry.target, i)
    return found


def quotable(comment: str | None, value: object, kind: str) -> str | None:
    """The text an answer offers for quoting: its comment, else a written (text) answer."""
    if comment:
        return comment
    if kind == "text" and isinstance(value, str) and value not in SKIPS:
        return value
    return None


def _check_quotes(
    review: Review, questionnaire: Questionnaire, sheets: Sequence[AnswerSheet]
) -> list[Finding]:
    by_id = {s.respondent.id: s for s in sheets}
    index = questionnaire.question_index()
    found: list[Finding] = []
    for i, quote in enumerate(review.quotes):
        sheet = by_id.get(quote.respondent)
        if sheet is None:
            msg = checks.unknown("respondent with answers", quote.respondent, by_id)
            found.append((("quotes", i, "respondent"), msg))
            continue
        answer = sheet.answers.get(quote.question)
        kinds = {q: index[q].type if q in index else "" for q in sheet.answers}
        if answer is None or not quotable(answer.comment, answer.value, kinds[quote.question]):
            commented = [
                q for q, a in sheet.answers.items() if quotable(a.comment, a.value, kinds[q])
            ]
            msg = f"'{quote.respondent}' left no comment on '{quote.question}'"
            hint = checks.did_you_mean(quote.question, commented)
            found.append((("quotes", i, "question"), msg + hint))
    return found


def capability_members(frameworks: Sequence[Framework], capability: str) -> list[str]:
    """The dimension paths a capability stands for, as the capability view counts them
    (docs/scoring.md §7): the maturity dimensions whose main (first listed) capability it is;
    when there are none, every maturity dimension naming it."""
    named = [
        (f"{fw.id}/{d.id}", d.main_capability == capability)
        for fw in frameworks
        if fw.matrix is None
        for d in fw.dimensions
        if capability in d.capabilities
    ]
    return [p for p, main in named if main] or [p for p, _ in named]


def agreed_by_dimension(
    review: Review | None, frameworks: Sequence[Framework]
) -> dict[str, Agreed]:
    """dimension path → its agreed entry with a level; a dimension's own entry beats its
    capability's."""
    if review is None:
        return {}
    out: dict[str, Agreed] = {}
    for entry in review.agreed:
        if entry.level is None or entry.capability is None:
            continue
        for path in capability_members(frameworks, entry.capability):
            out[path] = entry
    for entry in review.agreed:
        if entry.level is not None and entry.dimension is not None:
            out[entry.dimension] = entry
    return out
