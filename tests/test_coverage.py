"""How firmly each dimension is measured: coverage, indicative scores, renamed questions, and
leadership against the front line on shared questions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from assessor.cli import cli
from assessor.leadership import leadership_gap
from assessor.pipeline import run_assessment

from .conftest import REPO
from .test_scoring_hand import root  # noqa: F401  (the hand-computed workspace)


def _coverage(qid: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["questionnaire", "coverage", qid, "--format", "json"], obj={})
    assert result.exit_code == 0, result.output
    data: list[dict[str, object]] = json.loads(result.stdout)
    return data


def test_every_dimension_of_the_full_questionnaire_is_measured_firmly() -> None:
    rows = _coverage("crm-full")
    thin = [
        r["dimension"]
        for r in rows
        if int(str(r["full_weight_questions"])) < 3 or len(list(r["roles"])) < 2  # type: ignore[call-overload]
    ]
    assert thin == []
    assert len(rows) == 42  # every dimension of the six frameworks


def test_quick_scan_asks_every_dimension_of_the_frameworks_it_declares() -> None:
    rows = _coverage("crm-quick-scan")
    assert {str(r["dimension"]).split("/")[0] for r in rows} == {
        "gartner-8bb",
        "crm-strategy-levels",
    }
    assert all(r["questions"] for r in rows)
    assert all(r["firm"] is False for r in rows)  # one question each: indicative


def test_coverage_table_names_the_questions_and_roles() -> None:
    result = CliRunner().invoke(cli, ["questionnaire", "coverage", "crm-quick-scan"], obj={})
    line = next(x for x in result.stdout.splitlines() if x.startswith("gartner-8bb/vision "))
    assert line.split() == [
        "gartner-8bb/vision",
        "vision-customer-direction",
        "1.00",
        "all",
        "roles",
        "yes",
    ]


def test_an_old_response_names_the_question_that_replaced_its_answer(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(REPO / "examples" / "saigon-xanh", ws)
    response = ws / "responses" / "hoang-duc-anh.yaml"
    text = response.read_text(encoding="utf-8")
    response.write_text(
        text.replace("answers:\n", "answers:\n  channels-integrated: [website]\n", 1),
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["score", str(ws)], obj={})
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"{response}:6:3: answers.channels-integrated: question 'channels-integrated' was "
        "replaced by 'channels-integrated-share' in crm-full 1.1: answer "
        "'channels-integrated-share' instead"
    )


def test_leadership_is_compared_on_the_questions_both_groups_answered(
    root: Path,  # noqa: F811
) -> None:
    # executive r1 against r2–r4, per question both answered (m3 is IT's alone):
    #   m1 3 − (2 + 1 + 4)/3 = 0.667; m2 4 − (2 + 3)/2 = 1.5 (r2 not sure);
    #   l1 3.25 − (1.75 + 4.0)/2 = 0.375 (r3 N/A); y1 3.5 − (1 + 3.5 + 1)/3 = 1.667
    #   mean (0.667 + 1.5 + 0.375 + 1.667)/4 = 1.052
    # one executive: compared only with min_group 1 (at 2, the hand workspace's, there is no gap)
    assert leadership_gap(run_assessment(root / "ws").workspace) is None
    assessment = root / "ws" / "assessment.yaml"
    text = assessment.read_text(encoding="utf-8")
    assessment.write_text(text.replace("min_group: 2", "min_group: 1"), encoding="utf-8")
    gap = leadership_gap(run_assessment(root / "ws").workspace)
    assert gap is not None
    assert gap.questions == ["l1", "m1", "m2", "y1"]
    assert gap.diff == pytest.approx(4.2083333 / 4)


def test_the_readme_shows_the_current_coverage_of_the_full_questionnaire() -> None:
    result = CliRunner().invoke(cli, ["questionnaire", "coverage", "crm-full"], obj={})
    readme = (REPO / "questionnaires" / "README.md").read_text(encoding="utf-8")
    assert result.stdout.rstrip("\n") in readme


def test_an_assessment_cannot_ask_the_quick_scan_for_a_framework_it_does_not_score(
    tmp_path: Path,
) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(REPO / "examples" / "saigon-xanh", ws)
    assessment = ws / "assessment.yaml"
    text = assessment.read_text(encoding="utf-8")
    text = text.replace("questionnaire: crm-full", "questionnaire: crm-quick-scan")
    assessment.write_text(text.replace("frameworks: []", "frameworks: [gartner-8bb, qci]"), "utf-8")
    shutil.rmtree(ws / "responses")
    result = CliRunner().invoke(cli, ["score", str(ws)], obj={})
    assert result.exit_code == 1
    line = next(x for x in text.splitlines() if x.startswith("frameworks:"))
    number = text.splitlines().index(line) + 1
    assert (
        f"{assessment}:{number}:27: frameworks[1]: questionnaire 'crm-quick-scan' does not score "
        "'qci' (it scores gartner-8bb, crm-strategy-levels)"
    ) in result.stderr
