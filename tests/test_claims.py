"""The claim rules read what a sentence says: every unsafe sentence of the corpus is caught
in its category, no honest look-alike is flagged, and a finding names the line the
sentence starts on, what it claims and what to write instead."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from careguide.lint import lint_project
from careguide.lint.claims import CATEGORIES, check_text
from careguide.lint.claims.text import sentences

CORPUS = yaml.safe_load((Path(__file__).parent / "claims_corpus.yml").read_text(encoding="utf-8"))


def entries(kind: str) -> list[tuple[str, str, str | None]]:
    """(language, sentence, category) of each corpus entry."""
    return [(language, entry[language], entry.get("category"))
            for entry in CORPUS[kind] for language in ("en", "es") if language in entry]


UNSAFE, HONEST = entries("unsafe"), entries("honest")


def test_corpus_covers_every_category_in_both_languages():
    assert len(UNSAFE) >= 40 and len(HONEST) >= 20
    assert {(language, category) for language, _, category in UNSAFE} == {
        (language, category) for language in ("en", "es") for category in CATEGORIES}
    assert {language for language, _, _ in HONEST} == {"en", "es"}


@pytest.mark.parametrize("language, sentence, category", UNSAFE, ids=[s for _, s, _ in UNSAFE])
def test_unsafe_sentence_is_caught_in_its_category(language, sentence, category):
    assert {claim.rule.category for claim in check_text(sentence, language)} == {category}


@pytest.mark.parametrize("language, sentence, category", HONEST, ids=[s for _, s, _ in HONEST])
def test_honest_look_alike_is_not_flagged(language, sentence, category):
    assert check_text(sentence, language) == []


# --- as an editor meets it: on a page, on its line ------------------------------------

FRONT = "---\ntitle: A page\ndescription: {description}\nlast_reviewed: 2026-11-20\nnext_review: 2027-11-20\n---\n"
EASY = "# A page\n\nRest today. Drink water. Call us if you feel sick.\n"  # lines 7 to 9


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def claims_on(project: Path, body: str, name: str = "page.md", description: str = "A short page.") -> list[str]:
    page = project / "docs" / name
    page.write_text(FRONT.format(description=description) + EASY + body, encoding="utf-8")
    return [str(f) for f in lint_project(project, [page], date(2026, 11, 28)) if f.rule in CATEGORIES]


def test_finding_names_the_line_the_claim_and_what_to_write_instead(project):
    assert claims_on(project, "\nRest well. Ketamine is FDA-approved for depression.\n") == [
        'docs/page.md:11: approval-claim: "Ketamine is FDA-approved for depression." says the FDA approved it for '
        'this use; IV ketamine is off-label: write "Ketamine is not approved by the FDA to treat depression." '
        "(esketamine nasal spray, Spravato, is the approved product)"
    ]


def test_spanish_finding_is_in_spanish(project):
    assert claims_on(project, "\nPuede manejar a casa después de la infusión.\n", name="page.es.md") == [
        'docs/page.es.md:11: safety-rule-contradiction: "Puede manejar a casa después de la infusión." permite manejar '
        'después de una infusión; escriba la regla: "No maneje ni use máquinas por lo menos por 24 horas, y no lo haga '
        'hasta después de dormir toda la noche."'
    ]


def test_sentence_wrapped_over_lines_is_reported_where_it_starts(project):
    body = "\nRest today. Most people can\ndrive home after an\nhour. Drink water.\n"
    assert [f.split(": ")[0] for f in claims_on(project, body)] == ["docs/page.md:11"]
    body = "\nRest today and drink water when\nyou wake. You can\ndrive home after an hour.\n"
    assert [f.split(": ")[0] for f in claims_on(project, body)] == ["docs/page.md:12"]


def test_claims_in_lists_tables_admonitions_and_headings_are_read(project):
    body = (
        "\n## Ketamine cures depression\n\n"  # line 11
        "- Rest.\n- A glass of wine tonight is fine.\n\n"  # 14
        "| Symptom | What to do |\n|---|---|\n| Chest pain | Normal, no need to call |\n\n"  # 18
        '!!! note "Good news"\n    There are no side effects.\n'  # 21
    )
    assert [(f.split(": ")[0], f.split(": ")[1]) for f in claims_on(project, body)] == [
        ("docs/page.md:11", "efficacy-promise"),
        ("docs/page.md:14", "safety-rule-contradiction"),
        ("docs/page.md:18", "emergency-minimised"),
        ("docs/page.md:21", "safety-absolute"),
    ]


def test_pasted_text_is_read_like_typed_text(project):
    pasted = "\nKETAMINE IS COMPLETELY\u00a0SAFE. It\u2019s risk\u00ad-free. Don\u2019t worry.\n"
    assert [f.split(": ")[1] for f in claims_on(project, pasted)] == ["safety-absolute", "safety-absolute"]


def test_front_matter_description_is_read(project):
    found = claims_on(project, "", description="Why ketamine is a cure for depression.")
    assert [f.split(": ")[:2] for f in found] == [["docs/page.md:3", "efficacy-promise"]]


def test_code_is_not_read(project):
    assert claims_on(project, "\n```\nKetamine cures depression.\n```\n") == []


def test_a_clinic_without_an_escort_rule_may_say_so_in_its_own_text():
    for language, sentence in [("en", "You can go home alone, or by taxi."), ("es", "Puede volver sola a casa en taxi.")]:
        assert [c.rule.category for c in check_text(sentence, language, escort_required=False)] == []
        assert {c.rule.category for c in check_text(sentence, language)} == {"safety-rule-contradiction"}
    # Its other rules still hold.
    assert [c.rule.category for c in check_text("You can drive home alone.", "en", escort_required=False)] == [
        "safety-rule-contradiction"]


def test_sentences_split_at_their_ends_not_at_abbreviations():
    text = "See Dr. Example today. It was cleared by the F.D.A. for pain. ¿Puede manejar? no. Vea p. ej. esto"
    assert [s for _, s in sentences(text)] == [
        "See Dr. Example today.", "It was cleared by the F.D.A. for pain.", "¿Puede manejar?", "no.", "Vea p. ej. esto"]
