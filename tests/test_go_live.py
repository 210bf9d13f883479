"""Going live: nothing of the template or the example clinics reaches a patient.

One walk, as a clinic would take it: `new-clinic`, `example: false`, every placeholder
refused on its line, each accepted once replaced, then `check --go-live` says ready and
`publish` puts the clinic on gh-pages. Before that, publish refuses and writes nothing.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from careguide.clinic_file import go_live_checklist, load_clinic
from careguide.problems import ProblemsFound
from conftest import ROOT, copy_project, run_careguide
from test_publish import GIT_ENV, commit_all, git

CLINIC = "harbor-point"
# Each placeholder the new-clinic template writes, the field it is reported on, the words
# of the message, and a value a real clinic would write instead (values that look real but
# are a test's: this file is never published).
PLACEHOLDERS = [
    ("name", "name: New Example Clinic", "name: Harbor Point Ketamine Clinic", "'New Example Clinic' is copied from the new-clinic template"),
    ("site_url", f"site_url: https://example.github.io/careguide/{CLINIC}/",
     f"site_url: https://harbor-point-care.github.io/careguide/{CLINIC}/",
     f"https://example.github.io/careguide/{CLINIC}/ is on example.github.io, an address for examples that belongs to "
     "someone else; it is printed in the handout's QR code, which cannot be recalled once printed"),
    ("phone", 'phone: "410-555-0100"', 'phone: "410-234-5678"', "410-555-0100 is a fictional 555-01xx number"),
    ("after_hours_phone", 'after_hours_phone: "410-555-0101"', 'after_hours_phone: "410-234-5679"',
     "410-555-0101 is a fictional 555-01xx number"),
    ("email", "email: care@example.org", "email: care@harbor-point-care.org", "care@example.org is an example address, nobody reads it"),
    ("reviewer.name", 'name: "Your Name, MD"', 'name: "Morgan Ellis, MD"', "'Your Name, MD' is copied from the new-clinic template"),
    ("locations[0].street", "street: 1 Example Street, Suite 100", "street: 410 Light Street, Suite 2",
     "'1 Example Street, Suite 100' is copied from the new-clinic template"),
    ("providers[0].name", "  - name: Your Name\n", "  - name: Morgan Ellis\n", "'Your Name' is copied from the new-clinic template"),
    ("providers[0].npi", 'npi: "1234567893"', 'npi: "1654321987"', "1234567893 is the made-up NPI of the new-clinic template"),
    ("providers[0].license.number", "number: EX0001}", "number: D0098765}", "EX0001 is an invented example license number"),
]


def reported(problems) -> dict[str, str]:
    return {problem.field: problem.what for problem in problems}


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A clinic's fork: the project, its test clinics, and a new clinic from the template."""
    repo = copy_project(tmp_path_factory.mktemp("go-live") / "repo")
    for name in ("CHANGELOG.md", ".gitignore"):
        shutil.copy(ROOT / name, repo / name)
    assert run_careguide("new-clinic", CLINIC, root=repo).returncode == 0
    path = repo / "clinics" / f"{CLINIC}.yml"
    text = path.read_text().replace("example: true", "example: false", 1)
    path.write_text(text.replace("reviewed_on: 2026-01-15", "reviewed_on: 2026-11-27", 1))  # the guide is signed off
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "a new clinic")
    return repo


def test_a_real_clinic_from_the_template_is_refused_each_placeholder_on_its_line(repo):
    path = repo / "clinics" / f"{CLINIC}.yml"
    lines = path.read_text().splitlines()
    with pytest.raises(ProblemsFound) as found:
        load_clinic(path, root=repo)
    assert reported(found.value.problems) == {field: what for field, _, _, what in PLACEHOLDERS}
    for problem in found.value.problems:
        (field, written, _, _) = next(p for p in PLACEHOLDERS if p[0] == problem.field)
        assert written.strip().split(": ", 1)[1].rstrip("}") in lines[problem.line - 1], problem


