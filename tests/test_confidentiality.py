"""No role or unit breakdown shows a group of fewer than `scoring.min_group` respondents."""

from __future__ import annotations

import io
import json
import shutil
from typing import Any

import pypdf
import pytest
from click.testing import CliRunner

from assessor.cli import cli
from assessor.confidential import group_respondents
from assessor.pipeline import run_assessment
from assessor.report.build import make_report
from assessor.report.context import build_context

from .conftest import REPO, BuildTree
from .workspaces import mini_workspace

EXAMPLE = REPO / "examples" / "saigon-xanh"


def test_small_groups_merge_into_others() -> None:
    members = {"a": "sales", "b": "sales", "c": "sales", "d": "it", "e": "finance", "f": "it"}
    g = group_respondents("role", {**members, "g": "finance"}, 3)
    # it 2 + finance 2 = 4 ≥ 3: one group "others"
    assert g.counts == {"sales": 3, "others": 4}
    assert g.merged == ("finance", "it") and not g.withheld
    assert g.group_of["d"] == "others" and g.group_of["a"] == "sales"


def test_others_too_small_takes_the_next_smallest_group() -> None:
    # finance alone (1) cannot stand as "others": service (3) joins it, sales (4) stays;
    # otherwise finance could be worked out from the whole minus the groups shown
    members = {f"s{i}": "sales" for i in range(4)} | {f"v{i}": "service" for i in range(3)}
    g = group_respondents("role", {**members, "f": "finance"}, 3)
    assert g.counts == {"sales": 4, "others": 4}
    assert g.merged == ("finance", "service")


def test_a_breakdown_of_only_others_is_withheld() -> None:
    g = group_respondents("role", {"a": "sales", "b": "it", "c": "finance"}, 3)
    assert (g.counts, g.withheld, g.merged) == ({}, True, ("finance", "it", "sales"))


def test_respondents_without_a_unit_count_as_others() -> None:
    members: dict[str, str | None] = {"a": "n", "b": "n", "c": "n", "d": None, "e": None}
    g = group_respondents("unit", members, 2)
    assert g.counts == {"n": 3, "others": 2} and g.merged == ()
    # nobody in a unit: nothing to show, and nothing withheld
    assert group_respondents("unit", {"a": None}, 3).withheld is False


