"""Importing answers into a workspace: read, check everything, then write every response.

Nothing is written until every row or cell of the file has been read and checked the way
`crm-assess score` checks responses; an existing response is replaced only with `force`.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, ResponseError
from ..fsio import write_atomic
from ..loading import Library, load_document, load_library, workspace_context
from ..models import Assessment, Questionnaire, Respondent, Response
from ..pipeline import workspace_library
from .drafts import Draft, check_draft, match_respondent, response_text
from .mapping import load_mapping
from .mapping_draft import Match, draft_matches, implicit_mapping, mapping_text
from .newcomers import newcomer, with_respondents
from .survey import Table, detect
from .survey_rows import Tally, table_drafts
from .writing import write_all
from .xlsx_import import read_workbook

__all__ = ["ImportResult", "MappingDraft", "import_responses", "init_mapping"]


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote, and how every row was accounted for."""

    tool: str
    written: list[Path]
    warnings: list[Problem] = field(default_factory=list)
    rows: int = 0
    imported: int = 0
    incomplete: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    added: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """`imported N of M rows (K incomplete, J skipped: reason counts)`."""
        skipped = sum(self.skipped.values())
        reasons = ", ".join(f"{n} {why}" for why, n in sorted(self.skipped.items()))
        detail = [
            f"{self.incomplete} incomplete",
            f"{skipped} skipped" + (f": {reasons}" if reasons else ""),
        ]
        added = f"; {len(self.added)} respondent(s) added to assessment.yaml" if self.added else ""
        return f"imported {self.imported} of {self.rows} rows ({', '.join(detail)}){added}"


@dataclass(frozen=True)
class MappingDraft:
    """A drafted mapping file and what went into it."""

    path: Path
    tool: str
    matches: list[Match]


@dataclass
class _Source:
    """One file being imported: its drafts, problems and tally."""

    file: Path
    kind: str
    drafts: list[Draft]
    problems: list[Problem]
    tally: Tally


def _assessment_file(workspace: Path) -> Path:
    return workspace / "assessment.yaml" if workspace.is_dir() else workspace


def _open(workspace: Path, library_dirs: Iterable[Path]) -> tuple[Assessment, Questionnaire]:
    library: Library = load_library([*library_dirs, *workspace_library(workspace)])
    file = _assessment_file(workspace)
    context = workspace_context(library)
    model, _, problems = load_document(file, kinds={"assessment": Assessment}, context=context)
    if not isinstance(model, Assessment) or problems:
        raise ResponseError(problems or [Problem(str(file), message="not an assessment")])
    return model, library.questionnaire(model.questionnaire)


def _mapping_path(file: Path, mapping: Path | None) -> Path:
    return mapping if mapping is not None else file.with_suffix(".mapping.yaml")


def _read(file: Path, q: Questionnaire, mapping: Path | None, lenient: bool, add: bool) -> _Source:
    kind, source = detect(file)
    if kind == "workbook":
        drafts, problems = read_workbook(file, source, q)
        if mapping is not None:
            msg = f"--mapping {mapping} is not used: a crm-assess workbook needs no mapping"
            problems.append(Problem(str(file), message=msg, severity="warning"))
        return _Source(file, kind, drafts, problems, Tally(rows=1))
    map_file = _mapping_path(file, mapping)
    if not map_file.is_file():
        implicit = implicit_mapping(source, q)
        if implicit is None:
            msg = (
                f"a {source.tool.name} export needs a mapping from its columns to question ids: "
                f"draft one with `crm-assess responses import --init-mapping`, then pass --mapping"
            )
            raise ResponseError([*source.notes, Problem(str(file), message=msg)])
        parsed, name = implicit, "the questionnaire's own question ids"
    else:
        loaded, problems = load_mapping(map_file, q)
        if loaded is None:
            raise ResponseError(source.notes + problems)
        parsed, name = loaded, map_file.name
    drafts, problems, tally = table_drafts(file, source, parsed, name, q, lenient=lenient, add=add)
    return _Source(file, kind, drafts, problems, tally)


