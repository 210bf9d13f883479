"""Post-build step: a language's printable handouts, made from that language's built HTML:
the booklet (every page) and the one-page sheet for tonight (parts of the same pages).

Engine-independent: it reads the pages as the engine wrote them (the body each page
shows, marked by overrides/partials/content.html), in nav order, and the project's own
print templates and stylesheet. It then tells every page each handout's size.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bs4 import BeautifulSoup
from markupsafe import escape

from . import pdf
from .crisis import CrisisGuidanceBroken, check_built
from .model import Clinic
from .page_macros import partial_templates
from .project import Project, built_page
from .variant import PDF_NAME, TONIGHT_NAME

BODY = "cg-page-body"  # the element around each page's own content (overrides/partials/content.html)
# overrides/partials/careguide/pdf-link.html: each handout's empty size slot, by file
SIZE_SLOTS = {name: f'<span class="cg-pdf-link__size" data-pdf="{name}"></span>' for name in (PDF_NAME, TONIGHT_NAME)}
# What each printed document must let a patient dial (crisis.check_built on its HTML)
CRISIS_ON_PAPER = ("tel:911", "tel:988")


class HandoutFailed(Exception):
    pass


def page_body(html: str) -> str:
    body = BeautifulSoup(html, "html.parser").find(class_=BODY)
    return body.decode_contents() if body else ""


def _date(value) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def make_handouts(project: Project, clinic: Clinic, language: str, site: Path, *, address: str, config: dict) -> dict[str, int]:
    """Write site/ketamine-aftercare-guide.pdf and the sheet for tonight beside it for
    `language`; return each file's size in bytes, by name."""
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
        excerpts = pdf.tonight_excerpts(sections)
    except (pdf.ExternalResourceRefused, pdf.ExcerptMissing) as refused:
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
    templates = partial_templates(str(project.overrides))
    sizes = {}
    for name, template, max_pages in ((PDF_NAME, pdf.PRINT_TEMPLATE, None), (TONIGHT_NAME, pdf.TONIGHT_TEMPLATE, 1)):
        html = pdf.handout_html(templates, {**context, "excerpts": excerpts, "config": config}, template)
        where = f"overrides/{template} ({language})"
        try:
            check_built(html, where, CRISIS_ON_PAPER, body="body")
            document = pdf.render_pdf(
                html, site=site, print_assets=project.print_assets, css_path=project.print_assets / "print.css", max_pages=max_pages
            )
        except pdf.TooManyPages as long:
            sources = ", ".join(dict.fromkeys(section.source for section in sections if section.id in pdf.tonight_section_ids()))
            raise HandoutFailed(
                f"{sources}: the sheet for tonight ({where}) takes {long.pages} pages; it must fit on one: "
                "shorten the parts it reprints (the `!!! today` box, and the sections listed in TONIGHT in src/careguide/pdf.py)"
            ) from None
        except CrisisGuidanceBroken as broken:
            raise HandoutFailed(str(broken)) from None
        except pdf.ExternalResourceRefused as refused:
            raise HandoutFailed(f"the {language} handout {name}: {refused}") from None
        (site / name).write_bytes(document)
        sizes[name] = len(document)
    return sizes


def show_sizes(project: Project, language: str, site: Path, sizes: dict[str, int]) -> None:
    """Fill the empty size slot of each page's handout links ("(PDF, 93 KB)"): a size is
    known only once its handout exists, after the pages."""
    size_words = project.strings[language]["pdf_link"]["size"]
    filled = {
        slot: slot.replace("></", f">{escape(size_words.replace('{size}', pdf.human_size(sizes[name])))}</")
        for name, slot in SIZE_SLOTS.items()
    }
    for page in project.pages[language]:
        path = built_page(site, page.url)
        html = path.read_text(encoding="utf-8")
        for slot, words in filled.items():
            if html.count(slot) != 1:
                raise HandoutFailed(f"{path.name}: the page has no handout link to fill (overrides/partials/careguide/pdf-link.html)")
            html = html.replace(slot, words)
        path.write_text(html, encoding="utf-8")
