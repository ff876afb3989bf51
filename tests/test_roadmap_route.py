"""The route on the strategy matrix: named by the consultant, or chosen from the customer count."""

from __future__ import annotations

from click.testing import CliRunner

from assessor.cli import cli

from .conftest import REPO, BuildTree

EXAMPLE = REPO / "examples" / "saigon-xanh"
EXAMPLE_ASSESSMENT = (EXAMPLE / "assessment.yaml").read_text("utf-8")


def test_route_named_in_the_assessment_is_followed_and_checked(build_file_tree: BuildTree) -> None:
    from assessor.pipeline import run_assessment

    root = build_file_tree(
        {"ws/assessment.yaml": EXAMPLE_ASSESSMENT + "roadmap: {route: service-first}\n"}
    )
    for name in (EXAMPLE / "responses").iterdir():
        (root / "ws" / "responses").mkdir(exist_ok=True)
        (root / "ws" / "responses" / name.name).write_text(name.read_text("utf-8"), "utf-8")
    result = run_assessment(root / "ws")
    assert result.roadmap.route_id == "service-first"
    assert result.roadmap.route == [
        "product-based-selling", "managed-service-support", "individualised-customer-management"
    ]  # fmt: skip
    typo = EXAMPLE_ASSESSMENT + "roadmap: {route: service-frist}\n"
    (root / "ws" / "assessment.yaml").write_text(typo, "utf-8")
    out = CliRunner().invoke(cli, ["score", str(root / "ws")])
    assert out.exit_code == 1
    line = typo.count("\n")
    assert out.stderr == (
        f"{root / 'ws' / 'assessment.yaml'}:{line}:18: roadmap.route: unknown route "
        "'service-frist' (did you mean 'service-first'?)\n"
    )


def test_many_customers_choose_the_marketing_route() -> None:
    from assessor.demo import example_workspace
    from assessor.pipeline import run_assessment

    result = run_assessment(example_workspace())  # 48,000 customers at the start of the year
    assert result.roadmap.route_id == "marketing-first"
