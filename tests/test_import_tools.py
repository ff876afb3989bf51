"""Exports of SurveyMonkey, Qualtrics, KoboToolbox, ODK, LimeSurvey in other guises, Microsoft
Forms as CSV and Google Sheets as xlsx, imported with the drafted mapping (or none)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from .conftest import BuildTree
from .exchange_helpers import FIXTURES, responses, run, survey_workspace

TOOLS = FIXTURES.parent / "survey-tools"


@pytest.fixture
def ws(build_file_tree: BuildTree) -> Path:
    return survey_workspace(build_file_tree)


def copied(ws: Path, name: str) -> Path:
    target = ws.parent / name
    shutil.copy(TOOLS / name, target)
    return target


def drafted(ws: Path, export: Path) -> str:
    """Draft the mapping as a consultant would; every column must be matched."""
    result = run("responses", "import", ws, export, "--init-mapping")
    assert result.exit_code == 0, result.output
    assert "could not match" not in result.stderr
    return export.with_suffix(".mapping.yaml").read_text("utf-8")


BINH_MONKEY = """\
respondent: binh
questionnaire: survey-q
submitted: 2025-09-04 09:07:31
answers:
  q-sponsor: 4
  q-agree: 4
  q-crm: 'yes'
  q-channels:
    value:
    - store
    - email
    comment: Hotline
  q-data: platform
  q-retention: 90
  q-remarks: Rất hữu ích
"""
ANONYMOUS_MONKEY = """\
respondent: surveymonkey-114227612345
questionnaire: survey-q
submitted: 2025-09-04 10:09:12
answers:
  q-sponsor: 3
  q-agree: 3
  q-crm: 'no'
  q-crm-why: Too expensive
  q-channels:
  - web
  q-data: sheets
"""


def test_surveymonkey_two_header_rows_and_an_anonymous_respondent(ws: Path) -> None:
    export = copied(ws, "surveymonkey.csv")
    mapping = drafted(ws, export)
    assert (
        '  "Which channels do you use to reach customers? [Stores]": '
        "{question: q-channels, option: store}  # matches the option\n"
    ) in mapping
    assert (
        '  "Where is customer data kept? [Other (please specify)]": '
        "{question: q-data, part: comment}  # free text\n"
    ) in mapping
    refused = run("responses", "import", ws, export)
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"{export}:4:6: does not say who answered (no email or name) (or import with "
        "--add-respondents)\n"
    )
    result = run("responses", "import", ws, export, "--add-respondents", "--role", "sales")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "imported 2 of 2 rows (0 incomplete, 0 skipped); 1 respondent(s) added to assessment.yaml\n"
    )
    assert responses(ws) == {"binh": BINH_MONKEY, "surveymonkey-114227612345": ANONYMOUS_MONKEY}
    assert (
        (ws / "assessment.yaml")
        .read_text("utf-8")
        .endswith(
            '  - {id: "surveymonkey-114227612345", name: "surveymonkey-114227612345", '
            'role: "sales", imported: "surveymonkey.csv"}\n'
        )
    )
    assert run("score", ws).exit_code == 0
    again = run("responses", "import", ws, export, "--add-respondents", "--role", "sales")
    assert again.exit_code == 1  # the same rows are the same respondents: nothing doubles
    assert "surveymonkey-114227612345.yaml: already exists" in again.stderr


QUALTRICS_BINH = """\
respondent: binh
questionnaire: survey-q
language: en
submitted: 2025-09-04 09:07:32+07:00
answers:
  q-sponsor: 4
  q-agree: 4
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


def test_qualtrics_three_header_rows_and_an_unfinished_response(ws: Path) -> None:
    export = copied(ws, "qualtrics.csv")
    mapping = drafted(ws, export)
    assert (
        '  "Which channels do you use to reach customers? - Other - Text": '
        "{question: q-channels, part: comment}  # free text\n"
    ) in mapping
    result = run("responses", "import", ws, export)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{export}:5:1: warning: incomplete response (Finished is false): not imported "
        "(--lenient imports it)",
        "imported 2 of 3 rows (0 incomplete, 1 skipped: 1 incomplete)",
    ]
    assert responses(ws)["binh"] == QUALTRICS_BINH
    assert "language: vi\nsubmitted: 2025-09-04 14:10:46+07:00\n" in responses(ws)["chi"]


