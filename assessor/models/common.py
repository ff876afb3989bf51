"""Building blocks shared by every content model."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

__all__ = [
    "COMMENT_MAX",
    "LANGUAGES",
    "NAME_MAX",
    "CompanySize",
    "Id",
    "Lang",
    "LocalText",
    "NonEmpty",
    "StrictModel",
]

# The longest free text a workspace file may hold in a name (client, unit, respondent,
# consultancy, …) and in a respondent's comment: far above real text, far below what would make
# a report take minutes (limits checked where the file is read, with the text's place).
NAME_MAX = 300
COMMENT_MAX = 5000

LANGUAGES: tuple[str, ...] = ("en", "vi")
Lang = Literal["en", "vi"]
CompanySize = Literal["small", "mid", "large"]  # < 50 staff, 50–999, ≥ 1000

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64),
    Field(description="Lower-case kebab-case identifier, e.g. 'customer-experience'."),
]


class StrictModel(BaseModel):
    """Unknown keys are errors; strings are not coerced from numbers or booleans."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


NonEmpty = Annotated[str, StringConstraints(min_length=1), Field(strict=True)]


class LocalText(StrictModel):
    """Text in English and Vietnamese. Both languages are required."""

    en: NonEmpty = Field(description="English text.")
    vi: NonEmpty = Field(description="Vietnamese text (Tiếng Việt), with full diacritics.")

    @model_validator(mode="before")
    @classmethod
    def _known_languages(cls, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = [k for k in data if k not in LANGUAGES]
            if unknown:
                raise ValueError(
                    f"unknown language code '{unknown[0]}' (expected: {', '.join(LANGUAGES)})"
                )
        return data

    def __getitem__(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en

    def get(self, lang: str) -> str:
        return self[lang]
