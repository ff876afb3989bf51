"""Target profiles, assessment workspaces and respondents' answers."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    field_validator,
    model_validator,
)

from ..errors import shown
from .common import (
    COMMENT_MAX,
    NAME_MAX,
    CompanySize,
    Id,
    Lang,
    LocalText,
    StrictModel,
    context_languages,
)
from .questionnaire import DimensionPath, Role

__all__ = [
    "NOT_APPLICABLE",
    "NOT_SURE",
    "Answer",
    "Assessment",
    "Branding",
    "BusinessContext",
    "BusinessUnit",
    "Client",
    "CollectSettings",
    "InitiativeProgress",
    "Profile",
    "Respondent",
    "Response",
    "TargetSpec",
    "Wording",
    "text_in",
]

NOT_SURE = "not_sure"
NOT_APPLICABLE = "not_applicable"
Level = Annotated[float, Field(ge=1, le=4)]


def _one_or_both(value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Any:
    """A mapping is a text per language; report its own problems, not the union's."""
    texts = list(value.values()) if isinstance(value, dict) else [value]
    longest = max((len(t) for t in texts if isinstance(t, str)), default=0)
    if longest > NAME_MAX:
        raise ValueError(f"text longer than {NAME_MAX:,} characters (got {longest:,}); shorten it")
    if isinstance(value, dict):
        return LocalText.model_validate(value, context=info.context)
    if isinstance(value, str):
        if not value.strip():
            raise ValueError("is empty: write the text, or leave the key out")
        return handler(value)
    raise ValueError(f"expected text, or a text per language {{en: …, vi: …}}, not {shown(value)}")


Wording = Annotated[LocalText | str, WrapValidator(_one_or_both)]
"""Free text of a client's file: one text for both languages, or {en: …, vi: …}."""


def text_in(value: LocalText | str | None, lang: str) -> str | None:
    """`value` in `lang` (a single text serves both languages); None for no text."""
    if isinstance(value, LocalText):
        return value[lang]
    return value


class Profile(StrictModel):
    """A target profile: the level to aim for in every dimension, with exceptions."""

    kind: Literal["profile"] = Field(description="Always 'profile'.")
    id: Id = Field(description="Unique across the library, e.g. 'balanced-3'.")
    name: LocalText = Field(description="Profile name.")
    description: LocalText = Field(description="When to choose it.")
    default: Level = Field(description="Target for every dimension not listed in `targets`.")
    targets: dict[DimensionPath, Level] = Field(
        default_factory=dict, description="framework-id/dimension-id → target level."
    )
    position: Id | None = Field(
        default=None,
        description="Target position on the CRM strategy matrix that goes with this profile "
        "(default: chosen from the business context).",
    )
    route: Id | None = Field(
        default=None, description="Migration route on the matrix that goes with this profile."
    )

    def target(self, dimension: str) -> float:
        return self.targets.get(dimension, self.default)


class Client(StrictModel):
    """The company being assessed."""

    name: str = Field(
        min_length=1, max_length=NAME_MAX, description="Company name as it appears in the report."
    )
    industry: Wording | None = Field(
        default=None, description="Industry, for the report cover: one text or {en: …, vi: …}."
    )
    country: Wording | None = Field(default=None, description="Country.")


class BusinessUnit(StrictModel):
    """A business unit respondents belong to."""

    id: Id = Field(description="Unit id, used by respondents' `unit`.")
    name: Wording = Field(description="Unit name as shown in reports: one text or {en: …, vi: …}.")

    def name_in(self, lang: str) -> str:
        return str(text_in(self.name, lang))


class Respondent(StrictModel):
    """A manager who answers the questionnaire."""

    id: Id = Field(description="Respondent id; the response file names it.")
    name: str = Field(min_length=1, max_length=NAME_MAX, description="Full name.")
    role: Role = Field(description="Role, which filters the questions shown.")
    unit: Id | None = Field(default=None, description="Business unit id.")
    email: str | None = Field(default=None, max_length=NAME_MAX, description="For invitations.")
    imported: str | None = Field(
        default=None,
        description="The survey export this respondent was added from by "
        "`responses import --add-respondents` (the file's name).",
    )


Market = Literal["b2b", "b2c", "mixed"]
Frequency = Literal["one-off", "yearly", "monthly", "weekly"]
Size3 = Literal["small", "medium", "large"]
Industry = Literal[
    "retail", "wholesale-distribution", "manufacturing", "financial-services",
    "professional-services", "e-commerce", "hospitality", "healthcare", "education",
    "technology", "other",
]  # fmt: skip


class BusinessContext(StrictModel):
    """The client's business, from which the target profile, the target position on the
    strategy matrix, the route and the roadmap's capacity are chosen (docs/scoring.md §8)."""

    market: Market = Field(description="Who the customers are: b2b, b2c or mixed.")
    active_customers: StrictInt = Field(
        ge=1, le=10**10, description="Customers who bought in the last twelve months."
    )
    purchase_frequency: Frequency = Field(
        description="How often a typical customer buys: one-off, yearly, monthly or weekly."
    )
    deal_size: Size3 = Field(
        description="Typical value of one sale in the client's market: small, medium or large."
    )
    company_size: CompanySize = Field(
        description="Staff: small (under 50), mid (50–999) or large (1,000 or more); "
        "enterprise for a bank or insurer, a listed group, or more than a million active "
        "customers."
    )
    industry: Industry = Field(description="Industry, for peer comparisons.")


