"""One call from results to a finished report: context → HTML → (PDF)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..pipeline import AssessmentResult
from .context import build_context
from .render import render_html, render_pdf, report_dirs

__all__ = ["make_report"]


def make_report(
    result: AssessmentResult,
    *,
    lang: str,
    kind: str = "executive",
    fmt: str = "pdf",
    library_dirs: Iterable[Path] = (),
) -> bytes:
    """The report as PDF bytes, or as UTF-8 HTML bytes with fmt='html'."""
    dirs = report_dirs(library_dirs)
    logo_name = result.workspace.assessment.branding.logo
    logo = (result.workspace.path / logo_name) if logo_name else None
    html = render_html(build_context(result, lang=lang, kind=kind, report_dirs=dirs), dirs, logo)
    return html.encode("utf-8") if fmt == "html" else render_pdf(html, dirs, logo)
