"""Scoring: answers → dimension → framework → overall, with the respondents' disagreement.

The method (docs/scoring.md, and the report's method appendix):

1. Each answer scores 1.0–4.0 (see `answers.score_answer`); 'not sure', 'not applicable' and
   unanswered questions are excluded and counted.
2. A respondent's dimension score is the weighted mean of their answers mapped to it (weights
   from the question's `maps_to`).
3. A dimension's score is the mean of its respondents' scores; % of best practice is
   (score − 1) / 3 × 100. Spread: population standard deviation and range; respondents disagree
   when the range reaches `disagreement` (1.5 levels).
4. A dimension reaches level L when at least `level_threshold` (80 %) of its answers are at L or
   above, each respondent counting equally (their answers' weights are normalised to 1).
5. A framework's score is the weighted mean of its dimensions' scores; it reaches level L when
   dimensions carrying 80 % of its weight are at level L or above. Its weakest dimension is named.
6. The overall score is the mean of the maturity frameworks' scores; overall level L when 80 %
   of them are at level L or above. The strategy matrix is a position, not a maturity: it is
   scored dimension by dimension but takes no part in any framework or overall figure.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .answers import SKIPS, score_answer
from .confidential import Grouping, group_respondents
from .levels import NextLevel, level_of, level_reached, next_level
from .models import Framework, Question, Questionnaire
from .workspace import AnswerSheet, Workspace

__all__ = [
    "DimensionScore",
    "FrameworkScore",
    "NextLevel",
    "Scores",
    "level_reached",
    "next_level",
    "overall",
    "pct",
    "score_dimensions",
    "score_framework",
    "score_workspace",
]

INDICATIVE_BELOW = 3  # a dimension scored from fewer questions than this is indicative


def pct(score: float | None) -> float | None:
    """Percent of best practice: level 1 is 0 %, level 4 is 100 %."""
    return None if score is None else (score - 1.0) / 3.0 * 100.0


@dataclass(frozen=True)
class DimensionScore:
    """One dimension's result across respondents."""

    framework: str
    id: str
    score: float | None
    level: int | None
    median: float | None
    answered: int
    excluded: int
    respondents: int
    sd: float | None
    low: float | None
    high: float | None
    disagreement: bool
    by_respondent: dict[str, float] = field(default_factory=dict)
    questions: int = 0  # distinct questions whose answers were scored here
    agreed: bool = False  # the score is the level the consultant's review agreed (docs/review.md)

    @property
    def path(self) -> str:
        return f"{self.framework}/{self.id}"

    @property
    def indicative(self) -> bool:
        """Scored, but from fewer than three questions: a first reading, not a measurement. A
        level the consultant's review agreed rests on evidence, not on the questions: never."""
        return self.score is not None and not self.agreed and self.questions < INDICATIVE_BELOW

    @property
    def pct(self) -> float | None:
        return pct(self.score)


@dataclass(frozen=True)
class FrameworkScore:
    """A framework's result: weighted mean, staged level and weakest dimension.

    A position framework (the strategy matrix) has no score, level or weakest dimension: its
    dimensions say how fully each approach is practised, and the position comes from its axes.
    """

    id: str
    score: float | None
    level: int | None
    weakest: str | None
    dimensions: list[DimensionScore]
    position: bool = False

    @property
    def assessed(self) -> int:
        """Dimensions with a score."""
        return sum(1 for d in self.dimensions if d.score is not None)

    @property
    def partial(self) -> bool:
        """Scored on part of the framework only: its score and level cover those dimensions.

        Not to be confused with an *indicative* dimension, one resting on few questions."""
        return 0 < self.assessed < len(self.dimensions)

    @property
    def pct(self) -> float | None:
        return pct(self.score)


@dataclass(frozen=True)
class Scores:
    """Everything the scoring stage produces."""

    frameworks: list[FrameworkScore]
    score: float | None
    level: int | None
    weakest: str | None
    respondents: int
    by_role: dict[str, dict[str, float]]
    by_unit: dict[str, dict[str, float]]
    role_counts: dict[str, int]
    unit_counts: dict[str, int]
    next_level: NextLevel | None = None
    groupings: dict[str, Grouping] = field(default_factory=dict)  # "role"/"unit" → grouping
    self_assessed: Scores | None = None  # before the consultant's review, when one applies

    @property
    def maturity(self) -> list[FrameworkScore]:
        """The frameworks that count towards the overall score and level (not the matrix)."""
        return [f for f in self.frameworks if not f.position]

    def dimension(self, path: str) -> DimensionScore:
        fw_id, _, dim = path.partition("/")
        fw = next(f for f in self.frameworks if f.id == fw_id)
        return next(d for d in fw.dimensions if d.id == dim)

    def all_dimensions(self) -> list[DimensionScore]:
        return [d for f in self.frameworks for d in f.dimensions]


