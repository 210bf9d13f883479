"""The printable handout: the guide's pages as one print page, rendered to PDF by WeasyPrint.

Plain functions, testable without MkDocs (the MkDocs side is `pdf_plugin.py`, a few lines):

1. `print_sections` turns each guide page's HTML (what MkDocs made of its Markdown, macros
   and partials included) into a section of one document: ids made unique per page, links
   between pages turned into links within the document, and every link given the readable
   text it needs on paper: a URL, a number, or the section it points to. (Not "page N":
   a `target-counter` in running text makes WeasyPrint lay out most pages twice, about
   0.3 s more per clinic; the contents page carries the page numbers instead.)
2. `handout_html` renders `overrides/careguide/print.html` (cover, contents and review dates,
   sections, the numbers to call on the back page) with the theme's Jinja environment, so it
   shares the site's partials. `tonight_excerpts` picks out of the same sections what the
   one-page sheet for tonight (`overrides/careguide/tonight.html`) reprints.
3. `render_pdf` renders that HTML with our own print stylesheet (`overrides/careguide/print.css`,
   not Material's CSS), fonts and the parsed stylesheet kept once per process, and a URL
   fetcher confined to the built site and the print assets (symlinks resolved first), plus
   data: images. The handout carries no attachments: WeasyPrint would embed the target file.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import segno
from bs4 import BeautifulSoup
from markupsafe import Markup
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from .escaping import escaped
from .model import Clinic
from .views import phones, state_crisis_lines

PDF_NAME = "ketamine-aftercare-guide.pdf"
PRINT_TEMPLATE = "careguide/print.html"
TONIGHT_NAME = "ketamine-aftercare-tonight.pdf"  # the one-page sheet, beside the booklet
TONIGHT_TEMPLATE = "careguide/tonight.html"
# What the sheet for tonight reprints from the guide's pages, in order: (page URL, what).
# ".name": the box of that class (the home page's `!!! today`); "#id": that heading and what
# follows it up to the next heading of its level. The ids are the same in every language.
TONIGHT = (
    ("", ".today"),
    ("first-24-hours/", "#the-next-day"),
    ("first-24-hours/", "#for-the-person-taking-you-home"),
)
# Relative links in the pages resolve against this made-up origin; anything that stays on
# it is a link into the guide itself.
_SITE = "https://guide.invalid/"


class ExternalResourceRefused(Exception):
    """The handout would read something outside the site: the message says what to remove."""


@dataclass(frozen=True)
class GuidePage:
    """One page of the guide as MkDocs produced it."""

    url: str  # "side-effects/", "" for the home page
    title: str
    content: str  # HTML of the page body
    meta: dict
    source: str = ""  # "docs/side-effects.es.md": where an editor fixes what the handout refuses


@dataclass(frozen=True)
class Section:
    """One guide page as a section of the print page."""

    id: str
    title: str
    content: Markup
    last_reviewed: date | None
    next_review: date | None
    source: str = ""  # the page's file, for messages


class TooManyPages(Exception):
    """A document that must fit on `limit` pages takes `pages`."""

    def __init__(self, pages: int, limit: int):
        super().__init__(f"{pages} pages, more than {limit}")
        self.pages, self.limit = pages, limit


class ExcerptMissing(Exception):
    """A page lacks a part that the sheet for tonight reprints: the message says which."""


def page_key(page_url: str) -> str:
    """A page's address as a folder, however the build named it: "side-effects.html" (a
    preview's) -> "side-effects/", "index.html" -> "" (the home page); "side-effects/" stays."""
    if page_url.endswith("index.html"):
        return page_url[: -len("index.html")]
    if page_url.endswith(".html"):
        return page_url[: -len(".html")] + "/"
    return page_url


def section_id(page_url: str) -> str:
    """"side-effects/" (or "side-effects.html") -> "page-side-effects"; the home page is "page-index"."""
    slug = page_key(page_url).strip("/").replace("/", "-") or "index"
    return f"page-{slug}"


def print_sections(pages: Iterable[GuidePage], asset_uri: Callable[[str], str | None]) -> list[Section]:
    """Each page's HTML rewritten to live in one document (see the module docstring).

    `asset_uri(site_path)` gives the local file URI of an image the pages show
    (like "assets/logos/x.svg"), or None if the build has no such file.
    """
    pages = list(pages)
    ids = {page_key(page.url): section_id(page.url) for page in pages}
    titles = {page_key(page.url): page.title for page in pages}
    return [
        Section(
            id=section_id(page.url),
            title=page.title,
            content=Markup(_rewrite(page, ids, titles, asset_uri)),
            last_reviewed=page.meta.get("last_reviewed"),
            next_review=page.meta.get("next_review"),
            source=page.source or page.url or "index",
        )
        for page in pages
    ]


