"""Coverage: how firmly a questionnaire measures each framework dimension.

A dimension rests on the questions mapped to it. It is measured firmly when at least
`FIRM_QUESTIONS` questions count towards it at full weight and at least `FIRM_ROLES` roles
answer them; a dimension scored from fewer answers than that is *indicative*.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .models import Framework, Questionnaire
from .models.questionnaire import ROLES
from .scoring import INDICATIVE_BELOW

__all__ = [
    "FIRM_QUESTIONS",
    "FIRM_ROLES",
    "DimensionCoverage",
    "coverage",
    "coverage_rows",
    "scored_frameworks",
]

FIRM_QUESTIONS = INDICATIVE_BELOW
FIRM_ROLES = 2


@dataclass(frozen=True)
class DimensionCoverage:
    """The questions one dimension rests on."""

    framework: str
    dimension: str
    questions: list[tuple[str, float]]
    roles: list[str]

    @property
    def path(self) -> str:
        return f"{self.framework}/{self.dimension}"

    @property
    def weight(self) -> float:
        return sum(w for _, w in self.questions)

    @property
    def full_weight(self) -> int:
        """Questions counting towards the dimension at full weight (1.0 or more)."""
        return sum(1 for _, w in self.questions if w >= 1.0 - 1e-9)

    @property
    def firm(self) -> bool:
        return self.full_weight >= FIRM_QUESTIONS and len(self.roles) >= FIRM_ROLES

    def as_dict(self) -> dict[str, object]:
        return {
            "dimension": self.path,
            "questions": [{"id": q, "weight": w} for q, w in self.questions],
            "weight": round(self.weight, 2),
            "full_weight_questions": self.full_weight,
            "roles": self.roles,
            "firm": self.firm,
        }


def coverage(questionnaire: Questionnaire, frameworks: list[Framework]) -> list[DimensionCoverage]:
    """Per dimension of `frameworks`, in their order: the questions and roles it rests on."""
    found: dict[str, list[tuple[str, float]]] = {}
    roles: dict[str, set[str]] = {}
    for question in questionnaire.questions():
        for ref in getattr(question, "maps_to", []):
            found.setdefault(ref.dimension, []).append((question.id, ref.weight))
            roles.setdefault(ref.dimension, set()).update(question.audience or ROLES)
    return [
        DimensionCoverage(
            fw.id,
            dim.id,
            found.get(f"{fw.id}/{dim.id}", []),
            [r for r in ROLES if r in roles.get(f"{fw.id}/{dim.id}", set())],
        )
        for fw in frameworks
        for dim in fw.dimensions
    ]


def scored_frameworks(q: Questionnaire, frameworks: Mapping[str, Framework]) -> list[Framework]:
    """The frameworks the questionnaire declares, or else those its questions map to."""
    mapped = {ref.framework for x in q.questions() for ref in getattr(x, "maps_to", [])}
    wanted = q.frameworks or mapped
    return [fw for fw_id, fw in frameworks.items() if fw_id in wanted]


def coverage_rows(rows: list[DimensionCoverage]) -> list[list[Any]]:
    """Table rows: full-weight questions named, the others counted; roles; the mark."""
    out = []
    for r in rows:
        full = [q for q, w in r.questions if w >= 1.0 - 1e-9]
        rest = len(r.questions) - len(full)
        named = ", ".join([*full, f"+{rest} at part weight"] if rest else full)
        roles = "all roles" if len(r.roles) == len(ROLES) else ", ".join(r.roles)
        out.append([r.path, named or "–", round(r.weight, 2), roles, "" if r.firm else "yes"])
    return out
