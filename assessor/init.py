"""`crm-assess init`: a new assessment workspace with a commented assessment.yaml."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import get_args

from .errors import ResponseError
from .fsio import write_atomic
from .loading import Library
from .models.assessment import Industry

__all__ = ["init_workspace"]

_TEMPLATE = """\
# An assessment of {client}. Add respondents below, then collect their answers in responses/.
kind: assessment
client:
  name: {client_json}
title: {{en: "CRM assessment {year}", vi: "Đánh giá CRM {year}"}}   # the reports' title
date: {date}
language: {language}            # default report language: vi or en
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
#   company_size: mid           # staff: small (< 50) | mid (50–999) | large (1,000+)
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


def init_workspace(
    folder: Path,
    *,
    client: str,
    questionnaire: str,
    library: Library,
    language: str = "vi",
    profile: str | None = None,
    today: dt.date | None = None,
    force: bool = False,
) -> Path:
    """Write `folder/assessment.yaml` and create `folder/responses/`; return the file."""
    if not client.strip():
        raise ResponseError("--client: the company name must not be empty")
    library.questionnaire(questionnaire)
    if profile is not None:
        library.profile(profile)
    text = _TEMPLATE.format(
        client=" ".join(client.split()),  # a comment line: no line breaks
        client_json=json.dumps(client, ensure_ascii=False),
        date=(today or dt.date.today()).isoformat(),
        year=(today or dt.date.today()).year,
        language=language,
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
