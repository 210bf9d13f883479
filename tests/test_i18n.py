"""The Spanish edition (issue 9): every English page has a Spanish twin with the same
sections, urgent callouts and phone numbers; Spanish pages are marked and linked as
Spanish; no English of ours reaches them; clinic prose without a Spanish value is
flagged by `careguide check` and never shown in English."""

from __future__ import annotations

import re
import shutil
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup

from careguide.clinic_file import load_clinic
from careguide.fields import tel_uri
from careguide.pdf import PDF_NAME
from conftest import CLINIC_IDS, ES_PAGES, PAGES, ROOT, copy_project, page_url_path, run_careguide, bundled_clinic as clinic
from edition_checks import edition_differences, site_differences

STRINGS = yaml.safe_load((ROOT / "overrides" / "careguide" / "strings.yml").read_text())

BANNED_CLAIMS_ES = [
    r"\bcura\b",  # as a claim; "no es una cura" is removed first
    r"\bgarantizad[oa]s?\b",
    r"\bmilagro",
    r"100\s*%\s*segur[oa]",
    r"aprobad[oa] por la FDA para (?:tratar )?la depresión",
]


# English words allowed on Spanish pages: names of services, as patients will hear them on the phone.
PROPER_NAMES = {"Poison Help"}


@pytest.fixture(scope="module")
def soups(page_soups):
    return page_soups


def article_text(soup: BeautifulSoup) -> str:
    return soup.select_one("article").get_text(" ", strip=True)


def test_every_english_page_has_a_spanish_source_file():
    assert sorted(p.replace(".es.md", ".md") for p in ES_PAGES) == PAGES


# --- the two editions cannot drift apart --------------------------------------------------

@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_every_english_page_has_a_spanish_twin_with_the_same_sections_callouts_and_numbers(built_site, clinic_id):
    assert site_differences(built_site.clinic(clinic_id)) == []


def _pair(built_site, page: str) -> tuple[str, str]:
    clinic_id = CLINIC_IDS[0]
    return built_site.page(clinic_id, page).read_text(), built_site.page(clinic_id, page, "es").read_text()


def test_parity_check_catches_a_spanish_page_without_the_911_and_988_callouts(built_site):
    english, spanish = _pair(built_site, "side-effects.md")
    soup = BeautifulSoup(spanish, "html.parser")
    for box in soup.select(".admonition.call-911, .admonition.call-988"):
        box.decompose()
    problems = edition_differences(english, str(soup))
    assert any(p.startswith("urgent callouts differ") and "call-911" in p for p in problems), problems


def test_parity_check_catches_a_phone_number_that_differs_between_editions(built_site):
    english, spanish = _pair(built_site, "contact.md")
    number = tel_uri(clinic(CLINIC_IDS[0]).after_hours_phone)
    soup = BeautifulSoup(spanish, "html.parser")
    link = soup.select_one(f'article a[href="{number}"]')
    link["href"] = "tel:+14105550199"
    problems = edition_differences(english, str(soup))
    assert any(p.startswith("phone numbers differ") and "tel:+14105550199" in p for p in problems), problems


def test_parity_check_catches_a_missing_heading(built_site):
    english, spanish = _pair(built_site, "faq.md")
    soup = BeautifulSoup(spanish, "html.parser")
    soup.select_one("article h2").decompose()
    assert any(p.startswith("headings differ") for p in edition_differences(english, str(soup)))


def test_parity_check_catches_a_spanish_page_that_was_never_built(built_site, tmp_path):
    site = shutil.copytree(built_site.clinic(CLINIC_IDS[0]), tmp_path / "site")
    (site / "es" / "contact" / "index.html").unlink()
    assert site_differences(site) == ["contact/index.html: no Spanish page es/contact/index.html"]


BROKEN_CLINIC = "test-baltimore"  # one of tests/fixture_clinics/


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory):
    """A copy of the project with one clinic missing its Spanish schedule: the build succeeds
    (`careguide check` warns), and the Spanish page must say something Spanish instead."""
    project = copy_project(tmp_path_factory.mktemp("es-broken") / "project")
    clinic_file = project / "clinics" / f"{BROKEN_CLINIC}.yml"
    text = clinic_file.read_text()
    without = re.sub(r"(?m)^  treatment_schedule_es: .*\n", "", text)
    assert without != text
    clinic_file.write_text(without)
    out = tmp_path_factory.mktemp("es-broken-site")
    result = run_careguide("build", "--clinic", BROKEN_CLINIC, "--site-dir", str(out), root=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, out / BROKEN_CLINIC


def test_a_missing_spanish_page_stops_the_build_naming_the_file_to_write(project_copy, tmp_path):
    (project_copy / "docs" / "contact.es.md").unlink()
    result = run_careguide("build", "--site-dir", str(tmp_path / "site"), root=project_copy)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "docs/contact.es.md: the page is missing: every page in nav needs it (translate docs/contact.md into it)"
    )
    assert not (tmp_path / "site" / "test-baltimore").exists()


