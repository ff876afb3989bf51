"""Grid questions: statements rated on one scale, each statement a question of its own.

The fixture library (tests/fixtures/grid) has a 7-point likert grid and a grid of options; it
goes through validation, the web form, the workbook, the paper form, the XLSForm and a Google
Forms grid export, and the scores are worked out by hand.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pypdf
import pytest
import yaml
from openpyxl import load_workbook
from starlette.testclient import TestClient

from assessor.collect import Store, invite
from assessor.collect.app import create_app
from assessor.exchange.mapping_draft import _Matcher
from assessor.loading import load_library
from assessor.models import Questionnaire

from .collect_helpers import csrf_of
from .conftest import MINIMAL_FRAMEWORK, BuildTree
from .exchange_helpers import responses, run

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "grid"
STEM = "How far do you agree with each statement?"
STATEMENTS = [
    "Our staff share what they learn about customers.",
    "Everyone knows what we promise customers.",
    "Complaints reach the people who can fix them.",
]
BINH = {
    "q-crm": "no", "c-share": 2, "c-promise": 1, "c-complaints": "not_sure",
    "r-update": "never", "r-review": "always",
    "q-remarks": "Chúng tôi đang chọn nhà cung cấp, nhưng chưa quyết định",
}  # fmt: skip


@pytest.fixture
def ws(build_file_tree: BuildTree) -> Path:
    root = build_file_tree(
        {
            "ws/assessment.yaml": (FIXTURES / "assessment.yaml").read_text("utf-8"),
            "ws/library/mini.yaml": MINIMAL_FRAMEWORK,
            "ws/library/grid-q.yaml": (FIXTURES / "grid-q.yaml").read_text("utf-8"),
        }
    )
    (root / "ws" / "responses").mkdir()
    return root / "ws"


def questionnaire(ws: Path) -> Questionnaire:
    return load_library([ws / "library"]).questionnaire("grid-q")


def scores(ws: Path) -> dict[str, Any]:
    result = run("score", ws, "--format", "json")
    assert result.exit_code == 0, result.output
    framework = json.loads(result.stdout)["frameworks"][0]
    dims = {d["id"]: d for d in framework["dimensions"]}
    return {
        "mini": framework["score"],
        "alpha": dims["alpha"]["score"],
        "beta": dims["beta"]["score"],
        "beta excluded": dims["beta"]["excluded"],
    }


# the model ------------------------------------------------------------------------------


def test_a_grid_is_read_as_one_question_per_statement(ws: Path) -> None:
    q = questionnaire(ws)
    asked = [(x.id, x.type) for x in q.questions()]
    assert asked == [
        ("q-crm", "yes_no"),
        ("c-share", "likert"), ("c-promise", "likert"), ("c-complaints", "likert"),
        ("r-update", "single_choice"), ("r-review", "single_choice"),
        ("q-remarks", "text"),
    ]  # fmt: skip
    promise = q.question_index()["c-promise"]
    assert promise.points == 7  # type: ignore[union-attr]
    assert [(m.dimension, m.weight) for m in promise.maps_to] == [  # type: ignore[union-attr]
        ("mini/alpha", 0.5),
        ("mini/beta", 1.0),
    ]
    assert promise.grid is not None and (promise.grid.grid, promise.grid.index) == ("g-culture", 1)
    assert q.question_index()["q-crm"].grid is None
    assert [g.id for g in q.grids()] == ["g-culture", "g-routines"]


def test_coverage_counts_each_statement_as_a_question(ws: Path) -> None:
    result = run("--library", ws / "library", "questionnaire", "coverage", "grid-q")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[2].split() == ["mini/alpha", "c-share,", "r-review,", "+1", "at", "part",
                                "weight", "2.50", "all", "roles", "yes"]  # fmt: skip
    assert lines[3].split() == ["mini/beta", "q-crm,", "c-promise,", "c-complaints,", "r-update",
                                "4.00", "all", "roles"]  # fmt: skip


def test_the_fixture_library_validates(ws: Path) -> None:
    result = run("validate", ws / "library", ws)
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("no problems.\n")


BROKEN = """\
kind: questionnaire
id: broken-grid
version: "1"
title: {en: Broken, vi: Hỏng}
description: {en: Broken grids., vi: Bảng nhận định hỏng.}
sections:
  - id: s
    title: {en: Part, vi: Phần}
    questions:
      - id: q-one
        type: yes_no
        text: {en: One?, vi: Một?}
        maps_to: [{dimension: mini/alpha}]
      - id: g-one
        type: grid
        text: {en: Agree?, vi: Đồng ý?}
        points: 4
        options:
          - {id: a, label: {en: A, vi: A}, score: 1}
          - {id: b, label: {en: B, vi: B}, score: 4}
        items:
          - {id: s-one, text: {en: One., vi: Một.}, maps_to: [{dimension: mini/alpha}]}
      - id: g-two
        type: grid
        relevant: "${g-one} == 'a'"
        text: {en: Agree?, vi: Đồng ý?}
        items:
          - {id: q-one, text: {en: Again., vi: Lần nữa.}, maps_to: [{dimension: mini/alpah}]}
          - {id: g-two, text: {en: Itself., vi: Chính nó.}}
      - id: g-three
        type: grid
        text: {en: Agree?, vi: Đồng ý?}
        labels: {6: {en: Six, vi: Sáu}}
        items:
          - {id: s-three, text: {en: Three.}, maps_to: [{dimension: mini/alpha}]}