def test_qualtrics_codes_are_an_alias_of_the_question_texts(ws: Path) -> None:
    export = copied(ws, "qualtrics.csv")
    mapping = export.with_suffix(".mapping.yaml")
    drafted(ws, export)
    text = mapping.read_text("utf-8").replace(
        '"Who sponsors customer management?": {question: q-sponsor}', "Q1: q-sponsor"
    )
    mapping.write_text(text, "utf-8")
    assert run("responses", "import", ws, export).exit_code == 0


LIME_DE_AN = """\
respondent: an
questionnaire: survey-q
language: en
submitted: 2025-09-03 09:12:44
answers:
  q-sponsor: 2
  q-agree: 4
  q-crm: 'yes'
  q-channels:
  - web
  - phone
  q-data: sheets
  q-remarks: Mehr Schulung
"""


def test_limesurvey_with_german_headings_full_texts_and_semicolons(ws: Path) -> None:
    export = copied(ws, "limesurvey-de.csv")
    mapping = drafted(ws, export)
    assert 'respondent: "E-Mail"  # names each respondent\n' in mapping
    assert (
        '  "Which channels do you use to reach customers? [Sonstiges]": '
        "{question: q-channels, part: comment}  # free text\n"
    ) in mapping
    result = run("responses", "import", ws, export, "--lenient")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{export}:3:1: warning: incomplete response (no Datum Abgeschickt, 4 required "
        "question(s) unanswered): imported because of --lenient",
        "imported 3 of 3 rows (1 incomplete, 0 skipped)",
    ]
    assert responses(ws)["an"] == LIME_DE_AN
    assert responses(ws)["chi"] == (
        "respondent: chi\nquestionnaire: survey-q\nlanguage: en\nanswers:\n  q-sponsor: 3\n"
    )
    assert "    comment: Hotline\n" in responses(ws)["binh"]


def test_limesurvey_code_and_text_headings(ws: Path) -> None:
    export = copied(ws, "limesurvey-code-text.csv")
    mapping = drafted(ws, export)
    assert (
        '  "qdata": {question: q-data, values: {A1: sheets, A2: crm, A3: platform}}  '
        "# matches the question id; codes by position: check them\n"
    ) in mapping
    result = run("responses", "import", ws, export)
    assert result.exit_code == 0, result.output
    assert sorted(responses(ws)) == ["an", "binh"]
    assert "  q-data: crm\n" in responses(ws)["binh"]


def test_xlsform_export_passes_pyxform_in_both_languages(ws: Path) -> None:
    from pyxform.xls2xform import convert

    form = ws.parent / "survey-q.xlsx"
    result = run(
        "--library", ws / "library", "questionnaire", "export", "survey-q", "--format", "xlsform",
        "-o", form,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    converted = convert(xlsform=str(form))
    assert converted.warnings == []
    xform = converted.xform
    assert '<translation lang="Tiếng Việt (vi)" default="true()">' in xform
    assert '<translation lang="English (en)">' in xform
    assert "<value>Who sponsors customer management?</value>" in xform
    assert (
        '<data id="survey-q" version="2"><start/><end/><respondent/><role/><practice>'
        "<q-sponsor/><q-agree/><q-crm/><q-crm-why/></practice><channels><q-channels/><q-data/>"
        "<q-retention/><q-remarks/></channels>"
    ) in xform
    assert "relevant=\"( /data/practice/q-crm  = 'no')\"" in xform
    assert "relevant=\"( /data/role  = 'executive')\"" in xform


def test_shipped_questionnaires_pass_pyxform(tmp_path: Path) -> None:
    from pyxform.xls2xform import convert

    for qid in ("crm-quick-scan", "crm-full"):
        form = tmp_path / f"{qid}.xlsx"
        result = run(
            "questionnaire", "export", qid, "--format", "xlsform", "--lang", "en", "-o", form
        )
        assert result.exit_code == 0, result.output
        assert convert(xlsform=str(form)).warnings == []


KOBO_DUNG = """\
respondent: kobotoolbox-a8b7c6d5-e4f3-4a2b-9
questionnaire: survey-q
submitted: 2025-09-05 03:21:35+00:00
answers:
  q-sponsor: not_sure
  q-agree: 3
  q-crm: 'yes'
  q-channels:
  - web
  - phone
  q-data: sheets
  q-remarks: Cần thêm đào tạo
"""


def test_kobotoolbox_export_of_the_xlsform_imports_with_no_mapping(ws: Path) -> None:
    export = copied(ws, "kobotoolbox.csv")
    result = run("responses", "import", ws, export, "--add-respondents")
    assert result.exit_code == 0, result.output
    assert responses(ws)["kobotoolbox-a8b7c6d5-e4f3-4a2b-9"] == KOBO_DUNG
    assert "  q-channels:\n  - store\n  - email\n" in responses(ws)["binh"]
    assert (
        (ws / "assessment.yaml")
        .read_text("utf-8")
        .endswith(
            '  - {id: "kobotoolbox-a8b7c6d5-e4f3-4a2b-9", name: "Phạm Thu Dung", role: "sales", '
            'imported: "kobotoolbox.csv"}\n'
        )
    )


def test_odk_central_export_imports_with_no_mapping(ws: Path) -> None:
    export = copied(ws, "odk.csv")
    result = run("responses", "import", ws, export)
    assert result.exit_code == 0, result.output
    assert responses(ws)["an"].startswith(
        "respondent: an\nquestionnaire: survey-q\nsubmitted: 2025-09-06 02:30:11.482000+00:00\n"
        "answers:\n  q-sponsor: 2\n"
    )


def test_kobotoolbox_columns_of_another_form_need_a_mapping(ws: Path) -> None:
    export = copied(ws, "kobotoolbox.csv")
    export.write_text(export.read_text("utf-8").replace("practice/q-agree", "grp/agree"), "utf-8")
    result = run("responses", "import", ws, export)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{export}: a KoboToolbox export needs a mapping from its columns to question ids: "
        "draft one with `crm-assess responses import --init-mapping`, then pass --mapping\n"
    )


