"""KPI targets after 12 and 24 months, relative to the company's own baseline.

A KPI with a reference value closes a stated share of the distance from today's value to that
reference: a quarter in 12 months, half in 24. A KPI already at or beyond its reference holds
its value. Money KPIs have no reference that fits every company, so they change by a stated
share of today's value. The rules are data (`KPI_RULES`) and printed beside the targets.
"""

from __future__ import annotations

from dataclasses import dataclass

from .kpis import Kpi

__all__ = ["KPI_RULES", "SHARE_12", "SHARE_24", "KpiRule", "KpiTarget", "kpi_targets"]

SHARE_12 = 0.25  # of the distance to the reference closed in 12 months
SHARE_24 = 0.5  # … and in 24 months


@dataclass(frozen=True)
class KpiRule:
    """How a KPI's targets follow from its baseline."""

    reference: float | None  # the value to close the distance to; None: a relative change
    change_12: float = 0.0  # relative change of today's value (money KPIs), after 12 months
    change_24: float = 0.0  # … after 24 months
    lower_is_better: bool = False


KPI_RULES: dict[str, KpiRule] = {
    "nps": KpiRule(50),
    "retention-rate": KpiRule(90),
    "churn-rate": KpiRule(10, lower_is_better=True),
    "renewal-rate": KpiRule(90),
    "mql-sql-conversion": KpiRule(30),
    "share-of-wallet": KpiRule(50),
    "cac": KpiRule(None, -0.10, -0.15, lower_is_better=True),
    "retention-cost": KpiRule(None, -0.05, -0.10, lower_is_better=True),
    "clv": KpiRule(None, 0.10, 0.20),
}


@dataclass(frozen=True)
class KpiTarget:
    """Where a KPI should be after 12 and 24 months, and the rule that put it there."""

    id: str
    current: float
    in_12_months: float
    in_24_months: float
    unit: str
    rule: KpiRule


def _targets(value: float, rule: KpiRule) -> tuple[float, float]:
    if rule.reference is None:
        return value * (1 + rule.change_12), value * (1 + rule.change_24)
    distance = rule.reference - value
    if (distance <= 0) != rule.lower_is_better or distance == 0:
        return value, value  # already at or beyond the reference: hold it
    return value + SHARE_12 * distance, value + SHARE_24 * distance


def kpi_targets(kpis: list[Kpi], moved: set[str]) -> list[KpiTarget]:
    """Targets for each KPI with a value today that a planned initiative moves."""
    out = []
    for kpi in kpis:
        rule = KPI_RULES.get(kpi.id)
        if kpi.value is None or kpi.id not in moved or rule is None:
            continue
        in_12, in_24 = _targets(kpi.value, rule)
        out.append(KpiTarget(kpi.id, kpi.value, in_12, in_24, kpi.unit, rule))
    return out
