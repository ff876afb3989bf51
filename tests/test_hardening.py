"""Hostile and malformed inputs, one per line of a table, through validate, score and report.

Each case is a file of the small workspace replaced by something broken; every command must end
with exit status 1, the exact problem line(s), and no traceback.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from assessor.cli import cli

from .conftest import BuildTree
from .workspaces import ASSESSMENT, R1, mini_workspace

COMMANDS = (["validate"], ["score"], ["report", "--format", "html"])
BIG = "9" * 5000


def _run(args: list[str]) -> tuple[int, list[str], BaseException | None]:
    result = CliRunner().invoke(cli, args, obj={})
    crash = result.exception if not isinstance(result.exception, SystemExit) else None
    return result.exit_code, result.stderr.splitlines(), crash


def _check_all(ws: Path, expected: list[str]) -> None:
    for command in COMMANDS:
        code, lines, crash = _run([*command, str(ws)])
        assert crash is None, (command, crash)
        problems = [line.replace(f"{ws}/", "") for line in lines if "file(s) checked" not in line]
        assert (code, problems) == (1, expected), command


ASSESSMENT_CASES = {
    "impossible-day": (
        ("2026-10-01", "2026-02-30"),
        "assessment.yaml:3:7: impossible date or time '2026-02-30': day is out of range for month",
    ),
    "month-13": (
        ("2026-10-01", "2026-13-01"),
        "assessment.yaml:3:7: impossible date or time '2026-13-01': month must be in 1..12",
    ),
    "year-0": (
        ("2026-10-01", "0000-01-01"),
        "assessment.yaml:3:7: impossible date or time '0000-01-01': year 0 is out of range",
    ),
    "hour-25": (
        ("2026-10-01", "2026-10-20T25:61:00"),
        "assessment.yaml:3:7: impossible date or time '2026-10-20T25:61:00': hour must be in 0..23",
    ),
    "bad-float-tag": (
        ("2026-10-01", "!!float 'abc'"),
        "assessment.yaml:3:7: 'abc' cannot be read as !!float",
    ),
    "bad-int-tag": (
        ("2026-10-01", "!!int 'zz'"),
        "assessment.yaml:3:7: 'zz' cannot be read as !!int",
    ),
    "bad-timestamp-tag": (
        ("2026-10-01", "!!timestamp 'x'"),
        "assessment.yaml:3:7: impossible date or time 'x': write it as YYYY-MM-DD",
    ),
    "5000-digits": (
        ("2026-10-01", BIG),
        "assessment.yaml:3:7: a whole number of more than 4,300 digits",
    ),
    "long-client-name": (
        ("Công ty Thử Nghiệm", "x" * 50_000),
        "assessment.yaml:2:16: client.name: text longer than 300 characters (got 50,000); "
        "shorten it",
    ),
}


@pytest.mark.parametrize(("change", "expected"), ASSESSMENT_CASES.values(), ids=ASSESSMENT_CASES)
def test_broken_assessment_values(
    build_file_tree: BuildTree, change: tuple[str, str], expected: str
) -> None:
    text = ASSESSMENT.replace(*change)
    root = build_file_tree(mini_workspace(**{"assessment.yaml": text}))
    _check_all(root / "ws", [expected])


RESPONSE_CASES = {
    "submitted-impossible": (
        "r1.yaml",
        "submitted: 2026-02-30\n" + R1,
        ["responses/r1.yaml:1:12: impossible date or time '2026-02-30': "
         "day is out of range for month"],
    ),
    "5000-digit-answer": (
        "r1.yaml",
        R1.replace("q2: 5", f"q2: {BIG}"),
        ["responses/r1.yaml:4:7: a whole number of more than 4,300 digits"],
    ),
    "400-digit-figure": (
        "r2.yaml",
        "respondent: r2\nanswers: {q1: 4, q2: 3, q3: 'yes', q4: " + "9" * 400 + "}\n",
        ["responses/r2.yaml:2:40: answers.q4: answer must be a figure of at most 15 digits "
         "(got a number of 400 digits)"],
    ),
    "long-comment": (
        "r1.yaml",
        R1.replace('comment: "<b>bold</b>"', "comment: " + "x" * 6000),
        ["responses/r1.yaml:6:49: answers.q3-why.comment: text longer than 5,000 characters "
         "(got 6,000); shorten it"],
    ),
    "long-bad-value-quoted-short": (
        "r1.yaml",
        R1.replace("q2: 5", "q2: " + "y" * 100_000),
        ["responses/r1.yaml:4:7: answers.q2: answer must be a whole number from 1 to 5 (got "
         f"'{'y' * 80}…' (100,000 characters))"],
    ),
    "duplicate-keys": (
        "r1.yaml",
        R1.replace("  q2: 5\n", "  q2: 5\n  q2: 4\n"),
        ["responses/r1.yaml:5:3: answers.q2: duplicate key 'q2' (first at 4:3)"],
    ),
    "json-emoji": (
        "r1.json",
        json.dumps({"respondent": "r1", "answers": {"q1": 2, "q2": 5, "q3": "no",
                    "q3-why": {"value": "Chưa có 😀", "comment": "x" * 5001}}}),
        ["responses/r1.json:1:129: answers.q3-why.comment: text longer than 5,000 characters "
         "(got 5,001); shorten it"],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("name", "text", "expected"), RESPONSE_CASES.values(), ids=RESPONSE_CASES)
def test_broken_response_values(
    build_file_tree: BuildTree, name: str, text: str, expected: list[str]
) -> None:
    files = mini_workspace(**{f"responses/{name}": text})
    if name.endswith(".json"):
        del files[f"ws/responses/{name.split('.')[0]}.yaml"]
    root = build_file_tree(files)
    _check_all(root / "ws", expected)


def test_a_json_emoji_escaped_as_a_surrogate_pair_is_read(build_file_tree: BuildTree) -> None:
    """Python's json.dump writes 😀 as "\\ud83d\\ude00": valid JSON, read as the emoji."""
    files = mini_workspace()
    del files["ws/responses/r1.yaml"]
    answers = {"q1": 2, "q2": 5, "q3": "no", "q3-why": {"value": "Chưa có 😀"}}
    files["ws/responses/r1.json"] = json.dumps({"respondent": "r1", "answers": answers})
    root = build_file_tree(files)
    assert "\\ud83d\\ude00" in (root / "ws/responses/r1.json").read_text()
    result = CliRunner().invoke(cli, ["score", str(root / "ws"), "--format", "json"], obj={})
    assert result.exit_code == 0, result.output


