"""Network builds: `careguide build --jobs 2` against N separate `mkdocs build` processes.

    .venv/bin/python bench/network.py [--sizes 1 10 50 200] [--sample 20] [--no-write]

Both sides build the same synthetic clinics in the same run. HTML only (CAREGUIDE_PDF=false):
the PDF has its own benchmark (bench/pdf.py). For large N, the separate builds are timed
on a sample of --sample clinics and scaled. Peak memory is the largest resident set of any
process of the run (for careguide build: its workers, which do the building).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import write_section  # noqa: E402
from synthetic import make_network  # noqa: E402

BIN = Path(sys.executable).parent
NOTE = [
    "What dominates a clinic in a warm worker (cProfile, 2026-11-28; both languages, 20 pages): Markdown",
    "conversion, compiling each page's Jinja for mkdocs-macros, Material's search indexing (an HTML parse",
    "per page) and reading mkdocs.yml, all per-page or per-build work that a standalone build also does.",
    "The fixed costs a worker pays once (careguide/worker_cache.py: compiled theme templates, the theme",
    "file listing, mkdocs-macros' git facts) are what separate builds repeat. Per-clinic time falls from",
    "N = 10 to 200 because starting the workers is spread over more clinics; it does not grow.",
]
# Runs a command and reports its wall time and the peak RSS of it and its descendants.
MEASURE = (
    "import resource, subprocess, sys, time, json;"
    "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True);"
    "print(json.dumps({'seconds': time.perf_counter() - t, 'rc': r.returncode, 'err': r.stderr[-2000:],"
    " 'peak_mib': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))"
)


def measure(command: list[str], cwd: Path, env: dict) -> dict:
    out = subprocess.run([sys.executable, "-c", MEASURE, *command], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result['err']}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 50, 200])
    parser.add_argument("--sample", type=int, default=20, help="separate builds timed per size, then scaled")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CAREGUIDE_PDF": "false"}

    lines = [
        "| N clinics | careguide build --jobs 2: total (s) | per clinic (s) | peak RSS per worker (MiB) "
        "| separate mkdocs builds: total (s) | per clinic (s) | peak RSS (MiB) | careguide / separate |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for count in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp)
            ids = make_network(project, count)
            ours = measure([str(BIN / "careguide"), "build", "--jobs", "2"], project, env)
            sample = ids[: min(count, args.sample)]
            separate = [
                measure([str(BIN / "mkdocs"), "build", "--quiet", "--site-dir", f"plain/{i}"], project, {**env, "CLINIC": i})
                for i in sample
            ]
        separate_each = sum(r["seconds"] for r in separate) / len(separate)
        ours_each = ours["seconds"] / count
        scaled = "" if len(sample) == count else f" (sample of {len(sample)}, scaled)"
        lines.append(
            f"| {count} | {ours['seconds']:.2f} | {ours_each:.3f} | {ours['peak_mib']:.0f} "
            f"| {separate_each * count:.1f}{scaled} | {separate_each:.3f} | {max(r['peak_mib'] for r in separate):.0f} "
            f"| {ours_each / separate_each:.2f} |"
        )
        print(lines[-1], flush=True)
    lines += ["", *NOTE]
    print("\n".join(lines))
    if not args.no_write:
        write_section(
            "Network build (HTML)",
            "make build && .venv/bin/python bench/network.py " + " ".join(["--sizes", *map(str, args.sizes), "--sample", str(args.sample)]),
            "per-clinic time at most 0.1 of separate mkdocs builds at N = 50 and 200; flat per-clinic time "
            "(within 20%) from N = 10 to 200; flat peak memory per worker.",
            lines,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
