"""Reading a figure typed by a person: the one parser for the web form and every import.

    '48000', '48 000', '48.000' and '48,000' → 48000 (a dot or comma before exactly three
    digits groups thousands, as Vietnamese and English write them);
    '12,5' and '12.5' → 12.5; '1.234,5' and '1,234.5' → 1234.5; '25%' → 25.

Anything else — words, several numbers, 'nan', 'inf', '²' — is not a figure.
"""

from __future__ import annotations

import math
import re

__all__ = ["parse_number"]

_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$")
_PLAIN = re.compile(r"^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$")
_BOTH = re.compile(r"^[+-]?\d{1,3}(?:([.,])\d{3})*(?!\1)[.,]\d+$")


def parse_number(text: str) -> int | float | None:
    """The number a person meant by `text`, or None when it is not one figure."""
    text = re.sub(r"[\s\u00a0\u202f]", "", text).removesuffix("%")
    if not text.isascii():
        return None
    if _GROUPED.match(text):
        value = float(text.replace(".", "").replace(",", ""))
    elif _BOTH.match(text):
        decimal = text[-1 - len(re.split(r"[.,]", text)[-1])]
        value = float(text.replace("." if decimal == "," else ",", "").replace(",", "."))
    elif _PLAIN.match(text):
        value = float(text.replace(",", "."))
    else:
        return None
    if not math.isfinite(value):
        return None
    return int(value) if value.is_integer() and abs(value) < 2**53 else value
