"""The fillable workbook: export, fill in as a manager would (in Vietnamese), import, score."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from .conftest import BuildTree
from .exchange_helpers import run, survey_workspace


@pytest.fixture
def ws(build_file_tree: BuildTree) -> Path:
    return survey_workspace(build_file_tree)


def export(ws: Path, name: str, *args: str) -> Path:
    out = ws.parent / name
    result = run(
        "--library", ws / "library", "questionnaire", "export", "survey-q", "-o", out, *args
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{out}\n"
    return out


def choices(wb: Any, ws: Any, ref: str) -> list[Any]:
    """The drop-down options of a cell, read the way Excel does: validation → name → _lists."""
    rule = next(dv for dv in ws.data_validations.dataValidation if ref in dv.sqref)
    target = wb.defined_names[rule.formula1.lstrip("=")].attr_text
    sheet, _, cells = target.partition("!")
    return [row[0].value for row in wb[sheet.strip("'")][cells.replace("$", "")]]


def pick(wb: Any, ws: Any, ref: str, starts: str) -> None:
    """Choose the drop-down option that starts with `starts`, as a manager would."""
    options = choices(wb, ws, ref)
    ws[ref] = next(o for o in options if str(o).startswith(starts))


def fill_binh(path: Path) -> None:
    wb = load_workbook(path)
    practice, channels = wb["1. Thực tiễn"], wb["2. Kênh và dữ liệu"]
    pick(wb, practice, "D4", "3 — ")
    practice["E4"] = 5
    practice["F4"] = "Phó tổng giám đốc bảo trợ <b>dự án</b>"
    pick(wb, practice, "D5", "4 — Đồng ý")
    pick(wb, practice, "D6", "Không")
    practice["D7"] = "Chưa có ngân sách cho phần mềm"
    pick(wb, channels, "D5", "Có")  # web
    pick(wb, channels, "D6", "Không")  # store
    pick(wb, channels, "D7", "Có")  # phone
    pick(wb, channels, "D9", "Trong một hệ thống CRM")
    channels["D10"] = 85
    wb.save(path)


BINH = """\
respondent: binh
questionnaire: survey-q
language: vi
answers:
  q-sponsor:
    value: 3
    comment: Phó tổng giám đốc bảo trợ <b>dự án</b>
    importance: 5
  q-agree: 4
  q-crm: 'no'
  q-crm-why: Chưa có ngân sách cho phần mềm
  q-channels:
  - web
  - phone
  q-data: crm
  q-retention: 85
