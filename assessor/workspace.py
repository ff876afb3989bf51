"""An assessment workspace: `assessment.yaml` plus one response file per respondent.

    client-x/
      assessment.yaml      client, date, questionnaire, target profile, respondents
      responses/r01.yaml   one respondent's answers (YAML, JSON, or CSV rows)

Loading checks every response against the questionnaire and reports every problem at once,
each with file:line:col. With `lenient=True`, incomplete responses are warnings and scoring
uses what is there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import checks
from .answers import answer_problem, normalised, visible
from .context import choose_profile
from .errors import Problem, ResponseError, shown
from .loading import Library, load_document, validate_as, workspace_context
from .models import Answer, Assessment, Framework, Profile, Questionnaire, Respondent, Response
from .models.review import Review
from .response_cache import cached_responses
from .responses_csv import read_csv_responses
from .review_load import load_review
from .yamlsource import SourceDoc, parse_yaml

__all__ = ["AnswerSheet", "Workspace", "load_workspace"]

RESPONSE_SUFFIXES = (".yaml", ".yml", ".json", ".csv")
_HINTS = 100  # problems in one file after which unknown names get no "did you mean"


@dataclass(frozen=True)
class AnswerSheet:
    """One respondent's validated answers."""

    respondent: Respondent
    answers: dict[str, Answer]
    source: str

    def values(self) -> dict[str, Any]:
        return {q: a.value for q, a in self.answers.items()}


@dataclass
class Workspace:
    """Everything one assessment needs, validated."""

    path: Path
    assessment: Assessment
    questionnaire: Questionnaire
    frameworks: list[Framework]
    profile: Profile | None
    sheets: list[AnswerSheet]
    warnings: list[Problem] = field(default_factory=list)
    review: Review | None = None  # the consultant's review.yaml, when there is one


def load_workspace(path: Path, library: Library, *, lenient: bool = False) -> Workspace:
    """Load and validate a workspace; raise ResponseError listing every problem."""
    file = path / "assessment.yaml" if path.is_dir() else path
    root = file.parent
    model, doc, problems = load_document(
        file, kinds={"assessment": Assessment}, context=workspace_context(library)
    )
    if model is not None and not isinstance(model, Assessment):
        problems.append(
            Problem(str(file), message=f"expected kind 'assessment', not '{model.kind}'")
        )
    if not isinstance(model, Assessment) or doc is None:
        raise ResponseError(problems or [Problem(str(file), message="not an assessment")])
    problems += _check_assessment(model, doc, library)
    if problems:
        raise ResponseError(problems)
    questionnaire = library.questionnaire(model.questionnaire)
    folder = root / "responses"
    sheets, found = cached_responses(folder, model, questionnaire, lenient, _load_responses)
    errors = [p for p in found if p.severity == "error"]
    if errors:
        raise ResponseError(errors)
    in_scope = (
        model.frameworks or questionnaire.frameworks or _mapped_frameworks(questionnaire, library)
    )
    frameworks = [library.framework(f) for f in in_scope]
    chosen = choose_profile(model).value
    profile = None if chosen == "respondents" else library.profile(chosen)
    warnings = [p for p in found if p.severity != "error"]
    langs = questionnaire.title.languages
    review, found = load_review(root, frameworks, questionnaire, sheets, langs)
    if found:
        raise ResponseError(found)
    return Workspace(root, model, questionnaire, frameworks, profile, sheets, warnings, review)


def _mapped_frameworks(questionnaire: Questionnaire, library: Library) -> list[str]:
    used = {m.framework for q in questionnaire.questions() if q.type != "text" for m in q.maps_to}
    return [f for f in library.frameworks if f in used]


