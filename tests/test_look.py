"""What a patient sees looks like a clinic's care guide, not a software manual (issue 18).

In Chromium, on the guide's longest page, at a small phone (320 x 640), a common phone
(375 x 667) and a laptop (1280 x 800), in both palettes and both languages: bold titles,
no phone number split over two lines, the call bar always on screen and small, the clinic,
after-hours, 911 and 988 links one tap away after scrolling to the very end, and zero axe
violations. On the built HTML (both engines where the markup is engine-made): the 911 box
tells screen readers it is an emergency, no "Edit this page" pencil, link-preview tags and
a favicon, each location named once, and US spelling and dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace

import pytest
import yaml
from bs4 import BeautifulSoup

from browser_checks import LocalSite, axe_violations, keep_requests_local, settle_instantly, use_palette
from careguide.favicon import MARK, initial, write_mark
from careguide.fields import tel_uri
from careguide.project import load_project
from conftest import CLINIC_IDS, LANGUAGES, PAGES, ROOT, bundled_clinic
from test_browser import page_path
from test_browser_layout import SPLIT_NUMBERS

STRINGS = yaml.safe_load((ROOT / "overrides" / "careguide" / "strings.yml").read_text())
VIEWPORTS = {"320": {"width": 320, "height": 640}, "375": {"width": 375, "height": 667}, "1280": {"width": 1280, "height": 800}}
LONG_PAGE = "side-effects.md"  # the longest page, with all three urgent boxes
MAX_BAR_SHARE = 0.15  # of the screen's height

# For each of the call bar's links: whether it is inside the viewport and is what a tap at
# its centre reaches (nothing drawn over it).
BAR_LINKS_IN_REACH = """hrefs => hrefs.map(href => {
  const a = document.querySelector(`.cg-call-bar a[href="${href}"]`);
  if (!a) return [href, 'missing'];
  const r = a.getBoundingClientRect();
  const inside = r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return [href, inside && hit && (hit === a || a.contains(hit)) ? 'in reach' : 'out of reach'];
})"""
LAYOUT = """() => {
  const bar = document.querySelector('.md-banner').getBoundingClientRect();
  const footer = [...document.querySelectorAll('.cg-disclaimer p')].pop().getBoundingClientRect();
  const title = getComputedStyle(document.querySelector('article h1'));
  return {bar_top: bar.top, bar_height: bar.height, footer_text_bottom: footer.bottom, title_weight: Number(title.fontWeight)};
}"""
# The clinic's name in the header, when it does not fit its box (cut off or ellipsed)
HEADER_NAME_CUT = """() => { const e = document.querySelector('.md-header__topic:first-child .md-ellipsis');
  return e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1 }"""
SCREEN_READER_TEXT = """() => [...document.querySelectorAll('.admonition.call-911 > .admonition-title')].map(t => {
  const hidden = t.querySelector('.cg-visually-hidden');
  return hidden ? [hidden.textContent.trim(), hidden.getBoundingClientRect().width <= 1] : null;
})"""


@dataclass
class Look:
    """What one page showed at one size, in one language (both palettes for axe)."""

    split_numbers: list = field(default_factory=list)
    bar_at_bottom: list = field(default_factory=list)
    layout: dict = field(default_factory=dict)
    screen_reader_911: list = field(default_factory=list)
    header_name_cut: bool = True
    axe_light: list = field(default_factory=list)
    axe_dark: list = field(default_factory=list)


def bar_hrefs(clinic_id: str) -> list[str]:
    clinic = bundled_clinic(clinic_id)
    return [tel_uri(clinic.phone), tel_uri(clinic.after_hours_phone), "tel:911", "tel:988", "sms:988"]


@pytest.fixture(scope="module")
def look(browser, built_site):
    site = LocalSite(built_site.root)
    seen: dict[tuple, Look] = {}

    def get(clinic_id: str, size: str, lang: str) -> Look:
        if (clinic_id, size, lang) not in seen:
            found = Look()
            context = browser.new_context(viewport=VIEWPORTS[size])
            keep_requests_local(context)
            settle_instantly(context)
            page = context.new_page()
            try:
                page.goto(site.url(page_path(clinic_id, LONG_PAGE, lang)), wait_until="load")
                found.split_numbers = page.evaluate(SPLIT_NUMBERS)
                found.screen_reader_911 = page.evaluate(SCREEN_READER_TEXT)
                found.header_name_cut = page.evaluate(HEADER_NAME_CUT)
                found.axe_light = axe_violations(page)
                use_palette(page, "slate")
                found.axe_dark = axe_violations(page)
                page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
                page.wait_for_function("Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight")
                found.bar_at_bottom = page.evaluate(BAR_LINKS_IN_REACH, bar_hrefs(clinic_id))
                found.layout = page.evaluate(LAYOUT)
            finally:
                context.close()
            seen[clinic_id, size, lang] = found
        return seen[clinic_id, size, lang]

    yield get
    site.close()


every_look = pytest.mark.parametrize(
    "clinic_id,size,lang", [(c, s, lang) for c in CLINIC_IDS for s in VIEWPORTS for lang in LANGUAGES]
)


@pytest.mark.browser
@every_look
def test_no_phone_number_wraps(look, clinic_id, size, lang):
    assert look(clinic_id, size, lang).split_numbers == []


@pytest.mark.browser
@every_look
def test_after_scrolling_to_the_end_the_clinic_after_hours_911_and_988_are_one_tap_away(look, clinic_id, size, lang):
    assert look(clinic_id, size, lang).bar_at_bottom == [[href, "in reach"] for href in bar_hrefs(clinic_id)]


@pytest.mark.browser
@every_look
def test_the_call_bar_takes_at_most_15_percent_of_the_screen_and_hides_none_of_the_footer(look, clinic_id, size, lang):
    layout = look(clinic_id, size, lang).layout
    assert layout["bar_height"] <= MAX_BAR_SHARE * VIEWPORTS[size]["height"], layout
    assert layout["footer_text_bottom"] <= layout["bar_top"], layout


@pytest.mark.browser
@every_look
def test_the_clinics_name_in_the_header_is_not_cut(look, clinic_id, size, lang):
    assert look(clinic_id, size, lang).header_name_cut is False


@pytest.mark.browser
@every_look
def test_page_titles_are_bold(look, clinic_id, size, lang):
    assert look(clinic_id, size, lang).layout["title_weight"] >= 700


@pytest.mark.browser
@every_look
def test_zero_axe_violations_in_light_and_dark(look, clinic_id, size, lang):
    found = look(clinic_id, size, lang)
    assert (found.axe_light, found.axe_dark) == ([], [])


@pytest.mark.browser
@every_look
def test_the_911_box_tells_screen_readers_immediate_action_is_required(look, clinic_id, size, lang):
    expected = [STRINGS[lang]["urgent"]["immediate_action"], True]  # the words, and hidden from sight
    assert look(clinic_id, size, lang).screen_reader_911 == [expected]


# --- on the built HTML ------------------------------------------------------------------

@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_every_911_box_of_every_engine_starts_with_the_screen_reader_words(engine_site, engine):
    site = engine_site(engine)
    missing = []
    for clinic_id in CLINIC_IDS:
        for lang in LANGUAGES:
            for page in PAGES:
                soup = BeautifulSoup(site.page(clinic_id, page, lang).read_text(), "html.parser")
                for title in soup.select(".admonition.call-911 > .admonition-title"):
                    hidden = title.select_one(".cg-visually-hidden")
                    if not hidden or hidden.get_text(strip=True) != STRINGS[lang]["urgent"]["immediate_action"]:
                        missing.append((clinic_id, lang, page))
    assert missing == []


def test_published_pages_have_no_edit_pencil(page_soups):
    # (the preview's pencil: tests/test_links.py)
    pencils = [key for key, soup in page_soups.items() if soup.select("a.md-content__button, a[href*='/edit/']")]
    assert pencils == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_link_preview_tags_naming_the_page_and_the_clinic(page_soups, lang):
    locale = {"en": "en_US", "es": "es_US"}[lang]
    for (clinic_id, page, page_lang), soup in page_soups.items():
        if page_lang != lang:
            continue
        tags = {m["property"]: m["content"] for m in soup.select("meta[property^='og:']")}
        assert tags["og:site_name"] == bundled_clinic(clinic_id).name, (clinic_id, page)
        assert tags["og:title"] == soup.select_one("article h1").get_text(" ", strip=True).removesuffix("¶").strip()
        assert tags["og:description"] == soup.select_one("meta[name=description]")["content"], (clinic_id, page)
        assert tags["og:locale"] == locale, (clinic_id, page)


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_the_favicon_is_the_clinics_logo_or_its_initial_in_its_colour(built_site, clinic_id):
    clinic = bundled_clinic(clinic_id)
    for lang in LANGUAGES:
        page = built_site.page(clinic_id, "faq.md", lang)
        icon = page.parent / BeautifulSoup(page.read_text(), "html.parser").select_one("link[rel=icon]")["href"]
        assert icon.is_file(), icon
        if clinic.logo:
            assert icon.read_bytes() == (ROOT / "docs" / clinic.logo).read_bytes()
        else:
            mark = BeautifulSoup(icon.read_text(), "html.parser")
            assert (mark.select_one("rect")["fill"], mark.select_one("text").get_text()) == (clinic.colors.primary, initial(clinic.name))


def test_the_generated_mark_writes_a_hostile_name_as_text(tmp_path):
    clinic = SimpleNamespace(logo=None, name='<svg onload=alert(1)> "&', colors=SimpleNamespace(primary="#0b5d73"))
    assert initial(clinic.name) == "S"
    assert initial("&#1 Care") == "1"
    write_mark(load_project(ROOT), clinic, tmp_path)
    mark = BeautifulSoup((tmp_path / MARK).read_text(), "html.parser")
    assert [tag.name for tag in mark.find_all(True)] == ["svg", "rect", "text"]
    assert mark.select_one("text").get_text() == "S"
    clinic.name = "<"
    write_mark(load_project(ROOT), clinic, tmp_path)
    assert (tmp_path / MARK).read_text().count("<text") == 1 and "+</text>" in (tmp_path / MARK).read_text()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_the_providers_page_names_each_location_once(page_soups, clinic_id, lang):
    soup = page_soups[clinic_id, "providers.md", lang]
    for location in bundled_clinic(clinic_id).locations:
        section = soup.select_one(f"#location-{location.id}")
        shown = [t for t in section.find_all(string=True) if t.strip() == location.name]
        assert len(shown) == 1 and shown[0].parent.name == "h2", (location.name, shown)


def visible_text(soup: BeautifulSoup) -> str:
    soup = BeautifulSoup(str(soup), "html.parser")
    for hidden in soup(["script", "style", "head"]):
        hidden.decompose()
    return soup.get_text(" ")


def test_english_pages_spell_license_the_us_way_and_show_no_iso_dates(page_soups):
    found = {}
    for (clinic_id, page, lang), soup in page_soups.items():
        text = visible_text(soup)
        problems = re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text)
        if lang == "en":
            problems += re.findall(r"\blicences?\b", text, flags=re.I)
        if problems:
            found[clinic_id, page, lang] = problems
    assert found == {}


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_english_dates_read_month_day_year(page_soups, clinic_id):
    soup = page_soups[clinic_id, "about.md", "en"]
    reviewed: date = bundled_clinic(clinic_id).reviewer.reviewed_on
    months = STRINGS["en"]["dates"]["months"]
    article = " ".join(soup.select_one("article").get_text().split())
    assert f"on {months[reviewed.month - 1]} {reviewed.day}, {reviewed.year}." in article
    review_dates = " ".join(soup.select_one(".cg-review-dates").get_text().split())
    assert re.match(r"Page last reviewed: [A-Z][a-z]+ \d{1,2}, \d{4}\. Next review due: [A-Z][a-z]+ \d{1,2}, \d{4}\.", review_dates)