def _score(args: list[str]) -> Any:
    result = CliRunner().invoke(cli, ["score", str(EXAMPLE), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _groups(data: dict[str, Any]) -> dict[str, int]:
    return {**data["respondents"]["by_role"], **data["respondents"]["by_unit"]}


def test_example_json_shows_no_group_under_three() -> None:
    # ten respondents: two executives, two in sales, two in service, one each in marketing,
    # IT, finance and operations; six in the south, four in the north
    data = json.loads(_score(["--format", "json"]))
    assert data["breakdowns"]["by_role"] == {} and data["respondents"]["by_role"] == {}
    assert _groups(data) == {"north": 4, "south": 6}
    assert set(data["breakdowns"]["by_unit"]) == {"north", "south"}
    assert data["breakdowns"]["notes"] == [
        "Results by role are not shown, as no group would have 3 or more respondents."
    ]
    vi = json.loads(_score(["--format", "json", "--lang", "vi"]))
    assert vi["breakdowns"]["notes"] == [
        "Kết quả theo vai trò không được trình bày, vì không nhóm nào có từ 3 người trả lời trở lên."
    ]


def test_example_table_and_csv_name_no_role() -> None:
    table = _score([])
    assert (
        "\nConfidentiality — results by role are not shown, as no group would have 3 or more "
        "respondents.\n" in table.split("\n\n")[0] + "\n"
    )
    # the note follows --lang like the rest of the summary
    assert (
        "\nBảo mật — kết quả theo vai trò không được trình bày, vì không nhóm nào có từ 3 người "
        "trả lời trở lên.\n" in _score(["--lang", "vi"]).split("\n\n")[0] + "\n"
    )
    cells = {c for line in _score(["--format", "csv"]).splitlines() for c in line.split(",")}
    assert cells.isdisjoint({"executive", "sales", "marketing", "it", "finance", "operations"})


@pytest.mark.parametrize("min_group", [1, 2])
def test_a_smaller_minimum_shows_more(min_group: int, build_file_tree: BuildTree) -> None:
    root = build_file_tree({})
    ws = root / "ws"
    (ws / "responses").mkdir(parents=True)
    for f in (EXAMPLE / "responses").iterdir():
        (ws / "responses" / f.name).write_bytes(f.read_bytes())
    text = (EXAMPLE / "assessment.yaml").read_text(encoding="utf-8")
    (ws / "assessment.yaml").write_text(text + f"scoring: {{min_group: {min_group}}}\n")
    result = CliRunner().invoke(cli, ["score", str(ws), "--format", "json"])
    data = json.loads(result.stdout)
    roles = data["respondents"]["by_role"]
    if min_group == 1:
        assert roles["finance"] == 1 and "others" not in roles
    else:  # marketing, IT, finance and operations have one each: four together
        assert roles == {"executive": 2, "sales": 2, "service": 2, "others": 4}
    assert min(roles.values()) >= min_group


def _pages(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_every_page_of_both_reports_is_marked_and_names_no_small_group() -> None:
    result = run_assessment(EXAMPLE)
    for kind in ("executive", "full"):
        ctx = build_context(result, lang="en", kind=kind)
        assert ctx.roles == [] and ctx.units == [("North (Hanoi branch)", 4),
                                                  ("South (head office, Ho Chi Minh City)", 6)]  # fmt: skip
        assert ctx.leadership_note == ""  # two executives: their mean is not shown
        if kind == "full":
            assert ctx.agreement is not None and ctx.agreement.roles == []
    pages = _pages(make_report(result, lang="en", kind="executive"))
    line = "Confidential: prepared for Công ty Cổ phần Phân phối Sài Gòn Xanh."
    assert all(line in page for page in pages), [i for i, p in enumerate(pages) if line not in p]
    # the executive report's masthead, on page 1, says what the breakdowns leave out
    assert (
        "Results by role are not shown, as no group would have 3 or more respondents." in pages[0]
    )


def test_the_confidentiality_line_can_be_the_consultancy_s_own(build_file_tree: BuildTree) -> None:
    own = "  confidentiality: {en: Strictly confidential., vi: Tuyệt mật.}\n"
    text = (
        (EXAMPLE / "assessment.yaml")
        .read_text(encoding="utf-8")
        .replace('  accent: "#0f6e5a"\n', '  accent: "#0f6e5a"\n' + own)
    )
    root = build_file_tree({"ws/assessment.yaml": text})
    shutil.copytree(EXAMPLE / "responses", root / "ws" / "responses")
    result = run_assessment(root / "ws")
    assert build_context(result, lang="vi", kind="executive").marks.confidentiality == "Tuyệt mật."  # type: ignore[union-attr]
    assert (
        build_context(result, lang="en", kind="executive").marks.confidentiality
        == "Strictly confidential."
    )  # type: ignore[union-attr]


def test_no_report_for_a_unit_too_small_to_stand_alone(build_file_tree: BuildTree) -> None:
    # the north has one respondent, the south two: neither has a report of its own
    ws = build_file_tree(mini_workspace()) / "ws"
    result = CliRunner().invoke(cli, ["report", str(ws), "--format", "html", "--by", "unit"])
    assert result.exit_code == 0, result.output
    where = ws / "assessment.yaml"
    assert result.stderr.splitlines() == [
        f"{where}: warning: unit '{u}': merged into 'others' to keep every group to at least 3 "
        "respondents, so it has no report"
        for u in ("n", "s")
    ]
    assert [p.name for p in (ws / "reports").iterdir()] == ["executive-vi.html"]


def test_the_bank_example_has_groups_large_enough_to_compare_roles() -> None:
    # fourteen managers: three executives, three in sales, three in service, five others
    result = run_assessment(REPO / "examples" / "phuong-dong-bank")
    assert result.scores.role_counts == {"executive": 3, "sales": 3, "service": 3, "others": 5}
    context = build_context(result, lang="en", kind="executive")
    assert context.executive.insight.startswith(  # type: ignore[union-attr]
        "Leadership rates the company 0.4 points higher on the 1–4 scale than the other managers "
        "do (3.0 against "
        "2.6 on average)."
    )
    assert "<svg" in context.executive.insight_chart  # type: ignore[union-attr]
    assert context.marks.group_notes == [  # type: ignore[union-attr]
        # the masthead has just said "By role: …": the note does not open with it again
        "The roles Finance, IT, Marketing and Operations are shown together as “Others” in the "
        "breakdown by role, so that no group has fewer than 3 respondents."
    ]
