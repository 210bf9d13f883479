"""`careguide`: the one command line for clinics, editors and CI.

Thin by design: parse arguments, call the checker or builder, print problems, set the
exit status. Paths are passed, never changed into.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from . import clinic_tools, lint, pr_summary, squash_history
from . import publish as publish_command
from .build import NO_CACHE_HELP, BuildFailed, build_clinics
from .engines import ENGINES
from .project import LANGUAGES
from .clinic_file import NoSuchClinic, clinic_warnings, go_live_checklist, ignored_clinic_files, load_clinics, select_clinic_files
from .problems import Problem, ProblemsFound


def _print_problems(problems: list[Problem], level: str = "error") -> None:
    """One line each on stderr; under GitHub Actions also as annotations on the pull request."""
    prefix = "WARNING: " if level == "warning" else ""
    for problem in problems:
        print(f"{prefix}{problem}", file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(problem.github_annotation(level))


def _report(problems: list[Problem]) -> None:
    _print_problems(problems)
    print(f"{len(problems)} problem(s) found.", file=sys.stderr)


def _project_root(path: str) -> Path:
    root = Path(path).resolve()
    if not (root / "mkdocs.yml").is_file():
        raise SystemExit(f"careguide: {root} has no mkdocs.yml; run from the project folder or pass --root")
    return root


def _selected(root: Path, ids: list[str] | None) -> list[Path]:
    if (root / "clinics").is_dir():
        _print_problems(ignored_clinic_files(root / "clinics"), "warning")
    try:
        return select_clinic_files(root / "clinics", ids)
    except NoSuchClinic as missing:
        raise SystemExit(f"careguide: {missing}") from None


def cmd_check(args: argparse.Namespace) -> int:
    root = _project_root(args.root)
    paths = [Path(f) for f in args.files] or _selected(root, None)
    if args.go_live:
        return _go_live(paths, root)
    try:
        clinics = load_clinics(paths, root=root)
    except ProblemsFound as found:
        _report(found.problems)
        return 1
    except RecursionError:  # pydantic on absurdly deep values
        print("careguide check: a clinic file is nested too deeply; write plain `key: value` lines", file=sys.stderr)
        return 1
    # Things a valid clinic file still lacks (Spanish values): reported, exit status unchanged.
    _print_problems([w for path in paths for w in clinic_warnings(path, root=root)], "warning")
    print(f"{len(clinics)} clinic file(s) OK: {', '.join(c.id for c in clinics)}")
    return 0


def _go_live(paths: list[Path], root: Path) -> int:
    """The go-live checklist, on stdout: a clinic manager's to-do list, one line per item,
    in Markdown task-list form (it can be pasted into an issue as it is)."""
    remaining = 0
    for path in paths:
        try:
            to_do, should = go_live_checklist(path, root=root)
        except ProblemsFound as found:  # the file cannot be read at all
            to_do, should = found.problems, []
        print(f"## Going live: {path.as_posix()}")
        if not to_do:
            print("Ready to go live: nothing of the template or the examples is left.")
        for problem in to_do:
            print(f"- [ ] {problem}")
        if should:
            print("Also to do (the build does not stop for these):")
        for problem in should:
            print(f"- [ ] {problem}")
        remaining += len(to_do)
    print(f"{remaining} thing(s) to do before going live." if remaining else "Every clinic is ready to go live.")
    return 1 if remaining else 0


def cmd_build(args: argparse.Namespace) -> int:
    root = _project_root(args.root)
    try:
        clinics = load_clinics(_selected(root, args.clinic), root=root)
    except ProblemsFound as found:
        _report(found.problems)
        print("Nothing was built: fix the clinic files first.", file=sys.stderr)
        return 1
    folder = args.site_dir or ("preview" if args.preview else "site")
    try:
        build_clinics(
            clinics, root, Path(args.site_dir).resolve() if args.site_dir else root / folder, args.jobs, engine=args.engine,
            preview=args.preview, cache=not args.no_cache,
        )
    except BuildFailed as failed:
        print(failed, file=sys.stderr)
        return 1
    what = "preview(s), to open from files," if args.preview else "site(s)"
    print(f"Built {len(clinics)} clinic {what} into {folder}/: {', '.join(c.id for c in clinics)}")
    if args.preview:
        for clinic in clinics:
            print(f"Open {folder}/{clinic.id}/index.html in a browser.")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .preview import PreviewFailed, serve
    from .project import ProjectError

    root = _project_root(args.root)
    (path,) = _selected(root, [args.clinic])
    try:
        load_clinics([path], root=root)  # a broken clinic file is reported like `check` does
        serve(root, path, args.language, args.dev_addr)
    except ProblemsFound as found:
        _report(found.problems)
        return 1
    except ProjectError as error:
        print(f"careguide: {error}", file=sys.stderr)
        return 1
    except PreviewFailed as failed:
        print(failed, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="careguide",
        description="Build the patient guide 'What to expect after a ketamine infusion' for each clinic.",
    )
    main.add_argument("--root", default=".", help="project folder (holds mkdocs.yml and clinics/); default: here")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check", help="validate clinic files", description="Validate clinic files (all of clinics/ by default)."
    )
    check.add_argument("files", nargs="*", help="clinic files to check (default: clinics/*.yml)")
    check.add_argument(
        "--go-live", action="store_true",
        help="list everything a clinic must still change before it is real (example: false), as a checklist",
    )
    check.set_defaults(run=cmd_check)

    build = commands.add_parser(
        "build",
        help="build clinic sites into site/<id>/",
        description="Validate, then build the named clinics (all by default) into site/<id>/. "
        "If anything fails, site/ is left as it was.",
    )
    build.add_argument("--clinic", action="append", metavar="ID", help="build only this clinic (repeatable)")
    build.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: number of cores)")
    build.add_argument("--site-dir", help="output folder (default: site/)")
    build.add_argument("--engine", choices=ENGINES, default="mkdocs", help="page engine (default: mkdocs, with Material)")
    build.add_argument(
        "--preview", action="store_true",
        help="a preview for editors, opened from files with no web server: pages as page.html "
        "(default folder: preview/); search works only on the published guide",
    )
    build.add_argument("--no-cache", action="store_true", help=NO_CACHE_HELP)
    build.set_defaults(run=cmd_build)

    serve = commands.add_parser(
        "serve",
        help="live preview of one clinic in one language",
        description="Serve one clinic's guide in one language on 127.0.0.1, rebuilt when a page, template or the clinic file changes.",
    )
    serve.add_argument("--clinic", required=True, metavar="ID", help="the clinic to preview")
    serve.add_argument("--language", choices=LANGUAGES, default="en", help="en (default) or es")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    serve.set_defaults(run=cmd_serve)

    clinic_tools.register(commands)
    pr_summary.register(commands)
    lint.register(commands)
    publish_command.register(commands)
    squash_history.register(commands)
    return main


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(format="%(levelname)s - %(name)s - %(message)s", level=logging.WARNING)
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
