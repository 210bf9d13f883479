"""One clinic, both languages: `careguide build --clinic X` beside plain Material building the same pages.

    .venv/bin/python bench/single.py [--engine mkdocs|zensical] [--clinic ID] [--repeat 5] [--smoke] [--no-write]

All whole commands (process start included), timed in the same run, median of --repeat.
The baseline is bench/projects.py's plain Material project: the guide's Markdown pages,
English and Spanish, each language its own `mkdocs build`, on Material's defaults (no
macros, templates, PDF or checks). Ours is timed as HTML only (the handout step left out,
bench/careguide_steps.py) and whole (with both PDF handouts). --smoke: one run, nothing
written.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from projects import ROOT, bundled_clinics, plain_material  # noqa: E402
from results import ENGINE_NAMES, Section  # noqa: E402
from timing import CAREGUIDE, CAREGUIDE_HTML_ONLY, median_seconds  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=ENGINE_NAMES, default="mkdocs")
    parser.add_argument("--clinic", default=bundled_clinics()[0].stem)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="one run, nothing written: does the benchmark still work?")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    repeat = 1 if args.smoke else args.repeat
    section = Section(
        f"One clinic ({ENGINE_NAMES[args.engine]})",
        "at most 1.2 times a plain Material build of the same pages (HTML only).",
    )

    with tempfile.TemporaryDirectory(prefix="careguide-bench-single-") as tmp:
        work = Path(tmp)
        plain = median_seconds(plain_material(work), repeat)
        ours = ["--root", str(ROOT), "build", "--no-cache", "--engine", args.engine, "--clinic", args.clinic, "--jobs", "1",
                "--site-dir", str(work / "ours")]
        html = median_seconds([(CAREGUIDE_HTML_ONLY + ours, None)], repeat)
        whole = median_seconds([(CAREGUIDE + ours, None)], repeat)

    command = f"careguide build --engine {args.engine} --clinic {args.clinic}"
    lines = [
        f"| build of {args.clinic}, English + Spanish | median of {repeat} (s) | ratio to plain Material |",
        "|---|---:|---:|",
        f"| baseline: plain Material, `mkdocs build` per language | {plain:.2f} | 1.00 |",
        f"| `{command}`, HTML only | {html:.2f} | {html / plain:.2f} |",
        f"| `{command}`, with both PDF handouts | {whole:.2f} | {whole / plain:.2f} |",
    ]
    section.emit(
        lines,
        baseline={"plain Material (s)": plain},
        measured={"HTML only (s)": html, "with PDFs (s)": whole, "HTML only / plain": html / plain},
        write=not (args.smoke or args.no_write),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
