"""The one headline leadership reads first, worded the same in the CLI, the JSON and the reports.

    Level 1 — Initial. Level 2 needs 4 of the 5 frameworks at level 2 or above; none is there
    yet. Average score 2.19 / 4 (the mean of the frameworks' scores; it can sit above the level,
    which is reached only when 80% of the practice is there).

The staged level comes first (what the company does reliably), then the average score (where it
is on the way between levels); docs/scoring.md §3 defines both. What the next level needs is one
sentence (`next_level_text`), the same in the headline, the level gauge and the level note.
"""

from __future__ import annotations

from dataclasses import dataclass

from .levels import NextLevel
from .report.labels import Labels, fmt_num
from .scoring import Scores

__all__ = ["Headline", "headline", "next_level_text"]


@dataclass(frozen=True)
class Headline:
    level: int | None
    level_name: str
    progress: str  # what the next level needs, or that the top is reached
    average: str  # the average score, as the second figure

    @property
    def text(self) -> str:
        if self.level is None:
            return self.progress
        return f"{self.level_name}. {self.progress} {self.average}"


def next_level_text(nxt: NextLevel, labels: Labels) -> str:
    """'Level 3 needs 4 of the 5 frameworks at level 3 or above; none is there yet.'"""
    values = {"next": nxt.level, "needed": nxt.needed, "count": nxt.of, "reached": nxt.reached}
    if nxt.of == 1:
        need, now = labels.fill("next_level_need_single", **values), labels["next_level_now_single"]
    else:
        key = "next_level_need_all" if nxt.needed == nxt.of else "next_level_need"
        need = labels.fill(key, **values)
        now = (
            labels["next_level_now_none"]
            if nxt.reached == 0
            else labels.count("next_level_now", nxt.reached, **values)
        )
    return labels.fill("next_level_text", need=need, now=now)


def headline(scores: Scores, lang: str, labels: Labels) -> Headline:
    if scores.level is None or scores.score is None:
        return Headline(None, "", labels["headline_none"], "")
    name = labels.fill("headline_level", level=scores.level, name=labels[f"level_{scores.level}"])
    nxt = scores.next_level
    progress = labels["headline_top"] if nxt is None else next_level_text(nxt, labels)
    average = labels.fill("headline_average", score=fmt_num(scores.score, lang, 2))
    return Headline(scores.level, name, progress, average)
