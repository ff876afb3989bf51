"""The staged level rule: a whole reaches level L when parts carrying a set share of its
weight (80 % by default, `scoring.level_threshold`) are at level L or above.

Used for a dimension (its respondents' answers), a framework (its dimensions) and the overall
level (the maturity frameworks); see docs/scoring.md.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["NextLevel", "level_of", "level_reached", "next_level", "tally"]


def level_reached(shares: Iterable[tuple[float, float]], threshold: float) -> int:
    """Highest level L such that parts carrying `threshold` of the weight are at L or above.

    `shares` holds (value, weight) pairs; level 1 is always reached.
    """
    total, _, *at_least = tally(shares)
    return level_of(at_least, total, threshold)


def tally(pairs: Iterable[tuple[float, float]]) -> tuple[float, float, float, float, float]:
    """In one pass over (value, weight) pairs: the total weight, the weighted sum, and the
    weight at level 2 or above, 3 or above, and 4."""
    total = weighted = w2 = w3 = w4 = 0.0
    for v, w in pairs:
        total += w
        weighted += v * w
        if v >= 2 - 1e-9:
            w2 += w
            if v >= 3 - 1e-9:
                w3 += w
                if v >= 4 - 1e-9:
                    w4 += w
    return total, weighted, w2, w3, w4


def level_of(at_least: Sequence[float], total: float, threshold: float) -> int:
    """The level from the weight at levels 2+, 3+ and 4 out of `total` (see level_reached)."""
    if total <= 0:
        return 1
    best = 1
    for level, weight in zip((2, 3, 4), at_least, strict=True):
        if weight / total >= threshold - 1e-9:
            best = level
    return best


@dataclass(frozen=True)
class NextLevel:
    """What the next overall level needs: `needed` of the `of` maturity frameworks at `level`
    or above; `reached` are there now."""

    level: int
    needed: int
    reached: int
    of: int


def next_level(levels: Sequence[int], threshold: float) -> NextLevel | None:
    """The level above the one `levels` reach together, and how many must get there."""
    if not levels:
        return None
    now = level_reached([(float(v), 1.0) for v in levels], threshold)
    if now >= 4:
        return None
    needed = max(1, math.ceil(threshold * len(levels) - 1e-9))
    reached = sum(1 for v in levels if v >= now + 1)
    return NextLevel(now + 1, needed, reached, len(levels))