def test_publishing_a_clinic_with_placeholders_is_refused_and_writes_no_gh_pages(repo):
    result = run_careguide("publish", "--edition", edition(repo), "--clinic", CLINIC, root=repo, env=GIT_ENV)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"clinics/{CLINIC}.yml:" in result.stderr and "is a fictional 555-01xx number" in result.stderr
    assert git(repo, "rev-parse", "--verify", "--quiet", "gh-pages", check=False).strip() == ""


def test_each_placeholder_is_accepted_once_replaced_then_the_clinic_is_ready_and_publishes(repo):
    path = repo / "clinics" / f"{CLINIC}.yml"
    left = {field for field, *_ in PLACEHOLDERS}
    for field, written, replacement, _ in PLACEHOLDERS:
        assert written in path.read_text(), field
        path.write_text(path.read_text().replace(written, replacement, 1))
        left.discard(field)
        to_do, _ = go_live_checklist(path, root=repo)
        assert set(reported(to_do)) == left, field

    checklist = run_careguide("check", "--go-live", str(path), root=repo)
    assert checklist.returncode == 0, checklist.stdout
    assert checklist.stdout.splitlines() == [
        f"## Going live: {path}",
        "Ready to go live: nothing of the template or the examples is left.",
        "Also to do (the build does not stop for these):",
        "- [ ] mkdocs.yml:15:1: edit_uri: https://github.com/example/careguide/edit/main/docs/ is the template's "
        "repository (editors' previews open it); point it at your own, like "
        "https://github.com/your-account/your-repository/edit/main/docs/",
        "Every clinic is ready to go live.",
    ]
    commit_all(repo, "our clinic's own details")
    result = run_careguide("publish", "--edition", edition(repo), "--clinic", CLINIC, root=repo, env=GIT_ENV)
    assert result.returncode == 0, result.stderr
    page = git(repo, "show", f"gh-pages:{CLINIC}/{edition(repo)}/contact/index.html")
    assert "410-234-5678" in page and "Harbor Point Ketamine Clinic" in page and "555-01" not in page


def edition(repo: Path) -> str:
    return re.search(r'^\s+edition:\s*"([^"]+)"', (repo / "mkdocs.yml").read_text(), re.M).group(1)


def test_the_go_live_checklist_of_an_example_clinic_ends_with_setting_example_false(tmp_path):
    project = copy_project(tmp_path / "project")
    result = run_careguide("check", "--go-live", str(project / "clinics/test-baltimore.yml"), root=project)
    items = [line for line in result.stdout.splitlines() if line.startswith("- [ ] clinics/")]
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert items[-1] == (
        "- [ ] clinics/test-baltimore.yml:4:10: example: the site still says this clinic is fictional; "
        "set example: false once everything above is done"
    )
    assert f"{len(items)} thing(s) to do before going live." in result.stdout
    # A real clinic copied from an example names that example, not the template.
    assert "'Example Ketamine Care, Baltimore' is copied from the example clinic clinics/test-baltimore.yml" in result.stdout


