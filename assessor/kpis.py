"""KPIs computed from the raw figures respondents give (formulas as in the CRM literature).

Which KPIs there are, their units and the inputs they need is the KPI catalogue's
(`kpis.yaml`); this module holds each formula's arithmetic.

Each input is the median of the figures respondents gave for it, so one typo does not move a KPI.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from .kpi_catalogue import CATALOGUE
from .models import Questionnaire
from .workspace import Workspace

__all__ = [
    "FORMULAS",
    "PAYBACK_BENCHMARK",
    "Kpi",
    "Payback",
    "acquisition_payback",
    "asked",
    "collect_inputs",
    "compute_kpis",
]

Inputs = dict[str, float]


@dataclass(frozen=True)
class Kpi:
    """One computed KPI, with the formula and the inputs it used."""

    id: str
    value: float | None
    unit: str
    formula: str
    inputs: dict[str, float]
    missing: list[str]


def _nps(i: Inputs) -> float:
    if "nps" in i:
        return i["nps"]
    return i["nps-promoters-pct"] - i["nps-detractors-pct"]


def _retention(i: Inputs) -> float:
    return (i["customers-end"] - i["customers-new"]) / i["customers-start"] * 100


def _lost(i: Inputs) -> float:
    if "customers-lost" in i:
        return i["customers-lost"]
    return i["customers-start"] - (i["customers-end"] - i["customers-new"])


def _cac(i: Inputs) -> float:
    return i["acquisition-spend"] / i["customers-new"]


def _clv(i: Inputs) -> float | None:
    """m·r/(1 + i − r) − AC; undefined unless 0 ≤ r ≤ 1 and r < 1 + i (inconsistent counts)."""
    r = _retention(i) / 100
    d = i["discount-rate"] / 100
    if not 0 <= r <= 1 or 1 + d - r <= 0:
        return None
    return i["margin-per-customer"] * r / (1 + d - r) - _cac(i)


def _grr(i: Inputs) -> float:
    lost = i["revenue-churned"] + i["revenue-contraction"]
    return min(100.0, (i["revenue-start"] - lost) / i["revenue-start"] * 100)


def _nrr(i: Inputs) -> float:
    lost = i["revenue-churned"] + i["revenue-contraction"]
    return (i["revenue-start"] - lost + i["revenue-expansion"]) / i["revenue-start"] * 100


def _ratio(part: str, whole: str) -> Callable[[Inputs], float]:
    """part / whole × 100."""
    return lambda i: i[part] / i[whole] * 100


def _given(key: str) -> Callable[[Inputs], float]:
    return lambda i: i[key]


# KPI id → its arithmetic; the unit, the formula in words and the inputs are the catalogue's
FORMULAS: dict[str, Callable[[Inputs], float | None]] = {
    "nps": _nps,
    "retention-rate": _retention,
    "churn-rate": lambda i: _lost(i) / i["customers-start"] * 100,
    "renewal-rate": _ratio("renewals-done", "renewals-due"),
    "retention-cost": lambda i: i["retention-spend"] / (i["customers-end"] - i["customers-new"]),
    "cac": _cac,
    "clv": _clv,
    "mql-sql-conversion": _ratio("sqls", "mqls"),
    "share-of-wallet": _given("share-of-wallet"),
    "grr": _grr,
    "nrr": _nrr,
    "repeat-purchase-rate": _ratio("customers-repeat", "customers-buying"),
    "cross-sell-rate": _ratio("customers-cross-sold", "customers-start"),
    "csat": _given("csat-pct"),
    "first-contact-resolution": _given("fcr-pct"),
    "resolution-time": _given("resolution-hours"),
    "win-rate": _ratio("deals-won", "opportunities-closed"),
    "crm-adoption": _ratio("crm-users-active", "crm-users-licensed"),
}


def asked(kpi_id: str, questionnaire: Questionnaire) -> bool:
    """Whether the questionnaire asks for every input of at least one way to compute the KPI."""
    inputs = {getattr(q, "kpi", None) for q in questionnaire.questions()}
    return any(all(k in inputs for k in group) for group in CATALOGUE[kpi_id].inputs)


def collect_inputs(ws: Workspace) -> Inputs:
    """Median of respondents' figures for each KPI input."""
    # question id → the KPI input it asks for (only number questions have `kpi`; asking the
    # others for it answer by answer went through pydantic's slow missing-attribute path)
    kpi_of = {
        qid: kpi
        for qid, question in ws.questionnaire.question_index().items()
        if (kpi := getattr(question, "kpi", None))
    }
    figures: dict[str, list[float]] = defaultdict(list)
    for sheet in ws.sheets:
        for qid, kpi in kpi_of.items():
            answer = sheet.answers.get(qid)
            if answer is None:
                continue
            if isinstance(answer.value, int | float) and not isinstance(answer.value, bool):
                figures[kpi].append(float(answer.value))
    return {k: statistics.median(v) for k, v in sorted(figures.items())}


def compute_kpis(inputs: Inputs) -> list[Kpi]:
    """Every KPI whose inputs are there; the others with what is missing."""
    out = []
    for kpi_id, spec in CATALOGUE.items():
        usable = next((g for g in spec.inputs if all(k in inputs for k in g)), None)
        if usable is None:
            missing = [k for k in spec.inputs[0] if k not in inputs]
            out.append(Kpi(kpi_id, None, spec.unit, spec.formula, {}, missing))
            continue
        used = {k: inputs[k] for k in usable}
        try:
            value: float | None = FORMULAS[kpi_id](used)
        except ZeroDivisionError:
            value = None
        out.append(Kpi(kpi_id, value, spec.unit, spec.formula, used, []))
    return out


# A customer's lifetime margin is commonly expected to be at least three times what it cost to
# win them (the LTV:CAC rule of thumb); a reference, not a target (docs/scoring.md §6).
PAYBACK_BENCHMARK = 3.0


@dataclass(frozen=True)
class Payback:
    """What a new customer brings back against what it cost to win them. The CLV is net of the
    acquisition cost (m·r/(1 + i − r) − CAC), so the margin they bring back is CLV + CAC."""

    cac: float
    clv: float

    @property
    def margin(self) -> float:
        """Lifetime margin before the cost of winning the customer."""
        return self.clv + self.cac

    @property
    def ratio(self) -> float:
        return self.margin / self.cac

    @property
    def loses(self) -> bool:
        """Each new customer costs more to win than they bring back (the CLV is negative)."""
        return self.margin < self.cac

    @property
    def below_benchmark(self) -> bool:
        return self.ratio < PAYBACK_BENCHMARK


def acquisition_payback(kpis: list[Kpi]) -> Payback | None:
    """The CLV against the CAC, when both are computed and winning a customer costs something."""
    values = {k.id: k.value for k in kpis}
    clv, cac = values.get("clv"), values.get("cac")
    if clv is None or cac is None or cac <= 0:
        return None
    return Payback(cac, clv)
