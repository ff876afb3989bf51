"""Re-assessment: what moved between a client's earlier assessment and this one.

    old = run_assessment(Path("acme-2025"))
    new = run_assessment(Path("acme-2026"))
    comparison = compare(old, new)          # raises ResponseError if old is not new's baseline
    comparison.dimensions[0].verdict        # 'improved', 'declined', 'no_clear_change', …

Every dimension, capability and maturity framework is compared through its score, whatever
questions measured it. The CRM strategy matrix is a position, not a maturity: it is compared as
the quadrant then and now with its two axis scores (`Comparison.position`), never as a level or a
verdict. A change counts only when it is larger than the respondents' spread allows
(`margin`, docs/scoring.md "Comparing two assessments"):

    margin = max(1.96 × √(s₁²/n₁ + s₂²/n₂), 0.25)

with s the sample standard deviation of the respondents' own scores and n their number in each
assessment; a side with one respondent counts s = 1 level. A change within ±margin is "no clear
change". A dimension whose questions differ between the two questionnaires is still compared,
and says it was measured differently.
"""

from __future__ import annotations

import math
import statistics
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .errors import Problem, ResponseError
from .models import LocalText, Questionnaire
from .pipeline import AssessmentResult
from .progress_checks import progress_problems
from .roadmap import BACKLOG
from .scoring import DimensionScore
from .yamlsource import SourceDoc, parse_yaml

__all__ = [
    "AxisChange",
    "Change",
    "Comparison",
    "InitiativeStatus",
    "KpiMove",
    "Measure",
    "Method",
    "PositionChange",
    "baseline_problem",
    "check_baseline",
    "compare",
    "margin",
]

Z = 1.96  # two-sided 95 %
SINGLE_SD = 1.0  # the spread assumed for a side with one respondent
MIN_MARGIN = 0.25  # no change smaller than a quarter level is ever called clear
VERDICTS = ("improved", "declined", "no_clear_change", "new", "dropped", "not_scored")
STATUSES = ("done", "in_progress", "not_started", "not_reported")


@dataclass(frozen=True)
class Measure:
    """One score in one assessment, with the spread of respondents' own scores behind it."""

    score: float | None
    level: int | None
    sd: float | None  # sample standard deviation of respondents' scores; None below two
    n: int  # respondents with a score


@dataclass(frozen=True)
class Method:
    """How many questions measured a dimension in each assessment, and how many they share."""

    old_questions: int
    new_questions: int
    common: int


@dataclass(frozen=True)
class Change:
    """One dimension, capability, framework or the overall score, then and now."""

    kind: str  # 'overall', 'framework', 'dimension' or 'capability'
    id: str
    name: LocalText | None
    old: Measure | None
    new: Measure | None
    delta: float | None
    margin: float | None
    verdict: str
    measured_differently: Method | None = None


@dataclass(frozen=True)
class KpiMove:
    id: str
    unit: str
    old: float | None
    new: float | None

    @property
    def delta(self) -> float | None:
        return None if self.old is None or self.new is None else self.new - self.old


@dataclass(frozen=True)
class AxisChange:
    """One axis of the strategy matrix, scored then and now (1–4; 2.5 or more is high)."""

    id: str
    name: LocalText
    old: float | None
    new: float | None
    measured_differently: Method | None = None

    @property
    def delta(self) -> float | None:
        return None if self.old is None or self.new is None else self.new - self.old


@dataclass(frozen=True)
class PositionChange:
    """The company's place on the strategy matrix then and now: a quadrant, never a level."""

    framework: str
    old: str | None  # the quadrant (a dimension id of the matrix framework); None: not placed
    new: str | None
    names: dict[str, LocalText]  # quadrant id → its name
    axes: list[AxisChange]

    @property
    def moved(self) -> bool:
        return self.old is not None and self.new is not None and self.old != self.new


@dataclass(frozen=True)
class InitiativeStatus:
    """An initiative of the earlier roadmap, and how far it has come (from `progress:`)."""

    id: str
    title: LocalText
    phase: int | None  # index of its phase in the earlier roadmap; None: not in it
    status: str  # one of STATUSES
    note: LocalText | None


@dataclass(frozen=True)
class Comparison:
    old: AssessmentResult
    new: AssessmentResult
    overall: Change
    frameworks: list[Change]
    dimensions: list[Change]
    capabilities: list[Change]
    kpis: list[KpiMove]
    initiatives: list[InitiativeStatus]
    position: PositionChange | None = None  # None when neither assessment used the matrix
    warnings: list[Problem] = field(default_factory=list)  # on `progress:` (progress_checks)

    def moved(self) -> list[Change]:
        """Dimensions and capabilities that clearly moved, the largest change first."""
        rows = [c for c in (*self.capabilities, *self.dimensions) if c.verdict in VERDICTS[:2]]
        return sorted(rows, key=lambda c: -abs(c.delta or 0.0))


def margin(old: Measure, new: Measure) -> float:
    """The smallest change the respondents' spread lets us call clear (see the module doc)."""

    def term(m: Measure) -> float:
        sd = m.sd if m.n >= 2 and m.sd is not None else SINGLE_SD
        return sd * sd / max(m.n, 1)

    return max(Z * math.sqrt(term(old) + term(new)), MIN_MARGIN)