@pytest.mark.parametrize(
    ("field", "written", "what"),
    [
        ("site_url", "https://care.example/g/{id}/", "https://care.example/g/{id}/ is on care.example, an address for examples"),
        ("site_url", "https://docs.test/g/{id}/", "https://docs.test/g/{id}/ is on docs.test, an address for examples"),
        ("site_url", "https://www.example.com/{id}/", "https://www.example.com/{id}/ is on www.example.com, an address for examples"),
        ("email", "desk@mail.example.net", "desk@mail.example.net is an example address"),
        ("booking_url", "https://booking.example.org/x", "https://booking.example.org/x is an example address, it leads nowhere"),
        ("email", "front@clinic.invalid", "front@clinic.invalid is an example address"),
        ("name", "Placeholder Infusion Clinic", "'Placeholder Infusion Clinic' is a placeholder"),
        ("locations[0].street", "12 Pretend Lane", "'12 Pretend Lane' is copied from the example clinic clinics/test-annapolis.yml"),
        ("locations[0].street", "9 Make-believe Way", "'9 Make-believe Way' is a placeholder"),
        ("providers[0].name", "Dana  example", "'Dana  example' is copied from the example clinic clinics/test-baltimore.yml"),
        ("providers[0].license.number", "EX42", "EX42 is an invented example license number"),
        ("providers[0].npi", "1000000004", "1000000004 is the made-up NPI of the example clinic clinics/test-annapolis.yml"),
    ],
)
def test_a_real_clinic_refuses_reserved_addresses_placeholder_words_and_example_values(tmp_path, field, written, what):
    project = copy_project(tmp_path / "project")
    path = project / "clinics" / "real.yml"
    data = REAL.replace(f"<{field}>", written.format(id="real"))
    path.write_text(re.sub(r"<[^>]+>", lambda m: DEFAULTS[m.group(0)[1:-1]], data))
    with pytest.raises(ProblemsFound) as found:
        load_clinic(path, root=project)
    assert [(p.field, p.what.startswith(what.format(id="real"))) for p in found.value.problems] == [(field, True)]


def test_a_real_clinic_with_its_own_values_passes_and_keeps_names_like_sample(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "clinics" / "real.yml"
    data = REAL.replace("<providers[0].name>", "Jo Sample")  # a real surname, not a placeholder word
    path.write_text(re.sub(r"<[^>]+>", lambda m: DEFAULTS[m.group(0)[1:-1]], data))
    assert load_clinic(path, root=project).providers[0].name == "Jo Sample"


def test_a_real_clinic_may_not_use_an_example_clinics_logo_under_another_name(tmp_path):
    project = copy_project(tmp_path / "project")
    logos = project / "docs" / "assets" / "logos"
    shutil.copy(logos / "example-baltimore.svg", logos / "ours.svg")
    example = project / "clinics" / "test-baltimore.yml"
    example.write_text(example.read_text() + "logo: assets/logos/example-baltimore.svg\n")
    path = project / "clinics" / "real.yml"
    data = re.sub(r"<[^>]+>", lambda m: DEFAULTS[m.group(0)[1:-1]], REAL) + "logo: assets/logos/ours.svg\n"
    path.write_text(data)
    with pytest.raises(ProblemsFound) as found:
        load_clinic(path, root=project)
    assert [str(p).split(": ", 1)[1] for p in found.value.problems] == [
        "logo: docs/assets/logos/ours.svg is the logo of the example clinic clinics/test-baltimore.yml; "
        "put your own logo under docs/assets/logos/ and point logo at it, or delete the line"
    ]


DEFAULTS = {
    "site_url": "https://harbor-point-care.github.io/careguide/real/",
    "email": "care@harbor-point-care.org",
    "booking_url": "https://harbor-point-care.org/book",
    "name": "Harbor Point Ketamine Clinic",
    "locations[0].street": "410 Light Street",
    "providers[0].name": "Morgan Ellis",
    "providers[0].license.number": "D0098765",
    "providers[0].npi": "1654321987",
}
REAL = """\
id: real
example: false
name: <name>
site_url: <site_url>
phone: "410-234-5678"
after_hours_phone: "410-234-5679"
email: <email>
booking_url: <booking_url>
reviewer: {name: "Morgan Ellis, MD", role: Medical Director, reviewed_on: 2026-11-27}
policies: {monitoring_minutes: 60, escort_required: true, ride_services: with-adult, treatment_schedule: six infusions}
locations:
  - {id: main, name: Main office, street: "<locations[0].street>", city: Baltimore, state: MD, zip: "21201"}
providers:
  - name: <providers[0].name>
    credentials: MD
    role: Anesthesiologist
    locations: [main]
    accepting_new_patients: true
    languages: [English]
    npi: "<providers[0].npi>"
    license: {board: md-physicians, number: <providers[0].license.number>}
    verified_on: 2026-11-20
"""
