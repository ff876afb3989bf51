"""Which languages a command can speak: those its content and its labels exist in.

Every text knows its languages (`LocalText.languages`: those its library declares), so a
command asked for a language checks the things it will show — the questionnaire, the frameworks
in scope, the target profile, the capability catalogue, the planned initiatives — and the
report labels, and says in one line what is missing:

    require_language("fr", questionnaire=q, frameworks=fws, label_dirs=dirs)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DefinitionError, Problem
from .models import LANGUAGES, Framework, Questionnaire

if TYPE_CHECKING:
    from .pipeline import AssessmentResult

__all__ = [
    "content_languages",
    "default_language",
    "require_language",
    "require_result_language",
    "result_language",
]


def _languages(item: Any) -> tuple[str, ...]:
    """The languages an item of content is written in (those of its name or title)."""
    text = getattr(item, "name", None) or getattr(item, "title", None)
    return tuple(getattr(text, "languages", LANGUAGES))


def content_languages(*items: Any) -> tuple[str, ...]:
    """The languages every one of `items` has, in the first one's order."""
    found = list(_languages(items[0])) if items else list(LANGUAGES)
    for item in items[1:]:
        found = [lang for lang in found if lang in _languages(item)]
    return tuple(found)


def default_language(item: Any) -> str:
    """Vietnamese when an item (a questionnaire) has it, else its first language."""
    langs = _languages(item)
    return "vi" if "vi" in langs else langs[0]


def result_language(lang: str | None, result: AssessmentResult) -> str:
    """The language a command shows a workspace in: `lang` as asked, else English, else (a
    questionnaire without English) the assessment's language."""
    if lang is not None:
        return lang
    return (
        "en"
        if "en" in _languages(result.workspace.questionnaire)
        else (result.workspace.assessment.language)
    )


def _lacking(lang: str, what: str, items: Sequence[tuple[str, Any]]) -> str | None:
    """The items lacking `lang`, each with its languages: "frameworks 'a' (en) and 'b' (en,
    vi)"; None if none does."""
    lacking = [
        f"'{ident}' ({', '.join(_languages(item))})"
        for ident, item in items
        if lang not in _languages(item)
    ]
    if not lacking:
        return None
    names = lacking[0] if len(lacking) == 1 else ", ".join(lacking[:-1]) + " and " + lacking[-1]
    return f"{what}{'s' if len(lacking) > 1 else ''} {names}"


def require_language(
    lang: str,
    *,
    questionnaire: Questionnaire | None = None,
    frameworks: Iterable[Framework] = (),
    others: Iterable[tuple[str, str, Any]] = (),
    label_dirs: tuple[Path, ...] | None = None,
) -> None:
    """Raise one clear error when `lang` is missing from anything a command will show.

    `others` are further items as (what, id, item), e.g. ("profile", "balanced-3", profile).
    `label_dirs` are the report folders whose labels the command uses (None: it uses none).
    """
    from .report.labels import label_problems, load_labels

    groups: dict[str, list[tuple[str, Any]]] = {}
    if questionnaire is not None:
        groups["questionnaire"] = [(questionnaire.id, questionnaire)]
    groups["framework"] = [(f.id, f) for f in frameworks]
    for what, ident, item in others:
        groups.setdefault(what, []).append((ident, item))
    missing = [m for what, items in groups.items() if (m := _lacking(lang, what, items))]
    labels = label_problems(lang, label_dirs) if label_dirs is not None else []
    unplaced = [p.message for p in labels if not p.path]
    if missing or unplaced:
        line = f"language '{lang}' is missing from " + ", ".join(missing) if missing else ""
        line = "; ".join(filter(None, [line, *unplaced]))
        raise DefinitionError([Problem("", message=line), *(p for p in labels if p.path)])
    if labels:
        raise DefinitionError(labels)
    if label_dirs is not None:
        load_labels(lang, label_dirs)  # the labels every later step of the command reads


def require_result_language(lang: str, result: AssessmentResult) -> None:
    """`lang` for a workspace's tables and reports: its questionnaire, frameworks (and the
    strategy matrix's, which every report shows), profile, capabilities and planned initiatives,
    and the report labels of its libraries."""
    from .report.labels import library_report_dirs
    from .strategy import STRATEGY_FRAMEWORK

    ws, library = result.workspace, result.library
    others: list[tuple[str, str, Any]] = []
    if ws.profile is not None:
        others.append(("target profile", ws.profile.id, ws.profile))
    used = {c for fw in ws.frameworks for d in fw.dimensions for c in d.capabilities}
    if used and library.capabilities is not None:
        caps = [c for c in library.capabilities.capabilities if c.id in used]
        others += [("capability", c.id, c) for c in caps]
    others += [("initiative", p.initiative.id, p.initiative) for p in result.roadmap.items]
    frameworks = list(ws.frameworks)
    matrix = library.frameworks.get(STRATEGY_FRAMEWORK)  # every report places the company on it
    if matrix is not None and matrix not in frameworks:
        frameworks.append(matrix)
    require_language(
        lang,
        questionnaire=ws.questionnaire,
        frameworks=frameworks,
        others=others,
        label_dirs=library_report_dirs(library),
    )
