"""Commands on an assessment workspace: init, score, gaps, roadmap, report, demo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..errors import AssessorError
from . import (
    LANGUAGE,
    _emit,
    _library,
    _run,
    _shown,
    cli,
    format_option,
    jobs_option,
    lang_option,
    lenient_option,
    progress,
)  # fmt: skip


def _positions(result: Any, lang: str) -> dict[str, str]:
    """The strategy matrix's positions (dimensions of its framework) by id, named in `lang`."""
    from ..strategy import STRATEGY_FRAMEWORK

    fw = result.library.frameworks.get(STRATEGY_FRAMEWORK)
    return {d.id: d.name[lang] for d in fw.dimensions} if fw is not None else {}


def _named(result: Any, lang: str, rows: list[list[Any]]) -> list[list[Any]]:
    """Rows that start with a framework id and a dimension id, with their names in `lang`
    instead (for tables people read; CSV and JSON keep the ids)."""
    from ..report.labels import library_labels

    words = library_labels(lang, result.library)
    whole = {"(framework)": words["row_framework"], "(position)": words["row_position"]}
    named = []
    for fw_id, dim_id, *rest in rows:
        fw = result.library.framework(fw_id)
        dim = whole[dim_id] if dim_id in whole else fw.dimension(dim_id).name[lang]
        named.append(
            [fw.label(lang), dim, *[words["column_yes"] if v == "yes" else v for v in rest]]
        )
    return named


def _headers(result: Any, lang: str, headers: list[str]) -> list[str]:
    """A table's column headers in `lang` (labels `column_NAME`); CSV and JSON keep the names."""
    from ..report.labels import library_labels

    words = library_labels(lang, result.library)
    return [words[f"column_{h}"] for h in headers]


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
@click.option(
    "--profile", default=None, help="Target profile id [default: chosen from the business context]."
)
@click.option(
    "--lang",
    type=LANGUAGE,
    default=None,
    help="Default report language [default: vi, or the questionnaire's first language when it "
    "has no Vietnamese].",
)
@click.option("--force", is_flag=True, help="Replace an existing assessment.yaml.")
@click.pass_context
def init(
    ctx: click.Context,
    folder: Path,
    client: str,
    questionnaire_id: str,
    profile: str | None,
    lang: str | None,
    force: bool,
) -> None:
    """Create an assessment workspace: FOLDER/assessment.yaml and FOLDER/responses/.

    \b
    Example:
      crm-assess init acme-2026 --client "Công ty ACME" --questionnaire crm-full
    """
    from ..init import init_workspace

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
def score(ctx: click.Context, workspace: Path, fmt: str, lenient: bool, lang: str | None) -> None:
    """Score a workspace: every framework and dimension, with respondents' spread.

    \b
    Example:
      crm-assess score examples/saigon-xanh --format json
    """
    from ..results import SCORE_HEADERS, score_data, score_rows, score_summary
    from ..textformat import to_table

    result, lang = _shown(ctx, workspace, lenient, lang)
    data, rows = score_data(result, lang), score_rows(result)
    headers = _headers(result, lang, SCORE_HEADERS)
    table = score_summary(data, lang) + "\n\n" + to_table(headers, _named(result, lang, rows))
    _emit(fmt, data, SCORE_HEADERS, rows, table)


@cli.command()
@click.argument("workspace", type=click.Path(exists=True, path_type=Path))
@format_option("table", "json", "csv")
@lenient_option
@lang_option
@click.pass_context
def gaps(ctx: click.Context, workspace: Path, fmt: str, lenient: bool, lang: str | None) -> None:
    """Gaps between current and target levels, highest priority first.

    \b
    Examples:
      crm-assess gaps examples/saigon-xanh --lang vi
      crm-assess gaps examples/saigon-xanh --format csv > gaps.csv
    """
    from ..results import GAP_HEADERS, gap_rows, gaps_data, gaps_legend
    from ..textformat import to_table

    result, lang = _shown(ctx, workspace, lenient, lang)
    rows = gap_rows(result)
    table = to_table(_headers(result, lang, GAP_HEADERS), _named(result, lang, rows))
    if legend := gaps_legend(result, lang):
        table += f"\n\n{legend}"
    _emit(fmt, gaps_data(result), GAP_HEADERS, rows, table)


