"""CRM types as a technology view in the full report: practices under the type that serves them."""

from __future__ import annotations

import pytest

from assessor.loading import load_library
from assessor.models import COMPANY_SIZES
from assessor.pipeline import AssessmentResult, run_assessment
from assessor.report.context import build_context

from .conftest import REPO


@pytest.fixture(scope="module")
def example() -> AssessmentResult:
    return run_assessment(REPO / "examples" / "saigon-xanh")


def test_the_full_report_lists_practices_by_crm_type(example: AssessmentResult) -> None:
    views = {v.id: v for v in build_context(example, lang="en", kind="full").crm_types}
    assert list(views) == ["operational", "analytical", "collaborative"]
    assert views["collaborative"].name == "Collaborative CRM"
    collaborative = [f"{fw}: {dim}" for fw, dim, _ in views["collaborative"].practices]
    assert "IDIC: Interact" in collaborative
    # a practice with several types appears under each
    technology = "Gartner 8BB: Technology"
    assert all(technology in [f"{fw}: {dim}" for fw, dim, _ in v.practices] for v in views.values())


def test_the_view_states_that_collaborative_crm_is_not_strategic_crm(
    example: AssessmentResult,
) -> None:
    context = build_context(example, lang="vi", kind="full")
    assert "CRM chiến lược không phải là loại thứ tư" in context.labels["crm_types_intro"]
    assert build_context(example, lang="vi", kind="executive").crm_types == []


def test_the_strategy_matrix_advises_every_company_size() -> None:
    matrix = load_library().framework("crm-strategy-levels").matrix
    assert matrix is not None
    assert set(matrix.sizes) == set(COMPANY_SIZES)
    assert "một bước" in matrix.sizes["small"].vi
    assert "tens of billions of đồng" in matrix.sizes["enterprise"].en


def test_the_report_gives_the_guidance_for_the_clients_size(example: AssessmentResult) -> None:
    # the example client has about 400 staff: context: company_size: mid
    context = build_context(example, lang="en", kind="executive")
    assert context.size_guidance.startswith("A mid-sized firm (50 to 999 staff)")