# A question's part in scoring: the question, the dimensions it maps to, the tallies of those
# (per respondent) with the mapping's weight, and the score of each distinct answer seen.
_Plan = tuple[
    Question, list[str], list[tuple[dict[str, list[float]], float]], dict[Any, float | None]
]


def _collect(
    sheets: Sequence[AnswerSheet], questionnaire: Questionnaire
) -> tuple[dict[str, dict[str, list[float]]], dict[str, int], dict[str, set[str]]]:
    """Per dimension path, per respondent: a tally of their scored answers there (see levels.tally:
    total weight, weighted sum, weight at levels 2+, 3+ and 4, and the number of answers);
    excluded counts; and the questions scored there."""
    tallies: dict[str, dict[str, list[float]]] = defaultdict(dict)
    excluded: dict[str, int] = defaultdict(int)
    # Per question, once: the tallies its answers go to with their weights, and each distinct
    # answer's score (a question sees a handful of distinct values across thousands of
    # respondents).
    plans: dict[str, _Plan] = {}
    for question in questionnaire.questions():
        if question.type != "text":
            dims = [t.dimension for t in question.maps_to]
            targets = [(tallies[t.dimension], t.weight) for t in question.maps_to]
            plans[question.id] = (question, dims, targets, {})
    scored: set[str] = set()
    for sheet in sheets:
        rid = sheet.respondent.id
        for qid, answer in sheet.answers.items():
            plan = plans.get(qid)
            if plan is None:
                continue
            question, dims, targets, memo = plan
            raw = answer.value
            try:
                value = memo[raw]
            except KeyError:
                value = memo[raw] = score_answer(question, raw)
            except TypeError:  # a list (multiple choice) is not a dictionary key
                value = score_answer(question, raw)
            if value is None:
                if raw in SKIPS:
                    for dimension in dims:
                        excluded[dimension] += 1
                continue
            scored.add(qid)
            for per_resp, weight in targets:
                t = per_resp.get(rid)
                if t is None:
                    t = per_resp[rid] = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
                t[0] += weight
                t[1] += value * weight
                if value >= 2 - 1e-9:
                    t[2] += weight
                    if value >= 3 - 1e-9:
                        t[3] += weight
                        if value >= 4 - 1e-9:
                            t[4] += weight
                t[5] += 1
    asked: dict[str, set[str]] = defaultdict(set)
    for qid in scored:
        for dimension in plans[qid][1]:
            asked[dimension].add(qid)
    return tallies, excluded, asked


def _dimension(
    fw_id: str,
    dim_id: str,
    per_resp: dict[str, list[float]],
    excluded: int,
    ws: Workspace,
    questions: int = 0,
) -> DimensionScore:
    threshold = ws.assessment.scoring.level_threshold
    # From each respondent's tally: their weighted mean, and for the level, the share of their
    # weight at levels 2+, 3+ and 4 (every respondent's answers weigh 1 in all; the same as
    # level_reached over (score, weight / respondent's total weight) pairs).
    means: dict[str, float] = {}
    at_least = [0.0, 0.0, 0.0]
    weighed = 0.0
    answered = 0
    for r, (total, weighted, w2, w3, w4, n) in per_resp.items():
        answered += int(n)
        if total:
            means[r] = weighted / total
            at_least[0] += w2 / total
            at_least[1] += w3 / total
            at_least[2] += w4 / total
            weighed += 1.0
    if not means:
        return DimensionScore(
            fw_id, dim_id, None, None, None, 0, excluded, 0, None, None, None, False
        )
    values = list(means.values())
    low, high = min(values), max(values)
    mean = statistics.fmean(values)
    return DimensionScore(
        framework=fw_id,
        id=dim_id,
        score=mean,
        level=level_of(at_least, weighed, threshold),
        median=statistics.median(values),
        answered=answered,
        excluded=excluded,
        respondents=len(values),
        sd=_pstdev(values, mean),
        low=low,
        high=high,
        disagreement=high - low >= ws.assessment.scoring.disagreement - 1e-9,
        by_respondent=dict(sorted(means.items())),
        questions=questions,
    )


