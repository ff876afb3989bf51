"""The kinds of content file, by the value of their `kind:` key."""

from __future__ import annotations

import functools
import typing
from typing import Any

from pydantic import BaseModel

from .models import CapabilityCatalogue, Framework

__all__ = ["KINDS", "all_field_names"]

KINDS: dict[str, type[BaseModel]] = {
    "framework": Framework,
    "capabilities": CapabilityCatalogue,
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


@functools.cache
def all_field_names() -> frozenset[str]:
    """Every key any content model accepts: the vocabulary for 'did you mean' hints."""
    seen: set[type[BaseModel]] = set()
    for model in KINDS.values():
        _models_in(model, seen)
    return frozenset(name for m in seen for name in m.model_fields)
