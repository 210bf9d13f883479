"""`careguide pr-summary`: what a change means for patients, as Markdown for the pull request.

CI appends it to the job summary (the run's page under the pull request's Checks tab): the
guide pages changed since the base, each page's reading level before and after (measured by
the lint's reading-level rule), the lint findings counted by rule, the handout PDFs' page
counts, and a link to the run's artifacts.

"Before" is the page at the merge base of --base and HEAD (what the pull request changes,
as GitHub shows it); "after" is the page as it is on disk, which the lint reads too.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import lint
from .lint import readability
from .lint.page import Page, PageUnreadable, load_page
from .variant import PDF_NAME, TONIGHT_NAME

HANDOUTS = (PDF_NAME, TONIGHT_NAME, f"es/{PDF_NAME}", f"es/{TONIGHT_NAME}")
LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}
FINDINGS_SHOWN = 30


class SummaryError(Exception):
    """A mistake in how the command was called: (what, how to fix it)."""


# --- Markdown: every value from a page or a file name is escaped, never read as markup ---


def md(text: str) -> str:
    """Text as inert Markdown (table cells too): no emphasis, links, HTML, entities or cell breaks."""
    text = re.sub(r"\s+", " ", str(text)).strip()
    return re.sub(r"([\\`*_\[\]<>|~&!#])", r"\\\1", text)


def code(text: str) -> str:
    """A file name in a code span; `|` stays escaped so a table cell cannot end early."""
    text = re.sub(r"\s+", " ", str(text))
    ticks = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    return f"{ticks} {text} {ticks}".replace("|", "\\|") if "`" in text else f"`{text}`".replace("|", "\\|")


# --- git ---


def git(root: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True)
    except FileNotFoundError:
        raise SummaryError("git", "git is not installed; install it, then run this again") from None


def merge_base(root: Path, base: str) -> str:
    if git(root, "rev-parse", "--is-inside-work-tree").returncode != 0:
        raise SummaryError(str(root), "not a git repository; run it in a clone of the project")
    found = git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{base}^{{commit}}")
    if found.returncode != 0:
        raise SummaryError(
            f"--base {base}", "no such commit here; fetch it first (git fetch origin main) or name a branch, tag or commit"
        )
    base_commit = found.stdout.decode().strip()
    common = git(root, "merge-base", base_commit, "HEAD")
    return common.stdout.decode().strip() if common.returncode == 0 else base_commit


def changed_files(root: Path, since: str) -> list[str]:
    """Paths relative to the project, changed between `since` and HEAD; a rename is a removal and an addition."""
    diff = git(root, "diff", "--name-only", "--no-renames", "--relative", "-z", since, "HEAD", "--")
    if diff.returncode != 0:
        raise SummaryError(f"git diff {since}", diff.stderr.decode(errors="replace").strip() or "failed")
    return sorted(name for name in diff.stdout.decode(errors="surrogateescape").split("\0") if name)


def page_at(root: Path, commit: str, name: str, scratch: Path) -> Page | None:
    """The page as it was at `commit` (None if it did not exist), read by the lint's page reader."""
    shown = git(root, "show", f"{commit}:./{name}")
    if shown.returncode != 0:
        return None
    path = scratch / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(shown.stdout)
    return load_page(path, scratch)


# --- what the summary reports ---


@dataclass(frozen=True)
class PageChange:
    name: str  # docs/faq.md
    title: str
    language: str
    before: str  # "grade 5.2", "ease 71.3", "new", ...
    after: str


def title(page: Page) -> str:
    if page.meta.get("title"):
        return str(page.meta["title"])
    return next((text for _, level, text in page.headings() if level == 1), "")


def level(page: Page | None, missing: str) -> str:
    if page is None:
        return missing
    if page.meta_error:
        return "front matter broken"
    measured = readability.page_level(page)
    return f"{measured[0]} {measured[1]:g}" if measured else "no prose"


def page_change(root: Path, commit: str, name: str, scratch: Path) -> PageChange:
    def read(load, missing: str) -> tuple[Page | None, str]:
        try:
            page = load()
        except PageUnreadable:
            return None, "not UTF-8 text"
        return page, level(page, missing)

    before, level_before = read(lambda: page_at(root, commit, name, scratch), "new page")
    after, level_after = read(lambda: load_page(root / name, root) if (root / name).is_file() else None, "removed")
    shown = after or before
    language = readability.page_language(shown) if shown else ""
    heading = title(shown) if shown and not shown.meta_error else ""
    return PageChange(name, heading, LANGUAGE_NAMES.get(language, language), level_before, level_after)


def pdf_pages(path: Path) -> str:
    """The page count, read with pypdf (in the project's lock) or else poppler's pdfinfo."""
    try:
        from pypdf import PdfReader
    except ImportError:
        PdfReader = None
    if PdfReader is not None:
        try:
            return str(len(PdfReader(path).pages))
        except Exception:  # pypdf raises many kinds of error on a broken file
            return "unreadable"
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True)
        match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
        return match.group(1) if match else "unreadable"
    return "unknown (needs pypdf or pdfinfo)"


