"""Checks a schema cannot express: unique ids, and references resolved with a hint.

Each check returns (location, message) pairs; the loader turns them into file:line problems.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence

from . import relevance
from .errors import QUOTED, shown
from .models import Framework, GridQuestion, Profile, Question, Questionnaire
from .sourcedoc import format_loc

__all__ = [
    "Finding",
    "check_framework",
    "check_profile",
    "check_questionnaire",
    "did_you_mean",
    "dimension_problem",
    "duplicates",
    "unknown",
]

Loc = tuple[str | int, ...]
Finding = tuple[Loc, str]


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    if len(name) > 100:  # no id is that long: nothing to suggest, and no time spent on it
        return ""
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def unknown(what: str, name: str, choices: Iterable[str], *, hint: bool = True) -> str:
    """ "unknown question 'x' (did you mean 'y'?)"; `hint=False` spares the search for a
    suggestion (a file with thousands of unknown names)."""
    quoted = f"'{name}'" if len(name) <= QUOTED else shown(name)
    return f"unknown {what} {quoted}{did_you_mean(name, choices) if hint else ''}"


def duplicates(ids: Sequence[str], loc: Loc, what: str = "id") -> list[Finding]:
    """A finding at each repeat of an id: `loc + (index, 'id')`."""
    seen: dict[str, int] = {}
    found: list[Finding] = []
    for i, ident in enumerate(ids):
        if ident in seen:
            found.append(
                (
                    (*loc, i, "id"),
                    f"duplicate {what} '{ident}' (first used at {loc[-1]}[{seen[ident]}])",
                )
            )
        else:
            seen[ident] = i
    return found


def check_framework(fw: Framework, capabilities: Iterable[str] | None = None) -> list[Finding]:
    """Unique ids, known groups and capabilities, and a strategy matrix that fits."""
    found = duplicates([d.id for d in fw.dimensions], ("dimensions",), "dimension id")
    found += duplicates([g.id for g in fw.groups], ("groups",), "group id")
    found += duplicates([s.id for s in fw.sources], ("sources",), "source id")
    groups = [g.id for g in fw.groups]
    known_caps = set(capabilities) if capabilities is not None else None
    for i, dim in enumerate(fw.dimensions):
        loc: Loc = ("dimensions", i)
        found += duplicates(
            [s.id for s in dim.sub_elements], (*loc, "sub_elements"), "sub-element id"
        )
        if dim.group is not None and dim.group not in groups:
            found.append(((*loc, "group"), unknown("group", dim.group, groups)))
        if known_caps is not None:
            for j, cap in enumerate(dim.capabilities):
                if cap not in known_caps:
                    found.append(
                        ((*loc, "capabilities", j), unknown("capability", cap, known_caps))
                    )
    if fw.matrix is not None:
        found += _check_matrix(fw)
    return found


def _check_matrix(fw: Framework) -> list[Finding]:
    assert fw.matrix is not None
    dims = [d.id for d in fw.dimensions]
    axes = [a.id for a in fw.matrix.axes]
    found: list[Finding] = []
    if sorted(a.orientation for a in fw.matrix.axes) != ["horizontal", "vertical"]:
        found.append((("matrix", "axes"), "the matrix needs one vertical and one horizontal axis"))
    placed: set[str] = set()
    for i, pos in enumerate(fw.matrix.positions):
        loc: Loc = ("matrix", "positions", i)
        if pos.dimension not in dims:
            found.append(((*loc, "dimension"), unknown("dimension", pos.dimension, dims)))
        placed.add(pos.dimension)
        coords = pos.model_extra or {}
        for key, value in coords.items():
            if key not in axes:
                found.append(((*loc, key), unknown("axis", key, axes)))
            elif value not in ("low", "high"):
                found.append(((*loc, key), f"'{value}' is not a side of the axis (low or high)"))
        for axis in axes:
            if axis not in coords:
                found.append((loc, f"position '{pos.dimension}' has no side on axis '{axis}'"))
    for dim in dims:
        if dim not in placed:
            found.append((("matrix", "positions"), f"dimension '{dim}' has no position"))
    for i, route in enumerate(fw.matrix.routes):
        for j, step in enumerate(route.path):
            if step not in dims:
                loc = ("matrix", "routes", i, "path", j)
                found.append((loc, unknown("position", step, dims)))
    return found


def dimension_problem(path: str, frameworks: Mapping[str, Framework]) -> str | None:
    fw_id, _, dim_id = path.partition("/")
    if fw_id not in frameworks:
        return unknown("framework", fw_id, frameworks)
    dims = [d.id for d in frameworks[fw_id].dimensions]
    if dim_id not in dims:
        return f"unknown dimension '{path}'{did_you_mean(dim_id, dims)}"
    return None


def check_questionnaire(q: Questionnaire, frameworks: Mapping[str, Framework]) -> list[Finding]:
    """Unique ids, known dimensions, sound conditions, and nothing scored that cannot be."""
    found = duplicates([s.id for s in q.sections], ("sections",), "section id")
    seen: dict[str, Loc] = {}
    grids: list[str] = []
    conditions = " ".join(x.relevant or "" for x in q.questions())

    def unique(ident: str, loc: Loc, what: str) -> None:
        if ident in seen:
            first = format_loc(seen[ident]) + (", a grid" if ident in grids else "")
            found.append(((*loc, "id"), f"duplicate {what} id '{ident}' (first at {first})"))
        seen.setdefault(ident, loc)

    for si, section in enumerate(q.sections):
        for qi, entry in enumerate(section.questions):
            loc: Loc = ("sections", si, "questions", qi)
            if not isinstance(entry, GridQuestion):
                unique(entry.id, loc, "question")
                opens = f"${{{entry.id}}}" in conditions
                earlier = _asked(seen, grids)
                found += _check_question(entry, loc, frameworks, earlier, opens, grids)
                continue
            unique(entry.id, loc, "grid")
            if entry.id not in seen or seen[entry.id] == loc:
                grids.append(entry.id)
            items = entry.questions()
            earlier = _asked(seen, grids)
            found += _check_relevant(entry.id, entry.relevant, loc, earlier, grids)
            if entry.options:
                found += duplicates([o.id for o in entry.options], (*loc, "options"), "option id")
            for k, item in enumerate(items):
                item_loc = (*loc, "items", k)
                unique(item.id, item_loc, "question")
                opens = f"${{{item.id}}}" in conditions
                found += _check_item(item, item_loc, frameworks, opens)
    asked = _asked(seen, grids)
    found += _check_declared(q, frameworks) + _check_renamed(q, asked)
    return found


def _asked(seen: Mapping[str, Loc], grids: list[str]) -> list[str]:
    """The ids seen so far that are answered (a grid's own id never is)."""
    return [i for i in seen if i not in grids]


def _check_declared(q: Questionnaire, frameworks: Mapping[str, Framework]) -> list[Finding]:
    """Declared frameworks exist, every dimension of theirs is asked, nothing maps outside them."""
    found: list[Finding] = []
    for i, fw_id in enumerate(q.frameworks):
        if fw_id not in frameworks:
            found.append((("frameworks", i), unknown("framework", fw_id, frameworks)))
    if not q.frameworks:
        return found
    mapped = {ref.dimension for x in q.questions() for ref in getattr(x, "maps_to", [])}
    for i, fw_id in enumerate(q.frameworks):
        dims = [d.id for d in frameworks[fw_id].dimensions] if fw_id in frameworks else []
        unasked = [d for d in dims if f"{fw_id}/{d}" not in mapped]
        if unasked:
            found.append((("frameworks", i), f"no question scores {', '.join(unasked)}"))
    outside = sorted({p.split("/")[0] for p in mapped} - set(q.frameworks))
    if outside:
        found.append((("frameworks",), f"questions map to undeclared {', '.join(outside)}"))
    return found


def _check_renamed(q: Questionnaire, ids: list[str]) -> list[Finding]:
    """A renamed id names a question that exists, and is no longer a question itself."""
    found: list[Finding] = []
    for old, new in q.renamed.items():
        if new not in ids:
            found.append((("renamed", old), unknown("question", new, ids)))
        if old in ids:
            found.append((("renamed", old), f"'{old}' is still a question; it cannot be renamed"))
    return found


def _check_question(
    question: Question,
    loc: Loc,
    frameworks: Mapping[str, Framework],
    earlier: list[str],
    opens: bool = False,
    grids: Sequence[str] = (),
) -> list[Finding]:
    """One question's references; `opens` when a later condition reads it (a fact that opens
    follow-up questions need not be scored)."""
    found = _check_relevant(question.id, question.relevant, loc, earlier, grids)
    if question.type == "text":
        return found
    return found + _check_item(question, loc, frameworks, opens)


def _check_relevant(
    ident: str, relevant: str | None, loc: Loc, earlier: list[str], grids: Sequence[str] = ()
) -> list[Finding]:
    """A condition that reads, naming only questions asked before it (a grid's statements,
    never the grid)."""
    found: list[Finding] = []
    if relevant is None:
        return found
    try:
        expr = relevance.parse(relevant)
    except relevance.ExpressionError as exc:
        return [((*loc, "relevant"), f"cannot read condition: {exc}")]
    for ref in expr.references():
        if ref in grids:
            msg = f"'${{{ref}}}' names a grid, not a question: name one of its statements"
            found.append(((*loc, "relevant"), msg))
        elif ref not in earlier:
            where = "a later question" if ref == ident else "no earlier question"
            hint = did_you_mean(ref, earlier)
            found.append(((*loc, "relevant"), f"'${{{ref}}}' names {where}{hint}"))
    return found


def _check_item(question: Question, loc: Loc, frameworks: Mapping[str, Framework],
                opens: bool) -> list[Finding]:  # fmt: skip
    """A scored question's dimensions, options and bands (a grid statement's too)."""
    found: list[Finding] = []
    if question.type == "text":
        return found
    for i, target in enumerate(question.maps_to):
        problem = dimension_problem(target.dimension, frameworks)
        if problem:
            found.append(((*loc, "maps_to", i, "dimension"), problem))
    if question.type in ("single_choice", "multi_choice") and question.grid is None:
        found += duplicates([o.id for o in question.options], (*loc, "options"), "option id")
    if question.type in ("number", "percent") and question.bands:
        bounds = [b.below for b in question.bands[:-1]]
        numbers = [b for b in bounds if b is not None]
        if len(numbers) != len(bounds) or numbers != sorted(numbers):
            found.append(((*loc, "bands"), "bands must rise, and only the last may omit 'below'"))
    scorable = question.type not in ("number", "percent") or question.bands
    if scorable and not question.maps_to and question.axis is None and not opens:
        found.append((loc, f"question '{question.id}' is scored but maps to no dimension or axis"))
    return found


def check_profile(profile: Profile, frameworks: Mapping[str, Framework]) -> list[Finding]:
    """Every overridden dimension exists; the matrix position and route too."""
    found: list[Finding] = []
    for path in profile.targets:
        problem = dimension_problem(path, frameworks)
        if problem:
            found.append((("targets", path), problem))
    return found + check_course(profile.position, profile.route, frameworks, ())


def check_course(
    position: str | None, route: str | None, frameworks: Mapping[str, Framework], loc: Loc
) -> list[Finding]:
    """A target position and route on the strategy matrix that the matrix has."""
    matrix = next((f.matrix for f in frameworks.values() if f.matrix is not None), None)
    positions = [p.dimension for p in matrix.positions] if matrix is not None else []
    routes = [r.id for r in matrix.routes] if matrix is not None else []
    found: list[Finding] = []
    if position is not None and position not in positions:
        found.append(((*loc, "position"), unknown("position", position, positions)))
    if route is not None and route not in routes:
        found.append(((*loc, "route"), unknown("route", route, routes)))
    return found
