"""A figure typed into the web form, said back as it was understood, with a warning when it is
implausible for its unit (1.800.000.000 typed into a "million đồng" field is 1.8 quadrillion
đồng: more likely đồng typed where millions were asked).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..report.labels import local_style
from .labels import Labels

__all__ = ["Echo", "echo", "grouped"]

_MILLION_DONG = ("million vnd", "million đồng", "triệu đồng", "triệu vnd")
_WHOLE = ("customers", "contracts", "leads", "people", "orders")
_TOO_MANY = 1e9  # more customers, contracts or leads than a company counts
_TOO_RICH = 1e6  # million đồng: a thousand billion đồng, beyond any one budget line


@dataclass(frozen=True)
class Echo:
    """What the form says under a figure: how it was read, and a doubt if any."""

    text: str
    warning: str | None = None


def grouped(value: float, lang: str, decimals: int = 2) -> str:
    """48000 → '48.000' (vi) or '48,000' (en); 12.5 → '12,5' or '12.5'."""
    text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{value:,.0f}"
    return local_style(lang).marks(text)


def echo(question: Any, value: Any, L: Labels) -> Echo | None:
    """How a saved figure reads back (None for anything that is not a figure)."""
    if getattr(question, "type", None) not in ("number", "percent"):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    unit_text = question.unit[L.lang] if question.unit is not None else ""
    unit = (question.unit.en if question.unit is not None else "").lower()
    shown = f"{grouped(value, L.lang)} {unit_text}".strip()
    if unit in _MILLION_DONG or unit_text.lower() in _MILLION_DONG:
        return _money(value, shown, L)
    text = L.fmt("read_as", value=shown)
    if any(word in unit for word in _WHOLE):
        if value != int(value):
            return Echo(text, L.whole_number)
        if value >= _TOO_MANY:
            return Echo(text, L.fmt("too_many", value=shown))
    return Echo(text)


def _money(value: float, shown: str, L: Labels) -> Echo:
    dong = value * 1e6
    if dong >= 1e9:
        text = L.fmt("read_as_money", value=shown, dong=_in_words(dong, L))
    else:
        text = L.fmt("read_as", value=shown)
    if value >= _TOO_RICH:
        as_dong = f"{grouped(value, L.lang)} {L.dong}"
        millions = f"{grouped(value / 1e6, L.lang, 6)} {L.million_dong}"
        return Echo(text, L.fmt("too_rich", typed=as_dong, millions=millions))
    return Echo(text)


def _in_words(dong: float, L: Labels) -> str:
    """1.8e15 → '1.800 nghìn tỷ đồng' / '1,800 trillion VND'; 4.8e10 → '48 tỷ đồng'."""
    for size, name in ((1e12, L.trillion_dong), (1e9, L.billion_dong), (1e6, L.million_dong)):
        if dong >= size:
            return f"{grouped(dong / size, L.lang)} {name}"
    return f"{grouped(dong, L.lang)} {L.dong}"
