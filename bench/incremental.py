"""Incremental builds: `careguide build` reusing each clinic's stored build, beside a full build.

    .venv/bin/python bench/incremental.py [--clinics 50] [--smoke] [--no-write]

N synthetic clinics (bench/projects.py), both languages with both PDFs, `careguide build
--jobs 2`, all in one copy of this project. The baseline is a full build with --no-cache;
then, with the cache: a cold build (every clinic built and stored), a build with nothing
changed (every clinic restored and checked), and a build after one clinic file changed (that
clinic built, the others restored). --smoke: N = 2, nothing written.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from projects import copy_project, synthetic_clinics  # noqa: E402
from results import Section  # noqa: E402
from timing import CAREGUIDE, run  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clinics", type=int, default=50)
    parser.add_argument("--smoke", action="store_true", help="N = 2, nothing written")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    count = 2 if args.smoke else args.clinics
    section = Section(
        "Incremental builds (MkDocs + Material)",
        "(issue 19) a build with nothing changed, and one after one clinic file changed, cost a small "
        "fraction of a full build; one changed clinic rebuilds one clinic.",
    )
    with tempfile.TemporaryDirectory(prefix="careguide-bench-incremental-") as tmp:
        project = copy_project(Path(tmp) / "project", synthetic_clinics(count))
        build = [*CAREGUIDE, "--root", str(project), "build", "--jobs", "2"]
        full = run([*build, "--no-cache", "--site-dir", str(Path(tmp) / "full")])
        site = ["--site-dir", str(Path(tmp) / "site")]
        cold = run([*build, *site])
        unchanged = run([*build, *site])
        clinic = project / "clinics" / "synthetic-000.yml"
        clinic.write_text(clinic.read_text().replace("Synthetic Example Clinic 0", "Synthetic Example Clinic Zero"))
        one_changed = run([*build, *site])
    rows = {
        "baseline: full build, `--no-cache`": full,
        "cold cache (every clinic built and stored)": cold,
        "nothing changed (every clinic restored)": unchanged,
        "one clinic file changed (1 built)": one_changed,
    }
    lines = [
        f"| build of {count} clinics, `--jobs 2` | total (s) | per clinic (s) | / full build |",
        "|---|---:|---:|---:|",
        *(
            f"| {name} | {r['seconds']:.2f} | {r['seconds'] / count:.3f} | {r['seconds'] / full['seconds']:.2f} |"
            for name, r in rows.items()
        ),
        "",
        "A restored clinic is copied from .cache/careguide/ and every file's sha256 checked against its",
        "manifest; what is left of a build with nothing changed is careguide's start-up, validating the",
        "clinics, hashing the inputs (build_cache.INPUTS), the network index and the switch.",
    ]
    section.emit(
        lines,
        baseline={"full build, --no-cache (s)": full["seconds"]},
        measured={
            "cold / full": cold["seconds"] / full["seconds"],
            "nothing changed / full": unchanged["seconds"] / full["seconds"],
            "one clinic changed / full": one_changed["seconds"] / full["seconds"],
        },
        write=not (args.smoke or args.no_write),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
