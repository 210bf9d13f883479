"""Timing whole commands, as a person would run them (process start included)."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent
CAREGUIDE = [str(BIN / "careguide")]
# careguide with its handout step left out (bench/careguide_steps.py): the HTML only
CAREGUIDE_HTML_ONLY = [sys.executable, str(Path(__file__).with_name("careguide_steps.py")), "--no-handout", "--"]
# Runs a command; prints its wall time and the peak resident set of its largest process.
_MEASURE = (
    "import resource, subprocess, sys, time, json;"
    "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True);"
    "print(json.dumps({'seconds': time.perf_counter() - t, 'rc': r.returncode, 'err': r.stderr[-3000:],"
    " 'peak_mib': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))"
)


def run(command: list[str], cwd: Path | None = None) -> dict:
    """{'seconds', 'peak_mib'} of one run; stops the benchmark with what the command said if it fails."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, *command], cwd=cwd, capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"{' '.join(command)} failed (exit {result['rc']}):\n{result['err']}")
    return result


def median_seconds(commands: list[tuple[list[str], Path | None]], repeat: int) -> float:
    """Median over `repeat` runs of the time to run `commands` one after another."""
    return statistics.median(sum(run(command, cwd)["seconds"] for command, cwd in commands) for _ in range(repeat))


# careguide with each engine render, handout and PDF render timed (bench/careguide_steps.py)
def run_timing_steps(careguide_args: list[str], log: Path) -> tuple[dict, list[dict]]:
    """One whole run ({'seconds', 'peak_mib'}) and the steps it timed, in the order they ended."""
    log.unlink(missing_ok=True)
    whole = run([sys.executable, str(Path(__file__).with_name("careguide_steps.py")), "--step-times", str(log), "--",
                 *careguide_args])
    return whole, [json.loads(line) for line in log.read_text().splitlines()]


def median_of(steps: list[dict], step: str, language: str) -> float:
    times = [s["seconds"] for s in steps if s["step"] == step and s["language"] == language]
    if not times:
        raise SystemExit(f"no {step!r} step was timed in {language!r}: did bench/careguide_steps.py lose track of it?")
    return statistics.median(times)
