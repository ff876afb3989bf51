"""What the web questionnaire's pages tell people: the welcome page, the section navigation, the
review page, figures said back, the status page, and links that match the server."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from assessor.cli import cli
from assessor.collect import Store, invite
from assessor.collect.figures import echo, grouped
from assessor.collect.invite import serving_base
from assessor.collect.labels import labels
from assessor.loading import load_library
from assessor.textformat import local_time

from .collect_helpers import collect_workspace, csrf_of, web_client, welcome_workspace


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return welcome_workspace(tmp_path)


_client = web_client
_csrf = csrf_of


def _text(html: str) -> str:
    """The page's visible words on one line (tags dropped, entities of quotes decoded)."""
    text = re.sub(r"<script.*?</script>|<[^>]+>", " ", html, flags=re.S)
    return " ".join(text.replace("&#39;", "'").replace("&#34;", '"').split())


def test_the_welcome_page_says_who_asks_why_by_when_and_how_answers_are_reported(
    ws: Path,
) -> None:
    token = invite(ws, name="Phạm Thị Lan", role="sales", unit="n").token
    client = _client(ws)
    vi = _text(client.get(f"/r/{token}").text)
    assert "Tư vấn Sao Mai thay mặt Công ty Thử Nghiệm gửi bảng hỏi này." in vi
    assert "Để lập kế hoạch CRM cho năm tới." in vi
    assert "Vui lòng hoàn thành trước ngày 20/10/2026." in vi
    assert (
        "Câu trả lời của anh/chị chỉ được báo cáo theo nhóm có ít nhất 3 người, "
        "không bao giờ được nêu riêng là câu trả lời của một người." in vi
    )
    assert "Nếu có thắc mắc về bảng hỏi, vui lòng liên hệ: anh Nguyễn An, an@saomai.vn." in vi
    assert "Đánh giá quản lý khách hàng 2026" in vi
    en = _text(client.get(f"/r/{token}?lang=en").text)
    assert "Tư vấn Sao Mai is asking on behalf of Công ty Thử Nghiệm." in en
    assert "To plan next year's CRM work." in en
    assert "Please answer by 20 October 2026." in en
    assert "Your answers are reported by group of at least 3 people" in en
    assert "Questions about the questionnaire: Nguyễn An, an@saomai.vn." in en
    assert "Customer management review 2026" in en
    assert "Đánh giá" not in en  # the title follows the language, in the header too


def test_without_a_collect_block_the_welcome_page_has_a_general_purpose(tmp_path: Path) -> None:
    ws = collect_workspace(tmp_path)
    token = invite(ws, name="An", role="sales").token
    en = _text(_client(ws).get(f"/r/{token}?lang=en").text)
    assert "Công ty Thử Nghiệm is asking its managers." in en
    assert "decide what to improve first" in en
    assert "Please answer by" not in en and "Questions about the questionnaire" not in en


def test_the_navigation_names_sections_and_tells_done_from_skipped(ws: Path) -> None:
    token = invite(ws, name="An", role="sales").token
    client = _client(ws)
    fresh = _text(client.get(f"/r/{token}/s/1?lang=en").text)
    assert "Section 1 of 2 · Sections First part Not started Second part Not started" in fresh
    csrf = _csrf(client.get(f"/r/{token}/s/2").text)
    client.post(f"/r/{token}/save", data={"csrf": csrf, "question": "q3", "q-q3": "4"})
    skipped = _text(client.get(f"/r/{token}/s/2?lang=en").text)
    assert "First part Skipped Second part Done" in skipped
    client.post(f"/r/{token}/save", data={"csrf": csrf, "question": "q1", "q-q1": "not_sure"})
    partial = _text(client.get(f"/r/{token}/s/1?lang=vi").text)
    assert "Phần đầu Còn 1 câu Phần hai Đã xong" in partial


def test_the_review_page_groups_what_is_missing_by_section_and_says_why_submit_waits(
    ws: Path,
) -> None:
    token = invite(ws, name="An", role="sales").token
    client = _client(ws)
    csrf = _csrf(client.get(f"/r/{token}/s/1").text)
    client.post(f"/r/{token}/save", data={"csrf": csrf, "question": "q1", "q-q1": "2"})
    html = client.get(f"/r/{token}/review?lang=en").text
    page = _text(html)
    assert (
        "2 required questions are still open, in 2 sections. “Not sure” counts as an answer: "
        "choose it where you do not know." in page
    )
    assert re.search(r'<button type="submit" class="button primary" disabled', html)
    assert "You can submit once they are answered." in page
    assert (
        "First part 1 to answer Which questions? Do you use a CRM system? "
        "Second part Not started Which questions? Data is shared." in page
    )
    # a stale page's post does not submit an unfinished questionnaire
    done = client.post(f"/r/{token}/finish", data={"csrf": csrf}, follow_redirects=False)
    assert done.headers["location"] == f"/r/{token}/review"
    assert Store.of(ws).person("an").finished is None  # type: ignore[union-attr]
    for question, value in (("q2", "not_sure"), ("q3", "not_sure")):
        client.post(f"/r/{token}/save", data={"csrf": csrf, "question": question,
                                              f"q-{question}": value})  # fmt: skip
    ready = client.get(f"/r/{token}/review?lang=en").text
    assert "All required questions are answered." in ready and " disabled" not in ready
    done = client.post(f"/r/{token}/finish", data={"csrf": csrf}, follow_redirects=False)
    assert done.headers["location"] == f"/r/{token}/thanks"
    thanks = _text(client.get(f"/r/{token}/thanks?lang=en").text)
    assert "Customer management review 2026" in thanks and "Đánh giá" not in thanks


