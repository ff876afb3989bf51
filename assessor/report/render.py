"""HTML from the report context (Jinja2), and PDF from the HTML (WeasyPrint).

Templates are looked up in the user's report folders first (`reports/` inside each `--library`
folder), then the built-in ones; `{% extends "default:base.html.j2" %}` reaches the built-in
template from an override of the same name.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import RenderError
from ..loading import builtin_root
from .context import ReportContext

__all__ = ["render_html", "render_pdf", "report_dirs"]


def report_dirs(library_dirs: Iterable[Path] = ()) -> tuple[Path, ...]:
    """User report folders first, the built-in one last."""
    user = [d / "reports" for d in library_dirs if (d / "reports").is_dir()]
    return (*user, builtin_root() / "reports")


def _environment(dirs: tuple[Path, ...]) -> Any:
    import jinja2
    import markupsafe

    loader = jinja2.ChoiceLoader([
        jinja2.FileSystemLoader([str(d) for d in dirs]),
        jinja2.PrefixLoader({"default": jinja2.FileSystemLoader(str(dirs[-1]))}, delimiter=":"),
    ])  # fmt: skip
    env = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined)

    def asset(name: str) -> str:
        for folder in dirs:
            if (folder / name).is_file():
                return (folder / name).resolve().as_uri()
        raise RenderError(f"report asset '{name}' not found in {', '.join(str(d) for d in dirs)}")

    env.globals["asset"] = asset
    env.filters["svg"] = markupsafe.Markup
    return env


def render_html(context: ReportContext, dirs: tuple[Path, ...], logo: Path | None = None) -> str:
    """The report as one HTML document."""
    import jinja2

    env = _environment(dirs)
    values = {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}
    values["logo_url"] = logo.resolve().as_uri() if logo is not None and logo.is_file() else None
    try:
        return str(env.get_template(f"{context.kind}.html.j2").render(**values))
    except jinja2.TemplateError as exc:
        where = (
            f"{exc.filename}:{exc.lineno}: " if isinstance(exc, jinja2.TemplateSyntaxError) else ""
        )
        raise RenderError(f"{where}template error: {exc.message}") from exc


def render_pdf(html: str, dirs: tuple[Path, ...], logo: Path | None = None) -> bytes:
    """The PDF of `html`, fetching nothing but the report folders' files and the logo."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    from .fetcher import AssetOnlyFetcher

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    fetcher = AssetOnlyFetcher(dirs, [logo] if logo is not None else [])
    fonts = FontConfiguration()
    document = HTML(string=html, base_url=str(dirs[-1]), url_fetcher=fetcher).render(
        font_config=fonts
    )
    return bytes(document.write_pdf(pdf_variant="pdf/ua-1"))
