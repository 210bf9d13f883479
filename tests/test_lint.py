"""`careguide lint`: each content rule fails on a small page with one mistake and passes
on its corrected twin, naming the file, the line, the rule and what to do."""

from __future__ import annotations

import shutil
import socket
import subprocess
from datetime import date
from pathlib import Path

import pytest
from conftest import CAREGUIDE, ROOT, run_careguide

from careguide.lint import Finding, lint_project
from careguide.lint.claims import CATEGORIES
from careguide.lint.findings import WARNING

TODAY = date(2026, 11, 28)

FRONT = """\
---
title: A page
last_reviewed: 2026-11-20
next_review: 2027-11-20
---
"""
# The body of every fixture starts on line 6, with the H1.
EASY = "# A page\n\nRest today. Drink water. Call us if you feel sick.\n"


@pytest.fixture
def project(tmp_path) -> Path:
    """An empty project: the real mkdocs.yml, no pages yet."""
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def lint(project: Path, body: str, front: str = FRONT, name: str = "page.md", today: date = TODAY) -> list[Finding]:
    page = project / "docs" / name
    page.write_text(front + body, encoding="utf-8")
    return lint_project(project, [page], today)


def by_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def only(findings: list[Finding], rule: str) -> Finding:
    matching = by_rule(findings, rule)
    assert len(matching) == 1, "\n".join(map(str, findings))
    return matching[0]


# --- the bundled guide ---------------------------------------------------------------


def test_bundled_guide_passes_every_rule_today():
    result = run_careguide("lint")
    assert result.returncode == 0, result.stderr
    pages = len(list((ROOT / "docs").glob("**/*.md")))  # every language
    assert f"{pages} page(s), 0 error(s)" in result.stderr


