"""The printable questionnaire: labels in the chosen language, role filtering, escaping, the PDF."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pypdf
import pytest

from assessor.errors import DefinitionError, RenderError
from assessor.loading import load_document, load_library
from assessor.models import Assessment, Questionnaire
from assessor.report import fetcher as fetcher_module
from assessor.report.fetcher import AssetOnlyFetcher
from assessor.report.printable import build_sheet, render_questionnaire

from .conftest import REPO, BuildTree

HOSTILE = '<img src="http://127.0.0.1:9/x"> <style>@import url(file:///etc/passwd);</style>'

QUESTIONNAIRE = """\
kind: questionnaire
id: print-q
version: "2"
title: {en: Paper check, vi: Phiếu kiểm tra}
description: {en: A short test questionnaire., vi: Bảng hỏi thử ngắn.}
estimated_minutes: 5
sections:
  - id: direction
    title: {en: Direction and organisation, vi: Định hướng và tổ chức}
    intro: {en: How leaders steer., vi: Cách lãnh đạo định hướng.}
    questions:
      - id: vision
        type: maturity
        importance: true
        text: {en: Who drives the customer agenda?, vi: Ai dẫn dắt định hướng khách hàng?}
        help: {en: Recall the last meeting., vi: Hãy nhớ lại cuộc họp gần nhất.}
        options:
          1: {en: Nobody does., vi: Chưa có ai phụ trách.}
          2: {en: One department head., vi: Một trưởng phòng.}
          3: {en: A named executive., vi: Một lãnh đạo cấp cao được giao.}
          4: {en: The board reviews it., vi: Hội đồng quản trị xem xét định kỳ.}
      - id: agree
        type: likert
        text: {en: Leaders back customer goals., vi: Lãnh đạo ủng hộ các mục tiêu khách hàng.}
      - id: uses-crm
        type: yes_no
        text: {en: Do you use a CRM system?, vi: Doanh nghiệp có dùng hệ thống CRM không?}
      - id: why-not
        type: text
        relevant: "${uses-crm} == 'no'"
        text: {en: Why not?, vi: Vì sao chưa dùng?}
  - id: channels
    title: {en: Channels, vi: Kênh tiếp xúc}
    questions:
      - id: channel-list
        type: multi_choice
        text: {en: Which channels share one history?, vi: Những kênh nào dùng chung lịch sử khách hàng?}
        options:
          - {id: web, label: {en: Website, vi: Trang web}, score: 1}
          - {id: hotline, label: {en: Hotline, vi: Tổng đài}, score: 1}
      - id: web-share
        type: percent
        relevant: "selected(${channel-list}, 'web')"
        text: {en: Share of orders online?, vi: Tỷ lệ đơn hàng trực tuyến?}
        min: 0
        max: 100
      - id: budget-owner
        type: single_choice
        relevant: "${agree} >= 4 and ${uses-crm} == 'yes'"
        text: {en: Who owns the budget?, vi: Ai quản lý ngân sách?}
        options:
          - {id: ceo, label: {en: The CEO, vi: Tổng giám đốc}, score: 4}
          - {id: nobody, label: {en: Nobody, vi: Không ai cả}, score: 1}
      - id: customers
        type: number
        audience: [executive, finance]
        text: {en: How many active customers?, vi: Số khách hàng đang giao dịch?}
        unit: {en: customers, vi: khách hàng}
      - id: after-customers
        type: yes_no
        audience: [sales]
        relevant: "${customers} > 1000"
        text: {en: Is there a key-account team?, vi: Có nhóm phụ trách khách hàng lớn không?}
