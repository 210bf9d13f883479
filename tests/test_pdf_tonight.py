"""The one-page sheet for tonight (issue 18), printed beside the booklet from the same built
pages: one Letter page in every language for every clinic, with the clinic's numbers, 911
and 988, the home page's "today" box word for word, and lines to write on; black on white."""

from __future__ import annotations

import subprocess
from functools import cache

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from pypdf import PdfReader

from careguide.escaping import escaped_words
from careguide.handout import show_sizes
from careguide.pdf import (
    TONIGHT_NAME,
    TONIGHT_TEMPLATE,
    ExcerptMissing,
    GuidePage,
    handout_context,
    handout_html,
    human_size,
    print_sections,
    tonight_excerpts,
)
from careguide.page_macros import partial_templates
from careguide.project import load_project
from conftest import CLINIC_IDS, ENGINES, ROOT, bundled_clinic as clinic, run_careguide, squash

ARTIFACTS = ROOT / "test-artifacts"
LANGS = ("en", "es")
WORDS = {
    "en": {"title": "Tonight, after your ketamine infusion", "call": "Call the clinic", "after": "After hours",
           "write": ("My next infusion is on:", "My clinician's name:"), "next": "The next day", "helper": "For the person taking you home"},
    "es": {"title": "Esta noche, después de su infusión de ketamina", "call": "Llame a la clínica", "after": "Fuera de horario",
           "write": ("Mi próxima infusión es el:", "El nombre de mi profesional de salud:"), "next": "El día siguiente",
           "helper": "Para la persona que le lleva a casa"},
}
CRISIS = {
    "en": ("Emergency: call 911", "Thoughts of suicide or self-harm: call or text 988", "Send a text to 988"),
    "es": ("Emergencias: llame al 911", "llame o envíe un mensaje de texto al 988", "Poison Help"),
}


@pytest.fixture(scope="module", params=ENGINES)
def built_site(request, engine_site):
    return engine_site(request.param)


@pytest.fixture(scope="module")
def sheet(built_site):
    @cache
    def read(clinic_id: str, lang: str):
        path = built_site.clinic(clinic_id) / ("" if lang == "en" else lang) / TONIGHT_NAME
        return path, PdfReader(path)

    return read


def pdftotext(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_the_sheet_is_exactly_one_letter_page(sheet, clinic_id, lang):
    path, reader = sheet(clinic_id, lang)
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)
    assert reader.trailer["/Root"]["/Lang"] == lang
    assert reader.metadata.title == f"{WORDS[lang]['title']}: {clinic(clinic_id).name}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_the_sheet_gives_the_clinic_phones_911_988_and_lines_to_write_on(sheet, clinic_id, lang):
    c, words = clinic(clinic_id), WORDS[lang]
    text = squash(pdftotext(sheet(clinic_id, lang)[0]))
    for expected in (c.name, words["title"], f"{words['call']} {c.phone}", f"{words['after']} {c.after_hours_phone}",
                     *CRISIS[lang], *words["write"], words["next"], words["helper"]):
        assert expected in text, expected
    assert ("Example clinic:" in text or "Clínica de ejemplo:" in text) == c.example
    assert "{{" not in text and "{%" not in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_the_sheet_prints_the_home_pages_today_box_word_for_word(built_site, sheet, clinic_id, lang):
    home = BeautifulSoup(built_site.page(clinic_id, "index.md", lang).read_text(), "html.parser")
    box = home.select_one(".cg-page-body .admonition.today")
    items = [squash(li.get_text()) for li in box.select("li")]
    assert len(items) >= 4
    text = squash(pdftotext(sheet(clinic_id, lang)[0]))
    for item in [squash(box.select_one(".admonition-title").get_text()), *items]:
        assert item in text, item


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_the_sheet_reads_in_black_and_white(sheet, clinic_id, lang):
    """Rendered at 300 dpi in grey, as a black-and-white printer would: the text is black on
    white. Rendered in colour, no pixel has a hue, so nothing depends on colour."""
    path = sheet(clinic_id, lang)[0]
    ARTIFACTS.mkdir(exist_ok=True)
    stem = ARTIFACTS / f"pdf-tonight-{clinic_id}-{lang}"
    subprocess.run(["pdftoppm", "-gray", "-r", "300", "-png", "-singlefile", str(path), str(stem)], check=True)
    grey = Image.open(stem.with_suffix(".png")).convert("L")
    assert grey.size == (2550, 3300)  # 8.5 x 11 inches at 300 dpi
    histogram = grey.histogram()
    dark = sum(histogram[:64]) / sum(histogram)
    assert 0.03 < dark < 0.4, f"{dark:.1%} of the sheet is black"
    assert histogram[0] > 0 and histogram[255] > 0.5 * sum(histogram)  # black ink, mostly white paper
    colour = stem.with_name(stem.name + "-colour")
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-singlefile", str(path), str(colour)], check=True)
    pixels = list(Image.open(colour.with_suffix(".png")).convert("RGB").get_flattened_data())
    assert max(max(p) - min(p) for p in pixels) <= 8, "the sheet uses colour"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_every_page_links_to_the_sheet_beside_the_booklet_with_its_size(built_site, clinic_id, lang):
    strings = load_project(ROOT).strings[lang]["pdf_link"]
    html = BeautifulSoup(built_site.page(clinic_id, "side-effects.md", lang).read_text(), "html.parser")
    links = html.select("p.cg-pdf-link a[href]")
    assert [a.get_text(strip=True) for a in links] == [strings["download"], strings["tonight"]]
    path = built_site.page(clinic_id, "side-effects.md", lang)
    target = (path.parent / links[1]["href"]).resolve()
    assert target == (built_site.clinic(clinic_id) / ("" if lang == "en" else lang) / TONIGHT_NAME).resolve()
    size = links[1].find_next_sibling(class_="cg-pdf-link__size").get_text(strip=True)
    assert size == f"(PDF, {human_size(target.stat().st_size)})"