def handouts(site: Path) -> list[tuple[str, str, str]]:
    """(folder, file, pages) of every handout PDF under site/<folder>/ (a clinic, or a downloaded artifact)."""
    if not site.is_dir():
        return []
    return [
        (folder.name, name, pdf_pages(folder / name))
        for folder in sorted(p for p in site.iterdir() if p.is_dir())
        for name in HANDOUTS
        if (folder / name).is_file()
    ]


def artifacts_url(env: dict) -> str | None:
    parts = [env.get(key, "").strip() for key in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID")]
    return f"{parts[0].rstrip('/')}/{parts[1]}/actions/runs/{parts[2]}#artifacts" if all(parts) else None


def summary(root: Path, base: str, site: Path, env: dict, site_name: str = "site") -> str:
    commit = merge_base(root, base)
    changed = changed_files(root, commit)
    pages = [name for name in changed if name.startswith("docs/") and name.endswith(".md")]
    clinics = [name for name in changed if name.startswith("clinics/")]
    with tempfile.TemporaryDirectory(prefix="careguide-pr-summary-") as scratch:
        page_changes = [page_change(root, commit, name, Path(scratch)) for name in pages]
    findings = lint.lint_project(root)
    pdfs = handouts(site)

    out = ["## What changed for patients", "", f"Compared with {code(base)} (commit {code(commit[:12])}).", ""]
    out += [f"### Guide pages changed: {len(page_changes)}", ""]
    if page_changes:
        out += ["| page | language | title | reading level before | after |", "|---|---|---|---|---|"]
        out += [f"| {code(c.name)} | {c.language} | {md(c.title)} | {c.before} | {c.after} |" for c in page_changes]
        out += [
            "",
            "Reading level: English pages by grade (Flesch-Kincaid; at most 8, aim for 6 or below), "
            "Spanish pages by reading ease (Fernández-Huerta; at least 60, aim for 70 or more).",
        ]
    else:
        out += ["No page of the guide changed."]
    out += ["", f"### Clinic files changed: {len(clinics)}", ""]
    out += [f"- {code(name)}" for name in clinics] or ["No clinic file changed."]

    errors = sum(f.is_error for f in findings)
    out += ["", f"### Lint findings: {errors} error(s), {len(findings) - errors} warning(s)", ""]
    if findings:
        by_rule = Counter((f.rule, f.is_error) for f in findings)
        out += ["| rule | errors | warnings |", "|---|---|---|"]
        out += [
            f"| {md(rule)} | {by_rule[(rule, True)]} | {by_rule[(rule, False)]} |"
            for rule in sorted({f.rule for f in findings})
        ]
        out += [""] + [f"- {md(str(f))}" for f in findings[:FINDINGS_SHOWN]]
        if len(findings) > FINDINGS_SHOWN:
            out += [f"- … and {len(findings) - FINDINGS_SHOWN} more: see the lint job's log"]
    else:
        out += ["`careguide lint` found nothing to fix."]

    out += ["", f"### Handout PDFs: {len(pdfs)}", ""]
    if pdfs:
        out += ["| site | file | pages |", "|---|---|---|"]
        out += [f"| {code(folder)} | {code(name)} | {pages} |" for folder, name, pages in pdfs]
    else:
        out += [f"No handout PDF under {code(site_name.rstrip('/') + '/')}: the build did not run, or failed."]

    url = artifacts_url(env)
    if url:
        out += ["", f"Download each clinic's site and PDFs from [this run's artifacts]({url})."]
    return "\n".join(out) + "\n"


def cmd_pr_summary(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    if not (root / "docs").is_dir():
        raise SystemExit(f"careguide: {root} has no docs/ folder; run from the project folder or pass --root")
    site = Path(args.site_dir).resolve() if args.site_dir else root / "site"
    try:
        text = summary(root, args.base, site, dict(os.environ), args.site_dir or "site")
    except SummaryError as error:
        what, fix = error.args
        print(f"careguide pr-summary: {what}: {fix}", file=sys.stderr)
        return 1
    sys.stdout.write(text)
    return 0


def register(commands) -> None:
    command = commands.add_parser(
        "pr-summary",
        help="Markdown for a pull request: pages changed, reading levels, lint findings, PDF pages",
        description="Print, as GitHub Markdown, what changed for patients since BASE: the guide pages changed "
        "(with their reading level before and after), clinic files changed, the lint findings by rule, "
        "and the page count of each handout PDF under the site folder. CI appends it to the job summary.",
    )
    command.add_argument("--base", required=True, metavar="REF", help="the branch, tag or commit to compare with, e.g. origin/main")
    command.add_argument("--site-dir", metavar="DIR", help="where the built sites are (default: site/)")
    command.set_defaults(run=cmd_pr_summary)
