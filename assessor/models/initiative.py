"""The initiative catalogue the roadmap is planned from."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Discriminator, Field, Tag, model_validator

from ..kpi_catalogue import KPI_IDS
from .assessment import BusinessContext, Industry, Market
from .common import CompanySize, Id, LocalText, StrictModel
from .questionnaire import DimensionPath, Role

__all__ = [
    "COMPANY_SIZES",
    "KPI_IDS",
    "CostRange",
    "Initiative",
    "InitiativeCatalogue",
    "Misfit",
    "Prerequisite",
]

# the KPIs an initiative may move: those of the KPI catalogue, assessor/kpis.yaml
if TYPE_CHECKING:
    KpiId = str
else:
    KpiId = Literal[KPI_IDS]

COMPANY_SIZES: tuple[CompanySize, ...] = ("small", "mid", "large", "enterprise")
Months = Annotated[int, Field(strict=True, ge=1, le=24)]
# one number, or one per company size: told apart by its shape, so a mistake in either is one
# error line, not one per alternative
Duration = Annotated[
    Annotated[Months, Tag("months")] | Annotated[dict[CompanySize, Months], Tag("per-size")],
    Discriminator(lambda v: "per-size" if isinstance(v, dict) else "months"),
]
Effort = Literal["S", "M", "L"]
# one letter, or one per company size, told apart by its shape like Duration
SizedEffort = Annotated[
    Annotated[Effort, Tag("effort")] | Annotated[dict[CompanySize, Effort], Tag("per-size")],
    Discriminator(lambda v: "per-size" if isinstance(v, dict) else "effort"),
]
LEGAL_THEME = "compliance"  # the theme that makes an initiative a legal duty


class Prerequisite(StrictModel):
    """A capability that must be at a level before the initiative can start."""

    capability: Id = Field(description="Capability id.")
    level: int = Field(ge=2, le=4, description="Level it must have reached.")


class CostRange(StrictModel):
    """Indicative outside spend in million đồng (VND): low and high, for one company size."""

    low: int = Field(ge=0, description="Low end, million đồng.")
    high: int = Field(ge=0, description="High end, million đồng.")

    @model_validator(mode="after")
    def _ordered(self) -> CostRange:
        if self.high < self.low:
            raise ValueError("high must not be below low")
        return self


class Misfit(StrictModel):
    """A business the initiative does not fit: it matches a client's context when every field
    given matches (e.g. a consumer business with 1,000 customers or more)."""

    market: list[Market] | None = Field(
        default=None, min_length=1, description="context.market is one of these."
    )
    industry: list[Industry] | None = Field(
        default=None, min_length=1, description="context.industry is one of these."
    )
    min_customers: int | None = Field(
        default=None, ge=1, description="context.active_customers is at least this."
    )
    max_customers: int | None = Field(
        default=None, ge=1, description="context.active_customers is at most this."
    )

    @model_validator(mode="after")
    def _says_something(self) -> Misfit:
        if not self.model_fields_set:
            raise ValueError("give at least one of market, industry, min_customers, max_customers")
        low, high = self.min_customers, self.max_customers
        if low is not None and high is not None and high < low:
            raise ValueError("max_customers must not be below min_customers")
        return self

    def matches(self, ctx: BusinessContext) -> bool:
        return (
            (self.market is None or ctx.market in self.market)
            and (self.industry is None or ctx.industry in self.industry)
            and (self.min_customers is None or ctx.active_customers >= self.min_customers)
            and (self.max_customers is None or ctx.active_customers <= self.max_customers)
        )


class Initiative(StrictModel):
    """A concrete piece of work that raises named dimensions by one level step."""

    id: Id = Field(description="Unique across the library.")
    title: LocalText = Field(description="Short, action-led title.")
    summary: LocalText = Field(description="What it involves, concretely.")
    dimensions: list[DimensionPath] = Field(
        min_length=1,
        description="The dimensions it raises (framework/dimension); it is credited for these only.",
    )
    step: Literal[1, 2, 3] = Field(
        description="The level step it delivers on those dimensions: 1 = 1→2, 2 = 2→3, 3 = 3→4."
    )
    after: list[Id] = Field(
        default_factory=list,
        description="Initiatives that must have ended before this one starts (the programme order).",
    )
    with_: list[Id] = Field(
        default_factory=list,
        alias="with",
        description="Initiatives that must have started before this one starts: it runs alongside "
        "them (e.g. training with each rollout wave).",
    )
    if_planned: list[Id] = Field(
        default_factory=list,
        description="Ids among `after:` and `with:` that order this one only when they are "
        "planned for their own sake: the planner never adds them for it, nor waits through them "
        "when they are not planned (e.g. dashboards start with the rollout when one is planned).",
    )
    then: list[Id] = Field(
        default_factory=list,
        description="Initiatives that must follow this one whenever it is planned, unless the "
        "company already has what they deliver or did them since the last assessment (e.g. a "
        "newly configured CRM is piloted).",
    )
    urgent: bool = Field(
        default=False,
        description="It cannot wait for the programme (a legal duty already in force): placed "
        "before every other initiative, so it starts at month 0 unless what it waits for holds it "
        "back.",
    )
    serves: list[Id] = Field(
        default_factory=list,
        description="Positions of the CRM strategy matrix it builds (e.g. "
        "'managed-service-support'); it counts double when the client's route leads there.",
    )
    personal_data: bool = Field(
        default=False,
        description="It collects or uses customers' personal data, so it waits for consent.",
    )
    sizes: list[CompanySize] = Field(
        default_factory=lambda: list(COMPANY_SIZES),
        min_length=1,
        description="Company sizes it suits (context.company_size); all by default.",
    )
    not_for: list[Misfit] = Field(
        default_factory=list,
        description="Businesses it does not fit, by the client's context (market, industry, "
        "active customers): it is never planned for a client matching any of them.",
    )
    efforts: SizedEffort = Field(
        alias="effort",
        description="Effort: S, M or L (the effort points it takes of the company's capacity "
        "while it runs: 1, 2, 3); or one per company size in `sizes` (e.g. {small: S, mid: M}) "
        "where the work is lighter or heavier at that scale.",
    )
    months: Duration = Field(
        description="Typical duration in months: one number, or one per company size in `sizes` "
        "(e.g. {mid: 6, large: 9, enterprise: 15}) where the scale changes how long it takes."
    )
    owner: Role = Field(description="Role that owns it.")
    cost: dict[CompanySize, CostRange] = Field(
        description="Indicative outside spend (million đồng) for each size in `sizes`."
    )
    effect: LocalText = Field(description="The expected effect, in one sentence.")
    basis: LocalText = Field(description="What the expected effect rests on.")
    prerequisites: list[Prerequisite] = Field(default_factory=list, description="Needed first.")
    kpis: list[KpiId] = Field(default_factory=list, description="KPIs it moves.")
    themes: list[Id] = Field(default_factory=list, description="Tags, e.g. 'single-customer-view'.")

    @property
    def legal_duty(self) -> bool:
        """It carries out a legal duty: one in force (`urgent`) or tagged `compliance` (the
        consent design). A legal duty applies whatever the scores say, so the reports never call
        it indicative."""
        return self.urgent or LEGAL_THEME in self.themes

    @model_validator(mode="after")
    def _timed_for_each_size(self) -> Initiative:
        if isinstance(self.months, dict):
            _each_size("months", "duration", self.sizes, self.months)
        if isinstance(self.efforts, dict):
            _each_size("effort", "effort", self.sizes, self.efforts)
        return self

    @property
    def effort(self) -> Effort:
        """Its effort: the one letter, or, given per size and not yet sized (`sized`), a
        mid-sized company's (as `months_for` finds it)."""
        return self.effort_for("mid")

    def effort_for(self, size: str) -> Effort:
        """Its effort for a company of `size`, found as `months_for` finds a duration."""
        if not isinstance(self.efforts, dict):
            return self.efforts
        return self.efforts[_nearest(size, self.efforts)]

    def sized(self, size: str) -> Initiative:
        """The initiative as a company of `size` runs it: its effort is that size's."""
        if not isinstance(self.efforts, dict):
            return self
        return self.model_copy(update={"efforts": self.effort_for(size)})

    def months_for(self, size: str) -> int:
        """Its duration for a company of `size`: the one number, or the size's own; for a size
        it does not list (work continued from a previous roadmap), the nearest smaller size's,
        else the nearest larger one's."""
        if not isinstance(self.months, dict):
            return self.months
        return self.months[_nearest(size, self.months)]

    @model_validator(mode="after")
    def _costed_for_each_size(self) -> Initiative:
        _each_size("cost", "range", self.sizes, self.cost)
        return self

    def suits(self, size: str, context: BusinessContext | None) -> bool:
        """Whether it suits a company of `size` in `context` (no context: by size alone)."""
        if size not in self.sizes:
            return False
        return context is None or not any(m.matches(context) for m in self.not_for)


class InitiativeCatalogue(StrictModel):
    """A file of initiatives."""

    kind: Literal["initiatives"] = Field(description="Always 'initiatives'.")
    id: Id = Field(description="Catalogue id.")
    initiatives: list[Initiative] = Field(min_length=1, description="The initiatives.")


def _nearest(size: str, given: Collection[CompanySize]) -> CompanySize:
    """`size` when given, else the nearest smaller size given, else the nearest larger one."""
    at = COMPANY_SIZES.index(size) if size in COMPANY_SIZES else 1
    order = [*COMPANY_SIZES[at::-1], *COMPANY_SIZES[at + 1 :]]
    return next(s for s in order if s in given)


def _each_size(key: str, what: str, sizes: Iterable[str], given: Collection[str]) -> None:
    """One error naming every size the initiative suits that `key` gives no `what` for."""
    missing = [s for s in sizes if s not in given]
    if missing:
        names = " and ".join(f"'{s}'" for s in missing)
        noun = "sizes" if len(missing) > 1 else "size"
        raise ValueError(f"{key}: no {what} for company {noun} {names}")
