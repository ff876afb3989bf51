"""KPI formulas (reference §8) on figures worked out by hand."""

from __future__ import annotations

import pytest

from assessor.kpis import compute_kpis

BASE = {
    "customers-start": 1000.0,
    "customers-end": 1050.0,
    "customers-new": 200.0,
    "margin-per-customer": 600.0,
    "discount-rate": 10.0,
    "acquisition-spend": 300_000.0,
}


def _values(inputs: dict[str, float]) -> dict[str, float | None]:
    return {k.id: k.value for k in compute_kpis(inputs)}


def test_churn_falls_back_to_start_minus_retained() -> None:
    # lost = S − (E − N) = 1000 − 850 = 150 → 15 %; retention 85 %
    values = _values(BASE)
    assert values["churn-rate"] == pytest.approx(15.0)
    assert values["retention-rate"] == pytest.approx(85.0)


def test_clv_is_the_margin_multiple_less_acquisition_cost() -> None:
    # r = 0.8, i = 0.1 → multiple 0.8 / 0.3 = 2.667 (reference §8); m = 600 → 1600 − CAC 1500
    inputs = {**BASE, "customers-end": 1000.0}
    assert _values(inputs)["clv"] == pytest.approx(600 * 0.8 / 0.3 - 1500)


@pytest.mark.parametrize(
    ("end", "new"),
    [
        pytest.param(1400.0, 200.0, id="more-retained-than-there-were"),
        pytest.param(100.0, 200.0, id="negative-retention"),
    ],
)
def test_clv_is_not_computed_from_inconsistent_counts(end: float, new: float) -> None:
    # r = 1.2 would give 600 × 1.2 / (1.1 − 1.2) − 1500 = −8700, a meaningless figure
    assert _values({**BASE, "customers-end": end, "customers-new": new})["clv"] is None


def test_nothing_divides_by_zero() -> None:
    values = _values({**BASE, "customers-new": 0.0, "mqls": 0.0, "sqls": 0.0})
    assert values["cac"] is None and values["mql-sql-conversion"] is None


def test_revenue_retention_gross_and_net() -> None:
    # R 1000, churned 80, contraction 20, expansion 150:
    # GRR (1000 − 80 − 20)/1000 = 90 %; NRR (1000 − 80 − 20 + 150)/1000 = 105 %
    revenue = {
        "revenue-start": 1000.0,
        "revenue-churned": 80.0,
        "revenue-contraction": 20.0,
        "revenue-expansion": 150.0,
    }
    values = _values(revenue)
    assert values["grr"] == pytest.approx(90.0)
    assert values["nrr"] == pytest.approx(105.0)


def test_gross_revenue_retention_never_exceeds_100() -> None:
    # negative losses (a data-entry slip) would give 110 %; GRR is capped at 100 %
    inputs = {"revenue-start": 1000.0, "revenue-churned": -100.0, "revenue-contraction": 0.0}
    assert _values(inputs)["grr"] == pytest.approx(100.0)


def test_rates_from_counts() -> None:
    # repeat 300/1200 = 25 %; cross-sell 150/1000 = 15 %; win 45/180 = 25 %; adoption 72/90 = 80 %
    inputs = {
        **BASE,
        "customers-buying": 1200.0,
        "customers-repeat": 300.0,
        "customers-cross-sold": 150.0,
        "opportunities-closed": 180.0,
        "deals-won": 45.0,
        "crm-users-licensed": 90.0,
        "crm-users-active": 72.0,
    }
    values = _values(inputs)
    assert values["repeat-purchase-rate"] == pytest.approx(25.0)
    assert values["cross-sell-rate"] == pytest.approx(15.0)
    assert values["win-rate"] == pytest.approx(25.0)
    assert values["crm-adoption"] == pytest.approx(80.0)


def test_service_figures_as_reported() -> None:
    inputs = {"csat-pct": 71.0, "fcr-pct": 58.0, "resolution-hours": 46.0}
    values = _values(inputs)
    assert (values["csat"], values["first-contact-resolution"], values["resolution-time"]) == (
        71.0,
        58.0,
        46.0,
    )