def test_bundled_guide_passes_without_network(monkeypatch):
    """textstat 0.7.3 counts syllables with pyphen: no download of NLTK's cmudict."""

    def refuse(*args, **kwargs):
        raise AssertionError("careguide lint tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    errors = [f for f in lint_project(ROOT, today=TODAY) if f.is_error]
    assert errors == []


# --- reading level -------------------------------------------------------------------

HARD = (
    "Intravenous ketamine administration necessitates comprehensive physiological monitoring, "
    "particularly regarding cardiovascular parameters, considering documented hypertensive complications.\n\n"
    "Pharmacological interactions involving benzodiazepines, opioid analgesics, or alcohol consumption "
    "substantially potentiate sedation, respiratory depression, and psychomotor impairment.\n\n"
    "Rest today.\n"
)


def test_reading_level_above_8_fails_naming_grade_and_hardest_sentences(project):
    finding = only(lint(project, "# A page\n\n" + HARD), "reading-level")
    assert (finding.file, finding.line, finding.is_error) == ("docs/page.md", 6, True)
    assert "reads at grade" in finding.message and "above the limit of 8" in finding.message
    assert 'line 8 (grade' in finding.message and '"Intravenous ketamine administration' in finding.message
    assert 'line 10 (grade' in finding.message and '"Pharmacological interactions' in finding.message


def test_reading_level_between_6_and_8_warns_without_failing(project):
    body = (
        "# A page\n\nYour care team will review your progress regularly and discuss possible changes.\n\n"
        "Tell them about any unusual feelings, like nightmares.\n"
    )
    finding = only(lint(project, body), "reading-level")
    assert finding.severity == WARNING and finding.line == 6
    assert "the aim is grade 6 or below" in finding.message


def test_reading_level_of_plain_page_passes(project):
    assert by_rule(lint(project, EASY), "reading-level") == []


def test_list_items_count_as_sentences(project):
    items = "".join(f"- {word} pills and other drugs that make you sleepy\n" for word in ("sleeping", "pain", "allergy"))
    items *= 4
    assert by_rule(lint(project, "# A page\n\nAvoid these:\n\n" + items), "reading-level") == []


def test_headings_code_and_jinja_are_not_read(project):
    body = (
        "# Pharmacokinetic considerations regarding intravenous administration\n\n"
        "Rest today. {{ clinic.policies.treatment_schedule }} Call us if you feel sick.\n\n"
        "```\nconfiguration: intravenous-pharmacological-considerations-documentation\n```\n"
    )
    assert by_rule(lint(project, body), "reading-level") == []


def test_references_under_sources_heading_are_exempt(project):
    sources = (
        "## Sources\n\n"
        "- Sanacora G, Frye MA, McDonald W, et al. A consensus statement on the use of ketamine in the "
        "treatment of mood disorders. JAMA Psychiatry. 2017;74(4):399-405.\n"
        "- Cohen SP, Bhatia A, Buvanendran A, et al. Consensus guidelines on the use of intravenous ketamine "
        "infusions for chronic pain from the American Society of Regional Anesthesia and Pain Medicine.\n"
    )
    assert by_rule(lint(project, EASY + "\n" + sources), "reading-level") == []
    under_other_heading = sources.replace("## Sources", "## More reading")
    assert by_rule(lint(project, EASY + "\n" + under_other_heading), "reading-level") != []


def test_page_may_raise_its_limit_only_with_a_written_reason(project):
    raised = FRONT.replace("---\n", "---\nreading_grade: {max: 35, reason: \"drug names cannot be simpler\"}\n", 1)
    finding = only(lint(project, "# A page\n\n" + HARD, front=raised), "reading-level")
    assert finding.severity == WARNING

    no_reason = FRONT.replace("---\n", "---\nreading_grade: {max: 35}\n", 1)
    findings = by_rule(lint(project, "# A page\n\n" + HARD, front=no_reason), "reading-level")
    assert [(f.line, f.is_error) for f in findings] == [(2, True), (7, True)]
    assert "without a written reason" in findings[0].message
    assert "above the limit of 8" in findings[1].message


def test_spanish_page_is_measured_with_fernandez_huerta_not_english_grades(project):
    easy = "# Una página\n\nDescanse hoy. Beba agua. Llámenos si se siente mal.\n"
    assert by_rule(lint(project, easy, name="page.es.md"), "reading-level") == []
    hard = (
        "# Una página\n\nLa administración intravenosa de ketamina necesita una monitorización fisiológica "
        "exhaustiva, particularmente de los parámetros cardiovasculares, considerando complicaciones "
        "hipertensivas documentadas.\n"
    )
    finding = only(lint(project, hard, name="page.es.md"), "reading-level")
    assert (finding.file, finding.line, finding.is_error) == ("docs/page.es.md", 6, True)
    assert "reading ease (Fernández-Huerta) is" in finding.message and "below the minimum of 60" in finding.message
    assert 'line 8 (ease' in finding.message


# --- review dates --------------------------------------------------------------------


def test_review_dates_missing_fails_on_line_1(project):
    findings = by_rule(lint(project, EASY, front="---\ntitle: A page\n---\n"), "review-dates")
    assert [(f.file, f.line) for f in findings] == [("docs/page.md", 1)] * 2
    assert "no last_reviewed" in findings[0].message and "no next_review" in findings[1].message


def test_review_date_that_is_not_a_date_fails_on_its_line(project):
    front = FRONT.replace("2027-11-20", "2027-13-01")
    finding = only(lint(project, EASY, front=front), "review-dates")
    assert finding.line == 4
    assert finding.message == "next_review '2027-13-01' is not a real date; write it as YYYY-MM-DD, like 2026-11-20"


def test_next_review_more_than_36_months_after_last_fails(project):
    finding = only(lint(project, EASY, front=FRONT.replace("2027-11-20", "2029-11-21")), "review-dates")
    assert finding.line == 4 and finding.is_error
    assert "more than 36 months after last_reviewed 2026-11-20; set it to 2029-11-20 or earlier" in finding.message
    assert by_rule(lint(project, EASY, front=FRONT.replace("2027-11-20", "2029-11-20")), "review-dates") == []


def test_overdue_review_fails(project):
    finding = only(lint(project, EASY, today=date(2027, 11, 21)), "review-dates")
    assert (finding.line, finding.is_error) == (4, True)
    assert "was due on 2027-11-20 and is overdue (today is 2027-11-21)" in finding.message


def test_review_due_within_60_days_warns(project):
    finding = only(lint(project, EASY, today=date(2027, 9, 22)), "review-dates")
    assert (finding.line, finding.severity) == (4, WARNING)
    assert "due on 2027-11-20, in 59 days" in finding.message
    assert by_rule(lint(project, EASY, today=date(2027, 9, 20)), "review-dates") == []


# --- claims --------------------------------------------------------------------------


# The claim rules themselves are tested over a corpus in test_claims.py; here, that a
# claim is a lint finding like any other.


@pytest.mark.parametrize(
    "sentence, rule",
    [
        ("Ketamine is a cure for depression.", "efficacy-promise"),
        ("Relief is guaranteed.", "efficacy-promise"),
        ("Many call it a miracle drug.", "efficacy-promise"),
        ("The infusion is 100% safe.", "safety-absolute"),
        ("Ketamine is FDA-approved for depression.", "approval-claim"),
    ],
)
def test_claim_fails_on_its_line(project, sentence, rule):
    finding = only(lint(project, EASY + "\n" + sentence + "\n"), rule)
    assert (finding.file, finding.line, finding.is_error) == ("docs/page.md", 10, True)
    assert finding.message.startswith(f'"{sentence}"')


@pytest.mark.parametrize(
    "sentence",
    [
        "Ketamine is not a cure.",
        "Is ketamine a cure?",
        "Ketamine is not approved by the FDA to treat depression.",
        "The FDA has approved esketamine for treatment-resistant depression.",
        "No treatment is 100% safe.",
    ],
)
def test_honest_statement_is_not_a_claim(project, sentence):
    assert [f for f in lint(project, EASY + "\n" + sentence + "\n") if f.rule in CATEGORIES] == []


def test_missing_required_statements_fail_on_the_overview_page(project):
    findings = by_rule(lint(project, EASY, name="index.md"), "required-statement")
    assert [(f.file, f.line) for f in findings] == [("docs/index.md", 1)] * 3
    messages = " | ".join(f.message for f in findings)
    assert "no page of the guide gives the off-label statement" in messages
    assert "the escort rule (someone must take you home)" in messages
    assert "the driving rule (no driving for 24 hours)" in messages
    assert 'add to docs/first-24-hours.md: "Someone else must take you home."' in messages


def test_required_statements_present_pass(project):
    body = EASY + (
        "\nUsing ketamine for depression is called off-label use.\n\nSomeone else must take you home.\n\n"
        "Do not drive for at least 24 hours.\n"
    )
    assert by_rule(lint(project, body, name="index.md"), "required-statement") == []


FACIL = "# Una página\n\nDescanse hoy. Tome agua. Llámenos si se siente mal.\n"


@pytest.mark.parametrize(
    "sentence, rule",
    [
        ("La ketamina cura la depresión.", "efficacy-promise"),
        ("El alivio está garantizado.", "efficacy-promise"),
        ("Es un medicamento milagroso.", "efficacy-promise"),
        ("La infusión es 100 % segura.", "safety-absolute"),
        ("Está aprobada por la FDA para la depresión.", "approval-claim"),
    ],
)
def test_spanish_claim_fails_on_its_line(project, sentence, rule):
    finding = only(lint(project, FACIL + "\n" + sentence + "\n", name="page.es.md"), rule)
    assert (finding.file, finding.line) == ("docs/page.es.md", 10)
    assert finding.message.startswith(f'"{sentence}"')


@pytest.mark.parametrize(
    "sentence",
    [
        "La ketamina no es una cura.",
        "¿La ketamina es una cura?",
        "La ketamina no está aprobada por la FDA para tratar la depresión.",
        "Ningún tratamiento es 100 % seguro, ni siquiera este.",
    ],
)
def test_spanish_honest_statement_is_not_a_claim(project, sentence):
    assert [f for f in lint(project, FACIL + "\n" + sentence + "\n", name="page.es.md") if f.rule in CATEGORIES] == []


def test_english_claim_words_do_not_trip_spanish_pages(project):
    # "cure" is English; a Spanish page naming the English term in passing is not a claim
    assert [f for f in lint(project, FACIL + "\nEn inglés se dice *cure*.\n", name="page.es.md")
            if f.rule in CATEGORIES] == []


def test_each_language_must_give_the_required_statements(project):
    english = (
        "\nUsing ketamine for depression is called off-label use.\n\nSomeone else must take you home.\n\n"
        "Do not drive for at least 24 hours.\n"
    )
    (project / "docs" / "index.md").write_text(FRONT + EASY + english, encoding="utf-8")
    spanish = project / "docs" / "index.es.md"
    spanish.write_text(FRONT + FACIL, encoding="utf-8")
    findings = by_rule(lint_project(project, [project / "docs" / "index.md", spanish], TODAY), "required-statement")
    assert [(f.file, f.line) for f in findings] == [("docs/index.es.md", 1)] * 3
    assert "Otra persona tiene que llevarle a casa." in " | ".join(f.message for f in findings)


# --- structure -----------------------------------------------------------------------


def test_second_h1_fails(project):
    finding = only(lint(project, EASY + "\n# Another title\n"), "single-h1")
    assert finding.line == 10
    assert finding.message == '"# Another title" is a second H1; a page has one. Use "## Another title" for a section'


def test_page_without_h1_fails(project):
    assert only(lint(project, "## Section\n\nRest today.\n"), "single-h1").message.startswith("the page has no title")


def test_skipped_heading_level_fails(project):
    finding = only(lint(project, EASY + "\n## Section\n\n#### Detail\n"), "heading-order")
    assert finding.line == 12
    assert finding.message.startswith('"#### Detail" skips from H2 to H4; use ###')
    assert by_rule(lint(project, EASY + "\n## Section\n\n### Detail\n\n## Next\n"), "heading-order") == []


def test_image_without_alt_text_fails(project):
    findings = by_rule(lint(project, EASY + '\n![](assets/map.png)\n\n<img src="assets/logo.svg">\n'), "image-alt")
    assert [f.line for f in findings] == [10, 12]
    assert "the image assets/map.png has no alt text" in findings[0].message
    assert by_rule(lint(project, EASY + '\n![Map of the clinic](assets/map.png)\n\n<img src="a.svg" alt="Logo">\n'),
                   "image-alt") == []


@pytest.mark.parametrize(
    "link, why",
    [
        ("[click here](side-effects.md)", 'link text "click here"'),
        ("[here](side-effects.md)", 'link text "here"'),
        ("[https://988lifeline.org](https://988lifeline.org)", "bare address (https://988lifeline.org)"),
        ("[988lifeline.org](https://988lifeline.org)", "bare address (988lifeline.org)"),
        ("<https://988lifeline.org>", "<https://988lifeline.org> shows a bare address"),
    ],
)
def test_vague_or_bare_link_text_fails(project, link, why):
    finding = only(lint(project, EASY + f"\nFor more, see {link}.\n"), "link-text")
    assert finding.line == 10 and why in finding.message


def test_descriptive_link_text_passes(project):
    body = EASY + "\nRead about [side effects](side-effects.md). Call [911](tel:911).\n"
    assert by_rule(lint(project, body), "link-text") == []


# --- macros --------------------------------------------------------------------------


def test_misspelt_macro_fails_on_its_line_with_a_suggestion(project):
    finding = only(lint(project, EASY + "\nCall us at {{ clinc_phone() }}.\n"), "unknown-macro")
    assert (finding.file, finding.line) == ("docs/page.md", 10)
    assert finding.message.startswith("`clinc_phone` is not a macro or variable of this project; "
                                      "did you mean `clinic_phone`?")


def test_a_macro_printed_without_brackets_fails_on_its_line(project):
    finding = only(lint(project, EASY + "\nCall us at {{ clinic_phone }} or {{ clinic_phone() }}.\n"), "macro-not-called")
    assert (finding.file, finding.line) == ("docs/page.md", 10)
    assert finding.message == "`{{ clinic_phone }}` prints the macro itself, not what it makes; write `{{ clinic_phone() }}`"


def test_an_optional_clinic_value_printed_outside_an_if_fails_on_its_line(project):
    body = EASY + "\nWrite to {{ clinic.email }}.\n\n{% if clinic.email %}Or {{ clinic.email }}.{% endif %}\n"
    finding = only(lint(project, body), "optional-value")
    assert (finding.file, finding.line) == ("docs/page.md", 10)
    assert finding.message == (
        "`clinic.email` is optional: a clinic that leaves it out would stop the build; print it only inside "
        "`{% if clinic.email %} ... {% endif %}`"
    )


def test_a_value_inside_an_if_on_its_parent_or_a_filled_spanish_value_passes(project):
    body = EASY + (
        "\n{% if clinic.translation_review %}{{ clinic.translation_review.name }}{% endif %}"
        " {{ clinic.reviewer.role_es }} {{ clinic.policies.treatment_schedule_es }}\n"
    )
    assert by_rule(lint(project, body), "optional-value") == []


def test_misspelt_clinic_field_fails_on_its_line(project):
    body = EASY + "\nText.\n\nCall {{ clinic.phnoe }} or wait {{ clinic.policies.monitoring_minuts }} minutes.\n"
    findings = by_rule(lint(project, body), "unknown-field")
    assert [f.line for f in findings] == [12, 12]
    assert findings[0].message.startswith("`clinic.phnoe` is not a field of the clinic file; did you mean `clinic.phone`?")
    assert findings[1].message.startswith(
        "`clinic.policies.monitoring_minuts` is not a field of the clinic file; "
        "did you mean `clinic.policies.monitoring_minutes`?"
    )


def test_attribute_of_a_list_fails(project):
    finding = only(lint(project, EASY + "\n{{ clinic.locations.name }}\n"), "unknown-field")
    assert finding.message.startswith("`clinic.locations` is a list")


def test_broken_jinja_fails_on_its_line(project):
    finding = only(lint(project, EASY + "\nText {{ clinic.name + }}.\n\nMore text.\n"), "jinja-syntax")
    assert str(finding) == (
        "docs/page.md:10: jinja-syntax: unexpected 'end of print statement'; "
        "check the {{ }} and {% %} on this line are complete and closed"
    )


NEVER_CLOSED_IF = "this {% if %} is never closed: add {% endif %} where its part ends"


def test_an_if_left_open_fails_where_it_opens_not_at_the_end_of_the_page(project):
    # Jinja itself notices only at the page's last line that the if was never closed.
    finding = only(lint(project, EASY + "\n{% if clinic.email %}Email us.\n\nMore text.\n\nThe end.\n"), "jinja-syntax")
    assert str(finding) == f"docs/page.md:10: jinja-syntax: {NEVER_CLOSED_IF}"


def test_an_end_tag_that_closes_nothing_fails_on_its_line_in_a_spanish_page(project):
    finding = only(lint(project, EASY + "\nTexto.\n\nLlámenos.{% endfor %}\n\nFin.\n", name="page.es.md"), "jinja-syntax")
    assert str(finding) == (
        "docs/page.es.md:12: jinja-syntax: {% endfor %} closes nothing: remove it, or add the {% for %} it belongs to"
    )


def test_an_if_left_open_inside_a_closed_for_fails_on_the_if_line(project):
    body = EASY + "\n{% for location in clinic.locations %}\n{% if location.city %}{{ location.city }}\n{% endfor %}\n"
    finding = only(lint(project, body), "jinja-syntax")
    assert str(finding) == f"docs/page.md:11: jinja-syntax: {NEVER_CLOSED_IF}"


def test_block_tags_in_raw_text_and_comments_are_not_counted(project):
    body = EASY + "\n{% raw %}{% if %}{% endraw %} {# {% endfor %} #} {% set note %}x{% endset %}{{ note }}\n"
    assert by_rule(lint(project, body), "jinja-syntax") == []


def test_every_project_macro_and_variable_passes(project):
    body = EASY + (
        "\n{{ clinic_phone() }} {{ after_hours_phone() }} {{ contact_card() }} {{ emergency_numbers() }}\n"
        "{{ provider_listing() }} {{ edition }} {{ clinic.reviewer.name }} {{ clinic.locations[0].city }}\n"
        "{% set note = clinic.policies.eating_and_drinking %}{{ note }} {{ page.title }} {{ title }}\n"
        "{% for location in clinic.locations %}{{ location.name }}{% endfor %}\n"
    )
    findings = lint(project, body)
    assert [f for f in findings if f.rule in ("unknown-macro", "unknown-field", "jinja-syntax")] == []


# --- the command ---------------------------------------------------------------------


def _bad_project(project: Path) -> Path:
    # Not index.md: the home page must also carry the crisis links, which are tested on their own.
    (project / "docs" / "a-page.md").write_text(
        FRONT + EASY + "\nKetamine is a miracle. Someone else must take you home.\n"
        "Do not drive for 24 hours. It is used off-label.\n",
        encoding="utf-8",
    )
    return project


def test_command_reports_path_line_rule_and_fails(project):
    result = run_careguide("lint", "--today", "2026-11-28", root=_bad_project(project))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        'docs/a-page.md:10: efficacy-promise: "Ketamine is a miracle." calls it a miracle; describe what it does in plain words'
    )
    assert "1 page(s), 1 error(s), 0 warning(s)" in result.stderr
    assert result.stdout == ""  # annotations only under GitHub Actions


