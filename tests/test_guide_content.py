"""The guide's safety content, pinned on the built pages of every clinic, in both languages
(issue 14, section 1): what a patient must read cannot be lost in an edit of one language."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import CLINIC_IDS, LANGUAGES, PAGES, bundled_clinic as clinic


def text(page_soups, clinic_id: str, page: str, lang: str) -> str:
    return re.sub(r"\s+", " ", page_soups[clinic_id, page, lang].select_one("article").get_text(" ", strip=True))


# (what, English words, Spanish words)
CONTRAINDICATIONS = [
    ("breastfeeding", "are breastfeeding", "da pecho a su bebé"),
    ("birth control", "use birth control while you have ketamine", "use un método para no quedar embarazada"),
    ("aneurysm", "an aneurysm", "un aneurisma"),
    ("a tangle of blood vessels in the brain", "a tangle of blood vessels in the brain (called an AVM)",
     "un nudo de vasos sanguíneos en el cerebro (llamado MAV)"),
    ("past bleeding in the brain", "bleeding in the brain in the past", "un sangrado en el cerebro en el pasado"),
    ("allergic reaction to ketamine", "an allergic reaction to ketamine", "una reacción alérgica a la ketamina"),
    ("a rise in blood pressure as a hazard", "makes a rise in blood pressure very dangerous",
     "subir la presión sea muy peligroso"),
    ("psychosis", "psychosis", "psicosis"),
    ("pregnancy", "pregnant", "embarazada"),
]


@pytest.mark.parametrize("what, english, spanish", CONTRAINDICATIONS, ids=[c[0] for c in CONTRAINDICATIONS])
def test_each_reason_not_to_have_ketamine_is_on_how_it_works_in_both_languages(page_soups, what, english, spanish):
    for clinic_id in CLINIC_IDS:
        assert english in text(page_soups, clinic_id, "how-it-works.md", "en"), (clinic_id, what)
        assert spanish in text(page_soups, clinic_id, "how-it-works.md", "es"), (clinic_id, what)


def test_the_list_of_reasons_not_to_have_ketamine_has_at_most_seven_items(page_soups):
    for lang in LANGUAGES:
        soup = page_soups[CLINIC_IDS[0], "how-it-works.md", lang]
        heading = soup.select_one("article h2#who-should-not-have-ketamine")
        assert len(heading.find_next("ul").find_all("li")) == 7, lang


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_every_page_has_988_to_call_and_to_text_in_the_call_bar(page_soups, clinic_id, lang):
    for page in PAGES:
        bar = page_soups[clinic_id, page, lang].select_one(".cg-call-bar")
        assert [a["href"] for a in bar.select("a[href$='988']")] == ["tel:988", "sms:988"], page
    spanish_bar = page_soups[clinic_id, "index.md", "es"].select_one(".cg-call-bar").get_text(" ", strip=True)
    if lang == "es":
        assert "Texto AYUDA al 988" in spanish_bar  # Spanish texters send the word AYUDA


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_the_988_box_links_to_a_text_message(page_soups, clinic_id, lang):
    box = page_soups[clinic_id, "side-effects.md", lang].select_one(".admonition.call-988")
    assert box.select_one('a[href="sms:988"]') and box.select_one('a[href="tel:988"]')
    if lang == "es":
        assert "envíe la palabra AYUDA" in box.get_text(" ", strip=True)


ESCORT = {
    "en": {True: "an adult you know must come to the clinic to take you home",
           False: "an adult does not have to come to the clinic for you"},
    "es": {True: "un adulto que usted conozca tiene que venir a la clínica a llevarle a casa",
           False: "no hace falta que un adulto venga a la clínica por usted"},
}
RIDES = {
    "en": {"allowed": "You may go home by taxi or by a ride service",
           "with-adult": "only if an adult you know rides with you",
           "not-allowed": "Do not go home by taxi or by a ride service"},
    "es": {"allowed": "Puede volver a casa en taxi o en un servicio de transporte",
           "with-adult": "solo si un adulto que usted conozca va con usted",
           "not-allowed": "No vuelva a casa en taxi ni en un servicio de transporte"},
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_each_clinic_gives_one_escort_rule_and_its_ride_service_policy_from_its_data(page_soups, clinic_id, lang):
    policies = clinic(clinic_id).policies
    for page in ("index.md", "first-24-hours.md"):
        rules = [p.get_text(" ", strip=True) for p in page_soups[clinic_id, page, lang].select("article .cg-escort-rule")]
        assert len(rules) == 1, page
        assert ESCORT[lang][policies.escort_required] in rules[0]
        assert RIDES[lang][policies.ride_services] in rules[0]
    for page in PAGES:
        soup = BeautifulSoup(str(page_soups[clinic_id, page, lang].select_one("article")), "html.parser")
        for rule in soup.select(".cg-escort-rule"):
            rule.decompose()
        # outside the one rule, no page says anything of its own about who takes the patient home
        shown = soup.get_text(" ", strip=True)
        for words in [*ESCORT[lang].values(), *RIDES[lang].values(), "strongly advise", "recomendamos mucho"]:
            assert words not in shown, (page, words)


def test_the_bundled_clinics_show_every_escort_and_ride_service_case():
    cases = {(clinic(c).policies.escort_required, clinic(c).policies.ride_services) for c in CLINIC_IDS}
    assert {escort for escort, _ in cases} == {True, False}
    assert {rides for _, rides in cases} == {"allowed", "with-adult", "not-allowed"}


# (page, English words, Spanish words): what to do when low mood comes back, with 988
LOW_MOOD = [
    ("longer-term.md", "Low mood can come back, or get worse", "El ánimo bajo puede volver, o empeorar"),
    ("how-often.md", "If your low mood comes back or gets worse between infusions", "Si su ánimo vuelve a estar bajo o empeora entre infusiones"),
    ("first-24-hours.md", "If your low mood comes back or gets worse", "Si su ánimo vuelve a estar bajo o empeora"),
]


@pytest.mark.parametrize("page, english, spanish", LOW_MOOD, ids=[p for p, _, _ in LOW_MOOD])
def test_low_mood_coming_back_says_call_us_and_988(page_soups, page, english, spanish):
    for clinic_id in CLINIC_IDS:
        for lang, words in (("en", english), ("es", spanish)):
            soup = page_soups[clinic_id, page, lang]
            paragraph = next(p for p in soup.select("article p") if words in p.get_text(" ", strip=True))
            hrefs = [a["href"] for a in paragraph.select("a")]
            assert "tel:988" in hrefs and any(h.startswith("tel:+1") for h in hrefs), (clinic_id, page, lang)


@pytest.mark.parametrize("lang, swelling, rash", [
    ("en", "swelling of the face, lips, tongue or throat, or trouble swallowing", "a new rash or hives"),
    ("es", "hinchazón de la cara, los labios, la lengua o la garganta, o problemas para tragar", "un sarpullido nuevo o ronchas"),
])
def test_an_allergic_reaction_is_in_the_call_lists(page_soups, lang, swelling, rash):
    soup = page_soups[CLINIC_IDS[0], "side-effects.md", lang]
    assert swelling in soup.select_one(".admonition.call-911").get_text(" ", strip=True)
    assert rash in soup.select_one(".admonition.call-clinic").get_text(" ", strip=True)


def test_daily_medicines_come_before_the_sedative_advice_on_the_first_24_hours(page_soups):
    for lang, medicines, sedatives, unless in (
        ("en", "Do not skip or stop your daily medicines on your own", "Also avoid sedatives", "unless your care team says you can"),
        ("es", "No deje de tomar sus medicinas de cada día por su cuenta", "Tampoco tome sedantes", "a menos que su equipo médico le diga que sí puede"),
    ):
        shown = text(page_soups, CLINIC_IDS[0], "first-24-hours.md", lang)
        assert 0 <= shown.index(medicines) < shown.index(sedatives) < shown.index(unless), lang


def test_interactions_name_benzodiazepines_stimulants_maois_and_not_lamotrigine(page_soups):
    english = text(page_soups, CLINIC_IDS[0], "how-it-works.md", "en")
    spanish = text(page_soups, CLINIC_IDS[0], "how-it-works.md", "es")
    for words in ("Higher doses may make ketamine work less well", "MAOIs", "tell any other doctor or dentist"):
        assert words in english
    for words in ("pueden hacer que la ketamina funcione menos", "IMAO", "a cualquier otro médico o dentista"):
        assert words in spanish
    for lang in LANGUAGES:
        for page in PAGES:
            assert "lamotrigin" not in text(page_soups, CLINIC_IDS[0], page, lang).lower(), (page, lang)


@pytest.mark.parametrize("lang, hallucinations, surgery", [
    ("en", "see or hear things that are not there (hallucinations)", "About 1 in 8 people have it after the much higher doses used for surgery"),
    ("es", "ven u oyen cosas que no están ahí (alucinaciones)", "con las dosis mucho más altas que se usan en una cirugía"),
])
def test_the_emergence_reaction_names_hallucinations_and_where_1_in_8_comes_from(page_soups, lang, hallucinations, surgery):
    shown = text(page_soups, CLINIC_IDS[0], "side-effects.md", lang)
    assert hallucinations in shown and surgery in shown


def test_no_page_says_ketamine_works_best_as_part_of_a_plan(page_soups):
    for lang in LANGUAGES:
        for page in PAGES:
            shown = text(page_soups, CLINIC_IDS[0], page, lang)
            assert "works best" not in shown and "funciona mejor" not in shown, (page, lang)
    for page in ("how-it-works.md", "longer-term.md", "faq.md"):
        assert "care plan with a clear goal" in text(page_soups, CLINIC_IDS[0], page, "en"), page
        assert "plan de atención con una meta clara" in text(page_soups, CLINIC_IDS[0], page, "es"), page


@pytest.mark.parametrize("lang, title", [("en", "What you need to know today"), ("es", "Lo que necesita saber hoy")])
def test_the_home_page_opens_with_what_you_need_to_know_today(page_soups, lang, title):
    for clinic_id in CLINIC_IDS:
        article = page_soups[clinic_id, "index.md", lang].select_one("article")
        first = article.find("h1").find_next_sibling(lambda tag: tag.name not in ("a",))
        assert "today" in first["class"] and first.select_one(".admonition-title").get_text(strip=True) == title
        assert [a["href"] for a in first.select("a") if a["href"] in ("tel:911", "tel:988")] == ["tel:911", "tel:988"]


# (language, the one main message, the picture's caption): CDC Clear Communication Index items 1-4
MAIN_MESSAGE = [
    ("en", "Ketamine can affect you until tomorrow, even if you feel fine.", "No driving today. Rest at home tonight."),
    ("es", "La ketamina le puede afectar hasta mañana, aunque se sienta bien.", "Hoy no maneje. Esta noche descanse en casa."),
]


@pytest.mark.parametrize("lang, message, caption", MAIN_MESSAGE)
def test_the_today_box_leads_with_one_main_message_and_a_captioned_picture_follows_it(page_soups, lang, message, caption):
    for clinic_id in CLINIC_IDS:
        box = page_soups[clinic_id, "index.md", lang].select_one("article .admonition.today")
        lead = box.find("p", class_=lambda c: c != "admonition-title")
        assert lead.find("strong").get_text(strip=True) == message == lead.get_text(strip=True), clinic_id
        picture = box.find_next_sibling("p").find("img")
        assert picture["src"].endswith("-no-driving-rest-tonight.svg") and picture["alt"], clinic_id
        assert box.find_next_sibling("p", class_="cg-caption").get_text(strip=True) == caption, clinic_id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_bulleted_list_has_more_than_seven_items(page_soups, lang):
    for clinic_id in CLINIC_IDS:
        for page in PAGES:
            for items in page_soups[clinic_id, page, lang].select("article ul, article ol"):
                section = items.find_previous("h2")
                if section and section.get("id") == "sources":
                    continue  # the about page's reference list is read as a list of works, not of things to do
                assert len(items.find_all("li", recursive=False)) <= 7, (clinic_id, page, lang)


def test_spanish_pages_use_the_reviewed_terms(page_soups):
    for clinic_id in CLINIC_IDS:
        for page in PAGES:
            shown = page_soups[clinic_id, page, "es"].get_text(" ", strip=True).lower()
            for old in ("proveedor", "historia de salud", "convulsión (ataque)"):
                assert old not in shown, (clinic_id, page, old)
    assert page_soups[CLINIC_IDS[0], "faq.md", "es"].select_one("article h2#is-ketamine-a-cure")


def test_fda_is_spelled_out(page_soups):
    assert "FDA (the U.S. Food and Drug Administration)" in text(page_soups, CLINIC_IDS[0], "how-it-works.md", "en")
    assert "La FDA es la agencia del gobierno de los EE. UU. que aprueba las medicinas" in text(
        page_soups, CLINIC_IDS[0], "how-it-works.md", "es")
    # Credentials: tests/test_providers.py::test_each_credential_on_the_page_is_explained_once
