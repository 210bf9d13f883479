"""Post-build step: sitemap.xml for a clinic, every page with its twins in each language.

Search engines read hreflang alternates from a sitemap as from <head> links (which must be
absolute, and the site must work under any path); the engine's own sitemap knows one
language only, so ours replaces it in each language folder.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import jinja2

from .project import LANGUAGES, Project


def write_sitemaps(project: Project, site: Path, addresses: dict[str, str]) -> None:
    """`addresses`: language -> where that language's home is published."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(project.root / "overrides" / "careguide"), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    names = [page.name for page in project.pages[LANGUAGES[0]]]
    urls = {lang: {page.name: addresses[lang] + page.url for page in project.pages[lang]} for lang in LANGUAGES}
    alternates = {name: [{"lang": lang, "href": urls[lang][name]} for lang in LANGUAGES] for name in names}
    for language in LANGUAGES:
        # the clinic's own sitemap (English home) lists every language; a language folder its own pages
        shown = LANGUAGES if language == LANGUAGES[0] else (language,)
        entries = [{"loc": urls[lang][name], "alternates": alternates[name]} for lang in shown for name in names]
        xml = env.get_template("sitemap.xml").render(entries=entries)
        folder = site / project.folder(language)
        (folder / "sitemap.xml").write_text(xml, encoding="utf-8")
        # mtime=0: the same sitemap gives the same bytes in every build
        (folder / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))