def test_missing_spanish_clinic_prose_shows_a_spanish_note_not_the_english_text(broken_project):
    project, site = broken_project
    data = load_clinic(project / "clinics" / f"{BROKEN_CLINIC}.yml", root=project)
    text = article_text(BeautifulSoup((site / "es" / "how-often" / "index.html").read_text(), "html.parser"))
    assert data.policies.treatment_schedule not in text
    assert f"el plan habitual es este: {STRINGS['es']['missing']['treatment_schedule_es']}." in text


def test_check_warns_about_missing_spanish_prose_on_its_line_and_still_succeeds(broken_project):
    project, _ = broken_project
    name = f"clinics/{BROKEN_CLINIC}.yml"
    line = next(
        number for number, text in enumerate((project / name).read_text().splitlines(), start=1)
        if text.startswith("  treatment_schedule:")
    )
    result = run_careguide("check", root=project, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 0, result.stderr
    warning = f"WARNING: {name}:{line}:23: policies.treatment_schedule_es: no Spanish value for policies.treatment_schedule"
    assert any(l.startswith(warning) and "; add treatment_schedule_es:" in l for l in result.stderr.splitlines()), result.stderr
    assert f"::warning file={name},line={line},col=23::policies.treatment_schedule_es: " in result.stdout


def test_bundled_clinics_check_quietly():
    result = run_careguide("check")
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr


# --- Spanish pages are Spanish, and say so -------------------------------------------------

@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_every_page_is_in_its_language_with_a_switcher_to_its_twin(soups, clinic_id):
    for page in PAGES:
        for lang, other in (("en", "es"), ("es", "en")):
            soup = soups[clinic_id, page, lang]
            assert soup.html["lang"] == lang, (page, lang)
            here = "/" + page_url_path(page, lang)
            twin = "/" + page_url_path(page, other)
            switcher = {a["hreflang"]: urljoin(here, a["href"]) for a in soup.select("a.md-select__link")}
            assert {k: _index(v) for k, v in switcher.items()} == {lang: _index(here), other: _index(twin)}, (page, lang)
            # hreflang lives in sitemap.xml (absolute URLs), not in <head> (overrides/main.html says why)
            assert not soup.select("head link[rel=alternate][hreflang]"), (page, lang)


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_sitemap_gives_every_page_absolute_hreflang_alternates_in_both_languages(built_site, clinic_id):
    site_url = clinic(clinic_id).site_url
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    sitemap = ElementTree.parse(built_site.clinic(clinic_id) / "sitemap.xml")
    alternates = {
        url.findtext("s:loc", namespaces=ns): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link[@rel='alternate']", ns)
        }
        for url in sitemap.getroot().findall("s:url", ns)
    }
    for page in PAGES:
        english = site_url + page_url_path(page, "en").removesuffix("index.html")
        spanish = site_url + page_url_path(page, "es").removesuffix("index.html")
        assert alternates[english] == {"en": english, "es": spanish}, page


def _index(url: str) -> str:
    """A page's URL with or without its final slash or index.html (switcher links have no final slash)."""
    return url.removesuffix("index.html").rstrip("/") + "/index.html"


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_no_english_ui_words_or_clinic_prose_on_spanish_pages(soups, clinic_id):
    english = {text for text in _leaves(STRINGS["en"]) if text not in set(_leaves(STRINGS["es"]))}
    fragments = {f.strip(" .:") for text in english for f in re.split(r"\{\w+\}", text)}
    fragments = {f for f in fragments if len(f) >= 8} - PROPER_NAMES
    data = clinic(clinic_id)
    prose = [data.policies.treatment_schedule, data.policies.eating_and_drinking, data.reviewer.role]
    prose += [p.role for p in data.providers]
    prose += [l.parking for l in data.locations] + [line for l in data.locations for line in l.hours or []]
    for page in PAGES:
        soup = without_sources(soups[clinic_id, page, "es"])
        shown = soup.body.get_text(" ", strip=True) + " " + " ".join(
            el[attr] for attr in ("aria-label", "title", "alt") for el in soup.select(f"[{attr}]")
        )
        assert not [f for f in fragments if f in shown], page
        assert not [p for p in prose if p and p in shown], page


