"""Drafting an import mapping: each export column matched to the question it most looks like.

Column titles are compared with the question texts in both languages (NFC, case-folded,
punctuation and leading numbers dropped; difflib ratio at least 0.8), or with question ids
for code headers (`Q1`, `visioncustomer`); LimeSurvey `Q[SQ001]` columns also get an option,
by id or, failing that, by position (flagged); so do `Question [Option]` columns (SurveyMonkey,
LimeSurvey full-text headings) and Qualtrics' `Question - Option` ones. The same shapes name a
grid's statements when the part outside the brackets is a grid's text or id: Google Forms
`Stem [Statement]`, SurveyMonkey's statement in the second header row, LimeSurvey array
questions `CODE[SQ001]`, Qualtrics `Stem - Statement` (`Q1_1`); each column maps to the
statement by id, by text, or by position (flagged). Microsoft Forms titles a grid's column with
the statement alone, which matches the statement's text like any question's. Columns nothing
matches are written with `question: null` and a comment, for a person to finish. Choice
questions of Google and Microsoft Forms get `other: comment`, so an "Other" answer's text
becomes the answer's comment.

KoboToolbox and ODK exports of a form made by `questionnaire export --format xlsform` need no
mapping at all: their columns are the question ids under group paths (`implicit_mapping`).
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import re
from dataclasses import dataclass
from typing import Any

from ..models import GridQuestion, Questionnaire
from .mapping import ColumnMap, FieldColumn, ImportMapping
from .survey import Column, Table
from .values import norm

__all__ = [
    "CUTOFF",
    "Match",
    "draft_matches",
    "implicit_mapping",
    "mapping_text",
    "respondent_column",
]

CUTOFF = 0.8
_WHO = ("email", "emailaddress", "mail", "name", "fullname", "hoten", "hovaten", "token")
_SUB = re.compile(r"^(?P<base>.+?)(?:\[(?P<sq>[^\]]+)\]|_(?P<sq2>SQ\d+))$", re.IGNORECASE)
_TEXT_SUB = re.compile(r"^(?P<base>.+?)\s*\[(?P<sq>[^\]]+)\]$")
_QUALTRICS_SUB = re.compile(r"^(?P<base>.+?) - (?P<sq>.+)$")
_OTHER = ("other", "comment", "other (please specify)", "other - text", "sonstiges", "autre",
          "otro", "anders", "outro", "outros", "khác")  # fmt: skip
_CHOICE_TOOLS = ("google-forms", "microsoft-forms", "qualtrics")
_NUMBERING = re.compile(r"^\s*(?:\d+[.)]|[a-z][.)])\s+")


@dataclass(frozen=True)
class Match:
    """What one export column was matched to (question None: nothing close enough)."""

    column: str
    question: str | None
    option: str | None = None
    score: float = 0.0
    note: str = ""
    part: str = "value"
    other: bool = False
    values: tuple[tuple[str, str], ...] = ()


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
            for lang in question.text.languages
        ]
        self.grids = q.grids()
        self.grid_texts = [(g, _simple(g.text[lang])) for g in self.grids for lang in ("en", "vi")]

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

    def column(self, title: str, tool: str) -> Match:
        if tool == "qualtrics":
            title = re.sub(r" - Selected Choice$", "", title)
        sub = _SUB.match(title) if tool == "limesurvey" else None
        sub = sub or _TEXT_SUB.match(title)
        if tool == "qualtrics" and sub is None:
            sub = _QUALTRICS_SUB.match(title)
        missed = ""
        if sub:
            found = self._sub_column(title, sub.group("base"), sub.group("sq") or sub.group("sq2"))
            if found.question is not None or found.part == "comment":
                return found
            missed = found.note if found.note.startswith("no statement of grid") else ""
        question, score = self.best(title)
        if question is not None and score >= CUTOFF:
            note = (
                "matches the question id"
                if score == 1.0 and self.by_code(title)
                else (f"{score:.0%} like the question text")
            )
            choice = question.type in ("single_choice", "multi_choice") and question.grid is None
            other = tool in _CHOICE_TOOLS and choice  # a grid has no "Other"
            return Match(title, question.id, score=score, note=note, other=other)
        near = f" (closest: {question.id}, {score:.0%})" if question is not None else ""
        return Match(title, None, score=score, note=missed or f"no question matched{near}")

    def best(self, title: str) -> tuple[Any, float]:
        question = self.by_code(title)
        return (question, 1.0) if question is not None else self.by_text(title)

    def grid(self, title: str) -> tuple[GridQuestion | None, float]:
        """The grid whose id or text looks most like `title`, and how much (0–1)."""
        key = _compact(title)
        by_id = next((g for g in self.grids if _compact(g.id) == key), None)
        if by_id is not None:
            return by_id, 1.0
        simple, best, score = _simple(title), None, 0.0
        for grid, candidate in self.grid_texts:
            ratio = difflib.SequenceMatcher(None, simple, candidate).ratio()
            if ratio > score:
                best, score = grid, ratio
        return best, score

    def _statement(self, title: str, grid: GridQuestion, score: float, code: str) -> Match:
        """A grid's column per statement (`Stem [Statement]`, `G1[SQ001]`, `Stem - Statement`):
        the statement by id, by text, or failing those by position (flagged)."""
        items = grid.questions()
        key = _compact(code)
        item = next((x for x in items if _compact(x.id) == key), None)
        if item is not None:
            return Match(title, item.id, score=score, note=f"statement of grid {grid.id}")
        simple, near, ratio = _simple(code), None, 0.0
        for x in items:
            for lang in ("en", "vi"):
                r = difflib.SequenceMatcher(None, simple, _simple(x.text[lang])).ratio()
                if r > ratio:
                    near, ratio = x, r
        if near is not None and ratio >= CUTOFF:
            note = f"statement of grid {grid.id}, {ratio:.0%} like its text"
            return Match(title, near.id, score=min(score, ratio), note=note)
        position = re.fullmatch(r"sq0*(\d+)|a?0*(\d+)", norm(code))
        n = int(position.group(1) or position.group(2)) if position else 0
        if 1 <= n <= len(items):
            note = f"statement {n} of grid {grid.id} by position: check it"
            return Match(title, items[n - 1].id, score=0.5, note=note)
        return Match(title, None, note=f"no statement of grid '{grid.id}' matches '{code}'")

    def _sub_column(self, title: str, base: str, code: str) -> Match:
        grid, grid_score = self.grid(base)
        if grid is not None and grid_score >= CUTOFF:
            return self._statement(title, grid, grid_score, code)
        question, score = self.best(base)
        if question is None or score < CUTOFF:
            return Match(title, None, note=f"'{base}' is no question")
        if norm(code) in _OTHER or norm(code).endswith(("comment", "other - text")):
            return Match(title, question.id, score=score, note="free text", part="comment")
        if question.type != "multi_choice":
            return Match(title, None, note=f"'{question.id}' is not a multi-choice question")
        by_id = next(
            (o for o in question.options if _compact(code) in (_compact(o.id),
             *map(_compact, o.label.root.values()))), None,
        )  # fmt: skip
        if by_id is not None:
            return Match(title, question.id, by_id.id, score, "matches the option")
        position = re.fullmatch(r"sq0*(\d+)|a?0*(\d+)", norm(code))
        n = int(position.group(1) or position.group(2)) if position else 0
        if 1 <= n <= len(question.options):
            option = question.options[n - 1].id
            return Match(title, question.id, option, 0.5, f"option {n} by position: check it")
        return Match(title, None, note=f"no option of '{question.id}' matches '{code}'")


def respondent_column(table: Table) -> str | None:
    """For a tool whose exports do not name respondents: a column that looks like it does."""
    if table.tool.email:
        return None
    titles = [c.title for c in table.columns if c.title]
    return next((t for t in titles if _compact(t) in _WHO and not table.is_system(t)), None)


def draft_matches(table: Table, q: Questionnaire) -> list[Match]:
    """A match for every column that is not a survey tool's own (timestamps, ids, email)."""
    matcher = _Matcher(q)
    who = respondent_column(table)
    matches = [
        _coded(
            table,
            c,
            matcher,
            dataclasses.replace(matcher.column(c.title, table.tool.id), column=c.key),
        )
        for c in _answer_columns(table)
        if c.title != who
    ]
    return _one_column_each(matches)


