"""Benchmark: the example's full PDF report end to end, as a whole process; and Chromium.

    python bench/bench_report.py

1. `crm-assess report examples/saigon-xanh --kind full` (and `--kind executive`) as a fresh
   process, best of 3.
2. Inside one process: the pipeline's own work (load, score, plan, context, HTML) against
   WeasyPrint's layout and PDF writing, to see what share the pipeline takes.
3. If Chromium is installed (`apt-get install chromium`), `chromium --headless --print-to-pdf`
   of the same HTML, as a whole process, best of 3.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from assessor.demo import example_workspace
from assessor.pipeline import run_assessment
from assessor.report.context import build_context
from assessor.report.render import render_html, render_pdf, report_dirs


def best_of(runs: int, fn) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    ws = example_workspace()
    with tempfile.TemporaryDirectory() as tmp:

        def command(kind: str) -> list[str]:
            out = Path(tmp) / f"{kind}.pdf"
            return [sys.executable, "-m", "assessor", "report", str(ws), "--kind", kind, "--lang", "vi",
                    "-o", str(out), "--force"]  # fmt: skip

        whole = best_of(3, lambda: subprocess.run(command("full"), check=True, capture_output=True))
        executive = command("executive")
        whole_executive = best_of(
            3, lambda: subprocess.run(executive, check=True, capture_output=True)
        )
        dirs = report_dirs()
        import weasyprint  # noqa: F401  (imported once, outside the timings)

        html_holder: list[str] = []

        def pipeline() -> None:
            result = run_assessment(ws)
            html_holder[:] = [render_html(build_context(result, lang="vi", kind="full"), dirs)]

        ours = best_of(3, pipeline)
        layout = best_of(3, lambda: render_pdf(html_holder[0], dirs))
        print("| measure | seconds |")
        print("|---|---:|")
        print(f"| `crm-assess report --kind full` as a whole process (best of 3) | {whole:.2f} |")
        print(
            f"| `crm-assess report --kind executive` as a whole process (best of 3) | {whole_executive:.2f} |"
        )
        print(f"| in process: load, score, gaps, roadmap, context, HTML | {ours:.3f} |")
        print(f"| in process: WeasyPrint layout and PDF writing | {layout:.2f} |")
        print(
            f"| pipeline's share of the in-process total | {ours / (ours + layout) * 100:.0f} % |"
        )
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium:
            html_file = Path(tmp) / "full.html"
            html_file.write_text(html_holder[0], encoding="utf-8")
            ccmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp}/profile", f"--print-to-pdf={tmp}/chromium.pdf", html_file.as_uri()]  # fmt: skip
            seconds = best_of(3, lambda: subprocess.run(ccmd, check=True, capture_output=True))
            print(
                f"| Chromium headless print-to-PDF of the same HTML, whole process (best of 3) | {seconds:.2f} |"
            )
        else:
            print("| Chromium headless print-to-PDF | not installed |")


if __name__ == "__main__":
    main()
