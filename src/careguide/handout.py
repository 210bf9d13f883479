"""Post-build step: a language's printable handout, made from that language's built HTML.

Engine-independent: it reads the pages as the engine wrote them (the body each page
shows, marked by overrides/partials/content.html), in nav order, and the project's own
print template and stylesheet. It then tells every page the handout's size.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bs4 import BeautifulSoup
from markupsafe import escape

from . import pdf
from .model import Clinic
from .page_macros import partial_templates
from .project import Project
from .variant import PDF_NAME

BODY = "cg-page-body"  # the element around each page's own content (overrides/partials/content.html)
SIZE_SLOT = '<span class="cg-pdf-link__size"></span>'  # overrides/partials/careguide/pdf-link.html


class HandoutFailed(Exception):
    pass


def built_page(site: Path, url: str) -> Path:
    return site / url / "index.html"


def page_body(html: str) -> str:
    body = BeautifulSoup(html, "html.parser").find(class_=BODY)
    return body.decode_contents() if body else ""


def _date(value) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def make_handout(project: Project, clinic: Clinic, language: str, site: Path, *, address: str, config: dict) -> int:
    """Write site/ketamine-aftercare-guide.pdf for `language`; return its size in bytes."""
    pages = [
        pdf.GuidePage(
            page.url,
            page.meta.get("title", page.name),
            page_body(built_page(site, page.url).read_text(encoding="utf-8")),
            {**page.meta, "last_reviewed": _date(page.meta.get("last_reviewed")), "next_review": _date(page.meta.get("next_review"))},
            page.source.relative_to(project.root).as_posix(),
        )
        for page in project.pages[language]
    ]

    def asset_uri(site_path: str) -> str | None:
        # Resolved, so a symlink in the site pointing outside it is not a file of the site.
        file = (site / site_path).resolve()
        return file.as_uri() if file.is_file() and file.is_relative_to(site.resolve()) else None

    try:
        sections = pdf.print_sections(pages, asset_uri)
    except pdf.ExternalResourceRefused as refused:
        raise HandoutFailed(str(refused)) from None  # it names the page, in its language
    context = pdf.handout_context(
        clinic,
        sections,
        guide_title=pages[0].title,
        edition=project.edition,
        language=language,
        logo_uri=asset_uri(clinic.logo) if clinic.logo else None,
        site_url=address,
    )
    html = pdf.handout_html(partial_templates(str(project.overrides)), {**context, "config": config})
    try:
        document = pdf.render_pdf(html, site=site, print_assets=project.print_assets, css_path=project.print_assets / "print.css")
    except pdf.ExternalResourceRefused as refused:
        raise HandoutFailed(f"the {language} handout: {refused}") from None
    (site / PDF_NAME).write_bytes(document)
    return len(document)


def show_size(project: Project, language: str, site: Path, size: int) -> None:
    """Fill the empty size slot of each page's handout link ("(PDF, 93 KB)"): the size is
    known only once the handout exists, after the pages."""
    words = escape(project.strings[language]["pdf_link"]["size"].replace("{size}", pdf.human_size(size)))
    filled = SIZE_SLOT.replace("></", f">{words}</")
    for page in project.pages[language]:
        path = built_page(site, page.url)
        html = path.read_text(encoding="utf-8")
        if html.count(SIZE_SLOT) != 1:
            raise HandoutFailed(f"{path.name}: the page has no handout link to fill (overrides/partials/careguide/pdf-link.html)")
        path.write_text(html.replace(SIZE_SLOT, filled), encoding="utf-8")
