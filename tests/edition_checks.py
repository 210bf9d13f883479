"""Do the English and Spanish editions say the same things where it matters?

Plain functions over built HTML, so the tests can run them on the real site and on
edited copies. An English page and its Spanish twin must have:
- the same headings (count and levels, in order),
- the same urgent callouts (call-clinic, call-911, call-988 admonitions, in order),
  each with the same tel: numbers,
- the same phone numbers (every tel: link of the page, with its count),
and the Spanish page must be made from the Spanish source (NAME.es.md), not the English
one shown in its place.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

URGENT = ("call-clinic", "call-911", "call-988")
HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def heading_levels(soup: BeautifulSoup) -> list[int]:
    return [int(h.name[1]) for h in soup.select_one("article").find_all(HEADINGS)]


def urgent_callouts(soup: BeautifulSoup) -> list[tuple[str, list[str]]]:
    """Each urgent admonition of the page, in order: (type, its tel: links)."""
    found = []
    for box in soup.select_one("article").select(".admonition"):
        kinds = [c for c in box.get("class", []) if c in URGENT]
        if kinds:
            found.append((kinds[0], sorted(a["href"] for a in box.select('a[href^="tel:"]'))))
    return found


def phone_numbers(soup: BeautifulSoup) -> Counter:
    """Every tel: link on the page (call bar, content, footer), with how often it appears."""
    return Counter(a["href"] for a in soup.select('a[href^="tel:"]'))


def source_file(soup: BeautifulSoup) -> str | None:
    """The Markdown file the page was made from, read off Material's "edit this page" link."""
    edit = soup.select_one("a.md-content__button[href]")
    return edit["href"].rsplit("/", 1)[-1] if edit else None


def edition_differences(english_html: str, spanish_html: str) -> list[str]:
    """What differs between an English page and its Spanish twin; [] when they match."""
    en, es = _soup(english_html), _soup(spanish_html)
    problems = []
    if (source := source_file(es)) and not source.endswith(".es.md"):
        problems.append(f"the Spanish page is made from {source}, not from a Spanish .es.md file")
    if heading_levels(en) != heading_levels(es):
        problems.append(f"headings differ: English {heading_levels(en)}, Spanish {heading_levels(es)}")
    if urgent_callouts(en) != urgent_callouts(es):
        problems.append(f"urgent callouts differ: English {urgent_callouts(en)}, Spanish {urgent_callouts(es)}")
    if phone_numbers(en) != phone_numbers(es):
        only_en = sorted((phone_numbers(en) - phone_numbers(es)).elements())
        only_es = sorted((phone_numbers(es) - phone_numbers(en)).elements())
        problems.append(f"phone numbers differ: only in English {only_en}, only in Spanish {only_es}")
    return problems


def english_pages(clinic_site: Path) -> list[Path]:
    """The English guide pages of one clinic's built site (not es/, not the 404 page)."""
    return sorted(
        p for p in clinic_site.rglob("index.html")
        if p.relative_to(clinic_site).parts[0] not in ("es", "assets")
    )


def site_differences(clinic_site: Path) -> list[str]:
    """Every English page of a built clinic site checked against site/<id>/es/ (path: problem)."""
    problems = []
    for english in english_pages(clinic_site):
        relative = english.relative_to(clinic_site)
        spanish = clinic_site / "es" / relative
        if not spanish.is_file():
            problems.append(f"{relative}: no Spanish page es/{relative}")
            continue
        problems += [f"{relative}: {p}" for p in edition_differences(english.read_text(), spanish.read_text())]
    return problems
