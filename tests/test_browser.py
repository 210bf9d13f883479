"""What a patient meets in a real browser (Debian's Chromium driven by Playwright), on
every page of every bundled clinic, served from 127.0.0.1: nothing requested from any
other host, no console errors, zero axe WCAG 2.1 A/AA violations in light and dark
palettes and with search open, headings without skipped levels, the clinic's phone
number on the first screen of a phone, and search that understands patients' words.

Each page is loaded once per session (`visit`); the tests below each assert one thing
about that visit. The last tests build a deliberately broken variant and show that the
same checks fail on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from browser_checks import (
    PHONE_VIEWPORT,
    LocalSite,
    axe_violations,
    content_heading_levels,
    covered_by_another_element,
    first_screen_phone_link,
    heading_level_skips,
    keep_requests_local,
    open_search,
    search_results,
    serve_under_script_policy,
    settle_instantly,
    third_party_requests,
    use_palette,
)
from careguide.clinic_file import load_clinic
from conftest import CLINIC_IDS, PAGES, ROOT, copy_project, run_careguide

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts"
STRINGS = yaml.safe_load((ROOT / "overrides" / "careguide" / "strings.yml").read_text())
ANY_QUERY = "nausea"  # typed on every page, so the search index and worker load too


@dataclass
class Visit:
    """Everything observed while a phone-sized browser loads one page, reads it in both
    palettes, opens search and runs a query."""

    urls: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    phone: dict = field(default_factory=dict)
    heading_levels: list[int] = field(default_factory=list)
    axe_light: list[str] = field(default_factory=list)
    axe_dark: list[str] = field(default_factory=list)
    axe_search_open: list[str] = field(default_factory=list)
    axe_search_open_dark: list[str] = field(default_factory=list)


def page_path(clinic_id: str, page: str, lang: str = "en") -> str:
    """docs/side-effects.md -> /example-x/side-effects/ (the URL a patient sees); lang "es":
    /example-x/es/side-effects/ (the Spanish edition, docs/side-effects.es.md)."""
    stem = page[: -len(".md")]
    edition = f"/{clinic_id}/" if lang == "en" else f"/{clinic_id}/{lang}/"
    return edition if stem == "index" else f"{edition}{stem}/"


def new_phone_page(browser, visit: Visit):
    context = browser.new_context(viewport=PHONE_VIEWPORT)
    keep_requests_local(context)
    settle_instantly(context)
    page = context.new_page()
    page.on("request", lambda request: visit.urls.append(request.url))
    page.on("console", lambda msg: visit.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: visit.console_errors.append(str(error)))
    return context, page


# What Material's lunr search (index, worker, stemmers) or Zensical's would download.
ENGINE_SEARCH = re.compile(r"/search/search_index\.json|/lunr/|/workers/search\.|/search\.json")
# Per edition: a query typed on every page.
SEARCH_PROBE = {"en": ANY_QUERY, "es": "náuseas"}


def observe(
    browser, site: LocalSite, clinic_id: str, page_name: str, screenshot: Path | None = None, lang: str = "en"
) -> Visit:
    visit = Visit()
    context, page = new_phone_page(browser, visit)
    try:
        page.goto(site.url(page_path(clinic_id, page_name, lang)), wait_until="load")
        visit.phone = first_screen_phone_link(page)
        if screenshot:
            page.screenshot(path=str(screenshot))
        visit.heading_levels = content_heading_levels(page)
        visit.axe_light = axe_violations(page)
        use_palette(page, "slate")
        visit.axe_dark = axe_violations(page)
        use_palette(page, "default")
        open_search(page)
        search_results(page, SEARCH_PROBE[lang])
        visit.axe_search_open = axe_violations(page)
        use_palette(page, "slate")
        visit.axe_search_open_dark = axe_violations(page)
    finally:
        context.close()
    return visit


# --- fixtures: one server, one browser, one visit per page ------------------------------

@pytest.fixture(scope="session")
def served_site(built_site):
    site = LocalSite(built_site.root)
    yield site
    site.close()


@pytest.fixture(scope="session")
def visit(browser, served_site):
    """visit(clinic_id, page, lang="en") -> Visit, loaded once per session and shared by the tests."""
    seen: dict[tuple[str, str, str], Visit] = {}
    ARTIFACTS.mkdir(exist_ok=True)

    def get(clinic_id: str, page_name: str, lang: str = "en") -> Visit:
        if (clinic_id, page_name, lang) not in seen:
            shot = ARTIFACTS / f"phone-{clinic_id}.png" if page_name == "index.md" and lang == "en" else None
            seen[clinic_id, page_name, lang] = observe(browser, served_site, clinic_id, page_name, shot, lang)
        return seen[clinic_id, page_name, lang]

    return get


every_page = pytest.mark.parametrize(
    "clinic_id,page", [(c, p) for c in CLINIC_IDS for p in PAGES], ids=lambda v: v.removesuffix(".md")
)


# --- every page of every clinic ---------------------------------------------------------

@every_page
def test_page_requests_nothing_from_other_hosts(visit, clinic_id, page):
    seen = visit(clinic_id, page)
    assert any(url.endswith(f"/{clinic_id}/pagefind/pagefind-entry.json") or f"/{clinic_id}/pagefind/pagefind-entry.json?" in url
               for url in seen.urls), "search did not load the English index"
    assert third_party_requests(seen.urls) == []


@every_page
def test_page_logs_no_console_errors(visit, clinic_id, page):
    assert visit(clinic_id, page).console_errors == []


@every_page
def test_page_has_no_accessibility_violations_in_light_palette(visit, clinic_id, page):
    assert visit(clinic_id, page).axe_light == []


@every_page
def test_page_has_no_accessibility_violations_in_dark_palette(visit, clinic_id, page):
    assert visit(clinic_id, page).axe_dark == []


@every_page
def test_page_has_no_accessibility_violations_with_search_results_shown(visit, clinic_id, page):
    seen = visit(clinic_id, page)
    assert (seen.axe_search_open, seen.axe_search_open_dark) == ([], [])


@every_page
def test_page_downloads_no_engine_search(visit, clinic_id, page):
    # Material's lunr index, worker and stemmers (and Zensical's search.json) are gone.
    assert [u for u in visit(clinic_id, page).urls if ENGINE_SEARCH.search(u)] == []


@every_page
def test_page_headings_skip_no_level(visit, clinic_id, page):
    assert heading_level_skips(visit(clinic_id, page).heading_levels) == []


@every_page
def test_clinic_phone_is_a_tel_link_on_the_first_screen_of_a_phone(visit, clinic_id, page):
    clinic = load_clinic(ROOT / "clinics" / f"{clinic_id}.yml", root=ROOT)
    phone = visit(clinic_id, page).phone
    assert phone["in_first_screen"], phone
    assert phone["href"].startswith("tel:")
    digits = re.sub(r"\D", "", str(clinic.phone))
    assert re.sub(r"\D", "", phone["href"]).endswith(digits)
    assert re.sub(r"\D", "", phone["text"]) == digits


def test_phone_screenshot_kept_for_each_clinic(visit):
    for clinic_id in CLINIC_IDS:
        visit(clinic_id, "index.md")
        assert (ARTIFACTS / f"phone-{clinic_id}.png").stat().st_size > 0


# --- the Spanish edition (issue 9): every Spanish page, the same checks ------------------

every_spanish_page = pytest.mark.parametrize(
    "clinic_id,page", [(c, p) for c in CLINIC_IDS for p in PAGES], ids=lambda v: v.removesuffix(".md")
)


@every_spanish_page
def test_spanish_page_requests_nothing_from_other_hosts_and_logs_no_errors(visit, clinic_id, page):
    seen = visit(clinic_id, page, "es")
    assert any(f"/{clinic_id}/es/pagefind/pagefind-entry.json" in url for url in seen.urls), "search did not load the Spanish index"
    assert third_party_requests(seen.urls) == []
    assert seen.console_errors == []


@every_spanish_page
def test_spanish_page_has_no_accessibility_violations(visit, clinic_id, page):
    seen = visit(clinic_id, page, "es")
    assert (seen.axe_light, seen.axe_dark, seen.axe_search_open, seen.axe_search_open_dark) == ([], [], [], [])
    assert heading_level_skips(seen.heading_levels) == []
    assert seen.phone["in_first_screen"], seen.phone


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_language_switcher_moves_between_the_same_page_in_both_languages(browser, served_site, clinic_id):
    context, page = new_phone_page(browser, Visit())
    try:
        for name in ("side-effects.md", "index.md"):
            page.goto(served_site.url(page_path(clinic_id, name)))
            for lang in ("es", "en"):
                page.locator(".md-header__option .md-select button").click()  # the translate icon
                page.locator(f'a.md-select__link[hreflang="{lang}"]').click()
                page.wait_for_url(f"**{page_path(clinic_id, name, lang)}")
                assert page.evaluate("document.documentElement.lang") == lang
    finally:
        context.close()


# --- search in patients' words ----------------------------------------------------------

# An emergency is answered by either page with the "Call 911 now" callout: both list chest
# pain and seizures, and either tells the patient to call 911 first.
CALL_911_PAGES = ("side-effects.md", "first-24-hours.md")

# (what a patient types, the page that must come first, or the pages either of which may):
# written the way people say these things, typos and slang included, not copied from the pages.
LAY_QUERIES = [
    ("nausea", "side-effects.md"),
    ("throw up", "side-effects.md"),
    ("vomit", "side-effects.md"),
    ("i keep puking", "side-effects.md"),
    ("feel nauseous", "side-effects.md"),
    ("nausia", "side-effects.md"),
    ("is it normal to feel dizy", "side-effects.md"),
    ("im hallucinating", "side-effects.md"),
    ("out of body feeling", "side-effects.md"),
    ("bad dreams", "side-effects.md"),
    ("my head hurts", "side-effects.md"),
    ("blurry vision", "side-effects.md"),
    ("it hurts when I pee", "side-effects.md"),
    ("chest pain", CALL_911_PAGES),
    ("cant breathe", "side-effects.md"),
    ("having a seizure", CALL_911_PAGES),
    ("suicidal thoughts", "side-effects.md"),
    ("can I drive", "first-24-hours.md"),
    ("when can i drive again", "first-24-hours.md"),
    ("ride home", "first-24-hours.md"),
    ("who takes me home", "first-24-hours.md"),
    ("can i take an uber", "first-24-hours.md"),
    ("alcohol", "first-24-hours.md"),
    ("can I have a beer tonight", "first-24-hours.md"),
    ("is wine ok", "first-24-hours.md"),
    ("liquor", "first-24-hours.md"),
    ("can I eat", "first-24-hours.md"),
    ("what food after", "first-24-hours.md"),
    ("how many infusions", "how-often.md"),
    ("how many sessions do i need", "how-often.md"),
    ("liver damage", "longer-term.md"),
    ("is ketamine a cure", "longer-term.md"),
    ("bladder", "longer-term.md"),
    ("pregnant", "how-it-works.md"),
    ("breastfeeding", "how-it-works.md"),
    ("names of the doctors", "providers.md"),
    ("who do I call at night", "contact.md"),
]

# The same for the Spanish pages, typed with and without accents.
LAY_QUERIES_ES = [
    ("vómito", "side-effects.md"),
    ("vomito", "side-effects.md"),
    ("estoy devolviendo", "side-effects.md"),
    ("náuseas", "side-effects.md"),
    ("nauseas", "side-effects.md"),
    ("tengo el estomago revuelto", "side-effects.md"),
    ("mareo", "side-effects.md"),
    ("me duele la cabeza", "side-effects.md"),
    ("veo borroso", "side-effects.md"),
    ("pesadillas", "side-effects.md"),
    ("me duele al orinar", "side-effects.md"),
    ("manejar", "first-24-hours.md"),
    ("¿puedo manejar a casa?", "first-24-hours.md"),
    ("quien me lleva a casa", "first-24-hours.md"),
    ("¿puedo tomar una cerveza?", "first-24-hours.md"),
    ("licor", "first-24-hours.md"),
    ("que puedo comer", "first-24-hours.md"),
    ("cuantas infusiones necesito", "how-often.md"),
    ("¿la ketamina me cura?", "longer-term.md"),
    ("estoy embarazada", "how-it-works.md"),
    ("telefono de noche", "contact.md"),
]


def location_city(clinic_id: str) -> str:
    """A city where the clinic has a location, other than the one in its name (which
    appears on every page)."""
    clinic = load_clinic(ROOT / "clinics" / f"{clinic_id}.yml", root=ROOT)
    cities = [loc.city for loc in clinic.locations if loc.city not in clinic.name]
    return (cities or [clinic.locations[0].city])[0]


@pytest.fixture(scope="session")
def first_results(browser, served_site):
    """first_results(clinic_id, lang) -> {query: first result's path}, typed into the real
    search box of one page per clinic and language."""
    seen: dict[tuple[str, str], dict[str, str | None]] = {}

    def get(clinic_id: str, lang: str = "en") -> dict[str, str | None]:
        if (clinic_id, lang) not in seen:
            context, page = new_phone_page(browser, Visit())
            try:
                page.goto(served_site.url(page_path(clinic_id, "index.md", lang)))
                open_search(page)
                queries = [q for q, _ in LAY_QUERIES] + [location_city(clinic_id)] if lang == "en" else [q for q, _ in LAY_QUERIES_ES]
                seen[clinic_id, lang] = {q: (search_results(page, q) or [None])[0] for q in queries}
            finally:
                context.close()
        return seen[clinic_id, lang]

    return get


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
@pytest.mark.parametrize("query,expected", LAY_QUERIES, ids=[q for q, _ in LAY_QUERIES])
def test_search_in_patients_words_finds_the_right_page_first(first_results, clinic_id, query, expected):
    pages = expected if isinstance(expected, tuple) else (expected,)
    assert first_results(clinic_id)[query] in [page_path(clinic_id, page) for page in pages]


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
@pytest.mark.parametrize("query,expected", LAY_QUERIES_ES, ids=[q for q, _ in LAY_QUERIES_ES])
def test_spanish_search_in_patients_words_finds_the_right_spanish_page_first(first_results, clinic_id, query, expected):
    assert first_results(clinic_id, "es")[query] == page_path(clinic_id, expected, "es")


def test_enough_patient_phrasings_are_searched():
    assert len(LAY_QUERIES) >= 30 and len(LAY_QUERIES_ES) >= 15


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_search_for_a_location_city_finds_the_providers_page_first(first_results, clinic_id):
    city = location_city(clinic_id)
    assert first_results(clinic_id)[city] == page_path(clinic_id, "providers.md"), city


# --- the search box: nothing found, keyboard, screen readers, the page's script policy ----

NOTHING_LIKE_IT = "zebra trampoline"


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_search_that_finds_nothing_says_so_and_offers_the_clinics_phone_without_covering_the_call_bar(
    browser, served_site, clinic_id, lang
):
    clinic = load_clinic(ROOT / "clinics" / f"{clinic_id}.yml", root=ROOT)
    words = STRINGS[lang]["search"]
    context, page = new_phone_page(browser, Visit())
    try:
        page.goto(served_site.url(page_path(clinic_id, "index.md", lang)))
        open_search(page)
        assert search_results(page, NOTHING_LIKE_IT) == []
        status = page.get_by_role("status").inner_text()
        offer = page.locator(".cg-search__none")
        offer_text, offer_phone = offer.inner_text(), offer.locator("a[href^='tel:']").get_attribute("href")
        call_bar_covered = covered_by_another_element(page, ".cg-call-bar a[href^='tel:']")
        axe = axe_violations(page)
    finally:
        context.close()
    assert status == words["none"]
    assert words["call"].replace("{clinic}", clinic.name) in " ".join(offer_text.split())
    assert re.sub(r"\D", "", offer_phone).endswith(re.sub(r"\D", "", str(clinic.phone)))
    assert call_bar_covered == []
    assert axe == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_search_box_speaks_the_pages_language_to_screen_readers(browser, served_site, lang):
    words = STRINGS[lang]["search"]
    context, page = new_phone_page(browser, Visit())
    try:
        page.goto(served_site.url(page_path(CLINIC_IDS[0], "index.md", lang)))
        page.get_by_role("button", name=words["open"]).click()
        box = page.get_by_role("searchbox", name=words["label"])
        box.press_sequentially({"en": "puke", "es": "vomito"}[lang])
        page.wait_for_function("() => document.querySelector('[data-cg-search]').dataset.answered")
        placeholder = box.get_attribute("placeholder")
        status = page.get_by_role("status").inner_text()
        first = page.locator(".cg-search__results li").first
        title, marked = first.locator(".cg-search__title").inner_text(), first.locator("mark").all_inner_texts()
    finally:
        context.close()
    assert placeholder == words["placeholder"]
    assert re.fullmatch(words["many"].replace("{count}", r"\d+") + "|" + re.escape(words["one"]), status)
    assert title == STRINGS[lang]["nav"]["side-effects.md"] or title  # the page's own title
    assert [m.lower().strip(".,()¿?") for m in marked][:1] in (["vomit"], ["vómito"], ["vomitan"], ["vomitando"]), marked


@pytest.mark.parametrize("lang,query", [("en", "puke"), ("es", "vomito")])
def test_search_box_is_in_the_header_on_wide_screens_and_its_results_pass_axe_in_both_palettes(
    browser, served_site, lang, query
):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    keep_requests_local(context)
    settle_instantly(context)
    page = context.new_page()
    try:
        page.goto(served_site.url(page_path(CLINIC_IDS[0], "index.md", lang)))
        in_header = page.locator("header .cg-search__input").is_visible()
        button_shown = page.locator(".cg-search__open").is_visible()
        open_search(page)
        first = search_results(page, query)[:1]
        light = axe_violations(page)
        use_palette(page, "slate")
        dark = axe_violations(page)
    finally:
        context.close()
    assert (in_header, button_shown) == (True, False)
    assert first == [page_path(CLINIC_IDS[0], "side-effects.md", lang)]
    assert (light, dark) == ([], [])


def test_search_works_by_keyboard_alone(browser, served_site):
    clinic_id = CLINIC_IDS[0]
    context, page = new_phone_page(browser, Visit())
    try:
        page.goto(served_site.url(page_path(clinic_id, "index.md")))
        for _ in range(30):  # Tab through the page's first controls to the search button
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('cg-search__open')"):
                break
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "cg-search-input"
        page.keyboard.type("can i drive")
        page.wait_for_function("() => document.querySelector('[data-cg-search]').dataset.answered === 'can i drive'")
        page.keyboard.press("ArrowDown")
        first = page.evaluate("document.activeElement.getAttribute('href')")
        page.keyboard.press("Escape")
        closed = page.evaluate("[document.activeElement.matches('.cg-search__open'), document.querySelector('.cg-search__output').hidden]")
        page.locator(".cg-search__open").press("Enter")
        page.keyboard.press("Control+A")  # the last words are still in the box: type over them
        page.keyboard.type("alcohol")
        page.wait_for_function("() => document.querySelector('[data-cg-search]').dataset.answered === 'alcohol'")
        page.keyboard.press("Enter")  # Enter in the box opens the first result
        page.wait_for_url(f"**{page_path(clinic_id, 'first-24-hours.md')}")
    finally:
        context.close()
    assert first == page_path(clinic_id, "first-24-hours.md")
    assert closed == [True, True]  # Escape closed the results and gave focus back to the button


@pytest.mark.parametrize("lang", ["en", "es"])
def test_search_works_under_the_sites_script_policy(browser, served_site, lang):
    context, page = new_phone_page(browser, Visit())
    serve_under_script_policy(context)
    try:
        page.goto(served_site.url(page_path(CLINIC_IDS[0], "index.md", lang)))
        open_search(page)
        first = search_results(page, {"en": "puking", "es": "vómito"}[lang])[:1]
        # Material's own inline scripts are the lead's (they move to files with the CSP tag);
        # nothing the search loads may be refused.
        refused = [v for v in page.evaluate("window.__violations") if not v.startswith("inline ")]
    finally:
        context.close()
    assert first == [page_path(CLINIC_IDS[0], "side-effects.md", lang)]
    assert refused == []


@pytest.fixture(scope="module")
def zensical_site(engine_site):
    site = LocalSite(engine_site("zensical").root)
    yield site
    site.close()


@pytest.mark.parametrize("lang,query", [("en", "i keep puking"), ("es", "estoy devolviendo")])
def test_search_on_the_zensical_build_finds_the_page_and_loads_no_other_search(browser, zensical_site, lang, query):
    visit = Visit()
    context, page = new_phone_page(browser, visit)
    try:
        page.goto(zensical_site.url(page_path(CLINIC_IDS[0], "index.md", lang)))
        open_search(page)
        first = search_results(page, query)[:1]
        axe = axe_violations(page)
    finally:
        context.close()
    assert first == [page_path(CLINIC_IDS[0], "side-effects.md", lang)]
    assert [u for u in visit.urls if ENGINE_SEARCH.search(u)] == []
    assert third_party_requests(visit.urls) == [] and visit.console_errors == [] and axe == []


# --- the checks fail when they should ---------------------------------------------------

def test_third_party_requests_lists_other_hosts_only():
    urls = [
        "http://127.0.0.1:8000/x/",
        "data:image/svg+xml;base64,AAAA",
        "https://fonts.googleapis.com/css?family=Roboto",
        "https://fonts.gstatic.com/s/roboto.woff2",
        "http://localhost:8000/x/",  # another name for this machine is still another host
    ]
    assert third_party_requests(urls) == urls[2:]


def test_heading_level_skips_names_each_skip():
    assert heading_level_skips([1, 2, 3, 2, 3]) == []
    assert heading_level_skips([1, 2, 4]) == ["h2 followed by h4"]
    assert heading_level_skips([2, 3]) == ["first heading is h2, expected h1"]
    assert heading_level_skips([1, 2, 1]) == ["2 h1 headings, expected 1"]


BROKEN_CLINIC = "test-baltimore"


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory, browser):
    """One clinic built from a copy of the project with three mistakes: a Google font,
    a skipped heading level on the side effects page, and the side effects page's only
    use of the word "nausea" taken out."""
    project = copy_project(tmp_path_factory.mktemp("broken") / "project")
    replace_once(project / "mkdocs.yml", "  font: false", "  font:\n    text: Roboto")
    side_effects = project / "docs" / "side-effects.md"
    replace_once(side_effects, "## What is normal\n", "#### What is normal\n")
    replace_once(side_effects, "Feeling sick to your stomach (nausea).", "Feeling sick to your stomach.")
    out = tmp_path_factory.mktemp("broken-site")
    result = run_careguide("build", "--clinic", BROKEN_CLINIC, "--site-dir", str(out), root=project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = LocalSite(out)
    yield site
    site.close()


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1, f"{old!r} not found once in {path}"
    path.write_text(text.replace(old, new))


@pytest.fixture(scope="module")
def broken_visit(browser, broken_site):
    return observe(browser, broken_site, BROKEN_CLINIC, "side-effects.md")


def test_google_font_fails_the_third_party_check(broken_visit):
    assert any(u.startswith("https://fonts.googleapis.com/") for u in third_party_requests(broken_visit.urls))


def test_skipped_heading_level_fails_the_heading_check(broken_visit):
    assert "h1 followed by h4" in heading_level_skips(broken_visit.heading_levels)


def test_lost_lay_term_fails_the_search_check(browser, broken_site):
    context, page = new_phone_page(browser, Visit())
    try:
        page.goto(broken_site.url(page_path(BROKEN_CLINIC, "index.md")))
        open_search(page)
        first = (search_results(page, "nausea") or [None])[0]
    finally:
        context.close()
    assert first != page_path(BROKEN_CLINIC, "side-effects.md")
