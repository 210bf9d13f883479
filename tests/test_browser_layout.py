"""Phone numbers in Chromium at the narrowest phone width: no number is ever split
across lines, in either language, anywhere on the page (text, call boxes, call bar)."""

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


@pytest.fixture(scope="module")
def served(built_site):
    site = LocalSite(built_site.root)
    yield site
    site.close()


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("clinic_id", CLINIC_IDS)
def test_no_phone_number_wraps_at_320_px(browser, served, clinic_id, lang):
    context = browser.new_context(viewport=NARROWEST)
    keep_requests_local(context)
    settle_instantly(context)
    page = context.new_page()
    split = {}
    try:
        for page_name in PAGES:
            page.goto(served.url(page_path(clinic_id, page_name, lang)), wait_until="load")
            found = page.evaluate(SPLIT_NUMBERS)
            if found:
                split[page_name] = found
    finally:
        context.close()
    assert split == {}
