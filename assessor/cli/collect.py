"""Commands that collect answers from managers: invite, serve, status, export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from . import F, cli

_BASE_URL_HELP = (
    "Where respondents reach the server, e.g. http://10.0.0.5:8765 (also CRM_ASSESS_BASE_URL) "
    "[default: where the last `collect serve` listened, else http://127.0.0.1:8000]."
)


def _workspace_arg(func: F) -> F:
    return click.argument(
        "workspace", type=click.Path(exists=True, file_okay=False, path_type=Path)
    )(func)


def _library_of(ctx: click.Context, workspace: Path) -> Any:
    """The user's libraries, the workspace's own `library/` folder, then the built-in one."""
    from ..loading import load_library
    from ..pipeline import workspace_library

    return load_library([*ctx.obj["library_dirs"], *workspace_library(workspace)])


@cli.group()
def collect() -> None:
    """Collect answers with a web questionnaire: each respondent gets a secret link.

    \b
    A typical round:
      crm-assess collect invite acme --name "Trần Minh Quân" --role executive --unit south
      crm-assess collect serve acme            # share the links; watch the status page
      crm-assess collect export acme           # answers → acme/responses/*.yaml
      crm-assess report acme --lang vi
    """


@collect.command()
@_workspace_arg
@click.option("--name", required=True, help="The respondent's full name.")
@click.option(
    "--role", required=True, help="executive, sales, marketing, service, it, finance or operations."
)
@click.option("--unit", help="Business unit id from assessment.yaml.")
@click.option("--email", help="E-mail address, kept for your records.")
@click.option(
    "--id",
    "person_id",
    help="Respondent id (default: made from the name); tells apart two people with the same name.",
)
@click.option("--new-link", is_flag=True, help="Replace the link of someone invited already.")
@click.option("--base-url", envvar="CRM_ASSESS_BASE_URL", help=_BASE_URL_HELP)
def invite(
    workspace: Path,
    name: str,
    role: str,
    unit: str | None,
    email: str | None,
    person_id: str | None,
    new_link: bool,
    base_url: str | None,
) -> None:
    """Add a respondent and print their secret link (the last line of output).

    Only that link reads or changes that respondent's answers; keep it private.
    """  # fmt: skip
    from ..collect import invite as do_invite
    from ..collect import link_for
    from ..collect.invite import link_base

    done = do_invite(workspace, name=name, role=role, unit=unit, email=email,
                     person_id=person_id, new_link=new_link)  # fmt: skip
    r = done.respondent
    where = "added to assessment.yaml" if done.added_to_assessment else "already in assessment.yaml"
    click.echo(
        f"{r.name} ({r.role}{', ' + r.unit if r.unit else ''}) as '{r.id}', {where}.", err=True
    )
    click.echo(link_for(link_base(workspace, base_url), done.token))


@collect.command()
@_workspace_arg
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    help="Port to listen on [default: the --base-url's when it is this machine, else 8000].",
)
@click.option("--base-url", envvar="CRM_ASSESS_BASE_URL", help=_BASE_URL_HELP)
@click.pass_context
def serve(
    ctx: click.Context, workspace: Path, host: str, port: int | None, base_url: str | None
) -> None:
    """Serve the web questionnaire of WORKSPACE until stopped with Ctrl+C.

    Answers are kept in WORKSPACE/collect.sqlite3, each one on disk before it is acknowledged.
    `collect invite` and `collect status` then print links to this server's address.
    """
    import uvicorn

    from ..collect.app import create_app
    from ..collect.invite import read_assessment, serving_base
    from ..collect.store import Store
    from ..report.labels import library_report_dirs

    library = _library_of(ctx, workspace)
    questionnaire = library.questionnaire(read_assessment(workspace).questionnaire)
    port, base, warning = serving_base(workspace, host, port, base_url)
    app = create_app(workspace, questionnaire, base_url, library_report_dirs(library))
    click.echo(f"Serving {workspace} on http://{host}:{port} (Ctrl+C to stop).", err=True)
    if warning:
        click.echo(f"warning: {warning}", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(
            "Links carry secrets: outside a trusted network, put this server behind HTTPS "
            "(a reverse proxy) and set CRM_ASSESS_BASE_URL to its https:// address.",
            err=True,
        )
    click.echo(f"Status page: {base}/status/{Store.of(workspace).status_token()}", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False,
                limit_concurrency=1000, timeout_keep_alive=30)  # fmt: skip


@collect.command()
@_workspace_arg
@click.option(
    "--new-link", is_flag=True, help="Replace the status page's link (the old one stops working)."
)
@click.option("--base-url", envvar="CRM_ASSESS_BASE_URL", help=_BASE_URL_HELP)
def status(workspace: Path, new_link: bool, base_url: str | None) -> None:
    """Who has started and who has finished; the status page's link is the last line."""
    from ..collect.invite import link_base, read_assessment
    from ..collect.store import Store
    from ..textformat import to_table

    assessment = read_assessment(workspace)
    store = Store.of(workspace)
    counts = store.answer_counts()
    lang = assessment.language
    rows = [[p.name, p.role, assessment.unit_name(p.unit, lang), counts.get(p.id, 0),
             "finished" if p.finished else ("started" if counts.get(p.id) else "invited")]
            for p in store.people()]  # fmt: skip
    click.echo(to_table(["respondent", "role", "unit", "answers", "state"], rows), err=True)
    base = link_base(workspace, base_url)
    click.echo(f"{base}/status/{store.status_token(rotate=new_link)}")


@collect.command(name="export")
@_workspace_arg
@click.option("--unfinished", is_flag=True, help="Also respondents who have not submitted yet.")
@click.option("--force", is_flag=True, help="Replace response files not written by this command.")
@click.pass_context
def export_cmd(ctx: click.Context, workspace: Path, unfinished: bool, force: bool) -> None:
    """Write collected answers to WORKSPACE/responses/, ready for `score` and `report`."""
    from ..collect import export_responses

    done = export_responses(
        workspace, _library_of(ctx, workspace), unfinished=unfinished, force=force
    )
    for warning in done.warnings:
        click.echo(str(warning), err=True)
    for name in done.skipped:
        click.echo(f"{name} has not submitted yet (use --unfinished to include them).", err=True)
    for path in done.unchanged:
        click.echo(f"unchanged {path}", err=True)
    for path in done.written:
        click.echo(str(path))
