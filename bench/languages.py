"""The cost of the second language: each language's own steps in one `careguide build`.

    .venv/bin/python bench/languages.py [--engine mkdocs|zensical] [--repeat 3] [--smoke] [--no-write]

Every language is its own engine build and its own handout (careguide/build.py), so the
second language's cost is the time of its steps. `careguide build --jobs 1` of the bundled
clinics runs --repeat times with its steps timed (bench/careguide_steps.py); the table has
the median per clinic of each step in each language. The baseline is the first language,
English, in the same builds. One worker builds every clinic in turn, English first, so
English also pays the worker's first-build costs once per run (imports, compiled theme
templates); the median over clinics leaves that one out. --smoke: one clinic, one run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from projects import ROOT, bundled_clinics  # noqa: E402
from results import ENGINE_NAMES, Section  # noqa: E402
from timing import median_of, run_timing_steps  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=ENGINE_NAMES, default="mkdocs")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--smoke", action="store_true", help="one clinic, one run, nothing written")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    repeat = 1 if args.smoke else args.repeat
    clinics = [p.stem for p in bundled_clinics()][: 1 if args.smoke else None]
    section = Section(
        f"Second language, Spanish ({ENGINE_NAMES[args.engine]})",
        "the second language costs at most the time of the first (ratio <= 1.0).",
    )

    steps, wholes = [], []
    with tempfile.TemporaryDirectory(prefix="careguide-bench-languages-") as tmp:
        for n in range(repeat):
            clinic_args = [argument for clinic in clinics for argument in ("--clinic", clinic)]
            whole, timed = run_timing_steps(
                ["--root", str(ROOT), "build", "--no-cache", "--engine", args.engine, *clinic_args, "--jobs", "1",
                 "--site-dir", str(Path(tmp) / f"site-{n}")],
                Path(tmp) / "steps.jsonl",
            )
            steps += timed
            wholes.append(whole["seconds"])

    figures = {
        (output, language): sum(median_of(steps, step, language) for step in output_steps)
        for output, output_steps in (("HTML", ["engine"]), ("HTML + PDF", ["engine", "handout"]))
        for language in ("en", "es")
    }
    lines = [
        "| output, per clinic | baseline: English (s) | Spanish (s) | second language / first |",
        "|---|---:|---:|---:|",
    ]
    for output in ("HTML", "HTML + PDF"):
        english, spanish = figures[output, "en"], figures[output, "es"]
        lines.append(f"| {output} | {english:.2f} | {spanish:.2f} | {spanish / english:.2f} |")
    lines += [
        "",
        f"{len(clinics)} clinic(s), `careguide build --engine {args.engine} --jobs 1`, {repeat} run(s); the whole command "
        f"took {statistics.median(wholes):.1f} s (median), start-up and the sitemaps included. HTML is the engine's "
        "render of the language; PDF adds its handout step.",
    ]
    section.emit(
        lines,
        baseline={"English HTML (s)": figures["HTML", "en"], "English HTML + PDF (s)": figures["HTML + PDF", "en"]},
        measured={"Spanish HTML (s)": figures["HTML", "es"], "Spanish HTML + PDF (s)": figures["HTML + PDF", "es"]},
        write=not (args.smoke or args.no_write),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
