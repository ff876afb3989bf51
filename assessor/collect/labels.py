"""The web questionnaire's fixed texts (labels.yaml beside this file), in one language."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path

from ..yamlsource import parse_yaml

__all__ = ["Labels", "labels"]


class Labels:
    """The web form's fixed texts in one language: `L.saved`, `L.fmt('hello', name=...)`."""

    def __init__(self, texts: Mapping[str, Mapping[str, str]], lang: str) -> None:
        self._texts = {k: v[lang] for k, v in texts.items()}
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
    return Labels(_label_texts(), lang)
