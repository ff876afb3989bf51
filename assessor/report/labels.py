"""The reports' labels (reports/labels.yaml) and locale-aware number formatting."""

from __future__ import annotations

import functools
from pathlib import Path

from ..errors import DefinitionError
from ..loading import builtin_root
from ..models import LocalText
from ..yamlsource import parse_yaml

__all__ = ["Labels", "fmt_num", "load_labels"]


class Labels(dict[str, str]):
    """Label key → text in one language; `labels.fill(key, **values)` fills placeholders."""

    def fill(self, key: str, **values: object) -> str:
        return self[key].format(**values)

    def count(self, key: str, n: int, **values: object) -> str:
        """`key` filled with `n` and `values`; `key_one` instead when n is 1 and it exists."""
        chosen = f"{key}_one" if n == 1 and f"{key}_one" in self else key
        return self[chosen].format(n=n, **values)


@functools.cache
def _all_labels(folder: Path) -> dict[str, LocalText]:
    doc, problems = parse_yaml(folder / "labels.yaml")
    if doc is None or problems or not isinstance(doc.data, dict):
        raise DefinitionError(problems or f"{folder / 'labels.yaml'}: expected a mapping of labels")
    return {key: LocalText.model_validate(value) for key, value in doc.data.items()}


def load_labels(lang: str, folders: tuple[Path, ...] = ()) -> Labels:
    """Labels in `lang`; a `labels.yaml` in a user's report folder overrides single keys."""
    merged = dict(_all_labels(builtin_root() / "reports"))
    for folder in reversed(folders):
        if (folder / "labels.yaml").is_file():
            merged.update(_all_labels(folder))
    return Labels({key: text[lang] for key, text in merged.items()})


def fmt_num(value: float | None, lang: str, digits: int = 1) -> str:
    """1234.5 → '1,234.5' (en) or '1.234,5' (vi); None → '–'."""
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}"
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text
