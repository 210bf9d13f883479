"""The whole test suite's wall time (`make test`, browser tests included).

    .venv/bin/python bench/suite.py [--no-write]

Runs the README's test command once in this checkout and records how long it took, with
pytest's own summary line. Goal (issue 8): under 5 minutes on this 2-core machine.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import ROOT, write_section  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    run = subprocess.run(["make", "test"], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    summary = next((line.strip("= ") for line in reversed(run.stdout.splitlines()) if re.search(r"\d+ passed", line)), "")
    lines = [
        "| command | exit status | wall time | pytest |",
        "|---|---:|---:|---|",
        f"| `make test` | {run.returncode} | {seconds // 60:.0f} min {seconds % 60:.0f} s | {summary} |",
    ]
    print("\n".join(lines))
    if not args.no_write:
        write_section("Test suite", ".venv/bin/python bench/suite.py", "under 5 minutes on this machine.", lines)
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
