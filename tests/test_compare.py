"""Re-assessment: changes with their margin, hand-computed; bad baselines; progress; the CLI."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from assessor.cli import cli
from assessor.compare import Measure, compare, margin
from assessor.errors import ResponseError
from assessor.history import comparison_for, history
from assessor.pipeline import run_assessment

from .conftest import REPO, BuildTree
from .workspaces import ASSESSMENT, MINI_QUESTIONNAIRE, mini_workspace

# A year earlier: everyone unsure of q2, everyone answering "no" to q3.
OLD = {
    "responses/r1.yaml": "respondent: r1\nanswers: {q1: 1, q2: not_sure, q3: 'no'}\n",
    "responses/r2.yaml": "respondent: r2\nanswers: {q1: 2, q2: not_sure, q3: 'no'}\n",
    "responses/r3.yaml": "respondent: r3\nanswers: {q1: 1, q2: not_sure, q3: 'no'}\n",
    "assessment.yaml": ASSESSMENT.replace("date: 2026-10-01", "date: 2025-10-01"),
}


CATALOGUE = """\
kind: initiatives
id: mini-plan
initiatives:
  - id: alpha-standard
    title: {en: Standardise Alpha, vi: Chuẩn hoá Anpha}
    summary: {en: One way everywhere., vi: Một cách làm chung.}
    dimensions: [mini/alpha]
    step: 1
    effort: S
    months: 2
    owner: sales
    cost: {small: {low: 1, high: 2}, mid: {low: 1, high: 2}, large: {low: 1, high: 2},
           enterprise: {low: 1, high: 2}}
    effect: {en: Done., vi: Xong.}
    basis: {en: Practice., vi: Thông lệ.}
  - id: beta-measure
    title: {en: Measure Beta, vi: Đo lường Bêta}
    summary: {en: Count it., vi: Đo đếm.}
    dimensions: [mini/beta]
    step: 1
    effort: M
    months: 4
    owner: executive
    cost: {small: {low: 1, high: 2}, mid: {low: 1, high: 2}, large: {low: 1, high: 2},
           enterprise: {low: 1, high: 2}}
    effect: {en: Done., vi: Xong.}
    basis: {en: Practice., vi: Thông lệ.}