"""


def _questionnaire(text: str = QUESTIONNAIRE) -> Questionnaire:
    model, _, problems = load_document(Path("print-q.yaml"), text)
    assert isinstance(model, Questionnaire), problems
    return model


def _html(q: Questionnaire | None = None, **kwargs: Any) -> str:
    kwargs.setdefault("lang", "vi")
    return render_questionnaire(q or _questionnaire(), fmt="html", **kwargs).decode("utf-8")


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_html_has_the_options_and_fixed_labels_in_the_chosen_language() -> None:
    vi = _html(lang="vi")
    assert '<html lang="vi">' in vi
    assert "<title>Phiếu kiểm tra – Bảng câu hỏi</title>" in vi
    for text in ("Chưa có ai phụ trách.", "Hội đồng quản trị xem xét định kỳ.", "Trang web", "Tổng đài",
                 "Không chắc", "Không áp dụng", "Chọn tất cả phương án phù hợp",
                 "Hoàn toàn không đồng ý", "Hoàn toàn đồng ý", "Hãy nhớ lại cuộc họp gần nhất.",
                 "Cách lãnh đạo định hướng.", "từ 0 đến 100", "khách hàng"):  # fmt: skip
        assert text in vi, text
    assert "Not sure" not in vi and "Choose one" not in vi
    en = _html(lang="en")
    assert '<html lang="en">' in en
    for text in ("Nobody does.", "Not sure", "Not applicable", "Tick all that apply"):
        assert text in en, text
    assert "Không chắc" not in en


def test_questions_are_numbered_and_scored_ones_offer_skips_importance_and_a_comment() -> None:
    sheet = build_sheet(_questionnaire(), lang="en")
    questions = [q for s in sheet.sections for q in s.questions]
    assert [q.number for q in questions] == list(range(1, 10))
    by_id = {q.id: q for q in questions}
    assert by_id["vision"].importance and not by_id["agree"].importance
    assert by_id["vision"].skips and by_id["vision"].comment
    assert not by_id["why-not"].skips and not by_id["why-not"].comment and by_id["why-not"].lines
    assert [p.label for p in by_id["agree"].scale] == [
        "Strongly disagree",
        "",
        "",
        "",
        "Strongly agree",
    ]
    assert by_id["web-share"].unit == "%" and by_id["customers"].unit == "customers"


def test_relevant_conditions_read_as_plain_words() -> None:
    vi = {
        q.id: q.condition
        for s in build_sheet(_questionnaire(), lang="vi").sections
        for q in s.questions
    }
    assert vi["why-not"] == "Chỉ trả lời câu này nếu câu trả lời ở câu 3 là “Không”."
    assert vi["web-share"] == "Chỉ trả lời câu này nếu anh/chị đã đánh dấu “Trang web” ở câu 5."
    assert vi["budget-owner"] is not None and "câu 2, 3" in vi["budget-owner"]
    assert vi["vision"] is None
    en = {
        q.id: q.condition
        for s in build_sheet(_questionnaire(), lang="en").sections
        for q in s.questions
    }
    assert (
        en["after-customers"]
        == "Answer only if your answer to question 8 is more than 1,000 customers."
    )


def test_role_keeps_only_its_questions_and_prefills_the_cover() -> None:
    everyone = _html(lang="en")
    assert "How many active customers?" in everyone and "key-account team" in everyone
    sales = _html(lang="en", role="sales", respondent="Lan")
    assert "How many active customers?" not in sales
    assert "Is there a key-account team?" in sales and "Who drives the customer agenda?" in sales
    # the question it depends on is not in the sales copy, so the note cannot name it
    assert "depends on your answer to an earlier question" in sales
    assert "Questions for Sales" in sales
    assert re.search(r"<dd>\s*Lan\s*</dd>", sales) and re.search(r"<dd>\s*Sales\s*</dd>", sales)
    numbers = [int(n) for n in re.findall(r'<span class="q-num">(\d+)</span>', sales)]
    assert numbers == list(range(1, len(numbers) + 1))
    finance = _html(lang="en", role="finance")
    assert "How many active customers?" in finance and "key-account team" not in finance


def test_hostile_question_and_respondent_text_is_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = QUESTIONNAIRE.replace(
        "{en: Why not?, vi: Vì sao chưa dùng?}", f"{{en: '{HOSTILE}', vi: '{HOSTILE}'}}"
    )
    q = _questionnaire(hostile)
    html = _html(q, lang="en", respondent=HOSTILE)
    assert "<img" not in html and "<style>@import" not in html
    assert html.count("&lt;img src=&#34;http://127.0.0.1:9/x&#34;&gt;") == 2
    fetched: list[str] = []
    original = AssetOnlyFetcher.fetch

    def spy(self: AssetOnlyFetcher, url: str, headers: Any = None) -> Any:
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(fetcher_module.AssetOnlyFetcher, "fetch", spy)
    text = _pdf_text(render_questionnaire(q, lang="en", fmt="pdf", respondent=HOSTILE))
    assets = (REPO / "reports").resolve().as_uri()
    assert fetched and all(url.startswith(assets) for url in fetched), fetched
    assert '<img src="http://127.0.0.1:9/x">' in text


def test_pdf_text_has_vietnamese_headings_and_the_questions() -> None:
    data = render_questionnaire(_questionnaire(), lang="vi", fmt="pdf", respondent="Nguyễn Văn An")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.metadata is not None and reader.metadata.title == "Phiếu kiểm tra – Bảng câu hỏi"
    text = _pdf_text(data)
    for expected in ("Thông tin người trả lời", "Cách trả lời", "Định hướng và tổ chức", "Kênh tiếp xúc",
                     "Ai dẫn dắt định hướng khách hàng?", "Chưa có ai phụ trách.", "Không chắc",
                     "Không áp dụng", "Nguyễn Văn An", "Phiếu kiểm tra"):  # fmt: skip
        assert expected in text, expected
    assert re.search(r"Trang 2 / \d", text)


def test_a_user_labels_file_overrides_single_labels(build_file_tree: BuildTree) -> None:
    root = build_file_tree(
        {"lib/reports/labels.yaml": 'q_not_sure: {en: "Don\'t know", vi: "Không biết"}\n'}
    )
    html = _html(lang="vi", library_dirs=[root / "lib"])
    assert "Không biết" in html and "Không chắc" not in html and "Không áp dụng" in html


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"lang": "fr", "fmt": "pdf"}, "language 'fr'"), ({"lang": "en", "fmt": "docx"}, "format 'docx'"),
     ({"lang": "en", "fmt": "html", "role": "ceo"}, "role 'ceo'")],
)  # fmt: skip
def test_unknown_language_format_or_role_is_an_error(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(RenderError, match=message):
        render_questionnaire(_questionnaire(), **kwargs)


SHIPPED = ["crm-quick-scan", "crm-full"]


def _shipped(name: str) -> Questionnaire:
    model, _, problems = load_document(REPO / "questionnaires" / f"{name}.yaml")
    assert isinstance(model, Questionnaire), problems
    return model


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_questionnaires_print_in_both_languages(name: str) -> None:
    # the file on its own (no cross-check against the frameworks it maps onto)
    q = _shipped(name)
    for lang in ("en", "vi"):
        html = _html(q, lang=lang)
        assert html.count('class="question ') == len(q.questions())
    text = _pdf_text(render_questionnaire(q, lang="vi", fmt="pdf", role="sales"))
    assert q.title.vi in text and "Không chắc" in text


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_questionnaires_from_the_library(name: str) -> None:
    try:
        library = load_library()
    except DefinitionError as exc:
        first = exc.lines()[0] if exc.problems else str(exc)
        pytest.skip(
            f"the built-in library does not load yet (framework files in progress): {first}"
        )
    q = library.questionnaire(name)
    assert render_questionnaire(q, lang="en", fmt="pdf").startswith(b"%PDF")


def test_a_template_in_a_library_folder_overrides_the_built_in_one(
    build_file_tree: BuildTree,
) -> None:
    root = build_file_tree(
        {"lib/reports/questionnaire.html.j2": "<p>{{ title }}: {{ sections|length }}</p>\n"}
    )
    assert _html(lang="vi", library_dirs=[Path(root / "lib")]).strip() == "<p>Phiếu kiểm tra: 2</p>"


def _marks(html: str, question: str) -> list[str]:
    """The shapes of one printed question's answer marks, in order."""
    block = html.split(f'id="q-{question}"', 1)[1].split("</article>", 1)[0]
    return re.findall(r'class="box (round|square)"', block)


