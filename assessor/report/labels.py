"""The reports' labels (reports/labels.yaml) and locale-aware number formatting.

The built-in labels are in English and Vietnamese, `{en: …, vi: …}` per key; a `labels.yaml`
in a library's `reports/` folder re-words single keys. A library brings another language with
`reports/labels.LANG.yaml` (`labels.fr.yaml`): one text per key, every key of the built-in
file, the same `{placeholders}`. It may also re-word an English or Vietnamese label that way.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..checks import did_you_mean
from ..errors import DefinitionError, Problem
from ..loading import Library, builtin_root
from ..models import LANGUAGES, LocalText
from ..yamlsource import parse_yaml

__all__ = [
    "Labels",
    "LocalStyle",
    "fmt_amount",
    "fmt_num",
    "label_file",
    "label_languages",
    "label_problems",
    "library_labels",
    "load_labels",
    "local_style",
]

_LANG_FILE = re.compile(r"^labels\.([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.yaml$")


class Labels(dict[str, str]):
    """Label key → text in one language; `labels.fill(key, **values)` fills placeholders."""

    def fill(self, key: str, **values: object) -> str:
        return self[key].format(**values)

    def count(self, key: str, n: int, **values: object) -> str:
        """`key` filled with `n` and `values`; `key_one` instead when n is 1 and it exists."""
        chosen = f"{key}_one" if n == 1 and f"{key}_one" in self else key
        return self[chosen].format(n=n, **values)

    def listed(self, names: list[str]) -> str:
        """'a', 'a and b', 'a, b and c', in the language's words."""
        if len(names) == 1:
            return names[0]
        return self.fill("list_and", first=", ".join(names[:-1]), last=names[-1])


@functools.cache
def _all_labels(folder: Path) -> dict[str, LocalText]:
    doc, problems = parse_yaml(folder / "labels.yaml")
    if doc is None or problems or not isinstance(doc.data, dict):
        raise DefinitionError(problems or f"{folder / 'labels.yaml'}: expected a mapping of labels")
    return {key: LocalText.model_validate(value) for key, value in doc.data.items()}


def label_file(lang: str) -> str:
    """The name of a library's label file for `lang`: 'labels.fr.yaml'."""
    return f"labels.{lang}.yaml"


