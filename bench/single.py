"""One clinic: `careguide build --clinic X` against a plain Material build of the same pages.

    .venv/bin/python bench/single.py [--clinic ID] [--repeat 5] [--no-write]

Both are whole commands (process start included), timed in the same run, median of
--repeat. The plain build is bench/lighthouse.py's: our pages (with the macros and both
languages) on Material's defaults, without our overrides, PDF or publishing. Ours is timed
as HTML only (CAREGUIDE_PDF=false, the same pages as the plain build) and whole (with the
two PDF handouts).
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
from lighthouse import plain_project  # noqa: E402
from results import ROOT, write_section  # noqa: E402

BIN = Path(sys.executable).parent


def timed(command: list[str], cwd: Path, env: dict, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clinic", default=sorted(p.stem for p in (ROOT / "clinics").glob("*.yml"))[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CLINIC": args.clinic}

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        plain = timed([str(BIN / "mkdocs"), "build", "--quiet", "--site-dir", str(work / "plain")],
                      plain_project(work), env, args.repeat)
        ours = [str(BIN / "careguide"), "build", "--clinic", args.clinic, "--jobs", "1", "--site-dir", str(work / "ours")]
        html = timed(ours, ROOT, {**env, "CAREGUIDE_PDF": "false"}, args.repeat)
        whole = timed(ours, ROOT, env, args.repeat)

    lines = [
        f"| build of {args.clinic} (English + Spanish) | median of {args.repeat} (s) | ratio to plain Material |",
        "|---|---:|---:|",
        f"| plain Material, `mkdocs build` | {plain:.2f} | 1.00 |",
        f"| `careguide build --clinic {args.clinic}`, HTML only | {html:.2f} | {html / plain:.2f} |",
        f"| `careguide build --clinic {args.clinic}`, with both PDFs | {whole:.2f} | {whole / plain:.2f} |",
    ]
    print("\n".join(lines))
    if not args.no_write:
        write_section(
            "One clinic",
            f".venv/bin/python bench/single.py --clinic {args.clinic} --repeat {args.repeat}",
            "at most 1.2 times a plain Material build of the same pages.",
            lines,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
