"""What the pipeline promises about its inputs: each clinic file is read once and never
again, the project's own print style is the one the handout uses, and the Spanish handout
gets the Spanish fallbacks the Spanish site gets."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from careguide import cli, signoff, yamlsource
from careguide.clinic_file import load_clinics
from careguide.pdf import PDF_NAME
from conftest import ROOT

POINTS_PER_MM = 72 / 25.4


def build(project: Path, out: Path, *args: str) -> int:
    return cli.main(["--root", str(project), "build", "--site-dir", str(out), *args])


def test_each_clinic_file_is_read_once_and_the_build_never_needs_it_again(project_copy, tmp_path, monkeypatch):
    reads = tmp_path / "reads.log"  # a file, so a read in a worker process would count too
    real_load = yamlsource.load

    def counted_load(path, name):
        with open(reads, "a", encoding="utf-8") as log:
            log.write(f"{Path(path).name}\n")
        return real_load(path, name)

    real_build = cli.build_clinics

    def build_with_the_clinic_files_gone(clinics, root, *args, **kwargs):
        shutil.move(root / "clinics", tmp_path / "clinics-moved-away")  # a later re-read fails loudly
        return real_build(clinics, root, *args, **kwargs)

    monkeypatch.setattr(yamlsource, "load", counted_load)
    monkeypatch.setattr(cli, "build_clinics", build_with_the_clinic_files_gone)
    assert build(project_copy, tmp_path / "out") == 0
    assert sorted(reads.read_text().splitlines()) == ["test-annapolis.yml", "test-baltimore.yml", "test-rockville.yml"]
    assert (tmp_path / "out" / "test-rockville" / "es" / PDF_NAME).is_file()


def test_the_checks_of_every_clinic_read_the_project_once(project_copy, monkeypatch):
    # The sign-off and credential checks need the pages' review dates and strings.yml; read
    # once a clinic, a network of 200 read the whole guide 200 times before building it.
    loads = []
    real_load_project = signoff.load_project
    monkeypatch.setattr(signoff, "load_project", lambda root: loads.append(root) or real_load_project(root))
    clinics = load_clinics(sorted((project_copy / "clinics").glob("*.yml")), root=project_copy)
    assert [clinic.id for clinic in clinics] == ["test-annapolis", "test-baltimore", "test-rockville"]
    assert loads == [project_copy]


def test_a_forks_own_print_css_sets_the_handouts_page_size(project_copy, tmp_path):
    style = project_copy / "overrides" / "careguide" / "print.css"
    text = style.read_text(encoding="utf-8")
    assert "size: letter;" in text
    style.write_text(text.replace("size: letter;", "size: A4;", 1), encoding="utf-8")
    assert build(project_copy, tmp_path / "out", "--clinic", "test-baltimore") == 0
    for folder in ("", "es/"):
        reader = PdfReader(tmp_path / "out" / "test-baltimore" / folder / PDF_NAME)
        box = reader.pages[0].mediabox
        assert (round(float(box.width) / POINTS_PER_MM), round(float(box.height) / POINTS_PER_MM)) == (210, 297), folder
    # The package's own checkout is not where the style came from.
    assert "size: letter;" in (ROOT / "overrides" / "careguide" / "print.css").read_text(encoding="utf-8")


def test_a_spanish_handout_shows_the_spanish_fallback_where_a_clinic_lacks_a_spanish_role(project_copy, tmp_path):
    clinic = project_copy / "clinics" / "test-rockville.yml"
    text = clinic.read_text(encoding="utf-8")
    clinic.write_text(text.replace(", role_es: Jefa clínica", "", 1), encoding="utf-8")
    assert build(project_copy, tmp_path / "out", "--clinic", "test-rockville") == 0
    fallback = yaml.safe_load((project_copy / "overrides/careguide/strings.yml").read_text())["es"]["missing"]["role_es"]
    pdf_text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "out" / "test-rockville" / "es" / PDF_NAME).pages)
    pdf_text = re.sub(r"\s+", " ", pdf_text)
    assert "Morgan Sample, DO" in pdf_text
    assert fallback in pdf_text
    assert "Clinical Lead" not in pdf_text
    site_page = (tmp_path / "out" / "test-rockville" / "es" / "about" / "index.html").read_text(encoding="utf-8")
    assert fallback in site_page and "Clinical Lead" not in site_page
