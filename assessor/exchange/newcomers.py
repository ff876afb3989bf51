"""Respondents an import adds (`--add-respondents`): who they are, and assessment.yaml with them.

A row the workspace does not list becomes a respondent of its own: its id is the export's key
for the response (Microsoft Forms' `ID`, LimeSurvey's `id`, …) or its row number and a hash
of its cells; role and unit come from the mapping's `role:` / `unit:` columns or the
defaults given. The new respondents are appended to `respondents:` in assessment.yaml, each
marked `imported: <file name>`, leaving every other line of the file as it was.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import get_args

import yaml

from ..checks import unknown
from ..errors import Problem
from ..models import Assessment, Respondent
from ..models.questionnaire import Role
from .drafts import Draft

__all__ = ["newcomer", "with_respondents"]

ROLES = get_args(Role)


def newcomer(
    file: Path, draft: Draft, a: Assessment, role: str | None, unit: str | None
) -> tuple[Respondent | None, list[Problem]]:
    """The respondent a row the workspace does not list stands for, or why there is none."""
    facts = draft.facts
    chosen_role = facts.get("role") or role
    chosen_unit = facts.get("unit") or unit
    problems = []
    if chosen_role is None:
        msg = (
            "--add-respondents needs a role for each new respondent: pass --role, or map a "
            "column with `role: {column: <title>}` in the mapping"
        )
        problems.append(draft.who_place.problem(file, msg))
    elif chosen_role not in ROLES:
        msg = unknown("role", chosen_role, ROLES)
        problems.append(draft.who_place.problem(file, f"{msg}: map it under `role: values:`"))
    units = [u.id for u in a.units]
    if chosen_unit is not None and chosen_unit not in units:
        msg = unknown("unit", chosen_unit, units)
        problems.append(draft.who_place.problem(file, f"{msg}: map it under `unit: values:`"))
    if problems:
        return None, problems
    name = facts.get("name") or facts.get("email") or draft.key
    return Respondent(
        id=draft.key,
        name=name,
        role=chosen_role,
        unit=chosen_unit,
        email=facts.get("email"),
        imported=file.name,
    ), []


def _entry(r: Respondent) -> str:
    fields = r.model_dump(exclude_none=True)
    return (
        "{"
        + ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items())
        + "}"
    )


def with_respondents(text: str, added: Sequence[Respondent]) -> str:
    """assessment.yaml's text with `added` appended to its respondents, other lines untouched."""
    if not added:
        return text
    node = yaml.compose(text)
    pairs = node.value if isinstance(node, yaml.MappingNode) else []
    found = next((v for k, v in pairs if k.value == "respondents"), None)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    if isinstance(found, yaml.SequenceNode) and not found.flow_style and found.value:
        indent = " " * found.value[0].start_mark.column
        end = found.end_mark.line + (1 if found.end_mark.column else 0)
        while end > 0 and not lines[end - 1].strip():
            end -= 1
        new = [f"{indent[:-2] if len(indent) >= 2 else ''}- {_entry(r)}\n" for r in added]
        return "".join(lines[:end] + new + lines[end:])
    block = "".join(f"  - {_entry(r)}\n" for r in added)
    if found is None:
        return "".join(lines) + "respondents:\n" + block
    start, stop = found.start_mark.index, found.end_mark.index
    existing = yaml.safe_load(text[start:stop]) or []
    kept = "".join(f"  - {json.dumps(x, ensure_ascii=False)}\n" for x in existing)
    rest = text[stop:].lstrip(" ")
    return text[:start].rstrip(" ") + "\n" + kept + block + rest.removeprefix("\n")
