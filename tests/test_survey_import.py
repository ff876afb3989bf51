"""Importing survey-tool exports: Google Forms CSV, Microsoft Forms .xlsx, LimeSurvey CSV."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from assessor.exchange.survey import parse_time
from assessor.exchange.values import parse_options, read_number
from assessor.loading import load_library

from .conftest import BuildTree
from .exchange_helpers import FIXTURES, responses, run, survey_workspace

GOOGLE, LIME = "google-forms.csv", "limesurvey.csv"


@pytest.fixture
def ws(build_file_tree: BuildTree) -> Path:
    """The survey workspace, with the export fixtures beside it."""
    root = survey_workspace(build_file_tree).parent
    for name in (GOOGLE, LIME, "google-forms.mapping.yaml", "limesurvey.mapping.yaml"):
        shutil.copy(FIXTURES / name, root / name)
    return root / "ws"


GOOGLE_AN = """\
respondent: an
questionnaire: survey-q
language: vi
submitted: 2025-09-01 10:09:52+07:00
answers:
  q-sponsor: 2
  q-agree: 4
  q-crm: 'yes'
  q-channels:
  - web
  - phone
  q-data: sheets
  q-remarks: Cần đào tạo thêm về CRM, nhất là cho cửa hàng
"""
GOOGLE_BINH = """\
respondent: binh
questionnaire: survey-q
language: vi
submitted: 2025-09-01 14:15:03+07:00
answers:
  q-sponsor: 4
  q-agree: 5
  q-crm: 'no'
  q-crm-why: Đang chọn nhà cung cấp
  q-channels:
  - store
  - email
  q-data: crm
  q-retention: 78
"""
GOOGLE_CHI = """\
respondent: chi
questionnaire: survey-q
language: vi
submitted: 2025-09-02 08:01:40+07:00
answers:
  q-sponsor: not_sure
  q-agree: 3
  q-crm: 'yes'
  q-channels:
  - web
  q-data: platform
"""


def test_google_forms_round_trip(ws: Path) -> None:
    export = ws.parent / GOOGLE
    result = run(
        "responses", "import", ws, export, "--mapping", ws.parent / "google-forms.mapping.yaml"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        str(ws / "responses" / f"{r}.yaml") for r in ("an", "binh", "chi")
    ]
    assert responses(ws) == {"an": GOOGLE_AN, "binh": GOOGLE_BINH, "chi": GOOGLE_CHI}
    assert run("score", ws).exit_code == 0


GOOGLE_DRAFT = """\
# Import mapping drafted by crm-assess from google-forms.csv (Google Forms).
# Check every line. Finish each `question: null` with a question id, or write
# `{ignore: true}`; add `values: {code: answer}` where the export uses codes.
kind: import-mapping
source: google-forms
questionnaire: survey-q
# timezone: "+07:00"             # zone of times written without one
columns:
  "1. Ai bảo trợ công tác quản lý khách hàng": {question: q-sponsor}  # 100% like the question text
  "Nhân viên có biết doanh nghiệp cam kết gì với khách hàng không?": {question: q-agree}  # 92% like the question text
  "Doanh nghiệp có dùng hệ thống CRM không?": {question: q-crm}  # 100% like the question text
  "Vì sao chưa dùng?": {question: q-crm-why}  # 100% like the question text
  "Doanh nghiệp dùng những kênh nào để tiếp cận khách hàng?": {question: q-channels, other: comment}  # 100% like the question text
  "Dữ liệu khách hàng được lưu ở đâu?": {question: q-data, other: comment}  # 100% like the question text
  "Tỷ lệ khách hàng gia hạn năm ngoái là bao nhiêu (%)?": {question: q-retention}  # 100% like the question text
  "Anh/chị muốn góp ý thêm điều gì?": {question: q-remarks}  # 100% like the question text
  "Phòng ban của anh/chị": {question: null}  # no question matched (closest: q-sponsor, 31%)
