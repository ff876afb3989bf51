"""KPI targets after 12 and 24 months, relative to the company's own baseline.

Every KPI of the catalogue (`kpis.yaml`) has a target rule. A KPI with a reference value closes a
stated share of the distance from today's value to that reference: a quarter in 12 months, half
in 24, downwards where lower is better. A KPI already at or better than its reference holds its value.
The references are estimates, each with its basis. Money KPIs have no reference that fits every
company, so they change by a stated share of today's value. The rules are printed beside the
targets.
"""

from __future__ import annotations

from dataclasses import dataclass

from .kpi_catalogue import CATALOGUE, KpiTargetRule
from .kpis import Kpi

__all__ = ["KPI_RULES", "SHARE_12", "SHARE_24", "KpiRule", "KpiTarget", "kpi_targets"]

KpiRule = KpiTargetRule
KPI_RULES: dict[str, KpiRule] = {kpi_id: spec.rule for kpi_id, spec in CATALOGUE.items()}
# of the distance to the reference closed in 12 months, and in 24 (the same for every KPI)
SHARE_12 = next(r.share_12 for r in KPI_RULES.values() if r.reference is not None)
SHARE_24 = next(r.share_24 for r in KPI_RULES.values() if r.reference is not None)


@dataclass(frozen=True)
class KpiTarget:
    """Where a KPI should be after 12 and 24 months, and the rule that put it there."""

    id: str
    current: float
    in_12_months: float
    in_24_months: float
    unit: str
    rule: KpiRule


def targets_for(value: float, rule: KpiRule) -> tuple[float, float]:
    """The 12- and 24-month targets of a KPI at `value` today."""
    if rule.reference is None:
        return value * (1 + rule.change_12), value * (1 + rule.change_24)
    distance = rule.reference - value
    if distance == 0 or (distance < 0) != rule.lower_is_better:
        return value, value  # already at or beyond the reference: hold it
    return value + rule.share_12 * distance, value + rule.share_24 * distance


def kpi_targets(kpis: list[Kpi], moved: set[str]) -> list[KpiTarget]:
    """Targets for each KPI with a value today that a planned initiative moves."""
    out = []
    for kpi in kpis:
        if kpi.value is None or kpi.id not in moved:
            continue
        rule = KPI_RULES[kpi.id]
        in_12, in_24 = targets_for(kpi.value, rule)
        out.append(KpiTarget(kpi.id, kpi.value, in_12, in_24, kpi.unit, rule))
    return out
