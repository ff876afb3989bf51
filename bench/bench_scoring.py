"""Benchmark: load + score + gaps of a synthetic crm-full workspace, as a whole process.

    python bench/bench_scoring.py 500 5000 50000

For each size it builds the workspace once (not timed), then times `crm-assess gaps DIR
--format json` as a fresh process (imports and all): once with an empty cache of checked
responses (the first run after the responses changed; `assessor/response_cache.py`), then the
best of three runs that find the cache (one at 50,000), and once with the cache off.
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
from synth import make_workspace


def time_command(args: list[str], runs: int = 3, env: dict[str, str] | None = None) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, env=env)
        best = min(best, time.perf_counter() - start)
    return best


def main(sizes: list[int]) -> None:
    cli = [sys.executable, "-m", "assessor"]
    print(calibration_line() + "\n")
    print(
        "| respondents | first run (s) | later runs, best (s) | per 1,000, later (s) | cache off (s) |"
    )
    print("|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            ws = make_workspace(Path(tmp) / f"ws{n}", n)
            env = {**os.environ, "CRM_ASSESS_CACHE": str(Path(tmp) / f"cache{n}")}
            args = [*cli, "gaps", str(ws), "--format", "json"]
            first = time_command(args, 1, env)
            later = time_command(args, 3 if n <= 5000 else 1, env)
            off = time_command(args, 1, {**env, "CRM_ASSESS_CACHE": "off"})
            print(f"| {n:,} | {first:.2f} | {later:.2f} | {later / n * 1000:.3f} | {off:.2f} |",
                  flush=True)  # fmt: skip


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [500, 5000])
