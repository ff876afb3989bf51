"""The initiative catalogue the roadmap is planned from."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .common import Id, LocalText, StrictModel
from .questionnaire import DimensionPath, Role

__all__ = ["KPI_IDS", "Initiative", "InitiativeCatalogue", "Prerequisite"]

KPI_IDS = (
    "nps", "retention-rate", "churn-rate", "renewal-rate", "retention-cost", "cac", "clv",
    "mql-sql-conversion", "share-of-wallet",
)  # fmt: skip
KpiId = Literal[
    "nps", "retention-rate", "churn-rate", "renewal-rate", "retention-cost", "cac", "clv",
    "mql-sql-conversion", "share-of-wallet",
]  # fmt: skip


class Prerequisite(StrictModel):
    """A capability that must be at a level before the initiative can start."""

    capability: Id = Field(description="Capability id.")
    level: int = Field(ge=2, le=4, description="Level it must have reached.")


class Initiative(StrictModel):
    """A concrete piece of work that raises capabilities by a level step."""

    id: Id = Field(description="Unique across the library.")
    title: LocalText = Field(description="Short, action-led title.")
    summary: LocalText = Field(description="What it involves, concretely.")
    capabilities: list[Id] = Field(default_factory=list, description="Capabilities it raises.")
    dimensions: list[DimensionPath] = Field(
        default_factory=list, description="Dimensions it raises."
    )
    steps: list[Literal[1, 2, 3]] = Field(
        min_length=1, description="Level steps: 1 = 1→2, 2 = 2→3, 3 = 3→4."
    )
    effort: Literal["S", "M", "L"] = Field(description="Effort: S, M or L.")
    months: int = Field(ge=1, le=24, description="Typical duration in months.")
    owner: Role = Field(description="Role that owns it.")
    prerequisites: list[Prerequisite] = Field(default_factory=list, description="Needed first.")
    kpis: list[KpiId] = Field(default_factory=list, description="KPIs it moves.")
    themes: list[Id] = Field(default_factory=list, description="Tags, e.g. 'single-customer-view'.")

    @model_validator(mode="after")
    def _targets_something(self) -> Initiative:
        if not self.capabilities and not self.dimensions:
            raise ValueError("an initiative raises at least one capability or dimension")
        return self


class InitiativeCatalogue(StrictModel):
    """A file of initiatives."""

    kind: Literal["initiatives"] = Field(description="Always 'initiatives'.")
    id: Id = Field(description="Catalogue id.")
    initiatives: list[Initiative] = Field(min_length=1, description="The initiatives.")
