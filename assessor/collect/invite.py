"""`crm-assess collect invite`: a respondent in assessment.yaml and a secret link to answer."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import AssessorError, Problem
from ..fsio import write_atomic
from ..loading import load_document
from ..models import ROLES, Assessment, Respondent
from ..yamlsource import nfc
from .store import Store
from .yamledit import append_to_list

__all__ = ["Invitation", "invite", "link_for", "slug"]


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


def read_assessment(workspace: Path) -> Assessment:
    """The workspace's assessment.yaml, checked; a clear error when the folder is not one."""
    file = workspace / "assessment.yaml"
    if not file.is_file():
        msg = "no assessment.yaml: not an assessment workspace (create one with `crm-assess init`)"
        raise AssessorError([Problem(str(workspace), message=msg)])
    model, _doc, problems = load_document(file, kinds={"assessment": Assessment})
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
    new_link: bool = False,
) -> Invitation:
    """Add the respondent to assessment.yaml if needed, and give them a secret link.

    A respondent already listed (same name) keeps their id; one already invited keeps their
    link unless `new_link` is set, which replaces it (the old link stops working).
    """
    name = nfc(name.strip())
    file = workspace / "assessment.yaml"
    assessment = read_assessment(workspace)
    _check(file, assessment, role, unit)
    listed = next((r for r in assessment.respondents if r.name == name), None)
    respondent = listed or Respondent(
        id=_free_id(slug(name), assessment), name=name, role=role, unit=unit, email=email
    )
    if listed is not None and listed.role != role:
        raise AssessorError(
            [
                Problem(
                    str(file), message=f"'{name}' is listed with role '{listed.role}', not '{role}'"
                )
            ]
        )
    store = Store.of(workspace)
    known = store.person(respondent.id)
    if known is not None and not new_link:
        raise AssessorError(
            [
                Problem(
                    str(file),
                    message=f"'{name}' was invited already (use --new-link to replace the link)",
                )
            ]
        )
    if known is not None:
        token = store.new_link(respondent.id)
    else:
        token = store.add_person(
            respondent.id,
            name=respondent.name,
            role=respondent.role,
            unit=respondent.unit,
            email=respondent.email or email,
        )
    if listed is None:
        item = {"id": respondent.id, "name": name, "role": role, "unit": unit, "email": email}
        text = append_to_list(file.read_text("utf-8"), "respondents", item)
        write_atomic(file, text, force=True)
    return Invitation(respondent, token, listed is None)


def _check(file: Path, assessment: Assessment, role: str, unit: str | None) -> None:
    problems = []
    if role not in ROLES:
        problems.append(
            Problem(str(file), message=f"unknown role '{role}' (roles: {', '.join(ROLES)})")
        )
    units = [u.id for u in assessment.units]
    if unit is not None and unit not in units:
        listed = ", ".join(units) or "none yet; add them under units:"
        problems.append(Problem(str(file), message=f"unknown unit '{unit}' (units: {listed})"))
    if problems:
        raise AssessorError(problems)


def _free_id(base: str, assessment: Assessment) -> str:
    taken = {r.id for r in assessment.respondents}
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
