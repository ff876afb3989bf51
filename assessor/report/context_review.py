"""The report's view of the consultant's review, and its confidentiality marks.

Agreed levels beside the self-assessed ones, evidence, findings, anonymised quotes, the method
paragraph; the confidentiality line, the notes on merged or withheld groups, and what marks a
unit's report as one unit's. Plain data in one language; the templates escape every text.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..confidential import OTHERS
from ..models.assessment import text_in
from ..models.review import Agreed, Quote
from ..pipeline import AssessmentResult
from ..results import group_notes
from ..review_load import capability_members, quotable
from ..scoring import Scores
from .labels import Labels, fmt_num

__all__ = [
    "AgreedView",
    "Marks",
    "QuoteView",
    "ReviewView",
    "group_notes",
    "marks",
    "review_method",
    "review_view",
]


@dataclass(frozen=True)
class AgreedView:
    """One agreed level beside the respondents' own."""

    name: str  # dimension (framework) or capability
    self_assessed: str  # "2.4 (level 2)"; a range for a capability
    agreed: int | None
    differs: bool
    rationale: str
    evidence: list[str]  # "Interview: Head of sales"
    findings: list[str]
    recommendations: list[str]


@dataclass(frozen=True)
class QuoteView:
    text: str
    who: str  # "a respondent in Sales" when that group is shown, else "a respondent"


@dataclass(frozen=True)
class ReviewView:
    intro: str
    note: str  # under the headline: self-assessed level and score
    agreed: list[AgreedView]
    quotes: list[QuoteView]


@dataclass(frozen=True)
class Marks:
    """Confidentiality and unit marks of a report."""

    confidentiality: str  # on every page
    unit_name: str  # "" for the whole company
    unit_mark: str  # on the cover of a unit's report
    group_notes: list[str]  # what the role and unit breakdowns merged or withheld


def marks(result: AssessmentResult, lang: str, labels: Labels) -> Marks:
    a = result.workspace.assessment
    own = text_in(a.branding.confidentiality, lang)
    line = own or labels.fill(
        "confidentiality_default", client=a.client.name, n=a.scoring.min_group
    )
    unit_name = mark = ""
    if result.unit is not None:
        unit_name = a.unit_name(result.unit, lang)
        mark = labels.fill("unit_mark", unit=unit_name, n=result.scores.respondents)
    return Marks(line, unit_name, mark, group_notes(result, lang, labels))


def review_view(result: AssessmentResult, lang: str, labels: Labels) -> ReviewView | None:
    review, s = result.workspace.review, result.scores
    if review is None:
        return None
    before = s.self_assessed or s
    intro = labels.fill("review_intro", moderator=review.moderator, method=review.method[lang])
    note = ""
    if s.self_assessed is not None:
        note = labels.fill("review_note", level=before.level or "–",
                           score=fmt_num(before.score, lang, 2))  # fmt: skip
    agreed = [_agreed(result, e, before, lang, labels) for e in review.agreed if _says_something(e)]
    quotes = [q for q in (_quote(result, q, lang, labels) for q in review.quotes) if q]
    return ReviewView(intro, note, agreed, quotes)


def _says_something(e: Agreed) -> bool:
    return e.level is not None or bool(e.findings or e.recommendations)


def _agreed(
    result: AssessmentResult, e: Agreed, before: Scores, lang: str, labels: Labels
) -> AgreedView:
    level_word = labels["level"].lower()
    if e.dimension is not None:
        fw_id, _, dim_id = e.dimension.partition("/")
        fw = result.library.framework(fw_id)
        name = f"{fw.dimension(dim_id).name[lang]} ({fw.label(lang)})"
        d = before.dimension(e.dimension)
        mine = f"{fmt_num(d.score, lang, 2)} ({level_word} {d.level or '–'})"
        differs = e.level is not None and e.level != d.level
    else:
        caps = result.library.capabilities
        cap = next(c for c in caps.capabilities if c.id == e.capability) if caps else None
        name = cap.name[lang] if cap else str(e.capability)
        levels = sorted({d.level for d in before.all_dimensions()
                         if d.level is not None and _in_capability(result, d.path, e)})  # fmt: skip
        mine = (
            f"{level_word} " + "–".join(str(v) for v in sorted({levels[0], levels[-1]}))
            if levels
            else "–"
        )
        differs = e.level is not None and levels != [e.level]
    evidence = [f"{labels[f'evidence_{x.kind}']}: {x.ref}" for x in e.evidence]
    return AgreedView(name, mine, e.level, differs, e.rationale[lang] if e.rationale else "",
                      evidence, [f[lang] for f in e.findings],
                      [r[lang] for r in e.recommendations])  # fmt: skip


def _in_capability(result: AssessmentResult, path: str, e: Agreed) -> bool:
    """The dimension is one the agreed capability level applies to (`capability_members`)."""
    members = capability_members(result.workspace.frameworks, e.capability or "")
    return path in members


def _quote(result: AssessmentResult, q: Quote, lang: str, labels: Labels) -> QuoteView | None:
    sheet = next((s for s in result.workspace.sheets if s.respondent.id == q.respondent), None)
    if sheet is None:  # a unit's report: the respondent is in another unit
        return None
    answer = sheet.answers[q.question]
    index = result.workspace.questionnaire.question_index()
    kind = index[q.question].type if q.question in index else ""
    text = q.text[lang] if q.text else quotable(answer.comment, answer.value, kind) or ""
    role = sheet.respondent.role
    shown = role in result.scores.by_role and role != OTHERS
    who = (labels.fill("quote_by_role", role=labels[f"role_{role}"]) if shown
           else labels["quote_by_anyone"])  # fmt: skip
    return QuoteView(text, who)


def review_method(result: AssessmentResult, lang: str, labels: Labels, date: str) -> str:
    """The method appendix's paragraph on the review (or on its absence)."""
    review = result.workspace.review
    if review is None or result.scores.self_assessed is None:
        return labels["method_self_assessed"]
    when = f" ({date})" if date else ""
    return labels.fill("method_review", moderator=review.moderator, date=when,
                       method=review.method[lang])  # fmt: skip
