"""PDF handouts: render time and size per clinic and language, beside WeasyPrint on plain pages.

    .venv/bin/python bench/pdf.py [--repeat 3] [--smoke] [--no-write]

`careguide build --jobs 1` of the bundled clinics, --repeat times, with each handout step
and, inside it, each WeasyPrint render timed (bench/careguide_steps.py): one worker builds
clinic after clinic, as a real build does, so fonts and the print stylesheet are loaded by
its first render only (the median hides that first one). The baseline, in this process:
WeasyPrint rendering the same pages' Markdown as plain HTML (python-markdown, WeasyPrint's
default stylesheet, no cover, contents or QR code), once to warm up, then --repeat times.
--smoke: one clinic, one run, nothing written.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from projects import ROOT, bundled_clinics, plain_pages  # noqa: E402
from results import Section  # noqa: E402
from timing import median_of, run_timing_steps  # noqa: E402

LANGUAGES = {"en": "English", "es": "Spanish"}
NOTES = [
    "What dominates a render (cProfile, 2026-11-28): layout (WeasyPrint's line breaking through Pango;",
    "45-65% of a render), then writing the PDF (drawing, subsetting the DejaVu fonts). Fonts and the parsed",
    "print stylesheet are loaded once per process (`careguide.pdf._print_setup`), so only a worker's first",
    "render pays for them. Page numbers after links between sections (CSS `target-counter` in running",
    "text) were tried and dropped: WeasyPrint then lays most pages out twice, about 0.3 s more per clinic.",
]


def plain_render_seconds(repeat: int) -> float:
    import markdown
    from weasyprint import HTML

    body = "\n".join(markdown.markdown(path.read_text(encoding="utf-8"), extensions=["tables"])
                     for path in plain_pages("en").values())
    html = f'<!doctype html><html lang="en"><meta charset="utf-8"><title>Guide</title><body>{body}</body></html>'
    HTML(string=html).write_pdf()  # warm-up: fonts
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        HTML(string=html).write_pdf()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="builds of every clinic (default 3)")
    parser.add_argument("--smoke", action="store_true", help="one clinic, one run, nothing written")
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone")
    args = parser.parse_args()
    repeat = 1 if args.smoke else args.repeat
    clinics = [p.stem for p in bundled_clinics()][: 1 if args.smoke else None]
    section = Section("PDF handout", "(issue 8) at most 1 s and 1 MB per clinic and language.")

    steps, sizes = [], {}
    with tempfile.TemporaryDirectory(prefix="careguide-bench-pdf-") as tmp:
        for _ in range(repeat):
            site = Path(tmp) / "site"
            clinic_args = [argument for clinic in clinics for argument in ("--clinic", clinic)]
            _, timed = run_timing_steps(["--root", str(ROOT), "build", "--no-cache", *clinic_args, "--jobs", "1", "--site-dir", str(site)],
                                        Path(tmp) / "steps.jsonl")
            steps += timed
        for clinic in clinics:
            for language, folder in (("en", ""), ("es", "es")):
                sizes[clinic, language] = (site / clinic / folder / "ketamine-aftercare-guide.pdf").stat().st_size
    plain = plain_render_seconds(repeat)

    renders = {language: median_of(steps, "pdf render", language) for language in LANGUAGES}
    lines = [
        f"| handout | WeasyPrint render, median (s) | whole handout step, median (s) | render / plain pages | size (KB), per clinic |",
        "|---|---:|---:|---:|---|",
        f"| baseline: the English pages as plain HTML, WeasyPrint defaults | {plain:.2f} | | 1.00 | |",
    ]
    for language, name in LANGUAGES.items():
        kb = ", ".join(f"{clinic} {sizes[clinic, language] / 1024:.0f}" for clinic in clinics)
        lines.append(
            f"| ours, {name} | {renders[language]:.2f} | {median_of(steps, 'handout', language):.2f} "
            f"| {renders[language] / plain:.2f} | {kb} |"
        )
    lines += [
        "",
        f"{len(clinics)} clinic(s) x 2 languages x {repeat} build(s): each median is over {len(clinics) * repeat} renders.",
        "The handout step is the render plus reading the built pages and making the print page.",
        "",
        *NOTES,
    ]
    section.emit(
        lines,
        baseline={"plain pages render (s)": plain},
        measured={**{f"{language} render (s)": seconds for language, seconds in renders.items()},
                  "largest PDF (KB)": max(sizes.values()) / 1024},
        write=not (args.smoke or args.no_write),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
