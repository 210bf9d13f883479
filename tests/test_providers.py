"""A provider listing a patient can trust: checked identifiers, a verification date that
goes stale, credentials in plain words, and JSON-LD with only what the page shows."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from careguide.states import licensing_boards
from careguide.clinic_file import clinic_warnings, load_clinic
from careguide.fields import npi_check_digit
from careguide.page_macros import PARTIALS, partial_templates
from careguide.problems import ProblemsFound
from careguide.structured_data import json_for_script, page_graph
from conftest import CLINIC_IDS, ENGINES, LANGUAGES, PAGES, ROOT, bundled_clinic as clinic, parse_pages, run_careguide

CASES = ROOT / "tests" / "clinic_cases"
NPI_FIX = "look the provider up by name in the NPI registry, https://npiregistry.cms.hhs.gov/, and copy their 10-digit NPI again"


def reported(case: str) -> list[str]:
    result = run_careguide("check", str(CASES / f"{case}.yml"))
    assert result.returncode == 1
    return [line for line in result.stderr.splitlines() if line.startswith("tests/")]


def marked(case: str, key: str) -> str:
    """`file:line:col` of the value of `key` on the line marked as the mistake."""
    lines = (CASES / f"{case}.yml").read_text().splitlines()
    (number,) = [n for n, line in enumerate(lines, start=1) if line.endswith("# <- the mistake")]
    return f"tests/clinic_cases/{case}.yml:{number}:{lines[number - 1].index(f'{key}: ') + len(key) + 3}"


# -- identifiers -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("first_nine", "check_digit"),
    # CMS's worked example (1234567893), and numbers whose Luhn sums wrap around
    [("123456789", 3), ("100000000", 4), ("222222222", 8), ("199999999", 2), ("200000000", 2)],
)
def test_npi_check_digit_is_luhn_with_the_80840_prefix(first_nine, check_digit):
    assert npi_check_digit(first_nine) == check_digit


def test_check_refuses_a_wrong_npi_check_digit_and_says_where_to_find_the_number():
    assert reported("npi-wrong-check-digit") == [
        f"{marked('npi-wrong-check-digit', 'npi')}: providers[0].npi: '1234567890' is not a valid NPI: "
        "its last digit (the check digit) does not match the other nine, so a digit is mistyped or two are swapped; "
        + NPI_FIX
    ]


def test_check_refuses_a_license_number_in_the_wrong_format():
    assert reported("license-number-with-space") == [
        f"{marked('license-number-with-space', 'number')}: providers[0].license.number: 'D 12345' is not written like "
        "a license number: capital letters and digits only, without spaces or dashes; copy the number exactly as the "
        "board's look-up page shows it, like D0012345"
    ]


def test_check_names_the_boards_a_license_may_come_from():
    assert reported("license-unknown-board") == [
        f"{marked('license-unknown-board', 'board')}: providers[0].license.board: 'board-of-physicians' "
        "is not one of the choices for a license in MD; write one of: md-physicians, md-nursing"
    ]


def test_a_fork_still_writing_the_old_key_licence_is_told_its_new_spelling_and_nothing_else():
    case = "license-old-spelling"
    lines = (CASES / f"{case}.yml").read_text().splitlines()
    (number,) = [n for n, line in enumerate(lines, start=1) if line.endswith("# <- the mistake")]
    assert reported(case) == [
        f"tests/clinic_cases/{case}.yml:{number}:5: providers[0].licence: 'licence' is now spelled 'license' "
        "(US English); rename `licence:` to `license:`"
    ]


def test_a_script_tag_in_a_provider_name_is_refused_on_its_line():
    assert reported("provider-name-script-tag") == [
        f"{marked('provider-name-script-tag', 'name')}: providers[0].name: this text holds page code ('</'); "
        "clinic values are plain words, shown exactly as written; write plain words, without <tags>, [links](...), "
        "{{ }} or script addresses"
    ]


# -- verified_on: a warning after 12 months, an error after 24 ----------------------------

def clinic_verified_on(tmp_path: Path, verified_on: str) -> Path:
    (tmp_path / "docs").mkdir(exist_ok=True)
    path = tmp_path / "verified.yml"
    text = (CASES / "npi-wrong-check-digit.yml").read_text()
    text = text.replace('"1234567890"  # <- the mistake', '"1234567893"').replace("npi-wrong-check-digit", "verified")
    text = text.replace("reviewed_on: 2026-10-01", "reviewed_on: 2024-01-02")  # before every `today` below
    path.write_text(text.replace("verified_on: 2026-11-20", f"verified_on: {verified_on}"))
    return path


def verification_warnings(path: Path, today: date) -> list:
    """The file's warnings about verified_on (the test file also lacks Spanish values)."""
    return [w for w in clinic_warnings(path, root=path.parent, today=today) if w.field.endswith("verified_on")]


