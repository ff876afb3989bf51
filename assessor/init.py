"""`crm-assess init`: a new assessment workspace with a commented assessment.yaml."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import get_args

from .errors import ResponseError
from .fsio import write_atomic
from .languages import default_language, require_language
from .loading import Library
from .models.assessment import Industry

__all__ = ["init_workspace"]

_TEMPLATE = """\
# An assessment of {client}. Add respondents below, then collect their answers in responses/.
kind: assessment
client:
  name: {client_json}
title: {title}   # the reports' title
date: {date}
language: {language}            # default report language: {languages}
questionnaire: {questionnaire}
frameworks: []                  # empty: every framework the questionnaire maps onto
# The client's business chooses the target profile, the target on the strategy matrix, the route
# and the roadmap's pace (docs/scoring.md §8). Fill it in; without it, defaults are used and the
# report says so.
# context:
#   market: b2b                 # b2b | b2c | mixed
#   active_customers: 1200      # customers who bought in the last twelve months
#   purchase_frequency: yearly  # one-off | yearly | monthly | weekly
#   deal_size: medium           # typical value of one sale: small | medium | large
#   company_size: mid           # staff: small (< 50) | mid (50–999) | large (1,000+) |
#                               # enterprise: a bank or insurer, a listed group, or more than
#                               # a million active customers (costs and pace of that scale)
#   industry: retail            # {industries}
target:
  {profile_line}
  overrides: {{}}                 # e.g. gartner-8bb/metrics: 4
units: []                       # e.g. - {{id: north, name: Miền Bắc}}
respondents: []                 # e.g. - {{id: r01, name: Nguyễn Văn An, role: sales, unit: north}}
branding:
  consultancy: null
  accent: "#1f5f8b"
"""


_TITLES = {"en": "CRM assessment {year}", "vi": "Đánh giá CRM {year}"}


def _title(langs: tuple[str, ...], year: int) -> str:
    """The title in the questionnaire's languages: {en: …, vi: …}, or one text (in English where
    crm-assess has no words of that language, to translate)."""
    known = [lang for lang in langs if lang in _TITLES]
    if len(langs) > 1 and known == list(langs):
        return (
            "{" + ", ".join(f'{lang}: "{_TITLES[lang].format(year=year)}"' for lang in langs) + "}"
        )
    return json.dumps(_TITLES[known[0] if known else "en"].format(year=year), ensure_ascii=False)


def init_workspace(
    folder: Path,
    *,
    client: str,
    questionnaire: str,
    library: Library,
    language: str | None = None,
    profile: str | None = None,
    today: dt.date | None = None,
    force: bool = False,
) -> Path:
    """Write `folder/assessment.yaml` and create `folder/responses/`; return the file."""
    if not client.strip():
        raise ResponseError("--client: the company name must not be empty")
    q = library.questionnaire(questionnaire)
    language = language or default_language(q)
    require_language(language, questionnaire=q)
    if profile is not None:
        library.profile(profile)
    text = _TEMPLATE.format(
        client=" ".join(client.split()),  # a comment line: no line breaks
        client_json=json.dumps(client, ensure_ascii=False),
        date=(today or dt.date.today()).isoformat(),
        title=_title(q.title.languages, (today or dt.date.today()).year),
        language=language,
        languages=", ".join(q.title.languages),
        questionnaire=questionnaire,
        profile_line=(
            f"profile: {profile}"
            if profile is not None
            else f"# profile: balanced-3        # {', '.join(library.profiles)}, or 'respondents'"
        ),
        industries=" | ".join(get_args(Industry)),
    )
    target = folder / "assessment.yaml"
    write_atomic(target, text, force=force)
    (folder / "responses").mkdir(exist_ok=True)
    return target
