"""Benchmark: batches of reports in parallel worker processes against one after another.

    python bench/bench_batch.py

1. `crm-assess demo` (the example's four PDFs: executive and full, Vietnamese and English) with
   `--jobs 1` and with one worker per core, as whole processes.
2. `crm-assess report WS --by unit` of a synthetic `crm-full` workspace of 20 business units
   (60 respondents, three per unit): the whole company's executive report and twenty units'
   reports, with `--jobs 1` and with one worker per core.

Best of three runs each (the machine is shared, so its speed wanders); the speed-up is the
ratio of the best times. It also checks that both ways write the same bytes.
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from calibrate import calibration_line
from synth import make_workspace

RUNS = 3


def best(args: list[str], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)


def same_files(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.glob("*.pdf"))
    return names == sorted(p.name for p in b.glob("*.pdf")) and all(
        filecmp.cmp(a / n, b / n, shallow=False) for n in names
    )


def row(label: str, one: float, many: float, same: bool) -> str:
    return f"| {label} | {one:.2f} | {many:.2f} | {one / many:.2f}× | {'yes' if same else 'NO'} |"


def main() -> None:
    cli = [sys.executable, "-m", "assessor"]
    workers = len(os.sched_getaffinity(0))
    print(calibration_line() + "\n")
    print(f"| batch | one after another (s) | {workers} workers (s) | speed-up | same bytes |")
    print("|---|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        one = best([*cli, "demo", "-j", "1", "-o", str(out / "demo1")])
        many = best([*cli, "demo", "-o", str(out / "demo2")])
        print(
            row("`demo`: four PDFs", one, many, same_files(out / "demo1", out / "demo2")),
            flush=True,
        )
        ws = make_workspace(out / "units", 60, units=20)
        report = [*cli, "report", str(ws), "--by", "unit", "--force"]
        one = best([*report, "-j", "1", "-o", str(out / "u1" / "r.pdf")])
        many = best([*report, "-o", str(out / "u2" / "r.pdf")])
        print(row("`report --by unit`: 1 + 20 PDFs", one, many, same_files(out / "u1", out / "u2")))


if __name__ == "__main__":
    main()
