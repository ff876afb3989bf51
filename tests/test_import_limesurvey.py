"""LimeSurvey exports whose metadata headings are in the exporting administrator's language.

The headings are LimeSurvey's own: its message catalogues (LimeSurvey 1.92) for every language,
and, for German and French, exports written by current versions (Seed came after 1.92). An
export with full question texts carries them as column titles; each must be recognised as
LimeSurvey's and none of them may be offered as a question.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from assessor.exchange.survey import detect
from assessor.exchange.tools import TOOLS

from .conftest import BuildTree
from .exchange_helpers import responses, run, survey_workspace

# Response ID, Date submitted, Last page, Start language, [Seed], Token, Date started, Date last
# action, IP address, Referrer URL; then, at the end of the export, the three times.
META = {
    "en": ("Response ID", "Date submitted", "Last page", "Start language", "Seed", "Access code",
           "Date started", "Date last action", "IP address", "Referrer URL"),
    "de": ("Antwort ID", "Datum Abgeschickt", "Letzte Seite", "Start-Sprache", "Zufallsstartwert",
           "Schlüsselwort", "Datum gestartet", "Datum letzte Aktivität", "IP-Adresse",
           "Weiterleitungs-URL"),
    "fr": ("ID de la réponse", "Date de soumission", "Dernière page", "Langue de départ",
           "Tête de série", "Code", "Date de lancement", "Date de la dernière action",
           "Adresse IP", "URL référente"),
    "es": ("ID de respuesta", "Fecha de envío", "Última página", "Lenguaje inicial",
           "Contraseña", "Fecha de inicio", "Fecha de la última acción", "Dirección IP",
           "URL de referencia"),
    "nl": ("Respons ID", "Datum verstuurd", "Laatste pagina", "Start taal", "Toegangscode",
           "Startdatum", "Datum laatste actie", "IP Adres", "Verwijzer URL"),
    "pt": ("ID da resposta", "Data de submissão", "Última página", "Idioma inicial", "Código",
           "Data de início", "Data da última acção", "Endereço IP", "URL de referência"),
    "pt-BR": ("ID da resopsta", "Data de envio", "Última página", "Idioma inicial",
              "Código de acesso", "Data de início", "Data da última ação", "Endereço IP",
              "URL de referência"),
    "vi": ("ID trả lời", "Ngày gửi", "Trang cuối cùng", "Ngôn ngữ bắt đầu", "Thẻ bài",
           "Ngày bắt đầu", "Date last action", "Địa chỉ IP", "URL tham khảo"),
}  # fmt: skip
TIMES = {
    "en": ("Total time", "Group time: Practice", "Question time: qsponsor"),
    "de": ("Gesamtzeit", "Gruppenzeit: Practice", "Fragenzeit: qsponsor"),
    "fr": ("Temps total :", "Durée pour le groupe : Practice", "Durée pour la question: qsponsor"),
    "es": ("Tiempo total", "Temporización del grupo: Practice",
           "Temporización de la pregunta: qsponsor"),
    "nl": ("Totaaltijd", "Groep tijd: Practice", "Vraag tijd: qsponsor"),
    "pt": ("Tempo total", "Tempo do grupo: Practice", "Tempo da pergunta: qsponsor"),
    "pt-BR": ("Total time", "Group time: Practice", "Question time: qsponsor"),
    "vi": ("Total time", "Group time: Practice", "Question time: qsponsor"),
}  # fmt: skip
QUESTIONS = (
    "Who sponsors customer management?",
    "Our staff know what we promise customers.",
    "Do you use a CRM system?",
    "Why not?",
    "Which channels do you use to reach customers? [Website, online shop]",
    "Which channels do you use to reach customers? [Stores]",
    "Which channels do you use to reach customers? [Phone and Zalo]",
    "Which channels do you use to reach customers? [Email newsletters]",
    "Where is customer data kept?",
    "What share of customers renewed last year (%)?",
    "Anything else?",
)
AN = ("an.nguyen@example.vn", "A department head.", "Agree", "Yes", "", "Yes", "", "Yes", "",
      "In spreadsheets", "", "Cần đào tạo thêm")  # fmt: skip
AN_RESPONSE = """\
respondent: an
questionnaire: survey-q
language: vi
submitted: 2025-09-03 09:12:44
answers:
  q-sponsor: 2
  q-agree: 4
  q-crm: 'yes'
  q-channels:
  - web
  - phone
  q-data: sheets
  q-remarks: Cần đào tạo thêm
"""


@pytest.fixture
def ws(build_file_tree: BuildTree) -> Path:
    return survey_workspace(build_file_tree)


def export(folder: Path, meta: tuple[str, ...], times: tuple[str, ...], spaces: str = " ") -> Path:
    """A LimeSurvey export with full question texts: metadata, e-mail, questions, times."""
    seed = ["1289347"] if len(meta) == 10 else []
    cells = ["7", "2025-09-03 09:12:44", "3", "vi", *seed, "", "2025-09-03 09:01:10",
             "2025-09-03 09:12:44", "203.0.113.7", ""]  # fmt: skip
    header = [*meta, "E-Mail", *QUESTIONS, *times]
    path = folder / "results-survey.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL)
        writer.writerow([title.replace(" ", spaces) for title in header])
        writer.writerow([*cells, *AN, "612", "300", "41"])
    return path


@pytest.mark.parametrize("lang", sorted(META))
def test_metadata_headings_in_each_admin_language(ws: Path, lang: str) -> None:
    path = export(ws.parent, META[lang], TIMES[lang])
    result = run("responses", "import", ws, path, "--init-mapping")
    assert result.exit_code == 0, result.output
    assert "could not match" not in result.stderr
    drafted = path.with_suffix(".mapping.yaml").read_text("utf-8")
    assert f"# Rows are told apart by '{META[lang][0]}'" in drafted
    assert list(yaml.safe_load(drafted)["columns"]) == list(QUESTIONS)

    result = run("responses", "import", ws, path)
    assert result.exit_code == 0, result.output
    assert responses(ws) == {"an": AN_RESPONSE}


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_headings_with_spaces_converted_to_underscores(tmp_path: Path, lang: str) -> None:
    path = export(tmp_path, META[lang], TIMES[lang], spaces="_")
    tool, table = detect(path)
    assert tool == "limesurvey"
    assert table.find(table.tool.submitted).title == META[lang][1].replace(" ", "_")
    answers = [c.title for c in table.columns if not table.is_system(c.title)]
    assert answers == ["E-Mail", *(q.replace(" ", "_") for q in QUESTIONS)]


def test_a_question_ending_in_time_is_still_a_question() -> None:
    limesurvey = TOOLS["limesurvey"]
    assert limesurvey.is_system("interviewtime") and limesurvey.is_system("Q1Time")
    assert limesurvey.is_system("groupTime12")
    assert not limesurvey.is_system("Do you answer customers on time")
    assert not limesurvey.is_system("Wie viel Arbeitszeit bleibt für Kunden?")
    assert not limesurvey.is_system("Reaktionszeit")
