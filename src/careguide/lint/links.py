"""`careguide check-links`: the real linkchecker on the built site, served on 127.0.0.1,
and every `page#section` anchor checked against the ids of the page it names.

Served over HTTP rather than file:// so that `page/` links are followed into
page/index.html. Anchors are checked here, from the built files, not by linkchecker's
AnchorCheck: that plugin was disabled upstream once as unreliable (linkchecker#575, with
#542 and #555: anchors missed or wrongly reported depending on the order threads run), and
on this project it missed a missing anchor in one loaded run of eight. Outside links are
checked only with --extern (the weekly workflow); pull requests and tests never leave the
machine.
"""

from __future__ import annotations

import argparse
import csv
import functools
import re
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

from bs4 import BeautifulSoup

LINKCHECKER = Path(sys.executable).parent / "linkchecker"

# maxrequestspersecond: our server sends a LinkChecker header, so linkchecker lifts its
# politeness delay for 127.0.0.1 only (outside hosts keep it).
CONFIG = """\
[checking]
threads=10
maxrequestspersecond=1000
[filtering]
checkextern={extern}
"""


class _Handler(SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("LinkChecker", "local server: no rate limit needed")
        super().end_headers()

    def log_message(self, format, *args):
        pass


@contextmanager
def serve(folder: Path):
    """Serve folder on 127.0.0.1 (a free port) for as long as the block runs; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Broken:
    url: str  # the href as written in the page
    page: str  # the page that links to it
    line: str
    why: str

    def __str__(self) -> str:
        return f"{self.url} (on {self.page}, line {self.line}): {self.why}"


@dataclass(frozen=True)
class LinkReport:
    start: str
    returncode: int
    checked: list[str]  # every URL linkchecker looked at, resolved
    broken: list[Broken]
    output: str


def linkcheck(start_url: str, *options: str, extern: bool = False) -> LinkReport:
    """Run linkchecker (--verbose: every URL is listed); every invalid URL and every
    warning (a missing anchor is one) counts as broken."""
    with tempfile.TemporaryDirectory() as work:
        config = Path(work) / "linkcheckerrc"
        config.write_text(CONFIG.format(extern=int(extern)), encoding="utf-8")
        result = subprocess.run(
            [str(LINKCHECKER), "--config", str(config), "--no-status", "--verbose", "--output", "csv", *options, start_url],
            capture_output=True,
            text=True,
            timeout=1800,
        )
    rows = list(csv.DictReader((l for l in result.stdout.splitlines() if not l.startswith("#")), delimiter=";"))
    broken = [
        Broken(row["urlname"], row["parentname"], row["line"], (row["result"] + " " + row["warningstring"]).strip())
        for row in rows
        if row["valid"] != "True" or row["warningstring"]
    ]
    return LinkReport(start_url, result.returncode, [row["url"] for row in rows], broken, result.stdout + result.stderr)


# Links that name no page of the built site: other hosts, phones, scripts, and paths from
# the host's root (linkchecker follows those; their pages are not files under one clinic).
_NOT_A_PAGE = ("http:", "https:", "//", "/", "mailto:", "tel:", "sms:", "data:", "javascript:")


def missing_anchors(site_dir: Path, clinic_id: str, base: str) -> list[Broken]:
    """Each link to `page#section` in the clinic's built pages whose page has no such id.

    A link to a page that does not exist is linkchecker's to report; here only its anchor."""
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            ids[path] = {tag["id"] for tag in soup.find_all(id=True)} | {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
        return ids[path]

    root = site_dir / clinic_id
    broken = []
    for page in sorted(root.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for link in soup.find_all(["a", "area"], href=True):
            target, _, fragment = link["href"].partition("#")
            if not fragment or link["href"].lower().startswith(_NOT_A_PAGE):
                continue
            path = (page.parent / unquote(target)).resolve() if target else page
            path = path / "index.html" if path.is_dir() else path
            if path.suffix == ".html" and path.is_file() and unquote(fragment) not in ids_of(path):
                where = page.relative_to(site_dir).as_posix().removesuffix("index.html")
                broken.append(Broken(link["href"], f"{base}/{where}", str(link.sourceline),
                                     f"Anchor `{unquote(fragment)}' not found: the page has no heading or element with that id"))
    return broken


def check_site(site_dir: Path, clinic_ids: list[str], extern: bool = False) -> dict[str, LinkReport]:
    reports = {}
    with serve(site_dir) as base:
        for clinic_id in clinic_ids:
            report = linkcheck(f"{base}/{clinic_id}/", extern=extern)
            anchors = missing_anchors(site_dir, clinic_id, base)
            reports[clinic_id] = LinkReport(report.start, report.returncode or int(bool(anchors)), report.checked,
                                            report.broken + anchors, report.output)
    return reports


def markdown_report(reports: dict[str, LinkReport]) -> str:
    lines = ["Broken links found by `careguide check-links --extern` on the built site:", ""]
    for clinic_id, report in reports.items():
        for broken in report.broken:
            page = re.sub(r"^http://127\.0\.0\.1:\d+", "", broken.page)
            lines.append(f"- **{clinic_id}**: `{broken.url}` on `{page}` (line {broken.line}): {broken.why}")
    return "\n".join(lines) + "\n"


def cmd_check_links(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    site_dir = Path(args.site_dir).resolve() if args.site_dir else root / "site"
    built = sorted(p.name for p in site_dir.iterdir() if (p / "index.html").is_file()) if site_dir.is_dir() else []
    ids = args.clinic or built
    if not ids:
        print(f"careguide check-links: no built clinic sites in {site_dir}; run `careguide build` first", file=sys.stderr)
        return 1
    if not LINKCHECKER.is_file():
        print(f"careguide check-links: linkchecker is not installed ({LINKCHECKER}); run `make build`", file=sys.stderr)
        return 1
    reports = check_site(site_dir, ids, extern=args.extern)
    failed = False
    for clinic_id, report in reports.items():
        for broken in report.broken:
            print(f"{clinic_id}: {broken}", file=sys.stderr)
        if report.returncode or report.broken:
            failed = True
        print(f"{clinic_id}: {len(report.checked)} URL(s) checked, {len(report.broken)} broken", file=sys.stderr)
    if args.report and failed:
        Path(args.report).write_text(markdown_report(reports), encoding="utf-8")
    return 1 if failed else 0


def register(commands) -> None:
    check = commands.add_parser(
        "check-links",
        help="check every link and anchor of the built sites with linkchecker",
        description="Serve the built site on 127.0.0.1 and run linkchecker on each clinic: internal links and "
        "anchors; outside links too with --extern. Exits 1 if any link is broken.",
    )
    check.add_argument("--site-dir", help="the built site (default: site/)")
    check.add_argument("--clinic", action="append", metavar="ID", help="check only this clinic (repeatable)")
    check.add_argument("--extern", action="store_true", help="also check links to other sites (needs internet)")
    check.add_argument("--report", metavar="FILE", help="if links are broken, write a Markdown list of them here")
    check.set_defaults(run=cmd_check_links)
