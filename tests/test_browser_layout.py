"""Every page in Chromium at the narrowest phone width, in both languages: no phone number is
ever split across lines, anywhere on the page (text, call boxes, call bar), and no page is
wider than the screen (a phone would zoom the whole page out and shrink its text)."""

from __future__ import annotations

import pytest

from browser_checks import LocalSite, keep_requests_local, settle_instantly
from conftest import CLINIC_IDS, PAGES
from test_browser import page_path

pytestmark = pytest.mark.browser

NARROWEST = {"width": 320, "height": 640}

# Each phone link that is shown, with the number of line boxes its text takes.
SPLIT_NUMBERS = """() => [...document.querySelectorAll('a[href^="tel:"], a[href^="sms:"]')]
  .filter(a => a.getClientRects().length > 0 && getComputedStyle(a).visibility !== 'hidden')
  .map(a => {
    const range = document.createRange();
    range.selectNodeContents(a);
    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
    return [a.textContent.trim(), tops.size];
  })
  .filter(([, lines]) => lines > 1)"""


# What sticks out past the right edge of the screen: the innermost elements, with their text.
WIDER_THAN_SCREEN = """() => innerWidth >= document.documentElement.scrollWidth ? [] :
  [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > innerWidth + 1 && ![...e.children].some(c => c.getBoundingClientRect().right > innerWidth + 1))
    .map(e => e.textContent.trim().slice(0, 80))"""


@pytest.fixture(scope="module")
def narrow(browser, built_site):
    """For each clinic and language, each page's split numbers and what sticks out, at 320 px."""
    site = LocalSite(built_site.root)
    seen: dict[tuple, dict] = {}

    def get(clinic_id: str, lang: str) -> dict:
        if (clinic_id, lang) not in seen:
            context = browser.new_context(viewport=NARROWEST)
            keep_requests_local(context)
            settle_instantly(context)
            page = context.new_page()
            found = {}
            try:
                for page_name in PAGES:
                    page.goto(site.url(page_path(clinic_id, page_name, lang)), wait_until="load")
                    found[page_name] = {"split": page.evaluate(SPLIT_NUMBERS), "wider": page.evaluate(WIDER_THAN_SCREEN)}
            finally:
                context.close()
            seen[clinic_id, lang] = found
        return seen[clinic_id, lang]

    yield get
    site.close()


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_no_phone_number_wraps_at_320_px(narrow, clinic_id, lang):
    split = {name: seen["split"] for name, seen in narrow(clinic_id, lang).items() if seen["split"]}
    assert split == {}


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_no_page_is_wider_than_a_320_px_phone(narrow, clinic_id, lang):
    wider = {name: seen["wider"] for name, seen in narrow(clinic_id, lang).items() if seen["wider"]}
    assert wider == {}