def verification_line(path: Path) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), start=1) if "verified_on:" in line)


RECHECK = (
    "look up NPI 1234567893 at https://npiregistry.cms.hhs.gov/ and license EX0001 on the Maryland Board of "
    "Physicians look-up page, https://www.mbp.state.md.us/bpqapp/, check the license is active, then set verified_on to that day"
)


@pytest.mark.parametrize(
    ("verified_on", "today"),
    [("2025-12-03", date(2026, 12, 3)), ("2024-02-29", date(2025, 2, 28)), ("2026-12-03", date(2026, 12, 3))],
)
def test_a_check_at_most_12_months_old_passes_quietly(tmp_path, verified_on, today):
    path = clinic_verified_on(tmp_path, verified_on)
    assert verification_warnings(path, today) == []


def test_a_check_12_months_and_a_day_old_is_a_warning_saying_what_to_recheck(tmp_path):
    path = clinic_verified_on(tmp_path, "2025-12-02")
    (warning,) = verification_warnings(path, date(2026, 12, 3))
    assert str(warning) == (
        f"verified.yml:{verification_line(path)}:18: providers[0].verified_on: Dana Example's NPI and license were last "
        "checked on 2025-12-02, more than 12 months ago (today is 2026-12-03); the build stops from 2027-12-03; " + RECHECK
    )
    load_clinic(path, root=tmp_path, today=date(2026, 12, 3))  # a warning, not an error


def test_a_check_exactly_24_months_old_still_builds(tmp_path):
    path = clinic_verified_on(tmp_path, "2024-12-03")
    load_clinic(path, root=tmp_path, today=date(2026, 12, 3))
    assert len(verification_warnings(path, date(2026, 12, 3))) == 1


def test_a_check_24_months_and_a_day_old_stops_the_check(tmp_path):
    path = clinic_verified_on(tmp_path, "2024-12-02")
    with pytest.raises(ProblemsFound) as found:
        load_clinic(path, root=tmp_path, today=date(2026, 12, 3))
    assert [str(problem) for problem in found.value.problems] == [
        f"verified.yml:{verification_line(path)}:18: providers[0].verified_on: Dana Example's NPI and license were last "
        "checked on 2024-12-02, more than 24 months ago (today is 2026-12-03); " + RECHECK
    ]


# -- JSON-LD, at the function and template level ------------------------------------------

HOSTILE = "Dana</script><script>alert(1)</script><!-- & -->"


def test_json_for_script_leaves_no_character_that_could_end_the_script():
    text = json_for_script({"name": HOSTILE})
    assert not set("<>&") & set(text)
    assert json.loads(text) == {"name": HOSTILE}


def test_a_script_tag_in_a_provider_name_stays_inert_in_the_rendered_json_ld():
    # The check refuses this name (test above); the JSON-LD must hold even a value it did not see.
    bundled = clinic("example-baltimore")
    hostile = bundled.model_copy(update={"providers": [bundled.providers[0].model_copy(update={"name": HOSTILE})]})
    graph = page_graph(
        hostile, title="Our providers", language="en", url="https://example.org/p/", home="https://example.org/",
        last_reviewed=None, shows_addresses=False, shows_providers=True,
    )
    html = partial_templates(str(ROOT / "overrides")).get_template(f"{PARTIALS}/structured-data.html").render(
        json_ld=json_for_script(graph)
    )
    assert html.count("</script>") == 1 and "<!--" not in html and "<script>" not in html
    (script,) = BeautifulSoup(html, "html.parser").find_all("script")
    assert json.loads(script.string)["@graph"][2]["name"] == HOSTILE


# -- JSON-LD in every built page, on every engine ----------------------------------------

@pytest.fixture(scope="module", params=ENGINES)
def soups(request, engine_site):
    return parse_pages(engine_site(request.param))