def _placeholders(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:  # a lone brace: reported as such below
        return {"{"}


def _one_language(file: Path) -> tuple[dict[str, str], tuple[Problem, ...]]:
    """A `labels.LANG.yaml`: its texts, and its problems against the built-in keys (read again
    when the file changes)."""
    try:
        stat = file.stat()
    except OSError:
        return {}, (Problem(str(file), message="cannot be read"),)
    return _read_one_language(file, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _read_one_language(
    file: Path, _mtime: int, _size: int
) -> tuple[dict[str, str], tuple[Problem, ...]]:
    doc, problems = parse_yaml(file)
    if doc is None:
        return {}, tuple(problems)
    if not isinstance(doc.data, dict):
        return {}, (*problems, doc.problem((), "expected a mapping of label → text"))
    builtin = _all_labels(builtin_root() / "reports")
    texts: dict[str, str] = {}
    for key, value in doc.data.items():
        if key not in builtin:
            msg = f"unknown label '{key}'{did_you_mean(str(key), builtin)}"
            problems.append(doc.problem((key,), msg, key=True))
        elif not isinstance(value, str) or not value.strip():
            problems.append(doc.problem((key,), "expected the label's text"))
        elif (wrong := style_problem(str(key), value)) is not None:
            problems.append(doc.problem((key,), wrong))
        elif not _placeholders(value) <= _placeholders(builtin[key]["en"]):
            allowed = sorted(_placeholders(builtin[key]["en"]))
            names = ", ".join("{" + n + "}" for n in allowed) or "none"
            msg = f"placeholders must be among those of the English label ({names})"
            problems.append(doc.problem((key,), msg))
        else:
            texts[str(key)] = value.strip()
    return texts, tuple(problems)


def label_languages(folders: Iterable[Path] = ()) -> tuple[str, ...]:
    """The languages there are report labels in: the built-in ones, then those a library's
    `labels.LANG.yaml` brings."""
    found = list(LANGUAGES)
    for folder in folders:
        if folder.is_dir():
            for entry in sorted(folder.iterdir()):
                match = _LANG_FILE.match(entry.name)
                if match and match.group(1) not in found:
                    found.append(match.group(1))
    return tuple(found)


def label_problems(lang: str, folders: tuple[Path, ...] = ()) -> list[Problem]:
    """Why the labels in `lang` cannot be used (nothing when they can)."""
    files = [f / label_file(lang) for f in folders if (f / label_file(lang)).is_file()]
    problems = [p for file in files for p in _one_language(file)[1]]
    if lang in LANGUAGES or problems:
        return problems
    if not files:
        where = f"reports/{label_file(lang)} in your library"
        return [Problem("", message=f"no report labels in '{lang}': provide {where}")]
    have = {key for file in files for key in _one_language(file)[0]}
    missing = [k for k in _all_labels(builtin_root() / "reports") if k not in have]
    if missing:
        shown = ", ".join(missing[:5]) + (", …" if len(missing) > 5 else "")
        msg = f"lacks {len(missing)} of the report labels: {shown}"
        return [Problem(str(files[0]), message=msg)]
    return []


_brought: dict[str, tuple[Path, ...]] = {}
"""Language beyond en and vi → the report folders that last brought its labels, for the callers
that name no folders (a command checks its language, with its library's folders, first)."""


def load_labels(lang: str, folders: tuple[Path, ...] = ()) -> Labels:
    """Labels in `lang`; a `labels.yaml` in a user's report folder overrides single keys, and a
    `labels.LANG.yaml` gives (or re-words) them in one language."""
    if not folders and lang not in LANGUAGES:
        folders = _brought.get(lang, ())
    problems = label_problems(lang, folders)
    if problems:
        raise DefinitionError(problems)
    if lang not in LANGUAGES:
        _brought[lang] = folders
    merged = dict(_all_labels(builtin_root() / "reports"))
    for folder in reversed(folders):
        if (folder / "labels.yaml").is_file():
            merged.update(_all_labels(folder))
    texts = {key: text[lang] for key, text in merged.items()}
    for folder in reversed(folders):
        if (folder / label_file(lang)).is_file():
            texts.update(_one_language(folder / label_file(lang))[0])
    return Labels(texts)


def library_labels(lang: str, library: Library) -> Labels:
    """Labels in `lang` from the report folders of a loaded library's own folders."""
    return load_labels(lang, library_report_dirs(library))


def library_report_dirs(library: Library) -> tuple[Path, ...]:
    return tuple(d / "reports" for d in library.searched if (d / "reports").is_dir())


def fmt_num(value: float | None, lang: str, digits: int = 1) -> str:
    """1234.5 → '1,234.5' (en), '1.234,5' (vi), as the language's `number_format` label writes
    numbers; None → '–'."""
    if value is None:
        return "–"
    return local_style(lang).number(value, digits)


FIGURES = 3  # an amount estimated from respondents' figures is shown to three significant figures
_SCALES = ((1e9, "amount_billion"), (1e6, "amount_million"))


def significant(value: float, figures: int = FIGURES) -> float:
    """`value` rounded to `figures` significant figures: 877,273,000 → 877,000,000."""
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, figures - 1 - math.floor(math.log10(abs(value))))


def fmt_amount(value: float, lang: str, labels: Labels, smallest: float | None = None) -> str:
    """An amount as a reader says it, no more precise than its inputs: three significant figures,
    in millions or billions (labels `amount_million`, `amount_billion`) from a million up, with at
    most one decimal there. 877,273,000 → '877 million' / '877 triệu'; 1,234,000,000 → '1.2
    billion' / '1,2 tỷ'; 43,215 → '43,200' / '43.200'; 0.04321 → '0.0432'. Amounts shown side by
    side read in one unit: given the `smallest` of them, the unit is the one that suits it (a row
    of 1,000,000, 900,000 and 850,000 is '1.000.000 | 900.000 | 850.000', not '1 triệu | …')."""
    value = significant(value)
    style = local_style(lang)
    by = abs(value) if smallest is None else min(abs(value), abs(significant(smallest)))
    for size, key in _SCALES:
        if by >= size:
            return labels.fill(key, amount=style.figure(value / size, 1))
    digits = max(0, FIGURES - 1 - math.floor(math.log10(abs(value)))) if value else 0
    return style.figure(value, digits)


@dataclass(frozen=True)
class LocalStyle:
    """How a language writes numbers and dates, from its labels `number_format` (1234.5 as the
    language writes it), `date_format`, `time_format` and `month_names`."""

    decimal: str
    group: str
    date: str
    time: str
    months: tuple[str, ...]

    def number(self, value: float, digits: int = 1) -> str:
        return self.marks(f"{value:,.{digits}f}")

    def figure(self, value: float, digits: int) -> str:
        """At most `digits` decimals, none that are trailing zeros: 1.20 → '1.2', 877.0 → '877'."""
        text = f"{value:,.{digits}f}"
        return self.marks(text.rstrip("0").rstrip(".") if digits else text)

    def marks(self, text: str) -> str:
        """A number written the English way ('1,234.5') with this language's marks."""
        return text.replace(",", "\x00").replace(".", self.decimal).replace("\x00", self.group)

    def day(self, d: dt.date) -> str:
        return self._fill(self.date, d.year, d.month, d.day)

    def moment(self, m: dt.datetime) -> str:
        return self._fill(self.time, m.year, m.month, m.day, m.hour, m.minute)

    def _fill(
        self, pattern: str, year: int, month: int, day: int, hour: int = 0, minute: int = 0
    ) -> str:
        name = self.months[month - 1]
        values = {"YYYY": str(year), "MMMM": name, "MMM": name[:3], "MM": f"{month:02d}",
                  "M": str(month), "DD": f"{day:02d}", "D": str(day), "hh": f"{hour:02d}",
                  "mm": f"{minute:02d}"}  # fmt: skip
        return _DATE_TOKEN.sub(lambda t: values[t.group(0)], pattern)


_NUMBER_SAMPLE = re.compile(r"^1(\D{0,2})234(\D)5$")
_DATE_TOKEN = re.compile(r"YYYY|MMMM|MMM|MM|M|DD|D|hh|mm")


def style_problem(key: str, text: str) -> str | None:
    """Why a language's `number_format`, `date_format`, `time_format` or `month_names` label
    cannot be used (None when it can)."""
    if key == "number_format":
        match = _NUMBER_SAMPLE.match(text)
        if match is None or match.group(1) == match.group(2):
            return "write the number 1234.5 as the language writes it, e.g. '1,234.5' or '1 234,5'"
    elif key in ("date_format", "time_format") and not _DATE_TOKEN.search(text):
        return (
            "write the pattern with YYYY, MM or MMMM, DD (and hh:mm for a time), e.g. 'DD/MM/YYYY'"
        )
    elif key == "month_names" and len([m for m in text.split(",") if m.strip()]) != 12:
        return "write the twelve month names, separated by commas"
    return None


def local_style(lang: str) -> LocalStyle:
    """How `lang` writes numbers and dates (its labels, as `load_labels` finds them)."""
    return _style(lang, () if lang in LANGUAGES else _brought.get(lang, ()))


@functools.lru_cache(maxsize=16)
def _style(lang: str, folders: tuple[Path, ...]) -> LocalStyle:
    try:
        labels = load_labels(lang, folders)
    except DefinitionError:  # a language with form labels only (the web form): English's way
        labels = load_labels("en")
    match = _NUMBER_SAMPLE.match(labels["number_format"])
    decimal, group = (match.group(2), match.group(1)) if match else (".", ",")
    months = tuple(m.strip() for m in labels["month_names"].split(","))
    return LocalStyle(decimal, group, labels["date_format"], labels["time_format"], months)
