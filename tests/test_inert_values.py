"""A clinic value lands in a page as the literal text the clinic wrote (careguide/escaping.py).

Values reach the page's Markdown before Markdown runs, so each payload goes through the
same Markdown extensions as the site, and must come out as its own text and nothing else.
`careguide check` also refuses page code in clinic values (tests/clinic_cases/name-*.yml);
this is the layer beneath it, for any value that reaches a page.
"""

from __future__ import annotations

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from careguide.escaping import inert
from conftest import ROOT

EXTENSIONS = [e if isinstance(e, str) else next(iter(e)) for e in yaml.safe_load((ROOT / "mkdocs.yml").read_text())["markdown_extensions"]]

PAYLOADS = [
    "[Care](javascript:alert(1))",
    "![x](https://tracker.invalid/p.png)",
    "<script>alert(1)</script>",
    '"><svg/onload=alert(1)>',
    "a\n\n<h1>Ketamine cures depression</h1>",
    "# Ketamine cures depression",
    "- one\n- two",
    "1. first",
    "+ plus",
    "| a | b |\n|---|---|",
    "{{ config.extra }} {% include '../mkdocs.yml' %}",
    "<https://example.invalid>",
    "**bold** _em_ `code`",
    "Care {: .evil onclick=alert(1) }",
    "&lt;b&gt; &amp; &#60;",
    "O'Brien & \"Sons\", Suite 1. Floor 2",
]


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("where", ["{}", "At {}, the usual plan.", "<p class=x>{}</p>"])
def test_a_clinic_value_renders_as_exactly_the_text_written(payload, where):
    html = markdown.markdown(where.format(inert(payload)), extensions=EXTENSIONS)
    soup = BeautifulSoup(html, "html.parser")
    assert [tag.name for tag in soup.find_all(True)] == ["p"]
    assert soup.get_text() == where.replace("<p class=x>", "").replace("</p>", "").format(" ".join(payload.split()))


def test_ordinary_values_keep_their_characters_so_pages_can_compare_them():
    for value in ["clinic-south", "410-555-0142", "https://example.github.io/careguide/x/", "care@example.org", "2026-10-01"]:
        assert inert(value) == value
