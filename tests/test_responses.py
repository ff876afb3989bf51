"""Bad response files: each gets its exact file:line:col message and exit status 1."""

from __future__ import annotations

import json

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
        {"responses/r1.yaml": R1 + "  q4: 120\n"},
        [
            "responses/r1.yaml:7:3: answers.q4: answers a question not asked of role 'sales' "
            "(audience: executive)"
        ],
        id="question-of-another-role-answered",
    ),
    pytest.param(
        {
            "responses/r1.yaml": R1.replace("respondent: r1\n", "respondent: r1\ncolour: red\n")
            .replace("q1: {value: 2,", "q1: {value: 5,")
            .replace("  q2: 5\n", "  q2: {value: 5, mood: happy}\n  q9: 1\n")
        },
        [
            "responses/r1.yaml:2:1: colour: unknown key 'colour'",
            "responses/r1.yaml:4:15: answers.q1.value: answer must be a level from 1 to 4, "
            "'not_sure' or 'not_applicable' (got 5)",
            "responses/r1.yaml:5:18: answers.q2.mood: unknown key 'mood'",
            "responses/r1.yaml:6:3: answers.q9: unknown question 'q9'",
        ],
        id="unknown-key-does-not-hide-the-other-problems",
    ),
    pytest.param(
        {"responses/r1.yaml": "- respondent: r1\n- answers: {}\n"},
        [
            "responses/r1.yaml:1:1: expected a mapping with 'respondent' and 'answers' keys, not a list"
        ],
        id="list-at-top-level",
    ),
    pytest.param(
        {"responses/r1.yaml": "respondent: r1\nanswers: [2, 5, 'no']\n"},
        [
            "responses/r1.yaml:2:10: answers: expected a mapping of question ids to answers, not a list"
        ],
        id="answers-as-a-list",
    ),
    pytest.param(
        {"responses/r1.yaml": R1.replace("  q2: 5\n", "  q2: [5]\n")},
        [
            "responses/r1.yaml:4:7: answers.q2: answer must be text, a number, yes/no or a list "
            "of option ids (got [5])"
        ],
        id="value-of-the-wrong-shape",
    ),
    pytest.param(
        {
            "responses/r1.yaml": "",
            "responses/r1.json": '{"respondent": "r1",\n "answers": '
            '{"q1": 2, "q2": 5, "q3": "no", "q7": 1}}\n',
        },
        ["responses/r1.json:2:44: answers.q7: unknown question 'q7'"],
        id="json-response",
    ),
    pytest.param(
        {"responses/r1.yaml": "", "responses/r1.csv": "\ufeffrespondent,q1,q2,q3\nr1,2,5,maybe\n"},
        ["responses/r1.csv:2:4: answers.q3.value: answer must be 'yes' or 'no' (got 'maybe')"],
        id="csv-with-byte-order-mark",
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


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(
            b"respondent: r1\n\x00\x81\xff garbage",
            "responses/x.yaml:2:2: not UTF-8 text: byte 0x81 cannot be read (save the file as UTF-8)",
            id="binary",
        ),
        pytest.param(
            b"respondent: r1\nanswers: {q1: 2\x00}\n",
            "responses/x.yaml:2:16: invalid YAML: control character #x0000 is not allowed",
            id="control-character",
        ),
        pytest.param(None, "responses/x.yaml: cannot read file: Is a directory", id="directory"),
    ],
)
def test_unreadable_response_file_is_one_line(
    build_file_tree: BuildTree, content: bytes | None, expected: str
) -> None:
    root = build_file_tree(mini_workspace())
    target = root / "ws/responses/x.yaml"
    if content is None:
        target.mkdir()
    else:
        target.write_bytes(content)
    result = CliRunner().invoke(cli, ["score", str(root / "ws")], obj={})
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines() == [f"{root}/ws/{expected}"]


def test_an_empty_response_file_is_a_warning(build_file_tree: BuildTree) -> None:
    root = build_file_tree(mini_workspace())
    (root / "ws/responses/r4.yaml").write_text("", encoding="utf-8")
    result = CliRunner().invoke(cli, ["score", str(root / "ws"), "--format", "json"], obj={})
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"{root}/ws/responses/r4.yaml:1:1: warning: the file is empty: no answers read"
    ]
    assert json.loads(result.stdout)["respondents"]["count"] == 3


def test_a_workspace_without_answers_scores_to_nothing(build_file_tree: BuildTree) -> None:
    files = {k: v for k, v in mini_workspace().items() if "/responses/" not in k}
    root = build_file_tree(files)
    table = CliRunner().invoke(cli, ["score", str(root / "ws")], obj={})
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[:2] == [
        "No scored answers yet.",
        "Strategy matrix: not placed (no answers on both axes).",
    ]
    data = CliRunner().invoke(cli, ["score", str(root / "ws"), "--format", "json"], obj={})
    assert json.loads(data.stdout)["overall"] == {
        "headline": "No scored answers yet.",
        "indicative_note": None,
        "level": None,
        "next_level": None,
        "score": None,
        "pct": None,
        "weakest": None,
        "frameworks": [],
    }
    gaps = CliRunner().invoke(cli, ["gaps", str(root / "ws"), "--format", "json"], obj={})
    assert (gaps.exit_code, json.loads(gaps.stdout)) == (0, [])
