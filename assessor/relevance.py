"""A small, safe expression language for `relevant:` conditions (never Python `eval`).

    ${uses-crm} == 'yes' and (${team-size} >= 10 or selected(${channels}, 'web'))

Values are numbers, quoted strings, `true`/`false` and `${question-id}` references; operators are
`== != < <= > >=`, `in [...]`, `and`, `or`, `not` and `selected(${q}, 'option')`. A reference to an
unanswered question is empty, and every comparison with an empty value is false.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .errors import shown

__all__ = ["Expr", "ExpressionError", "parse"]

_TOKEN = re.compile(
    r"\s*(?:(?P<ref>\$\{[a-z0-9]+(?:-[a-z0-9]+)*\})|(?P<num>-?\d+(?:\.\d+)?)"
    r"|(?P<str>'[^']*'|\"[^\"]*\")|(?P<op>==|!=|<=|>=|<|>|\(|\)|\[|\]|,)"
    r"|(?P<word>[A-Za-z_]+))"
)
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


class ExpressionError(ValueError):
    """The expression cannot be parsed."""


# Far above any real condition, far below what Python's own recursion limit allows: a longer
# or deeper text is refused when it is read, so evaluating a condition never runs out of stack.
MAX_PARTS = 500
MAX_DEPTH = 50


Node = tuple[Any, ...]


@dataclass(frozen=True)
class Expr:
    """A parsed condition: evaluate it against answers, or list the questions it reads."""

    source: str
    tree: Node

    def references(self) -> list[str]:
        return re.findall(r"\$\{([a-z0-9-]+)\}", self.source)

    def __call__(self, answers: Mapping[str, Any]) -> bool:
        return bool(_eval(self.tree, answers))


def _tokens(source: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    source = source.rstrip()
    while pos < len(source):
        m = _TOKEN.match(source, pos)
        if not m or m.end() == pos:
            raise ExpressionError(
                f"cannot read {shown(source[pos:].strip())} (at character {pos + 1})"
            )
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        if len(out) > MAX_PARTS:
            raise ExpressionError(f"the condition is longer than {MAX_PARTS} parts; split it")
        pos = m.end()
    return out


class _Parser:
    def __init__(self, source: str) -> None:
        self.toks = _tokens(source)
        self.i = 0
        self.depth = 0

    def deeper(self) -> None:
        """Count one more level of `not` or parentheses; refuse beyond MAX_DEPTH."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(f"the condition is nested more than {MAX_DEPTH} levels deep")

    def peek(self) -> str | None:
        return self.toks[self.i][1] if self.i < len(self.toks) else None

    def take(self, expected: str | None = None) -> tuple[str, str]:
        if self.i >= len(self.toks):
            raise ExpressionError("the expression ends too early")
        tok = self.toks[self.i]
        if expected is not None and tok[1] != expected:
            raise ExpressionError(f"expected '{expected}' but found {shown(tok[1])}")
        self.i += 1
        return tok

    def parse(self) -> Node:
        tree = self.or_()
        if self.i != len(self.toks):
            raise ExpressionError(f"unexpected {shown(self.toks[self.i][1])}")
        return tree

    def or_(self) -> Node:
        """`a or b or c` is one node with three terms, so a long chain is not a deep tree."""
        terms = [self.and_()]
        while self.peek() == "or":
            self.take()
            terms.append(self.and_())
        return terms[0] if len(terms) == 1 else ("or", *terms)

    def and_(self) -> Node:
        terms = [self.not_()]
        while self.peek() == "and":
            self.take()
            terms.append(self.not_())
        return terms[0] if len(terms) == 1 else ("and", *terms)

    def not_(self) -> Node:
        if self.peek() == "not":
            self.take()
            self.deeper()
            node = ("not", self.not_())
            self.depth -= 1
            return node
        return self.compare()

    def compare(self) -> Node:
        left = self.atom()
        op = self.peek()
        if op in _COMPARE:
            self.take()
            return ("cmp", op, left, self.atom())
        if op == "in":
            self.take()
            self.take("[")
            items = [self.atom()]
            while self.peek() == ",":
                self.take()
                items.append(self.atom())
            self.take("]")
            return ("in", left, items)
        return left

    def atom(self) -> Node:
        kind, text = self.take()
        if kind == "ref":
            return ("ref", text[2:-1])
        if kind == "num":
            return ("lit", float(text))
        if kind == "str":
            return ("lit", text[1:-1])
        if text == "(":
            self.deeper()
            node = self.or_()
            self.take(")")
            self.depth -= 1
            return node
        if text in ("true", "false"):
            return ("lit", text == "true")
        if text == "selected":
            self.take("(")
            ref = self.atom()
            self.take(",")
            option = self.atom()
            self.take(")")
            return ("selected", ref, option)
        raise ExpressionError(f"unexpected {shown(text)}")


@functools.lru_cache(maxsize=1024)
def parse(source: str) -> Expr:
    """Parse a condition; raises ExpressionError with a readable reason."""
    if len(source) > MAX_PARTS * 20:
        raise ExpressionError(f"the condition is longer than {MAX_PARTS * 20:,} characters")
    return Expr(source, _Parser(source).parse())


def _value(node: Node, answers: Mapping[str, Any]) -> Any:
    if node[0] == "ref":
        value = answers.get(node[1])
        return float(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if node[0] == "lit":
        return node[1]
    return _eval(node, answers)


def _eval(node: Node, answers: Mapping[str, Any]) -> Any:
    op = node[0]
    if op == "or":
        return any(_eval(term, answers) for term in node[1:])
    if op == "and":
        return all(_eval(term, answers) for term in node[1:])
    if op == "not":
        return not _eval(node[1], answers)
    if op == "cmp":
        a, b = _value(node[2], answers), _value(node[3], answers)
        if a is None or b is None:
            return False
        try:
            return _COMPARE[node[1]](a, b)
        except TypeError:
            return False
    if op == "in":
        a = _value(node[1], answers)
        return a is not None and a in [_value(n, answers) for n in node[2]]
    if op == "selected":
        chosen = _value(node[1], answers)
        return isinstance(chosen, list) and _value(node[2], answers) in chosen
    return _value(node, answers)
