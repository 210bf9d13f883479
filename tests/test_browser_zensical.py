"""The same guide built with Zensical, in Chromium: every page of one clinic in both
languages requests nothing from other hosts, logs no errors (the security policy
included), has zero axe violations in both palettes and the clinic's phone on the first
screen of a phone. The MkDocs build gets these checks, and more, in test_browser.py."""

from __future__ import annotations

import re

import pytest

from browser_checks import (
    PHONE_VIEWPORT,
    LocalSite,
    axe_violations,
    first_screen_phone_link,
    keep_requests_local,
    settle_instantly,
    third_party_requests,
    use_palette,
)
from conftest import PAGES, ROOT
from careguide.clinic_file import load_clinic
from test_browser import page_path

pytestmark = pytest.mark.browser

CLINIC = "example-rockville"


@pytest.fixture(scope="module")
def zensical_site(engine_site):
    served = LocalSite(engine_site("zensical").root)
    yield served
    served.close()


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("page_name", PAGES, ids=lambda v: v.removesuffix(".md"))
def test_a_zensical_page_is_private_quiet_accessible_and_shows_the_phone(browser, zensical_site, page_name, lang):
    context = browser.new_context(viewport=PHONE_VIEWPORT)
    keep_requests_local(context)
    settle_instantly(context)
    page = context.new_page()
    urls, errors = [], []
    page.on("request", lambda request: urls.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(zensical_site.url(page_path(CLINIC, page_name, lang)), wait_until="load")
        assert page.evaluate("document.documentElement.lang") == lang
        phone = first_screen_phone_link(page)
        light = axe_violations(page)
        use_palette(page, "slate")
        dark = axe_violations(page)
    finally:
        context.close()
    assert third_party_requests(urls) == []
    assert errors == []
    assert light == [] and dark == []
    digits = re.sub(r"\D", "", load_clinic(ROOT / "clinics" / f"{CLINIC}.yml", root=ROOT).phone)
    assert phone["in_first_screen"], phone
    assert re.sub(r"\D", "", phone["text"]) == digits
