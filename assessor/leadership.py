"""Leadership against the front line, compared like for like.

Executives and the other roles answer different questions; comparing their dimension scores
would compare different things. The gap is taken over the questions both groups answered: per
question, the executives' mean score minus the others' mean score, averaged over those questions.
Only questions where both groups hold `scoring.min_group` answers or more count, so no small
group's answers can be read off the gap.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass

from .answers import score_answer
from .workspace import Workspace

__all__ = ["LeadershipGap", "leadership_gap"]

LEADERSHIP = "executive"


@dataclass(frozen=True)
class LeadershipGap:
    """How much higher executives score the shared questions than everyone else does."""

    diff: float
    questions: list[str]


def leadership_gap(ws: Workspace) -> LeadershipGap | None:
    """The mean gap over the questions both executives and others answered; None if there are
    none."""
    index = ws.questionnaire.question_index()
    groups: dict[str, dict[bool, list[float]]] = defaultdict(lambda: defaultdict(list))
    for sheet in ws.sheets:
        is_exec = sheet.respondent.role == LEADERSHIP
        for qid, answer in sheet.answers.items():
            question = index.get(qid)
            if question is None or question.type == "text" or not question.maps_to:
                continue
            value = score_answer(question, answer.value)
            if value is not None:
                groups[qid][is_exec].append(value)
    # confidentiality: each side of a question holds at least `scoring.min_group` answers
    least = ws.assessment.scoring.min_group
    shared = sorted(
        q for q, g in groups.items() if len(g[True]) >= least and len(g[False]) >= least
    )
    if not shared:
        return None
    gaps = [statistics.fmean(groups[q][True]) - statistics.fmean(groups[q][False]) for q in shared]
    return LeadershipGap(statistics.fmean(gaps), shared)