"""


def without_submitted(text: str) -> str:
    return re.sub(r"^submitted: .*\n", "", text, flags=re.MULTILINE)


def test_workbook_layout(ws: Path) -> None:
    wb = load_workbook(export(ws, "binh.xlsx", "--lang", "vi", "--respondent", "Trần Thị Bình"))
    assert wb.sheetnames == ["Hướng dẫn", "1. Thực tiễn", "2. Kênh và dữ liệu", "_meta", "_lists"]
    assert [wb[n].sheet_state for n in ("_lists", "_meta")] == ["hidden", "hidden"]
    assert wb.security.lockStructure
    assert all(s.protection.sheet for s in wb.worksheets)
    meta = {k: v for k, v in wb["_meta"].iter_rows(values_only=True)}
    assert meta == {
        "format": "crm-assess-workbook",
        "questionnaire": "survey-q",
        "version": "2",
        "language": "vi",
        "respondent": "Trần Thị Bình",
        "role": None,
        "respondent_cell": "'Hướng dẫn'!B5",
    }
    intro = wb["Hướng dẫn"]
    assert (intro["A5"].value, intro["B5"].value) == ("Người trả lời", "Trần Thị Bình")
    practice = wb["1. Thực tiễn"]
    assert practice.column_dimensions["A"].hidden
    assert [c.value for c in practice[3]] == [
        "id", "STT", "Câu hỏi", "Trả lời", "Mức độ quan trọng (1–5)", "Ghi chú"
    ]  # fmt: skip
    assert [practice[f"A{r}"].value for r in range(4, 8)] == [
        "q-sponsor", "q-agree", "q-crm", "q-crm-why"
    ]  # fmt: skip
    assert practice["C4"].value.startswith("Ai bảo trợ công tác quản lý khách hàng?\n\n")
    assert choices(wb, practice, "D4") == [
        "1 — Không có ai cụ thể.",
        "2 — Một trưởng phòng.",
        "3 — Một lãnh đạo cấp cao được giao.",
        "4 — Hội đồng quản trị, theo lịch định kỳ.",
        "Không chắc",
        "Không áp dụng",
    ]
    assert choices(wb, practice, "D6") == ["Có", "Không", "Không chắc", "Không áp dụng"]
    assert not practice["D4"].protection.locked and practice["C4"].protection.locked
    assert not practice["E4"].protection.locked and practice["E5"].protection.locked


def test_multi_choice_rows_and_number_rules(ws: Path) -> None:
    wb = load_workbook(export(ws, "en.xlsx", "--lang", "en"))
    channels = wb["2. Channels and data"]
    ids = [channels[f"A{r}"].value for r in range(4, 12)]
    assert ids == [
        "q-channels", "q-channels[web]", "q-channels[store]", "q-channels[phone]",
        "q-channels[email]", "q-data", "q-retention", "q-remarks",
    ]  # fmt: skip
    assert channels["C5"].value == "    • Website, online shop"
    assert choices(wb, channels, "D4") == ["Not sure", "Not applicable"]
    assert choices(wb, channels, "D5") == ["Yes", "No"]
    rule = next(dv for dv in channels.data_validations.dataValidation if "D10" in dv.sqref)
    assert (rule.type, rule.formula1, rule.formula2) == ("decimal", "0", "100")
    assert "Type a number from 0 to 100." in channels["C10"].value


def test_role_filters_questions(ws: Path) -> None:
    wb = load_workbook(export(ws, "sales.xlsx", "--lang", "en", "--role", "sales"))
    ids = [c.value for c in wb["2. Channels and data"]["A"]][3:]
    assert "q-retention" not in ids and "q-remarks" in ids
    assert dict(wb["_meta"].iter_rows(values_only=True))["role"] == "sales"
    assert wb["Instructions"]["B6"].value == "sales"


def test_unknown_role_is_one_line(ws: Path) -> None:
    result = run(
        "--library", ws / "library", "questionnaire", "export", "survey-q", "--role", "sale"
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "unknown role 'sale' (did you mean 'sales'?) (roles: executive, sales, marketing, "
        "service, it, finance, operations)\n"
    )


def test_round_trip_in_vietnamese(ws: Path) -> None:
    book = export(ws, "binh.xlsx", "--lang", "vi", "--respondent", "Trần Thị Bình")
    fill_binh(book)
    result = run("responses", "import", ws, book)
    assert result.exit_code == 0, result.output
    written = ws / "responses" / "binh.yaml"
    assert result.stdout == f"{written}\n"
    text = written.read_text("utf-8")
    assert re.search(r"^submitted: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00:00$", text, re.MULTILINE)
    assert without_submitted(text) == BINH
    scored = run("score", ws, "--format", "json")
    assert scored.exit_code == 0, scored.output


def test_respondent_typed_on_the_instructions_sheet(ws: Path) -> None:
    book = export(ws, "blank.xlsx", "--lang", "en", "--role", "sales")
    wb = load_workbook(book)
    wb["Instructions"]["B5"] = "an.NGUYEN@example.vn"
    sheet = wb["1. Practice"]
    sheet["D4"], sheet["D5"], sheet["D6"] = "Not sure", 2, "Yes"
    wb["2. Channels and data"]["D4"] = "Not applicable"
    wb["2. Channels and data"]["D9"] = "In spreadsheets"
    wb.save(book)
    result = run("responses", "import", ws, book)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((ws / "responses" / "an.yaml").read_text("utf-8"))
    assert (data["respondent"], data["language"]) == ("an", "en")
    assert data["answers"] == {
        "q-sponsor": "not_sure",
        "q-agree": 2,
        "q-crm": "yes",
        "q-channels": "not_applicable",
        "q-data": "sheets",
    }


def test_bad_cells_are_reported_together_with_sheet_and_cell(ws: Path) -> None:
    book = export(ws, "bad.xlsx", "--lang", "vi", "--respondent", "binh")
    wb = load_workbook(book)
    practice, channels = wb["1. Thực tiễn"], wb["2. Kênh và dữ liệu"]
    practice["D4"], practice["E4"] = "5 — Tuyệt vời", 7
    practice["D6"] = "Có lẽ"
    channels["D4"], channels["D5"] = "Không chắc", "Có"
    channels["D9"] = "Trong đầu tôi"
    channels["D10"] = 120
    channels["F11"] = "Ghi chú mà không có câu trả lời"
    wb.save(book)
    result = run("responses", "import", ws, book)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        f"{book}: 1. Thực tiễn!D4: answer must be a level from 1 to 4, 'not_sure' or "
        "'not_applicable' (got 5)",
        f"{book}: 1. Thực tiễn!D5: missing answer to required question 'q-agree'",
        f"{book}: 1. Thực tiễn!D6: cannot read 'Có lẽ' as Yes or No",
        f"{book}: 1. Thực tiễn!E4: Input should be less than or equal to 5",
        f"{book}: 2. Kênh và dữ liệu!D4: 'Not sure' and options marked Yes: choose one or "
        "the other",
        f"{book}: 2. Kênh và dữ liệu!D9: unknown option 'Trong đầu tôi' (options: sheets, "
        "crm, platform)",
        f"{book}: 2. Kênh và dữ liệu!D10: answer 120 is above the maximum 100",
        f"{book}: 2. Kênh và dữ liệu!F11: a comment needs an answer too (choose 'Not sure' "
        "if you do not know)",
    ]
    assert not (ws / "responses").exists()


def test_unknown_respondent_names_the_value(ws: Path) -> None:
    book = export(ws, "who.xlsx", "--lang", "vi", "--respondent", "Phạm Văn Dũng")
    result = run("responses", "import", ws, book)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{book}: Hướng dẫn!B5: unknown respondent 'Phạm Văn Dũng': add them to the respondents "
        "in assessment.yaml (with this email, name or id)\n"
    )


def test_no_overwrite_without_force(ws: Path) -> None:
    book = export(ws, "binh.xlsx", "--lang", "vi", "--respondent", "binh")
    again = run("--library", ws / "library", "questionnaire", "export", "survey-q", "-o", book)
    assert again.exit_code == 1
    assert again.stderr == f"{book}: already exists (use --force to replace it)\n"
    fill_binh(book)
    assert run("responses", "import", ws, book).exit_code == 0
    second = run("responses", "import", ws, book)
    assert second.exit_code == 1
    assert second.stderr == (
        f"{ws / 'responses' / 'binh.yaml'}: already exists (use --force to replace it)\n"
    )
    assert run("responses", "import", ws, book, "--force").exit_code == 0


def test_printable_formats_call_the_renderer(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import assessor.report.printable as printable

    calls: list[dict[str, Any]] = []

    def fake(questionnaire: Any, **kwargs: Any) -> bytes:
        calls.append({"id": questionnaire.id, **kwargs})
        return b"<html>ok</html>"

    monkeypatch.setattr(printable, "render_questionnaire", fake)
    out = ws.parent / "q.html"
    args = ("questionnaire", "export", "survey-q", "--format", "html", "--role", "it", "-o", out)
    result = run("--library", ws / "library", *args)
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == b"<html>ok</html>"
    assert calls == [
        {
            "id": "survey-q",
            "lang": "vi",
            "fmt": "html",
            "role": "it",
            "respondent": None,
            "library_dirs": (ws / "library",),
            "assessment": None,
        }
    ]


def test_option_labels_typed_in_a_multi_choice_row_count_as_ticks(ws: Path) -> None:
    book = export(ws, "typed.xlsx", "--lang", "en", "--respondent", "chi")
    wb = load_workbook(book)
    practice, channels = wb["1. Practice"], wb["2. Channels and data"]
    practice["D4"], practice["D5"], practice["D6"] = 4, 5, "yes"
    channels["D4"], channels["D8"] = "Stores; Phone and Zalo", "Yes"
    channels["D9"] = "platform"
    wb.save(book)
    assert run("responses", "import", ws, book).exit_code == 0
    data = yaml.safe_load((ws / "responses" / "chi.yaml").read_text("utf-8"))
    assert data["answers"]["q-channels"] == ["store", "phone", "email"]


def set_meta(book: Path, key: str, value: Any) -> None:
    wb = load_workbook(book)
    for row in wb["_meta"].iter_rows():
        if row[0].value == key:
            row[1].value = value
    wb.save(book)


CHANGED = "the workbook's _meta sheet was changed: {}, export a fresh workbook"


@pytest.mark.parametrize(
    ("key", "value", "where", "what"),
    [
        pytest.param(
            "respondent_cell",
            "notacell",
            "_meta!B7",
            "respondent_cell 'notacell' is not one cell such as 'Instructions'!B5",
            id="not-a-cell",
        ),
        pytest.param(
            "respondent_cell",
            "A1:B2",
            "_meta!B7",
            "respondent_cell 'A1:B2' is not one cell such as 'Instructions'!B5",
            id="a-range",
        ),
        pytest.param(
            "respondent_cell",
            "'Instructions'!notacell",
            "_meta!B7",
            "respondent_cell \"'Instructions'!notacell\" is not one cell such as 'Instructions'!B5",
            id="sheet-and-not-a-cell",
        ),
        pytest.param(
            "respondent_cell",
            "'Instructions'!A1:B2",
            "_meta!B7",
            "respondent_cell \"'Instructions'!A1:B2\" is not one cell such as 'Instructions'!B5",
            id="sheet-and-a-range",
        ),
        pytest.param(
            "respondent_cell",
            "'Elsewhere'!B5",
            "_meta!B7",
            "respondent_cell points at a sheet 'Elsewhere' the workbook does not have",
            id="no-such-sheet",
        ),
        pytest.param(
            "respondent_cell", None, "_meta!B7", "respondent_cell is missing", id="cleared"
        ),
        pytest.param(
            "language",
            "fr",
            "_meta!B4",
            "language 'fr' is not one of the questionnaire's (en, vi)",
            id="language",
        ),
        pytest.param(
            "role", "boss", "_meta!B6", "role 'boss' is not a role crm-assess knows", id="role"
        ),
    ],
)
def test_an_edited_meta_sheet_is_one_line(
    ws: Path, key: str, value: Any, where: str, what: str
) -> None:
    book = export(ws, "meta.xlsx", "--lang", "en")
    set_meta(book, key, value)
    result = run("responses", "import", ws, book)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr == f"{book}: {where}: {CHANGED.format(what)}\n"


def test_a_question_id_twice_in_column_a_is_reported(ws: Path) -> None:
    book = export(ws, "twice.xlsx", "--lang", "en", "--respondent", "binh")
    wb = load_workbook(book)
    practice = wb["1. Practice"]
    practice["A5"] = "q-sponsor"
    practice["D4"], practice["D5"], practice["D6"] = 2, 3, "Yes"
    channels = wb["2. Channels and data"]
    channels["A6"] = "q-channels[web]"
    channels["D4"], channels["D9"] = "Not sure", "In spreadsheets"
    wb.save(book)
    result = run("responses", "import", ws, book, "--lenient")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{book}: 1. Practice!A5: question id 'q-sponsor' is in column A twice "
        "(first at 1. Practice!A4): was the workbook edited?",
        f"{book}: 2. Channels and data!A6: question id 'q-channels[web]' is in column A twice "
        "(first at 2. Channels and data!A5): was the workbook edited?",
        f"{book}: warning: Instructions!B5: missing answer to required question 'q-agree'",
    ]
    assert not (ws / "responses").exists()


def test_no_respondent_is_one_line(ws: Path) -> None:
    book = export(ws, "nobody.xlsx", "--lang", "en")
    result = run("responses", "import", ws, book, "--lenient")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{book}: Instructions!B5: no respondent: fill in your name on the Instructions sheet\n"
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("12,5", 12.5), ("12.5", 12.5), ("25%", 25), ("7 %", 7), (85, 85), (42.0, 42)],
)
def test_figures_read_as_the_web_form_reads_them(ws: Path, typed: Any, expected: Any) -> None:
    book = export(ws, "figure.xlsx", "--lang", "vi", "--respondent", "Trần Thị Bình")
    fill_binh(book)
    wb = load_workbook(book)
    wb["2. Kênh và dữ liệu"]["D10"] = typed
    wb.save(book)
    result = run("responses", "import", ws, book)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((ws / "responses" / "binh.yaml").read_text("utf-8"))
    assert data["answers"]["q-retention"] == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("48.000", "answer 48000 is above the maximum 100"),
        ("48 000", "answer 48000 is above the maximum 100"),
        ("nan", "cannot read 'nan' as a number"),
        ("inf", "cannot read 'inf' as a number"),
        ("1e3", "cannot read '1e3' as a number"),
    ],
)
def test_figures_that_are_refused(ws: Path, typed: str, message: str) -> None:
    book = export(ws, "figure.xlsx", "--lang", "vi", "--respondent", "Trần Thị Bình")
    fill_binh(book)
    wb = load_workbook(book)
    wb["2. Kênh và dữ liệu"]["D10"] = typed
    wb.save(book)
    result = run("responses", "import", ws, book)
    assert result.exit_code == 1
    assert result.stderr == f"{book}: 2. Kênh và dữ liệu!D10: {message}\n"


def test_a_mapping_for_a_workbook_is_a_warning(ws: Path) -> None:
    book = export(ws, "binh.xlsx", "--lang", "vi", "--respondent", "binh")
    fill_binh(book)
    mapping = ws.parent / "unused.mapping.yaml"
    mapping.write_text("kind: import-mapping\ncolumns: {}\n", "utf-8")
    result = run("responses", "import", ws, book, "--mapping", mapping)
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"{book}: warning: --mapping {mapping} is not used: a crm-assess workbook needs no "
        "mapping\nimported 1 of 1 rows (0 incomplete, 0 skipped)\n"
    )
    assert (ws / "responses" / "binh.yaml").exists()