def _check_assessment(a: Assessment, doc: SourceDoc, library: Library) -> list[Problem]:
    found: list[tuple[tuple[str | int, ...], str]] = []
    if a.questionnaire not in library.questionnaires:
        found.append(
            (
                ("questionnaire",),
                checks.unknown("questionnaire", a.questionnaire, library.questionnaires)
                + library.looked(),
            )
        )
    declared = getattr(library.questionnaires.get(a.questionnaire), "frameworks", [])
    for i, fw in enumerate(a.frameworks):
        if fw not in library.frameworks:
            msg = checks.unknown("framework", fw, library.frameworks) + library.looked()
            found.append((("frameworks", i), msg))
        elif declared and fw not in declared:
            msg = (
                f"questionnaire '{a.questionnaire}' does not score '{fw}' "
                f"(it scores {', '.join(declared)})"
            )
            found.append((("frameworks", i), msg))
    found += checks.check_course(
        a.roadmap.position, a.roadmap.route, library.frameworks, ("roadmap",)
    )
    profile = choose_profile(a).value
    if profile != "respondents" and profile not in library.profiles:
        choices = [*library.profiles, "respondents"]
        msg = checks.unknown("target profile", profile, choices) + library.looked()
        found.append((("target", "profile"), msg))
    found += checks.duplicates([u.id for u in a.units], ("units",), "unit id")
    found += checks.duplicates([r.id for r in a.respondents], ("respondents",), "respondent id")
    units = [u.id for u in a.units]
    for i, r in enumerate(a.respondents):
        if r.unit is not None and r.unit not in units:
            found.append((("respondents", i, "unit"), checks.unknown("unit", r.unit, units)))
    problems = [doc.problem(loc, msg) for loc, msg in found]
    for path in a.target.overrides:
        fw_id, _, dim = path.partition("/")
        framework = library.frameworks.get(fw_id)
        if framework is None or dim not in [d.id for d in framework.dimensions]:
            names = [f"{f.id}/{d.id}" for f in library.frameworks.values() for d in f.dimensions]
            msg = checks.unknown("dimension", path, names)
            problems.append(doc.problem(("target", "overrides", path), msg, key=True))
    return problems


def _response_docs(folder: Path, q: Questionnaire) -> Iterable[tuple[SourceDoc, list[Problem]]]:
    """Every response file (YAML, JSON, CSV) as documents; a file that is not a regular file
    (a FIFO, a device, a broken link) is a problem reported by reading it, never skipped."""
    if not folder.is_dir():
        return
    for file in sorted(folder.iterdir()):
        if file.name.startswith(".") or file.suffix not in RESPONSE_SUFFIXES:
            continue
        if file.suffix == ".csv":
            yield from read_csv_responses(file, q.question_index())
            continue
        doc, problems = parse_yaml(file)
        if doc is not None:
            yield doc, problems
        else:
            yield SourceDoc(file, None, None), problems


def _load_responses(
    folder: Path, a: Assessment, q: Questionnaire, lenient: bool
) -> tuple[list[AnswerSheet], list[Problem]]:
    respondents = {r.id: r for r in a.respondents}
    first_seen: dict[str, str] = {}
    sheets: list[AnswerSheet] = []
    problems: list[Problem] = []
    pool: dict[tuple[Any, ...], Answer] = {}
    for doc, found in _response_docs(folder, q):
        problems += found
        if doc.data is None or not isinstance(doc.data, dict):
            problems += [] if found else [_not_a_response(doc)]
            continue
        response, more = validate_as(Response, doc)
        problems += more
        broken: set[str] = set()
        if response is None:  # still check its answers, so every problem shows at once
            response, broken = _salvage(doc.data)
            if response is None:
                continue
        respondent = respondents.get(response.respondent)
        if respondent is None:
            msg = checks.unknown("respondent", response.respondent, respondents)
            problems.append(
                doc.problem(("respondent",), msg + " (list respondents in assessment.yaml)")
            )
            continue
        if response.respondent in first_seen:
            msg = f"respondent '{response.respondent}' already answered in {first_seen[response.respondent]}"
            problems.append(doc.problem(("respondent",), msg))
            continue
        first_seen[response.respondent] = str(doc.path)
        if response.questionnaire not in (None, q.id):
            msg = f"answers questionnaire '{response.questionnaire}', but the assessment uses '{q.id}'"
            problems.append(doc.problem(("questionnaire",), msg))
            continue
        response = _normalised(response, q)
        problems += check_answers(doc, response, respondent, q, lenient, also_answered=broken)
        if not more:
            answers = _shown(response.answers, respondent, q)
            sheets.append(AnswerSheet(respondent, _shared(answers, pool), str(doc.path)))
    return sheets, problems


def _shared(answers: dict[str, Answer], pool: dict[tuple[Any, ...], Answer]) -> dict[str, Answer]:
    """The answers, each replaced by an equal one already seen (answers are frozen).

    Thousands of respondents give a few hundred distinct answers (a value, mostly without a
    comment), so sharing them keeps memory flat and lets the cache of checked responses store
    and read back each distinct answer once.
    """
    shared = {}
    for qid, a in answers.items():
        v = a.value
        key = (type(v), tuple(v) if isinstance(v, list) else v,
               a.comment, a.confidence, a.importance, a.target)  # fmt: skip
        shared[qid] = pool.setdefault(key, a)
    return shared


