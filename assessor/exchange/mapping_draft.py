"""Drafting an import mapping: each export column matched to the question it most looks like.

Column titles are compared with the question texts in both languages (NFC, case-folded,
punctuation and leading numbers dropped; difflib ratio at least 0.8), or with question ids
for code headers (`Q1`, `visioncustomer`); LimeSurvey `Q[SQ001]` columns also get an option,
by id or, failing that, by position (flagged). Columns nothing matches are written with
`question: null` and a comment, for a person to finish.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from typing import Any

from ..models import Questionnaire
from .survey import Table
from .values import norm

__all__ = ["CUTOFF", "Match", "draft_matches", "mapping_text", "respondent_column"]

CUTOFF = 0.8
_WHO = ("email", "emailaddress", "mail", "name", "fullname", "hoten", "hovaten", "token")
_SUB = re.compile(r"^(?P<base>.+?)(?:\[(?P<sq>[^\]]+)\]|_(?P<sq2>SQ\d+))$", re.IGNORECASE)
_NUMBERING = re.compile(r"^\s*(?:\d+[.)]|[a-z][.)])\s+")


@dataclass(frozen=True)
class Match:
    """What one export column was matched to (question None: nothing close enough)."""

    column: str
    question: str | None
    option: str | None = None
    score: float = 0.0
    note: str = ""


def _simple(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", _NUMBERING.sub("", norm(text))).split())


def _compact(text: str) -> str:
    return re.sub(r"[\W_]+", "", norm(text))


class _Matcher:
    def __init__(self, q: Questionnaire) -> None:
        self.questions = q.questions()
        self.texts = [
            (question, _simple(question.text[lang]))
            for question in self.questions
            for lang in ("en", "vi")
        ]

    def by_code(self, title: str) -> Any:
        key = _compact(title)
        return next((x for x in self.questions if _compact(x.id) == key), None)

    def by_text(self, title: str) -> tuple[Any, float]:
        """The question whose text looks most like `title`, and how much (0–1)."""
        key, best, score = _simple(title), None, 0.0
        for question, candidate in self.texts:
            ratio = difflib.SequenceMatcher(None, key, candidate).ratio()
            if ratio > score:
                best, score = question, ratio
        return best, score

    def column(self, title: str, lime: bool) -> Match:
        sub = _SUB.match(title) if lime else None
        if sub:
            return self._sub_column(title, sub.group("base"), sub.group("sq") or sub.group("sq2"))
        question = self.by_code(title)
        if question is not None:
            return Match(title, question.id, score=1.0, note="matches the question id")
        question, score = self.by_text(title)
        if question is not None and score >= CUTOFF:
            return Match(
                title, question.id, score=score, note=f"{score:.0%} like the question text"
            )
        near = f" (closest: {question.id}, {score:.0%})" if question is not None else ""
        return Match(title, None, score=score, note=f"no question matched{near}")

    def _sub_column(self, title: str, base: str, code: str) -> Match:
        question = self.by_code(base)
        if question is None or question.type != "multi_choice":
            return Match(title, None, note=f"'{base}' is not a multi-choice question id")
        if norm(code) in ("other", "comment") or norm(code).endswith("comment"):
            return Match(title, None, note="free text: set part: comment, or ignore: true")
        by_id = next((o for o in question.options if _compact(o.id) == _compact(code)), None)
        if by_id is not None:
            return Match(title, question.id, by_id.id, 1.0, "matches the option id")
        position = re.fullmatch(r"sq0*(\d+)", norm(code))
        n = int(position.group(1)) if position else 0
        if 1 <= n <= len(question.options):
            option = question.options[n - 1].id
            return Match(title, question.id, option, 0.5, f"option {n} by position: check it")
        return Match(title, None, note=f"no option of '{question.id}' matches '{code}'")


def respondent_column(table: Table) -> str | None:
    """For a tool whose exports do not name respondents: a column that looks like it does."""
    if table.tool.email:
        return None
    titles = [str(c.value) for c in table.header if c.value]
    return next((t for t in titles if _compact(t) in _WHO and not table.is_system(t)), None)


def draft_matches(table: Table, q: Questionnaire) -> list[Match]:
    """A match for every column that is not a survey tool's own (timestamps, ids, email)."""
    matcher = _Matcher(q)
    lime = table.tool.id == "limesurvey"
    who = respondent_column(table)
    matches = [
        matcher.column(str(c.value), lime)
        for c in table.header
        if c.value and not table.is_system(str(c.value)) and str(c.value) != who
    ]
    return _one_column_each(matches)


def _one_column_each(matches: list[Match]) -> list[Match]:
    """A question (or option) goes to the column most like it; the others stay unmatched."""
    best: dict[tuple[str | None, str | None], Match] = {}
    for m in matches:
        key = (m.question, m.option)
        if m.question is not None and (key not in best or m.score > best[key].score):
            best[key] = m
    out = []
    for m in matches:
        winner = best.get((m.question, m.option))
        if m.question is not None and winner is not m and winner is not None:
            note = f"also looks like {m.question}, which column '{winner.column}' took"
            m = Match(m.column, None, score=m.score, note=note)
        out.append(m)
    return out


def _entry(m: Match) -> str:
    title = json.dumps(m.column, ensure_ascii=False)
    question = m.question or "null"
    body = (
        f"{{question: {question}, option: {m.option}}}" if m.option else f"{{question: {question}}}"
    )
    return f"  {title}: {body}  # {m.note}"


def mapping_text(matches: list[Match], table: Table, q: Questionnaire, export: str) -> str:
    """The mapping file: a header explaining what to check, then one line per column."""
    tool = table.tool
    lines = [
        f"# Import mapping drafted by crm-assess from {export} ({tool.name}).",
        "# Check every line. Finish each `question: null` with a question id, or write",
        "# `{ignore: true}`; add `values: {code: answer}` where the export uses codes.",
        "kind: import-mapping",
        f"source: {tool.id}",
        f"questionnaire: {q.id}",
    ]
    who = respondent_column(table)
    if who:
        lines.append(f"respondent: {json.dumps(who, ensure_ascii=False)}  # names each respondent")
    elif not tool.email:
        lines.append("# respondent: <column title>  # the column naming each respondent (required)")
    lines += [
        '# timezone: "+07:00"             # zone of times written without one',
        "columns:",
        *(_entry(m) for m in matches),
    ]
    return "\n".join(lines) + "\n"
