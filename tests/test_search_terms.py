"""The lay vocabulary (overrides/careguide/search-terms.yml): editors extend it without code,
and a term that would find nothing stops the build on its line, before anything is built."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from careguide.project import ProjectError, load_project
from careguide import search
from careguide.search import fold
from conftest import ROOT, run_careguide

TERMS = Path("overrides") / "careguide" / "search-terms.yml"


def add_term(project: Path, line: str, language: str = "en") -> int:
    """Insert `line` first under `terms:` in the language's section; its 1-based line number."""
    path = project / TERMS
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index("  terms:", lines.index(f"{language}:")) + 1
    lines.insert(at, line)
    path.write_text("\n".join(lines), encoding="utf-8")
    return at + 1


def build(project: Path, out: Path):
    return run_careguide("build", "--clinic", "test-rockville", "--site-dir", str(out), root=project)


def test_folding_drops_case_accents_and_punctuation_like_the_search_box():
    assert fold("¿Vómito?") == "vomito"
    assert fold("Top-up  infusión") == "top up infusion"


def test_the_bundled_vocabulary_loads_in_both_languages():
    terms = load_project(ROOT).search_terms
    assert terms["en"].terms["puke"] == "vomit"
    assert terms["en"].terms["top up"] == "maintenance"
    assert terms["es"].terms["licor"] == "alcohol"
    assert "can" in terms["en"].ignore and "puedo" in terms["es"].ignore


def test_a_guide_word_that_no_english_page_uses_stops_the_build_on_its_line(project_copy, tmp_path):
    line = add_term(project_copy, "    zebra crossing: [stripes]")
    result = build(project_copy, tmp_path / "site")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{TERMS.as_posix()}:{line}: 'zebra crossing' is on no English page, so the patients' words for it would "
        "find nothing: use a word the pages use (its start is enough: 'vomit' for 'vomiting'), or remove the line"
    )
    assert len(result.stderr.splitlines()) == 2  # the problem, then "Nothing was written"
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_guide_word_only_the_english_pages_use_is_refused_for_spanish(project_copy, tmp_path):
    line = add_term(project_copy, "    headache: [dolor]", "es")
    result = build(project_copy, tmp_path / "site")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith(f"{TERMS.as_posix()}:{line}: 'headache' is on no Spanish page,")


def test_a_guide_word_is_found_by_its_start(project_copy, tmp_path):
    add_term(project_copy, "    dissociat: [spaced]")  # the pages say "dissociation"
    assert load_project(project_copy).search_terms["en"].terms["spaced"] == "dissociat"


def test_a_patient_word_listed_under_two_guide_words_is_refused(project_copy):
    line = add_term(project_copy, "    dreamy: [puke]")  # puke is already vomit's

    with pytest.raises(ProjectError) as refused:
        load_project(project_copy)
    assert str(refused.value).splitlines() == [
        # on vomit's line, just below the new one
        f"{TERMS.as_posix()}:{line + 1}: 'puke' is listed under two guide words (first under 'dreamy'): keep it under one of them"
    ]


# --- the index itself ---------------------------------------------------------------------


@pytest.fixture
def english_site(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site.root / "example-baltimore", site, ignore=shutil.ignore_patterns("es"))
    return site


def index_english(site: Path) -> None:
    project = load_project(ROOT)
    search.write_search_index(site, "en", project.pages["en"], project.search_terms["en"])


def test_a_pagefind_that_stops_answering_fails_the_step_in_one_line_and_is_stopped(english_site, monkeypatch, tmp_path):
    pid_file = tmp_path / "pagefind.pid"
    hung = ["sh", "-c", f'echo $$ > "{pid_file}"; exec sleep 600', "pagefind"]
    monkeypatch.setattr(search, "PAGEFIND", hung)
    monkeypatch.setattr(search, "INDEX_TIMEOUT_SECONDS", 2)
    with pytest.raises(search.SearchIndexFailed) as failed:
        index_english(english_site)
    assert str(failed.value) == f"Pagefind gave no answer in 2 s while indexing {english_site}: build again; if it fails again, report it"
    assert not Path("/proc", pid_file.read_text().strip()).exists()  # killed, not left running


def test_a_pagefind_that_fails_says_why_in_one_line(english_site, monkeypatch):
    # A selector Pagefind's HTML rewriter cannot parse makes it panic on every page.
    monkeypatch.setattr(search, "NOT_INDEXED", [*search.NOT_INDEXED, "#sources ~ *"])
    with pytest.raises(search.SearchIndexFailed) as failed:
        index_english(english_site)
    assert str(failed.value) == (
        f"Pagefind stopped (exit status 101) while indexing {english_site}: "
        "called `Result::unwrap()` on an `Err` value: UnsupportedCombinator('~'): build again; if it fails again, report it"
    )


def test_the_about_pages_reference_list_is_not_searched(built_site):
    # Reviewers' material: its rare words (authors, journals) answered nonsense queries.
    for language in ("en", "es"):
        bundle = built_site.root / "example-baltimore" / ("es" if language == "es" else "") / "pagefind"
        fragments = b"".join(gzip.decompress(path.read_bytes()) for path in (bundle / "fragment").iterdir())
        assert b"Andrashko" not in fragments
        assert b"Anesthesiologists" not in fragments