def test_one_answer_gets_round_marks_and_tick_all_gets_square_boxes() -> None:
    html = _html(lang="en")
    assert _marks(html, "vision") == ["round"] * (4 + 2 + 5)  # options, skips, importance
    assert _marks(html, "uses-crm") == ["round"] * 4
    assert _marks(html, "budget-owner") == ["round"] * 4
    assert _marks(html, "channel-list") == ["square", "square", "round", "round"]
    assert "Fill in one circle for each question" in html


def test_no_internal_ids_are_printed() -> None:
    text = _pdf_text(render_questionnaire(_questionnaire(), lang="en", fmt="pdf"))
    for qid in ("uses-crm", "why-not", "channel-list", "web-share", "budget-owner", "after-"):
        assert qid not in text, qid


def test_the_cover_names_the_client_and_says_by_when_and_to_whom_to_return_it() -> None:
    assessment = Assessment.model_validate({
        "kind": "assessment", "client": {"name": "Công ty Sài Gòn Xanh"}, "date": "2026-10-01",
        "questionnaire": "print-q", "branding": {"consultancy": "Tư vấn Sao Mai"},
        "collect": {"deadline": "2026-10-20",
                    "contact": {"en": "Nguyễn An, an@saomai.vn", "vi": "anh Nguyễn An, an@saomai.vn"}},
    })  # fmt: skip
    text = " ".join(
        _pdf_text(
            render_questionnaire(_questionnaire(), lang="vi", fmt="pdf", assessment=assessment)
        ).split()
    )
    assert "Công ty Sài Gòn Xanh" in text
    assert "Tư vấn Sao Mai thay mặt Công ty Sài Gòn Xanh gửi bảng hỏi này." in text
    assert (
        "Vui lòng gửi lại bảng hỏi đã điền trước ngày 20/10/2026 cho anh Nguyễn An, an@saomai.vn."
        in text
    )
    assert "Câu trả lời chỉ được báo cáo theo nhóm có ít nhất 3 người" in text
    assert "Công ty Sài Gòn Xanh · Phiếu kiểm tra Trang 3 / 3" in text  # the running footer
    alone = _html(lang="en")
    assert "Please return the completed questionnaire to the person who gave it to you." in alone


def test_the_quick_scan_for_one_role_fills_its_pages() -> None:
    q = _shipped("crm-quick-scan")
    for lang in ("en", "vi"):
        data = render_questionnaire(q, lang=lang, fmt="pdf", role="sales")
        pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]
        sizes = [len(text) for text in pages]
        assert len(pages) <= 7, (lang, sizes)  # was 8, three of them holding one question each
        assert all(n > max(sizes) * 0.55 for n in sizes[1:-1]), (lang, sizes)  # none half empty
        last = q.sections[-1].questions[-1].text[lang]
        assert " ".join(last.split()[:5]) in " ".join(pages[-1].split())  # not a closing note alone
