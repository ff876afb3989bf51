"""One call from results to a finished report: context → HTML → (PDF)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from .. import checks
from ..errors import RenderError
from ..languages import require_result_language
from ..pipeline import AssessmentResult
from .context import build_context
from .peers import peers_view
from .progress import progress_view
from .render import render_html, render_pdf, report_dirs

__all__ = ["KINDS", "make_report"]

KINDS = ("executive", "full")
LOGO_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")


def _logo(result: AssessmentResult) -> Path | None:
    """The branding logo, which must be an image file inside the workspace folder."""
    name = result.workspace.assessment.branding.logo
    if not name:
        return None
    root = result.workspace.path.resolve()
    path = (root / name).resolve()
    where = f"{root / 'assessment.yaml'}: branding.logo"
    if not path.is_relative_to(root):
        raise RenderError(f"{where}: '{name}' is outside the workspace folder")
    if path.suffix.lower() not in LOGO_TYPES:
        raise RenderError(f"{where}: '{name}' is not an image ({', '.join(LOGO_TYPES)})")
    if not path.is_file():
        raise RenderError(f"{where}: '{name}' not found")
    return path


def make_report(
    result: AssessmentResult,
    *,
    lang: str,
    kind: str = "executive",
    fmt: str = "pdf",
    library_dirs: Iterable[Path] = (),
) -> bytes:
    """The report as PDF bytes, or as UTF-8 HTML bytes with fmt='html'."""
    if kind not in KINDS:
        raise RenderError(checks.unknown("report kind", kind, KINDS))
    if fmt not in ("pdf", "html"):
        raise RenderError(checks.unknown("format", fmt, ("pdf", "html")))
    require_result_language(lang, result)
    if result.scores.score is None:
        # A report now would put the company at level 1 and find nothing to do.
        raise RenderError(
            f"{result.workspace.path / 'responses'}: nothing to report yet: no answer has been "
            f"scored ({result.scores.respondents} respondents; answers of “not sure” and “not "
            "applicable” are not scored)"
        )
    dirs = report_dirs(library_dirs)
    logo = _logo(result)
    context = build_context(result, lang=lang, kind=kind, report_dirs=dirs)
    progress = progress_view(result, lang, library_dirs, context.labels)
    if progress is not None:  # the headline says what moved since the baseline
        context = dataclasses.replace(context, headline=f"{context.headline} {progress.headline}")
    html = render_html(context, dirs, logo, progress, peers_view(result, lang, context.labels))
    return html.encode("utf-8") if fmt == "html" else render_pdf(html, dirs, logo)