@cli.command()
@click.argument("workspace", type=click.Path(exists=True, path_type=Path))
@format_option("table", "json", "csv")
@lenient_option
@lang_option
@click.pass_context
def roadmap(ctx: click.Context, workspace: Path, fmt: str, lenient: bool, lang: str | None) -> None:
    """The phased roadmap: initiatives for the gaps, in 0–3, 3–6, 6–12 and 12–24 months.

    \b
    The CSV imports into a spreadsheet or a project tool:
      crm-assess roadmap examples/saigon-xanh --format csv > roadmap.csv
    """
    from ..report.labels import library_labels
    from ..results import ROADMAP_HEADERS, closing_note, roadmap_data, roadmap_rows
    from ..textformat import to_table

    result, lang = _shown(ctx, workspace, lenient, lang)
    rows = roadmap_rows(result, lang)
    words = library_labels(lang, result.library)
    col = {name: n for n, name in enumerate(ROADMAP_HEADERS)}
    # after the 24 months: no phase, no months; done since the previous roadmap: no priority
    phase = {"backlog": words["backlog_short"], "done": words["status_done"]}

    def months(r: list[Any]) -> str:
        first, last = r[col["first_month"]], r[col["last_month"]]
        return "—" if first is None else str(first) if first == last else f"{first}–{last}"

    def title(n: int, r: list[Any]) -> str:
        notes = []
        if r[col["status"]] == "continued":  # the rows start with the roadmap's items
            assumed = "_assumed" if result.roadmap.items[n].left_assumed else ""
            notes.append(words.count(f"roadmap_continued_left{assumed}", r[col["months_left"]]))
        if r[col["measured"]] is False:
            notes.append(words["roadmap_not_measured_short"])
        return str(r[col["title"]]) + "".join(f" ({n})" for n in notes)

    table = to_table(
        _headers(result, lang, ["phase", "months", "initiative", "owner", "effort", "priority", "indicative"]),
        [[phase.get(r[0], r[0]) if r[1] is None else r[0], months(r), title(n, r),
          words.get(f"role_{r[col['owner']]}", r[col["owner"]]), words[f"effort_{r[col['effort']]}"],
          "—" if not r[col["priority"]] else r[col["priority"]],
          words["column_yes"] if r[col["indicative"]] else ""]
         for n, r in enumerate(rows)],
    )  # fmt: skip
    if any(r[col["indicative"]] for r in rows):
        table += f"\n\n{words['indicative_legend']}"
    if any(r[col["priority"]] == 0 for r in rows):  # a prerequisite or a legal duty (not done)
        table += f"\n\n{words['roadmap_priority_none']}"
    if note := closing_note(result, lang, words):
        table += f"\n\n{note}"
    if len(result.roadmap.route) > 1:  # a route of one position: the company stays where it is
        names = _positions(result, lang)
        route = " → ".join(names.get(p, p) for p in result.roadmap.route)
        table += f"\n\n{words['route_on_matrix']}: {route}"
    _emit(fmt, roadmap_data(result, lang), ROADMAP_HEADERS, rows, table)