"""


def test_init_mapping_drafts_google_forms_mapping(ws: Path) -> None:
    export = ws.parent / GOOGLE
    result = run(
        "responses", "import", ws, export, "--init-mapping", "-o", ws.parent / "draft.yaml"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{ws.parent / 'draft.yaml'}\n"
    assert (ws.parent / "draft.yaml").read_text("utf-8") == GOOGLE_DRAFT
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "matched '1. Ai bảo trợ công tác quản lý khách hàng' → q-sponsor "
        "(100% like the question text)"
    )
    assert (
        lines[-1]
        == "could not match 'Phòng ban của anh/chị': no question matched (closest: q-sponsor, 31%)"
    )
    failed = run("responses", "import", ws, export, "--mapping", ws.parent / "draft.yaml")
    assert failed.exit_code == 1
    assert failed.stderr == (
        f"{ws.parent / 'draft.yaml'}:17:3: columns.Phòng ban của anh/chị: column 'Phòng ban của "
        "anh/chị' is not mapped yet (set question: <id>, or ignore: true)\n"
    )


def test_unmapped_column_is_an_error(ws: Path) -> None:
    mapping = ws.parent / "google-forms.mapping.yaml"
    text = mapping.read_text("utf-8")
    mapping.write_text(text.replace('  "Phòng ban của anh/chị": {ignore: true}\n', ""), "utf-8")
    result = run("responses", "import", ws, ws.parent / GOOGLE, "--mapping", mapping)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{ws.parent / GOOGLE}:1:11: column 'Phòng ban của anh/chị' is not in "
        "google-forms.mapping.yaml: add it with `question: <id>`, or `ignore: true`\n"
    )
    assert not (ws / "responses").exists()


def test_unknown_respondent_and_bad_values_are_reported_together(ws: Path) -> None:
    export = ws.parent / GOOGLE
    text = export.read_text("utf-8-sig")
    text = text.replace("BINH.TRAN@example.vn", "dung.pham@example.vn")
    text = text.replace('"Website, cửa hàng trực tuyến",', '"Website, cửa hàng trực tuyến, Fax",')
    text = text.replace(",4,Có,", ",bốn,Có,")
    export.write_text(text, "utf-8")
    result = run("responses", "import", ws, export)  # the mapping next to the export is used
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        f"{export}:2:4: cannot read 'bốn' as a level from 1 to 5 (or 'Not sure')",
        f"{export}:3:2: unknown respondent 'dung.pham@example.vn': add them to the respondents in "
        "assessment.yaml (with this email, name or id)",
        f"{export}:4:7: unknown option 'fax' in 'Website, cửa hàng trực tuyến, Fax' (options: "
        "web, store, phone, email)",
    ]
    assert not (ws / "responses").exists()


def test_no_mapping_says_how_to_get_one(ws: Path) -> None:
    export = ws.parent / "forms.csv"
    shutil.copy(ws.parent / GOOGLE, export)
    result = run("responses", "import", ws, export)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{export}: a Google Forms export needs a mapping from its columns to question ids: "
        "draft one with `crm-assess responses import --init-mapping`, then pass --mapping\n"
    )


def microsoft_export(path: Path) -> Path:
    """A Microsoft Forms download: the real column layout, typed datetimes, ';'-joined picks."""
    wb = Workbook()
    sheet = wb.active
    sheet.title = "Sheet1"
    sheet.append(
        ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
         "Who sponsors customer management?", "Our staff know what we promise customers.",
         "Do you use a CRM system?", "Why not?", "Which channels do you use to reach customers?",
         "Where is customer data kept?", "What share of customers renewed last year (%)?",
         "Anything else?"]
    )  # fmt: skip
    sheet.append(
        [1, dt.datetime(2025, 9, 4, 9, 0, 5), dt.datetime(2025, 9, 4, 9, 7, 31),
         "binh.tran@example.vn", "Trần Thị Bình", None, "A named executive.", "Agree", "Yes", None,
         "Stores;Email newsletters;", "In a customer data platform", "90", "Rất hữu ích"]
    )  # fmt: skip
    sheet.append(
        [2, dt.datetime(2025, 9, 4, 10, 2, 0), dt.datetime(2025, 9, 4, 10, 9, 12), "anonymous",
         "Lê Minh Chi", None, "1", "Strongly disagree", "No", "Too expensive",
         "Website, online shop;", "In spreadsheets", None, None]
    )  # fmt: skip
    wb.save(path)
    return path


MS_BINH = """\
respondent: binh
questionnaire: survey-q
submitted: 2025-09-04 09:07:31
answers:
  q-sponsor: 3
  q-agree: 4
  q-crm: 'yes'
  q-channels:
  - store
  - email
  q-data: platform
  q-retention: 90
  q-remarks: Rất hữu ích
"""
MS_CHI = """\
respondent: chi
questionnaire: survey-q
submitted: 2025-09-04 10:09:12
answers:
  q-sponsor: 1
  q-agree: 1
  q-crm: 'no'
  q-crm-why: Too expensive
  q-channels:
  - web
  q-data: sheets
