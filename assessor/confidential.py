"""Confidentiality: no breakdown shows a group of fewer than `scoring.min_group` respondents.

A role or unit with fewer respondents is folded into one group, "others". When "others" would
itself be too small, the next smallest groups join it until it is large enough, so no small
group can be worked out by subtracting the groups shown from the whole. When that leaves no
named group at all, the breakdown is withheld. Respondents without a unit count as "others".

Within a shown group, a dimension's cell is left empty when fewer than `min_group` of the
group's respondents answered it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["OTHERS", "Grouping", "group_respondents"]

OTHERS = "others"


@dataclass(frozen=True)
class Grouping:
    """How one breakdown (by role or by unit) groups the respondents."""

    key: str  # "role" or "unit"
    min_group: int
    group_of: dict[str, str]  # respondent id → the group shown ("others" included)
    counts: dict[str, int]  # group shown → respondents; "others" last
    merged: tuple[str, ...]  # groups folded into "others"
    withheld: bool  # no group could be shown

    @property
    def note_needed(self) -> bool:
        """Whether a reader should be told that groups were merged or withheld."""
        return self.withheld or bool(self.merged)


def group_respondents(key: str, members: Mapping[str, str | None], min_group: int) -> Grouping:
    """Group respondents (id → role or unit, None for none) so every group has `min_group`."""
    counts = Counter(g for g in members.values() if g is not None)
    pooled = len([g for g in members.values() if g is None])
    merged = sorted(g for g, n in counts.items() if n < min_group)
    pooled += sum(counts[g] for g in merged)
    large = sorted((n, g) for g, n in counts.items() if n >= min_group)
    while 0 < pooled < min_group and large:
        n, g = large.pop(0)
        merged.append(g)
        pooled += n
    if not large:  # everyone in "others": a breakdown of one group says nothing
        return Grouping(key, min_group, {}, {}, tuple(sorted(counts)), bool(counts))
    shown = {g for _, g in large}
    group_of = {r: g if g in shown else OTHERS for r, g in members.items()}
    ordered = {g: counts[g] for g in sorted(shown)}
    if pooled:
        ordered[OTHERS] = pooled
    return Grouping(key, min_group, group_of, ordered, tuple(sorted(merged)), False)
