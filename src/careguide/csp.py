"""The Content-Security-Policy of every built page: the site itself, nothing else.

The policy is a `<meta>` at the top of `<head>` (GitHub Pages cannot send headers). It is
written over the built HTML, so it holds for every engine. The theme's own inline scripts
and styles (Material's `__md_scope` bootstrap differs per page: it names the page's depth)
are allowed by their SHA-256 hashes; nothing else inline is: no event-handler attributes,
no `javascript:` URLs, no script added to the page after it loads.

Hashing whatever is in a page would bless an injected script too, so only the theme's
markup is hashed: the page body (`div.cg-page-body`, where the editors' Markdown lands)
may hold no inline script or style at all, and a page whose body does is a build error.
Clinic values are refused or escaped before they get anywhere (fields.py, escaping.py).
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

PAGE_BODY_CLASS = "cg-page-body"  # overrides/partials/content.html
SCRIPT_TYPES = {None, "", "text/javascript", "module", "application/javascript"}  # the types a browser runs

# 'wasm-unsafe-eval' lets the search's WebAssembly run (compiled from a file of the site);
# it allows no eval() of JavaScript. data: images are the theme's CSS icons.
POLICY = (
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'{scripts}; style-src 'self'{styles}; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
    "form-action 'self'; base-uri 'self'"
)
# After <meta charset> when it comes first (it must stay in the first 1024 bytes), and
# before any script or style (a meta policy covers only what follows it).
_HEAD = re.compile(r"<head\b[^>]*>(?:\s*<meta charset=[^>]*>)?", re.I)


class UnsafePage(Exception):
    pass


class _InlineCode(HTMLParser):
    """Collects a page's inline scripts and styles, and where each one is."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.in_body: list[str] = []  # what the page body holds that it must not
        self._open: tuple[str, list[str]] | None = None
        self._text: list[str] = []
        self._depth = 0  # open <div>s, counted from the page body's own
        self._body_at: int | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        inside = self._body_at is not None
        if tag == "div":
            self._depth += 1
            if not inside and PAGE_BODY_CLASS in (attributes.get("class") or "").split():
                self._body_at = self._depth
        handlers = sorted(name for name in attributes if name.startswith("on"))
        if handlers:
            self.in_body.append(f"an event handler ({handlers[0]}=) on <{tag}>")
        if tag == "script" and not attributes.get("src") and attributes.get("type") in SCRIPT_TYPES:
            self._start(tag, self.scripts, inside)
        elif tag == "style":
            self._start(tag, self.styles, inside)

    def _start(self, tag: str, into: list[str], inside: bool) -> None:
        if inside:
            self.in_body.append(f"an inline <{tag}>")
        self._open, self._text = (tag, into), []

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            self._open[1].append("".join(self._text))
            self._open = None
        if tag == "div":
            if self._body_at == self._depth:
                self._body_at = None
            self._depth -= 1

    def handle_data(self, data):
        if self._open:
            self._text.append(data)


def _hashes(sources: list[str]) -> str:
    digests = sorted({base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() for text in sources})
    return "".join(f" 'sha256-{digest}'" for digest in digests)


def policy_for(html: str) -> str:
    """The page's policy; UnsafePage if the page holds code that no policy should allow."""
    found = _InlineCode()
    found.feed(html)
    found.close()
    if found.in_body:
        raise UnsafePage(found.in_body[0])
    return POLICY.format(scripts=_hashes(found.scripts), styles=_hashes(found.styles))


def protect(page: Path, source_name: str) -> None:
    """Write the policy into one built page; refuse a page that holds inline code."""
    html = page.read_text(encoding="utf-8")
    try:
        policy = policy_for(html)
    except UnsafePage as unsafe:
        raise UnsafePage(
            f"{source_name}: the built page holds {unsafe}: pages may not run code; "
            "remove it (styles go in docs/assets/careguide.css)"
        ) from None
    head = _HEAD.search(html)
    if head is None:
        raise UnsafePage(f"{source_name}: the built page has no <head>: the theme's main.html must keep one")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    page.write_text(html[: head.end()] + meta + html[head.end():], encoding="utf-8")


def protect_site(site: Path, sources: dict[Path, str], skip: set[Path]) -> None:
    """Protect every page of one language's built site; `sources` names the guide's pages
    (built file -> docs/ file, for the message), `skip` holds other languages' folders."""
    for page in sorted(site.rglob("*.html")):
        if not any(page.is_relative_to(folder) for folder in skip):
            protect(page, sources.get(page, page.relative_to(site).as_posix()))
