"""Write an example client's responses from its story (seeded, repeatable).

    python examples/make_example.py examples/an-khang-shop [--force]

The story is `story.yaml` beside assessment.yaml: the company's true level per dimension
(`dimensions:` framework/dimension → level), else per capability (`capabilities:`), else
`default:`; its level on the strategy matrix's axes (`axes:`); how far each role sees it above
or below the truth (`role_bias:`); the KPI figures (`kpis:`, by KPI input id), each given by the
first respondent asked for it; and a `seed`. Each answer is picked by score, never by question id: the
option whose score is nearest the truth behind the question plus noise of about 0.4 of a level,
so a rewritten questionnaire still gets answers that tell the same story. It refuses to
overwrite responses unless given --force.

The first example, saigon-xanh, has no story: its answers were written by the first version
of this script, which followed that client's story question by question, and are kept as they
are.
"""

from __future__ import annotations

import random
import statistics
import sys
from pathlib import Path
from typing import Any

import yaml

from assessor.answers import visible
from assessor.fsio import write_atomic
from assessor.loading import Library, load_library
from assessor.models import Assessment, Question


class Story:
    """The company as it really is, read from story.yaml."""

    def __init__(self, data: dict[str, Any], library: Library) -> None:
        self.default = float(data.get("default", 2.0))
        self.capabilities: dict[str, float] = data.get("capabilities", {})
        self.dimensions: dict[str, float] = data.get("dimensions", {})
        self.axes: dict[str, float] = data.get("axes", {})
        self.role_bias: dict[str, float] = data.get("role_bias", {})
        self.kpis: dict[str, float] = data.get("kpis", {})
        self.seed = int(data.get("seed", 2026))
        self.submitted = str(data.get("submitted", "2026-10-18"))
        self.library = library

    def dimension(self, path: str) -> float:
        """The true level of a dimension: its own, else the mean of its capabilities'."""
        if path in self.dimensions:
            return float(self.dimensions[path])
        fw_id, _, dim_id = path.partition("/")
        caps = self.library.framework(fw_id).dimension(dim_id).capabilities
        known = [self.capabilities[c] for c in caps if c in self.capabilities]
        return statistics.fmean(known) if known else self.default

    def truth(self, question: Question) -> float:
        """The true level behind a question: its axis's level, or its dimensions', weighted."""
        axis = getattr(question, "axis", None)
        if axis in self.axes:
            return float(self.axes[axis])
        targets = getattr(question, "maps_to", None)
        if targets:
            total = sum(self.dimension(t.dimension) * t.weight for t in targets)
            return total / sum(t.weight for t in targets)
        return self.default


def _nearest(options: list[tuple[Any, float]], level: float) -> Any:
    """The option whose score is nearest `level` (the lower one on a tie)."""
    return min(options, key=lambda o: (abs(o[1] - level), o[1]))[0]


def _answer(question: Question, level: float, rnd: random.Random) -> Any:
    """An answer picked by score: the option nearest the level with noise."""
    noisy = min(4.0, max(1.0, level + rnd.gauss(0, 0.4)))
    kind = question.type
    if kind == "maturity":
        return _nearest([(n, float(n)) for n in (1, 2, 3, 4)], noisy)
    if kind == "likert":
        return _nearest([(n, 1 + (n - 1) * 0.75) for n in (1, 2, 3, 4, 5)], noisy)
    if kind == "yes_no":
        scores = [("yes", float(question.score_yes)), ("no", float(question.score_no))]  # type: ignore[attr-defined]
        return _nearest(scores, noisy)
    if kind == "single_choice":
        return _nearest([(o.id, float(o.score)) for o in question.options], noisy)  # type: ignore[attr-defined]
    if kind == "multi_choice":
        options = question.options  # type: ignore[attr-defined]
        picked = [o.id for o in options if rnd.random() < min(0.9, noisy / 4)]
        return picked or [options[0].id]
    return None


def responses(folder: Path, library: Library) -> dict[str, dict[str, Any]]:
    """Respondent id → the response document the story gives."""
    assessment = Assessment.model_validate(
        yaml.safe_load((folder / "assessment.yaml").read_text("utf-8"))
    )
    story = Story(yaml.safe_load((folder / "story.yaml").read_text("utf-8")), library)
    questionnaire = library.questionnaire(assessment.questionnaire)
    rnd = random.Random(story.seed)
    given: set[str] = set()  # KPI inputs already given: each by the first person asked it
    out = {}
    for person in assessment.respondents:
        answers: dict[str, object] = {}
        for question in questionnaire.questions():
            if not visible(question, person.role, answers):
                continue
            kpi = getattr(question, "kpi", None)
            if question.type in ("number", "percent", "text"):
                if kpi in story.kpis and kpi not in given:
                    answers[question.id] = story.kpis[kpi]
                continue
            level = story.truth(question) + story.role_bias.get(person.role, 0.0)
            value = _answer(question, level, rnd)
            if value is not None:
                answers[question.id] = value
        given |= {getattr(q, "kpi", None) for q in questionnaire.questions() if q.id in answers}
        language = assessment.language or "vi"
        out[person.id] = {"respondent": person.id, "questionnaire": questionnaire.id,
                          "language": language, "submitted": story.submitted, "answers": answers}  # fmt: skip
    return out


def build(folder: Path, force: bool) -> None:
    for person, data in responses(folder, load_library()).items():
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        write_atomic(folder / "responses" / f"{person}.yaml", text, force=force)


if __name__ == "__main__":
    build(Path(sys.argv[1]), force="--force" in sys.argv)
