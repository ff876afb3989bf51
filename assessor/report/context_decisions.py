"""The choices a report rests on, for its method appendix: the business context as given, then
the target profile, the target position and route, and the roadmap's capacity and limit, each with its
reason; or that defaults were used because the assessment gives no context."""

from __future__ import annotations

from ..models.common import pick
from ..pipeline import AssessmentResult
from .context_checks import CheckView
from .labels import Labels, fmt_num

__all__ = ["decision_views"]


def _context_line(result: AssessmentResult, lang: str, labels: Labels) -> str:
    ctx = result.decisions.context
    if ctx is None:
        return labels["decisions_defaults"]
    return labels.fill(
        "decisions_context", market=labels[f"ctx_market_{ctx.market}"],
        customers=fmt_num(ctx.active_customers, lang, 0), frequency=labels[f"ctx_frequency_{ctx.purchase_frequency}"],
        deal=labels[f"ctx_deal_{ctx.deal_size}"], size=labels[f"size_{ctx.company_size}"],
        industry=labels.get(f"ctx_industry_{ctx.industry}", ctx.industry),
    )  # fmt: skip


def decision_views(result: AssessmentResult, lang: str, labels: Labels) -> list[CheckView]:
    """(title, text) for each choice drawn from the business context, the context first."""
    d, st = result.decisions, result.strategy
    views = [CheckView(labels["decision_context"], _context_line(result, lang, labels))]
    profile = result.workspace.profile
    name = profile.name[lang] if profile is not None else str(d.profile.value)
    views.append(
        CheckView(labels.fill("decision_profile", profile=name), pick(d.profile.reason, lang))
    )
    if st.reason:
        views.append(CheckView(labels["decision_target"], pick(st.reason, lang)))
    capacity = f"{pick(d.capacity.reason, lang)} {pick(d.limit.reason, lang)}"
    views.append(CheckView(labels["decision_capacity"], capacity))
    return views
