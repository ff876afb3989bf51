"""Broken content files: each gets its exact message, file:line:col, exit status 1."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from assessor.cli import cli
from assessor.loading import load_library
from assessor.yamlsource import parse_yaml

from .conftest import MINIMAL_FRAMEWORK, BuildTree
from .workspaces import ASSESSMENT, mini_workspace


def _validate(path: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["validate", str(path)], obj={})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = [line for line in result.stderr.splitlines() if not line.endswith("checked.")]
    return result.exit_code, lines


BROKEN = [
    pytest.param(
        MINIMAL_FRAMEWORK.replace('version: "1"', 'version: "1'),
        "f.yaml:27:1: invalid YAML: found unexpected end of stream (while scanning a quoted scalar that starts at 5:10)",
        id="bad-yaml-syntax",
    ),
    pytest.param(
        MINIMAL_FRAMEWORK.replace("    weight: 2\n", "    wieght: 2\n"),
        "f.yaml:21:5: dimensions[1].wieght: unknown key 'wieght' (did you mean 'weight'?)",
        id="unknown-key",
    ),
    pytest.param(
        MINIMAL_FRAMEWORK.replace("    weight: 2\n", "    weight: 2\n    weight: 3\n"),
        "f.yaml:22:5: dimensions[1].weight: duplicate key 'weight' (first at 21:5)",
        id="duplicate-key",
    ),
    pytest.param(
        MINIMAL_FRAMEWORK.replace("  - id: beta", "  - id: alpha"),
        "f.yaml:18:9: dimensions[1].id: duplicate dimension id 'alpha' (first used at dimensions[0])",
        id="duplicate-id",
    ),
    pytest.param(
        MINIMAL_FRAMEWORK.replace(
            "      3: {en: Company standard., vi: Chuẩn toàn công ty.}\n", "", 1
        ),
        "f.yaml:14:7: dimensions[0].levels: missing level 3 (every dimension describes levels 1 to 4)",
        id="missing-level",
    ),
    pytest.param(
        MINIMAL_FRAMEWORK.replace("{en: Alpha, vi: Anpha}", "{en: Alpha}"),
        "f.yaml:11:11: dimensions[0].name: missing Vietnamese text ('vi')",
        id="missing-vietnamese",
    ),
    pytest.param(
        MINIMAL_FRAMEWORK.replace("{en: Alpha, vi: Anpha}", "{en: Alpha, fr: Alpha}"),
        "f.yaml:11:11: dimensions[0].name: unknown language code 'fr' (expected: en, vi)",
        id="unknown-language",
    ),
    pytest.param(
        MINIMAL_FRAMEWORK.replace("    weight: 2\n", "    weight: 2\n    group: suport\n"),
        "f.yaml:22:12: dimensions[1].group: unknown group 'suport'",
        id="dangling-group",
    ),
    pytest.param(
        MINIMAL_FRAMEWORK.replace(
            "    weight: 2\n", "    weight: 2\n    capabilities: [dirction]\n"
        ),
        "f.yaml:22:20: dimensions[1].capabilities[0]: unknown capability 'dirction' (did you mean 'direction'?)",
        id="dangling-capability",
    ),
    pytest.param(
        MINIMAL_FRAMEWORK.replace(
            "      2: {en: Some teams., vi: Một vài bộ phận.}\n",
            "      2: {en: Some teams., vi: Một vài bộ phận.}\n      1: {en: Again., vi: Lại.}\n",
            1,
        ),
        "f.yaml:16:7: dimensions[0].levels.1: duplicate key '1' (first at 14:7)",
        id="duplicate-key-deep-inside",
    ),
    pytest.param(
        MINIMAL_FRAMEWORK.replace(
            "      2: {en: Some teams., vi: Một vài bộ phận.}\n",
            '      2: {en: Some teams., vi: Một vài bộ phận.}\n      "1": {en: Again., vi: Lại.}\n',
            1,
        ),
        "f.yaml:16:7: dimensions[0].levels.1: duplicate key '1' (first at 14:7)",
        id="duplicate-key-quoted-and-plain",
    ),
    pytest.param(
        MINIMAL_FRAMEWORK.replace("    levels:\n", "    levels: &levels\n", 1).replace(
            "    weight: 2\n    levels:\n      1: {en: Ad hoc., vi: Tự phát.}\n",
            "    weight: 2\n    levels:\n      <<: *levels\n"
            "      1: {en: Ad hoc., vi: Tự phát.}\n      1: {en: Again., vi: Lại.}\n",
        ),
        "f.yaml:25:7: dimensions[1].levels.1: duplicate key '1' (first at 24:7)",
        id="duplicate-key-in-a-merge",
    ),
    pytest.param(
        "",
        "f.yaml:1:1: the file is empty (expected a mapping with a 'kind' key)",
        id="empty-file",
    ),
    pytest.param(
        "- kind: framework\n",
        "f.yaml:1:1: expected a mapping with a 'kind' key",
        id="list-at-top-level",
    ),
    pytest.param(
        "kind: framework\nid: mini\x07\n",
        "f.yaml:2:9: invalid YAML: control character #x0007 is not allowed",
        id="control-character",
    ),
    pytest.param(
        MINIMAL_FRAMEWORK.replace("id: mini", "id: Mini_1"),
        "f.yaml:2:5: id: expected an id in lower-case letters, digits and hyphens, "
        "e.g. 'north-2' (got 'Mini_1')",
        id="id-not-kebab-case",
    ),
    pytest.param(
        "kind: framwork\nid: x\n",
        "f.yaml:1:7: kind: unknown kind 'framwork' (did you mean 'framework'?)",
        id="unknown-kind",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BROKEN)
def test_broken_content_gets_one_exact_line(
    build_file_tree: BuildTree, text: str, expected: str
) -> None:
    root = build_file_tree({"f.yaml": text})
    code, lines = _validate(root / "f.yaml")
    assert code == 1
    assert lines == [f"{root}/{expected}"]


def test_every_problem_is_reported_in_one_run(build_file_tree: BuildTree) -> None:
    broken = MINIMAL_FRAMEWORK.replace("{en: Alpha, vi: Anpha}", "{en: Alpha}").replace(
        "    weight: 2\n", "    weight: -1\n    colour: red\n"
    )
    root = build_file_tree({"a.yaml": broken, "b.yaml": "kind: framework\nid: [\n"})
    code, lines = _validate(root)
    assert code == 1
    assert [line.removeprefix(f"{root}/") for line in lines] == [
        "a.yaml:11:11: dimensions[0].name: missing Vietnamese text ('vi')",
        "a.yaml:21:13: dimensions[1].weight: Input should be greater than 0",
        "a.yaml:22:5: dimensions[1].colour: unknown key 'colour'",
        "b.yaml:3:1: invalid YAML: did not find expected node content",
    ]


def test_a_leading_zero_is_octal_as_in_yaml_1_1(tmp_path: Path) -> None:
    doc, problems = parse_yaml(tmp_path / "f.yaml", "a: 010\nb: 0\nc: 10\nd: 0x1F\n")
    assert doc is not None and not problems
    assert doc.data == {"a": 8, "b": 0, "c": 10, "d": 31}


def test_merge_keys_are_resolved_as_yaml_1_1_has_them(tmp_path: Path) -> None:
    text = "a: &a {x: 1, y: 2}\nb: &b {y: 3, z: 4}\nc: {<<: [*a, *b], x: 0}\n"
    doc, problems = parse_yaml(tmp_path / "f.yaml", text)
    assert doc is not None and not problems
    assert doc.data["c"] == {"x": 0, "y": 2, "z": 4}


def test_a_duplicate_in_an_anchored_mapping_is_reported_once(tmp_path: Path) -> None:
    text = "a: &a {x: 1, x: 2}\nb: *a\nc: {<<: *a}\n"
    _, problems = parse_yaml(tmp_path / "f.yaml", text)
    assert [str(p) for p in problems] == [
        f"{tmp_path}/f.yaml:1:14: a.x: duplicate key 'x' (first at 1:8)"
    ]


def test_aliases_reuse_what_they_name(tmp_path: Path) -> None:
    text = "a: &a [1, {x: 2}]\nb: *a\nc: [*a, *a]\n"
    doc, problems = parse_yaml(tmp_path / "f.yaml", text)
    assert doc is not None and not problems
    assert doc.data == {"a": [1, {"x": 2}], "b": [1, {"x": 2}], "c": [[1, {"x": 2}]] * 2}


def test_a_billion_laughs_is_refused_at_once(tmp_path: Path) -> None:
    lines = ["kind: framework", 'l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 8)}]" for i in range(1, 10)]
    (tmp_path / "f.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = _validate(tmp_path / "f.yaml")  # 8**10 values written out: it used to hang
    assert (code, out) == (
        1,
        [
            f"{tmp_path}/f.yaml:1:1: invalid YAML: its aliases expand to more than 200,000 "
            "values; write the repeated parts out instead"
        ],
    )


def test_an_alias_inside_what_it_names_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_text("kind: framework\nid: mini\na: &x [1, *x]\n", encoding="utf-8")
    code, out = _validate(tmp_path / "f.yaml")
    assert (code, out) == (
        1,
        [
            f"{tmp_path}/f.yaml:3:4: invalid YAML: an alias refers to the list or mapping that contains it"
        ],
    )


def test_nesting_too_deep_to_walk_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_text("x: " + "[" * 800 + "]" * 800 + "\n", encoding="utf-8")
    code, out = _validate(tmp_path / "f.yaml")
    assert (code, out) == (1, [f"{tmp_path}/f.yaml:1:1: invalid YAML: nested too deeply to read"])


def test_an_unknown_tag_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_text("kind: framework\nid: !!foo mini\n", encoding="utf-8")
    code, lines = _validate(tmp_path / "f.yaml")
    assert (code, lines) == (
        1,
        [
            f"{tmp_path}/f.yaml:2:5: invalid YAML: could not determine a constructor "
            "for the tag 'tag:yaml.org,2002:foo'"
        ],
    )


def test_yes_and_no_stay_text(build_file_tree: BuildTree) -> None:
    root = build_file_tree({"f.yaml": MINIMAL_FRAMEWORK.replace("vi: Anpha", "vi: yes")})
    library = load_library(extra_files=[root / "f.yaml"])
    assert library.framework("mini").dimensions[0].name.vi == "yes"


def test_decomposed_vietnamese_is_normalised(build_file_tree: BuildTree) -> None:
    decomposed = unicodedata.normalize("NFD", "Quản trị dữ liệu")
    assert decomposed != "Quản trị dữ liệu"
    root = build_file_tree({"f.yaml": MINIMAL_FRAMEWORK.replace("vi: Anpha", f"vi: {decomposed}")})
    library = load_library(extra_files=[root / "f.yaml"])
    assert library.framework("mini").dimensions[0].name.vi == "Quản trị dữ liệu"


def test_unreadable_path_is_one_line(tmp_path: Path) -> None:
    code, lines = _validate(tmp_path / "nope.yaml")
    assert (code, lines) == (1, [f"{tmp_path}/nope.yaml: no such file or folder"])


def test_binary_file_points_at_the_first_bad_byte(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_bytes(b"kind: framework\nname: caf\xe9\n")
    code, lines = _validate(tmp_path / "f.yaml")
    assert (code, lines) == (
        1,
        [
            f"{tmp_path}/f.yaml:2:10: not UTF-8 text: byte 0xe9 cannot be read (save the file as UTF-8)"
        ],
    )


def test_a_title_per_language_needs_both_languages(build_file_tree: BuildTree) -> None:
    assessment = ASSESSMENT.replace(
        "date: 2026-10-01", "title: {en: Only English}\ndate: 2026-10-01"
    )
    root = build_file_tree(mini_workspace(**{"assessment.yaml": assessment}))
    code, lines = _validate(root / "ws")
    assert code == 1
    assert lines == [f"{root}/ws/assessment.yaml:3:8: title: missing Vietnamese text ('vi')"]