def test_yes_written_in_any_spelling_opens_the_same_follow_up(build_file_tree: BuildTree) -> None:
    """`q3: Có`, `Yes` and `true` are 'yes': the follow-up they hide is hidden, and an answer to
    it is reported the same way for each."""
    scores = []
    for spelling in ("'yes'", "Có", "Yes", "true"):
        r3 = f"respondent: r3\nanswers:\n  q1: not_applicable\n  q2: 3\n  q3: {spelling}\n"
        root = build_file_tree(mini_workspace(**{"responses/r3.yaml": r3}))
        result = CliRunner().invoke(cli, ["score", str(root / "ws"), "--format", "json"], obj={})
        assert result.exit_code == 0, (spelling, result.output)
        scores.append(json.loads(result.stdout)["overall"]["score"])
        hidden = r3.replace("q3:", "q3-why: Vì sao\n  q3:")
        (root / "ws/responses/r3.yaml").write_text(hidden, encoding="utf-8")
        code, lines, _ = _run(["score", str(root / "ws")])
        assert (code, [line.split(": ", 1)[1] for line in lines]) == (
            1,
            ["answers.q3-why: answers a question its condition hides (${q3} == 'no')"],
        ), spelling
    assert len(set(scores)) == 1


def test_no_written_as_khong_shows_the_follow_up(build_file_tree: BuildTree) -> None:
    r1 = R1.replace('q3: "no"', "q3: Không")
    root = build_file_tree(mini_workspace(**{"responses/r1.yaml": r1}))
    result = CliRunner().invoke(cli, ["score", str(root / "ws")], obj={})
    assert result.exit_code == 0, result.output


