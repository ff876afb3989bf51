"""One error hierarchy. Only the CLI turns these into messages and exit statuses."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "AssessorError",
    "DefinitionError",
    "Problem",
    "RenderError",
    "ResponseError",
    "shown",
]

QUOTED = 80  # characters of a bad value a message repeats


def shown(value: object, limit: int = QUOTED) -> str:
    """A value as a message quotes it: its repr, cut to `limit` characters with the full size.

    >>> shown("x" * 1000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (1,000 characters)"
    """
    if isinstance(value, str) and len(value) > limit:
        cut = repr(value[:limit])
        return f"{cut[:-1]}…{cut[-1]} ({len(value):,} characters)"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
        try:
            return f"a number of {len(str(abs(value))):,} digits"
        except ValueError:  # more digits than Python writes out
            return "a number of more than 4,300 digits"
    text = repr(value)
    return text if len(text) <= limit + 2 else text[:limit] + "…"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place of one file."""

    path: str
    line: int = 0
    column: int = 0
    location: str = ""
    message: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        place = self.path
        if self.line:
            place += f":{self.line}:{self.column}"
        where = f" {self.location}:" if self.location else ""
        prefix = "" if self.severity == "error" else f" {self.severity}:"
        return f"{place}:{prefix}{where} {self.message}"

    @classmethod
    def at(cls, path: Path | str, message: str, **kwargs: object) -> Problem:
        return cls(path=str(path), message=message, **kwargs)  # type: ignore[arg-type]


class AssessorError(Exception):
    """Base of every error a user can cause. Carries the problems found, all of them."""

    def __init__(self, problems: Iterable[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(path="", message=problems)]
        self.problems: list[Problem] = sorted(problems, key=_reading_order)
        super().__init__()

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    def lines(self) -> list[str]:
        return [str(p).lstrip(": ") if not p.path else str(p) for p in self.problems]


def _reading_order(p: Problem) -> tuple[object, ...]:
    """File, line, column, then location with numbers compared as numbers (D4 before D10)."""
    return (p.path, p.line, p.column, _location_order(p.location), p.message)


@functools.lru_cache(maxsize=4096)  # thousands of problems often share a few locations
def _location_order(location: str) -> list[tuple[bool, object]]:
    parts = [int(s) if s.isdigit() else s for s in re.split(r"(\d+)", location)]
    return [(isinstance(x, str), x) for x in parts]


class DefinitionError(AssessorError):
    """A framework, questionnaire, profile, catalogue or template is wrong."""


class ResponseError(AssessorError):
    """A workspace or a respondent's answers are wrong."""


class RenderError(AssessorError):
    """A report could not be rendered."""