def without_sources(soup: BeautifulSoup) -> BeautifulSoup:
    """The page without its "Fuentes" section: cited works keep their English titles."""
    soup = BeautifulSoup(str(soup), "html.parser")
    sources = soup.select_one("article h2#sources")
    if sources:
        for sibling in list(sources.find_next_siblings()):
            sibling.decompose()
        sources.decompose()
    return soup


def _leaves(value) -> list[str]:
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value] if isinstance(value, str) else []


def test_ui_strings_have_the_same_keys_in_every_language():
    def keys(value, at=""):
        return {at} if not isinstance(value, dict) else {k for key, item in value.items() for k in keys(item, f"{at}.{key}")}

    shape = {lang: keys({k: v for k, v in words.items() if k != "language_names"}) for lang, words in STRINGS.items()}
    assert shape["es"] == shape["en"]


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_every_spanish_page_links_both_clinic_phones_and_shows_review_dates(soups, clinic_id):
    wanted = {tel_uri(clinic(clinic_id).phone), tel_uri(clinic(clinic_id).after_hours_phone)}
    for page in PAGES:
        soup = soups[clinic_id, page, "es"]
        assert wanted <= {a["href"] for a in soup.select('a[href^="tel:"]')}, page
        assert re.search(r"\d{1,2} de [a-z]+ de \d{4}", soup.select_one(".cg-review-dates").get_text()), page


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_no_banned_claim_appears_in_spanish(soups, clinic_id):
    for page in PAGES:
        text = article_text(soups[clinic_id, page, "es"])
        text = re.sub(r"(?i)\bno es una cura\b", "", text)
        text = re.sub(r"(?i)no está aprobada por la FDA", "", text)
        for claim in BANNED_CLAIMS_ES:
            assert not re.search(claim, text, flags=re.I), (page, claim)


def test_spanish_banned_claims_are_caught():
    for claim in ("La ketamina es una cura.", "Resultados garantizados", "un milagro", "100 % segura",
                  "aprobada por la FDA para la depresión"):
        assert any(re.search(c, claim, flags=re.I) for c in BANNED_CLAIMS_ES), claim


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_about_page_claims_only_the_reviews_that_happened(soups, clinic_id):
    """The clinician reviewed the English guide; the Spanish page names a translation review
    only when the clinic has one, and otherwise says plainly that there is none yet."""
    text = " ".join(soups[clinic_id, "about.md", "es"].select_one("article").get_text().split())
    c = clinic(clinic_id)
    months = STRINGS["es"]["dates"]["months"]
    in_words = lambda day: f"{day.day} de {months[day.month - 1]} de {day.year}"  # noqa: E731
    assert f"La versión en inglés de esta guía la revisó {c.reviewer.name}, {c.reviewer.role_es}, el {in_words(c.reviewer.reviewed_on)}." in text
    assert "antes de usarla con pacientes" not in text  # a note to staff, not to patients
    review = c.translation_review
    if review:
        assert f"Revisó esta traducción: {review.name}, el {in_words(review.reviewed_on)}." in text
        assert "todavía no ha revisado" not in text
    else:
        assert "Un traductor médico todavía no ha revisado esta traducción." in text
        assert "Revisó esta traducción" not in text


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_each_edition_has_its_own_search_index_in_its_language(built_site, clinic_id):
    import json

    site = built_site.clinic(clinic_id)
    for lang, bundle in (("en", site / "pagefind"), ("es", site / "es" / "pagefind")):
        entry = json.loads((bundle / "pagefind-entry.json").read_text())
        # one language per index (its stemmer), one record per page of the guide
        assert {name: index["page_count"] for name, index in entry["languages"].items()} == {lang: len(PAGES)}
        assert [p.name for p in bundle.glob("wasm.*")] == [f"wasm.{lang}.pagefind"]


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_spanish_site_links_its_own_handout(soups, built_site, clinic_id):
    assert (built_site.clinic(clinic_id) / "es" / PDF_NAME).is_file()
    for page in PAGES:
        link = soups[clinic_id, page, "es"].select_one(".cg-pdf-link a")
        here = "/" + page_url_path(page, "es")
        assert urljoin(here, link["href"]) == f"/es/{PDF_NAME}", page
        assert link.get_text(strip=True) == STRINGS["es"]["pdf_link"]["download"]