"""


def test_microsoft_forms_round_trip_with_a_drafted_mapping(ws: Path) -> None:
    export = microsoft_export(ws.parent / "Customer practice check.xlsx")
    drafted = run("responses", "import", ws, export, "--init-mapping")
    assert drafted.exit_code == 0, drafted.output
    assert drafted.stdout == f"{ws.parent / 'Customer practice check.mapping.yaml'}\n"
    assert "could not match" not in drafted.stderr
    result = run("responses", "import", ws, export)
    assert result.exit_code == 0, result.output
    assert responses(ws) == {"binh": MS_BINH, "chi": MS_CHI}
    assert run("score", ws).exit_code == 0


def test_microsoft_forms_bad_cell_names_sheet_and_cell(ws: Path) -> None:
    export = microsoft_export(ws.parent / "ms.xlsx")
    assert run("responses", "import", ws, export, "--init-mapping").exit_code == 0
    from openpyxl import load_workbook

    wb = load_workbook(export)
    wb["Sheet1"]["M2"] = "120"
    wb.save(export)
    result = run("responses", "import", ws, export)
    assert result.exit_code == 1
    assert result.stderr == f"{export}: Sheet1!M2: answer 120 is above the maximum 100\n"


LIME_AN = """\
respondent: an
questionnaire: survey-q
language: vi
submitted: 2025-09-03 09:12:44+07:00
answers:
  q-sponsor: 2
  q-agree: 4
  q-crm: 'yes'
  q-channels:
  - web
  - phone
  q-data: sheets
  q-remarks: Cần đào tạo thêm
"""
LIME_BINH = """\
respondent: binh
questionnaire: survey-q
language: en
submitted: 2025-09-03 10:40:00+07:00
answers:
  q-sponsor: 4
  q-agree: 5
  q-crm: 'no'
  q-crm-why: Choosing a vendor
  q-channels:
    value:
    - store
    - email
    comment: Hotline
  q-data: crm
  q-retention: 78
"""


def test_limesurvey_round_trip(ws: Path) -> None:
    export = ws.parent / LIME
    result = run(
        "responses", "import", ws, export, "--mapping", ws.parent / "limesurvey.mapping.yaml"
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{export}:3:1: warning: incomplete response (no submitdate): not imported "
        "(--lenient imports it)",
        "imported 2 of 3 rows (0 incomplete, 1 skipped: 1 incomplete)",
    ]
    assert responses(ws) == {"an": LIME_AN, "binh": LIME_BINH}
    assert run("score", ws).exit_code == 0


LIME_DRAFT_COLUMNS = """\
columns:
  "qsponsor": {question: q-sponsor}  # matches the question id
  "qagree": {question: q-agree}  # matches the question id
  "qcrm": {question: q-crm}  # matches the question id
  "qcrmwhy": {question: q-crm-why}  # matches the question id
  "qchannels[SQ001]": {question: q-channels, option: web}  # option 1 by position: check it
  "qchannels[SQ002]": {question: q-channels, option: store}  # option 2 by position: check it
  "qchannels[SQ003]": {question: q-channels, option: phone}  # option 3 by position: check it
  "qchannels[SQ004]": {question: q-channels, option: email}  # option 4 by position: check it
  "qchannels[other]": {question: q-channels, part: comment}  # free text
  "qdata": {question: q-data, values: {A1: sheets, A2: crm, A3: platform}}  # matches the question id; codes by position: check them
  "qretention": {question: q-retention}  # matches the question id
  "qremarks": {question: q-remarks}  # matches the question id
