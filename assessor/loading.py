"""Content files → validated models, with every problem located as file:line:col.

A content file names its kind (`kind: framework`, ...). Loading gathers every problem of every
file before giving up, so a user fixes them all in one pass.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from . import checks
from .errors import DefinitionError, Problem, shown
from .initiative_checks import check_initiatives
from .kinds import KINDS, fields_at
from .models import (
    LANGUAGES,
    CapabilityCatalogue,
    Framework,
    Initiative,
    LibraryInfo,
    Profile,
    Questionnaire,
)
from .yamlsource import SourceDoc, parse_yaml

__all__ = [
    "CONTENT_FOLDERS",
    "LIBRARY_FILE",
    "Declaration",
    "Library",
    "builtin_root",
    "declaration",
    "iter_content_files",
    "load_document",
    "load_library",
    "validation_problems",
]

M = TypeVar("M", bound=BaseModel)

CONTENT_FOLDERS = ("frameworks", "questionnaires", "profiles", "initiatives")
LIBRARY_FILE = "library.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
_SKIP_DIRS = {"reports", "examples", "tests", "bench", "schemas", "node_modules"}


def builtin_root() -> Path:
    """Where the shipped content lives: inside the installed package, or the checkout."""
    packaged = Path(__file__).resolve().parent / "_data"
    if (packaged / "frameworks").is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "frameworks").is_dir():
        return checkout
    raise DefinitionError("crm-assess is installed without its content folders")


def validation_problems(
    doc: SourceDoc, exc: ValidationError, model: type[BaseModel]
) -> list[Problem]:
    """Translate pydantic's errors into located, human-worded problems."""
    problems = []
    for err in exc.errors():
        loc = doc_loc(doc, err["loc"])
        kind, msg = err["type"], str(err["msg"])
        if kind == "missing":
            key = str(err["loc"][-1])
            problems.append(doc.problem(loc, f"missing required key '{key}'"))
        elif kind == "extra_forbidden":
            key = str(err["loc"][-1])
            hint = checks.did_you_mean(key, fields_at(model, tuple(err["loc"][:-1])))
            problems.append(doc.problem(loc, f"unknown key '{key}'{hint}", key=True))
        elif kind == "string_pattern_mismatch":
            problems.append(doc.problem(loc, _pattern_message(err)))
        elif kind == "string_too_long":
            limit = err.get("ctx", {}).get("max_length", 0)
            msg = f"text longer than {limit:,} characters (got {len(err['input']):,}); shorten it"
            problems.append(doc.problem(loc, msg))
        else:
            msg = msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
            problems.append(doc.problem(loc, msg))
    return problems


_PATTERNS = {
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "an id in lower-case letters, digits and hyphens, e.g. 'north-2'",
    r"^[a-z0-9-]+/[a-z0-9-]+$": "framework-id/dimension-id, e.g. 'gartner-8bb/vision'",
    r"^#[0-9a-fA-F]{6}$": "a colour as #rrggbb, e.g. '#1f5f8b'",
}


def _pattern_message(err: Any) -> str:
    pattern = str(err.get("ctx", {}).get("pattern", ""))
    wanted = _PATTERNS.get(pattern, f"text matching {pattern}")
    return f"expected {wanted} (got {shown(err['input'])})"


def doc_loc(doc: SourceDoc, loc: Sequence[str | int]) -> tuple[str | int, ...]:
    """Keep the parts of a pydantic location that exist in the document (drop union tags)."""
    kept: list[str | int] = []
    for part in loc:
        candidate = (*kept, part)
        if doc.node_at(candidate) is not doc.node_at(kept):
            kept.append(part)
    return tuple(kept)


Context = Callable[[Any], dict[str, Any]]
"""What a file's validation needs to know beyond the file (its languages), from its data."""