"""


def _pair(build_file_tree: BuildTree, old: dict[str, str] | None = None, **new: str) -> Path:
    old_files = mini_workspace(**{"library/plan.yaml": CATALOGUE, **(old or OLD)})
    files = {k.replace("ws/", "old/", 1): v for k, v in old_files.items()}
    new.setdefault("assessment.yaml", ASSESSMENT + "baseline: ../old\n")
    new.setdefault("library/plan.yaml", CATALOGUE)
    return build_file_tree({**files, **mini_workspace(**new)})


def test_changes_and_margins_computed_by_hand(build_file_tree: BuildTree) -> None:
    root = _pair(build_file_tree)
    c = compare(run_assessment(root / "old"), run_assessment(root / "ws"))
    alpha, beta = c.dimensions
    # Beta, respondent by respondent: then q3 "no" = 1 for all three (sd 0);
    # now r1 (q2 5 → 4.0, q3 no → 1) = 2.5, r2 and r3 (q2 3 → 2.5, q3 yes → 4) = 3.25.
    assert beta.old == Measure(1.0, 1, 0.0, 3)
    assert beta.new is not None and beta.new.score == pytest.approx(3.0)
    assert beta.new.sd == pytest.approx(math.sqrt(0.375 / 2))
    assert beta.delta == pytest.approx(2.0)
    assert beta.margin == pytest.approx(1.96 * math.sqrt(0.0 / 3 + 0.1875 / 3))  # 0.49
    assert beta.verdict == "improved"
    # Alpha: then 1, 2, 1 (q1 alone); now r1 (2 + 4.0 × 0.5) / 1.5, r2 (4 + 2.5 × 0.5) / 1.5,
    # r3 2.5 (q1 not applicable).
    now = [4 / 1.5, 5.25 / 1.5, 2.5]
    var_now = sum((x - sum(now) / 3) ** 2 for x in now) / 2
    assert alpha.delta == pytest.approx(sum(now) / 3 - 4 / 3)
    assert alpha.margin == pytest.approx(1.96 * math.sqrt((1 / 3) / 3 + var_now / 3))
    assert (alpha.verdict, alpha.old and alpha.old.level, alpha.new and alpha.new.level) == (
        "improved", 1, 2,
    )  # fmt: skip
    assert alpha.measured_differently is None


def test_a_change_within_the_margin_is_no_clear_change() -> None:
    old, new = Measure(2.0, 2, 0.8, 4), Measure(2.5, 2, 0.8, 4)
    assert margin(old, new) == pytest.approx(1.96 * math.sqrt(0.16 + 0.16))  # 1.109
    # one respondent on a side counts a spread of one level; never below a quarter level
    assert margin(Measure(2.0, 2, None, 1), Measure(2.0, 2, None, 1)) == pytest.approx(
        1.96 * math.sqrt(2)
    )
    assert margin(Measure(2, 2, 0.0, 40), Measure(2, 2, 0.0, 40)) == 0.25


def test_a_dimension_measured_by_other_questions_says_so(build_file_tree: BuildTree) -> None:
    # a year earlier, q2 counted for Beta only
    earlier_q = MINI_QUESTIONNAIRE.replace("          - {dimension: mini/alpha, weight: 0.5}\n", "")
    root = _pair(build_file_tree, {**OLD, "library/mini-q.yaml": earlier_q})
    c = compare(run_assessment(root / "old"), run_assessment(root / "ws"))
    alpha, beta = c.dimensions
    assert alpha.measured_differently is not None
    assert (alpha.measured_differently.old_questions, alpha.measured_differently.new_questions,
            alpha.measured_differently.common) == (1, 2, 1)  # fmt: skip
    assert beta.measured_differently is None
    result = CliRunner().invoke(cli, ["compare", str(root / "old"), str(root / "ws")], obj={})
    assert "measured differently: 1 question(s) then, 2 now, 1 in common" in result.stdout


def test_progress_marks_the_earlier_roadmap(build_file_tree: BuildTree) -> None:
    root = _pair(build_file_tree)
    old = run_assessment(root / "old")
    first, second = (p.initiative.id for p in old.roadmap.items[:2])
    text = ASSESSMENT + (
        f"baseline: ../old\nprogress:\n  {first}: done\n"
        f"  {second}: {{status: in_progress, note: {{en: Half way., vi: Được nửa.}}}}\n"
    )
    (root / "ws/assessment.yaml").write_text(text, encoding="utf-8")
    c = comparison_for(run_assessment(root / "ws"))
    assert c is not None
    statuses = {i.id: (i.status, i.note and i.note.vi) for i in c.initiatives}
    assert statuses[first] == ("done", None) and statuses[second] == ("in_progress", "Được nửa.")
    # the mini questionnaire does not measure data protection: the legal baseline is planned
    # (and checked); the roadmap's third initiative has no status
    (third,) = (p.initiative.id for p in old.roadmap.items[2:])
    assert first == "data-protection-baseline" and statuses[third] == ("not_reported", None)
    assert len(statuses) == 3
    assert [str(w) for w in c.warnings] == [
        f"{root / 'ws/assessment.yaml'}:15:1: warning: progress: no status for 1 initiative(s) of "
        f"the baseline's roadmap, shown as not reported: {third} (crm-assess progress draft "
        "lists them)"
    ]
    draft = CliRunner().invoke(cli, ["progress", "draft", str(root / "ws")], obj={})
    assert draft.exit_code == 0, draft.output
    assert f"  {first}: done  # phase 1: " in draft.stdout
    assert f"  {second}: in_progress  # phase " in draft.stdout


def test_an_unknown_initiative_in_progress_is_one_line_at_its_key(
    build_file_tree: BuildTree,
) -> None:
    root = _pair(build_file_tree, **{
        "assessment.yaml": ASSESSMENT + "baseline: ../old\nprogress:\n  no-such-thing: done\n"
    })  # fmt: skip
    with pytest.raises(ResponseError) as caught:
        comparison_for(run_assessment(root / "ws"))
    (line,) = caught.value.lines()
    assert line.startswith(f"{root / 'ws/assessment.yaml'}:16:3: ")
    assert line.endswith("unknown initiative 'no-such-thing'")


@pytest.mark.parametrize(
    ("old", "message"),
    [
        ({"assessment.yaml": OLD["assessment.yaml"].replace("Thử Nghiệm", "Khác")},
         "'../old' is an assessment of 'Công ty Khác', not of 'Công ty Thử Nghiệm'"),
        ({"assessment.yaml": ASSESSMENT.replace("2026-10-01", "2026-11-01")},
         "'../old' is dated 2026-11-01, not before this assessment (2026-10-01)"),
    ],
)  # fmt: skip
def test_a_baseline_of_another_client_or_not_earlier_is_one_line(
    build_file_tree: BuildTree, old: dict[str, str], message: str
) -> None:
    root = _pair(build_file_tree, {**OLD, **old})
    result = CliRunner().invoke(cli, ["report", str(root / "ws"), "--format", "html"], obj={})
    assert result.exit_code == 1
    assert result.stderr == f"{root / 'ws/assessment.yaml'}:14:11: baseline: {message}\n"


def test_a_baseline_that_is_not_a_workspace_is_one_line(build_file_tree: BuildTree) -> None:
    root = build_file_tree(mini_workspace(**{"assessment.yaml": ASSESSMENT + "baseline: ../x\n"}))
    result = CliRunner().invoke(cli, ["report", str(root / "ws"), "--format", "html"], obj={})
    assert result.exit_code == 1
    assert result.stderr == (
        f"{root / 'ws/assessment.yaml'}:14:11: baseline: '../x' is not found: there is no folder "
        f"{root / 'x'} (a baseline is relative to the folder of the assessment.yaml naming it: "
        "copy the earlier assessment's folder there, or correct the path)\n"
    )


def _copy(tmp_path: Path, *names: str) -> Path:
    import shutil

    for name in names:
        shutil.copytree(REPO / "examples" / name, tmp_path / "pair" / name)
    return tmp_path / "pair"


def test_a_pair_copied_together_keeps_its_baseline_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pair = _copy(tmp_path, "saigon-xanh", "saigon-xanh-2025")
    (tmp_path / "elsewhere").mkdir()
    for cwd, ws in ((tmp_path / "elsewhere", "../pair/saigon-xanh"), (pair / "saigon-xanh", ".")):
        monkeypatch.chdir(cwd)
        result = CliRunner().invoke(cli, ["progress", "draft", ws], obj={})
        assert result.exit_code == 0, result.output
        assert f"roadmap of {pair.resolve() / 'saigon-xanh-2025'} (2025-10-21)" in result.stdout
    # a baseline may also name the earlier assessment.yaml itself
    yaml_file = pair / "saigon-xanh/assessment.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    yaml_file.write_text(text.replace("baseline: ../saigon-xanh-2025\n",
                                      "baseline: ../saigon-xanh-2025/assessment.yaml\n"))  # fmt: skip
    chain = history(run_assessment(Path("assessment.yaml")))
    assert [r.workspace.assessment.date.year for r in chain] == [2025, 2026]


def test_a_workspace_copied_without_its_baseline_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pair = _copy(tmp_path, "saigon-xanh")
    monkeypatch.chdir(tmp_path)
    lines = (pair / "saigon-xanh/assessment.yaml").read_text(encoding="utf-8").splitlines()
    line = lines.index("baseline: ../saigon-xanh-2025") + 1
    hint = (
        "(a baseline is relative to the folder of the assessment.yaml naming it: copy the "
        "earlier assessment's folder there, or correct the path)"
    )
    result = CliRunner().invoke(cli, ["report", "pair/saigon-xanh", "--format", "html"], obj={})
    assert result.exit_code == 1
    assert result.stderr == (
        f"pair/saigon-xanh/assessment.yaml:{line}:11: baseline: '../saigon-xanh-2025' is not "
        f"found: there is no folder {pair / 'saigon-xanh-2025'} {hint}\n"
    )
    (pair / "saigon-xanh-2025").mkdir()  # a folder, but no assessment in it
    result = CliRunner().invoke(cli, ["progress", "draft", "pair/saigon-xanh"], obj={})
    assert result.exit_code == 1
    assert result.stderr == (
        f"pair/saigon-xanh/assessment.yaml:{line}:11: baseline: '../saigon-xanh-2025' is not an "
        f"assessment workspace: there is no {pair / 'saigon-xanh-2025/assessment.yaml'} {hint}\n"
    )


def test_a_baseline_with_no_dimension_in_common_is_one_line(build_file_tree: BuildTree) -> None:
    other = {
        f"library/{name}": text.replace("mini/", "other/").replace("id: mini\n", "id: other\n")
        for name, text in (("mini.yaml", mini_workspace()["ws/library/mini.yaml"]),
                           ("mini-q.yaml", MINI_QUESTIONNAIRE),
                           ("mini-target.yaml", mini_workspace()["ws/library/mini-target.yaml"]),
                           ("plan.yaml", CATALOGUE))
    }  # fmt: skip
    old_yaml = OLD["assessment.yaml"].replace("frameworks: [mini]", "frameworks: [other]")
    root = _pair(build_file_tree, {**OLD, **other, "assessment.yaml": old_yaml})
    result = CliRunner().invoke(cli, ["compare", str(root / "old"), str(root / "ws")], obj={})
    assert result.exit_code == 1
    assert result.stderr == (
        f"{root / 'old'}: no dimension in common with this assessment "
        "(questionnaires 'mini-q' and 'mini-q')\n"
    )


def test_compare_json_on_the_example_pair() -> None:
    old, new = REPO / "examples/saigon-xanh-2025", REPO / "examples/saigon-xanh"
    result = CliRunner().invoke(cli, ["compare", str(old), str(new), "--format", "json"], obj={})
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["old"]["date"], data["new"]["date"]) == ("2025-10-21", "2026-10-20")
    dims = {d["id"]: d for d in data["dimensions"]}
    process = dims["qci/process-management"]
    assert (process["verdict"], process["old"]["level"], process["new"]["level"]) == (
        "improved", 1, 2,
    )  # fmt: skip
    assert process["change"] > process["margin"]
    # 2025 was answered with crm-full 1.0, which asked about metrics with other questions
    metrics = dims["gartner-8bb/metrics"]
    assert metrics["verdict"] == "no_clear_change" and metrics["measured_differently"]
    assert {k["id"]: k["change"] for k in data["kpis"]}["nps"] == 7
    status = {i["id"]: i["status"] for i in data["initiatives"]}
    assert status["consent-data-protection"] == "done"
    assert status["crm-phased-rollout"] == "in_progress"
    assert [a.workspace.assessment.date.year for a in history(run_assessment(new))] == [2025, 2026]


def _pdf_pages(data: bytes) -> list[str]:
    import io

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", ["Tiến triển so với lần đánh giá trước", "Kể từ lần đánh giá ngày 21/10/2025, "
                "4/38 khía cạnh đã cải thiện rõ và không khía cạnh nào giảm", "Lộ trình lần trước: 7 đã "
                "hoàn thành, 6 đang thực hiện, 10 chưa bắt đầu", "Năng lực qua các lần đánh giá",
                "Đã hoàn thành (7) Đưa dữ liệu cá nhân",
                "Vị thế trên ma trận chiến lược (một vị trí, không phải một mức): vẫn là Bán "
                "hàng dựa trên sản phẩm;"]),
        ("en", ["Progress since the last assessment", "Since 21 October 2025, 4 of 38 dimensions "
                "clearly improved and none declined", "The previous roadmap: 7 done, 6 in progress, "
                "10 not started", "Capabilities across assessments", "Done (7) Bring the personal data",
                "Strategy matrix position (a place, not a level): still Product-based selling;"]),
    ],
)  # fmt: skip
def test_the_example_report_shows_progress_in_both_languages(
    lang: str, expected: list[str]
) -> None:
    from assessor.report.build import make_report

    result = run_assessment(REPO / "examples/saigon-xanh")
    pages = _pdf_pages(make_report(result, lang=lang, kind="executive"))
    text = " ".join(pages)
    for phrase in expected:
        assert phrase in text, phrase
    # the progress section is one page: its title, trend and initiatives together
    (page,) = [p for p in pages if expected[0] in p and expected[3] in p]
    assert expected[2] in page and expected[4] in page
    assert len(pages) <= 12
    # the consultant's notes on each initiative are the full report's
    full = " ".join(_pdf_pages(make_report(result, lang=lang, kind="full")))
    assert ("Đã chạy ở miền Nam" if lang == "vi" else "Live in the south") in full
    assert ("Đã chạy ở miền Nam" if lang == "vi" else "Live in the south") not in text


def test_the_strategy_matrix_is_compared_as_a_position_not_a_maturity() -> None:
    old, new = REPO / "examples/saigon-xanh-2025", REPO / "examples/saigon-xanh"
    result = CliRunner().invoke(cli, ["compare", str(old), str(new), "--format", "json"], obj={})
    data = json.loads(result.stdout)
    # no level, verdict or "clearly moved" for the matrix's four positions
    assert not [d for d in data["dimensions"] if d["id"].startswith("crm-strategy-levels/")]
    assert "crm-strategy-levels" not in {f["id"] for f in data["frameworks"]}
    assert data["strategy_position"] == {
        "framework": "crm-strategy-levels",
        "old": "product-based-selling",
        "new": "product-based-selling",
        "old_name": "Product-based selling",
        "new_name": "Product-based selling",
        "moved": False,
        "text": "same position",
        "axes": [
            {"id": "customer-information", "name": "Depth of customer information", "old": 1.6,
             "new": 1.7, "change": 0.1, "measured_differently": None},
            {"id": "individualisation",
             "name": "Degree of individualisation of the relationship",
             "old": 2.2, "new": 2.0, "change": -0.2, "measured_differently": None},
        ],
    }  # fmt: skip
    csv_out = CliRunner().invoke(cli, ["compare", str(old), str(new), "--format", "csv"], obj={})
    lines = [x for x in csv_out.stdout.splitlines() if "crm-strategy-levels" in x]
    assert lines == [
        "position,crm-strategy-levels,Product-based selling → Product-based selling,"
        "product-based-selling,product-based-selling,,,same position,,,"
    ]
    c = compare(run_assessment(old), run_assessment(new))
    assert all(not d.id.startswith("crm-strategy-levels/") for d in c.moved())


def test_a_move_on_the_matrix_is_told_as_a_change_of_place() -> None:
    import dataclasses

    from assessor.compare_results import compare_table
    from assessor.report.labels import load_labels
    from assessor.report.progress import _headline

    c = comparison_for(run_assessment(REPO / "examples/saigon-xanh"))
    assert c is not None and c.position is not None
    moved = dataclasses.replace(c, position=dataclasses.replace(
        c.position, new="customer-based-marketing"))  # fmt: skip
    assert _headline(moved, "vi", load_labels("vi")).endswith(
        "Trên ma trận chiến lược, doanh nghiệp đã chuyển từ Bán hàng dựa trên sản phẩm sang "
        "Marketing dựa trên khách hàng."
    )
    assert not _headline(c, "en", load_labels("en")).endswith("matrix the company moved from")
    table = compare_table(moved, "en").splitlines()
    assert next(x for x in table if x.startswith("position")).split()[-1] == "moved"


def test_the_example_pair_is_in_step_and_a_progress_out_of_step_is_warned_about(
    tmp_path: Path,
) -> None:
    # the example's progress names the 2025 roadmap as it is planned now, every one of its
    # initiatives within the 24 months
    for command in (["validate", "examples/saigon-xanh"],
                    ["compare", "examples/saigon-xanh-2025", "examples/saigon-xanh"]):  # fmt: skip
        result = CliRunner().invoke(cli, [command[0], *(str(REPO / p) for p in command[1:])])
        assert result.exit_code == 0 and result.stderr == "", result.output
    # a status for an initiative that roadmap does not hold, and none for one it holds
    pair = _copy(tmp_path, "saigon-xanh", "saigon-xanh-2025")
    yaml_file = pair / "saigon-xanh/assessment.yaml"
    lines = yaml_file.read_text(encoding="utf-8").splitlines()
    at = lines.index("  handoff-slas: done")
    lines[at] = "  crm-configure-migrate: done"
    yaml_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    head = lines.index("progress:") + 1
    expected = [
        f"{yaml_file}:{head}:1: warning: progress: no status for 1 initiative(s) of the "
        "baseline's roadmap, shown as not reported: handoff-slas (crm-assess progress draft "
        "lists them)",
        f"{yaml_file}:{at + 1}:3: warning: progress.crm-configure-migrate: "
        "'crm-configure-migrate' is not in the roadmap of the baseline '../saigon-xanh-2025' as "
        "it is planned now: its status is shown apart from that roadmap's (check the id)",
    ]
    old, new = str(pair / "saigon-xanh-2025"), str(pair / "saigon-xanh")
    result = CliRunner().invoke(cli, ["compare", old, new, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == expected
    status = {i["id"]: i["status"] for i in json.loads(result.stdout)["initiatives"]}
    assert (status["handoff-slas"], status["crm-configure-migrate"]) == ("not_reported", "done")
    result = CliRunner().invoke(cli, ["validate", new])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == expected
