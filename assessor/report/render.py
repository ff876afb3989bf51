"""HTML from Jinja2 templates, and PDF from the HTML (WeasyPrint).

    html = render_template("executive.html.j2", context, dirs)   # a dataclass or a mapping
    pdf = render_pdf(html, dirs)

Templates are looked up in the user's report folders first (`reports/` inside each `--library`
folder), then the built-in ones; `{% extends "default:base.html.j2" %}` reaches the built-in
template from an override of the same name. Every environment escapes everything
(`autoescape=True`) and refuses unknown names (`StrictUndefined`); Jinja's errors come out as
`RenderError`, with the template's file and line when Jinja knows them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..errors import RenderError
from ..gcpause import paused_gc
from ..loading import builtin_root, user_library
from .context import ReportContext

__all__ = ["render_html", "render_pdf", "render_template", "report_dirs"]


def report_dirs(library_dirs: Iterable[Path] = ()) -> tuple[Path, ...]:
    """User report folders first, the built-in one last."""
    user = [d / "reports" for d in user_library(library_dirs) if (d / "reports").is_dir()]
    return (*user, builtin_root() / "reports")


def _asset_url(dirs: tuple[Path, ...], name: str) -> str:
    for folder in dirs:
        if (folder / name).is_file():
            return (folder / name).resolve().as_uri()
    raise RenderError(f"report asset '{name}' not found in {', '.join(str(d) for d in dirs)}")


@functools.lru_cache(maxsize=8)
def _environment(dirs: tuple[Path, ...]) -> Any:
    """The Jinja environment of `dirs` (cached: templates compile once per process)."""
    import jinja2
    import markupsafe

    loader = jinja2.ChoiceLoader([
        jinja2.FileSystemLoader([str(d) for d in dirs]),
        jinja2.PrefixLoader({"default": jinja2.FileSystemLoader(str(dirs[-1]))}, delimiter=":"),
    ])  # fmt: skip
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.finalize = _kept_together
    env.globals["asset"] = functools.partial(_asset_url, dirs)
    env.filters["svg"] = markupsafe.Markup
    env.filters["fill"] = _fill
    return env


def _bytecode_cache() -> Any:
    """Compiled templates kept between runs (45 ms a report otherwise), or None if impossible.

    Jinja's own cache: a folder in the temporary directory that only this user may use (Jinja
    refuses one that others can write to), keyed by template name and path and checked against
    the template's source, so an edited template is compiled again.
    """
    import jinja2

    class QuietCache(jinja2.FileSystemBytecodeCache):
        def dump_bytecode(self, bucket: Any) -> None:
            with contextlib.suppress(OSError):  # a full or read-only disk: compile next time
                super().dump_bytecode(bucket)

    try:
        return QuietCache()
    except (OSError, RuntimeError):  # no temporary directory this user alone can write to
        return None


# a run of text joined by no-break spaces and holding a figure: "300 triệu – 1 tỷ đồng",
# "1,9–6,3 tỷ đồng", "tháng thứ 1–2"; kept on one line, en dash included (labels place the
# no-break spaces: reports/README.md)
_KEPT = re.compile(r"[^ \t\n\r\f\v]*\u00a0[^ \t\n\r\f\v]*")


def _kept_together(value: Any) -> Any:
    """Every printed value: a plain text's figures with their units (joined by no-break spaces
    in the labels) wrapped so that no line breaks inside them, not even after an en dash."""
    import markupsafe

    if not isinstance(value, str) or isinstance(value, markupsafe.Markup) or "\u00a0" not in value:
        return value
    escaped = str(markupsafe.escape(value))

    def keep(match: re.Match[str]) -> str:
        run = match.group(0)
        return f'<span class="kept">{run}</span>' if any(c.isdigit() for c in run) else run

    return markupsafe.Markup(_KEPT.sub(keep, escaped))


def _fill(text: str, **values: object) -> str:
    """`{{ labels.next_level | fill(level=3) }}`: a label's {placeholders} filled in."""
    return str(text).format(**values)


def _values(context: Any) -> dict[str, Any]:
    if dataclasses.is_dataclass(context) and not isinstance(context, type):
        return {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}
    if isinstance(context, Mapping):
        return dict(context)
    raise TypeError(f"a template context is a dataclass or a mapping, not {type(context).__name__}")


def _where(exc: BaseException) -> str:
    """'file:line: ' of the innermost template frame of a runtime error, when there is one."""
    tb = exc.__traceback__
    where = ""
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            where = f"{filename}:{tb.tb_lineno}: "
        tb = tb.tb_next
    return where


def render_template(name: str, context: Any, dirs: tuple[Path, ...], **extra: Any) -> str:
    """Template `name` rendered with a dataclass's fields (or a mapping's items) and `extra`.

    Raises RenderError for a missing template, a syntax error or an undefined name.
    """
    import jinja2

    values = {**_values(context), **extra}
    try:
        return str(_environment(tuple(dirs)).get_template(name).render(**values))
    except jinja2.TemplateNotFound as exc:
        raise RenderError(
            f"template '{exc.name}' not found in {', '.join(map(str, dirs))}"
        ) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"{exc.filename}:{exc.lineno}: template error: {exc.message}") from exc
    except jinja2.TemplateError as exc:
        raise RenderError(f"{_where(exc)}template error: {exc.message}") from exc


def render_html(
    context: ReportContext,
    dirs: tuple[Path, ...],
    logo: Path | None = None,
    progress: Any = None,
    peers: Any = None,
) -> str:
    """The report as one HTML document (`executive.html.j2` or `full.html.j2`); `progress` is
    the section on what moved since the baseline (`report.progress.ProgressView`), `peers` the
    one on the peer benchmark (`report.peers.PeersView`), each None when there is none."""
    logo_url = logo.resolve().as_uri() if logo is not None and logo.is_file() else None
    name = f"{context.kind}.html.j2"
    return render_template(name, context, dirs, logo_url=logo_url, progress=progress, peers=peers)


def render_pdf(html: str, dirs: tuple[Path, ...], logo: Path | None = None) -> bytes:
    """The tagged PDF (PDF/UA-1) of `html`, fetching nothing but the report folders and the logo."""
    from .engine import import_weasyprint, quicker_compression

    HTML = import_weasyprint().HTML
    from .fetcher import AssetOnlyFetcher

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    fetcher = AssetOnlyFetcher(dirs, [logo] if logo is not None else [])
    with paused_gc():
        document = HTML(string=html, base_url=str(dirs[-1]), url_fetcher=fetcher).render()
        with quicker_compression():
            return bytes(document.write_pdf(pdf_variant="pdf/ua-1"))