def tonight_excerpts(sections: list[Section], wanted: Iterable[tuple[str, str]] = TONIGHT) -> list[Markup]:
    """The parts of `sections` (print_sections' output) that the sheet for tonight reprints:
    the same HTML the booklet prints, so the two never say different things."""
    by_id = {section.id: section for section in sections}
    excerpts = []
    for url, what in wanted:
        section = by_id.get(section_id(url))
        if section is None:
            raise ExcerptMissing(f"the sheet for tonight reprints part of the page {url or 'index'}, which the guide no longer has: put it back, or change TONIGHT in src/careguide/pdf.py")
        soup = BeautifulSoup(str(section.content), "html.parser")
        if what.startswith("."):
            box = soup.select_one(f".admonition{what}")
            parts = [box] if box else []
            described = f"the box `!!! {what[1:]}`"
        else:
            heading = soup.find(id=f"{section.id}--{what[1:]}")
            parts = [heading, *_until_next_heading(heading)] if heading else []
            described = f"the section with the heading id {what} (`## ... {{ {what} }}`)"
        if not parts:
            raise ExcerptMissing(f"{section.source}: the sheet for tonight reprints {described}, which this page no longer has: put it back, or change TONIGHT in src/careguide/pdf.py")
        excerpts.append(Markup("".join(str(part) for part in parts)))
    return excerpts


def tonight_section_ids() -> set[str]:
    """The sections the sheet for tonight reprints from (to name their pages)."""
    return {section_id(url) for url, _ in TONIGHT}


def _until_next_heading(heading) -> list:
    level = int(heading.name[1])
    following = []
    for sibling in heading.next_siblings:
        if getattr(sibling, "name", None) in {f"h{n}" for n in range(1, level + 1)}:
            break
        following.append(sibling)
    return following


def _rewrite(page: GuidePage, ids: dict[str, str], titles: dict[str, str], asset_uri: Callable[[str], str | None]) -> str:
    soup = BeautifulSoup(page.content, "html.parser")
    prefix = section_id(page.url) + "--"
    for element in soup.find_all(id=True):
        element["id"] = prefix + element["id"]
    for label in soup.find_all(attrs={"aria-labelledby": True}):
        label["aria-labelledby"] = " ".join(prefix + i for i in label["aria-labelledby"].split())
    for link in soup.find_all("a", href=True):
        _rewrite_link(link, page.url, ids, titles)
    name = page.source or page.url or "index"
    for link in soup.find_all(["a", "link"], rel=True):
        if "attachment" in link["rel"]:
            raise ExternalResourceRefused(f"{name}: the handout has no attachments; remove rel=attachment from the link to {link.get('href')}")
    for image in soup.find_all("img", src=True):
        if image["src"].startswith(_DATA_IMAGES):
            continue
        target = urljoin(_SITE + page.url, image["src"])
        local = asset_uri(urlsplit(target).path.lstrip("/")) if target.startswith(_SITE) else None
        if local is None:
            raise ExternalResourceRefused(f"{name}: the handout may only use files of the site; remove the image {image['src']}")
        image["src"] = local
    return str(soup)


def _rewrite_link(link, page_url: str, ids: dict[str, str], titles: dict[str, str]) -> None:
    """Point links between pages inside the document; say on paper where each link goes."""
    if "headerlink" in link.get("class", []):
        link.decompose()  # the ¶ beside each heading means nothing on paper
        return
    target = urljoin(_SITE + page_url, link["href"])
    parts = urlsplit(target)
    text = link.get_text(" ", strip=True)
    if target.startswith(_SITE):
        path = page_key(parts.path.removeprefix("/"))
        if path not in ids:
            return  # a file of the site, not a guide page: leave it be
        link["href"] = f"#{ids[path]}--{parts.fragment}" if parts.fragment else f"#{ids[path]}"
        link["class"] = [*link.get("class", []), "cg-print-internal"]
        if path != page_key(page_url) and text.casefold() != titles[path].casefold():
            link["data-print"] = f"see “{titles[path]}”"
    elif parts.scheme == "tel":
        number = parts.path
        if not _digits(text) or not _digits(number).endswith(_digits(text)):
            link["data-print"] = number.removeprefix("+1") if number.startswith("+1") else number
    elif parts.scheme == "mailto":
        if text != parts.path:
            link["data-print"] = parts.path
    elif parts.scheme in ("http", "https"):
        readable = target.split("://", 1)[1].rstrip("/")
        if text.split("://", 1)[-1].rstrip("/") != readable:
            link["data-print"] = readable


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def qr_svg(url: str) -> Markup:
    """A QR code for `url` as inline SVG (segno, generated locally)."""
    return Markup(segno.make(url, error="m").svg_inline(scale=1, border=4, svgclass="cg-qr", lineclass=None, omitsize=True))


def handout_context(
    clinic: Clinic,
    sections: list[Section],
    *,
    guide_title: str,
    edition: str,
    language: str,
    logo_uri: str | None,
    site_url: str | None = None,
) -> dict:
    """Everything print.html needs, clinic data escaped like the site's.

    `site_url`: where this edition is online (the Spanish one is under es/); the clinic's site by default.
    """
    site_url = site_url or clinic.site_url
    reviews = [s.next_review for s in sections if s.next_review]
    return {
        "clinic": escaped(clinic),
        "phones": escaped(phones(clinic)),
        "state_lines": escaped(state_crisis_lines(clinic)),
        "sections": escaped(sections),
        "guide_title": escaped(guide_title),
        "edition": escaped(edition),
        "language": escaped(language),
        "logo_uri": escaped(logo_uri),
        "site_url": escaped(site_url),
        "qr": qr_svg(site_url),
        "next_review": min(reviews) if reviews else None,
    }


