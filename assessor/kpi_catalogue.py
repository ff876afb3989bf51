"""The KPI catalogue (`kpis.yaml` beside this module): every KPI crm-assess computes, once.

Each KPI has its unit, its formula in words, the inputs it needs, the direction that is better
and the rule its roadmap targets follow. The models (initiative `kpis:`, questionnaire `kpi:`),
the calculations (`kpis.py`) and the targets (`roadmap_kpis.py`) all read their ids from here,
so a KPI added to the file is known everywhere, and a KPI without a formula or a target rule
cannot be added. Nothing here imports the rest of the package: the models load it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = ["CATALOGUE", "KPI_IDS", "KPI_INPUTS", "KpiSpec", "KpiTargetRule", "catalogue"]

PATH = Path(__file__).with_name("kpis.yaml")
UNITS = ("%", "points", "hours", "per customer")


@dataclass(frozen=True)
class KpiTargetRule:
    """How a KPI's 12- and 24-month targets follow from today's value.

    With a `reference`, the target closes `share_12` (then `share_24`) of the distance from today's
    value to it; the reference is an estimate, and the report label `kpi_basis_<id>` says what it
    rests on. Without one, today's value changes by `change_12` (then `change_24`), a fraction of
    itself.
    """

    kpi: str
    reference: float | None
    share_12: float = 0.0
    share_24: float = 0.0
    change_12: float = 0.0
    change_24: float = 0.0
    lower_is_better: bool = False


@dataclass(frozen=True)
class KpiSpec:
    """One KPI of the catalogue."""

    id: str
    unit: str
    formula: str
    inputs: tuple[tuple[str, ...], ...]  # any one group suffices
    lower_is_better: bool
    rule: KpiTargetRule


class CatalogueError(ValueError):
    """The shipped catalogue is malformed (a defect of the package, caught by its tests)."""


def _fail(where: str, what: str) -> CatalogueError:
    return CatalogueError(f"{PATH.name}: {where}: {what}")


def _fraction(value: Any, where: str) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise _fail(where, f"expected a number, got {value!r}")
    return float(value)


def _rule(kpi_id: str, raw: Any, close: dict[str, float], lower: bool) -> KpiTargetRule:
    where = f"kpis.{kpi_id}.target"
    if not isinstance(raw, dict):
        raise _fail(where, "every KPI needs a target rule")
    if ("reference" in raw) == ("change" in raw):
        raise _fail(where, "give either a reference or a change")
    if "reference" in raw:
        reference = _fraction(raw["reference"], f"{where}.reference")
        return KpiTargetRule(
            kpi_id, reference, close["months_12"], close["months_24"], lower_is_better=lower
        )
    change = raw["change"]
    if not isinstance(change, dict):
        raise _fail(f"{where}.change", "expected months_12 and months_24")
    c12 = _fraction(change.get("months_12"), f"{where}.change.months_12")
    c24 = _fraction(change.get("months_24"), f"{where}.change.months_24")
    if (c24 < 0) != lower or (c12 < 0) != lower:
        raise _fail(
            f"{where}.change", f"must move towards better ({'lower' if lower else 'higher'})"
        )
    return KpiTargetRule(kpi_id, None, change_12=c12, change_24=c24, lower_is_better=lower)


def _spec(kpi_id: str, raw: Any, close: dict[str, float]) -> KpiSpec:
    where = f"kpis.{kpi_id}"
    if not isinstance(raw, dict):
        raise _fail(where, "expected a mapping")
    if raw.get("unit") not in UNITS:
        raise _fail(f"{where}.unit", f"one of {', '.join(UNITS)}")
    better = raw.get("better")
    if better not in ("higher", "lower"):
        raise _fail(f"{where}.better", "'higher' or 'lower'")
    groups = raw.get("inputs")
    if (
        not isinstance(groups, list)
        or not groups
        or not all(isinstance(g, list) and g and all(isinstance(i, str) for i in g) for g in groups)
    ):
        raise _fail(f"{where}.inputs", "a list of input groups, each a list of input ids")
    lower = better == "lower"
    return KpiSpec(
        kpi_id, str(raw["unit"]), str(raw.get("formula", "")), tuple(tuple(g) for g in groups),
        lower, _rule(kpi_id, raw.get("target"), close, lower),
    )  # fmt: skip


@functools.cache
def catalogue() -> dict[str, KpiSpec]:
    """KPI id → its specification, in the file's order."""
    with PATH.open(encoding="utf-8") as f:
        data = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict) or not isinstance(data.get("kpis"), dict):
        raise _fail("kpis", "expected a mapping of KPI ids")
    raw_close = data.get("close")
    if not isinstance(raw_close, dict):
        raise _fail("close", "expected months_12 and months_24")
    close = {k: _fraction(raw_close.get(k), f"close.{k}") for k in ("months_12", "months_24")}
    return {str(k): _spec(str(k), v, close) for k, v in data["kpis"].items()}


CATALOGUE = catalogue()
KPI_IDS: tuple[str, ...] = tuple(CATALOGUE)
# every input some KPI needs, in order of first use
KPI_INPUTS: tuple[str, ...] = tuple(
    dict.fromkeys(i for spec in CATALOGUE.values() for group in spec.inputs for i in group)
)
