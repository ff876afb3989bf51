"""Commands for the peer benchmark: benchmark build, schema, profile."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from ..errors import AssessorError
from . import cli, jobs_option, progress


@cli.group()
def benchmark() -> None:
    """A peer benchmark: many assessments as anonymous score distributions."""


@benchmark.command("build")
@click.argument("workspaces", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
    help="The benchmark file to write (JSON).",
)  # fmt: skip
@jobs_option
@click.option("--force", is_flag=True, help="Replace an existing file.")
@click.pass_context
def build(
    ctx: click.Context, workspaces: tuple[Path, ...], output: Path, jobs: int | None, force: bool
) -> None:
    """Turn the assessments WORKSPACES into a benchmark file: per group of companies (all; by
    industry, company size and market from each `context:`) the quartiles of every dimension
    and capability. No names, no respondents; groups under five companies are left out.

    \b
    Example:
      crm-assess benchmark build clients/* -o peers.json
    """
    from ..benchmark_file import build_from_workspaces
    from ..fsio import write_atomic
    from ..textformat import to_json

    if output.exists() and not force:
        raise AssessorError(f"{output}: already exists (use --force to replace it)")
    with progress(len(workspaces), "Reading") as bar:
        data, failures = build_from_workspaces(
            workspaces, built=_today(), library_dirs=ctx.obj["library_dirs"], workers=jobs,
            on_done=lambda _: bar.update(1),
        )  # fmt: skip
    write_atomic(output, to_json(data) + "\n", force=True)
    published = ", ".join(f"{g['by']}={g['value']} ({g['companies']})" for g in data["groups"])
    click.echo(f"{data['companies']} companies; groups published: {published or 'none'}", err=True)
    click.echo(str(output))
    if failures:
        for _, lines in failures:
            for line in lines:
                click.echo(line, err=True)
        names = ", ".join(label for label, _ in failures)
        click.echo(f"{len(failures)} of {len(workspaces)} workspaces left out: {names}", err=True)
        ctx.exit(1)


def _today() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return when.date().isoformat()


@benchmark.command("schema")
def schema() -> None:
    """Print the JSON Schema of a benchmark file."""
    from ..benchmark_file import benchmark_schema

    click.echo(benchmark_schema(), nl=False)


@benchmark.command("profile")
@click.argument("peers", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("workspace", type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
    help="The profile file to write, e.g. WORKSPACE/library/peers-q3.yaml.",
)  # fmt: skip
@click.option("--force", is_flag=True, help="Replace an existing file.")
@click.pass_context
def profile(ctx: click.Context, peers: Path, workspace: Path, output: Path, force: bool) -> None:
    """Write a target profile from PEERS: the upper quartile of the peer group WORKSPACE
    belongs to, per dimension. Use it with `target: {profile: peers-q3}`.

    \b
    Example:
      crm-assess benchmark profile peers.json acme -o acme/library/peers-q3.yaml
    """
    from ..benchmark_file import load_benchmark, peer_profile
    from ..fsio import write_atomic
    from . import _run

    result = _run(ctx, workspace, False)
    text = peer_profile(load_benchmark(peers), result, source=peers.name)
    write_atomic(output, text, force=force)
    click.echo(str(output))
