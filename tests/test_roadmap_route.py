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


def _route_for(build_file_tree: BuildTree, customers: int | None) -> str | None:
    from assessor.pipeline import run_assessment

    root = build_file_tree({"ws/assessment.yaml": EXAMPLE_ASSESSMENT})
    (root / "ws" / "responses").mkdir()
    for name in (EXAMPLE / "responses").iterdir():
        text = name.read_text("utf-8")
        # only the count at the start: no retention figure can be computed from it alone
        lines = [ln for ln in text.splitlines() if not ln.startswith(
            ("  kpi-customers-end:", "  kpi-customers-new:", "  kpi-customers-lost:"))]  # fmt: skip
        text = "\n".join(lines) + "\n"
        if customers is None:
            text = (
                "\n".join(ln for ln in lines if not ln.startswith("  kpi-customers-start:")) + "\n"
            )
        else:
            text = text.replace("kpi-customers-start: 48000", f"kpi-customers-start: {customers}")
        (root / "ws" / "responses" / name.name).write_text(text, "utf-8")
    return run_assessment(root / "ws").roadmap.route_id


def test_the_customer_count_decides_between_the_indirect_routes(build_file_tree: BuildTree) -> None:
    assert _route_for(build_file_tree, 48000) == "marketing-first"


def test_a_thousand_customers_is_already_many(build_file_tree: BuildTree) -> None:
    assert _route_for(build_file_tree, 1000) == "marketing-first"


def test_a_few_valuable_accounts_go_service_first(build_file_tree: BuildTree) -> None:
    assert _route_for(build_file_tree, 999) == "service-first"


def test_without_a_customer_count_the_stronger_axis_decides(build_file_tree: BuildTree) -> None:
    # the example rates individualisation above customer information
    assert _route_for(build_file_tree, None) == "service-first"
