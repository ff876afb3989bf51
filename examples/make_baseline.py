"""Write the example client's responses of a year earlier (seeded, repeatable).

    python examples/make_baseline.py examples/saigon-xanh-2025

The same story as `make_example.py`, a year before: the CRM system had just gone live with the
sales force (technology and the sales pipeline lower), customer data and metrics were weaker
still, and the customer base smaller. `examples/saigon-xanh` names this assessment as its
baseline, so its reports show what moved. The answers were written with the questionnaire as
it was then, crm-full 1.0, kept in `examples/saigon-xanh-2025/library/`. Refuses to overwrite
responses without --force.
"""

from __future__ import annotations

import sys
from pathlib import Path

import make_example

make_example.TRUE_LEVEL = {
    "technology": 2.4, "channels": 2.4, "lifecycle": 2.4, "direction": 2.5, "proposition": 2.3,
    "process": 2.0, "organisation": 2.1, "experience": 2.1, "partners": 2.0, "segmentation": 1.8,
    "knowledge": 1.7, "data": 1.4, "measurement": 1.2,
}  # fmt: skip
make_example.QUESTION_TRUTH = {
    "crm-system": 2.5, "crm-adoption": 2.0, "sales-pipeline": 2.2, "acquisition-targeting": 2.4,
    "enquiry-handling": 2.5, "technology-architecture": 2.3, "project-management": 2.4,
    "single-customer-view": 1.3, "data-quality": 1.3, "analytics-use": 1.4,
    "customer-value-economics": 1.2, "kpi-set": 1.2, "metrics-use": 1.3,
}  # fmt: skip
make_example.KPI_FIGURES = {
    "nps": 11, "nps-promoters-pct": 37, "nps-detractors-pct": 26, "customers-start": 46000,
    "customers-end": 48000, "customers-new": 8600, "renewals-due": 3000, "renewals-done": 1830,
    "retention-spend": 1_500, "acquisition-spend": 6_200,  # million VND, as asked
    "margin-per-customer": 1.38, "discount-rate": 12, "mqls": 4700, "sqls": 990,
    "share-of-wallet": 19,
}  # fmt: skip

if __name__ == "__main__":
    make_example.build(Path(sys.argv[1]), "--force" in sys.argv, seed=2025, submitted="2025-10-17")