def _change(kind: str, ident: str, name: LocalText | None, old: Measure | None,
            new: Measure | None, method: Method | None = None) -> Change:  # fmt: skip
    if old is None or new is None:
        verdict = "new" if old is None else "dropped"
        return Change(kind, ident, name, old, new, None, None, verdict, method)
    if old.score is None or new.score is None:
        return Change(kind, ident, name, old, new, None, None, "not_scored", method)
    delta, m = new.score - old.score, margin(old, new)
    verdict = "improved" if delta > m else "declined" if delta < -m else "no_clear_change"
    return Change(kind, ident, name, old, new, delta, m, verdict, method)


def _measure(score: float | None, level: int | None, per_person: Iterable[float]) -> Measure:
    values = list(per_person)
    sd = statistics.stdev(values) if len(values) >= 2 else None
    return Measure(score, level, sd, len(values))


def _per_person(result: AssessmentResult, parts: Mapping[str, float]) -> dict[str, float]:
    """Each respondent's weighted mean over the dimensions in `parts` (path → weight)."""
    sums: dict[str, list[float]] = {}
    for path, weight in parts.items():
        dim = _dimension(result, path)
        for who, value in (dim.by_respondent if dim else {}).items():
            acc = sums.setdefault(who, [0.0, 0.0])
            acc[0] += value * weight
            acc[1] += weight
    return {who: total / weight for who, (total, weight) in sums.items() if weight > 0}


def _dimension(result: AssessmentResult, path: str) -> DimensionScore | None:
    fw_id, _, dim_id = path.partition("/")
    for f in result.scores.frameworks:
        if f.id == fw_id:
            return next((d for d in f.dimensions if d.id == dim_id), None)
    return None


def _questions(q: Questionnaire, path: str) -> set[tuple[str, float]]:
    return {
        (x.id, m.weight)
        for x in q.questions()
        if x.type != "text"
        for m in x.maps_to
        if m.dimension == path
    }


def _axis_questions(q: Questionnaire, axis: str) -> set[tuple[str, float]]:
    return {(x.id, 1.0) for x in q.questions() if getattr(x, "axis", None) == axis}


def _method(
    old: AssessmentResult, new: AssessmentResult, path: str, axis: bool = False
) -> Method | None:
    questions = _axis_questions if axis else _questions
    a = questions(old.workspace.questionnaire, path)
    b = questions(new.workspace.questionnaire, path)
    if a == b:
        return None
    return Method(len(a), len(b), len({q for q, _ in a} & {q for q, _ in b}))


def _positions(result: AssessmentResult) -> set[str]:
    """The frameworks that place the company (the strategy matrix) rather than measure it."""
    return {f.id for f in result.library.frameworks.values() if f.matrix is not None}


def _dimension_changes(old: AssessmentResult, new: AssessmentResult) -> list[Change]:
    lib = new.library
    skip = _positions(old) | _positions(new)
    paths = [d.path for f in new.scores.frameworks if f.id not in skip for d in f.dimensions]
    paths += [
        d.path
        for f in old.scores.frameworks
        if f.id not in skip
        for d in f.dimensions
        if d.path not in paths
    ]
    out = []
    for path in paths:
        fw_id, _, dim_id = path.partition("/")
        name = lib.framework(fw_id).dimension(dim_id).name if fw_id in lib.frameworks else None
        before, after = (_dimension_measure(r, path) for r in (old, new))
        out.append(_change("dimension", path, name, before, after, _method(old, new, path)))
    return out


def _dimension_measure(result: AssessmentResult, path: str) -> Measure | None:
    d = _dimension(result, path)
    return None if d is None else _measure(d.score, d.level, d.by_respondent.values())


def _framework_changes(old: AssessmentResult, new: AssessmentResult) -> list[Change]:
    out = []
    for f in new.scores.frameworks:
        if f.id in _positions(new):
            continue
        framework = new.library.framework(f.id)
        weights = {f"{f.id}/{d.id}": d.weight for d in framework.dimensions}
        before = next((g for g in old.scores.frameworks if g.id == f.id), None)
        old_m = None
        if before is not None:
            old_m = _measure(before.score, before.level, _per_person(old, weights).values())
        new_m = _measure(f.score, f.level, _per_person(new, weights).values())
        out.append(_change("framework", f.id, framework.name, old_m, new_m))
    return out


def _capability_changes(old: AssessmentResult, new: AssessmentResult) -> list[Change]:
    before = {row.capability: row for row in old.capabilities}
    catalogue = new.library.capabilities
    names = {c.id: c.name for c in catalogue.capabilities} if catalogue else {}
    out = []
    for row in new.capabilities:
        parts = {g.path: 1.0 for g in row.counted}
        new_m = _measure(row.mean, None, _per_person(new, parts).values())
        prior = before.get(row.capability)
        old_m = None
        if prior is not None:
            old_parts = {g.path: 1.0 for g in prior.counted}
            old_m = _measure(prior.mean, None, _per_person(old, old_parts).values())
        out.append(_change("capability", row.capability, names.get(row.capability), old_m, new_m))
    return out


