"""The optional clinic details patients ask the front desk for: each location's opening
hours, parking and a directions link, and the clinic's booking link.

A clinic file that gives them sees them checked on their line; the contact page (English
and Spanish) and the printed guide show them as the text written, links printed on paper;
a clinic that gives none of them shows nothing extra.
"""

from __future__ import annotations

import re

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from careguide.clinic_file import clinic_warnings, load_clinic
from careguide.escaping import escaped_words
from careguide.page_macros import partial_templates, render_partial
from careguide.problems import ProblemsFound
from careguide.project import load_project
from careguide.views import contact_card, with_spanish_fallbacks
from conftest import ENGINES, ROOT, bundled_clinic, copy_project, run_careguide

FILE = "clinics/test-baltimore.yml"  # one of tests/fixture_clinics/, which gives none of the details
DOWNTOWN_ZIP = '    zip: "21201"\n'  # the last line of its first location


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("details") / "project")


@pytest.fixture
def clinic_file(project):
    """Write test-baltimore with `lines` added to its first location (or, with `top=True`,
    after its email line); returns the path and the number of the first added line."""
    path = project / FILE
    original = path.read_text()

    def write(lines: str, *, top: bool = False) -> int:
        anchor = "email: care@example.org\n" if top else DOWNTOWN_ZIP
        head, tail = original.split(anchor, 1)
        path.write_text(head + anchor + lines + tail)
        return (head + anchor).count("\n") + 1

    yield write
    path.write_text(original)


def problems(project) -> list[str]:
    with pytest.raises(ProblemsFound) as found:
        load_clinic(project / FILE, root=project)
    return [str(problem) for problem in found.value.problems]


# -- checked on their line ---------------------------------------------------------------

LINK_FIX = "copy the whole address from your browser's address bar (it starts with https://)"


@pytest.mark.parametrize(
    ("written", "what"),
    [
        ("http://www.openstreetmap.org/", "'http://www.openstreetmap.org/' is not an absolute https:// address"),
        ("javascript:alert(1)", "'javascript:alert(1)' is not an absolute https:// address"),
        ("\"https://www.openstreetmap.org/'onclick='x\"", "'https://www.openstreetmap.org/'onclick='x' holds U+0027 APOSTROPHE, which a web address cannot hold"),
        ('"https://www.openstreetmap.org/\\"x"', "'https://www.openstreetmap.org/\"x' holds U+0022 QUOTATION MARK, which a web address cannot hold"),
        ("https://www.openstreetmap.org/a<b", "'https://www.openstreetmap.org/a<b' holds U+003C LESS-THAN SIGN, which a web address cannot hold"),
        ("https://www.openstreetmap.org/100 Example Street", "'https://www.openstreetmap.org/100 Example Street' holds U+0020 SPACE, which a web address cannot hold"),
        ("https://www.openstreetmap.org/a%2", "'https://www.openstreetmap.org/a%2' is not written like a web address"),
    ],
)
def test_a_directions_address_that_is_not_a_plain_https_link_is_refused_on_its_line(project, clinic_file, written, what):
    line = clinic_file(f"    directions_url: {written}\n")
    assert problems(project) == [f"{FILE}:{line}:21: locations[0].directions_url: {what}; {LINK_FIX}"]


def test_a_booking_address_with_a_user_name_is_refused_on_its_line(project, clinic_file):
    line = clinic_file("booking_url: https://me@booking.example.org/\n", top=True)
    assert problems(project) == [
        f"{FILE}:{line}:14: booking_url: 'https://me@booking.example.org/' has a user name or port in it; "
        "write only https://, the host name and the path"
    ]


def test_a_booking_address_longer_than_500_characters_is_refused(project, clinic_file):
    address = "https://booking.example.org/" + "a" * 473
    line = clinic_file(f"booking_url: {address}\n", top=True)
    assert problems(project) == [
        f"{FILE}:{line}:14: booking_url: this address is 501 characters long, more than 500; "
        "use a shorter address for the same page (leave out tracking parts like utm_source=...)"
    ]


