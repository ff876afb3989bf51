"""Every shipped template renders in both languages; labels are complete; Jinja errors are ours."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from assessor.errors import RenderError
from assessor.loading import load_library
from assessor.pipeline import AssessmentResult, run_assessment
from assessor.report.build import make_report
from assessor.report.printable import render_questionnaire
from assessor.report.render import render_template, report_dirs

from .conftest import REPO, BuildTree
from .workspaces import mini_workspace

REPORTS = REPO / "reports"
TEMPLATES = sorted(p.name for p in REPORTS.glob("*.j2"))
VIETNAMESE_MARKS = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)
# Labels that read the same in both languages on purpose: symbols, names, acronyms.
SAME_IN_BOTH = re.compile(
    r"^(role_marketing|phase_\d_short|kpi_input_nps|pct_short|kpi|of|amount_dong)$"
)


@pytest.fixture
def mini(build_file_tree: BuildTree) -> AssessmentResult:
    return run_assessment(build_file_tree(mini_workspace()) / "ws")


def test_the_shipped_templates_are_the_ones_tested() -> None:
    assert TEMPLATES == [
        "_progress.html.j2", "_sections.html.j2", "_story.html.j2", "base.html.j2", "executive.html.j2", "full.html.j2", "questionnaire.html.j2",
    ]  # fmt: skip


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("kind", ["executive", "full"])
def test_every_report_renders_for_the_example_client(kind: str, lang: str) -> None:
    from assessor.demo import example_workspace

    html = make_report(
        run_assessment(example_workspace()), lang=lang, kind=kind, fmt="html"
    ).decode()
    assert html.startswith("<!doctype html>") and f'<html lang="{lang}">' in html
    assert html.count("<section") >= (7 if kind == "executive" else 12)
    assert "{" + "{" not in html and "{%" not in html


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_shipped_questionnaire_prints(lang: str) -> None:
    library = load_library()
    for questionnaire in library.questionnaires.values():
        html = render_questionnaire(questionnaire, lang=lang, fmt="html").decode()
        assert questionnaire.title[lang] in html


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_template_compiles(name: str) -> None:
    from assessor.report.render import _environment

    _environment(report_dirs()).get_template(name)  # raises TemplateSyntaxError when broken


def test_render_template_turns_jinja_errors_into_render_errors(tmp_path: Path) -> None:
    (tmp_path / "broken.html.j2").write_text("<p>{% if x %}</p>\n", encoding="utf-8")
    (tmp_path / "undefined.html.j2").write_text(
        "<p>ok</p>\n<p>{{ nobody }}</p>\n", encoding="utf-8"
    )
    dirs = (tmp_path, *report_dirs())
    with pytest.raises(
        RenderError, match=r"broken\.html\.j2:1: template error: Unexpected end of template"
    ):
        render_template("broken.html.j2", {"x": 1}, dirs)
    with pytest.raises(
        RenderError, match=r"undefined\.html\.j2:2: template error: 'nobody' is undefined"
    ):
        render_template("undefined.html.j2", {}, dirs)
    with pytest.raises(RenderError, match=r"template 'missing\.html\.j2' not found"):
        render_template("missing.html.j2", {}, dirs)
    assert (
        render_template("undefined.html.j2", {"nobody": "<b>"}, dirs)
        == "<p>ok</p>\n<p>&lt;b&gt;</p>"
    )


def test_render_template_takes_a_dataclass_or_a_mapping(tmp_path: Path) -> None:
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Values:
        name: str

    (tmp_path / "t.html.j2").write_text("{{ name }}{{ extra }}", encoding="utf-8")
    assert render_template("t.html.j2", Values("An"), (tmp_path,), extra="!") == "An!"
    assert render_template("t.html.j2", {"name": "Bình", "extra": ""}, (tmp_path,)) == "Bình"
    with pytest.raises(TypeError):
        render_template("t.html.j2", ["not", "a", "context"], (tmp_path,))


def test_an_edited_template_is_compiled_again_by_the_next_run(tmp_path: Path) -> None:
    from assessor.report.render import _environment

    template = tmp_path / "t.html.j2"
    template.write_text("first {{ name }}", encoding="utf-8")
    assert render_template("t.html.j2", {"name": "An"}, (tmp_path,)) == "first An"
    _environment.cache_clear()  # as in a new process: only the bytecode cache on disk is left
    template.write_text("second {{ name }}", encoding="utf-8")
    assert render_template("t.html.j2", {"name": "An"}, (tmp_path,)) == "second An"


def _labels() -> dict[str, dict[str, str]]:
    data = yaml.safe_load((REPORTS / "labels.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_every_label_exists_in_both_languages_and_vietnamese_is_vietnamese() -> None:
    raw = (REPORTS / "labels.yaml").read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", raw) == raw
    for key, text in _labels().items():
        assert set(text) == {"en", "vi"} and text["en"].strip() and text["vi"].strip(), key
        assert set(re.findall(r"\{\w+\}", text["en"])) == set(re.findall(r"\{\w+\}", text["vi"])), (
            key
        )
        if (
            text["en"] == text["vi"]
            and not SAME_IN_BOTH.match(key)
            and not key.startswith("kpi_input")
        ):
            pytest.fail(f"label '{key}' is not translated: {text['en']!r}")
    vi = [t["vi"] for k, t in _labels().items() if not k.startswith("q_") and len(t["vi"]) > 12]
    assert len([v for v in vi if VIETNAMESE_MARKS.search(v)]) / len(vi) > 0.9
    assert not [
        k for k, t in _labels().items() if "«" in t["vi"] or "»" in t["vi"]
    ]  # Vietnamese quotes “ ”


def _used_labels() -> set[str]:
    code = "\n".join(
        p.read_text(encoding="utf-8") for p in (REPO / "assessor" / "report").glob("*.py")
    )
    templates = "\n".join((REPORTS / name).read_text(encoding="utf-8") for name in TEMPLATES)
    used = set(re.findall(r"labels\.(\w+)", templates))
    used |= set(re.findall(r"labels\.(?:fill|count)\(\"(\w+)\"", code))
    used |= set(re.findall(r"labels\[\"(\w+)\"\]", code))
    used |= set(re.findall(r"labels\[\"(\w+)\"\s+if", code))
    return used


def test_every_label_the_templates_and_code_use_exists() -> None:
    missing = sorted(_used_labels() - set(_labels()))
    assert missing == []
