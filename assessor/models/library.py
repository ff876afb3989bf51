"""library.yaml: what a folder of one's own content declares about itself."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from .common import Lang, StrictModel

__all__ = ["LibraryInfo"]


class LibraryInfo(StrictModel):
    """The languages a library is written in. It sits at the top of the library's folder and
    speaks for every content file in that folder and below it."""

    kind: Literal["library"] = Field(description="Always 'library'.")
    languages: list[Lang] = Field(
        min_length=1,
        description="The languages every text of this library is written in, e.g. [en] or "
        "[en, fr]: each text has exactly these. With one language, text may be written plain "
        "(`name: Customer strategy`). Without library.yaml a library is in English and "
        "Vietnamese, like the built-in content.",
    )

    @field_validator("languages")
    @classmethod
    def _once_each(cls, value: list[str]) -> list[str]:
        seen = [lang for i, lang in enumerate(value) if lang in value[:i]]
        if seen:
            raise ValueError(f"language '{seen[0]}' is listed twice")
        return value
