"""The web questionnaire's fixed texts (labels.yaml beside this file), in one language.

They are in English and Vietnamese; a library brings another language with
`reports/form-labels.LANG.yaml` (one text per key, every key of labels.yaml), which
`use_form_labels` reads when the server starts.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Mapping
from pathlib import Path

from ..errors import Problem
from ..models.common import LANGUAGES, pick
from ..yamlsource import parse_yaml

__all__ = ["Labels", "form_label_file", "labels", "use_form_labels"]

_extra: dict[str, dict[str, str]] = {}  # language → texts, from a library's form-labels files


class Labels:
    """The web form's fixed texts in one language: `L.saved`, `L.fmt('hello', name=...)`."""

    def __init__(self, texts: Mapping[str, str], lang: str) -> None:
        self._texts = dict(texts)
        self.lang = lang

    def __getattr__(self, key: str) -> str:
        try:
            return self._texts[key]
        except KeyError:
            raise AttributeError(key) from None

    def fmt(self, key: str, **values: object) -> str:
        return self._texts[key].format(**values)

    def role(self, role: str) -> str:
        return self._texts.get(f"role_{role}", role)


@functools.cache
def _label_texts() -> dict[str, dict[str, str]]:
    doc, problems = parse_yaml(Path(__file__).parent / "labels.yaml")
    if doc is None or problems:  # shipped with the package: a broken file is our bug
        raise RuntimeError("; ".join(str(p) for p in problems))
    return {str(k): v for k, v in doc.data.items()}


def labels(lang: str) -> Labels:
    """The texts in `lang`: the built-in ones, or those a library's file gave (English for a
    language neither has; the server offers only languages it has texts in)."""
    if lang in _extra:
        return Labels(_extra[lang], lang)
    return Labels({k: pick(v, lang) for k, v in _label_texts().items()}, lang)


def form_label_file(lang: str) -> str:
    return f"form-labels.{lang}.yaml"


def _names(text: str) -> set[str]:
    try:
        return {n for _, n, _, _ in string.Formatter().parse(text) if n is not None}
    except ValueError:
        return {"{"}


def _read(file: Path) -> tuple[dict[str, str], list[Problem]]:
    doc, problems = parse_yaml(file)
    if doc is None or not isinstance(doc.data, dict):
        return {}, problems or [Problem(str(file), message="expected a mapping of label → text")]
    builtin = _label_texts()
    texts: dict[str, str] = {}
    for key, value in doc.data.items():
        if key not in builtin:
            problems.append(doc.problem((key,), f"unknown label '{key}'", key=True))
        elif not isinstance(value, str) or not value.strip():
            problems.append(doc.problem((key,), "expected the label's text"))
        elif not _names(value) <= _names(builtin[key]["en"]):
            msg = "placeholders must be among those of the English label"
            problems.append(doc.problem((key,), msg))
        else:
            texts[str(key)] = value.strip()
    missing = [k for k in builtin if k not in texts and not problems]
    if missing:
        shown = ", ".join(missing[:5]) + (", …" if len(missing) > 5 else "")
        msg = f"lacks {len(missing)} of the web form's labels: {shown}"
        problems.append(Problem(str(file), message=msg))
    return texts, problems


def use_form_labels(
    langs: tuple[str, ...], dirs: tuple[Path, ...]
) -> tuple[tuple[str, ...], list[Problem]]:
    """Of `langs` (the questionnaire's), those the web form can speak: English, Vietnamese and
    any a library's `form-labels.LANG.yaml` gives (read now); and the problems of those files."""
    offered: list[str] = []
    problems: list[Problem] = []
    for lang in langs:
        file = next(
            (d / form_label_file(lang) for d in dirs if (d / form_label_file(lang)).is_file()), None
        )
        if file is not None:
            texts, found = _read(file)
            problems += found
            if not found:
                _extra[lang] = {k: pick(v, "en") for k, v in _label_texts().items()} | texts
                offered.append(lang)
        elif lang in LANGUAGES:
            offered.append(lang)
    return tuple(offered), problems