def load_document(
    path: Path,
    text: str | None = None,
    kinds: Mapping[str, type[BaseModel]] = KINDS,
    context: Context | None = None,
) -> tuple[Any, SourceDoc | None, list[Problem]]:
    """Parse and validate one content file of any kind. Returns (model or None, doc, problems).

    Its text is checked against the languages of its library (`declaration`), unless `context`
    says otherwise (a workspace file: its questionnaire's languages).
    """
    doc, problems = parse_yaml(path, text)
    if doc is None:
        return None, None, problems
    if doc.data is None:
        msg = "the file is empty (expected a mapping with a 'kind' key)"
        return None, doc, [*problems, Problem(str(path), 1, 1, "", msg)]
    if not isinstance(doc.data, dict):
        return None, doc, [*problems, doc.problem((), "expected a mapping with a 'kind' key")]
    kind = doc.data.get("kind")
    if kind is None:
        msg = f"missing required key 'kind' (one of: {', '.join(kinds)})"
        return None, doc, [*problems, doc.problem((), msg)]
    if kind not in kinds:
        msg = checks.unknown("kind", str(kind), kinds)
        return None, doc, [*problems, doc.problem(("kind",), msg)]
    if context is None:
        context = declaration(path).context if kind != "library" else _no_context
    model, more = validate_as(kinds[kind], doc, context(doc.data))
    return model, doc, problems + more


def _no_context(_: Any) -> dict[str, Any]:
    return {}


def workspace_context(library: Library | None, languages: Sequence[str] = ()) -> Context:
    """How a workspace file's text is checked: a text per language has at least the languages
    of the questionnaire the file names (or `languages`), and may have others."""

    def context(data: Any) -> dict[str, Any]:
        q_id = data.get("questionnaire") if isinstance(data, dict) else None
        known = library.questionnaires if library is not None else {}
        langs = known[q_id].title.languages if isinstance(q_id, str) and q_id in known else ()
        langs = langs or tuple(languages)
        return {"languages": langs, "open": True}

    return context


def validate_as(
    model_type: type[M], doc: SourceDoc, context: dict[str, Any] | None = None
) -> tuple[M | None, list[Problem]]:
    try:
        model = model_type.model_validate(doc.data, context=context)
    except ValidationError as exc:
        return None, validation_problems(doc, exc, model_type)
    return model, []


def iter_content_files(root: Path, *, recursive: bool = True) -> Iterator[Path]:
    """YAML files below a folder, skipping hidden folders and non-content folders.

    A broken symbolic link (dangling, or a loop) and a YAML name that is not a regular file (a
    FIFO, a device) are yielded too, so that reading them reports them instead of the
    built-in content silently taking their place.
    """
    if not root.is_dir():
        yield root
        return
    for entry in sorted(root.iterdir()):
        if entry.name.startswith((".", "_")):
            continue
        if entry.is_dir():
            if recursive and entry.name not in _SKIP_DIRS:
                yield from iter_content_files(entry)
        elif entry.suffix in YAML_SUFFIXES or (entry.is_symlink() and not entry.exists()):
            yield entry


@dataclass(frozen=True)
class Declaration:
    """The languages a content file is written in, and the library.yaml that says so (None: a
    library that declares nothing, in English and Vietnamese like the built-in content)."""

    languages: tuple[str, ...] = LANGUAGES
    file: Path | None = None
    problems: tuple[Problem, ...] = ()

    def context(self, _: Any = None) -> dict[str, Any]:
        return {"languages": self.languages, "declared": self.file is not None}


_declared: dict[tuple[Path, int, int], Declaration] = {}


def declaration(path: Path) -> Declaration:
    """The nearest library.yaml in the folder of `path` or above it (the built-in content's
    folder ends the search): what it declares, with its own problems if it is broken."""
    builtin = builtin_root()
    folder = path.absolute().parent
    for candidate in (folder, *folder.parents):
        if candidate == builtin:
            break
        file = candidate / LIBRARY_FILE
        try:
            stat = file.stat()
        except OSError:
            if file.is_symlink():  # a broken link: reported when read
                return _read_declaration(file, None)
            continue
        return _read_declaration(file, (stat.st_mtime_ns, stat.st_size))
    return Declaration()


