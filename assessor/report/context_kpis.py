"""The KPI snapshot: each KPI with its unit, its targets, its formula in words and the working.

Money KPIs take their currency from the questionnaire question that asked for the money input
(`unit:` of the `acquisition-spend` question, say). They are estimates from managers' figures, so
they are shown as a reader says an amount, to three significant figures (labels.fmt_amount):
answers given in million đồng in đồng ("877 triệu", "43.200" đ/khách hàng, not "0,043 triệu
đồng" nor "877.273.000"), any other currency in the unit respondents answered in. The working
keeps the figures as given, so that the sum can be redone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..kpi_catalogue import CATALOGUE
from ..kpis import PAYBACK_BENCHMARK, Kpi, acquisition_payback, asked
from ..pipeline import AssessmentResult
from ..roadmap_kpis import KPI_RULES, KpiRule, KpiTarget
from .labels import Labels, fmt_amount, fmt_num, significant

__all__ = [
    "KpiView", "kpi_figures", "kpi_provenance", "kpi_rules_text", "kpi_views", "money_dong",
    "payback_note", "rule_text",
    "short_rule_text",
]  # fmt: skip

# KPI id → the input whose unit is the KPI's currency (money KPIs only)
_MONEY = {
    "retention-cost": "retention-spend",
    "cac": "acquisition-spend",
    "clv": "margin-per-customer",
}
_DIGITS = {"points": 0, "%": 1, "hours": 1}
# a question's unit that means million đồng, in either language
_MILLION_DONG = re.compile(
    r"^\s*(million\s+(vnd|đồng|dong)|triệu(\s+đồng)?|tr\.?\s*đ)\s*$", re.IGNORECASE
)


def money_dong(million: float, lang: str) -> str:
    """An amount given in million đồng, in đồng rounded to the thousand: 0.043 → '43.000' (for
    the working, which keeps the figures as given)."""
    return fmt_num(round(million * 1_000) * 1_000, lang, 0)


@dataclass(frozen=True)
class KpiView:
    id: str
    name: str
    unit: str
    value: str
    in_12: str
    in_24: str
    formula: str
    working: str
    missing: str
    rule: str = ""  # how its targets were set, printed beside them
    rule_short: str = ""  # the same in a few words, for the executive report


def _in_dong(result: AssessmentResult, k: Kpi) -> bool:
    """The KPI is money and its input was asked for in million đồng."""
    unit = _input_unit(result, _MONEY.get(k.id, ""), "en")
    return bool(unit) and bool(_MILLION_DONG.match(unit))


def _unit(result: AssessmentResult, k: Kpi, lang: str, labels: Labels) -> str:
    if k.unit == "%":
        return "%"
    if k.unit == "points":
        return labels["unit_points"]
    if k.unit == "hours":
        return labels["unit_hours"]
    if _in_dong(result, k):
        return labels.fill("unit_money_per_customer", money=labels["dong"])
    money = _input_unit(result, _MONEY.get(k.id, ""), lang)
    return (
        labels.fill("unit_money_per_customer", money=money)
        if money
        else labels["unit_per_customer"]
    )


def _input_unit(result: AssessmentResult, input_id: str, lang: str) -> str:
    for section in result.workspace.questionnaire.sections:
        for q in section.asked():
            unit = getattr(q, "unit", None)
            if getattr(q, "kpi", None) == input_id and unit is not None:
                return str(unit[lang])
    return ""


def _workings(
    n: Callable[..., str], m: Callable[[float], str]
) -> dict[str, Callable[[dict[str, float]], str]]:
    """KPI id → the formula with the inputs written in, as a reader would check it; `m` writes
    an amount of money."""

    def churn(i: dict[str, float]) -> str:
        if "customers-lost" in i:
            return f"{n(i['customers-lost'])} ÷ {n(i['customers-start'])} × 100"
        s, e, new = (n(i[k]) for k in ("customers-start", "customers-end", "customers-new"))
        return f"({s} − ({e} − {new})) ÷ {s} × 100"

    def clv(i: dict[str, float]) -> str:
        r = (i["customers-end"] - i["customers-new"]) / i["customers-start"]
        cac = i["acquisition-spend"] / i["customers-new"]
        d = i["discount-rate"] / 100
        return f"{m(i['margin-per-customer'])} × {n(r, 3)} ÷ (1 + {n(d, 2)} − {n(r, 3)}) − {m(cac)}"

    return {
        "nps": lambda i: "" if "nps" in i else f"{n(i['nps-promoters-pct'])} − {n(i['nps-detractors-pct'])}",
        "retention-rate": lambda i: f"({n(i['customers-end'])} − {n(i['customers-new'])}) ÷ {n(i['customers-start'])} × 100",
        "churn-rate": churn,
        "renewal-rate": lambda i: f"{n(i['renewals-done'])} ÷ {n(i['renewals-due'])} × 100",
        "retention-cost": lambda i: f"{m(i['retention-spend'])} ÷ ({n(i['customers-end'])} − {n(i['customers-new'])})",
        "cac": lambda i: f"{m(i['acquisition-spend'])} ÷ {n(i['customers-new'])}",
        "clv": clv,
        "mql-sql-conversion": lambda i: f"{n(i['sqls'])} ÷ {n(i['mqls'])} × 100",
        "share-of-wallet": lambda i: "",
        "grr": lambda i: f"min(100, ({n(i['revenue-start'])} − {n(i['revenue-churned'])} − {n(i['revenue-contraction'])}) ÷ {n(i['revenue-start'])} × 100)",
        "nrr": lambda i: f"({n(i['revenue-start'])} − {n(i['revenue-churned'])} − {n(i['revenue-contraction'])} + {n(i['revenue-expansion'])}) ÷ {n(i['revenue-start'])} × 100",
        "repeat-purchase-rate": lambda i: f"{n(i['customers-repeat'])} ÷ {n(i['customers-buying'])} × 100",
        "cross-sell-rate": lambda i: f"{n(i['customers-cross-sold'])} ÷ {n(i['customers-start'])} × 100",
        "win-rate": lambda i: f"{n(i['deals-won'])} ÷ {n(i['opportunities-closed'])} × 100",
        "crm-adoption": lambda i: f"{n(i['crm-users-active'])} ÷ {n(i['crm-users-licensed'])} × 100",
        "csat": lambda i: "", "first-contact-resolution": lambda i: "", "resolution-time": lambda i: "",
    }  # fmt: skip


def kpi_views(result: AssessmentResult, lang: str, labels: Labels) -> list[KpiView]:
    """One row per KPI: value now, targets in 12 and 24 months, formula, working or what is missing."""
    targets = {t.id: t for t in result.roadmap.kpi_targets}

    def n(value: float, digits: int | None = None) -> str:
        """A number in a working: as given (up to 3 decimals), so that the sum can be redone."""
        if digits is not None:
            return fmt_num(value, lang, digits)
        if float(value).is_integer() or abs(value) >= 100:
            return fmt_num(value, lang, 0)
        return fmt_num(value, lang, 3).rstrip("0").rstrip(".,")

    views = []
    questionnaire = result.workspace.questionnaire
    for k in result.kpis:
        if not asked(k.id, questionnaire):  # a KPI nobody was asked the figures for is left out
            continue
        t = targets.get(k.id)
        dong = _in_dong(result, k)
        money: Callable[[float], str] = (lambda v: money_dong(v, lang)) if dong else n
        workings = _workings(n, money)
        shown = _shown(k, dong, lang, labels)
        unit = _unit(result, k, lang, labels)
        working = ""
        if k.value is not None and k.id in workings:
            sum_ = workings[k.id](k.inputs)
            value = shown(k.value) + ("%" if unit == "%" else f" {unit}")
            exact = k.unit in _DIGITS or math.isclose(significant(k.value), k.value, rel_tol=1e-9)
            working = (f"{sum_} {'=' if exact else '≈'} {value}" if sum_
                       else labels.fill("kpi_given", value=value))  # fmt: skip
        missing = ", ".join(labels[f"kpi_input_{m}"] for m in k.missing)
        later = (t.in_12_months, t.in_24_months) if t else ()
        row = _shown(k, dong, lang, labels, (k.value, *later))
        views.append(KpiView(
            k.id, labels[f"kpi_{k.id}"], unit, row(k.value) if k.value is not None else "–",
            row(t.in_12_months) if t else "–", row(t.in_24_months) if t else "–",
            labels[f"kpi_formula_{k.id}"], working, labels.fill("kpi_needs", inputs=missing) if missing else "",
            rule_text(t.rule, k.unit, lang, labels) if t else "",
            short_rule_text(t, lang, labels) if t else "",
        ))  # fmt: skip
    return views


def _shown(
    k: Kpi, dong: bool, lang: str, labels: Labels, row: tuple[float | None, ...] = ()
) -> Callable[[float], str]:
    """How the KPI's values are written: a percentage, points or hours to their digits; money
    as a reader says an amount (in đồng when asked in million đồng), the amounts of one `row`
    (today, in 12 and in 24 months) in one unit."""
    if k.unit in _DIGITS:
        return lambda v: fmt_num(v, lang, _DIGITS[k.unit])
    scale = 1e6 if dong else 1.0
    smallest = min((abs(v) * scale for v in row if v), default=None)
    return lambda v: fmt_amount(v * scale, lang, labels, smallest)


def kpi_figures(
    result: AssessmentResult, kpi_id: str, lang: str, labels: Labels
) -> tuple[Callable[[float], str], str]:
    """How a KPI's values are written, and its unit, as the reports show them: for any other
    place that shows a KPI (the command line's comparison)."""
    k = Kpi(kpi_id, None, CATALOGUE[kpi_id].unit, "", {}, [])
    return _shown(k, _in_dong(result, k), lang, labels), _unit(result, k, lang, labels)


def payback_note(result: AssessmentResult, lang: str, labels: Labels) -> str:
    """One sentence when a new customer brings back less than the usual multiple of what it
    costs to win them (docs/scoring.md §6), or more than that costs; '' otherwise."""
    payback = acquisition_payback(result.kpis)
    if payback is None or not payback.below_benchmark:
        return ""
    k = Kpi("cac", None, CATALOGUE["cac"].unit, "", {}, [])
    dong = _in_dong(result, k)
    currency = "" if dong else _input_unit(result, _MONEY["cac"], lang)

    def money(value: float) -> str:
        if dong:
            return labels.fill("amount_dong", amount=fmt_amount(value * 1e6, lang, labels))
        return f"{fmt_amount(value, lang, labels)} {currency}".strip()

    return labels.fill(
        "kpi_payback_loss" if payback.loses else "kpi_payback_thin",
        cac=money(payback.cac), margin=money(payback.margin), clv=money(payback.clv),
        ratio=fmt_num(payback.ratio, lang, 1), benchmark=fmt_num(PAYBACK_BENCHMARK, lang, 0),
    )  # fmt: skip


def kpi_provenance(result: AssessmentResult, labels: Labels) -> str:
    """Where the KPI values come from: the medians of the figures so many managers estimated."""
    asked = {
        qid
        for qid, q in result.workspace.questionnaire.question_index().items()
        if getattr(q, "kpi", None)
    }
    gave = sum(
        1
        for sheet in result.workspace.sheets
        if any(isinstance(a.value, int | float) and not isinstance(a.value, bool)
               for qid, a in sheet.answers.items() if qid in asked)
    )  # fmt: skip
    return labels.count("kpi_provenance", gave)


def _reference(rule: KpiRule, unit: str, lang: str, labels: Labels) -> str:
    """The reference value with its unit: '90 %', '24 hours', '50'."""
    value = fmt_num(rule.reference, lang, 0)
    if unit == "%":
        return f"{value}%" if lang == "vi" else f"{value} %"
    if unit == "hours":
        return f"{value} {labels['unit_hours']}"
    return value


def rule_text(rule: KpiRule, unit: str, lang: str, labels: Labels, *, basis: bool = True) -> str:
    """One KPI's target rule in words: the share of the distance closed to a reference (an
    estimate, with its basis), or the change of today's value."""
    if rule.reference is not None:
        reference = _reference(rule, unit, lang, labels)
        text = labels.fill(
            "kpi_rule_reference", reference=reference,
            share12=fmt_num(rule.share_12 * 100, lang, 0), share24=fmt_num(rule.share_24 * 100, lang, 0),
        )  # fmt: skip
        if basis:
            why = labels[f"kpi_basis_{rule.kpi}"]
            text += " " + labels.fill("kpi_rule_estimate", reference=reference, basis=why)
        return text
    text = labels.fill(
        "kpi_rule_change",
        change12=f"{rule.change_12 * 100:+.0f}".replace("-", "−"),
        change24=f"{rule.change_24 * 100:+.0f}".replace("-", "−"),
    )
    return text + (f" ({labels[f'kpi_basis_{rule.kpi}']}.)" if basis else "")


def short_rule_text(t: KpiTarget, lang: str, labels: Labels) -> str:
    """A target's rule in a few words: '25 % (in 12 months), then 50 % (in 24) of the way to
    50, an estimate', with 'lower is better; ' before it where it is; 'already beyond 30 % (an estimate): kept';
    '−10 % of today's value in 12 months, −15 % in 24'."""
    rule = t.rule
    if rule.reference is None:
        return rule_text(rule, t.unit, lang, labels, basis=False)
    reference = _reference(rule, t.unit, lang, labels)
    if t.in_24_months == t.current:
        text = labels.fill("kpi_rule_held", reference=reference)
    else:
        text = labels.fill(
            "kpi_rule_short", reference=reference,
            share12=fmt_num(rule.share_12 * 100, lang, 0), share24=fmt_num(rule.share_24 * 100, lang, 0),
        )  # fmt: skip
    return labels.fill("kpi_lower_better", rule=text) if rule.lower_is_better else text


def kpi_rules_text(result: AssessmentResult, lang: str, labels: Labels) -> str:
    """How the 12- and 24-month targets are set, for each KPI the questionnaire asks the figures
    of, in one paragraph; the bases of the reference values are in the KPI table."""
    questionnaire = result.workspace.questionnaire
    parts = [
        f"{labels[f'kpi_{kpi_id}']}: {rule_text(rule, CATALOGUE[kpi_id].unit, lang, labels, basis=False)}"
        for kpi_id, rule in KPI_RULES.items()
        if asked(kpi_id, questionnaire)
    ]
    if not parts:
        return ""
    return labels.fill("method_kpi_targets", rules="; ".join(parts))
