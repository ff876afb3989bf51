"""The workbook's own words, in English and Vietnamese."""

from __future__ import annotations

__all__ = ["NOT_APPLICABLE_WORDS", "NOT_SURE_WORDS", "text"]

_TEXT: dict[str, tuple[str, str]] = {
    "instructions": ("Instructions", "Hướng dẫn"),
    "respondent": ("Respondent", "Người trả lời"),
    "your-name": ("Your name (fill in)", "Họ tên của anh/chị (điền vào)"),
    "role": ("Role", "Vai trò"),
    "minutes": ("About {n} minutes", "Khoảng {n} phút"),
    "how-title": ("How to answer", "Cách trả lời"),
    "how-1": (
        "Each sheet is one section. Answer in column D (the shaded cells) by choosing from "
        "the drop-down list.",
        "Mỗi trang tính là một phần. Anh/chị trả lời ở cột D (các ô tô màu) bằng cách chọn "
        "trong danh sách thả xuống.",
    ),
    "how-2": (
        "Describe what actually happens today, not what is planned.",
        "Hãy mô tả đúng những gì đang diễn ra hiện nay, không phải những gì đang dự kiến.",
    ),
    "how-3": (
        "If you do not know, choose “Not sure”; if a question does not apply to your company, "
        "choose “Not applicable”. Neither counts against the score.",
        "Nếu không biết, hãy chọn “Không chắc”; nếu câu hỏi không phù hợp với doanh nghiệp, "
        "hãy chọn “Không áp dụng”. Hai lựa chọn này không làm giảm điểm.",
    ),
    "how-4": (
        "Questions with several answers (“select all that apply”) have one row per option: "
        "answer Yes or No on each of those rows.",
        "Câu hỏi có nhiều lựa chọn (“chọn tất cả phương án phù hợp”) có một dòng cho mỗi "
        "phương án: trả lời Có hoặc Không ở từng dòng đó.",
    ),
    "how-5": (
        "Figures: type the number only (25 for 25%); leave the cell empty if you do not know.",
        "Số liệu: chỉ nhập con số (25 cho 25%); để trống nếu anh/chị không biết.",
    ),
    "how-6": (
        "Column E, where shown: how important this is for your company, from 1 (not important) "
        "to 5 (critical). Column F: any comment you want to add.",
        "Cột E (nếu có): mức độ quan trọng đối với doanh nghiệp, từ 1 (không quan trọng) đến "
        "5 (rất quan trọng). Cột F: ghi chú thêm nếu có.",
    ),
    "how-7": (
        "Do not rename the sheets or move rows. Save the file and send it back.",
        "Vui lòng không đổi tên trang tính hay di chuyển các dòng. Lưu tệp và gửi lại.",
    ),
    "col-no": ("No.", "STT"),
    "col-question": ("Question", "Câu hỏi"),
    "col-answer": ("Answer", "Trả lời"),
    "col-importance": ("Importance (1–5)", "Mức độ quan trọng (1–5)"),
    "col-comment": ("Comment", "Ghi chú"),
    "not-sure": ("Not sure", "Không chắc"),
    "not-applicable": ("Not applicable", "Không áp dụng"),
    "yes": ("Yes", "Có"),
    "no": ("No", "Không"),
    "multi-note": (
        "Select all that apply: answer Yes or No on each row below.",
        "Chọn tất cả phương án phù hợp: trả lời Có hoặc Không ở từng dòng bên dưới.",
    ),
    "multi-skip": (
        "(Use this cell only for “Not sure” or “Not applicable”.)",
        "(Chỉ dùng ô này cho “Không chắc” hoặc “Không áp dụng”.)",
    ),
    "number-range": ("Type a number from {low} to {high}.", "Nhập một số từ {low} đến {high}."),
    "number-min": ("Type a number of at least {low}.", "Nhập một số không nhỏ hơn {low}."),
    "number-max": ("Type a number of at most {high}.", "Nhập một số không lớn hơn {high}."),
    "number-any": ("Type a number.", "Nhập một con số."),
    "unit": ("Unit: {unit}", "Đơn vị: {unit}"),
    "text-note": ("Write your answer in the cell.", "Viết câu trả lời vào ô."),
    "bad-title": ("Invalid value", "Giá trị không hợp lệ"),
    "bad-list": ("Choose a value from the list.", "Hãy chọn một giá trị trong danh sách."),
    "bad-number": ("Type a number in the allowed range.", "Hãy nhập một số trong khoảng cho phép."),
    "bad-importance": ("Type a whole number from 1 to 5.", "Hãy nhập số nguyên từ 1 đến 5."),
}

NOT_SURE_WORDS = ("not sure", "không chắc", "not_sure", "don't know", "không biết", "không rõ")
NOT_APPLICABLE_WORDS = ("not applicable", "không áp dụng", "not_applicable", "n/a")


def text(key: str, lang: str, **values: object) -> str:
    """The label `key` in `lang` ('en' or 'vi'), with `{placeholders}` filled."""
    en, vi = _TEXT[key]
    return (vi if lang == "vi" else en).format(**values)
