"""Network builds: one `careguide build --jobs 2` of N clinics beside building each clinic on its own.

    .venv/bin/python bench/network.py [--engine mkdocs|zensical] [--sizes 1 10 50 200] [--sample 20] [--smoke] [--no-write]

Both sides build the same synthetic clinics (bench/projects.py: copies of the bundled
examples, in a copy of this project), both languages, in the same run, HTML only (the
handout step left out, bench/careguide_steps.py: the PDF has its own benchmark). The
baseline is what a network without the shared build would run: one `careguide build
--clinic ID --jobs 1` process per clinic. For large N it is timed on --sample clinics and
scaled. Peak memory is the largest resident set of any process of the run (for the
network build: a worker). --smoke: N = 2, a sample of 1, nothing written.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from projects import copy_project, synthetic_clinics  # noqa: E402
from results import ENGINE_NAMES, Section  # noqa: E402
from timing import CAREGUIDE_HTML_ONLY, run  # noqa: E402

NOTES = {
    "mkdocs": [
        "Why the shared build is cheaper: a MkDocs worker pays the fixed costs once (importing MkDocs,",
        "Material and the macros, compiling the theme's templates and listing its files:",
        "careguide/worker_cache.py), then builds clinic after clinic; a separate build pays them for every",
        "clinic. What is left per clinic is work both sides do: Markdown and the macros' Jinja for its",
        "pages in two languages, then careguide's steps over the built HTML (crisis links, CSP, slimming,",
        "the Pagefind index per language, the sitemaps). That work bounds the ratio: with two jobs a",
        "clinic costs at least half of it, and a separate build costs all of it plus the start-up.",
    ],
    "zensical": [
        "Why the shared build saves less on Zensical: its adapter (careguide/engines/zensical.py) runs",
        "`zensical build` as its own process for every clinic and language, in a private copy of the",
        "project (Zensical keeps its configuration in process-wide state and races on a shared cache),",
        "so each render pays Zensical's start-up and the copy on both sides. The shared build saves only",
        "careguide's own start-up (imports, loading the project) and runs two builds at a time.",
    ],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=ENGINE_NAMES, default="mkdocs")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 50, 200])
    parser.add_argument("--sample", type=int, default=20, help="separate builds timed per size, then scaled")
    parser.add_argument("--smoke", action="store_true", help="N = 2, a sample of 1, nothing written")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    sizes, sample_size = ([2], 1) if args.smoke else (args.sizes, args.sample)
    section = Section(
        f"Network build, HTML ({ENGINE_NAMES[args.engine]})",
        "(issue 13) per-clinic time at most 0.11 of separate builds at N = 50 and 200, both languages; "
        "flat per-clinic time (within 20%) from N = 10 up; flat peak memory per worker.",
    )

    lines = [
        "| N clinics | network build `--jobs 2`: total (s) | per clinic (s) | peak RSS (MiB) "
        "| baseline, separate builds: total (s) | per clinic (s) | peak RSS (MiB) | network / separate |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    ratios = {}
    for count in sizes:
        with tempfile.TemporaryDirectory(prefix="careguide-bench-network-") as tmp:
            project = copy_project(Path(tmp) / "project", synthetic_clinics(count))
            build = [*CAREGUIDE_HTML_ONLY, "--root", str(project), "build", "--no-cache", "--engine", args.engine]
            network = run([*build, "--jobs", "2", "--site-dir", str(Path(tmp) / "network")])
            sample = sorted(synthetic_clinics(count))[:sample_size]
            separate = [run([*build, "--clinic", i, "--jobs", "1", "--site-dir", str(Path(tmp) / "separate" / i)]) for i in sample]
        separate_each = sum(r["seconds"] for r in separate) / len(separate)
        network_each = network["seconds"] / count
        ratios[count] = network_each / separate_each
        scaled = "" if len(sample) == count else f" (sample of {len(sample)}, scaled)"
        lines.append(
            f"| {count} | {network['seconds']:.2f} | {network_each:.3f} | {network['peak_mib']:.0f} "
            f"| {separate_each * count:.1f}{scaled} | {separate_each:.3f} | {max(r['peak_mib'] for r in separate):.0f} "
            f"| {ratios[count]:.2f} |"
        )
        print(lines[-1], file=sys.stderr, flush=True)
    section.emit(
        [*lines, "", *NOTES[args.engine]],
        baseline={"separate build, per clinic, largest N (s)": separate_each},
        measured={f"network / separate, N={n}": ratio for n, ratio in ratios.items()},
        write=not (args.smoke or args.no_write),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
