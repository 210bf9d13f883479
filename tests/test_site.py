"""What a patient gets: every built page of every bundled clinic, read with an HTML parser,
built with every engine (MkDocs with Material, and Zensical): the same guarantees on both."""

from __future__ import annotations

import json
import re
from datetime import date
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from careguide.states import licensing_boards
from careguide.fields import tel_uri
from conftest import CLINIC_IDS, ENGINES, LANGUAGES, PAGES, bundled_clinic as clinic, parse_pages

BANNED_CLAIMS = [
    r"\bcures?\b(?<!not a cure)",
    r"\bguaranteed?\b",
    r"\bmiracle",
    r"100\s*%\s*safe",
    r"FDA[- ]approved (?:for|to treat) depression",
]
OFF_LABEL = "not approved by the FDA"


@pytest.fixture(scope="module", params=ENGINES)
def built_site(request, engine_site):
    return engine_site(request.param)


@pytest.fixture(scope="module")
def all_soups(built_site):
    return parse_pages(built_site)


@pytest.fixture(scope="module")
def soups(all_soups):
    return {(clinic_id, page): soup for (clinic_id, page, lang), soup in all_soups.items() if lang == "en"}


def main_text(soup: BeautifulSoup) -> str:
    return soup.select_one("article").get_text(" ", strip=True)


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_every_page_has_a_unique_title_and_a_meta_description(soups, clinic_id):
    titles = [soups[clinic_id, page].title.get_text() for page in PAGES]
    assert len(set(titles)) == len(PAGES), titles
    for page in PAGES:
        description = soups[clinic_id, page].find("meta", attrs={"name": "description"})
        assert description and len(description["content"]) > 40, page


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_no_template_syntax_reaches_the_html(built_site, clinic_id):
    for html in built_site.clinic(clinic_id).glob("**/*.html"):
        text = html.read_text()
        assert "{{" not in text and "{%" not in text, html


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_every_page_links_both_clinic_phones(soups, clinic_id):
    wanted = {tel_uri(clinic(clinic_id).phone), tel_uri(clinic(clinic_id).after_hours_phone)}
    for page in PAGES:
        links = {a["href"] for a in soups[clinic_id, page].select('a[href^="tel:"]')}
        assert wanted <= links, page


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_provider_listing_matches_the_clinic_file_entry_for_entry(soups, clinic_id):
    data = clinic(clinic_id)
    soup = soups[clinic_id, "providers.md"]
    sections = soup.select(".cg-location")
    assert [s.h2.get_text(strip=True) for s in sections] == [loc.name for loc in data.locations]
    for section, location in zip(sections, data.locations):
        address = section.select_one("address").get_text(" ", strip=True)
        for part in (location.street, location.city, location.state, location.zip):
            assert part in address
        shown = [
            (
                p.select_one(".cg-provider__name").get_text(strip=True),
                p.select_one(".cg-provider__role").get_text(strip=True),
                p.select_one(".cg-provider__languages").get_text(strip=True),
                p.select_one(".cg-provider__accepting").get_text(strip=True),
                p.select_one(".cg-provider__npi").get_text(" ", strip=True),
                p.select_one(".cg-provider__license").get_text(" ", strip=True),
                p.select_one(".cg-provider__license a")["href"],
                p.select_one(".cg-provider__verified time")["datetime"],
            )
            for p in section.select(".cg-provider")
        ]
        expected = [
            (
                f"{p.name}, {p.credentials}",
                p.role,
                "Speaks: " + ", ".join(p.languages),
                "Accepting new patients" if p.accepting_new_patients else "Not accepting new patients",
                f"National Provider Identifier (NPI): {p.npi}",
                f"Maryland license: {p.license.number} (check it with the {licensing_boards(data)[p.license.board].name['en']} )",
                licensing_boards(data)[p.license.board].lookup,
                p.verified_on.isoformat(),
            )
            for p in data.providers
            if location.id in p.locations
        ]
        assert shown == expected


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_only_careguides_search_is_published(engine_site, engine, clinic_id):
    # Pagefind's index per language, and none of the engine's own search (Material's lunr
    # index, worker and stemmers; Zensical's search.json), nor Pagefind's unused UI kits.
    site = engine_site(engine).clinic(clinic_id)
    published = {p.relative_to(site).as_posix() for p in site.rglob("*")}
    assert [p for p in published if re.search(r"lunr|search_index|(^|/)search\.json|workers|pagefind-.*ui|highlight", p)] == []
    for folder in ("", "es/"):
        assert {f"{folder}pagefind/pagefind.js", f"{folder}pagefind/careguide-search.json"} <= published


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_side_effects_page_has_three_distinct_urgent_callouts(soups, clinic_id):
    soup = soups[clinic_id, "side-effects.md"]
    clinic_box = soup.select_one(".admonition.call-clinic")
    emergency = soup.select_one(".admonition.call-911")
    crisis = soup.select_one(".admonition.call-988")
    assert clinic_box and emergency and crisis
    assert clinic_box.select_one(f'a[href="{tel_uri(clinic(clinic_id).phone)}"]')
    assert emergency.select_one('a[href="tel:911"]') and "chest pain" in emergency.get_text()
    assert crisis.select_one('a[href="tel:988"]')


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_the_off_label_sentence_is_present(soups, clinic_id):
    assert OFF_LABEL in main_text(soups[clinic_id, "how-it-works.md"])


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_no_banned_claim_appears(soups, clinic_id):
    for page in PAGES:
        text = main_text(soups[clinic_id, page])
        text = re.sub(r"(?i)\b(not|never) a cure\b|\bis ketamine a cure\b", "", text)
        for claim in BANNED_CLAIMS:
            assert not re.search(claim, text, flags=re.I), (page, claim)


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_review_dates_are_shown_and_the_next_review_is_in_the_future(soups, clinic_id):
    for page in PAGES:
        times = soups[clinic_id, page].select(".cg-review-dates time")
        assert len(times) == 2, page
        last, following = (date.fromisoformat(t["datetime"]) for t in times)
        assert last <= date.today() < following, page


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_built_html_references_no_other_host(built_site, clinic_id):
    for html in built_site.clinic(clinic_id).glob("**/*.html"):
        soup = BeautifulSoup(html.read_text(), "html.parser")
        loaded = [tag.get("src") for tag in soup.find_all(["script", "img", "iframe", "source", "audio", "video"])]
        loaded += [link.get("href") for link in soup.find_all("link") if link.get("rel") != ["canonical"]]
        outside = [url for url in loaded if url and urlparse(url).netloc]
        assert not outside, (html, outside)
        for style in soup.find_all("style"):
            assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", style.get_text()), html


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_footer_says_fictional_exactly_when_the_clinic_is_an_example(soups, clinic_id):
    footer = soups[clinic_id, "index.md"].select_one(".cg-disclaimer").get_text(" ", strip=True)
    assert ("fictional" in footer) == clinic(clinic_id).example


def test_network_index_links_every_clinic_when_there_are_several(built_site):
    index = built_site.root / "index.html"
    assert index.exists() == (len(CLINIC_IDS) > 1)
    if index.exists():
        soup = BeautifulSoup(index.read_text(), "html.parser")
        assert {a["href"] for a in soup.select("main li a")} == {f"{c}/" for c in CLINIC_IDS}


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_every_page_in_both_languages_has_its_language_the_clinic_phones_and_the_911_and_988_lines(all_soups, clinic_id):
    wanted = {tel_uri(clinic(clinic_id).phone), tel_uri(clinic(clinic_id).after_hours_phone), "tel:911"}
    for page in PAGES:
        for lang in LANGUAGES:
            soup = all_soups[clinic_id, page, lang]
            assert soup.html["lang"] == lang, (page, lang)
            assert wanted <= {a["href"] for a in soup.select('a[href^="tel:"]')}, (page, lang)
    for lang in LANGUAGES:
        crisis = all_soups[clinic_id, "side-effects.md", lang]
        assert crisis.select_one('.admonition.call-911 a[href="tel:911"]'), lang
        assert crisis.select_one('.admonition.call-988 a[href="tel:988"]'), lang
