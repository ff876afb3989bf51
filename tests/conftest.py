"""Shared test helpers: tests build their own input trees inline."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

MINIMAL_FRAMEWORK = """\
kind: framework
id: mini
name: {en: Mini, vi: Thu nhỏ}
description: {en: A small framework., vi: Một khung nhỏ.}
version: "1"
sources:
  - id: s1
    citation: A. Author, A book, 2020
dimensions:
  - id: alpha
    name: {en: Alpha, vi: Anpha}
    description: {en: First., vi: Thứ nhất.}
    levels:
      1: {en: Ad hoc., vi: Tự phát.}
      2: {en: Some teams., vi: Một vài bộ phận.}
      3: {en: Company standard., vi: Chuẩn toàn công ty.}
      4: {en: Measured and improved., vi: Được đo lường và cải tiến.}
  - id: beta
    name: {en: Beta, vi: Bêta}
    description: {en: Second., vi: Thứ hai.}
    weight: 2
    levels:
      1: {en: Ad hoc., vi: Tự phát.}
      2: {en: Some teams., vi: Một vài bộ phận.}
      3: {en: Company standard., vi: Chuẩn toàn công ty.}
      4: {en: Measured and improved., vi: Được đo lường và cải tiến.}
"""

BuildTree = Callable[[dict[str, str]], Path]


@pytest.fixture
def build_file_tree(tmp_path: Path) -> BuildTree:
    """Write {relative path: text} under a temporary folder and return that folder."""

    def build(files: dict[str, str]) -> Path:
        for rel, text in files.items():
            target = tmp_path / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(text), encoding="utf-8")
        return tmp_path

    return build


@pytest.fixture(scope="session")
def bank_at_balanced_3(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bank example held to `balanced-3` (level 3 everywhere) instead of the profile its
    context chooses: a plan that closes every gap by month 22 and ends early."""
    import shutil

    folder = tmp_path_factory.mktemp("bank") / "phuong-dong-bank"
    shutil.copytree(REPO / "examples" / "phuong-dong-bank", folder)
    path = folder / "assessment.yaml"
    text = path.read_text("utf-8")
    assert "\nquestionnaire: crm-full\n" in text
    text = text.replace(
        "\nquestionnaire: crm-full\n", "\nquestionnaire: crm-full\ntarget:\n  profile: balanced-3\n"
    )
    path.write_text(text, "utf-8")
    return folder
