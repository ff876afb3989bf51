"""Library-level operations behind the content commands: list, show, validate, schema."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import checks
from .errors import AssessorError, DefinitionError, Problem
from .history import progress_check
from .kinds import KINDS, WORKSPACE_KINDS
from .loading import Library, iter_content_files, load_library
from .models import Framework
from .pipeline import workspace_library
from .workspace import load_workspace

__all__ = ["framework_summaries", "framework_text", "schema_json", "validate_paths"]


def framework_summaries(library: Library, lang: str) -> list[dict[str, Any]]:
    """One row per framework: id, name, version, dimension count."""
    return [
        {
            "id": fw.id,
            "name": fw.name[lang],
            "version": fw.version,
            "dimension_count": len(fw.dimensions),
            "groups": [g.id for g in fw.groups],
        }
        for fw in library.frameworks.values()
    ]


def framework_text(fw: Framework, lang: str, label_dirs: tuple[Path, ...] = ()) -> str:
    """A readable plain-text description of a framework, in one language (the words around it
    from the report labels, a library's `label_dirs` first)."""
    from .report.labels import load_labels

    words = load_labels(lang, label_dirs)
    t = {
        k: words[f"framework_text_{k}"]
        for k in ("version", "sources", "notes", "level", "parts", "weight", "group")
    }
    out = [fw.name[lang], "=" * len(fw.name[lang]), "", fw.description[lang], ""]
    out.append(f"{t['version']}: {fw.version}")
    out += [f"{t['sources']}:"] + [f"  - {s.citation}" for s in fw.sources]
    if fw.notes:
        out += [f"{t['notes']}:"] + [f"  - {n[lang]}" for n in fw.notes]
    if fw.scoring.note:
        out += ["", fw.scoring.note[lang]]
    for dim in fw.dimensions:
        extra = f"{t['weight']} {dim.weight:g}" + (
            f", {t['group']} {dim.group}" if dim.group else ""
        )
        out += ["", f"{dim.name[lang]} [{dim.id}] ({extra})", f"  {dim.description[lang]}"]
        if dim.sub_elements:
            out.append(f"  {t['parts']}: " + "; ".join(s.name[lang] for s in dim.sub_elements))
        out += [f"  {t['level']} {n}: {text[lang]}" for n, text in dim.levels.items()]
    return "\n".join(out)


def validate_paths(
    paths: Iterable[Path], user_dirs: Iterable[Path] = ()
) -> tuple[int, list[Problem]]:
    """Check content files and folders against the schema and the rest of the library.

    Returns how many files were checked and every problem found in them.
    """
    user_dirs = list(user_dirs)
    files: list[Path] = []
    workspaces: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if not path.exists():
            problems.append(Problem(str(path), message="no such file or folder"))
        elif _is_workspace(path):
            workspaces.append(path)
        else:
            files += [f for f in iter_content_files(path) if f not in files]
    mappings = [f for f in files if _is_mapping(f)]
    files = [f for f in files if f not in mappings]
    try:
        library = load_library(user_dirs, extra_files=files)
    except AssessorError as exc:
        return len(files) + len(mappings), sorted(set(problems + exc.problems))
    problems += _check_mappings(mappings, library)
    files += mappings
    for ws in workspaces:
        own = workspace_library(ws)  # a workspace's library/ folder, as `score` reads it
        try:
            lib = load_library([*user_dirs, *own], extra_files=files) if own else library
            loaded = load_workspace(ws, lib)
            problems += loaded.warnings
            problems += progress_check(loaded, lib, [*user_dirs, *own])
            files += [ws] + [Path(s.source) for s in loaded.sheets]
        except AssessorError as exc:
            problems += exc.problems
    return len(files), sorted(set(problems))


_MAPPING = re.compile(r"^kind:\s*[\"']?import-mapping[\"']?\s*(#.*)?$", re.MULTILINE)


def _is_mapping(path: Path) -> bool:
    try:
        return _MAPPING.search(path.read_text("utf-8", errors="replace")) is not None
    except OSError:
        return False


def _check_mappings(paths: list[Path], library: Library) -> list[Problem]:
    """Survey-import mappings, checked against the questionnaire they name (if any)."""
    from .exchange.mapping import check_mapping_file

    return [p for path in paths for p in check_mapping_file(path, library.questionnaires)]


def _is_workspace(path: Path) -> bool:
    """A folder holding assessment.yaml, or that file itself."""
    return (path / "assessment.yaml").is_file() if path.is_dir() else path.name == "assessment.yaml"


def schema_json(kind: str) -> str:
    """The JSON Schema of a content kind, for editors."""
    from .exchange.mapping import ImportMapping

    kinds: dict[str, type[BaseModel]] = {
        **KINDS,
        **WORKSPACE_KINDS,
        "import-mapping": ImportMapping,
    }
    if kind not in kinds:
        msg = checks.unknown("kind", kind, kinds)
        raise DefinitionError(f"{msg}; the kinds are {', '.join(kinds)}")
    schema = kinds[kind].model_json_schema()
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
