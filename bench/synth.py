"""Synthetic workspaces for benchmarks: N respondents answering a questionnaire at random.

    python bench/synth.py OUT_DIR N [--questionnaire crm-full]

Every respondent gets a role in turn, answers the questions their role sees, and a few 'not sure'.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import yaml

from assessor.answers import visible
from assessor.loading import load_library
from assessor.models import ROLES


def _value(question, rnd: random.Random):  # type: ignore[no-untyped-def]
    kind = question.type
    if kind == "maturity":
        return rnd.randint(1, 4)
    if kind == "likert":
        return rnd.randint(1, 5)
    if kind == "yes_no":
        return rnd.choice(["yes", "no"])
    if kind == "single_choice":
        return rnd.choice(question.options).id
    if kind == "multi_choice":
        return [o.id for o in question.options if rnd.random() < 0.5] or [question.options[0].id]
    if kind in ("number", "percent"):
        return rnd.randint(
            int(question.min or 0), int(question.max if question.max is not None else 1000)
        )
    return "Ghi chú thử nghiệm"


def make_workspace(
    out: Path, n: int, questionnaire_id: str = "crm-full", seed: int = 1, units: int = 2
) -> Path:
    """A workspace of `n` respondents spread over `units` business units."""
    library = load_library()
    questionnaire = library.questionnaire(questionnaire_id)
    rnd = random.Random(seed)
    unit_ids = ["north", "south"] if units == 2 else [f"u{k:02d}" for k in range(1, units + 1)]
    (out / "responses").mkdir(parents=True, exist_ok=True)
    people = [
        {
            "id": f"r{i:06d}",
            "name": f"Người trả lời {i}",
            "role": ROLES[i % len(ROLES)],
            "unit": unit_ids[i % len(unit_ids)],
        }
        for i in range(n)
    ]
    assessment = {
        "kind": "assessment",
        "client": {"name": "Synthetic"},
        "date": "2026-01-01",
        "questionnaire": questionnaire_id,
        "units": [{"id": u, "name": u.capitalize()} for u in unit_ids],
        "respondents": people,
    }
    (out / "assessment.yaml").write_text(
        yaml.safe_dump(assessment, allow_unicode=True), encoding="utf-8"
    )
    for person in people:
        answers: dict[str, object] = {}
        for q in questionnaire.questions():
            if visible(q, str(person["role"]), answers):
                answers[q.id] = (
                    "not_sure" if rnd.random() < 0.03 and q.type != "text" else _value(q, rnd)
                )
        text = yaml.safe_dump({"respondent": person["id"], "answers": answers}, allow_unicode=True)
        (out / "responses" / f"{person['id']}.yaml").write_text(text, encoding="utf-8")
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--questionnaire", default="crm-full")
    args = parser.parse_args()
    make_workspace(args.out, args.n, args.questionnaire)
