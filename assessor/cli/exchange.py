"""Questionnaires out and answers in: Excel workbooks, printable forms, survey-tool exports."""

from __future__ import annotations

from pathlib import Path

import click

from . import _library, cli, stage_note


@cli.group()
def questionnaire() -> None:
    """Questionnaires to hand out: fillable Excel workbooks, printable PDF or HTML."""


@questionnaire.command("export")
@click.argument("questionnaire_id", metavar="ID")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "pdf", "html"]),
    default="xlsx",
    show_default=True,
    help="A fillable workbook, or a printable questionnaire.",
)
@click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    default="vi",
    show_default=True,
    help="Language of the questions and instructions.",
)
@click.option("--respondent", help="Who answers it (a respondent's id or name in assessment.yaml).")
@click.option(
    "--role",
    help="Only the questions for this role: executive, sales, marketing, service, it, "
    "finance or operations.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Where to write it."
)
@click.option("--force", is_flag=True, help="Replace an existing file.")
@click.pass_context
def export_questionnaire(
    ctx: click.Context,
    questionnaire_id: str,
    fmt: str,
    lang: str,
    respondent: str | None,
    role: str | None,
    output: Path | None,
    force: bool,
) -> None:
    """Write questionnaire ID as a workbook for a manager to fill in, or to print.

    \b
    Examples:
      crm-assess questionnaire export crm-full --respondent "Trần Minh Quân" --role executive
      crm-assess questionnaire export crm-quick-scan --format pdf --lang en -o quick-scan.pdf

    Import a filled-in workbook with `crm-assess responses import WORKSPACE FILE`.
    """
    from ..fsio import write_atomic

    q = _library(ctx).questionnaire(questionnaire_id)
    if fmt == "xlsx":
        from ..exchange import build_workbook

        data = build_workbook(q, lang=lang, role=role, respondent=respondent)
    else:
        from ..report.printable import render_questionnaire

        data = render_questionnaire(
            q,
            lang=lang,
            fmt=fmt,
            role=role,
            respondent=respondent,
            library_dirs=ctx.obj["library_dirs"],
        )
    path = output or Path(f"{q.id}-{lang}{f'-{role}' if role else ''}.{fmt}")
    write_atomic(path, data, force=force)
    click.echo(str(path))


@cli.group()
def responses() -> None:
    """Answers from elsewhere: filled-in workbooks and survey-tool exports."""


@responses.command("import")
@click.argument("workspace", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--mapping",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Columns → question ids of a survey export (default: x.mapping.yaml for x.csv).",
)
@click.option(
    "--init-mapping", is_flag=True, help="Draft a mapping for a survey export; import nothing."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="With --init-mapping: where to write the draft (default: next to FILE).",
)
@click.option("--force", is_flag=True, help="Replace existing response (or mapping) files.")
@click.option(
    "--lenient", is_flag=True, help="Import incomplete responses; missing answers are warnings."
)
@click.pass_context
def import_responses(
    ctx: click.Context,
    workspace: Path,
    file: Path,
    mapping: Path | None,
    init_mapping: bool,
    output: Path | None,
    force: bool,
    lenient: bool,
) -> None:
    """Import FILE's answers into WORKSPACE/responses/, one file per respondent.

    FILE is a workbook from `crm-assess questionnaire export`, a Google Forms CSV, a
    Microsoft Forms .xlsx or a LimeSurvey CSV (code headings, short answers). Survey exports
    need a mapping from their columns to question ids: draft one with --init-mapping, check it,
    then import with --mapping. Nothing is written unless every answer is valid.

    \b
    Examples:
      crm-assess responses import acme filled/tran-minh-quan.xlsx
      crm-assess responses import acme forms.csv --init-mapping
      crm-assess responses import acme forms.csv --mapping forms.mapping.yaml
    """
    from .. import exchange

    dirs = ctx.obj["library_dirs"]
    if output is not None and not init_mapping:
        msg = (
            f"warning: --output {output} is not used: it says where --init-mapping writes its draft"
        )
        click.echo(msg, err=True)
    if init_mapping:
        for given, option in ((mapping is not None, "--mapping"), (lenient, "--lenient")):
            if given:
                click.echo(
                    f"warning: {option} is not used: --init-mapping imports nothing", err=True
                )
        draft = exchange.init_mapping(
            workspace, file, output=output, force=force, library_dirs=dirs
        )
        for m in draft.matches:
            what = f"{m.question}" + (f" [{m.option}]" if m.option else "")
            line = (
                f"matched '{m.column}' → {what} ({m.note})"
                if m.question
                else (f"could not match '{m.column}': {m.note}")
            )
            click.echo(line, err=True)
        click.echo(str(draft.path))
        return
    result = exchange.import_responses(
        workspace, file, mapping=mapping, force=force, lenient=lenient, library_dirs=dirs,
        on_stage=stage_note("Importing"),
    )  # fmt: skip
    for warning in result.warnings:
        click.echo(str(warning), err=True)
    for path in result.written:
        click.echo(str(path))
