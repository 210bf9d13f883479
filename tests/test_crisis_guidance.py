"""The crisis guidance cannot be broken quietly: a phone link that dials another number
than it shows, a deleted 911 or 988 box or link, or a UI string missing in one language
each fail `careguide lint` on the page's line, and the build on what it built."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from careguide.crisis import MACRO_LINKS, link_problem
from careguide.lint import lint_project
from conftest import CLINIC_IDS, ENGINES, run_careguide

HONEST_LINKS = [
    ("tel:911", "911"), ("tel:988", "988"), ("sms:988", "988"), ("tel:+18002221222", "1-800-222-1222"),
    ("tel:+14105550143", "410-555-0143"), ("tel:+14105550143", "(410) 555-0143"), ("tel:711", "Marque el 711"),
    ("sms:988", "envíe un mensaje de texto al 988"),  # the longest the guide links: 32 characters
]
# A sentence made into a phone link: it never wraps (careguide.css), so a phone shows it wider than its screen.
TOO_LONG = "the link text {text!r} is {length} characters, and a phone link never wraps, so on a small phone it would " \
    "make the page wider than the screen: make only the number, or a few words with it (at most 32 characters), the link"
WRONG_LINKS = [
    ("tel:9111", "911", "the link text shows 911 but the link dials 9111: a tel: link must dial the number it shows"),
    ("tel:998", "988", "the link text shows 988 but the link dials 998: a tel: link must dial the number it shows"),
    ("sms:898", "988", "the link text shows 988 but the link dials 898: a sms: link must dial the number it shows"),
    ("tel:+14105550143", "410-555-0134", "the link text shows 4105550134 but the link dials 4105550143: a tel: link must dial the number it shows"),
    ("tel:911", "Call now", "the link text 'Call now' shows no number but the link dials 911: show the number it dials"),
    ("tel:９１１", "911", "the link 'tel:９１１' dials no number: write the number in plain digits 0-9"),
]


@pytest.mark.parametrize(("href", "text"), HONEST_LINKS)
def test_a_phone_link_that_dials_what_it_shows_passes(href, text):
    assert link_problem(href, text) is None


@pytest.mark.parametrize(("href", "text", "said"), WRONG_LINKS)
def test_a_phone_link_that_dials_another_number_is_named(href, text, said):
    assert link_problem(href, text) == said


@pytest.mark.parametrize("href, text", [
    ("sms:988", "envíe un  mensaje de texto al\n988 "),  # spaces and line breaks count once: still 32
    ("sms:988", "Para escribir en español, envíe AYUDA por mensaje de texto al 988"),
    ("tel:+14105550142", "Call us any time at 410-555-0142"),  # 32: fits
    ("tel:+14105550142", "Call us at any hour: 410-555-0142"),  # 33: one too many
])
def test_a_phone_link_longer_than_a_phone_is_wide_is_named(href, text):
    words = " ".join(text.split())
    said = link_problem(href, text)
    assert said == (None if len(words) <= 32 else TOO_LONG.format(text=words, length=len(words)))


def test_lint_names_the_line_of_a_sentence_pasted_into_a_spanish_text_link(project_copy):
    pasted = "envíe la palabra AYUDA en un mensaje de texto al 988"
    edit(project_copy, "index.es.md", "[envíe un mensaje de texto al 988](sms:988)", f"[{pasted}](sms:988)")
    page = (project_copy / "docs/index.es.md").read_text().splitlines()
    line = next(n for n, text in enumerate(page, 1) if "envíe la palabra AYUDA en un" in text)
    assert lint_one(project_copy, "index.es.md") == [
        f"docs/index.es.md:{line}: crisis-link: "
        + TOO_LONG.format(text=pasted, length=len(pasted))
        + "; write it like [911](tel:911)"
    ]


def lint_one(project: Path, page: str) -> list[str]:
    """The crisis findings of one page (the guide-wide rules need every page)."""
    found = lint_project(project, [project / "docs" / page])
    return [str(finding) for finding in found if finding.rule.startswith("crisis-")]


def edit(project: Path, page: str, old: str, new: str) -> None:
    path = project / "docs" / page
    text = path.read_text(encoding="utf-8")
    assert old in text, (page, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_lint_names_the_line_of_a_911_link_that_dials_9111(project_copy):
    edit(project_copy, "faq.md", "call [911](tel:911)", "call [911](tel:9111)")
    line = next(n for n, text in enumerate((project_copy / "docs/faq.md").read_text().splitlines(), 1) if "tel:9111" in text)
    assert lint_one(project_copy, "faq.md") == [
        "docs/faq.md:9: crisis-guidance: this page must keep a link that dials 911 ([911](tel:911)) in every "
        "language: restore it (git log -p docs/faq.md shows what was removed)",
        f"docs/faq.md:{line}: crisis-link: the link text shows 911 but the link dials 9111: "
        "a tel: link must dial the number it shows; write it like [911](tel:911)",
    ]


def test_lint_finds_a_wrong_988_in_a_spanish_html_link(project_copy):
    edit(project_copy, "faq.es.md", "[988](tel:988)", '<a href="tel:998">988</a>')
    assert [f.split(": ", 2)[1] for f in lint_one(project_copy, "faq.es.md")] == ["crisis-guidance", "crisis-link"]


@pytest.mark.parametrize(("page", "old", "what"), [
    ("side-effects.es.md", '!!! call-988 "Llame o envíe un mensaje de texto al 988"', 'the "call or text 988" box (!!! call-988)'),
    ("side-effects.md", '!!! call-911 "Call 911 now"', 'the "call 911" box (!!! call-911)'),
    ("first-24-hours.es.md", '!!! call-911 "Llame al 911 ahora"', 'the "call 911" box (!!! call-911)'),
    ("contact.md", "{{ emergency_numbers() }}", "a link that dials 988 ([988](tel:988))"),
    ("faq.es.md", "[988](tel:988)", "a link that dials 988 ([988](tel:988))"),
])
def test_lint_refuses_a_page_that_lost_its_crisis_guidance(project_copy, page, old, what):
    edit(project_copy, page, old, "Texto." if "!!!" not in old else '!!! note "Nota"')
    findings = [f for f in lint_one(project_copy, page) if ": crisis-guidance: " in f]
    assert len(findings) == 1, findings
    assert findings[0].endswith(
        f"crisis-guidance: this page must keep {what} in every language: restore it "
        f"(git log -p docs/{page} shows what was removed)"
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_the_macros_said_to_carry_crisis_links_do(engine_site, engine):
    # lint/crisis.py trusts MACRO_LINKS for pages that use these macros: the built contact
    # page's emergency box (the macro's output) must hold exactly those links.
    assert MACRO_LINKS == {"emergency_numbers": ("tel:911", "tel:988")}
    for clinic_id in CLINIC_IDS:
        for lang in ("en", "es"):
            soup = BeautifulSoup(engine_site(engine).page(clinic_id, "contact.md", lang).read_text(), "html.parser")
            box = soup.select_one(".cg-page-body .cg-emergency")
            assert {a["href"] for a in box.select("a")} >= set(MACRO_LINKS["emergency_numbers"]), (clinic_id, lang)


def test_a_template_link_that_dials_the_wrong_number_stops_the_build(project_copy, tmp_path):
    bar = project_copy / "overrides/partials/careguide/call-bar.html"
    bar.write_text(bar.read_text().replace('<a href="tel:911">911</a>', '<a href="tel:912">911</a>'))
    result = run_careguide("build", "--clinic", "test-baltimore", "--site-dir", str(tmp_path / "out"), root=project_copy)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "test-baltimore: build failed: docs/index.md: the link text shows 911 but the link dials 912: a tel: link "
        "must dial the number it shows (in the built page: check the templates and strings.yml)"
    )


def test_a_ui_string_that_makes_a_phone_link_too_long_stops_the_build(project_copy, tmp_path):
    # The Spanish sentence this project once linked whole, back in strings.yml: the built check
    # sees what templates and strings make of the pages, where the pages' lint cannot.
    strings = project_copy / "overrides/careguide/strings.yml"
    sentence = "Para escribir en español, envíe AYUDA por mensaje de texto al 988"
    strings.write_text(strings.read_text(encoding="utf-8").replace('text_988: "envíe AYUDA al 988"', f'text_988: "{sentence}"'), encoding="utf-8")
    result = run_careguide("build", "--clinic", "test-baltimore", "--site-dir", str(tmp_path / "out"), root=project_copy)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "test-baltimore: build failed: docs/index.es.md: " + TOO_LONG.format(text=sentence, length=len(sentence))
        + " (in the built page: check the templates and strings.yml)"
    )


def test_a_spanish_page_without_its_988_box_stops_the_build(project_copy, tmp_path):
    edit(project_copy, "side-effects.es.md", "!!! call-988", "!!! note")
    result = run_careguide("build", "--clinic", "test-baltimore", "--site-dir", str(tmp_path / "out"), root=project_copy)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        'test-baltimore: build failed: docs/side-effects.es.md: the built page lacks the "call or text 988" box '
        "(!!! call-988): this page must give the crisis guidance in every language; restore it "
        "(git log -p on the page shows what was removed)"
    )


def test_a_ui_string_missing_in_spanish_stops_the_build_naming_the_key(project_copy, tmp_path):
    strings = project_copy / "overrides/careguide/strings.yml"
    text = strings.read_text(encoding="utf-8")
    spanish_at = text.index("\nes:")
    spanish = text[spanish_at:]
    line = next(l for l in spanish.splitlines() if l.strip().startswith("call_911:"))
    strings.write_text(text[:spanish_at] + spanish.replace(line + "\n", "", 1), encoding="utf-8")
    section = text[: spanish_at + 1].count("\n") + 1
    result = run_careguide("build", "--clinic", "test-baltimore", "--site-dir", str(tmp_path / "out"), root=project_copy)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"overrides/careguide/strings.yml:{section}: es: the key emergency.call_911 is missing: "
        "every language needs the same keys; add it in Spanish"
    )
    assert "Traceback" not in result.stderr
