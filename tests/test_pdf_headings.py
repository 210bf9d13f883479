"""A heading in the printed handout is never the last line of a page (issue 14): print.css
keeps each heading with what follows it. Checked the way a reader meets it: each page of
the PDF read back on its own with pdftotext."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from careguide.pdf import PDF_NAME, TONIGHT_NAME, render_pdf
from conftest import CLINIC_IDS, ENGINES, ROOT

ASSETS = ROOT / "overrides" / "careguide"
# The running footer's page number, alone or after the footer text ("... Page 3 of 20").
FOOTER = re.compile(r"(?:(?:Page|Página)\s+)?\d+\s+(?:(?:of|de)\s+)?\d+$")
HEADING = "Keep this heading with its text"
# Two lines on paper: the page's last text block is then the heading's last two lines.
LONG_HEADING = "Keep this heading with its text even when the heading is far too long to fit on one line"


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


def ends_with_heading(lines: list[str], headings: set[str], skip: int = 0) -> bool:
    """Whether the text block before the last `skip` lines is a heading: its last line, or
    its last two or three lines read together (a long heading wraps)."""
    end = len(lines) - skip
    return any(end - size >= 0 and " ".join(lines[end - size : end]) in headings for size in (1, 2, 3))


def starts_with_heading(lines: list[str], headings: set[str]) -> bool:
    return any(" ".join(lines[:size]) in headings for size in (1, 2, 3) if len(lines) >= size)


def stranded(pdf: Path, headings: set[str]) -> list[tuple[int, list[str]]]:
    """(page, its last lines) for every page whose last text block is a heading, or a heading
    and one line under it while the section goes on over the page (a lead-in such as "These
    numbers are free..." whose list or box starts the next page)."""
    pages = page_lines(pdf)
    found = []
    for number, lines in enumerate(pages, start=1):
        following = pages[number] if number < len(pages) else []
        section_goes_on = bool(following) and not starts_with_heading(following, headings)
        if ends_with_heading(lines, headings) or (ends_with_heading(lines, headings, skip=1) and section_goes_on):
            found.append((number, lines[-3:]))
    return found


def outline_titles(outline) -> set[str]:
    titles = set()
    for item in outline:
        titles |= outline_titles(item) if isinstance(item, list) else {item.title.strip()}
    return titles


def filler_then_heading(paragraphs: int, heading: str = HEADING, under: str = "lead-in and box") -> str:
    """A page of `paragraphs` lines, then a heading, then (`under`) a one-line lead-in and a box
    that does not break (like the emergency numbers), a one-line lead-in and a paragraph (like
    "Getting home" and the escort rule), or a list straight under the heading (like the home
    page's "What is in this guide"), then more text."""
    before = "".join(f"<p>Line {n} of the text before the heading.</p>" for n in range(paragraphs))
    box = '<div class="admonition"><p class="admonition-title">Box</p>' + "<p>A line in the box.</p>" * 6 + "</div>"
    after = "".join(f"<p>Line {n} of the text after the box.</p>" for n in range(4))
    UNDER = {
        "lead-in and box": f"<p>The one line that leads into the box.</p>{box}",
        "lead-in and paragraph": "<p>The one line that leads into the paragraph.</p><p>"
                                 + "A paragraph of three lines, which orphans and widows keep whole. " * 4 + "</p>",
        "list": "<ul>" + "".join(f"<li>Item {n} of the list.</li>" for n in range(6)) + "</ul>",
    }
    # the handout's cover names the footer's "Page N of M" words; this page has no cover
    words = '<style>body { string-set: cg-page "Page", cg-of "of"; }</style>'
    return (f'<html lang="en"><head><title>t</title>{words}</head><body>{before}'
            f"<h2>{heading}</h2>{UNDER[under]}{after}</body></html>")


@pytest.mark.parametrize("under", ["lead-in and box", "lead-in and paragraph", "list"])
@pytest.mark.parametrize("heading", [HEADING, LONG_HEADING])
def test_a_heading_and_its_lead_in_never_end_a_page_wherever_they_fall(tmp_path, heading, under):
    """The heading moves down one line at a time, so one of these lands it at the foot of
    page 1 unless print.css keeps it, and its lead-in, with what follows."""
    found = []
    for paragraphs in range(18, 32):
        pdf = tmp_path / f"{paragraphs}.pdf"
        pdf.write_bytes(render_pdf(filler_then_heading(paragraphs, heading, under), site=tmp_path, print_assets=ASSETS, css_path=ASSETS / "print.css"))
        assert heading in " ".join(line for page in page_lines(pdf) for line in page)
        found += [(paragraphs, page) for page, _ in stranded(pdf, {heading})]
    assert found == []


def test_a_wrapped_heading_at_the_foot_of_a_page_is_found():
    """The check itself: the last two lines read together are the heading."""
    lines = ["Line 1 of the text.", "Keep this heading with its text even when the heading is far too long to fit on", "one line"]
    assert ends_with_heading(lines, {LONG_HEADING})
    assert ends_with_heading([*lines, "A lead-in."], {LONG_HEADING}, skip=1)
    assert not ends_with_heading(lines[:2], {LONG_HEADING})


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


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_the_sheet_for_tonight_does_not_end_with_a_heading(built_site, clinic_id, lang):
    pdf = built_site.clinic(clinic_id) / ("es/" if lang == "es" else "") / TONIGHT_NAME
    headings = outline_titles(PdfReader(pdf).outline)
    assert len(headings) >= 4  # its title, who to call, the next day, for the person taking you home, write it down
    assert stranded(pdf, headings) == []
