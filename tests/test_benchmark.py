"""The peer benchmark: percentiles by hand, anonymity, bad files, the CLI, reports, targets."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from assessor.benchmark import CompanySummary, build_benchmark, percentile_of, standings
from assessor.benchmark_file import benchmark_schema, load_benchmark
from assessor.cli import cli
from assessor.errors import ResponseError
from assessor.pipeline import run_assessment
from assessor.report.build import make_report

from .conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
import itertools

from portfolio import make_portfolio


def _five(scores: list[float]) -> list[CompanySummary]:
    return [CompanySummary({"industry": "retail"}, {"overall": s, "cap:data": s}) for s in scores]


def test_quartiles_and_percentile_by_hand() -> None:
    data = build_benchmark(_five([1.5, 2.0, 2.5, 3.0, 3.5]), built="2026-12-01")
    (everyone, retail) = data["groups"]
    assert (everyone["by"], retail["by"], retail["value"]) == ("all", "industry", "retail")
    # inclusive percentiles of 1.5 … 3.5: p at (n − 1) × p/100 = 4 × p/100 between neighbours
    assert everyone["overall"] == {"n": 5, "p10": 1.7, "p25": 2.0, "p50": 2.5, "p75": 3.0,
                                   "p90": 3.3}  # fmt: skip
    # 2.75 is half way from the median (50) to the upper quartile (75)
    assert percentile_of(2.75, everyone["overall"]) == 62.5
    # 1.8 lies between p10 = 1.7 and p25 = 2.0: 10 + (0.1 / 0.3) × 15 = 15
    assert percentile_of(1.8, everyone["overall"]) == pytest.approx(15.0)
    (overall, data_cap) = standings(CompanySummary({}, {"overall": 1.6, "cap:data": 3.4}), everyone)
    assert overall.below and not overall.above and overall.median == 2.5
    assert data_cap.key == "data" and data_cap.above and data_cap.companies == 5


def test_groups_under_five_companies_are_not_published() -> None:
    companies = [*_five([2.0, 2.1, 2.2, 2.3]), CompanySummary({"industry": "banking"}, {})]
    data = build_benchmark(companies, built="2026-12-01")
    assert [(g["by"], g["value"], g["companies"]) for g in data["groups"]] == [("all", "all", 5)]
    # a score four companies have is not published either
    assert data["groups"][0]["capabilities"] == {}


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return make_portfolio(tmp_path_factory.mktemp("portfolio"), 6)


def test_build_writes_no_names_and_goes_on_past_a_bad_workspace(
    portfolio: list[Path], tmp_path: Path
) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "assessment.yaml").write_text("kind: assessment\n")
    out = tmp_path / "peers.json"
    args = ["benchmark", "build", *map(str, portfolio), str(bad), "-o", str(out), "-j", "2"]
    result = CliRunner().invoke(cli, args, obj={})
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == f"1 of 7 workspaces left out: {bad}"
    text = out.read_text(encoding="utf-8")
    assert "Công ty" not in text and "Người" not in text and '"r1"' not in text
    data = json.loads(text)
    assert data["companies"] == 6 and data["groups"][0]["companies"] == 6
    assert len(data["groups"][0]["dimensions"]) > 40
    again = CliRunner().invoke(cli, args, obj={})
    assert again.stderr == f"{out}: already exists (use --force to replace it)\n"


def test_the_example_client_among_the_portfolio(portfolio: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "peers.json"
    assert CliRunner().invoke(cli, ["benchmark", "build", *map(str, portfolio), "-o", str(out)],
                              obj={}).exit_code == 0  # fmt: skip
    ws = tmp_path / "client"
    shutil.copytree(REPO / "examples/saigon-xanh", ws)
    text = (ws / "assessment.yaml").read_text(encoding="utf-8")
    text = text.replace("baseline: ../saigon-xanh-2025\n", "benchmark: ../peers.json\n")
    (ws / "assessment.yaml").write_text(text.split("progress:")[0], encoding="utf-8")
    result = run_assessment(ws)
    peers = json.loads(out.read_text())["groups"][0]["overall"]
    score = result.scores.score
    assert score is not None
    points = [(peers[f"p{p}"], p) for p in (10, 25, 50, 75, 90)]
    (x0, y0), (x1, y1) = next(
        (a, b) for a, b in itertools.pairwise(points) if a[0] <= score <= b[0]
    )
    by_hand = y0 + (score - x0) / (x1 - x0) * (y1 - y0)
    html = make_report(result, lang="en", fmt="html").decode()
    assert "Among peers" in html and "Compared with 6 companies (all companies)" in html
    assert f'<td>Overall</td><td class="num">{score:.2f}</td>' in html
    assert f'<td class="num">{by_hand:.0f}</td><td class="num">6</td>' in html
    # the peers' upper quartile as a target profile
    profile = ws / "library/peers-q3.yaml"
    made = CliRunner().invoke(cli, ["benchmark", "profile", str(out), str(ws), "-o", str(profile)],
                              obj={})  # fmt: skip
    assert made.exit_code == 0, made.output
    text = (ws / "assessment.yaml").read_text(encoding="utf-8")
    text = text.replace("target:\n", "target:\n  profile: peers-q3\n")
    (ws / "assessment.yaml").write_text(text, encoding="utf-8")
    gaps = json.loads(CliRunner().invoke(cli, ["gaps", str(ws), "--format", "json"], obj={}).stdout)
    vision = next(g for g in gaps if g["dimension"] == "vision")
    q3 = json.loads(out.read_text())["groups"][0]["dimensions"]["gartner-8bb/vision"]["p75"]
    assert vision["target"] == round(q3, 2)


def test_a_benchmark_not_found_is_one_line_at_its_key(tmp_path: Path) -> None:
    ws = tmp_path / "client"
    shutil.copytree(REPO / "examples/saigon-xanh", ws)
    text = (ws / "assessment.yaml").read_text(encoding="utf-8").split("baseline:")[0]
    (ws / "assessment.yaml").write_text(text + "benchmark: ../peers.json\n", encoding="utf-8")
    line = len(text.splitlines()) + 1
    with pytest.raises(ResponseError) as caught:
        make_report(run_assessment(ws), lang="en", fmt="html")
    assert caught.value.lines() == [
        f"{ws / 'assessment.yaml'}:{line}:12: benchmark: '../peers.json' is not found: there is "
        f"no file {tmp_path / 'peers.json'} (a benchmark is relative to the folder of the "
        "assessment.yaml naming it)"
    ]


def test_a_benchmark_of_another_version_or_with_small_groups_is_one_line_each(
    tmp_path: Path,
) -> None:
    data = build_benchmark(_five([1.5, 2.0, 2.5, 3.0, 3.5]), built="2026-12-01")
    path = tmp_path / "peers.json"
    path.write_text(json.dumps({**data, "format": "crm-assess-benchmark/0"}, indent=1))
    with pytest.raises(ResponseError) as caught:
        load_benchmark(path)
    assert caught.value.lines() == [
        f"{path}:2:12: format: a benchmark of format 'crm-assess-benchmark/0'; this version of "
        "crm-assess reads 'crm-assess-benchmark/2'"
    ]
    data["groups"][1]["companies"] = 3
    path.write_text(json.dumps(data, indent=1))
    with pytest.raises(ResponseError) as caught:
        load_benchmark(path)
    (line,) = caught.value.lines()
    assert line.endswith(
        "group industry=retail has 3 companies; a benchmark publishes groups of at least 5"
    )


def test_the_checked_in_schema_is_current() -> None:
    assert benchmark_schema() == (REPO / "schemas/benchmark.schema.json").read_text("utf-8")
    result = CliRunner().invoke(cli, ["benchmark", "schema"], obj={})
    assert json.loads(result.stdout)["properties"]["format"]["const"] == "crm-assess-benchmark/2"
