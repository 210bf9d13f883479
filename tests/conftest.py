"""Shared fixtures: the real project, built once per test session."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from careguide.clinic_file import load_clinic
from careguide.model import Clinic

ROOT = Path(__file__).resolve().parent.parent
CAREGUIDE = [sys.executable, "-m", "careguide.cli"]
CLINIC_IDS = sorted(p.stem for p in (ROOT / "clinics").glob("*.yml"))
# The English pages (docs/NAME.md); each has a Spanish twin docs/NAME.es.md (mkdocs-static-i18n,
# suffix structure), built into <clinic>/es/.
PAGES = sorted(
    p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").glob("**/*.md") if not p.stem.endswith(".es")
)
ES_PAGES = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").glob("**/*.es.md"))
LANGUAGES = ("en", "es")


def page_url_path(page: str, lang: str = "en") -> str:
    """docs/side-effects.md -> side-effects/index.html (use_directory_urls); lang "es" -> es/side-effects/index.html.

    `page` may also be the Spanish file name (side-effects.es.md), which lands in es/.
    """
    stem = page[: -len(".md")]
    if stem.endswith(".es"):
        stem, lang = stem[: -len(".es")], "es"
    path = "index.html" if stem == "index" else f"{stem}/index.html"
    return path if lang == "en" else f"{lang}/{path}"


def squash(text: str) -> str:
    """Text with every run of white space (line breaks of a PDF or HTML) as one space."""
    return re.sub(r"\s+", " ", text).strip()


def run_careguide(*args: str, root: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CAREGUIDE, "--root", str(root), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


@dataclass(frozen=True)
class BuiltSite:
    root: Path  # holds <clinic-id>/ folders and index.html

    def clinic(self, clinic_id: str) -> Path:
        return self.root / clinic_id

    def page(self, clinic_id: str, page: str, lang: str = "en") -> Path:
        return self.root / clinic_id / page_url_path(page, lang)


ENGINES = ("mkdocs", "zensical")  # every engine `careguide build --engine` supports


@pytest.fixture(scope="session")
def engine_site(tmp_path_factory):
    """Every bundled clinic built afresh (--no-cache) with an engine, once per engine and session: engine_site("zensical")."""
    sites: dict[str, BuiltSite] = {}

    def site(engine: str) -> BuiltSite:
        if engine not in sites:
            out = tmp_path_factory.mktemp(f"site-{engine}")
            result = run_careguide("build", "--no-cache", "--engine", engine, "--site-dir", str(out))
            assert result.returncode == 0, result.stdout + result.stderr
            sites[engine] = BuiltSite(out)
        return sites[engine]

    return site


@pytest.fixture(scope="session")
def built_site(engine_site) -> BuiltSite:
    """Every bundled clinic, built once with `careguide build` (MkDocs with Material), shared by all tests."""
    return engine_site("mkdocs")


def parse_pages(site: BuiltSite) -> dict[tuple[str, str, str], BeautifulSoup]:
    return {
        (clinic_id, page, lang): BeautifulSoup(site.page(clinic_id, page, lang).read_text(), "html.parser")
        for clinic_id in CLINIC_IDS
        for page in PAGES
        for lang in LANGUAGES
    }


@cache
def bundled_clinic(clinic_id: str) -> Clinic:
    """A bundled clinic file, read through the clinic model (as the build reads it)."""
    return load_clinic(ROOT / "clinics" / f"{clinic_id}.yml", root=ROOT)


@pytest.fixture(scope="session")
def page_soups(built_site) -> dict[tuple[str, str, str], BeautifulSoup]:
    """Every built page of every clinic in both languages, parsed once: (clinic_id, page, lang) -> soup."""
    return parse_pages(built_site)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright: one browser for the whole session (Playwright's
    sync API allows one running instance per thread)."""
    from playwright.sync_api import sync_playwright

    from browser_checks import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


FIXTURE_CLINICS = ROOT / "tests" / "fixture_clinics"


def copy_project(target: Path) -> Path:
    """A private copy of the project to break on purpose: its content, templates and config,
    with the test clinics of tests/fixture_clinics/ (test-baltimore, test-rockville,
    test-annapolis) instead of the bundled ones, which a clinic's fork replaces."""
    for name in ("docs", "overrides", "macros"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copytree(FIXTURE_CLINICS, target / "clinics")
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def insert_lines(project, page: str, before: int, *texts: str) -> int:
    """Put `texts` into a page so the first of them is the file's line `before`; that line."""
    path = project / "docs" / page
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines[: before - 1], *texts, *lines[before - 1 :]]) + "\n", encoding="utf-8")
    return before


@pytest.fixture
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")
