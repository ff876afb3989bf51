"""Benchmark: the example's full PDF report end to end, as a whole process; and Chromium.

    python bench/bench_report.py

1. `crm-assess report examples/saigon-xanh --kind full` (and `--kind executive`) as a fresh
   process, best and median of 5 (a shared machine's speed wanders by a third from run to run).
2. Inside one process: the pipeline's own work (load, score, plan, context, HTML) against
   WeasyPrint's layout and PDF writing, to see what share the pipeline takes.
   It also counts the Python function calls WeasyPrint makes for one render: a measure of its
   work that does not wander with the machine, for comparing changes to the templates and CSS.
3. If Chromium is installed (`apt-get install chromium`), `chromium --headless --print-to-pdf`
   of the same HTML, as a whole process, best and median of 5.

To compare machines, it also times a fixed pure-Python loop (`calibrate.py`).

It also says whether HarfBuzz's subsetter (Debian's libharfbuzz-subset0, which `make demo`
installs) is there: without it WeasyPrint subsets the fonts with fontTools, which is slower.
"""

from __future__ import annotations

import cProfile
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from calibrate import calibration_line, timed

from assessor.demo import example_workspace
from assessor.pipeline import run_assessment
from assessor.report.context import build_context
from assessor.report.render import render_html, render_pdf, report_dirs

RUNS = 5  # each measure; the calibration loop takes the same default


def cell(times: list[float]) -> str:
    return f"{min(times):.2f} | {statistics.median(times):.2f}"


def calls(work: Callable[[], object]) -> int:
    """How many Python function calls `work` makes: a measure of work that a busy or slower
    machine does not change (the render before it warms the caches up)."""
    profile = cProfile.Profile()
    profile.runcall(work)
    return int(pstats.Stats(profile).total_calls)  # type: ignore[attr-defined]


def main() -> None:
    ws = example_workspace()
    with tempfile.TemporaryDirectory() as tmp:

        def command(kind: str) -> list[str]:
            out = Path(tmp) / f"{kind}.pdf"
            return [sys.executable, "-m", "assessor", "report", str(ws), "--kind", kind, "--lang", "vi",
                    "-o", str(out), "--force"]  # fmt: skip

        whole = timed(
            lambda: subprocess.run(command("full"), check=True, capture_output=True), RUNS
        )
        executive = command("executive")
        whole_executive = timed(
            lambda: subprocess.run(executive, check=True, capture_output=True), RUNS
        )
        dirs = report_dirs()
        import weasyprint  # noqa: F401  (imported once, outside the timings)
        from weasyprint.pdf import fonts

        subsetter = "HarfBuzz" if fonts.harfbuzz_subset else "fontTools (no libharfbuzz-subset0)"

        html_holder: list[str] = []

        def pipeline() -> None:
            result = run_assessment(ws)
            html_holder[:] = [render_html(build_context(result, lang="vi", kind="full"), dirs)]

        ours = timed(pipeline, RUNS)
        layout = timed(lambda: render_pdf(html_holder[0], dirs), RUNS)
        share = min(ours) / (min(ours) + min(layout)) * 100
        print(f"Font subsetting: {subsetter}; {RUNS} runs each.")
        print(calibration_line() + "\n")
        print("| measure | best (s) | median (s) |")
        print("|---|---:|---:|")
        print(f"| `crm-assess report --kind full` as a whole process | {cell(whole)} |")
        print(
            f"| `crm-assess report --kind executive` as a whole process | {cell(whole_executive)} |"
        )
        print(f"| in process: load, score, gaps, roadmap, context, HTML | {cell(ours)} |")
        print(f"| in process: WeasyPrint layout and PDF writing | {cell(layout)} |")
        print(f"| pipeline's share of the in-process total (best runs) | {share:.0f} % | |")
        print(f"| WeasyPrint's work for one full report, in Python function calls | {calls(lambda: render_pdf(html_holder[0], dirs)) / 1e6:.2f} million | |")  # fmt: skip
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium:
            html_file = Path(tmp) / "full.html"
            html_file.write_text(html_holder[0], encoding="utf-8")
            ccmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp}/profile", f"--print-to-pdf={tmp}/chromium.pdf", html_file.as_uri()]  # fmt: skip
            seconds = timed(lambda: subprocess.run(ccmd, check=True, capture_output=True), RUNS)
            print(
                f"| Chromium headless print-to-PDF of the same HTML, whole process | {cell(seconds)} |"
            )
        else:
            print("| Chromium headless print-to-PDF | not installed | |")


if __name__ == "__main__":
    main()
