"""The `crm-assess` command line: parse options, call one library function, print.

The group and its shared options live here; the commands are in `content` (frameworks,
validate, schema) and `assessment` (init, score, gaps, roadmap, report, demo).

Heavy modules (WeasyPrint, Jinja2) are imported inside the commands that need them, so
`crm-assess --help` stays fast.
"""

from __future__ import annotations

import gc
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import AssessorError

F = TypeVar("F", bound=Callable[..., Any])


class _Group(click.Group):
    """Turns the errors a user can cause into one line per problem and exit status 1."""

    def main(self, args: Any = None, *more: Any, **options: Any) -> Any:
        """Refuse arguments that are not UTF-8 text before anything reads them."""
        argv = sys.argv[1:] if args is None else list(args)
        bad = [(n, a) for n, a in enumerate(argv, start=1) if not _is_utf8(a)]
        for n, arg in bad:
            raw = arg.encode("utf-8", "surrogateescape")
            msg = f"crm-assess: argument {n} ({str(raw)[2:-1][:80]}) is not UTF-8 text"
            click.echo(msg, err=True)
        if bad:
            sys.exit(1)
        return super().main(args, *more, **options)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AssessorError as exc:
            click.echo("\n".join(exc.lines()), err=True)  # one write: 10,000 lines at once
            ctx.exit(1)


def _is_utf8(arg: str) -> bool:
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:  # a byte that is not UTF-8, kept by Python as a lone surrogate
        return False
    return True


class _Language(click.ParamType):  # type: ignore[type-arg]  # generic from click 8.3
    """A language code: en, vi, or one a library of your own is written in (fr, pt-BR, …)."""

    name = "LANG"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from ..models.common import LANGUAGE_CODE

        if isinstance(value, str) and re.match(LANGUAGE_CODE, value):
            return value
        self.fail(f"'{value}' is not a language code (e.g. en, vi, fr)", param, ctx)


LANGUAGE = _Language()


def lang_option(func: F) -> F:
    return click.option(
        "--lang",
        type=LANGUAGE,
        default=None,
        envvar="CRM_ASSESS_LANG",
        help="Language of names and text: en, vi, or one your library is written in [default: "
        "en, or the assessment's language when the questionnaire has no English].",
    )(func)


def _library(ctx: click.Context) -> Any:
    from ..loading import load_library

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


def progress(length: int, label: str) -> Any:
    """A progress bar on standard error when it is a terminal; nothing when it is piped."""
    return click.progressbar(
        length=length, label=label, file=sys.stderr, show_eta=False, hidden=not sys.stderr.isatty()
    )


def stage_note(label: str) -> Callable[[str], None]:
    """Prints 'LABEL: stage…' lines on standard error when it is a terminal; nothing when piped."""
    if not sys.stderr.isatty():
        return lambda _: None
    return lambda stage: click.echo(f"{label}: {stage}…", err=True)


def jobs_option(func: F) -> F:
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=None,
        help="Reports rendered at once, one worker process each [default: one per core].",
    )(func)


def lenient_option(func: F) -> F:
    return click.option(
        "--lenient", is_flag=True, help="Incomplete responses are warnings; score what is there."
    )(func)


def _emit(
    fmt: str, data: Any, headers: list[str], rows: list[list[Any]], table: str | None = None
) -> None:
    """Print results as JSON, CSV or a table (data on stdout)."""
    from ..textformat import to_csv, to_json, to_table

    if fmt == "json":
        click.echo(to_json(data))
    elif fmt == "csv":
        click.echo(to_csv(headers, rows), nl=False)
    else:
        click.echo(table if table is not None else to_table(headers, rows))


def _run(ctx: click.Context, workspace: Path, lenient: bool) -> Any:
    from ..pipeline import run_assessment

    result = run_assessment(workspace, library_dirs=ctx.obj["library_dirs"], lenient=lenient)
    for warning in result.workspace.warnings:
        click.echo(str(warning), err=True)
    return result


def _shown(ctx: click.Context, workspace: Path, lenient: bool, lang: str | None) -> Any:
    """The workspace's results and the language to show them in (--lang, else English, else
    the assessment's), once checked that they exist in it."""
    from ..languages import require_result_language, result_language

    result = _run(ctx, workspace, lenient)
    lang = result_language(lang, result)
    require_result_language(lang, result)
    return result, lang


from . import assessment, collect, content, exchange, history, peers, review  # noqa: E402,F401  (registers the commands)


def main() -> None:
    """Console-script entry point."""
    try:
        cli(obj={}, prog_name="crm-assess")
    finally:
        # The process ends here. A report leaves a few hundred thousand objects in reference
        # cycles (WeasyPrint's layout tree), and the collection the interpreter runs on its way
        # out took 0.4 s of a 5 s run; frozen, they are left to the operating system instead.
        # Files are closed and atexit handlers still run as usual.
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    main()
