"""Importing answers into a workspace: read, check everything, then write every response.

Nothing is written until every row or cell of the file has been read and checked the way
`crm-assess score` checks responses; an existing response is replaced only with `force`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, ResponseError
from ..fsio import write_atomic
from ..loading import Library, load_document, load_library
from ..models import Assessment, Questionnaire, Respondent, Response
from ..pipeline import workspace_library
from .drafts import Draft, check_draft, match_respondent, response_text
from .mapping import load_mapping
from .mapping_draft import Match, draft_matches, mapping_text
from .survey import Table, detect, repeated_titles
from .survey_rows import table_drafts
from .xlsx_import import read_workbook

__all__ = ["ImportResult", "MappingDraft", "import_responses", "init_mapping"]


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote, and what it warned about."""

    tool: str
    written: list[Path]
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class MappingDraft:
    """A drafted mapping file and what went into it."""

    path: Path
    tool: str
    matches: list[Match]


def _open(workspace: Path, library_dirs: Iterable[Path]) -> tuple[Assessment, Questionnaire]:
    library: Library = load_library([*library_dirs, *workspace_library(workspace)])
    file = workspace / "assessment.yaml" if workspace.is_dir() else workspace
    model, _, problems = load_document(file, kinds={"assessment": Assessment})
    if not isinstance(model, Assessment) or problems:
        raise ResponseError(problems or [Problem(str(file), message="not an assessment")])
    return model, library.questionnaire(model.questionnaire)


def _mapping_path(file: Path, mapping: Path | None) -> Path:
    return mapping if mapping is not None else file.with_suffix(".mapping.yaml")


def _read(
    file: Path, q: Questionnaire, mapping: Path | None
) -> tuple[str, list[Draft], list[Problem]]:
    kind, source = detect(file)
    if kind == "workbook":
        drafts, problems = read_workbook(file, source, q)
        if mapping is not None:
            msg = f"--mapping {mapping} is not used: a crm-assess workbook needs no mapping"
            problems.append(Problem(str(file), message=msg, severity="warning"))
        return kind, drafts, problems
    repeated = repeated_titles(file, source)
    map_file = _mapping_path(file, mapping)
    if not map_file.is_file():
        msg = (
            f"a {source.tool.name} export needs a mapping from its columns to question ids: "
            f"draft one with `crm-assess responses import --init-mapping`, then pass --mapping"
        )
        raise ResponseError([*repeated, Problem(str(file), message=msg)])
    parsed, problems = load_mapping(map_file, q)
    if parsed is None or repeated:
        raise ResponseError(repeated + problems)
    drafts, problems = table_drafts(file, source, parsed, map_file.name, q)
    return kind, drafts, problems


def _check(
    file: Path, drafts: list[Draft], a: Assessment, q: Questionnaire, lenient: bool
) -> tuple[list[Response], list[Problem]]:
    responses: list[Response] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for draft in drafts:
        respondent, msg = match_respondent(draft, a.respondents)
        if respondent is None:
            problems.append(draft.who_place.problem(file, msg or "unknown respondent"))
            continue
        if respondent.id in seen:
            also = seen[respondent.id]
            msg = f"respondent '{respondent.id}' answers twice (also at {also}); keep one"
            problems.append(draft.who_place.problem(file, msg))
            continue
        seen[respondent.id] = _where(draft)
        if draft.role and draft.role != respondent.role:
            msg = (
                f"the workbook was made for role '{draft.role}', "
                f"but {respondent.id} is '{respondent.role}'"
            )
            problems.append(draft.who_place.problem(file, msg, "warning"))
        problems += _drop_other_roles(file, draft, respondent, q)
        response, found = check_draft(file, draft, respondent, q, lenient)
        problems += found
        if response is not None:
            responses.append(response)
    return responses, problems


def _drop_other_roles(
    file: Path, draft: Draft, respondent: Respondent, q: Questionnaire
) -> list[Problem]:
    """Survey tools show every question to everyone: keep only those asked of this role."""
    index = q.question_index()
    other = [
        qid for qid in draft.answers
        if qid in index and index[qid].audience and respondent.role not in index[qid].audience
    ]  # fmt: skip
    if not other:
        return []
    for qid in other:
        del draft.answers[qid]
    msg = (
        f"{respondent.id}: left out {len(other)} answer(s) to questions not asked of role "
        f"'{respondent.role}' ({', '.join(other)})"
    )
    return [draft.who_place.problem(file, msg, "warning")]


def _where(draft: Draft) -> str:
    place = draft.origin
    return place.location or f"line {place.line}"


def import_responses(
    workspace: Path,
    file: Path,
    *,
    mapping: Path | None = None,
    force: bool = False,
    lenient: bool = False,
    library_dirs: Iterable[Path] = (),
    on_stage: Callable[[str], None] = lambda _: None,
) -> ImportResult:
    """Import a filled-in workbook or a survey export into `workspace/responses/`.

    Raises ResponseError listing every problem (and warning) when anything is wrong; then
    nothing has been written. `on_stage` hears what is being done, for a progress display.
    """
    a, q = _open(workspace, library_dirs)
    on_stage(f"reading {file.name}")
    kind, drafts, problems = _read(file, q, mapping)
    on_stage(f"checking {len(drafts)} response(s)")
    responses, more = _check(file, drafts, a, q, lenient)
    problems += more
    folder = (workspace if workspace.is_dir() else workspace.parent) / "responses"
    targets = {folder / f"{r.respondent}.yaml": r for r in responses}
    if not force:
        taken = [t for t in targets if t.exists()]
        msg = "already exists (use --force to replace it)"
        problems += [Problem(str(t), message=msg) for t in taken]
    if any(p.severity == "error" for p in problems):
        raise ResponseError(problems)
    on_stage(f"writing {len(targets)} file(s)")
    for target, response in targets.items():
        write_atomic(target, response_text(response), force=force)
    return ImportResult(kind, list(targets), [p for p in problems if p.severity != "error"])


def init_mapping(
    workspace: Path,
    file: Path,
    *,
    output: Path | None = None,
    force: bool = False,
    library_dirs: Iterable[Path] = (),
) -> MappingDraft:
    """Draft a mapping for a survey export, next to it unless `output` is given."""
    _, q = _open(workspace, library_dirs)
    kind, source = detect(file)
    if not isinstance(source, Table):
        msg = "a crm-assess workbook needs no mapping: import it as it is"
        raise ResponseError([Problem(str(file), message=msg)])
    repeated = repeated_titles(file, source)
    if repeated:
        raise ResponseError(repeated)
    matches = draft_matches(source, q)
    target = _mapping_path(file, output)
    write_atomic(target, mapping_text(matches, source, q, file.name), force=force)
    return MappingDraft(target, kind, matches)
