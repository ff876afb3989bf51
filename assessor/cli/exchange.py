"""Questionnaires out and answers in: Excel workbooks, printable forms, survey-tool exports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from . import LANGUAGE, _library, cli, stage_note


@cli.group()
def questionnaire() -> None:
    """Questionnaires to hand out: fillable Excel workbooks, printable PDF or HTML."""


@questionnaire.command("export")
@click.argument("questionnaire_id", metavar="ID")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "pdf", "html", "xlsform"]),
    default="xlsx",
    show_default=True,
    help="A fillable workbook, a printable questionnaire, or an XLSForm for KoboToolbox or ODK.",
)
@click.option(
    "--lang",
    type=LANGUAGE,
    default=None,
    help="Language of the questions and instructions: en, vi, or one your library is written "
    "in [default: vi, or the questionnaire's first language when it has no Vietnamese].",
)
@click.option("--respondent", help="Who answers it (a respondent's id or name in assessment.yaml).")
@click.option(
    "--workspace",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="An assessment workspace: the printed cover names its client and says by when and to "
    "whom to return the questionnaire (assessment.yaml's collect: deadline and contact).",
)
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
    lang: str | None,
    respondent: str | None,
    workspace: Path | None,
    role: str | None,
    output: Path | None,
    force: bool,
) -> None:
    """Write questionnaire ID as a workbook for a manager to fill in, or to print.

    \b
    Examples:
      crm-assess questionnaire export crm-full --respondent "Trần Minh Quân" --role executive
      crm-assess questionnaire export crm-quick-scan --format pdf --lang en -o quick-scan.pdf
      crm-assess questionnaire export crm-quick-scan --format pdf --workspace acme
      crm-assess questionnaire export crm-quick-scan --format xlsform -o quick-scan.xlsx

    An XLSForm (for KoboToolbox or ODK Collect, offline on phones) has every language of the
    questionnaire; --lang is its default one. Its exports import back with no mapping.

    Import a filled-in workbook with `crm-assess responses import WORKSPACE FILE`.
    """
    from ..fsio import write_atomic
    from ..languages import default_language, require_language
    from ..report.render import report_dirs

    q = _library(ctx).questionnaire(questionnaire_id)
    lang = lang or default_language(q)
    dirs = report_dirs(ctx.obj["library_dirs"])
    # the paper form and the XLSForm's role names use the report labels; the workbook does not
    require_language(lang, questionnaire=q, label_dirs=None if fmt == "xlsx" else dirs)
    if fmt == "xlsform":
        from ..exchange.xlsform import build_xlsform

        for other in q.title.languages:  # the XLSForm has every language of the questionnaire
            require_language(other, label_dirs=dirs)
        data = build_xlsform(q, lang=lang, label_dirs=dirs)
        if role or respondent:
            click.echo(
                "warning: --role and --respondent are not used: an XLSForm asks both", err=True
            )
    elif fmt == "xlsx":
        from ..exchange import build_workbook

        data = build_workbook(q, lang=lang, role=role, respondent=respondent)
    else:
        from ..collect.invite import read_assessment
        from ..report.printable import render_questionnaire

        data = render_questionnaire(
            q,
            lang=lang,
            fmt=fmt,
            role=role,
            respondent=respondent,
            library_dirs=ctx.obj["library_dirs"],
            assessment=read_assessment(workspace) if workspace else None,
        )
    suffix = "xlsform.xlsx" if fmt == "xlsform" else fmt
    path = output or Path(
        f"{q.id}-{lang}{f'-{role}' if role and fmt != 'xlsform' else ''}.{suffix}"
    )
    write_atomic(path, data, force=force)
    click.echo(str(path))


@cli.group()
def responses() -> None:
    """Answers from elsewhere: filled-in workbooks and survey-tool exports."""


@responses.command("import")
@click.argument("workspace", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument(
    "files", metavar="FILE...", nargs=-1, required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)  # fmt: skip
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
    "--lenient",
    is_flag=True,
    help="Import incomplete responses; missing answers are warnings.",
)
@click.option(
    "--add-respondents",
    is_flag=True,
    help="Add rows the workspace does not list (anonymous ones too) as respondents.",
)
@click.option("--role", help="With --add-respondents: the role of new respondents.")
@click.option("--unit", help="With --add-respondents: the business unit of new respondents.")
@click.pass_context
def import_responses(
    ctx: click.Context,
    workspace: Path,
    files: tuple[Path, ...],
    mapping: Path | None,
    init_mapping: bool,
    output: Path | None,
    force: bool,
    lenient: bool,
    add_respondents: bool,
    role: str | None,
    unit: str | None,
) -> None:
    """Import the answers in FILE... into WORKSPACE/responses/, one file per respondent.

    FILE is a workbook from `crm-assess questionnaire export`, or an export of Google Forms,
    Microsoft Forms, LimeSurvey, SurveyMonkey, Qualtrics, KoboToolbox or ODK (CSV or xlsx).
    Survey exports need a mapping from their columns to question ids: draft one with
    --init-mapping, check it, then import. Several files import all or nothing; nothing is
    written unless every answer in every file is valid. The last line says how every row was
    accounted for; the exit status is 1 when nothing was imported.

    \b
    Examples:
      crm-assess responses import acme filled/tran-minh-quan.xlsx
      crm-assess responses import acme forms.csv --init-mapping
      crm-assess responses import acme forms.csv --mapping forms.mapping.yaml
      crm-assess responses import acme anonymous.xlsx --add-respondents --role sales
    """
    from .. import exchange

    dirs = ctx.obj["library_dirs"]
    _unused_options(init_mapping, output, mapping, lenient, add_respondents, role, unit)
    if init_mapping:
        if output is not None and len(files) > 1:
            raise click.UsageError("--output names one draft: give one FILE with it")
        for file in files:
            _init_mapping(exchange, workspace, file, output, force, dirs)
        return
    result = exchange.import_responses(
        workspace, list(files), mapping=mapping, force=force, lenient=lenient,
        add_respondents=add_respondents, role=role, unit=unit, library_dirs=dirs,
        on_stage=stage_note("Importing"),
    )  # fmt: skip
    for warning in result.warnings:
        click.echo(str(warning), err=True)
    for path in result.written:
        click.echo(str(path))
    click.echo(result.summary(), err=True)


def _unused_options(
    init_mapping: bool, output: Path | None, mapping: Path | None, lenient: bool,
    add: bool, role: str | None, unit: str | None,
) -> None:  # fmt: skip
    """A warning for each option the chosen action does not use."""
    if output is not None and not init_mapping:
        msg = f"--output {output} is not used: it says where --init-mapping writes its draft"
        click.echo(f"warning: {msg}", err=True)
    if init_mapping:
        given = [("--mapping", mapping is not None), ("--lenient", lenient)]
        given += [("--add-respondents", add)]
        for option, used in given:
            if used:
                click.echo(
                    f"warning: {option} is not used: --init-mapping imports nothing", err=True
                )
    elif not add:
        for option, value in (("--role", role), ("--unit", unit)):
            if value is not None:
                click.echo(f"warning: {option} is not used without --add-respondents", err=True)


def _init_mapping(
    exchange: Any, workspace: Path, file: Path, output: Path | None, force: bool, dirs: Any
) -> None:
    draft = exchange.init_mapping(workspace, file, output=output, force=force, library_dirs=dirs)
    for m in draft.matches:
        what = f"{m.question}" + (f" [{m.option}]" if m.option else "")
        what += " (comment)" if m.part == "comment" else ""
        line = (
            f"matched '{m.column}' → {what} ({m.note})"
            if m.question
            else f"could not match '{m.column}': {m.note}"
        )
        click.echo(line, err=True)
    click.echo(str(draft.path))
