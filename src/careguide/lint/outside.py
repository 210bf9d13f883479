"""Outside resources and template reach: a page may only use what the project ships.

A patient guide must not load anything from another site (privacy: the patient's visit
would be told to a third party; and the page would change without review), and a page's
Jinja must not include files from outside the page folder (`{% include '../mkdocs.yml' %}`
would print the configuration). Links (`[text](https://...)`) stay allowed: they load
nothing until the patient follows them.
"""

from __future__ import annotations

import re

from .findings import Finding
from .page import Page

_OUTSIDE_URL = r"(?:[a-z][a-z0-9+.-]*:)?//"  # https://, http://, //cdn..., data: is not loaded from outside
_RULES = (
    (re.compile(r"<\s*(script|iframe|object|embed|link|frame|frameset|applet|base|meta)\b", re.I),
     "a <{0}> tag loads or runs content the guide does not control; remove it"),
    (re.compile(r"!\[[^\]]*\]\(\s*<?" + _OUTSIDE_URL, re.I),
     "this image is loaded from another site; save it under docs/assets/ and link it from there"),
    (re.compile(r"<\s*(?:img|source|video|audio|track|input)\b[^>]*\b(?:src|srcset|poster)\s*=\s*[\"']?\s*" + _OUTSIDE_URL, re.I),
     "this image or media is loaded from another site; save it under docs/assets/ and link it from there"),
    (re.compile(r"url\(\s*[\"']?\s*" + _OUTSIDE_URL, re.I),
     "this CSS url() loads from another site; save the file under docs/assets/"),
    (re.compile(r"@import\b", re.I), "CSS @import loads another style sheet; put styles in docs/assets/careguide.css"),
)
# Pages include nothing today; the only thing a page may pull in is a snippet under docs/.
_INCLUDE = re.compile(r"\{%-?\s*(include|import|from|extends)\b(.*?)-?%\}", re.S)


def check(page: Page, context) -> list[Finding]:
    found = []
    for line in page.body_lines():
        if line.in_code:  # shown as text, never loaded
            continue
        for pattern, message in _RULES:
            match = pattern.search(line.text)
            if match:
                found.append(Finding(page.name, line.number, "outside-resource", message.format(*match.groups())))
    body = page.body
    for match in _INCLUDE.finditer(body):
        number = body.count("\n", 0, match.start()) + page.body_start
        found.append(Finding(
            page.name, number, "template-include",
            f"`{{% {match.group(1)} %}}` lets a page pull in other files (even the site's configuration); "
            "pages may not include, import or extend templates: use a macro from careguide.views",
        ))
    return found
