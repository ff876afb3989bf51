"""The kinds of content file, by the value of their `kind:` key."""

from __future__ import annotations

import functools
import typing
from typing import Any

from pydantic import BaseModel

from .models import (
    Assessment,
    CapabilityCatalogue,
    Framework,
    Glossary,
    InitiativeCatalogue,
    LibraryInfo,
    Profile,
    Questionnaire,
    Response,
)
from .models.review import Review

__all__ = ["KINDS", "WORKSPACE_KINDS", "all_field_names", "fields_at"]

KINDS: dict[str, type[BaseModel]] = {
    "framework": Framework,
    "capabilities": CapabilityCatalogue,
    "questionnaire": Questionnaire,
    "profile": Profile,
    "initiatives": InitiativeCatalogue,
    "glossary": Glossary,
    "library": LibraryInfo,
}
# Workspace files: validated with the workspace, not part of the library.
WORKSPACE_KINDS: dict[str, type[BaseModel]] = {
    "assessment": Assessment,
    "response": Response,
    "review": Review,
}


def _models_in(annotation: Any, seen: set[type[BaseModel]]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return
        seen.add(annotation)
        for f in annotation.model_fields.values():
            _models_in(f.annotation, seen)
    for arg in typing.get_args(annotation):
        _models_in(arg, seen)


def _candidates(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _candidates(arg)]


def fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The keys accepted by the mapping at `loc` inside `model` (for 'did you mean' hints)."""
    current = [model]
    for part in loc:
        if isinstance(part, int):
            continue
        following = [
            c
            for m in current
            if part in m.model_fields
            for c in _candidates(m.model_fields[part].annotation)
        ]
        current = following or current
    return sorted({name for m in current for name in m.model_fields})


@functools.cache
def all_field_names() -> frozenset[str]:
    """Every key any content model accepts: the vocabulary for 'did you mean' hints."""
    seen: set[type[BaseModel]] = set()
    for model in (*KINDS.values(), *WORKSPACE_KINDS.values()):
        _models_in(model, seen)
    return frozenset(name for m in seen for name in m.model_fields)
