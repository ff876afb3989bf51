"""Reports: the context without Jinja, the PDF's text, hostile input, templates, overrides."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from assessor.cli import cli
from assessor.pipeline import run_assessment
from assessor.report import fetcher as fetcher_module
from assessor.report.build import make_report
from assessor.report.context import build_context
from assessor.report.fetcher import AssetOnlyFetcher
from assessor.report.render import report_dirs

from .conftest import REPO, BuildTree
from .workspaces import ASSESSMENT, R1, mini_workspace

HOSTILE_NAME = '<link rel=attachment href="file:///etc/hostname">'
HOSTILE_COMMENT = '<img src="http://127.0.0.1:9/x"> <style>@import url(file:///etc/passwd);</style> url(file:///etc/hosts)'


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def mini(build_file_tree: BuildTree):  # type: ignore[no-untyped-def]
    return run_assessment(build_file_tree(mini_workspace()) / "ws")


def test_context_is_plain_data_in_the_chosen_language(mini) -> None:  # type: ignore[no-untyped-def]
    vi = build_context(mini, lang="vi", kind="executive")
    en = build_context(mini, lang="en", kind="executive")
    assert vi.overall_score == "2,96" and en.overall_score == "2.96"
    assert vi.subtitle == "Báo cáo dành cho Ban lãnh đạo"
    assert vi.headline.startswith("Công ty Thử Nghiệm đạt mức 2 (Đang phát triển) về tổng thể")
    assert [g.dimension for g in en.top_gaps] == ["Beta", "Alpha"]
    assert en.frameworks[0].dimensions[0].next_text == "Company standard."
    assert vi.questions == [] and build_context(mini, lang="vi", kind="full").questions


def test_pdf_text_has_client_level_top_gap_and_vietnamese_headings(mini) -> None:  # type: ignore[no-untyped-def]
    text = _pdf_text(make_report(mini, lang="vi", kind="executive"))
    assert "Công ty Thử Nghiệm" in text
    assert "đạt mức 2 (Đang phát triển)" in text
    assert "Khoảng cách cần thu hẹp nhất: Bêta" in text
    for heading in (
        "Tóm tắt cho Ban lãnh đạo",
        "Điểm mạnh và khoảng cách lớn nhất",
        "Lộ trình triển khai",
    ):
        assert heading in text
    assert "Trang 3 / " in text


def test_pdf_metadata_bookmarks_and_tags(mini) -> None:  # type: ignore[no-untyped-def]
    reader = pypdf.PdfReader(io.BytesIO(make_report(mini, lang="en", kind="full")))
    assert reader.metadata is not None
    assert (
        reader.metadata.title
        == "CRM strategy maturity assessment – Công ty Thử Nghiệm – Full report"
    )
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Summary for leadership" in titles and "Results question by question" in titles
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"])


def test_hostile_text_stays_text_and_fetches_nothing(
    build_file_tree: BuildTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = mini_workspace(**{
        "assessment.yaml": ASSESSMENT.replace("{name: Công ty Thử Nghiệm}", "{name: '" + HOSTILE_NAME + "'}"),
        "responses/r1.yaml": R1.replace('comment: "<b>bold</b>"', f"comment: '{HOSTILE_COMMENT}'"),
    })  # fmt: skip
    result = run_assessment(build_file_tree(files) / "ws")
    fetched: list[str] = []
    original = AssetOnlyFetcher.fetch

    def spy(self, url, headers=None):  # type: ignore[no-untyped-def]
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(fetcher_module.AssetOnlyFetcher, "fetch", spy)
    html = make_report(result, lang="en", kind="full", fmt="html").decode()
    assert HOSTILE_NAME not in html and "&lt;link rel=attachment" in html
    data = make_report(result, lang="en", kind="full")
    assets = (REPO / "reports").resolve().as_uri()
    assert fetched and all(url.startswith(assets) for url in fetched), fetched
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.attachments == {}
    text = _pdf_text(data)
    assert 'href="file:///etc/hostname"' in text.replace("\n", " ")
    assert "127.0.0.1:9/x" in text


@pytest.mark.parametrize(
    "url",
    ["file:///etc/hostname", "http://127.0.0.1:9/x", "https://example.org/a.css", "ftp://x/y"],
)
def test_fetcher_refuses_anything_but_assets(url: str, tmp_path: Path) -> None:
    fetcher = AssetOnlyFetcher([tmp_path])
    with pytest.raises(ValueError, match="not one of the report's assets"):
        fetcher.fetch(url)


def test_fetcher_refuses_escapes_from_the_asset_folder(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "secret.txt").write_text("x")
    (tmp_path / "assets" / "ok.css").write_text("p{}")
    fetcher = AssetOnlyFetcher([tmp_path / "assets"])
    with pytest.raises(ValueError):
        fetcher.fetch((tmp_path / "assets").as_uri() + "/../secret.txt")
    assert fetcher.fetch((tmp_path / "assets" / "ok.css").as_uri()) is not None


def test_user_template_overrides_builtin(build_file_tree: BuildTree) -> None:
    override = '{% extends "default:executive.html.j2" %}{% block toc %}<li>OUR OWN CONTENTS</li>{{ super() }}{% endblock %}'
    root = build_file_tree({**mini_workspace(), "lib/reports/executive.html.j2": override})
    assert report_dirs([root / "lib"])[0] == root / "lib" / "reports"
    out = root / "x.html"
    result = CliRunner().invoke(
        cli,
        [
            "--library",
            str(root / "lib"),
            "report",
            str(root / "ws"),
            "--format",
            "html",
            "-o",
            str(out),
        ],
        obj={},
    )
    assert result.exit_code == 0, result.output
    assert "OUR OWN CONTENTS" in out.read_text(encoding="utf-8")


def test_report_never_overwrites_without_force(build_file_tree: BuildTree) -> None:
    root = build_file_tree(mini_workspace())
    args = ["report", str(root / "ws"), "--format", "html", "--lang", "en"]
    first = CliRunner().invoke(cli, args, obj={})
    assert first.exit_code == 0
    target = root / "ws/reports/executive-en.html"
    target.write_text("edited by hand")
    again = CliRunner().invoke(cli, args, obj={})
    assert again.exit_code == 1
    assert again.stderr.endswith(f"{target}: already exists (use --force to replace it)\n")
    assert target.read_text() == "edited by hand"
    assert CliRunner().invoke(cli, [*args, "--force"], obj={}).exit_code == 0


def test_report_per_unit(build_file_tree: BuildTree) -> None:
    root = build_file_tree(mini_workspace())
    result = CliRunner().invoke(
        cli, ["report", str(root / "ws"), "--format", "html", "--by", "unit"], obj={}
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (root / "ws/reports").iterdir()) == [
        "executive-vi-n.html", "executive-vi-s.html", "executive-vi.html",
    ]  # fmt: skip
