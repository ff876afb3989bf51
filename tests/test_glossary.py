"""One Vietnamese vocabulary: no listed variant, and no developer wording, reaches a reader."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from assessor.loading import load_library
from assessor.models import Glossary

from .conftest import REPO

LIBRARY = load_library()
GLOSSARY: Glossary = LIBRARY.of_kind("glossary")["crm-terms"]
SCANNED = sorted(
    p
    for pattern in (
        "frameworks/*.yaml",
        "questionnaires/*.yaml",
        "initiatives/*.yaml",
        "profiles/*.yaml",
        "reports/labels.yaml",
        "assessor/kpis.yaml",
        "assessor/context.yaml",
        "reports/*.j2",
        "assessor/collect/labels.yaml",
        "assessor/collect/templates/*.html",
        "assessor/exchange/labels*",
    )
    for p in REPO.glob(pattern)
    if p.name != "glossary.yaml"
)


def _lines(path: Path) -> list[tuple[int, str]]:
    """The lines a reader can see: YAML comments left out, NFC, lower case."""
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if path.suffix == ".yaml" and line.lstrip().startswith("#"):
            continue
        out.append((number, unicodedata.normalize("NFC", line).casefold()))
    return out


def variants_in(path: Path, glossary: Glossary) -> list[str]:
    """`path:line: 'variant' (say 'term')` for each listed variant found."""
    where = path.relative_to(REPO) if path.is_relative_to(REPO) else path.name
    found = []
    for number, line in _lines(path):
        for term in glossary.terms:
            for variant in term.avoid:
                if re.search(rf"(?<!\w){re.escape(variant.casefold())}(?!\w)", line):
                    found.append(f"{where}:{number}: '{variant}' (say '{term.vi}')")
        for wording in glossary.developer_wording:
            if wording.casefold() in line:
                found.append(f"{where}:{number}: developer wording '{wording}'")
    return found


def test_the_scan_covers_content_labels_and_templates() -> None:
    names = {p.relative_to(REPO).as_posix() for p in SCANNED}
    assert {
        "frameworks/qci.yaml",
        "questionnaires/crm-full.yaml",
        "initiatives/core.yaml",
        "reports/labels.yaml",
        "assessor/kpis.yaml",
        "assessor/context.yaml",
        "reports/full.html.j2",
        "assessor/collect/labels.yaml",
        "assessor/exchange/labels.py",
    } <= names


@pytest.mark.parametrize("path", SCANNED, ids=lambda p: p.relative_to(REPO).as_posix())
def test_no_listed_variant(path: Path) -> None:
    assert variants_in(path, GLOSSARY) == []


def test_a_variant_put_back_is_found(tmp_path: Path) -> None:
    text = (REPO / "frameworks" / "qci.yaml").read_text(encoding="utf-8")
    planted = tmp_path / "qci.yaml"
    planted.write_text(text.replace("đề xuất giá trị", "Tuyên bố giá trị", 1), encoding="utf-8")
    line = next(n for n, x in _lines(planted) if "tuyên bố giá trị" in x)
    assert variants_in(planted, GLOSSARY) == [
        f"qci.yaml:{line}: 'tuyên bố giá trị' (say 'đề xuất giá trị')"
    ]


def test_every_term_has_one_vietnamese_rendering() -> None:
    english = [t.en for t in GLOSSARY.terms]
    assert len(english) == len(set(english))
    for term in GLOSSARY.terms:
        assert term.vi.casefold() not in [v.casefold() for v in term.avoid]


def test_framework_text_names_no_ids() -> None:
    ids = set(LIBRARY.frameworks)
    leaks = []
    for fw in LIBRARY.frameworks.values():
        texts = [fw.description, *fw.notes, *(d.description for d in fw.dimensions)]
        if fw.scoring.note is not None:
            texts.append(fw.scoring.note)
        for text in texts:
            for lang in ("en", "vi"):
                leaks += [f"{fw.id}: {i}" for i in ids if i in text[lang]]
                leaks += [
                    f"{fw.id}: {m}" for m in re.findall(r"\b[a-z0-9-]+/[a-z0-9-]+\b", text[lang])
                ]
    assert leaks == []
