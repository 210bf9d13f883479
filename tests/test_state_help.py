"""Help that depends on the clinic's state comes from the clinic's state, never Maryland's by default.

A fictional clinic in Virginia gives its own crisis line and board (careguide/states.yml
covers only Maryland). Built once: no Maryland line on any page or handout, and the
Virginia line where Maryland's was. Then the check's refusals: a state with no help, a
covered state restated, help for a state with no location, a board of another state.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from careguide.clinic_file import load_clinic
from careguide.problems import ProblemsFound
from conftest import copy_project, run_careguide

# Fictional, like the example clinics: 555-01xx numbers, an invented board page. The
# crisis line is a 555 number on purpose: this file is a test, not a source.
VIRGINIA = """\
id: test-richmond
example: true
name: Test Infusion Care, Richmond
site_url: https://example.github.io/careguide/test-richmond/
phone: "804-555-0150"
after_hours_phone: "804-555-0151"
reviewer: {name: "Robin Test, MD", role: Medical Director, role_es: Director médico, reviewed_on: 2026-11-27}
policies:
  monitoring_minutes: 60
  escort_required: true
  ride_services: with-adult
  treatment_schedule: six infusions over three weeks
  treatment_schedule_es: seis infusiones en tres semanas
locations:
  - {id: richmond, name: Richmond office, street: 9 Test Road, city: Richmond, state: VA, zip: "23219"}
providers:
  - name: Robin Test
    credentials: MD
    role: Anesthesiologist
    role_es: Anestesiólogo
    locations: [richmond]
    accepting_new_patients: true
    languages: [English]
    npi: "1234567893"
    license: {board: va-medicine, number: EX0001}
    verified_on: 2026-11-20
state_help:
  VA:
    name: Virginia
    name_es: Virginia
    crisis_line: {dial: "804-555-0177"}
    source: invented for a test
    boards:
      - id: va-medicine
        name: Virginia Board of Test Medicine
        name_es: Junta de Medicina de Prueba de Virginia
        licenses: doctors
        licenses_es: médicos
        lookup: https://boards.test-virginia.invalid/lookup/
