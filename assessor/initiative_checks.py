"""Checks on initiative catalogues that a schema cannot express.

Unique ids, known dimensions, capabilities and matrix positions (`serves:`), prerequisites some
initiative can meet, and an order (`after:`, `with:`) that names known initiatives and has no
cycle. Each check returns (location, message) pairs; the loader turns them into file:line:col
problems.
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


def _edge(item: Initiative, other: str) -> str:
    """How `item` waits for `other`: 'after' (it must have ended) or 'with' (started)."""
    return "after" if other in item.after else "with"


def after_cycles(items: Iterable[Initiative]) -> list[list[str]]:
    """Every cycle in the order (`after:` and `with:` together), each once, starting at its
    smallest id. A cycle of `with:` alone is one too: the planner places one initiative at a
    time, so none of them could be placed first."""
    graph = {i.id: [*i.after, *(w for w in i.with_ if w not in i.after)] for i in items}
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
    positions = sorted(
        d.id for fw in frameworks.values() if fw.matrix is not None for d in fw.dimensions
    )
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
        for key, ids in (("after", item.after), ("with", item.with_), ("then", item.then)):
            for j, other in enumerate(ids):
                if other not in library:
                    found.append(((*loc, key, j), unknown("initiative", other, library)))
        for j, other in enumerate(item.if_planned):
            if other not in item.after and other not in item.with_:
                msg = f"'{other}' is in neither 'after' nor 'with': 'if_planned' only makes one of those conditional"
                found.append(((*loc, "if_planned", j), msg))
        for j, position in enumerate(item.serves):
            if position not in positions:
                found.append(((*loc, "serves", j), unknown("position", position, positions)))
    mine = {i.id: n for n, i in enumerate(catalogue.initiatives)}
    for cycle in after_cycles(library.values()):
        if cycle[0] in mine:
            n = mine[cycle[0]]
            first = catalogue.initiatives[n]
            nxt = cycle[1] if len(cycle) > 1 else cycle[0]
            key = _edge(first, nxt)
            j = (first.after if key == "after" else first.with_).index(nxt)
            links = [
                _edge(library[a], b) for a, b in zip(cycle, [*cycle[1:], cycle[0]], strict=True)
            ]
            kinds = sorted(set(links))
            said = f"'{kinds[0]}' forms" if len(kinds) == 1 else "'after' and 'with' form"
            chain = " → ".join([*cycle, cycle[0]])
            msg = f"{said} a cycle ({chain}), so none of these can ever start"
            found.append((("initiatives", n, key, j), msg))
    return found