def test_a_booking_or_directions_address_keeps_its_query_and_part_after_hash_exactly():
    clinic = bundled_clinic("example-baltimore")
    assert clinic.booking_url == "https://booking.example.org/example-baltimore"  # no "/" added, unlike site_url
    assert clinic.locations[0].directions_url == "https://www.openstreetmap.org/?mlat=39.2904&mlon=-76.6122#map=17/39.2904/-76.6122"


def test_an_hours_line_of_81_characters_is_refused_on_its_line(project, clinic_file):
    long_line = "Monday to Friday, 8 am to 5 pm, but on the first Tuesday of the month, 10 am to 5"
    assert len(long_line) == 81
    line = clinic_file(f"    hours:\n      - {long_line}\n")
    assert problems(project) == [
        f"{FILE}:{line + 1}:9: locations[0].hours[0]: this hours line is 81 characters long, more than 80; "
        "shorten it, or split it into two entries, each starting with '- '"
    ]


def test_an_hours_line_of_80_characters_is_accepted(project, clinic_file):
    clinic_file(f"    hours:\n      - {'Monday to Friday, 8 am to 5 pm'.ljust(80, '.')}\n")
    assert len(load_clinic(project / FILE, root=project).locations[0].hours[0]) == 80


def test_an_hours_line_written_over_two_lines_is_refused_on_its_line(project, clinic_file):
    line = clinic_file("    hours:\n      - |\n        Monday to Friday\n        8 am to 5 pm\n")
    assert problems(project) == [
        f"{FILE}:{line + 1}:9: locations[0].hours[0]: an hours line must be one line; "
        "write each line of hours as its own entry, starting with '- '"
    ]


def test_more_than_seven_hours_lines_are_refused(project, clinic_file):
    days = "".join(f"      - Day {n}, 8 am to 5 pm\n" for n in range(1, 9))
    line = clinic_file(f"    hours:\n{days}")
    assert problems(project) == [
        f"{FILE}:{line + 1}:7: locations[0].hours: this list has 8 entries, more than 7; join or remove entries to keep at most 7"
    ]


def test_an_empty_hours_list_is_refused(project, clinic_file):
    line = clinic_file("    hours: []\n")
    assert problems(project) == [f"{FILE}:{line}:12: locations[0].hours: this list is empty; add at least one entry"]


@pytest.mark.parametrize("written", ["<script>alert(1)</script>", "{{ config }}"])
def test_page_code_in_an_hours_line_is_refused(project, clinic_file, written):
    line = clinic_file(f"    hours_es:\n      - \"{written}\"\n    hours: [Monday, 8 am to 5 pm]\n")
    (problem,) = problems(project)
    assert problem.startswith(f"{FILE}:{line + 1}:9: locations[0].hours_es[0]: this text holds page code")


def test_the_claim_rules_read_the_hours_and_the_parking_notes(project, clinic_file):
    line = clinic_file(
        "    hours: [Open every day. Ketamine has no side effects.]\n"
        "    parking: Park free behind the building.\n"
        "    parking_es: La ketamina es completamente segura.\n"
    )
    found = problems(project)
    assert [p.split(": ", 2)[:2] for p in found] == [
        [f"{FILE}:{line}:13", "locations[0].hours[0]"],
        [f"{FILE}:{line + 2}:17", "locations[0].parking_es"],
    ]
    assert all("safety-absolute" in p for p in found), found


def test_hours_and_parking_without_spanish_are_warned_about_on_their_lines(project, clinic_file):
    line = clinic_file("    hours: [Monday to Friday, 8 am to 5 pm]\n    parking: Park free behind the building.\n")
    warnings = [str(w) for w in clinic_warnings(project / FILE, root=project)]
    assert warnings == [
        f"{FILE}:{line}:12: locations[0].hours_es: no Spanish value for locations[0].hours, so the Spanish edition "
        "shows a generic note instead; add hours_es: with the same text in plain Spanish, next to hours",
        f"{FILE}:{line + 1}:14: locations[0].parking_es: no Spanish value for locations[0].parking, so the Spanish "
        "edition shows a generic note instead; add parking_es: with the same text in plain Spanish, next to parking",
    ]


