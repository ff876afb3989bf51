"""Commands on the consultant's review: draft, workshop, import."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import AssessorError, Problem
from . import _run, _shown, cli, lang_option

_WORKSPACE = click.argument(
    "workspace", type=click.Path(exists=True, file_okay=False, path_type=Path)
)


@cli.group()
def review() -> None:
    """The consultant's review: agreed levels, evidence and findings (review.yaml).

    \b
    The usual order:
      crm-assess review draft WS                     a starting review.yaml from the scores
      crm-assess review workshop WS -o sheet.xlsx    the consensus-workshop sheet
      crm-assess review import WS sheet.xlsx         the agreed levels back into review.yaml
    """


@review.command("draft")
@_WORKSPACE
@click.option("--force", is_flag=True, help="Replace an existing review.yaml.")
@lang_option
@click.pass_context
def review_draft(ctx: click.Context, workspace: Path, force: bool, lang: str | None) -> None:
    """Write WORKSPACE/review.yaml to start from: the dimensions worth discussing.

    Respondents' disagreement, thin evidence and many 'not sure' answers are listed as comments
    with each dimension; no level is agreed yet, so the file changes nothing until you agree one.

    \b
    Example:
      crm-assess review draft examples/saigon-xanh
    """
    from ..fsio import write_atomic
    from ..review_draft import draft_review
    from ..review_load import REVIEW_FILE

    target = workspace / REVIEW_FILE
    if target.exists() and not force:
        raise AssessorError(
            [Problem(str(target), message="already exists (use --force to replace it)")]
        )
    result, lang = _shown(ctx, workspace, False, lang)
    write_atomic(target, draft_review(result, lang), force=True)
    click.echo(str(target))


@review.command("workshop")
@_WORKSPACE
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The workbook to write (.xlsx).")  # fmt: skip
@click.option("--force", is_flag=True, help="Replace an existing file.")
@lang_option
@click.pass_context
def review_workshop(
    ctx: click.Context, workspace: Path, output: Path, force: bool, lang: str | None
) -> None:
    """Export the consensus-workshop sheet: per dimension the spread, who disagrees by role,
    the questions that split them, and columns for the agreed level, rationale and evidence.

    \b
    Example:
      crm-assess review workshop examples/saigon-xanh -o workshop.xlsx --lang vi
    """
    from ..fsio import write_atomic
    from ..review_workshop import build_workshop

    result, lang = _shown(ctx, workspace, False, lang)
    write_atomic(output, build_workshop(result, lang), force=force)
    click.echo(str(output))


@review.command("import")
@_WORKSPACE
@click.argument("sheet", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--force", is_flag=True, help="Update an existing review.yaml (its other entries stay)."
)
@click.pass_context
def review_import(ctx: click.Context, workspace: Path, sheet: Path, force: bool) -> None:
    """Read a filled-in workshop sheet back into WORKSPACE/review.yaml.

    \b
    Example:
      crm-assess review import examples/saigon-xanh workshop.xlsx --force
    """
    import yaml

    from ..fsio import write_atomic
    from ..review_import import import_workshop
    from ..review_load import REVIEW_FILE

    target = workspace / REVIEW_FILE
    if target.exists() and not force:
        msg = "already exists (use --force to update it: the sheet's levels replace its own)"
        raise AssessorError([Problem(str(target), message=msg)])
    result = _run(ctx, workspace, lenient=False)
    current = yaml.safe_load(target.read_text(encoding="utf-8")) if target.exists() else None
    paths = [d.path for d in result.scores.all_dimensions()]
    text, warnings = import_workshop(sheet, sheet.read_bytes(), current, paths)
    for w in warnings:
        click.echo(str(w), err=True)
    write_atomic(target, text, force=True)
    after = _run(ctx, workspace, lenient=False)
    s, before = after.scores, result.scores.self_assessed or result.scores
    click.echo(f"{target}: overall level {before.level} self-assessed, {s.level} agreed.", err=True)
    click.echo(str(target))
