"""When an engine stops on an editor's mistake, the editor gets one line naming their file
(the Spanish file for a Spanish page) and the line, from either engine, and no traceback."""

from __future__ import annotations

import pytest

from conftest import ENGINES, insert_lines, run_careguide

BROKEN_LINK_FIX = "link to a page of the guide by its file name, like [questions people ask](faq.md)"
UNKNOWN_NAME_FIX = "use a clinic detail CONTRIBUTING.md lists, like {{ clinic_phone() }} (careguide lint suggests the name)"


def append_line(project, page: str, text: str) -> int:
    path = project / "docs" / page
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, "", text]) + "\n", encoding="utf-8")
    return len(lines) + 2


def build_fails(project, tmp_path, engine: str) -> str:
    result = run_careguide("build", "--engine", engine, "--clinic", "test-baltimore", "--site-dir", str(tmp_path / "out"), root=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "File \"" not in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()
    return result.stderr.splitlines()[0]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_broken_link_in_a_spanish_page_names_the_spanish_file_and_line(project_copy, tmp_path, engine):
    line = append_line(project_copy, "faq.es.md", "Vea [la página](no-existe.md).")
    said = build_fails(project_copy, tmp_path, engine)
    why = {"mkdocs": "the link to no-existe.md is broken (the target is not found among documentation files)",
           "zensical": "page does not exist"}[engine]
    assert said == f"test-baltimore: build failed: docs/faq.es.md:{line}: {why}: {BROKEN_LINK_FIX}"


@pytest.mark.parametrize("engine", ENGINES)
def test_a_misspelt_macro_names_the_file_and_its_real_line_past_the_front_matter(project_copy, tmp_path, engine):
    line = append_line(project_copy, "faq.md", "Call us at {{ clinc_phone() }}.")
    said = build_fails(project_copy, tmp_path, engine)
    assert said == (
        f"test-baltimore: build failed: docs/faq.md:{line}: UndefinedError: 'clinc_phone' is undefined: {UNKNOWN_NAME_FIX}"
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_a_macro_written_without_its_brackets_stops_the_build_instead_of_printing_a_function(project_copy, tmp_path, engine):
    line = append_line(project_copy, "contact.es.md", "Llámenos al {{ clinic_phone }}.")
    said = build_fails(project_copy, tmp_path, engine)
    assert said == (
        f"test-baltimore: build failed: docs/contact.es.md:{line}: {{{{ clinic_phone }}}} is a macro: "
        "write {{ clinic_phone() }}"
    )


def test_an_optional_value_a_clinic_left_out_stops_the_build_instead_of_printing_none(project_copy, tmp_path):
    # test-rockville has no email; lint refuses this line for every clinic (optional-value).
    line = append_line(project_copy, "contact.md", "Write to {{ clinic.email }}.")
    result = run_careguide("build", "--clinic", "test-rockville", "--site-dir", str(tmp_path / "out"), root=project_copy)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"test-rockville: build failed: docs/contact.md:{line}: {{{{ clinic.email }}}} is empty for this clinic: "
        "print it only inside an if block that tests clinic.email, as docs/faq.md does for eating_and_drinking"
    )


NEVER_CLOSED_IF = "this {% if %} is never closed: add {% endif %} where its part ends"


@pytest.mark.parametrize("engine", ENGINES)
def test_an_if_left_open_is_named_where_it_opens_not_at_the_end_of_the_page(project_copy, tmp_path, engine):
    line = insert_lines(project_copy, "faq.md", 12, "{% if clinic.email %}Write to us.")
    said = build_fails(project_copy, tmp_path, engine)
    assert said == f"test-baltimore: build failed: docs/faq.md:{line}: {NEVER_CLOSED_IF}"


@pytest.mark.parametrize("engine", ENGINES)
def test_an_end_tag_that_closes_nothing_in_a_spanish_page_is_named_on_its_line(project_copy, tmp_path, engine):
    line = insert_lines(project_copy, "faq.es.md", 12, "Llámenos.{% endfor %}")
    said = build_fails(project_copy, tmp_path, engine)
    assert said == (
        f"test-baltimore: build failed: docs/faq.es.md:{line}: "
        "{% endfor %} closes nothing: remove it, or add the {% for %} it belongs to"
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_an_if_left_open_inside_a_closed_for_is_named_on_the_if_line(project_copy, tmp_path, engine):
    first = insert_lines(
        project_copy, "contact.es.md", 12,
        "{% for location in clinic.locations %}", "{{ location.name }}", "{% if location.city %}{{ location.city }}",
        "{% endfor %}",
    )
    said = build_fails(project_copy, tmp_path, engine)
    assert said == f"test-baltimore: build failed: docs/contact.es.md:{first + 2}: {NEVER_CLOSED_IF}"