def test_check_reports_a_bad_directions_address_as_one_line_and_fails(project, clinic_file):
    line = clinic_file("    directions_url: javascript:alert(1)\n")
    result = run_careguide("check", str(project / FILE), root=project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{FILE}:{line}:21: locations[0].directions_url: 'javascript:alert(1)' is not an absolute https:// address; {LINK_FIX}",
        "1 problem(s) found.",
    ]


def test_the_optional_examples_of_a_new_clinic_file_pass_the_check_once_uncommented(project):
    result = run_careguide("new-clinic", "details-clinic", root=project)
    assert result.returncode == 0, result.stderr
    path = project / "clinics" / "details-clinic.yml"
    text = path.read_text()
    for key in ("booking_url", "hours", "hours_es", "directions_url", "parking", "parking_es"):
        assert re.search(rf"^ *# {key}:", text, flags=re.M), key
    uncommented = re.sub(r"(?m)^( *)# (booking_url|hours|hours_es|directions_url|parking|parking_es|  - )", r"\1\2", text)
    data = yaml.safe_load(uncommented)
    path.unlink()
    location = data["locations"][0]
    assert data["booking_url"] and location["hours"] and location["hours_es"] and location["directions_url"]
    assert location["parking"] and location["parking_es"]
    from careguide.model import Clinic

    Clinic.model_validate(data)  # the examples are valid values


# -- inert: shown as the text written, whatever reaches the template ---------------------

EXTENSIONS = [e if isinstance(e, str) else next(iter(e)) for e in yaml.safe_load((ROOT / "mkdocs.yml").read_text())["markdown_extensions"]]
PAYLOADS = ["<script>alert(1)</script>", "**bold** _em_", "{{ x }} {% include 'mkdocs.yml' %}", "[x](javascript:alert(1))", "# Closed"]
HOSTILE_URL = "https://www.openstreetmap.org/\"><script>alert(1)</script>"


def card(clinic, lang: str) -> BeautifulSoup:
    """The contact card as the page gets it: the partial's HTML, then the page's Markdown."""
    project = load_project(ROOT)
    config = {"theme": {"language": lang}, "extra": {"strings": escaped_words(project.strings)}}
    if lang == "es":
        clinic = with_spanish_fallbacks(clinic, project.strings["es"]["missing"])
    html = render_partial(partial_templates(str(ROOT / "overrides")), "contact-card", contact_card(clinic), config)
    return BeautifulSoup(markdown.markdown(str(html), extensions=EXTENSIONS), "html.parser")


def test_hours_parking_and_links_are_the_literal_text_written_even_if_the_check_was_skipped():
    bundled = bundled_clinic("example-baltimore")
    # model_copy skips validation: the check refuses these values, the page must hold them anyway.
    location = bundled.locations[0].model_copy(update={"hours": PAYLOADS, "parking": PAYLOADS[1], "directions_url": HOSTILE_URL})
    hostile = bundled.model_copy(update={"locations": [location], "booking_url": HOSTILE_URL})
    soup = card(hostile, "en")
    assert soup.find("script") is None and soup.find(["strong", "em", "h1"], string=re.compile("bold|Closed")) is None
    assert [li.get_text() for li in soup.select(".cg-hours li")] == PAYLOADS
    assert soup.select_one(".cg-parking").get_text() == f"Parking: {PAYLOADS[1]}"
    assert soup.select_one(".cg-directions a")["href"] == HOSTILE_URL
    assert soup.select_one(".cg-booking a")["href"] == HOSTILE_URL


