"""The shipped fonts cover everything the project writes itself; PDFs embed no system font."""

from __future__ import annotations

import functools
import html
import io
import re
import unicodedata

import pypdf
from fontTools.ttLib import TTFont

from assessor.demo import example_workspace
from assessor.pipeline import run_assessment
from assessor.report.build import make_report

from .conftest import REPO

FONTS = REPO / "reports" / "fonts"
# what reaches a page (comments in YAML files do not)
CONTENT = ("frameworks", "questionnaires", "initiatives", "profiles", "examples", "reports")


@functools.cache
def _covered() -> frozenset[int]:
    """Code points every Noto Sans face has, and those the symbols font adds."""
    faces = ("NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic", "NotoSans-BoldItalic")
    every_face = set.intersection(*(set(TTFont(FONTS / f"{f}.ttf").getBestCmap()) for f in faces))
    return frozenset(every_face | set(TTFont(FONTS / "NotoSansMath-Regular.ttf").getBestCmap()))


def _missing(text: str, covered: frozenset[int]) -> set[str]:
    return {
        f"U+{ord(c):04X} {unicodedata.name(c, '?')}"
        for c in text
        if ord(c) not in covered and not c.isspace() and unicodedata.category(c) != "Cc"
    }


def test_every_face_covers_vietnamese() -> None:
    vietnamese = (
        "ẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"
    )
    vietnamese += "ĂăÂâĐđÊêÔôƠơƯưÀàÁáÃãÈèÉéÌìÍíĨĩÒòÓóÕõÙùÚúŨũÝý₫"
    assert _missing(vietnamese, _covered()) == set()


def test_shipped_fonts_cover_the_shipped_content() -> None:
    covered = _covered()
    missing: dict[str, set[str]] = {}
    for folder in CONTENT:
        for path in sorted((REPO / folder).rglob("*")):
            if path.suffix in {".yaml", ".j2", ".md"} and path.is_file():
                lines = path.read_text(encoding="utf-8").splitlines()
                printed = [line for line in lines if not line.lstrip().startswith("#")]
                if found := _missing("\n".join(printed), covered):
                    missing[str(path.relative_to(REPO))] = found
    assert missing == {}


def test_shipped_fonts_cover_the_example_reports_in_both_languages() -> None:
    result = run_assessment(example_workspace())
    missing: dict[str, set[str]] = {}
    for lang in ("vi", "en"):
        for kind in ("executive", "full"):
            page = make_report(result, lang=lang, kind=kind, fmt="html").decode()
            text = html.unescape(re.sub(r"<[^>]+>", " ", page))
            if found := _missing(text, _covered()):
                missing[f"{kind} {lang}"] = found
    assert missing == {}


def test_pdf_embeds_only_the_shipped_fonts() -> None:
    result = run_assessment(example_workspace())
    reader = pypdf.PdfReader(io.BytesIO(make_report(result, lang="vi", kind="executive")))
    embedded = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            embedded.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    assert embedded, "no font in the PDF"
    assert {name.split("-")[0] for name in embedded} <= {"Report", "ReportSymbols"}, embedded