_CODE = re.compile(r"^A?0*(\d+)$", re.IGNORECASE)


def _coded(table: Table, column: Column, matcher: _Matcher, m: Match) -> Match:
    """A single-choice column holding codes (`A1`, `A2` or `1`, `2`): options by position."""
    question = next((x for x in matcher.questions if x.id == m.question), None)
    if question is None or question.type != "single_choice" or m.part != "value" or m.option:
        return m
    cells = {str(r[column.index].value).strip() for r in table.rows if r[column.index].value}
    codes = [_CODE.match(c) for c in cells]
    if (
        not cells
        or not all(codes)
        or any(c.lower() in (o.id for o in question.options) for c in cells)
    ):
        return m
    n = len(question.options)
    prefix = "A" if any(c.upper().startswith("A") for c in cells) else ""
    values = tuple((f"{prefix}{i}", o.id) for i, o in enumerate(question.options, start=1))
    if any(int(code.group(1)) > n for code in codes if code):
        return m
    return dataclasses.replace(m, values=values, note=m.note + "; codes by position: check them")


def _answer_columns(table: Table) -> list[Column]:
    """The columns that may hold answers: not the tool's own, not blank from top to bottom."""
    return [
        c
        for c in table.columns
        if not table.is_system(c.title)
        and (c.title or any(str(r[c.index].value or "").strip() for r in table.rows))
    ]


