"""The two marks on a figure that rests on less than a full measurement, worded where shown.

- **Indicative** (a dimension): it rests on fewer than three questions, so its score is a first
  reading, not a measurement. A finding or an initiative whose dimensions are all indicative is
  indicative too.
  An initiative that carries out a legal duty (`Initiative.legal_duty`) is never called
  indicative: the law applies whatever the scores say. Where its gaps are indicative it says so
  in those words (`indicative_legal`) instead.
- **Partial** (a framework): the questionnaire scores only some of its dimensions, so its score
  and level cover those only.

The words are the report labels' (`indicative_*`, `partial_*`), in the language asked for; the
CLI tables, the reports and the review draft all take them from here.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..roadmap import Planned
from ..scoring import DimensionScore, FrameworkScore, Scores
from .labels import Labels

__all__ = [
    "all_indicative", "dimension_mark", "framework_mark", "group_mark", "indicative_note",
    "initiative_marks", "is_indicative",
]  # fmt: skip


def dimension_mark(d: DimensionScore, labels: Labels) -> str:
    """'indicative: rests on 2 questions', or '' for a dimension measured in full."""
    return labels.count("indicative_flag", d.questions) if d.indicative else ""


def is_indicative(scores: Scores, path: str) -> bool:
    """The dimension is scored on fewer than three questions; a dimension outside the
    assessment's frameworks (an initiative the questionnaire does not measure) is not."""
    fw_id, _, dim_id = path.partition("/")
    fw = next((f for f in scores.frameworks if f.id == fw_id), None)
    d = next((d for d in fw.dimensions if d.id == dim_id), None) if fw else None
    return d is not None and d.indicative


def all_indicative(scores: Scores, paths: Iterable[str]) -> bool:
    """Every one of these dimensions is indicative, and there is at least one."""
    unique = list(dict.fromkeys(paths))
    return bool(unique) and all(is_indicative(scores, p) for p in unique)


def group_mark(scores: Scores, paths: Iterable[str], labels: Labels) -> str:
    """The mark of something resting on several dimensions (a finding, an initiative's gaps):
    indicative only when every one of them is."""
    unique = list(dict.fromkeys(paths))
    if not all_indicative(scores, unique):
        return ""
    if len(unique) == 1:
        return dimension_mark(scores.dimension(unique[0]), labels)
    return labels["indicative_group"]


def initiative_marks(scores: Scores, p: Planned, labels: Labels) -> tuple[str, str]:
    """(indicative, legal): an initiative's indicative mark, or for a legal duty resting on
    indicative dimensions, no mark and the words that the duty applies regardless."""
    mark = group_mark(scores, (path for path, _ in p.covers), labels)
    if mark and p.initiative.legal_duty:
        return "", labels["indicative_legal"]
    return mark, ""


def framework_mark(f: FrameworkScore, labels: Labels) -> str:
    """'partial: 5 of 9 dimensions assessed; …', or '' for a framework scored in full."""
    return (
        labels.fill("partial_flag", assessed=f.assessed, of=len(f.dimensions)) if f.partial else ""
    )


def indicative_note(scores: Scores, labels: Labels) -> str:
    """One sentence on how many scored dimensions are indicative; '' when none is."""
    scored = [d for f in scores.maturity for d in f.dimensions if d.score is not None]
    n = sum(1 for d in scored if d.indicative)
    if not n:
        return ""
    if n == len(scored):
        return labels["indicative_note_all"]
    return labels.count("indicative_note", n, total=len(scored))
