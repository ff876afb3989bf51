"""`review draft`: a starting review.yaml written from the scores.

One entry per dimension worth discussing (respondents disagree, thin evidence, many 'not sure'
answers), each with its self-assessed result and reasons as comments and no level yet, so the
file changes nothing until the consultant agrees a level; then the respondents' comments that
could be quoted, as comments to copy under `quotes:`.
"""

from __future__ import annotations

import json

from .loading import Library
from .models.assessment import text_in
from .pipeline import AssessmentResult
from .report.labels import fmt_num, label_problems, library_report_dirs, load_labels
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


def _method(langs: tuple[str, ...], library: Library) -> str:
    """The method in each language of the questionnaire (in English where the library brings
    no report labels of a language, to translate); plain text for a questionnaire of one
    language."""
    folders = library_report_dirs(library)

    def method(lang: str) -> str:
        words = "en" if label_problems(lang, folders) else lang
        return _q(load_labels(words, folders)["review_draft_method"])

    if len(langs) == 1:
        return " " + method(langs[0])
    return "".join(f"\n  {lang}: {method(lang)}" for lang in langs)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _one_line(text: str, width: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _entry(n: DimensionNotes, lang: str, per_language: str) -> list[str]:
    s, words = n.score, load_labels(lang)
    by_role, split = words["review_draft_by_role"], words["review_draft_split"]
    if s.score is not None:
        mine = words.fill(
            "review_draft_self_assessed", score=fmt_num(s.score, lang, 2), level=s.level
        )
    else:
        mine = words["review_draft_not_scored"]
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
                        method=_method(langs, result.library))  # fmt: skip
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
