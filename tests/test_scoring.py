"""Scores of a small workspace, computed by hand in the comments."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from assessor.cli import cli
from assessor.pipeline import run_assessment

from .conftest import BuildTree
from .workspaces import ASSESSMENT, mini_workspace


@pytest.fixture
def result(build_file_tree: BuildTree):  # type: ignore[no-untyped-def]
    return run_assessment(build_file_tree(mini_workspace()) / "ws")


def test_dimension_scores_by_hand(result) -> None:  # type: ignore[no-untyped-def]
    # alpha: r1 (2×1 + 4×0.5)/1.5 = 2.6667; r2 (4×1 + 2.5×0.5)/1.5 = 3.5; r3 q1 is N/A → 2.5
    alpha = result.scores.dimension("mini/alpha")
    assert alpha.score == pytest.approx((8 / 3 + 3.5 + 2.5) / 3)  # 2.8889
    assert alpha.pct == pytest.approx((alpha.score - 1) / 3 * 100)  # 62.96 %
    assert alpha.median == pytest.approx(8 / 3)
    assert (alpha.answered, alpha.excluded, alpha.respondents) == (5, 1, 3)
    assert (alpha.low, alpha.high) == pytest.approx((2.5, 3.5))
    assert alpha.disagreement is False
    # level 2: every respondent's answers are ≥ 2; level 3 only 1/3 + 2/3 + 0 over 3 = 33 %
    assert alpha.level == 2
    # beta: r1 (4 + 1)/2 = 2.5; r2 (2.5 + 4)/2 = 3.25; r3 (2.5 + 4)/2 = 3.25
    beta = result.scores.dimension("mini/beta")
    assert beta.score == pytest.approx(3.0)
    assert beta.median == pytest.approx(3.25)
    assert beta.sd == pytest.approx(((0.5**2 + 0.25**2 + 0.25**2) / 3) ** 0.5)
    # ≥ 2: r1 half, r2 all, r3 all → 83 % ≥ 80 %; ≥ 3: 50 % → level 2
    assert beta.level == 2


def test_framework_and_overall_by_hand(result) -> None:  # type: ignore[no-untyped-def]
    fw = result.scores.frameworks[0]
    assert fw.score == pytest.approx((1 * 2.888889 + 2 * 3.0) / 3, abs=1e-6)  # 2.96296
    assert (fw.level, fw.weakest) == (2, "alpha")
    assert result.scores.score == pytest.approx(fw.score)
    assert (result.scores.level, result.scores.weakest) == (2, "mini/alpha")


def test_breakdowns_by_role_and_unit(build_file_tree: BuildTree) -> None:
    ws = mini_workspace(**{"assessment.yaml": ASSESSMENT + "scoring: {min_group: 1}\n"})
    scores = run_assessment(build_file_tree(ws) / "ws").scores
    assert scores.by_role["sales"]["mini/alpha"] == pytest.approx((8 / 3 + 2.5) / 2)
    assert scores.by_role["executive"]["mini/beta"] == pytest.approx(3.25)
    assert scores.by_unit["s"]["mini/alpha"] == pytest.approx(3.0)
    assert scores.unit_counts == {"n": 1, "s": 2}


def test_gaps_by_hand(result) -> None:  # type: ignore[no-untyped-def]
    beta, alpha = result.gaps
    # beta: target 4 (profile), gap 1.0, relative weight 2 / 1.5, no importance ratings → 1.0
    assert (beta.dimension, beta.target) == ("beta", 4)
    assert beta.gap == pytest.approx(1.0)
    assert beta.priority == pytest.approx(4 / 3)
    # alpha: target 3, gap 0.1111, weight 1 / 1.5, importance (5 + 4) / 2 / 3 = 1.5
    assert alpha.gap == pytest.approx(3 - 2.888889, abs=1e-6)
    assert alpha.importance == pytest.approx(1.5)
    assert alpha.priority == pytest.approx(alpha.gap * (1 / 1.5) * 1.5)


def test_kpis_from_inputs(result) -> None:  # type: ignore[no-untyped-def]
    kpis = {k.id: k for k in result.kpis}
    assert kpis["retention-rate"].value == pytest.approx(80.0)  # (190 − 30) / 200
    assert kpis["churn-rate"].value == pytest.approx(20.0)  # 200 − 160 lost
    assert kpis["nps"].value is None
    assert kpis["nps"].missing == ["nps"]


def test_score_json_shape(build_file_tree: BuildTree) -> None:
    root = build_file_tree(mini_workspace())
    out = CliRunner().invoke(cli, ["score", str(root / "ws"), "--format", "json"], obj={})
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert set(data) >= {"frameworks", "strategy_position", "kpis", "respondents"}
    dim = data["frameworks"][0]["dimensions"][0]
    assert dim == {
        "id": "alpha",
        "name": "Alpha",
        "score": 2.889,
        "pct": 62.963,
        "level": 2,
        "median": 2.667,
        "answered": 5,
        "excluded": 1,
        "respondents": 3,
        "spread": {"sd": 0.437, "min": 2.5, "max": 3.5, "range": 1.0},
        "disagreement": False,
        "questions": 2,
        "indicative": True,
        "agreed": False,
    }
    gaps = CliRunner().invoke(cli, ["gaps", str(root / "ws"), "--format", "json"], obj={})
    assert json.loads(gaps.stdout)[0] | {} == {
        "framework": "mini",
        "dimension": "beta",
        "current": 3.0,
        "target": 4.0,
        "gap": 1.0,
        "priority": 1.333,
        "importance": 1.0,
        "weight": 1.333,
        "strength": False,
        "questions": 2,
        "indicative": True,
    }
