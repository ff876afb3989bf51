"""Choices drawn from the client's business context, each with the reason a report prints.

docs/scoring.md §8 states the rules; in short:

- **segment**: `commodity` when deals are small and one-off; `key-accounts` when there are fewer
  than 1,000 active customers or deals are large; `mass` otherwise.
- **target position**: the segment's natural next position (mass → customer-based marketing,
  key accounts → managed service and support, commodity → product-based selling); a large or
  very large (enterprise) firm, not commodity, aims at individualised customer management by way
  of it. Today's position adjusts that: already there → hold; already beyond → keep; already at
  the other intermediate position → individualised customer management (a small firm
  consolidates instead).
- **route**: the matrix route from today's position to the target through the segment's
  intermediate position; the direct leap only when nothing else leads there.
- **profile**: `smb-foundation` for a small firm; `individualise-3-4` for a firm whose context aims
  at individualised customer management (large or very large, not commodity) unless
  assessment.yaml sets another target position; `balanced-3` otherwise.
- **capacity**: effort points that can run at once in each phase, by company size.
- **limit**: the most new initiatives the plan holds, by company size.

Anything set in assessment.yaml wins over the profile, which wins over the context; without
`context:`, defaults are used and every reason says so.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .models import Assessment, BusinessContext, Framework, Profile

__all__ = ["Choice", "Course", "Decisions", "chart_course", "choose_profile", "decide"]

MANY_CUSTOMERS = 1000  # from this many active customers, personal service for each is too costly
# effort points (S 1, M 2, L 3) that can run at once in each phase (0–3, 3–6, 6–12, 12–24 months):
# a small shop runs two small pieces of work or one medium at a time, a mid-sized firm's programme
# team three or four workstreams, a large firm's more, an enterprise's several teams more still;
# each starts lean and grows as the CRM team forms, from month 6 to hold the largest block of work
# that starts together in its programme: a small firm's SaaS CRM with its launch and training (4),
# a rollout with its training, champions and dashboards (8) (docs/scoring.md §8)
CAPACITY = {
    "small": [2, 2, 4, 4],
    "mid": [4, 4, 8, 8],
    "large": [5, 6, 8, 8],
    "enterprise": [6, 8, 10, 10],
}
# the most new initiatives a plan holds (docs/roadmap.md §3): a small firm's owner sponsors a
# dozen pieces of work over two years, a mid-sized firm's programme two dozen, a large firm's and
# an enterprise's teams more; the rest waits for the next review (docs/scoring.md §8)
LIMIT = {"small": 12, "mid": 24, "large": 30, "enterprise": 36}
BIG = ("large", "enterprise")  # firms with the volume, data and budget to individualise
DEFAULT_PROFILE = "balanced-3"
SMALL_PROFILE = "smb-foundation"
INDIVIDUALISE_PROFILE = "individualise-3-4"  # level 4 where individualising rests, 3 elsewhere
TOP = "individualised-customer-management"
BOTTOM = "product-based-selling"
NEXT = {
    "mass": "customer-based-marketing",
    "key-accounts": "managed-service-support",
    "commodity": BOTTOM,
}
OTHER = {"customer-based-marketing": "managed-service-support"}
OTHER |= {v: k for k, v in OTHER.items()}

Text = dict[str, str]  # language → text


@functools.cache
def _texts() -> dict[str, Any]:
    with (Path(__file__).parent / "context.yaml").open(encoding="utf-8") as f:
        data: dict[str, Any] = yaml.safe_load(f)
    return data


def _say(key: str, **values: Any) -> Text:
    """The bilingual sentence at dotted `key`, placeholders filled per language."""
    node: Any = _texts()
    for part in key.split("."):
        node = node[part]
    out = {}
    for lang, template in node.items():
        filled = {k: (v[lang] if isinstance(v, dict) else _num(v, lang)) for k, v in values.items()}
        out[lang] = template.format(**filled)
    return out


def _num(value: Any, lang: str) -> str:
    if isinstance(value, int):
        text = f"{value:,}"
        return text if lang == "en" else text.replace(",", ".")
    return str(value)


def _join(*parts: Text) -> Text:
    return {lang: " ".join(p[lang] for p in parts) for lang in parts[0]}


@dataclass(frozen=True)
class Choice:
    """One decision: its value, where it came from and why."""

    value: Any
    source: str  # "assessment", "profile", "context" or "default"
    reason: Text


@dataclass(frozen=True)
class Course:
    """Where the company should go on the matrix, by which route, and why."""

    target: str | None
    route_id: str | None
    path: list[str]
    source: str
    reason: Text


@dataclass(frozen=True)
class Decisions:
    """Everything chosen from the context, for the method appendix."""

    context: BusinessContext | None
    profile: Choice
    capacity: Choice
    limit: Choice  # the most new initiatives in the plan

    @property
    def defaults_used(self) -> bool:
        return self.context is None


def segment(ctx: BusinessContext) -> str:
    if ctx.deal_size == "small" and ctx.purchase_frequency == "one-off":
        return "commodity"
    if ctx.active_customers < MANY_CUSTOMERS or ctx.deal_size == "large":
        return "key-accounts"
    return "mass"


def _size(ctx: BusinessContext | None) -> dict[str, str]:
    return dict(_texts()["size"][ctx.company_size if ctx else "mid"])


def individualises(ctx: BusinessContext) -> bool:
    """Whether the context alone aims at individualised customer management: a large or very
    large firm whose customers are not a commodity's."""
    return segment(ctx) != "commodity" and ctx.company_size in BIG


