"""The survey-tool fixture workspace shared by the Excel and survey-import tests."""

from __future__ import annotations

from pathlib import Path

import click.testing
from click.testing import CliRunner

from assessor.cli import cli

from .conftest import MINIMAL_FRAMEWORK, BuildTree
from .workspaces import MINI_PROFILE

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "survey"


def run(*args: str | Path) -> click.testing.Result:
    return CliRunner().invoke(cli, [str(a) for a in args], obj={})


def responses(ws: Path) -> dict[str, str]:
    """The workspace's response files by respondent id, as written."""
    return {p.stem: p.read_text("utf-8") for p in sorted((ws / "responses").glob("*.yaml"))}


def survey_workspace(build_file_tree: BuildTree) -> Path:
    """A workspace for the `survey-q` questionnaire, carrying its own library."""
    root = build_file_tree(
        {
            "ws/assessment.yaml": (FIXTURES / "assessment.yaml").read_text("utf-8"),
            "ws/library/mini.yaml": MINIMAL_FRAMEWORK,
            "ws/library/mini-target.yaml": MINI_PROFILE,
            "ws/library/survey-q.yaml": (FIXTURES / "survey-q.yaml").read_text("utf-8"),
        }
    )
    return root / "ws"