def _overall(old: AssessmentResult, new: AssessmentResult) -> Change:
    def measure(r: AssessmentResult) -> Measure:
        people: dict[str, list[float]] = {}
        for f in r.scores.frameworks:
            weights = {f"{f.id}/{d.id}": d.weight for d in r.library.framework(f.id).dimensions}
            for who, value in _per_person(r, weights).items():
                people.setdefault(who, []).append(value)
        values = [statistics.fmean(v) for v in people.values()]
        return _measure(r.scores.score, r.scores.level, values)

    return _change("overall", "overall", None, measure(old), measure(new))


def _position(old: AssessmentResult, new: AssessmentResult) -> PositionChange | None:
    """The quadrant then and now, and each axis's score, when the matrix is in either."""
    in_scope = {f.id for r in (old, new) for f in r.workspace.frameworks} & _positions(new)
    if not in_scope:
        return None
    fw = new.library.framework(sorted(in_scope)[0])
    assert fw.matrix is not None
    axes = [
        AxisChange(a.id, a.name, old.strategy.axes.get(a.id), new.strategy.axes.get(a.id),
                   _method(old, new, a.id, axis=True))
        for a in fw.matrix.axes
    ]  # fmt: skip
    names = {d.id: d.name for d in fw.dimensions}
    return PositionChange(fw.id, old.strategy.position, new.strategy.position, names, axes)


def _kpis(old: AssessmentResult, new: AssessmentResult) -> list[KpiMove]:
    before = {k.id: k.value for k in old.kpis}
    return [KpiMove(k.id, k.unit, before.get(k.id), k.value) for k in new.kpis]


def _initiatives(old: AssessmentResult, new: AssessmentResult) -> list[InitiativeStatus]:
    """The earlier roadmap's initiatives in its order (its backlog only where reported on),
    then any other the consultant tracks."""
    progress = new.workspace.assessment.progress
    planned = {
        p.initiative.id: p
        for p in old.roadmap.items
        if p.phase < BACKLOG or p.initiative.id in progress
    }
    catalogue = new.library.initiatives
    extra = [i for i in progress if i not in planned and i in catalogue]
    out = []
    for ident in [*planned, *extra]:
        entry = progress.get(ident)
        item = planned.get(ident)
        initiative = item.initiative if item else catalogue[ident]
        status, note = (entry.status, entry.note) if entry else ("not_reported", None)
        phase = item.phase if item else None
        out.append(InitiativeStatus(ident, initiative.title, phase, status, note))
    return out


def compare(
    old: AssessmentResult, new: AssessmentResult, *, where: str = "", progress: bool = True
) -> Comparison:
    """What moved from `old` to `new`; ResponseError when `old` cannot be new's baseline."""
    check_baseline(old, new, where=where, progress=progress)
    dims = _dimension_changes(old, new)
    warnings = progress_problems(old, new.workspace, new.library.initiatives) if progress else []
    return Comparison(
        old, new, _overall(old, new), _framework_changes(old, new), dims,
        _capability_changes(old, new), _kpis(old, new), _initiatives(old, new),
        _position(old, new), [w for w in warnings if w.severity != "error"],
    )  # fmt: skip


def _same_client(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return " ".join(unicodedata.normalize("NFC", s).casefold().split())

    return key(a) == key(b)


def check_baseline(
    old: AssessmentResult, new: AssessmentResult, *, where: str = "", progress: bool = True
) -> None:
    """One line for each reason `old` cannot be compared with `new`: at `where` (or at the
    `baseline:` line of new's assessment.yaml), and progress entries at their own lines."""
    a, b = old.workspace.assessment, new.workspace.assessment
    found = []
    if not _same_client(a.client.name, b.client.name):
        found.append(f"an assessment of '{a.client.name}', not of '{b.client.name}'")
    elif a.date >= b.date:
        found.append(f"dated {a.date}, not before this assessment ({b.date})")
    old_paths = {d.path for d in old.scores.all_dimensions()}
    if not old_paths & {d.path for d in new.scores.all_dimensions()}:
        found.append(
            f"no dimension in common with this assessment (questionnaires "
            f"'{old.workspace.questionnaire.id}' and '{new.workspace.questionnaire.id}')"
        )
    problems = [baseline_problem(new, where, msg) for msg in found]
    if progress:
        found_there = progress_problems(old, new.workspace, new.library.initiatives)
        problems += [p for p in found_there if p.severity == "error"]
    if problems:
        raise ResponseError(problems)


def _yaml(result: AssessmentResult) -> SourceDoc | None:
    doc, _ = parse_yaml(result.workspace.path / "assessment.yaml")
    return doc


def baseline_problem(new: AssessmentResult, where: str, message: str) -> Problem:
    """A problem with the baseline: at `where`, else at new's `baseline:` line."""
    name = new.workspace.assessment.baseline
    doc = None if where else _yaml(new)
    if doc is None:
        return Problem.at(where or str(new.workspace.path), message)
    return doc.problem(("baseline",), f"'{name}' is {message}")
