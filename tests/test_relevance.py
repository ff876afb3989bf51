"""The `relevant:` expression language: what it accepts, what it refuses, how it evaluates."""

from __future__ import annotations

import pytest

from assessor.relevance import ExpressionError, parse

CASES = [
    ("${a} == 'yes'", {"a": "yes"}, True),
    ("${a} == 'yes'", {}, False),
    ("${a} != 'yes'", {}, False),
    ("${n} >= 10 and ${n} < 20", {"n": 12}, True),
    ("${n} >= 10 and ${n} < 20", {"n": 20}, False),
    ("not (${a} == 'no') or ${n} > 3", {"a": "no", "n": 5}, True),
    ("${role} in ['sales', 'marketing']", {"role": "sales"}, True),
    ("selected(${ch}, 'web')", {"ch": ["store", "web"]}, True),
    ("selected(${ch}, 'web')", {"ch": "web"}, False),
    ("${n} > 'x'", {"n": 3}, False),
]


@pytest.mark.parametrize(("source", "answers", "expected"), CASES)
def test_evaluation(source: str, answers: dict[str, object], expected: bool) -> None:
    assert parse(source)(answers) is expected


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("__import__('os')", "unexpected '__import__'"),
        ("${a} ==", "the expression ends too early"),
        ("${a} == 'x' extra", "unexpected 'extra'"),
        ("(${a} == 1", "the expression ends too early"),
        ("${a}.real", "cannot read '.real' (at character 5)"),
    ],
)
def test_refusals(source: str, message: str) -> None:
    with pytest.raises(ExpressionError) as err:
        parse(source)
    assert str(err.value) == message


def test_references() -> None:
    assert parse("${a} == 1 or selected(${b-c}, 'x')").references() == ["a", "b-c"]
