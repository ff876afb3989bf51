"""KPIs computed from the raw figures respondents give (formulas as in the CRM literature).

Each input is the median of the figures respondents gave for it, so one typo does not move a KPI.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from .models import Questionnaire
from .workspace import Workspace

__all__ = ["KPI_DEFINITIONS", "Kpi", "asked", "collect_inputs", "compute_kpis"]

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


# id → (unit, formula, inputs needed (any one group suffices), function)
KPI_DEFINITIONS: dict[str, tuple[str, str, list[list[str]], Callable[[Inputs], float | None]]] = {
    "nps": ("points", "% promoters (9–10) − % detractors (0–6)",
            [["nps"], ["nps-promoters-pct", "nps-detractors-pct"]], _nps),
    "retention-rate": ("%", "(E − N) / S × 100", [["customers-start", "customers-end", "customers-new"]], _retention),
    "churn-rate": ("%", "customers lost / S × 100",
                   [["customers-start", "customers-lost"], ["customers-start", "customers-end", "customers-new"]],
                   lambda i: _lost(i) / i["customers-start"] * 100),
    "renewal-rate": ("%", "contracts renewed / contracts due × 100", [["renewals-due", "renewals-done"]],
                     lambda i: i["renewals-done"] / i["renewals-due"] * 100),
    "retention-cost": ("per customer", "retention spend / customers retained (E − N)",
                       [["retention-spend", "customers-end", "customers-new"]],
                       lambda i: i["retention-spend"] / (i["customers-end"] - i["customers-new"])),
    "cac": ("per customer", "acquisition spend / new customers", [["acquisition-spend", "customers-new"]], _cac),
    "clv": ("per customer", "m × r / (1 + i − r) − CAC",
            [["margin-per-customer", "discount-rate", "customers-start", "customers-end", "customers-new",
              "acquisition-spend"]], _clv),
    "mql-sql-conversion": ("%", "SQLs / MQLs × 100", [["mqls", "sqls"]], lambda i: i["sqls"] / i["mqls"] * 100),
    "share-of-wallet": ("%", "our sales to the customer / their total category spend",
                        [["share-of-wallet"]], lambda i: i["share-of-wallet"]),
    "grr": ("%", "(R − churned − contraction) / R × 100, at most 100",
            [["revenue-start", "revenue-churned", "revenue-contraction"]], _grr),
    "nrr": ("%", "(R − churned − contraction + expansion) / R × 100",
            [["revenue-start", "revenue-churned", "revenue-contraction", "revenue-expansion"]], _nrr),
    "repeat-purchase-rate": ("%", "customers who bought more than once / customers who bought × 100",
                             [["customers-buying", "customers-repeat"]],
                             _ratio("customers-repeat", "customers-buying")),
    "cross-sell-rate": ("%", "customers who bought another product or upgraded / S × 100",
                        [["customers-start", "customers-cross-sold"]],
                        _ratio("customers-cross-sold", "customers-start")),
    "csat": ("%", "satisfied answers (4–5 of 5) / all answers × 100", [["csat-pct"]], _given("csat-pct")),
    "first-contact-resolution": ("%", "requests resolved at the first contact / all requests × 100",
                                 [["fcr-pct"]], _given("fcr-pct")),
    "resolution-time": ("hours", "mean time from a request to its resolution",
                        [["resolution-hours"]], _given("resolution-hours")),
    "win-rate": ("%", "deals won / opportunities closed (won or lost) × 100",
                 [["opportunities-closed", "deals-won"]], _ratio("deals-won", "opportunities-closed")),
    "crm-adoption": ("%", "active CRM users / users who should use it × 100",
                     [["crm-users-licensed", "crm-users-active"]],
                     _ratio("crm-users-active", "crm-users-licensed")),
}  # fmt: skip


def asked(kpi_id: str, questionnaire: Questionnaire) -> bool:
    """Whether the questionnaire asks for every input of at least one way to compute the KPI."""
    inputs = {getattr(q, "kpi", None) for q in questionnaire.questions()}
    return any(all(k in inputs for k in group) for group in KPI_DEFINITIONS[kpi_id][2])


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
    for kpi_id, (unit, formula, groups, fn) in KPI_DEFINITIONS.items():
        usable = next((g for g in groups if all(k in inputs for k in g)), None)
        if usable is None:
            missing = [k for k in groups[0] if k not in inputs]
            out.append(Kpi(kpi_id, None, unit, formula, {}, missing))
            continue
        used = {k: inputs[k] for k in usable}
        try:
            value: float | None = fn(used)
        except ZeroDivisionError:
            value = None
        out.append(Kpi(kpi_id, value, unit, formula, used, []))
    return out