# No build needed: what the sheet takes from the pages, and how it shows clinic values.

HOME = GuidePage("", "Home", '<div class="admonition today"><p class="admonition-title">Today</p><ul><li>Rest.</li></ul></div><p>More.</p>', {}, "docs/index.md")
FIRST_DAY = GuidePage(
    "first-24-hours/",
    "The first 24 hours",
    '<h2 id="the-next-day">The next day</h2><p>Sleep.</p><h3 id="x">Sub</h3><p>Still.</p>'
    '<h2 id="for-the-person-taking-you-home">For the person</h2><ul><li>Stay.</li></ul><h2 id="wrong">If wrong</h2><p>Not this.</p>',
    {},
    "docs/first-24-hours.es.md",
)


def excerpts(*pages: GuidePage):
    return tonight_excerpts(print_sections(pages, asset_uri=lambda path: None))


def test_the_sheet_takes_the_today_box_and_each_section_up_to_the_next_heading_of_its_level():
    today, next_day, helper = (BeautifulSoup(str(e), "html.parser") for e in excerpts(HOME, FIRST_DAY))
    assert today.get_text(" ", strip=True) == "Today Rest."
    assert next_day.get_text(" ", strip=True) == "The next day Sleep. Sub Still."
    assert helper.get_text(" ", strip=True) == "For the person Stay."


def test_a_page_without_the_today_box_stops_the_sheet_naming_the_file():
    home = GuidePage("", "Home", "<p>No box.</p>", {}, "docs/index.es.md")
    with pytest.raises(ExcerptMissing) as error:
        excerpts(home, FIRST_DAY)
    assert str(error.value) == (
        "docs/index.es.md: the sheet for tonight reprints the box `!!! today`, which this page no longer has: "
        "put it back, or change TONIGHT in src/careguide/pdf.py"
    )


def test_a_page_without_a_reprinted_heading_stops_the_sheet_naming_the_file_and_the_id():
    first_day = GuidePage("first-24-hours/", "The first 24 hours", '<h2 id="the-next-day">The next day</h2>', {}, "docs/first-24-hours.es.md")
    with pytest.raises(ExcerptMissing) as error:
        excerpts(HOME, first_day)
    assert str(error.value) == (
        "docs/first-24-hours.es.md: the sheet for tonight reprints the section with the heading id "
        "#for-the-person-taking-you-home (`## ... { #for-the-person-taking-you-home }`), which this page no longer has: "
        "put it back, or change TONIGHT in src/careguide/pdf.py"
    )


