"""The survey tools whose exports crm-assess reads, each as its documented export looks.

    Google Forms      .csv/.xlsx  Timestamp, [Email address], one column per question title
    Microsoft Forms   .xlsx/.csv  ID, Start time, Completion time, Email, Name, questions
    LimeSurvey        .csv        id, submitdate, lastpage, startlanguage, seed, Q1, Q2[SQ001], …
                                  (metadata headings also in de/fr/es/nl/pt/vi, spaces as "_";
                                  "code. text")
    SurveyMonkey      .csv/.xlsx  two header rows: question, then Response / option label
    Qualtrics         .csv        three header rows: names, question texts, ImportId JSON
    KoboToolbox       .csv/.xlsx  group/question paths, _uuid, _submission_time (often ';')
    ODK Central       .csv        group-question paths, SubmissionDate, meta-instanceID, KEY

Headers compare case-insensitively with whitespace collapsed (`values.norm`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .values import norm

__all__ = ["TOOLS", "Tool"]


@dataclass(frozen=True)
class Tool:
    """What a survey tool's export looks like. Each tuple lists spellings of one column."""

    id: str
    name: str
    signature: tuple[tuple[str, ...], ...]
    system: frozenset[str]
    system_pattern: str = r"$^"
    email: tuple[str, ...] = ()
    name_column: tuple[str, ...] = ()
    key: tuple[str, ...] = ()
    """The export's own id of each response, a stable key for an anonymous respondent."""
    submitted: tuple[str, ...] = ()
    language: tuple[str, ...] = ()
    finished: tuple[str, ...] = ()
    """A column saying whether the response was finished (0/false: incomplete)."""
    header_rows: int = 1
    split: str = ""
    """How a multi-choice cell joins its options: '' labels (', ' or ';'), ' ' choice names."""
    path: str = ""
    """Separator of group paths in column titles (`group/question`)."""
    incomplete_without_submitted: bool = False
    zone: str | None = None
    """The zone of the tool's own times when they carry none (KoboToolbox: UTC)."""

    def matches(self, titles: set[str]) -> bool:
        return all(any(norm(s) in titles for s in spellings) for spellings in self.signature)

    def is_system(self, title: str) -> bool:
        key = norm(title)
        return bool(key) and (key in self.system or re.match(self.system_pattern, key) is not None)


def _words(*groups: tuple[str, ...]) -> frozenset[str]:
    return frozenset(norm(w) for group in groups for w in group)


def _underscored(*spellings: str) -> tuple[str, ...]:
    """Spellings, and the same as LimeSurvey writes them when an export turns spaces into `_`."""
    return spellings + tuple(s.replace(" ", "_") for s in spellings if " " in s)


# LimeSurvey's metadata headings. With "question code" headings an export names these columns
# by field (id, submitdate, …, interviewtime, groupTime12, Q1Time); with "full question text"
# headings it writes LimeSurvey's translation of the English heading (Response ID, Date
# submitted, …) into the exporting administrator's language. The spellings are those of
# LimeSurvey's own message catalogues for de, fr, es, nl, pt (Portugal), pt-BR and vi, as of
# LimeSurvey 1.92 (revised November 2011 to May 2012); a heading a catalogue leaves untranslated
# (vi: Date last action and the three times; pt-BR: the times) is written in English. Exports
# by current versions still carry the German and French ID, date, page and language headings;
# Seed and Access code (the former Token) are later headings, Seed's German and French
# spellings taken from such exports. Headings compare through `norm`, which folds case and
# spaces only: hyphens, accents and the French "Temps total :" are spelled as LimeSurvey does.
_LS_ID = _underscored(
    "id", "response id", "antwort id", "id de la réponse", "id de respuesta", "respons id",
    "id da resposta", "id da resopsta",  # pt-BR's catalogue misspells "resposta"
    "id trả lời",
)  # fmt: skip
_LS_SUBMITTED = _underscored(
    "submitdate", "date submitted", "datum abgeschickt", "date de soumission", "fecha de envío",
    "datum verstuurd", "data de submissão", "data de envio", "ngày gửi",
)  # fmt: skip
_LS_LASTPAGE = _underscored(
    "lastpage", "last page", "letzte seite", "dernière page", "última página", "laatste pagina",
    "trang cuối cùng",
)  # fmt: skip
_LS_LANGUAGE = _underscored(
    "startlanguage", "start language", "start-sprache", "langue de départ", "lenguaje inicial",
    "start taal", "idioma inicial", "ngôn ngữ bắt đầu",
)  # fmt: skip
_LS_OTHER = _underscored(
    "seed", "zufallsstartwert", "tête de série",
    "semilla", "semente", "hạt giống",  # Seed in es, pt, vi: unverified, harmless as titles
    "token", "access code", "schlüsselwort", "zugangsschlüssel", "code", "contraseña",
    "toegangscode", "código", "código de acesso", "thẻ bài",
    "startdate", "date started", "datum gestartet", "date de lancement", "fecha de inicio",
    "startdatum", "data de início", "ngày bắt đầu",
    "datestamp", "date last action", "datum letzte aktivität", "date de la dernière action",
    "fecha de la última acción", "datum laatste actie", "data da última acção",
    "data da última ação",
    "ipaddr", "ip address", "ip-adresse", "adresse ip", "dirección ip", "ip adres",
    "endereço ip", "địa chỉ ip",
    "refurl", "referrer url", "weiterleitungs-url", "url référente", "url de referencia",
    "verwijzer url", "url de referência", "url tham khảo",
    "interviewtime", "total time", "gesamtzeit", "temps total :", "tiempo total", "totaaltijd",
    "tempo total",
)  # fmt: skip
# The time spent on a group or a question is headed "Group time: <group name>" and "Question
# time: <question code>" (groupTime12 and Q1Time with question codes).
_LS_TIMES = (
    "group time", "question time", "gruppenzeit", "fragenzeit", "durée pour le groupe",
    "durée pour la question", "temporización del grupo", "temporización de la pregunta",
    "groep tijd", "vraag tijd", "tempo do grupo", "tempo da pergunta",
)  # fmt: skip
_LS_SYSTEM = r"^(grouptime\d+|\S+time|({})[ _]?:.*)$".format(
    "|".join(re.escape(t).replace(r"\ ", "[ _]") for t in _LS_TIMES)
)

