"""The target on the strategy matrix and the route there: set by the consultant, by the profile,
or chosen from the business context (docs/scoring.md §8), always with its reason."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from assessor.cli import cli

from .conftest import REPO, BuildTree

EXAMPLE = REPO / "examples" / "saigon-xanh"
EXAMPLE_ASSESSMENT = (EXAMPLE / "assessment.yaml").read_text("utf-8")
PBS, MSS, CBM, ICM = (
    "product-based-selling", "managed-service-support", "customer-based-marketing",
    "individualised-customer-management",
)  # fmt: skip
CONTEXT = """context:
  market: mixed             # shops for households, wholesale to small dealers
  active_customers: 48000   # bought in the last twelve months
  purchase_frequency: yearly
  deal_size: medium
  company_size: mid         # about 400 staff
  industry: retail
"""


def _workspace(build_file_tree: BuildTree, assessment: str) -> str:
    assert CONTEXT in EXAMPLE_ASSESSMENT
    root = build_file_tree({"ws/assessment.yaml": assessment})
    (root / "ws" / "responses").mkdir(exist_ok=True)
    for name in (EXAMPLE / "responses").iterdir():
        (root / "ws" / "responses" / name.name).write_text(name.read_text("utf-8"), "utf-8")
    return str(root / "ws")


def _position(build_file_tree: BuildTree, assessment: str) -> dict:
    ws = _workspace(build_file_tree, assessment)
    out = CliRunner().invoke(cli, ["score", ws, "--format", "json"])
    assert out.exit_code == 0, out.output
    return json.loads(out.stdout)["strategy_position"]


def _with(context: str) -> str:
    return EXAMPLE_ASSESSMENT.replace(CONTEXT, context)


def test_the_example_a_mid_sized_retailer_with_many_customers_goes_marketing_first(
    build_file_tree: BuildTree,
) -> None:
    p = _position(build_file_tree, EXAMPLE_ASSESSMENT)
    assert (p["position"], p["target"], p["route"], p["route_id"], p["chosen_by"]) == (
        PBS,
        CBM,
        [PBS, CBM],
        "marketing-first",
        "context",
    )
    assert p["reason"].startswith(
        "Many customers (48,000 active), each of modest value on their own"
    )
    assert p["reason"].endswith("A mid-sized firm aims one step ahead, not at the top-right "
                                "corner of the matrix.")  # fmt: skip


def test_a_large_firm_with_many_customers_aims_at_individualisation_through_marketing(
    build_file_tree: BuildTree,
) -> None:
    p = _position(
        build_file_tree, _with(CONTEXT.replace("company_size: mid ", "company_size: large"))
    )
    assert (p["target"], p["route"], p["route_id"]) == (ICM, [PBS, CBM, ICM], "marketing-first")
    assert p["reason"].endswith(
        "A large firm has the customer volume, data and budget to individualise where it pays, "
        "by way of the Customer-based marketing position."
    )


def test_an_enterprise_aims_as_a_large_firm_does_with_a_little_more_capacity(
    build_file_tree: BuildTree,
) -> None:
    from assessor.context import CAPACITY
    from assessor.pipeline import run_assessment

    ws = _workspace(
        build_file_tree, _with(CONTEXT.replace("company_size: mid ", "company_size: enterprise"))
    )
    en, vi = (
        json.loads(CliRunner().invoke(cli, ["score", ws, "--format", "json", "--lang", lang])
                   .stdout)["strategy_position"]
        for lang in ("en", "vi")
    )  # fmt: skip
    assert (en["target"], en["route"], en["route_id"]) == (ICM, [PBS, CBM, ICM], "marketing-first")
    assert en["reason"].endswith(
        "A very large firm has the customer volume, data and budget to individualise where it "
        "pays, by way of the Customer-based marketing position."
    )
    # the position named as the matrix names it, capital included
    assert vi["reason"].endswith(
        "Một doanh nghiệp quy mô rất lớn có đủ lượng khách hàng, dữ liệu và ngân sách để cá nhân "
        "hóa ở những nơi mang lại hiệu quả, sau khi đi qua vị thế Marketing dựa trên khách hàng."
    )
    result = run_assessment(Path(ws))
    # aiming at individualised customer management, it aims at level 4 where that rests
    assert result.workspace.profile is not None
    assert result.workspace.profile.id == "individualise-3-4"
    assert result.roadmap.size == "enterprise"
    capacity = result.decisions.capacity.value
    assert capacity == CAPACITY["enterprise"]
    assert all(e >= g for e, g in zip(capacity, CAPACITY["large"], strict=True))
    assert capacity != CAPACITY["large"]
    assert result.decisions.capacity.reason["en"].startswith("A very large firm's capacity")


def test_a_few_hundred_accounts_go_service_first(build_file_tree: BuildTree) -> None:
    p = _position(build_file_tree, _with(CONTEXT.replace("48000", "999")))
    assert (p["target"], p["route"], p["route_id"]) == (MSS, [PBS, MSS], "service-first")
    assert p["reason"].startswith("A limited number of customers (999 active)")


def test_large_deals_are_key_accounts_however_many_customers(build_file_tree: BuildTree) -> None:
    p = _position(build_file_tree, _with(CONTEXT.replace("deal_size: medium", "deal_size: large")))
    assert p["target"] == MSS


def test_small_one_off_purchases_stay_with_product_based_selling(
    build_file_tree: BuildTree,
) -> None:
    context = CONTEXT.replace("deal_size: medium", "deal_size: small").replace(
        "purchase_frequency: yearly", "purchase_frequency: one-off"
    )
    p = _position(build_file_tree, _with(context))
    assert (p["target"], p["route"], p["route_id"]) == (PBS, [PBS], None)
    assert "The company is already there" in p["reason"]


def test_without_context_the_stronger_axis_decides_and_the_report_says_defaults(
    build_file_tree: BuildTree,
) -> None:
    # the example rates individualisation above customer information
    p = _position(build_file_tree, _with(""))
    assert (p["target"], p["route_id"], p["chosen_by"]) == (MSS, "service-first", "default")
    assert p["reason"].startswith("No business context was given (defaults used)")


def test_route_and_position_named_in_the_assessment_win(build_file_tree: BuildTree) -> None:
    text = EXAMPLE_ASSESSMENT + f"roadmap: {{position: {ICM}, route: service-first}}\n"
    p = _position(build_file_tree, text)
    assert (p["target"], p["route"], p["chosen_by"]) == (ICM, [PBS, MSS, ICM], "assessment")


def test_a_small_firm_gets_the_foundation_profile_and_a_small_capacity(
    build_file_tree: BuildTree,
) -> None:
    from assessor.pipeline import run_assessment

    ws = _workspace(
        build_file_tree, _with(CONTEXT.replace("company_size: mid ", "company_size: small"))
    )
    result = run_assessment(Path(ws))
    assert result.workspace.profile is not None
    assert result.workspace.profile.id == "smb-foundation"
    assert result.decisions.capacity.value == [2, 2, 4, 4]
    assert result.strategy.target == CBM  # one step for a small firm


def _profile(build_file_tree: BuildTree, assessment: str) -> tuple[str, dict[str, str], str]:
    from assessor.pipeline import run_assessment

    result = run_assessment(Path(_workspace(build_file_tree, assessment)))
    assert result.workspace.profile is not None
    choice = result.decisions.profile
    return result.workspace.profile.id, choice.reason, choice.source


def test_a_large_firm_aiming_at_individualisation_aims_at_level_4_where_it_rests(
    build_file_tree: BuildTree,
) -> None:
    large = _with(CONTEXT.replace("company_size: mid ", "company_size: large"))
    ident, reason, source = _profile(build_file_tree, large)
    assert (ident, source) == ("individualise-3-4", "context")
    assert reason["en"] == (
        "A large firm aiming at individualised customer management: level 3 (Defined) in every "
        "dimension, and level 4 (Managed & optimised) in the five dimensions that treating each "
        "customer individually rests on: Differentiate, Customise and Interact (IDIC), Customer "
        "intimacy (Buttle's CRM value chain) and Multichannel integration (Payne & Frow)."
    )
    # five named as the report names them, one colon
    assert reason["vi"] == (
        "Doanh nghiệp quy mô lớn hướng tới quản lý khách hàng cá nhân hóa: mức 3 (Chuẩn hóa) cho "
        "mọi khía cạnh, và mức 4 (Quản trị & tối ưu) cho năm khía cạnh làm nền tảng cho việc phục "
        "vụ riêng từng khách hàng, gồm Phân biệt, Tùy biến và Tương tác (IDIC), Thấu hiểu khách "
        "hàng (Chuỗi giá trị CRM) và Tích hợp đa kênh (Payne & Frow)."
    )
    # the profile sets level 4 on those five dimensions and 3 on every other
    from assessor.loading import load_library

    profile = load_library().profiles["individualise-3-4"]
    assert profile.default == 3 and profile.position is None
    assert {d: t for d, t in profile.targets.items()} == {
        "idic/differentiate": 4, "idic/customise": 4, "idic/interact": 4,
        "buttle-value-chain/customer-intimacy": 4, "payne-frow/multichannel-integration": 4,
    }  # fmt: skip
    # the reason and the profile's description name each of them as the frameworks do
    library = load_library()
    for path in profile.targets:
        fw_id, _, dim_id = path.partition("/")
        fw = library.framework(fw_id)
        for lang in ("en", "vi"):
            named = f"{fw.dimension(dim_id).name[lang]}"
            assert named in reason[lang] and named in profile.description[lang], (path, lang)
            assert fw.label(lang) in reason[lang] or fw.name[lang] in reason[lang], (path, lang)


def test_only_a_firm_aiming_at_individualisation_gets_the_individualising_profile(
    build_file_tree: BuildTree,
) -> None:
    large = CONTEXT.replace("company_size: mid ", "company_size: large")
    commodity = large.replace("deal_size: medium", "deal_size: small").replace(
        "purchase_frequency: yearly", "purchase_frequency: one-off"
    )
    # a mid-sized firm, and a large one selling as a commodity, stay balanced at level 3
    for context in (CONTEXT, commodity):
        ident, reason, _ = _profile(build_file_tree, _with(context))
        assert ident == "balanced-3"
        assert "the balanced profile, level 3 (Defined) in every dimension" in reason["en"]
    # a target position the consultant sets elsewhere keeps the balanced profile; one at
    # individualised customer management keeps the individualising one
    elsewhere = _with(large) + f"roadmap: {{position: {CBM}}}\n"
    assert _profile(build_file_tree, elsewhere)[0] == "balanced-3"
    there = _with(large) + f"roadmap: {{position: {ICM}}}\n"
    assert _profile(build_file_tree, there)[0] == "individualise-3-4"
    # the profile named in assessment.yaml wins
    named = _with(large).replace("target:\n", "target:\n  profile: leader-4\n", 1)
    assert _profile(build_file_tree, named)[:3:2] == ("leader-4", "assessment")


def test_bad_context_values_and_matrix_choices_are_one_line_each(
    build_file_tree: BuildTree,
) -> None:
    bad = _with(CONTEXT.replace("48000", "0").replace("deal_size: medium", "deal_size: huge"))
    ws = _workspace(build_file_tree, bad)
    out = CliRunner().invoke(cli, ["score", ws])
    assert out.exit_code == 1
    at = {key: n + 1 for n, line in enumerate(bad.splitlines()) for key in ("active_customers", "deal_size")
          if line.strip().startswith(key)}  # fmt: skip
    path = f"{ws}/assessment.yaml"
    assert out.stderr.splitlines() == [
        f"{path}:{at['active_customers']}:21: context.active_customers: "
        "Input should be greater than or equal to 1",
        f"{path}:{at['deal_size']}:14: context.deal_size: "
        "Input should be 'small', 'medium' or 'large'",
    ]


def test_an_unknown_target_position_or_route_is_one_line_each(tmp_path: Path) -> None:
    text = EXAMPLE_ASSESSMENT + "roadmap: {position: top-right, route: service-frist}\n"
    (tmp_path / "assessment.yaml").write_text(text, "utf-8")
    out = CliRunner().invoke(cli, ["score", str(tmp_path)])
    assert out.exit_code == 1
    line, path = text.count("\n"), tmp_path / "assessment.yaml"
    assert out.stderr.splitlines() == [
        f"{path}:{line}:21: roadmap.position: unknown position 'top-right'",
        f"{path}:{line}:39: roadmap.route: unknown route 'service-frist' "
        "(did you mean 'service-first'?)",
    ]


def test_a_profile_naming_an_unknown_position_is_one_line(tmp_path: Path) -> None:
    profile = (REPO / "profiles" / "leader-4.yaml").read_text("utf-8")
    bad = profile.replace("id: leader-4", "id: leader-x").replace(
        "position: individualised-customer-management", "position: top-right"
    )
    (tmp_path / "lib" / "profiles").mkdir(parents=True)
    (tmp_path / "lib" / "profiles" / "x.yaml").write_text(bad, "utf-8")
    out = CliRunner().invoke(cli, ["validate", str(tmp_path / "lib")])
    line = bad.splitlines().index("position: top-right") + 1
    assert (out.exit_code, out.stderr) == (
        1, f"{tmp_path / 'lib' / 'profiles' / 'x.yaml'}:{line}:1: position: unknown position 'top-right'\n"
        "1 problem(s) in 1 file(s) checked.\n",
    )  # fmt: skip


def test_a_company_at_its_target_position_is_told_to_deepen_it_not_given_a_step_or_route() -> None:
    # Lụa Việt, a mid-sized retailer with many customers, already markets by customer data:
    # the one-step ambition would contradict "not to move", and a route of one place is none
    ws = str(REPO / "examples" / "lua-viet-ecommerce")
    data = json.loads(CliRunner().invoke(cli, ["score", ws, "--format", "json"]).stdout)
    p = data["strategy_position"]
    assert (p["position"], p["target"], p["route"]) == (CBM, CBM, [CBM])
    assert p["reason"] == (
        "Many customers (180,000 active), each of modest value on their own: customer data and "
        "segment-based marketing pay off first, individual treatment later and only where a "
        "customer's value justifies it. The company is already there: the task is to deepen this "
        "approach, not to move."
    )
    text = CliRunner().invoke(cli, ["score", ws, "--lang", "en"]).stdout
    assert (
        "Strategy matrix position (a place, not a level): Customer-based marketing, which is "
        "also the target." in text
    )
    assert "recommended route" not in text and "one step" not in text
    roadmap = CliRunner().invoke(cli, ["roadmap", ws, "--lang", "en"]).stdout
    assert "Recommended route" not in roadmap
    # a company that moves keeps its route in the roadmap's text
    bank = CliRunner().invoke(cli, ["roadmap", str(REPO / "examples" / "phuong-dong-bank")])
    assert (
        "Recommended route on the CRM strategy matrix: Customer-based marketing → " in bank.stdout
    )


def test_a_firm_already_at_the_intermediate_position_builds_on_it() -> None:
    # the bank stands at customer-based marketing: it does not go "by way of" where it is
    from assessor.pipeline import run_assessment

    reason = run_assessment(REPO / "examples" / "phuong-dong-bank").strategy.reason
    assert reason["en"].endswith(
        "A very large firm has the customer volume, data and budget to individualise where it "
        "pays, building on the Customer-based marketing it already practises."
    )
    assert reason["vi"].endswith(
        "dựa trên nền tảng Marketing dựa trên khách hàng mà doanh nghiệp đang thực hiện."
    )
    assert "by way of" not in reason["en"] and "đi qua" not in reason["vi"]