def choose_profile(a: Assessment) -> Choice:
    """The target profile: assessment.yaml's, else by company size and the context's aim."""
    if a.target.profile is not None:
        return Choice(a.target.profile, "assessment", _say("set-in.assessment"))
    if a.context is None:
        return Choice(DEFAULT_PROFILE, "default", _say("no-context.profile"))
    if a.context.company_size == "small":
        return Choice(SMALL_PROFILE, "context", _say("profile.small"))
    if individualises(a.context) and a.roadmap.position in (None, TOP):
        text = _say("profile.individualise", size=_size(a.context))
        return Choice(INDIVIDUALISE_PROFILE, "context", text)
    return Choice(DEFAULT_PROFILE, "context", _say("profile.other", size=_size(a.context)))


def choose_capacity(a: Assessment) -> Choice:
    """Effort points that can run at once in each phase: assessment.yaml's, else by company
    size."""
    if a.roadmap.capacity is not None:
        return Choice(list(a.roadmap.capacity), "assessment", _say("set-in.assessment"))
    if a.context is None:
        return Choice(CAPACITY["mid"], "default", _say("no-context.capacity"))
    points = CAPACITY[a.context.company_size]
    size = _size(a.context)
    text = _say("capacity", size=size, points=", ".join(map(str, points)))
    return Choice(points, "context", text)


def choose_limit(a: Assessment) -> Choice:
    """The most new initiatives the plan holds: assessment.yaml's, else by company size."""
    if a.roadmap.max_initiatives is not None:
        most = a.roadmap.max_initiatives
        return Choice(most, "assessment", _say("limit.assessment", most=most))
    size = a.context.company_size if a.context else "mid"
    source = "context" if a.context else "default"
    return Choice(LIMIT[size], source, _say("limit.size", size=_size(a.context), most=LIMIT[size]))


def _aim(ctx: BusinessContext, names: dict[str, Text]) -> tuple[str, str, Text, Text | None]:
    """(target, intermediate position, reason, ambition) from the context alone: the reason is
    the customer segment's, the ambition how far a company of this size aims (none for a
    commodity seller), said only when the company has somewhere to move (`chart_course`)."""
    seg = segment(ctx)
    via = NEXT[seg]
    why = _say(f"segment.{seg}", customers=ctx.active_customers)
    if individualises(ctx):
        # the position's name as the matrix and the report write it, capital included
        text = _say("ambition.individualise", size=_size(ctx), via=dict(names[via].items()))
        return TOP, via, why, text
    if seg == "commodity":
        return via, via, why, None
    return via, via, why, _say("ambition.one-step", size=_size(ctx))


