"""What a reader of the roadmap sees of its capacity (the effort points running at once), of
work continued from the previous roadmap, of a plan that ends early and of its months, in the
table, the CSV, the JSON and the reports, on the example clients (docs/roadmap.md §5, §8)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from functools import cache
from pathlib import Path

from click.testing import CliRunner

from assessor.cli import cli
from assessor.context import CAPACITY
from assessor.pipeline import AssessmentResult, run_assessment
from assessor.report.context import ReportContext, build_context

from .conftest import REPO

EXAMPLES = REPO / "examples"


@cache
def _result(name: str) -> AssessmentResult:
    return run_assessment(EXAMPLES / name)


@cache
def _context(name: str, lang: str, kind: str = "full") -> ReportContext:
    return build_context(_result(name), lang=lang, kind=kind)


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_each_phase_says_the_most_work_running_at_once_against_its_limit(
    bank_at_balanced_3: Path,
) -> None:
    # Minh Long relaunches its CRM with its training, champions and dashboards, which start
    # with the rollout: 8 points at once, placed as one block where the limit holds them (month
    # 7, when it rises from 4 to 8), so no phase goes over its limit
    assert [p.load for p in _context("minh-long-consulting", "en").phases] == [
        "Peak load: 4 effort points at once (limit 4)",
        "Peak load: 4 effort points at once (limit 4)",
        "Peak load: 8 effort points at once (limit 8)",
        "Peak load: 8 effort points at once (limit 8)",
    ]
    vi = _context("minh-long-consulting", "vi").phases
    assert vi[0].load == "Tải cao nhất: 4 điểm nguồn lực cùng lúc (giới hạn 4)"
    # only a legal duty and work under way go over: An Khang's legal baseline does not
    assert (
        _context("an-khang-shop", "en").phases[0].load
        == "Peak load: 2 effort points at once (limit 2)"
    )
    # the bank held to level 3 everywhere is done by month 22: nothing starts in the last
    # phase; its contact centre (L), 15 months for an enterprise, runs on into it, beside the
    # change champions (S) still at work in month 13
    bank = run_assessment(bank_at_balanced_3)
    last = build_context(bank, lang="vi", kind="full").phases[3]
    assert last.load == "Tải cao nhất: 4 điểm nguồn lực cùng lúc (giới hạn 10)"
    assert not last.idle and not last.initiatives


def test_work_under_way_runs_for_the_months_left_of_it_and_the_phase_says_its_share() -> None:
    # Sài Gòn Xanh continues six initiatives from month 0: the rollout for the 3 months the
    # consultant gives, with its training, the others for half their length; together 11 points
    # against 4: over the limit, and why
    en, vi = _context("saigon-xanh", "en"), _context("saigon-xanh", "vi")
    assert en.phases[0].load == (
        "Peak load: 11 effort points at once, over the limit of 4: all 11 are work under way "
        "since the previous roadmap"
    )
    assert vi.phases[0].load == (
        "Tải cao nhất: 11 điểm nguồn lực cùng lúc, vượt giới hạn 4: cả 11 điểm đều thuộc các "
        "việc đang thực hiện từ lộ trình lần trước"
    )
    first = {i.id: (i.months_span, i.note) for i in en.phases[0].initiatives}
    assert first["crm-phased-rollout"] == (
        "Months\u00a01–3",
        "under way since the previous roadmap: 3 months left",
    )
    assert first["customer-insight-basics"] == (
        "Month\u00a01",
        "under way since the previous roadmap: about 1 month left (estimated as half its planned "
        "length, as the months left were not recorded)",
    )
    cleanup = {i.id: i for i in vi.phases[0].initiatives}["customer-data-cleanup"]
    assert cleanup.note == (
        "đang thực hiện từ lộ trình lần trước: còn khoảng 2 tháng (ước bằng nửa thời gian dự "
        "kiến, vì chưa ghi số tháng còn lại)"
    )
    # the card gives the months it still runs, as the note does, not its planned 3
    assert (cleanup.months, cleanup.duration) == (2, "2 tháng")
    # the table says it too, with the months in the reports' reading
    table = _run("roadmap", str(EXAMPLES / "saigon-xanh"), "--lang", "en")
    assert table.splitlines()[0].startswith("phase  months (1 = first)  initiative")
    rollout = next(line for line in table.splitlines() if "Roll out CRM" in line)
    assert rollout.split()[:2] == ["1", "1–3"]
    assert "Roll out CRM in managed waves (continued, 3 months left)" in rollout
    assert (
        "Audit and clean customer data (continued, about 2 months left, estimated as half its "
        "planned length)" in table
    )
    vi_table = _run("roadmap", str(EXAMPLES / "saigon-xanh"), "--lang", "vi")
    assert "(tiếp tục, còn 3 tháng)" in vi_table


def test_a_plan_that_ends_early_says_by_when_it_closes_every_gap(bank_at_balanced_3: Path) -> None:
    # the bank held to level 3 everywhere: nothing starts in months 13–24 and nothing waits in
    # the backlog; its work ends in month 22, when its contact centre, 15 months for an
    # enterprise, started after the legal baseline (4 months for 2.5 million customers' data)
    # and the consent design, is live
    result = run_assessment(bank_at_balanced_3)
    bank = build_context(result, lang="en", kind="executive")
    assert bank.roadmap_closes == (
        "By the end of month\u00a022, the planned work closes every gap to the target except "
        "Network development (Buttle CRM VC) from level\u00a02 to 3, for which the roadmap has no "
        "work of its own; the consultant judges whether specific work is needed there. Reassess "
        "then to set the next target."
    )
    assert build_context(result, lang="vi", kind="full").roadmap_closes == (
        "Đến hết tháng\u00a0thứ\u00a022, các việc trong kế hoạch sẽ đưa mọi khía cạnh lên mức mục "
        "tiêu, trừ Phát triển mạng lưới (Chuỗi giá trị CRM) từ mức\u00a02 lên mức\u00a03, nơi lộ "
        "trình chưa có việc riêng nào; chuyên gia tư vấn sẽ đánh giá có cần việc cụ thể ở đó hay "
        "không. Đến lúc đó, nên đánh giá lại để đặt mục tiêu mới."
    )
    table = _run("roadmap", str(bank_at_balanced_3), "--lang", "en")
    assert bank.roadmap_closes in table
    data = json.loads(_run("roadmap", str(bank_at_balanced_3), "--format", "json"))
    assert data["closes_all_gaps_by_month"] == 22
    assert data["unmet"] == [{"dimension": "buttle-value-chain/network-development", "step": 2}]
    # a plan that runs into the last phase says nothing of the kind: Tân Phát's, and the bank's
    # with the profile its context chooses, whose individualisation work runs on past month 22
    for name in ("tan-phat-industrial", "phuong-dong-bank"):
        data = json.loads(_run("roadmap", str(EXAMPLES / name), "--format", "json"))
        assert data["closes_all_gaps_by_month"] is None
    # but a need no initiative suits is named whether the plan ends early or not
    tan_phat = json.loads(
        _run("roadmap", str(EXAMPLES / "tan-phat-industrial"), "--format", "json")
    )
    # (a welcome programme does not fit 300 known dealers: the first step of their lifecycle
    # management is the consultant's to propose)
    assert tan_phat["unmet"] == [
        {"dimension": "buttle-value-chain/customer-lifecycle-management", "step": 1},
        {"dimension": "qci/customer-management-activity", "step": 1},
        {"dimension": "qci/proposition", "step": 1},
    ]
    assert _context("tan-phat-industrial", "en").roadmap_closes == (
        "The roadmap has no work of its own to raise Managing the customer lifecycle (Buttle CRM "
        "VC) from level\u00a01 to 2, Customer management activity (QCi CMAT) from level\u00a01 to 2 "
        "and Proposition (QCi CMAT) from level\u00a01 to 2; the consultant judges whether this "
        "business needs specific work there."
    )
    assert "The roadmap has no work of its own to raise Managing the customer lifecycle" in _run(
        "roadmap", str(EXAMPLES / "tan-phat-industrial"), "--lang", "en"
    )
    saigon = json.loads(_run("roadmap", str(EXAMPLES / "saigon-xanh"), "--format", "json"))
    assert saigon["unmet"] == [] and saigon["closes_all_gaps_by_month"] is None
    assert _context("saigon-xanh", "en").roadmap_closes == ""


def test_an_initiative_that_waits_for_room_says_from_when_it_could_start() -> None:
    # Minh Long's relaunch could start when the consent design ends (month 6); with the work
    # that starts with it (8 points at once) it needs the room the capacity holds from month 7.
    # The go-live is placed before key account management, which then waits for room until 12
    views = {i.id: i for p in _context("minh-long-consulting", "en").phases for i in p.initiatives}
    assert views["crm-phased-rollout"].months_span == "Months\u00a07–11"
    # the work that starts with it is named, so the reader can add up the points (3 + 2 + 2 + 1)
    assert views["crm-phased-rollout"].room_wait == (
        "As far as the work it depends on goes, it could start in month\u00a06; but it starts "
        "together with “Run a CRM training and adoption programme”, “Build CRM performance "
        "tracking dashboards” and “Build a network of CRM change champions” (8 effort points at "
        "once in all), so it starts when the capacity for change holds this whole group."
    )
    vi = {i.id: i for p in _context("minh-long-consulting", "vi").phases for i in p.initiatives}
    assert vi["crm-phased-rollout"].room_wait == (
        "Xét về các việc tiền đề, sáng kiến này có thể bắt đầu từ tháng\u00a0thứ\u00a06; nhưng phải "
        "khởi động cùng “Chương trình đào tạo và thúc đẩy sử dụng CRM”, “Xây dựng bảng điều khiển "
        "theo dõi hiệu quả CRM” và “Xây dựng mạng lưới đại sứ thay đổi CRM” (tổng cộng 8 điểm "
        "nguồn lực cùng lúc), nên bắt đầu khi năng lực tiếp nhận thay đổi đủ cho cả nhóm việc này."
    )
    # the hand-offs between departments could start in month 3, behind the first moves
    assert (views["handoff-slas"].months_span, views["handoff-slas"].room_wait) == (
        "Months\u00a012–15",
        "As far as the work it depends on goes, it could start in month\u00a03; it waits for "
        "resources, as the work ahead of it in the plan uses the whole capacity for change until "
        "then.",
    )
    assert views["key-account-management"].months_span == "Months\u00a012–17"
    assert views["key-account-management"].room_wait.startswith(
        "As far as the work it depends on goes, it could start in month\u00a06; it waits for "
        "resources"
    )
    # what starts as soon as it may says nothing of the kind
    assert views["crm-goals-kpis"].room_wait == ""
    data = json.loads(_run("roadmap", str(EXAMPLES / "minh-long-consulting"), "--format", "json"))
    items = {i["id"]: i for p in data["phases"] for i in p["initiatives"]}
    assert (
        items["crm-phased-rollout"]["earliest_month"],
        items["crm-phased-rollout"]["start_month"],
    ) == (5, 6)


def test_the_csv_reads_months_as_the_reports_do() -> None:
    text = _run("roadmap", str(EXAMPLES / "tan-phat-industrial"), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    by_id = {r["initiative"]: r for r in rows}
    # the vision charter runs in the first month (offsets 0–1), the baseline in months 1–2
    assert (
        by_id["crm-vision-charter"]["first_month"],
        by_id["crm-vision-charter"]["last_month"],
    ) == ("1", "1")
    assert (
        by_id["data-protection-baseline"]["first_month"],
        by_id["data-protection-baseline"]["last_month"],
    ) == ("1", "2")
    data = json.loads(_run("roadmap", str(EXAMPLES / "tan-phat-industrial"), "--format", "json"))
    for phase in data["phases"]:
        for i in phase["initiatives"]:
            row = by_id[i["id"]]
            assert (int(row["first_month"]), int(row["last_month"])) == (
                i["start_month"] + 1,
                i["end_month"],
            )
    table = _run("roadmap", str(EXAMPLES / "tan-phat-industrial"))
    vision = next(line for line in table.splitlines() if "Set a CRM vision" in line)
    assert vision.split()[:2] == ["1", "1"]


def test_months_left_is_for_work_in_progress_and_at_least_one(tmp_path: Path) -> None:
    for name in ("saigon-xanh", "saigon-xanh-2025"):
        shutil.copytree(EXAMPLES / name, tmp_path / name)
    path = tmp_path / "saigon-xanh" / "assessment.yaml"
    text = path.read_text("utf-8")
    text = text.replace(
        "  crm-goals-kpis: done\n", "  crm-goals-kpis: {status: done, months_left: 2}\n"
    )
    text = text.replace(
        "    months_left: 3  # the north's wave", "    months_left: 0  # the north's wave"
    )
    path.write_text(text, "utf-8")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "saigon-xanh")])
    assert result.exit_code == 1
    lines = text.splitlines()
    goals = next(n for n, line in enumerate(lines, 1) if "crm-goals-kpis:" in line)
    rollout = next(n for n, line in enumerate(lines, 1) if "months_left: 0" in line)
    assert result.stderr.splitlines()[:2] == [
        f"{path}:{goals}:19: progress.crm-goals-kpis: months_left is for work in progress, not "
        "done: remove it or set status: in_progress",
        f"{path}:{rollout}:18: progress.crm-phased-rollout.months_left: Input should be greater "
        "than or equal to 1",
    ]
    assert "Traceback" not in result.output


def test_the_default_capacities_are_work_at_once_for_each_size() -> None:
    # a small shop runs two points at once, a mid-sized firm four, a very large one six, each
    # growing as its programme team forms; the reason says what the numbers mean
    small = _result("an-khang-shop").decisions.capacity
    mid = _result("tan-phat-industrial").decisions.capacity
    enterprise = _result("phuong-dong-bank").decisions.capacity
    assert (small.value, mid.value, enterprise.value) == (
        [2, 2, 4, 4],
        [4, 4, 8, 8],
        [6, 8, 10, 10],
    )
    assert CAPACITY["large"] == [5, 6, 8, 8]
    assert mid.reason["en"] == (
        "A mid-sized firm's capacity for change: at most 4, 4, 8, 8 effort points of work running "
        "at once in the four phases (0–3, 3–6, 6–12 and 12–24 months; a small initiative counts 1, "
        "a medium one 2, a large one 3, in every month it runs)."
    )
    assert mid.reason["vi"].startswith(
        "Năng lực tiếp nhận thay đổi của một doanh nghiệp quy mô vừa: cùng lúc chỉ chạy tối đa 4, 4, 8, 8 "
        "điểm nguồn lực trong bốn giai đoạn"
    )
