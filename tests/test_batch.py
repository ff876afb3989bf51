"""Reports in parallel worker processes: the same bytes, failures listed, the batch goes on."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from assessor.batch import Job, run_batch
from assessor.cli import cli, stage_note
from assessor.exchange import import_responses
from assessor.pipeline import run_assessment
from assessor.report.build import make_report

from .conftest import BuildTree
from .exchange_helpers import FIXTURES, survey_workspace
from .workspaces import ASSESSMENT, mini_workspace


def test_parallel_pdfs_are_the_same_bytes_as_one_by_one(build_file_tree: BuildTree) -> None:
    ws = build_file_tree(mini_workspace()) / "ws"
    jobs = [Job(ws, "executive", lang, "pdf", ws / f"par-{lang}.pdf") for lang in ("vi", "en")]
    outcome = run_batch(jobs, workers=2)
    assert outcome.failures == []
    assert outcome.written == [ws / "par-vi.pdf", ws / "par-en.pdf"]
    result = run_assessment(ws)
    for lang in ("vi", "en"):
        alone = make_report(result, lang=lang, kind="executive")
        assert (ws / f"par-{lang}.pdf").read_bytes() == alone


def _two_good_one_bad(build_file_tree: BuildTree) -> tuple[Path, Path, Path]:
    # units of one and two respondents have a report of their own only with min_group 1
    good = mini_workspace(**{"assessment.yaml": ASSESSMENT + "scoring: {min_group: 1}\n"})
    tree = {f"a/{k}": v for k, v in good.items()} | {f"b/{k}": v for k, v in good.items()}
    tree["bad/ws/assessment.yaml"] = "kind: assessment\nclient: {name: X}\n"
    root = build_file_tree(tree)
    return root / "a/ws", root / "bad/ws", root / "b/ws"


def test_batch_goes_on_past_a_failing_workspace_and_exits_1(build_file_tree: BuildTree) -> None:
    a, bad, b = _two_good_one_bad(build_file_tree)
    args = ["report", str(a), str(bad), str(b), "--batch", "--format", "html", "-j", "2"]
    result = CliRunner().invoke(cli, args, obj={})
    assert result.exit_code == 1
    assert result.stdout == f"{a}/reports/executive-vi.html\n{b}/reports/executive-vi.html\n"
    lines = result.stderr.splitlines()
    assert lines[-1] == f"1 of 3 reports failed: {bad}"
    assert lines[:-1] == [
        f"{bad}/assessment.yaml:1:1: missing required key 'date'",
        f"{bad}/assessment.yaml:1:1: missing required key 'questionnaire'",
    ]
    assert (a / "reports/executive-vi.html").is_file() and (
        b / "reports/executive-vi.html"
    ).is_file()


def test_batch_by_unit_lists_a_failing_workspace_and_renders_the_units_of_the_others(
    build_file_tree: BuildTree,
) -> None:
    a, bad, _ = _two_good_one_bad(build_file_tree)
    args = ["report", str(a), str(bad), "--batch", "--by", "unit", "--format", "html"]
    result = CliRunner().invoke(cli, args, obj={})
    assert result.exit_code == 1
    assert sorted(p.name for p in (a / "reports").iterdir()) == [
        "executive-vi-n.html", "executive-vi-s.html", "executive-vi.html",
    ]  # fmt: skip
    assert result.stderr.splitlines()[-1] == f"1 of 4 reports failed: {bad}"


def test_several_workspaces_need_batch_and_batch_has_no_output_file(
    build_file_tree: BuildTree,
) -> None:
    a, _, b = _two_good_one_bad(build_file_tree)
    plain = CliRunner().invoke(cli, ["report", str(a), str(b)], obj={})
    assert (plain.exit_code, plain.stderr) == (1, "several workspaces are reported with --batch\n")
    out = CliRunner().invoke(cli, ["report", str(a), str(b), "--batch", "-o", "x.pdf"], obj={})
    assert out.exit_code == 1
    assert out.stderr == (
        "--output names one file; with --batch each report goes to its workspace's reports/ "
        "folder\n"
    )


def test_a_batch_never_overwrites_without_force(build_file_tree: BuildTree) -> None:
    a, _, b = _two_good_one_bad(build_file_tree)
    (a / "reports").mkdir()
    (a / "reports/executive-vi.html").write_text("edited by hand")
    args = ["report", str(a), str(b), "--batch", "--format", "html"]
    result = CliRunner().invoke(cli, args, obj={})
    assert result.exit_code == 1
    assert result.stderr == (
        f"{a}/reports/executive-vi.html: already exists (use --force to replace it)\n"
        f"1 of 2 reports failed: {a}\n"
    )
    assert (a / "reports/executive-vi.html").read_text() == "edited by hand"
    assert (b / "reports/executive-vi.html").is_file()


def test_an_import_tells_its_stages_and_a_terminal_sees_them(
    build_file_tree: BuildTree, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = survey_workspace(build_file_tree).parent
    for name in ("google-forms.csv", "google-forms.mapping.yaml"):
        shutil.copy(FIXTURES / name, root / name)
    stages: list[str] = []
    export, mapping = root / "google-forms.csv", root / "google-forms.mapping.yaml"
    import_responses(root / "ws", export, mapping=mapping, on_stage=stages.append)
    assert stages == ["reading 1 file(s)", "checking the answers", "writing 3 file(s)"]
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    stage_note("Importing")("reading x.csv")
    assert capsys.readouterr().err == "Importing: reading x.csv…\n"


def test_no_stage_notes_when_piped(capsys: pytest.CaptureFixture[str]) -> None:
    stage_note("Importing")("reading x.csv")
    assert capsys.readouterr().err == ""
