"""The cost of the second language: `careguide build` of the bundled clinics with English
only (CAREGUIDE_SPANISH=false turns off the Spanish build in mkdocs.yml) and with English
and Spanish, HTML only (CAREGUIDE_PDF=false) and with the PDF handouts.

    .venv/bin/python bench/languages.py [--repeat 3] [--jobs 1] [--no-write]

Each variant is run --repeat times into a fresh folder; the median wall time is reported.
--jobs 1 (one worker) by default, so the figures are the build's own cost, not the
machine's parallelism. Goal: the second language costs at most the time of the first.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import write_section  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CAREGUIDE = Path(sys.executable).parent / "careguide"


def timed_build(env: dict, jobs: int) -> float:
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        result = subprocess.run(
            [str(CAREGUIDE), "--root", str(ROOT), "build", "--jobs", str(jobs), "--site-dir", out],
            env=env, capture_output=True, text=True,
        )
        seconds = time.perf_counter() - started
        if result.returncode != 0:
            raise SystemExit(f"build failed:\n{result.stderr[-2000:]}")
        if any(Path(out).glob("*/es/index.html")) != (env["CAREGUIDE_SPANISH"] == "true"):
            raise SystemExit("CAREGUIDE_SPANISH did not switch the Spanish build")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    clinics = len(list((ROOT / "clinics").glob("*.yml")))

    lines = [
        "| output | English only (s) | English + Spanish (s) | Spanish adds (s) | second language / first |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, pdf in (("HTML", "false"), ("HTML + PDF", "true")):
        times = {}
        for spanish in ("false", "true"):
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CAREGUIDE_PDF": pdf, "CAREGUIDE_SPANISH": spanish}
            times[spanish] = statistics.median(timed_build(env, args.jobs) for _ in range(args.repeat))
        added = times["true"] - times["false"]
        lines.append(f"| {label} | {times['false']:.2f} | {times['true']:.2f} | {added:.2f} | {added / times['false']:.2f} |")
        print(lines[-1], flush=True)
    lines.append("")
    lines.append(
        f"{clinics} clinics, `careguide build --jobs {args.jobs}`, median of {args.repeat} runs each. The whole "
        "command is timed, so start-up (imports, clinic validation) counts once on both sides: the ratio is "
        "what a second language adds to a real build."
    )
    print("\n".join(lines))
    if not args.no_write:
        write_section(
            "Second language (Spanish)",
            f".venv/bin/python bench/languages.py --repeat {args.repeat} --jobs {args.jobs}",
            "the second language costs at most the time of the first (ratio <= 1.0).",
            lines,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
