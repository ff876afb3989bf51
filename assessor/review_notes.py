"""What a consultant should look at before agreeing a level: per dimension, from the scores.

Shared by `review draft` (comments in review.yaml) and `review workshop` (the workshop sheet).
Role groups are the confidential ones (`Scores.by_role`): no group under `scoring.min_group`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .answers import score_answer
from .pipeline import AssessmentResult
from .report.context_marks import dimension_mark
from .report.labels import fmt_num, load_labels
from .review_load import quotable
from .scoring import DimensionScore

__all__ = ["UNSURE_SHARE", "Comment", "DimensionNotes", "comments", "dimension_notes"]

UNSURE_SHARE = (
    0.25  # a dimension's answers 'not sure' or 'not applicable' that make it worth a look
)


@dataclass(frozen=True)
class DimensionNotes:
    """One dimension's self-assessment and what makes its level worth discussing."""

    path: str
    framework: str  # name in the chosen language
    name: str
    score: DimensionScore  # self-assessed
    unsure: float  # share of its answers 'not sure' or 'not applicable'
    thin: bool  # fewer respondents scored it than the minimum group size
    roles: list[tuple[str, float]]  # (role id or 'others', mean) for groups shown
    split: list[tuple[str, str]]  # (question id, text) where respondents' answers spread widely

    def flags(self, lang: str = "en") -> list[str]:
        """Why to discuss it, in `lang` (empty: nothing stands out)."""
        s, out, words = self.score, [], load_labels(lang)
        if s.disagreement and s.low is not None and s.high is not None:
            low, high = fmt_num(s.low, lang, 2), fmt_num(s.high, lang, 2)
            out.append(words.fill("review_flag_disagree", low=low, high=high))
        if self.thin:
            out.append(words.fill("review_flag_thin", n=s.respondents, a=s.answered))
        if self.unsure >= UNSURE_SHARE:
            out.append(words.fill("review_flag_unsure", pct=f"{self.unsure:.0%}"))
        if s.indicative:  # rests on fewer than three questions: worth evidence beyond them
            out.append(dimension_mark(s, words))
        return out


def dimension_notes(result: AssessmentResult, lang: str) -> list[DimensionNotes]:
    """Every dimension in scope, in framework order, with the respondents' (self-assessed) view."""
    s = result.scores.self_assessed or result.scores
    ws = result.workspace
    min_group = ws.assessment.scoring.min_group
    gap = ws.assessment.scoring.disagreement
    out = []
    for fw in ws.frameworks:
        if fw.matrix is not None:  # a strategy position is a place, not a level to agree
            continue
        for d in fw.dimensions:
            ds = s.dimension(f"{fw.id}/{d.id}")
            counted = ds.answered + ds.excluded
            roles = [(g, t[ds.path]) for g, t in s.by_role.items() if ds.path in t]
            out.append(
                DimensionNotes(
                    ds.path, fw.label(lang), d.name[lang], ds,
                    ds.excluded / counted if counted else 0.0, ds.respondents < min_group,
                    roles, _split_questions(result, ds.path, gap, lang),
                )
            )  # fmt: skip
    return out


def _split_questions(
    result: AssessmentResult, path: str, gap: float, lang: str
) -> list[tuple[str, str]]:
    """Questions on `path` whose answers span `gap` levels or more across respondents."""
    out = []
    for q in result.workspace.questionnaire.questions():
        if q.type == "text" or path not in [m.dimension for m in q.maps_to]:
            continue
        values = [
            v
            for sheet in result.workspace.sheets
            if (a := sheet.answers.get(q.id)) is not None
            and (v := score_answer(q, a.value)) is not None
        ]
        if len(values) > 1 and max(values) - min(values) >= gap - 1e-9:
            out.append((q.id, q.text[lang]))
    return out


@dataclass(frozen=True)
class Comment:
    """A respondent's comment (or written answer) the consultant may quote."""

    respondent: str
    question: str
    text: str


def comments(result: AssessmentResult) -> list[Comment]:
    """Every comment and written answer, respondent by respondent."""
    index = result.workspace.questionnaire.question_index()
    out = []
    for sheet in result.workspace.sheets:
        for qid, answer in sheet.answers.items():
            text = quotable(answer.comment, answer.value, index[qid].type if qid in index else "")
            if text:
                out.append(Comment(sheet.respondent.id, qid, text))
    return out