def test_a_sum_in_dong_typed_into_a_million_dong_field_is_questioned(ws: Path) -> None:
    token = invite(ws, name="Võ Hoàng Nam", role="executive").token
    client = _client(ws)
    csrf = _csrf(client.get(f"/r/{token}/s/2").text)
    reply = client.post(f"/r/{token}/save",
                        data={"csrf": csrf, "question": "q6", "q-q6": "1.800.000.000"}).json()  # fmt: skip
    assert reply["saved"] is True
    assert reply["echo"] == "Đã hiểu là 1.800.000.000 triệu đồng, tức là 1.800 nghìn tỷ đồng"
    assert reply["warning"] == (
        "Đây là một số tiền rất lớn. Nếu anh/chị đã nhập số tiền tính bằng đồng "
        "(1.800.000.000 đồng), vui lòng nhập theo đơn vị triệu: 1.800 triệu đồng."
    )
    page = _text(client.get(f"/r/{token}/s/2?lang=en").text)  # said back without JavaScript too
    assert "Read as 1,800,000,000 million VND, that is 1,800 trillion VND" in page
    assert "If you typed the amount in đồng (1,800,000,000 VND), enter it in millions" in page
    fine = client.post(f"/r/{token}/save",
                       data={"csrf": csrf, "question": "q6", "q-q6": "48 000"}).json()  # fmt: skip
    assert (fine["echo"], fine["warning"]) == (
        "Read as 48,000 million VND, that is 48 billion VND",
        None,
    )


def test_figures_read_back_in_each_language() -> None:
    assert (grouped(1234567.5, "vi"), grouped(1234567.5, "en")) == ("1.234.567,5", "1,234,567.5")
    customers = load_library([]).questionnaire("crm-full").question_index()["kpi-customers-start"]
    half = echo(customers, 1200.5, labels("en"))
    assert half is not None
    assert (half.text, half.warning) == (
        "Read as 1,200.5 customers",
        "This is counted in whole numbers: please check the figure.",
    )
    assert echo(customers, "not_sure", labels("en")) is None


def test_the_status_page_shows_names_local_times_last_activity_and_a_copy_link(ws: Path) -> None:
    invite(ws, name="Phạm Thị Lan", role="sales", unit="n")
    token = invite(ws, name="An", role="service").token
    client = _client(ws)
    csrf = _csrf(client.get(f"/r/{token}/s/1").text)
    client.post(f"/r/{token}/save", data={"csrf": csrf, "question": "q1", "q-q1": "3"})
    saved = Store.of(ws).answers("an")["q1"].saved
    status = Store.of(ws).status_token()
    en = client.get(f"/status/{status}?lang=en").text
    text = _text(en)
    assert "Phạm Thị Lan sales The North 0/4 Invited, not started –" in text
    assert f"An customer service 1/4 Started {local_time(saved, 'en')}" in text
    assert re.search(r"\d{1,2} \w{3} 20\d\d, \d\d:\d\d", local_time(saved, "en"))
    assert f'value="http://127.0.0.1:8000/status/{status}" readonly' in en
    assert 'id="copy-link"' in en and "Copy link" in en
    vi = _text(client.get(f"/status/{status}?lang=vi").text)
    assert "Phạm Thị Lan kinh doanh Miền Bắc" in vi
    assert "Đánh giá quản lý khách hàng 2026" in vi


def test_local_time_is_written_as_people_write_it() -> None:
    hanoi = dt.timezone(dt.timedelta(hours=7))
    stamp = "2026-12-04T21:58:26+00:00"
    assert local_time(stamp, "vi", hanoi) == "05/12/2026 04:58"
    assert local_time(stamp, "en", hanoi) == "5 Dec 2026, 04:58"


def test_invite_links_follow_the_server_address(ws: Path) -> None:
    runner = CliRunner()
    port, base, warning = serving_base(ws, "127.0.0.1", None, "http://127.0.0.1:8765")
    assert (port, base, warning) == (8765, "http://127.0.0.1:8765", None)
    result = runner.invoke(cli, ["collect", "invite", str(ws), "--name", "An", "--role", "it"])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"http://127\.0\.0\.1:8765/r/\S{32}", result.stdout.strip())
    # a server started elsewhere afterwards says that the printed links do not reach it
    port, base, warning = serving_base(ws, "127.0.0.1", 9000, None)
    assert (port, base) == (9000, "http://127.0.0.1:9000")
    assert warning == (
        "links were printed for http://127.0.0.1:8765, but this server is reached at "
        "http://127.0.0.1:9000: serve with --base-url http://127.0.0.1:8765, or print new links "
        "with `collect invite --new-link`"
    )
    # behind a proxy the public address is the links', and the port stays the local default
    assert serving_base(ws, "127.0.0.1", None, "https://survey.client.vn")[:2] == (
        8000,
        "https://survey.client.vn",
    )
    status = runner.invoke(cli, ["collect", "status", str(ws), "--base-url", "http://10.0.0.5:80"])
    assert status.stdout.startswith("http://10.0.0.5:80/status/")
