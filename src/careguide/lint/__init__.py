"""`careguide lint`: the content rules, checked on the Markdown before any build.

Each rule is a small module with `check(page, context) -> list[Finding]`; the claims
rule also checks the guide as a whole. Findings read `docs/<page>.md:LINE: <rule>:
<message>`; errors fail the lint, warnings do not.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from ..views import MACROS
from . import claims, crisis, links, outside, readability, reviews, signoffs, structure, templates
from .findings import ERROR, WARNING, Finding
from .page import Page, PageUnreadable, load_page

__all__ = ["Finding", "ERROR", "WARNING", "LintContext", "lint_pages", "lint_project", "register"]

PAGE_RULES = (reviews, readability, claims, structure, templates, outside, crisis)


@dataclass(frozen=True)
class LintContext:
    today: date
    macro_names: frozenset = frozenset(MACROS)
    known_names: frozenset = field(default_factory=frozenset)


def _extra_keys(root: Path) -> set[str]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV, !!python/name: ...
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader) or {}
    return set((config.get("extra") or {}).keys())


def project_context(root: Path, today: date | None = None) -> LintContext:
    known = set(MACROS) | {"clinic", "edition"} | _extra_keys(root) | templates.MKDOCS_MACROS_NAMES
    return LintContext(today=today or date.today(), known_names=frozenset(known))


def lint_pages(pages: list[Page], context: LintContext) -> list[Finding]:
    found: list[Finding] = []
    for page in pages:
        if page.meta_error:
            found.append(Finding(page.name, page.meta_error_line, "front-matter", page.meta_error))
            continue
        for rule in PAGE_RULES:
            found += rule.check(page, context)
    found += claims.check_guide(pages, context)
    return sorted(found)


def lint_project(root: Path, files: list[Path] | None = None, today: date | None = None) -> list[Finding]:
    """Lint the given pages (default: every docs/**/*.md). The guide-wide rules see only these
    pages; the clinics' sign-offs are checked against every page they publish."""
    paths = files or sorted((root / "docs").glob("**/*.md"))
    pages, unreadable = [], []
    for path in paths:
        try:
            pages.append(load_page(path, root))
        except PageUnreadable as error:
            unreadable.append(Finding(*error.args[:2], "encoding", error.args[2]))
    return sorted(unreadable + lint_pages(pages, project_context(root, today)) + signoffs.check(root))


def report(findings: list[Finding], pages: int, out=None, err=None) -> int:
    # Looked up at call time, not bound at import, so callers (and tests) that swap sys.stderr see the lines.
    out, err = out or sys.stdout, err or sys.stderr
    for finding in findings:
        print(finding, file=err)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for finding in findings:
            print(finding.github_annotation(), file=out)
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    verdict = "fix the errors above" if errors else "OK"
    print(f"careguide lint: {pages} page(s), {errors} error(s), {warnings} warning(s): {verdict}.", file=err)
    return 1 if errors else 0


def cmd_lint(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    if not (root / "docs").is_dir():
        raise SystemExit(f"careguide: {root} has no docs/ folder; run from the project folder or pass --root")
    files = [Path(f) if Path(f).is_absolute() else Path.cwd() / f for f in args.pages]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise SystemExit(f"careguide lint: no such page: {', '.join(missing)}")
    today = None
    if args.today:
        try:
            today = date.fromisoformat(args.today) if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", args.today) else None
        except ValueError:
            pass
        if today is None:
            raise SystemExit(f"careguide lint: --today {args.today!r} is not a real date; write it as YYYY-MM-DD, like 2026-10-01")
    findings = lint_project(root, files or None, today)
    return report(findings, len(files) or len(list((root / "docs").glob("**/*.md"))))


def register(commands) -> None:
    lint = commands.add_parser(
        "lint",
        help="check the guide's pages: reading level, review dates, claims, structure, macros",
        description="Check the Markdown pages in docs/ (all by default) before any build. "
        "Prints docs/<page>.md:LINE: <rule>: <message>; exits 1 on any error (warnings do not fail).",
    )
    lint.add_argument("pages", nargs="*", help="pages to check (default: docs/**/*.md)")
    lint.add_argument("--today", metavar="YYYY-MM-DD", help="check review dates as of this day (default: today)")
    lint.set_defaults(run=cmd_lint)
    links.register(commands)
