"""The command line as a user meets it: output, exit statuses, help, overrides."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from assessor.cli import cli

from .conftest import REPO, BuildTree

EXPECTED_FRAMEWORKS = {
    "gartner-8bb": 8,
    "qci": 8,
    "payne-frow": 9,
    "buttle-value-chain": 9,
    "crm-strategy-levels": 4,
    "idic": 4,
}


def run(*args: str, env: dict[str, str] | None = None) -> click.testing.Result:
    return CliRunner(env=env).invoke(cli, list(args), obj={})


def test_frameworks_list_json() -> None:
    result = run("frameworks", "list", "--format", "json")
    assert result.exit_code == 0
    listed = {f["id"]: f for f in json.loads(result.stdout)}
    assert {k: listed[k]["dimension_count"] for k in EXPECTED_FRAMEWORKS} == EXPECTED_FRAMEWORKS
    assert all({"id", "name", "version", "dimension_count"} <= set(f) for f in listed.values())


def test_frameworks_list_table_in_vietnamese() -> None:
    result = run("frameworks", "list", "--lang", "vi")
    assert result.exit_code == 0
    assert (
        "Tám khối" in result.stdout or "8 khối" in result.stdout or "khối" in result.stdout.lower()
    )


@pytest.mark.parametrize("framework_id", sorted(EXPECTED_FRAMEWORKS))
def test_show_json_carries_both_languages(framework_id: str) -> None:
    result = run("frameworks", "show", framework_id, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["id"] == framework_id
    for dim in data["dimensions"]:
        assert set(dim["levels"]) == {"1", "2", "3", "4"}
        assert all(text["vi"] and text["en"] for text in dim["levels"].values())
        assert dim["name"]["vi"]


def test_show_text_and_yaml() -> None:
    text = run("frameworks", "show", "gartner-8bb", "--lang", "vi")
    assert text.exit_code == 0
    assert "Mức 4:" in text.stdout
    yaml_out = run("frameworks", "show", "idic", "--format", "yaml")
    assert yaml_out.stdout.startswith("kind: framework\nid: idic\n")


def test_unknown_framework_suggests() -> None:
    result = run("frameworks", "show", "gartner-8b")
    assert result.exit_code == 1
    assert result.stderr == (
        "unknown framework 'gartner-8b' (did you mean 'gartner-8bb'?) "
        "(looked in the built-in content)\n"
    )


def test_validate_shipped_content_is_clean() -> None:
    result = run(
        "validate", str(REPO / "frameworks"), str(REPO / "questionnaires"), str(REPO / "profiles")
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith("file(s) checked: no problems.\n")


def test_user_library_overrides_builtin(build_file_tree: BuildTree) -> None:
    # A consultant's own wording of IDIC: same dimensions (the built-in questionnaires map onto
    # them), another name. An override that drops dimensions is an error in those questionnaires.
    shipped = (REPO / "frameworks" / "idic.yaml").read_text("utf-8")
    own = re.sub(
        r"(?m)^name: .*$", 'name: {en: "Our IDIC", vi: "IDIC của chúng tôi"}', shipped, count=1
    )
    root = build_file_tree({"lib/idic.yaml": own})
    by_option = run("--library", str(root / "lib"), "frameworks", "list", "--format", "json")
    by_env = run(
        "frameworks", "list", "--format", "json", env={"CRM_ASSESS_LIBRARY": str(root / "lib")}
    )
    for result in (by_option, by_env):
        listed = {f["id"]: f for f in json.loads(result.stdout)}
        assert (listed["idic"]["name"], listed["idic"]["dimension_count"]) == ("Our IDIC", 4)
        assert listed["gartner-8bb"]["dimension_count"] == 8


def test_missing_library_folder_is_an_error(tmp_path: Path) -> None:
    result = run("--library", str(tmp_path / "nope"), "frameworks", "list")
    assert (result.exit_code, result.stderr) == (
        1,
        f"{tmp_path}/nope: library folder does not exist\n",
    )


@pytest.mark.parametrize(
    "kind",
    [
        "framework",
        "capabilities",
        "questionnaire",
        "profile",
        "initiatives",
        "assessment",
        "response",
        "import-mapping",
        "library",
    ],
)
def test_checked_in_schemas_are_current(kind: str) -> None:
    result = run("schema", kind)
    assert result.exit_code == 0
    assert result.stdout == (REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert json.loads(result.stdout)["additionalProperties"] is False


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, command in group.commands.items():
        out.append((*prefix, name))
        if isinstance(command, click.Group):
            out += _commands(command, (*prefix, name))
    return out


@pytest.mark.parametrize(
    "command", [(), *_commands(cli)], ids=lambda c: " ".join(c) or "crm-assess"
)
def test_help_is_light(command: tuple[str, ...]) -> None:
    code = (
        "import sys\nfrom assessor.cli import main\nsys.argv = ['crm-assess', *sys.argv[1:], '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'weasyprint', 'jinja2', 'starlette', 'uvicorn', 'openpyxl'})\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *command], capture_output=True, text=True, check=True
    )
    assert "Usage: crm-assess" in out.stdout
    assert out.stdout.rstrip().endswith("HEAVY []")


def test_python_m_assessor() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "assessor", "--help"], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert "frameworks" in out.stdout


def test_init_writes_a_workspace_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "acme"
    first = run(
        "init", str(target), "--client", "Công ty ACME", "--questionnaire", "crm-quick-scan"
    )
    assert first.exit_code == 0, first.stderr
    text = (target / "assessment.yaml").read_text(encoding="utf-8")
    assert 'name: "Công ty ACME"' in text
    assert (target / "responses").is_dir()
    again = run("init", str(target), "--client", "Other")
    assert again.exit_code == 1
    assert again.stderr == f"{target}/assessment.yaml: already exists (use --force to replace it)\n"
    assert (target / "assessment.yaml").read_text(encoding="utf-8") == text
    validated = run("validate", str(target))
    assert validated.exit_code == 0, validated.stderr


def test_init_names_every_company_size_and_an_uncommented_enterprise_context_validates(
    tmp_path: Path,
) -> None:
    from assessor.models import COMPANY_SIZES

    made = run("init", str(tmp_path / "bank"), "--client", "Ngân hàng A")
    assert made.exit_code == 0, made.stderr
    path = tmp_path / "bank" / "assessment.yaml"
    text = path.read_text(encoding="utf-8")
    sizes = text[text.index("#   company_size:") : text.index("#   industry:")]
    assert all(size in sizes for size in COMPANY_SIZES)
    assert "a bank or insurer, a listed group, or more than" in sizes
    lines = [
        line[2:].replace("company_size: mid", "company_size: enterprise")
        if line.startswith(("# context:", "#   ")) and not line.startswith("#    ")
        else line
        for line in text.splitlines()
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "\ncontext:\n  market: b2b" in path.read_text(encoding="utf-8")
    validated = run("validate", str(tmp_path / "bank"))
    assert validated.exit_code == 0, validated.stderr


def test_init_client_name_with_a_line_break_or_none_at_all(tmp_path: Path) -> None:
    made = run("init", str(tmp_path / "a"), "--client", "Công ty\nABC: #1")
    assert made.exit_code == 0, made.stderr
    scored = run("score", str(tmp_path / "a"), "--format", "json")
    assert scored.exit_code == 0, scored.stderr
    assert json.loads(scored.stdout)["client"] == "Công ty\nABC: #1"
    blank = run("init", str(tmp_path / "b"), "--client", "  ")
    assert (blank.exit_code, blank.stderr) == (
        1,
        "--client: the company name must not be empty\n",
    )
    assert not (tmp_path / "b").exists()


def test_validate_reads_a_workspace_library_as_score_does(build_file_tree: BuildTree) -> None:
    from .workspaces import mini_workspace

    root = build_file_tree(mini_workspace())
    checked = run("validate", str(root / "ws"))
    assert (checked.exit_code, checked.stdout) == (0, "4 file(s) checked: no problems.\n")


def test_wheel_ships_the_content(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("crm_assess-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for fw in EXPECTED_FRAMEWORKS:
        assert f"assessor/_data/frameworks/{fw}.yaml" in names
    assert "assessor/_data/questionnaires/crm-full.yaml" in names
    assert "assessor/_data/profiles/balanced-3.yaml" in names


def test_the_roadmap_table_shows_no_priority_for_work_that_closes_no_gap_and_says_why() -> None:
    # Minh Long's legal baseline closes no measured gap: a dash, and one line on what it means
    out = run("roadmap", str(REPO / "examples" / "minh-long-consulting"), "--lang", "vi")
    assert out.exit_code == 0, out.output
    legal = next(line for line in out.stdout.splitlines() if "Luật 91/2025" in line)
    assert legal.split()[-1] == "—"
    assert (
        "Mức ưu tiên —: sáng kiến không tự thu hẹp khoảng cách nào; được đưa vào vì pháp luật "
        "yêu cầu, hoặc vì các việc khác trong lộ trình phải chờ hoặc bắt đầu cùng với nó."
    ) in out.stdout
