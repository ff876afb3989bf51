"""The `crm-assess` command line: parse options, call one library function, print.

Heavy modules (WeasyPrint, Jinja2) are imported inside the commands that need them, so
`crm-assess --help` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from .errors import AssessorError

F = TypeVar("F", bound=Callable[..., Any])


class _Group(click.Group):
    """Turns the errors a user can cause into one line per problem and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AssessorError as exc:
            for line in exc.lines():
                click.echo(line, err=True)
            ctx.exit(1)


def lang_option(func: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(["en", "vi"]),
        default="en",
        envvar="CRM_ASSESS_LANG",
        show_default=True,
        help="Language of names and text (English or Vietnamese).",
    )(func)


def _library(ctx: click.Context) -> Any:
    from .loading import load_library

    return load_library(ctx.obj["library_dirs"])


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--library",
    "library_dirs",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="A folder of your own frameworks, questionnaires or templates, searched before the "
    "built-in ones (repeatable; also CRM_ASSESS_LIBRARY, separated by ':').",
)
@click.version_option(package_name="crm-assess")
@click.pass_context
def cli(ctx: click.Context, library_dirs: tuple[Path, ...]) -> None:
    """Assess how mature a company's CRM strategy is, and plan what to do next.

    \b
    Start with:
      crm-assess frameworks list          the frameworks it knows
      crm-assess validate my-library/     check your own content files
    """
    ctx.ensure_object(dict)
    ctx.obj["library_dirs"] = library_dirs


@cli.group(cls=_Group)
def frameworks() -> None:
    """The CRM frameworks in the library."""


@frameworks.command("list")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@lang_option
@click.pass_context
def frameworks_list(ctx: click.Context, fmt: str, lang: str) -> None:
    """List the frameworks, with their versions and dimension counts.

    \b
    Example:
      crm-assess frameworks list --format json --lang vi
    """
    from .content import framework_summaries
    from .textformat import to_json, to_table

    rows = framework_summaries(_library(ctx), lang)
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
    help="json and yaml carry both languages.",
)
@lang_option
@click.pass_context
def frameworks_show(ctx: click.Context, framework_id: str, fmt: str, lang: str) -> None:
    """Show one framework: dimensions, sub-elements and level 1–4 descriptors.

    \b
    Example:
      crm-assess frameworks show gartner-8bb --lang vi
    """
    from .content import framework_text
    from .textformat import to_json, to_yaml

    fw = _library(ctx).framework(framework_id)
    data = fw.model_dump(mode="json", exclude_none=True)
    if fmt == "json":
        click.echo(to_json(data))
    elif fmt == "yaml":
        click.echo(to_yaml(data), nl=False)
    else:
        click.echo(framework_text(fw, lang))


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
    from .content import validate_paths

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
    from .content import schema_json

    click.echo(schema_json(kind), nl=False)


def format_option(*choices: str) -> Callable[[F], F]:
    def deco(func: F) -> F:
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(list(choices)),
            default=choices[0],
            show_default=True,
            help="Output format; data goes to stdout.",
        )(func)

    return deco


def lenient_option(func: F) -> F:
    return click.option(
        "--lenient", is_flag=True, help="Incomplete responses are warnings; score what is there."
    )(func)


