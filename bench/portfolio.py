"""A synthetic portfolio of client workspaces, for the peer benchmark's tests and benchmarks.

    python bench/portfolio.py OUT_DIR [N]        # N companies (200 by default)

Each company gets a `context:` (industry, company size, B2B or B2C), a true maturity level drawn
around 2.2, and three to eight respondents of the `crm-full` questionnaire whose answers scatter
about half a level around it, so the companies' scores spread the way a real portfolio's would.
Seeded: the same N gives the same folders.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import _value

from assessor.answers import visible
from assessor.loading import load_library
from assessor.models import ROLES, Assessment

INDUSTRIES = ("retail", "wholesale-distribution", "manufacturing", "financial-services",
              "professional-services", "technology")  # fmt: skip
SIZES = ("small", "mid", "large")
MARKETS = ("b2b", "b2c")


def _answer(question, level: float, rnd: random.Random):  # type: ignore[no-untyped-def]
    if question.type == "maturity":
        return min(4, max(1, round(level + rnd.gauss(0, 0.6))))
    if question.type == "likert":
        return min(5, max(1, round(1 + (level - 1) / 0.75 + rnd.gauss(0, 0.7))))
    return _value(question, rnd)


def make_company(out: Path, index: int, library, rnd: random.Random) -> Path:  # type: ignore[no-untyped-def]
    questionnaire = library.questionnaire("crm-full")
    level = min(3.6, max(1.2, rnd.gauss(2.2, 0.45)))
    people = [{"id": f"r{i}", "name": f"Người {i}", "role": ROLES[(index + i) % len(ROLES)]}
              for i in range(rnd.randint(3, 8))]  # fmt: skip
    assessment: dict[str, object] = {
        "kind": "assessment", "client": {"name": f"Công ty {index:03d}"}, "date": "2026-06-30",
        "questionnaire": "crm-full", "respondents": people,
    }  # fmt: skip
    if "context" in Assessment.model_fields:
        assessment["context"] = {
            "market": rnd.choice(MARKETS), "active_customers": rnd.randint(200, 200_000),
            "purchase_frequency": rnd.choice(("one-off", "yearly", "monthly", "weekly")),
            "deal_size": rnd.choice(("small", "medium", "large")),
            "company_size": rnd.choice(SIZES), "industry": rnd.choice(INDUSTRIES),
        }  # fmt: skip
    folder = out / f"company-{index:03d}"
    (folder / "responses").mkdir(parents=True, exist_ok=True)
    (folder / "assessment.yaml").write_text(yaml.safe_dump(assessment, allow_unicode=True), "utf-8")
    for person in people:
        answers: dict[str, object] = {}
        for q in questionnaire.questions():
            if q.type != "text" and visible(q, str(person["role"]), answers):
                answers[q.id] = _answer(q, level, rnd)
        text = yaml.safe_dump({"respondent": person["id"], "answers": answers}, allow_unicode=True)
        (folder / "responses" / f"{person['id']}.yaml").write_text(text, encoding="utf-8")
    return folder


def make_portfolio(out: Path, n: int = 200, seed: int = 7) -> list[Path]:
    """`n` company workspaces under `out`, in order."""
    library = load_library()
    rnd = random.Random(seed)
    return [make_company(out, i, library, rnd) for i in range(1, n + 1)]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int, nargs="?", default=200)
    args = parser.parse_args()
    make_portfolio(args.out, args.n)