@cli.command()
@click.argument("workspaces", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--lang",
    type=LANGUAGE,
    default=None,
    help="Report language: en, vi, or one your library is written in [default: the assessment's].",
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
@click.option(
    "--batch",
    is_flag=True,
    help="Several workspaces: a report for each; one that fails does not stop the others.",
)
@jobs_option
@click.option("--force", is_flag=True, help="Replace existing reports.")
@lenient_option
@click.pass_context
def report(
    ctx: click.Context,
    workspaces: tuple[Path, ...],
    lang: str | None,
    kind: str,
    fmt: str,
    output: Path | None,
    by: str | None,
    batch: bool,
    jobs: int | None,
    force: bool,
    lenient: bool,
) -> None:
    """Render the executive or full report of a workspace as PDF (or HTML).

    Several reports (`--by unit`, `--batch`) are rendered in parallel, one worker per core.

    \b
    Examples:
      crm-assess report examples/saigon-xanh --lang vi
      crm-assess report examples/saigon-xanh --kind full --lang en -o full.pdf
      crm-assess report examples/saigon-xanh --by unit
      crm-assess report clients/* --batch --kind full
    """
    from ..batch import load_for_units, plan_reports, remember, target_of

    if len(workspaces) > 1 and not batch:
        raise AssessorError("several workspaces are reported with --batch")
    if batch and output is not None:
        raise AssessorError("--output names one file; with --batch each report goes to its "
                            "workspace's reports/ folder")  # fmt: skip
    units: dict[Path, list[str]] = {}
    failures: list[tuple[str, list[str]]] = []
    if not batch:
        result = _run(ctx, workspaces[0], lenient)
        remember(workspaces[0], result, {})
        if by == "unit":
            units, _ = load_for_units(workspaces, lambda _: result, _warn)
        planned = plan_reports(
            workspaces, kind=kind, lang=lang, fmt=fmt, target=output, units=units
        )
        language = result.workspace.assessment.language
        for job in planned:  # refuse before rendering anything, so nothing is half done
            path = target_of(job, language)
            if path.exists() and not force:
                raise AssessorError(f"{path}: already exists (use --force to replace it)")
    else:
        if by == "unit":
            units, failures = load_for_units(workspaces, lambda ws: _run(ctx, ws, lenient), _warn)
        loaded = [ws for ws in workspaces if by != "unit" or ws in units]
        planned = plan_reports(loaded, kind=kind, lang=lang, fmt=fmt, units=units)
    _render_batch(ctx, planned, failures, jobs=jobs, force=force or not batch, lenient=lenient)


def _warn(line: str) -> None:
    click.echo(line, err=True)


def _render_batch(
    ctx: click.Context,
    planned: list[Any],
    failures: list[tuple[str, list[str]]],
    *,
    jobs: int | None,
    force: bool,
    lenient: bool,
) -> None:
    """Render the jobs with a progress bar on a terminal; list failures and exit 1 if any."""
    from ..batch import run_batch

    with progress(len(planned), "Rendering") as bar:
        outcome = run_batch(
            planned, library_dirs=ctx.obj["library_dirs"], lenient=lenient, force=force,
            workers=jobs, on_done=lambda _: bar.update(1),
        )  # fmt: skip
    for path in outcome.written:
        click.echo(str(path))
    failures = failures + outcome.failures
    if not failures:
        return
    for _, lines in failures:
        for line in lines:
            click.echo(line, err=True)
    total = len(planned) + len(failures) - len(outcome.failures)
    if total > 1:  # one report's problems speak for themselves
        names = ", ".join(label for label, _ in failures)
        click.echo(f"{len(failures)} of {total} reports failed: {names}", err=True)
    ctx.exit(1)


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
@jobs_option
def demo(out_dir: Path, jobs: int | None) -> None:
    """Run a whole assessment of the bundled example client and write its reports.

    Writes the executive and the full report in Vietnamese and English (four PDFs) and the
    results as JSON into the output folder, replacing an earlier demo's files.
    """
    from ..demo import run_demo
    from ..results import GAP_HEADERS, gap_rows, score_data, score_summary
    from ..textformat import to_table

    with progress(4, "Rendering") as bar:
        output = run_demo(out_dir, workers=jobs, on_done=lambda _: bar.update(1))
    result = output.result
    client = result.workspace.assessment.client.name
    click.echo(f"{client}: {result.scores.respondents} respondents.")
    click.echo(score_summary(score_data(result, "en"), "en"))
    click.echo("\nTop gaps:")
    click.echo(to_table(GAP_HEADERS, gap_rows(result)[:10]))
    click.echo("")
    for path in output.files:
        click.echo(f"wrote {path}")
