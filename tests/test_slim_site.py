"""A clinic's site ships only what a patient's browser uses (careguide/slim.py, issue 19):
no source maps, no build inputs, no theme file no page names, one copy of the theme for both
languages; and every file a page names is there. Each engine's real build."""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from careguide.page_urls import rewrite_urls
from careguide.slim import SlimFailed, slim_clinic, trim_indentation
from conftest import CLINIC_IDS, ENGINES, ROOT

BUILD_INPUTS = ROOT / "overrides" / "careguide"


def files(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())


def named_by_pages(site: Path) -> set[str]:
    """Every clinic-relative path a page's href or src names (relative or by absolute path)."""
    named = set()
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            for attribute in ("href", "src"):
                url = tag.get(attribute)
                parts = urlsplit(url or "")
                if not url or parts.scheme or parts.netloc or not parts.path:
                    continue
                if parts.path.startswith("/"):  # the 404 pages: from the network's root
                    assert parts.path.startswith("/careguide/"), f"{page}: {url}"
                    path = posixpath.relpath(parts.path.removeprefix("/careguide/"), site.name)
                else:
                    path = posixpath.relpath(posixpath.normpath((page.parent / parts.path).as_posix()), site.as_posix())
                named.add(path)
    return named


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_no_source_map_is_shipped_or_named(engine_site, engine, clinic_id):
    site = engine_site(engine).clinic(clinic_id)
    assert [name for name in files(site) if name.endswith(".map")] == []
    for path in [*site.rglob("*.js"), *site.rglob("*.css")]:
        assert "sourceMappingURL" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("engine", ENGINES)
def test_no_build_input_is_shipped(engine_site, engine):
    shipped = files(engine_site(engine).clinic(CLINIC_IDS[0]))
    for source in BUILD_INPUTS.rglob("*"):
        name = source.relative_to(BUILD_INPUTS.parent).as_posix()  # careguide/strings.yml
        assert name not in shipped and f"es/{name}" not in shipped
    assert not [name for name in shipped if name.endswith((".yml", ".yaml"))]


def stylesheets(page: Path) -> list[Path]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [Path(posixpath.normpath(page.parent / link["href"])) for link in soup.find_all("link", rel="stylesheet")]


@pytest.mark.parametrize("engine", ENGINES)
def test_the_spanish_pages_use_the_english_theme_files(engine_site, engine):
    site = engine_site(engine).clinic(CLINIC_IDS[0])
    assert not (site / "es" / "assets").exists()
    spanish, english = stylesheets(site / "es" / "faq" / "index.html"), stylesheets(site / "faq" / "index.html")
    assert len(spanish) == 3 and spanish == english and all(path.is_file() for path in spanish)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_every_theme_file_is_named_by_a_page_and_every_named_file_exists(engine_site, engine, clinic_id):
    site = engine_site(engine).clinic(clinic_id)
    named = named_by_pages(site)
    theme = {name for name in files(site) if name.startswith("assets/")}
    stylesheet_urls = {
        posixpath.normpath(posixpath.join(posixpath.dirname(css), url))
        for css in theme if css.endswith(".css")
        for url in re.findall(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""", (site / css).read_text(encoding="utf-8"))
        if not urlsplit(url).scheme
    }
    licences = {name for name in theme if Path(name).name == "LICENSE"}
    assert theme - named - stylesheet_urls - licences == set()
    theme_names = [name for name in named if name.startswith(("assets/", "es/assets/", "../_assets/"))]
    assert theme_names and [name for name in theme_names if not (site / name).is_file()] == []


def test_slimming_that_would_break_a_page_stops_the_build(tmp_path, built_site):
    site = tmp_path / CLINIC_IDS[0]
    shutil.copytree(built_site.clinic(CLINIC_IDS[0]), site)
    page = site / "es" / "faq" / "index.html"  # as if a page named a file that slimming removed
    page.write_text(page.read_text(encoding="utf-8").replace("</head>", '<script src="../../assets/gone.js"></script></head>'), encoding="utf-8")
    with pytest.raises(SlimFailed) as failed:
        slim_clinic(site, [site, site / "es"], BUILD_INPUTS, f"/careguide/{site.name}/")
    assert str(failed.value) == (
        "es/faq/index.html: names ../../assets/gone.js, which the build removed as unused: report this as a careguide bug"
    )


def test_a_spanish_theme_file_that_differs_from_the_english_one_stays(tmp_path, built_site):
    site = tmp_path / CLINIC_IDS[0]
    shutil.copytree(built_site.clinic(CLINIC_IDS[0]), site)
    page = site / "es" / "faq" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</head>", '<link rel="stylesheet" href="../assets/own.css"></head>'), encoding="utf-8")
    for folder, text in ((site / "assets", "/* English */\n"), (site / "es" / "assets", "/* Spanish */\n")):
        folder.mkdir(exist_ok=True)
        (folder / "own.css").write_text(text, encoding="utf-8")
    (site / "es" / "assets" / "unused.css").write_text("/* named by nothing */\n", encoding="utf-8")
    slim_clinic(site, [site, site / "es"], BUILD_INPUTS, f"/careguide/{site.name}/")
    assert files(site / "es" / "assets") == ["own.css"]
    assert 'href="../assets/own.css"' in page.read_text(encoding="utf-8")


def test_trimming_removes_indentation_and_keeps_white_space_where_it_is_content():
    html = (
        "<ul>\n    <li>Call <b>911</b>\n\n      now</li>\n</ul>\n  <PRE>\n  keep\n    this</PRE>\n"
        "  <textarea>\n  typed</textarea>\n  <script>\n  var a = 1\n  b()</script>\n  <style>\n  p {}\n</style >\n <p>x</p>"
    )
    assert trim_indentation(html) == (
        "<ul>\n<li>Call <b>911</b>\nnow</li>\n</ul>\n<PRE>\n  keep\n    this</PRE>\n"
        "<textarea>\n  typed</textarea>\n<script>\n  var a = 1\n  b()</script>\n<style>\n  p {}\n</style >\n<p>x</p>"
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_no_built_page_line_starts_with_indentation_outside_scripts(engine_site, engine):
    site = engine_site(engine).clinic(CLINIC_IDS[0])
    for page in [site / "index.html", site / "es" / "faq" / "index.html"]:
        text = re.sub(r"<(script|style|pre|textarea)\b.*?</\1\s*>", "", page.read_text(encoding="utf-8"), flags=re.S | re.I)
        assert [line for line in text.splitlines() if line[:1].isspace()] == [], page


def test_rewriting_a_url_changes_only_that_value_even_after_a_pasted_line_separator():
    # Text pasted from Word can carry U+2028, which str.splitlines() counts as a line break but an
    # HTML parser does not: positions counted the wrong way would cut into the wrong tag.
    html = '<p>Call us\u2028now</p>\n<link rel="stylesheet" href="../assets/a.css">\n<img alt="../assets/a.css" src=\'../assets/a.css\'>'
    assert rewrite_urls(html, lambda url: "../../assets/a.css" if url == "../assets/a.css" else None) == (
        '<p>Call us\u2028now</p>\n<link rel="stylesheet" href="../../assets/a.css">\n'
        '<img alt="../assets/a.css" src=\'../../assets/a.css\'>'
    )