def handout_html(templates, context: dict, template: str = PRINT_TEMPLATE) -> str:
    """The print page, from overrides/careguide/print.html (or the sheet for tonight,
    TONIGHT_TEMPLATE) in the theme's Jinja environment."""
    return templates.get_template(template).render(**context)


# data: URLs carry their own bytes (no file is read); only images are any use on paper.
_DATA_IMAGES = ("data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp", "data:image/svg+xml")


class _Refused(FatalURLFetchingError):
    """Stops WeasyPrint (it catches every Exception a fetcher raises); render_pdf reports it."""


class ConfinedFetcher(URLFetcher):
    """WeasyPrint URL fetcher that reads only files under `roots` (after resolving symlinks)
    and data: images. Every resource goes through it: images, stylesheets, SVG <image>,
    CSS url(), @font-face and attachments (fontconfig's system fonts do not)."""

    def __init__(self, roots: Iterable[Path]):
        super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=True)
        self.roots = tuple(Path(root).resolve() for root in roots)
        # WeasyPrint swallows even BaseExceptions while drawing an SVG image: remember each refusal.
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if url.startswith(_DATA_IMAGES):
            return super().fetch(url, headers)
        parts = urlsplit(url)
        path = Path(unquote(parts.path)).resolve()
        if parts.scheme != "file" or parts.netloc not in ("", "localhost") or not any(path.is_relative_to(root) for root in self.roots):
            self.refused.append(url)
            raise _Refused(url)
        return super().fetch(path.as_uri(), headers)  # the resolved file: no second look-up


@functools.cache
def _print_setup(css_path: Path, roots: tuple[Path, ...]):
    """The fonts and the parsed print stylesheet, loaded once per process (per build worker)."""
    fonts = FontConfiguration()
    stylesheet = CSS(filename=str(css_path), font_config=fonts, url_fetcher=ConfinedFetcher(roots))
    return fonts, stylesheet


def render_pdf(html: str, *, site: Path, print_assets: Path, css_path: Path, max_pages: int | None = None) -> bytes:
    """The print page as a tagged PDF (PDF/UA-1): title, author and language from the HTML.
    With `max_pages`, raise TooManyPages if it does not fit on that many.

    It may read only files under `site` (the built site, also the base URL) and
    `print_assets` (the project's overrides/careguide/, where `css_path` lives).
    """
    roots = (site.resolve(), print_assets.resolve())
    fetcher = ConfinedFetcher(roots)
    options = {"pdf_variant": "pdf/ua-1", "pdf_identifier": b"careguide"}  # identifier: stable across builds
    try:
        fonts, stylesheet = _print_setup(css_path.resolve(), roots)
        document = HTML(string=html, base_url=site.resolve().as_uri() + "/", url_fetcher=fetcher).render(
            stylesheets=[stylesheet], font_config=fonts, **options
        )
        _refuse_attachments(document)
        if max_pages is not None and len(document.pages) > max_pages:
            raise TooManyPages(len(document.pages), max_pages)
        pdf = document.write_pdf(**options)
        if fetcher.refused:
            raise _Refused(fetcher.refused[0])
        return pdf
    except _Refused as refused:
        raise ExternalResourceRefused(f"the handout may only use files of the site; remove {refused}") from None
    except FatalURLFetchingError as failed:
        raise ExternalResourceRefused(f"the handout could not read a file it uses: {failed}") from None


def _refuse_attachments(document) -> None:
    """WeasyPrint embeds the target of <a rel=attachment> and <link rel=attachment>: never."""
    if document.metadata.attachments:
        raise ExternalResourceRefused("the handout has no attachments; remove the <link rel=attachment>")
    for page in document.pages:
        for kind, target, _, _ in page.links:
            if kind == "attachment":
                raise ExternalResourceRefused(f"the handout has no attachments; remove rel=attachment from the link to {target}")


def human_size(size: int) -> str:
    """Bytes as patients read them: "230 KB", "1.2 MB" (1 KB = 1024 bytes, rounded up)."""
    if size < 1024 * 1024:
        return f"{max(1, math.ceil(size / 1024))} KB"
    return f"{math.ceil(size / (1024 * 1024) * 10) / 10:.1f} MB"


__all__ = [
    "PDF_NAME",
    "TONIGHT",
    "TONIGHT_NAME",
    "TooManyPages",
    "ConfinedFetcher",
    "ExcerptMissing",
    "ExternalResourceRefused",
    "GuidePage",
    "Section",
    "handout_context",
    "handout_html",
    "human_size",
    "print_sections",
    "qr_svg",
    "render_pdf",
    "section_id",
    "tonight_excerpts",
]
