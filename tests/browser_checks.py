"""What the browser tests check, as small functions that can be shown to fail.

Pure checkers (`third_party_requests`, `heading_level_skips`) take plain data; the
browser helpers (`axe_violations`, `search_results`, ...) take a Playwright page.
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

CHROMIUM = "/usr/bin/chromium"
# We run as root (no sandbox); the background-networking flags stop Chromium itself from
# calling Google, so every request the tests see comes from the page.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE_VIEWPORT = {"width": 375, "height": 667}  # iPhone SE: a small phone in common use
LOCAL_HOST = "127.0.0.1"

_AXE = Axe()


# --- serving the built site -------------------------------------------------------------

class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep pytest output clean
        pass


class LocalSite:
    """A folder served on 127.0.0.1 at an ephemeral port, from a background thread."""

    def __init__(self, folder: Path):
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self._server = ThreadingHTTPServer((LOCAL_HOST, 0), handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        self.base_url = f"http://{LOCAL_HOST}:{self._server.server_port}/"

    def url(self, path: str) -> str:
        return self.base_url + path.lstrip("/")

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def keep_requests_local(context) -> None:
    """Abort any request to another host, so a failing page never reaches the internet.
    The page's `request` event still fires first, so the checks below still see it."""

    def route(route):
        if urlsplit(route.request.url).hostname == LOCAL_HOST:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", route)


# --- pure checkers ----------------------------------------------------------------------

def third_party_requests(urls: list[str], allowed_host: str = LOCAL_HOST) -> list[str]:
    """Every requested URL that goes to a host other than `allowed_host`.
    data: and blob: URLs stay inside the page and are not requests to anyone."""
    return [
        url
        for url in urls
        if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != allowed_host
    ]


def heading_level_skips(levels: list[int]) -> list[str]:
    """Where a page's headings skip a level (h2 then h4), or do not start at one h1.
    Screen-reader users move through a page by its headings; a skipped level reads as a
    missing section. (axe's `heading-order` rule is best practice, outside the WCAG tags,
    so we check it ourselves.)"""
    problems = []
    if not levels or levels[0] != 1:
        problems.append(f"first heading is h{levels[0] if levels else '-'}, expected h1")
    if levels.count(1) > 1:
        problems.append(f"{levels.count(1)} h1 headings, expected 1")
    for before, after in zip(levels, levels[1:]):
        if after > before + 1:
            problems.append(f"h{before} followed by h{after}")
    return problems


# --- browser helpers --------------------------------------------------------------------

def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now, one line each.
    No rule is disabled and no element excluded."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = _AXE.run(page, options=options).response
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in results["violations"]
    ]


def content_heading_levels(page) -> list[int]:
    """Heading levels of the article, in order (Material's header and nav use no headings
    that a reader navigates by inside the content)."""
    return page.eval_on_selector_all(
        "article.md-content__inner :is(h1,h2,h3,h4,h5,h6)",
        "els => els.map(e => Number(e.tagName[1]))",
    )


# Material fades colours and the search dialog in (125-250 ms). axe measures contrast on
# the colours of the moment, so a check that lands mid-fade sees half-transparent text and
# reports it; on a busy machine fixed waits are not enough. Pages under test get every
# transition and animation switched off, so each check sees the colours a reader sees once
# the page has settled. No rule is relaxed: only the timing is taken out.
# A constructed style sheet, not a <style> element: the pages' Content-Security-Policy
# allows no inline style the theme did not ship, and the tests must not need an exception.
NO_TRANSITIONS = """
document.addEventListener("DOMContentLoaded", () => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync("*, *::before, *::after { transition: none !important; animation: none !important; }");
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
});
"""


def settle_instantly(context) -> None:
    """Switch off transitions and animations on every page of this browser context."""
    context.add_init_script(NO_TRANSITIONS)


def use_palette(page, scheme: str) -> None:
    """Switch Material's palette the way its toggle does (`default` light, `slate` dark)."""
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    page.wait_for_timeout(300)  # let Material's colour transitions (125-250 ms) finish first


def open_search(page) -> None:
    """Open the search box the way a patient does: tap the search button in the header
    (phones), or click into the box (wide screens, where it is always shown)."""
    button = page.locator(".cg-search__open")
    if button.is_visible():
        button.click()
    else:
        page.locator(".cg-search__input").click()
    page.locator(".cg-search__input").wait_for(state="visible")


def search_results(page, query: str) -> list[str]:
    """Type `query` into the open search box, key by key; the result pages' paths, best first."""
    box = page.locator(".cg-search__input")
    box.fill("")
    box.press_sequentially(query)
    page.wait_for_function("q => document.querySelector('[data-cg-search]').dataset.answered === q", arg=query)
    assert page.locator(".cg-search__status").is_visible()
    hrefs = page.eval_on_selector_all(".cg-search__results a", "els => els.map(e => e.href)")
    return [urlsplit(h).path for h in hrefs]


def covered_by_another_element(page, selector: str) -> list[str]:
    """The first element matching `selector`, if something else is drawn over the centre of
    its first line: [that element's tag and class], or [] when a tap there reaches it."""
    return page.eval_on_selector(
        selector,
        """el => { const r = el.getClientRects()[0];
                   const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                   return top && (top === el || el.contains(top)) ? [] : [top ? top.tagName + '.' + top.className : 'nothing'] }""",
    )


# What the site's pages will carry (the lead's Content-Security-Policy meta tag): scripts from
# the site's own files only, and WebAssembly compiled from them (Pagefind's).
SCRIPT_POLICY = "script-src 'self' 'wasm-unsafe-eval'"
RECORD_POLICY_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e => window.__violations.push(e.blockedURI + " " + e.effectiveDirective));
"""


def serve_under_script_policy(context) -> None:
    """Every HTML page of this context gets SCRIPT_POLICY as a response header (what a CSP
    meta tag does), and records each violation in window.__violations."""

    def with_policy(route):
        response = route.fetch()
        if "text/html" not in response.headers.get("content-type", ""):
            route.fulfill(response=response)
            return
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": SCRIPT_POLICY})

    context.route(lambda url: urlsplit(url).hostname == LOCAL_HOST, with_policy)
    context.add_init_script(RECORD_POLICY_VIOLATIONS)


def first_screen_phone_link(page) -> dict:
    """The call bar's first phone link: its href, text and whether it is fully inside the
    viewport with the page scrolled to the top."""
    page.evaluate("window.scrollTo(0, 0)")
    link = page.locator(".cg-call-bar a[href^='tel:']").first
    box = link.bounding_box()
    viewport = page.viewport_size
    inside = (
        box is not None
        and link.is_visible()
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= viewport["width"]
        and box["y"] + box["height"] <= viewport["height"]
    )
    return {"href": link.get_attribute("href"), "text": link.inner_text(), "in_first_screen": inside}
