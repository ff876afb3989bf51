"""The consultant's review (`review.yaml` in a workspace): agreed levels, evidence, findings."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, StrictInt, model_validator

from .common import Id, LocalText, StrictModel
from .questionnaire import DimensionPath

__all__ = ["MAX_KEY_MESSAGES", "Agreed", "Evidence", "Quote", "Review"]

MAX_KEY_MESSAGES = 5


class Evidence(StrictModel):
    """What an agreed level rests on."""

    kind: Literal["document", "interview", "observation"] = Field(
        description="A document read, an interview held, or a practice observed."
    )
    ref: str = Field(
        min_length=1,
        max_length=200,
        description="A short reference, e.g. 'Sales report Oct 2026' or 'Head of sales, 28/10'.",
    )


class Agreed(StrictModel):
    """The level agreed for one dimension, or for every dimension of one capability."""

    dimension: DimensionPath | None = Field(
        default=None, description="framework-id/dimension-id, e.g. 'gartner-8bb/metrics'."
    )
    capability: Id | None = Field(
        default=None,
        description="A capability id: the level applies to each of its dimensions in scope "
        "(a dimension's own entry wins).",
    )
    level: StrictInt | None = Field(
        default=None,
        ge=1,
        le=4,
        description="The agreed level, 1–4; empty while not yet agreed (then it changes nothing).",
    )
    rationale: LocalText | None = Field(
        default=None, description="Why this level, in the consultant's words (needed with a level)."
    )
    evidence: list[Evidence] = Field(default_factory=list, description="What the level rests on.")
    findings: list[LocalText] = Field(default_factory=list, description="What was found.")
    recommendations: list[LocalText] = Field(
        default_factory=list, description="What the consultant recommends."
    )

    @model_validator(mode="after")
    def _one_target(self) -> Agreed:
        if (self.dimension is None) == (self.capability is None):
            raise ValueError("give either 'dimension' or 'capability' (exactly one)")
        if self.level is not None and self.rationale is None:
            raise ValueError("an agreed level needs a 'rationale'")
        return self

    @property
    def target(self) -> str:
        return self.dimension or self.capability or ""


class Quote(StrictModel):
    """A respondent's comment the consultant selects; the report shows it without a name."""

    respondent: Id = Field(description="Respondent id (never shown in the report).")
    question: str = Field(min_length=1, description="Question id the comment was made on.")
    text: LocalText | None = Field(
        default=None,
        description="The quote as shown, e.g. shortened or translated (default: the comment).",
    )


class Review(StrictModel):
    """The consultant's review of an assessment, after interviews and a consensus workshop."""

    kind: Literal["review"] = Field(description="Always 'review'.")
    moderator: str = Field(min_length=1, description="Who moderated the review, and for whom.")
    method: LocalText = Field(
        description="How the levels were agreed, e.g. a consensus workshop with whom."
    )
    date: dt.date | None = Field(default=None, description="When the review was held.")
    agreed: list[Agreed] = Field(
        default_factory=list, description="Agreed levels, per dimension or capability."
    )
    key_messages: list[LocalText] = Field(
        default_factory=list,
        max_length=MAX_KEY_MESSAGES,
        description="Up to five key messages that replace the generated ones in the report.",
    )
    quotes: list[Quote] = Field(
        default_factory=list, description="Respondents' comments shown as anonymised quotes."
    )