def google_sheet(path: Path) -> Path:
    """The Google Form's linked sheet downloaded as xlsx: typed timestamps, same columns."""
    lines = (FIXTURES / "google-forms.csv").read_text("utf-8-sig").splitlines()
    import csv

    rows = list(csv.reader(lines))
    wb = Workbook()
    sheet = wb.active
    sheet.title = "Form Responses 1"
    sheet.append(rows[0])
    for i, row in enumerate(rows[1:]):
        stamp = dt.datetime(2025, 9, 1 + i, 10, 9, 52)
        sheet.append([stamp, *(v or None for v in row[1:])])
    wb.save(path)
    return path


def test_google_sheets_xlsx_uses_the_same_mapping(ws: Path) -> None:
    export = google_sheet(ws.parent / "google-forms.xlsx")
    shutil.copy(FIXTURES / "google-forms.mapping.yaml", ws.parent / "google-forms.mapping.yaml")
    result = run("responses", "import", ws, export)
    assert result.exit_code == 0, result.output
    assert sorted(responses(ws)) == ["an", "binh", "chi"]
    assert "submitted: 2025-09-02 10:09:52\n" in responses(ws)["binh"]


def test_microsoft_forms_saved_as_windows_1252_csv(ws: Path) -> None:
    export = ws.parent / "forms.csv"
    export.write_bytes(
        (
            "ID,Start time,Completion time,Email,Name,Who sponsors customer management?,"
            "Our staff know what we promise customers.,Do you use a CRM system?,Why not?,"
            "Which channels do you use to reach customers?,Where is customer data kept?,"
            "What share of customers renewed last year (%)?,Anything else?\r\n"
            "1,9/4/2025 9:00,9/4/2025 9:07,anonymous,,A named executive.,Agree,Yes,,"
            "Stores;Fax machine;,In a customer data platform,,Caf\u00e9 talk \u2013 fine\r\n"
        ).encode("cp1252")
    )
    drafted(ws, export)
    result = run("responses", "import", ws, export, "--add-respondents", "--role", "sales")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{export}: warning: not UTF-8 (byte 413): read as Windows-1252; check that accented "
        "letters came out right, or save the file as 'CSV UTF-8'",
        "imported 1 of 1 rows (0 incomplete, 0 skipped); 1 respondent(s) added to assessment.yaml",
    ]
    assert responses(ws)["forms-1"] == (
        "respondent: forms-1\nquestionnaire: survey-q\nsubmitted: 2025-09-04 09:07:00\n"
        "answers:\n  q-sponsor: 3\n  q-agree: 4\n  q-crm: 'yes'\n  q-channels:\n"
        "    value:\n    - store\n    comment: Fax machine\n  q-data: platform\n"
        "  q-remarks: Café talk – fine\n"
    )
