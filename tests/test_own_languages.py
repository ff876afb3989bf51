"""Your own content in any language: a library declares its languages (library.yaml), every text
has exactly those, a library of one language writes plain text, and --lang takes any language
the questionnaire, the frameworks and the report labels exist in."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path
from typing import Any

import pypdf
import pytest
import yaml

from .conftest import REPO, BuildTree
from .exchange_helpers import run

FIXTURES = Path(__file__).parent / "fixtures"


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _errors(*args: Any) -> list[str]:
    result = run(*args)
    assert result.exit_code == 1, result.output
    return result.stderr.splitlines()


@pytest.fixture
def english(tmp_path: Path) -> Path:
    """A consultant's English-only library (plain text) and a workspace that uses it."""
    shutil.copytree(FIXTURES / "own-library", tmp_path / "own-library")
    shutil.copytree(FIXTURES / "own-workspace", tmp_path / "own-workspace")
    return tmp_path / "own-workspace"


def test_an_english_only_library_goes_from_validate_to_a_pdf_report(english: Path) -> None:
    library = english.parent / "own-library"
    checked = run("validate", library, english)
    assert (checked.exit_code, checked.output) == (0, "8 file(s) checked: no problems.\n")
    scored = run("score", english, "--format", "csv")
    assert scored.exit_code == 0, scored.output
    # by hand: knowing (2 + 1 + 2 + 3.25 + 1.75 + 2.5) / 6; answering (3 + 2 + 3 + 4 + 1 + 4) / 6;
    # the framework (2.083 + 2 × 2.833) / 3, answering weighing 2
    assert scored.stdout.splitlines()[1:4] == [
        "service-basics,(framework),2.583,52.778,1,,,,,",
        "service-basics,knowing-customers,2.083,36.111,1,6,0,0.524,1.25,yes",
        "service-basics,answering-requests,2.833,61.111,2,6,0,0.943,2.0,yes",
    ]
    target = english.parent / "report.pdf"
    rendered = run("report", english, "-o", target)  # the assessment's language: its only one
    assert rendered.exit_code == 0, rendered.output
    text = _pdf_text(target.read_bytes())
    for wanted in ("EXECUTIVE REPORT · SERVICE REVIEW 2026", "Answering requests (Service)",
                   "Every request has an owner and a promised answer time.",  # 2.83: stands at level 3
                   "Knowing our customers"):  # fmt: skip
        assert wanted in text, wanted


def test_an_english_library_has_no_vietnamese_report(english: Path) -> None:
    assert _errors("report", english, "--lang", "vi", "-o", english / "x.pdf") == [
        "language 'vi' is missing from questionnaire 'service-check' (en), framework "
        "'service-basics' (en), target profile 'service-target' (en)"
    ]
    assert not (english / "x.pdf").exists()


def test_init_writes_the_questionnaires_language_and_title(english: Path) -> None:
    library = english.parent / "own-library"
    made = run("--library", library, "init", english.parent / "next", "--client", "Bakery",
               "--questionnaire", "service-check")  # fmt: skip
    assert made.exit_code == 0, made.output
    text = (english.parent / "next" / "assessment.yaml").read_text("utf-8")
    assert 'title: "CRM assessment ' in text
    assert "language: en            # default report language: en\n" in text
    assert run("--library", library, "validate", english.parent / "next").exit_code == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(
            ("name: Knowing our customers", "name: {en: Knowing our customers, vi: Hiểu khách}"),
            "frameworks/service-basics.yaml:12:11: dimensions[0].name: unknown language code "
            "'vi' (library.yaml declares: en)",
            id="a-language-not-declared",
        ),
        pytest.param(
            ("name: Knowing our customers", "name: [Knowing, customers]"),
            "frameworks/service-basics.yaml:12:11: dimensions[0].name: expected a text per "
            "language, {en: …}, not ['Knowing', 'customers']",
            id="not-text",
        ),
    ],
)
def test_texts_of_an_english_library(english: Path, change: tuple[str, str], message: str) -> None:
    file = english.parent / "own-library" / "frameworks" / "service-basics.yaml"
    file.write_text(file.read_text("utf-8").replace(*change, 1), "utf-8")
    assert _errors("validate", file) == [f"{file.parent.parent}/{message}",
                                         "1 problem(s) in 1 file(s) checked."]  # fmt: skip