def _normalised(response: Response, q: Questionnaire) -> Response:
    """Answers in the one spelling conditions and scoring compare (see answers.normalised)."""
    index = q.question_index()
    answers = {}
    for qid, answer in response.answers.items():
        question = index.get(qid)
        value = answer.value if question is None else normalised(question, answer.value)
        answers[qid] = (
            answer if value == answer.value else answer.model_copy(update={"value": value})
        )
    return response.model_copy(update={"answers": answers})


def _shown(
    answers: dict[str, Answer], respondent: Respondent, q: Questionnaire
) -> dict[str, Answer]:
    """The answers to questions the respondent is shown. An answer that the role or a condition
    hides is an error, or with --lenient a warning, and is never scored or counted."""
    index = q.question_index()
    values = {k: a.value for k, a in answers.items()}
    return {
        k: a
        for k, a in answers.items()
        if k not in index or visible(index[k], respondent.role, values)
    }


def _not_a_response(doc: SourceDoc) -> Problem:
    """An empty file is skipped with a warning; any other non-mapping is an error."""
    if doc.data is None:
        msg = "the file is empty: no answers read"
        return Problem(str(doc.path), 1, 1, "", msg, severity="warning")
    found = "a list" if isinstance(doc.data, list) else f"the value {shown(doc.data)}"
    msg = f"expected a mapping with 'respondent' and 'answers' keys, not {found}"
    return doc.problem((), msg)


def _salvage(data: dict[Any, Any]) -> tuple[Response | None, set[str]]:
    """The answers of a response that failed validation, as far as they can still be checked.

    Unknown keys are dropped and answers that are themselves invalid are left out (their
    problems are already reported); the ids of those are returned so they count as answered.
    """
    raw = data.get("answers")
    if not isinstance(raw, dict):
        return None, set()
    head = {k: data[k] for k in ("respondent", "questionnaire") if k in data}
    try:
        response = Response.model_validate({**head, "answers": {}})
    except ValidationError:
        return None, set()
    answers: dict[str, Answer] = {}
    broken: set[str] = set()
    for qid, value in raw.items():
        if not isinstance(qid, str):
            continue
        fields = value if isinstance(value, dict) else {"value": value}
        try:
            answers[qid] = Answer.model_validate(
                {k: v for k, v in fields.items() if k in Answer.model_fields}
            )
        except ValidationError:
            broken.add(qid)
    return response.model_copy(update={"answers": answers}), broken


def check_answers(
    doc: SourceDoc,
    response: Response,
    respondent: Respondent,
    q: Questionnaire,
    lenient: bool,
    *,
    also_answered: Iterable[str] = (),
) -> list[Problem]:
    """Unknown questions, wrong values, hidden questions answered, required ones missing.

    `also_answered` names answers that are there but too broken to check (already reported).
    """
    index = q.question_index()
    values = {k: a.value for k, a in response.answers.items()}
    answered = set(values) | set(also_answered)
    incomplete = "warning" if lenient else "error"
    problems: list[Problem] = []
    for qid, answer in response.answers.items():
        loc = ("answers", qid)
        if qid not in index:
            msg = (
                f"question '{qid}' was replaced by '{q.renamed[qid]}' in {q.id} {q.version}: "
                f"answer '{q.renamed[qid]}' instead"
                if qid in q.renamed
                else checks.unknown("question", qid, index, hint=len(problems) < _HINTS)
            )
            problems.append(doc.problem(loc, msg, key=True))
            continue
        question = index[qid]
        problem = answer_problem(question, answer.value)
        if problem:
            problems.append(doc.problem(_value_loc(doc, loc), problem))
        elif question.audience and respondent.role not in question.audience:
            msg = (
                f"answers a question not asked of role '{respondent.role}' "
                f"(audience: {', '.join(question.audience)})"
            ) + (" (not scored)" if lenient else "")
            problems.append(doc.problem(loc, msg, key=True, severity=incomplete))
        elif question.relevant and not visible(question, respondent.role, values):
            msg = f"answers a question its condition hides ({question.relevant})"
            msg += " (not scored)" if lenient else ""
            problems.append(doc.problem(loc, msg, key=True, severity=incomplete))
    for question in q.questions():
        if (
            question.required
            and question.id not in answered
            and visible(question, respondent.role, values)
        ):
            msg = f"missing answer to required question '{question.id}'"
            problems.append(doc.problem(("answers",), msg, key=True, severity=incomplete))
    return problems


def _value_loc(doc: SourceDoc, loc: tuple[str, str]) -> tuple[str | int, ...]:
    """Point at `value` inside a long-form answer, at the answer itself otherwise."""
    data = doc.data.get("answers", {}).get(loc[1]) if isinstance(doc.data, dict) else None
    return (*loc, "value") if isinstance(data, dict) else loc
