"""The survey tools whose exports crm-assess reads, each as its documented export looks.

    Google Forms      .csv/.xlsx  Timestamp, [Email address], one column per question title
    Microsoft Forms   .xlsx/.csv  ID, Start time, Completion time, Email, Name, questions
    LimeSurvey        .csv        id, submitdate, lastpage, startlanguage, seed, Q1, Q2[SQ001], …
                                  (metadata headings also in de/fr/es/nl/pt/vi; "code. text")
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


# LimeSurvey writes its metadata headings in the survey admin's language unless the export
# uses question codes; these are the spellings of its own translations.
_LS_ID = ("id", "response id", "antwort id", "id de la réponse", "id de respuesta",
          "antwoord id", "id da resposta", "id câu trả lời")  # fmt: skip
_LS_SUBMITTED = ("submitdate", "date submitted", "datum abgeschickt", "date de soumission",
                 "date soumise", "fecha de envío", "fecha de envio", "datum verstuurd",
                 "data de envio", "data de submissão", "ngày gửi", "ngày nộp")  # fmt: skip
_LS_LASTPAGE = ("lastpage", "last page", "letzte seite", "dernière page", "última página",
                "ultima pagina", "laatste pagina", "trang cuối", "trang cuối cùng")  # fmt: skip
_LS_LANGUAGE = ("startlanguage", "start language", "start-sprache", "langue de départ",
                "lenguaje inicial", "idioma inicial", "starttaal", "ngôn ngữ bắt đầu")  # fmt: skip
_LS_OTHER = ("seed", "zufallsstartwert", "semilla", "semente", "graine", "hạt giống", "token",
             "zugangsschlüssel", "startdate", "date started", "datum gestartet",
             "date de début", "date de commencement", "fecha de inicio", "datum gestart",
             "data de início", "ngày bắt đầu", "datestamp", "date last action",
             "datum letzte aktivität", "date de la dernière action",
             "fecha de la última acción", "datum laatste actie", "data da última ação",
             "ngày hoạt động cuối", "ipaddr", "ip address", "ip-adresse", "adresse ip",
             "dirección ip", "ip-adres", "endereço ip", "địa chỉ ip", "refurl",
             "referrer url", "referrer-url", "url de référence", "url de referencia",
             "verwijzende url", "url de referência", "url giới thiệu", "interviewtime",
             "total time", "gesamtzeit")  # fmt: skip

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
            system_pattern=r"^(grouptime\d+|.+time|.+zeit)$",
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
