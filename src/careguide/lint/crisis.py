"""Crisis guidance in the pages' source: phone links dial what they show, and the pages
that give the 911 and 988 guidance keep it, in every language (careguide.crisis)."""

from __future__ import annotations

import re

from ..crisis import MACRO_LINKS, REQUIRED, WHAT, link_problem
from .findings import Finding
from .page import Page

_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?((?:tel|sms):[^)\s>]*)")
_HTML_LINK = re.compile(r"""<a\b[^>]*\bhref\s*=\s*["']?((?:tel|sms):[^"'\s>]*)[^>]*>(.*?)</a\s*>""", re.I | re.S)
_BOX = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s+(call-911|call-988)\b")
_MACRO_CALL = re.compile(r"\{\{-?\s*(\w+)\s*\(")


def english_name(page: Page) -> str:
    """docs/faq.es.md -> faq.md: the page's identity, whatever its language."""
    return re.sub(r"\.[a-z]{2}\.md$", ".md", page.name.removeprefix("docs/"))


def check(page: Page, context) -> list[Finding]:
    found, present = [], set()
    for line in page.body_lines():
        if line.in_code:
            continue
        links = [(href, text) for text, href in _MARKDOWN_LINK.findall(line.text)]
        links += _HTML_LINK.findall(line.text)
        for href, text in links:
            present.add(href)
            problem = link_problem(href, re.sub(r"<[^>]+>", "", text))
            if problem:
                found.append(Finding(page.name, line.number, "crisis-link", f"{problem}; write it like [911](tel:911)"))
        box = _BOX.match(line.text)
        if box:
            present.add(box.group(1))
        for macro in _MACRO_CALL.findall(line.text):
            present.update(MACRO_LINKS.get(macro, ()))
    for item in REQUIRED.get(english_name(page), ()):
        if item not in present:
            found.append(Finding(
                page.name, page.body_start, "crisis-guidance",
                f"this page must keep {WHAT[item]} in every language: restore it (git log -p {page.name} shows what was removed)",
            ))
    return found