@dataclass
class _Checked:
    responses: list[tuple[Path, Response]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    added: list[Respondent] = field(default_factory=list)
    seen: dict[str, str] = field(default_factory=dict)


def _respondent(
    file: Path, draft: Draft, a: Assessment, out: _Checked, add: _Adding | None
) -> Respondent | None:
    known = [*a.respondents, *out.added]
    respondent, msg = match_respondent(draft, known)
    if respondent is None and add is not None and draft.key:
        keyed, _ = match_respondent(dataclasses.replace(draft, who=[draft.key]), known)
        if keyed is not None:
            return keyed
        if not msg or "several" not in msg:
            respondent, found = newcomer(file, draft, a, add.role, add.unit)
            out.problems.extend(found)
            if respondent is not None:
                out.added.append(respondent)
            return respondent
    if respondent is None:
        hint = (
            " (or import with --add-respondents)"
            if add is None and not draft.who and draft.key
            else ""
        )
        out.problems.append(draft.who_place.problem(file, (msg or "unknown respondent") + hint))
    return respondent


def _check(
    source: _Source, a: Assessment, q: Questionnaire, lenient: bool, out: _Checked,
    add: _Adding | None,
) -> None:  # fmt: skip
    file = source.file
    for draft in source.drafts:
        respondent = _respondent(file, draft, a, out, add)
        if respondent is None:
            continue
        if respondent.id in out.seen:
            also = out.seen[respondent.id]
            msg = f"respondent '{respondent.id}' answers twice (also at {also}); keep one"
            out.problems.append(draft.who_place.problem(file, msg))
            continue
        out.seen[respondent.id] = _where(file, draft)
        if draft.role and draft.role != respondent.role:
            msg = (
                f"the workbook was made for role '{draft.role}', "
                f"but {respondent.id} is '{respondent.role}'"
            )
            out.problems.append(draft.who_place.problem(file, msg, "warning"))
        out.problems.extend(_drop_other_roles(file, draft, respondent, q))
        response, found = check_draft(file, draft, respondent, q, lenient)
        out.problems.extend(_incomplete(file, draft, found) if draft.incomplete else found)
        if response is not None:
            out.responses.append((file, response))


def _incomplete(file: Path, draft: Draft, found: list[Problem]) -> list[Problem]:
    """One warning for an incomplete response instead of one per question it left out."""
    missing = [p for p in found if p.message.startswith("missing answer to required question")]
    unanswered = f", {len(missing)} required question(s) unanswered" if missing else ""
    msg = f"incomplete response ({draft.incomplete}{unanswered}): imported because of --lenient"
    return [draft.origin.problem(file, msg, "warning"), *(p for p in found if p not in missing)]


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


def _where(file: Path, draft: Draft) -> str:
    place = draft.origin
    return f"{file.name} " + (place.location or f"line {place.line}")


@dataclass(frozen=True)
class _Adding:
    """--add-respondents and its defaults."""

    role: str | None
    unit: str | None


def import_responses(
    workspace: Path,
    files: Path | Sequence[Path],
    *,
    mapping: Path | None = None,
    force: bool = False,
    lenient: bool = False,
    add_respondents: bool = False,
    role: str | None = None,
    unit: str | None = None,
    library_dirs: Iterable[Path] = (),
    on_stage: Callable[[str], None] = lambda _: None,
) -> ImportResult:
    """Import workbooks or survey exports into `workspace/responses/`, all or nothing.

    Raises ResponseError listing every problem (and warning) when anything is wrong in any
    file; then nothing has been written. With `add_respondents`, rows the workspace does not
    list become respondents of their own, appended to assessment.yaml. `on_stage` hears what is
    being done, for a progress display.
    """
    a, q = _open(workspace, library_dirs)
    add = _Adding(role, unit) if add_respondents else None
    on_stage(f"reading {len(_as_list(files))} file(s)")
    sources = [_read(f, q, mapping, lenient, add is not None) for f in _as_list(files)]
    out = _Checked()
    on_stage("checking the answers")
    for source in sources:
        out.problems.extend(source.problems)
        _check(source, a, q, lenient, out, add)
    folder = (workspace if workspace.is_dir() else workspace.parent) / "responses"
    targets: dict[Path, str] = {
        folder / f"{r.respondent}.yaml": response_text(r) for _, r in out.responses
    }
    if not force:
        msg = "already exists (use --force to replace it)"
        out.problems += [Problem(str(t), message=msg) for t in targets if t.exists()]
    if out.added:
        listing = _assessment_file(workspace)
        targets[listing] = with_respondents(listing.read_text("utf-8"), out.added)
    result = _result(sources, out, list(targets))
    if any(p.severity == "error" for p in out.problems):
        raise ResponseError(out.problems)
    if not out.responses:
        raise ResponseError(
            [*out.problems, Problem("", message=f"nothing imported: {result.summary()}")]
        )
    on_stage(f"writing {len(targets)} file(s)")
    write_all(targets)
    return result


def _as_list(files: Path | Sequence[Path]) -> list[Path]:
    return [files] if isinstance(files, Path) else list(files)


def _result(sources: list[_Source], out: _Checked, written: list[Path]) -> ImportResult:
    skipped: Counter[str] = Counter()
    for s in sources:
        skipped.update(s.tally.skipped)
    return ImportResult(
        "+".join(dict.fromkeys(s.kind for s in sources)),
        written,
        [p for p in out.problems if p.severity != "error"],
        rows=sum(s.tally.rows for s in sources),
        imported=len(out.responses),
        incomplete=sum(s.tally.incomplete for s in sources),
        skipped=skipped,
        added=[r.id for r in out.added],
    )


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
    matches = draft_matches(source, q)
    target = _mapping_path(file, output)
    write_atomic(target, mapping_text(matches, source, q, file.name), force=force)
    return MappingDraft(target, kind, matches)
