"""Benchmark: `crm-assess benchmark build` over a synthetic portfolio, as a whole process.

    python bench/bench_benchmark.py [N]      # N companies, 200 by default

Writes the portfolio once (`portfolio.py`, not timed), then times `crm-assess benchmark build
DIR/* -o peers.json` as a fresh process: the first run (no checked responses cached yet), then
the best of three later runs, with one worker per core, and the first run with one worker.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from calibrate import calibration_line
from portfolio import make_portfolio


def best(args: list[str], runs: int = 3, cache: str = "") -> float:
    env = {**os.environ, "CRM_ASSESS_CACHE": cache} if cache else None
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=env)  # fmt: skip
        times.append(time.perf_counter() - start)
    return min(times)


def main(n: int) -> None:
    print(calibration_line() + "\n")
    print(
        "| companies | respondents | first run (s) | later runs, best (s) | first run, one worker (s) |"
    )
    print("|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        folders = make_portfolio(Path(tmp) / "portfolio", n)
        people = sum(len(list((f / "responses").iterdir())) for f in folders)
        build = [sys.executable, "-m", "assessor", "benchmark", "build", *map(str, folders),
                 "-o", str(Path(tmp) / "peers.json"), "--force"]  # fmt: skip
        first = best(build, 1, cache=str(Path(tmp) / "cache1"))
        later = best(build, 3, cache=str(Path(tmp) / "cache1"))
        one = best([*build, "-j", "1"], 1, cache=str(Path(tmp) / "cache2"))
        print(f"| {n} | {people:,} | {first:.2f} | {later:.2f} | {one:.2f} |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
