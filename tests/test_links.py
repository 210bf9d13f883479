"""Every internal link and anchor of every clinic's site resolves, checked by the real
linkchecker over HTTP on 127.0.0.1 (careguide.lint.links: so `page/#anchor` links are
followed into index.html, which file:// checking cannot do). Outside links are not
checked here (no internet): .github/workflows/links.yml checks them weekly."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from conftest import CLINIC_IDS, PAGES, ROOT, bundled_clinic, copy_project, page_url_path, run_careguide

from careguide.lint.links import Broken, LinkReport, check_site, linkcheck, markdown_report, serve
from careguide.preview import preview_config
from careguide.project import load_project


@pytest.fixture(scope="module")
def site_url(built_site):
    with serve(built_site.root) as url:
        yield url


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_every_internal_link_and_anchor_resolves(built_site, clinic_id):
    (report,) = check_site(built_site.root, [clinic_id]).values()
    assert report.broken == [], "\n".join(map(str, report.broken))
    assert report.returncode == 0, report.output
    base = re.match(r"http://127\.0\.0\.1:\d+", report.start).group(0)
    pages = {f"{base}/{clinic_id}/{page_url_path(page).removesuffix('index.html')}" for page in PAGES}
    assert pages <= set(report.checked), "linkchecker did not reach every page:\n" + report.output


def test_network_entry_page_links_resolve(site_url):
    # The network index with several clinics; with one clinic (a clinic's own fork) there is
    # no index and the clinic's home is the entry page.
    entry = "index.html" if len(CLINIC_IDS) > 1 else f"{CLINIC_IDS[0]}/"
    # --recursion-level 1: the links on that page itself; each clinic is checked in depth above
    report = linkcheck(f"{site_url}/{entry}", "--recursion-level", "1")
    assert report.broken == [], "\n".join(map(str, report.broken))
    assert report.returncode == 0, report.output


def test_broken_link_and_broken_anchor_fail_the_link_check(tmp_path):
    """Raw HTML links that MkDocs' own validation cannot see: linkchecker must catch both,
    and `careguide check-links` (what CI runs) must fail on them."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "contact.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + '\n<p>See <a href="../no-such-page/">the missing page</a> and '
        '<a href="../side-effects/#no-such-section">the missing section</a>.</p>\n',
        encoding="utf-8",
    )
    site = tmp_path / "site"
    built = run_careguide("build", "--clinic", "test-baltimore", "--site-dir", str(site), root=project)
    assert built.returncode == 0, built.stdout + built.stderr

    (report,) = check_site(site, ["test-baltimore"]).values()
    assert report.returncode == 1
    by_url = {b.url: b for b in report.broken}
    assert set(by_url) == {"../no-such-page/", "../side-effects/#no-such-section"}, report.broken
    assert "404" in by_url["../no-such-page/"].why
    assert by_url["../side-effects/#no-such-section"].why == (
        "Anchor `no-such-section' not found: the page has no heading or element with that id"
    )
    assert all(b.page.endswith("/test-baltimore/contact/") for b in report.broken)

    command = run_careguide("check-links", "--site-dir", str(site), root=project)
    assert command.returncode == 1
    assert "test-baltimore: ../no-such-page/ (on http://127.0.0.1:" in command.stderr
    assert "test-baltimore: " in command.stderr and ", 2 broken" in command.stderr


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_published_pages_link_to_no_editing_page_and_show_no_repository_widget(built_site, clinic_id):
    for page in PAGES:
        soup = BeautifulSoup(built_site.page(clinic_id, page).read_text(encoding="utf-8"), "html.parser")
        assert soup.select('a[rel="edit"]') == [], page  # the pencil is for editors' previews only
        # No repository widget: Material's would fetch star counts from api.github.com.
        assert soup.select('[data-md-component="source"]') == [], page


@pytest.mark.parametrize("lang,source", [("en", "{path_noext}.md"), ("es", "{path_noext}.es.md")])
def test_the_preview_pencil_opens_the_markdown_file_the_editor_writes(tmp_path, lang, source):
    project = load_project(ROOT)
    config = preview_config(project, bundled_clinic(CLINIC_IDS[0]), lang, docs_dir=tmp_path / "docs", site_dir=tmp_path / "site")
    assert "content.action.edit" in config["theme"]["features"]
    assert config["edit_uri_template"] == "https://github.com/example/careguide/edit/main/docs/" + source


def test_check_links_command_passes_on_the_built_site(built_site):
    clinic_id = CLINIC_IDS[0]
    result = run_careguide("check-links", "--site-dir", str(built_site.root), "--clinic", clinic_id)
    assert result.returncode == 0, result.stderr
    assert re.search(rf"^{clinic_id}: \d+ URL\(s\) checked, 0 broken$", result.stderr, re.M), result.stderr


def test_weekly_report_lists_each_broken_link_with_its_page():
    broken = Broken("https://example.org/gone", "http://127.0.0.1:8000/test-baltimore/about/", "51", "404 Not Found")
    report = LinkReport("http://127.0.0.1:8000/test-baltimore/", 1, [], [broken], "")
    assert markdown_report({"test-baltimore": report}).splitlines()[2] == (
        "- **test-baltimore**: `https://example.org/gone` on `/test-baltimore/about/` (line 51): 404 Not Found"
    )