"""


def test_init_mapping_for_limesurvey_codes(ws: Path) -> None:
    export = ws.parent / LIME
    result = run("responses", "import", ws, export, "--init-mapping", "-o", ws.parent / "lime.yaml")
    assert result.exit_code == 0, result.output
    text = (ws.parent / "lime.yaml").read_text("utf-8")
    assert 'respondent: "email"  # names each respondent\n' in text
    assert text.endswith(LIME_DRAFT_COLUMNS)
    again = run("responses", "import", ws, export, "--init-mapping", "-o", ws.parent / "lime.yaml")
    assert again.exit_code == 1
    assert (
        again.stderr == f"{ws.parent / 'lime.yaml'}: already exists (use --force to replace it)\n"
    )


def test_no_overwrite_without_force(ws: Path) -> None:
    args = (
        "responses",
        "import",
        ws,
        ws.parent / LIME,
        "--mapping",
        ws.parent / "limesurvey.mapping.yaml",
    )
    assert run(*args).exit_code == 0
    (ws / "responses" / "an.yaml").write_text("edited by hand\n", "utf-8")
    again = run(*args)
    assert again.exit_code == 1
    assert again.stderr.splitlines()[1:] == [
        f"{ws / 'responses' / 'an.yaml'}: already exists (use --force to replace it)",
        f"{ws / 'responses' / 'binh.yaml'}: already exists (use --force to replace it)",
    ]
    assert (ws / "responses" / "an.yaml").read_text("utf-8") == "edited by hand\n"
    assert run(*args, "--force").exit_code == 0
    assert responses(ws)["an"] == LIME_AN


def test_unrecognised_file(ws: Path) -> None:
    other = ws.parent / "other.csv"
    other.write_text("name,score\nAn,3\n", "utf-8")
    result = run("responses", "import", ws, other)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{other}: not a survey export crm-assess knows (tried LimeSurvey, Qualtrics, "
        "SurveyMonkey, KoboToolbox, ODK Central, Microsoft Forms, Google Forms): the first row "
        "reads 'name | score'\n"
    )


@pytest.mark.parametrize(
    ("raw", "options", "expected"),
    [
        ("2025/09/01 10:09:52 AM UTC+3", {}, "2025-09-01T10:09:52+03:00"),
        ("2025/09/01 12:00:01 AM GMT-3:30", {}, "2025-09-01T00:00:01-03:30"),
        ("9/1/2025 10:09:52", {}, "2025-09-01T10:09:52"),
        ("1/9/2025 22:09:52", {"day_first": True}, "2025-09-01T22:09:52"),
        (
            "2025-09-03 10:40:00",
            {"tz": dt.timezone(dt.timedelta(hours=7))},
            "2025-09-03T10:40:00+07:00",
        ),
        ("2025-09-03", {}, "2025-09-03"),
    ],
)
def test_timestamps(raw: str, options: dict[str, Any], expected: str) -> None:
    assert parse_time(raw, **options).isoformat() == expected


def test_checkbox_labels_with_commas_are_matched_not_split(ws: Path) -> None:
    q = load_library([ws / "library"]).questionnaire("survey-q").question_index()["q-channels"]
    assert parse_options(q, "Website, online shop, Stores") == (["web", "store"], None)
    assert parse_options(q, "Bản tin email;Website, cửa hàng trực tuyến;") == (
        ["web", "email"],
        None,
    )
    assert parse_options(q, ["phone", "Stores"]) == (["store", "phone"], None)


def test_missing_answer_points_at_its_cell_and_lenient_imports_it(ws: Path) -> None:
    export = ws.parent / GOOGLE
    text = export.read_text("utf-8-sig")
    export.write_text(text.replace("Một trưởng phòng.,4,Có,", "Một trưởng phòng.,,Có,"), "utf-8")
    strict = run("responses", "import", ws, export)
    assert strict.exit_code == 1
    assert strict.stderr == f"{export}:2:4: missing answer to required question 'q-agree'\n"
    lenient = run("responses", "import", ws, export, "--lenient")
    assert lenient.exit_code == 0, lenient.output
    assert lenient.stderr == (
        f"{export}:2:4: warning: missing answer to required question 'q-agree'\n"
        "imported 3 of 3 rows (0 incomplete, 0 skipped)\n"
    )
    assert "q-agree" not in (ws / "responses" / "an.yaml").read_text("utf-8")


def test_answers_to_questions_not_asked_of_the_role_are_left_out(ws: Path) -> None:
    """Survey tools show every question to everyone; the sales manager's renewal figure is
    not theirs to give, so it is dropped with a warning instead of being scored."""
    export = ws.parent / GOOGLE
    text = export.read_text("utf-8-sig")
    export.write_text(text.replace("Trong bảng tính,,", "Trong bảng tính,50,", 1), "utf-8")
    mapping = ws.parent / "google-forms.mapping.yaml"
    result = run("responses", "import", ws, export, "--mapping", mapping)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{export}:2:2: warning: an: left out 1 answer(s) to questions not asked of role "
        "'sales' (q-retention)",
        "imported 3 of 3 rows (0 incomplete, 0 skipped)",
    ]
    assert responses(ws)["an"] == GOOGLE_AN


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("48000", (48000, None)),
        ("48.000", (48000, None)),
        ("48 000", (48000, None)),
        ("48,000", (48000, None)),
        ("12,5", (12.5, None)),
        ("12.5", (12.5, None)),
        ("1.234,5", (1234.5, None)),
        ("25%", (25, None)),
        ("", (None, None)),
        (7, (7, None)),
        (2.0, (2, None)),
        ("nan", (None, "cannot read 'nan' as a number")),
        ("inf", (None, "cannot read 'inf' as a number")),
        ("1e3", (None, "cannot read '1e3' as a number")),
        ("12 and 13", (None, "cannot read '12 and 13' as a number")),
        (float("nan"), (None, "cannot read nan as a number (the cell holds no finite figure)")),
        (float("-inf"), (None, "cannot read -inf as a number (the cell holds no finite figure)")),
    ],
)
def test_read_number_reads_figures_as_the_web_form_does(raw: Any, expected: Any) -> None:
    assert read_number(raw) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('"12,5"', "  q-retention: 12.5\n"),
        ("25%", "  q-retention: 25\n"),
        ("48.000", "{export}:3:9: answer 48000 is above the maximum 100"),
        ("nan", "{export}:3:9: cannot read 'nan' as a number"),
    ],
)
def test_google_forms_figures(ws: Path, cell: str, expected: str) -> None:
    export = ws.parent / GOOGLE
    text = export.read_text("utf-8-sig")
    export.write_text(
        text.replace(",Trong một hệ thống CRM,78,", f",Trong một hệ thống CRM,{cell},"), "utf-8"
    )
    result = run("responses", "import", ws, export)
    if expected.startswith("{export}"):
        assert result.exit_code == 1
        assert result.stderr == expected.format(export=export) + "\n"
    else:
        assert result.exit_code == 0, result.output
        assert expected in responses(ws)["binh"]


def with_repeated_titles(export: Path) -> None:
    """Two more columns, both titled 'Comments' (Google Forms allows it), and a third."""
    lines = export.read_text("utf-8-sig").splitlines()
    lines[0] += ",Comments,Ghi chú,comments "
    lines[1:] = [line + ",a,b,c" for line in lines[1:]]
    export.write_text("\n".join(lines) + "\n", "utf-8")


def test_repeated_column_titles_are_told_apart_by_occurrence(ws: Path) -> None:
    """Google Forms lets two questions share a title, Microsoft Forms repeats a grid's
    statements (with a trailing no-break space): the draft names the second `Title #2`."""
    export = ws.parent / GOOGLE
    with_repeated_titles(export)
    draft = ws.parent / "draft.yaml"
    result = run("responses", "import", ws, export, "--init-mapping", "-o", draft)
    assert result.exit_code == 0, result.output
    text = draft.read_text("utf-8")
    assert '  "Comments": {question: null}' in text
    assert '  "comments #2": {question: null}' in text
    mapping = ws.parent / "google-forms.mapping.yaml"
    mapping.write_text(
        mapping.read_text("utf-8")
        + '  "Comments": {question: q-data, part: comment}\n  "Ghi chú": {ignore: true}\n',
        "utf-8",
    )
    refused = run("responses", "import", ws, export)
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"{export}:1:14: column 'comments #2' is not in google-forms.mapping.yaml: add it with "
        "`question: <id>`, or `ignore: true`\n"
    )
    mapping.write_text(mapping.read_text("utf-8") + '  "column N": {ignore: true}\n', "utf-8")
    result = run("responses", "import", ws, export)
    assert result.exit_code == 0, result.output
    assert "    comment: a\n" in responses(ws)["binh"]


def test_no_break_spaces_make_no_new_title(ws: Path) -> None:
    export = ws.parent / GOOGLE
    lines = export.read_text("utf-8-sig").splitlines()
    lines[0] += ",Notes\u00a0,Notes,NOTES"
    lines[1:] = [line + ",,," for line in lines[1:]]
    export.write_text("\n".join(lines) + "\n", "utf-8")
    result = run("responses", "import", ws, export, "--init-mapping", "-o", ws.parent / "d.yaml")
    assert result.exit_code == 0, result.output
    assert "could not match 'NOTES #3'" in result.stderr


def test_output_without_init_mapping_is_a_warning(ws: Path) -> None:
    out = ws.parent / "unused.yaml"
    result = run("responses", "import", ws, ws.parent / GOOGLE, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"warning: --output {out} is not used: it says where --init-mapping writes its draft\n"
        "imported 3 of 3 rows (0 incomplete, 0 skipped)\n"
    )
    assert not out.exists()
    assert sorted(responses(ws)) == ["an", "binh", "chi"]


def test_import_options_with_init_mapping_are_warnings(ws: Path) -> None:
    draft, other = ws.parent / "draft.yaml", ws.parent / "other.yaml"
    other.write_text("kind: survey-mapping\n", encoding="utf-8")
    result = run(
        "responses", "import", ws, ws.parent / GOOGLE, "--init-mapping", "-o", draft,
        "--mapping", other, "--lenient",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[:2] == [
        "warning: --mapping is not used: --init-mapping imports nothing",
        "warning: --lenient is not used: --init-mapping imports nothing",
    ]
    assert result.stdout == f"{draft}\n" and draft.exists()
    assert sorted(responses(ws)) == []
