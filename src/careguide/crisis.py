"""The crisis guidance, in one place: which pages must carry it, and what a phone link dials.

A patient in trouble taps the number the page shows. So a `tel:` or `sms:` link dials
exactly the number its text shows (`[911](tel:9111)` would ring a wrong number) and is short
enough never to need a line break (it never gets one), and the
911 and 988 guidance cannot be deleted from the pages that give it. `careguide lint`
checks the pages' source on the editor's line (lint/crisis.py); the build checks the
built pages too, where templates, macros and UI strings have had their say (`check_built`).
"""

from __future__ import annotations

from bs4 import BeautifulSoup

# What each page's body must hold, in every language: links that dial a crisis line, and
# the call boxes (`!!! call-911`) that say when to use it.
REQUIRED = {
    "index.md": ("tel:911", "tel:988"),
    "first-24-hours.md": ("tel:911", "call-911"),
    "side-effects.md": ("tel:911", "tel:988", "call-911", "call-988"),
    "contact.md": ("tel:911", "tel:988"),
    "faq.md": ("tel:911", "tel:988"),
}
WHAT = {
    "tel:911": "a link that dials 911 ([911](tel:911))",
    "tel:988": "a link that dials 988 ([988](tel:988))",
    "call-911": 'the "call 911" box (!!! call-911)',
    "call-988": 'the "call or text 988" box (!!! call-988)',
}
# A phone link never wraps (careguide.css: "410-555-" / "0143" must not happen), so its whole
# text is one unbreakable run: a sentence made into a link pushed the Spanish home page to 604 px
# on a 320 px phone. The longest text the guide links (envíe un mensaje de texto al 988) fits.
MAX_LINK_TEXT = 32  # characters
# Macros whose output carries crisis links (a test renders them to keep this true).
MACRO_LINKS = {"emergency_numbers": ("tel:911", "tel:988")}


def digits(text: str) -> str:
    """The number a patient would dial: ASCII digits only, without the US country code."""
    found = "".join(character for character in text if character in "0123456789")
    return found[1:] if len(found) == 11 and found.startswith("1") else found


def link_problem(href: str, text: str) -> str | None:
    """Why a tel:/sms: link with this visible text is wrong, or None."""
    scheme, _, number = href.partition(":")
    dialled, shown = digits(number.split("?")[0]), digits(text)
    if not dialled:
        return f"the link {href!r} dials no number: write the number in plain digits 0-9"
    if not shown:
        return f"the link text {text.strip()!r} shows no number but the link dials {dialled}: show the number it dials"
    if shown != dialled:
        return f"the link text shows {shown} but the link dials {dialled}: a {scheme}: link must dial the number it shows"
    words = " ".join(text.split())
    if len(words) > MAX_LINK_TEXT:
        return (
            f"the link text {words!r} is {len(words)} characters, and a phone link never wraps, so on a small phone it "
            f"would make the page wider than the screen: make only the number, or a few words with it (at most "
            f"{MAX_LINK_TEXT} characters), the link"
        )
    return None


class CrisisGuidanceBroken(Exception):
    pass


def check_built(html: str, source: str, required: tuple[str, ...], body: str = ".cg-page-body") -> None:
    """One built page: every phone link dials what it shows (call bar and footer included),
    and the body (the element `body` selects) holds its required guidance. `source` names
    the page for the message. The printed handouts are checked the same way (handout.py)."""
    soup = BeautifulSoup(html, "html.parser")
    for link in soup.select('a[href^="tel:"], a[href^="sms:"]'):
        problem = link_problem(link["href"], link.get_text())
        if problem:
            raise CrisisGuidanceBroken(f"{source}: {problem} (in the built page: check the templates and strings.yml)")
    body = soup.select_one(body)
    for item in required:
        scheme, _, name = item.partition(":")
        found = body and (body.select_one(f'a[href="{item}"]') if name else body.select_one(f".admonition.{item}"))
        if not found:
            raise CrisisGuidanceBroken(
                f"{source}: the built page lacks {WHAT[item]}: this page must give the crisis guidance in every "
                "language; restore it (git log -p on the page shows what was removed)"
            )
