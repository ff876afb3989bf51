"""CSV responses never change an answer silently: every column is accounted for, and a cell
becomes a number or a list only where its question asks for one."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from assessor.cli import cli
from assessor.loading import load_library
from assessor.workspace import load_workspace

from .conftest import BuildTree
from .workspaces import mini_workspace

HEADER = "respondent,q1,q1.importance,q2,q3,q3-why,q3-why.comment"


def _csv_workspace(build_file_tree: BuildTree, text: str | bytes) -> Path:
    files = mini_workspace()
    del files["ws/responses/r1.yaml"]
    root = build_file_tree(files)
    target = root / "ws/responses/r1.csv"
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8")
    return root / "ws"


def _problems(ws: Path) -> list[str]:
    result = CliRunner().invoke(cli, ["score", str(ws)], obj={})
    assert result.exit_code == 1, result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    return [line.replace(f"{ws}/", "") for line in result.stderr.splitlines()]


CASES = {
    "misspelt-part": (
        "respondent,q1,q1.importnace,q2,q3\nr1,2,5,5,no\n",
        ["responses/r1.csv:1:3: unknown column 'q1.importnace' (did you mean 'q1.importance'?): "
         "after a question id a column may end in .comment, .confidence, .importance or .target"],
    ),
    "duplicated-column": (
        "respondent,q1,q2,q3,q1\nr1,2,5,no,3\n",
        ["responses/r1.csv:1:5: column 'q1' appears twice (first in column 2)"],
    ),
    "beyond-the-header": (
        "respondent,q1,q2,q3\nr1,2,5,yes,surplus\n",
        ["responses/r1.csv:2:5: a value in a column without a name in the first row "
         "(got 'surplus')"],
    ),
    "bad-utf8": (
        b"respondent,q1,q2,q3\nr1,2,5,\xffno\n",
        ["responses/r1.csv:2:8: not UTF-8 text: byte 0xff cannot be read (save the file as UTF-8)"],
    ),
    "huge-comment": (
        f"{HEADER}\nr1,2,5,5,no,Vì sao,{'x' * 200_000}\n",
        ["responses/r1.csv:2:7: answers.q3-why.comment: text longer than 5,000 characters "
         "(got 200,000); shorten it"],
    ),
    "huge-answer": (
        f"{HEADER}\nr1,2,5,5,no,{'x' * 200_000},\n",
        ["responses/r1.csv:2:6: answers.q3-why.value: answer is longer than 4,000 characters "
         "(got 200,000)"],
    ),
    "word-for-a-level": (
        "respondent,q1,q2,q3\nr1,NaN,Infinity,no\n",
        ["responses/r1.csv:2:2: answers.q1.value: answer must be a level from 1 to 4, 'not_sure' or "
         "'not_applicable' (got 'NaN')",
         "responses/r1.csv:2:3: answers.q2.value: answer must be a whole number from 1 to 5 "
         "(got 'Infinity')"],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES.values(), ids=CASES)
def test_csv_problems_are_located_not_silent(
    build_file_tree: BuildTree, text: str | bytes, expected: list[str]
) -> None:
    assert _problems(_csv_workspace(build_file_tree, text)) == expected


@pytest.mark.parametrize("free_text", ["Sales; marketing", "2024", "NaN", "Infinity", "3"])
def test_free_text_stays_text(build_file_tree: BuildTree, free_text: str) -> None:
    ws = _csv_workspace(build_file_tree, f'{HEADER}\nr1,2,5,5,no,"{free_text}",12\n')
    loaded = load_workspace(ws, load_library([ws / "library"]))
    answers = next(s for s in loaded.sheets if s.respondent.id == "r1").answers
    assert answers["q3-why"].value == free_text
    assert answers["q3-why"].comment == "12"
    assert (answers["q1"].value, answers["q1"].importance, answers["q2"].value) == (2, 5, 5)
    assert answers["q3"].value == "no"


def test_a_csv_answer_scores_as_its_yaml_twin(build_file_tree: BuildTree) -> None:
    """The CSV rows of r1 score exactly as the YAML file they replace."""
    yaml_root = build_file_tree(mini_workspace())
    before = CliRunner().invoke(cli, ["score", str(yaml_root / "ws"), "--format", "json"], obj={})
    text = f"{HEADER}\nr1,2,5,5,Không,Chưa có ngân sách,<b>bold</b>\n"
    (yaml_root / "ws/responses/r1.yaml").unlink()
    (yaml_root / "ws/responses/r1.csv").write_text(text, encoding="utf-8")
    after = CliRunner().invoke(cli, ["score", str(yaml_root / "ws"), "--format", "json"], obj={})
    assert after.exit_code == 0, after.output
    assert after.stdout.replace("r1.csv", "r1.yaml") == before.stdout
