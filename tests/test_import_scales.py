"""Likert scales of 4 to 11 points: validated, scored, offered in workbooks and XLSForms."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from assessor.answers import answer_problem, score_answer
from assessor.exchange.values import parse_value
from assessor.exchange.xlsform import _choices
from assessor.exchange.xlsx_cells import choices
from assessor.models import Question

ADAPTER: TypeAdapter[Any] = TypeAdapter(Question)


def likert(**extra: Any) -> Any:
    return ADAPTER.validate_python(
        {"id": "q-agree", "type": "likert", "text": {"en": "Agree?", "vi": "Đồng ý?"}, **extra}
    )


SEVEN = {"points": 7, "labels": {1: {"en": "Never", "vi": "Không bao giờ"},
                                 7: {"en": "Always", "vi": "Luôn luôn"}}}  # fmt: skip


@pytest.mark.parametrize(("answer", "score"), [(1, 1.0), (4, 2.5), (7, 4.0), (3, 2.0)])
def test_seven_points_score_on_the_same_1_to_4_range(answer: int, score: float) -> None:
    assert score_answer(likert(**SEVEN), answer) == score


def test_five_points_stay_as_they_were() -> None:
    assert [score_answer(likert(), v) for v in (1, 3, 5)] == [1.0, 2.5, 4.0]


def test_answers_outside_the_scale_are_refused() -> None:
    q = likert(**SEVEN)
    assert answer_problem(q, 7) is None
    assert answer_problem(q, 8) == "answer must be a whole number from 1 to 7 (got 8)"
    assert parse_value(q, "6 — Often") == (6, None)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"points": 3}, "points\n  Input should be greater than or equal to 4"),
        ({"points": 12}, "points\n  Input should be less than or equal to 11"),
        (
            {"points": 4, "labels": {5: {"en": "x", "vi": "x"}}},
            "Value error, labels: 5 outside the scale 1–4",
        ),
    ],
)
def test_a_scale_must_make_sense(extra: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        likert(**extra)
    assert message in str(caught.value)


def test_workbooks_and_xlsforms_offer_every_point() -> None:
    q = likert(**SEVEN)
    assert choices(q, "en") == ["1 — Never", 2, 3, 4, 5, 6, "7 — Always"]
    names = [name for name, _ in _choices(q)]
    assert names == ["1", "2", "3", "4", "5", "6", "7", "not_sure", "not_applicable"]
    assert _choices(q)[6][1] == {"en": "7 — Always", "vi": "7 — Luôn luôn"}
