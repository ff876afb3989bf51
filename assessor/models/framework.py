"""Frameworks: dimensions with level 1–4 descriptors, and the CRM strategy matrix."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, HttpUrl, field_validator

from .common import CompanySize, Id, LocalText, StrictModel

__all__ = [
    "Axis",
    "Capability",
    "CapabilityCatalogue",
    "Dimension",
    "Framework",
    "Group",
    "Matrix",
    "Position",
    "Route",
    "Scoring",
    "Source",
    "SubElement",
]

LEVELS = (1, 2, 3, 4)
CrmType = Literal["operational", "analytical", "collaborative"]


def _check_levels(value: dict[int, LocalText]) -> dict[int, LocalText]:
    for level in sorted(value):
        if level not in LEVELS:
            raise ValueError(f"unknown level {level} (levels are 1 to 4)")
    for level in LEVELS:
        if level not in value:
            raise ValueError(f"missing level {level} (every dimension describes levels 1 to 4)")
    return dict(sorted(value.items()))


class Source(StrictModel):
    """A publication the framework is taken from."""

    id: Id = Field(description="Short key for the source, e.g. 'payne-frow-2005'.")
    citation: str = Field(min_length=1, description="Author, title, year, publisher or journal.")
    url: HttpUrl | None = Field(default=None, description="Where a public copy can be read.")


class Scoring(StrictModel):
    """How the framework's own literature treats scores."""

    balance: bool = Field(
        default=False, description="True when the weakest dimension matters more than the mean."
    )
    note: LocalText | None = Field(default=None, description="How the original instrument scores.")


class Group(StrictModel):
    """A family of dimensions, e.g. primary stages vs supporting conditions."""

    id: Id = Field(description="Group id, referenced by dimensions' `group`.")
    name: LocalText = Field(description="Group name.")
    description: LocalText | None = Field(default=None, description="What the group holds.")


class SubElement(StrictModel):
    """A named part of a dimension."""

    id: Id = Field(description="Unique within its dimension.")
    name: LocalText = Field(description="Sub-element name.")
    description: LocalText | None = Field(default=None, description="What it covers.")


class Dimension(StrictModel):
    """One scored dimension of a framework, described at practice levels 1–4."""

    id: Id = Field(description="Unique within the framework.")
    name: LocalText = Field(description="Dimension name.")
    short_name: LocalText | None = Field(default=None, description="Short label for charts.")
    description: LocalText = Field(description="What the dimension is about, in 1–3 sentences.")
    weight: float = Field(default=1.0, gt=0, description="Weight within the framework.")
    group: Id | None = Field(default=None, description="Id of one of the framework's groups.")
    capabilities: list[Id] = Field(
        default_factory=list, description="Ids from the capability catalogue."
    )
    crm_types: list[CrmType] = Field(
        default_factory=list, description="CRM types (operational, analytical, collaborative)."
    )
    sub_elements: list[SubElement] = Field(default_factory=list, description="Named parts.")
    levels: dict[int, LocalText] = Field(
        description="Observable practice at levels 1 (initial) to 4 (managed and optimised)."
    )

    _levels = field_validator("levels")(_check_levels)

    def label(self, lang: str) -> str:
        return (self.short_name or self.name)[lang]


class Axis(StrictModel):
    """One axis of the CRM strategy matrix."""

    id: Id = Field(description="Axis id, used by positions.")
    orientation: Literal["vertical", "horizontal"] = Field(description="Where it is drawn.")
    name: LocalText = Field(description="Axis name.")
    low: LocalText = Field(description="Label of the low end.")
    high: LocalText = Field(description="Label of the high end.")
    levels: dict[int, LocalText] = Field(description="Descriptors placing a company at 1–4.")

    _levels = field_validator("levels")(_check_levels)


class Position(StrictModel):
    """Where a strategy position (a dimension) stands on the two axes."""

    model_config = StrictModel.model_config | {"extra": "allow"}

    dimension: Id = Field(description="The dimension this position is.")


class Route(StrictModel):
    """A migration route between positions."""

    id: Id = Field(description="Route id.")
    path: list[Id] = Field(min_length=2, description="Dimension ids from start to destination.")
    name: LocalText = Field(description="Route name.")
    description: LocalText = Field(description="When this route suits a company.")


class Matrix(StrictModel):
    """Payne & Frow's CRM strategy matrix: two axes, four positions, routes between them."""

    axes: list[Axis] = Field(min_length=2, max_length=2, description="Vertical, horizontal.")
    positions: list[Position] = Field(description="One per dimension.")
    routes: list[Route] = Field(default_factory=list, description="Migration routes.")
    sizes: dict[CompanySize, LocalText] = Field(
        default_factory=dict,
        description="What the matrix means for a company of this size (small < 50 staff, mid "
        "50–999, large ≥ 1000, enterprise: a bank or insurer, a listed group, or more than a "
        "million active customers): how far to aim and which route usually pays.",
    )

    def axis(self, orientation: str) -> Axis:
        return next(a for a in self.axes if a.orientation == orientation)


class Framework(StrictModel):
    """A CRM framework as data."""

    kind: Literal["framework"] = Field(description="Always 'framework'.")
    id: Id = Field(description="Unique across the library, e.g. 'gartner-8bb'.")
    name: LocalText = Field(description="Full name.")
    short_name: LocalText | None = Field(default=None, description="Short label.")
    description: LocalText = Field(description="What the framework is and where it comes from.")
    version: str = Field(min_length=1, description="Edition or version followed.")
    sources: list[Source] = Field(min_length=1, description="Publications cited.")
    notes: list[LocalText] = Field(default_factory=list, description="Editions, caveats.")
    scoring: Scoring = Field(default_factory=Scoring, description="How scores are read.")
    groups: list[Group] = Field(default_factory=list, description="Families of dimensions.")
    dimensions: list[Dimension] = Field(min_length=1, description="The scored dimensions.")
    matrix: Matrix | None = Field(default=None, description="Strategy matrix (strategy levels).")

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int | float) else value

    def dimension(self, dim_id: str) -> Dimension:
        return next(d for d in self.dimensions if d.id == dim_id)

    def label(self, lang: str) -> str:
        return (self.short_name or self.name)[lang]


class Capability(StrictModel):
    """A capability that several frameworks name differently."""

    id: Id = Field(description="Capability id, used by dimensions' `capabilities`.")
    name: LocalText = Field(description="Capability name.")
    description: LocalText = Field(description="One sentence.")


class CapabilityCatalogue(StrictModel):
    """The capabilities that line frameworks up against each other."""

    kind: Literal["capabilities"] = Field(description="Always 'capabilities'.")
    capabilities: list[Capability] = Field(min_length=1, description="The capabilities.")
