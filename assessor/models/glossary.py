"""The glossary: one Vietnamese term per English term, and the variants not to use."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import Id, LocalText, NonEmpty, StrictModel

__all__ = ["Glossary", "Term"]


class Term(StrictModel):
    """An English term, the one Vietnamese term for it, and the renderings that drift from it."""

    en: NonEmpty = Field(description="The English term, e.g. 'value proposition'.")
    vi: NonEmpty = Field(description="The one Vietnamese term used for it everywhere.")
    avoid: list[NonEmpty] = Field(
        default_factory=list,
        description="Vietnamese variants not to use (matched case-insensitively in content, "
        "labels and templates).",
    )
    note: LocalText | None = Field(default=None, description="Why, or where the term applies.")


class Glossary(StrictModel):
    """The vocabulary every content file, label file and template keeps to."""

    kind: Literal["glossary"] = Field(description="Always 'glossary'.")
    id: Id = Field(description="Glossary id, e.g. 'crm-terms'.")
    terms: list[Term] = Field(min_length=1, description="The terms.")
    developer_wording: list[NonEmpty] = Field(
        default_factory=list,
        description="Wording about files and ids that must not reach a reader.",
    )