def test_command_prints_github_annotations_under_actions(project):
    result = run_careguide("lint", "--today", "2027-10-01", root=_bad_project(project), env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::warning file=docs/a-page.md,line=4,title=review-dates::"
        "the review is due on 2027-11-20, in 50 days; book it with the clinical reviewer",
        '::error file=docs/a-page.md,line=10,title=efficacy-promise::'
        '"Ketamine is a miracle." calls it a miracle; describe what it does in plain words',
    ]


def test_warnings_alone_do_not_fail_the_command(project):
    (project / "docs" / "a-page.md").write_text(
        FRONT + EASY + "\nIt is used off-label. Someone else must take you home. Do not drive for 24 hours.\n"
    )
    result = run_careguide("lint", "--today", "2027-10-01", root=project)
    assert result.returncode == 0, result.stderr
    assert "0 error(s), 1 warning(s)" in result.stderr


def test_annotation_escapes_newlines_and_percent():
    finding = Finding("docs/a,b.md", 3, "banned-claim", '"100% safe" says\nso')
    assert finding.github_annotation() == "::error file=docs/a%2Cb.md,line=3,title=banned-claim::\"100%25 safe\" says%0Aso"


def test_lint_runs_with_the_network_unplugged():
    """The whole command, in a network namespace with no interfaces (we run as root)."""
    result = subprocess.run(
        ["unshare", "--net", *CAREGUIDE, "--root", str(ROOT), "lint"],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