def json_ld(soup: BeautifulSoup) -> dict[str, list[dict]]:
    """The page's one JSON-LD block, its nodes by type ("IndividualPhysician" nodes are also "Person")."""
    (script,) = soup.find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["@context"] == "https://schema.org"
    nodes: dict[str, list[dict]] = {}
    for node in data["@graph"]:
        for kind in node["@type"] if isinstance(node["@type"], list) else [node["@type"]]:
            nodes.setdefault(kind, []).append(node)
    return nodes


# Values that are not text of the page: identifiers, codes, addresses of things, and the
# language names, which the Spanish page shows in Spanish (inglés) but schema.org takes as written.
NOT_PAGE_TEXT = {"@context", "@type", "@id", "url", "inLanguage", "audience", "addressCountry", "credentialCategory",
                 "knowsLanguage", "telephone", "lastReviewed"}


def texts(value, key=None):
    if isinstance(value, dict):
        for k, item in value.items():
            yield from texts(item, k)
    elif isinstance(value, list):
        for item in value:
            yield from texts(item, key)
    elif isinstance(value, str) and key not in NOT_PAGE_TEXT:
        yield key, value


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_carries_json_ld_with_only_what_it_shows(soups, clinic_id, lang):
    data = clinic(clinic_id)
    for page in PAGES:
        soup = soups[clinic_id, page, lang]
        nodes = json_ld(soup)
        (web_page,) = nodes["MedicalWebPage"]
        (medical_clinic,) = nodes["MedicalClinic"]
        assert web_page["name"] == "".join(soup.h1.find_all(string=True, recursive=False)).strip()  # less the ¶ link
        assert web_page["inLanguage"] == lang == soup.html["lang"]
        assert web_page["audience"] == "https://schema.org/Patient"
        assert web_page["url"] == soup.find("link", rel="canonical")["href"]
        footer = soup.select_one(".cg-review-dates")
        assert web_page["lastReviewed"] == footer.time["datetime"]
        assert web_page["reviewedBy"]["name"] == data.reviewer.name
        assert medical_clinic["name"] == data.name and medical_clinic["url"] == data.site_url
        # the call bar's number, as the page shows it and dials it
        call_bar = soup.select_one(".cg-call-bar .cg-phone")
        assert medical_clinic["telephone"] == "+1-" + call_bar.get_text(strip=True)
        assert call_bar["href"] == "tel:" + medical_clinic["telephone"].replace("-", "")
        page_text = soup.get_text(" ", strip=True)
        for key, value in texts([web_page, medical_clinic, *nodes.get("Person", [])]):
            assert value in page_text or soup.find(href=value), f"{page} {lang}: {key} {value!r} is not on the page"
        assert ("address" in medical_clinic) == bool(soup.select(".cg-address")), page
        assert ("Person" in nodes) == (page == "providers.md"), page


@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_the_providers_page_json_ld_lists_every_provider_with_npi_for_physicians(soups, clinic_id):
    data = clinic(clinic_id)
    nodes = json_ld(soups[clinic_id, "providers.md", "en"])
    people = nodes["Person"]
    assert [p["name"] for p in people] == [p.name for p in data.providers]
    for node, provider in zip(people, data.providers):
        assert node["hasCredential"]["identifier"] == provider.license.number
        assert node["hasCredential"]["recognizedBy"]["url"] == licensing_boards(data)[provider.license.board].lookup
        if provider.credentials in ("MD", "DO"):
            assert node["@type"] == ["Person", "IndividualPhysician"]
            assert node["usNPI"] == provider.npi
            assert node["isAcceptingNewPatients"] is provider.accepting_new_patients
        else:
            assert node["@type"] == "Person" and "usNPI" not in node
    addresses = nodes["MedicalClinic"][0]["address"]
    assert [(a["streetAddress"], a["postalCode"]) for a in addresses] == [(l.street, l.zip) for l in data.locations]


# -- credentials in plain words -----------------------------------------------------------

@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_credential_on_the_page_is_explained_once(soups, clinic_id, lang):
    strings = yaml.safe_load((ROOT / "overrides/careguide/strings.yml").read_text())[lang]["credentials"]
    soup = soups[clinic_id, "providers.md", lang]
    used = list(dict.fromkeys(p.credentials for p in clinic(clinic_id).providers))
    terms = [dt.get_text(strip=True) for dt in soup.select(".cg-credentials dt")]
    assert terms == used
    assert [dd.get_text(strip=True) for dd in soup.select(".cg-credentials dd")] == [strings[code] for code in used]