class TargetSpec(StrictModel):
    """Where targets come from."""

    profile: Id | Literal["respondents"] | None = Field(
        default=None,
        description="A profile id, or 'respondents' for the median of respondents' own targets "
        "(default: chosen from the business context; balanced-3 without one).",
    )
    overrides: dict[DimensionPath, Level] = Field(
        default_factory=dict, description="framework-id/dimension-id → target level."
    )


class Branding(StrictModel):
    """How the report looks: the consultancy's name, logo and colour."""

    consultancy: Wording | None = Field(default=None, description="Consultancy name.")
    logo: str | None = Field(default=None, description="Logo file, relative to the workspace.")
    accent: str = Field(
        default="#1f5f8b", pattern=r"^#[0-9a-fA-F]{6}$", description="Accent colour, #rrggbb."
    )
    confidentiality: Wording | None = Field(
        default=None,
        description="The confidentiality line on every page of the reports: one text, or "
        "{en: …, vi: …} (default: confidential to the client, groups of at least min_group).",
    )


class ScoringSettings(StrictModel):
    """Thresholds of the scoring method."""

    level_threshold: float = Field(
        default=0.8, gt=0, le=1, description="Share of parts at or above a level to reach it."
    )
    disagreement: float = Field(
        default=1.5,
        gt=0,
        description="Levels apart that flag respondents' disagreement: twice the standard "
        "deviation of their scores (two equal groups this far apart).",
    )
    min_group: StrictInt = Field(
        default=3,
        ge=1,
        description="Fewest respondents a role or unit breakdown shows as a group; smaller "
        "groups are merged into 'others' or withheld.",
    )


class RoadmapSettings(StrictModel):
    """How much change the organisation can absorb at once, phase by phase."""

    capacity: list[int] | None = Field(
        default=None,
        min_length=4,
        max_length=4,
        description="Effort points of work that can run at the same time in each phase (0–3, "
        "3–6, 6–12, 12–24 months); an initiative counts S=1, M=2, L=3 in every month it runs "
        "(default: from the company size in `context:`, else 4, 4, 8, 8).",
    )
    max_initiatives: StrictInt | None = Field(
        default=None,
        ge=1,
        description="The most new initiatives the plan holds; the rest waits in the backlog for "
        "the next review (default: from the company size in `context:`: small 12, mid 24, "
        "large 30, enterprise 36; else 24).",
    )
    position: Id | None = Field(
        default=None,
        description="Target position on the strategy matrix (default: the profile's, else "
        "chosen from the business context).",
    )
    route: Id | None = Field(
        default=None,
        description="Migration route on the strategy matrix, e.g. 'marketing-first' "
        "(default: the profile's, else chosen from the business context).",
    )


class CollectSettings(StrictModel):
    """What the web questionnaire's welcome page tells respondents."""

    purpose: Wording | None = Field(
        default=None,
        description="Why the company asks, in a sentence or two (default: a general text).",
    )
    deadline: dt.date | None = Field(default=None, description="Answer by this date (YYYY-MM-DD).")
    contact: Wording | None = Field(
        default=None,
        description="Whom to ask about the questionnaire, e.g. 'Nguyễn An, an@firm.vn, 0903 123 456'.",
    )


ProgressStatus = Literal["done", "in_progress", "not_started"]


class InitiativeProgress(StrictModel):
    """How far one initiative of the previous roadmap has come (`progress:` in assessment.yaml)."""

    status: ProgressStatus = Field(description="done, in_progress or not_started.")
    note: LocalText | None = Field(default=None, description="What was done, in both languages.")
    months_left: StrictInt | None = Field(
        default=None,
        ge=1,
        le=24,
        description="In progress: the months the work still needs from the start of the new "
        "roadmap, at most the roadmap's 24 (default: half the initiative's length, rounded up).",
    )

    @model_validator(mode="after")
    def _left_in_progress(self) -> InitiativeProgress:
        if self.months_left is not None and self.status != "in_progress":
            raise ValueError(
                f"months_left is for work in progress, not {self.status}: remove it or set "
                "status: in_progress"
            )
        return self


