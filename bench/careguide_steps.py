"""`careguide` with its handout step left out, or with its steps timed, for benchmarks.

    .venv/bin/python bench/careguide_steps.py [--no-handout] [--no-slim] [--step-times FILE] -- build ARGS...

The benchmarks that price one step of the real pipeline (careguide/build.py) run the real
command line through this, instead of careguide carrying switches only benchmarks use:
- `--no-handout`: the PDF handout step (`make_handouts`, `show_sizes`) does nothing, so the
  build makes the HTML only;
- `--no-slim`: the slimming step (`slim_clinic`) and the sharing of theme files
  (`share_theme_files`: an empty _assets/) do nothing, so each clinic's site is what the
  engine wrote (the baseline of bench/edition_size.py);
- `--step-times FILE`: each engine render, each handout step and, within it, each PDF
  render (the booklet, then the sheet for tonight, timed as "en tonight") appends
  `{"step", "language", "seconds"}` to FILE (one JSON line; the workers write too).
It replaces module attributes by name and stops, naming the attribute, if one is gone: a
change to the pipeline then fails the benchmarks' smoke tests instead of quietly timing
something else. Workers are forked, so they inherit the replacements.
"""

from __future__ import annotations

import argparse
import functools
import inspect
import json
import multiprocessing
import re
import sys
import time
from pathlib import Path


def replace(module, name: str, new) -> None:
    if not hasattr(module, name):
        raise SystemExit(f"bench/careguide_steps.py: {module.__name__}.{name} is gone; update the benchmark to the pipeline")
    setattr(module, name, new)


def timed(function, step: str, language_of, log: Path):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        language = language_of(*args, **kwargs)
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            line = json.dumps({"step": step, "language": language, "seconds": time.perf_counter() - started})
            with log.open("a") as out:  # one short write per line: lines from several workers do not mix
                out.write(line + "\n")

    return wrapper


def argument(function, name: str):
    """A function that picks argument `name` out of a call to `function`."""
    signature = inspect.signature(function)
    if name not in signature.parameters:
        raise SystemExit(f"bench/careguide_steps.py: {function.__qualname__} has no argument {name!r} any more")
    return lambda *args, **kwargs: signature.bind(*args, **kwargs).arguments[name]


def page_language(html: str) -> str:
    """The print page's language; the one-page sheet for tonight is timed apart ("en tonight"),
    so a language's "pdf render" is the booklet's."""
    found = re.search(r"<html[^>]*\slang=\"([^\"]+)\"", html)
    if not found:
        raise SystemExit("bench/careguide_steps.py: the print page has no <html lang>; update page_language")
    return found.group(1) + (" tonight" if 'class="cg-tonight"' in html else "")


def variant_language(config_file: Path) -> str:
    return json.loads(Path(config_file).read_text(encoding="utf-8"))["theme"]["language"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-handout", action="store_true", help="leave out the PDF handout step")
    parser.add_argument("--no-slim", action="store_true", help="leave out slimming and shared theme files (slim.py, shared_assets.py)")
    parser.add_argument("--step-times", type=Path, help="append each step's time to this file (JSON lines)")
    parser.add_argument("careguide", nargs=argparse.REMAINDER, help="-- then careguide's own arguments")
    args = parser.parse_args()
    careguide_args = args.careguide[1:] if args.careguide[:1] == ["--"] else args.careguide

    from careguide import build, cli, engines, pdf

    if args.no_handout:
        replace(build, "make_handouts", lambda *_, **__: {})
        replace(build, "show_sizes", lambda *_, **__: None)
    if args.no_slim:
        replace(build, "slim_clinic", lambda *_, **__: None)
        replace(build, "share_theme_files", lambda staging, *_, **__: (staging / build.SHARED).mkdir())
    if args.step_times:
        for name in engines.ENGINES:
            module = engines.engine(name)
            replace(module, "render", timed(module.render, "engine", variant_language, args.step_times))
        if not args.no_handout:
            handout = build.make_handouts
            replace(build, "make_handouts", timed(handout, "handout", argument(handout, "language"), args.step_times))
            html = argument(pdf.render_pdf, "html")
            replace(pdf, "render_pdf", timed(pdf.render_pdf, "pdf render", lambda *a, **k: page_language(html(*a, **k)), args.step_times))
    multiprocessing.set_start_method("fork")  # the workers must see the replacements
    return cli.main(careguide_args)


if __name__ == "__main__":
    sys.exit(main())
