"""The review commands: a draft to start from, the workshop sheet and its way back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from assessor.cli import cli
from assessor.pipeline import run_assessment

from .conftest import REPO

EXAMPLE = REPO / "examples" / "saigon-xanh"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    target = tmp_path / "ws"
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("reports", "review.yaml"))
    return target


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_draft_lists_what_to_discuss_and_changes_nothing(ws: Path) -> None:
    before = run_assessment(ws).scores.score
    assert _run("review", "draft", ws) == f"{ws / 'review.yaml'}\n"
    text = (ws / "review.yaml").read_text(encoding="utf-8")
    # technology: the CRM is live in the south only, so views split (2σ ≥ 1.5 levels)
    assert "  - dimension: gartner-8bb/technology\n    level:  " in text
    assert (
        "  # Gartner 8BB — Technology: self-assessed 2.40 (level 1); "
        "respondents disagree (1.00–3.33)\n" in text
    )
    # strategy spans 1.33–3.00, but most respondents agree (2σ < 1.5): nothing to discuss
    assert "dimension: gartner-8bb/strategy" not in text
    assert "dimension: gartner-8bb/metrics" not in text  # nothing stands out there
    assert "crm-strategy-levels/" not in text  # a position on the matrix is not a level
    assert (
        '#   - {respondent: pham-thi-lan, question: closing-comment}   # "Dữ liệu khách hàng '
        'nằm rải rác ở POS, CRM và file Excel của từng cửa hàng."' in text
    )
    result = run_assessment(ws)
    assert result.workspace.review is not None and result.scores.score == before
    # never overwritten without --force
    again = CliRunner().invoke(cli, ["review", "draft", str(ws)])
    assert again.exit_code == 1
    assert again.stderr == f"{ws / 'review.yaml'}: already exists (use --force to replace it)\n"


def _fill(sheet: Path, levels: dict[str, tuple[object, str, str, str]]) -> None:
    wb = load_workbook(sheet)
    ws = wb.worksheets[0]
    for row in range(7, ws.max_row + 1):
        if ws[f"A{row}"].value in levels:
            level, en, vi, evidence = levels[ws[f"A{row}"].value]
            ws[f"I{row}"], ws[f"J{row}"], ws[f"K{row}"], ws[f"L{row}"] = level, en, vi, evidence
    ws["B2"] = "Nguyễn Thị Mai, Mekong CRM Advisory"
    wb.save(sheet)


def test_workshop_sheet_round_trips_and_moves_the_headline(ws: Path, tmp_path: Path) -> None:
    self_assessed = run_assessment(ws).scores
    sheet = tmp_path / "sheet.xlsx"
    _run("review", "workshop", ws, "-o", sheet, "--lang", "en")
    rows = {
        r[0]: r for r in load_workbook(sheet).worksheets[0].iter_rows(min_row=7, values_only=True)
    }
    metrics = rows["gartner-8bb/metrics"]
    assert metrics[1:5] == ("Gartner 8BB", "Metrics", "1.69 (level 1)", "1.00–2.25")
    assert metrics[5] == "–"  # by role: withheld, no role has three respondents
    # every Gartner block agreed at level 3: the framework reaches 3, and with it ...
    gartner = [p for p in rows if str(p).startswith("gartner-8bb/")]
    agreed = {
        p: (3, "Agreed in the workshop.", "Thống nhất tại hội thảo.", "interview: CEO")
        for p in gartner
    }
    agreed["gartner-8bb/metrics"] = ("2 — Some teams", "Reports exist.", "Có báo cáo.",
                                     "document: Monthly KPI pack; observation: dashboard")  # fmt: skip
    _fill(sheet, agreed)
    method = "method: {en: A consensus workshop., vi: Hội thảo đồng thuận.}\n"
    (ws / "review.yaml").write_text(f"kind: review\nmoderator: M\n{method}", encoding="utf-8")
    out = CliRunner().invoke(cli, ["review", "import", str(ws), str(sheet), "--force"])
    assert out.exit_code == 0, out.output
    review = yaml.safe_load((ws / "review.yaml").read_text(encoding="utf-8"))
    assert review["moderator"] == "Nguyễn Thị Mai, Mekong CRM Advisory"
    entry = next(e for e in review["agreed"] if e["dimension"] == "gartner-8bb/metrics")
    assert entry == {
        "dimension": "gartner-8bb/metrics", "level": 2,
        "rationale": {"en": "Reports exist.", "vi": "Có báo cáo."},
        "evidence": [{"kind": "document", "ref": "Monthly KPI pack"},
                     {"kind": "observation", "ref": "dashboard"}],
    }  # fmt: skip
    s = run_assessment(ws).scores
    gartner_fw = next(f for f in s.frameworks if f.id == "gartner-8bb")
    # seven blocks at 3 and metrics (weight 1 of 8) at 2: 87.5 % at level 3 ≥ 80 %
    assert gartner_fw.level == 3 and self_assessed.frameworks[2].level == 1
    assert s.score is not None and self_assessed.score is not None and s.score > self_assessed.score
    assert s.self_assessed is not None and s.self_assessed.score == self_assessed.score
    # exported again, the sheet shows what was agreed
    again = tmp_path / "again.xlsx"
    _run("review", "workshop", ws, "-o", again)
    row = next(r for r in load_workbook(again).worksheets[0].iter_rows(min_row=7, values_only=True)
               if r[0] == "gartner-8bb/metrics")  # fmt: skip
    assert row[8:] == (2, "Reports exist.", "Có báo cáo.",
                       "document: Monthly KPI pack; observation: dashboard")  # fmt: skip


def test_import_reports_every_bad_cell(ws: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.xlsx"
    _run("review", "workshop", ws, "-o", sheet)
    _fill(sheet, {
        "gartner-8bb/metrics": (5, "Too high.", "Quá cao.", ""),
        "gartner-8bb/vision": (3, "", "", "memo: board minutes"),
        "qci/measurement": (2, "Only English.", "", ""),
    })  # fmt: skip
    out = CliRunner().invoke(cli, ["review", "import", str(ws), str(sheet)])
    assert out.exit_code == 1
    rows = {
        r[0]: i
        for i, r in enumerate(
            load_workbook(sheet).worksheets[0].iter_rows(min_row=1, values_only=True), 1
        )
    }
    m, v, q = rows["gartner-8bb/metrics"], rows["gartner-8bb/vision"], rows["qci/measurement"]
    assert out.stderr.splitlines() == [
        f"{sheet}: Consensus workshop!B3: how the levels were agreed is missing",
        f"{sheet}: Consensus workshop!I{m}: an agreed level is 1, 2, 3 or 4 (got 5)",
        f"{sheet}: Consensus workshop!J{v}: an agreed level needs a rationale",
        f"{sheet}: warning: Consensus workshop!K{q}: the rationale in Vietnamese is missing: "
        "the other language's text is used for both; translate it in review.yaml",
        f"{sheet}: Consensus workshop!L{v}: evidence reads 'document: …', 'interview: …' or "
        "'observation: …', separated by ';' (got 'memo: board minutes')",
    ]
    assert not (ws / "review.yaml").exists()


def test_the_vietnamese_sheet_says_why_in_vietnamese(ws: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "vi.xlsx"
    _run("review", "workshop", ws, "-o", sheet, "--lang", "vi")
    rows = {
        r[0]: r for r in load_workbook(sheet).worksheets[0].iter_rows(min_row=7, values_only=True)
    }
    technology = rows["gartner-8bb/technology"]
    assert technology[3:5] == ("2,40 (mức 1)", "1,00–3,33")
    assert load_workbook(sheet).worksheets[0]["A5"].value == (
        "Bảo mật — kết quả theo vai trò không được trình bày, vì không nhóm nào có từ 3 người trả "
        "lời trở lên."
    )
    assert technology[7] == "ý kiến người trả lời khác nhau (1,00–3,33)"