def _read_declaration(file: Path, stamp: tuple[int, int] | None) -> Declaration:
    key = (file, *(stamp or (0, 0)))
    if stamp is not None and key in _declared:
        return _declared[key]
    model, _, problems = load_document(file, kinds={"library": LibraryInfo})
    if isinstance(model, LibraryInfo) and not problems:
        found = Declaration(tuple(model.languages), file)
    else:
        found = Declaration(LANGUAGES, file, tuple(problems))
    if stamp is not None:
        _declared[key] = found
    return found


@dataclass
class Library:
    """Everything the engine knows: frameworks, questionnaires and catalogues, by id."""

    frameworks: dict[str, Framework] = field(default_factory=dict)
    capabilities: CapabilityCatalogue | None = None
    items: dict[str, dict[str, Any]] = field(default_factory=dict)
    docs: dict[tuple[str, str], SourceDoc] = field(default_factory=dict)
    searched: list[Path] = field(default_factory=list)
    """The user folders searched before the built-in content (for 'unknown …' messages)."""

    def looked(self) -> str:
        """Where the library came from, for an 'unknown …' message."""
        return f" (looked in {', '.join([*map(str, self.searched), 'the built-in content'])})"

    def framework(self, fw_id: str) -> Framework:
        if fw_id not in self.frameworks:
            raise DefinitionError(
                checks.unknown("framework", fw_id, self.frameworks) + self.looked()
            )
        return self.frameworks[fw_id]

    @property
    def questionnaires(self) -> dict[str, Questionnaire]:
        return self.of_kind("questionnaire")

    @property
    def profiles(self) -> dict[str, Profile]:
        return self.of_kind("profile")

    @property
    def initiatives(self) -> dict[str, Initiative]:
        """Every initiative of every catalogue, by id."""
        return {i.id: i for cat in self.of_kind("initiatives").values() for i in cat.initiatives}

    def questionnaire(self, q_id: str) -> Questionnaire:
        if q_id not in self.questionnaires:
            raise DefinitionError(
                checks.unknown("questionnaire", q_id, self.questionnaires) + self.looked()
            )
        return self.questionnaires[q_id]

    def profile(self, p_id: str) -> Profile:
        if p_id not in self.profiles:
            raise DefinitionError(checks.unknown("profile", p_id, self.profiles) + self.looked())
        return self.profiles[p_id]

    def of_kind(self, kind: str) -> dict[str, Any]:
        return self.items.setdefault(kind, {})

    def add(self, model: Any, doc: SourceDoc) -> Problem | None:
        """Add a model unless one with the same kind and id came from the same folder."""
        kind = model.kind
        if kind == "library":  # what a library says about itself: read with its files
            return None
        if kind == "capabilities":
            if self.capabilities is None:
                self.capabilities = model
                self.docs[(kind, "")] = doc
            return None
        table = self.frameworks if kind == "framework" else self.of_kind(kind)
        if model.id in table:
            first = self.docs[(kind, model.id)].path
            if first.parent == doc.path.parent:
                return doc.problem(("id",), f"duplicate {kind} id '{model.id}' (also in {first})")
            return None  # an earlier folder in the search path overrides this one
        table[model.id] = model
        self.docs[(kind, model.id)] = doc
        return None


def user_library(user_dirs: Iterable[Path] = ()) -> list[Path]:
    """The user's own folders: those given (--library, a workspace's), then CRM_ASSESS_LIBRARY."""
    dirs = [Path(d) for d in user_dirs]
    env = os.environ.get("CRM_ASSESS_LIBRARY", "")
    return dirs + [Path(p) for p in env.split(os.pathsep) if p]


def search_path(user_dirs: Iterable[Path] = ()) -> list[Path]:
    """User folders first (from the arguments, then CRM_ASSESS_LIBRARY), then the built-ins."""
    root = builtin_root()
    return user_library(user_dirs) + [
        root / name for name in CONTENT_FOLDERS if (root / name).is_dir()
    ]


