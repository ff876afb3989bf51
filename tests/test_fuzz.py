"""Malformed workspaces, generated: every one ends in located problems, never in a traceback.

Each example takes the small hand-computed workspace (tests/workspaces.py), picks one of its files
(the assessment, a YAML, JSON or CSV response, the questionnaire, the framework) and breaks it: a value replaced
by a hostile one (impossible dates, wrong explicit tags, huge numbers, long text, aliases, …),
lines inserted, repeated, dropped or cut, random bytes spliced in. Then it is loaded and scored
as `score` does, and must either succeed or raise the one error type the command line turns into
`file:line:col: message` lines, within the deadline.

A few examples per test run in `make test`; a longer run:

    CRM_ASSESS_FUZZ=2000 .venv/bin/pytest tests/test_fuzz.py

(the number is the examples per test; hypothesis prints the smallest failing workspace file).
"""

from __future__ import annotations

import functools
import json
import os
import re
import tempfile
from datetime import timedelta
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from assessor.cli import cli
from assessor.errors import AssessorError
from assessor.loading import Library, load_library
from assessor.pipeline import run_assessment

from .workspaces import mini_workspace

EXAMPLES = int(os.environ.get("CRM_ASSESS_FUZZ", "0") or 0)
FUZZ = settings(
    max_examples=EXAMPLES or 30,
    deadline=timedelta(seconds=10),  # the bound: no input may take longer to be refused
    database=None,
    derandomize=not EXAMPLES,  # the short run is the same every time
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

HOSTILE = [
    "2026-02-30", "2026-13-01", "0000-01-01", "2026-10-20T25:61:00", "!!float 'abc'",
    "!!int 'zz'", "!!timestamp 'x'", "!!bool 'maybe'", "!!binary 'zz'", "!!set {a}",
    "!!python/object:os.system 'x'", "!!omap [a]", "9" * 5000, "-" + "9" * 4400, "0x" + "f" * 200,
    "1e999", "-.inf", ".nan", "0o777", "'" + "x" * 6000 + "'", "x" * 400, "&a [*a, *a]", "*nope",
    "{a: 1, a: 2}", "[", "{", "- - -", "? [a]\n  : b", "<<: *x", "~", "null", "Có", "Yes", "true",
    "not_sure", "not_applicable", "[1, 2, 3]", "{value: 9}", "\"\\ud83d\\ude00\"", "\"\\ud83d\"",
    "'" + "(" * 300 + "true" + ")" * 300 + "'", "\"" + "${q3} == 'no' or " * 700 + "true\"",
    "é\u0301", "\u202e", "'<script>'", "|\n  long\n  text",
]  # fmt: skip


def _json_response() -> str:
    data = yaml.safe_load(mini_workspace()["ws/responses/r2.yaml"])
    return json.dumps(data, ensure_ascii=True, indent=1)


CSV_R3 = "respondent,q1,q1.importance,q2,q3,q3-why,q3-why.comment\nr3,not_applicable,,3,yes,,\n"
TARGETS = {
    "assessment.yaml": None,
    "responses/r1.yaml": None,
    "responses/r2.json": _json_response(),
    "responses/r3.csv": CSV_R3,
    "library/mini-q.yaml": None,
    "library/mini.yaml": None,
}


def _mutate(text: str, data: st.DataObject) -> bytes:
    lines = text.splitlines(keepends=True) or ["\n"]
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        where = data.draw(st.integers(0, len(lines) - 1), label="line")
        how = data.draw(st.sampled_from(["value", "insert", "repeat", "drop", "cut"]), label="how")
        if how == "value" and ":" in lines[where]:
            key = lines[where].split(":", 1)[0]
            lines[where] = f"{key}: {data.draw(st.sampled_from(HOSTILE), label='value')}\n"
        elif how == "insert":
            indent = " " * data.draw(st.sampled_from([0, 2, 4]), label="indent")
            atom = data.draw(st.sampled_from(HOSTILE), label="atom")
            lines.insert(where, f"{indent}q1: {atom}\n")
        elif how == "repeat":
            lines.insert(where, lines[where])
        elif how == "drop" and len(lines) > 1:
            del lines[where]
        elif how == "cut":
            lines[where] = lines[where][: len(lines[where]) // 2]
    raw = "".join(lines).encode("utf-8", "surrogatepass")
    if data.draw(st.booleans(), label="splice bytes"):
        at = data.draw(st.integers(0, len(raw)), label="at")
        raw = raw[:at] + data.draw(st.binary(max_size=8), label="bytes") + raw[at:]
    return raw


@functools.cache
def _builtin_library(framework: bytes, questionnaire: bytes) -> Library:
    """The library as `score` loads it for the workspace (built-ins and its library/ folder),
    cached by the workspace's own content files so unchanged examples do not reload it."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "library"
        folder.mkdir()
        for name, text in mini_workspace().items():
            if name.startswith("ws/library/"):
                (folder / Path(name).name).write_text(text, encoding="utf-8")
        (folder / "mini.yaml").write_bytes(framework)
        (folder / "mini-q.yaml").write_bytes(questionnaire)
        return load_library([folder])


def _write(root: Path, target: str, raw: bytes) -> Path:
    files = mini_workspace()
    del files["ws/responses/r2.yaml"], files["ws/responses/r3.yaml"]
    files |= {"ws/responses/r2.json": TARGETS["responses/r2.json"], "ws/responses/r3.csv": CSV_R3}
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(str(text), encoding="utf-8")
    (root / "ws" / target).write_bytes(raw)
    return root / "ws"


_PLACE = re.compile(r"^(?P<file>[^:]+)(?::(?P<line>\d+):(?P<col>\d+))?: ")
# problems about a whole file, which has no line to point at
_WHOLE_FILE = ("cannot read file", "the file is", "not a regular file", "library folder")


def _check_lines(root: Path, lines: list[str]) -> None:
    assert lines, "an error without a single problem line"
    for line in lines:
        assert len(line) < 1000, f"a problem line of {len(line)} characters"
        place = _PLACE.match(line)
        assert place is not None, line
        assert place["file"].startswith(str(root)) or place["file"].startswith("/"), line
        if place["line"] is None and Path(place["file"]).is_file():
            assert any(w in line for w in _WHOLE_FILE), f"no line:col in {line!r}"


def _text(target: str) -> str:
    return TARGETS[target] or mini_workspace()[f"ws/{target}"]


@FUZZ
@given(target=st.sampled_from(list(TARGETS)), data=st.data())
def test_a_broken_file_is_refused_with_located_problems(target: str, data: st.DataObject) -> None:
    raw = _mutate(_text(target), data)
    with tempfile.TemporaryDirectory() as tmp:
        ws = _write(Path(tmp), target, raw)
        own = [(ws / "library" / name).read_bytes() for name in ("mini.yaml", "mini-q.yaml")]
        try:
            library = _builtin_library(*own)
            run_assessment(ws, library=library)
            event("accepted")
        except AssessorError as exc:
            _check_lines(Path(tmp), exc.lines())
            event(f"refused ({target})")


@settings(FUZZ, max_examples=EXAMPLES or 4)
@given(target=st.sampled_from(list(TARGETS)), data=st.data())
def test_validate_score_and_report_refuse_a_broken_file(target: str, data: st.DataObject) -> None:
    """The same, through the commands: exit status 0 or 1, never a traceback."""
    raw = _mutate(_text(target), data)
    with tempfile.TemporaryDirectory() as tmp:
        ws = _write(Path(tmp), target, raw)
        for command in (["validate"], ["score"], ["report", "--format", "html", "--force"]):
            result = CliRunner().invoke(cli, [*command, str(ws)], obj={})
            crash = result.exception if not isinstance(result.exception, SystemExit) else None
            assert crash is None, (command, repr(crash))
            assert result.exit_code in (0, 1), command
            if result.exit_code == 1:
                problems = [ln for ln in result.stderr.splitlines() if "file(s) checked" not in ln]
                _check_lines(Path(tmp), [ln for ln in problems if ": warning:" not in ln])
