"""One error hierarchy. Only the CLI turns these into messages and exit statuses."""

from __future__ import annotations

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
]


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
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        return [str(p).lstrip(": ") if not p.path else str(p) for p in self.problems]


def _reading_order(p: Problem) -> tuple[object, ...]:
    """File, line, column, then location with numbers compared as numbers (D4 before D10)."""
    parts = tuple(int(s) if s.isdigit() else s for s in re.split(r"(\d+)", p.location))
    return (p.path, p.line, p.column, [(isinstance(x, str), x) for x in parts], p.message)


class DefinitionError(AssessorError):
    """A framework, questionnaire, profile, catalogue or template is wrong."""


class ResponseError(AssessorError):
    """A workspace or a respondent's answers are wrong."""


class RenderError(AssessorError):
    """A report could not be rendered."""