def implicit_mapping(table: Table, q: Questionnaire) -> ImportMapping | None:
    """The mapping of a form exported as XLSForm: every column a question id under its groups.

    None unless every answer column is a question (or one of its per-option columns).
    """
    if not table.tool.path:
        return None
    ids = sorted(q.question_index(), key=len, reverse=True)
    sep = table.tool.path
    columns: dict[str, ColumnMap] = {}
    for column in _answer_columns(table):
        path = column.title
        qid = next((i for i in ids if path == i or path.endswith(sep + i)), None)
        if qid is None and sep in path:
            parent = path.rsplit(sep, 1)[0]
            if any(parent == i or parent.endswith(sep + i) for i in ids):
                columns[column.key] = ColumnMap(ignore=True)  # Kobo's per-option 0/1 columns
                continue
        if qid is None:
            return None
        columns[column.key] = ColumnMap(question=qid)
    role = table.find(("role",))
    return ImportMapping(
        kind="import-mapping",
        source=table.tool.id,
        questionnaire=q.id,
        respondent="respondent" if table.find(("respondent",)) else None,
        role=FieldColumn(column=role.title) if role else None,
        columns=columns,
    )


def _one_column_each(matches: list[Match]) -> list[Match]:
    """A question (or option) goes to the column most like it; the others stay unmatched."""
    best: dict[tuple[str | None, str | None, str], Match] = {}
    for m in matches:
        key = (m.question, m.option, m.part)
        if m.question is not None and (key not in best or m.score > best[key].score):
            best[key] = m
    out = []
    for m in matches:
        winner = best.get((m.question, m.option, m.part))
        if m.question is not None and winner is not m and winner is not None:
            note = f"also looks like {m.question}, which column '{winner.column}' took"
            m = Match(m.column, None, score=m.score, note=note)
        out.append(m)
    return out


def _entry(m: Match) -> str:
    title = json.dumps(m.column, ensure_ascii=False)
    parts = [f"question: {m.question or 'null'}"]
    parts += [f"option: {m.option}"] if m.option else []
    parts += ["part: comment"] if m.part == "comment" else []
    parts += ["other: comment"] if m.other and not m.values else []
    if m.values:
        parts += ["values: {" + ", ".join(f"{k}: {v}" for k, v in m.values) + "}"]
    return f"  {title}: {{{', '.join(parts)}}}  # {m.note}"


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
    key = table.find(tool.key)
    if who:
        lines.append(f"respondent: {json.dumps(who, ensure_ascii=False)}  # names each respondent")
    elif not tool.email and not tool.name_column:
        lines.append("# respondent: <column title>  # the column naming each respondent")
    if key is not None:
        lines.append(
            f"# Rows are told apart by '{key.title}': import with --add-respondents [--role R] "
            "to add anonymous or unlisted rows as respondents."
        )
    elif not who and not tool.email:
        lines.append(
            "# No column names respondents: import with --add-respondents [--role R] to add "
            "each row as a respondent of its own."
        )
    if key is not None or not (who or tool.email):
        lines.append(
            "# role: {column: <title>, values: {<cell text>: sales}}  # new respondents' role"
        )
    lines += [
        '# timezone: "+07:00"             # zone of times written without one',
        "columns:",
        *(_entry(m) for m in matches),
    ]
    return "\n".join(lines) + "\n"
