"""Benchmark: how fast broken input is refused.

    python bench/bench_errors.py

Copies examples/saigon-xanh, breaks one response file in a few ways, and times
`crm-assess score DIR` as a fresh process (imports, library and all; best of three runs):

- 10,000 unknown question ids in one response (10,000 problem lines);
- 10,000 repeats of one key (10,000 duplicate-key lines);
- a 50 MB response (refused by its size before it is read).

The time of the same command on the unbroken copy is printed first, as the floor: what any
command costs before it reads a single response (interpreter, imports, the built-in library).
The last column is the part the broken file is responsible for: loading and checking the
workspace in this process, with the library already loaded (best of three).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from calibrate import calibration_line

ROOT = Path(__file__).resolve().parent.parent
RESPONSE = "responses/bui-quoc-viet.yaml"


def time_command(args: list[str], runs: int = 3) -> tuple[float, int, int]:
    """Best wall time of `runs`, the exit status and the number of stderr lines."""
    best, code, lines = float("inf"), 0, 0
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(args, capture_output=True)
        best = min(best, time.perf_counter() - start)
        code, lines = done.returncode, len(done.stderr.splitlines())
    return best, code, lines


def time_loading(ws: Path, runs: int = 3) -> float:
    """Best time of loading and checking the workspace, the library loaded beforehand."""
    from assessor.errors import AssessorError
    from assessor.gcpause import paused_gc
    from assessor.loading import load_library
    from assessor.workspace import load_workspace

    library = load_library()
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        try:
            with paused_gc():  # as the commands load (pipeline.run_assessment)
                load_workspace(ws, library)
        except AssessorError as exc:
            "\n".join(exc.lines())  # the text the command prints
        best = min(best, time.perf_counter() - start)
    return best


def _with_answers(text: str, extra: str) -> str:
    return text.replace("answers:\n", "answers:\n" + extra, 1)


def cases(ws: Path) -> list[tuple[str, str | None]]:
    """(name, new text of the response or None for a 50 MB file)."""
    original = (ws / RESPONSE).read_text("utf-8")
    unknown = "".join(f"  unknown-question-{i}: 2\n" for i in range(10_000))
    repeated = "  vision-promise: 2\n" * 10_000
    return [
        ("unbroken workspace (the floor)", original),
        ("10,000 unknown question ids", _with_answers(original, unknown)),
        ("10,000 repeats of one key", _with_answers(original, repeated)),
        ("a 50 MB response", None),
    ]


def main() -> None:
    cli = [sys.executable, "-m", "assessor", "score"]
    print(calibration_line() + "\n")
    print("| input | exit status | problem lines | `score` as a process (s) | loading (s) |")
    print("|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "ws"
        shutil.copytree(ROOT / "examples/saigon-xanh", ws)
        original = (ws / RESPONSE).read_text("utf-8")
        for name, text in cases(ws):
            if text is None:
                comment = "# " + "x" * 98 + "\n"
                (ws / RESPONSE).write_text(original + comment * 500_000, "utf-8")
            else:
                (ws / RESPONSE).write_text(text, "utf-8")
            seconds, code, lines = time_command([*cli, str(ws)])
            loading = time_loading(ws)
            print(f"| {name} | {code} | {lines:,} | {seconds:.2f} | {loading:.2f} |", flush=True)


if __name__ == "__main__":
    main()
