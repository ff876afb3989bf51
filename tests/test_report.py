"""Reports as PDF: the text a reader sees, metadata and tags, hostile input, the CLI, overrides."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from assessor.cli import cli
from assessor.errors import RenderError
from assessor.pipeline import AssessmentResult, run_assessment
from assessor.report import fetcher as fetcher_module
from assessor.report.build import make_report
from assessor.report.fetcher import AssetOnlyFetcher
from assessor.report.render import report_dirs

from .conftest import REPO, BuildTree
from .workspaces import ASSESSMENT, R1, mini_workspace, unsure_workspace

HOSTILE_NAME = '<link rel=attachment href="file:///etc/hostname">'
HOSTILE_COMMENT = '<img src="http://127.0.0.1:9/x"> <style>@import url(file:///etc/passwd);</style> url(file:///etc/hosts)'
HOSTILE_INDUSTRY = "</p><style>body { background: url(file:///etc/hosts) }</style>"


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def mini(build_file_tree: BuildTree) -> AssessmentResult:
    return run_assessment(build_file_tree(mini_workspace()) / "ws")


def test_pdf_text_has_client_level_top_gap_and_vietnamese_headings(mini: AssessmentResult) -> None:
    text = _pdf_text(make_report(mini, lang="vi", kind="executive"))
    assert "Công ty Thử Nghiệm" in text
    assert (
        "Công ty Thử Nghiệm: Mức 2 — Đang phát triển. Để lên mức 3, mô hình này cần đạt mức 3 trở "
        "lên; hiện chưa đạt." in " ".join(text.split())
    )
    assert "Bêta (Thu nhỏ) hiện tại 3,0/4 · mục tiêu 4,0" in text  # the first finding
    for heading in (
        "Doanh nghiệp đang ở đâu",
        "Điều quan trọng nhất",
        "Việc cần làm trước tiên",
        "Phát hiện đáng chú ý nhất",
        "Vị thế chiến lược CRM",
        "Tổng quan các năng lực",
        "Lộ trình triển khai",
        "Tổng quan KPI",
        "Phương pháp: cách tính từng con số",
        "Kiểm tra các con số chính",
    ):
        assert heading in text, heading
    assert "Mục lục" not in text  # no contents page in the executive report
    assert "Trang 1 / " in text
    assert "01/10/2026" in text  # the running header's date


def test_pages_one_and_two_tell_the_whole_story(build_file_tree: BuildTree) -> None:
    from assessor.demo import example_workspace
    from assessor.report.context import build_context

    result = run_assessment(example_workspace())
    story = build_context(result, lang="en", kind="executive").executive
    assert story is not None
    reader = pypdf.PdfReader(io.BytesIO(make_report(result, lang="en", kind="executive")))
    first, second = (" ".join(reader.pages[i].extract_text().split()) for i in (0, 1))
    # an action title, where the company stands (the level first, the average second)
    assert story.action_title == (
        "The most pressing gaps are in measurement, customer data and segmentation"
    )
    assert story.action_title in first
    # where the plan starts: the same new work as "What to do first", beside the work under way
    assert story.action_plan.startswith(
        "Besides the work under way since the previous roadmap, the new work starts with "
        f"“{story.moves[0].title}”, “{story.moves[1].title}” and “{story.moves[2].title}” "
        "(months\u00a0"  # a no-break space: the months never part from their number
    )
    assert story.action_plan.replace("\u00a0", " ") in first
    level = first.index(
        "Level 1 — Initial. Level 2 needs 4 of the 5 frameworks at level 2 or above; none is "
        "there yet."
    )
    assert level < first.index("Average score 2.")
    # what matters most: three capabilities, not one weakness under three frameworks' names
    assert [f.name for f in story.findings] == [
        "Measurement and value",
        "Data and information",
        "Customer strategy and segmentation",
    ]
    assert all(f.name in first and f.today in first for f in story.findings)
    # what to do first, with owner, start, cost and effect; what it costs; the most telling insight
    # a year into the programme: the work under way continues first, its costs not counted again
    assert (
        "First, the work under way since the previous roadmap continues (its costs are not "
        "counted again below): Audit and clean customer data; Record who buys" in second
    )
    assert (
        "1. Segment customers by needs, with contact rules Owner: Marketing · Starts: month 4"
        in second
    )
    # the cost on one line (its figures and units kept together), then the effect beside it
    assert "80–250 million đồng" in second and "Each segment has its own contact plan" in second
    # nothing new ends after month 24: the cost is that of the 24-month roadmap
    assert (
        "The first three moves: 460 million – 1.5 billion đồng. The whole 24-month roadmap:"
        in second
    )
    # two executives are too few to compare apart (min_group 3): where managers disagree instead
    assert story.insight.startswith("Only on Technology (Gartner 8BB")
    assert story.insight in second
    assert "Contents" not in first + second


def test_contents_give_the_page_each_part_starts_on(mini: AssessmentResult) -> None:
    reader = pypdf.PdfReader(io.BytesIO(make_report(mini, lang="vi", kind="full")))
    contents = reader.pages[1].extract_text().splitlines()
    assert contents[0] == "Mục lục"
    printed = [line.rsplit(" ", 1) for line in contents[1:] if line.rsplit(" ", 1)[-1].isdigit()]
    # where each part's heading really is: its bookmark
    starts = {
        item.title: reader.get_destination_page_number(item) + 1
        for item in reader.outline
        if not isinstance(item, list)
    }
    assert len(printed) >= 10
    assert printed[0] == ["Tóm tắt cho Ban lãnh đạo", "3"]
    for title, page in printed:
        assert starts[title] == int(page), title


def test_pdf_text_in_english_reads_as_english(mini: AssessmentResult) -> None:
    text = _pdf_text(make_report(mini, lang="en", kind="executive"))
    assert (
        "Công ty Thử Nghiệm: Level 2 — Developing. Level 3 needs the framework at level 3 or "
        "above; it is not there yet." in " ".join(text.split())
    )
    assert "Beta (Mini) 3.0 of 4 today · target 4.0" in text
    assert "Page 2 of " in text and "1 October 2026" in text
    assert "Mục tiêu" not in text and "Hiện tại" not in text


def test_pdf_metadata_bookmarks_language_and_tags(mini: AssessmentResult) -> None:
    reader = pypdf.PdfReader(io.BytesIO(make_report(mini, lang="en", kind="full")))
    assert reader.metadata is not None
    assert (
        reader.metadata.title
        == "CRM strategy maturity assessment – Công ty Thử Nghiệm – Full report"
    )
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[:3] == [
        "Summary for leadership",
        "CRM strategy position",
        "Strengths and top gaps",
    ]
    assert "How far respondents agree" in titles and titles[-1] == "Results question by question"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root


def test_full_report_shows_every_part_the_issue_asks_for(mini: AssessmentResult) -> None:
    text = _pdf_text(make_report(mini, lang="vi", kind="full"))
    for part in (
        "Thu nhỏ",  # the framework's own page, with its level descriptors
        "Chuẩn toàn công ty.",
        "Mức độ đồng thuận giữa những người trả lời",
        "Chi tiết các sáng kiến",
        "Kết quả theo từng câu hỏi",
        "Chưa có ngân sách",  # a respondent's answer, word for word
        "mức 2: 1 · mức 4: 1",
    ):
        assert part in text.replace("\n", " "), part


def _hostile(build_file_tree: BuildTree) -> AssessmentResult:
    assessment = ASSESSMENT.replace(
        "{name: Công ty Thử Nghiệm}",
        "{name: '" + HOSTILE_NAME + "', industry: '" + HOSTILE_INDUSTRY + "'}",
    ).replace("{id: n, name: Miền Bắc}", "{id: n, name: '<script>alert(1)</script>'}")
    files = mini_workspace(**{
        "assessment.yaml": assessment,
        "responses/r1.yaml": R1.replace('comment: "<b>bold</b>"', f"comment: '{HOSTILE_COMMENT}'"),
    })  # fmt: skip
    return run_assessment(build_file_tree(files) / "ws")


@pytest.mark.parametrize("kind", ["executive", "full"])
def test_hostile_text_stays_text_and_fetches_nothing(
    kind: str, build_file_tree: BuildTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _hostile(build_file_tree)
    fetched: list[str] = []
    original = AssetOnlyFetcher.fetch

    def spy(self, url, headers=None):  # type: ignore[no-untyped-def]
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(fetcher_module.AssetOnlyFetcher, "fetch", spy)
    html = make_report(result, lang="en", kind=kind, fmt="html").decode()
    assert HOSTILE_NAME not in html and "&lt;link rel=attachment" in html
    assert "<script>" not in html and "<style>body" not in html
    if kind == "full":
        assert HOSTILE_COMMENT not in html and "&lt;img src=" in html
    data = make_report(result, lang="en", kind=kind)
    assets = (REPO / "reports").resolve().as_uri()
    assert fetched and all(url.startswith(assets) for url in fetched), fetched
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.attachments == {}
    text = _pdf_text(data).replace("\n", " ")
    assert 'href="file:///etc/hostname"' in text
    if kind == "full":
        assert "127.0.0.1:9/x" in text and "url(file:///etc/hosts)" in text


def test_logo_must_be_an_image_inside_the_workspace(build_file_tree: BuildTree) -> None:
    outside = ASSESSMENT + "branding: {logo: ../../secret.png}\n"
    root = build_file_tree({**mini_workspace(**{"assessment.yaml": outside}), "secret.png": "x"})
    result = run_assessment(root / "ws")
    with pytest.raises(
        RenderError,
        match=r"branding\.logo: '\.\./\.\./secret\.png' is outside the workspace folder",
    ):
        make_report(result, lang="en", fmt="html")
    not_image = ASSESSMENT + "branding: {logo: responses/r1.yaml}\n"
    result = run_assessment(
        build_file_tree(mini_workspace(**{"assessment.yaml": not_image})) / "ws"
    )
    with pytest.raises(RenderError, match="is not an image"):
        make_report(result, lang="en", fmt="html")


def test_branding_logo_and_accent_reach_the_report(build_file_tree: BuildTree) -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>'
    branded = (
        ASSESSMENT + "branding: {consultancy: Tư vấn Mê Kông, logo: logo.svg, accent: '#8a1c7c'}\n"
    )
    root = build_file_tree(mini_workspace(**{"assessment.yaml": branded, "logo.svg": svg}))
    result = run_assessment(root / "ws")
    html = make_report(result, lang="vi", fmt="html").decode()
    assert "--accent: #8a1c7c" in html and (root / "ws/logo.svg").resolve().as_uri() in html
    assert "Tư vấn Mê Kông" in _pdf_text(make_report(result, lang="vi"))


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
    override = '{% extends "default:executive.html.j2" %}{% block content %}<p>OUR OWN CONTENTS</p>{{ super() }}{% endblock %}'
    root = build_file_tree({**mini_workspace(), "lib/reports/executive.html.j2": override})
    assert report_dirs([root / "lib"])[0] == root / "lib" / "reports"
    out = root / "x.html"
    args = [
        "--library",
        str(root / "lib"),
        "report",
        str(root / "ws"),
        "--format",
        "html",
        "-o",
        str(out),
    ]
    result = CliRunner().invoke(cli, args, obj={})
    assert result.exit_code == 0, result.output
    assert "OUR OWN CONTENTS" in out.read_text(encoding="utf-8")


def test_user_labels_override_single_keys(build_file_tree: BuildTree) -> None:
    labels = 'summary: {en: "The short version", vi: "Bản tóm tắt"}\n'
    root = build_file_tree({**mini_workspace(), "lib/reports/labels.yaml": labels})
    result = run_assessment(root / "ws")
    html = make_report(result, lang="vi", fmt="html", library_dirs=[root / "lib"]).decode()
    assert "Bản tóm tắt" in html and "Tóm tắt cho Ban lãnh đạo" not in html
    assert "Lộ trình triển khai" in html  # every other label still comes from the built-in file


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


def test_report_options_kind_format_output_and_language(build_file_tree: BuildTree) -> None:
    root = build_file_tree(mini_workspace())
    out = root / "full.pdf"
    args = [
        "report",
        str(root / "ws"),
        "--lang",
        "en",
        "--kind",
        "full",
        "--format",
        "pdf",
        "-o",
        str(out),
    ]
    result = CliRunner().invoke(cli, args, obj={})
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{out}\n"
    reader = pypdf.PdfReader(out)
    assert reader.metadata is not None and reader.metadata.title is not None
    assert reader.trailer["/Root"]["/Lang"] == "en" and reader.metadata.title.endswith(
        "Full report"
    )


def test_no_progress_bar_when_not_on_a_terminal(build_file_tree: BuildTree) -> None:
    root = build_file_tree(mini_workspace())
    result = CliRunner().invoke(
        cli, ["report", str(root / "ws"), "--format", "html", "--by", "unit"], obj={}
    )
    assert result.exit_code == 0, result.output
    assert "#" not in result.stderr and "%" not in result.stderr and "\r" not in result.stderr


def test_report_per_unit(build_file_tree: BuildTree) -> None:
    # units of one and two respondents have a report of their own only with min_group 1
    one = ASSESSMENT + "scoring: {min_group: 1}\n"
    root = build_file_tree(mini_workspace(**{"assessment.yaml": one}))
    result = CliRunner().invoke(
        cli, ["report", str(root / "ws"), "--format", "html", "--by", "unit"], obj={}
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (root / "ws/reports").iterdir()) == [
        "executive-vi-n.html", "executive-vi-s.html", "executive-vi.html",
    ]  # fmt: skip
    north = " ".join((root / "ws/reports/executive-vi-n.html").read_text(encoding="utf-8").split())
    assert "Theo đơn vị: Miền Bắc 1." in north
    # one unit's report says so on its cover, in its headline and in its running header
    assert '<span class="unit-suffix"> · Miền Bắc</span>' in north
    assert "Chỉ gồm kết quả của Miền Bắc (1 người trả lời), không phải của toàn công ty" in north
    assert '<p class="headline">Riêng Miền Bắc: Công ty Thử Nghiệm: Mức' in north


def test_a_dimension_nobody_scored_says_so_instead_of_a_level(build_file_tree: BuildTree) -> None:
    result = run_assessment(build_file_tree(unsure_workspace()) / "ws")
    text = _pdf_text(make_report(result, lang="vi", kind="full")).replace("\n", " ")
    assert "Chưa có câu trả lời nào được tính điểm" in text
    assert "None" not in text


def test_no_report_before_any_answer_is_scored(build_file_tree: BuildTree) -> None:
    ws = build_file_tree(unsure_workspace(q3="not_applicable")) / "ws"
    result = CliRunner().invoke(cli, ["report", str(ws)], obj={})
    assert result.exit_code == 1
    assert result.stderr == (
        f"{ws / 'responses'}: nothing to report yet: no answer has been scored (3 respondents; "
        "answers of “not sure” and “not applicable” are not scored)\n"
    )
    assert not (ws / "reports").exists()


def test_a_unit_with_nothing_scored_has_no_report_but_a_warning(build_file_tree: BuildTree) -> None:
    # r1 is the north's only respondent, and was never sure
    unsure = "respondent: r1\nanswers:\n  q1: not_sure\n  q2: not_sure\n  q3: not_applicable\n"
    one = ASSESSMENT + "scoring: {min_group: 1}\n"
    files = mini_workspace(**{"responses/r1.yaml": unsure, "assessment.yaml": one})
    ws = build_file_tree(files) / "ws"
    result = CliRunner().invoke(
        cli, ["report", str(ws), "--format", "html", "--by", "unit"], obj={}
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"{ws / 'responses'}: warning: unit 'n': no answer has been scored, so it has no report\n"
    )
    assert sorted(p.name for p in (ws / "reports").iterdir()) == [
        "executive-vi-s.html", "executive-vi.html",
    ]  # fmt: skip
