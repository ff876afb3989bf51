"""The two marks, each with its own name and one meaning, stated wherever a figure is shown:
an *indicative* dimension rests on fewer than three questions; a *partial* framework is scored on
some of its dimensions only."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pypdf
import pytest
from click.testing import CliRunner

from assessor.cli import cli
from assessor.loading import load_library
from assessor.pipeline import AssessmentResult, run_assessment
from assessor.report.build import make_report
from assessor.report.context import build_context

from .conftest import REPO, BuildTree
from .workspaces import mini_workspace, unsure_workspace

QUICK_ASSESSMENT = """\
kind: assessment
client: {name: Công ty Quét Nhanh}
date: 2026-10-01
questionnaire: crm-quick-scan
respondents:
  - {id: r1, name: An, role: executive}
  - {id: r2, name: Bình, role: sales}
  - {id: r3, name: Chi, role: service}
"""


def quick_scan_workspace() -> dict[str, str]:
    """The quick scan answered by three managers at levels 1, 2 and 2 (every maturity question):
    each dimension rests on one or two questions, so every one is indicative."""
    q = load_library().questionnaire("crm-quick-scan")
    files = {"ws/assessment.yaml": QUICK_ASSESSMENT}
    for rid, level in (("r1", 1), ("r2", 2), ("r3", 2)):
        lines = [f"  {x.id}: {level}" for x in q.questions() if x.type == "maturity"]
        files[f"ws/responses/{rid}.yaml"] = (
            f"respondent: {rid}\nanswers:\n" + "\n".join(lines) + "\n"
        )
    return files


@pytest.fixture
def quick(build_file_tree: BuildTree) -> AssessmentResult:
    return run_assessment(build_file_tree(quick_scan_workspace()) / "ws")


def _cli(root: Path, *args: str) -> Any:
    out = CliRunner().invoke(cli, [*args], obj={})
    assert out.exit_code == 0, out.output
    return out.stdout


def test_a_dimension_on_few_questions_says_so_with_their_number(build_file_tree: BuildTree) -> None:
    # mini: Alpha rests on q1 and q2, Beta on q2 and q3: two questions each, under three
    result = run_assessment(build_file_tree(mini_workspace()) / "ws")
    en = build_context(result, lang="en", kind="full")
    vi = build_context(result, lang="vi", kind="full")
    assert [d.indicative for d in en.frameworks[0].dimensions] == [
        "indicative: rests on 2 questions"
    ] * 2
    assert (
        vi.frameworks[0].dimensions[0].indicative == "chỉ mang tính tham khảo: dựa trên 2 câu hỏi"
    )
    assert [g.indicative for g in en.top_gaps] == ["indicative: rests on 2 questions"] * 2
    assert en.indicative_note == (
        "Indicative scores: every dimension scored rests on fewer than three questions. Every "
        "score here is a first reading, not a measurement."
    )
    # the framework is scored on both its dimensions: not partial
    assert en.frameworks[0].partial == ""


def test_a_framework_scored_on_some_dimensions_is_partial_not_indicative(
    build_file_tree: BuildTree,
) -> None:
    # everyone unsure of Alpha's questions: Mini is scored on Beta alone, 1 of 2 dimensions
    root = build_file_tree(unsure_workspace())
    result = run_assessment(root / "ws")
    en = build_context(result, lang="en", kind="executive").frameworks[0]
    vi = build_context(result, lang="vi", kind="executive").frameworks[0]
    assert en.partial == "partial: 1 of 2 dimensions assessed; the score and level cover those only"
    assert vi.partial == (
        "đánh giá một phần: 1/2 khía cạnh; điểm và mức chỉ tính trên các khía cạnh đã đánh giá"
    )
    data = json.loads(_cli(root, "score", str(root / "ws"), "--format", "json"))
    mini = data["frameworks"][0]
    # `partial` is the name; `indicative` stays for earlier readers, with the same value
    assert (mini["partial"], mini["indicative"], mini["assessed"], mini["of"]) == (True, True, 1, 2)
    table = _cli(root, "score", str(root / "ws"), "--lang", "en")
    assert (
        "Mini: partial: 1 of 2 dimensions assessed; the score and level cover those only." in table
    )


def test_the_roadmap_says_when_every_gap_an_initiative_closes_is_indicative(
    quick: AssessmentResult, build_file_tree: BuildTree
) -> None:
    root = build_file_tree(quick_scan_workspace())
    data = json.loads(_cli(root, "roadmap", str(root / "ws"), "--format", "json"))
    planned = [i for p in data["phases"] for i in p["initiatives"]]
    measured = [i for i in planned if i["measured"]]
    assert measured and all(
        i["indicative"] for i in measured if i["covers"] and not i["legal_duty"]
    )
    assert not any(i["indicative"] for i in measured if i["legal_duty"])
    assert all(c["indicative"] for i in measured for c in i["covers"])
    # closes no gap itself, or none the quick scan measures: not indicative (the latter says
    # "not measured" instead)
    assert not any(i["indicative"] for i in planned if not i["covers"] or not i["measured"])
    table = _cli(root, "roadmap", str(root / "ws"), "--lang", "vi")
    assert table.splitlines()[0].split()[-2:] == ["tham", "khảo"]  # indicative, in vi
    assert (
        "Chỉ mang tính tham khảo: mọi khoảng cách mà sáng kiến thu hẹp đều nằm ở khía cạnh dựa trên "
        "dưới ba câu hỏi, tức là nhận định ban đầu chứ chưa phải kết quả đo lường."
    ) in table
    gaps = json.loads(_cli(root, "gaps", str(root / "ws"), "--format", "json"))
    assert {(g["questions"], g["indicative"]) for g in gaps} <= {(1, True), (2, True)}
    en = build_context(quick, lang="en", kind="full")
    views = {i.id: i for p in en.phases for i in p.initiatives}
    for p in quick.roadmap.items:
        if p.phase >= len(en.phases):
            continue
        mark = views[p.initiative.id].indicative
        if p.covers and p.measured:  # every gap it closes rests on one or two questions
            assert mark in (
                "indicative: rests on one question", "indicative: rests on 2 questions",
                "indicative: every dimension behind it rests on fewer than three questions",
            ), p.initiative.id  # fmt: skip
        else:  # closes no gap, or none the quick scan measures: it carries its own note instead
            assert mark == "", p.initiative.id
    assert en.indicative_legend.startswith("Indicative: every gap the initiative closes")


def test_the_executive_report_marks_its_findings_and_first_moves(quick: AssessmentResult) -> None:
    en = build_context(quick, lang="en", kind="executive")
    story = en.executive
    assert story is not None and story.findings and story.moves
    assert all(f.indicative.startswith("indicative: ") for f in story.findings)
    from assessor.report.context_exec import first_moves

    measured = [p.measured and bool(p.covers) for p in first_moves(quick)[: len(story.moves)]]
    assert [m.indicative.startswith("indicative: ") for m in story.moves] == measured
    assert any(measured)
    reader = pypdf.PdfReader(io.BytesIO(make_report(quick, lang="en", kind="executive")))
    text = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert (
        "Indicative scores: every dimension scored rests on fewer than three questions." in text[0]
    )
    assert story.findings[0].indicative in text[0]
    assert next(m.indicative for m in story.moves if m.indicative) in text[1]
    roadmap = next(t for t in text if "Indicative: every gap the initiative closes" in t)
    assert "· indicative" in roadmap
    # the method states both marks, each with its meaning, and the cost is no longer "indicative"
    method = " ".join(text[-2:])
    assert "Two marks qualify a figure, and they mean different things. Indicative:" in method
    assert "Indicative cost" not in " ".join(text)


def test_the_review_draft_flags_each_indicative_dimension(build_file_tree: BuildTree) -> None:
    root = build_file_tree(mini_workspace())
    out = CliRunner().invoke(cli, ["review", "draft", str(root / "ws"), "--lang", "en"], obj={})
    assert out.exit_code == 0, out.output
    draft = (root / "ws" / "review.yaml").read_text(encoding="utf-8")
    assert "# Mini — Alpha: self-assessed" in draft
    assert draft.count("indicative: rests on 2 questions") == 2


def test_a_legal_duty_is_never_indicative_in_the_roadmap_json_and_table() -> None:
    # An Khang's legal baseline and consent design close gaps that rest on indicative
    # dimensions only: the duty applies whatever the scores say
    data = json.loads(
        _cli(REPO, "roadmap", str(REPO / "examples" / "an-khang-shop"), "--format", "json")
    )
    planned = {i["id"]: i for p in data["phases"] for i in p["initiatives"]}
    for ident in ("data-protection-baseline", "consent-data-protection"):
        duty = planned[ident]
        assert duty["legal_duty"] and not duty["indicative"], ident
        assert duty["covers"] and all(c["indicative"] for c in duty["covers"]), ident


AGREE_ALPHA = """\
kind: review
moderator: Nguyễn Thị Mai, Mekong CRM Advisory
method: {en: A consensus workshop., vi: Hội thảo đồng thuận.}
agreed:
  - dimension: mini/alpha
    level: 3
    rationale: {en: A company standard since 2025., vi: Chuẩn toàn công ty từ 2025.}
"""


def test_a_level_the_review_agreed_is_not_indicative(build_file_tree: BuildTree) -> None:
    # Alpha and Beta rest on two questions each; the consultant agrees Alpha at level 3 from
    # evidence: Alpha is no longer a first reading, Beta still is
    root = build_file_tree(mini_workspace(**{"review.yaml": AGREE_ALPHA}))
    data = json.loads(_cli(root, "score", str(root / "ws"), "--format", "json"))
    dims = {d["id"]: d for d in data["frameworks"][0]["dimensions"]}
    assert (dims["alpha"]["agreed"], dims["alpha"]["indicative"], dims["alpha"]["score"]) == (
        True, False, 3.0,
    )  # fmt: skip
    assert (dims["beta"]["agreed"], dims["beta"]["indicative"]) == (False, True)
    en = build_context(run_assessment(root / "ws"), lang="en", kind="full")
    assert [d.indicative for d in en.frameworks[0].dimensions] == [
        "", "indicative: rests on 2 questions",
    ]  # fmt: skip