def _questionnaire_with_condition(condition: str) -> dict[str, str]:
    from .workspaces import MINI_QUESTIONNAIRE

    text = MINI_QUESTIONNAIRE.replace('''relevant: "${q3} == 'no'"''', f"relevant: {condition}")
    return mini_workspace(**{"library/mini-q.yaml": text})


@pytest.mark.parametrize(
    ("condition", "reason"),
    [
        ("'" + "(" * 300 + "true" + ")" * 300 + "'", "the condition is longer than 500 parts; split it"),
        ("'" + "not " * 1000 + "true'", "the condition is longer than 500 parts; split it"),
        ("'" + "(" * 60 + "true" + ")" * 60 + "'", "the condition is nested more than 50 levels deep"),
        ('"' + " or ".join(["${q3} == 'no'"] * 2000) + '"', "the condition is longer than 10,000 characters"),
    ],
    ids=["300-parentheses", "1000-nots", "60-parentheses", "2000-term-or"],
)  # fmt: skip
def test_conditions_have_a_size_and_depth_limit(
    build_file_tree: BuildTree, condition: str, reason: str
) -> None:
    root = build_file_tree(_questionnaire_with_condition(condition))
    expected = f"library/mini-q.yaml:33:19: sections[0].questions[3].relevant: cannot read condition: {reason}"
    _check_all(root / "ws", [expected])


def test_a_long_or_chain_within_the_limits_scores(build_file_tree: BuildTree) -> None:
    """A flat `or` of 100 terms is evaluated without recursing once per term."""
    condition = '"' + " or ".join(["${q3} == 'no'"] * 100) + '"'
    root = build_file_tree(_questionnaire_with_condition(condition))
    result = CliRunner().invoke(cli, ["score", str(root / "ws")], obj={})
    assert result.exit_code == 0, result.output


def test_special_files_in_responses_are_reported_not_read(build_file_tree: BuildTree) -> None:
    root = build_file_tree(mini_workspace())
    responses = root / "ws/responses"
    os.mkfifo(responses / "fifo.yaml")
    (responses / "zero.yaml").symlink_to("/dev/zero")
    (responses / "gone.yaml").symlink_to("nowhere.yaml")
    (responses / "loop.yaml").symlink_to(responses / "loop.yaml")
    _check_all(
        root / "ws",
        [
            "responses/fifo.yaml: not a regular file but a FIFO (named pipe)",
            "responses/gone.yaml: cannot read file: a broken symbolic link "
            "(to 'nowhere.yaml', which does not exist)",
            "responses/loop.yaml: cannot read file: a symbolic link that leads back to itself "
            "(a loop)",
            "responses/zero.yaml: not a regular file but a character device",
        ],
    )


def test_broken_links_in_a_library_folder_are_reported(build_file_tree: BuildTree) -> None:
    root = build_file_tree(mini_workspace())
    library = root / "ws/library"
    (library / "gone.yaml").symlink_to("nowhere.yaml")
    (library / "loop").symlink_to(library / "loop")
    _check_all(
        root / "ws",
        [
            "library/gone.yaml: cannot read file: a broken symbolic link "
            "(to 'nowhere.yaml', which does not exist)",
            "library/loop: cannot read file: a symbolic link that leads back to itself (a loop)",
        ],
    )


def test_a_file_over_the_size_limit_is_refused_unread(
    build_file_tree: BuildTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRM_ASSESS_MAX_FILE_MB", "1")
    root = build_file_tree(mini_workspace(**{"responses/r1.yaml": R1 + "#" * 1_100_000 + "\n"}))
    _check_all(
        root / "ws",
        [
            "responses/r1.yaml: the file is 1.1 MB, larger than the 1 MB limit "
            "(set CRM_ASSESS_MAX_FILE_MB to allow more)",
        ],
    )
