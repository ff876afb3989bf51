"""What an answer means: checking it against its question, and turning it into a score.

Scores run from 1.0 to 4.0 (practice levels); `None` means the answer is excluded from scoring
('not sure', 'not applicable', unanswered, or a figure without score bands).
"""

from __future__ import annotations

import math
from typing import Any

from .checks import did_you_mean
from .errors import shown
from .models import NOT_APPLICABLE, NOT_SURE

__all__ = ["SKIPS", "answer_problem", "as_bool", "normalised", "score_answer", "visible"]

SKIPS = (NOT_SURE, NOT_APPLICABLE)
_YES = ("yes", "có", True)
_NO = ("no", "không", False)


def as_bool(value: Any) -> bool | None:
    if isinstance(value, str):
        value = value.strip().lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    return None


def normalised(question: Any, value: Any) -> Any:
    """The one spelling conditions, scoring and reports see: a yes/no answer written `Có`,
    `Yes` or `true` is 'yes' (and `Không`, `No`, `false` is 'no'); anything else as it is."""
    if question.type == "yes_no" and value not in SKIPS:
        meaning = as_bool(value)
        if meaning is not None:
            return "yes" if meaning else "no"
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def answer_problem(question: Any, value: Any) -> str | None:
    """Why `value` is not a valid answer to `question`, or None when it is."""
    if question.type != "text" and value in SKIPS:
        return None
    if question.type == "maturity":
        if value in (1, 2, 3, 4) and _is_number(value) and float(value).is_integer():
            return None
        return f"answer must be a level from 1 to 4, 'not_sure' or 'not_applicable' (got {shown(value)})"
    if question.type == "likert":
        if _is_number(value) and value in range(1, question.points + 1):
            return None
        return f"answer must be a whole number from 1 to {question.points} (got {shown(value)})"
    if question.type == "yes_no":
        return (
            None
            if as_bool(value) is not None
            else f"answer must be 'yes' or 'no' (got {shown(value)})"
        )
    if question.type in ("single_choice", "multi_choice"):
        return _choice_problem(question, value)
    if question.type in ("number", "percent"):
        return _number_problem(question, value)
    if not isinstance(value, str):
        return f"answer must be text (got {shown(value)})"
    if len(value) > question.max_length:
        return f"answer is longer than {question.max_length:,} characters (got {len(value):,})"
    return None


def _choice_problem(question: Any, value: Any) -> str | None:
    ids = [o.id for o in question.options]
    chosen = value if isinstance(value, list) else [value]
    if question.type == "single_choice" and isinstance(value, list):
        return "answer must be one option, not a list"
    for item in chosen:
        if item not in ids:
            return f"unknown option {shown(item)}{did_you_mean(str(item), ids)} (options: {', '.join(ids)})"
    return None


def _number_problem(question: Any, value: Any) -> str | None:
    if not _is_number(value):
        return f"answer must be a number (got {shown(value)})"
    if isinstance(value, int) and abs(value) > 10**15:
        return f"answer must be a figure of at most 15 digits (got {shown(value)})"
    if not math.isfinite(value):
        return f"answer must be a finite number (got {shown(value)})"
    low = question.min if question.min is not None else (0 if question.type == "percent" else None)
    high = (
        question.max if question.max is not None else (100 if question.type == "percent" else None)
    )
    if low is not None and value < low:
        return f"answer {value:g} is below the minimum {low:g}"
    if high is not None and value > high:
        return f"answer {value:g} is above the maximum {high:g}"
    return None


def score_answer(question: Any, value: Any) -> float | None:
    """The 1.0–4.0 score of a valid answer, or None when it does not count."""
    if value is None or value in SKIPS or question.type == "text":
        return None
    if question.type == "maturity":
        return float(value)
    if question.type == "likert":
        return 1.0 + (float(value) - 1.0) * 3.0 / float(question.points - 1)
    if question.type == "yes_no":
        return float(question.score_yes if as_bool(value) else question.score_no)
    if question.type == "single_choice":
        return float(next(max(o.score, 1.0) for o in question.options if o.id == value))
    if question.type == "multi_choice":
        chosen = set(value if isinstance(value, list) else [value])
        return float(min(4.0, 1.0 + sum(o.score for o in question.options if o.id in chosen)))
    for band in question.bands:
        if band.below is None or value < band.below:
            return float(max(band.score, 1.0))
    return None


def visible(question: Any, role: str, answers: dict[str, Any]) -> bool:
    """Whether a respondent of `role` with these answers is shown the question."""
    from .relevance import parse

    if question.audience and role not in question.audience:
        return False
    if question.relevant is None:
        return True
    return parse(question.relevant)(answers)