"""


def test_grid_problems_are_located_and_all_reported(ws: Path) -> None:
    broken = ws.parent / "broken.yaml"
    broken.write_text(BROKEN, "utf-8")
    result = run("--library", ws / "library", "validate", broken)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{broken}:14:9: sections[0].questions[1]: a grid's scale is either `options` or "
        "`points` and `labels`, not both",
        f"{broken}:35:33: sections[0].questions[3].items[0].text: missing Vietnamese text ('vi')",
        "2 problem(s) in 1 file(s) checked.",
    ]
    fixed = BROKEN.replace("        points: 4\n", "").replace(
        "{en: Three.}", "{en: Three., vi: Ba.}"
    )
    broken.write_text(fixed, "utf-8")
    result = run("--library", ws / "library", "validate", broken)
    assert result.stderr.splitlines() == [
        f"{broken}:29:9: sections[0].questions[3]: labels: 6 outside the scale 1–5",
        "1 problem(s) in 1 file(s) checked.",
    ]
    broken.write_text(fixed.replace("labels: {6:", "labels: {5:"), "utf-8")
    result = run("--library", ws / "library", "validate", broken)
    assert result.stderr.splitlines() == [
        f"{broken}:24:19: sections[0].questions[2].relevant: '${{g-one}}' names a grid, not a "
        "question: name one of its statements",
        f"{broken}:27:18: sections[0].questions[2].items[0].id: duplicate question id 'q-one' "
        "(first at sections[0].questions[0])",
        f"{broken}:27:81: sections[0].questions[2].items[0].maps_to[0].dimension: unknown "
        "dimension 'mini/alpah' (did you mean 'alpha'?)",
        f"{broken}:28:13: sections[0].questions[2].items[1]: question 'g-two' is scored but maps "
        "to no dimension or axis",
        f"{broken}:28:18: sections[0].questions[2].items[1].id: duplicate question id 'g-two' "
        "(first at sections[0].questions[2], a grid)",
        "5 problem(s) in 1 file(s) checked.",
    ]


# the web form ---------------------------------------------------------------------------


def web_client(ws: Path) -> TestClient:
    return TestClient(create_app(ws, questionnaire(ws)), base_url="http://127.0.0.1:8000")


def test_the_web_form_shows_the_grid_text_once_and_a_block_per_statement(ws: Path) -> None:
    token = invite(ws, name="Phạm Thị Lan", role="sales").token
    page = web_client(ws).get(f"/r/{token}/s/1?lang=en").text
    assert page.count(STEM) == 1
    assert page.index(STEM) < page.index(STATEMENTS[0])
    for number, statement in enumerate(STATEMENTS, start=2):
        assert f'<span class="num">{number}.</span> {statement}' in page
    share = page[page.index('id="q-c-share"') : page.index('id="q-c-promise"')]
    assert share.count('type="radio" name="q-c-share"') == 7 + 2  # the points and the skips
    assert 'class="options scale n7"' in share
    assert "<span>1 = Strongly disagree</span><span>7 = Strongly agree</span>" in share


def test_the_web_form_saves_each_statement_under_its_own_id(ws: Path) -> None:
    token = invite(ws, name="Phạm Thị Lan", role="sales").token
    client = web_client(ws)
    csrf = csrf_of(client.get(f"/r/{token}/s/1").text)
    first = client.post(f"/r/{token}/s/1", data={
        "csrf": csrf, "q-q-crm": "yes", "q-c-share": "6", "q-c-promise": "7",
        "q-c-complaints": "not_sure", "c-c-promise": "Mọi người đều được đào tạo",
    }, follow_redirects=False)  # fmt: skip
    assert first.status_code == 303
    bad = client.post(f"/r/{token}/s/2", data={"csrf": csrf, "q-r-update": "usually",
                                               "q-r-review": "weekly"})  # fmt: skip
    assert bad.status_code == 400
    assert "Lựa chọn này không có trong danh sách: vui lòng chọn lại." in bad.text
    stored = Store.of(ws).answers("pham-thi-lan")
    assert {k: a.value for k, a in stored.items()} == {
        "q-crm": "yes",
        "c-share": 6,
        "c-promise": 7,
        "c-complaints": "not_sure",
        "r-update": "usually",
    }
    assert stored["c-promise"].comment == "Mọi người đều được đào tạo"


# the workbook ---------------------------------------------------------------------------


def test_workbook_round_trip(ws: Path) -> None:
    out = ws.parent / "an.xlsx"
    result = run("--library", ws / "library", "questionnaire", "export", "grid-q", "--lang", "en",
                 "--respondent", "an", "-o", out)  # fmt: skip
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    culture, routines = wb["1. Culture"], wb["2. Routines"]
    rows = [[culture[f"{c}{r}"].value for c in "ABC"] for r in range(4, 9)]
    assert rows == [
        ["q-crm", "1.1", "Do you use a CRM system?"],
        [None, None, f"{STEM}\n\nThink of the last three months."],
        ["c-share", "1.2", STATEMENTS[0]],
        ["c-promise", "1.3", STATEMENTS[1]],
        ["c-complaints", "1.4", STATEMENTS[2]],
    ]
    assert culture["D5"].protection.locked  # the grid's own row takes no answer
    culture["D4"], culture["D6"], culture["D7"] = "Yes", "7 — Strongly agree", 5
    culture["D8"], culture["F8"] = "Not sure", "Hard to say from sales"
    routines["D5"], routines["D6"] = "Usually", "Sometimes"
    wb.save(out)
    result = run("responses", "import", ws, out)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(responses(ws)["an"])
    assert data["answers"] == {
        "q-crm": "yes",
        "c-share": 7,
        "c-promise": 5,
        "c-complaints": {"value": "not_sure", "comment": "Hard to say from sales"},
        "r-update": "usually",
        "r-review": "sometimes",
    }


# the paper form -------------------------------------------------------------------------


def test_the_paper_form_prints_the_grid_as_a_table(ws: Path) -> None:
    out = ws.parent / "grid.pdf"
    result = run("--library", ws / "library", "questionnaire", "export", "grid-q",
                 "--format", "pdf", "--lang", "en", "-o", out)  # fmt: skip
    assert result.exit_code == 0, result.output
    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(out).pages)
    assert "About 5 minutes · 7 questions" in text
    for line in (STEM, "ONE CIRCLE ON EACH ROW", "Strongly disagree", "Strongly agree",
                 *STATEMENTS, "Sales updates the customer record after each visit.",
                 "Never Sometimes Usually Always Not sure Not applicable"):  # fmt: skip
        assert line in text, line


def test_the_paper_form_has_a_row_per_statement(ws: Path) -> None:
    result = run("--library", ws / "library", "questionnaire", "export", "grid-q",
                 "--format", "html", "--lang", "vi", "-o", ws.parent / "grid.html")  # fmt: skip
    assert result.exit_code == 0, result.output
    html = (ws.parent / "grid.html").read_text("utf-8")
    table = html[html.index('<table class="grid">') : html.index("</table>")]
    assert table.count("<tr id=") == 3
    assert (
        '<tr id="q-c-complaints"><td class="grid-statement"><span class="grid-num">4</span>'
        "Khiếu nại đến được người có thể xử lý.</td>"
    ) in table
    assert table.count('<span class="box round"') == 3 * (7 + 2)
    assert '<span class="scale-value">7</span><span class="grid-label">Hoàn toàn đồng ý</span>' in (
        table
    )


# the XLSForm ----------------------------------------------------------------------------


def test_the_xlsform_makes_each_grid_a_field_list_of_likert_selects(ws: Path) -> None:
    from pyxform.xls2xform import convert

    form = ws.parent / "grid-q.xlsx"
    result = run("--library", ws / "library", "questionnaire", "export", "grid-q",
                 "--format", "xlsform", "-o", form)  # fmt: skip
    assert result.exit_code == 0, result.output
    converted = convert(xlsform=str(form))
    assert converted.warnings == []
    xform = converted.xform
    assert (
        "<culture><q-crm/><g-culture><c-share/><c-promise/><c-complaints/></g-culture></culture>"
        "<routines><g-routines><r-update/><r-review/></g-routines><q-remarks/></routines>"
    ) in xform
    assert '<group appearance="field-list" ref="/data/culture/g-culture">' in xform
    assert '<select1 ref="/data/culture/g-culture/c-share" appearance="likert">' in xform
    assert "<value>Anh/chị đồng ý với từng nhận định sau đến mức nào?</value>" in xform
    survey = load_workbook(form)["survey"]
    head = [c.value for c in survey[1]]
    rows = [dict(zip(head, (c.value for c in row), strict=True)) for row in survey.iter_rows(2)]
    grid = [r for r in rows if r["name"] in ("g-culture", "c-share", "c-complaints")]
    assert [(r["type"], r["name"], r["appearance"]) for r in grid] == [
        ("begin_group", "g-culture", "field-list"),
        ("select_one g-culture", "c-share", "likert"),
        ("select_one g-culture", "c-complaints", "likert"),
        ("end_group", "g-culture", None),
    ]


def test_a_kobotoolbox_export_of_the_xlsform_imports_with_no_mapping(ws: Path) -> None:
    export = ws.parent / "kobo.csv"
    export.write_text(
        "start;end;respondent;role;culture/q-crm;culture/g-culture/c-share;"
        "culture/g-culture/c-promise;culture/g-culture/c-complaints;routines/g-routines/r-update;"
        "routines/g-routines/r-review;routines/q-remarks;_id;_uuid;_submission_time;_index\n"
        "2025-09-05T09:01:12.000+07:00;2025-09-05T09:09:40.000+07:00;chi.le@example.vn;"
        "marketing;yes;6;4;7;always;usually;;412345678;5f1c2a9e-6d1b-4f5e-9d6a-1b2c3d4e5f60;"
        "2025-09-05T02:09:41;1\n",
        "utf-8",
    )
    result = run("responses", "import", ws, export)
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(responses(ws)["chi"])["answers"] == {
        "q-crm": "yes", "c-share": 6, "c-promise": 4, "c-complaints": 7,
        "r-update": "always", "r-review": "usually",
    }  # fmt: skip


# survey-tool imports --------------------------------------------------------------------


def test_a_google_forms_grid_imports_with_the_drafted_mapping_and_scores_by_hand(
    ws: Path,
) -> None:
    export = ws.parent / "google-forms.csv"
    shutil.copy(FIXTURES / "google-forms.csv", export)
    result = run("responses", "import", ws, export, "--init-mapping")
    assert result.exit_code == 0, result.output
    mapping = export.with_suffix(".mapping.yaml").read_text("utf-8")
    assert (
        f'  "{STEM} [{STATEMENTS[1]}]": {{question: c-promise}}  '
        "# statement of grid g-culture, 100% like its text\n"
    ) in mapping
    assert "{question: null" not in mapping
    result = run("responses", "import", ws, export)
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith("imported 3 of 3 rows (0 incomplete, 0 skipped)\n")
    assert yaml.safe_load(responses(ws)["binh"])["answers"] == BINH
    # A 7-point statement scores 1 + (answer − 1) × 3 / 6; an option scores its `score`.
    #        q-crm  c-share  c-promise   c-complaints  r-update  r-review
    # an     yes 4  7 → 4.0  5 → 3.0     3 → 2.0       usually 3 sometimes 2
    # binh   no 1   2 → 1.5  1 → 1.0     not sure      never 1   always 4
    # chi    yes 4  6 → 3.5  4 → 2.5     7 → 4.0       always 4  usually 3
    # alpha: c-share ×1, c-promise ×0.5, r-review ×1
    #   an (4 + 1.5 + 2) / 2.5 = 3.0; binh (1.5 + 0.5 + 4) / 2.5 = 2.4; chi (3.5 + 1.25 + 3) /
    #   2.5 = 3.1; mean 8.5 / 3 = 2.833
    # beta: q-crm, c-promise, c-complaints, r-update, ×1 each
    #   an 12 / 4 = 3.0; binh 3 / 3 = 1.0 (not sure left out); chi 14.5 / 4 = 3.625;
    #   mean 7.625 / 3 = 2.542
    # mini (beta weighs 2): (2.8333 + 2 × 2.5417) / 3 = 95 / 36 = 2.639
    assert scores(ws) == {"mini": 2.639, "alpha": 2.833, "beta": 2.542, "beta excluded": 1}


@pytest.mark.parametrize(
    ("export", "note", "binh"),
    [
        # the statement in the second header row, joined into `Stem [Statement]`
        ("surveymonkey.csv", "statement of grid g-culture, 100% like its text", BINH),
        # array questions `gculture[SQ001]`: statements and answer codes by position
        ("limesurvey.csv", "statement 2 of grid g-culture by position: check it",
         BINH | {"c-complaints": 4}),
    ],
)  # fmt: skip
def test_grid_exports_of_other_tools_import_with_only_the_drafted_mapping(
    ws: Path, export: str, note: str, binh: dict[str, Any]
) -> None:
    shutil.copy(FIXTURES / export, ws.parent / export)
    result = run("responses", "import", ws, ws.parent / export, "--init-mapping")
    assert result.exit_code == 0, result.output
    mapping = (ws.parent / export).with_suffix(".mapping.yaml").read_text("utf-8")
    assert "{question: null" not in mapping
    assert f"{{question: c-promise}}  # {note}\n" in mapping
    result = run("responses", "import", ws, ws.parent / export)
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith("imported 2 of 2 rows (0 incomplete, 0 skipped)\n")
    assert yaml.safe_load(responses(ws)["binh"])["answers"] == binh
    assert yaml.safe_load(responses(ws)["an"])["answers"] == {
        "q-crm": "yes", "c-share": 7, "c-promise": 5, "c-complaints": 3,
        "r-update": "usually", "r-review": "sometimes",
    }  # fmt: skip


GRID_COLUMNS = [
    # SurveyMonkey: the question over the grid's first column, the statement below
    ("surveymonkey", f"{STEM} [{STATEMENTS[2]}]", "c-complaints", "statement of grid"),
    # Qualtrics: `Q1_2`, titled `Stem - Statement` by its second header row
    ("qualtrics", f"{STEM} - {STATEMENTS[1]}", "c-promise", "statement of grid"),
    # LimeSurvey array questions: the grid's code, the statement's code or position
    ("limesurvey", "gculture[cshare]", "c-share", "statement of grid g-culture"),
    ("limesurvey", "gculture[SQ003]", "c-complaints", "statement 3 of grid g-culture by position"),
    ("limesurvey", "groutines[SQ002]", "r-review", "statement 2 of grid g-routines by position"),
    # Microsoft Forms: the statement alone (a second grid repeating it gets `#2`)
    ("microsoft-forms", "Managers review the customer report every week.", "r-review",
     "100% like the question text"),
    # Vietnamese titles
    ("google-forms", "Mỗi việc sau được làm thường xuyên đến đâu? [Bộ phận bán hàng cập nhật "
                     "hồ sơ khách hàng sau mỗi lần gặp.]", "r-update", "statement of grid g-routines"),
]  # fmt: skip


@pytest.mark.parametrize(("tool", "title", "question", "note"), GRID_COLUMNS)
def test_each_tools_grid_columns_map_to_statements(
    ws: Path, tool: str, title: str, question: str, note: str
) -> None:
    match = _Matcher(questionnaire(ws)).column(title, tool)
    assert (match.question, match.option, match.other) == (question, None, False)
    assert match.note.startswith(note)


def test_a_statement_a_grid_does_not_have_is_left_for_a_person(ws: Path) -> None:
    match = _Matcher(questionnaire(ws)).column(f"{STEM} [We answer every e-mail.]", "google-forms")
    assert (match.question, match.note) == (
        None,
        "no statement of grid 'g-culture' matches 'We answer every e-mail.'",
    )
    assert _Matcher(questionnaire(ws)).column("gculture[SQ009]", "limesurvey").question is None


def test_the_full_report_lists_each_statement(ws: Path) -> None:
    shutil.copy(FIXTURES / "google-forms.csv", ws.parent / "google-forms.csv")
    assert run("responses", "import", ws, ws.parent / "google-forms.csv", "--init-mapping")
    assert run("responses", "import", ws, ws.parent / "google-forms.csv").exit_code == 0
    out = ws.parent / "full.html"
    result = run("report", ws, "--kind", "full", "--format", "html", "--lang", "en", "-o", out)
    assert result.exit_code == 0, result.output
    html = out.read_text("utf-8")
    for statement in STATEMENTS:
        assert statement in html