def test_library_yaml_is_checked(build_file_tree: BuildTree) -> None:
    root = build_file_tree({"lib/library.yaml": "kind: library\nlanguages: [en, EN, en]\n"})
    assert _errors("validate", root / "lib") == [
        f"{root}/lib/library.yaml:2:17: languages[1]: expected text matching "
        "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$ (got 'EN')",
        "1 problem(s) in 1 file(s) checked.",
    ]
    (root / "lib" / "library.yaml").write_text("kind: library\nlanguages: [en, en]\n", "utf-8")
    assert _errors("validate", root / "lib") == [
        f"{root}/lib/library.yaml:2:12: languages: language 'en' is listed twice",
        "1 problem(s) in 1 file(s) checked.",
    ]


def test_a_library_without_library_yaml_keeps_english_and_vietnamese(
    build_file_tree: BuildTree,
) -> None:
    from .conftest import MINIMAL_FRAMEWORK

    root = build_file_tree({"f.yaml": MINIMAL_FRAMEWORK.replace("{en: Alpha, vi: Anpha}", "Alpha")})
    assert _errors("validate", root / "f.yaml") == [
        f"{root}/f.yaml:11:11: dimensions[0].name: expected a text per language, {{en: …, vi: …}}, "
        "not one text; a library written in one language says so in its library.yaml "
        "(languages: [en]) and may then write plain text",
        "1 problem(s) in 1 file(s) checked.",
    ]


# --- a library in English and French, with its own French labels ------------------------------


