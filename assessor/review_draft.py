"""`review draft`: a starting review.yaml written from the scores.

One entry per dimension worth discussing (respondents disagree, thin evidence, many 'not sure'
answers), each with its self-assessed result and reasons as comments and no level yet, so the
file changes nothing until the consultant agrees a level; then the respondents' comments that
could be quoted, as comments to copy under `quotes:`.
"""

from __future__ import annotations

import json

from .models.assessment import text_in
from .models.common import pick
from .pipeline import AssessmentResult
from .report.labels import fmt_num
from .review_notes import DimensionNotes, comments, dimension_notes

__all__ = ["draft_review"]

_HEAD = """\
# The consultant's review of {client},
# drafted by `crm-assess review draft` from the scores.
# Agree a level (1–4) with a rationale where the review settles one; an entry without a level
# changes nothing. The reports then use the agreed levels and show the self-assessed ones
# beside them. The schema: `crm-assess schema review`; the guide: docs/review.md.
kind: review
moderator: {moderator}
method:{method}
"""
_METHOD = {
    "en": "Consensus workshop on (date) with (who took part); levels agreed on the evidence listed.",
    "vi": "Hội thảo đồng thuận ngày (ngày) với (thành phần tham dự); mức được thống nhất theo các "
    "bằng chứng nêu dưới đây.",
}


def _method(langs: tuple[str, ...]) -> str:
    """The method in each language of the questionnaire (English where crm-assess has no words
    of a language, to translate); plain text for a questionnaire of one language."""
    if len(langs) == 1:
        return " " + _q(pick(_METHOD, langs[0]))
    return "".join(f"\n  {lang}: {_q(pick(_METHOD, lang))}" for lang in langs)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _one_line(text: str, width: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


_WORDS = {
    "en": ("self-assessed {score} (level {level})", "not scored", "by role", "answers split on"),
    "vi": ("tự đánh giá {score} (mức {level})", "chưa có điểm", "theo vai trò",
           "ý kiến khác nhau ở câu"),
}  # fmt: skip


def _entry(n: DimensionNotes, lang: str, per_language: str) -> list[str]:
    s, (mine, unscored, by_role, split) = n.score, pick(_WORDS, lang)
    if s.score is not None:
        mine = mine.format(score=fmt_num(s.score, lang, 2), level=s.level)
    else:
        mine = unscored
    lines = [f"  # {n.framework} — {n.name}: {mine}; " + "; ".join(n.flags(lang))]
    if n.roles:
        lines.append(
            f"  #   {by_role}: " + ", ".join(f"{g} {fmt_num(v, lang, 2)}" for g, v in n.roles)
        )
    for qid, text in n.split:
        lines.append(f"  #   {split} {qid}: {_one_line(text, 100)}")
    lines += [
        f"  - dimension: {n.path}",
        "    level:          # 1–4, once agreed",
        f"    rationale:      # {per_language}",
        "    evidence: []    # - {kind: document | interview | observation, ref: short reference}",
    ]
    return lines


def draft_review(result: AssessmentResult, lang: str) -> str:
    """The text of a starting review.yaml for `result` (names in `lang`)."""
    a = result.workspace.assessment
    moderator = _q(text_in(a.branding.consultancy, lang) or "(moderator's name and firm)")
    langs = result.workspace.questionnaire.title.languages
    per_language = "{" + ", ".join(f"{x}: …" for x in langs) + "}" if len(langs) > 1 else "text"
    head = _HEAD.format(client=_one_line(a.client.name, 80), moderator=moderator,
                        method=_method(langs))  # fmt: skip
    out = [head]
    notes = [n for n in dimension_notes(result, lang) if n.flags()]
    out.append("agreed:" if notes else "agreed: []  # nothing stands out in the scores")
    for n in notes:
        out += _entry(n, lang, per_language)
    out += [
        f"key_messages: []   # up to five {per_language}; they replace the generated ones",
        "quotes: []         # - {respondent: id, question: id}; shown without a name",
    ]
    found = comments(result)
    if found:
        out.append("# Respondents' comments you might quote (copy a line under quotes:):")
        for c in found:
            out.append(
                f"#   - {{respondent: {c.respondent}, question: {c.question}}}"
                f"   # {_q(_one_line(c.text))}"
            )
    return "\n".join(out) + "\n"
