"""Properties of the scoring method that hold for any answers."""

from __future__ import annotations

import dataclasses
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessor.gaps import analyse_gaps
from assessor.models import Answer
from assessor.pipeline import run_assessment
from assessor.scoring import Scores, score_workspace
from assessor.workspace import AnswerSheet, Workspace

from .workspaces import mini_workspace

ANSWER = {
    "q1": st.sampled_from([1, 2, 3, 4, "not_sure", "not_applicable"]),
    "q2": st.sampled_from([1, 2, 3, 4, 5, "not_sure"]),
    "q3": st.sampled_from(["yes", "no", "not_applicable"]),
}
sheet_answers = st.fixed_dictionaries({}, optional=ANSWER)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    root: Path = tmp_path_factory.mktemp("props")
    for rel, text in mini_workspace().items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(textwrap.dedent(text), encoding="utf-8")
    return run_assessment(root / "ws").workspace


def _with(base: Workspace, answer_sets: list[dict[str, object]]) -> Workspace:
    people = base.assessment.respondents
    sheets = [
        AnswerSheet(people[i], {q: Answer(value=v) for q, v in answers.items()}, f"r{i}")  # type: ignore[arg-type]
        for i, answers in enumerate(answer_sets)
    ]
    return dataclasses.replace(base, sheets=sheets)


def _all_scores(scores: Scores) -> list[float | None]:
    return (
        [scores.score]
        + [f.score for f in scores.frameworks]
        + [d.score for d in scores.all_dimensions()]
    )


answer_sets = st.lists(sheet_answers, min_size=1, max_size=3)


@settings(max_examples=150, deadline=None)
@given(answer_sets)
def test_scores_stay_within_bounds(base: Workspace, sets: list[dict[str, object]]) -> None:
    scores = score_workspace(_with(base, sets))
    for value in _all_scores(scores):
        assert value is None or 1.0 <= value <= 4.0
    for dim in scores.all_dimensions():
        assert dim.level is None or 1 <= dim.level <= 4


@settings(max_examples=100, deadline=None)
@given(answer_sets, st.randoms())
def test_respondent_order_does_not_matter(
    base: Workspace, sets: list[dict[str, object]], rnd
) -> None:  # type: ignore[no-untyped-def]
    ws = _with(base, sets)
    shuffled = list(ws.sheets)
    rnd.shuffle(shuffled)
    a = score_workspace(ws)
    b = score_workspace(dataclasses.replace(ws, sheets=shuffled))
    assert _all_scores(a) == pytest.approx(_all_scores(b))
    assert [d.level for d in a.all_dimensions()] == [d.level for d in b.all_dimensions()]


@settings(max_examples=100, deadline=None)
@given(
    answer_sets,
    st.sampled_from(["q1", "q2", "q3"]),
    st.sampled_from(["not_applicable", "not_sure"]),
)
def test_adding_a_skip_never_changes_a_score(
    base: Workspace, sets: list[dict[str, object]], q: str, skip: str
) -> None:
    sets = [dict(s) for s in sets]
    before = score_workspace(_with(base, sets))
    if q in sets[0]:
        return
    sets[0][q] = skip
    after = score_workspace(_with(base, sets))
    assert _all_scores(after) == pytest.approx(_all_scores(before))
    assert [d.level for d in after.all_dimensions()] == [d.level for d in before.all_dimensions()]


RAISE = {"q1": [1, 2, 3, 4], "q2": [1, 2, 3, 4, 5], "q3": ["no", "yes"]}


@settings(max_examples=150, deadline=None)
@given(answer_sets, st.sampled_from(["q1", "q2", "q3"]), st.data())
def test_raising_an_answer_never_lowers_its_dimension(
    base: Workspace, sets: list[dict[str, object]], q: str, data
) -> None:  # type: ignore[no-untyped-def]
    ladder = RAISE[q]
    low = data.draw(st.integers(0, len(ladder) - 2))
    high = data.draw(st.integers(low + 1, len(ladder) - 1))
    sets = [dict(s) for s in sets]
    sets[0][q] = ladder[low]
    before = score_workspace(_with(base, sets))
    sets[0][q] = ladder[high]
    after = score_workspace(_with(base, sets))
    for b, a in zip(before.all_dimensions(), after.all_dimensions(), strict=True):
        assert (a.score or 0) >= (b.score or 0) - 1e-9
        assert (a.level or 0) >= (b.level or 0)


@settings(max_examples=50, deadline=None)
@given(answer_sets)
def test_priority_is_never_negative_and_strengths_have_none(
    base: Workspace, sets: list[dict[str, object]]
) -> None:
    ws = _with(base, sets)
    for gap in analyse_gaps(ws, score_workspace(ws)):
        assert gap.priority >= 0
        assert not gap.strength or gap.priority == 0
