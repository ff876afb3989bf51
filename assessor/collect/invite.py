"""`crm-assess collect invite`: a respondent in assessment.yaml and a secret link to answer."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from ..errors import AssessorError, Problem
from ..fsio import write_atomic
from ..loading import load_document, workspace_context
from ..models import ROLES, Assessment, Respondent
from ..yamlsource import nfc
from .store import Store
from .yamledit import append_to_list, flow_item

__all__ = [
    "DEFAULT_BASE_URL",
    "Invitation",
    "invite",
    "link_base",
    "link_for",
    "serving_base",
    "slug",
]

DEFAULT_BASE_URL = "http://127.0.0.1:8000"
_LOCAL = ("127.0.0.1", "localhost", "::1", "0.0.0.0")


@dataclass(frozen=True)
class Invitation:
    respondent: Respondent
    token: str
    added_to_assessment: bool


def slug(name: str) -> str:
    """'Trần Minh Quân' → 'tran-minh-quan' (the respondent id)."""
    text = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:48] or "respondent"


def link_for(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/r/{token}"


def link_base(workspace: Path, given: str | None) -> str:
    """Where links point: `given` (--base-url or CRM_ASSESS_BASE_URL), else the address the
    last `collect serve` of this workspace answered at, else the default server's. The answer
    is remembered, so `serve` can say when it listens elsewhere."""
    store = Store.of(workspace)
    base = (given or store.setting("base-url") or DEFAULT_BASE_URL).rstrip("/")
    if store.setting("link-base-url") != base:
        store.remember("link-base-url", base)
    return base


def serving_base(
    workspace: Path, host: str, port: int | None, given: str | None
) -> tuple[int, str, str | None]:
    """(port to listen on, address of the links, a warning or None) for `collect serve`.

    With a local --base-url and no --port, the server listens on the base URL's port, so the
    links and the server agree; links printed earlier for another address get a warning.
    """
    parts = urlsplit(given) if given else None
    if port is None:
        local = parts is not None and parts.hostname in (*_LOCAL, host)
        port = parts.port if local and parts is not None and parts.port else 8000
    base = (given or f"http://{'127.0.0.1' if host == '0.0.0.0' else host}:{port}").rstrip("/")
    store = Store.of(workspace)
    store.remember("base-url", base)
    printed = store.setting("link-base-url")
    warning = None
    if printed is not None and printed != base and store.people():
        warning = (
            f"links were printed for {printed}, but this server is reached at {base}: serve "
            f"with --base-url {printed}, or print new links with `collect invite --new-link`"
        )
    return port, base, warning


def read_assessment(workspace: Path) -> Assessment:
    """The workspace's assessment.yaml, checked; a clear error when the folder is not one."""
    file = workspace / "assessment.yaml"
    if not file.is_file():
        msg = "no assessment.yaml: not an assessment workspace (create one with `crm-assess init`)"
        raise AssessorError([Problem(str(workspace), message=msg)])
    context = workspace_context(None)  # text per language: checked by `validate`, with the library
    model, _doc, problems = load_document(file, kinds={"assessment": Assessment}, context=context)
    if problems or not isinstance(model, Assessment):
        raise AssessorError(problems or [Problem(str(file), message="not an assessment")])
    return model


def invite(
    workspace: Path,
    *,
    name: str,
    role: str,
    unit: str | None = None,
    email: str | None = None,
    person_id: str | None = None,
    new_link: bool = False,
) -> Invitation:
    """Add the respondent to assessment.yaml if needed, and give them a secret link.

    A respondent already listed (same id if `person_id` is given, else same name) keeps their
    id; one already invited keeps their link unless `new_link` is set, which replaces it (the
    old link stops working). Nothing is stored or written when anything is wrong.
    """
    name = nfc(name.strip())
    file = workspace / "assessment.yaml"
    assessment = read_assessment(workspace)
    _check(file, assessment, name, role, unit, person_id)
    listed = _listed(file, assessment, name, person_id)
    if listed is not None and listed.role != role:
        raise _error(file, f"'{listed.name}' is listed with role '{listed.role}', not '{role}'")
    respondent = listed or Respondent(
        id=person_id or _free_id(slug(name), assessment), name=name, role=role, unit=unit,
        email=email,
    )  # fmt: skip
    text = None if listed is not None else _with_respondent(file, respondent)

    def add_to_assessment() -> None:  # inside the database's transaction: both or neither
        if text is not None:
            write_atomic(file, text, force=True)

    # someone in the database but not in assessment.yaml was left by an interrupted invite:
    # they get a link now (the interrupted run never showed one)
    token = Store.of(workspace).link(
        respondent, replace=new_link or listed is None, then=add_to_assessment
    )
    if token is None:
        raise _error(
            file, f"'{respondent.name}' was invited already (use --new-link to replace the link)"
        )
    return Invitation(respondent, token, listed is None)


def _error(file: Path, message: str) -> AssessorError:
    return AssessorError([Problem(str(file), message=message)])


def _listed(
    file: Path, assessment: Assessment, name: str, person_id: str | None
) -> Respondent | None:
    if person_id is not None:
        return next((r for r in assessment.respondents if r.id == person_id), None)
    same = [r for r in assessment.respondents if r.name == name]
    if len(same) > 1:
        ids = ", ".join(r.id for r in same)
        raise _error(file, f"{len(same)} respondents are called '{name}' ({ids}): choose with --id")
    return same[0] if same else None


def _with_respondent(file: Path, r: Respondent) -> str:
    """assessment.yaml's text with the respondent appended, checked before anything is done."""
    item = {"id": r.id, "name": r.name, "role": r.role, "unit": r.unit, "email": r.email}
    try:
        return append_to_list(file.read_text("utf-8"), "respondents", item)
    except (ValueError, yaml.YAMLError):
        msg = f"cannot add the respondent by itself: add `- {flow_item(item)}` under respondents:"
        raise _error(file, msg) from None


def _check(
    file: Path, assessment: Assessment, name: str, role: str, unit: str | None,
    person_id: str | None,
) -> None:  # fmt: skip
    problems = []
    if not name:
        problems.append(
            Problem(str(file), message="--name is empty: give the respondent's full name")
        )
    if role not in ROLES:
        problems.append(
            Problem(str(file), message=f"unknown role '{role}' (roles: {', '.join(ROLES)})")
        )
    units = [u.id for u in assessment.units]
    if unit is not None and unit not in units:
        listed = ", ".join(units) or "none yet; add them under units:"
        problems.append(Problem(str(file), message=f"unknown unit '{unit}' (units: {listed})"))
    if person_id is not None and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", person_id):
        msg = (
            f"--id '{person_id}' must be lower-case letters, digits and hyphens, e.g. 'nguyen-an-2'"
        )
        problems.append(Problem(str(file), message=msg))
    if problems:
        raise AssessorError(problems)


def _free_id(base: str, assessment: Assessment) -> str:
    taken = {r.id for r in assessment.respondents}
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
