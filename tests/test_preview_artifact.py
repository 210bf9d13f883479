"""The editors' preview, taken the way CONTRIBUTING.md's "Preview your change" says: CI's
artifact `careguide-<clinic>` (`careguide build --preview`, uploaded from preview/<id>/),
downloaded as a zip, unzipped, and its index.html opened in the browser from file://, with
no web server. Every menu link opens its page (not a folder listing), in English and, after
the language button, in Spanish; the printed guides' links reach their files; and the search
box, which cannot run from files, says that search works on the published guide.

The preview is built once per session, for the clinic CONTRIBUTING.md names.
"""

from __future__ import annotations

import shutil
import zipfile
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, run_careguide

from browser_checks import RECORD_POLICY_VIOLATIONS, axe_violations, open_search, settle_instantly

CLINIC = "example-baltimore"  # CONTRIBUTING.md's example
ARTIFACT = f"careguide-{CLINIC}"  # the name of CI's upload (.github/workflows/ci.yml)
STRINGS = yaml.safe_load((ROOT / "overrides" / "careguide" / "strings.yml").read_text(encoding="utf-8"))
NAV = list(STRINGS["en"]["nav"])  # the menu's pages, in order: index.md, how-it-works.md, ...
HANDOUTS = ("ketamine-aftercare-guide.pdf", "ketamine-aftercare-tonight.pdf")


def h1_of(page: str, lang: str) -> str:
    """The page's title line as the editor wrote it (docs/faq.md or docs/faq.es.md)."""
    source = ROOT / "docs" / (page if lang == "en" else page.replace(".md", ".es.md"))
    return next(line[2:].strip() for line in source.read_text(encoding="utf-8").splitlines() if line.startswith("# "))


@pytest.fixture(scope="session")
def artifact(tmp_path_factory) -> Path:
    """CI's build step, its upload (the folder's contents, zipped) and an editor's unzip."""
    out = tmp_path_factory.mktemp("preview")
    result = run_careguide("build", "--preview", "--clinic", CLINIC, "--site-dir", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Open {out}/{CLINIC}/index.html in a browser." in result.stdout
    download = tmp_path_factory.mktemp("download")
    archive = shutil.make_archive(str(download / ARTIFACT), "zip", root_dir=out / CLINIC)
    unzipped = download / ARTIFACT
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(unzipped)
    return unzipped


@pytest.fixture
def tab(browser):
    """A browser tab that records what fails on the page: script errors, console errors, the
    security policy's refusals, and any request that leaves the unzipped files (aborted)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    settle_instantly(context)
    context.add_init_script(RECORD_POLICY_VIOLATIONS)
    left_the_files: list[str] = []

    def route(route):
        left_the_files.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith("file://"), route)
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
    page.on("console", lambda message: message.type == "error" and page.problems.append(f"console: {message.text}"))
    page.left_the_files = left_the_files
    yield page
    context.close()


def heading(tab) -> str:
    """The page's h1 as a reader sees it, less the ¶ link beside it."""
    return tab.eval_on_selector(
        "article h1", "h => [...h.childNodes].filter(n => !n.classList?.contains('headerlink')).map(n => n.textContent).join('').trim()"
    )


def open_home(tab, artifact: Path, lang: str) -> None:
    """index.html opened from the unzipped folder; for Spanish, then the language button's Español."""
    tab.goto((artifact / "index.html").as_uri())
    if lang == "es":
        tab.locator(".md-header__option .md-select button").hover()
        tab.locator(".md-select__link[hreflang=es]").click()
        tab.wait_for_load_state()
    assert heading(tab) == h1_of("index.md", lang)


def the_page_itself(tab) -> Path:
    """The file the tab shows, after checking it is a page of the guide and not a folder listing."""
    shown = Path(unquote(urlsplit(tab.url).path))
    assert shown.is_file() and shown.suffix == ".html", f"{tab.url} is not a page file (a folder listing?)"
    return shown


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_menu_link_opens_its_page_from_the_unzipped_files(tab, artifact, lang):
    folder = artifact if lang == "en" else artifact / "es"
    for name in NAV:
        open_home(tab, artifact, lang)
        label = STRINGS[lang]["nav"][name]
        tab.locator("nav.md-nav--primary").get_by_role("link", name=label, exact=True).first.click()
        tab.wait_for_load_state()
        assert the_page_itself(tab) == folder / name.replace(".md", ".html")
        title = h1_of(name, lang)
        assert heading(tab) == title
        assert tab.title().startswith(title)
    assert tab.problems == [] and tab.evaluate("window.__violations") == []
    assert tab.left_the_files == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_printed_guides_links_lead_to_their_pdf_files(tab, artifact, lang):
    open_home(tab, artifact, lang)
    hrefs = tab.eval_on_selector_all(".cg-pdf-link a[download]", "links => links.map(a => a.href)")
    files = [Path(unquote(urlsplit(href).path)) for href in hrefs]
    folder = artifact if lang == "en" else artifact / "es"
    assert files == [folder / name for name in HANDOUTS]
    assert all(file.read_bytes().startswith(b"%PDF-") for file in files)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_search_box_says_search_works_on_the_published_guide(tab, artifact, lang):
    open_home(tab, artifact, lang)
    open_search(tab)
    tab.locator(".cg-search__input").press_sequentially("drive")
    status = tab.locator(".cg-search__status")
    assert status.is_visible()
    assert status.inner_text() == STRINGS[lang]["search"]["preview_only"]
    assert tab.locator(".cg-search__results a").count() == 0 and not tab.locator(".cg-search__none").is_visible()
    # It says so instead of trying: no failed load of Pagefind from file://, no error.
    assert tab.problems == [] and tab.evaluate("window.__violations") == []
    assert axe_violations(tab) == []


def test_no_link_of_the_preview_leads_to_a_folder_or_a_missing_file(artifact):
    """From files, a link to a folder opens a listing of it: every page's links and sources
    that stay in the preview lead to files that are there (the 404 page, which only a web
    server shows, is left out: its links start at the published address)."""
    assert not list(artifact.rglob("404.html"))
    broken = []
    for html in sorted(artifact.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(href=True) + soup.find_all(src=True):
            address = unescape(element.get("href") or element.get("src"))
            parts = urlsplit(address)
            if parts.scheme or parts.netloc or not parts.path:  # other sites, tel:, sms:, "#section"
                continue
            target = (html.parent / unquote(parts.path)).resolve()
            if not target.is_file():
                broken.append(f"{html.relative_to(artifact)}: {address}")
    assert broken == []
