"""The whole test suite's wall time (`make test`, browser tests and benchmark smoke runs included).

    .venv/bin/python bench/suite.py [--smoke] [--no-write]

Runs the README's test command once in this checkout and records how long it took, with
pytest's own summary line. There is no same-run baseline for a whole suite; it is held to
its budget (issue 8): under 5 minutes on this 2-core machine. --smoke: collects the suite
instead (`pytest --collect-only`), nothing written.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from projects import ROOT  # noqa: E402
from results import Section  # noqa: E402

BUDGET_SECONDS = 300


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="collect the suite only, nothing written")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    section = Section("Test suite", f"under {BUDGET_SECONDS // 60} minutes on this machine.")
    command = [sys.executable, "-m", "pytest", "--collect-only", "-q"] if args.smoke else ["make", "test"]
    started = time.perf_counter()
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    summary = next(
        (line.strip("= ") for line in reversed(run.stdout.splitlines()) if re.search(r"\d+ (passed|failed|tests? collected)", line)),
        None,
    )
    if summary is None:
        raise SystemExit(f"{' '.join(command)} printed no pytest summary (exit {run.returncode}):\n{run.stdout[-2000:]}{run.stderr[-2000:]}")
    shown = "make test" if not args.smoke else "pytest --collect-only -q"
    lines = [
        "| command | exit status | wall time | pytest |",
        "|---|---:|---:|---|",
        f"| baseline: the budget | | {BUDGET_SECONDS // 60} min 0 s | |",
        f"| `{shown}` | {run.returncode} | {seconds // 60:.0f} min {seconds % 60:.0f} s | {summary} |",
        "",
        "The suite ran on the same shared 2 cores as the other work (see the load average above).",
    ]
    section.emit(
        lines,
        baseline={"budget (s)": BUDGET_SECONDS},
        measured={"wall time (s)": seconds},
        write=not (args.smoke or args.no_write),
    )
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
