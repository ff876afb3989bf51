"""Every row accounted for, whatever the encoding, delimiter or number of files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import BuildTree
from .exchange_helpers import FIXTURES, run, survey_workspace

GOOGLE = "google-forms.csv"


@pytest.fixture
def ws(build_file_tree: BuildTree) -> Path:
    root = survey_workspace(build_file_tree).parent
    for name in (GOOGLE, "google-forms.mapping.yaml", "limesurvey.csv", "limesurvey.mapping.yaml"):
        shutil.copy(FIXTURES / name, root / name)
    return root / "ws"


def google_text() -> str:
    return (FIXTURES / GOOGLE).read_text("utf-8-sig")


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ","), ("utf-8-sig", ";"), ("utf-16", ","), ("utf-16", "\t"), ("utf-8", "\t")],
)
def test_encodings_and_delimiters_are_sniffed(ws: Path, encoding: str, delimiter: str) -> None:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(google_text())))
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    export = ws.parent / GOOGLE
    export.write_bytes(out.getvalue().encode(encoding))
    result = run("responses", "import", ws, export)
    assert result.exit_code == 0, result.output
    assert result.stderr == "imported 3 of 3 rows (0 incomplete, 0 skipped)\n"
    binh = (ws / "responses" / "binh.yaml").read_text("utf-8")
    assert "  q-crm-why: Đang chọn nhà cung cấp\n" in binh


def test_utf16_without_a_byte_order_mark_says_so(ws: Path) -> None:
    export = ws.parent / GOOGLE
    export.write_bytes(google_text().encode("utf-16-le"))
    result = run("responses", "import", ws, export)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{export}: the file looks like UTF-16 without a byte-order mark: save it again as "
        "'CSV UTF-8' (or UTF-16 with a byte-order mark)\n"
    )


def test_a_file_of_one_column_hints_at_the_delimiter(ws: Path) -> None:
    export = ws.parent / "odd.csv"
    export.write_text("Zeit|Frage 1|Frage 2\n2025|a|b\n", "utf-8")
    result = run("responses", "import", ws, export)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{export}: not a survey export crm-assess knows (tried LimeSurvey, Qualtrics, "
        "SurveyMonkey, KoboToolbox, ODK Central, Microsoft Forms, Google Forms): the first row "
        "reads 'Zeit|Frage 1|Frage 2' (read with a comma between columns: is it another "
        "delimiter?)\n"
    )


def test_empty_rows_are_reported_and_counted(ws: Path) -> None:
    export = ws.parent / GOOGLE
    lines = google_text().splitlines()
    export.write_text("\n".join([*lines[:2], ",,,,,,,,,,", *lines[2:]]) + "\n", "utf-8")
    result = run("responses", "import", ws, export)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{export}:3:1: warning: empty row: skipped",
        "imported 3 of 4 rows (0 incomplete, 1 skipped: 1 empty)",
    ]


def test_nothing_imported_is_exit_status_1(ws: Path) -> None:
    export = ws.parent / "limesurvey.csv"
    lines = export.read_text("utf-8").splitlines()
    export.write_text("\n".join([lines[0], lines[2]]) + "\n", "utf-8")  # the incomplete row
    result = run("responses", "import", ws, export)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "nothing imported: imported 0 of 1 rows (0 incomplete, 1 skipped: 1 incomplete)",
        f"{export}:2:1: warning: incomplete response (no submitdate): not imported "
        "(--lenient imports it)",
    ]
    assert not (ws / "responses").exists()


def test_lenient_imports_the_incomplete_limesurvey_row(ws: Path) -> None:
    export = ws.parent / "limesurvey.csv"
    result = run("responses", "import", ws, export, "--lenient")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"{export}:3:1: warning: incomplete response (no submitdate, 4 required question(s) "
        "unanswered): imported because of --lenient",
        "imported 3 of 3 rows (1 incomplete, 0 skipped)",
    ]
    assert (ws / "responses" / "chi.yaml").read_text("utf-8") == (
        "respondent: chi\nquestionnaire: survey-q\nlanguage: vi\nanswers:\n  q-sponsor: 3\n"
    )


def test_several_files_import_all_or_nothing(ws: Path) -> None:
    google, lime = ws.parent / GOOGLE, ws.parent / "limesurvey.csv"
    both = run("responses", "import", ws, google, lime)
    assert both.exit_code == 1  # an and binh answered in both files
    assert both.stderr.splitlines() == [
        f"{lime}:2:7: respondent 'an' answers twice (also at google-forms.csv line 2); keep one",
        f"{lime}:3:1: warning: incomplete response (no submitdate): not imported "
        "(--lenient imports it)",
        f"{lime}:4:7: respondent 'binh' answers twice (also at google-forms.csv line 3); keep one",
    ]
    assert not (ws / "responses").exists()
    lines = lime.read_text("utf-8").splitlines()
    lime.write_text("\n".join([lines[0], lines[2]]) + "\n", "utf-8")
    result = run("responses", "import", ws, google, lime, "--lenient")
    assert result.exit_code == 1
    assert "chi' answers twice" in result.stderr
    lime.write_text(lime.read_text("utf-8").replace("chi.le@example.vn", "Lê Minh Chi"), "utf-8")
    google.write_text(google_text().splitlines()[0] + "\n" + google_text().splitlines()[1] + "\n")
    result = run("responses", "import", ws, google, lime, "--lenient")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == "imported 2 of 2 rows (1 incomplete, 0 skipped)"
    assert sorted(p.stem for p in (ws / "responses").glob("*.yaml")) == ["an", "chi"]


def test_added_respondents_go_into_a_flow_list_too(ws: Path) -> None:
    assessment = ws / "assessment.yaml"
    text = assessment.read_text("utf-8")
    start = text.index("respondents:")
    assessment.write_text(text[:start] + "respondents: []\n", "utf-8")
    export = ws.parent / GOOGLE
    result = run("responses", "import", ws, export, "--add-respondents", "--role", "sales")
    assert result.exit_code == 0, result.output
    added = assessment.read_text("utf-8")[start:].splitlines()
    assert added[:2] == [
        "respondents:",
        '  - {id: "google-forms-row1-3324c0", name: "an.nguyen@example.vn", role: "sales", '
        'email: "an.nguyen@example.vn", imported: "google-forms.csv"}',
    ]
    assert len(added) == 4
    assert run("score", ws).exit_code == 0
