"""Questionnaires: sections of typed questions mapped onto framework dimensions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, PrivateAttr, field_validator, model_validator

from .common import Id, LocalText, StrictModel
from .framework import _check_levels

__all__ = [
    "AXES",
    "KPI_INPUTS",
    "ROLES",
    "SCORED_TYPES",
    "Band",
    "ChoiceOption",
    "DimensionRef",
    "Entry",
    "GridItem",
    "GridPlace",
    "GridQuestion",
    "Question",
    "Questionnaire",
    "Section",
]

ROLES = ("executive", "sales", "marketing", "service", "it", "finance", "operations")
Role = Literal["executive", "sales", "marketing", "service", "it", "finance", "operations"]
AXES = ("customer-information", "individualisation")
KPI_INPUTS = (
    "nps", "nps-promoters-pct", "nps-detractors-pct", "customers-start", "customers-end",
    "customers-new", "customers-lost", "renewals-due", "renewals-done", "retention-spend",
    "acquisition-spend", "margin-per-customer", "discount-rate", "mqls", "sqls", "share-of-wallet",
    "revenue-start", "revenue-churned", "revenue-contraction", "revenue-expansion",
    "customers-buying", "customers-repeat", "customers-cross-sold", "csat-pct", "fcr-pct",
    "resolution-hours", "opportunities-closed", "deals-won", "crm-users-licensed", "crm-users-active",
)  # fmt: skip
KpiInput = Literal[
    "nps", "nps-promoters-pct", "nps-detractors-pct", "customers-start", "customers-end",
    "customers-new", "customers-lost", "renewals-due", "renewals-done", "retention-spend",
    "acquisition-spend", "margin-per-customer", "discount-rate", "mqls", "sqls", "share-of-wallet",
    "revenue-start", "revenue-churned", "revenue-contraction", "revenue-expansion",
    "customers-buying", "customers-repeat", "customers-cross-sold", "csat-pct", "fcr-pct",
    "resolution-hours", "opportunities-closed", "deals-won", "crm-users-licensed", "crm-users-active",
]  # fmt: skip
Score = Annotated[float, Field(ge=0, le=4)]
Level = Annotated[float, Field(ge=1, le=4)]  # every scored answer is 1.0–4.0

DimensionPath = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9-]+/[a-z0-9-]+$",
        description="framework-id/dimension-id, e.g. 'gartner-8bb/vision'.",
    ),
]


class DimensionRef(StrictModel):
    """A framework dimension a question's score counts towards."""

    dimension: DimensionPath
    weight: float = Field(default=1.0, gt=0, description="Weight of this question there.")

    @property
    def framework(self) -> str:
        return self.dimension.split("/", 1)[0]

    @property
    def dim(self) -> str:
        return self.dimension.split("/", 1)[1]


@dataclass(frozen=True)
class GridPlace:
    """Where a grid's statement stands: the grid's id, stem and help, its position (from 0)
    and how many statements the grid has. Only the channels that draw grids read it."""

    grid: str
    text: LocalText
    help: LocalText | None
    index: int
    size: int


class _Base(StrictModel):
    id: Id = Field(description="Unique across the questionnaire.")
    text: LocalText = Field(description="The question as the respondent reads it.")
    help: LocalText | None = Field(default=None, description="What to look at before answering.")
    required: bool = Field(default=True, description="Must be answered (not sure counts).")
    audience: list[Role] = Field(
        default_factory=list, description="Roles that answer it; empty means everyone."
    )
    relevant: str | None = Field(
        default=None, description="Shown only when this expression holds, e.g. \"${q} == 'yes'\"."
    )
    _grid: GridPlace | None = PrivateAttr(default=None)

    @property
    def grid(self) -> GridPlace | None:
        """The grid this question is a statement of (None: a question of its own)."""
        return self._grid


class _Scored(_Base):
    maps_to: list[DimensionRef] = Field(
        default_factory=list, description="Framework dimensions this question scores."
    )
    axis: Literal["customer-information", "individualisation"] | None = Field(
        default=None, description="Strategy-matrix axis this question places the company on."
    )
    importance: bool = Field(default=False, description="Also ask how important this is (1–5).")
    target: float | None = Field(
        default=None,
        ge=1,
        le=4,
        description="Target level of this practice (1–4): its dimensions' target when the "
        "assessment takes targets from respondents and none of them gave one.",
    )


class MaturityQuestion(_Scored):
    """Four behaviourally anchored options, one per practice level."""

    type: Literal["maturity"]
    options: dict[int, LocalText] = Field(description="Observable practice at levels 1–4.")

    _levels = field_validator("options")(_check_levels)


