"""The printable handout: each clinic's real PDF from the session build, read with pypdf
(text, outline, metadata), rendered with pdftoppm, and linked from every page of the site."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from pypdf import PdfReader

from careguide.states import licensing_boards
from careguide.pdf import PDF_NAME, GuidePage, human_size, print_sections
from conftest import CLINIC_IDS, ENGINES, PAGES, ROOT, bundled_clinic as clinic, squash

ARTIFACTS = ROOT / "test-artifacts"
BACK_PAGE = "Who to call"  # the last page: the numbers to call
ABOUT = "About this printed guide"  # page 2, after the contents: edition and review dates


@dataclass(frozen=True)
class Handout:
    path: Path
    reader: PdfReader
    pages: list[str]  # each page's text, whitespace collapsed to single spaces

    def text(self, first: int = 1) -> str:
        """The text of pages `first`.. (1-based), without the running footers."""
        return " ".join(_without_footer(p) for p in self.pages[first - 1 :])

    def headings(self) -> dict[str, int]:
        """Top-level PDF bookmarks (each section's h1) -> the page (1-based) it lands on."""
        return {
            item.title: self.reader.get_destination_page_number(item) + 1
            for item in self.reader.outline
            if not isinstance(item, list)
        }


def _without_footer(page_text: str) -> str:
    return re.sub(r"(?:Page|Página) \d+ (?:of|de) \d+$", "", page_text)


@pytest.fixture(scope="module", params=ENGINES)
def built_site(request, engine_site):
    """Every handout test runs on every engine's build: the handout is made from the built HTML."""
    return engine_site(request.param)


@pytest.fixture(scope="module")
def handout(built_site):
    @cache
    def read(clinic_id: str, lang: str = "en") -> Handout:
        """The clinic's handout; lang "es": the Spanish one, site/<id>/es/<name>.pdf."""
        path = built_site.clinic(clinic_id) / ("" if lang == "en" else lang) / PDF_NAME
        reader = PdfReader(path)
        return Handout(path, reader, [squash(page.extract_text()) for page in reader.pages])

    return read


def site_titles(built_site, clinic_id: str) -> list[str]:
    """Each guide page's heading as the website shows it, in nav order (the TOC's order)."""
    index = BeautifulSoup(built_site.page(clinic_id, "index.md").read_text(), "html.parser")
    order = [a["href"] for a in index.select("nav.md-nav--primary a.md-nav__link[href]")]
    titles = {}
    for page in PAGES:
        html = BeautifulSoup(built_site.page(clinic_id, page).read_text(), "html.parser")
        titles[page] = squash(html.select_one("article h1").get_text(" ", strip=True).removesuffix("¶"))
    assert len(titles) == len(PAGES)
    return [titles[p] for p in sorted(PAGES, key=lambda p: _nav_position(p, order))]


def _nav_position(page: str, hrefs: list[str]) -> int:
    stem = page.removesuffix(".md")
    for position, href in enumerate(hrefs):
        if href.strip("./") == ("" if stem == "index" else stem):
            return position
    return len(hrefs)


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_every_pdf_page_shows_the_clinic_name_and_phone(handout, clinic_id):
    c = clinic(clinic_id)
    pdf = handout(clinic_id)
    assert len(pdf.pages) > 3
    for number, text in enumerate(pdf.pages, start=1):
        assert c.name in text, f"page {number} lacks the clinic name"
        assert c.phone in text, f"page {number} lacks the clinic phone"
        assert f"Page {number} of {len(pdf.pages)}" in text


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_cover_has_clinic_phones_and_site_address(handout, clinic_id):
    c = clinic(clinic_id)
    cover = handout(clinic_id).pages[0]
    for expected in (c.name, c.phone, c.after_hours_phone, c.site_url, "What to expect after a ketamine infusion"):
        assert expected in cover
    assert "Emergency 911 Thoughts of suicide call or text 988" in cover
    assert ("Example clinic:" in cover) == c.example


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_every_guide_page_title_is_in_the_pdf(built_site, handout, clinic_id):
    body = handout(clinic_id).text(first=3)
    for title in site_titles(built_site, clinic_id):
        assert title in body


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_the_back_page_gives_the_clinic_and_crisis_numbers(handout, clinic_id):
    c = clinic(clinic_id)
    pdf = handout(clinic_id)
    back = _without_footer(pdf.pages[-1])
    assert back.startswith(f"{BACK_PAGE} Call the clinic {c.phone} After hours {c.after_hours_phone} ⚠ Emergency and crisis numbers")
    for number in ("call 911", "call or text 988", "Send a text to 988", "Poison Help: 1-800-222-1222", "call 211"):
        assert number in back
    # printed by the booklet itself once, on the back page (the guide's pages show it too)
    assert "Emergency and crisis numbers" not in pdf.pages[1]


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_provider_listing_matches_the_clinic_file(handout, clinic_id):
    c = clinic(clinic_id)
    text = handout(clinic_id).text(first=3)
    listing = text[text.index("Our providers Here are the people") : text.index("Checking a license")]
    expected = []
    for location in c.locations:
        expected += [location.name, location.street, f"{location.city}, {location.state} {location.zip}"]
        for p in (p for p in c.providers if location.id in p.locations):
            accepting = "Accepting new patients" if p.accepting_new_patients else "Not accepting new patients"
            expected += [f"{p.name}, {p.credentials}", p.role, "Speaks: " + ", ".join(p.languages), accepting]
            checked = f"{p.verified_on:%B} {p.verified_on.day}, {p.verified_on.year}"
            board = licensing_boards(c)[p.license.board]
            expected += [f"National Provider Identifier (NPI): {p.npi}", f"Maryland license: {p.license.number}", board.name["en"], f"Details checked on {checked}"]
    position = 0
    for item in expected:  # all there, in the clinic file's order
        found = listing.find(item, position)
        assert found >= 0, f"{item!r} missing or out of order in the provider listing"
        position = found + len(item)
    assert listing.count("Speaks:") == sum(len(p.locations) for p in c.providers)


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_no_template_syntax_reaches_the_pdf(handout, clinic_id):
    for number, text in enumerate(handout(clinic_id).pages, start=1):
        assert "{{" not in text and "{%" not in text and "}}" not in text, f"page {number}"


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_contents_page_numbers_are_where_each_section_starts(built_site, handout, clinic_id):
    pdf = handout(clinic_id)
    page_2 = pdf.reader.pages[1].extract_text()
    contents = page_2[page_2.index("Contents") :]
    listed = {
        m["title"]: int(m["page"])
        for m in re.finditer(r"^(?P<title>[^\n]+?)\s*(?:\.\s*)+(?P<page>\d+)\s*$", contents, re.MULTILINE)
    }
    assert list(listed) == [*site_titles(built_site, clinic_id), BACK_PAGE]
    assert listed[BACK_PAGE] == len(pdf.pages)
    headings = pdf.headings()
    for title, page in listed.items():
        assert headings[title] == page, f"contents say {title!r} is on page {page}; it starts on {headings[title]}"
        assert title in _without_footer(pdf.pages[page - 1]), f"{title!r} not printed on page {page}"
    assert sorted(listed.values()) == list(listed.values())


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_links_print_where_they_go(handout, clinic_id):
    text = handout(clinic_id).text(first=3)
    assert "what is normal and when to call (see “Side effects”)" in text
    assert "getting home (see “The first 24 hours”)" in text
    assert "Side effects: what is normal" in text  # the link text is already the section's name
    assert "tel:" not in text and "../" not in text and "index.html" not in text


DETAILS = {  # the words of the contact card's optional details (strings.yml, contact_card)
    "en": ("Book or change a visit", "Hours:", "Parking:", "Directions to"),
    "es": ("Pedir o cambiar una cita", "Horario:", "Estacionamiento:", "Cómo llegar a"),
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_contact_page_prints_hours_parking_and_the_address_of_each_outside_link(handout, lang):
    c = clinic("example-baltimore")
    booking, hours, parking, directions = DETAILS[lang]
    suffix = "_es" if lang == "es" else ""
    downtown = c.locations[0]
    text = handout(c.id, lang).text(first=3)
    # The readable address is printed after the link text, for a paper reader to type;
    # a long one may break over two lines.
    joined = re.sub(r"\s", "", text)
    assert re.sub(r"\s", "", f"{booking} (booking.example.org/example-baltimore)") in joined
    assert re.sub(r"\s", "", f"{directions} {downtown.name} ({downtown.directions_url.removeprefix('https://')})") in joined
    assert f"{hours} " + " ".join(getattr(downtown, "hours" + suffix)) in text.replace("◦ ", "").replace("• ", "")
    assert f"{parking} {getattr(downtown, 'parking' + suffix)}" in text


@pytest.mark.parametrize("clinic_id", ["example-annapolis", "example-rockville"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_clinic_without_hours_parking_or_links_prints_none_of_their_labels(handout, clinic_id, lang):
    text = handout(clinic_id, lang).text(first=3)
    booking, hours, parking, directions = DETAILS[lang]
    assert not [word for word in (booking, parking, directions) if word in text]
    assert not re.search(rf"(?<!After ){hours}", text)  # the card's own "After hours:" / "Fuera de horario:"


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_page_2_has_the_contents_then_the_edition_and_review_dates(handout, clinic_id):
    page_2 = handout(clinic_id).pages[1]
    assert page_2.startswith("Contents")
    about = page_2[page_2.index(ABOUT) :]
    assert "edition 2026.1" in about
    assert "Last reviewed" in about and "Next review due" in about
    assert clinic(clinic_id).reviewer.name in about


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_pdf_metadata_has_title_author_language_and_tags(handout, clinic_id):
    c = clinic(clinic_id)
    reader = handout(clinic_id).reader
    assert reader.metadata.title == f"What to expect after a ketamine infusion: {c.name}"
    assert reader.metadata.author == c.name
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en"
    assert bool(catalog["/MarkInfo"]["/Marked"])  # tagged for screen readers (PDF/UA-1)
    assert "/StructTreeRoot" in catalog
    assert reader.pdf_header == "%PDF-1.7"


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_pdf_is_letter_size_and_under_1_mb(handout, clinic_id):
    pdf = handout(clinic_id)
    for page in pdf.reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)
    assert pdf.path.stat().st_size < 1024 * 1024


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_cover_renders_to_a_page_that_is_not_blank(handout, clinic_id):
    ARTIFACTS.mkdir(exist_ok=True)
    stem = ARTIFACTS / f"pdf-cover-{clinic_id}"
    subprocess.run(
        ["pdftoppm", "-f", "1", "-l", "1", "-r", "60", "-png", "-singlefile", str(handout(clinic_id).path), str(stem)],
        check=True,
    )
    histogram = Image.open(stem.with_suffix(".png")).convert("L").histogram()  # pixels per grey level
    dark = sum(histogram[:128]) / sum(histogram)
    assert 0.02 < dark < 0.5, f"{dark:.1%} of the cover is dark"
    assert sum(1 for count in histogram if count) > 16  # text and anti-aliasing, not a flat page


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_every_site_page_links_to_the_pdf_with_its_size(built_site, clinic_id, page):
    path = built_site.page(clinic_id, page)
    html = BeautifulSoup(path.read_text(), "html.parser")
    link = html.select_one("p.cg-pdf-link a[href]")
    assert link is not None and link.get_text(strip=True) == "Download the printable guide"
    target = (path.parent / link["href"]).resolve()
    assert target == (built_site.clinic(clinic_id) / PDF_NAME).resolve()
    stated = html.select_one("p.cg-pdf-link .cg-pdf-link__size").get_text(strip=True)
    assert stated == f"(PDF, {human_size(target.stat().st_size)})"


# No build needed: the print page's rules, on small inputs.


def test_links_become_readable_text_and_stay_inside_the_document():
    page = GuidePage(
        url="side-effects/",
        title="Side effects",
        content=(
            '<h1 id="side-effects">Side effects<a class="headerlink" href="#side-effects">¶</a></h1>'
            '<p><a href="../contact/">contact</a> <a href="../contact/#after-hours">after hours</a>'
            ' <a href="#side-effects">top</a> <a href="tel:911">911</a> <a href="tel:988">the lifeline</a>'
            ' <a href="https://988lifeline.org/">988 Lifeline</a> <a href="https://988lifeline.org">988lifeline.org</a></p>'
        ),
        meta={},
    )
    contact = GuidePage(url="contact/", title="Contact and after-hours", content='<h2 id="after-hours">After hours</h2>', meta={})
    sections = print_sections([page, contact], asset_uri=lambda path: None)
    html = BeautifulSoup(sections[0].content, "html.parser")
    assert html.find(class_="headerlink") is None
    assert html.h1["id"] == "page-side-effects--side-effects"
    links = {a.get_text(): a for a in html.find_all("a")}
    assert links["contact"]["href"] == "#page-contact"
    assert links["contact"]["data-print"] == "see “Contact and after-hours”"
    assert links["after hours"]["href"] == "#page-contact--after-hours"
    assert links["top"]["href"] == "#page-side-effects--side-effects"
    assert "data-print" not in links["top"].attrs
    assert "data-print" not in links["911"].attrs
    assert links["the lifeline"]["data-print"] == "988"
    assert links["988 Lifeline"]["data-print"] == "988lifeline.org"
    assert "data-print" not in links["988lifeline.org"].attrs
    assert BeautifulSoup(sections[1].content, "html.parser").h2["id"] == "page-contact--after-hours"


def test_sizes_read_like_a_download_link():
    assert human_size(1) == "1 KB"
    assert human_size(230 * 1024) == "230 KB"
    assert human_size(230 * 1024 + 1) == "231 KB"
    assert human_size(1024 * 1024 + 1) == "1.1 MB"


# The Spanish handout (issue 9): the same document, in Spanish, beside the Spanish site.


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_spanish_handout_has_spanish_footer_cover_and_metadata(handout, clinic_id):
    c = clinic(clinic_id)
    pdf = handout(clinic_id, "es")
    for number, text in enumerate(pdf.pages, start=1):
        assert c.name in text and c.phone in text, f"page {number}"
        assert f"Página {number} de {len(pdf.pages)}" in text
        assert "{{" not in text and "{%" not in text, f"page {number}"
    cover = pdf.pages[0]
    for expected in ("Qué esperar después de una infusión de ketamina", "Llame a la clínica", "Fuera de horario", c.site_url + "es/"):
        assert expected in cover
    assert "Emergencias 911 Pensamientos de suicidio llame o envíe un texto al 988" in cover
    assert ("Clínica de ejemplo:" in cover) == c.example
    assert pdf.pages[1].startswith("Contenido") and "Sobre esta guía impresa" in pdf.pages[1]
    back = _without_footer(pdf.pages[-1])
    assert back.startswith(f"A quién llamar Llame a la clínica {c.phone} Fuera de horario {c.after_hours_phone} ⚠ Números de emergencia y de crisis")
    for number in ("llame al 911", "llame o envíe un mensaje de texto al 988", "1-800-222-1222", "llame al 211"):
        assert number in back
    catalog = pdf.reader.trailer["/Root"]
    assert catalog["/Lang"] == "es"
    assert pdf.reader.metadata.title == f"Qué esperar después de una infusión de ketamina: {c.name}"


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_spanish_handout_review_dates_are_spanish_with_spanish_dates(handout, clinic_id):
    c = clinic(clinic_id)
    page_2 = handout(clinic_id, "es").pages[1]
    last = page_2[page_2.index("Sobre esta guía impresa") :]
    assert "Sobre esta guía impresa" in last and "edición 2026.1" in last
    assert f"{c.reviewer.name}, {c.reviewer.role_es}" in last
    words = " ".join(last.split())
    if c.translation_review:
        assert f"Revisó esta traducción: {c.translation_review.name}, el" in words
    else:
        assert "Un traductor médico todavía no ha revisado esta traducción." in words
    assert re.search(r"\d{1,2} de (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre) de \d{4}", last)
    text = handout(clinic_id, "es").text()
    for english in ("Contents", "About this printed guide", "Who to call", "Last reviewed", "Call the clinic", "Page "):
        assert english not in text, english
