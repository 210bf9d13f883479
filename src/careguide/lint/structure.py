"""Structure: what screen-reader users and skimmers rely on.

One H1 per page, headings that go down one level at a time, alt text on every image, and
link text that says where the link goes (not "click here", "here" or a bare address).
"""

from __future__ import annotations

import re

from .findings import Finding
from .page import Page

MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.I)
HTML_ALT = re.compile(r"""\balt\s*=\s*("([^"]*)"|'([^']*)')""", re.I)
MD_LINK = re.compile(r"(?<!!)\[([^\]]*)\](\([^)]*\)|\[[^\]]*\])")
HTML_LINK = re.compile(r"<a\b[^>]*>(.*?)</a>", re.I)
AUTOLINK = re.compile(r"<((https?|ftp)://[^>\s]+|www\.[^>\s]+)>", re.I)
VAGUE = {"click here", "here", "click", "this link", "link", "more", "read more", "this page", "this"}
BARE_URL = re.compile(r"^((https?|ftp)://|www\.)\S+$|^[\w-]+(\.[\w-]+)*\.(org|com|gov|net|edu|io|us)(/\S*)?$", re.I)


def _headings(page: Page) -> list[Finding]:
    found = []
    headings = page.headings()
    h1s = [h for h in headings if h[1] == 1]
    if not h1s:
        found.append(Finding(page.name, page.body_start, "single-h1",
                             "the page has no title heading; start it with one line like `# What to expect`"))
    for line, _, title in h1s[1:]:
        found.append(Finding(page.name, line, "single-h1",
                             f'"# {title}" is a second H1; a page has one. Use "## {title}" for a section'))
    previous = 0
    for line, level, title in headings:
        if previous and level > previous + 1:
            found.append(Finding(
                page.name, line, "heading-order",
                f'"{"#" * level} {title}" skips from H{previous} to H{level}; use {"#" * (previous + 1)} '
                "so screen readers see the page's outline",
            ))
        previous = level
    return found


def _images(page: Page, number: int, text: str) -> list[Finding]:
    found = []
    for match in MD_IMAGE.finditer(text):
        if not match.group(1).strip():
            found.append(Finding(page.name, number, "image-alt",
                                 f"the image {match.group(2)} has no alt text; describe it: ![what it shows]({match.group(2)})"))
    for match in HTML_IMAGE.finditer(text):
        alt = HTML_ALT.search(match.group(0))
        if not alt or not (alt.group(2) or alt.group(3) or "").strip():
            found.append(Finding(page.name, number, "image-alt",
                                 f'{match.group(0)} has no alt text; add alt="what it shows"'))
    return found


def _links(page: Page, number: int, text: str) -> list[Finding]:
    found = []
    texts = [m.group(1) for m in MD_LINK.finditer(text)] + [m.group(1) for m in HTML_LINK.finditer(text)]
    for link_text in texts:
        plain = re.sub(r"<[^>]+>|[*_`]", "", link_text).strip()
        if plain.lower().rstrip(".") in VAGUE:
            found.append(Finding(page.name, number, "link-text",
                                 f'the link text "{plain}" does not say where it goes; use the page or action, '
                                 'like "read about side effects"'))
        elif BARE_URL.match(plain):
            found.append(Finding(page.name, number, "link-text",
                                 f'the link text is a bare address ({plain}); use words that say where it goes'))
    for match in AUTOLINK.finditer(text):
        found.append(Finding(page.name, number, "link-text",
                             f"the link <{match.group(1)}> shows a bare address; write [words that say where it goes]({match.group(1)})"))
    return found


def check(page: Page, context) -> list[Finding]:
    found = _headings(page)
    for line in page.body_lines():
        if not line.in_code:
            found += _images(page, line.number, line.text) + _links(page, line.number, line.text)
    return found
