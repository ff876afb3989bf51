"""Golden HTML of the executive report: the same inputs give the same HTML, byte for byte.

    UPDATE_GOLDEN=1 pytest tests/test_report_golden.py    # after a deliberate change; review the diff

The workspace is the small hand-computed one written inline (tests/workspaces.py), so the golden
files change only when the templates, labels, charts or context do, not when shipped content does.
The report folder's absolute location is written as ASSETS; the generation date comes from
SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assessor.pipeline import run_assessment
from assessor.report.build import make_report

from .conftest import REPO, BuildTree
from .workspaces import mini_workspace

GOLDEN = Path(__file__).parent / "golden"
EPOCH = "1790000000"  # 2026-09-21


def _html(build_file_tree: BuildTree, lang: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = run_assessment(build_file_tree(mini_workspace()) / "ws")
    html = make_report(result, lang=lang, kind="executive", fmt="html").decode("utf-8")
    return html.replace((REPO / "reports").resolve().as_uri(), "ASSETS")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_executive_html_matches_the_golden_file(
    lang: str, build_file_tree: BuildTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = _html(build_file_tree, lang, monkeypatch)
    golden = GOLDEN / f"executive-{lang}.html"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(html, encoding="utf-8", newline="\n")
    expected = golden.read_text(encoding="utf-8")
    assert html == expected, f"{golden} differs; run with UPDATE_GOLDEN=1 if the change is intended"


def test_the_same_inputs_give_the_same_html(
    build_file_tree: BuildTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _html(build_file_tree, "vi", monkeypatch) == _html(build_file_tree, "vi", monkeypatch)


def test_the_generation_date_is_the_only_thing_the_clock_changes(
    build_file_tree: BuildTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _html(build_file_tree, "en", monkeypatch)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    result = run_assessment(build_file_tree(mini_workspace()) / "ws")
    second = make_report(result, lang="en", kind="executive", fmt="html").decode("utf-8")
    second = second.replace((REPO / "reports").resolve().as_uri(), "ASSETS")
    assert first.replace("21 September 2026", "1 January 2026") == second