"""
# The about page's references name two Maryland sources of the guide's facts: where it was
# read, not help for the patient. The handout prints them as the page does.
SOURCES = (
    r"Maryland Department of Health, Behavioral Health Administration.*?\((?:988 Maryland page|página 988 de Maryland)\)"
    r"|Ley de Privacidad de Datos en Línea de Maryland \(Maryland Online Data Privacy Act|Maryland Online Data Privacy Act"
)
PAGES = ("index", "first-24-hours", "side-effects", "contact", "providers", "faq", "how-it-works", "how-often", "longer-term", "about")


@pytest.fixture(scope="module")
def virginia(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("state") / "project")
    for path in (project / "clinics").glob("*.yml"):
        path.unlink()
    (project / "clinics" / "test-richmond.yml").write_text(VIRGINIA)
    result = run_careguide("build", "--jobs", "1", root=project)
    assert result.returncode == 0, result.stderr
    return project / "site" / "test-richmond"


def page_text(site: Path, page: str, lang: str) -> str:
    path = site / ("es/" if lang == "es" else "") / ("" if page == "index" else f"{page}/") / "index.html"
    soup = BeautifulSoup(path.read_text(), "html.parser")
    for sources in soup.select("#sources ~ ul, #fuentes ~ ul"):
        sources.decompose()  # the guide's references: where its facts were read, not guidance
    return " ".join(soup.get_text(" ").split())


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_clinic_in_another_state_shows_no_maryland_line_on_any_page(virginia, lang):
    for page in PAGES:
        text = page_text(virginia, page, lang)
        assert "Maryland" not in text, (page, lang, text[text.find("Maryland") - 80:][:200])
        assert "211" not in text, (page, lang)


@pytest.mark.parametrize(
    ("lang", "line", "relay", "license", "boards"),
    [
        ("en", "Virginia crisis help: call 804-555-0177 .", "you can call us through a relay service. Dial 711",
         "Virginia license: EX0001", "The Virginia Board of Test Medicine licenses doctors."),
        ("es", "Ayuda en crisis en Virginia: llame al 804-555-0177 .",
         "puede llamarnos por medio de un servicio de retransmisión (relay). Marque el 711",
         "Licencia de Virginia: EX0001",
         "La Junta de Medicina de Prueba de Virginia (Virginia Board of Test Medicine) da licencias a médicos."),
    ],
)
def test_the_clinics_own_state_help_is_shown_where_marylands_was(virginia, lang, line, relay, license, boards):
    assert line in page_text(virginia, "side-effects", lang)
    contact = page_text(virginia, "contact", lang)
    assert line in contact and relay in contact
    providers = page_text(virginia, "providers", lang)
    assert license in providers and boards in providers
    soup = BeautifulSoup((virginia / ("es/" if lang == "es" else "") / "side-effects/index.html").read_text(), "html.parser")
    assert [a["href"] for a in soup.select(".cg-state-crisis a")] == ["tel:+18045550177"]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("handout", ["ketamine-aftercare-guide.pdf", "ketamine-aftercare-tonight.pdf"])
def test_the_handouts_of_a_clinic_in_another_state_print_its_line_not_marylands(virginia, lang, handout):
    pdf = virginia / ("es/" if lang == "es" else "") / handout
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "Maryland" not in re.sub(SOURCES, "", text)
    assert "804-555-0177" in text


def write(tmp_path: Path, text: str) -> tuple[Path, Path]:
    project = copy_project(Path(tempfile.mkdtemp(dir=tmp_path)) / "project")
    path = project / "clinics" / "test-richmond.yml"
    path.write_text(text)
    return project, path


def problems_of(tmp_path: Path, text: str) -> list[str]:
    project, path = write(tmp_path, text)
    with pytest.raises(ProblemsFound) as found:
        load_clinic(path, root=project)
    return [str(problem) for problem in found.value.problems]


def test_a_location_in_a_state_with_no_help_is_refused_on_its_state_line(tmp_path):
    text = VIRGINIA.split("state_help:")[0]
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "state: VA" in l)
    assert problems_of(tmp_path, text) == [
        f"clinics/test-richmond.yml:{line}:87: locations[0].state: careguide has no crisis line, relay service or "
        "licensing boards for VA (careguide/states.yml covers MD), and this file gives none; add them under "
        "state_help: VA: in this file, with their source (README, 'Clinics outside Maryland')",
    ]


def test_maryland_help_cannot_be_restated_and_help_needs_a_location_in_its_state(tmp_path):
    text = VIRGINIA.replace("  VA:\n", "  MD:\n").replace("state: VA", "state: MD").replace('"23219"', '"21201"')
    text = text.replace('"804-555-0150"', '"410-555-0150"').replace('"804-555-0151"', '"410-555-0151"')
    text = text.replace("board: va-medicine", "board: md-physicians")
    assert problems_of(tmp_path, text) == [
        "clinics/test-richmond.yml:29:5: state_help.MD: Maryland's crisis line, relay and boards come with careguide "
        "(careguide/states.yml); delete state_help: MD: from this file"
    ]
    text = VIRGINIA + "  DC:\n" + VIRGINIA.split("  VA:\n")[1].replace("Virginia", "Columbia").replace("va-medicine", "dc-medicine")
    assert problems_of(tmp_path, text) == [
        "clinics/test-richmond.yml:41:5: state_help.DC: no location of this clinic is in DC; delete state_help: DC:, "
        "or fix the location's state"
    ]


def test_a_license_from_a_board_of_another_state_is_refused(tmp_path):
    text = VIRGINIA.replace("board: va-medicine", "board: md-physicians")
    assert problems_of(tmp_path, text) == [
        "clinics/test-richmond.yml:25:22: providers[0].license.board: 'md-physicians' is not one of the choices for a "
        "license in VA; write one of: va-medicine"
    ]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ('{dial: "21"}', "state_help.VA.crisis_line.dial: '21' has 2 digits, a US phone number has 10"),
        ('{dial: "211", press: "12"}', "state_help.VA.crisis_line.press: '12' is not one key of a phone"),
        ('{dial: "<b>211</b>"}', "state_help.VA.crisis_line.dial: '<b>211</b>' is not a phone number"),
    ],
)
def test_a_crisis_line_that_a_phone_cannot_dial_is_refused(tmp_path, written, message):
    (problem,) = problems_of(tmp_path, VIRGINIA.replace('{dial: "804-555-0177"}', written))
    assert message in problem and "Traceback" not in problem
