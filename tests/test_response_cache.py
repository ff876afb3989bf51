"""Checked responses are reused between runs only while nothing they came from has changed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from assessor import workspace
from assessor.errors import ResponseError
from assessor.loading import load_library
from assessor.pipeline import run_assessment, workspace_library
from assessor.response_cache import cache_dir

from .conftest import BuildTree
from .workspaces import mini_workspace


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    real = workspace._load_responses

    def load(folder: Path, *args: Any) -> Any:
        calls.append(folder)
        return real(folder, *args)

    monkeypatch.setattr(workspace, "_load_responses", load)
    return calls


def test_a_second_run_reuses_the_checked_responses_until_one_changes(
    build_file_tree: BuildTree, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CRM_ASSESS_CACHE", str(tmp_path / "cache"))
    ws = build_file_tree(mini_workspace()) / "ws"
    library = load_library(workspace_library(ws))
    calls = _counting(monkeypatch)
    first = run_assessment(ws, library=library)
    second = run_assessment(ws, library=library)
    assert len(calls) == 1
    assert second.scores == first.scores
    assert [s.answers for s in second.workspace.sheets] == [
        s.answers for s in first.workspace.sheets
    ]
    # an edited response is checked again, and its mistake is reported
    (ws / "responses/r3.yaml").write_text("respondent: r3\nanswers: {q1: 7}\n", encoding="utf-8")
    with pytest.raises(ResponseError) as caught:
        run_assessment(ws, library=library)
    assert len(calls) == 2
    assert "responses/r3.yaml:2:" in caught.value.lines()[0]
    # lenient checking of the same files is checked (and kept) apart
    (ws / "responses/r3.yaml").write_text("respondent: r3\nanswers: {q2: 3}\n", encoding="utf-8")
    run_assessment(ws, library=library, lenient=True)
    run_assessment(ws, library=library, lenient=True)
    assert len(calls) == 3


def test_no_cache_when_turned_off_or_others_may_write_to_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CRM_ASSESS_CACHE", "off")
    assert cache_dir() is None
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    monkeypatch.setenv("CRM_ASSESS_CACHE", str(shared))
    assert cache_dir() is None
    os.chmod(shared, 0o700)
    assert cache_dir() == shared
