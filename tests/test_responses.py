"""Bad response files: each gets its exact file:line:col message and exit status 1."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from assessor.cli import cli

from .conftest import BuildTree
from .workspaces import R1, R2, mini_workspace

BAD = [
    pytest.param(
        {"responses/r1.yaml": R1.replace("  q2: 5\n", "  q2: 5\n  q9: 3\n")},
        ["responses/r1.yaml:5:3: answers.q9: unknown question 'q9'"],
        id="unknown-question",
    ),
    pytest.param(
        {"responses/r1.yaml": R1.replace("q1: {value: 2,", "q1: {value: 5,")},
        [
            "responses/r1.yaml:3:15: answers.q1.value: answer must be a level from 1 to 4, "
            "'not_sure' or 'not_applicable' (got 5)"
        ],
        id="out-of-range",
    ),
    pytest.param(
        {"responses/r1.yaml": R1.replace("  q2: 5\n", "  q2: lots\n")},
        [
            "responses/r1.yaml:4:7: answers.q2: answer must be a whole number from 1 to 5 (got 'lots')"
        ],
        id="wrong-type",
    ),
    pytest.param(
        {"responses/r1.yaml": R1.replace('  q3: "no"\n', "").replace("q3-why", "q1-why")},
        [
            "responses/r1.yaml:2:1: answers: missing answer to required question 'q3'",
            "responses/r1.yaml:5:3: answers.q1-why: unknown question 'q1-why' (did you mean 'q3-why'?)",
        ],
        id="missing-required",
    ),
    pytest.param(
        {"responses/r2.yaml": R2.replace("  q4: 200\n", '  q4: 200\n  q3-why: "Không rõ"\n')},
        [
            "responses/r2.yaml:7:3: answers.q3-why: answers a question its condition hides (${{q3}} == 'no')"
        ],
        id="hidden-question-answered",
    ),
    pytest.param(
        {"responses/r4.yaml": R2},
        [
            "responses/r4.yaml:1:13: respondent: respondent 'r2' already answered in {root}/ws/responses/r2.yaml"
        ],
        id="respondent-twice",
    ),
    pytest.param(
        {"responses/r1.yaml": R1.replace("  q2: 5\n", "  q2: {value: 5, mood: happy}\n")},
        ["responses/r1.yaml:4:18: answers.q2.mood: unknown key 'mood'"],
        id="unknown-key",
    ),
    pytest.param(
        {"responses/r1.yaml": R1.replace("respondent: r1", "respondent: r9")},
        [
            "responses/r1.yaml:1:13: respondent: unknown respondent 'r9' "
            "(list respondents in assessment.yaml)"
        ],
        id="unknown-respondent",
    ),
    pytest.param(
        {"responses/r1.csv": "respondent,q1,q2,q3\nr1,2,9,no\n", "responses/r1.yaml": ""},
        [
            "responses/r1.csv:2:3: answers.q2.value: answer must be a whole number from 1 to 5 (got 9)"
        ],
        id="csv-bad-cell",
    ),
]


@pytest.mark.parametrize(("changes", "expected"), BAD)
def test_bad_response_gets_exact_message(
    build_file_tree: BuildTree, changes: dict[str, str], expected: list[str]
) -> None:
    files = mini_workspace(**changes)
    files = {k: v for k, v in files.items() if v}
    root = build_file_tree(files)
    if "responses/r1.yaml" in changes and not changes["responses/r1.yaml"]:
        (root / "ws/responses/r1.yaml").unlink(missing_ok=True)
    result = CliRunner().invoke(cli, ["score", str(root / "ws")], obj={})
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    prefix = f"{root}/ws/"
    assert [line.removeprefix(prefix) for line in result.stderr.splitlines()] == [
        e.format(root=root) for e in expected
    ]


def test_lenient_scores_what_is_there(build_file_tree: BuildTree) -> None:
    lacking = R1.replace('  q3: "no"\n', "").split("  q3-why")[0]
    root = build_file_tree(mini_workspace(**{"responses/r1.yaml": lacking}))
    result = CliRunner().invoke(
        cli, ["score", str(root / "ws"), "--lenient", "--format", "json"], obj={}
    )
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"{root}/ws/responses/r1.yaml:2:1: warning: answers: missing answer to required question 'q3'"
    ]


def test_csv_responses_score_like_yaml(build_file_tree: BuildTree) -> None:
    root = build_file_tree(mini_workspace())
    yaml_run = CliRunner().invoke(cli, ["score", str(root / "ws"), "--format", "csv"], obj={})
    (root / "ws/responses/r1.yaml").unlink()
    csv_text = "respondent,q1,q1.importance,q2,q3\nr1,2,5,5,no\n"
    (root / "ws/responses/all.csv").write_text(csv_text, encoding="utf-8")
    csv_run = CliRunner().invoke(cli, ["score", str(root / "ws"), "--format", "csv"], obj={})
    assert csv_run.exit_code == 0, csv_run.output
    assert csv_run.stdout == yaml_run.stdout
