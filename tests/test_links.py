"""Every internal link and anchor of every clinic's site resolves, checked by the real
linkchecker over HTTP on 127.0.0.1 (so `page/#anchor` links are followed into index.html,
which file:// checking cannot do). Outside links are not checked here (no internet):
.github/workflows/links.yml checks them weekly."""

from __future__ import annotations

import csv
import functools
import subprocess
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import CLINIC_IDS, PAGES, copy_project, run_careguide

LINKCHECKER = Path(sys.executable).parent / "linkchecker"

# AnchorCheck: a link to page/#section fails when the page has no id="section".
# maxrequestspersecond: with the LinkChecker header our server sends, linkchecker lifts
# its politeness delay for this host only.
CONFIG = """\
[checking]
threads=10
maxrequestspersecond=1000
[filtering]
checkextern=0
[AnchorCheck]
"""


class _Handler(SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("LinkChecker", "local test server: no rate limit needed")
        super().end_headers()

    def log_message(self, format, *args):
        pass


@contextmanager
def serve(folder: Path):
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
    page: str
    line: str
    why: str


def linkcheck(start_url: str, workdir: Path, *options: str) -> tuple[subprocess.CompletedProcess, list[Broken]]:
    """Run linkchecker (--verbose: every URL checked is listed); every invalid URL and every
    warning (a missing anchor is one) counts as broken."""
    config = workdir / "linkcheckerrc"
    config.write_text(CONFIG, encoding="utf-8")
    result = subprocess.run(
        [str(LINKCHECKER), "--config", str(config), "--no-status", "--verbose", "--output", "csv", *options, start_url],
        capture_output=True,
        text=True,
        timeout=300,
    )
    rows = csv.DictReader((line for line in result.stdout.splitlines() if not line.startswith("#")), delimiter=";")
    broken = [
        Broken(row["urlname"], row["parentname"], row["line"], (row["result"] + " " + row["warningstring"]).strip())
        for row in rows
        if row["valid"] != "True" or row["warningstring"]
    ]
    return result, broken


@pytest.fixture(scope="module")
def site_url(built_site):
    with serve(built_site.root) as url:
        yield url


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_every_internal_link_and_anchor_resolves(site_url, clinic_id, tmp_path):
    result, broken = linkcheck(f"{site_url}/{clinic_id}/", tmp_path)
    assert broken == [], "\n".join(map(str, broken))
    assert result.returncode == 0, result.stdout + result.stderr
    checked = [line for line in result.stdout.splitlines() if not line.startswith("#")]
    assert len(checked) > 100, "linkchecker checked too little to be trusted:\n" + result.stdout


def test_network_index_links_resolve(site_url, tmp_path):
    # --recursion-level 1: the links on the index itself; each clinic is checked in depth above
    result, broken = linkcheck(f"{site_url}/index.html", tmp_path, "--recursion-level", "1")
    assert broken == [], "\n".join(map(str, broken))
    assert result.returncode == 0, result.stdout + result.stderr


def test_broken_link_and_broken_anchor_fail_the_link_check(tmp_path):
    """Raw HTML links that MkDocs' own validation cannot see: linkchecker must catch both."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "contact.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + '\n<p>See <a href="../no-such-page/">the missing page</a> and '
        '<a href="../side-effects/#no-such-section">the missing section</a>.</p>\n',
        encoding="utf-8",
    )
    site = tmp_path / "site"
    built = run_careguide("build", "--clinic", "example-baltimore", "--site-dir", str(site), root=project)
    assert built.returncode == 0, built.stdout + built.stderr

    with serve(site) as url:
        result, broken = linkcheck(f"{url}/example-baltimore/", tmp_path)
    assert result.returncode == 1
    by_url = {b.url: b for b in broken}
    assert set(by_url) == {"../no-such-page/", "../side-effects/#no-such-section"}, broken
    assert "404" in by_url["../no-such-page/"].why
    assert "Anchor `no-such-section' (decoded: `no-such-section') not found" in by_url[
        "../side-effects/#no-such-section"
    ].why
    assert all(b.page.endswith("/example-baltimore/contact/") for b in broken)


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_every_page_links_to_editing_its_markdown(built_site, clinic_id):
    for page in PAGES:
        soup = BeautifulSoup(built_site.page(clinic_id, page).read_text(encoding="utf-8"), "html.parser")
        edit = soup.select('a[rel="edit"]')
        assert [a["href"] for a in edit] == [f"https://github.com/example/careguide/edit/main/docs/{page}"], page
        # No repository widget: Material's would fetch star counts from api.github.com.
        assert soup.select('[data-md-component="source"]') == [], page
