"""A heading in the printed handout is never the last line of a page (issue 14): print.css
keeps each heading with what follows it. Checked the way a reader meets it: each page of
the PDF read back on its own with pdftotext."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from careguide.pdf import PDF_NAME, render_pdf
from conftest import CLINIC_IDS, ENGINES, ROOT

ASSETS = ROOT / "overrides" / "careguide"
# The running footer's page number, alone or after the footer text ("... Page 3 of 20").
FOOTER = re.compile(r"(?:(?:Page|Página)\s+)?\d+\s+(?:(?:of|de)\s+)?\d+$")
HEADING = "Keep this heading with its text"


def page_lines(pdf: Path) -> list[list[str]]:
    """Each page's non-empty lines, without the running footer, read with pdftotext."""
    count = len(PdfReader(pdf).pages)
    pages = []
    for number in range(1, count + 1):
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"],
            capture_output=True, text=True, check=True,
        ).stdout
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        pages.append([line for line in lines if not FOOTER.search(line)])
    return pages


def stranded(pdf: Path, headings: set[str]) -> list[tuple[int, list[str]]]:
    """(page, its last lines) for every page that ends with a heading, or with a heading and
    one line under it while the section goes on over the page (a lead-in such as "These
    numbers are free..." whose list or box starts the next page)."""
    pages = page_lines(pdf)
    found = []
    for number, lines in enumerate(pages, start=1):
        following = pages[number] if number < len(pages) else []
        section_goes_on = bool(following) and following[0] not in headings
        if lines and (lines[-1] in headings or (len(lines) > 1 and lines[-2] in headings and section_goes_on)):
            found.append((number, lines[-2:]))
    return found


def outline_titles(outline) -> set[str]:
    titles = set()
    for item in outline:
        titles |= outline_titles(item) if isinstance(item, list) else {item.title.strip()}
    return titles


def filler_then_heading(paragraphs: int) -> str:
    """A page of `paragraphs` lines, then a heading, a one-line lead-in and a box that does not
    break (like the emergency numbers), then more text."""
    before = "".join(f"<p>Line {n} of the text before the heading.</p>" for n in range(paragraphs))
    box = '<div class="admonition"><p class="admonition-title">Box</p>' + "<p>A line in the box.</p>" * 6 + "</div>"
    after = "".join(f"<p>Line {n} of the text after the box.</p>" for n in range(4))
    # the handout's cover names the footer's "Page N of M" words; this page has no cover
    words = '<style>body { string-set: cg-page "Page", cg-of "of"; }</style>'
    return (f'<html lang="en"><head><title>t</title>{words}</head><body>{before}'
            f"<h2>{HEADING}</h2><p>The one line that leads into the box.</p>{box}{after}</body></html>")


def test_a_heading_and_its_lead_in_never_end_a_page_wherever_they_fall(tmp_path):
    """The heading moves down one line at a time, so one of these lands it at the foot of
    page 1 unless print.css keeps it, and its lead-in, with what follows."""
    found = []
    for paragraphs in range(18, 32):
        pdf = tmp_path / f"{paragraphs}.pdf"
        pdf.write_bytes(render_pdf(filler_then_heading(paragraphs), site=tmp_path, print_assets=ASSETS, css_path=ASSETS / "print.css"))
        assert HEADING in " ".join(line for page in page_lines(pdf) for line in page)
        found += [(paragraphs, page) for page, _ in stranded(pdf, {HEADING})]
    assert found == []


@pytest.fixture(scope="module", params=ENGINES)
def built_site(request, engine_site):
    return engine_site(request.param)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_no_page_of_the_handout_ends_with_a_heading(built_site, clinic_id, lang):
    pdf = built_site.clinic(clinic_id) / ("es/" if lang == "es" else "") / PDF_NAME
    headings = outline_titles(PdfReader(pdf).outline)
    assert len(headings) > 20  # every section and subsection heading is a bookmark
    assert stranded(pdf, headings) == []