_QUALTRICS = ("startdate", "enddate", "status", "ipaddress", "progress", "duration (in seconds)",
              "finished", "recordeddate", "responseid", "recipientlastname",
              "recipientfirstname", "recipientemail", "externalreference", "locationlatitude",
              "locationlongitude", "distributionchannel", "userlanguage", "q_recaptchascore",
              "q_relevantidduplicate", "q_relevantidduplicatescore", "q_relevantidfraudscore",
              "q_relevantidlaststartdate")  # fmt: skip
_KOBO = ("start", "end", "today", "deviceid", "phonenumber", "username", "simserial",
         "subscriberid", "audit", "_id", "_uuid", "_submission_time", "_validation_status",
         "_notes", "_status", "_submitted_by", "__version__", "_tags", "_index",
         "meta/instanceid", "meta/rootuuid", "meta/deprecatedid", "formhub/uuid",
         "_xform_id_string", "_attachments", "_geolocation", "respondent", "role")  # fmt: skip
_ODK = ("submissiondate", "start", "end", "today", "deviceid", "meta-instanceid",
        "meta-instancename", "key", "submitterid", "submittername", "attachmentspresent",
        "attachmentsexpected", "status", "reviewstate", "edits", "formversion", "respondent",
        "role")  # fmt: skip

TOOLS = {
    tool.id: tool
    for tool in (
        Tool(
            "limesurvey",
            "LimeSurvey",
            (_LS_ID, _LS_SUBMITTED, _LS_LASTPAGE),
            _words(_LS_ID, _LS_SUBMITTED, _LS_LASTPAGE, _LS_LANGUAGE, _LS_OTHER),
            system_pattern=_LS_SYSTEM,
            key=_LS_ID,
            submitted=_LS_SUBMITTED,
            language=_LS_LANGUAGE,
            incomplete_without_submitted=True,
        ),
        Tool(
            "qualtrics",
            "Qualtrics",
            (("responseid",), ("finished",)),
            _words(_QUALTRICS),
            email=("recipientemail",),
            key=("responseid",),
            submitted=("recordeddate", "enddate"),
            language=("userlanguage",),
            finished=("finished",),
            header_rows=3,
        ),
        Tool(
            "surveymonkey",
            "SurveyMonkey",
            (("respondent id",), ("collector id",)),
            _words(
                ("respondent id", "collector id", "start date", "end date", "ip address"),
                ("email address", "first name", "last name", "custom data 1", "custom data"),
            ),
            email=("email address",),
            key=("respondent id",),
            submitted=("end date",),
            header_rows=2,
        ),
        Tool(
            "kobotoolbox",
            "KoboToolbox",
            (("_uuid",), ("_submission_time",)),
            _words(_KOBO),
            system_pattern=r"^(_.*|meta[/.].*|formhub[/.].*)$",
            name_column=("respondent",),
            key=("_uuid",),
            submitted=("_submission_time",),
            split=" ",
            path="/",
            zone="UTC",
        ),
        Tool(
            "odk",
            "ODK Central",
            (("submissiondate",), ("key", "meta-instanceid")),
            _words(_ODK),
            system_pattern=r"^meta-.*$",
            name_column=("respondent",),
            key=("meta-instanceid", "key"),
            submitted=("submissiondate",),
            split=" ",
            path="-",
        ),
        Tool(
            "microsoft-forms",
            "Microsoft Forms",
            (("id",), ("start time",), ("completion time",), ("email",), ("name",)),
            _words(
                ("id", "start time", "completion time", "email", "name", "last modified time"),
                ("total points", "quiz feedback"),
            ),
            system_pattern=r"^(points|feedback) - ",
            email=("email",),
            name_column=("name",),
            key=("id",),
            submitted=("completion time",),
        ),
        Tool(
            "google-forms",
            "Google Forms",
            (("timestamp", "dấu thời gian"),),
            _words(("timestamp", "dấu thời gian", "email address", "địa chỉ email", "score")),
            email=("email address", "địa chỉ email"),
            submitted=("timestamp", "dấu thời gian"),
        ),
    )
}
