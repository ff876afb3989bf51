"""`crm-assess progress draft`: a `progress:` section to start from, with hints.

The consultant fills in what became of each initiative of the baseline's roadmap. The draft
lists them all as `not_started`, each with its title, its phase and how the dimensions it was
meant to raise have moved since, so the consultant checks rather than types.
"""

from __future__ import annotations

from .compare import Comparison
from .compare_results import label
from .roadmap import BACKLOG

__all__ = ["progress_draft"]


def progress_draft(comparison: Comparison, lang: str) -> str:
    """The YAML text of a `progress:` section for `comparison.new`'s assessment.yaml."""
    old = comparison.old
    changes = {c.id: c for c in comparison.dimensions}
    current = comparison.new.workspace.assessment.progress
    head = label("progress_draft_head", lang, path=old.workspace.path,
                 date=old.workspace.assessment.date)  # fmt: skip
    lines = [head, "progress:"]
    for planned in old.roadmap.items:
        ident = planned.initiative.id
        status: str = current[ident].status if ident in current else "not_started"
        if ident in current and (left := current[ident].months_left) is not None:
            status = f"{{status: {status}, months_left: {left}}}"  # kept from assessment.yaml
        phase = (
            label("backlog", lang)
            if planned.phase >= BACKLOG
            else f"{label('phase', lang).lower()} {planned.phase + 1}"
        )
        lines.append(f"  {ident}: {status}  # {phase}: {planned.initiative.title[lang]}")
        for path in sorted({path for path, _ in planned.covers}):
            c = changes.get(path)
            if c is not None and c.old is not None and c.new is not None and c.delta is not None:
                lines.append(f"  #   {path}: {c.old.score:.2f} → {c.new.score:.2f} "
                             f"({label(c.verdict, lang)})")  # fmt: skip
    return "\n".join(lines) + "\n"
