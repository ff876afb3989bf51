"""Both languages all the way: a client's free text per language, and command-line tables that
print names in the chosen language."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from assessor.cli import cli
from assessor.pipeline import run_assessment
from assessor.report.context import build_context

from .conftest import BuildTree
from .workspaces import ASSESSMENT, mini_workspace

BILINGUAL = ASSESSMENT.replace(
    "client: {name: Công ty Thử Nghiệm}",
    "client:\n  name: Công ty Thử Nghiệm\n  industry: {en: Electronics retail, vi: Bán lẻ điện máy}\n"
    "branding: {consultancy: {en: Morning Star Advisory, vi: Tư vấn Sao Mai}}",
).replace(
    "  - {id: n, name: Miền Bắc}\n  - {id: s, name: Miền Nam}",
    "  - {id: n, name: {en: The North, vi: Miền Bắc}}\n  - {id: s, name: Miền Nam}",
)


def _workspace(build_file_tree: BuildTree, assessment: str = BILINGUAL) -> Path:
    return build_file_tree(mini_workspace(**{"assessment.yaml": assessment})) / "ws"


def test_an_english_report_has_the_english_industry_units_and_consultancy(
    build_file_tree: BuildTree,
) -> None:
    # units of one and two respondents are shown as such only with min_group 1
    result = run_assessment(_workspace(build_file_tree, BILINGUAL + "scoring: {min_group: 1}\n"))
    en = build_context(result, lang="en", kind="full")
    vi = build_context(result, lang="vi", kind="full")
    assert (en.industry, en.consultancy) == ("Electronics retail", "Morning Star Advisory")
    assert (vi.industry, vi.consultancy) == ("Bán lẻ điện máy", "Tư vấn Sao Mai")
    assert en.units == [("The North", 1), ("Miền Nam", 2)]  # one text serves both languages
    assert vi.units == [("Miền Bắc", 1), ("Miền Nam", 2)]


def test_a_text_per_language_needs_both_and_no_empty_text(build_file_tree: BuildTree) -> None:
    broken = BILINGUAL.replace("{en: The North, vi: Miền Bắc}", "{en: The North}").replace(
        "  industry: {en: Electronics retail, vi: Bán lẻ điện máy}", "  industry: ''"
    )
    ws = _workspace(build_file_tree, broken)
    result = CliRunner().invoke(cli, ["validate", str(ws)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{ws}/assessment.yaml:4:13: client.industry: is empty: write the text, or leave the key out",
        f"{ws}/assessment.yaml:11:19: units[0].name: missing Vietnamese text ('vi')",
        "2 problem(s) in 0 file(s) checked.",
    ]


def test_tables_print_names_in_the_chosen_language(build_file_tree: BuildTree) -> None:
    ws = _workspace(build_file_tree)
    runner = CliRunner()
    vi = runner.invoke(cli, ["gaps", str(ws), "--lang", "vi"])
    assert vi.exit_code == 0, vi.output
    assert vi.stdout.splitlines()[2].split() == [
        "Thu",
        "nhỏ",
        "Bêta",
        "3.00",
        "4.00",
        "1.00",
        "1.33",
        "có",  # indicative: Beta rests on two questions
    ]
    en = runner.invoke(cli, ["score", str(ws), "--lang", "en"]).stdout.splitlines()
    table = en[en.index("") + 1 :]  # the headline first, then the table
    assert table[2].split()[:3] == ["Mini", "(framework)", "2.96"]
    assert table[3].split()[:2] == ["Mini", "Alpha"]
    csv = runner.invoke(cli, ["gaps", str(ws), "--lang", "vi", "--format", "csv"]).stdout
    assert csv.splitlines()[1].startswith("mini,beta,")  # data keeps the ids


def test_the_roadmap_table_names_owners_and_the_route_in_the_chosen_language() -> None:
    example = Path(__file__).parent.parent / "examples" / "saigon-xanh"
    runner = CliRunner()
    vi = runner.invoke(cli, ["roadmap", str(example), "--lang", "vi"]).stdout
    assert "Lộ trình đề xuất trên ma trận chiến lược CRM: Bán hàng dựa trên sản phẩm → " in vi
    assert "Ban lãnh đạo" in vi and " executive " not in vi and "product-based" not in vi
    en = runner.invoke(cli, ["roadmap", str(example), "--lang", "en"]).stdout
    assert "Recommended route on the CRM strategy matrix: Product-based selling → " in en
    assert "Marketing " in en and "Executive " in en  # owners' names, not role ids


def test_the_score_and_roadmap_tables_speak_the_chosen_language() -> None:
    from .conftest import REPO

    bank = str(REPO / "examples" / "phuong-dong-bank")
    score = CliRunner().invoke(cli, ["score", bank, "--lang", "vi"]).stdout.splitlines()
    header = score[score.index("") + 1]
    assert header.split("  ")[0] == "mô hình" and "độ lệch chuẩn" in header
    assert not {"framework", "dimension", "pct", "answered", "sd"} & set(header.split())
    # the legend names the columns as the table does
    assert score[1].startswith("mức: mức đạt được") and "; điểm: " in score[1]
    assert "; %: % so với thông lệ tốt nhất" in score[1]
    roadmap = CliRunner().invoke(cli, ["roadmap", bank, "--lang", "vi"]).stdout.splitlines()
    assert roadmap[0].split("  ")[0] == "giai đoạn" and "nguồn lực" in roadmap[0]
    assert "months" not in roadmap[0] and "effort" not in roadmap[0]
    rows = [line.split("  ") for line in roadmap[2:] if line.split()[:1] in (["1"], ["2"])]
    cells = {cell.strip() for row in rows for cell in row}
    assert "vừa" in cells and not {"S", "M", "L"} & cells  # the effort in words
    # the machine formats keep their English keys
    csv = CliRunner().invoke(cli, ["roadmap", bank, "--lang", "vi", "--format", "csv"]).stdout
    assert csv.startswith("phase,first_month,last_month,initiative,title,owner,effort,")
