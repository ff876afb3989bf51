"""The edge rules of docs/scoring.md that decide what leadership reads: a gap of zero is not a
strength, hidden answers are never scored, yes/no scores stay on the 1–4 scale, a framework
scored in part says so, and the headline's next level counts frameworks the documented way."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from assessor.cli import cli
from assessor.headline import next_level_text
from assessor.levels import NextLevel
from assessor.report.labels import load_labels
from assessor.scoring import next_level

from .conftest import BuildTree
from .workspaces import ASSESSMENT, MINI_QUESTIONNAIRE, mini_workspace, unsure_workspace


def _json(build_file_tree: BuildTree, files: dict[str, str], *args: str) -> Any:
    root = build_file_tree(files)
    out = CliRunner().invoke(cli, [*args, str(root / "ws"), "--format", "json"])
    assert out.exit_code == 0, out.output
    return json.loads(out.stdout)


def test_a_gap_of_exactly_zero_is_on_target_not_a_strength(build_file_tree: BuildTree) -> None:
    # beta: r1 q2 5 → 4.0, q3 no → 1.0 = 2.5; r2 q2 3 → 2.5, yes 4 = 3.25; r3 3.25 → mean 3.0
    on_target = ASSESSMENT.replace("target: {profile: mini-target}",
                                   "target: {profile: mini-target, overrides: {mini/beta: 3}}")  # fmt: skip
    gaps = _json(build_file_tree, mini_workspace(**{"assessment.yaml": on_target}), "gaps")
    beta = next(g for g in gaps if g["dimension"] == "beta")
    assert (beta["current"], beta["target"], beta["gap"], beta["strength"]) == (
        3.0,
        3.0,
        0.0,
        False,
    )
    ahead = on_target.replace("mini/beta: 3}", "mini/beta: 2.5}")
    gaps = _json(build_file_tree, mini_workspace(**{"assessment.yaml": ahead}), "gaps")
    beta = next(g for g in gaps if g["dimension"] == "beta")
    assert (beta["gap"], beta["strength"]) == (-0.5, True)


def test_a_yes_no_score_below_one_is_refused_where_it_is_written(
    build_file_tree: BuildTree,
) -> None:
    bad = MINI_QUESTIONNAIRE.replace("type: yes_no\n", "type: yes_no\n        score_no: 0.5\n")
    root = build_file_tree(mini_workspace(**{"library/mini-q.yaml": bad}))
    out = CliRunner().invoke(cli, ["score", str(root / "ws")])
    line = bad.splitlines().index("        score_no: 0.5") + 1
    assert out.exit_code == 1
    assert out.stderr == (
        f"{root / 'ws' / 'library' / 'mini-q.yaml'}:{line}:19: sections[0].questions[2].score_no: "
        "Input should be greater than or equal to 1\n"
    )


def test_lenient_warns_about_a_hidden_answer_and_never_scores_it(
    build_file_tree: BuildTree,
) -> None:
    # r2 answered yes to q3, so q3-why is hidden; a hidden text answer plus r3 answering the
    # executive-only q4: strict refuses, lenient warns and leaves both out
    r3 = "respondent: r3\nanswers:\n  q1: not_applicable\n  q2: 3\n  q3: 'yes'\n  q4: 999\n"
    files = mini_workspace(**{"responses/r3.yaml": r3})
    root = build_file_tree(files)
    strict = CliRunner().invoke(cli, ["score", str(root / "ws")])
    assert strict.exit_code == 1
    assert "answers a question not asked of role 'sales' (audience: executive)" in strict.stderr
    lenient = CliRunner().invoke(cli, ["score", str(root / "ws"), "--lenient", "--format", "json"])
    assert lenient.exit_code == 0, lenient.output
    assert "(audience: executive) (not scored)" in lenient.stderr
    data = json.loads(lenient.stdout)
    # customers-start stays r2's 200: r3's hidden 999 is not part of the median
    assert data["kpis"]["retention-rate"]["inputs"]["customers-start"] == 200


def test_a_framework_scored_in_part_is_indicative(build_file_tree: BuildTree) -> None:
    # everyone unsure of Alpha's questions: only Beta is scored, 1 of 2 dimensions
    data = _json(build_file_tree, unsure_workspace(), "score")
    mini = data["frameworks"][0]
    assert (mini["assessed"], mini["of"], mini["indicative"]) == (1, 2, True)
    assert mini["level"] is not None
    full = _json(build_file_tree, mini_workspace(), "score")["frameworks"][0]
    assert (full["assessed"], full["of"], full["indicative"]) == (2, 2, False)


def test_the_next_level_needs_eighty_percent_of_the_frameworks() -> None:
    # five frameworks at 1, 1, 2, 2, 3: level 1 overall (3 of 5 at 2 or above < 4 of 5)
    nxt = next_level([1, 1, 2, 2, 3], 0.8)
    assert nxt is not None
    assert (nxt.level, nxt.needed, nxt.reached, nxt.of) == (2, 4, 3, 5)
    # at 1, 2, 2, 2, 3 four of five are at 2: level 2, and level 3 needs 4 of 5, has 1
    nxt = next_level([1, 2, 2, 2, 3], 0.8)
    assert nxt is not None and (nxt.level, nxt.needed, nxt.reached) == (3, 4, 1)
    assert next_level([4, 4, 4], 0.8) is None
    assert next_level([], 0.8) is None


@pytest.mark.parametrize(
    ("nxt", "en", "vi"),
    [
        (NextLevel(2, 4, 0, 5),
         "Level 2 needs 4 of the 5 frameworks at level 2 or above; none is there yet.",
         "Để lên mức 2, cần ít nhất 4 trong 5 mô hình đạt mức 2 trở lên; hiện chưa mô hình nào đạt."),
        (NextLevel(3, 4, 1, 5),
         "Level 3 needs 4 of the 5 frameworks at level 3 or above; 1 is there now.",
         "Để lên mức 3, cần ít nhất 4 trong 5 mô hình đạt mức 3 trở lên; hiện có 1 mô hình đạt."),
        (NextLevel(3, 4, 3, 5),
         "Level 3 needs 4 of the 5 frameworks at level 3 or above; 3 are there now.",
         "Để lên mức 3, cần ít nhất 4 trong 5 mô hình đạt mức 3 trở lên; hiện có 3 mô hình đạt."),
        (NextLevel(2, 2, 1, 2),
         "Level 2 needs all 2 frameworks at level 2 or above; 1 is there now.",
         "Để lên mức 2, cần cả 2 mô hình đạt mức 2 trở lên; hiện có 1 mô hình đạt."),
        (NextLevel(4, 1, 0, 1),
         "Level 4 needs the framework at level 4 or above; it is not there yet.",
         "Để lên mức 4, mô hình này cần đạt mức 4 trở lên; hiện chưa đạt."),
    ],
)  # fmt: skip
def test_what_the_next_level_needs_reads_right_in_every_number(
    nxt: NextLevel, en: str, vi: str
) -> None:
    # one sentence for the headline, the level gauge and the level note
    assert next_level_text(nxt, load_labels("en")) == en
    assert next_level_text(nxt, load_labels("vi")) == vi


def test_the_strategy_matrix_takes_no_part_in_the_overall_figures() -> None:
    from assessor.demo import example_workspace
    from assessor.pipeline import run_assessment

    result = run_assessment(example_workspace())
    s = result.scores
    matrix = next(f for f in s.frameworks if f.id == "crm-strategy-levels")
    assert (matrix.position, matrix.score, matrix.level) == (True, None, None)
    maturity = [f for f in s.frameworks if not f.position and f.score is not None]
    assert s.score == sum(f.score or 0 for f in maturity) / len(maturity)
    assert s.weakest is not None and not s.weakest.startswith("crm-strategy-levels/")
    assert all(g.framework != "crm-strategy-levels" for g in result.gaps)


def test_gaps_say_which_dimensions_are_indicative(build_file_tree: BuildTree) -> None:
    # mini: Alpha rests on q1 and q2, Beta on q2 and q3 — each on two questions, under three
    gaps = _json(build_file_tree, mini_workspace(), "gaps")
    assert [(g["dimension"], g["indicative"]) for g in gaps] == [("beta", True), ("alpha", True)]
