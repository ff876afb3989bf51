"""Commands across assessments: compare, progress draft."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import AssessorError
from . import _emit, _shown, cli, format_option, lang_option


@cli.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@format_option("table", "json", "csv")
@lang_option
@click.pass_context
def compare(ctx: click.Context, old: Path, new: Path, fmt: str, lang: str | None) -> None:
    """What moved between an earlier assessment OLD of a client and a later one NEW.

    Per framework, capability and dimension: the change with its margin (a change within the
    margin the respondents' spread allows is "no clear change"), levels then and now; KPIs;
    and what became of OLD's roadmap (from NEW's `progress:` section).

    \b
    Example:
      crm-assess compare examples/saigon-xanh-2025 examples/saigon-xanh --lang vi
    """
    from ..compare import compare as compare_results
    from ..compare_results import COMPARE_HEADERS, compare_data, compare_rows, compare_table

    (before, lang), (after, _) = _load(ctx, old, lang), _load(ctx, new, lang)
    c = compare_results(before, after, where=str(old))
    for warning in c.warnings:  # on `progress:`: names outside the baseline's roadmap, gaps
        click.echo(str(warning), err=True)
    _emit(
        fmt, compare_data(c, lang), COMPARE_HEADERS, compare_rows(c, lang), compare_table(c, lang)
    )


def _load(ctx: click.Context, path: Path, lang: str | None):  # type: ignore[no-untyped-def]
    if not (path / "assessment.yaml").is_file() and not path.is_file():
        raise AssessorError(f"{path}: not an assessment workspace (no assessment.yaml)")
    return _shown(ctx, path, False, lang)


@cli.group()
def progress() -> None:
    """The `progress:` section: what became of the baseline's roadmap."""


@progress.command("draft")
@click.argument("workspace", type=click.Path(path_type=Path))
@lang_option
@click.pass_context
def progress_draft(ctx: click.Context, workspace: Path, lang: str | None) -> None:
    """Print a `progress:` section for WORKSPACE's assessment.yaml, from its baseline's roadmap.

    Each initiative is listed with its phase and how the dimensions it was to raise have moved.

    \b
    Example:
      crm-assess progress draft examples/saigon-xanh --lang vi
    """
    from ..compare import compare as compare_results
    from ..history import load_baseline
    from ..progress import progress_draft as draft

    result, lang = _load(ctx, workspace, lang)
    old = load_baseline(result, ctx.obj["library_dirs"], progress=False)
    if old is None:
        raise AssessorError(
            f"{result.workspace.path / 'assessment.yaml'}: no baseline: name the earlier "
            "assessment first (baseline: ../its-folder)"
        )
    comparison = compare_results(old, result, progress=False)
    click.echo(draft(comparison, lang), nl=False)
