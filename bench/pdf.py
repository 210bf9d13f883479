"""PDF render time and size per clinic (run by hand; writes the "PDF" section of bench/RESULTS.md).

    .venv/bin/python bench/pdf.py [--repeat 5] [--no-write]

Each bundled clinic is built once with `careguide build`'s own per-clinic function (which
runs the careguide-pdf plugin); the print page it hands to `careguide.pdf.render_pdf` is
kept, then rendered --repeat more times in this one process, as a build worker would
(fonts and the print stylesheet are loaded once per process). One render is profiled to
say where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import ROOT, write_section  # noqa: E402

# Phases of a WeasyPrint render, by the function that runs each one.
PHASES = {
    "parse HTML": ("weasyprint/__init__.py", "__init__"),
    "styles (cascade)": ("weasyprint/css/__init__.py", "get_all_computed_styles"),
    "boxes": ("weasyprint/formatting_structure/build.py", "build_formatting_structure"),
    "layout": ("weasyprint/layout/__init__.py", "layout_document"),
    "PDF drawing + fonts": ("weasyprint/document.py", "write_pdf"),
}

NOTES = [
    "What dominates: layout (WeasyPrint's line breaking through Pango; 45-65% of a render in the",
    "profiles taken), then writing the PDF (drawing, subsetting the DejaVu fonts). Fonts and the parsed",
    "print stylesheet are loaded once per process (`careguide.pdf._print_setup`), so only a worker's first",
    "render pays for them. Page numbers after links between sections (CSS `target-counter` in running",
    "text) were tried and dropped: WeasyPrint then lays most pages out twice, about 0.3 s more per clinic",
    "(0.8 s -> 1.15 s, same load); links name the section instead, and only the contents page (page 2)",
    "uses `target-counter`.",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="renders per clinic after the build (default 5)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone")
    args = parser.parse_args()
    os.environ["NO_MKDOCS_2_WARNING"] = "1"

    from careguide import pdf
    from careguide.build import build_site
    from careguide.clinic_file import clinic_files

    captured: dict[str, tuple[str, str]] = {}
    real_render = pdf.render_pdf

    def capturing_render(html, base_url, *rest, **options):
        captured["last"] = (html, base_url)
        return real_render(html, base_url, *rest, **options)

    pdf.render_pdf = capturing_render  # the plugin looks it up on the module at each build
    rows = []
    with tempfile.TemporaryDirectory() as out:
        for path in clinic_files(ROOT / "clinics"):
            started = time.perf_counter()
            build_site(path.stem, ROOT, Path(out) / path.stem)
            build_seconds = time.perf_counter() - started
            html, base_url = captured.pop("last")
            size = (Path(out) / path.stem / pdf.PDF_NAME).stat().st_size
            times, cpu = [], []
            for _ in range(args.repeat):
                started, started_cpu = time.perf_counter(), time.process_time()
                real_render(html, base_url)
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
            rows.append(
                (path.stem, build_seconds, statistics.median(times), min(times), statistics.median(cpu), size, (html, base_url))
            )
    pdf.render_pdf = real_render

    profile = cProfile.Profile()
    profile.runcall(real_render, *rows[0][-1])
    stats = pstats.Stats(profile)
    total = max(v[3] for v in stats.stats.values())
    phases = {name: _cumulative(stats, where) for name, where in PHASES.items()}

    lines = [
        f"| clinic | PDF render, wall, median of {args.repeat} (s) | fastest (s) | CPU, median (s) | size (KB) "
        "| whole site build incl. first render (s) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for clinic_id, build_seconds, median, fastest, cpu, size, _ in rows:
        lines.append(f"| {clinic_id} | {median:.2f} | {fastest:.2f} | {cpu:.2f} | {size / 1024:.0f} | {build_seconds:.2f} |")
    lines += [
        "",
        f"Where one render's time goes (cProfile, {rows[0][0]}, {total:.2f} s under the profiler):",
        "",
        *(f"- {name}: {seconds:.2f} s ({seconds / total:.0%})" for name, seconds in phases.items()),
    ]
    print("\n".join(lines))
    if not args.no_write:
        write_section(
            "PDF",
            f".venv/bin/python bench/pdf.py --repeat {args.repeat}",
            "(issue 8) at most 1 s and 1 MB per clinic.",
            lines,
        )
    return 0


def _cumulative(stats: pstats.Stats, where: tuple[str, str]) -> float:
    file_end, function = where
    return sum(
        value[3] for (file, _, name), value in stats.stats.items() if file.endswith(file_end) and name == function
    )


if __name__ == "__main__":
    sys.exit(main())
