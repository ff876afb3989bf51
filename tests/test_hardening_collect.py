"""Hardening of the collection side and the command line: a damaged database, a kill during an
invitation, temporary files a kill leaves, huge numbers on the web form, bytes that are not
UTF-8 in arguments."""

from __future__ import annotations

import fcntl
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from starlette.testclient import TestClient

from assessor.cli import cli
from assessor.collect import Store, invite
from assessor.collect.app import create_app
from assessor.loading import load_library

from .collect_helpers import collect_workspace

BIG = "9" * 5000


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return collect_workspace(tmp_path)


def _garbage(db: Path) -> None:
    db.write_bytes(b"garbage\n")


def _folder(db: Path) -> None:
    db.mkdir()


def _foreign(db: Path) -> None:
    with sqlite3.connect(db) as other:
        other.execute("CREATE TABLE invoices (id INTEGER, total REAL)")


DAMAGED = {
    "garbage": (_garbage, "not a collection database (the file is damaged or not SQLite)"),
    "folder": (_folder, "a folder, not the collection database"),
    "foreign": (_foreign, "a database of another program (tables: invoices)"),
}


@pytest.mark.parametrize(("damage", "why"), DAMAGED.values(), ids=DAMAGED)
@pytest.mark.parametrize(
    "command",
    [["status"], ["export"], ["invite", "--name", "An", "--role", "sales"]],
    ids=["status", "export", "invite"],
)
def test_a_damaged_database_is_one_line_and_left_as_it_is(
    ws: Path, damage: object, why: str, command: list[str]
) -> None:
    db = ws / "collect.sqlite3"
    damage(db)  # type: ignore[operator]
    before = db.read_bytes() if db.is_file() else None
    yaml_before = (ws / "assessment.yaml").read_bytes()
    result = CliRunner().invoke(cli, ["collect", command[0], str(ws), *command[1:]], obj={})
    assert result.exit_code == 1
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines() == [
        f"{db}: {why}: move it aside and run again; nothing was changed"
    ]
    assert (db.read_bytes() if db.is_file() else None) == before
    assert (ws / "assessment.yaml").read_bytes() == yaml_before


_KILL_DURING_INVITE = """
import os, signal, sys
from pathlib import Path
import assessor.fsio as fsio
real = os.replace
def replace(src, dst):
    if sys.argv[2] == "after":
        real(src, dst)
    os.kill(os.getpid(), signal.SIGKILL)
fsio.os.replace = replace
from assessor.collect import invite
invite(Path(sys.argv[1]), name="Trần Minh Quân", role="sales")
"""


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_kill_during_invite_leaves_both_or_a_run_that_completes(ws: Path, when: str) -> None:
    """Killed before assessment.yaml is replaced: neither file has the person. Killed after it,
    before the database commits: running the invitation again completes it."""
    run = subprocess.run(
        [sys.executable, "-c", _KILL_DURING_INVITE, str(ws), when], capture_output=True
    )
    assert run.returncode == -9
    listed = yaml.safe_load((ws / "assessment.yaml").read_text("utf-8"))["respondents"] or []
    assert [r["id"] for r in listed] == ([] if when == "before" else ["tran-minh-quan"])
    assert Store.of(ws).person("tran-minh-quan") is None
    again = invite(ws, name="Trần Minh Quân", role="sales")
    assert Store.of(ws).person_by_token(again.token) is not None
    listed = yaml.safe_load((ws / "assessment.yaml").read_text("utf-8"))["respondents"]
    assert [r["id"] for r in listed] == ["tran-minh-quan"]
    assert not list(ws.glob(".*.tmp"))  # the killed run's temporary file is gone


def test_someone_only_in_the_database_is_invited_again(ws: Path) -> None:
    """An older interrupted run may have left a person in the database only: a new invitation
    gives them a link and lists them, instead of saying 'invited already'."""
    first = invite(ws, name="An", role="sales")
    original = (ws / "assessment.yaml").read_text("utf-8")
    listed = '  - {id: "an", name: "An", role: "sales"}'
    assert listed in original
    (ws / "assessment.yaml").write_text(original.replace(listed, "  []"), "utf-8")
    again = invite(ws, name="An", role="sales")
    assert again.added_to_assessment and again.token != first.token
    assert Store.of(ws).person_by_token(first.token) is None


def test_a_left_over_temporary_file_is_removed_by_the_next_write(ws: Path) -> None:
    dead = ws / ".assessment.yaml.k1ll3d00.tmp"
    dead.write_text("half a file", "utf-8")
    live = ws / ".assessment.yaml.wr1t1ng0.tmp"
    live.write_text("being written", "utf-8")
    with live.open("rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # a write under way in another process
        invite(ws, name="An", role="sales")
    assert not dead.exists()
    assert live.exists()


def _client(ws: Path) -> TestClient:
    app = create_app(ws, load_library([ws / "library"]).questionnaire("web-q"), None)
    return TestClient(app, base_url="http://127.0.0.1:8000", raise_server_exceptions=False)


@pytest.mark.parametrize("field", ["q1", "q3"])
def test_a_5000_digit_answer_on_the_web_form_is_400_not_500(ws: Path, field: str) -> None:
    token = invite(ws, name="An", role="sales").token
    client = _client(ws)
    page = 1 if field == "q1" else 2
    html = client.get(f"/r/{token}/s/{page}").text
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert csrf is not None
    reply = client.post(f"/r/{token}/s/{page}", data={"csrf": csrf[1], f"q-{field}": BIG})
    assert reply.status_code == 400
    saved = client.post(
        f"/r/{token}/save", data={"csrf": csrf[1], "question": field, f"q-{field}": BIG}
    )
    assert saved.status_code == 422 and saved.json()["saved"] is False


def test_a_huge_declared_body_size_is_413_not_500(ws: Path) -> None:
    token = invite(ws, name="An", role="sales").token
    client = _client(ws)
    reply = client.post(f"/r/{token}/save", content=b"x", headers={"content-length": BIG})
    assert reply.status_code in (400, 413)


@pytest.mark.parametrize(
    ("args", "n", "shown"),
    [
        (["init", "Y", "--client", "\udcff"], 4, "\\xff"),
        (["collect", "invite", "X", "--name", "a\udcffb", "--role", "sales"], 5, "a\\xffb"),
    ],
)
def test_arguments_that_are_not_utf8_are_one_line(args: list[str], n: int, shown: str) -> None:
    result = CliRunner().invoke(cli, args, obj={})
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"crm-assess: argument {n} ({shown}) is not UTF-8 text"]


def test_invalid_utf8_argument_from_a_real_shell(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "assessor", "init", os.fsdecode(tmp_path / "Y"), "--client",
         os.fsdecode(b"\xff")],
        capture_output=True, cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 1
    assert run.stderr.decode() == "crm-assess: argument 4 (\\xff) is not UTF-8 text\n"
    assert not (tmp_path / "Y").exists()
