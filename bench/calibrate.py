"""A fixed pure-Python loop, timed, so that figures from two machines can be compared.

A machine that takes twice as long on this loop takes about twice as long on the benchmarks.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def loop() -> None:
    total = 0
    for i in range(10_000_000):
        total += i * i


def timed(fn: Callable[[], object], runs: int = 5) -> list[float]:
    """Seconds of each of `runs` calls of fn."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def calibration_line(runs: int = 5) -> str:
    times = timed(loop, runs)
    return (
        f"Calibration (ten million multiply-adds in pure Python): {min(times):.2f} s best, "
        f"{statistics.median(times):.2f} s median of {runs}."
    )