def test_spanish_card_shows_a_spanish_note_for_hours_and_parking_given_only_in_english():
    bundled = bundled_clinic("example-baltimore")
    location = bundled.locations[0].model_copy(update={"hours_es": None, "parking_es": None})
    english_only = bundled.model_copy(update={"locations": [location]})
    missing = load_project(ROOT).strings["es"]["missing"]
    soup = card(english_only, "es")
    assert [li.get_text() for li in soup.select(".cg-hours li")] == missing["hours_es"]
    assert soup.select_one(".cg-parking").get_text() == f"Estacionamiento: {missing['parking_es']}"
    text = soup.get_text(" ")
    assert not [line for line in location.hours if line in text] and location.parking not in text


# -- on the built contact page, in both languages ---------------------------------------

@pytest.fixture(scope="module", params=ENGINES)
def site(request, engine_site):
    return engine_site(request.param)


def contact_page(site, clinic_id: str, lang: str) -> BeautifulSoup:
    return BeautifulSoup(site.page(clinic_id, "contact.md", lang).read_text(), "html.parser")


def location_items(soup: BeautifulSoup) -> list:
    return soup.select("article .cg-addresses > li")


WORDS = {
    "en": {"booking": "Book or change a visit", "hours": "Hours:", "parking": "Parking:", "directions": "Directions to {}"},
    "es": {"booking": "Pedir o cambiar una cita", "hours": "Horario:", "parking": "Estacionamiento:", "directions": "Cómo llegar a {}"},
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_contact_page_shows_the_booking_link_and_each_locations_hours_parking_and_directions(site, lang):
    clinic = bundled_clinic("example-baltimore")
    words, suffix = WORDS[lang], "_es" if lang == "es" else ""
    soup = contact_page(site, clinic.id, lang)
    (booking,) = soup.select("article .cg-contact-card a[href^='https://booking.']")
    assert (booking["href"], booking.get_text(strip=True)) == (clinic.booking_url, words["booking"])

    downtown, towson = location_items(soup)
    assert downtown.select_one(".cg-hours-title").get_text(strip=True) == words["hours"]
    assert [li.get_text(strip=True) for li in downtown.select(".cg-hours li")] == getattr(clinic.locations[0], "hours" + suffix)
    parking = downtown.select_one(".cg-parking").get_text(" ", strip=True)
    assert parking == f"{words['parking']} {getattr(clinic.locations[0], 'parking' + suffix)}"
    (directions,) = downtown.select(".cg-directions a")
    assert directions["href"] == clinic.locations[0].directions_url
    assert directions.get_text(strip=True) == words["directions"].format(clinic.locations[0].name)
    # Towson gives none of the details: its address alone
    assert [child.name for child in towson.find_all(recursive=False)] == ["address"]


def test_spanish_contact_page_shows_none_of_the_english_hours_or_parking(site):
    clinic = bundled_clinic("example-baltimore")
    text = contact_page(site, clinic.id, "es").select_one("article").get_text(" ", strip=True)
    assert not [line for line in clinic.locations[0].hours if line in text]
    assert clinic.locations[0].parking not in text and WORDS["en"]["booking"] not in text


@pytest.mark.parametrize("clinic_id", ["example-annapolis", "example-rockville"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_clinic_without_the_details_shows_nothing_extra_and_no_empty_label_or_heading(site, clinic_id, lang):
    clinic = bundled_clinic(clinic_id)
    assert clinic.booking_url is None
    assert all(getattr(l, key) is None for l in clinic.locations for key in ("hours", "hours_es", "directions_url", "parking", "parking_es"))
    soup = contact_page(site, clinic_id, lang)
    article = soup.select_one("article")
    assert not article.select(".cg-booking, .cg-hours-title, .cg-hours, .cg-parking, .cg-directions")
    text = article.get_text(" ", strip=True)
    assert not [w for w in WORDS[lang].values() if w.format("").strip() in text]
    assert all(len(item.find_all(recursive=False)) == 1 for item in location_items(soup))
    empty = [tag for tag in article.select("h1, h2, h3, h4, h5, h6, p, li, ul, strong") if not tag.get_text(strip=True)]
    assert not empty, empty
