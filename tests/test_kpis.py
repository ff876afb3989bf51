"""KPI formulas (reference §8) on figures worked out by hand."""

from __future__ import annotations

from typing import Any

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


# ── The catalogue and the targets ────────────────────────────────────────────────────────


def _targets(kpi_id: str, value: float) -> tuple[float, float]:
    from assessor.kpis import Kpi
    from assessor.roadmap_kpis import kpi_targets

    (target,) = kpi_targets([Kpi(kpi_id, value, "", "", {}, [])], {kpi_id})
    return round(target.in_12_months, 6), round(target.in_24_months, 6)


@pytest.mark.parametrize(
    ("kpi_id", "value", "expected"),
    [
        # resolution time, lower is better, reference 24 hours:
        # 48 + 0.25 × (24 − 48) = 42; 48 + 0.5 × (24 − 48) = 36
        pytest.param("resolution-time", 48.0, (42.0, 36.0), id="resolution-time-down"),
        pytest.param("resolution-time", 12.0, (12.0, 12.0), id="resolution-time-already-better"),
        # CSAT, reference 85 %: 70 + 0.25 × 15 = 73.75; 70 + 0.5 × 15 = 77.5
        pytest.param("csat", 70.0, (73.75, 77.5), id="csat"),
        # NRR, reference 100 %: 95 + 0.25 × 5 = 96.25; 97.5; at 105 % it holds
        pytest.param("nrr", 95.0, (96.25, 97.5), id="nrr"),
        pytest.param("nrr", 105.0, (105.0, 105.0), id="nrr-beyond"),
        # GRR 80 → reference 90: 82.5, 85
        pytest.param("grr", 80.0, (82.5, 85.0), id="grr"),
        # CRM adoption 60 → 90: 67.5, 75; win rate 20 → 30: 22.5, 25
        pytest.param("crm-adoption", 60.0, (67.5, 75.0), id="crm-adoption"),
        pytest.param("win-rate", 20.0, (22.5, 25.0), id="win-rate"),
        # repeat purchase 30 → 50: 35, 40; cross-sell 8 → 20: 11, 14; FCR 55 → 75: 60, 65
        pytest.param("repeat-purchase-rate", 30.0, (35.0, 40.0), id="repeat-purchase"),
        pytest.param("cross-sell-rate", 8.0, (11.0, 14.0), id="cross-sell"),
        pytest.param("first-contact-resolution", 55.0, (60.0, 65.0), id="fcr"),
        # churn, lower is better, 30 → reference 10: 25, 20; CAC −10 %, −15 %: 2 → 1.8, 1.7
        pytest.param("churn-rate", 30.0, (25.0, 20.0), id="churn"),
        pytest.param("cac", 2.0, (1.8, 1.7), id="cac"),
    ],
)
def test_targets_close_a_share_of_the_distance_by_hand(
    kpi_id: str, value: float, expected: tuple[float, float]
) -> None:
    assert _targets(kpi_id, value) == expected


def test_every_kpi_computed_has_a_target_rule_labels_a_working_and_initiatives() -> None:
    from assessor.kpi_catalogue import CATALOGUE, KPI_IDS
    from assessor.kpis import FORMULAS
    from assessor.loading import load_library
    from assessor.report.context_kpis import _workings
    from assessor.report.labels import load_labels

    computed = [k.id for k in compute_kpis({})]
    assert computed == list(KPI_IDS) and set(FORMULAS) == set(KPI_IDS)
    assert set(_workings(str, str)) == set(KPI_IDS)
    moved = {k for i in load_library().initiatives.values() for k in i.kpis}
    for lang in ("en", "vi"):
        labels = load_labels(lang)
        for kpi_id in KPI_IDS:
            assert labels[f"kpi_{kpi_id}"] and labels[f"kpi_formula_{kpi_id}"]
            assert labels[f"kpi_basis_{kpi_id}"]  # what its reference value rests on
    # no KPI is computed that no initiative moves: each can get a target
    assert sorted(set(KPI_IDS) - moved) == []
    lower = sorted(k for k, spec in CATALOGUE.items() if spec.lower_is_better)
    assert lower == ["cac", "churn-rate", "resolution-time", "retention-cost"]


def test_a_broken_catalogue_entry_is_refused(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assessor import kpi_catalogue

    text = kpi_catalogue.PATH.read_text(encoding="utf-8")
    broken = tmp_path / "kpis.yaml"
    # CSAT's rule loses its reference: the KPI is left without a target rule
    broken.write_text(text.replace("      reference: 85\n", "", 1), encoding="utf-8")
    monkeypatch.setattr(kpi_catalogue, "PATH", broken)
    kpi_catalogue.catalogue.cache_clear()
    try:
        with pytest.raises(
            kpi_catalogue.CatalogueError, match=r"kpis\.csat\.target: every KPI needs a target rule"
        ):
            kpi_catalogue.catalogue()
    finally:
        monkeypatch.undo()
        kpi_catalogue.catalogue.cache_clear()


@pytest.mark.parametrize(
    ("margin", "ratio", "loses", "below"),
    [
        (600.0, 1600 / 1500, False, True),
        (300.0, 800 / 1500, True, True),
        (2000.0, 2000 * 8 / 3 / 1500, False, False),
    ],
)
def test_the_lifetime_margin_is_the_clv_before_the_cost_of_winning_the_customer(
    margin: float, ratio: float, loses: bool, below: bool
) -> None:
    from assessor.kpis import acquisition_payback

    # r = 0.8, i = 0.1: lifetime margin m × 2.667; CAC = 300,000 / 200 = 1,500
    payback = acquisition_payback(compute_kpis({**BASE, "customers-end": 1000.0,
                                                "margin-per-customer": margin}))  # fmt: skip
    assert payback is not None
    assert payback.margin == pytest.approx(margin * 0.8 / 0.3)
    assert (payback.ratio, payback.loses, payback.below_benchmark) == (
        pytest.approx(ratio),
        loses,
        below,
    )
    assert (
        acquisition_payback(compute_kpis({k: v for k, v in BASE.items() if k != "discount-rate"}))
        is None
    )
