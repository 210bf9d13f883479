"""Bad input stops the build with a clear message, and never touches a good site."""

from __future__ import annotations

import hashlib
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import run_careguide

SCRIPT_NAME = "<script>alert(1)</script> Clinic"
# Punctuation a careless editor types and Markdown, Jinja and HTML all give meaning to.
PUNCTUATED_NAME = "Smith & O'Neil \"Care\" #1 *Ketamine* Clinic_of_Rockville"
PUNCTUATED_SHOWN = "Smith & O'Neil \"Care\" #1 *Ketamine* Clinic_of_Rockville"


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def rename_clinic(project: Path, yaml_value: str) -> None:
    clinic_file = project / "clinics" / "test-rockville.yml"
    clinic_file.write_text(
        clinic_file.read_text().replace("name: Sample Infusion Center of Rockville", f"name: {yaml_value}")
    )


def test_clinic_name_with_a_script_tag_is_refused_before_anything_is_built(project_copy, tmp_path):
    rename_clinic(project_copy, f'"{SCRIPT_NAME}"')
    out = tmp_path / "site"
    result = run_careguide("build", "--clinic", "test-rockville", "--site-dir", str(out), root=project_copy)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "clinics/test-rockville.yml:5:7: name: this text holds page code ('<s'); clinic values are plain words, "
        "shown exactly as written; write plain words, without <tags>, [links](...), {{ }} or script addresses"
    )
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_clinic_name_with_punctuation_renders_as_the_same_text_everywhere(project_copy, tmp_path):
    rename_clinic(project_copy, "'" + PUNCTUATED_NAME.replace("'", "''") + "'")
    out = tmp_path / "site"
    result = run_careguide("build", "--clinic", "test-rockville", "--site-dir", str(out), root=project_copy)
    assert result.returncode == 0, result.stderr

    pages = list((out / "test-rockville").rglob("*.html"))
    assert pages
    for page in pages:
        soup = BeautifulSoup(page.read_text(), "html.parser")
        assert not soup.find(["em", "strong"], string="Ketamine"), page
        assert not soup.find("em", string="of"), page
    for language_home in ("index.html", "es/index.html"):
        home = BeautifulSoup((out / "test-rockville" / language_home).read_text(), "html.parser")
        assert PUNCTUATED_SHOWN in home.title.get_text(), language_home
        assert PUNCTUATED_SHOWN in home.select_one(".cg-call-bar").get_text(), language_home
        assert home.select_one('meta[property="og:site_name"]')["content"] == PUNCTUATED_SHOWN, language_home
        mark = (out / "test-rockville" / language_home).parent / home.select_one('link[rel="icon"]')["href"]
        assert BeautifulSoup(mark.read_text(), "html.parser").select_one("text").get_text() == "S", language_home


def test_undefined_macro_variable_fails_the_build_naming_the_page(project_copy, tmp_path):
    page = project_copy / "docs" / "faq.md"
    page.write_text(page.read_text() + "\nCall {{ clinic.phnoe }} today.\n")
    result = run_careguide("build", "--clinic", "test-baltimore", "--site-dir", str(tmp_path / "site"), root=project_copy)
    assert result.returncode == 1
    assert "faq.md" in result.stderr
    assert "phnoe" in result.stderr
    assert not (tmp_path / "site" / "test-baltimore").exists()


def test_one_bad_clinic_among_good_ones_leaves_the_existing_site_unchanged(project_copy):
    site = project_copy / "site"
    first = run_careguide("build", "--site-dir", str(site), root=project_copy)
    assert first.returncode == 0, first.stderr
    before = tree_digest(site)

    bad = project_copy / "clinics" / "test-annapolis.yml"
    bad.write_text(bad.read_text().replace('phone: "443-555-0170"', 'phone: "443-555-017"'))
    (project_copy / "docs" / "index.md").write_text((project_copy / "docs" / "index.md").read_text() + "\nNew text.\n")
    result = run_careguide("build", "--site-dir", str(site), root=project_copy)

    assert result.returncode == 1
    assert "clinics/test-annapolis.yml:" in result.stderr and "has 9 digits" in result.stderr
    assert tree_digest(site) == before


def test_a_page_that_breaks_one_clinic_build_publishes_no_clinic(project_copy):
    site = project_copy / "site"
    assert run_careguide("build", "--site-dir", str(site), root=project_copy).returncode == 0
    before = tree_digest(site)

    page = project_copy / "docs" / "how-often.md"
    page.write_text(page.read_text() + "\nSee [the missing page](no-such-page.md).\n")
    result = run_careguide("build", "--site-dir", str(site), root=project_copy)

    assert result.returncode == 1
    assert "no-such-page.md" in result.stderr
    assert "site/ is unchanged" in result.stderr
    assert tree_digest(site) == before
    assert not [p for p in site.iterdir() if p.name.startswith(".staging")]