def _run(ctx: click.Context, workspace: Path, lenient: bool) -> Any:
    from .pipeline import run_assessment

    result = run_assessment(workspace, library_dirs=ctx.obj["library_dirs"], lenient=lenient)
    for warning in result.workspace.warnings:
        click.echo(str(warning), err=True)
    return result


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--client", required=True, help="The company assessed, as the report names it.")
@click.option(
    "--questionnaire",
    "questionnaire_id",
    default="crm-full",
    show_default=True,
    help="Questionnaire id (see `crm-assess validate` for yours).",
)
@click.option("--profile", default="balanced-3", show_default=True, help="Target profile id.")
@click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    default="vi",
    show_default=True,
    help="Default report language.",
)
@click.option("--force", is_flag=True, help="Replace an existing assessment.yaml.")
@click.pass_context
def init(
    ctx: click.Context,
    folder: Path,
    client: str,
    questionnaire_id: str,
    profile: str,
    lang: str,
    force: bool,
) -> None:
    """Create an assessment workspace: FOLDER/assessment.yaml and FOLDER/responses/.

    \b
    Example:
      crm-assess init acme-2026 --client "Công ty ACME" --questionnaire crm-full
    """
    from .init import init_workspace

    path = init_workspace(
        folder,
        client=client,
        questionnaire=questionnaire_id,
        library=_library(ctx),
        language=lang,
        profile=profile,
        force=force,
    )
    click.echo(
        f"Created {path}; add respondents there and their answers in {folder / 'responses'}/.",
        err=True,
    )
    click.echo(str(path))


@cli.command()
@click.argument("workspace", type=click.Path(exists=True, path_type=Path))
@format_option("table", "json", "csv")
@lenient_option
@lang_option
@click.pass_context
def score(ctx: click.Context, workspace: Path, fmt: str, lenient: bool, lang: str) -> None:
    """Score a workspace: every framework and dimension, with respondents' spread.

    \b
    Example:
      crm-assess score examples/saigon-retail --format json
    """
    from .results import SCORE_HEADERS, score_data, score_rows
    from .textformat import to_csv, to_json, to_table

    result = _run(ctx, workspace, lenient)
    if fmt == "json":
        click.echo(to_json(score_data(result, lang)))
    elif fmt == "csv":
        click.echo(to_csv(SCORE_HEADERS, score_rows(result)), nl=False)
    else:
        data = score_data(result, lang)
        click.echo(to_table(SCORE_HEADERS, score_rows(result)))
        o, st = data["overall"], data["strategy_level"]
        click.echo(
            f"\nOverall {o['score']} ({o['pct']:.0f}% of best practice), level {o['level']}; "
            f"weakest {o['weakest']}. Strategy position: {st['name']} (level {st['level']})."
        )


@cli.command()
@click.argument("workspace", type=click.Path(exists=True, path_type=Path))
@format_option("table", "json", "csv")
@lenient_option
@click.pass_context
def gaps(ctx: click.Context, workspace: Path, fmt: str, lenient: bool) -> None:
    """Gaps between current and target levels, highest priority first.

    \b
    Example:
      crm-assess gaps examples/saigon-retail --format csv > gaps.csv
    """
    from .results import GAP_HEADERS, gap_rows, gaps_data
    from .textformat import to_csv, to_json, to_table

    result = _run(ctx, workspace, lenient)
    if fmt == "json":
        click.echo(to_json(gaps_data(result)))
    elif fmt == "csv":
        click.echo(to_csv(GAP_HEADERS, gap_rows(result)), nl=False)
    else:
        click.echo(to_table(GAP_HEADERS, gap_rows(result)))


@cli.command()
@click.argument("workspace", type=click.Path(exists=True, path_type=Path))
@format_option("table", "json", "csv")
@lenient_option
@lang_option
@click.pass_context
def roadmap(ctx: click.Context, workspace: Path, fmt: str, lenient: bool, lang: str) -> None:
    """The phased roadmap: initiatives for the gaps, in 0–3, 3–6, 6–12 and 12–24 months.

    \b
    The CSV imports into a spreadsheet or a project tool:
      crm-assess roadmap examples/saigon-xanh --format csv > roadmap.csv
    """
    from .results import ROADMAP_HEADERS, roadmap_data, roadmap_rows
    from .textformat import to_csv, to_json, to_table

    result = _run(ctx, workspace, lenient)
    if fmt == "json":
        click.echo(to_json(roadmap_data(result, lang)))
    elif fmt == "csv":
        click.echo(to_csv(ROADMAP_HEADERS, roadmap_rows(result, lang)), nl=False)
    else:
        rows = [
            [r[0], f"{r[1]}–{r[2] or ''}", r[4], r[5], r[6], r[8]]
            for r in roadmap_rows(result, lang)
        ]
        click.echo(to_table(["phase", "months", "initiative", "owner", "effort", "priority"], rows))
        if result.roadmap.route:
            click.echo("\nRoute on the strategy matrix: " + " → ".join(result.roadmap.route))


