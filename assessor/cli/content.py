"""Commands on the content library: frameworks, validate, schema."""

from __future__ import annotations

from pathlib import Path

import click

from . import _emit, _Group, _library, cli, format_option, lang_option
from .exchange import questionnaire


@cli.group(cls=_Group)
def frameworks() -> None:
    """The CRM frameworks in the library."""


@frameworks.command("list")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@lang_option
@click.pass_context
def frameworks_list(ctx: click.Context, fmt: str, lang: str | None) -> None:
    """List the frameworks, with their versions and dimension counts.

    \b
    Example:
      crm-assess frameworks list --format json --lang vi
    """
    from ..content import framework_summaries
    from ..languages import require_language
    from ..textformat import to_json, to_table

    library, lang = _library(ctx), lang or "en"
    require_language(lang, frameworks=library.frameworks.values())
    rows = framework_summaries(library, lang)
    if fmt == "json":
        click.echo(to_json(rows))
        return
    headers = ["id", "name", "version", "dimensions"]
    click.echo(
        to_table(headers, [[r["id"], r["name"], r["version"], r["dimension_count"]] for r in rows])
    )


@frameworks.command("show")
@click.argument("framework_id", metavar="ID")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "yaml"]),
    default="text",
    show_default=True,
    help="json and yaml carry every language of the framework.",
)
@lang_option
@click.pass_context
def frameworks_show(ctx: click.Context, framework_id: str, fmt: str, lang: str | None) -> None:
    """Show one framework: dimensions, sub-elements and level 1–4 descriptors.

    \b
    Example:
      crm-assess frameworks show gartner-8bb --lang vi
    """
    from ..content import framework_text
    from ..languages import require_language
    from ..report.labels import library_report_dirs
    from ..textformat import to_json, to_yaml

    library = _library(ctx)
    fw, lang, label_dirs = (
        library.framework(framework_id),
        lang or "en",
        library_report_dirs(library),
    )
    if fmt == "text":
        require_language(lang, frameworks=[fw], label_dirs=label_dirs)
    data = fw.model_dump(mode="json", exclude_none=True)
    if fmt == "json":
        click.echo(to_json(data))
    elif fmt == "yaml":
        click.echo(to_yaml(data), nl=False)
    else:
        click.echo(framework_text(fw, lang, label_dirs))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.pass_context
def validate(ctx: click.Context, paths: tuple[Path, ...], strict: bool) -> None:
    """Check content files or folders; one line per problem, exit status 1 if any.

    \b
    Example:
      crm-assess validate frameworks/ questionnaires/my-survey.yaml
    """
    from ..content import validate_paths

    count, problems = validate_paths(paths, ctx.obj["library_dirs"])
    for p in problems:
        click.echo(str(p), err=True)
    errors = [p for p in problems if p.severity == "error" or strict]
    if errors:
        click.echo(f"{len(errors)} problem(s) in {count} file(s) checked.", err=True)
        ctx.exit(1)
    click.echo(f"{count} file(s) checked: no problems.")


@cli.command()
@click.argument("kind")
def schema(kind: str) -> None:
    """Print the JSON Schema of a content kind (framework, capabilities, ...), for editors.

    \b
    Example:
      crm-assess schema framework > schemas/framework.schema.json
    """
    from ..content import schema_json

    click.echo(schema_json(kind), nl=False)


@questionnaire.command("coverage")
@click.argument("questionnaire_id", metavar="ID")
@format_option("table", "json")
@click.pass_context
def questionnaire_coverage(ctx: click.Context, questionnaire_id: str, fmt: str) -> None:
    """Show, per dimension, the questions it rests on, their weight and who answers them.

    A dimension is measured firmly with at least three full-weight questions answered by at
    least two roles; the others are marked indicative.

    \b
    Example:
      crm-assess questionnaire coverage crm-full --format json
    """
    from ..coverage import coverage, coverage_rows, scored_frameworks

    library = _library(ctx)
    q = library.questionnaire(questionnaire_id)
    rows = coverage(q, scored_frameworks(q, library.frameworks))
    headers = ["dimension", "questions", "weight", "roles", "indicative"]
    _emit(fmt, [r.as_dict() for r in rows], headers, coverage_rows(rows))