class LikertQuestion(_Scored):
    """Agreement or frequency on a scale from 1 to `points` (5 unless said otherwise)."""

    type: Literal["likert"]
    points: int = Field(default=5, ge=4, le=11, description="Points on the scale, 4 to 11.")
    labels: dict[int, LocalText] = Field(
        default_factory=dict, description="Labels of 1…points (the two ends at least, say)."
    )

    @model_validator(mode="after")
    def _labels_on_the_scale(self) -> LikertQuestion:
        outside = sorted(n for n in self.labels if not 1 <= n <= self.points)
        if outside:
            raise ValueError(
                f"labels: {', '.join(map(str, outside))} outside the scale 1–{self.points}"
            )
        return self


class YesNoQuestion(_Scored):
    """Yes or no."""

    type: Literal["yes_no"]
    score_yes: Level = Field(default=4.0, description="Score of 'yes' (1–4).")
    score_no: Level = Field(default=1.0, description="Score of 'no' (1–4).")


class ChoiceOption(StrictModel):
    """One option of a choice question."""

    id: Id = Field(description="What the answer records.")
    label: LocalText = Field(description="What the respondent reads.")
    score: Score = Field(default=0.0, description="Score (single) or points added (multi).")


class SingleChoiceQuestion(_Scored):
    """One option out of several, each with its score."""

    type: Literal["single_choice"]
    options: list[ChoiceOption] = Field(min_length=2, description="The options.")


class MultiChoiceQuestion(_Scored):
    """Any number of options; score = 1 + the chosen options' points, at most 4."""

    type: Literal["multi_choice"]
    options: list[ChoiceOption] = Field(min_length=2, description="The options.")


class Band(StrictModel):
    """A range of a number answer and the score it earns."""

    below: float | None = Field(default=None, description="Upper bound (exclusive); none = rest.")
    score: Score = Field(description="Score for values in this band.")


class NumberQuestion(_Scored):
    """A figure, e.g. a KPI input."""

    type: Literal["number", "percent"]
    min: float | None = Field(default=None, description="Smallest allowed value.")
    max: float | None = Field(default=None, description="Largest allowed value.")
    unit: LocalText | None = Field(default=None, description="Unit shown beside the field.")
    kpi: KpiInput | None = Field(default=None, description="KPI input this figure is.")
    bands: list[Band] = Field(default_factory=list, description="Score bands, lowest first.")
    required: bool = Field(default=False, description="Must be answered.")


class TextQuestion(_Base):
    """A free comment, never scored."""

    type: Literal["text"]
    required: bool = Field(default=False, description="Must be answered.")
    max_length: int = Field(default=4000, gt=0, description="Longest accepted answer.")


Question = Annotated[
    MaturityQuestion
    | LikertQuestion
    | YesNoQuestion
    | SingleChoiceQuestion
    | MultiChoiceQuestion
    | NumberQuestion
    | TextQuestion,
    Field(discriminator="type"),
]


class GridItem(StrictModel):
    """One statement of a grid: answered, scored and reported as a question of its own."""

    id: Id = Field(description="Unique across the questionnaire: the answer is saved under it.")
    text: LocalText = Field(
        description="The statement; reports quote it without the grid's text, so it should read "
        "on its own."
    )
    help: LocalText | None = Field(default=None, description="What to look at before answering.")
    maps_to: list[DimensionRef] = Field(
        default_factory=list, description="Framework dimensions this statement scores."
    )
    axis: Literal["customer-information", "individualisation"] | None = Field(
        default=None, description="Strategy-matrix axis this statement places the company on."
    )
    target: float | None = Field(
        default=None, ge=1, le=4, description="Target level of this practice (1–4)."
    )


