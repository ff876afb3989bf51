"""Checks on initiative catalogues that a schema cannot express.

Unique ids, known dimensions and capabilities, prerequisites some initiative can meet, and an
`after:` order that names known initiatives and has no cycle. Each check returns (location,
message) pairs; the loader turns them into file:line:col problems.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .checks import Finding, Loc, dimension_problem, duplicates, unknown
from .models import Framework, Initiative, InitiativeCatalogue

__all__ = ["after_cycles", "check_initiatives", "raised_capabilities"]


def raised_capabilities(item: Initiative, frameworks: Mapping[str, Framework]) -> set[str]:
    """The capabilities an initiative raises: those of the dimensions it names."""
    caps: set[str] = set()
    for path in item.dimensions:
        fw_id, _, dim_id = path.partition("/")
        fw = frameworks.get(fw_id)
        dim = next((d for d in fw.dimensions if d.id == dim_id), None) if fw else None
        caps.update(dim.capabilities if dim else ())
    return caps


def after_cycles(items: Iterable[Initiative]) -> list[list[str]]:
    """Every cycle in the `after:` graph, each once, starting at its smallest id."""
    graph = {i.id: [a for a in i.after] for i in items}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in graph.get(node, []):
            if nxt not in graph:
                continue
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt) :]
                k = cycle.index(min(cycle))
                cycles.append(cycle[k:] + cycle[:k])
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return sorted(map(list, {tuple(c) for c in cycles}))


def check_initiatives(
    catalogue: InitiativeCatalogue,
    frameworks: Mapping[str, Framework],
    capabilities: Iterable[str] | None,
    library: Mapping[str, Initiative],
) -> list[Finding]:
    """Problems in one catalogue, `library` being every initiative of every catalogue."""
    found = duplicates([i.id for i in catalogue.initiatives], ("initiatives",), "initiative id")
    caps = list(capabilities) if capabilities is not None else None
    raises = {(c, i.step) for i in library.values() for c in raised_capabilities(i, frameworks)}
    for n, item in enumerate(catalogue.initiatives):
        loc: Loc = ("initiatives", n)
        for j, path in enumerate(item.dimensions):
            problem = dimension_problem(path, frameworks)
            if problem:
                found.append(((*loc, "dimensions", j), problem))
        for j, pre in enumerate(item.prerequisites):
            if caps is not None and pre.capability not in caps:
                msg = unknown("capability", pre.capability, caps)
                found.append(((*loc, "prerequisites", j, "capability"), msg))
            elif (pre.capability, pre.level - 1) not in raises:
                msg = f"no initiative raises '{pre.capability}' to level {pre.level}, so this can never start"
                found.append(((*loc, "prerequisites", j), msg))
        for j, other in enumerate(item.after):
            if other not in library:
                found.append(((*loc, "after", j), unknown("initiative", other, library)))
    mine = {i.id: n for n, i in enumerate(catalogue.initiatives)}
    for cycle in after_cycles(library.values()):
        if cycle[0] in mine:
            n = mine[cycle[0]]
            nxt = cycle[1] if len(cycle) > 1 else cycle[0]
            j = catalogue.initiatives[n].after.index(nxt)
            chain = " → ".join([*cycle, cycle[0]])
            msg = f"'after' forms a cycle ({chain}), so none of these can ever start"
            found.append((("initiatives", n, "after", j), msg))
    return found
