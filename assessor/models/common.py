"""Building blocks shared by every content model."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    RootModel,
    StringConstraints,
    ValidationInfo,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from ..errors import shown

__all__ = [
    "COMMENT_MAX",
    "LANGUAGES",
    "LANGUAGE_CODE",
    "LANGUAGE_NAMES",
    "NAME_MAX",
    "CompanySize",
    "Id",
    "Lang",
    "LocalText",
    "NonEmpty",
    "StrictModel",
    "context_languages",
    "pick",
]

# The longest free text a workspace file may hold in a name (client, unit, respondent,
# consultancy, …) and in a respondent's comment: far above real text, far below what would make
# a report take minutes (limits checked where the file is read, with the text's place).
NAME_MAX = 300
COMMENT_MAX = 5000

LANGUAGES: tuple[str, ...] = ("en", "vi")
"""The built-in content's languages, and those of a library that declares none."""
LANGUAGE_NAMES = {"en": "English", "vi": "Vietnamese"}

LANGUAGE_CODE = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
Lang = Annotated[
    str,
    StringConstraints(pattern=LANGUAGE_CODE, max_length=35),
    Field(description="A language code, e.g. 'en', 'vi', 'fr' or 'pt-BR'."),
]
# < 50 staff, 50–999, ≥ 1000; enterprise: a bank or insurer, a listed group, or more than a
# million active customers (docs/scoring.md §8)
CompanySize = Literal["small", "mid", "large", "enterprise"]

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64),
    Field(description="Lower-case kebab-case identifier, e.g. 'customer-experience'."),
]


class StrictModel(BaseModel):
    """Unknown keys are errors; strings are not coerced from numbers or booleans."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


NonEmpty = Annotated[str, StringConstraints(min_length=1), Field(strict=True)]


T = TypeVar("T")


def pick(texts: Mapping[str, T], lang: str) -> T:
    """`texts[lang]` of the tool's own words (held in code, in English and Vietnamese); the
    English one for another language."""
    return texts[lang] if lang in texts else texts["en"]


def context_languages(info: ValidationInfo | None) -> tuple[str, ...]:
    """The languages a file's text must be written in: its library's (passed to validation as
    `context={"languages": (...)}`), else the built-in ones."""
    context = info.context if info is not None else None
    if isinstance(context, dict) and "languages" in context:
        return tuple(context["languages"])
    return LANGUAGES


def _example(langs: tuple[str, ...]) -> str:
    return "{" + ", ".join(f"{lang}: …" for lang in langs) + "}"


_ONE_LANGUAGE = (
    "; a library written in one language says so in its library.yaml (languages: [en]) and may "
    "then write plain text"
)


def _missing(lang: str) -> str:
    if lang in LANGUAGE_NAMES:
        return f"missing {LANGUAGE_NAMES[lang]} text ('{lang}')"
    return f"missing text in '{lang}'"


_CODE = re.compile(LANGUAGE_CODE)


def _open(data: dict[Any, Any], langs: tuple[str, ...]) -> dict[Any, Any]:
    """A text of a workspace file: at least its questionnaire's languages, others allowed."""
    bad = [k for k in data if not isinstance(k, str) or not _CODE.match(k)]
    if bad:
        raise ValueError(f"{shown(bad[0])} is not a language code (e.g. en, vi, fr)")
    if not data:
        raise ValueError("expected a text per language, not an empty mapping")
    missing = [lang for lang in langs if lang not in data]
    if missing:
        raise ValueError(_missing(missing[0]))
    return {**{lang: data[lang] for lang in langs}, **data}


class LocalText(RootModel[dict[str, NonEmpty]]):
    """Text in each language of its library: `{en: …, vi: …}` for the built-in content.

    A file's library declares its languages (library.yaml, `languages: [en]`); every text then
    has exactly those, and a library of one language may write plain text. `text[lang]` and
    `text.get(lang)` read one language.
    """

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _per_language(cls, data: Any, info: ValidationInfo) -> Any:
        langs = context_languages(info)
        context = info.context if isinstance(info.context, dict) else {}
        if isinstance(data, LocalText):
            data = data.root
        if isinstance(data, str) and len(langs) == 1:
            return {langs[0]: data}
        if isinstance(data, str):
            hint = "" if context.get("declared") else _ONE_LANGUAGE
            raise ValueError(f"expected a text per language, {_example(langs)}, not one text{hint}")
        if not isinstance(data, dict):
            raise ValueError(f"expected a text per language, {_example(langs)}, not {shown(data)}")
        if context.get("open"):
            return _open(data, langs)
        unknown = [k for k in data if k not in langs]
        if unknown:
            where = "library.yaml declares" if context.get("declared") else "expected"
            raise ValueError(f"unknown language code '{unknown[0]}' ({where}: {', '.join(langs)})")
        missing = [lang for lang in langs if lang not in data]
        if missing:
            raise ValueError(_missing(missing[0]))
        return {lang: data[lang] for lang in langs}  # one order: the library's

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        text = {"type": "string", "minLength": 1}
        return {
            "title": "LocalText",
            "description": "Text in each language of the library: {en: …, vi: …} for the "
            "built-in languages. A library of one language may write plain text.",
            "anyOf": [
                {
                    "type": "object",
                    "properties": {
                        "en": {**text, "description": "English text."},
                        "vi": {
                            **text,
                            "description": "Vietnamese text (Tiếng Việt), with full diacritics.",
                        },
                    },
                    "propertyNames": {"pattern": LANGUAGE_CODE},
                    "additionalProperties": text,
                    "minProperties": 1,
                },
                text,
            ],
        }

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.root)

    def __getitem__(self, lang: str) -> str:
        """The text in `lang`; a language it lacks reads as English (else its first language).
        Commands check the languages of what they show before showing it."""
        texts = self.root
        if lang in texts:
            return texts[lang]
        return texts["en"] if "en" in texts else next(iter(texts.values()))

    def get(self, lang: str) -> str:
        return self[lang]

    def __contains__(self, lang: object) -> bool:
        return lang in self.root

    def __hash__(self) -> int:
        return hash(tuple(self.root.items()))

    @property
    def en(self) -> str:
        return self["en"]

    @property
    def vi(self) -> str:
        return self["vi"]
