"""Your own content, wherever it lives: CRM_ASSESS_LIBRARY, `library:` in assessment.yaml,
mapping files checked by `validate`, and messages that say where crm-assess looked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assessor.report.render import report_dirs

from .conftest import MINIMAL_FRAMEWORK, BuildTree
from .exchange_helpers import FIXTURES, run
from .workspaces import MINI_PROFILE


@pytest.fixture
def shared(build_file_tree: BuildTree) -> Path:
    """A workspace whose content sits in a folder beside it, named by `library:`."""
    root = build_file_tree(
        {
            "our-content/mini.yaml": MINIMAL_FRAMEWORK,
            "our-content/mini-target.yaml": MINI_PROFILE,
            "our-content/survey-q.yaml": (FIXTURES / "survey-q.yaml").read_text("utf-8"),
            "ws/assessment.yaml": (FIXTURES / "assessment.yaml")
            .read_text("utf-8")
            .replace("frameworks: [mini]\n", "frameworks: [mini]\nlibrary: [../our-content]\n"),
        }
    )
    shutil.copy(FIXTURES / "google-forms.csv", root / "google-forms.csv")
    shutil.copy(FIXTURES / "google-forms.mapping.yaml", root / "google-forms.mapping.yaml")
    return root / "ws"


def test_templates_are_reached_through_the_environment_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "reports").mkdir()
    monkeypatch.setenv("CRM_ASSESS_LIBRARY", str(tmp_path))
    assert report_dirs()[0] == tmp_path / "reports"
    assert report_dirs([tmp_path / "nothing"])[0] == tmp_path / "reports"


def test_assessment_yaml_names_its_library(shared: Path) -> None:
    imported = run("responses", "import", shared, shared.parent / "google-forms.csv")
    assert imported.exit_code == 0, imported.output
    scored = run("score", shared, "--format", "json")
    assert scored.exit_code == 0, scored.output
    assert run("validate", shared).exit_code == 0


def test_a_missing_library_folder_is_one_line(shared: Path) -> None:
    text = (shared / "assessment.yaml").read_text("utf-8")
    (shared / "assessment.yaml").write_text(text.replace("../our-content", "../gone"), "utf-8")
    result = run("score", shared)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{shared / 'assessment.yaml'}:6:11: library[0]: library folder '../gone' does not "
        f"exist (looked for {(shared.parent / 'gone').resolve()})\n"
    )


def test_unknown_questionnaire_says_where_it_looked(tmp_path: Path) -> None:
    result = run("--library", tmp_path, "questionnaire", "export", "my-survey")
    assert result.exit_code == 1
    assert result.stderr == (
        f"unknown questionnaire 'my-survey' (looked in {tmp_path}, the built-in content)\n"
    )


def test_schema_lists_the_kinds() -> None:
    result = run("schema", "xyz")
    assert result.exit_code == 1
    assert result.stderr == (
        "unknown kind 'xyz'; the kinds are framework, capabilities, questionnaire, profile, "
        "initiatives, glossary, library, assessment, response, review, import-mapping\n"
    )


def test_validate_checks_mapping_files(shared: Path) -> None:
    mapping = shared.parent / "google-forms.mapping.yaml"
    lib = ["--library", shared.parent / "our-content"]
    good = run(*lib, "validate", mapping)
    assert good.exit_code == 0, good.output
    assert good.stdout == "1 file(s) checked: no problems.\n"
    text = mapping.read_text("utf-8")
    mapping.write_text(text.replace("{question: q-crm}", "{question: q-cmr, part: notes}"), "utf-8")
    bad = run(*lib, "validate", mapping)
    assert bad.exit_code == 1
    assert bad.stderr.splitlines()[0] == (
        f"{mapping}:9:71: columns.Doanh nghiệp có dùng hệ thống CRM không?.part: "
        "Input should be 'value' or 'comment'"
    )
    mapping.write_text(text.replace("{question: q-crm}", "{question: q-cmr}"), "utf-8")
    bad = run(*lib, "validate", mapping)
    assert bad.stderr.splitlines() == [
        f"{mapping}:9:58: columns.Doanh nghiệp có dùng hệ thống CRM không?.question: "
        "unknown question 'q-cmr' (did you mean 'q-crm'?)",
        "1 problem(s) in 1 file(s) checked.",
    ]


def test_init_writes_a_title(tmp_path: Path) -> None:
    made = run("init", tmp_path / "ws", "--client", "ACME", "--questionnaire", "crm-quick-scan")
    assert made.exit_code == 0, made.output
    text = (tmp_path / "ws" / "assessment.yaml").read_text("utf-8")
    year = text.split("date: ")[1][:4]
    assert f'title: {{en: "CRM assessment {year}", vi: "Đánh giá CRM {year}"}}' in text


def test_unknown_content_says_where_it_looked(shared: Path, tmp_path: Path) -> None:
    (tmp_path / "ours").mkdir()
    result = run("--library", tmp_path / "ours", "questionnaire", "coverage", "nope")
    assert result.stderr == (
        f"unknown questionnaire 'nope' (looked in {tmp_path / 'ours'}, the built-in content)\n"
    )
    assert run("questionnaire", "coverage", "nope").stderr == (
        "unknown questionnaire 'nope' (looked in the built-in content)\n"
    )
    text = (shared / "assessment.yaml").read_text("utf-8")
    (shared / "assessment.yaml").write_text(text.replace("mini-target}", "mini-targt}"), "utf-8")
    lines = run("score", shared).stderr.splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == [
        "target.profile: unknown target profile 'mini-targt' (did you mean 'mini-target'?) "
        f"(looked in {(shared.parent / 'our-content').resolve()}, the built-in content)"
    ]


def test_a_broken_library_link_in_a_workspace_is_one_line(shared: Path) -> None:
    (shared / "library").symlink_to(shared.parent / "moved-away")
    result = run("score", shared)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{shared / 'library'}: the workspace's library folder is a broken link (to "
        f"{shared.parent / 'moved-away'}): fix or remove it\n"
    )
