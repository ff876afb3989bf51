"""Random Google Forms exports: every row is imported or reported, never lost in silence."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import MINIMAL_FRAMEWORK
from .exchange_helpers import FIXTURES, run
from .workspaces import MINI_PROFILE

TITLES = [
    "Who sponsors customer management?",
    "Our staff know what we promise customers.",
    "Do you use a CRM system?",
    "Which channels do you use to reach customers?",
    "Where is customer data kept?",
]
MAPPING = """\
kind: import-mapping
columns:
  "Who sponsors customer management?": q-sponsor
  "Our staff know what we promise customers.": q-agree
  "Do you use a CRM system?": q-crm
  "Which channels do you use to reach customers?": {question: q-channels, other: comment}
  "Where is customer data kept?": q-data
"""
ANSWERS = [
    st.sampled_from(["1", "A department head.", "4", "Not sure", ""]),
    st.sampled_from(["Agree", "5", "Không đồng ý", ""]),
    st.sampled_from(["Yes", "No", "Có", ""]),
    st.sampled_from(
        [
            "Website, online shop",
            "Website, online shop, Stores",
            "Stores, Fax, ISDN",
            "Phone and Zalo",
            "",
        ]
    ),
    st.sampled_from(
        ["In spreadsheets", "Trong một hệ thống CRM", "In a customer data platform", ""]
    ),
]
ROW = st.one_of(
    st.just(None),  # an empty row
    st.tuples(
        st.sampled_from(["2025/09/01 10:09:52 AM UTC+7", "9/1/2025 10:09:52"]),  # shared stamps
        st.sampled_from(["", "", "an.nguyen@example.vn"]),  # mostly anonymous
        *ANSWERS,
    ),
)


def _title(title: str, nbsp: bool, bom: bool) -> str:
    return ("\ufeff" if bom else "") + title + ("\u00a0" if nbsp else "")


def _export(rows: list[tuple[str, ...] | None], nbsp: bool, bom: bool, crlf: bool) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n" if crlf else "\n")
    writer.writerow(["Timestamp", "Email address", *(_title(t, nbsp, bom) for t in TITLES)])
    for row in rows:
        writer.writerow([""] * 7 if row is None else list(row))
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8")


def _workspace(root: Path) -> Path:
    ws = root / "ws"
    (ws / "library").mkdir(parents=True)
    (ws / "assessment.yaml").write_text((FIXTURES / "assessment.yaml").read_text("utf-8"), "utf-8")
    (ws / "library" / "mini.yaml").write_text(MINIMAL_FRAMEWORK, "utf-8")
    (ws / "library" / "mini-target.yaml").write_text(MINI_PROFILE, "utf-8")
    survey = (FIXTURES / "survey-q.yaml").read_text("utf-8")
    (ws / "library" / "survey-q.yaml").write_text(survey, "utf-8")
    return ws


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(ROW, min_size=1, max_size=8).filter(lambda r: r[-1] is not None),
    nbsp=st.booleans(),
    bom=st.booleans(),
    crlf=st.booleans(),
)
def test_every_row_is_imported_or_reported(
    rows: list[tuple[str, ...] | None], nbsp: bool, bom: bool, crlf: bool
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ws = _workspace(Path(tmp))
        export = Path(tmp) / "forms.csv"
        export.write_bytes(_export(rows, nbsp, bom, crlf))
        export.with_suffix(".mapping.yaml").write_text(MAPPING, "utf-8")
        result = run(
            "responses", "import", ws, export, "--lenient", "--add-respondents", "--role", "sales"
        )
        answered = [r for r in rows if r is not None]
        empty = len(rows) - len(answered)
        an = [r for r in answered if r[1]]
        if len(an) > 1:  # the same person twice is an error naming both rows
            assert result.exit_code == 1
            assert "respondent 'an' answers twice" in result.stderr
            return
        assert result.exit_code == 0, result.output
        skipped = f"{empty} skipped" + (f": {empty} empty" if empty else "")
        summary = f"imported {len(answered)} of {len(rows)} rows (0 incomplete, {skipped})"
        assert result.stderr.splitlines()[-1].startswith(summary)
        written = list((ws / "responses").glob("*.yaml"))
        assert len(written) == len(answered)
        assert result.stderr.count("warning: empty row: skipped") == empty
