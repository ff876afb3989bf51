"""The one headline leadership reads first, worded the same in the CLI, the JSON and the reports.

    Level 1 — Initial. Level 2 needs 4 of 5 frameworks at level 2 or above; now 0.
    Average score 2.19 / 4.

The staged level comes first (what the company does reliably), then the average score (where it
is on the way between levels); docs/scoring.md §3 defines both.
"""

from __future__ import annotations

from dataclasses import dataclass

from .report.labels import Labels, fmt_num
from .scoring import Scores

__all__ = ["Headline", "headline"]


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


def headline(scores: Scores, lang: str, labels: Labels) -> Headline:
    if scores.level is None or scores.score is None:
        return Headline(None, "", labels["headline_none"], "")
    name = labels.fill("headline_level", level=scores.level, name=labels[f"level_{scores.level}"])
    nxt = scores.next_level
    if nxt is None:
        progress = labels["headline_top"]
    else:
        progress = labels.fill(
            "headline_next", next=nxt.level, needed=nxt.needed, count=nxt.of, reached=nxt.reached
        )
    average = labels.fill("headline_average", score=fmt_num(scores.score, lang, 2))
    return Headline(scores.level, name, progress, average)