def _adjust(
    today: str, target: str, ctx: BusinessContext | None, names: dict[str, Text]
) -> tuple[str, Text | None]:
    """Today's position changes the target: hold, keep, or build on the other route."""
    if today == target:
        return target, _say("adjust.hold")
    if target == BOTTOM or today == TOP:
        return today, _say("adjust.keep")
    if OTHER.get(today) == target:
        if ctx is not None and ctx.company_size == "small":
            return today, _say("adjust.other-route-small", today=names[today])
        return TOP, _say("adjust.other-route", today=names[today])
    return target, None


def _route(
    fw: Framework, today: str, target: str, via: str, chosen: str | None
) -> tuple[str | None, list[str]]:
    """The route id and path from `today` to `target`; `chosen` wins when it leads there."""
    if today == target or fw.matrix is None:
        return None, [today]
    options = []
    for route in fw.matrix.routes:
        p = route.path
        if today in p and target in p and p.index(today) < p.index(target):
            options.append((route.id, list(p[p.index(today) : p.index(target) + 1])))
    if not options:
        return None, [today, target]
    picked: list[tuple[str | None, list[str]]] = [o for o in options if o[0] == chosen] or sorted(
        options, key=lambda o: (via not in o[1], len(o[1]) == 2, o[0])
    )
    return picked[0]


def chart_course(
    fw: Framework,
    today: str | None,
    axes: dict[str, float | None],
    a: Assessment,
    profile: Profile | None,
) -> Course:
    """The target position, route and reason, from assessment.yaml, the profile or the context."""
    names = {d.id: {"en": d.name.en, "vi": d.name.vi} for d in fw.dimensions}
    ctx = a.context
    fixed = a.roadmap.position or (profile.position if profile else None)
    route_wish = a.roadmap.route or (profile.route if profile else None)
    source = "assessment" if a.roadmap.position else "profile" if fixed else ""
    if fixed is not None:
        target, via = fixed, (NEXT[segment(ctx)] if ctx else "")
        why = (
            _say("set-in.assessment")
            if source == "assessment"
            else _say("set-in.profile", profile=profile.id if profile else "")
        )
    elif ctx is not None:
        source = "context"
        target, via, why, ambition = _aim(ctx, names)
        if ambition is not None and target == TOP and today == via:  # already on the way there
            ambition = _say("ambition.individualise-from", size=_size(ctx), via=dict(names[via]))
        if ambition is not None and today != target:  # staying put: no step to aim at
            why = _join(why, ambition)
    else:
        source = "default"
        info, indiv = axes.get("customer-information"), axes.get("individualisation")
        via = (
            "customer-based-marketing"
            if (info or 0) >= (indiv or 0)
            else ("managed-service-support")
        )
        axis = fw.matrix.axes[0 if via == "customer-based-marketing" else 1] if fw.matrix else None
        axis_name = {"en": axis.name.en, "vi": axis.name.vi} if axis else {"en": "", "vi": ""}
        target, why = via, _say("no-context.position", axis=axis_name)
    if today is None:
        return Course(target, None, [], source, _join(why, _say("adjust.unplaced")))
    if source in ("context", "default"):
        target, extra = _adjust(today, target, ctx, names)
        why = _join(why, extra) if extra else why
    route_id, path = _route(fw, today, target, via, route_wish)
    return Course(target, route_id, path, source, why)


def decide(a: Assessment) -> Decisions:
    """The profile, capacity and limit choices, for the roadmap and the method appendix (the target
    position and route are on the strategy position, which needs today's position)."""
    return Decisions(a.context, choose_profile(a), choose_capacity(a), choose_limit(a))