HOSTILE = "Care <script>alert(1)</script> [x](javascript:alert(1)) {{ config }} &amp;"


@pytest.mark.parametrize("lang", LANGS)
def test_clinic_values_on_the_sheet_are_the_literal_text_written(lang):
    project = load_project(ROOT)
    bundled = clinic(CLINIC_IDS[0])
    hostile = bundled.model_copy(update={"name": HOSTILE})
    sections = print_sections([HOME, FIRST_DAY], asset_uri=lambda path: None)
    context = handout_context(hostile, sections, guide_title="Guide", edition="2026.1", language=lang, logo_uri=None)
    config = {"theme": {"language": lang}, "extra": {"strings": escaped_words(project.strings)}}
    html = handout_html(partial_templates(str(project.overrides)), {**context, "excerpts": tonight_excerpts(sections), "config": config}, TONIGHT_TEMPLATE)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    assert soup.select_one(".cg-tonight__clinic").get_text() == HOSTILE
    assert soup.title.get_text() == f"{WORDS[lang]['title']}: {HOSTILE}"


def test_a_page_without_the_sheets_size_slot_is_refused(tmp_path):
    project = load_project(ROOT)
    page = project.pages["en"][0]
    built = tmp_path / page.url / "index.html"
    built.parent.mkdir(parents=True, exist_ok=True)
    built.write_text('<span class="cg-pdf-link__size" data-pdf="ketamine-aftercare-guide.pdf"></span>')
    from careguide.handout import HandoutFailed

    with pytest.raises(HandoutFailed) as error:
        show_sizes(project, "en", tmp_path, {"ketamine-aftercare-guide.pdf": 1, TONIGHT_NAME: 1})
    assert str(error.value) == "index.html: the page has no handout link to fill (overrides/partials/careguide/pdf-link.html)"


# The build stops, naming the file, when the sheet loses what it reprints or a printed
# number dials another one than it shows.


def _replace(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_spanish_home_page_without_its_today_box_stops_the_build(project_copy, tmp_path):
    _replace(project_copy / "docs" / "index.es.md", '!!! today "Lo que necesita saber hoy"', '!!! note "Lo que necesita saber hoy"')
    result = run_careguide("build", "--clinic", "test-baltimore", "--site-dir", str(tmp_path / "out"), root=project_copy)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "test-baltimore: build failed: docs/index.es.md: the sheet for tonight reprints the box `!!! today`, "
        "which this page no longer has: put it back, or change TONIGHT in src/careguide/pdf.py"
    )
    assert "Traceback" not in result.stderr


def test_a_printed_988_that_dials_another_number_stops_the_build(project_copy, tmp_path):
    _replace(project_copy / "overrides" / "careguide" / "print.html", '<a href="tel:988">988</a>', '<a href="tel:998">988</a>')
    result = run_careguide("build", "--clinic", "test-baltimore", "--site-dir", str(tmp_path / "out"), root=project_copy)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "test-baltimore: build failed: overrides/careguide/print.html (en): the link text shows 988 but the link "
        "dials 998: a tel: link must dial the number it shows (in the built page: check the templates and strings.yml)"
    )


def test_a_today_box_too_long_for_one_page_stops_the_build_naming_the_pages(project_copy, tmp_path):
    longer = "".join(f"    - Rest, and drink water, and keep warm, and call us if you feel unwell, item {n}.\n" for n in range(30))
    _replace(project_copy / "docs" / "index.md", "    - Rest for the rest of the day.\n", "    - Rest for the rest of the day.\n" + longer)
    result = run_careguide("build", "--clinic", "test-baltimore", "--site-dir", str(tmp_path / "out"), root=project_copy)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "test-baltimore: build failed: docs/index.md, docs/first-24-hours.md: the sheet for tonight "
        "(overrides/careguide/tonight.html (en)) takes 2 pages; it must fit on one: shorten the parts it reprints "
        "(the `!!! today` box, and the sections listed in TONIGHT in src/careguide/pdf.py)"
    )
