"""Benchmark: load + score + gaps of a synthetic crm-full workspace, as a whole process.

    python bench/bench_scoring.py 500 5000 50000

For each size it builds the workspace once (not timed), then times `crm-assess gaps DIR
--format json` as a fresh process (imports and all), best of three runs.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from calibrate import calibration_line
from synth import make_workspace


def time_command(args: list[str], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def main(sizes: list[int]) -> None:
    cli = [sys.executable, "-m", "assessor"]
    print(calibration_line() + "\n")
    print("| respondents | load + score + gaps (s) | per 1,000 respondents (s) |")
    print("|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            ws = make_workspace(Path(tmp) / f"ws{n}", n)
            runs = 3 if n <= 5000 else 1
            seconds = time_command([*cli, "gaps", str(ws), "--format", "json"], runs)
            print(f"| {n:,} | {seconds:.2f} | {seconds / n * 1000:.3f} |", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [500, 5000])
