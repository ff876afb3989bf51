"""Collecting answers: invitations, the web questionnaire's rules, and export to responses/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from starlette.testclient import TestClient

from assessor.cli import cli
from assessor.collect import Store, export_responses, invite
from assessor.collect.export import MARKER
from assessor.collect.forms import parse_answer
from assessor.collect.guard import MAX_BODY
from assessor.collect.yamledit import append_to_list
from assessor.errors import AssessorError
from assessor.loading import load_library
from assessor.models.common import COMMENT_MAX

from .collect_helpers import collect_workspace, csrf_of, web_client


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return collect_workspace(tmp_path)


def _library(ws: Path):  # type: ignore[no-untyped-def]
    return load_library([ws / "library"])


_client = web_client
_csrf = csrf_of


def test_invite_adds_respondent_and_keeps_comments(ws: Path) -> None:
    result = CliRunner().invoke(
        cli, ["collect", "invite", str(ws), "--name", "Trần Minh Quân", "--role", "sales",
              "--unit", "n"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    link = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"http://127\.0\.0\.1:8000/r/[A-Za-z0-9_-]{32}", link)
    text = (ws / "assessment.yaml").read_text("utf-8")
    assert text.startswith("# A test client. This comment must survive invitations.")
    assert yaml.safe_load(text)["respondents"] == [
        {"id": "tran-minh-quan", "name": "Trần Minh Quân", "role": "sales", "unit": "n"}
    ]
    token = link.rsplit("/", 1)[1]
    person = Store.of(ws).person_by_token(token)
    assert person is not None and person.id == "tran-minh-quan"
    assert token not in (ws / "collect.sqlite3").read_bytes().decode("latin-1")  # only a hash


def test_invite_errors_are_one_line_each(ws: Path) -> None:
    runner = CliRunner()
    args = ["collect", "invite", str(ws), "--name", "An", "--role", "boss", "--unit", "z"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{ws / 'assessment.yaml'}: unknown role 'boss' (roles: executive, sales, marketing, "
        "service, it, finance, operations)",
        f"{ws / 'assessment.yaml'}: unknown unit 'z' (units: n)",
    ]
    assert (
        runner.invoke(cli, ["collect", "invite", str(ws), "--name", "An", "--role", "it"]).exit_code
        == 0
    )
    again = runner.invoke(cli, ["collect", "invite", str(ws), "--name", "An", "--role", "it"])
    assert again.exit_code == 1
    assert "'An' was invited already (use --new-link to replace the link)" in again.stderr


def test_new_link_replaces_the_old_one(ws: Path) -> None:
    old = invite(ws, name="An", role="it").token
    new = invite(ws, name="An", role="it", new_link=True).token
    store = Store.of(ws)
    assert store.person_by_token(old) is None
    assert store.person_by_token(new) is not None
    assert yaml.safe_load((ws / "assessment.yaml").read_text("utf-8"))["respondents"] == [
        {"id": "an", "name": "An", "role": "it"}
    ]


def test_same_name_twice_gets_distinct_ids_when_listed_by_hand(ws: Path) -> None:
    text = append_to_list((ws / "assessment.yaml").read_text("utf-8"), "respondents",
                          {"id": "binh", "name": "Bình Khác", "role": "sales"})  # fmt: skip
    (ws / "assessment.yaml").write_text(text, encoding="utf-8")
    done = invite(ws, name="Bình", role="sales")
    assert done.respondent.id == "binh-2"


def test_made_up_token_is_refused(ws: Path) -> None:
    invite(ws, name="An", role="sales")
    client = _client(ws)
    for path in ("/r/not-a-real-token", "/r/not-a-real-token/s/1", "/status/nope"):
        page = client.get(path)
        assert page.status_code == 404
        assert "Đường dẫn không hợp lệ" in page.text
    post = client.post("/r/not-a-real-token/save", data={"question": "q1", "q-q1": "3"})
    assert post.status_code == 404


def test_one_token_cannot_read_or_change_another_respondents_answers(ws: Path) -> None:
    a = invite(ws, name="An", role="sales").token
    b = invite(ws, name="Bình", role="sales").token
    client = _client(ws)
    page_a = client.get(f"/r/{a}/s/1").text
    saved = client.post(f"/r/{a}/save", data={"csrf": _csrf(page_a), "question": "q1", "q-q1": "3"})
    assert saved.json()["saved"] is True
    page_b = client.get(f"/r/{b}/s/1").text
    assert 'value="3" checked' not in page_b  # B does not see A's answer
    # B's page token cannot write into A's answers, nor A's into B's
    forged = client.post(
        f"/r/{a}/save", data={"csrf": _csrf(page_b), "question": "q1", "q-q1": "1"}
    )
    assert forged.status_code == 403
    store = Store.of(ws)
    assert store.answers("an")["q1"].value == 3
    assert store.answers("binh") == {}


def test_posts_without_csrf_or_from_another_origin_are_refused(ws: Path) -> None:
    token = invite(ws, name="An", role="sales").token
    client = _client(ws)
    assert client.post(f"/r/{token}/save", data={"question": "q1", "q-q1": "3"}).status_code == 403
    csrf = _csrf(client.get(f"/r/{token}/s/1").text)
    evil = client.post(f"/r/{token}/save", data={"csrf": csrf, "question": "q1", "q-q1": "3"},
                       headers={"origin": "http://evil.example"})  # fmt: skip
    assert evil.status_code == 403
    assert Store.of(ws).answers("an") == {}


def test_request_size_is_limited_and_static_has_no_listing(ws: Path) -> None:
    token = invite(ws, name="An", role="sales").token
    client = _client(ws)
    huge = client.post(f"/r/{token}/save", content=b"x" * (MAX_BODY + 1),
                       headers={"content-type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert huge.status_code == 413
    assert huge.headers["content-security-policy"].startswith("default-src 'self'")
    assert client.get("/static/").status_code == 404
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/../store.py").status_code == 404


def test_pages_escape_names_and_answers_and_send_strict_headers(ws: Path) -> None:
    token = invite(ws, name='<img src="http://127.0.0.1:9/x">', role="sales").token
    client = _client(ws)
    csrf = _csrf(client.get(f"/r/{token}/s/1").text)
    client.post(f"/r/{token}/s/1", data={"csrf": csrf, "q-q1": "2", "q-q2": "no",
                                          "c-q1": "<script>alert(1)</script>"})  # fmt: skip
    welcome = client.get(f"/r/{token}")
    assert '<img src="http://127.0.0.1:9/x">' not in welcome.text
    assert "&lt;img src=&#34;http://127.0.0.1:9/x&#34;&gt;" in welcome.text
    page = client.get(f"/r/{token}/s/1")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert page.headers["referrer-policy"] == "same-origin"
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"


def test_the_form_works_without_javascript(ws: Path) -> None:
    token = invite(ws, name="An", role="sales").token
    client = _client(ws)
    csrf = _csrf(client.get(f"/r/{token}/s/1").text)
    # answering "no" opens the follow-up question on the same page: stay, and say so
    first = client.post(f"/r/{token}/s/1", data={"csrf": csrf, "q-q1": "3", "i-q1": "5",
                                                  "q-q2": "no"}, follow_redirects=False)  # fmt: skip
    assert first.status_code == 200
    assert "Câu trả lời của anh/chị đã mở thêm câu hỏi trên trang này." in first.text
    second = client.post(f"/r/{token}/s/1", data={"csrf": csrf, "q-q1": "3", "q-q2": "no",
                                                   "q-q2-why": "Chưa có ngân sách"},
                         follow_redirects=False)  # fmt: skip
    assert second.status_code == 303
    assert second.headers["location"] == f"/r/{token}/s/2"
    bad = client.post(f"/r/{token}/s/2", data={"csrf": csrf, "q-q3": "7", "q-q4": ["web", "shop"]})
    assert bad.status_code == 400
    assert "Lựa chọn này không có trong danh sách: vui lòng chọn lại." in bad.text
    stored = Store.of(ws).answers("an")
    assert {k: a.value for k, a in stored.items()} == {
        "q1": 3,
        "q2": "no",
        "q2-why": "Chưa có ngân sách",
        "q4": ["web", "shop"],
    }
    assert stored["q1"].importance is None  # the second post had no importance: cleared
    assert 'name="q-q5"' not in client.get(f"/r/{token}/s/2").text  # executives only


def test_skips_and_numbers_in_both_notations(ws: Path) -> None:
    q = {x.id: x for x in _library(ws).questionnaire("web-q").questions()}
    assert parse_answer(q["q1"], ["not_sure"]).value == "not_sure"
    assert parse_answer(q["q4"], ["web", "not_applicable"]).value == "not_applicable"
    assert parse_answer(q["q5"], ["48 000"]).value == 48000
    assert parse_answer(q["q5"], ["1.234,5"]).value == 1234.5
    assert parse_answer(q["q5"], ["12,5"]).value == 12.5
    assert parse_answer(q["q5"], [""], "not_sure").value == "not_sure"
    assert parse_answer(q["q5"], ["nhiều"]).error == "answer must be a number"
    assert parse_answer(q["q5"], ["48.000"]).value == 48000  # a Vietnamese thousands point
    for junk in ("nan", "inf", "²", "1e9"):
        assert parse_answer(q["q5"], [junk]).kind == "number", junk
    assert parse_answer(q["q1"], ["²"]).kind == "choice"
    assert parse_answer(q["q1"], ["5"]).error == (
        "answer must be a level from 1 to 4, 'not_sure' or 'not_applicable' (got 5)"
    )
    assert parse_answer(q["q3"], []).cleared


def _answer_all(ws: Path, token: str) -> TestClient:
    client = _client(ws)
    csrf = _csrf(client.get(f"/r/{token}/s/1").text)
    for field, value in (("q1", "3"), ("q2", "yes"), ("q3", "4"), ("q4", "phone")):
        data = {"csrf": csrf, "question": field, f"q-{field}": value}
        if field == "q1":
            data |= {"c-q1": "Chỉ đội bán hàng miền Nam làm tốt.", "i-q1": "4"}
        assert client.post(f"/r/{token}/save", data=data).json()["saved"] is True
    return client


def test_export_writes_responses_that_score(ws: Path) -> None:
    token = invite(ws, name="An", role="sales", unit="n").token
    client = _answer_all(ws, token)
    review = client.get(f"/r/{token}/review")
    assert "Anh/chị đã trả lời đủ các câu hỏi bắt buộc." in review.text
    assert client.post(f"/r/{token}/finish", data={"csrf": _csrf(review.text)}).status_code == 200
    runner = CliRunner()
    result = runner.invoke(cli, ["collect", "export", str(ws)])
    assert result.exit_code == 0, result.output
    target = ws / "responses" / "an.yaml"
    assert result.stdout.strip() == str(target)
    text = target.read_text("utf-8")
    assert text.startswith(MARKER)
    data = yaml.safe_load(text)
    assert data["answers"] == {
        "q1": {"value": 3, "comment": "Chỉ đội bán hàng miền Nam làm tốt.", "importance": 4},
        "q2": "yes", "q3": 4, "q4": ["phone"],
    }  # fmt: skip
    score = runner.invoke(cli, ["score", str(ws), "--format", "json"])
    assert score.exit_code == 0, score.output
    # a second export with nothing new leaves the file alone
    assert runner.invoke(cli, ["collect", "export", str(ws)]).stdout == ""


def test_export_skips_unfinished_and_never_overwrites_a_hand_written_file(ws: Path) -> None:
    token = invite(ws, name="An", role="sales").token
    _answer_all(ws, token)
    assert export_responses(ws, _library(ws)).skipped == ["An"]
    hand = ws / "responses" / "an.yaml"
    hand.write_text("respondent: an\nanswers: {q1: 1}\n", encoding="utf-8")
    with pytest.raises(AssessorError) as caught:
        export_responses(ws, _library(ws), unfinished=True)
    assert caught.value.lines() == [
        f"{hand}: exists and was not written by `collect export`, or was edited since "
        "(use --force to replace it)"
    ]
    assert hand.read_text("utf-8") == "respondent: an\nanswers: {q1: 1}\n"
    done = export_responses(ws, _library(ws), unfinished=True, force=True)
    assert done.written == [hand]


def test_answers_hidden_by_a_later_change_are_not_exported(ws: Path) -> None:
    token = invite(ws, name="An", role="sales").token
    client = _client(ws)
    csrf = _csrf(client.get(f"/r/{token}/s/1").text)
    for field, value in (("q1", "2"), ("q2", "no"), ("q2-why", "Đắt quá"), ("q2", "yes"),
                         ("q3", "3")):  # fmt: skip
        client.post(f"/r/{token}/save", data={"csrf": csrf, "question": field, f"q-{field}": value})
    export_responses(ws, _library(ws), unfinished=True)
    answers = yaml.safe_load((ws / "responses" / "an.yaml").read_text("utf-8"))["answers"]
    assert answers == {"q1": 2, "q2": "yes", "q3": 3}


def test_status_page_shows_who_started_and_finished(ws: Path) -> None:
    a = invite(ws, name="An", role="sales").token
    invite(ws, name="Bình", role="it")
    client = _answer_all(ws, a)
    status_token = Store.of(ws).status_token()
    page = client.get(f"/status/{status_token}?lang=en")
    assert page.status_code == 200
    assert "0 finished, 1 in progress, 1 not started" in page.text
    assert a not in page.text  # the status page never shows respondents' links
    assert client.get(f"/status/{a}").status_code == 404


def test_collect_commands_refuse_a_folder_that_is_not_a_workspace(tmp_path: Path) -> None:
    for args in (["invite", "--name", "An", "--role", "it"], ["status"], ["export"], ["serve"]):
        result = CliRunner().invoke(cli, ["collect", args[0], str(tmp_path), *args[1:]])
        assert result.exit_code == 1, args
        assert result.stderr == (
            f"{tmp_path}: no assessment.yaml: not an assessment workspace "
            "(create one with `crm-assess init`)\n"
        )
    assert not (tmp_path / "collect.sqlite3").exists()


def test_a_comment_without_an_answer_is_refused_not_lost(ws: Path) -> None:
    token = invite(ws, name="An", role="sales").token
    client = _client(ws)
    csrf = _csrf(client.get(f"/r/{token}/s/1").text)
    reply = client.post(f"/r/{token}/save", data={"csrf": csrf, "question": "q1",
                                                   "c-q1": "Tôi chưa rõ", "i-q1": "4"})  # fmt: skip
    assert (reply.status_code, reply.json()) == (422, {
        "saved": False,
        "error": "Ý kiến hoặc mức độ quan trọng cần đi kèm một câu trả lời: hãy chọn “Không chắc” "
        "nếu anh/chị không biết.",
    })  # fmt: skip
    page = client.post(f"/r/{token}/s/1", data={"csrf": csrf, "c-q1": "Tôi chưa rõ", "q-q2": "yes"})
    assert page.status_code == 400
    assert "cần đi kèm một câu trả lời" in page.text
    assert ">Tôi chưa rõ</textarea>" in page.text  # shown back, so nothing typed is lost
    assert {k: a.value for k, a in Store.of(ws).answers("an").items()} == {"q2": "yes"}


def test_a_comment_holds_what_a_response_file_holds_and_a_longer_one_is_refused_whole(
    ws: Path,
) -> None:
    token = invite(ws, name="An", role="sales").token
    client = _client(ws)
    first = client.get(f"/r/{token}/s/1").text
    csrf = _csrf(first)
    # the form's limit is the file's, and no browser limit cuts a pasted text short
    assert f'name="c-q1" rows="2" data-max="{COMMENT_MAX}"' in first and "maxlength" not in first
    longest = "Ý kiến dài. " * (COMMENT_MAX // 12) + "x" * (COMMENT_MAX % 12)
    assert len(longest.strip()) == COMMENT_MAX
    ok = client.post(f"/r/{token}/save", data={"csrf": csrf, "question": "q1", "q-q1": "2",
                                                "c-q1": longest})  # fmt: skip
    assert ok.json()["saved"] is True
    assert Store.of(ws).answers("an")["q1"].comment == longest.strip()
    too_long = longest + "ạ"
    reply = client.post(f"/r/{token}/save", data={"csrf": csrf, "question": "q1", "q-q1": "3",
                                                   "c-q1": too_long})  # fmt: skip
    assert (reply.status_code, reply.json()) == (422, {
        "saved": False,
        "error": "Ý kiến này có 5.001 ký tự: anh/chị vui lòng rút gọn còn tối đa 5.000 ký tự.",
    })  # fmt: skip
    saved = Store.of(ws).answers("an")["q1"]
    assert (saved.value, saved.comment) == (2, longest.strip())  # the earlier answer stands
    # the whole page posted at once: the message, and the comment shown back whole
    page = client.post(f"/r/{token}/s/1?lang=en", data={"csrf": csrf, "q-q1": "3",
                                                         "c-q1": too_long, "q-q2": "yes"})  # fmt: skip
    assert page.status_code == 400
    assert "This comment has 5,001 characters: please shorten it to 5,000 or fewer." in page.text
    assert f">{too_long}</textarea>" in page.text
    # the longest comment leaves in a response file that loads
    _answer_all(ws, token)
    client.post(f"/r/{token}/save", data={"csrf": csrf, "question": "q1", "q-q1": "2",
                                          "c-q1": longest})  # fmt: skip
    export_responses(ws, _library(ws), unfinished=True)
    exported = yaml.safe_load((ws / "responses/an.yaml").read_text("utf-8"))
    assert exported["answers"]["q1"]["comment"] == longest.strip()


def test_a_text_answer_longer_than_its_question_allows_is_refused_in_the_respondents_language(
    ws: Path,
) -> None:
    token = invite(ws, name="An", role="sales").token
    client = _client(ws)
    csrf = _csrf(client.get(f"/r/{token}/s/1?lang=en").text)
    client.post(f"/r/{token}/save", data={"csrf": csrf, "question": "q2", "q-q2": "no"})
    page = client.get(f"/r/{token}/s/1").text
    assert 'name="q-q2-why" rows="4" data-max="4000"' in page
    reply = client.post(f"/r/{token}/save", data={"csrf": csrf, "question": "q2-why",
                                                   "q-q2-why": "a" * 4001})  # fmt: skip
    assert reply.json()["error"] == (
        "This answer has 4,001 characters: please shorten it to 4,000 or fewer."
    )


def test_figures_out_of_range_get_a_message_in_the_respondents_language(ws: Path) -> None:
    token = invite(ws, name="Bình", role="executive").token
    client = _client(ws)
    csrf = _csrf(client.get(f"/r/{token}/s/2?lang=en").text)
    for typed, message in (("nhiều", "Please enter one number, for example 48000 or 12.5."),
                           ("-5", "Please enter a number of at least 0."),
                           ("nan", "Please enter one number, for example 48000 or 12.5.")):  # fmt: skip
        reply = client.post(
            f"/r/{token}/save", data={"csrf": csrf, "question": "q5", "q-q5": typed}
        )
        assert (reply.status_code, reply.json()["error"]) == (422, message), typed
    ok = client.post(f"/r/{token}/save", data={"csrf": csrf, "question": "q5", "q-q5": "48.000"})
    assert ok.json()["saved"] is True
    assert Store.of(ws).answers("binh")["q5"].value == 48000


def test_export_leaves_a_response_the_consultant_corrected_alone(ws: Path) -> None:
    token = invite(ws, name="An", role="sales").token
    _answer_all(ws, token)
    export_responses(ws, _library(ws), unfinished=True)
    target = ws / "responses" / "an.yaml"
    corrected = target.read_text("utf-8").replace("  q3: 4\n", "  q3: 2  # checked with An\n")
    target.write_text(corrected, "utf-8")
    result = CliRunner().invoke(cli, ["collect", "export", str(ws), "--unfinished"])
    assert result.exit_code == 1
    assert "or was edited since (use --force to replace it)" in result.stderr
    assert target.read_text("utf-8") == corrected
    target.write_bytes("respondent: an".encode("utf-16"))  # not even UTF-8: still no traceback
    result = CliRunner().invoke(cli, ["collect", "export", str(ws), "--unfinished"])
    assert (result.exit_code, "Traceback" in result.output) == (1, False)


def test_posts_through_a_reverse_proxy_are_accepted_from_the_public_address(ws: Path) -> None:
    token = invite(ws, name="An", role="sales").token
    client = _client(ws, public="https://Survey.Client.vn/")
    csrf = _csrf(client.get(f"/r/{token}/s/1").text)
    data = {"csrf": csrf, "question": "q1", "q-q1": "3"}
    for origin, status in (("https://survey.client.vn", 200), ("http://127.0.0.1:8000", 200),
                           ("HTTP://127.0.0.1:8000", 200), ("https://evil.example", 403),
                           ("null", 403)):  # fmt: skip
        reply = client.post(f"/r/{token}/save", data=data, headers={"origin": origin})
        assert reply.status_code == status, origin


def test_two_people_with_the_same_name_are_told_apart_by_id(ws: Path) -> None:
    assert invite(ws, name="Nguyễn An", role="sales").respondent.id == "nguyen-an"
    again = CliRunner().invoke(cli, ["collect", "invite", str(ws), "--name", "Nguyễn An",
                                     "--role", "it", "--id", "nguyen-an-it"])  # fmt: skip
    assert again.exit_code == 0, again.output
    listed = yaml.safe_load((ws / "assessment.yaml").read_text("utf-8"))["respondents"]
    assert [r["id"] for r in listed] == ["nguyen-an", "nguyen-an-it"]
    third = CliRunner().invoke(cli, ["collect", "invite", str(ws), "--name", "Nguyễn An",
                                     "--role", "it", "--new-link"])  # fmt: skip
    assert third.exit_code == 1
    assert third.stderr.endswith(
        "2 respondents are called 'Nguyễn An' (nguyen-an, nguyen-an-it): choose with --id\n"
    )


def test_invite_never_writes_an_assessment_it_cannot_read_back(ws: Path) -> None:
    text = (
        (ws / "assessment.yaml")
        .read_text("utf-8")
        .replace(
            "respondents: []   # invitations add people here\n",
            "respondents:\n  - id: an\n    name: >-\n      An\n    role: sales\nbranding:\n  accent: '#123456'\n",
        )
    )  # a folded block scalar last: the editor cannot place a line after it safely
    (ws / "assessment.yaml").write_text(text, "utf-8")
    result = CliRunner().invoke(
        cli, ["collect", "invite", str(ws), "--name", "Bình", "--role", "it"]
    )
    if result.exit_code == 0:  # it managed: then the file must still read back with both people
        listed = yaml.safe_load((ws / "assessment.yaml").read_text("utf-8"))["respondents"]
        assert [r["id"] for r in listed] == ["an", "binh"]
    else:
        assert 'add `- {id: "binh", name: "Bình", role: "it"}` under respondents:' in result.stderr
        assert (ws / "assessment.yaml").read_text("utf-8") == text
        assert Store.of(ws).person("binh") is None
    empty = CliRunner().invoke(cli, ["collect", "invite", str(ws), "--name", "  ", "--role", "it"])
    assert empty.exit_code == 1
    assert "--name is empty: give the respondent's full name" in empty.stderr


def test_the_store_is_private_durable_and_invite_keeps_file_permissions(ws: Path) -> None:
    (ws / "assessment.yaml").chmod(0o664)
    invite(ws, name="An", role="sales")
    assert (ws / "assessment.yaml").stat().st_mode & 0o777 == 0o664
    assert (ws / "collect.sqlite3").stat().st_mode & 0o777 == 0o600
    store = Store.of(ws)
    db = store._db()
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL: flushed at each commit


def test_group_writer_keeps_order_reports_failures_and_survives_cancellation(ws: Path) -> None:
    from concurrent.futures import Future

    from assessor.collect.store import Entry, GroupWriter

    invite(ws, name="An", role="sales")
    store = Store.of(ws)
    writer = GroupWriter(store)
    with store._tx():  # hold the write lock: the next saves queue up behind it
        futures = [writer.submit("an", [Entry("q1", n)]) for n in (1, 2, 3)]
    for f in futures:
        assert f.result(timeout=10) is None
    answers = store.answers("an")
    assert (answers["q1"].value, answers["q1"].revision) == (3, 3)  # in order, each applied once
    gone: Future[None] = Future()
    gone.cancel()  # its request went away before the writer got to it
    kept: Future[None] = Future()
    writer._commit([("an", [Entry("q3", 5)], [], gone), ("an", [Entry("q2", "yes")], [], kept)])
    assert kept.result(timeout=1) is None
    assert "q3" not in store.answers("an") and store.answers("an")["q2"].value == "yes"
    broken = writer.submit("nobody", [Entry("q1", 1)])  # unknown respondent: the batch fails
    with pytest.raises(Exception, match="FOREIGN KEY"):
        broken.result(timeout=10)
    assert writer.submit("an", [Entry("q1", 4)]).result(timeout=10) is None  # still running
    writer.close()


def test_a_leaked_status_link_can_be_replaced(ws: Path) -> None:
    runner = CliRunner()
    old = runner.invoke(cli, ["collect", "status", str(ws)]).stdout.strip().rsplit("/", 1)[1]
    new = runner.invoke(cli, ["collect", "status", str(ws), "--new-link"]).stdout.strip()
    new_token = new.rsplit("/", 1)[1]
    assert new_token != old
    client = _client(ws)
    assert client.get(f"/status/{old}").status_code == 404
    assert client.get(f"/status/{new_token}").status_code == 200