def _in_french(node: Any) -> Any:
    """Built-in content with its Vietnamese replaced by French stand-ins: {en, vi} → {en, fr}."""
    if isinstance(node, dict) and set(node) == {"en", "vi"}:
        return {"en": node["en"], "fr": f"{node['en']} (fr)"}
    if isinstance(node, dict):
        return {k: _in_french(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_in_french(v) for v in node]
    return node


FRENCH_LABELS = {
    "executive_report": "Rapport de direction",
    "report_title": "Évaluation de la maturité de la stratégie CRM",
    "summary": "Synthèse pour la direction",
    "number_format": "1\u00a0234,5",
    "date_format": "D MMMM YYYY",
    "time_format": "DD/MM/YYYY hh:mm",
    "month_names": "janvier, février, mars, avril, mai, juin, juillet, août, septembre, "
    "octobre, novembre, décembre",
    "framework_text_version": "Version",
    "framework_text_level": "Niveau",
    "form_your_name": "Votre nom",
    "review_draft_method": "Atelier de consensus le (date) avec (participants).",
    "review_draft_self_assessed": "auto-évaluation {score} (niveau {level})",
}


def _labels_fr() -> dict[str, str]:
    """Every report label, in stand-in French, a few of them real."""
    builtin = yaml.safe_load((REPO / "reports" / "labels.yaml").read_text("utf-8"))
    return {key: FRENCH_LABELS.get(key, f"{text['en']} (fr)") for key, text in builtin.items()}


FRAMEWORK_FR = """\
kind: framework
id: service-basics
name: {en: Service basics, fr: Les bases du service}
short_name: {en: Service, fr: Service}
description: {en: How a firm looks after its customers., fr: Comment une entreprise suit ses clients.}
version: "2026"
sources: [{id: own, citation: Harbour Lane Advisory 2025}]
dimensions:
  - id: knowing-customers
    name: {en: Knowing our customers, fr: Connaître nos clients}
    description: {en: What is recorded., fr: Ce qui est enregistré.}
    levels:
      1: {en: In phones., fr: Dans les téléphones.}
      2: {en: A shared list., fr: Une liste partagée.}
      3: {en: One system., fr: Un seul système.}
      4: {en: Checked monthly., fr: Vérifié chaque mois.}
"""

QUESTIONNAIRE_FR = """\
kind: questionnaire
id: service-check
version: "1.0"
title: {en: Service check, fr: Bilan du service}
description: {en: Ten minutes., fr: Dix minutes.}
sections:
  - id: customers
    title: {en: Our customers, fr: Nos clients}
    questions:
      - id: customer-record
        type: maturity
        text: {en: Where is a customer's history?, fr: Où trouver l'historique d'un client ?}
        maps_to: [{dimension: service-basics/knowing-customers}]
        options:
          1: {en: In my notes., fr: Dans mes notes.}
          2: {en: A shared list., fr: Une liste partagée.}
          3: {en: One system., fr: Un seul système.}
          4: {en: Checked monthly., fr: Vérifié chaque mois.}
"""

PROFILE_FR = """\
kind: profile
id: service-target
name: {en: Dependable service, fr: Un service fiable}
description: {en: Answer on time., fr: Répondre à temps.}
default: 3
"""

WORKSPACE_FR = """\
kind: assessment
client: {name: Boulangerie du Port}
title: {en: Service review, fr: Revue du service}
date: 2026-11-02
language: fr
questionnaire: service-check
library: [../lib]
target: {profile: service-target}
respondents:
  - {id: a, name: Anne, role: executive}
  - {id: b, name: Bruno, role: sales}
"""


@pytest.fixture
def french(build_file_tree: BuildTree) -> Path:
    matrix = yaml.safe_load((REPO / "frameworks" / "crm-strategy-levels.yaml").read_text("utf-8"))
    dump = yaml.safe_dump(_in_french(matrix), allow_unicode=True, sort_keys=False)
    root = build_file_tree({
        "lib/library.yaml": "kind: library\nlanguages: [en, fr]\n",
        "lib/frameworks/service-basics.yaml": FRAMEWORK_FR,
        "lib/frameworks/crm-strategy-levels.yaml": dump,
        "lib/questionnaires/service-check.yaml": QUESTIONNAIRE_FR,
        "lib/profiles/service-target.yaml": PROFILE_FR,
        "lib/reports/labels.fr.yaml": yaml.safe_dump(_labels_fr(), allow_unicode=True),
        "ws/assessment.yaml": WORKSPACE_FR,
        "ws/responses/a.yaml": "respondent: a\nlanguage: fr\nanswers: {customer-record: 2}\n",
        "ws/responses/b.yaml": "respondent: b\nanswers: {customer-record: 3}\n",
    })  # fmt: skip
    return root / "ws"


def test_a_french_report_from_a_library_with_french_labels(french: Path) -> None:
    checked = run("validate", french.parent / "lib", french)
    assert checked.exit_code == 0, checked.output
    target = french.parent / "rapport.pdf"
    rendered = run("report", french, "-o", target)  # language: fr in assessment.yaml
    assert rendered.exit_code == 0, rendered.output
    text = _pdf_text(target.read_bytes())
    for wanted in ("RAPPORT DE DIRECTION · REVUE DU SERVICE", "Boulangerie du Port",
                   "Connaître nos clients", "Synthèse pour la direction"):  # fmt: skip
        assert wanted in text, wanted
    assert "Knowing our customers" not in text
    assert "2 novembre 2026" in text  # the date as the library's French labels write it
    english = run("report", french, "--lang", "en", "-o", french.parent / "en.pdf")
    assert english.exit_code == 0, english.output
    assert "Knowing our customers" in _pdf_text((french.parent / "en.pdf").read_bytes())


def test_a_french_paper_questionnaire_and_xlsform(french: Path) -> None:
    lib = french.parent / "lib"
    paper = run("--library", lib, "questionnaire", "export", "service-check", "--format", "pdf",
                "--lang", "fr", "-o", french.parent / "q.pdf")  # fmt: skip
    assert paper.exit_code == 0, paper.output
    text = _pdf_text((french.parent / "q.pdf").read_bytes())
    assert "Où trouver l'historique d'un client ?" in text
    form = run("--library", lib, "questionnaire", "export", "service-check", "--format", "xlsform",
               "--lang", "fr", "-o", french.parent / "q.xlsx")  # fmt: skip
    assert form.exit_code == 0, form.output
    from openpyxl import load_workbook

    survey = load_workbook(french.parent / "q.xlsx")["survey"]
    header = [c.value for c in survey[1]]
    assert "label::English (en)" in header and "label::fr" in header
    assert "label::Tiếng Việt (vi)" not in header
    names = next(r for r in survey.iter_rows(values_only=True) if r[1] == "respondent")
    assert names[header.index("label::fr")] == "Votre nom"  # the library's French words
    assert names[header.index("label::English (en)")] == "Your name"


def test_the_words_around_french_content_are_the_librarys(french: Path) -> None:
    lib = french.parent / "lib"
    shown = run("--library", lib, "frameworks", "show", "service-basics", "--lang", "fr")
    assert shown.exit_code == 0, shown.output
    assert "Niveau 2: Une liste partagée." in shown.stdout
    assert "Level 2" not in shown.stdout
    drafted = run("review", "draft", french, "--lang", "fr")
    assert drafted.exit_code == 0, drafted.output
    draft = (french / "review.yaml").read_text("utf-8")
    assert '  fr: "Atelier de consensus le (date) avec (participants)."' in draft
    assert '  en: "Consensus workshop on (date)' in draft
    assert "auto-évaluation 2,50 (niveau 2)" in draft


def test_french_needs_the_librarys_french_labels(french: Path) -> None:
    labels = french.parent / "lib" / "reports" / "labels.fr.yaml"
    labels.unlink()
    assert _errors("score", french, "--lang", "fr") == [
        "no report labels in 'fr': provide reports/labels.fr.yaml in your library"
    ]
    texts = _labels_fr()
    kept = dict(list(texts.items())[2:])
    labels.write_text(yaml.safe_dump(kept, allow_unicode=True), "utf-8")
    first = list(texts)[:2]
    assert _errors("report", french, "-o", french.parent / "r.pdf") == [
        f"{labels}: lacks 2 of the report labels: {first[0]}, {first[1]}"
    ]
    kept = {**texts, "execuive_report": "Rapport", "summary": "Synthèse {nom}"}
    labels.write_text(yaml.safe_dump(kept, allow_unicode=True, sort_keys=False), "utf-8")
    lines = _errors("score", french, "--lang", "fr")
    assert [line.split(": ", 1)[1] for line in lines] == [
        "summary: placeholders must be among those of the English label (none)",
        "execuive_report: unknown label 'execuive_report' (did you mean 'executive_report'?)",
    ]


def test_french_missing_from_the_content(french: Path) -> None:
    q = french.parent / "lib" / "questionnaires" / "service-check.yaml"
    q.write_text(q.read_text("utf-8").replace(", fr: Nos clients}", "}"), "utf-8")
    assert _errors("validate", q) == [
        f"{q}:8:12: sections[0].title: missing text in 'fr'",
        "1 problem(s) in 1 file(s) checked.",
    ]
    q.write_text(q.read_text("utf-8").replace("title: {en: Our customers}", "title: Ours"))
    assert _errors("validate", q)[0] == (
        f"{q}:8:12: sections[0].title: expected a text per language, {{en: …, fr: …}}, not one text"
    )


def test_the_language_code_is_checked() -> None:
    result = run("frameworks", "list", "--lang", "Français")
    assert result.exit_code == 2
    assert "'Français' is not a language code (e.g. en, vi, fr)" in result.stderr
    assert _errors("frameworks", "show", "idic", "--lang", "fr") == [
        "language 'fr' is missing from framework 'idic' (en, vi); "
        "no report labels in 'fr': provide reports/labels.fr.yaml in your library"
    ]


def _form_labels_fr() -> dict[str, str]:
    builtin = yaml.safe_load((REPO / "assessor/collect/labels.yaml").read_text("utf-8"))
    real = {"lang_name": "Français", "start": "Commencer"}
    return {key: real.get(key, f"{text['en']} (fr)") for key, text in builtin.items()}


def test_the_web_form_speaks_french_with_the_librarys_form_labels(french: Path) -> None:
    from starlette.testclient import TestClient

    from assessor.collect import invite
    from assessor.collect.app import create_app
    from assessor.errors import AssessorError
    from assessor.loading import load_library

    lib = french.parent / "lib"
    questionnaire = load_library([lib]).questionnaire("service-check")
    with pytest.raises(AssessorError) as refused:  # French texts, but no French form labels
        create_app(french, questionnaire, None, (lib / "reports",))
    assert refused.value.lines() == [
        "no web form labels in 'fr' (the assessment's language): provide "
        "reports/form-labels.fr.yaml in your library"
    ]
    (lib / "reports" / "form-labels.fr.yaml").write_text(
        yaml.safe_dump(_form_labels_fr(), allow_unicode=True), "utf-8"
    )
    token = invite(french, name="Claire", role="sales").token
    client = TestClient(create_app(french, questionnaire, None, (lib / "reports",)))
    page = client.get(f"/r/{token}").text
    assert '<html lang="fr">' in page and "Commencer" in page and "Revue du service" in page
    assert '<a class="switch" href="?lang=en" lang="en" hreflang="en">English</a>' in page
    english = client.get(f"/r/{token}?lang=en").text
    assert '<html lang="en">' in english and "Service review" in english
    assert '<a class="switch" href="?lang=fr" lang="fr" hreflang="fr">Français</a>' in english
    assert "?lang=vi" not in english


def test_a_review_draft_is_written_in_the_questionnaires_languages(french: Path) -> None:
    drafted = run("review", "draft", french, "--lang", "fr")
    assert drafted.exit_code == 0, drafted.output
    text = (french / "review.yaml").read_text("utf-8")
    assert "\nmethod:\n  en: " in text and "\n  fr: " in text and "vi:" not in text
    assert "    rationale:      # {en: …, fr: …}\n" in text
    assert run("score", french, "--lang", "fr").exit_code == 0  # the draft is a valid review


def test_a_vietnamese_only_library_speaks_vietnamese_by_default(english: Path) -> None:
    declared = english.parent / "own-library" / "library.yaml"
    declared.write_text("kind: library\nlanguages: [vi]\n", "utf-8")  # plain text is now 'vi'
    scored = run("score", english)  # no English: the assessment's language, Vietnamese
    assert scored.exit_code == 0, scored.output
    assert scored.stdout.startswith("Mức 1 — Khởi đầu.")
    assert _errors("score", english, "--lang", "en") == [
        "language 'en' is missing from questionnaire 'service-check' (vi), framework "
        "'service-basics' (vi), target profile 'service-target' (vi)"
    ]


def test_a_language_writes_numbers_and_dates_its_own_way(french: Path) -> None:
    from assessor.report.labels import local_style

    english, vietnamese = local_style("en"), local_style("vi")
    assert (english.number(1234.5), vietnamese.number(1234.5)) == ("1,234.5", "1.234,5")
    day = dt.date(2026, 10, 20)
    assert (english.day(day), vietnamese.day(day)) == ("20 October 2026", "20/10/2026")
    moment = dt.datetime(2026, 12, 4, 14, 5)
    assert (english.moment(moment), vietnamese.moment(moment)) == (
        "4 Dec 2026, 14:05",
        "04/12/2026 14:05",
    )
    assert run("validate", french.parent / "lib", french).exit_code == 0  # French, as data
    french_way = local_style("fr")
    assert (french_way.number(1234.5, 2), french_way.day(day)) == (
        "1\u00a0234,50",
        "20 octobre 2026",
    )


def test_a_language_that_cannot_say_how_it_writes_numbers(french: Path) -> None:
    labels = french.parent / "lib" / "reports" / "labels.fr.yaml"
    texts = {**_labels_fr(), "number_format": "1234", "date_format": "le jour",
             "month_names": "janvier, février"}  # fmt: skip
    labels.write_text(yaml.safe_dump(texts, allow_unicode=True, sort_keys=False), "utf-8")
    lines = _errors("score", french, "--lang", "fr")
    assert [line.split(": ", 1)[1] for line in lines] == [
        "number_format: write the number 1234.5 as the language writes it, e.g. '1,234.5' or "
        "'1 234,5'",
        "date_format: write the pattern with YYYY, MM or MMMM, DD (and hh:mm for a time), e.g. "
        "'DD/MM/YYYY'",
        "month_names: write the twelve month names, separated by commas",
    ]