def _pstdev(values: list[float], mean: float) -> float:
    """The population standard deviation, in floating point (statistics.pstdev computes it
    exactly in fractions, a hundred times slower; the two agree far below the decimals shown)."""
    return math.sqrt(math.fsum((v - mean) ** 2 for v in values) / len(values))


def score_framework(fw: Framework, dims: list[DimensionScore], threshold: float) -> FrameworkScore:
    """A framework's result from its dimensions' (rule 5)."""
    weights = {d.id: d.weight for d in fw.dimensions}
    scored = [d for d in dims if d.score is not None and d.level is not None]
    if fw.matrix is not None:
        return FrameworkScore(fw.id, None, None, None, dims, position=True)
    if not scored:
        return FrameworkScore(fw.id, None, None, None, dims)
    total = sum(weights[d.id] for d in scored)
    score = sum(weights[d.id] * (d.score or 0.0) for d in scored) / total
    level = level_reached([(float(d.level or 1), weights[d.id]) for d in scored], threshold)
    weakest = min(scored, key=lambda d: (d.score or 0.0, d.id)).id
    return FrameworkScore(fw.id, score, level, weakest, dims)


def score_dimensions(ws: Workspace, sheets: Sequence[AnswerSheet]) -> list[FrameworkScore]:
    """Score every in-scope framework from a set of answer sheets."""
    entries, excluded, asked = _collect(sheets, ws.questionnaire)
    threshold = ws.assessment.scoring.level_threshold
    out = []
    for fw in ws.frameworks:
        dims = [
            _dimension(
                fw.id,
                d.id,
                entries.get(f"{fw.id}/{d.id}", {}),
                excluded.get(f"{fw.id}/{d.id}", 0),
                ws,
                len(asked.get(f"{fw.id}/{d.id}", ())),
            )
            for d in fw.dimensions
        ]
        out.append(score_framework(fw, dims, threshold))
    return out


def _breakdown(
    ws: Workspace, frameworks: list[FrameworkScore], key: str
) -> tuple[dict[str, dict[str, float]], Grouping]:
    """Dimension scores per role (or unit): the mean of that group's respondents' scores.

    The same as scoring the group's sheets alone, from the per-respondent scores already made.
    Groups smaller than `scoring.min_group` are merged or withheld (see `confidential`), and
    a cell fewer than `min_group` of its group answered is left out.
    """
    members = {s.respondent.id: getattr(s.respondent, key) for s in ws.sheets}
    grouping = group_respondents(key, members, ws.assessment.scoring.min_group)
    table: dict[str, dict[str, float]] = {g: {} for g in grouping.counts}
    for d in (d for f in frameworks for d in f.dimensions):
        mine: dict[str, list[float]] = defaultdict(list)
        for r, s in d.by_respondent.items():
            if (g := grouping.group_of.get(r)) is not None:
                mine[g].append(s)
        for g, scores in mine.items():
            if len(scores) >= grouping.min_group:
                table[g][d.path] = statistics.fmean(scores)
    return table, grouping


def overall(
    frameworks: list[FrameworkScore], threshold: float
) -> tuple[float | None, int | None, str | None, NextLevel | None]:
    """Overall score, level, weakest dimension and next level, from the maturity frameworks
    (the strategy matrix never counts)."""
    scored = [f for f in frameworks if f.score is not None and not f.position]
    if not scored:
        return None, None, None, None
    levels = [f.level or 1 for f in scored]
    score = statistics.fmean(f.score or 0.0 for f in scored)
    level = level_reached([(float(v), 1.0) for v in levels], threshold)
    dims = [d for f in scored for d in f.dimensions if d.score is not None]
    weakest = min(dims, key=lambda d: (d.score or 0.0, d.path)).path if dims else None
    return score, level, weakest, next_level(levels, threshold)


def score_workspace(ws: Workspace) -> Scores:
    """Score a loaded workspace: every framework, overall, and breakdowns by role and unit."""
    frameworks = score_dimensions(ws, ws.sheets)
    threshold = ws.assessment.scoring.level_threshold
    score, level, weakest, nxt = overall(frameworks, threshold)
    by_role, roles = _breakdown(ws, frameworks, "role")
    by_unit, units = _breakdown(ws, frameworks, "unit")
    return Scores(
        frameworks,
        score,
        level,
        weakest,
        len(ws.sheets),
        by_role,
        by_unit,
        roles.counts,
        units.counts,
        nxt,
        {"role": roles, "unit": units},
    )