def workspace_library(path: Path) -> list[Path]:
    """A workspace's own content: its `library/` folder, then the folders assessment.yaml lists
    under `library:` (relative to the file). A listed folder that is missing is an error."""
    folder = path if path.is_dir() else path.parent
    own, problems = _own_library(folder / "library")
    file = path if path.is_file() else folder / "assessment.yaml"
    doc, _ = parse_yaml(file) if file.is_file() else (None, [])
    listed = doc.data.get("library") if doc is not None and isinstance(doc.data, dict) else None
    if not isinstance(listed, list):
        if problems:
            raise DefinitionError(problems)
        return own
    found = list(own)
    for i, entry in enumerate(listed):
        target = (folder / str(entry)).resolve()
        if not target.is_dir():
            msg = f"library folder '{entry}' does not exist (looked for {target})"
            problems.append(doc.problem(("library", i), msg))  # type: ignore[union-attr]
        elif target not in found:
            found.append(target)
    if problems:
        raise DefinitionError(problems)
    return found


def _own_library(folder: Path) -> tuple[list[Path], list[Problem]]:
    """A workspace's `library/` folder: [it] if it is one; a problem if the name is taken by a
    broken link or something that is not a folder (never skipped in silence)."""
    if folder.is_dir():
        return [folder], []
    if folder.is_symlink():
        target = os.readlink(folder)
        msg = f"the workspace's library folder is a broken link (to {target}): fix or remove it"
        return [], [Problem(str(folder), message=msg)]
    if folder.exists():
        msg = "not a folder: a workspace's library/ holds its own content (rename this file)"
        return [], [Problem(str(folder), message=msg)]
    return [], []


def load_library(user_dirs: Iterable[Path] = (), extra_files: Iterable[Path] = ()) -> Library:
    """Load every content file on the search path; raise DefinitionError listing all problems.

    `extra_files` come first of all, so a file being validated overrides its namesake.
    """
    library = Library(searched=user_library(user_dirs))
    problems: list[Problem] = []
    files = list(extra_files)
    for folder in search_path(user_dirs):
        if not folder.exists():
            problems.append(Problem(str(folder), message="library folder does not exist"))
            continue
        files += [f for f in iter_content_files(folder) if f not in files]
    for path in files:
        model, doc, found = load_document(path)
        problems += found
        if model is not None and doc is not None:
            clash = library.add(model, doc)
            problems += [clash] if clash else []
            problems += declaration(path).problems
    problems = list(dict.fromkeys(problems))  # a broken library.yaml, once
    problems += cross_check(library)
    if any(p.severity == "error" for p in problems):
        raise DefinitionError(problems)
    return library


def cross_check(library: Library) -> list[Problem]:
    """References between files: capabilities of dimensions, and what later kinds add."""
    caps = [c.id for c in library.capabilities.capabilities] if library.capabilities else None
    problems: list[Problem] = []
    if library.capabilities is not None:
        doc = library.docs[("capabilities", "")]
        ids = [c.id for c in library.capabilities.capabilities]
        problems += [doc.problem(loc, m) for loc, m in checks.duplicates(ids, ("capabilities",))]
    for fw_id, fw in library.frameworks.items():
        doc = library.docs[("framework", fw_id)]
        problems += [doc.problem(loc, msg) for loc, msg in checks.check_framework(fw, caps)]
    for q_id, q in library.questionnaires.items():
        doc = library.docs[("questionnaire", q_id)]
        found = checks.check_questionnaire(q, library.frameworks)
        problems += [doc.problem(loc, msg) for loc, msg in found]
    for p_id, profile in library.profiles.items():
        doc = library.docs[("profile", p_id)]
        found = checks.check_profile(profile, library.frameworks)
        problems += [doc.problem(loc, msg, key=True) for loc, msg in found]
    for c_id, catalogue in library.of_kind("initiatives").items():
        doc = library.docs[("initiatives", c_id)]
        found = check_initiatives(catalogue, library.frameworks, caps, library.initiatives)
        problems += [doc.problem(loc, msg) for loc, msg in found]
    return problems