@cli.command()
@click.argument("workspace", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    default=None,
    help="Report language [default: the assessment's].",
)
@click.option(
    "--kind", type=click.Choice(["executive", "full"]), default="executive", show_default=True
)
@click.option(
    "--format", "fmt", type=click.Choice(["pdf", "html"]), default="pdf", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file [default: WORKSPACE/reports/KIND-LANG.FORMAT].",
)
@click.option("--by", "by", type=click.Choice(["unit"]), help="Also one report per business unit.")
@click.option("--force", is_flag=True, help="Replace existing reports.")
@lenient_option
@click.pass_context
def report(
    ctx: click.Context,
    workspace: Path,
    lang: str | None,
    kind: str,
    fmt: str,
    output: Path | None,
    by: str | None,
    force: bool,
    lenient: bool,
) -> None:
    """Render the executive or full report of a workspace as PDF (or HTML).

    \b
    Examples:
      crm-assess report examples/saigon-xanh --lang vi
      crm-assess report examples/saigon-xanh --kind full --lang en -o full.pdf
      crm-assess report examples/saigon-xanh --by unit
    """
    from .fsio import write_atomic
    from .pipeline import by_unit
    from .report.build import make_report

    result = _run(ctx, workspace, lenient)
    lang = lang or result.workspace.assessment.language
    target = output or result.workspace.path / "reports" / f"{kind}-{lang}.{fmt}"
    jobs = [(target, result)]
    if by == "unit":
        jobs += [
            (target.with_name(f"{target.stem}-{unit}{target.suffix}"), r)
            for unit, r in by_unit(result).items()
        ]
    for path, _ in jobs:  # refuse before rendering anything, so nothing is half done
        if path.exists() and not force:
            raise AssessorError(f"{path}: already exists (use --force to replace it)")
    with click.progressbar(jobs, label="Rendering", file=sys.stderr, show_eta=False) as bar:
        for path, res in bar:
            data = make_report(
                res, lang=lang, kind=kind, fmt=fmt, library_dirs=ctx.obj["library_dirs"]
            )
            write_atomic(path, data, force=True)
    for path, _ in jobs:
        click.echo(str(path))


@cli.command()
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out/demo"),
    show_default=True,
    help="Where to write the results.",
)
def demo(out_dir: Path) -> None:
    """Run a whole assessment of the bundled example client and write its reports.

    Writes the executive and the full report in Vietnamese and English (four PDFs) and the
    results as JSON into the output folder, replacing an earlier demo's files.
    """
    from .demo import run_demo
    from .results import GAP_HEADERS, gap_rows
    from .textformat import to_table

    output = run_demo(out_dir)
    result = output.result
    client = result.workspace.assessment.client.name
    s = result.scores
    click.echo(
        f"{client}: {s.respondents} respondents, overall {s.score:.2f} / 4 "
        f"(level {s.level}); weakest dimension {s.weakest}."
    )
    if result.strategy.position:
        click.echo(
            f"Strategy position: {result.strategy.position} (level {result.strategy.level})."
        )
    click.echo("\nTop gaps:")
    click.echo(to_table(GAP_HEADERS, gap_rows(result)[:10]))
    click.echo("")
    for path in output.files:
        click.echo(f"wrote {path}")


def main() -> None:
    """Console-script entry point."""
    cli(obj={}, prog_name="crm-assess")


if __name__ == "__main__":  # pragma: no cover
    main()