class Assessment(StrictModel):
    """An assessment workspace's `assessment.yaml`."""

    kind: Literal["assessment"] = Field(description="Always 'assessment'.")
    client: Client = Field(description="The company assessed.")
    title: Wording | None = Field(
        default=None,
        description="Title of the assessment: one text for both reports, or {en: …, vi: …}.",
    )
    date: dt.date = Field(description="Date of the assessment (YYYY-MM-DD).")
    language: Lang = Field(
        default="vi",
        description="Default report language: one of the questionnaire's (without this key: "
        "Vietnamese, or the questionnaire's first language when it has no Vietnamese).",
    )
    questionnaire: Id = Field(description="Questionnaire id.")
    frameworks: list[Id] = Field(
        default_factory=list, description="Frameworks in scope; empty = all the questionnaire maps."
    )
    library: list[str] = Field(
        default_factory=list,
        description="Folders of your own content every command uses for this workspace, "
        "relative to this file (a `library/` folder beside it is used without being listed).",
    )
    context: BusinessContext | None = Field(
        default=None,
        description="The client's business: chooses the target profile, matrix position, route "
        "and roadmap capacity where assessment.yaml does not set them.",
    )
    target: TargetSpec = Field(default_factory=TargetSpec, description="Target profile.")
    units: list[BusinessUnit] = Field(default_factory=list, description="Business units.")
    respondents: list[Respondent] = Field(default_factory=list, description="Who answers.")
    branding: Branding = Field(default_factory=Branding, description="Report branding.")
    scoring: ScoringSettings = Field(default_factory=ScoringSettings, description="Thresholds.")
    roadmap: RoadmapSettings = Field(default_factory=RoadmapSettings, description="Planning.")
    collect: CollectSettings = Field(
        default_factory=CollectSettings, description="The web questionnaire's welcome page."
    )
    baseline: str | None = Field(
        default=None,
        description="The same client's earlier assessment: its workspace folder (or its "
        "assessment.yaml), relative to the folder of this assessment.yaml wherever the command "
        "runs from (e.g. '../acme-2025'); copy the two folders together. Reports then show what "
        "moved.",
    )
    progress: dict[Id, InitiativeProgress] = Field(
        default_factory=dict,
        description="Initiative id of the baseline's roadmap → its status now; "
        "`crm-assess progress draft` writes a start.",
    )
    benchmark: str | None = Field(
        default=None,
        description="A peer benchmark file from `crm-assess benchmark build`, relative to "
        "this folder. Reports then place the client among its peers.",
    )

    @model_validator(mode="before")
    @classmethod
    def _default_language(cls, data: Any, info: ValidationInfo) -> Any:
        """No `language:` and a questionnaire without Vietnamese: its first language."""
        langs = context_languages(info)
        if isinstance(data, dict) and "language" not in data and langs and "vi" not in langs:
            return {**data, "language": langs[0]}
        return data

    @field_validator("progress", mode="before")
    @classmethod
    def _short_progress(cls, value: Any) -> Any:
        """`id: done` is short for `id: {status: done}`."""
        if isinstance(value, dict):
            return {k: {"status": v} if isinstance(v, str) else v for k, v in value.items()}
        return {} if value is None else value

    def title_in(self, lang: str) -> str | None:
        """The title in `lang` (a single text serves both languages); None without one."""
        return text_in(self.title, lang)

    def reporting_group(self) -> int:
        """The smallest group a breakdown shows (`scoring.min_group`; 3 where it is not set)."""
        value = getattr(self.scoring, "min_group", None)
        return value if isinstance(value, int) and value > 0 else 3

    def unit_name(self, unit: str | None, lang: str) -> str:
        """A unit's name in `lang`; its id when it is not listed; '' for no unit."""
        if unit is None:
            return ""
        return next((u.name_in(lang) for u in self.units if u.id == unit), unit)


AnswerValue = StrictBool | StrictInt | StrictFloat | StrictStr | list[StrictStr]


class Answer(StrictModel):
    """One answer, with an optional comment, confidence, importance and target."""

    value: AnswerValue = Field(description="The answer; 'not_sure' or 'not_applicable' allowed.")
    comment: str | None = Field(
        default=None, max_length=COMMENT_MAX, description="The respondent's comment."
    )
    confidence: Literal["low", "medium", "high"] | None = Field(
        default=None, description="How sure the respondent is."
    )
    importance: int | None = Field(default=None, ge=1, le=5, description="Importance, 1–5.")
    target: Level | None = Field(default=None, description="The respondent's own target level.")

    @field_validator("value", mode="wrap")
    @classmethod
    def _one_message(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        """One plain message instead of one per member of the union."""
        try:
            return handler(value)
        except ValidationError:
            raise ValueError(
                f"answer must be text, a number, yes/no or a list of option ids (got {shown(value)})"
            ) from None


class Response(StrictModel):
    """One respondent's answers (a file in responses/)."""

    kind: Literal["response"] = Field(default="response", description="Always 'response'.")
    respondent: Id = Field(description="Respondent id from assessment.yaml.")
    questionnaire: Id | None = Field(default=None, description="Questionnaire answered.")
    language: Lang | None = Field(default=None, description="Language answered in.")
    submitted: dt.datetime | dt.date | None = Field(default=None, description="When submitted.")
    answers: dict[str, Answer] = Field(description="Question id → answer.")

    @field_validator("answers", mode="before")
    @classmethod
    def _short_answers(cls, value: Any) -> Any:
        """`q: 3` is short for `q: {value: 3}`."""
        if isinstance(value, dict):
            return {k: v if isinstance(v, dict) else {"value": v} for k, v in value.items()}
        if value is None:  # `answers:` with nothing under it
            return {}
        found = "a list" if isinstance(value, list) else f"the value {value!r}"
        raise ValueError(f"expected a mapping of question ids to answers, not {found}")