class GridQuestion(StrictModel):
    """Several statements rated on one scale. Each statement is a question of its own (a
    likert question on the grid's scale, or a single choice among its options); the grid only
    gives them a shared text, scale, audience and condition."""

    id: Id = Field(description="Unique across the questionnaire (questions and statements).")
    type: Literal["grid"]
    text: LocalText = Field(
        description="What every statement answers, e.g. 'How far do you agree with each?'"
    )
    help: LocalText | None = Field(default=None, description="What to look at before answering.")
    required: bool = Field(default=True, description="Every statement must be answered.")
    audience: list[Role] = Field(
        default_factory=list, description="Roles that answer it; empty means everyone."
    )
    relevant: str | None = Field(
        default=None, description="Shown only when this expression holds, e.g. \"${q} == 'yes'\"."
    )
    points: int | None = Field(
        default=None, ge=4, le=11, description="Points of a likert scale, 4 to 11 (default 5)."
    )
    labels: dict[int, LocalText] = Field(
        default_factory=dict, description="Labels of the likert scale's points (the ends, say)."
    )
    options: list[ChoiceOption] = Field(
        default_factory=list,
        description="Instead of a likert scale: options with a score each, as a single choice has.",
    )
    items: list[GridItem] = Field(min_length=1, description="The statements, in order.")
    _questions: tuple[LikertQuestion | SingleChoiceQuestion, ...] = PrivateAttr(default=())

    @model_validator(mode="after")
    def _one_scale(self) -> GridQuestion:
        if self.options and (self.points is not None or self.labels):
            raise ValueError(
                "a grid's scale is either `options` or `points` and `labels`, not both"
            )
        if len(self.options) == 1:
            raise ValueError("options: a grid needs at least two options")
        top = self.points or 5
        outside = sorted(n for n in self.labels if not 1 <= n <= top)
        if outside:
            raise ValueError(f"labels: {', '.join(map(str, outside))} outside the scale 1–{top}")
        self._questions = tuple(self._question(i, item) for i, item in enumerate(self.items))
        return self

    def _question(self, index: int, item: GridItem) -> LikertQuestion | SingleChoiceQuestion:
        shared = {
            "id": item.id,
            "text": item.text,
            "help": item.help,
            "required": self.required,
            "audience": self.audience,
            "relevant": self.relevant,
            "maps_to": item.maps_to,
            "axis": item.axis,
            "target": item.target,
        }
        question: LikertQuestion | SingleChoiceQuestion
        if self.options:
            question = SingleChoiceQuestion(type="single_choice", options=self.options, **shared)
        else:
            question = LikertQuestion(
                type="likert", points=self.points or 5, labels=self.labels, **shared
            )
        question._grid = GridPlace(self.id, self.text, self.help, index, len(self.items))
        return question

    def questions(self) -> tuple[LikertQuestion | SingleChoiceQuestion, ...]:
        """The statements as ordinary questions, in order (built once, when the grid is read)."""
        return self._questions


Entry = Annotated[
    MaturityQuestion
    | LikertQuestion
    | YesNoQuestion
    | SingleChoiceQuestion
    | MultiChoiceQuestion
    | NumberQuestion
    | TextQuestion
    | GridQuestion,
    Field(discriminator="type"),
]
"""What a section lists: a question, or a grid of statements."""

SCORED_TYPES = (
    "maturity",
    "likert",
    "yes_no",
    "single_choice",
    "multi_choice",
    "number",
    "percent",
)


class Section(StrictModel):
    """A page of the questionnaire."""

    id: Id = Field(description="Unique across the questionnaire.")
    title: LocalText = Field(description="Section title.")
    intro: LocalText | None = Field(default=None, description="A sentence before the questions.")
    questions: list[Entry] = Field(
        min_length=1, description="The questions (and grids of statements), in order."
    )

    def asked(self) -> list[Question]:
        """The questions as they are answered: each grid's statements in the grid's place."""
        return [x for entry in self.questions for x in _expand(entry)]


def _expand(entry: Question | GridQuestion) -> tuple[Question, ...]:
    return entry.questions() if isinstance(entry, GridQuestion) else (entry,)


class Questionnaire(StrictModel):
    """A questionnaire mapped onto framework dimensions."""

    kind: Literal["questionnaire"] = Field(description="Always 'questionnaire'.")
    id: Id = Field(description="Unique across the library, e.g. 'crm-full'.")
    version: str = Field(min_length=1, description="Version of this questionnaire.")
    title: LocalText = Field(description="Title shown to respondents.")
    description: LocalText = Field(description="What it covers and who answers it.")
    estimated_minutes: int = Field(default=20, gt=0, description="Minutes for one respondent.")
    frameworks: list[Id] = Field(
        default_factory=list,
        description="Frameworks it scores, each dimension by at least one question; empty means "
        "every framework its questions map to.",
    )
    renamed: dict[Id, Id] = Field(
        default_factory=dict,
        description="Old question id → the question that replaces it, so an old response file "
        "names the question to answer instead.",
    )
    sections: list[Section] = Field(min_length=1, description="Pages of questions.")
    _index: dict[str, Question] | None = PrivateAttr(default=None)

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int | float) else value

    def questions(self) -> list[Question]:
        """Every question in order, grids expanded into their statements: what is answered,
        scored and reported."""
        return [q for s in self.sections for q in s.asked()]

    def grids(self) -> list[GridQuestion]:
        return [x for s in self.sections for x in s.questions if isinstance(x, GridQuestion)]

    def question_index(self) -> dict[str, Question]:
        """Questions by id, built once (read-only: every caller shares it)."""
        if self._index is None:
            self._index = {q.id: q for q in self.questions()}
        return self._index
